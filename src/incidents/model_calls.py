"""What every model backend shares: the interface, the error type, call statistics, sampling
settings, transport retries (tenacity) and the description of a request for the response
store. Free of openai, instructor and llama_cpp, which only :mod:`incidents.client` imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from incidents.config import BackendConfig
from incidents.schema import Usage

T = TypeVar("T", bound=BaseModel)


class BackendError(RuntimeError):
    """A model call failed for good. ``category`` is a short machine-readable reason."""

    def __init__(self, category: str, message: str) -> None:
        super().__init__(message)
        self.category = category


@dataclass
class CallStats:
    usage: Usage = field(default_factory=Usage)
    seconds_in_model: float = 0.0


@dataclass(frozen=True)
class Sampling:
    temperature: float = 0.0
    top_p: float = 1.0
    repeat_penalty: float = 1.0
    max_tokens: int = 1200


class Backend(Protocol):
    name: str
    model: str

    def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any],
        sampling: Sampling,
        stats: CallStats,
    ) -> T: ...


# --------------------------------------------------------------------------- transport retries

_TRANSPORT_CATEGORIES = {
    "APITimeoutError": "timeout",
    "RateLimitError": "rate_limited",
    "InternalServerError": "server_error",
    "APIConnectionError": "connection",
    "JSONDecodeError": "invalid_output",
}


def _root_cause(error: BaseException) -> BaseException:
    # instructor wraps transport errors in InstructorRetryException; look underneath.
    while error.__cause__ is not None and type(error).__name__ == "InstructorRetryException":
        error = error.__cause__
    return error


def transport_category(error: BaseException) -> str | None:
    """The retryable transport category of ``error``, or None when retrying cannot help."""
    root = _root_cause(error)
    for cls in type(root).__mro__:
        if cls.__name__ in _TRANSPORT_CATEGORIES:
            return _TRANSPORT_CATEGORIES[cls.__name__]
    status = getattr(root, "status_code", None)
    if isinstance(status, int) and (status == 429 or status >= 500):
        return "rate_limited" if status == 429 else "server_error"
    return None


def _wait_seconds(state: RetryCallState) -> float:
    error = state.outcome.exception() if state.outcome else None
    root = _root_cause(error) if error else None
    response = getattr(root, "response", None)
    retry_after = response.headers.get("retry-after") if response is not None else None
    if retry_after:
        try:
            return min(float(retry_after), 60.0)  # honour the server, within reason
        except ValueError:
            pass
    return float(min(0.5 * 2 ** (state.attempt_number - 1), 20.0))


def _with_transport_retries(config: BackendConfig, stats: CallStats) -> Retrying:
    def count_retry(state: RetryCallState) -> None:
        stats.usage = stats.usage.add(Usage(retries=1))

    return Retrying(
        retry=retry_if_exception(lambda e: transport_category(e) is not None),
        stop=stop_after_attempt(config.max_transport_retries + 1),
        wait=_wait_seconds,
        before_sleep=count_retry,
        reraise=True,
    )


def describe_request(
    messages: list[dict[str, str]], response_model: type[BaseModel], sampling: Sampling
) -> Any:
    """What identifies a request for the response store (no keys, no URLs)."""
    return {
        "messages": messages,
        "response_schema": json.loads(json.dumps(response_model.model_json_schema())),
        "sampling": sampling.__dict__,
    }
