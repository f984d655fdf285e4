"""`incidents gold import`: gold paths on stdout, skipped articles and the summary on stderr,
one-line errors, exit codes (0 written, 1 nothing reviewed, 2 bad input)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from incidents.evals.gold import load_gold

TEXT = "Gunmen abducted five traders on the road to Zamfara on Friday, police said.\n"
QUOTE = "Gunmen abducted five traders on the road to Zamfara"


def corrections(*, reviewed: bool = True, sub_event_type: str = "abduction_forced_disappearance"
                ) -> dict[str, Any]:  # fmt: skip
    return {
        "format": "incidents-corrections", "version": 1, "schema_version": "1",
        "results_sha256": "cd" * 32,
        "articles": [
            {"id": "en-zamfara-abduction", "language": "en", "published": "2025-04-05",
             "url": None, "title": None, "model": "m", "text": TEXT, "reviewed": reviewed,
             "deleted": [],
             "incidents": [{
                 "summary": "Gunmen abducted five traders on the road to Zamfara.",
                 "event_type": "violence_against_civilians", "sub_event_type": sub_event_type,
                 "location": {"name": "Zamfara", "country": "NG"}, "detained": 5,
                 "evidence": [{"start": 0, "end": len(QUOTE), "text": QUOTE}],
                 "review": "edited"}]},
            {"id": "not-looked-at", "language": "en", "text": TEXT, "reviewed": False,
             "incidents": []},
        ],
    }  # fmt: skip


def gold(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "incidents", "gold", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def save(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_writes_gold_that_eval_loads(tmp_path: Path) -> None:
    out = tmp_path / "gold"
    result = gold("import", str(save(tmp_path, corrections())), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(out / "en-zamfara-abduction.json")]
    assert "skipped not-looked-at: not marked Reviewed" in result.stderr
    assert f"wrote 1 gold file(s) to {out}" in result.stderr
    (doc,) = load_gold(out)
    assert doc.incidents[0].detained == 5


def test_nothing_reviewed_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "gold"
    result = gold("import", str(save(tmp_path, corrections(reviewed=False))), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("error: no article of")
    assert not out.exists()


def test_invalid_corrections_fail_in_one_message_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "gold"
    path = save(tmp_path, corrections(sub_event_type="armed_clash"))
    result = gold("import", str(path), "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: nothing written")
    assert "article 'en-zamfara-abduction': incidents.0" in result.stderr
    assert "armed_clash" in result.stderr
    assert not out.exists()
    missing = gold("import", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "error: no such file" in missing.stderr


def test_an_existing_different_file_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "gold"
    out.mkdir()
    (out / "en-zamfara-abduction.json").write_text("{}", encoding="utf-8")
    path = save(tmp_path, corrections())
    refused = gold("import", str(path), "--out", str(out))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert (out / "en-zamfara-abduction.json").read_text(encoding="utf-8") == "{}"
    forced = gold("import", str(path), "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert load_gold(out)[0].id == "en-zamfara-abduction"


def test_help_says_when_corrections_count_as_gold() -> None:
    result = gold("import", "--help")
    assert result.returncode == 0
    flat = " ".join(result.stdout.split())
    assert "unreviewed model output is not gold" in flat
    assert "incidents eval --gold DIR" in flat
