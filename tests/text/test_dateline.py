"""One dateline reader for the country prior (the dateline's place) and the date finder (which
skips the dateline: it dates the report, not the event), each with its own length and end marks
(issue 24)."""

from __future__ import annotations

import pytest

from incidents.text.dates.phrases import DATELINE_MAX_CHARS as DATE_FINDER_MAX
from incidents.text.dates.phrases import find_date_phrase, without_dateline
from incidents.text.language.dateline import PLACE_ENDS, Dateline, read_dateline
from incidents.text.places.country_prior import DATELINE_MAX_CHARS as PLACE_MAX
from incidents.text.places.country_prior import article_country


def _place(text: str) -> str | None:
    dateline = read_dateline(text, max_chars=PLACE_MAX, ends=PLACE_ENDS, short_line_alone=True)
    return dateline.head if dateline else None


@pytest.mark.parametrize(
    ("text", "head", "rest"),
    [
        (
            "KHERSON, Ukraine, May 20 — Russian shelling",
            "KHERSON, Ukraine, May 20",
            "Russian shelling",
        ),
        ("NAIROBI, June 26 – A soldier", "NAIROBI, June 26", "A soldier"),
        ("دير الزور - قتل عنصر", "دير الزور", "قتل عنصر"),
    ],
)
def test_a_spaced_dash_ends_a_dateline(text: str, head: str, rest: str) -> None:
    assert read_dateline(text, max_chars=DATE_FINDER_MAX) == Dateline(head, rest)
    assert without_dateline(text) == rest


@pytest.mark.parametrize("length", range(PLACE_MAX - 2, DATE_FINDER_MAX + 3))
def test_each_reader_keeps_its_own_length(length: int) -> None:
    text = "x" * length + " — on Monday gunmen killed two soldiers"
    assert (without_dateline(text) != text) == (length <= DATE_FINDER_MAX)
    # the place reader ends at the dash itself, so the space before it is part of the place
    assert (_place(text) is not None) == (length + 1 <= PLACE_MAX)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("MOGADISHU (Reuters) A suicide bomber killed 12 people at a checkpoint", "MOGADISHU "),
        ("دمشق، قتل شخصان في قصف على ريف إدلب الجنوبي صباح اليوم الثلاثاء", "دمشق"),
        ("Gao : un soldat a été tué et deux civils blessés dans une embuscade", "Gao "),
        ("Deir ez-Zor - gunmen kidnapped a shepherd and stole his flock", "Deir ez-Zor"),
        ("دير الزور\nقتل عنصر من قوات سوريا الديمقراطية", "دير الزور"),  # a line of its own
    ],
)
def test_the_place_reader_takes_any_mark_that_ends_a_place(text: str, place: str) -> None:
    assert _place(text) == place


@pytest.mark.parametrize(
    "text",
    [
        "MOGADISHU (Reuters) A suicide bomber killed 12 people on Monday",
        "دير الزور\nقتل عنصر يوم الاثنين",
        "Deir ez-Zor: gunmen kidnapped a shepherd on Monday",
    ],
)
def test_the_date_finder_takes_only_a_spaced_dash(text: str) -> None:
    assert without_dateline(text) == text


def test_both_readers_use_the_dateline() -> None:
    lead = "KHERSON, Ukraine, May 20 — Russian shelling killed two civilians on Monday morning."
    assert find_date_phrase(without_dateline(lead)) == "on Monday morning"
    assert article_country("Kherson – Russian shelling hit the city.\nMore text.") == "UA"
