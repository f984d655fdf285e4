"""What the library's keywords mean (issue 24): the model chosen as with the CLI's flags, and
answers cached only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

import incidents
from incidents.call_options import backend_for, cache_for
from incidents.config import BackendConfig
from incidents.model.store import CacheMode, ResponseStore


def test_by_default_a_library_call_caches_nothing() -> None:
    assert cache_for(None, None, None) == (CacheMode.off, None)
    assert cache_for(False, None, None) == (CacheMode.off, None)


def test_cache_true_is_the_default_store(tmp_path: Path) -> None:
    mode, store = cache_for(True, None, None)
    assert mode is CacheMode.read_write and store is not None
    assert store.root == tmp_path / "responses"  # INCIDENTS_RESPONSE_STORE, from conftest


def test_cache_can_name_a_directory_or_a_store(tmp_path: Path) -> None:
    mode, store = cache_for(tmp_path / "mine", None, None)
    assert mode is CacheMode.read_write and store is not None and store.root == tmp_path / "mine"
    given = ResponseStore(tmp_path / "other")
    assert cache_for(given, None, None) == (CacheMode.read_write, given)


def test_an_explicit_cache_mode_wins_as_the_cli_passes_it(tmp_path: Path) -> None:
    mode, store = cache_for(None, "replay", ResponseStore(tmp_path))
    assert mode is CacheMode.replay and store is not None
    assert cache_for(None, None, ResponseStore(tmp_path))[0] is CacheMode.read_write


def test_base_url_alone_chooses_the_openai_backend_without_a_key_on_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    chosen = backend_for(None, base_url="http://127.0.0.1:8000/v1", model="qwen2.5")
    assert isinstance(chosen, BackendConfig)
    assert (chosen.backend, chosen.base_url, chosen.model) == (
        "openai", "http://127.0.0.1:8000/v1", "qwen2.5",
    )  # fmt: skip


def test_a_remote_server_without_a_key_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(incidents.ConfigError, match="API key"):
        incidents.extract("Gunmen killed two people in Gao.", base_url="https://example.org/v1")


def test_model_keywords_with_a_ready_backend_are_refused() -> None:
    ready = BackendConfig(backend="local")
    with pytest.raises(incidents.ConfigError, match="either"):
        backend_for(ready, model="other")
    assert backend_for(ready) is ready
    assert backend_for("local") == "local"
