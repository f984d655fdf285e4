"""Model backends behind one small interface: the only package that imports openai, instructor
and llama_cpp (what the backends share without them is in :mod:`incidents.model.backend`).

* :mod:`.structured` — instructor plumbing: re-asks, transport retries, usage, salvage;
* :mod:`.local` — the embedded model (llama-cpp-python, in-process);
* :mod:`.openai_compat` — any OpenAI-compatible endpoint;
* :func:`make_backend` — one backend per configuration and process.
"""

from __future__ import annotations

import threading

from incidents.config import BackendConfig, ConfigError
from incidents.model.backend import Backend
from incidents.model.clients.local import LocalBackend, json_schema_bridge, load_llama
from incidents.model.clients.openai_compat import OpenAIBackend, choose_mode

__all__ = [
    "LocalBackend",
    "OpenAIBackend",
    "choose_mode",
    "json_schema_bridge",
    "load_llama",
    "make_backend",
]

_BACKENDS: dict[BackendConfig, Backend] = {}
_BACKENDS_LOCK = threading.Lock()


def make_backend(config: BackendConfig) -> Backend:
    """The backend for ``config``, built once per process (its HTTP client, its server probe
    and the loaded model are reused across articles)."""
    with _BACKENDS_LOCK:
        if config not in _BACKENDS:
            if config.backend == "local":
                _BACKENDS[config] = LocalBackend(config)
            elif config.backend == "openai":
                _BACKENDS[config] = OpenAIBackend(config)
            else:
                raise ConfigError(f"unknown backend {config.backend!r}")
        return _BACKENDS[config]
