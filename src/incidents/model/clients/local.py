"""The embedded model: llama.cpp in-process, grammar-constrained through instructor.

Greedy requests (every released prompt) go through :mod:`.decoder`, which reuses the prompt's
fixed prefix and decodes concurrent requests together; other sampling goes through
llama-cpp-python's chat completion, one request at a time."""

from __future__ import annotations

import functools
import json
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from incidents.config import BackendConfig, ConfigError
from incidents.model.backend import Answered, ModelRequest, Sampling
from incidents.model.clients.decoder import BatchDecoder, DecodeRequest
from incidents.model.clients.llama_binding import grammar_of_schema, model_handles
from incidents.model.clients.prefix_state import render_prompt, state_path
from incidents.model.clients.structured import (
    awaitable,
    instructor_client,
    meter,
    structured_call,
)

T = TypeVar("T", bound=BaseModel)

_LLAMA_CACHE: dict[tuple[str, int, int], Any] = {}
_LLAMA_LOCK = threading.Lock()  # one Llama context is not thread-safe; calls take turns


def json_schema_bridge(create: Any) -> Any:
    """Translate instructor's OpenAI-style ``json_schema`` response_format for llama.cpp.

    llama-cpp-python constrains decoding only for ``{"type": "json_object", "schema": ...}``
    and silently ignores ``{"type": "json_schema", ...}``; without this the model answers prose.
    """

    def bridge(kwargs: dict[str, Any]) -> dict[str, Any]:
        response_format = kwargs.get("response_format")
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            schema = _schema_of(response_format)
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        return kwargs

    def bridged(*args: Any, **kwargs: Any) -> Any:
        return create(*args, **bridge(kwargs))

    async def abridged(*args: Any, **kwargs: Any) -> Any:
        return await create(*args, **bridge(kwargs))

    return abridged if awaitable(create) else bridged


def load_llama(config: BackendConfig) -> Any:
    """Load (once per process) the embedded model with llama-cpp-python."""
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


_DECODERS: dict[tuple[str, int, int, int], BatchDecoder] = {}


def load_decoder(config: BackendConfig, llama: Any) -> BatchDecoder:
    """The process's decoder for this model and number of slots (see :mod:`.decoder`)."""
    key = (llama.model_path, llama.n_threads, config.n_ctx, config.parallel)
    with _LLAMA_LOCK:
        if key not in _DECODERS:

            def state_file(prefix: list[int]) -> Path | None:
                if not config.prefix_cache:
                    return None
                return state_path(config, llama.model_path, prefix)

            _DECODERS[key] = BatchDecoder(
                model_handles(llama),
                base_params=llama.context_params,
                slots=config.parallel,
                n_ctx=config.n_ctx,
                n_threads=llama.n_threads,
                state_file=state_file,
            )
        return _DECODERS[key]


@functools.lru_cache(maxsize=16)
def _grammar_of(schema_json: str) -> tuple[str, str]:
    """The GBNF grammar llama-cpp-python makes of a JSON schema (the same conversion its chat
    completion uses), as text and root rule."""
    return grammar_of_schema(schema_json)


def decoder_create(llama: Any, decoder: BatchDecoder) -> Any:
    """A ``chat.completions.create`` for instructor over the decoder: greedy, constrained by the
    response format's JSON schema, answered as an OpenAI ``ChatCompletion``. ``fixed_turns``
    (how many leading messages every article shares) marks the prefix the decoder keeps."""
    from openai.types.chat import ChatCompletion

    def create(
        *,
        messages: list[dict[str, str]],
        max_tokens: int,
        fixed_turns: int | None = None,
        response_format: dict[str, Any] | None = None,
        **_: Any,  # the sampling settings: greedy is checked before this path is taken
    ) -> Any:
        rendered = render_prompt(llama, messages, fixed_turns)
        if rendered is None:
            raise ConfigError(f"the decoder cannot render the chat format {llama.chat_format}")
        tokens, prefix = rendered
        schema = _schema_of(response_format)
        request = decoder.decode(
            DecodeRequest(
                tokens=tokens,
                prefix=prefix,
                grammar=None if schema is None else _grammar_of(json.dumps(schema)),
                max_tokens=max_tokens,
            )
        )
        stats = meter()
        stats.prefix_states.append(request.prefix_state)
        stats.prefix_tokens = max(stats.prefix_tokens, len(request.prefix))
        stats.prompt_tokens_evaluated += request.evaluated
        text = llama.detokenize(request.completion).decode("utf-8", errors="ignore")
        return ChatCompletion.model_validate(
            {
                "id": f"chatcmpl-{uuid.uuid4().hex}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": llama.model_path,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": request.finish_reason,
                        "message": {"role": "assistant", "content": text},
                    }
                ],
                "usage": {
                    "prompt_tokens": len(tokens),
                    "completion_tokens": len(request.completion),
                    "total_tokens": len(tokens) + len(request.completion),
                },
            }
        )

    return create


def _schema_of(response_format: dict[str, Any] | None) -> dict[str, Any] | None:
    """The JSON schema in an OpenAI-style (``json_schema``) or llama.cpp-style response_format."""
    if not isinstance(response_format, dict):
        return None
    if response_format.get("type") == "json_schema":
        schema = response_format.get("json_schema", {}).get("schema")
    else:
        schema = response_format.get("schema")
    return schema if isinstance(schema, dict) else None


def is_greedy(sampling: Sampling) -> bool:
    """The decoder picks the most likely token; other sampling goes through llama-cpp-python's
    own sampler chain, one request at a time and without the saved prefix."""
    return sampling.temperature == 0.0 and sampling.repeat_penalty == 1.0


class LocalBackend:
    """The embedded Qwen2.5-Coder-1.5B GGUF, in-process, grammar-constrained."""

    name = "local"

    def __init__(self, config: BackendConfig) -> None:
        self.config = config
        self.model = config.model
        self._clients: dict[str, Any] = {}  # one instructor client per way of decoding
        self._lock = threading.Lock()

    def _client(self, greedy: bool) -> Any:
        """The instructor client over the decoder (greedy) or over llama-cpp-python's own chat
        completion (other sampling), made on first use."""
        kind = "decoder" if greedy else "chat_completion"
        with self._lock:
            if kind not in self._clients:
                llama = load_llama(self.config)
                if greedy:
                    create = decoder_create(llama, load_decoder(self.config, llama))
                else:
                    create = json_schema_bridge(llama.create_chat_completion_openai_v1)
                self._clients[kind] = instructor_client(create, "json_schema")
            return self._clients[kind]

    def complete(self, request: ModelRequest[T]) -> Answered[T]:
        sampling = request.sampling
        if is_greedy(sampling):
            return structured_call(
                self._client(greedy=True), self.config, request,
                max_tokens=sampling.max_tokens, fixed_turns=request.fixed_turns,
            )  # fmt: skip
        client = self._client(greedy=False)  # before the lock: loading the model takes it
        with _LLAMA_LOCK:
            return structured_call(
                client,
                self.config,
                request,
                temperature=sampling.temperature,
                top_p=sampling.top_p,
                repeat_penalty=sampling.repeat_penalty,
                max_tokens=sampling.max_tokens,
            )
