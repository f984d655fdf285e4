"""Batch input from a news feed: an RSS or Atom file, read by feedparser.

Each item becomes one article: its title and text (the item's full ``content`` when the feed
carries it, else its ``summary``; HTML reduced to text by the same reader as pages, so text a
feed hides is cut as on a page), its link as the URL, and its own date as ``published``
(``published_from`` = ``"feed"``). The item's ``id``/``guid`` is the article id, else its link,
else its place in the feed (``feed.xml#3``).

Only what the feed file holds is read: a feed that carries only a teaser gives a teaser. Nothing
is downloaded (saving the linked pages and batching them as a folder reads whole articles).
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from incidents.reading import SourceText, html_to_text
from incidents.text.dates.iso import parse_iso_date

FEED_SUFFIXES = (".xml", ".rss", ".atom")


def is_feed(path: Path) -> bool:
    """True when ``path`` names an RSS/Atom file by its suffix."""
    return path.suffix.lower() in FEED_SUFFIXES


def feed_items(path: Path, max_id_length: int) -> Iterator[tuple[str, str, SourceText | str]]:
    """``(id, origin, article or problem)`` for each item of the feed, in feed order.

    Raises:
        ValueError: the file is not a feed feedparser can read (the message says why).
    """
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise ValueError(f"{path} holds no RSS or Atom items{why}")
    seen: dict[str, int] = {}
    for number, item in enumerate(parsed.entries, start=1):
        origin = f"{path.name}#{number}"
        article_id = _text(item.get("id")) or _text(item.get("link")) or origin
        if article_id in seen:
            yield origin, origin, f"duplicate id {article_id!r} (also item {seen[article_id]})"
            continue
        seen[article_id] = number
        if len(article_id) > max_id_length:
            yield origin, origin, f"id longer than {max_id_length} characters"
            continue
        text = _item_text(item)
        if not text.strip():
            yield article_id, origin, "the item has no text"
            continue
        published = _item_date(item)
        yield (
            article_id,
            origin,
            SourceText(
                text=text,
                published=published,
                url=_text(item.get("link")),
                title=_text(item.get("title")),
                published_from="feed" if published else None,
            ),
        )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _item_text(item: Any) -> str:
    """The headline, then the body, as paragraphs (a page reads the same way)."""
    bodies = [c.get("value", "") for c in item.get("content") or [] if c.get("value")]
    body = html_to_text(bodies[0] if bodies else item.get("summary") or "")
    title = html_to_text(item.get("title") or "")
    if title and not body.startswith(title):
        return f"{title}\n\n{body}".strip()
    return body


def _item_date(item: Any) -> dt.date | None:
    """The item's date as the feed writes it: the date in the publisher's own time zone (RSS
    writes RFC 822, Atom ISO 8601), not feedparser's UTC conversion, which can move an
    evening report to the next day."""
    for key in ("published", "updated", "created"):
        raw = _text(item.get(key))
        if raw is None:
            continue
        try:
            return parse_iso_date(raw, allow_time=True)
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError):
            continue
    return None
