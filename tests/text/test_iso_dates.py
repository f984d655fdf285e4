"""The one reader of ISO dates: extract(), gold files, batch lines and page metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.text.dates.iso import parse_iso_date


def test_reads_a_date() -> None:
    assert parse_iso_date("2024-08-12") == dt.date(2024, 8, 12)


@pytest.mark.parametrize("value", ["12/08/2024", "2024-8-12", "20240812", " 2024-08-12", "today"])
def test_refuses_what_is_not_yyyy_mm_dd(value: str) -> None:
    with pytest.raises(ValueError, match=r"is not an ISO date \(YYYY-MM-DD\)"):
        parse_iso_date(value)


def test_refuses_a_day_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="not a real day"):
        parse_iso_date("2024-02-30")


@pytest.mark.parametrize(
    "value", ["2024-08-12", "2024-08-12T09:30:00+03:00", " 2024-08-12 09:30 ", "2024-08-12T00:00Z"]
)
def test_with_time_keeps_the_date_part(value: str) -> None:
    assert parse_iso_date(value, allow_time=True) == dt.date(2024, 8, 12)


def test_a_time_is_refused_unless_allowed() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date("2024-08-12T09:30:00")
    with pytest.raises(ValueError, match="optionally with a time"):
        parse_iso_date("12 August 2024", allow_time=True)
