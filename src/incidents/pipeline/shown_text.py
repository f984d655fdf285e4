"""What the model is shown: the article without the sentences addressed to the tool.

The stage before the prompt (``withhold_instructions``): a sentence that speaks to the model
(:mod:`incidents.text.security.instructions`) is cut out of the text before anything reads it, so
the model never sees it, no stage reads a count, a date or a place from it, and it cannot be cited.
What remains is exactly the article a reader would get by deleting those sentences: each cut
runs from the end of the kept sentence before it to the end of the withheld one (with the
closing quotes that end it), or, at the top, from the withheld sentence to the next kept one.
So the extraction of an article with hostile sentences equals the extraction of the same
article without them, and :meth:`ShownText.to_original` maps the evidence back onto the text
the caller gave.

Before anything is judged, the text is unmasked (:func:`incidents.text.security.skeleton.unmask`):
invisible characters go, look-alike letters of another script inside a word are folded. The
model and the stages read that text too, so a toll or a place written with a zero-width space
inside it is read as a reader reads it; an ordinary article is unchanged by it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from incidents.text.counts.casualties import fields_mentioned
from incidents.text.events.cues import cue_positions
from incidents.text.language.sentences import Sentence, number_sentences
from incidents.text.security.address_signals import reads_as_an_order
from incidents.text.security.instructions import opens_a_turn, why_addressed
from incidents.text.security.skeleton import Unmasked, skeleton, unmask

WITHHOLD_STAGE = "withhold_instructions"
WITHHOLD_SUMMARY = (
    "before the prompt: cut sentences addressed to the model out of what it and the stages see"
)
# The parts of the stage, each skippable on its own to measure what it earns (issue 23).
UNMASK_STAGE = "unmask_text"
SIGNALS_STAGE = "judge_by_signals"
NEIGHBOURS_STAGE = "keep_reporting_neighbours"
MARKUP_STAGE = "strip_page_markup"
DEFENCES: tuple[tuple[str, str], ...] = (
    (WITHHOLD_STAGE, WITHHOLD_SUMMARY),
    (UNMASK_STAGE, "before the prompt: invisible characters out, look-alike letters folded"),
    (SIGNALS_STAGE, "before the prompt: also withhold what reads as an order by its signals"),
    (NEIGHBOURS_STAGE, "before the prompt: never withhold a news sentence beside a fake turn"),
    (MARKUP_STAGE, "before the prompt: tags, alt text and link targets out, as a browser shows"),
)
# Closing quotes after a sentence's final stop belong to it (the splitter leaves them out),
# also a French « … » closed after a space (a straight quote after a space opens the next one).
_CLOSING = re.compile(r"(?:[\"'”»)\]]|[ \u00a0\u202f][”»])*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_FENCE = re.compile(r"(?:`{3,}|~{3,})")
# A withheld line that introduces what follows: a Markdown heading, or a line ending in ":".
_INTRODUCES = re.compile(r"^\s*#{1,6}\s|:\s*$")
# "Incident: ...", "- **Type** : Battles." — a short label, then a colon and a value.
_LABEL_LINE = re.compile(r"^\W*(?:[-*•]\s*)?(?:\*\*)?[^\W\d](?:[^:\n]{0,40}?)(?:\*\*)?\s*:\s*\S")


@dataclass(frozen=True)
class Withheld:
    """A sentence kept from the model: its number and span in the article as given, and why."""

    number: int
    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class ShownText:
    """The text the model and the stages see, and how to map its offsets back.

    Attributes:
        text: The article without the withheld sentences.
        withheld: What was cut, in article order.
        pieces: ``(shown_start, original_start)`` of each kept stretch of text, in order.
    """

    text: str
    withheld: tuple[Withheld, ...] = ()
    pieces: tuple[tuple[int, int], ...] = ((0, 0),)
    unmasked: Unmasked | None = None

    @property
    def changed(self) -> bool:
        """Whether the shown text differs from the article as given."""
        return bool(self.withheld) or (self.unmasked is not None and self.unmasked.changed)

    @classmethod
    def of(cls, text: str, *, skip: frozenset[str] = frozenset()) -> ShownText:
        """The shown text of ``text``.

        ``skip`` leaves parts of the defence out by their :data:`DEFENCES` names (ablation);
        with :data:`WITHHOLD_STAGE` in it, the shown text is the article itself.
        """
        if WITHHOLD_STAGE in skip:
            return cls(text)
        unmasked = unmask(text, hidden=UNMASK_STAGE not in skip, markup=MARKUP_STAGE not in skip)
        text = unmasked.text
        sentences = number_sentences(text).sentences
        reasons = addressed(
            text, sentences, signals=SIGNALS_STAGE not in skip,
            neighbours=NEIGHBOURS_STAGE not in skip, as_it_reads=UNMASK_STAGE not in skip,
        )  # fmt: skip
        if not reasons:
            return cls(text, unmasked=unmasked)
        withheld = tuple(
            Withheld(
                s.number, *unmasked.span_to_original(s.start, s.end), s.text,
                reasons[s.number - 1],
            )
            for s in sentences
            if s.number - 1 in reasons
        )  # fmt: skip
        cuts = _cuts(text, sentences, set(reasons))
        shown, pieces, cursor = "", [], 0
        for start, end in cuts:
            if start > cursor:
                pieces.append((len(shown), cursor))
                shown += text[cursor:start]
            cursor = end
        if cursor < len(text):
            pieces.append((len(shown), cursor))
            shown += text[cursor:]
        return cls(shown, withheld, tuple(pieces) or ((0, 0),), unmasked)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span ``[start, end)`` of the shown text as offsets into the article as given.

        Spans never cross a cut: cuts fall between sentences and a span is one sentence.
        """
        index = bisect.bisect_right([shown for shown, _ in self.pieces], start) - 1
        shown_start, original_start = self.pieces[max(index, 0)]
        shift = original_start - shown_start
        if self.unmasked is None:
            return start + shift, end + shift
        return self.unmasked.span_to_original(start + shift, end + shift)

    def as_shown(self, given: str) -> str:
        """How a stretch of the article as given reads in the shown text (unmasked as the
        whole was): what evidence mapped back must read as."""
        return given if self.unmasked is None else self.unmasked.again(given)


