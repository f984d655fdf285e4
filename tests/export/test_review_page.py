"""The review page as a file: one self-contained HTML page, nothing fetched, the data embedded
as JSON that hostile article text cannot break out of."""

from __future__ import annotations

import json
import re
from pathlib import Path

from review_fixture import HOSTILE_TEXT, review_lines

from incidents.export.review_page import (
    SCRIPTS,
    page_data,
    render_review_page,
    results_sha256,
    write_review_page,
)
from incidents.schema import SUB_EVENT_TYPES

DATA = re.compile(r'<script type="application/json" id="review-data">(.*?)</script>', re.DOTALL)


def split_page(page: str) -> tuple[str, str]:
    """The embedded JSON, and the page without it."""
    (data,) = DATA.findall(page)
    return data, DATA.sub("", page)


def test_the_page_is_one_file_that_fetches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "review.html"
    write_review_page(review_lines(), out)
    page = out.read_text(encoding="utf-8")
    _, markup = split_page(page)
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", markup, re.I)
    assert not re.search(r"<link\b|@import|<iframe|<img\b|@font-face", markup, re.I)
    assert not re.search(r"\burl\(", markup)  # CSS url(): createObjectURL( is fine
    assert not re.search(r"""\bfetch\(|XMLHttpRequest|WebSocket|import\(""", markup)
    assert "innerHTML" not in markup and "insertAdjacentHTML" not in markup
    assert "default-src 'none'" in markup  # the browser refuses any request too
    assert "{{" not in markup  # every placeholder filled
    assert markup.count("<script") == 1 and markup.count("</script>") == 1
    for name in SCRIPTS:  # every asset inlined, in order
        asset = Path(__file__).parents[2] / "src/incidents/export/review_assets" / name
        assert asset.read_text(encoding="utf-8").splitlines()[0] in markup


def test_the_data_cannot_close_its_element_and_reads_back_exactly() -> None:
    page = render_review_page(review_lines())
    data, _ = split_page(page)
    assert "<" not in data and ">" not in data and "&" not in data
    assert page.count("</script>") == 2  # the data's and the script's, not the article's
    parsed = json.loads(data)
    hostile = next(a for a in parsed["articles"] if a["id"] == "hostile-mogadishu")
    assert hostile["text"] == HOSTILE_TEXT  # "{{JS}}" in the article stays text
    assert parsed == json.loads(json.dumps(page_data(review_lines())))


def test_every_article_is_on_the_page_failed_and_textless_ones_included() -> None:
    data = page_data(review_lines())
    by_id = {a["id"]: a for a in data["articles"]}
    assert list(by_id) == [line.id for line in review_lines()]
    assert by_id["failed-timeout"]["ok"] is False
    assert by_id["failed-timeout"]["reason"] == "model timed out after 3 tries"
    assert by_id["legacy-no-text"]["text"] is None
    assert by_id["legacy-no-text"]["incidents"][0]["evidence"][0]["text"] == "Protesters marched "
    assert sum(len(a["incidents"]) for a in data["articles"]) == 6
    vocab = data["vocab"]
    assert {e for e, _ in vocab["event_types"]} == {e.value for e in SUB_EVENT_TYPES}
    assert [s for s, _ in vocab["sub_event_types"]["riots"]] == list(
        SUB_EVENT_TYPES[next(e for e in SUB_EVENT_TYPES if e.value == "riots")]
    )
    assert dict(vocab["event_types"])["explosions_remote_violence"] == (
        "Explosions/Remote violence"
    )
    assert vocab["countries"]["SY"] == "Syria"


def test_the_hash_keys_the_results() -> None:
    lines = review_lines()
    assert results_sha256(lines) == results_sha256(review_lines())
    assert results_sha256(lines) != results_sha256(lines[:-1])
