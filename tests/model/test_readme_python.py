"""The README's Python section, run as written (issue 24): every ``python`` block in order,
in one namespace, from a folder holding the repo's examples. The embedded model answers the
first two blocks; a real ``llama_cpp.server`` on 127.0.0.1 answers the third, whose README URL
is replaced by that server's. What a block prints must be the ``text`` block shown after it,
where the README shows one."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from llama_server import llama_server

pytestmark = [pytest.mark.model, pytest.mark.server]
README_URL = "http://127.0.0.1:8000/v1"


def python_section() -> list[tuple[str, str | None]]:
    """Each python block of the section and the text block right after it, if any."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(python|text)\n(.*?)```", section, re.DOTALL)
    out: list[tuple[str, str | None]] = []
    for (kind, body), following in zip(blocks, [*blocks[1:], ("", "")], strict=True):
        if kind == "python":
            out.append((body, following[1] if following[0] == "text" else None))
    return out


def test_the_readme_shows_three_examples_with_output() -> None:
    blocks = python_section()
    assert len(blocks) == 3
    assert README_URL in blocks[2][0]
    assert blocks[0][1] and blocks[1][1]


def test_the_readme_python_examples_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "responses"  # INCIDENTS_RESPONSE_STORE (conftest)
    namespace: dict[str, object] = {}
    blocks = python_section()
    for code, shown in blocks[:2]:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), namespace)
        if shown is not None:
            assert sorted(printed.getvalue().splitlines()) == sorted(shown.splitlines())
    assert not store.exists(), "a library call cached answers unasked"
    for name in ("events.csv", "events.geojson", "review.html"):
        assert (tmp_path / name).stat().st_size > 0
    with llama_server(tmp_path / "server.log") as base_url:
        code = blocks[2][0].replace(README_URL, base_url)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), namespace)
    assert printed.getvalue().startswith("openai qwen2.5-coder-1.5b ")
    assert list(store.glob("??/*.json")), "cache=True kept no answer"
