"""The public entry point: ``extract()`` (and ``aextract()``).

article → numbered sentences (:class:`~incidents.pipeline.article.Article`) → (chunks, for long
articles) → prompt → model, through the response store → cited incidents → the post-processing
stages (:mod:`incidents.pipeline.stages`) → validated
:class:`~incidents.schema.ExtractionResult`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from incidents.call_options import Cache, backend_for, cache_for
from incidents.config import BackendConfig, default_prompt, resolve_backend
from incidents.model.backend import (
    Backend,
    BackendError,
    CallStats,
    DeferredRequest,
    RequestsDeferred,
    Sampling,
    describe_request,
)
from incidents.model.clients import make_backend
from incidents.model.store import CacheMode, ReplayMiss, ResponseStore, request_key
from incidents.pipeline.article import Article
from incidents.pipeline.shown_text import ShownText
from incidents.pipeline.stages import check_stage_names, run_stages
from incidents.pipeline.trace import StageTrace
from incidents.prompting.forms import OUTPUT_FORMS, CitedIncident, drafts_of
from incidents.prompting.prompts import Prompt, load_prompt
from incidents.reading import MAX_ARTICLE_CHARS, SourceText
from incidents.schema import (
    SCHEMA_VERSION,
    ArticleSource,
    Evidence,
    ExtractionResult,
    Incident,
    Provenance,
    PublishedFrom,
    Usage,
)
from incidents.text.candidates import candidates_of
from incidents.text.dates.iso import parse_iso_date
from incidents.text.language.sentences import Sentence

CHUNK_CHARS = 6_000  # ~2,000 tokens of Arabic: leaves room for the prompt and answer in n_ctx 8192
CHUNK_OVERLAP_SENTENCES = 2


class InputError(ValueError):
    """The article cannot be processed (empty, too long, not text)."""


def detect_language(text: str) -> str:
    """A cheap ISO 639-1 guess by script and stop words; pass ``language=`` to be exact."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    if arabic / len(letters) > 0.3:
        return "ar"
    words = {w.strip(".,;:!?«»\"'()").lower() for w in text.split()}
    french = len(words & {"le", "la", "les", "des", "du", "une", "est", "dans", "selon", "été"})
    english = len(words & {"the", "and", "of", "in", "was", "were", "said", "by", "on", "to"})
    return "fr" if french > english else "en"


def chunk_sentences(sentences: tuple[Sentence, ...]) -> list[tuple[Sentence, ...]]:
    """Group sentences into chunks of at most ~CHUNK_CHARS, overlapping by a couple of sentences."""
    if sum(s.end - s.start for s in sentences) <= CHUNK_CHARS:
        return [sentences]
    chunks: list[tuple[Sentence, ...]] = []
    start = 0
    while start < len(sentences):
        end, size = start, 0
        while end < len(sentences) and (
            size == 0 or size + len(sentences[end].text) <= CHUNK_CHARS
        ):
            size += len(sentences[end].text)
            end += 1
        chunks.append(sentences[start:end])
        if end >= len(sentences):
            break
        start = max(end - CHUNK_OVERLAP_SENTENCES, start + 1)
    return chunks


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


def _ask(
    backend: Backend,
    prompt: Prompt,
    messages: list[dict[str, str]],
    form: type[BaseModel],
    sampling: Sampling,
    context: dict[str, Any],
    *,
    cache_mode: CacheMode,
    store: ResponseStore | None,
    stats: CallStats,
) -> tuple[Any, bool]:
    """One model request, through the response store. Returns (parsed output, from_cache)."""
    key = request_key(
        backend=backend.name,
        model=backend.model,
        prompt_sha256=prompt.sha256,
        schema_version=SCHEMA_VERSION,
        request=describe_request(messages, form, sampling),
    )
    if store is not None and cache_mode in (CacheMode.read_write, CacheMode.replay):
        hit = store.get(key)
        if hit is not None:
            stats.usage = stats.usage.add(Usage(**hit.usage))
            return form.model_validate(hit.output, context=context), True
        if cache_mode is CacheMode.replay:
            raise ReplayMiss(
                f"no stored response for this request (prompt {prompt.ref}, "
                f"model {backend.model}); run live to record it"
            )
    before = stats.usage
    output = backend.complete(messages, form, context=context, sampling=sampling, stats=stats)
    if store is not None and cache_mode in (CacheMode.read_write, CacheMode.live):
        spent = {k: v - getattr(before, k) for k, v in stats.usage.model_dump().items()}
        meta = {"backend": backend.name, "model": backend.model, "prompt": prompt.ref}
        store.put(key, output.model_dump(mode="json"), spent, meta)
    return output, False


