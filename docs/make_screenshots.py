"""Screenshots of the review page for the README: ``docs/review-{overview,ar,en}.png``.

Usage::

    .venv/bin/python docs/make_screenshots.py RESULTS.jsonl [--out docs]

It writes the review page of RESULTS.jsonl (as ``incidents export --to html`` does), opens it
in Debian's chromium (``/usr/bin/chromium``, installed by ``scripts/bootstrap.sh``; Playwright
downloads nothing), saves the top of the page (filters, counts per type, the map), selects
the first incident of the first Arabic and the first English article so their evidence is
highlighted, and saves each article as a PNG.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from incidents.batch.results import read_results
from incidents.export.review_page import write_review_page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots; return the exit code (1 when a language has no article)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="a results file (batch or extract jsonl)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent, help="folder")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    lines = read_results(args.results)
    wanted = {}
    for index, line in enumerate(lines):
        result = line.result
        if result and result.source and result.incidents:
            wanted.setdefault(result.language, index)
    missing = [language for language in ("ar", "en") if language not in wanted]
    if missing:
        print(f"no article with text and incidents in {missing}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "review.html"
        write_review_page(lines, page_file)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready]")
        box = page.locator("#map-panel").bounding_box()
        overview = args.out / "review-overview.png"
        bottom = (box["y"] + box["height"] + 8) if box else 900
        page.screenshot(path=str(overview), clip={"x": 0, "y": 0, "width": 1280, "height": bottom})
        print(overview)
        for language in ("ar", "en"):
            article = page.locator(f'.article[data-index="{wanted[language]}"]')
            article.locator(".card h3").first.click()
            article.locator(".article-text").evaluate("node => { node.scrollTop = 0; }")
            shot = args.out / f"review-{language}.png"
            article.screenshot(path=str(shot))
            print(shot)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
