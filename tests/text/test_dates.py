"""Date phrases resolved against the publication date (2024-08-12 is a Monday)."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.text.dates import resolve_date

PUB = dt.date(2024, 8, 12)
D = dt.date


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("أمس", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("يوم أمس", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("البارحة", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("مساء أمس", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("أول أمس", D(2024, 8, 10), D(2024, 8, 10), "day"),
        ("yesterday", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("hier", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("صباح اليوم", PUB, PUB, "day"),
        ("فجر اليوم", PUB, PUB, "day"),
        ("مساء اليوم", PUB, PUB, "day"),
        ("صباح اليوم نفسه", PUB, PUB, "day"),
        ("منتصف الليل", PUB, PUB, "day"),
        ("this morning", PUB, PUB, "day"),
        ("ce matin", PUB, PUB, "day"),
        ("قبل أيام", D(2024, 8, 5), PUB, "week"),
        ("منذ أيام", D(2024, 8, 5), PUB, "week"),
        ("a few days ago", D(2024, 8, 5), PUB, "week"),
        ("il y a quelques jours", D(2024, 8, 5), PUB, "week"),
        ("يوم الاثنين", PUB, PUB, "day"),  # published on a Monday: that Monday
        ("يوم الجمعة", D(2024, 8, 9), D(2024, 8, 9), "day"),
        ("مساء الخميس", D(2024, 8, 8), D(2024, 8, 8), "day"),
        ("on Monday", PUB, PUB, "day"),
        ("lundi", PUB, PUB, "day"),
        ("last Monday", D(2024, 8, 5), D(2024, 8, 5), "day"),
        ("vendredi dernier", D(2024, 8, 9), D(2024, 8, 9), "day"),
        ("الأسبوع الماضي", D(2024, 8, 5), D(2024, 8, 11), "week"),
        ("last week", D(2024, 8, 5), D(2024, 8, 11), "week"),
        ("la semaine dernière", D(2024, 8, 5), D(2024, 8, 11), "week"),
        ("الشهر الماضي", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("last month", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("le mois dernier", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("l'année dernière", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("العام الماضي", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("هذا العام", D(2024, 1, 1), PUB, "year"),
        ("مؤخراً", D(2024, 8, 5), PUB, "week"),
        ("15 آذار/مارس 2025", D(2025, 3, 15), D(2025, 3, 15), "day"),
        ("15 آذار 2025", D(2025, 3, 15), D(2025, 3, 15), "day"),
        ("March 15", D(2024, 3, 15), D(2024, 3, 15), "day"),
        ("15 mars", D(2024, 3, 15), D(2024, 3, 15), "day"),
        ("في 3 آب", D(2024, 8, 3), D(2024, 8, 3), "day"),
        ("تموز الماضي", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("in July", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("in August", D(2024, 8, 1), PUB, "month"),  # never past publication
        ("قبل ثلاثة أيام", D(2024, 8, 9), D(2024, 8, 9), "day"),
        ("قبل يومين", D(2024, 8, 10), D(2024, 8, 10), "day"),
        ("2023", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("03/08/2024", D(2024, 8, 3), D(2024, 8, 3), "day"),  # day first
        ("الاثنين 15 آذار 2025", D(2025, 3, 15), D(2025, 3, 15), "day"),  # date beats weekday
    ],
)
def test_resolve_date_with_published(
    phrase: str, start: dt.date, end: dt.date, precision: str
) -> None:
    span = resolve_date(phrase, PUB)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == phrase


def test_relative_phrase_without_published_keeps_text() -> None:
    span = resolve_date("قبل أيام", None)
    assert span.start is None and span.end is None
    assert span.precision == "unknown"
    assert span.text == "قبل أيام"
    assert resolve_date("أمس", None).start is None


def test_explicit_date_resolves_without_published() -> None:
    span = resolve_date("15 آذار/مارس 2025", None)
    assert (span.start, span.end, span.precision) == (D(2025, 3, 15), D(2025, 3, 15), "day")
    month = resolve_date("March 2025", None)
    assert (month.start, month.end, month.precision) == (D(2025, 3, 1), D(2025, 3, 31), "month")
    # Without a year the phrase depends on the reference date: unresolved.
    assert resolve_date("March 15", None).start is None


@pytest.mark.parametrize("junk", ["junk xyz", "5", "x" * 200, "؟؟؟", "tomorrow"])
def test_junk_never_raises(junk: str) -> None:
    span = resolve_date(junk, PUB)
    assert span.start is None and span.precision == "unknown"
    assert span.text == junk[:120]


def test_none_and_empty() -> None:
    assert resolve_date(None, PUB).text is None
    assert resolve_date("", PUB).start is None
    assert resolve_date(None, None).precision == "unknown"


def test_datetime_published_is_accepted() -> None:
    span = resolve_date("أمس", dt.datetime(2024, 8, 12, 23, 59))
    assert span.start == D(2024, 8, 11)
