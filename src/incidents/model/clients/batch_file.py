"""The batch-file backend: the live openai path, with a batch engine's output for a network.

``incidents batch --prepare`` and ``--collect`` (:mod:`incidents.batch.requests_file`,
:mod:`incidents.batch.collect`) must send *exactly* what the live path sends and treat the
answers exactly as the live path does. So they do not build requests: they run the live
:class:`~incidents.model.clients.openai_compat.OpenAIBackend` (instructor's mode, the
``json_object`` bridge for llama.cpp, the SDK's serialisation, validation, re-asks, salvage of
a cut-off answer, usage) over an ``httpx`` transport that answers ``POST …/chat/completions``
from the engine's output lines instead of the network:

* a body the output answers gets that answer, as the engine returned it (status and JSON);
* a body it does not answer (not submitted yet, an error line, a re-ask of an answer that did
  not validate) is not sent anywhere: the transport raises
  :class:`~incidents.model.backend.RequestsDeferred` carrying the body, which is written to a
  request file for the engine.

Preparing is collecting with no answers at all. Anything but chat completions (the one
``GET /models`` that asks a server which engine it is) goes to the network as usual.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from incidents.config import BackendConfig
from incidents.model.backend import Answered, DeferredRequest, ModelRequest, RequestsDeferred
from incidents.model.clients.openai_compat import OpenAIBackend

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class RecordedAnswer:
    """An engine's HTTP answer to one request: handed to the SDK as the server's response."""

    status_code: int
    body: dict[str, Any]


@dataclass(frozen=True)
class RecordedFailure:
    """An engine's output line that says the request failed in a way worth sending again
    (rate limited, a server error, the batch expired): the request is deferred again."""

    category: str
    message: str


Lookup = Callable[[dict[str, Any]], RecordedAnswer | RecordedFailure | None]


class AnsweringTransport(httpx.BaseTransport):
    """Answers chat-completion requests through ``lookup``; defers the ones it cannot answer.

    Args:
        lookup: the engine's answer to a request body, if it has one.
        network: where every other request goes (the server probe); the real network unless
            given.
    """

    def __init__(self, lookup: Lookup, network: httpx.BaseTransport | None = None) -> None:
        self._lookup = lookup
        self._network = network or httpx.HTTPTransport()
        self._calls = threading.local()  # answers given in the current backend call, per thread

    @contextlib.contextmanager
    def call(self) -> Iterator[None]:
        """Scope of one backend call: a request deferred after an answer in the same call is a
        re-ask (the answer did not validate)."""
        self._calls.answered = 0
        try:
            yield
        finally:
            self._calls.answered = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return self._network.handle_request(request)
        body = json.loads(request.content)
        found = self._lookup(body)
        if isinstance(found, RecordedAnswer):
            self._calls.answered = getattr(self._calls, "answered", 0) + 1
            return httpx.Response(found.status_code, json=found.body, request=request)
        raise RequestsDeferred([self._deferred(body, found)])

    def _deferred(self, body: dict[str, Any], failure: RecordedFailure | None) -> DeferredRequest:
        if failure is not None:
            return DeferredRequest(body, failure.category, failure.message)
        if getattr(self._calls, "answered", 0):
            return DeferredRequest(
                body,
                "invalid_output",
                "the engine's answer did not validate; the re-ask that shows the model its "
                "error is listed for the engine",
            )
        return DeferredRequest(body, "not_answered", "the engine's output has no answer to it")

    def close(self) -> None:
        self._network.close()


class BatchFileBackend:
    """The live openai backend over an :class:`AnsweringTransport` (see the module doc).

    ``name`` and ``model`` are the live backend's, so the response-store keys are the same as a
    live run's. Transport retries are off: the engine's output does not change when asked
    again; what it cannot answer is deferred to the next round instead.
    """

    name = "openai"

    def __init__(self, config: BackendConfig, lookup: Lookup) -> None:
        if config.backend != "openai":
            raise ValueError(f"batch files are for the openai backend, not {config.backend!r}")
        self.model = config.model
        self._transport = AnsweringTransport(lookup)
        http_client = httpx.Client(transport=self._transport, timeout=config.timeout_s)
        self._live = OpenAIBackend(
            dataclasses.replace(config, max_transport_retries=0), http_client=http_client
        )

    def mode(self) -> str:
        """The instructor mode the bodies are built in (the live backend's choice)."""
        return self._live.mode()

    def complete(self, request: ModelRequest[T]) -> Answered[T]:
        with self._transport.call():
            return self._live.complete(request)
