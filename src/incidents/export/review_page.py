"""The offline review page: one self-contained HTML file to read and correct a results file.

The page lists every article (failed ones with their reason), each incident as a card, and the
incident's evidence highlighted in the article text; an analyst marks incidents right or wrong,
edits, deletes and adds them, marks articles *Reviewed* and downloads the corrections as JSON,
which ``incidents gold import`` turns into gold files (:mod:`incidents.evals.gold_import`).

Everything the page needs is inlined: styles, scripts (``review_assets/``) and the data, as
JSON in a ``<script type="application/json">`` element. It opens from disk with no network: no
CDN, no map tiles, no web fonts, and a Content-Security-Policy that forbids fetching anything.
Article text may hold hostile HTML; the scripts insert every value from the data as text nodes,
and the embedded JSON has ``<``, ``>`` and ``&`` escaped so nothing can close the element.

Offsets: the data keeps the schema's code-point offsets; the page converts them to the UTF-16
indexes of JavaScript strings itself (so an emoji before a span does not shift it), and converts
a selection back to code points when an analyst adds an incident.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from incidents.batch.results import ResultLine
from incidents.export.acled_vocab import EVENT_TYPE_LABELS, SUB_EVENT_TYPE_LABELS, country
from incidents.schema import (
    SCHEMA_VERSION,
    SUB_EVENT_TYPES,
    ActorKind,
    DatePrecision,
    Role,
)

PAGE_FORMAT_VERSION = 1
"""Version of the embedded data (and of the corrections file the page downloads)."""

# Concatenated in this order into one <script>: each file adds to the shared `Review` object.
SCRIPTS = ("util.js", "state.js", "text.js", "cards.js", "editor.js", "filters.js", "pager.js",
           "map.js", "main.js")  # fmt: skip
# Articles drawn at once: a page of 100 opens in well under a second (benchmarks/README.md).
PAGE_SIZE = 100
_PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")


def write_review_page(lines: list[ResultLine], out: Path, *, page_size: int = PAGE_SIZE) -> None:
    """Write the review page of ``lines`` (a results file, failed articles included) to ``out``.

    Args:
        lines: Every article of a results file, as :func:`incidents.batch.results.read_results`
            returns them.
        out: The HTML file to write; its folder is created when missing.
        page_size: Articles drawn at once; the others are a page turn away (counts, filters,
            the plot and the corrections always cover every article).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_review_page(lines, page_size=page_size), encoding="utf-8")


def render_review_page(lines: list[ResultLine], *, page_size: int = PAGE_SIZE) -> str:
    """The review page of ``lines`` as one HTML string (see :func:`write_review_page`)."""
    if page_size < 1:
        raise ValueError(f"page_size must be at least 1, got {page_size}")
    payload = page_data(lines, page_size=page_size)
    parts = {
        "TITLE": html.escape(f"Review: {len(lines)} articles ({payload['results_sha256'][:8]})"),
        "CSS": _asset("review.css"),
        "JS": "\n".join(_asset(name) for name in SCRIPTS),
        "DATA": embed_json(payload),
    }
    for name in ("CSS", "JS"):
        # Our own assets: a closing tag in them would end the element early.
        if re.search(r"</(style|script)", parts[name], re.IGNORECASE):
            raise ValueError(f"review asset {name} contains a closing tag")
    # One pass over the template only: a placeholder spelled inside the data stays text.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("review.html"))


def embed_json(payload: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped.

    In JSON these characters can only occur inside strings, where ``\\u003c`` reads back as
    ``<``; so an article holding ``</script><script>…`` cannot end the element.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def results_sha256(lines: list[ResultLine]) -> str:
    """A stable hash of the results the page shows: it keys saved work and corrections."""
    canonical = [
        {"id": line.id, "reason": line.reason, "url": line.url,
         "result": line.result.model_dump(mode="json") if line.result else None}
        for line in lines
    ]  # fmt: skip
    blob = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def page_data(lines: list[ResultLine], *, page_size: int = PAGE_SIZE) -> dict[str, Any]:
    """The JSON the page embeds: vocabulary, and one entry per article in file order."""
    return {
        "page_size": page_size,
        "format": "incidents-review-page",
        "version": PAGE_FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "results_sha256": results_sha256(lines),
        "vocab": _vocabulary(lines),
        "articles": [_article(line) for line in lines],
    }


def _article(line: ResultLine) -> dict[str, Any]:
    result = line.result
    if result is None:
        return {"id": line.id, "ok": False, "reason": line.reason or "no reason recorded",
                "url": line.url, "text": None, "incidents": []}  # fmt: skip
    source = result.source
    return {
        "id": line.id,
        "ok": True,
        "language": result.language,
        "published": result.published.isoformat() if result.published else None,
        "url": line.url,
        "title": source.title if source else None,
        # None for results written before `source` existed: incidents and quotes only.
        "text": source.text if source else None,
        "model": f"{result.provenance.prompt} · {result.provenance.model}",
        "incidents": [incident.model_dump(mode="json") for incident in result.incidents],
    }


def _vocabulary(lines: list[ResultLine]) -> dict[str, Any]:
    codes = sorted(
        {
            incident.location.country
            for line in lines
            if line.result
            for incident in line.result.incidents
            if incident.location.country
        }
    )
    countries = {}
    for code in codes:
        found = country(code)
        countries[code] = found.name if found else code
    return {
        "event_types": [[event.value, EVENT_TYPE_LABELS[event.value]] for event in SUB_EVENT_TYPES],
        "sub_event_types": {
            event.value: [[sub, SUB_EVENT_TYPE_LABELS[sub]] for sub in subs]
            for event, subs in SUB_EVENT_TYPES.items()
        },
        "roles": [role.value for role in Role],
        "kinds": [kind.value for kind in ActorKind],
        "precisions": [precision.value for precision in DatePrecision],
        "countries": countries,
    }


def _asset(name: str) -> str:
    return (resources.files("incidents.export") / "review_assets" / name).read_text(
        encoding="utf-8"
    )
