"""Any OpenAI-compatible endpoint, through the real ``openai`` SDK and instructor."""

from __future__ import annotations

import threading
from typing import Any, TypeVar
from urllib.parse import urlparse

from pydantic import BaseModel

from incidents.config import BackendConfig
from incidents.model.backend import (
    Answered,
    BackendError,
    CallStats,
    ModelRequest,
    with_transport_retries,
)
from incidents.model.clients.local import json_schema_bridge
from incidents.model.clients.structured import (
    astructured_call,
    instructor_client,
    structured_call,
)
from incidents.model.failures import transport_category

T = TypeVar("T", bound=BaseModel)


def choose_mode(base_url: str | None, server_owner: str | None) -> str:
    """Pick the instructor mode for an endpoint (``--mode`` / INCIDENTS_MODE overrides this).

    api.openai.com and unknown servers get TOOLS (the most widely supported); llama.cpp's
    server gets JSON_SCHEMA through the json_object bridge (it ignores json_schema); vLLM and
    Ollama honour json_schema natively.
    """
    if is_openai_host(base_url):
        return "tools"
    if server_owner in {"me", "llamacpp", "llama.cpp", "vllm", "ollama", "library"}:
        return "json_schema"
    return "tools"


def is_openai_host(base_url: str | None) -> bool:
    """Whether ``base_url`` is OpenAI's or Azure OpenAI's API (no base URL means OpenAI's)."""
    host = (urlparse(base_url).hostname or "") if base_url else "api.openai.com"
    return host.endswith("openai.com") or host.endswith("openai.azure.com")


class OpenAIBackend:
    """Any OpenAI-compatible endpoint, through the real ``openai`` SDK.

    Args:
        config: the endpoint, model and retry settings.
        http_client: the ``httpx`` client the SDK sends through; ``None`` for the SDK's own.
            The batch-file path (:mod:`incidents.batch.collect`) passes one whose transport
            answers from a batch engine's output instead of the network, so that the request
            bodies, validation, re-asks and salvage are this class's, unchanged.
    """

    name = "openai"

    def __init__(self, config: BackendConfig, http_client: Any = None) -> None:
        import openai

        self.config = config
        self.model = config.model
        # The SDK's own retries are off: tenacity owns transport retries, so they are counted.
        self._client = openai.OpenAI(
            api_key=config.api_key,
            base_url=config.base_url,
            timeout=config.timeout_s,
            max_retries=0,
            http_client=http_client,
        )
        self._mode: str | None = config.mode
        self._owner: str | None = None
        self._owner_known = False
        self._lock = threading.Lock()
        self._instructor: Any = None  # made on first use: the mode may ask the server
        self._ainstructor: Any = None
        self._ainstructor_loop: Any = None

    def _server_owner(self) -> str | None:
        """Who the server says owns its models (llama.cpp says "me"); asked once."""
        with self._lock:
            if not self._owner_known:
                self._owner = self._ask_server_owner()
                self._owner_known = True
        return self._owner

    def _ask_server_owner(self) -> str | None:
        try:
            for attempt in with_transport_retries(self.config, CallStats()):
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
            # OpenAI's and Azure's API need no question: TOOLS whoever owns the models.
            owner = None if is_openai_host(self.config.base_url) else self._server_owner()
            self._mode = choose_mode(self.config.base_url, owner)
        return self._mode

    def complete(self, request: ModelRequest[T]) -> Answered[T]:
        return structured_call(self._instructor_client(), self.config, request,
                               **self._create_arguments(request))  # fmt: skip

    async def acomplete(self, request: ModelRequest[T]) -> Answered[T]:
        """The coroutine twin of :meth:`complete`, over the SDK's ``AsyncOpenAI``: many
        articles' requests in flight on one event loop, without a thread each."""
        client = self._async_instructor_client()
        return await astructured_call(client, self.config, request,
                                      **self._create_arguments(request))  # fmt: skip

    def _create_arguments(self, request: ModelRequest[Any]) -> dict[str, Any]:
        sampling = request.sampling
        return {"model": self.model, "temperature": sampling.temperature,
                "max_tokens": sampling.max_tokens}  # fmt: skip

    def _instructor_maker(self) -> Any:
        """What makes an instructor client over an SDK client's ``create`` in this backend's
        mode (llama.cpp's server ignores ``json_schema``: the bridge asks for its
        ``json_object``). Asked before taking the lock: the mode may ask the server, which
        takes it."""
        mode = self.mode()  # asked once per backend (a blocking request the first time)
        bridged = mode == "json_schema" and self._is_llama_cpp()

        def make(create: Any) -> Any:
            return instructor_client(json_schema_bridge(create) if bridged else create, mode)

        return make

    def _instructor_client(self) -> Any:
        """The instructor client over the SDK's client, made once."""
        make = self._instructor_maker()
        with self._lock:
            if self._instructor is None:
                self._instructor = make(self._client.chat.completions.create)
            return self._instructor

    def _async_instructor_client(self) -> Any:
        """The instructor client over an ``AsyncOpenAI``, made once per event loop (the SDK
        client's connections belong to the loop that first awaits it)."""
        import asyncio

        import openai

        make = self._instructor_maker()
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._ainstructor is None or self._ainstructor_loop is not loop:
                aclient = openai.AsyncOpenAI(
                    api_key=self.config.api_key,
                    base_url=self.config.base_url,
                    timeout=self.config.timeout_s,
                    max_retries=0,
                )
                self._ainstructor = make(aclient.chat.completions.create)
                self._ainstructor_loop = loop
            return self._ainstructor

    def _is_llama_cpp(self) -> bool:
        if is_openai_host(self.config.base_url):
            return False
        return self._server_owner() in {"me", "llamacpp", "llama.cpp"}
