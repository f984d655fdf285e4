"""One spelling of the response cache on extract, batch and eval: ``--cache MODE``, its
shorthands ``--live``/``--replay``/``--no-cache``, and ``--store DIR``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import REPO
from incidents.cli import app
from incidents.cli import batch as cli_batch
from incidents.cli.options import cache_and_store
from incidents.model.store import CacheMode

DEV = REPO / "evals" / "gold" / "dev"
STORE = REPO / "evals" / "responses"  # the committed store: replays without a model
GOLD_ID = "en-iraq-kirkuk-ied"  # a short article the default prompt has recorded answers for


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_B"))}
    env.pop("INCIDENTS_PROMPT", None)
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True,
                          text=True, timeout=300, cwd=REPO, env=env)  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert message in lines[0], result.stderr


@pytest.fixture
def gold_file() -> dict[str, object]:
    data: dict[str, object] = json.loads((DEV / f"{GOLD_ID}.json").read_text(encoding="utf-8"))
    return data


# --- the resolver ---------------------------------------------------------------------------


def test_no_flag_means_read_write_and_the_default_store() -> None:
    assert cache_and_store(None) == (CacheMode.read_write, None)


@pytest.mark.parametrize(
    ("kwargs", "mode"),
    [
        ({"live": True}, CacheMode.live),
        ({"replay": True}, CacheMode.replay),
        ({"no_cache": True}, CacheMode.off),
        ({"cache": CacheMode.replay, "replay": True}, CacheMode.replay),  # agreeing is fine
        ({"cache": CacheMode.off, "no_cache": True}, CacheMode.off),
    ],
)
def test_shorthands_are_cache_modes(kwargs: dict[str, object], mode: CacheMode) -> None:
    cache = kwargs.pop("cache", None)
    assert cache_and_store(cache, **kwargs)[0] is mode  # type: ignore[arg-type]


def test_store_is_a_response_store(tmp_path: Path) -> None:
    mode, store = cache_and_store(CacheMode.live, store=tmp_path)
    assert mode is CacheMode.live and store is not None and store.root == tmp_path


@pytest.mark.parametrize(
    "kwargs",
    [
        {"live": True, "replay": True},
        {"cache": CacheMode.live, "no_cache": True},
        {"cache": CacheMode.off, "replay": True},
        {"live": True, "replay": True, "no_cache": True},
    ],
)
def test_two_modes_are_an_error(kwargs: dict[str, object]) -> None:
    cache = kwargs.pop("cache", None)
    with pytest.raises(typer.Exit) as exit_info:
        cache_and_store(cache, **kwargs)  # type: ignore[arg-type]
    assert exit_info.value.exit_code == 2


# --- every command takes the same flags -----------------------------------------------------


@pytest.mark.parametrize("flags", [("--cache", "replay"), ("--replay",)])
def test_extract_replays_from_a_store(
    flags: tuple[str, ...], tmp_path: Path, gold_file: dict[str, object]
) -> None:
    article = tmp_path / f"{GOLD_ID}.txt"
    article.write_text(str(gold_file["text"]), encoding="utf-8")
    args = ("extract", str(article), "--published", str(gold_file["published"]), *flags)

    hit = run_cli(*args, "--store", str(STORE), "--format", "jsonl")
    assert hit.returncode == 0, hit.stderr
    result = json.loads(hit.stdout)
    assert result["provenance"]["cached"] is True and result["incidents"]

    miss = run_cli(*args, "--store", str(tmp_path / "empty"))
    one_line_error(miss, "no stored response")


@pytest.mark.parametrize("flags", [("--cache", "replay"), ("--replay",)])
def test_batch_replays_from_a_store(
    flags: tuple[str, ...], tmp_path: Path, gold_file: dict[str, object]
) -> None:
    feed = tmp_path / "feed.jsonl"
    item = {"id": GOLD_ID, "text": gold_file["text"], "published": gold_file["published"]}
    feed.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")

    hit = run_cli("batch", str(feed), "--out", str(tmp_path / "hit.jsonl"), *flags,
                  "--store", str(STORE))  # fmt: skip
    assert hit.returncode == 0, hit.stderr
    record = json.loads((tmp_path / "hit.jsonl").read_text(encoding="utf-8"))
    assert record["status"] == "ok" and record["result"]["provenance"]["cached"] is True

    miss = run_cli("batch", str(feed), "--out", str(tmp_path / "miss.jsonl"), *flags,
                   "--store", str(tmp_path / "empty"))  # fmt: skip
    assert miss.returncode == 1, miss.stderr  # a miss fails that article, not the batch
    record = json.loads((tmp_path / "miss.jsonl").read_text(encoding="utf-8"))
    assert record["status"] == "failed" and "ReplayMiss" in record["reason"]


@pytest.mark.parametrize("flags", [("--cache", "replay"), ("--replay",)])
def test_eval_replays_from_a_store(flags: tuple[str, ...], tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(DEV / f"{GOLD_ID}.json", gold)
    report = tmp_path / "report.json"

    result = run_cli("eval", "--gold", str(gold), *flags, "--store", str(STORE),
                     "--json", str(report))  # fmt: skip
    assert result.returncode == 0, result.stderr
    meta = json.loads(report.read_text(encoding="utf-8"))["meta"]
    assert meta["cache_mode"] == "replay" and meta["store"] == str(STORE)

    miss = run_cli("eval", "--gold", str(gold), *flags, "--store", str(tmp_path / "empty"))
    one_line_error(miss, f"no recorded response for article {GOLD_ID!r}")


@pytest.mark.parametrize(
    ("flags", "mode"),
    [
        ((), CacheMode.read_write),
        (("--no-cache",), CacheMode.off),
        (("--cache", "off", "--no-cache"), CacheMode.off),
        (("--live",), CacheMode.live),
    ],
)
def test_batch_passes_the_mode_on(
    flags: tuple[str, ...], mode: CacheMode, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_command(*args: Any, **kwargs: Any) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(cli_batch, "run_batch_command", fake_command)
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", "o.jsonl", *flags,
                                      "--store", str(tmp_path / "s")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert seen["cache_mode"] is mode and seen["store"].root == tmp_path / "s"


@pytest.mark.parametrize(
    ("command", "flags"),
    [
        ("extract", ("--live", "--replay")),
        ("batch", ("--cache", "live", "--no-cache")),
        ("eval", ("--cache", "off", "--replay")),
        ("eval", ("--live", "--replay")),
    ],
)
def test_conflicting_cache_flags_are_a_one_line_error(
    command: str, flags: tuple[str, ...], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Three people were killed in Aleppo.", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "x"}) + "\n", encoding="utf-8")
    target = {
        "extract": (str(article),),
        "batch": (str(feed), "--out", str(tmp_path / "o.jsonl")),
        "eval": ("--gold", str(DEV)),
    }[command]
    one_line_error(run_cli(command, *target, *flags), "exclude each other")
