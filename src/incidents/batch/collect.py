"""Collect a batch engine's answers: ``incidents batch INPUT --collect RESPONSES --out RESULTS``.

The collected path *is* a live batch (:func:`incidents.batch.runner.run_batch`): same input
reading, same results file (one record per article, appended, fsynced, resumable, compacted
in input order), same summary. Only the model differs: each article goes through
:func:`incidents.extraction.extract` with the batch-file backend
(:mod:`incidents.model.clients.batch_file`), which rebuilds each request exactly as the live
path does and answers it from the engine's output (:mod:`incidents.batch.engine_output`). So
validation, instructor's re-asks, salvage, chunk merging, the post-processing stages, evidence
and provenance are the live code's, and answers are saved in the response store under the
live run's keys.

What the engine did not answer is never dropped: the article's record is ``failed`` with the
reason (``not_answered``; ``rate_limited``/``server_error``/``timeout`` for an error line;
``invalid_output`` when an answer did not validate and its re-ask has to be asked), and every
request still to ask (all chunks of the article) goes to the follow-up request file, ready for
the engine. Run the engine on it, then collect again with every output file so far (a re-ask
is built from the first answer): ``ok`` articles are kept, the others are collected anew.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from incidents.batch.engine_output import EngineOutput
from incidents.batch.inputs import scan_inputs
from incidents.batch.progress import BatchProgress
from incidents.batch.requests_file import request_line, write_lines
from incidents.batch.runner import Extractor, run_batch
from incidents.batch.summary import BatchSummary
from incidents.config import BackendConfig
from incidents.model.backend import Backend, BackendError, DeferredRequest, RequestsDeferred
from incidents.model.store import CacheMode, ResponseStore
from incidents.reading import SourceText
from incidents.schema import ExtractionResult

# Which request names an article's failure when it has several: the one that needs a look
# first (an answer that did not validate), then the engine's errors, then plain absence.
_FIRST = ("invalid_output", "rate_limited", "server_error", "timeout", "not_answered")


def default_retry_file(out: Path) -> Path:
    """Where the follow-up requests go by default: beside ``out``, ``<stem>.retry.jsonl``."""
    return out.with_name(f"{out.stem}.retry.jsonl")


class NotCollected(BackendError):
    """An article some of whose requests the engine has not answered (yet)."""


@dataclass
class _Outstanding:
    """Request lines still to be answered, by article id; filled from worker threads."""

    lines: dict[str, list[dict[str, Any]]]
    lock: threading.Lock

    def put(self, article_id: str, requests: list[DeferredRequest]) -> None:
        with self.lock:
            self.lines[article_id] = [request_line(article_id, r.body) for r in requests]


def collect_batch(
    input_path: Path,
    responses: list[Path],
    out: Path,
    *,
    retry_file: Path | None = None,
    prompt: str,
    backend: BackendConfig,
    cache_mode: CacheMode = CacheMode.read_write,
    store: ResponseStore | None = None,
    progress: BatchProgress | None = None,
) -> BatchSummary:
    """Turn an engine's answers to ``--prepare``'s requests into a results file.

    Args:
        input_path: the input ``--prepare`` read.
        responses: the engine's output files, oldest first (a follow-up run's last).
        out: the results JSONL (appended; a re-run keeps ``ok`` records).
        retry_file: the follow-up request file (replaced; removed when nothing is left);
            :func:`default_retry_file` when None.
        prompt: ``"<task>@v<N>"``, as prepared.
        backend: the openai backend settings the requests were prepared with.
        cache_mode: how the response store is used (answers are saved as live).
        store: the response store (``None``: extraction's default).
        progress: where to report progress.

    Returns:
        The live batch's summary, plus the follow-up file and what the output files held.

    Raises:
        OSError: an output file cannot be read.
        BadInput, NotABatchOutput, OutputLocked, ConfigError, PromptError: as
            :func:`~incidents.batch.runner.run_batch`.
    """
    from incidents.model.clients.batch_file import BatchFileBackend

    retry_file = retry_file or default_retry_file(out)
    engine = EngineOutput.read(responses)
    file_backend = BatchFileBackend(backend, engine.lookup)
    outstanding = _Outstanding({}, threading.Lock())
    extractor = _collecting_extractor(file_backend, outstanding, retry_file)
    summary = run_batch(input_path, out, prompt=prompt, backend=backend, concurrency=1,
                        cache_mode=cache_mode, store=store, extractor=extractor,
                        progress=progress)  # fmt: skip
    # In input order, like the results; scanning again is cheap (ids and offsets only).
    order = [entry.id for entry in scan_inputs(input_path)]
    lines = [line for article_id in order for line in outstanding.lines.get(article_id, [])]
    if lines:
        write_lines(retry_file, lines)
    else:
        retry_file.unlink(missing_ok=True)  # a stale follow-up file would be sent again
    summary.follow_up = str(retry_file) if lines else ""
    summary.follow_up_requests = len(lines)
    summary.engine_lines = engine.lines
    summary.engine_unreadable = engine.unreadable
    summary.engine_unused = engine.unused
    return summary


def _collecting_extractor(
    file_backend: Backend, outstanding: _Outstanding, retry_file: Path
) -> Extractor:
    """The batch runner's per-article call: live extraction over the engine's answers."""
    from incidents.extraction import extract

    async def collect_one(
        text: SourceText,
        *,
        prompt: str,
        backend: BackendConfig,
        document_id: str,
        cache_mode: CacheMode,
        store: ResponseStore | None,
    ) -> ExtractionResult:
        try:
            return await asyncio.to_thread(
                extract, text, prompt=prompt, backend=file_backend, document_id=document_id,
                cache_mode=cache_mode, store=store,
            )  # fmt: skip
        except RequestsDeferred as deferred:
            outstanding.put(document_id, deferred.requests)
            raise _not_collected(deferred.requests, retry_file) from None

    return collect_one


def _not_collected(requests: list[DeferredRequest], retry_file: Path) -> NotCollected:
    first = min(requests, key=lambda r: _FIRST.index(r.category) if r.category in _FIRST else 0)
    count = f"{len(requests)} requests" if len(requests) > 1 else "its request"
    return NotCollected(first.category, f"{first.message}; {count} listed in {retry_file.name}")
