"""Batch extraction: many articles in, one JSON record per article out, resumable.

``incidents batch INPUT --out FILE`` (:mod:`incidents.cli.batch`) reads a directory of
``.txt``/``.md``/``.html`` files or a JSONL file (:mod:`incidents.batch.inputs`), runs
:func:`incidents.extraction.aextract` on the articles with bounded concurrency, and appends one
record per article to ``FILE`` (:mod:`incidents.batch.output`)::

    {"id": "...", "status": "ok", "reason": null, "result": {...ExtractionResult...}}
    {"id": "...", "status": "failed", "reason": "timeout: APITimeoutError: ...", "result": null}

A failure never stops the batch; its reason starts with a category (:data:`REASONS`) so runs
can be triaged with ``jq``. Re-running with the same ``--out`` skips the ids already ``ok`` and
retries the rest; at the end the file is compacted to exactly one record per input id, in input
order. Model responses are cached in the :class:`~incidents.model.store.ResponseStore`, so a retried
article that had got as far as a model answer does not pay for it twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from incidents.batch.failures import REASONS, classify_failure, redact
from incidents.batch.inputs import BadInput, Entry, InputItem, InputProblem, scan_inputs
from incidents.batch.output import (
    Record,
    RecordWriter,
    compact,
    last_by_id,
    read_records,
)
from incidents.batch.progress import BatchProgress
from incidents.batch.summary import BatchSummary, tally_final, tally_result
from incidents.config import BackendConfig, ConfigError
from incidents.model.model_file import ModelUnavailable
from incidents.model.store import CacheMode, ResponseStore
from incidents.prompting.prompts import PromptError
from incidents.reading import SourceText

if TYPE_CHECKING:
    from incidents.schema import ExtractionResult

__all__ = [
    "REASONS",
    "BatchSummary",
    "Extractor",
    "arun_batch",
    "default_concurrency",
    "run_batch",
]

log = logging.getLogger(__name__)

# Errors that are about the setup, not the article: the batch stops at the first one (after
# saving what it has) instead of writing the same failure for every article.
FATAL = (ConfigError, PromptError, ModelUnavailable)


class Extractor(Protocol):
    """What a batch calls per article: :func:`incidents.extraction.aextract`, or a test fake."""

    def __call__(
        self,
        text: SourceText,
        *,
        prompt: str,
        backend: BackendConfig,
        document_id: str,
        cache_mode: CacheMode,
        store: ResponseStore | None,
    ) -> Awaitable[ExtractionResult]: ...


def default_concurrency(backend: BackendConfig) -> int:
    """1 for the embedded model; 4 for a server, which can batch requests (vLLM, llama.cpp's
    ``llama-server``) or is a hosted API. The embedded model does decode ``--concurrency N``
    articles together, but on the 2-core machine it was measured on a pass over four tokens
    costs as much as four passes over one: 1.2× the articles per minute at 4, for four times
    the memory (``benchmarks/README.md``)."""
    return 1 if backend.backend == "local" else 4


@dataclass
class _RunState:
    """Mutable tallies of one run, touched only from the event loop thread."""

    summary: BatchSummary
    progress: BatchProgress
    fatal: BaseException | None = None


async def arun_batch(
    entries: list[Entry],
    out: Path,
    *,
    prompt: str,
    backend: BackendConfig,
    concurrency: int | None = None,
    cache_mode: CacheMode = CacheMode.read_write,
    store: ResponseStore | None = None,
    extractor: Extractor | None = None,
    progress: BatchProgress | None = None,
) -> BatchSummary:
    """Extract every entry, appending records to ``out``; resume from what ``out`` holds.

    Args:
        entries: the input, from :func:`incidents.batch.inputs.scan_inputs`.
        out: the JSONL output file (created if missing; compacted at the end).
        prompt: ``"<task>@v<N>"``.
        backend: which model to call.
        concurrency: articles in flight at once; ``None`` for :func:`default_concurrency`.
        cache_mode: how the response store is used.
        store: the response store (``None``: extraction's default).
        extractor: the per-article call; defaults to :func:`incidents.extraction.aextract`.
        progress: where to report progress; ``None`` for none.

    Raises:
        NotABatchOutput: ``out`` exists and is not a batch output file.
        OutputLocked: another batch is writing ``out``.
        ConfigError, PromptError, ModelUnavailable: the setup is wrong (:data:`FATAL`):
            re-raised from the first article, after the records so far are saved, rather than
            failing every article the same way.
    """
    started = time.monotonic()
    if extractor is None:
        from incidents.extraction import aextract

        extractor = aextract
    workers = concurrency if concurrency is not None else default_concurrency(backend)
    if workers < 1:
        raise ValueError(f"concurrency must be at least 1, got {workers}")
    if backend.backend == "local":
        # The embedded model decodes the articles in flight together, one sequence each.
        backend = dataclasses.replace(backend, parallel=workers)
    order = [entry.id for entry in entries]
    state = _RunState(BatchSummary(out=str(out)), progress or BatchProgress.disabled())

    with RecordWriter(out) as writer:
        # Read (and repair a torn last line) only once the lock is held; a file that is not a
        # batch output raises here, before anything could rewrite it.
        previous = last_by_id(read_records(out, repair=True))
        try:
            todo: list[Entry] = []
            for entry in entries:
                done = previous.get(entry.id)
                if isinstance(entry, InputItem) and done is not None and done["status"] == "ok":
                    state.summary.resumed += 1
                else:
                    todo.append(entry)
            state.progress.start(total=len(entries), completed=state.summary.resumed)
            queue: asyncio.Queue[Entry] = asyncio.Queue()
            for entry in todo:
                queue.put_nowait(entry)

            async def worker() -> None:
                while state.fatal is None:
                    try:
                        entry = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    await _process(entry, writer, state, extractor, prompt, backend,
                                   cache_mode, store)  # fmt: skip

            tasks = [asyncio.create_task(worker()) for _ in range(min(workers, len(todo)))]
            try:
                await asyncio.gather(*tasks)
            finally:
                # If one worker died (disk full) or we are interrupted, stop the others before
                # compacting, so nothing appends to the file while it is being rewritten.
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            state.progress.stop()
            # Compact while the writer still holds the file's lock, and also after an
            # interrupt: the rewrite is atomic, and a clean file is what the next run resumes.
            final = compact(out, order)
    if state.fatal is not None:
        raise state.fatal
    tally_final(state.summary, final, set(order))
    state.summary.seconds = time.monotonic() - started
    return state.summary


async def _process(
    entry: Entry,
    writer: RecordWriter,
    state: _RunState,
    extractor: Extractor,
    prompt: str,
    backend: BackendConfig,
    cache_mode: CacheMode,
    store: ResponseStore | None,
) -> None:
    record: Record
    if isinstance(entry, InputProblem):
        record = _failed(entry.id, f"bad_input: {entry.message}")
    else:
        url: str | None = None
        try:
            article = await asyncio.to_thread(entry.load)  # HTML parsing can take a while
            url = article.url
            result = await extractor(
                article,
                prompt=prompt,
                backend=backend,
                document_id=entry.id,
                cache_mode=cache_mode,
                store=store,
            )
            record = {
                "id": entry.id,
                "status": "ok",
                "reason": None,
                "result": result.model_dump(mode="json"),
            }
        except FATAL as exc:
            state.fatal = exc  # a setup problem: every article would fail the same way
            return
        except BadInput as exc:
            record = _failed(entry.id, f"bad_input: {exc}")
        except Exception as exc:  # one article's failure must not stop the batch
            category, message = classify_failure(exc)
            log.debug("article %r failed: %s: %s", entry.id, category, message)
            record = _failed(entry.id, redact(f"{category}: {message}", backend.api_key))
        else:
            tally_result(state.summary, result)
        state.summary.extracted += 1
        if url:
            record["url"] = url
    await asyncio.to_thread(writer.write, record)  # write + flush + fsync off the event loop
    state.progress.advance(ok=record["status"] == "ok")


def _failed(article_id: str, reason: str) -> Record:
    return {"id": article_id, "status": "failed", "reason": reason, "result": None}


def run_batch(
    input_path: Path,
    out: Path,
    *,
    prompt: str,
    backend: BackendConfig,
    concurrency: int | None = None,
    cache_mode: CacheMode = CacheMode.read_write,
    store: ResponseStore | None = None,
    extractor: Extractor | None = None,
    progress: BatchProgress | None = None,
) -> BatchSummary:
    """Synchronous :func:`arun_batch` over an input path (directory or JSONL), in a new event
    loop whose worker threads are enough for ``concurrency`` articles at once.

    Raises:
        BadInput: ``input_path`` is not a usable input.
        NotABatchOutput, OutputLocked, and the :data:`FATAL` errors: as :func:`arun_batch`.
    """
    entries = scan_inputs(input_path)
    workers = concurrency if concurrency is not None else default_concurrency(backend)

    async def main() -> BatchSummary:
        # aextract runs each article in a worker thread (asyncio.to_thread); the default pool
        # has min(32, cores + 4) threads, 6 on two cores, which would silently cap a
        # --concurrency 16 run against a server. The loop owns the pool and shuts it down.
        pool = ThreadPoolExecutor(max_workers=workers + 4, thread_name_prefix="incidents-batch")
        asyncio.get_running_loop().set_default_executor(pool)
        return await arun_batch(
            entries,
            out,
            prompt=prompt,
            backend=backend,
            concurrency=workers,
            cache_mode=cache_mode,
            store=store,
            extractor=extractor,
            progress=progress,
        )

    return asyncio.run(main())
