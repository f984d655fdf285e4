"""Saved news pages (examples/pages, written for this project): the article text only, with
the page's own date, title and URL, and ``incidents extract page.html`` uses them.

The extraction test replays the embedded model's recorded answers (evals/responses).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.extraction import extract
from incidents.model.store import ResponseStore
from incidents.reading import SourceText, read_article

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "examples" / "pages"
RESPONSES = REPO / "evals" / "responses"

# What each page says about itself, and text from its chrome that must not be read as news.
PAGES_EXPECTED = {
    "marib-drone-strike-en.html": {
        "published": dt.date(2025, 3, 14),
        "url": "https://gulfdesk.example.com/yemen/2025/03/14/marib-drone-strike",
        "title": "Drone strike kills three fighters near Marib, officials say",
        "first": "Drone strike kills three fighters near Marib, officials say\n\nMARIB, Yemen",
        "last": "wounding two children, according to the camp's administration.",
        "chrome": [
            "cookies", "Subscribe", "Advertisement", "SkyLines", "Gulf Desk Daily app",
            "Share on X", "Related stories", "Rial slides", "Praying for peace",
            "VPN", "All rights reserved", "Privacy policy", "dataLayer",
        ],
    },
    "idlib-shelling-ar.html": {
        "published": dt.date(2025, 2, 9),
        "url": "https://shamal-news.example.org/news/2025/02/09/idlib-shelling",
        "title": "مقتل مدنيين اثنين بقصف مدفعي على ريف إدلب الجنوبي",
        "first": "مقتل مدنيين اثنين بقصف مدفعي على ريف إدلب الجنوبي\n\nقُتل مدنيان",
        "last": "رغم اتفاق وقف إطلاق النار.",
        "chrome": [
            "الرئيسية", "رياضة", "إعلان", "خصم", "حمّل تطبيق", "شارك على فيسبوك",
            "الأكثر قراءة", "المحروقات", "جميع الحقوق محفوظة", "سياسة الخصوصية",
        ],
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PAGES_EXPECTED))
def test_a_saved_page_reads_as_its_article_only(name: str) -> None:
    expected = PAGES_EXPECTED[name]
    source = read_article(str(PAGES / name))

    assert source.text.startswith(expected["first"])  # the headline, then the story
    assert source.text.endswith(expected["last"])
    leaked = [chrome for chrome in expected["chrome"] if chrome in source.text]
    assert not leaked, f"page chrome read as article text: {leaked}"
    assert (source.published, source.published_from) == (expected["published"], "page metadata")
    assert (source.url, source.title) == (expected["url"], expected["title"])


def test_a_page_without_a_date_gives_none() -> None:
    html = (PAGES / "marib-drone-strike-en.html").read_text(encoding="utf-8")
    for dated in ('<meta property="article:published_time" content="2025-03-14T18:40:00+03:00">',
                  '<time datetime="2025-03-14T18:40:00+03:00">14 March 2025</time>'):  # fmt: skip
        html = html.replace(dated, "")
    html = html.replace("/2025/03/14/", "/")  # nor a date in its URL
    from incidents.reading import html_article

    source = html_article(html)
    assert (source.published, source.published_from) == (None, None)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_"))}
    env["INCIDENTS_RESPONSE_STORE"] = str(RESPONSES.resolve())
    return env


@pytest.mark.parametrize("name", sorted(PAGES_EXPECTED))
def test_cli_extracts_a_page_with_its_date_and_keeps_the_text(name: str) -> None:
    expected = PAGES_EXPECTED[name]
    run = subprocess.run(
        [sys.executable, "-m", "incidents", "extract", str(PAGES / name), "--cache", "replay"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    printed = json.loads(run.stdout)
    source = printed["source"]

    assert printed["published"] == expected["published"].isoformat()
    assert source["published_from"] == "page metadata"
    assert (source["url"], source["title"]) == (expected["url"], expected["title"])
    assert source["text"] == read_article(str(PAGES / name)).text
    assert printed["incidents"], "the recorded answer holds the page's incidents"
    for incident in printed["incidents"]:
        for span in incident["evidence"]:  # evidence points into the kept text
            assert source["text"][span["start"] : span["end"]] == span["text"]


def test_the_callers_date_wins_and_is_recorded_as_the_callers() -> None:
    from incidents.extraction import _published_and_origin

    page = read_article(str(PAGES / "marib-drone-strike-en.html"))
    on_the_page = dt.date(2025, 3, 14)
    assert _published_and_origin(None, page) == (on_the_page, "page metadata")
    assert _published_and_origin("2025-03-15", page) == (dt.date(2025, 3, 15), "caller")
    assert _published_and_origin(None, SourceText(text="x")) == (None, None)
    # A JSONL input's date has no stated origin: the caller gave it.
    given = SourceText(text="x", published=on_the_page)
    assert _published_and_origin(None, given) == (on_the_page, "caller")


def test_a_result_whose_evidence_leaves_its_source_does_not_validate() -> None:
    page = read_article(str(PAGES / "marib-drone-strike-en.html"))
    result = extract(page, cache_mode="replay", store=ResponseStore(RESPONSES))
    assert result.incidents and result.source is not None
    data = result.model_dump(mode="json")
    data["source"]["text"] = "X" + data["source"]["text"]  # every span now off by one

    from pydantic import ValidationError

    from incidents.schema import ExtractionResult

    with pytest.raises(ValidationError, match=r"is not source\.text"):
        ExtractionResult.model_validate(data)
    assert SourceText(text="x").published_from is None
