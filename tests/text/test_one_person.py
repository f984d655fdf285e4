"""One vocabulary of one-person words for every reader that asks whether a text names one
person (issue 24): the count checker (text as written), the count reader next to a casualty
word and the list reader (normalized words), all over the same nouns."""

from __future__ import annotations

import pytest

from incidents.text.counts.casualties import counts_in_evidence
from incidents.text.counts.casualty_words import ONE_PERSON, casualty_field, stems_read_by
from incidents.text.counts.numbers import count_is_grounded, parse_count
from incidents.text.counts.one_person import (
    ANOTHER,
    ONE,
    ONE_AMONG_WORDS,
    PERSON_NOUNS_ARABIC,
    PERSON_NOUNS_LATIN,
    names_one_person,
    names_one_person_in,
    names_one_person_latin,
    person_after,
    single_person_at,
)
from incidents.text.language.normalize import normalize_arabic, normalize_latin

ARABIC = [*PERSON_NOUNS_ARABIC, *stems_read_by(ONE_PERSON)]
_CLITICS = ["", "و", "ال", "وال", "لل", "بال"]


@pytest.mark.parametrize("noun", PERSON_NOUNS_LATIN)
def test_every_latin_noun_names_one_person_for_every_reader(noun: str) -> None:
    word = normalize_latin(noun).replace(" ", "")
    assert names_one_person_latin(word)
    for article in ONE:
        assert names_one_person_in(f"Gunmen killed {article} {noun} on Monday."), article
    assert single_person_at(["the", word], 0)  # a list item: "the driver and seven passengers"
    assert person_after(["a", "45", "year", "old", word], 0, articles=ONE_AMONG_WORDS, reach=5)


@pytest.mark.parametrize("noun", ARABIC)
def test_every_arabic_noun_names_one_person_for_every_reader(noun: str) -> None:
    word = normalize_arabic(noun)
    for clitic in _CLITICS:
        if clitic.endswith("ال") and word.startswith("ال"):
            continue
        assert names_one_person(clitic + word), clitic + word
        assert single_person_at([clitic + word], 0), clitic + word
    assert names_one_person(word + "ا")  # the accusative: «قتل مسلحون عنصراً»
    assert names_one_person_in(f"قتل {noun} في القصف")


def test_the_nouns_for_one_casualty_are_casualty_words_and_name_one_person() -> None:
    nouns = stems_read_by(ONE_PERSON)
    assert nouns, "no noun for one casualty"
    for noun in nouns:
        assert casualty_field(noun) is not None and names_one_person(noun), noun
        assert noun not in PERSON_NOUNS_ARABIC, f"{noun} is written twice"


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ("قتل مسلحون عنصراً من الشرطة", {"fatalities": 1}),
        ("a Catholic priest was abducted in Zamfara", {"detained": 1}),
        ("Des hommes armés ont tué une femme à Gao", {"fatalities": 1}),
        ("قتل عنصر من الأمن وأصيب آخر", {"fatalities": 1, "injured": 1}),
    ],
)
def test_one_person_counts_as_one_in_every_reader(evidence: str, expected: dict[str, int]) -> None:
    assert counts_in_evidence(evidence) == expected
    assert count_is_grounded(1, evidence)


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ("قُتل ضابط واثنان من الجنود", {"fatalities": 3}),
        ("the driver and seven passengers were killed", {"fatalities": 8}),
        ("un soldat et deux civils ont été tués", {"fatalities": 3}),
    ],
)
def test_one_person_in_a_list_adds_one(evidence: str, expected: dict[str, int]) -> None:
    assert counts_in_evidence(evidence) == expected


def test_the_count_checker_grounds_every_one_the_count_reader_reads() -> None:
    # Both look as far past "a" for the person noun (they used to differ: 5 words and 2).
    evidence = "Gunmen shot dead a 45 year old shepherd near Gao"
    assert counts_in_evidence(evidence) == {"fatalities": 1}
    assert count_is_grounded(1, evidence)


@pytest.mark.parametrize("word", [w for w in ANOTHER if not w.isascii()])
def test_another_after_a_casualty_word_is_one_more_person(word: str) -> None:
    assert counts_in_evidence(f"قتل عنصر وأصيب {word}") == {"fatalities": 1, "injured": 1}


def test_a_noun_alone_or_without_a_casualty_word_is_no_count() -> None:
    assert parse_count("a soldier was killed") == 1
    assert parse_count("a soldier patrolled the road") is None
    assert not names_one_person_in("the soldiers patrolled the road")
    assert not single_person_at(["soldier"], 0)  # a Latin noun needs its article
