"""Gold annotations: the validator every gold file must pass, and the loader.

A gold file is one JSON object per article (DESIGN.md, "Gold annotation format"). Gold
incidents are validated with the real :class:`incidents.schema.Incident` model, with two
leniencies that the format allows:

* ``null`` means "not annotated", exactly like an absent key (so ``"precision": null`` is
  fine); a field that is absent or null in gold is not scored.
* ``evidence`` is optional; when given, every span must satisfy ``text == text[start:end]``.

``summary``, ``event_type`` and ``sub_event_type`` are required (the schema requires them, and
an incident with no type cannot be aligned), and the sub-event type must belong to the event
type. Unknown keys are errors, so a typo such as ``"fatalites"`` cannot silently go unscored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from incidents.schema import SCHEMA_VERSION, Incident
from incidents.text.dates.iso import parse_iso_date

REQUIRED_KEYS = ("id", "schema_version", "language", "origin", "text", "incidents")
OPTIONAL_KEYS = ("published", "title", "notes")
# What a gold file's id may be (it names the file too).
GOLD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


class GoldError(ValueError):
    """A gold directory or file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class GoldDocument:
    """One annotated article.

    Attributes:
        id: Unique id, used as the extraction ``document_id``.
        language: ISO 639-1 code of the article.
        published: Publication date, or None when unknown.
        origin: Where the text comes from (e.g. "written for this project").
        text: The full article.
        incidents: Gold incidents, validated; fields that gold leaves out are None/empty.
        path: The file it was read from.
    """

    id: str
    language: str
    published: dt.date | None
    origin: str
    text: str
    incidents: tuple[Incident, ...]
    path: Path


def _strip_nulls(value: Any) -> Any:
    # Null in gold means "not annotated": drop it so the schema's default (None/empty) applies.
    if isinstance(value, dict):
        return {k: _strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_nulls(v) for v in value]
    return value


def _format_validation_error(prefix: str, exc: ValidationError) -> list[str]:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        problems.append(f"{prefix}{'.' + where if where else ''}: {err['msg']}")
    return problems


def _evidence_problems(prefix: str, raw: Any, text: str) -> list[str]:
    problems = []
    spans = raw.get("evidence") if isinstance(raw, dict) else None
    for k, span in enumerate(spans or []):
        if not isinstance(span, dict):
            continue  # the schema check reports the type error
        start, end, quoted = span.get("start"), span.get("end"), span.get("text")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(quoted, str)):
            continue
        if not 0 <= start < end <= len(text):
            problems.append(
                f"{prefix}.evidence.{k}: offsets {start}:{end} outside the text "
                f"(length {len(text)})"
            )
        elif text[start:end] != quoted:
            problems.append(
                f"{prefix}.evidence.{k}: text[{start}:{end}] is {text[start:end]!r}, not {quoted!r}"
            )
    return problems


def validate_gold_data(data: Any) -> list[str]:
    """Check one parsed gold file against the gold format.

    Args:
        data: The parsed JSON of a gold file.

    Returns:
        Human-readable problems, one per line; an empty list means the file is valid.
    """
    if not isinstance(data, dict):
        return ["the file must hold one JSON object"]
    problems = [f"missing key {key!r}" for key in REQUIRED_KEYS if key not in data]
    unknown = sorted(set(data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    problems += [f"unknown key {key!r}" for key in unknown]
    doc_id = data.get("id")
    if "id" in data and not (isinstance(doc_id, str) and GOLD_ID.match(doc_id)):
        problems.append(f"id {doc_id!r} must be 1-200 letters, digits, '.', '_' or '-'")
    if "schema_version" in data and data["schema_version"] != SCHEMA_VERSION:
        problems.append(
            f"schema_version {data['schema_version']!r}: this scorer reads version "
            f"{SCHEMA_VERSION!r}"
        )
    language = data.get("language")
    if "language" in data and not (isinstance(language, str) and re.match(r"^[a-z]{2}$", language)):
        problems.append(f"language {language!r} must be an ISO 639-1 code such as 'ar'")
    published = data.get("published")
    if published is not None:
        try:
            parse_iso_date(str(published))
        except ValueError:
            problems.append(f"published {published!r} is not an ISO date (YYYY-MM-DD)")
    origin = data.get("origin")
    if "origin" in data and not (isinstance(origin, str) and origin.strip()):
        problems.append("origin must say where the text comes from")
    text = data.get("text")
    if "text" in data and not (isinstance(text, str) and text.strip()):
        problems.append("text must be the non-empty article")
        text = None
    incidents = data.get("incidents")
    if "incidents" in data and not isinstance(incidents, list):
        problems.append("incidents must be a list (empty for an article with no incident)")
        incidents = None
    for i, raw in enumerate(incidents or []):
        prefix = f"incidents.{i}"
        try:
            Incident.model_validate(_strip_nulls(raw))  # no context: offsets are checked below
        except ValidationError as exc:
            problems += _format_validation_error(prefix, exc)
        if isinstance(text, str):
            problems += _evidence_problems(prefix, raw, text)
    return problems


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno})") from exc


def validate_gold_file(path: Path) -> list[str]:
    """Check one gold file; return its problems (empty when valid), each prefixed by the path.

    Args:
        path: A ``*.json`` gold file.
    """
    try:
        data = _read_json(path)
    except GoldError as exc:
        return [str(exc)]
    return [f"{path}: {problem}" for problem in validate_gold_data(data)]


def parse_gold(data: dict[str, Any], path: Path) -> GoldDocument:
    """Build a :class:`GoldDocument` from a parsed gold file.

    Raises:
        GoldError: the file does not pass :func:`validate_gold_data`.
    """
    problems = validate_gold_data(data)
    if problems:
        listed = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise GoldError(f"{path}: invalid gold file:\n  {listed}{more}")
    published = data.get("published")
    return GoldDocument(
        id=data["id"],
        language=data["language"],
        published=parse_iso_date(published) if published else None,
        origin=data["origin"],
        text=data["text"],
        incidents=tuple(Incident.model_validate(_strip_nulls(r)) for r in data["incidents"]),
        path=path,
    )


def gold_files(gold_dir: Path) -> list[Path]:
    """Return the ``*.json`` files under ``gold_dir`` (recursively), in path order."""
    return sorted(p for p in Path(gold_dir).rglob("*.json") if p.is_file())


def load_gold(gold_dir: Path | Iterable[Path]) -> list[GoldDocument]:
    """Load and validate every gold file under a directory, sorted by id.

    Args:
        gold_dir: A directory searched recursively for ``*.json`` files (or an iterable of
            files).

    Returns:
        The documents, sorted by id.

    Raises:
        GoldError: the directory is missing or holds no gold file, a file is invalid, or two
            files share an id.
    """
    if isinstance(gold_dir, (str, Path)):
        root = Path(gold_dir)
        if not root.is_dir():
            raise GoldError(f"gold directory {root} does not exist")
        paths = gold_files(root)
        if not paths:
            raise GoldError(f"no gold files (*.json) under {root}")
    else:
        paths = sorted(gold_dir)
        if not paths:
            raise GoldError("no gold files given")
    docs: dict[str, GoldDocument] = {}
    for path in paths:
        data = _read_json(path)
        doc = parse_gold(data, path)
        if doc.id in docs:
            raise GoldError(f"{path}: id {doc.id!r} is already used by {docs[doc.id].path}")
        docs[doc.id] = doc
    return [docs[key] for key in sorted(docs)]
