"""One reader of results files: batch records and bare `extract --format jsonl` lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factories import make_result
from incidents.batch.results import NotAResultsFile, read_results

TEXT = "Gunmen killed two soldiers near Kirkuk on Monday, police said."


def strike() -> dict[str, object]:
    span = {"start": 0, "end": len(TEXT), "text": TEXT}
    return {"summary": "Gunmen killed two soldiers near Kirkuk.", "event_type": "battles",
            "sub_event_type": "armed_clash", "fatalities": 2, "evidence": [span]}  # fmt: skip


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batch_records_and_bare_results_read_alike(tmp_path: Path) -> None:
    ok = make_result("kirkuk", [strike()], text=TEXT, url="https://example.org/k")
    bare = make_result("bare-1", [], text="Nothing happened.")
    path = write(tmp_path / "results.jsonl", [
        json.dumps({"id": "kirkuk", "status": "ok", "reason": None,
                    "result": json.loads(ok.model_dump_json())}),
        json.dumps({"id": "lost", "status": "failed", "reason": "timeout: no answer",
                    "result": None, "url": "https://example.org/lost"}),
        "",
        bare.model_dump_json(),
    ])  # fmt: skip

    lines = read_results(path)

    assert [(line.id, line.ok) for line in lines] == [
        ("kirkuk", True),
        ("lost", False),
        ("bare-1", True),
    ]
    assert lines[0].result == ok and lines[0].url == "https://example.org/k"
    assert (lines[1].reason, lines[1].url) == ("timeout: no answer", "https://example.org/lost")
    assert lines[2].result == bare and lines[2].url is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", r"results\.jsonl:2: "),
        ('{"id": "x", "status": "maybe"}', r"results\.jsonl:2: unknown status 'maybe'"),
        ('{"document_id": "x"}', r"results\.jsonl:2: not a result \("),
        ("[1, 2]", r"results\.jsonl:2: not a JSON object"),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, content: str, message: str) -> None:
    good = make_result("fine", [], text="Nothing happened.").model_dump_json()
    path = write(tmp_path / "results.jsonl", [good, content])
    with pytest.raises(NotAResultsFile, match=message):
        read_results(path)


def test_evidence_that_leaves_its_source_is_refused(tmp_path: Path) -> None:
    data = json.loads(make_result("k", [strike()], text=TEXT).model_dump_json())
    data["source"]["text"] = "Police said: " + TEXT  # every span now points elsewhere
    path = write(tmp_path / "results.jsonl", [json.dumps(data)])
    with pytest.raises(NotAResultsFile, match=r"results\.jsonl:1: not a result"):
        read_results(path)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(NotAResultsFile, match="no such file"):
        read_results(tmp_path / "none.jsonl")
    with pytest.raises(NotAResultsFile, match="holds no results"):
        read_results(write(tmp_path / "empty.jsonl", [""]))