def _drafts_for_chunk(
    ask: Callable[..., tuple[Any, bool]],
    prompt: Prompt,
    text: str,
    published: dt.date | None,
    chunk: tuple[Sentence, ...],
) -> tuple[list[CitedIncident], bool]:
    """The cited drafts for one chunk, and whether the answer came from the store.

    The model sees the chunk numbered from [1]; its citations are shifted back to the
    article's sentence numbers here.
    """
    context: dict[str, Any] = {"sentence_range": (1, len(chunk))}
    form = OUTPUT_FORMS[prompt.spec.output_form]
    if getattr(form, "chooses_candidates", False):  # the ids the prompt listed, read back
        context["candidates"] = candidates_of(chunk).by_id()
    sampling = prompt.spec.sampling
    output, cached = ask(prompt.messages(text, published, chunk), form, sampling, context)
    offset = chunk[0].number - 1
    drafts = [
        draft.model_copy(update={"sentences": [n + offset for n in draft.sentences]})
        for draft in drafts_of(output)
    ]
    return drafts, cached


def extract(
    text: str | SourceText,
    *,
    published: dt.date | str | None = None,
    prompt: str | None = None,
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
        prompt: ``TASK@vN``; defaults to ``INCIDENTS_PROMPT`` or the current default version.
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
    started = time.perf_counter()
    read = text if isinstance(text, SourceText) else SourceText(text=text)
    text = read.text
    _check_text(text)
    published_date, published_from = _published_and_origin(published, read)
    loaded = load_prompt(prompt or default_prompt())
    mode, store = cache_for(cache, cache_mode, store)
    skipped = check_stage_names(skip_stages)
    chosen = backend_for(backend, model=model, base_url=base_url, api_key=api_key)
    model_backend = _backend_of(chosen)
    # Sentences addressed to the model are cut before the prompt: the model, the stages and
    # the evidence all work on what is left (see incidents.pipeline.shown_text).
    shown = ShownText.of(text, skip=skipped)
    if trace is not None:
        trace.withheld = list(shown.withheld)
        trace.unmasked = shown.unmasked.describe() if shown.unmasked else ""
    article = Article.of(shown.text, published_date)
    stats = CallStats()
    ask = functools.partial(_ask, model_backend, loaded, cache_mode=mode, store=store, stats=stats)
    drafts: list[CitedIncident] = []
    # An article made only of text addressed to the model leaves nothing to ask about.
    all_cached = bool(article.sentences)
    deferred: list[DeferredRequest] = []
    for chunk in chunk_sentences(article.sentences) if article.sentences else []:
        try:
            chunk_drafts, cached = _drafts_for_chunk(ask, loaded, shown.text, published_date, chunk)
        except RequestsDeferred as error:
            # A batch engine answers later: go on, so one pass lists every chunk's request.
            deferred.extend(error.requests)
            continue
        drafts.extend(chunk_drafts)
        all_cached = all_cached and cached
    if deferred:
        raise RequestsDeferred(deferred)
    incidents = run_stages(drafts, article, skip=skipped, trace=trace)
    incidents = [_on_article_as_given(incident, shown, text) for incident in incidents]
    return ExtractionResult(
        document_id=document_id or "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16],
        language=language or detect_language(shown.text if shown.text.strip() else text),
        published=published_date,
        incidents=incidents,
        source=ArticleSource(
            text=text, url=read.url, title=read.title, published_from=published_from
        ),
        provenance=Provenance(
            prompt=loaded.ref,
            prompt_sha256=loaded.sha256,
            schema_version=SCHEMA_VERSION,
            backend=model_backend.name,
            model=model_backend.model,
            created_at=dt.datetime.now(dt.timezone.utc),
            usage=stats.usage,
            seconds=round(time.perf_counter() - started, 3),
            seconds_in_model=round(stats.seconds_in_model, 3),
            cached=all_cached,
            withheld_sentences=len(shown.withheld),
            markup_removed=shown.unmasked.markup_removed if shown.unmasked else 0,
            prompt_tokens_evaluated=(
                stats.prompt_tokens_evaluated
                if model_backend.name == "local" and not all_cached
                else None
            ),
        ),
    )


def _backend_of(backend: str | BackendConfig | Backend | None) -> Backend:
    if backend is None or isinstance(backend, str):
        return make_backend(resolve_backend(backend))
    if isinstance(backend, BackendConfig):
        return make_backend(backend)
    return backend


def _on_article_as_given(incident: Incident, shown: ShownText, text: str) -> Incident:
    """The incident with its evidence offsets mapped from the shown text onto ``text``."""
    if not shown.changed:
        return incident
    evidence = []
    for span in incident.evidence:
        start, end = shown.to_original(span.start, span.end)
        given = text[start:end]  # as written: with its invisible and look-alike characters
        if shown.as_shown(given) != span.text:  # a cut inside a sentence: a bug, never output
            raise RuntimeError(f"evidence {span.text!r} does not map back onto the article")
        evidence.append(Evidence(start=start, end=end, text=given))
    return incident.model_copy(update={"evidence": evidence})


async def aextract(text: str | SourceText, **kwargs: Any) -> ExtractionResult:
    """Async twin of :func:`extract` (same arguments). Runs in a worker thread, so an event loop
    can drive many articles concurrently; calls to the embedded model still take turns."""
    return await asyncio.to_thread(extract, text, **kwargs)


__all__ = ["BackendError", "InputError", "StageTrace", "aextract", "extract"]
