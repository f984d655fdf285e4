"""`incidents export`: the formats reach the file or stdout, the summary names what was left
out, and bad arguments end with one `error:` line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factories import make_result
from incidents.cli.app import app

ARTICLE = "قصفت طائرة مسيرة موقعاً قرب الميادين."
HEADER = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type"


def results_file(tmp_path: Path) -> Path:
    """One article with an incident without coordinates, and one failed article."""
    incident = {
        "summary": "A drone struck a position near Al Mayadin.",
        "event_type": "explosions_remote_violence",
        "sub_event_type": "air_drone_strike",
        "location": {"name": "Al Mayadin", "country": "SY", "geo_precision": 2},
        "evidence": [{"start": 0, "end": len(ARTICLE), "text": ARTICLE}],
    }
    ok = make_result("mayadin-1", [incident], language="ar", text=ARTICLE)
    records = [
        {"id": "mayadin-1", "status": "ok", "reason": None,
         "result": json.loads(ok.model_dump_json())},
        {"id": "lost-2", "status": "failed", "reason": "timed out", "result": None},
    ]  # fmt: skip
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_csv_to_stdout_and_summary_on_stderr(tmp_path: Path) -> None:
    code, out, err = run("export", str(results_file(tmp_path)), "--to", "acled-csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert out.startswith(HEADER)
    assert len(rows) == 1 and rows[0]["location"] == "Al Mayadin"
    assert rows[0]["evidence"] == ARTICLE
    assert "wrote 1 incident from 1 article" in err
    assert "1 failed article left out" in err and "lost-2 (timed out)" in err


def test_csv_to_file_acled_only(tmp_path: Path) -> None:
    target = tmp_path / "out" / "events.csv"
    code, out, err = run(
        "export", str(results_file(tmp_path)), "--to", "acled-csv", "--out", str(target),
        "--acled-only",
    )  # fmt: skip
    assert code == 0, err
    assert out == ""
    header = target.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert len(header) == 31 and header[-1] == "timestamp"
    assert str(target) in err
    assert not list(target.parent.glob(".*partial"))  # no leftover temporary file


def test_geojson_to_file_says_what_has_no_point(tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    code, _, err = run("export", str(results_file(tmp_path)), "--to", "geojson", "--out",
                       str(target))  # fmt: skip
    assert code == 0, err
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["features"][0]["geometry"] is None
    assert "1 incident without coordinates" in err
    assert "1 failed article left out" in err


def test_html_writes_the_review_page(tmp_path: Path) -> None:
    results = results_file(tmp_path)
    code, _, err = run("export", str(results), "--to", "html")
    assert code == 0, err
    # The default file is the results file with the suffix .html; every article goes to the
    # page (failed ones too: the page shows them with their reason).
    page = results.with_suffix(".html").read_text(encoding="utf-8")
    assert '"page_size":100' in page
    code, _, err = run("export", str(results), "--to", "html", "--page-size", "7")
    assert code == 0, err
    assert '"page_size":7' in results.with_suffix(".html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") or page.lower().startswith("<!doctype html>")
    assert "mayadin-1" in page and "lost-2" in page
    assert "1 failed article left out" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "geojson", "--acled-only"], "apply to --to acled-csv"),
        (["--to", "html", "--bom"], "apply to --to acled-csv"),
        (["--to", "geojson", "--page-size", "10"], "--page-size applies to --to html"),
        (["--to", "html", "--out", "-"], "--to html writes a file"),
        (["--to", "acled-csv", "--out", "{tmp}"], "is a directory"),
        (["--to", "acled-csv", "--out", "{results}"], "must not be the results file"),
    ],
)
def test_bad_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    results = results_file(tmp_path)
    args = [a.format(tmp=tmp_path, results=results) for a in args]
    code, out, err = run("export", str(results), *args)
    assert code == 2
    assert out == ""
    assert err.strip().splitlines()[-1].startswith("error: ")
    assert message in err
    assert results.read_text(encoding="utf-8").count("\n") == 2  # input untouched


def test_not_a_results_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.jsonl"
    bad.write_text('{"hello": 1}\n', encoding="utf-8")
    code, _, err = run("export", str(bad), "--to", "geojson")
    assert code == 2
    assert err.startswith("error: ") and "notes.jsonl:1" in err
    code, _, err = run("export", str(tmp_path / "missing.jsonl"), "--to", "geojson")
    assert code == 2 and "no such file" in err


def test_installed_command_writes_utf8_to_a_pipe(tmp_path: Path) -> None:
    """Through the real entry point with a C locale: Arabic still arrives as UTF-8."""
    result = subprocess.run(
        [sys.executable, "-m", "incidents", "export", str(results_file(tmp_path)), "--to",
         "acled-csv"],
        capture_output=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"}, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert ARTICLE.encode("utf-8") in result.stdout
    assert result.stdout.decode("utf-8").startswith(HEADER)