def addressed(
    text: str,
    sentences: tuple[Sentence, ...],
    *,
    signals: bool = True,
    neighbours: bool = True,
    as_it_reads: bool = True,
) -> dict[int, str]:
    """Index → reason for each sentence addressed to the tool.

    Each sentence is judged on its own (:func:`~incidents.text.security.instructions.why_addressed`,
    then :func:`~incidents.text.security.address_signals.reads_as_an_order`), then by its
    neighbours, because an injected block is more than its loudest line; a neighbour that reports an
    event (:func:`_reports_an_event`) is never taken with it:
    - under a bare chat-role or end-of-input marker ("<|im_start|>assistant", "END OF
      ARTICLE"), or under a withheld line that introduces what follows (a heading, a line
      ending in a colon), the rest of the paragraph is the fake turn's;
    - a quotation that a withheld sentence opens is withheld until it closes;
    - a "label: value" line right after a withheld line continues its payload;
    - a line with nothing to report ("-----", "Much appreciated!", "N.d.T.") next to a
      withheld line in its paragraph goes with it.
    """
    found: dict[int, str] = {}
    fences = fenced(text, sentences)
    in_turn = in_quote = False
    for index, sentence in enumerate(sentences):
        if index in fences:
            found[index] = "inside a fenced code block (no news is written in one)"
            continue
        if index and _new_paragraph(text, sentences, index):
            in_turn = in_quote = False
        reason = why_addressed(sentence.text, as_it_reads=as_it_reads)
        if reason is None and signals:
            rest = text[: sentence.start] + " " + text[sentence.end :]
            reason = reads_as_an_order(sentence.text, rest)
        bare = skeleton(sentence.text) if as_it_reads else sentence.text
        # A neighbour of withheld text is withheld with it only when it reports nothing: a
        # news sentence after a fake turn is the article's, and deleting it loses an event.
        follows = reason is None and not (neighbours and _reports_an_event(bare))
        if follows and in_turn:
            reason = "inside a fake chat turn"
        if reason is None and in_quote:  # one utterance: the address covers all of it
            reason = "inside a quotation addressed to the model"
        # A "label: value" line is a payload's field, whatever its value says.
        if reason is None and index - 1 in found and _LABEL_LINE.match(bare):
            reason = "a field line under text addressed to the model"
        if reason is not None:
            found[index] = reason
        in_turn = in_turn or opens_a_turn(sentence.text, as_it_reads=as_it_reads)
        in_turn = in_turn or (reason is not None and bool(_INTRODUCES.search(bare)))
        whole = text[sentence.start : _end_with_quotes(text, sentence)]
        if in_quote:  # a quotation a withheld sentence opened runs until it closes
            in_quote = not _quote_balance(whole) < 0 and whole.count('"') % 2 == 0
        elif reason is not None:
            in_quote = _quote_balance(whole) > 0 or whole.count('"') % 2 == 1
    grew = True
    while grew:
        grew = False
        for index, sentence in enumerate(sentences):
            judged = skeleton(sentence.text) if as_it_reads else sentence.text
            if index in found or not _reports_nothing(judged):
                continue
            before = index - 1 in found and not _new_paragraph(text, sentences, index)
            after = index + 1 in found and not _new_paragraph(text, sentences, index + 1)
            if before or after:
                found[index] = "nothing to report, beside text addressed to the model"
                grew = True
    return found


