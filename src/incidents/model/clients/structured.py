"""instructor plumbing the clients share: the patched client with usage and re-ask hooks, the
structured call (re-asks by instructor, transport retries by tenacity) and the salvage of an
answer cut off at ``max_tokens``.

Two kinds of failure are handled apart, on purpose:

* validation errors (the answer does not fit the response model) are *re-asked* by instructor,
  at most ``max_reasks`` times, with the error shown to the model;
* transport errors (timeouts, 429 with Retry-After, 5xx, connection resets, broken bodies) are
  *retried* with tenacity's exponential backoff, without touching the conversation.

Usage is summed over every attempt, and the time spent inside model calls is measured so the
benchmark can report the pipeline's overhead. A backend builds its instructor client once; the
client's hooks count into the statistics of the call under way (:func:`metered`, a context
variable, so concurrent calls in threads or tasks each count their own), and each call returns
its own statistics with its answer (:class:`~incidents.model.backend.Answered`).
"""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from pydantic import BaseModel

from incidents.config import BackendConfig
from incidents.model.backend import (
    Answered,
    BackendError,
    CallStats,
    ModelRequest,
    with_async_transport_retries,
    with_transport_retries,
)
from incidents.model.failures import failure_cause, refused_status, transport_category
from incidents.schema import Usage

T = TypeVar("T", bound=BaseModel)

# instructor logs every failed attempt at ERROR; with no handler configured Python's last-resort
# handler would print them over our progress bar. A NullHandler keeps them out of stderr while
# still propagating to any logging the application sets up. We report failures ourselves.
logging.getLogger("instructor").addHandler(logging.NullHandler())


def awaitable(create: Any) -> bool:
    """Whether ``create`` is a coroutine function, under the SDK's decorators (``AsyncOpenAI``'s
    ``create`` is wrapped by a plain function that returns its coroutine)."""
    return inspect.iscoroutinefunction(inspect.unwrap(create))


_CALL_UNDER_WAY: ContextVar[CallStats | None] = ContextVar("incidents_call_stats", default=None)


@contextmanager
def metered() -> Iterator[CallStats]:
    """Count what the model calls made inside this block cost into the ``CallStats`` yielded."""
    stats = CallStats()
    token = _CALL_UNDER_WAY.set(stats)
    try:
        yield stats
    finally:
        _CALL_UNDER_WAY.reset(token)


def meter() -> CallStats:
    """The statistics of the call under way (see :func:`metered`)."""
    stats = _CALL_UNDER_WAY.get()
    if stats is None:
        raise RuntimeError("a model call outside metered(): its usage would be lost")
    return stats


