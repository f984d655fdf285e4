"""Many articles in one process: ``extract_many``, results as they finish.

The batch command writes files and resumes; a program that holds its articles in memory wants
results back, as soon as each is ready. Articles run on ``concurrency`` worker threads over one
backend: an OpenAI-compatible server gets that many requests at once, and the embedded model
decodes that many articles together in its parallel slots (as ``incidents batch
--concurrency``). At most twice ``concurrency`` articles are taken from the iterable ahead of
the results, so a generator of a million articles is read as it goes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from incidents.batch.inputs import parse_article, source_of
from incidents.batch.runner import default_concurrency
from incidents.call_options import Cache, backend_for, cache_for
from incidents.config import BackendConfig, resolve_backend
from incidents.extraction import InputError, extract
from incidents.model.backend import Backend
from incidents.prompting.prompts import Prompt
from incidents.reading import SourceText
from incidents.schema import ExtractionResult

Article = str | SourceText | Mapping[str, Any]
"""A text, a :class:`~incidents.reading.SourceText` (:func:`incidents.read_article`), or a
mapping shaped like a batch input line: ``{"id", "text", "published"?, "url"?, "title"?}``."""


class ArticleFailed(Exception):
    """One article's failure, yielded in its place with ``return_exceptions=True``.

    Attributes:
        position: The article's 0-based position in the input.
        document_id: Its id when the input gave one, else None.
        error: What was raised.
    """

    def __init__(self, position: int, document_id: str | None, error: BaseException) -> None:
        super().__init__(f"article {document_id or position}: {error}")
        self.position, self.document_id, self.error = position, document_id, error


def extract_many(
    articles: Iterable[Article],
    *,
    concurrency: int | None = None,
    published: dt.date | str | None = None,
    prompt: str | Prompt | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    cache: Cache = None,
    backend: str | BackendConfig | Backend | None = None,
    return_exceptions: bool = False,
) -> Iterator[ExtractionResult | ArticleFailed]:
    """Extract every article, yielding each result as soon as it is ready (not in input order:
    ``result.document_id`` says which article it is).

    Args:
        articles: Texts, read articles or ``{"id", "text", ...}`` mappings (see :data:`Article`).
        concurrency: Articles in flight at once; by default 1 for the embedded model and 4
            for a server, as ``incidents batch`` chooses.
        published: The publication date of articles that do not state their own.
        prompt, model, base_url, api_key, cache, backend: As for :func:`incidents.extract`.
        return_exceptions: Yield an :class:`ArticleFailed` for an article that fails instead
            of raising its error (the articles still running are then left to finish).

    Raises:
        ValueError: ``concurrency`` below 1.
        InputError: a mapping that is not a valid input line (unless ``return_exceptions``).
        Whatever :func:`incidents.extract` raises for an article, unless ``return_exceptions``.
    """
    chosen = _one_backend(backend_for(backend, model=model, base_url=base_url, api_key=api_key))
    workers = concurrency if concurrency is not None else _default_workers(chosen)
    if workers < 1:
        raise ValueError(f"concurrency must be at least 1, got {workers}")
    if isinstance(chosen, BackendConfig) and chosen.backend == "local":
        chosen = dataclasses.replace(chosen, parallel=workers)
    mode, store = cache_for(cache, None, None)

    def run(position: int, article: Article) -> ExtractionResult:
        text, document_id, date = _article(position, article, published)
        return extract(text, published=date, document_id=document_id, prompt=prompt,
                       backend=chosen, cache_mode=mode, store=store)  # fmt: skip

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="extract_many") as pool:
        pending: dict[Future[ExtractionResult], tuple[int, str | None]] = {}
        source = iter(enumerate(articles))
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * workers:
                try:
                    position, article = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending[pool.submit(run, position, article)] = (position, _id_of(article))
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                position, document_id = pending.pop(future)
                error = future.exception()
                if error is None:
                    yield future.result()
                elif return_exceptions:
                    yield ArticleFailed(position, document_id, error)
                else:
                    for other in pending:
                        other.cancel()
                    raise error


def _one_backend(
    chosen: str | BackendConfig | Backend | None,
) -> BackendConfig | Backend:
    """A name becomes its settings once, so every article shares one backend."""
    if chosen is None or isinstance(chosen, str):
        return resolve_backend(chosen)
    return chosen


def _default_workers(chosen: BackendConfig | Backend) -> int:
    config = chosen if isinstance(chosen, BackendConfig) else None
    return default_concurrency(config) if config is not None else 1


def _id_of(article: Article) -> str | None:
    if isinstance(article, Mapping):
        value = article.get("id")
        return str(value) if value is not None else None
    return None


def _article(
    position: int, article: Article, published: dt.date | str | None
) -> tuple[str | SourceText, str | None, dt.date | str | None]:
    """The text, id and date of one input."""
    if isinstance(article, (str, SourceText)):
        return article, None, published
    if isinstance(article, Mapping):
        fields = parse_article(dict(article))
        if isinstance(fields, str):
            raise InputError(f"article {position}: {fields}")
        source = source_of(fields)
        return source, fields["id"], None if source.published else published
    raise InputError(
        f"article {position}: expected a text, a SourceText or a mapping, "
        f"got {type(article).__name__}"
    )
