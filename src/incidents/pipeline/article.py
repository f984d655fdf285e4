"""The article as every stage sees it: its text, publication date and numbered sentences,
computed once, and the passages (joined sentences) that incidents cite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from incidents.text.counts.casualties import counts_in_evidence, fields_mentioned
from incidents.text.events.cues import cue_positions, event_is_reported
from incidents.text.language.sentences import Sentence, number_sentences
from incidents.text.places.country_prior import article_country


@dataclass(frozen=True)
class Passage:
    """Cited sentences joined by a space, with what the rules read from them, each computed
    (normalised, digitised, matched) once per passage however many stages ask."""

    text: str

    @cached_property
    def cues(self) -> dict[str, int]:
        """Event cue words: sub-event type → position of its first cue."""
        return cue_positions(self.text)

    @cached_property
    def reports_an_event(self) -> bool:
        """Whether the passage has an event cue that no threat or plan comes before."""
        return event_is_reported(self.cues)

    @cached_property
    def counts(self) -> dict[str, int]:
        """Counts stated next to casualty words: ``{"fatalities": 2, ...}``."""
        return counts_in_evidence(self.text)

    @cached_property
    def count_fields(self) -> set[str]:
        """The casualty fields the passage has a word for."""
        return fields_mentioned(self.text)


@dataclass
class Article:
    """One article (or the whole text a chunked extraction came from).

    Attributes:
        text: The text the model saw; evidence offsets index into it.
        published: Publication date, against which relative dates resolve.
        sentences: The numbered sentences, ``[1]`` first, as the prompt shows them.
    """

    text: str
    published: dt.date | None = None
    sentences: tuple[Sentence, ...] = ()
    _passages: dict[tuple[int, ...], Passage] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, text: str, published: dt.date | None = None) -> Article:
        """Split ``text`` into numbered sentences once."""
        return cls(text=text, published=published, sentences=number_sentences(text).sentences)

    @cached_property
    def country(self) -> str | None:
        """The country the article's places point to (ISO alpha-2), or None: see
        :mod:`incidents.text.places.country_prior`."""
        return article_country(self.text)

    def sentence(self, number: int) -> Sentence | None:
        """Sentence ``[number]``, or None when the article has no such sentence."""
        if 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        return None

    def passage(self, numbers: Iterable[int]) -> Passage:
        """The sentences ``numbers`` (those that exist), joined by a space, cached per set."""
        key = tuple(numbers)
        if key not in self._passages:
            found = (self.sentence(n) for n in key)
            self._passages[key] = Passage(" ".join(s.text for s in found if s is not None))
        return self._passages[key]
