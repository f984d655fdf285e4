"""Shared fixtures. The embedded model really runs here (no mocks); fakes are only used for
fault injection (see fault_server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fault_server import FaultServer

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SEED_ARTICLE = SEEDS / "deir-ez-zor-fatemiyoun-ar.txt"
EXAMPLE_ARTICLE = REPO / "examples" / "hasakah-ar.txt"


@pytest.fixture(autouse=True)
def _isolated_response_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets an empty response store, so no test is answered by another's cache.
    (The assembled model file stays in the shared cache: assembling 1 GB per test is waste.)"""
    monkeypatch.setenv("INCIDENTS_RESPONSE_STORE", str(tmp_path / "responses"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED_ARTICLE.exists():
        pytest.fail(
            f"the founding article is missing: {SEED_ARTICLE} (CI has ../shared beside the repo)"
        )
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    """A fault-injecting OpenAI-compatible server on 127.0.0.1 (see fault_server.py): scripted
    429/5xx/hangs/resets/broken bodies, answers built from the request's response schema."""
    with FaultServer(hang_s=3.0) as server:
        yield server
