"""The one reader of ISO dates given to us (``published`` of an article, a gold file, a batch
line, a page's metadata), so every way in accepts and refuses the same strings."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
# A date-time as pages and exports write it: the date, then "T" or a space and a time.
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?", re.DOTALL)


def parse_iso_date(value: str, *, allow_time: bool = False) -> dt.date:
    """Read ``YYYY-MM-DD``, or with ``allow_time`` also the date part of an ISO date-time.

    Args:
        value: ``"2024-08-12"``; with ``allow_time``, also ``"2024-08-12T09:30:00+03:00"``
            (page metadata, exports), whose date part is what ACLED codes. Surrounding
            whitespace is ignored only with ``allow_time``.
        allow_time: Accept a time after the date (and ignore it).

    Returns:
        The date.

    Raises:
        ValueError: not an ISO date (or not a real day, such as 2024-02-30); the message
            quotes the value and the expected form.
    """
    pattern = _DATE_TIME if allow_time else _DATE
    match = pattern.fullmatch(value.strip() if allow_time else value)
    form = "an ISO date (YYYY-MM-DD" + (", optionally with a time)" if allow_time else ")")
    if match is None:
        raise ValueError(f"{value!r} is not {form}")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise ValueError(f"{value!r} is not a real day ({form})") from None
