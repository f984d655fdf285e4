"""One article reader: a text file, stdin or a saved page give the same text, and so the same
incidents, whichever command reads them (answers replayed from evals/responses, no model)."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.extraction import extract
from incidents.model.store import ResponseStore
from incidents.reading import (
    MAX_FILE_BYTES,
    MAX_PAGE_BYTES,
    ArticleRefused,
    SourceText,
    html_to_text,
    read_article,
)

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "evals" / "gold" / "dev" / "en-iraq-kirkuk-ied.json"
RESPONSES = REPO / "evals" / "responses"
PROMPT = "extract_incidents@v4"  # the version whose answers evals/responses holds for the gold


def page_of(text: str, published: str) -> str:
    """A news page for ``text`` (headline, then paragraphs) inside the usual site chrome."""
    headline, *paragraphs = text.split("\n\n")
    body = "\n".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<meta property="article:published_time" content="{published}T07:30:00+03:00">
<link rel="canonical" href="https://news.example.org/iraq/kirkuk-bomb">
<style>body {{ font-family: serif }}</style>
<script>window.analytics = {{"page": "article"}};</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<main><article>
<h1>{html.escape(headline)}</h1>
{body}
</article></main>
<footer><p>© 2025 News Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script src="/static/app.js"></script>
</body></html>"""


@pytest.fixture(scope="module")
def gold() -> dict[str, str]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    return {"text": data["text"], "published": data["published"]}


@pytest.fixture
def article_files(tmp_path: Path, gold: dict[str, str]) -> tuple[Path, Path]:
    txt = tmp_path / "kirkuk.txt"
    txt.write_text(gold["text"], encoding="utf-8")
    page = tmp_path / "kirkuk.html"
    page.write_text(page_of(gold["text"], gold["published"]), encoding="utf-8")
    return txt, page


# --- the page reduces to exactly the article ----------------------------------------------


def test_the_page_reduces_to_the_gold_text(gold: dict[str, str]) -> None:
    text = html_to_text(page_of(gold["text"], gold["published"]))
    assert text == gold["text"]  # nav, footer, scripts and styles dropped; paragraphs kept


def test_page_and_text_file_read_the_same(
    article_files: tuple[Path, Path], gold: dict[str, str]
) -> None:
    txt, page = article_files
    from_text, from_page = read_article(str(txt)), read_article(str(page))
    assert from_text == SourceText(text=gold["text"])
    assert from_page.text == from_text.text
    assert from_page.published == dt.date.fromisoformat(gold["published"])
    assert from_page.url == "https://news.example.org/iraq/kirkuk-bomb"


def test_page_and_text_file_give_the_same_incidents(
    article_files: tuple[Path, Path], gold: dict[str, str]
) -> None:
    store = ResponseStore(RESPONSES)
    results = []
    for path in article_files:
        source = read_article(str(path))
        results.append(
            extract(
                source.text,
                published=source.published or gold["published"],
                prompt=PROMPT,
                cache_mode="replay",
                store=store,
            )
        )
    from_text, from_page = results
    assert from_page.incidents  # the replayed answer holds the bombing
    assert from_page.incidents == from_text.incidents


def test_cli_extracts_the_page_like_the_api(
    article_files: tuple[Path, Path], gold: dict[str, str]
) -> None:
    _, page = article_files
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_"))}
    env["INCIDENTS_RESPONSE_STORE"] = str(RESPONSES.resolve())
    command = [sys.executable, "-m", "incidents", "extract", str(page)]
    result = subprocess.run(
        [*command, "--cache", "replay", "--prompt", PROMPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    expected = extract(
        gold["text"],
        published=gold["published"],
        prompt=PROMPT,
        cache_mode="replay",
        store=ResponseStore(RESPONSES),
    )
    assert printed["published"] == gold["published"]  # taken from the page's metadata
    assert printed["incidents"] == expected.model_dump(mode="json")["incidents"]


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("قتل ثلاثة أشخاص في حلب".encode("cp1256"), "is not valid UTF-8"),
    ],
)
def test_refuses_what_is_not_an_article(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleRefused, match=message):
        read_article(str(path))


def test_refuses_missing_paths_and_folders(tmp_path: Path) -> None:
    with pytest.raises(ArticleRefused, match="no such file"):
        read_article(str(tmp_path / "nope.txt"))
    with pytest.raises(ArticleRefused, match="not a file"):
        read_article(str(tmp_path))


def test_size_limits_text_and_pages(tmp_path: Path) -> None:
    text = tmp_path / "huge.txt"
    text.write_text("word " * (MAX_FILE_BYTES // 5 + 10))
    with pytest.raises(ArticleRefused, match=r"the limit is 1,048,576 bytes \(1 MiB\)"):
        read_article(str(text))
    # A page may carry more markup than that, as long as it stays under its own limit.
    page = tmp_path / "big.html"
    page.write_text("<script>" + "x" * MAX_FILE_BYTES + "</script><p>Clashes in Homs.</p>")
    assert read_article(str(page)).text == "Clashes in Homs."
    page.write_text("<p>" + "x" * MAX_PAGE_BYTES + "</p>")
    with pytest.raises(ArticleRefused, match="8 MiB"):
        read_article(str(page))


def test_refuses_a_page_without_article_text(tmp_path: Path) -> None:
    page = tmp_path / "empty.htm"
    page.write_text("<html><script>app()</script><nav>Home</nav></html>")
    with pytest.raises(ArticleRefused, match="has no article text"):
        read_article(str(page))


def test_reads_stdin_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("\ufeffClashes in Homs.\n".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert read_article("-") == SourceText(text="Clashes in Homs.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" \n"), encoding="utf-8"))
    with pytest.raises(ArticleRefused, match="stdin is empty"):
        read_article("-")
