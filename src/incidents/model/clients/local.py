"""The embedded model: llama-cpp-python in-process, grammar-constrained through instructor."""

from __future__ import annotations

import threading
from typing import Any, TypeVar

from pydantic import BaseModel

from incidents.config import BackendConfig, ConfigError
from incidents.model.backend import CallStats, Sampling
from incidents.model.clients.prefix_state import ensure_prefix
from incidents.model.clients.structured import instructor_client, structured_call

T = TypeVar("T", bound=BaseModel)

_LLAMA_CACHE: dict[tuple[str, int, int], Any] = {}
_LLAMA_LOCK = threading.Lock()  # one Llama context is not thread-safe; calls take turns


def json_schema_bridge(create: Any) -> Any:
    """Translate instructor's OpenAI-style ``json_schema`` response_format for llama.cpp.

    llama-cpp-python constrains decoding only for ``{"type": "json_object", "schema": ...}``
    and silently ignores ``{"type": "json_schema", ...}``; without this the model answers prose.
    """

    def bridged(*args: Any, **kwargs: Any) -> Any:
        response_format = kwargs.get("response_format")
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            schema = response_format.get("json_schema", {}).get("schema")
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        return create(*args, **kwargs)

    return bridged


def load_llama(config: BackendConfig) -> Any:
    """Load (once per process) the embedded model with llama-cpp-python."""
    import os

    try:
        import llama_cpp
    except ImportError as error:
        from incidents.model.model_file import INSTALL_HINT

        raise ConfigError(f"the local backend needs llama-cpp-python: {INSTALL_HINT}") from error
    from incidents.model.model_file import model_path

    path = str(config.model_path or model_path())
    threads = config.n_threads or os.cpu_count() or 2
    key = (path, threads, config.n_ctx)
    with _LLAMA_LOCK:
        if key not in _LLAMA_CACHE:
            _LLAMA_CACHE[key] = llama_cpp.Llama(
                model_path=path,
                n_ctx=config.n_ctx,
                n_threads=threads,
                n_batch=512,
                seed=0,
                verbose=False,
            )
        return _LLAMA_CACHE[key]


def _with_prefix_state(create: Any, llama: Any, config: BackendConfig, stats: CallStats) -> Any:
    """Make sure the context holds the prompt's fixed prefix before each request (see
    :mod:`.prefix_state`). It wraps the call instructor makes, so the prefix is read from the
    messages exactly as they reach llama.cpp (instructor strips their trailing whitespace)."""

    def with_prefix(*args: Any, **kwargs: Any) -> Any:
        state, length = ensure_prefix(llama, config, llama.model_path, kwargs.get("messages", []))
        stats.prefix_states.append(state)
        stats.prefix_tokens = max(stats.prefix_tokens, length)
        return create(*args, **kwargs)

    return with_prefix


class LocalBackend:
    """The embedded Qwen2.5-Coder-1.5B GGUF, in-process, grammar-constrained."""

    name = "local"

    def __init__(self, config: BackendConfig) -> None:
        self.config = config
        self.model = config.model

    def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any],
        sampling: Sampling,
        stats: CallStats,
    ) -> T:
        import llama_cpp

        llama = load_llama(self.config)
        create = llama.create_chat_completion_openai_v1
        if self.config.prefix_cache:
            create = _with_prefix_state(create, llama, self.config, stats)
        client = instructor_client(json_schema_bridge(create), "json_schema", stats)
        with _LLAMA_LOCK:
            llama_cpp.llama_perf_context_reset(llama._ctx.ctx)
            try:
                return structured_call(
                    client,
                    self.config,
                    messages,
                    response_model,
                    context,
                    stats,
                    temperature=sampling.temperature,
                    top_p=sampling.top_p,
                    repeat_penalty=sampling.repeat_penalty,
                    max_tokens=sampling.max_tokens,
                )
            finally:
                # llama.cpp counts batches of more than one token as prompt evaluation.
                counters = llama_cpp.llama_perf_context(llama._ctx.ctx)
                stats.prompt_tokens_evaluated += int(counters.n_p_eval)
