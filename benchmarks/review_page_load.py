"""How long the review page takes to open, for a results file of N articles.

    python benchmarks/review_page_load.py [--articles 200 2000] [--json FILE]

The gold articles of ``evals/gold/dev`` are replayed from the committed response store
(``evals/responses``, no model) and repeated, under new ids, up to N articles; the page is
written with ``incidents.export.review_page`` and opened from disk in Debian's headless
Chromium (Playwright), timed from navigation until the page marks itself ready (every article
and card of the first page drawn). A filter change is timed too. Run it with nothing else on
the machine.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from incidents.batch.results import ResultLine
from incidents.evals.gold import load_gold
from incidents.export.review_page import write_review_page
from incidents.extraction import extract
from incidents.model.store import ResponseStore

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def replayed_lines() -> list[ResultLine]:
    store = ResponseStore(REPO / "evals" / "responses")
    lines = []
    for doc in load_gold(REPO / "evals" / "gold" / "dev"):
        result = extract(doc.text, published=doc.published, document_id=doc.id,
                         cache_mode="replay", store=store)  # fmt: skip
        lines.append(ResultLine(id=doc.id, result=result))
    return lines


def measure(lines: list[ResultLine], count: int, browser: Any, folder: Path) -> dict[str, Any]:
    many = []
    for i in range(count):
        line = lines[i % len(lines)]
        assert line.result is not None
        copy = line.result.model_copy(update={"document_id": f"{line.id}-{i}"})
        many.append(ResultLine(id=f"{line.id}-{i}", result=copy))
    page_file = folder / f"review-{count}.html"
    started = time.perf_counter()
    write_review_page(many, page_file)
    written = time.perf_counter() - started
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(page_file.as_uri(), timeout=600_000)
    page.wait_for_selector("body[data-ready]", timeout=600_000)
    ready = time.perf_counter() - started
    incidents = int(page.locator("#count-incidents").text_content() or 0)
    drawn = page.locator(".article").count()
    started = time.perf_counter()
    page.select_option("#filter-type", "battles")
    page.locator("#count-incidents").text_content()
    filtered = time.perf_counter() - started
    page.close()
    return {"articles": count, "incidents": incidents, "articles_drawn": drawn,
            "megabytes": round(page_file.stat().st_size / 1e6, 1),
            "write_s": round(written, 2), "ready_s": round(ready, 2),
            "filter_s": round(filtered, 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    lines = replayed_lines()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for count in args.articles:
            rows.append(measure(lines, count, browser, Path(tmp)))
            print(json.dumps(rows[-1]))
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
