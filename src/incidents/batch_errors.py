"""Failure reasons of a batch: one category per failed article, and a short message.

The category says what to do next: ``rate_limited``, ``server_error``, ``timeout`` and
``connection`` are transient (re-run the batch later); ``invalid_output`` means the model did
not produce a valid answer even after re-asks (a prompt or model problem); ``bad_input`` is the
input's fault; ``error`` is anything else (a bug, a replay miss, a refused request).

Exceptions are recognised by class name along their cause chain, not by importing their
libraries: only :mod:`incidents.client` imports openai and instructor, and a wrapped transport
error (instructor's ``InstructorRetryException`` around an ``APITimeoutError``, tenacity's
``RetryError`` around a ``RateLimitError``) must still count as what it really was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

REASONS = (
    "timeout",
    "rate_limited",
    "server_error",
    "connection",
    "invalid_output",
    "bad_input",
    "error",
)
TRANSIENT = ("rate_limited", "server_error", "timeout", "connection")

MAX_MESSAGE = 300

_TIMEOUT = {"APITimeoutError", "TimeoutException", "ReadTimeout", "WriteTimeout", "PoolTimeout",
            "ConnectTimeout", "TimeoutError"}  # fmt: skip
_RATE = {"RateLimitError"}
_SERVER = {"InternalServerError", "ServiceUnavailableError", "APIResponseValidationError"}
_CONNECTION = {"APIConnectionError", "ConnectError", "RemoteProtocolError", "ReadError",
               "WriteError", "NetworkError", "ConnectionError", "LocalProtocolError",
               "ProtocolError", "IncompleteRead"}  # fmt: skip
_INVALID = {"ValidationError", "JSONDecodeError", "ResponseParsingError", "AsyncValidationError",
            "IncompleteOutputException", "InstructorRetryException"}  # fmt: skip
# The article itself is unusable (empty, binary, oversized): extract's InputError.
_BAD_INPUT = {"BadInput", "InputError"}
# Wrappers say only that something else failed; their message repeats the cause's.
_WRAPPERS = {"InstructorRetryException", "RetryError", "ExceptionGroup", "BaseExceptionGroup"}
# Modules whose code parses HTTP bodies: invalid JSON raised there is the server's, not the
# model's (a truncated or non-JSON response body).
_TRANSPORT_MODULES = ("openai.", "httpx", "httpcore", "h11")


def classify_failure(exc: BaseException) -> tuple[str, str]:
    """The reason category of a failed extraction, and a one-line message naming the cause.

    An exception (or one in its cause chain) may also carry its own ``category`` attribute,
    one of :data:`REASONS`; the client can use it to say exactly what happened.
    """
    chain = list(_chain(exc))
    for item in chain:  # the client's own verdict, when it gives one, is the most exact
        declared = getattr(item, "category", None)
        if isinstance(declared, str) and declared in REASONS:
            return declared, _message(item)
    found = [(category, item) for item in chain if (category := _category(item))]
    for wanted in (TRANSIENT, ("invalid_output", "bad_input")):
        for category, item in found:
            if category in wanted:
                return category, _message(item)
    for item in chain:  # nothing recognised: name the most specific exception
        if type(item).__name__ not in _WRAPPERS:
            return "error", _message(item)
    return "error", _message(exc)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what caused it, outermost first, each once."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        item = stack.pop(0)
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        last_attempt = getattr(item, "last_attempt", None)  # tenacity.RetryError
        if last_attempt is not None and callable(getattr(last_attempt, "exception", None)):
            inner = last_attempt.exception()
            if isinstance(inner, BaseException):
                stack.append(inner)
        for nested in getattr(item, "exceptions", None) or ():  # exception groups
            if isinstance(nested, BaseException):
                stack.append(nested)
        for linked in (item.__cause__, item.__context__):
            if linked is not None:
                stack.append(linked)


def _category(exc: BaseException) -> str | None:
    names = {cls.__name__ for cls in type(exc).__mro__}
    status = getattr(exc, "status_code", None)
    if names & _TIMEOUT:
        return "timeout"
    if names & _RATE or status == 429:
        return "rate_limited"
    if names & _SERVER or (isinstance(status, int) and status >= 500):
        return "server_error"
    if names & _CONNECTION:
        return "connection"
    if "JSONDecodeError" in names and _raised_in_transport(exc):
        return "server_error"
    if names & _INVALID:
        return "invalid_output"
    if names & _BAD_INPUT:
        return "bad_input"
    return None


def _raised_in_transport(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.startswith(_TRANSPORT_MODULES):
            return True
        tb = tb.tb_next
    return False


def _message(exc: BaseException) -> str:
    text = " ".join(str(exc).split())  # one line: reasons are read with grep and jq
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def redact(text: str, secret: str | None) -> str:
    """``text`` with ``secret`` and any bearer token replaced by ``***``: failure reasons
    quote server messages, and a key must never reach an output file."""
    if secret and len(secret) >= 4:
        text = text.replace(secret, "***")
    return re.sub(r"(?i)(bearer\s+)[^\s\"',;]+", r"\1***", text)
