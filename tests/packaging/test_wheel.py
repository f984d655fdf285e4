"""The wheel is complete: built from the checkout, installed (not editable) into a fresh virtual
environment outside the checkout, its ``incidents`` command finds the prompt files shipped
inside the package and replays the dev eval from copies of the gold set and the response store.

Slow by nature (a fresh venv and its dependencies from the package index; pip's cache makes a
rerun quick), never the embedded model: the ``local`` extra is not installed, so an import of
llama_cpp, or a model call, during the replay fails here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "incidents"
PROMPTS = REPO / "prompts"
SHIPPED_PROMPTS = "incidents/prompt_files"  # where prompts/ lies inside the wheel

# Not copied into the build tree: local state, caches and build leftovers (a stale build/lib
# would put modules into the wheel that the source no longer has).
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
    ".mypy_cache", ".ruff_cache", "*.pyc",
)  # fmt: skip


_WARNING = re.compile(r"[A-Za-z]*Warning:")  # a Python warning class, not pip's "WARNING:"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checkout_prompts() -> dict[str, str]:
    """``task/vN.yaml`` → sha256 of every prompt file in the checkout."""
    return {
        path.relative_to(PROMPTS).as_posix(): _sha256(path.read_bytes())
        for path in sorted(PROMPTS.glob("*/v*.yaml"))
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built by pip from a copy of the checkout (so the build leaves nothing in it)."""
    root = tmp_path_factory.mktemp("wheel")
    tree = root / "tree"
    shutil.copytree(REPO, tree, ignore=_NOT_SOURCE)
    out = root / "dist"
    build = subprocess.run(  # verbose: pip shows the build backend's warnings only then
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(tree)],
        capture_output=True, text=True, timeout=600, cwd=root,
    )  # fmt: skip
    log = build.stdout + build.stderr
    assert build.returncode == 0, f"pip wheel failed:\n{log[-8000:]}"
    # e.g. "SetuptoolsDeprecationWarning: `project.license` as a TOML table is deprecated"
    warnings = sorted({line.strip() for line in log.splitlines() if _WARNING.search(line)})
    assert not warnings, "the build warns:\n" + "\n".join(warnings)
    (found,) = out.glob("incidents-*.whl")
    return found


@pytest.mark.timeout(900)
def test_wheel_holds_every_module_and_prompt_file_byte_identical(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = {
            name.removeprefix(SHIPPED_PROMPTS + "/"): _sha256(archive.read(name))
            for name in names
            if name.startswith(SHIPPED_PROMPTS + "/")
        }
    modules = {
        f"incidents/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    missing = sorted(modules - names)
    assert not missing, (
        f"modules missing from the wheel (add their package to [tool.setuptools] packages "
        f"in pyproject.toml): {missing}"
    )
    data = {f"incidents/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.glob("data/*.yaml")}
    assert data and data <= names
    assert "incidents/py.typed" in names
    assert shipped == _checkout_prompts()


def _clean_env(cache: Path, venv: Path) -> dict[str, str]:
    """The environment of a user of the installed wheel: no prompt or store override, no
    checkout on the path, a cache of its own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("INCIDENTS_")
        and key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    }
    env["INCIDENTS_CACHE_DIR"] = str(cache)
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", "")])
    env["COLUMNS"] = "200"  # rich tables: keep each prompt reference on one line
    return env


def _run(
    command: list[str], *, cwd: Path, env: Mapping[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, (
        f"{' '.join(command)} exited {done.returncode}\n"
        f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}"
    )
    return done


@pytest.mark.timeout(900)
def test_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    elsewhere = tmp_path / "elsewhere"  # the working directory: nothing of the checkout here
    elsewhere.mkdir()
    env = _clean_env(tmp_path / "cache", venv)
    _run([sys.executable, "-m", "venv", str(venv)], cwd=elsewhere, env=env, timeout=120)
    python = venv / "bin" / "python"
    # Not editable, without the `local` extra: llama-cpp-python and the model are not installed.
    # --no-compile: byte-compiling all of scipy and numpy up front costs more than the few
    # modules the commands below import (Python caches those as it goes).
    _run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-compile", str(wheel)],
        cwd=elsewhere, env=env, timeout=600,
    )  # fmt: skip
    incidents = venv / "bin" / "incidents"

    # The package and its prompt files come from the venv, byte-identical to the checkout's.
    found = json.loads(_run([str(python), "-c", _PROBE], cwd=elsewhere, env=env).stdout)
    site = Path(found["package"]).parent
    assert Path(found["prompts_dir"]).is_relative_to(site), found
    assert site.is_relative_to(venv), found
    assert found["prompts"] == _checkout_prompts()

    listed = _run([str(incidents), "prompts", "list"], cwd=elsewhere, env=env)
    assert "extract_incidents@v4" in listed.stdout, listed.stdout
    _run([str(incidents), "schema"], cwd=elsewhere, env=env)

    gold = shutil.copytree(REPO / "evals" / "gold" / "dev", tmp_path / "gold")
    store = shutil.copytree(REPO / "evals" / "responses", tmp_path / "responses")
    _run(
        [str(incidents), "eval", "--gold", str(gold), "--replay", "--store", str(store)],
        cwd=elsewhere, env=env, timeout=600,
    )  # fmt: skip


_PROBE = """
import hashlib, json, sys
import incidents
from incidents.prompting.prompts import prompts_dir

root = prompts_dir()
json.dump(
    {
        "package": str(incidents.__path__[0]),
        "prompts_dir": str(root),
        "prompts": {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.glob("*/v*.yaml"))
        },
    },
    sys.stdout,
)
"""
