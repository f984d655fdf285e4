"""One article's way through the model: its chunks, each chunk's request, the answers (from
the store or the model, awaited or not), and the result the stages make of them.

:func:`incidents.extract` and :func:`incidents.aextract` build an :class:`ArticleRun` once
everything before the model is done, then ask (or await) each :class:`ChunkRequest`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel

from incidents.model.backend import AsyncBackend, Backend, CallStats, ModelRequest, describe_request
from incidents.model.store import CacheMode, ReplayMiss, ResponseStore, request_key
from incidents.pipeline.article import Article
from incidents.pipeline.shown_text import ShownText
from incidents.pipeline.stages import SkippedStages, run_stages
from incidents.pipeline.trace import StageTrace
from incidents.prompting.forms import OUTPUT_FORMS, CitedIncident, drafts_of
from incidents.prompting.prompts import Prompt
from incidents.reading import SourceText
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
from incidents.text.language.sentences import Sentence

CHUNK_CHARS = 6_000  # ~2,000 tokens of Arabic: leaves room for the prompt and answer in n_ctx 8192
CHUNK_OVERLAP_SENTENCES = 2


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


@dataclass(frozen=True)
class ChunkRequest:
    """One chunk's request: the chunk, what is sent, and the key of its answer in the store."""

    chunk: tuple[Sentence, ...]
    request: ModelRequest[BaseModel]
    key: str

    @property
    def form(self) -> type[BaseModel]:
        return self.request.response_model


def request_for_chunk(
    backend: Backend, prompt: Prompt, text: str, published: dt.date | None,
    chunk: tuple[Sentence, ...],
) -> ChunkRequest:  # fmt: skip
    """The request for one chunk, rendered once: the model sees it numbered from [1]."""
    rendered = prompt.render(text, published, chunk)
    context: dict[str, Any] = {"sentence_range": (1, len(chunk))}
    if rendered.candidates is not None:  # the ids the prompt listed, read back
        context["candidates"] = rendered.candidates.by_id()
    form = OUTPUT_FORMS[prompt.spec.output_form]
    sampling = prompt.spec.sampling
    request = ModelRequest(rendered.messages, form, sampling, context, rendered.fixed_turns)
    key = request_key(
        backend=backend.name,
        model=backend.model,
        prompt_sha256=prompt.sha256,
        schema_version=SCHEMA_VERSION,
        request=describe_request(rendered.messages, form, sampling),
    )
    return ChunkRequest(chunk, request, key)


def drafts_of_answer(output: Any, chunk: tuple[Sentence, ...]) -> list[CitedIncident]:
    """The answer's drafts, their citations shifted back to the article's sentence numbers."""
    offset = chunk[0].number - 1
    return [
        draft.model_copy(update={"sentences": [n + offset for n in draft.sentences]})
        for draft in drafts_of(output)
    ]


@dataclass
class ArticleRun:
    """One article's extraction between the prompt and the result: everything before the model
    is done when it is made (:meth:`start`), the answers are asked for each chunk by
    :func:`extract` or awaited by :func:`aextract`, and :meth:`finish` runs the stages."""

    started: float
    text: str
    read: SourceText
    published: dt.date | None
    published_from: PublishedFrom | None
    prompt: Prompt
    mode: CacheMode
    store: ResponseStore | None
    skipped: SkippedStages
    backend: Backend
    shown: ShownText
    article: Article
    document_id: str | None
    language: str | None
    trace: StageTrace | None
    stats: CallStats = field(default_factory=CallStats)
    drafts: list[CitedIncident] = field(default_factory=list)
    all_cached: bool = True

    def requests(self) -> list[ChunkRequest]:
        """One request per chunk; none for an article made only of text addressed to the
        model, which leaves nothing to ask about."""
        if not self.article.sentences:
            self.all_cached = False
            return []
        published = self.published
        return [
            request_for_chunk(self.backend, self.prompt, self.shown.text, published, chunk)
            for chunk in chunk_sentences(self.article.sentences)
        ]

    def stored(self, request: ChunkRequest) -> Any | None:
        """The answer the store holds for ``request``, or None to ask the model.

        Raises:
            ReplayMiss: replay mode and the store lacks it.
        """
        if self.store is None or self.mode not in (CacheMode.read_write, CacheMode.replay):
            return None
        hit = self.store.get(request.key)
        if hit is not None:
            self.stats.usage = self.stats.usage.add(Usage(**hit.usage))
            return request.form.model_validate(hit.output, context=request.request.context)
        if self.mode is CacheMode.replay:
            raise ReplayMiss(
                f"no stored response for this request (prompt {self.prompt.ref}, "
                f"model {self.backend.model}); run live to record it"
            )
        return None

    def answered(self, request: ChunkRequest, output: Any, fresh: CallStats | None) -> None:
        """Take a chunk's answer: from the store (``fresh`` None) or fresh from the model, when
        it is kept in the store with the usage this call spent."""
        if fresh is not None:
            self.all_cached = False
            self.stats.add(fresh)
            if self.store is not None and self.mode in (CacheMode.read_write, CacheMode.live):
                meta = {"backend": self.backend.name, "model": self.backend.model,
                        "prompt": self.prompt.ref}  # fmt: skip
                spent = fresh.usage.model_dump()
                self.store.put(request.key, output.model_dump(mode="json"), spent, meta)
        self.drafts.extend(drafts_of_answer(output, request.chunk))

    def ask(self, request: ChunkRequest) -> None:
        output = self.stored(request)
        if output is not None:
            return self.answered(request, output, None)
        answer = self.backend.complete(request.request)
        self.answered(request, answer.output, answer.stats)

    async def aask(self, request: ChunkRequest) -> None:
        output = self.stored(request)
        if output is not None:
            return self.answered(request, output, None)
        answer = await cast(AsyncBackend, self.backend).acomplete(request.request)
        self.answered(request, answer.output, answer.stats)

    def finish(self) -> ExtractionResult:
        """The stages over the drafts, and the validated result."""
        incidents = run_stages(self.drafts, self.article, skip=self.skipped, trace=self.trace)
        shown, text = self.shown, self.text
        incidents = [on_article_as_given(incident, shown, text) for incident in incidents]
        local = self.backend.name == "local" and not self.all_cached
        return ExtractionResult(
            document_id=self.document_id
            or "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16],
            language=self.language or detect_language(shown.text if shown.text.strip() else text),
            published=self.published,
            incidents=incidents,
            source=ArticleSource(
                text=text,
                url=self.read.url,
                title=self.read.title,
                published_from=self.published_from,
            ),
            provenance=Provenance(
                prompt=self.prompt.ref,
                prompt_sha256=self.prompt.sha256,
                schema_version=SCHEMA_VERSION,
                backend=self.backend.name,
                model=self.backend.model,
                created_at=dt.datetime.now(dt.timezone.utc),
                usage=self.stats.usage,
                seconds=round(time.perf_counter() - self.started, 3),
                seconds_in_model=round(self.stats.seconds_in_model, 3),
                cached=self.all_cached,
                withheld_sentences=len(shown.withheld),
                markup_removed=shown.unmasked.markup_removed if shown.unmasked else 0,
                prompt_tokens_evaluated=self.stats.prompt_tokens_evaluated if local else None,
            ),
        )


def on_article_as_given(incident: Incident, shown: ShownText, text: str) -> Incident:
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
