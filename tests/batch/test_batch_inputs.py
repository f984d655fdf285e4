"""Batch inputs: directories of article files and JSONL files, and how bad entries are reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from incidents.batch.inputs import BadInput, InputItem, InputProblem, scan_inputs
from incidents.reading import html_article, html_to_text


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_directory_ids_are_relative_paths_without_extension(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("Clashes in Aleppo.", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("# Title\nA strike hit Idlib.", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.html").write_text("<p>Protest in Homs.</p>", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("ignored", encoding="utf-8")

    entries = scan_inputs(tmp_path)

    assert [e.id for e in entries] == ["a", "sub/b", "sub/deeper/c"]
    assert all(isinstance(e, InputItem) for e in entries)
    texts = [e.load().text for e in entries if isinstance(e, InputItem)]
    assert texts == ["Clashes in Aleppo.", "# Title\nA strike hit Idlib.", "Protest in Homs."]


def test_directory_duplicate_ids_and_unreadable_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "a.md").write_text("second", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")

    entries = {e.id: e for e in scan_inputs(tmp_path)}

    # a.md sorts before a.txt: it keeps the id, a.txt is reported under its file name.
    assert isinstance(entries["a"], InputItem) and entries["a"].load().text == "second"
    problem = entries["a.txt"]
    assert isinstance(problem, InputProblem) and "duplicate id 'a'" in problem.message
    latin1 = entries["latin1"]
    assert isinstance(latin1, InputItem)
    with pytest.raises(BadInput, match="not UTF-8"):
        latin1.load()
    empty = entries["empty"]
    assert isinstance(empty, InputItem)
    with pytest.raises(BadInput, match="no text"):
        empty.load()


def test_html_drops_scripts_and_keeps_paragraphs() -> None:
    html = """<html><head><title>Report</title><style>p {color: red}</style>
    <script>var secret = "do not extract";</script></head>
    <body><nav><a href="/">Site menu</a></nav><ul><li>Home</li><li>World</li></ul>
    <h1>Clashes near <b>Al Mayadin</b></h1>
    <p>Two fighters were <a href="#">killed</a> on Monday,<br>local sources said.</p>
    <noscript>enable JS</noscript>
    <table><tr><td>Killed</td><td>2</td></tr></table></body></html>"""

    text = html_to_text(html)

    assert "secret" not in text and "color" not in text and "enable JS" not in text
    assert "Site menu" not in text  # navigation is the site's, not the article's
    assert "Clashes near Al Mayadin" in text  # inline markup does not split a sentence
    assert "Two fighters were killed on Monday,\nlocal sources said." in text
    assert "Home\n\nWorld" in text  # list items are separate lines
    assert "Killed 2" in text
    assert "\n\n\n" not in text and not text.startswith("\n")


def test_html_metadata_gives_published_and_url() -> None:
    html = """<html><head>
    <meta property="article:published_time" content="2024-08-12T09:30:00+03:00">
    <link rel="canonical" href="https://example.org/news/1"></head>
    <body><p>Text.</p></body></html>"""

    article = html_article(html)

    assert article.published == dt.date(2024, 8, 12)
    assert article.url == "https://example.org/news/1"
    assert article.text == "Text."


def test_jsonl_reports_each_bad_line_with_its_number(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "a", "text": "ok one", "published": "2024-08-12", "url": "u"}),
            "{not json",
            "",
            json.dumps(["a", "list"]),
            json.dumps({"id": "b"}),
            json.dumps({"text": "no id"}),
            json.dumps({"id": "c", "text": "t", "published": "12/08/2024"}),
            json.dumps({"id": "a", "text": "duplicate"}),
            json.dumps({"id": 42, "text": "numeric id"}),
        ],
    )

    entries = scan_inputs(path)

    by_id = {e.id: e for e in entries}
    assert [e.id for e in entries] == [
        "a", "in.jsonl:2", "in.jsonl:4", "in.jsonl:5", "in.jsonl:6", "in.jsonl:7",
        "in.jsonl:8", "42",
    ]  # fmt: skip
    messages = {e.id: e.message for e in entries if isinstance(e, InputProblem)}
    assert messages["in.jsonl:2"].startswith("line 2: invalid JSON")
    assert messages["in.jsonl:4"] == "line 4: expected a JSON object, got list"
    assert messages["in.jsonl:5"] == "line 5: id 'b': missing or empty 'text'"
    assert "line 6: missing or empty 'id'" in messages["in.jsonl:6"]
    assert "'published' must be an ISO date" in messages["in.jsonl:7"]
    assert messages["in.jsonl:8"] == "line 8: duplicate id 'a' (first on line 1)"
    first = by_id["a"]
    assert isinstance(first, InputItem)
    article = first.load()
    assert (article.text, article.published, article.url) == ("ok one", dt.date(2024, 8, 12), "u")
    numeric = by_id["42"]
    assert isinstance(numeric, InputItem) and numeric.load().text == "numeric id"


def test_jsonl_line_separators_inside_strings_do_not_split_lines(tmp_path: Path) -> None:
    text = "First sentence.\u2028Second sentence.\u2029Third. \r also a CR"
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        (json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\r\n").encode("utf-8")
    )

    (entry,) = scan_inputs(path)

    assert isinstance(entry, InputItem) and entry.load().text == text


def test_synthetic_ids_never_clash_with_real_ids(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "in.jsonl", [json.dumps({"id": "in.jsonl:2", "text": "t"}), "broken"]
    )

    ids = [e.id for e in scan_inputs(path)]

    assert ids == ["in.jsonl:2", "in.jsonl:2#"]


def test_unusable_input_paths_are_refused(tmp_path: Path) -> None:
    single = tmp_path / "one.txt"
    single.write_text("text", encoding="utf-8")
    with pytest.raises(BadInput, match="incidents extract"):
        scan_inputs(single)
    with pytest.raises(BadInput, match="does not exist"):
        scan_inputs(tmp_path / "missing.jsonl")
