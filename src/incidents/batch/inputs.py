"""Batch inputs: a directory of article files, a JSONL file of
``{id, text, published?, url?, title?}``, or an RSS/Atom feed (:mod:`incidents.batch.feeds`).

Inputs are scanned once up front, cheaply, to learn every id in input order (the progress bar
needs the total; the final output is written in that order). Article text is loaded later, one
article at a time, by :meth:`InputItem.load`, so a batch of 100,000 articles never holds them all
in memory.

A problem with one article (a malformed JSONL line, a duplicate id, an undecodable file) is an
:class:`InputProblem`, reported as a ``failed`` record with reason ``bad_input``; it never stops
the batch. Such a record needs an id of its own that cannot clash with a real one, so it is named
after where the problem is: ``articles.jsonl:7`` for line 7, or the file's relative path *with*
its extension for a file in a directory.

Ids are only ever labels: nothing here (or in :mod:`incidents.batch.runner`) turns an id into
a path.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from incidents.batch.feeds import FEED_SUFFIXES, feed_items, is_feed
from incidents.reading import HTML_SUFFIXES, SourceText, html_article
from incidents.text.dates.iso import parse_iso_date

ARTICLE_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_ID_LENGTH = 300  # ExtractionResult.document_id's limit


class BadInput(ValueError):
    """One article cannot be read; the message says what is wrong and where."""


@dataclass(frozen=True)
class InputItem:
    """One article of the input: its id, where it is, and how to load it."""

    id: str
    origin: str  # "articles.jsonl:12" or "sub/dir/file.html", for messages
    loader: Callable[[], SourceText]

    def load(self) -> SourceText:
        """Read the article. Raises :class:`BadInput` when it cannot be used."""
        return self.loader()


@dataclass(frozen=True)
class InputProblem:
    """An input entry that cannot become an article; it is reported, not run."""

    id: str
    origin: str
    message: str


Entry = InputItem | InputProblem


def is_jsonl(path: Path) -> bool:
    """True when ``path`` names a JSONL file by its suffix."""
    return path.suffix.lower() in JSONL_SUFFIXES


def scan_inputs(path: Path) -> list[Entry]:
    """List the entries of a directory or JSONL input, in input order.

    Raises:
        BadInput: ``path`` is not a directory, a ``.jsonl``/``.ndjson`` file or a feed
            (``.xml``/``.rss``/``.atom``), or the feed cannot be read.
    """
    if path.is_dir():
        return list(_scan_directory(path))
    if path.is_file() and is_jsonl(path):
        return list(_scan_jsonl(path))
    if path.is_file() and is_feed(path):
        return list(_scan_feed(path))
    if not path.exists():
        raise BadInput(f"{path} does not exist")
    raise BadInput(
        f"{path} is neither a directory of {'/'.join(ARTICLE_SUFFIXES)} files, a "
        f"{'/'.join(JSONL_SUFFIXES)} file nor a {'/'.join(FEED_SUFFIXES)} feed "
        "(use `incidents extract` for a single article)"
    )


def _scan_feed(path: Path) -> Iterator[Entry]:
    # A feed is small and feedparser reads it whole: its items are kept as read.
    try:
        items = list(feed_items(path, MAX_ID_LENGTH))
    except (OSError, ValueError) as exc:
        raise BadInput(str(exc)) from None
    for article_id, origin, article in items:
        if isinstance(article, str):
            yield InputProblem(article_id, origin, article)
        else:
            yield InputItem(article_id, origin, _loaded(article))


# --- directories -------------------------------------------------------------------------


def _scan_directory(root: Path) -> Iterator[Entry]:
    files = sorted(
        (p for p in root.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    seen: dict[str, str] = {}
    for file in files:
        rel = file.relative_to(root).as_posix()
        if any(part.startswith(".") for part in file.relative_to(root).parts):
            continue  # hidden files and folders (.git, editor backups) are not articles
        article_id = rel[: -len(file.suffix)]
        if article_id in seen:
            # Two files with one id (a.txt and a.html): the first keeps the id; the second is
            # reported under its own file name so both appear in the output.
            yield InputProblem(rel, rel, f"duplicate id {article_id!r} (also {seen[article_id]})")
            continue
        seen[article_id] = rel
        if len(article_id) > MAX_ID_LENGTH:
            yield InputProblem(article_id, rel, f"id longer than {MAX_ID_LENGTH} characters")
            continue
        yield InputItem(article_id, rel, _file_loader(file, rel))


def _file_loader(file: Path, rel: str) -> Callable[[], SourceText]:
    def load() -> SourceText:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise BadInput(f"{rel}: cannot read ({exc.strerror or exc})") from None
        try:
            content = raw.decode("utf-8-sig")  # tolerate a BOM; anything but UTF-8 is an error
        except UnicodeDecodeError as exc:
            raise BadInput(f"{rel}: not UTF-8 (byte {exc.start})") from None
        if file.suffix.lower() in HTML_SUFFIXES:
            article = html_article(content)  # as `incidents extract` reads a page
        else:
            article = SourceText(text=content)
        if not article.text.strip():
            raise BadInput(f"{rel}: no text")
        return article

    return load


def _loaded(article: SourceText) -> Callable[[], SourceText]:
    return lambda: article


# --- JSONL -------------------------------------------------------------------------------


def _scan_jsonl(path: Path) -> Iterator[Entry]:
    name = path.name
    # First pass: validate every line, keeping only its id (or its problem) and where it is,
    # so that memory stays proportional to the number of lines, not to the text.
    scanned: list[tuple[int, int, int, str, bool]] = []  # lineno, offset, length, id|msg, ok
    real_ids: set[str] = set()
    with path.open("rb") as handle:
        for lineno, (offset, raw) in enumerate(_lines_with_offsets(handle), start=1):
            if not raw.strip():
                continue  # blank lines (a trailing newline, spacing) are not entries
            result = _parse_line(raw)
            if isinstance(result, dict):
                scanned.append((lineno, offset, len(raw), result["id"], True))
                real_ids.add(result["id"])
            else:
                scanned.append((lineno, offset, len(raw), result, False))

    def synthetic(lineno: int) -> str:
        # A problem line gets an id naming its location; make sure no real id is the same.
        candidate = f"{name}:{lineno}"
        while candidate in real_ids:
            candidate += "#"
        return candidate

    first_line: dict[str, int] = {}
    for lineno, offset, length, value, ok in scanned:
        where = f"{name}:{lineno}"
        if not ok:
            yield InputProblem(synthetic(lineno), where, f"line {lineno}: {value}")
        elif value in first_line:
            yield InputProblem(
                synthetic(lineno),
                where,
                f"line {lineno}: duplicate id {value!r} (first on line {first_line[value]})",
            )
        else:
            first_line[value] = lineno
            yield InputItem(value, where, _line_loader(path, offset, length, lineno))


def _lines_with_offsets(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    # A binary file iterates on b"\n" only: str.splitlines() would also split on U+2028 and
    # friends, which JSON allows unescaped inside strings.
    offset = 0
    for line in handle:
        yield offset, line.rstrip(b"\r\n")
        offset += len(line)


def _parse_line(raw: bytes) -> dict[str, Any] | str:
    """The validated object of one JSONL line, or a message saying what is wrong with it."""
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return f"not UTF-8 (byte {exc.start})"
    except json.JSONDecodeError as exc:
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    return parse_article(obj)


def parse_article(obj: Any) -> dict[str, Any] | str:
    """The validated fields of one ``{id, text, published?, url?, title?}`` object (a JSONL
    line, a Ray Data row), or a message saying what is wrong with it."""
    if not isinstance(obj, dict):
        return f"expected a JSON object, got {type(obj).__name__}"
    article_id = obj.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)  # numeric ids are common in exports; keep them as text
    if not isinstance(article_id, str) or not article_id.strip():
        return "missing or empty 'id' (a non-empty string)"
    if len(article_id) > MAX_ID_LENGTH:
        return f"'id' longer than {MAX_ID_LENGTH} characters"
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return f"id {article_id!r}: missing or empty 'text'"
    published = obj.get("published")
    if published is not None and (not isinstance(published, str) or not _jsonl_date(published)):
        return f"id {article_id!r}: 'published' must be an ISO date (YYYY-MM-DD) or null"
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        return f"id {article_id!r}: 'url' must be a string or null"
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        return f"id {article_id!r}: 'title' must be a string or null"
    return {"id": article_id, "text": text, "published": published, "url": url, "title": title}


def _line_loader(path: Path, offset: int, length: int, lineno: int) -> Callable[[], SourceText]:
    def load() -> SourceText:
        try:
            with path.open("rb") as handle:
                handle.seek(offset)
                raw = handle.read(length)
        except OSError as exc:
            raise BadInput(f"line {lineno}: cannot read ({exc.strerror or exc})") from None
        result = _parse_line(raw)
        if isinstance(result, str):  # the file changed since it was scanned
            raise BadInput(f"line {lineno}: {result}")
        return source_of(result)

    return load


def source_of(fields: dict[str, Any]) -> SourceText:
    """The article of fields validated by :func:`parse_article`."""
    published = _jsonl_date(fields["published"]) if fields["published"] else None
    return SourceText(
        text=fields["text"], published=published, url=fields["url"], title=fields["title"]
    )


def _jsonl_date(value: str) -> dt.date | None:
    # Exports often carry a timestamp ("2024-08-12T09:30:00Z"): its date part is the date.
    try:
        return parse_iso_date(value, allow_time=True)
    except ValueError:
        return None
