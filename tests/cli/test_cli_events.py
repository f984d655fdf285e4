"""`incidents events`: events on stdout or in --out, the summary and the failed articles on
stderr, the flags that change the grouping, and bad arguments as one `error:` line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factories import make_result
from incidents.cli.app import app

REPO = Path(__file__).resolve().parents[2]
AR = "قُتل ثلاثة عناصر بغارة مسيّرة على سيارة في الميادين أمس."
EN = "A drone strike killed four fighters in Al Mayadin on Monday."


def strike(text: str, fatalities: int, longitude: float = 40.45) -> dict[str, Any]:
    return {
        "summary": "A drone struck a car in Al Mayadin.",
        "event_type": "explosions_remote_violence",
        "sub_event_type": "air_drone_strike",
        "date": {"start": "2025-03-10", "end": "2025-03-10", "precision": "day"},
        "location": {
            "name": "Al Mayadin" if longitude == 40.45 else "East village",
            "country": "SY",
            "latitude": 35.02,
            "longitude": longitude,
            "geo_precision": 1,
        },
        "fatalities": fatalities,
        "evidence": [{"start": 0, "end": len(text), "text": text}],
    }


def results_file(tmp_path: Path, east: float = 40.45) -> Path:
    """The same strike in two articles (the second ``east`` of the first), and a failure."""
    ar = make_result(
        "ar-1",
        [strike(AR, 3)],
        language="ar",
        text=AR,
        published=dt.date(2025, 3, 11),
        url="https://example.org/ar-1",
    )
    en = make_result("en-1", [strike(EN, 4, east)], text=EN, published=dt.date(2025, 3, 10))
    records = [
        {"id": "ar-1", "status": "ok", "reason": None, "result": json.loads(ar.model_dump_json())},
        {"id": "en-1", "status": "ok", "reason": None, "result": json.loads(en.model_dump_json())},
        {"id": "lost-2", "status": "failed", "reason": "timeout: no answer", "result": None},
    ]
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["events", *args])


def test_one_event_from_two_articles_on_stdout(tmp_path: Path) -> None:
    result = invoke(str(results_file(tmp_path)))
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    event = json.loads(line)
    assert event["articles"] == 2 and event["fatalities"] == 3
    assert [s["fatalities"] for s in event["sources"]] == [4, 3]  # by publication date
    assert event["sources"][1]["url"] == "https://example.org/ar-1"
    assert event["sources"][1]["evidence"][0]["text"] == AR
    assert "2 incidents from 2 articles → 1 events, 1 reported by several articles" in (
        result.stderr
    )
    assert "left out 1 failed article(s): lost-2 (timeout: no answer)" in result.stderr


def test_out_file_min_articles_and_km(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "events.jsonl"
    results = results_file(tmp_path, east=40.55)  # 9 km apart
    result = invoke(str(results), "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert [json.loads(x)["articles"] for x in out.read_text().splitlines()] == [2]
    result = invoke(str(results), "--out", str(out), "--km", "5")
    assert [json.loads(x)["articles"] for x in out.read_text().splitlines()] == [1, 1]
    assert "→ 2 events, 0 reported by several articles" in result.stderr
    invoke(str(results), "--out", str(out), "--km", "5", "--min-articles", "2")
    assert out.read_text() == ""


def test_ignore_actors(tmp_path: Path) -> None:
    path = results_file(tmp_path)
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for record, name in zip(
        records[:2], ("Rapid Support Forces", "Fatemiyoun Brigade"), strict=True
    ):
        actor = {"name": name, "role": "perpetrator"}
        record["result"]["incidents"][0]["actors"] = [actor]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    assert len(invoke(str(path)).stdout.splitlines()) == 2
    assert len(invoke(str(path), "--ignore-actors").stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "-1"], "--days must be 0 or more"),
        (["--km", "0"], "--km must be more than 0"),
        (["--min-articles", "0"], "--min-articles must be at least 1"),
        (["--out", "."], "is a directory"),
    ],
)
def test_bad_arguments_end_with_one_error_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = invoke(str(results_file(tmp_path)), *args)
    assert result.exit_code == 2 and result.stdout == ""
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_a_file_that_is_not_results(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 2 and "error: no such file" in result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n')
    result = invoke(str(bad))
    assert result.exit_code == 2 and f"{bad}:1" in result.stderr


def test_the_real_command_writes_utf8_and_lists_itself(tmp_path: Path) -> None:
    env = {"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "incidents", "events", str(results_file(tmp_path))],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert AR in run.stdout.decode("utf-8")
    listed = subprocess.run(
        [sys.executable, "-m", "incidents", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert " events " in listed.stdout
