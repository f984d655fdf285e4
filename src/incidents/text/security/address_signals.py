"""Does a sentence tell whoever processes the text what to do with it? Signals, not phrasings.

The first judge (:mod:`incidents.text.security.instructions`) knows phrasings; a hidden order
written for a reader nobody named before ("to any database ingesting this story", «إلى أنظمة الرصد
الآلي», « aux agrégateurs ») passes it. A news sentence states what happened to someone,
somewhere; an order to the text's processor has a different make-up, whatever its words. This
judge counts the kinds of signal a sentence carries (vocabulary in ``data/address_cues.yaml``,
one list per kind and language):

* **object**: the text itself ("this article", «هذا الخبر») or the data made from it (a
  database, a record, a field, a pipeline, an aggregator) is named;
* **directed**: the reader is spoken to: the second person, "please"/«يرجى»/« veuillez »,
  or an opening that addresses someone ("To X:", «إلى X:», « Aux X : »);
* **coding**: a verb of recording, coding or listing ("log", «سجّلوا», « comptabilisez »);
* **unseen facts**: a number (not a date or a time) or a place that no other sentence of the
  article has: what a planted toll or town looks like.

A sentence is an order to the processor when it names an object *and* is directed *and*
carries at least one more kind (coding, unseen facts, or both the text and its data). A
correction ("an earlier version of this article misstated the toll") names the text but
directs no one; a police appeal ("residents are asked to avoid the area") directs people but
names no text nor data; each is one kind short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import yaml

from incidents.data_dir import DATA_DIR
from incidents.text.actors.roles import names_its_source
from incidents.text.counts.numbers import digitize
from incidents.text.dates.patterns import without_dates
from incidents.text.language.normalize import fold_arabic_letters
from incidents.text.security.skeleton import skeleton, without_accents

_DATA = DATA_DIR / "address_cues.yaml"
KINDS = (
    "about_text", "processing_nouns", "second_person", "please", "modals", "address_openings",
    "coding_verbs", "datives", "page_labels",
)  # fmt: skip
MODAL_REACH = 40
"""Characters before a modal in which the text or its data must be named for it to direct."""
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_NUMBER = re.compile(r"\d+")
# Participles and infinitives (accents already dropped): "coded", "listing", « classees »;
# never a bare "-s": "this article counts 4 dead" is a statement.
_ENDINGS = "(?:d|ed|ing|e|ee|ees|er|ez)?"
# "To X:" — an opening word, at most eight words, then a colon (not a clock time).
_OPENING_REACH = r"(?:\s+[^\s:]+){0,8}?\s*:(?!\d)"


def _fold(text: str) -> str:
    """Lowercase, no accents, Arabic letter variants folded: how the cue lists are written."""
    return fold_arabic_letters(without_accents(skeleton(text)).casefold())


def _phrase(entry: str, *, inflected: bool = False) -> str:
    words = [re.escape(w) for w in _fold(entry).split()]
    body = r"\s+".join(words)
    if re.search(r"[\u0600-\u06ff]", entry):  # an Arabic word also takes «و» or «ف» before it
        return rf"(?<![^\W_])[وف]?{body}(?![^\W_])"
    if inflected:  # "extracted", "listing", « enregistrés »: a verb in any of its forms
        body += _ENDINGS
    return rf"(?<![^\W_]){body}(?![^\W_])"


@lru_cache(maxsize=1)
def _cues() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    if set(data) != set(KINDS):
        raise ValueError(f"{_DATA}: expected the kinds {', '.join(KINDS)}, got {sorted(data)}")
    return data


def text_phrases(language: str) -> str:
    """A regex of the phrases that name the text itself in ``language`` ("this article",
    « cette dépêche », «هذا الخبر»), for the phrasing detector: Arabic with its alef, ta
    marbuta and ya spellings; French as listed (the detector's second reading drops accents)."""
    alternatives = []
    for entry in _cues()["about_text"][language]:
        words = [re.escape(word) for word in entry.split()]
        if language == "ar":
            words = [_arabic_variants(word) for word in entry.split()]
        alternatives.append(r"\s+".join(words))
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


def _arabic_variants(word: str) -> str:
    """A word as a regex that accepts the hamza and ta marbuta spellings («اعلاه», «أعلاه»)."""
    table = {"ا": "[اأإآ]", "ه": "[هة]", "ي": "[يى]"}
    return "".join(table.get(char, re.escape(char)) for char in word)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _cues()
    out = {}
    for kind in KINDS:
        entries = sorted({e for entries in data[kind].values() for e in entries}, key=len)
        inflected = kind == "coding_verbs"
        alternatives = "|".join(_phrase(e, inflected=inflected) for e in reversed(entries))
        if kind == "address_openings":  # only at the start of the sentence, before a colon
            out[kind] = re.compile(rf"^\W*(?:{alternatives}){_OPENING_REACH}")
        elif kind == "page_labels":  # a label, then a colon: "Caption:", «الصورة:»
            out[kind] = re.compile(rf"^\W*(?:{alternatives})\s*:")
        elif kind == "datives":
            continue
        else:
            out[kind] = re.compile(alternatives)
    out["datives"] = _dative_pattern(data)
    return out


def _dative_pattern(data: dict[str, dict[str, list[str]]]) -> re.Pattern[str]:
    """A preposition, at most two words, a data noun, then at most three words before a comma,
    colon or bracket sets the phrase off. Arabic «ل» is written onto the word after it."""
    nouns = sorted({e for entries in data["processing_nouns"].values() for e in entries}, key=len)
    noun = "|".join(r"\s+".join(map(re.escape, _fold(e).split())) for e in reversed(nouns))
    words = [e for e in data["datives"]["en"] + data["datives"]["fr"] + data["datives"]["ar"]]
    prepositions = "|".join(
        r"\s+".join(map(re.escape, _fold(e).split())) for e in sorted(words, key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![^\W_])(?:{prepositions})(?:\s+|(?<=ل)|(?<=لل))(?:[^\s,:]+\s+){{0,2}}?"
        rf"(?:[ld]'|[وف]?(?:ال|ل)?)?(?:{noun})(?![^\W_])(?:\s+[^\s,:()|]+){{0,3}}\s*([,:()|\-—])"
    )


@dataclass(frozen=True)
class Signals:
    """The kinds of signal one sentence carries."""

    about_text: bool
    processing: bool
    directed: bool
    coding: bool
    unseen_facts: bool
    furniture: bool = False

    @property
    def suspicious(self) -> bool:
        """The text or its data named, and the reader directed: two kinds of the three."""
        return (self.about_text or self.processing) and self.directed

    @property
    def order(self) -> bool:
        """Whether together they make an order to whoever processes the text. In page
        furniture (a table row, a caption) a named text or data and one more kind suffice."""
        named = self.about_text or self.processing
        more = self.coding or self.unseen_facts or (self.about_text and self.processing)
        if self.furniture:
            return named and (self.directed or more)
        return named and self.directed and more

    def describe(self) -> str:
        kinds = [
            name
            for name, present in (
                ("names the text", self.about_text),
                ("names its data", self.processing),
                ("directs its reader", self.directed),
                ("asks for coding", self.coding),
                ("facts found nowhere else", self.unseen_facts),
                ("page furniture", self.furniture),
            )
            if present
        ]
        return ", ".join(kinds)


def _numbers(text: str) -> set[str]:
    plain = _TIME.sub(" ", without_dates(digitize(text)))
    return set(_NUMBER.findall(plain))


def _modal_of_object(folded: str) -> bool:
    """A modal with the text or its data named in the :data:`MODAL_REACH` characters before it
    (Arabic: «على قواعد البيانات أن»)."""
    patterns = _patterns()
    for modal in patterns["modals"].finditer(folded):
        before = folded[max(0, modal.start() - MODAL_REACH) : modal.start()]
        if patterns["about_text"].search(before) or patterns["processing_nouns"].search(before):
            return True
    return False


def is_furniture(sentence: str) -> bool:
    """Whether ``sentence`` is page furniture: a table row, or a caption, credit or image text
    opened by its label ("Caption:", « Légende : », «الصورة:»)."""
    return sentence.lstrip().startswith("|") or bool(
        _patterns()["page_labels"].search(_fold(sentence))
    )


_LABEL_WORDS = 4
"""Words a label may take before a dative address set off by a colon ("Note de la rédaction
pour l'indexation :")."""


def _stands_as_address(folded: str, dative: re.Match[str]) -> bool:
    """Whether a dative phrase addresses someone: it opens the sentence, or follows a short
    label and ends in a colon. "Funding for the database, which…" names a database in prose."""
    before = re.sub(r"[^\w\s]", " ", folded[: dative.start()]).split()
    if not before:
        return True
    # After a label, only where the sentence names no source: "Access to the records:
    # officials said…" reports; "Note for the indexers: the toll is 57" addresses.
    return len(before) <= _LABEL_WORDS and dative.group(1) == ":" and not names_its_source(folded)


def _kinds(sentence: str) -> Signals:
    """The signals that need only the sentence (``unseen_facts`` left False)."""
    folded = _fold(sentence)
    patterns = _patterns()
    found = {
        kind: bool(pattern.search(folded))
        for kind, pattern in patterns.items()
        if kind not in ("datives", "page_labels")
    }
    furniture = is_furniture(sentence)
    dative = patterns["datives"].search(folded)
    # A dative address directs where an address stands: the sentence's first words, or
    # anywhere in page furniture, which has no prose to hide it in.
    addressed = dative is not None and (furniture or _stands_as_address(folded, dative))
    directed = found["second_person"] or found["please"] or found["address_openings"] or addressed
    directed = directed or _modal_of_object(folded)
    # « enregistrez », « comptabilisez »: a French coding verb in the second person.
    directed = directed or any(
        m.group().endswith("ez") for m in _patterns()["coding_verbs"].finditer(folded)
    )
    return Signals(
        about_text=found["about_text"],
        processing=found["processing_nouns"] or bool(dative),  # «للمنصات»: a data noun too
        directed=directed,
        coding=found["coding_verbs"],
        unseen_facts=False,
        furniture=furniture,
    )


def signals(sentence: str, rest: str) -> Signals:
    """The signals of ``sentence``; ``rest`` is the rest of the article (for unseen facts)."""
    found = _kinds(sentence)
    if found.suspicious or (found.furniture and found.processing):  # the costlier check,
        # only where it can decide
        # As it reads: an accent on every vowel («Fíéld») makes no new place.
        body = without_accents(skeleton(_without_label(sentence) if found.furniture else sentence))
        unseen = bool(_numbers(body) - _numbers(rest)) or _unseen_place(body, rest)
        return replace(found, unseen_facts=unseen)
    return found


def suspicious(sentence: str) -> bool:
    """Whether ``sentence`` names the text or its data *and* directs its reader: not enough to
    withhold it (a "please note this article was updated" is news about the news), too much
    to read a count, a place or an actor from it (see the ``ignore_instructions`` stage)."""
    return _kinds(sentence).suspicious


def _without_label(sentence: str) -> str:
    """A caption without its label: «الصورة» is no place (the gazetteer has an As Surrah)."""
    label = re.match(r"^\W*[^:]{1,30}:", sentence)
    return (
        sentence[label.end() :]
        if label and _patterns()["page_labels"].search(_fold(label.group()))
        else sentence
    )


def _unseen_place(sentence: str, rest: str) -> bool:
    from incidents.text.places.gazetteer import find_places  # the gazetteer loads only when needed

    folded_rest = _fold(rest)
    return any(
        _fold(place.matched) not in folded_rest and _fold(place.name) not in folded_rest
        for place in find_places(sentence)
    )


def reads_as_an_order(sentence: str, rest: str) -> str | None:
    """A reason when ``sentence`` tells whoever processes the text what to do, else None."""
    found = signals(sentence, rest)
    return f"an order to whoever processes the text ({found.describe()})" if found.order else None
