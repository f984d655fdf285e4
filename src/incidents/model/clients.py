"""Model backends behind one small interface.

This is the only module that imports openai, instructor and llama_cpp; what the backends
share without them is in :mod:`incidents.model.backend`.

Two kinds of failure are handled apart, on purpose:

* validation errors (the answer does not fit the response model) are *re-asked* by instructor,
  at most ``max_reasks`` times, with the error shown to the model;
* transport errors (timeouts, 429 with Retry-After, 5xx, connection resets, broken bodies) are
  *retried* with tenacity's exponential backoff, without touching the conversation.

Usage is summed over every attempt, and the time spent inside model calls is measured so the
benchmark can report the pipeline's overhead.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, TypeVar
from urllib.parse import urlparse

from pydantic import BaseModel

from incidents.config import BackendConfig, ConfigError
from incidents.model.backend import (
    Backend,
    BackendError,
    CallStats,
    Sampling,
    _with_transport_retries,
)
from incidents.model.failures import failure_cause, transport_category
from incidents.schema import Usage

T = TypeVar("T", bound=BaseModel)

# instructor logs every failed attempt at ERROR; with no handler configured Python's last-resort
# handler would print them over our progress bar. A NullHandler keeps them out of stderr while
# still propagating to any logging the application sets up. We report failures ourselves.
logging.getLogger("instructor").addHandler(logging.NullHandler())


# --------------------------------------------------------------------------- instructor plumbing


def _instructor_client(create: Any, mode_name: str, stats: CallStats) -> Any:
    import instructor

    mode = {
        "json_schema": instructor.Mode.JSON_SCHEMA,
        "tools": instructor.Mode.TOOLS,
        "md_json": instructor.Mode.MD_JSON,
        "json": instructor.Mode.JSON,
    }[mode_name]

    def timed_create(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            response = create(*args, **kwargs)
        finally:
            stats.seconds_in_model += time.perf_counter() - started
        if isinstance(response, str):
            # The SDK hands a body that is not JSON (a proxy's HTML error page) back as text:
            # the server's failure, retried as such, not an answer of the model's.
            body = " ".join(response.split())[:200]
            raise BackendError("server_error", f"the server's response is not JSON: {body}")
        return response

    client = instructor.Instructor(
        client=None, create=instructor.patch(create=timed_create, mode=mode), mode=mode
    )

    def on_response(response: Any) -> None:
        usage = getattr(response, "usage", None)
        stats.usage = stats.usage.add(
            Usage(
                prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                calls=1,
            )
        )

    def on_parse_error(error: Any, **_: Any) -> None:
        stats.usage = stats.usage.add(Usage(retries=1))

    client.on("completion:response", on_response)
    client.on("parse:error", on_parse_error)
    return client


def _structured_call(
    client: Any,
    config: BackendConfig,
    messages: list[dict[str, str]],
    response_model: type[T],
    context: dict[str, Any],
    stats: CallStats,
    **kwargs: Any,
) -> T:
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
    from pydantic import ValidationError

    try:
        for attempt in _with_transport_retries(config, stats):
            with attempt:
                try:
                    return client.create(
                        response_model=response_model,
                        messages=messages,
                        context=context,
                        max_retries=config.max_reasks,
                        **kwargs,
                    )
                except IncompleteOutputException as error:
                    return _salvage(error, response_model, context)
                except InstructorRetryException as error:
                    if transport_category(error) is not None:
                        raise  # to the transport retries
                    failed = getattr(error, "failed_attempts", None) or []
                    cause = failed[-1].exception if failed else error
                    first_line = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
                    raise BackendError(
                        "invalid_output",
                        f"the model's answer did not validate after {config.max_reasks} "
                        f"re-asks: {first_line[:300]}",
                    ) from error
                except ValidationError as error:
                    raise BackendError("invalid_output", str(error).splitlines()[0]) from error
    except BackendError:
        raise
    except Exception as error:
        # A transport failure that outlived its retries, labelled with what really failed; an
        # error that is no model failure (a refused key, a bad request) is not ours to label.
        found = failure_cause(error)
        if found is None:
            raise
        category, cause = found
        own = isinstance(cause, BackendError)  # already says what failed
        message = str(cause) if own else f"{type(cause).__name__}: {cause}"
        raise BackendError(category, message) from error
    raise AssertionError("unreachable: tenacity reraises")


def _salvage(error: Any, response_model: type[T], context: dict[str, Any]) -> T:
    """Keep the complete items of an answer cut off at max_tokens (see incidents.model.salvage)."""
    from pydantic import ValidationError

    from incidents.model.salvage import complete_prefix

    completion = getattr(error, "last_completion", None)
    try:
        content = completion.choices[0].message.content or ""  # type: ignore[union-attr]
    except (AttributeError, IndexError):
        content = ""
    prefix = complete_prefix(content)
    if prefix is not None:
        try:
            return response_model.model_validate(prefix, context=context)
        except ValidationError:
            pass
    raise BackendError(
        "invalid_output", "the answer hit max_tokens before one complete item was written"
    ) from error


# --------------------------------------------------------------------------- local (llama.cpp)

_LLAMA_CACHE: dict[tuple[str, int, int], Any] = {}
_LLAMA_LOCK = threading.Lock()  # one Llama context is not thread-safe; calls take turns


def _json_schema_bridge(create: Any) -> Any:
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
        llama = load_llama(self.config)
        client = _instructor_client(
            _json_schema_bridge(llama.create_chat_completion_openai_v1), "json_schema", stats
        )
        with _LLAMA_LOCK:
            return _structured_call(
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


# --------------------------------------------------------------------------- OpenAI-compatible


def choose_mode(base_url: str | None, server_owner: str | None) -> str:
    """Pick the instructor mode for an endpoint (``--mode`` / INCIDENTS_MODE overrides this).

    api.openai.com and unknown servers get TOOLS (the most widely supported); llama.cpp's
    server gets JSON_SCHEMA through the json_object bridge (it ignores json_schema); vLLM and
    Ollama honour json_schema natively.
    """
    host = (urlparse(base_url).hostname or "") if base_url else "api.openai.com"
    if host.endswith("openai.com") or host.endswith("openai.azure.com"):
        return "tools"
    if server_owner in {"me", "llamacpp", "llama.cpp", "vllm", "ollama", "library"}:
        return "json_schema"
    return "tools"


class OpenAIBackend:
    """Any OpenAI-compatible endpoint, through the real ``openai`` SDK."""

    name = "openai"

    def __init__(self, config: BackendConfig) -> None:
        import openai

        self.config = config
        self.model = config.model
        # The SDK's own retries are off: tenacity owns transport retries, so they are counted.
        self._client = openai.OpenAI(
            api_key=config.api_key,
            base_url=config.base_url,
            timeout=config.timeout_s,
            max_retries=0,
        )
        self._mode: str | None = config.mode
        self._owner: str | None = None
        self._owner_known = False
        self._lock = threading.Lock()

    def _server_owner(self) -> str | None:
        """Who the server says owns its models (llama.cpp says "me"); asked once."""
        with self._lock:
            if not self._owner_known:
                self._owner = self._ask_server_owner()
                self._owner_known = True
        return self._owner

    def _ask_server_owner(self) -> str | None:
        try:
            for attempt in _with_transport_retries(self.config, CallStats()):
                with attempt:
                    models = self._client.models.list()
        except Exception as error:
            category = transport_category(error)
            if category == "connection" or category == "timeout":
                raise BackendError(
                    "connection", f"cannot reach {self.config.base_url}: {type(error).__name__}"
                ) from error
            return None
        owners = {getattr(m, "owned_by", None) for m in models.data}
        return next((o for o in owners if o), None)

    def mode(self) -> str:
        if self._mode is None:
            self._mode = choose_mode(self.config.base_url, self._server_owner())
        return self._mode

    def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any],
        sampling: Sampling,
        stats: CallStats,
    ) -> T:
        mode = self.mode()
        create = self._client.chat.completions.create
        if mode == "json_schema":
            create = _json_schema_bridge(create) if self._is_llama_cpp() else create
        client = _instructor_client(create, mode, stats)
        extra: dict[str, Any] = {"model": self.model, "temperature": sampling.temperature}
        extra["max_tokens"] = sampling.max_tokens
        return _structured_call(
            client, self.config, messages, response_model, context, stats, **extra
        )

    def _is_llama_cpp(self) -> bool:
        return self._server_owner() in {"me", "llamacpp", "llama.cpp"}


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
