"""What every model backend shares: the interface, the error type, call statistics, sampling
settings, transport retries (tenacity) and the description of a request for the response
store. Free of openai, instructor and llama_cpp, which only :mod:`incidents.model.clients` imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
)

from incidents.config import BackendConfig
from incidents.model.failures import failure_cause, transport_category
from incidents.schema import Usage

T = TypeVar("T", bound=BaseModel)


class BackendError(RuntimeError):
    """A model call failed for good.

    ``category`` is one of :data:`incidents.model.failures.CATEGORIES`, as
    :func:`~incidents.model.failures.failure_category` judges the failure; the message is
    written for the reader and stands alone.
    """

    def __init__(self, category: str, message: str) -> None:
        super().__init__(message)
        self.category = category


@dataclass(frozen=True)
class DeferredRequest:
    """One request a backend wrote down for a batch engine instead of sending it.

    Attributes:
        body: the JSON body the live path would have POSTed to ``/v1/chat/completions``.
        category: why it is outstanding: ``not_answered`` (the engine's output has no line for
            it), a transient category (the engine's line is an error; sending it again may
            work), or ``invalid_output`` (the request is a re-ask of an answer that did not
            validate).
        message: one line for the reader.
    """

    body: dict[str, Any]
    category: str
    message: str


class RequestsDeferred(BaseException):
    """The backend did not answer now: its requests are to be answered by a batch engine.

    Raised by the batch-file backend (:mod:`incidents.batch.collect`) and gathered over an
    article's chunks by :func:`incidents.extraction.extract`, so one run lists every
    outstanding request of an article. A ``BaseException`` on purpose, as
    ``asyncio.CancelledError`` is: the SDK's and instructor's ``except Exception`` blocks must
    pass it through as it is, instead of wrapping it into a connection error that would be
    retried. No live backend raises it.
    """

    def __init__(self, requests: list[DeferredRequest]) -> None:
        super().__init__(f"{len(requests)} request(s) deferred to a batch engine")
        self.requests = requests


@dataclass
class CallStats:
    """What model calls cost, summed over one extraction.

    ``prompt_tokens_evaluated`` counts the prompt tokens the embedded model really evaluated
    (the prefix a state file or an earlier request supplied is not evaluated again; a test
    checks the count against llama.cpp's own counter); ``prefix_states`` lists what happened to
    the fixed prefix per request (``reused``, ``loaded``, ``saved``, ``evaluated`` or
    ``skipped``: see :mod:`incidents.model.clients.decoder`) and ``prefix_tokens`` its length.
    They stay empty for server backends, which do not say.
    """

    usage: Usage = field(default_factory=Usage)
    seconds_in_model: float = 0.0
    prompt_tokens_evaluated: int = 0
    prefix_states: list[str] = field(default_factory=list)
    prefix_tokens: int = 0

    def add(self, other: CallStats) -> None:
        """Count one call's statistics in these (an extraction's running total)."""
        self.usage = self.usage.add(other.usage)
        self.seconds_in_model += other.seconds_in_model
        self.prompt_tokens_evaluated += other.prompt_tokens_evaluated
        self.prefix_states.extend(other.prefix_states)
        self.prefix_tokens = max(self.prefix_tokens, other.prefix_tokens)


class Sampling(BaseModel):
    """Decoding settings of a request; a prompt file's ``sampling:`` block validates into it.

    Part of the response-store key (:func:`describe_request`): the fields, their order and
    their defaults are fixed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    temperature: float = Field(0.0, ge=0, le=2)
    top_p: float = Field(1.0, gt=0, le=1)
    repeat_penalty: float = Field(1.0, ge=1, le=2)
    max_tokens: int = Field(1200, ge=16, le=8192)


@dataclass(frozen=True)
class ModelRequest(Generic[T]):
    """One request to a model: what is sent and what the answer must validate into.

    Attributes:
        messages: the chat messages.
        response_model: the answer's Pydantic model.
        sampling: the decoding settings.
        context: the validation context of the answer (the sentence range, the candidates).
        fixed_turns: how many leading messages every article of the prompt shares; the
            embedded model keeps their tokens as a prefix it evaluates once (None: every
            message but the last).
    """

    messages: list[dict[str, str]]
    response_model: type[T]
    sampling: Sampling = field(default_factory=Sampling)
    context: dict[str, Any] = field(default_factory=dict)
    fixed_turns: int | None = None


@dataclass(frozen=True)
class Answered(Generic[T]):
    """A model's validated answer and what this one call cost (usage over its re-asks and
    retries, seconds in the model, the embedded model's prefix and evaluated tokens)."""

    output: T
    stats: CallStats


class Backend(Protocol):
    """A model to ask. A backend that can also be awaited has ``acomplete``, the coroutine twin
    of ``complete`` (:class:`AsyncBackend`; the OpenAI-compatible one does)."""

    name: str
    model: str

    def complete(self, request: ModelRequest[T]) -> Answered[T]: ...


class AsyncBackend(Backend, Protocol):
    async def acomplete(self, request: ModelRequest[T]) -> Answered[T]: ...


# --------------------------------------------------------------------------- transport retries


def _wait_seconds(state: RetryCallState) -> float:
    error = state.outcome.exception() if state.outcome else None
    found = failure_cause(error) if error else None
    response = getattr(found[1] if found else error, "response", None)
    retry_after = response.headers.get("retry-after") if response is not None else None
    if retry_after:
        try:
            return min(float(retry_after), 60.0)  # honour the server, within reason
        except ValueError:
            pass
    return float(min(0.5 * 2 ** (state.attempt_number - 1), 20.0))


def _retry_settings(config: BackendConfig, stats: CallStats) -> dict[str, Any]:
    def count_retry(state: RetryCallState) -> None:
        stats.usage = stats.usage.add(Usage(retries=1))

    return {
        "retry": retry_if_exception(lambda e: transport_category(e) is not None),
        "stop": stop_after_attempt(config.max_transport_retries + 1),
        "wait": _wait_seconds,
        "before_sleep": count_retry,
        "reraise": True,
    }


def with_transport_retries(config: BackendConfig, stats: CallStats) -> Retrying:
    """Transport retries (timeouts, 429, 5xx, resets), counted in ``stats``."""
    return Retrying(**_retry_settings(config, stats))


def with_async_transport_retries(config: BackendConfig, stats: CallStats) -> AsyncRetrying:
    """The same retries for a coroutine (``async for attempt in ...``): the wait is awaited,
    so other articles go on meanwhile."""
    return AsyncRetrying(**_retry_settings(config, stats))


def describe_request(
    messages: list[dict[str, str]], response_model: type[BaseModel], sampling: Sampling
) -> Any:
    """What identifies a request for the response store (no keys, no URLs)."""
    return {
        "messages": messages,
        "response_schema": json.loads(json.dumps(response_model.model_json_schema())),
        "sampling": sampling.model_dump(),
    }
