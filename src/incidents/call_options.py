"""What a library call's keywords mean: which model, and whether answers are cached.

The Python API reads like the CLI (issue 24): ``extract(text, model=..., base_url=...,
api_key=..., cache=...)`` takes the same settings as the flags, with the same environment
behind them (:func:`incidents.config.resolve_backend`). One difference on purpose: the CLI
keeps answers in the response store by default, a library call only when asked
(``cache=True``, a directory, or a :class:`~incidents.model.store.ResponseStore`), so a
program that calls ``extract`` does not fill ``~/.cache`` unasked.
"""

from __future__ import annotations

import os
from typing import Union

from incidents.config import BackendConfig, ConfigError, resolve_backend, response_store_dir
from incidents.model.backend import Backend
from incidents.model.store import CacheMode, ResponseStore

Cache = Union[bool, str, "os.PathLike[str]", ResponseStore, None]
"""``None``/``False``: no store; ``True``: the default store (``INCIDENTS_RESPONSE_STORE`` or
``<cache dir>/responses``); a path or a store: that one."""


def backend_for(
    backend: str | BackendConfig | Backend | None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
) -> str | BackendConfig | Backend | None:
    """The backend a call names. ``base_url`` alone means an OpenAI-compatible server.

    Raises:
        ConfigError: ``model``, ``base_url`` or ``api_key`` given with a ready backend, which
            already fixes them.
    """
    if model is None and base_url is None and api_key is None:
        return backend
    if backend is not None and not isinstance(backend, str):
        raise ConfigError("give either backend= (a ready backend) or model/base_url/api_key")
    name = backend or ("openai" if base_url else None)
    return resolve_backend(name, model=model, base_url=base_url, api_key=api_key)


def cache_for(
    cache: Cache, cache_mode: CacheMode | str | None, store: ResponseStore | None
) -> tuple[CacheMode, ResponseStore | None]:
    """The cache mode and store of a call. An explicit ``cache_mode`` (what the CLI, the batch
    and the evals pass) wins; otherwise a store is used only when one is asked for."""
    if isinstance(cache, ResponseStore):
        store = cache
    elif isinstance(cache, (str, os.PathLike)):
        store = ResponseStore(cache)
    if cache_mode is None:
        asked = bool(cache) or store is not None
        mode = CacheMode.read_write if asked else CacheMode.off
    else:
        mode = CacheMode(cache_mode)
    if store is None and mode is not CacheMode.off:
        store = ResponseStore(response_store_dir())
    return mode, store
