"""The public entry point: ``extract()`` (and ``aextract()``).

article → numbered sentences (:class:`~incidents.pipeline.article.Article`) → (chunks, for long
articles) → prompt → model, through the response store → cited incidents → the post-processing
stages (:mod:`incidents.pipeline.stages`) → validated
:class:`~incidents.schema.ExtractionResult`.
"""

from __future__ import annotations

import datetime as dt
import time
from asyncio import to_thread as in_a_thread
from collections.abc import Iterable
from typing import Any

from incidents.article_run import (
    CHUNK_CHARS,
    ArticleRun,
    chunk_sentences,
    detect_language,
)
from incidents.call_options import Cache, backend_for, cache_for
from incidents.config import BackendConfig, default_prompt, resolve_backend
from incidents.model.backend import (
    Backend,
    BackendError,
    DeferredRequest,
    RequestsDeferred,
)
from incidents.model.clients import make_backend
from incidents.model.store import CacheMode, ResponseStore
from incidents.pipeline.article import Article
from incidents.pipeline.shown_text import ShownText
from incidents.pipeline.stages import check_stage_names
from incidents.pipeline.trace import StageTrace
from incidents.prompting.prompts import Prompt, load_prompt
from incidents.reading import MAX_ARTICLE_CHARS, SourceText
from incidents.schema import (
    ExtractionResult,
    PublishedFrom,
)
from incidents.text.dates.iso import parse_iso_date


class InputError(ValueError):
    """The article cannot be processed (empty, too long, not text)."""


