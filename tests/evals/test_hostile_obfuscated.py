"""Obfuscated variants of every tuning case: the detector's verdict does not change.

An attacker who knows that a plain order is caught writes it with look-alike letters of
another script, zero-width characters inside the words, tatweel or diacritics. Each variant
below rewrites only the hostile segments of a case, so the clean article is the same; what is
withheld (which sentences, for which reason) and what the model is shown must be exactly what
the plain case gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from incidents.evals.hostile import HostileCase, load_cases
from incidents.pipeline.shown_text import ShownText
from incidents.text.security.page_markup import markup_spans

SUITE = Path(__file__).resolve().parents[2] / "evals" / "hostile" / "cases"
CASES = load_cases(SUITE)

_CYRILLIC = str.maketrans("aceopxyiAEOPCTHKMB", "асеорхуіАЕОРСТНКМВ")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_ARABIC_JOINING = "بتثجحخسشصضطظعغفقكلمنهي"


def _cyrillic(word: str) -> str:
    """One Latin letter of the word to its Cyrillic look-alike (the word stays mixed)."""
    for i, char in enumerate(word):
        swapped = char.translate(_CYRILLIC)
        if swapped != char:
            return word[:i] + swapped + word[i + 1 :]
    return word


def _zero_width(word: str) -> str:
    middle = len(word) // 2
    return word[:middle] + "\u200b" + word[middle:]


def _tatweel(word: str) -> str:
    """Tatweel after each joining Arabic letter but the last (as «تـجـاهـل» is written)."""
    out = [c + "\u0640" if c in _ARABIC_JOINING else c for c in word[:-1]]
    return "".join(out) + word[-1]


def _diacritics(word: str) -> str:
    """A fatha after each Arabic letter, a combining acute after each Latin vowel."""
    return "".join(
        c + "\u064e" if "\u0621" <= c <= "\u064a" else c + "\u0301" if c in "aeiou" else c
        for c in word
    )


def _bidi(word: str) -> str:
    return "\u2066" + word + "\u2069"


VARIANTS: dict[str, Callable[[str], str]] = {
    "look-alike letters": _cyrillic,
    "zero-width characters": _zero_width,
    "tatweel": _tatweel,
    "diacritics": _diacritics,
    "bidi isolates": _bidi,
}


def _obfuscate(case: HostileCase, rewrite: Callable[[str], str]) -> str:
    """The hostile article with every word of its hostile segments rewritten, but for page
    markup: a tag spelled with a Cyrillic letter is no tag, and a browser shows it as text."""
    markup = markup_spans(case.hostile)

    def word(match: re.Match[str], offset: int) -> str:
        at = offset + match.start()
        inside = any(start <= at < end for start, end in markup)
        return match.group() if inside else rewrite(match.group())

    out, cursor = [], 0
    for start, end in case.segments:
        out.append(case.hostile[cursor:start])
        out.append(_LETTERS.sub(lambda m, at=start: word(m, at), case.hostile[start:end]))  # type: ignore[misc]
        cursor = end
    out.append(case.hostile[cursor:])
    return "".join(out)


def _verdict(text: str) -> tuple[str, list[tuple[int, str]]]:
    shown = ShownText.of(text)
    return shown.text, [(cut.number, cut.reason) for cut in shown.withheld]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_an_obfuscated_order_is_judged_as_the_plain_one(case: HostileCase, variant: str) -> None:
    obfuscated = _obfuscate(case, VARIANTS[variant])
    if variant in ("tatweel",) and case.language != "ar":
        assert obfuscated == case.hostile  # nothing to stretch in Latin script
    plain_text, plain_cuts = _verdict(case.hostile)
    text, cuts = _verdict(obfuscated)
    assert cuts == plain_cuts
    assert text == plain_text == case.clean


def test_the_variants_really_change_the_hostile_text() -> None:
    """Guards the test itself: each variant rewrites the segments of cases in its script."""
    for variant, rewrite in VARIANTS.items():
        changed = sum(_obfuscate(case, rewrite) != case.hostile for case in CASES)
        assert changed >= 20, variant


def test_withheld_spans_point_into_the_article_as_given() -> None:
    case = next(c for c in CASES if c.language == "en" and c.family != "page_markup")
    obfuscated = _obfuscate(case, _zero_width)
    shown = ShownText.of(obfuscated)
    assert shown.withheld
    for cut in shown.withheld:
        assert obfuscated[cut.start : cut.end].replace("\u200b", "") == cut.text
