"""Failure reasons of a batch: one category per failed article, and a short message.

The category says what to do next: ``rate_limited``, ``server_error``, ``timeout`` and
``connection`` are transient (re-run the batch later); ``invalid_output`` means the model did
not produce a valid answer even after re-asks (a prompt or model problem); ``bad_input`` is the
input's fault; ``error`` is anything else (a bug, a replay miss, a refused request);
``not_answered`` is a collected batch's own (``--collect``): the engine's output has no answer
to the article's request yet, which is listed in the follow-up request file.

What a model failure is, is the model side's to say (:mod:`incidents.model.failures`): the
clients raise :class:`~incidents.model.backend.BackendError` with its category, which is taken
as is, and an unwrapped transport error (from a custom extractor, say) is judged by the same
classifier. Only what is the batch's own is decided here: unusable input (``bad_input``),
anything else (``error``), and the one-line messages.
"""

from __future__ import annotations

import re

from incidents.model.backend import BackendError
from incidents.model.failures import CATEGORIES, exception_chain, failure_cause

REASONS = (*CATEGORIES, "not_answered", "bad_input", "error")
# Categories the batch declares itself (incidents.batch.collect), beyond the model side's.
_BATCH_CATEGORIES = ("not_answered",)

MAX_MESSAGE = 300

# The article itself is unusable (empty, binary, oversized): extract's InputError.
_BAD_INPUT = {"BadInput", "InputError"}
# Wrappers say only that something else failed; their message repeats the cause's.
_WRAPPERS = {"InstructorRetryException", "RetryError", "ExceptionGroup", "BaseExceptionGroup"}


def classify_failure(exc: BaseException) -> tuple[str, str]:
    """The reason category of a failed extraction (one of :data:`REASONS`), and a one-line
    message naming the cause."""
    found = failure_cause(exc)
    if found is not None:
        return found[0], _message(found[1])
    chain = list(exception_chain(exc))
    for item in chain:
        declared = getattr(item, "category", None)
        if declared in _BATCH_CATEGORIES:
            return str(declared), _message(item)
    for item in chain:
        if {cls.__name__ for cls in type(item).__mro__} & _BAD_INPUT:
            return "bad_input", _message(item)
    for item in chain:  # nothing recognised: name the most specific exception
        if type(item).__name__ not in _WRAPPERS:
            return "error", _message(item)
    return "error", _message(exc)


def _message(exc: BaseException) -> str:
    text = " ".join(str(exc).split())  # one line: reasons are read with grep and jq
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    if isinstance(exc, BackendError) and text:
        return text  # written for the reader, naming what failed ("RateLimitError: ...")
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def redact(text: str, secret: str | None) -> str:
    """``text`` with ``secret`` and any bearer token replaced by ``***``: failure reasons
    quote server messages, and a key must never reach an output file."""
    if secret and len(secret) >= 4:
        text = text.replace(secret, "***")
    return re.sub(r"(?i)(bearer\s+)[^\s\"',;]+", r"\1***", text)
