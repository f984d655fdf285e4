"""One casualty vocabulary (issue 24): every stem is written once, in
``incidents.text.counts.casualty_words``, and every reader that uses it reads it from there: the
count reader (which field), the event cues (an event happened, an arrest, an abduction) and the
one-person reader («قتيل»)."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from incidents.text.counts.casualty_words import (
    CASUALTY_WORDS,
    GENERAL_WORDS,
    casualty_field,
    event_cue_stems,
    mentions_casualties,
    mentions_detention,
)
from incidents.text.events.cues import CUES_FILE, cue_positions
from incidents.text.language.normalize import normalize_arabic, normalize_latin

FIELD_STEMS = [(field, stem) for field, stems in CASUALTY_WORDS.items() for stem in stems]
CUE_STEMS = [(entry, stem) for entry, stems in event_cue_stems().items() for stem in stems]


def test_every_stem_is_written_once() -> None:
    written = Counter(stem for _, stem in FIELD_STEMS) + Counter(GENERAL_WORDS)
    assert [stem for stem, times in written.items() if times > 1] == []


@pytest.mark.parametrize(("field", "stem"), FIELD_STEMS, ids=[s for _, s in FIELD_STEMS])
def test_every_stem_counts_for_its_field(field: str, stem: str) -> None:
    assert casualty_field(stem) == field
    if field == "detained":
        assert mentions_detention(stem) and not mentions_casualties(stem)
    else:
        assert mentions_casualties(stem)


@pytest.mark.parametrize("stem", GENERAL_WORDS)
def test_every_general_word_speaks_of_casualties_in_no_field(stem: str) -> None:
    assert casualty_field(stem) is None and mentions_casualties(stem)


@pytest.mark.parametrize(("entry", "stem"), CUE_STEMS, ids=[f"{e}-{s}" for e, s in CUE_STEMS])
def test_every_casualty_cue_cues_its_entry(entry: str, stem: str) -> None:
    assert entry in cue_positions(f"x {stem} x")


def test_the_cue_table_does_not_write_a_casualty_word_again() -> None:
    table = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    for entry, stems in event_cue_stems().items():
        cues = table[entry]
        written = {normalize_arabic(c) for c in cues["ar"]}
        written |= {normalize_latin(c) for c in cues["en"] + cues["fr"]}
        assert written.isdisjoint(stems), (entry, written & set(stems))
