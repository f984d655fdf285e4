"""Settings resolution: flags > environment (``INCIDENTS_*``, ``OPENAI_*``) > defaults.

Nothing here is read at import time; keys are resolved in one function and never logged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir

DEFAULT_PROMPT = "extract_incidents@v5"
DEFAULT_BACKEND = "local"
LOCAL_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
BACKENDS = ("local", "openai")


class ConfigError(ValueError):
    """A setting is missing or wrong; the message says how to fix it."""


def cache_dir() -> Path:
    """Root of the local cache (model file, response store): ``INCIDENTS_CACHE_DIR`` or the
    user's cache directory."""
    configured = os.environ.get("INCIDENTS_CACHE_DIR")
    return Path(configured).expanduser() if configured else Path(user_cache_dir("incidents"))


def response_store_dir() -> Path:
    """Default response store (cache): ``INCIDENTS_RESPONSE_STORE`` or ``<cache>/responses``."""
    configured = os.environ.get("INCIDENTS_RESPONSE_STORE")
    return Path(configured).expanduser() if configured else cache_dir() / "responses"


def default_prompt() -> str:
    return os.environ.get("INCIDENTS_PROMPT") or DEFAULT_PROMPT


@dataclass(frozen=True)
class BackendConfig:
    """Which model to call and how. Build it with :func:`resolve_backend`."""

    backend: str = DEFAULT_BACKEND
    model: str = LOCAL_MODEL_NAME
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)  # never printed
    mode: str | None = None  # instructor mode override: tools | json_schema | md_json
    timeout_s: float = 120.0
    max_transport_retries: int = 4
    max_reasks: int = 2
    n_threads: int | None = None
    n_ctx: int = 8192
    model_path: Path | None = None
    prefix_cache: bool = True  # embedded model: save/load the fixed prompt prefix's KV state
    parallel: int = 1  # embedded model: articles decoded together (batch --concurrency)


def resolve_backend(
    backend: str | None = None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    timeout_s: float | None = None,
    key_required: bool = True,
) -> BackendConfig:
    """Resolve backend settings from arguments, then the environment, then defaults.

    ``key_required=False`` is for work that sends no request to the model: writing and reading
    batch files (``incidents batch --prepare/--collect``), which the engine's owner submits with
    their own key. A missing key is then a placeholder that is never a secret.

    Raises:
        ConfigError: unknown backend, or the openai backend without a key and a base URL.
    """
    env = os.environ
    name = (backend or env.get("INCIDENTS_BACKEND") or DEFAULT_BACKEND).strip().lower()
    if name not in BACKENDS:
        raise ConfigError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
    timeout = timeout_s or float(env.get("INCIDENTS_TIMEOUT", "120"))
    mode = mode or env.get("INCIDENTS_MODE") or None
    if name == "local":
        model_path = env.get("INCIDENTS_MODEL_PATH")
        threads = env.get("INCIDENTS_THREADS")
        return BackendConfig(
            backend="local",
            model=model or env.get("INCIDENTS_MODEL") or LOCAL_MODEL_NAME,
            mode=mode,
            timeout_s=timeout,
            n_threads=int(threads) if threads else None,
            model_path=Path(model_path) if model_path else None,
            prefix_cache=env.get("INCIDENTS_PREFIX_CACHE", "1").strip().lower()
            not in {"0", "false", "no", "off"},
        )
    url = base_url or env.get("INCIDENTS_BASE_URL") or env.get("OPENAI_BASE_URL")
    key = api_key or env.get("OPENAI_API_KEY")
    if not key:
        if not key_required:
            key = "not-needed-to-write-batch-files"
        elif url and _is_loopback(url):
            key = "no-key-needed-for-loopback"  # local servers (llama.cpp, vLLM, Ollama) ignore it
        else:
            raise ConfigError(
                "the openai backend needs an API key: set OPENAI_API_KEY "
                "(or use --base-url http://127.0.0.1:PORT/v1 for a local server)"
            )
    return BackendConfig(
        backend="openai",
        model=model or env.get("INCIDENTS_MODEL") or "gpt-4o-mini",
        base_url=url,
        api_key=key,
        mode=mode,
        timeout_s=timeout,
    )


def _is_loopback(url: str) -> bool:
    from urllib.parse import urlparse

    host = (urlparse(url).hostname or "").lower()
    return host in {"localhost", "::1"} or host.startswith("127.")