def _coerce_published(published: dt.date | str | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    try:
        return parse_iso_date(published)
    except ValueError as error:
        raise InputError(
            f"published must be an ISO date (YYYY-MM-DD), got {published!r}"
        ) from error


def _published_and_origin(
    published: dt.date | str | None, read: SourceText
) -> tuple[dt.date | None, PublishedFrom | None]:
    """The caller's date first (DESIGN: flags before everything), else the source's own."""
    given = _coerce_published(published)
    if given is not None:
        return given, "caller"
    if read.published is not None:
        return read.published, read.published_from or "caller"
    return None, None


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise InputError(f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        raise InputError("the article is empty (only whitespace)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"the article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}"
        )
    if "\x00" in text:
        raise InputError("the article contains NUL bytes: it looks binary, not text")


def extract(
    text: str | SourceText,
    *,
    published: dt.date | str | None = None,
    prompt: str | Prompt | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    cache: Cache = None,
    backend: str | BackendConfig | Backend | None = None,
    document_id: str | None = None,
    language: str | None = None,
    cache_mode: CacheMode | str | None = None,
    store: ResponseStore | None = None,
    skip_stages: Iterable[str] = (),
    trace: StageTrace | None = None,
) -> ExtractionResult:
    """Extract source-grounded incidents from one article.

    Args:
        text: The article, in any language, or a :class:`~incidents.reading.SourceText` from
            :func:`~incidents.reading.read_article` (a page's text with its URL, title and
            date); the result's ``source`` keeps the text, so its evidence can be checked.
        published: Publication date; relative dates ("yesterday", «أمس») resolve against it.
            Without it they stay null and the phrase is kept. When omitted, a ``SourceText``'s
            own date (from the page or the feed) is used, and ``source.published_from`` says
            which.
        prompt: ``TASK@vN`` or a loaded :class:`~incidents.prompting.prompts.Prompt`; defaults
            to ``INCIDENTS_PROMPT`` or the current default version.
        model: The model name (``--model``): for ``"openai"`` the server's model, for the
            embedded model its name; defaults to ``INCIDENTS_MODEL``.
        base_url: An OpenAI-compatible endpoint (``--base-url``); given alone, it selects the
            ``"openai"`` backend. A loopback server needs no key.
        api_key: The key for that endpoint; defaults to ``OPENAI_API_KEY``. Never stored.
        cache: Keep and reuse answers: ``True`` for the default store, a directory or a
            :class:`~incidents.model.store.ResponseStore`; by default nothing is written (the
            CLI caches by default, a library call only when asked).
        backend: ``"local"`` (embedded model, the default), ``"openai"``, a
            :class:`~incidents.config.BackendConfig` from :func:`~incidents.config.resolve_backend`,
            or a ready :class:`~incidents.model.backend.Backend` (the batch-file path passes
            one that answers from a batch engine's output).
        document_id: Id recorded in the result; defaults to a hash of the text.
        language: ISO 639-1 code; guessed from the script when omitted.
        cache_mode: How to use the response store (see :class:`~incidents.model.store.CacheMode`),
            for finer control than ``cache`` (``replay`` answers only from the store).
        store: The response store for ``cache_mode``; defaults to ``INCIDENTS_RESPONSE_STORE``
            or ``<cache dir>/responses``.
        skip_stages: Post-processing stages to leave out, by name (see ``incidents stages``),
            to measure what each earns.
        trace: An empty :class:`~incidents.pipeline.trace.StageTrace` to fill with what each
            stage did to each incident of the model's answer (``incidents extract --explain``);
            the result is the same with or without it.

    Returns:
        A validated ExtractionResult whose evidence spans all check against ``text``.

    Raises:
        InputError: empty, binary or oversized text, or a bad ``published``.
        incidents.pipeline.stages.UnknownStage: ``skip_stages`` names no stage.
        incidents.prompting.prompts.PromptError: unknown prompt version.
        incidents.config.ConfigError: bad backend settings (e.g. missing API key), or
            ``model``/``base_url``/``api_key`` with a ready backend.
        incidents.model.backend.BackendError: the model could not be reached or gave no valid
            answer.
        incidents.model.store.ReplayMiss: replay mode and the store lacks the response.
        incidents.model.backend.RequestsDeferred: the backend left requests to a batch engine
            (only the batch-file backend does); it lists those of every chunk.
    """
    run = _start(
        text, published=published, prompt=prompt, model=model, base_url=base_url,
        api_key=api_key, cache=cache, backend=backend, document_id=document_id,
        language=language, cache_mode=cache_mode, store=store, skip_stages=skip_stages,
        trace=trace,
    )  # fmt: skip
    deferred: list[DeferredRequest] = []
    for request in run.requests():
        try:
            run.ask(request)
        except RequestsDeferred as error:
            # A batch engine answers later: go on, so one pass lists every chunk's request.
            deferred.extend(error.requests)
    if deferred:
        raise RequestsDeferred(deferred)
    return run.finish()


def _start(
    text: str | SourceText,
    *,
    published: dt.date | str | None,
    prompt: str | Prompt | None,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    cache: Cache,
    backend: str | BackendConfig | Backend | None,
    document_id: str | None,
    language: str | None,
    cache_mode: CacheMode | str | None,
    store: ResponseStore | None,
    skip_stages: Iterable[str],
    trace: StageTrace | None,
) -> ArticleRun:
    """Everything before the model: the input checked, the settings resolved, the text the
    model is shown (see :func:`extract` for the arguments and errors)."""
    started = time.perf_counter()
    read = text if isinstance(text, SourceText) else SourceText(text=text)
    _check_text(read.text)
    published_date, published_from = _published_and_origin(published, read)
    loaded = prompt if isinstance(prompt, Prompt) else load_prompt(prompt or default_prompt())
    mode, store = cache_for(cache, cache_mode, store)
    skipped = check_stage_names(skip_stages)
    chosen = backend_for(backend, model=model, base_url=base_url, api_key=api_key)
    model_backend = _backend_of(chosen)
    # Sentences addressed to the model are cut before the prompt: the model, the stages and
    # the evidence all work on what is left (see incidents.pipeline.shown_text).
    shown = ShownText.of(read.text, skip=skipped)
    if trace is not None:
        trace.withheld = list(shown.withheld)
        trace.unmasked = shown.unmasked.describe() if shown.unmasked else ""
    return ArticleRun(
        started=started, text=read.text, read=read, published=published_date,
        published_from=published_from, prompt=loaded, mode=mode, store=store,
        skipped=skipped, backend=model_backend, shown=shown,
        article=Article.of(shown.text, published_date), document_id=document_id,
        language=language, trace=trace,
    )  # fmt: skip


def _backend_of(backend: str | BackendConfig | Backend | None) -> Backend:
    if backend is None or isinstance(backend, str):
        return make_backend(resolve_backend(backend))
    if isinstance(backend, BackendConfig):
        return make_backend(backend)
    return backend


async def aextract(text: str | SourceText, **kwargs: Any) -> ExtractionResult:
    """Async twin of :func:`extract` (same arguments).

    With an OpenAI-compatible server the requests are awaited on the event loop
    (``AsyncOpenAI``, retries awaited too), so one loop keeps many articles in flight without a
    thread each. The embedded model and the batch-file backend answer in a worker thread
    (their calls take turns on the model anyway).
    """
    run = _start(text, **_with_defaults(kwargs))
    if not hasattr(run.backend, "acomplete"):
        return await in_a_thread(extract, text, **kwargs)
    for request in run.requests():
        await run.aask(request)
    return run.finish()


def _with_defaults(kwargs: dict[str, Any]) -> dict[str, Any]:
    """``extract``'s keywords with its defaults filled in, for :func:`_start`."""
    defaults = {
        "published": None, "prompt": None, "model": None, "base_url": None, "api_key": None,
        "cache": None, "backend": None, "document_id": None, "language": None,
        "cache_mode": None, "store": None, "skip_stages": (), "trace": None,
    }  # fmt: skip
    unknown = set(kwargs) - set(defaults)
    if unknown:
        raise TypeError(
            f"aextract() got unexpected keyword arguments: {', '.join(sorted(unknown))}"
        )
    return {**defaults, **kwargs}


__all__ = [
    "CHUNK_CHARS",
    "BackendError",
    "InputError",
    "StageTrace",
    "aextract",
    "chunk_sentences",
    "detect_language",
    "extract",
]
