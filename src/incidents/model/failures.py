"""Why a model call failed, in one word: the one classifier behind the backends' transport
retries (:mod:`incidents.model.backend`), the category of every
:class:`~incidents.model.backend.BackendError` the clients raise, and the batch's reasons.

Categories: ``timeout``, ``rate_limited``, ``server_error`` and ``connection`` are transient
(:data:`TRANSIENT`: the backends retry them with backoff, and a batch can be re-run later);
``invalid_output`` means the model gave no valid answer (instructor re-asks it; sending the
same request again cannot help); ``refused`` means the server refused the request itself (an
HTTP 4xx other than 408 and 429, e.g. a response format it does not support): not retried, and
not the model's fault.

Exceptions are recognised by class name and HTTP status along their cause chain, not by
importing their libraries (only :mod:`incidents.model.clients` imports openai and instructor),
so a wrapped transport error (instructor's ``InstructorRetryException`` around an
``APITimeoutError``, tenacity's ``RetryError`` around a ``RateLimitError``) still counts as
what it really was. An exception that declares its own ``category`` (a ``BackendError``) is
taken at its word.

Invalid JSON is judged by where it was raised. Raised while the HTTP client read a response
(openai, httpx), it is a body cut off or not JSON at all: the server's fault, ``server_error``,
retried. Raised anywhere else, it is the model's answer that is not JSON: ``invalid_output``.
"""

from __future__ import annotations

from collections.abc import Iterator

TRANSIENT = ("rate_limited", "server_error", "timeout", "connection")
CATEGORIES = ("timeout", "rate_limited", "server_error", "connection", "invalid_output", "refused")

_TIMEOUT = {"APITimeoutError", "TimeoutException", "ReadTimeout", "WriteTimeout", "PoolTimeout",
            "ConnectTimeout", "TimeoutError"}  # fmt: skip
_RATE = {"RateLimitError"}
_SERVER = {"InternalServerError", "ServiceUnavailableError", "APIResponseValidationError"}
_CONNECTION = {"APIConnectionError", "ConnectError", "RemoteProtocolError", "ReadError",
               "WriteError", "NetworkError", "ConnectionError", "LocalProtocolError",
               "ProtocolError", "IncompleteRead"}  # fmt: skip
_INVALID = {"ValidationError", "JSONDecodeError", "ResponseParsingError", "AsyncValidationError",
            "IncompleteOutputException", "InstructorRetryException"}  # fmt: skip
# Modules whose code reads HTTP response bodies.
_TRANSPORT_MODULES = ("openai.", "httpx", "httpcore", "h11")


def failure_cause(error: BaseException) -> tuple[str, BaseException] | None:
    """The category of a failed call, and the exception of its chain that shows it.

    A declared ``category`` (one of :data:`CATEGORIES`) wins; otherwise a transient error
    anywhere in the chain comes before an invalid answer, since instructor reports a transport
    failure inside its own "retry" exception.

    Returns:
        ``(category, exception)``, or None when nothing in the chain is a model failure.
    """
    chain = list(exception_chain(error))
    for item in chain:
        declared = getattr(item, "category", None)
        if isinstance(declared, str) and declared in CATEGORIES:
            return declared, item
    found = [(category, item) for item in chain if (category := _category(item))]
    for wanted in (TRANSIENT, ("invalid_output",)):
        for category, item in found:
            if category in wanted:
                return category, item
    return None


def refused_status(error: BaseException) -> int | None:
    """The HTTP status of a request the server refused (4xx but 408 and 429) along ``error``'s
    chain, or None: a status the client got, not a fault of the model's answer."""
    for item in exception_chain(error):
        status = getattr(item, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500 and status not in (408, 429):
            return status
    return None


def failure_category(error: BaseException) -> str | None:
    """The category of a failed call (one of :data:`CATEGORIES`), or None when unknown."""
    found = failure_cause(error)
    return found[0] if found else None


def transport_category(error: BaseException) -> str | None:
    """The transient category of ``error``, or None when retrying cannot help."""
    category = failure_category(error)
    return category if category in TRANSIENT else None


def exception_chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what caused it, outermost first, each once: ``__cause__``,
    ``__context__``, tenacity's ``RetryError.last_attempt`` and exception groups."""
    seen: set[int] = set()
    stack = [error]
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


def _category(error: BaseException) -> str | None:
    names = {cls.__name__ for cls in type(error).__mro__}
    status = getattr(error, "status_code", None)
    if names & _TIMEOUT:
        return "timeout"
    if names & _RATE or status == 429:
        return "rate_limited"
    if names & _SERVER or (isinstance(status, int) and status >= 500):
        return "server_error"
    if names & _CONNECTION:
        return "connection"
    if "JSONDecodeError" in names and _raised_in_transport(error):
        return "server_error"
    if names & _INVALID:
        return "invalid_output"
    return None


def _raised_in_transport(error: BaseException) -> bool:
    tb = error.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.startswith(_TRANSPORT_MODULES):
            return True
        tb = tb.tb_next
    return False
