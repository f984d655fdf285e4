"""Reading a results file: ``incidents batch`` output or ``incidents extract --format jsonl``.

Every command that takes results (``export``, ``events``, ``eval --predictions``) reads them
here, so they accept the same two shapes:

- a batch record per line, ``{"id", "status": "ok"|"failed", "reason", "result", "url"?}``;
- a bare :class:`~incidents.schema.ExtractionResult` per line (what ``extract --format jsonl``
  prints; its ``document_id`` is the id).

Failed batch records are kept (with their reason), so a consumer can say what it left out
instead of losing articles silently. A line that is neither shape is an error naming its line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from incidents.schema import ExtractionResult


class NotAResultsFile(ValueError):
    """The file cannot be read as results; the message names the line and why."""


@dataclass(frozen=True)
class ResultLine:
    """One article of a results file: its result when it was extracted, else why not."""

    id: str
    result: ExtractionResult | None
    reason: str | None = None
    url: str | None = None

    @property
    def ok(self) -> bool:
        return self.result is not None


def read_results(path: Path) -> list[ResultLine]:
    """Every article in ``path``, in file order.

    Raises:
        NotAResultsFile: missing or unreadable file, a line that is not JSON, or a record that
            is neither a batch record nor a valid ExtractionResult (its evidence included).
    """
    try:
        data = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NotAResultsFile(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NotAResultsFile(f"cannot read {path}: {exc}") from None
    lines: list[ResultLine] = []
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            lines.append(_parse(json.loads(raw)))
        except (json.JSONDecodeError, ValueError) as exc:
            raise NotAResultsFile(f"{path}:{lineno}: {_short(exc)}") from None
    if not lines:
        raise NotAResultsFile(f"{path} holds no results")
    return lines


def _parse(obj: object) -> ResultLine:
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    if "status" in obj and "id" in obj:  # a batch record
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        if obj["status"] == "failed":
            return ResultLine(id=str(obj["id"]), result=None, reason=obj.get("reason"), url=url)
        if obj["status"] != "ok":
            raise ValueError(f"unknown status {obj['status']!r}")
        result = ExtractionResult.model_validate(obj.get("result"))
        return ResultLine(id=str(obj["id"]), result=result, url=url or _url_of(result))
    result = ExtractionResult.model_validate(obj)
    return ResultLine(id=result.document_id, result=result, url=_url_of(result))


def _url_of(result: ExtractionResult) -> str | None:
    return result.source.url if result.source else None


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"not a result ({where}: {first['msg']})"
    return str(exc)
