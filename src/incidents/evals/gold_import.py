"""Corrections from the review page turned into gold files (``incidents gold import``).

The corrections file (what the page's *Download corrections* saves) is versioned JSON::

    {"format": "incidents-corrections", "version": 1, "schema_version": "1",
     "results_sha256": "<hash of the results the page was made from>", "saved_at": "...",
     "articles": [{"id", "language", "published", "title", "url", "model", "text",
                   "reviewed": true|false,
                   "incidents": [{<schema-v1 incident fields, evidence included>,
                                  "review": "unchecked"|"right"|"wrong"|"edited"|"added"}],
                   "deleted": [<model incidents the analyst deleted, same shape>]},
                  {"id", "failed": "<reason>", "reviewed": false, "incidents": []}]}

Evidence offsets are code points into ``text``, like the schema's.

When corrections count as gold: only articles the analyst marked *Reviewed* are imported,
because unreviewed model output is not gold. A reviewed article's gold incidents are its
incidents as they stand (confirmed, edited or added; deleted ones dropped). An incident still
marked ``wrong`` (neither corrected nor deleted) is an error, not a silent choice. Failed
articles and results written before results kept the article text have no text to annotate,
so they are skipped, each with its reason.

Every gold file is checked with the gold set's own validator
(:func:`incidents.evals.gold.validate_gold_data`) before anything is written; an invalid article
or an existing different file (without ``force``) stops the import with nothing written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidents.evals.gold import GOLD_ID, validate_gold_data
from incidents.schema import SCHEMA_VERSION

CORRECTIONS_FORMAT = "incidents-corrections"
CORRECTIONS_VERSION = 1
_REVIEW_KEY = "review"


class CorrectionsError(ValueError):
    """The corrections cannot be imported; the message names the article and field."""


@dataclass(frozen=True)
class Skipped:
    """An article of the corrections that did not become gold, and why."""

    id: str
    reason: str


@dataclass
class ImportReport:
    """What :func:`import_corrections` did."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def read_corrections(path: Path) -> dict[str, Any]:
    """Parse a corrections file and check its format and version.

    Raises:
        CorrectionsError: unreadable, not JSON, not a corrections file, or a newer version.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise CorrectionsError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise CorrectionsError(
            f"{path} is not JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != CORRECTIONS_FORMAT:
        raise CorrectionsError(
            f'{path} is not a corrections file (expected "format": "{CORRECTIONS_FORMAT}"; '
            "save one with the review page's Download corrections)"
        )
    if data.get("version") != CORRECTIONS_VERSION:
        raise CorrectionsError(
            f"{path}: corrections version {data.get('version')!r} is not supported "
            f"(this version reads {CORRECTIONS_VERSION})"
        )
    if not isinstance(data.get("articles"), list):
        raise CorrectionsError(f'{path}: "articles" must be a list')
    return data


def gold_documents(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """The gold files (parsed JSON) of the reviewed articles, and the skipped articles.

    Raises:
        CorrectionsError: an article is not an object, an incident is still marked wrong, two
            articles map to one gold id, or a gold file fails the gold validator; the message
            lists every problem, each naming its article and field.
    """
    golds: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for number, article in enumerate(data["articles"], start=1):
        if not isinstance(article, dict):
            problems.append(f"articles.{number - 1}: not an object")
            continue
        article_id = str(article.get("id") or f"#{number}")
        reason = _skip_reason(article)
        if reason:
            skipped.append(Skipped(article_id, reason))
            continue
        gold_id = gold_id_for(article_id)
        if gold_id in seen:
            problems.append(
                f"article {article_id!r}: its gold id {gold_id!r} is also that of {seen[gold_id]!r}"
            )
            continue
        seen[gold_id] = article_id
        gold, wrong = _gold_document(article, gold_id, data)
        found = [f"incidents.{i}: marked wrong but neither corrected nor deleted" for i in wrong]
        found += validate_gold_data(gold)
        problems += [f"article {article_id!r}: {problem}" for problem in found]
        golds.append(gold)
    if problems:
        listed = "\n  ".join(problems[:30])
        more = f"\n  … and {len(problems) - 30} more" if len(problems) > 30 else ""
        raise CorrectionsError(f"nothing written; fix these and download again:\n  {listed}{more}")
    return golds, skipped


def import_corrections(path: Path, out_dir: Path, *, force: bool = False) -> ImportReport:
    """Write one gold file per reviewed article of ``path`` into ``out_dir``.

    Args:
        path: A corrections file saved by the review page.
        out_dir: Where the gold files go (``<gold id>.json``); created when missing.
        force: Replace existing files whose content differs (otherwise an error).

    Raises:
        CorrectionsError: see :func:`read_corrections` and :func:`gold_documents`; also when a
            target file exists with other content and ``force`` is false, or ``out_dir`` is a
            file. Nothing is written in any of these cases.
    """
    golds, skipped = gold_documents(read_corrections(path))
    report = ImportReport(skipped=skipped)
    if out_dir.exists() and not out_dir.is_dir():
        raise CorrectionsError(f"--out {out_dir} is a file; give a directory")
    planned: list[tuple[Path, str]] = []
    conflicts: list[str] = []
    for gold in golds:
        target = out_dir / f"{gold['id']}.json"
        content = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        if target.exists():
            if target.read_text(encoding="utf-8") == content:
                report.unchanged.append(target)
                continue
            if not force:
                conflicts.append(str(target))
        planned.append((target, content))
    if conflicts:
        raise CorrectionsError(
            "nothing written: these gold files exist with other content (use --force to "
            "replace them): " + ", ".join(conflicts)
        )
    if planned:
        out_dir.mkdir(parents=True, exist_ok=True)
    # Every file is written beside its target first, then renamed: an error while writing
    # leaves no half-written gold file behind.
    temporary = []
    try:
        for target, content in planned:
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_text(content, encoding="utf-8")
            temporary.append((tmp, target))
    except OSError as exc:
        for tmp, _ in temporary:
            tmp.unlink(missing_ok=True)
        raise CorrectionsError(f"nothing written: cannot write in {out_dir}: {exc}") from None
    for tmp, target in temporary:
        os.replace(tmp, target)
        report.written.append(target)
    return report


def gold_id_for(article_id: str) -> str:
    """The gold id (and file name) of an article: its id when the gold format allows it,
    otherwise the id with every run of other characters turned into ``-`` (a hash of it when
    nothing usable is left, e.g. an Arabic title)."""
    if GOLD_ID.match(article_id):
        return article_id
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", article_id).strip("-._")[:200]
    if GOLD_ID.match(slug):
        return slug
    return "article-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]


def _skip_reason(article: dict[str, Any]) -> str | None:
    if article.get("failed") is not None:
        return f"the extraction failed ({article['failed']})"
    if article.get("reviewed") is not True:
        return "not marked Reviewed (unreviewed model output is not gold)"
    if not isinstance(article.get("text"), str):
        return "no article text: the results were written before they kept it"
    return None


def _gold_document(
    article: dict[str, Any], gold_id: str, data: dict[str, Any]
) -> tuple[dict[str, Any], list[int]]:
    incidents: list[Any] = []
    wrong: list[int] = []
    counts: dict[str, int] = {}
    raw_incidents = article.get("incidents")
    for i, raw in enumerate(raw_incidents if isinstance(raw_incidents, list) else []):
        if isinstance(raw, dict):
            status = str(raw.get(_REVIEW_KEY) or "unchecked")
            counts[status] = counts.get(status, 0) + 1
            if status == "wrong":
                wrong.append(i)
            raw = {key: value for key, value in raw.items() if key != _REVIEW_KEY}
        incidents.append(raw)
    deleted = article.get("deleted")
    counts["deleted"] = len(deleted) if isinstance(deleted, list) else 0
    model = article.get("model") or "model"
    url = article.get("url")
    gold: dict[str, Any] = {
        "id": gold_id,
        "schema_version": article.get("schema_version") or data.get("schema_version")
        or SCHEMA_VERSION,
        "language": article.get("language"),
        "published": article.get("published"),
        "origin": f"news article{f' ({url})' if url else ''}; incidents coded by an analyst "
        f"reviewing model output ({model}) on the incidents review page",
    }  # fmt: skip
    if article.get("title"):
        gold["title"] = article["title"]
    tally = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()) if n)
    gold["notes"] = (
        f"imported by `incidents gold import` from corrections of results "
        f"{str(data.get('results_sha256', ''))[:12]} (article id {article.get('id')!r}); "
        f"model incidents and edits: {tally or 'none'}"
    )
    gold["text"] = article.get("text")
    gold["incidents"] = incidents if isinstance(raw_incidents, list) else raw_incidents
    return gold, wrong