def fenced(text: str, sentences: tuple[Sentence, ...]) -> set[int]:
    """Indexes of the sentences inside a Markdown fenced block, its fences included: a line
    opening with three backticks or tildes, to the one that closes it. A block is a payload's
    shape, never a news sentence's. A fence left open runs to the end of its paragraph, not
    of the article, so that opening one cannot delete the rest of the article."""
    inside: set[int] = set()
    opened: int | None = None
    for index, sentence in enumerate(sentences):
        if opened is not None and _new_paragraph(text, sentences, index):
            opened = None  # an unclosed block ends with its paragraph
        is_fence = _FENCE.match(sentence.text) is not None
        if opened is not None:
            inside.add(index)
            if is_fence:
                opened = None
        elif is_fence:
            inside.add(index)
            opened = index
    return inside


def _quote_balance(sentence: str) -> int:
    """Opening minus closing quotation marks (« », “ ”) in ``sentence``."""
    return sentence.count("«") + sentence.count("“") - sentence.count("»") - sentence.count("”")


def _new_paragraph(text: str, sentences: tuple[Sentence, ...], index: int) -> bool:
    """Whether a blank line separates sentence ``index`` from the one before it."""
    return bool(_PARAGRAPH_BREAK.search(text, sentences[index - 1].end, sentences[index].start))


def _reports_an_event(sentence: str) -> bool:
    """Whether the sentence says, in words, that something happened to someone: an event cue
    («قصف», "clashes", « manifestation ») or a casualty word ("killed", «معتقلين»), in a
    sentence that is not shaped as a payload (braces, a quoted field name)."""
    if "{" in sentence or '":' in sentence:
        return False
    return bool(cue_positions(sentence)) or bool(fields_mentioned(sentence))


def _reports_nothing(sentence: str) -> bool:
    """No letter nor digit, or at most three words with no number, event word or casualty."""
    if not any(c.isalnum() for c in sentence):
        return True
    words = [word for word in sentence.split() if any(c.isalnum() for c in word)]  # not "|"
    return (
        len(words) <= 3
        and not any(c.isdigit() for c in sentence)
        and not cue_positions(sentence)
        and not fields_mentioned(sentence)
    )


def _cuts(text: str, sentences: tuple[Sentence, ...], withheld: set[int]) -> list[tuple[int, int]]:
    """Character ranges to remove: each maximal run of withheld sentences, as described above."""
    cuts: list[tuple[int, int]] = []
    index = 0
    while index < len(sentences):
        if index not in withheld:
            index += 1
            continue
        first = index
        while index < len(sentences) and index in withheld:
            index += 1
        end = _end_with_quotes(text, sentences[index - 1])
        if first > 0:
            cuts.append((_end_with_quotes(text, sentences[first - 1]), end))
        elif index < len(sentences):  # at the top: up to the next kept sentence's first word
            cuts.append((sentences[first].start, _next_word(text, end)))
        else:  # every sentence is addressed to the tool: nothing is shown
            cuts.append((0, len(text)))
    return cuts


def _end_with_quotes(text: str, sentence: Sentence) -> int:
    quotes = _CLOSING.match(text, sentence.end)
    return quotes.end() if quotes else sentence.end


def _next_word(text: str, position: int) -> int:
    return position + len(text[position:]) - len(text[position:].lstrip())