def instructor_client(create: Any, mode_name: str) -> Any:
    """An instructor client over ``create`` (a coroutine function gives an async client), with
    the time spent in the model and the usage of every attempt counted in the call's
    statistics (:func:`meter`). A backend makes one and keeps it."""
    import instructor

    mode = {
        "json_schema": instructor.Mode.JSON_SCHEMA,
        "tools": instructor.Mode.TOOLS,
        "md_json": instructor.Mode.MD_JSON,
        "json": instructor.Mode.JSON,
    }[mode_name]

    def checked(response: Any) -> Any:
        if isinstance(response, str):
            # The SDK hands a body that is not JSON (a proxy's HTML error page) back as text:
            # the server's failure, retried as such, not an answer of the model's.
            body = " ".join(response.split())[:200]
            raise BackendError("server_error", f"the server's response is not JSON: {body}")
        return response

    def timed_create(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            response = create(*args, **kwargs)
        finally:
            meter().seconds_in_model += time.perf_counter() - started
        return checked(response)

    async def timed_acreate(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            response = await create(*args, **kwargs)
        finally:
            meter().seconds_in_model += time.perf_counter() - started
        return checked(response)

    client: Any
    if awaitable(create):  # an AsyncOpenAI create: the client awaits
        patched = instructor.patch(create=timed_acreate, mode=mode)
        client = instructor.AsyncInstructor(client=None, create=patched, mode=mode)
    else:
        patched = instructor.patch(create=timed_create, mode=mode)
        client = instructor.Instructor(client=None, create=patched, mode=mode)

    def on_response(response: Any) -> None:
        usage = getattr(response, "usage", None)
        stats = meter()
        stats.usage = stats.usage.add(
            Usage(
                prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                calls=1,
            )
        )

    def on_parse_error(error: Any, **_: Any) -> None:
        stats = meter()
        stats.usage = stats.usage.add(Usage(retries=1))

    client.on("completion:response", on_response)
    client.on("parse:error", on_parse_error)
    return client


def structured_call(
    client: Any, config: BackendConfig, request: ModelRequest[T], **kwargs: Any
) -> Answered[T]:
    """Ask through ``client`` (made by :func:`instructor_client`): the validated answer, or
    the salvage of one cut off, with what the call cost; failures labelled
    (:class:`BackendError`). ``kwargs`` go to the create call (model, sampling)."""
    with metered() as stats, _failures_labelled():
        for attempt in with_transport_retries(config, stats):
            with attempt:
                try:
                    output = client.create(**_call(config, request, kwargs))
                except _answer_failures() as error:
                    output = _answer_of(error, config, request)
                return Answered(output, stats)
    raise AssertionError("unreachable: tenacity reraises")


async def astructured_call(
    client: Any, config: BackendConfig, request: ModelRequest[T], **kwargs: Any
) -> Answered[T]:
    """The coroutine twin of :func:`structured_call`: same re-asks, retries and labels."""
    with metered() as stats, _failures_labelled():
        async for attempt in with_async_transport_retries(config, stats):
            with attempt:
                try:
                    output = await client.create(**_call(config, request, kwargs))
                except _answer_failures() as error:
                    output = _answer_of(error, config, request)
                return Answered(output, stats)
    raise AssertionError("unreachable: tenacity reraises")


@contextmanager
def _failures_labelled() -> Iterator[None]:
    """A failure that outlived re-asks and retries leaves as a labelled :class:`BackendError`
    (one already labelled, as it is)."""
    try:
        yield
    except BackendError:
        raise
    except Exception as error:
        raise _labelled(error) from error


def _call(
    config: BackendConfig, request: ModelRequest[Any], extra: dict[str, Any]
) -> dict[str, Any]:
    """The arguments of one instructor call: the answer's model, re-asks, sampling."""
    return {"response_model": request.response_model, "messages": request.messages,
            "context": request.context, "max_retries": config.max_reasks, **extra}  # fmt: skip


@functools.lru_cache(maxsize=1)
def _answer_failures() -> tuple[type[BaseException], ...]:
    """What a call raises about the answer rather than the transport (instructor loads late)."""
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
    from pydantic import ValidationError

    return (IncompleteOutputException, InstructorRetryException, ValidationError)


def _answer_of(error: BaseException, config: BackendConfig, request: ModelRequest[T]) -> T:
    """What an answer that failed to validate still gives: the complete items of one cut off
    at ``max_tokens``; otherwise the failure, labelled (a transport failure is re-raised for
    the transport retries)."""
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

    if isinstance(error, IncompleteOutputException):
        return _salvage(error, request.response_model, request.context)
    if isinstance(error, InstructorRetryException):
        if transport_category(error) is not None:
            raise error  # to the transport retries
        failed = getattr(error, "failed_attempts", None) or []
        cause = failed[-1].exception if failed else error
        refusal = refused_status(cause)
        if refusal is not None:  # the request, not the answer: re-asks cannot help
            raise BackendError(
                "refused",
                f"the server refused the request (HTTP {refusal}): {str(cause).strip()[:300]}",
            ) from error
        first_line = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
        raise BackendError(
            "invalid_output",
            f"the model's answer did not validate after {config.max_reasks} "
            f"re-asks: {first_line[:300]}",
        ) from error
    raise BackendError("invalid_output", str(error).splitlines()[0]) from error


def _labelled(error: Exception) -> Exception:
    """A transport failure that outlived its retries, labelled with what really failed; an
    error that is no model failure (a refused key, a bad request) is not ours to label."""
    found = failure_cause(error)
    if found is None:
        return error
    category, cause = found
    own = isinstance(cause, BackendError)  # already says what failed
    message = str(cause) if own else f"{type(cause).__name__}: {cause}"
    return BackendError(category, message)


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
