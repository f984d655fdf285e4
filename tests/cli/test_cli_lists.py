"""List commands never cut an identifier: plain tab-separated rows in a pipe, and a table in a
terminal whose identifier columns keep every character even at 80 columns."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from rich.console import Console

from conftest import REPO
from incidents.cli.listing import Column, print_listing
from incidents.config import DEFAULT_PROMPT
from incidents.pipeline.stages import BEFORE_PROMPT, STAGES
from incidents.prompting.prompts import list_prompts

BOX = re.compile("[\u2500-\u257f]")  # box-drawing characters
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def piped(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the CLI with stdout a pipe, as `incidents ... | cat` does."""
    clean = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    clean.pop("INCIDENTS_PROMPT", None)
    result = subprocess.run(
        [sys.executable, "-m", "incidents", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**clean, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_prompts_list_in_a_pipe_is_tab_separated_and_whole() -> None:
    lines = piped("prompts", "list").splitlines()
    assert not BOX.search("\n".join(lines))
    header, *rows = [line.split("\t") for line in lines]
    assert header == ["prompt", "default", "released", "form", "sha256", "description"]
    assert all(len(row) == len(header) for row in rows)
    expected = {item.ref: item for item in list_prompts()}
    assert [row[0] for row in rows] == list(expected)
    assert f"{DEFAULT_PROMPT}\t*\t" in "\n".join(lines)
    assert [row[0] for row in rows if row[1] == "*"] == [DEFAULT_PROMPT]
    for row in rows:
        assert row[4] == expected[row[0]].sha256  # the full hash, for comparing provenance


def test_the_default_mark_follows_incidents_prompt() -> None:
    rows = [line.split("\t") for line in piped("prompts", "list",
            env={"INCIDENTS_PROMPT": "extract_incidents@v1"}).splitlines()[1:]]  # fmt: skip
    assert [row[0] for row in rows if row[1] == "*"] == ["extract_incidents@v1"]


def test_stages_in_a_pipe_are_numbered_tab_separated_rows() -> None:
    header, *rows = [line.split("\t") for line in piped("stages").splitlines()]
    assert header == ["#", "stage", "what it does"]
    before_prompt = [["0", name, summary] for name, summary in BEFORE_PROMPT]
    assert rows == before_prompt + [
        [str(n), s.name, s.summary] for n, s in enumerate(STAGES, start=1)
    ]


@pytest.mark.parametrize("command", [("prompts", "list"), ("stages",)])
def test_in_an_80_column_terminal_identifiers_are_whole(command: tuple[str, ...]) -> None:
    out = ANSI.sub("", piped(*command, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1",
                                            "COLUMNS": "80"}))  # fmt: skip
    assert BOX.search(out), "expected a table in a terminal"
    assert max(len(line) for line in out.splitlines()) <= 80
    names = (
        [item.ref for item in list_prompts()]
        if command[0] == "prompts"
        else [stage.name for stage in STAGES]
    )
    for name in names:
        assert re.search(rf"(?<![\w@]){re.escape(name)}(?![\w@])", out), name


def test_a_terminal_too_narrow_for_the_identifiers_gets_plain_rows() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=12)
    print_listing([Column("id", identifier=True), Column("note")],
                  [("extract_incidents@v4", "the default")], console)  # fmt: skip
    assert buffer.getvalue() == "id\tnote\nextract_incidents@v4\tthe default\n"


def test_cells_never_break_a_row() -> None:
    buffer = io.StringIO()
    print_listing([Column("a"), Column("b")], [("x\ty", "two\nlines")], Console(file=buffer))
    assert buffer.getvalue().splitlines() == ["a\tb", "x y\ttwo lines"]
