"""Extraction over a Ray Dataset (``pip install 'incidents[ray]'``).

:class:`ExtractIncidents` is a callable class for ``Dataset.map_batches``: Ray starts it once
per worker (an actor), so each worker holds one backend (the ``openai`` SDK client and its
server probe, or the embedded model) and reuses it for every article it is given::

    import ray
    from incidents.integrations.ray_data import ExtractIncidents, write_results

    ray.init()  # or ray.init("ray://head:10001") for a cluster
    articles = ray.data.read_json("articles.jsonl")  # rows {id, text, published?, url?, title?}
    rows = articles.map_batches(
        ExtractIncidents,
        fn_constructor_kwargs={"backend": "openai", "base_url": "http://vllm:8000/v1",
                               "model": "Qwen/Qwen2.5-7B-Instruct"},
        compute=ray.data.ActorPoolStrategy(size=8),  # workers: requests in flight
        batch_size=16,
    )
    write_results(rows.iter_rows(), "results.jsonl")  # what `incidents export` reads

Each output row is the live batch's record (:mod:`incidents.batch.runner`) for its article:
``{"id", "status": "ok"|"failed", "reason", "result", "url"}``, with the same failure reasons. Its
``result`` is the :class:`~incidents.schema.ExtractionResult` as JSON *text*: Arrow wants one
type per column, and results differ in shape from article to article. :func:`record_of` and
:func:`write_results` give the records ``incidents export``, ``incidents events`` and
``incidents eval --predictions`` take. The row is made by :func:`incidents.extraction.extract`
with the same input validation as a JSONL batch, so it equals ``incidents batch``'s record.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from incidents.batch.failures import classify_failure, redact
from incidents.batch.inputs import parse_article, source_of
from incidents.config import resolve_backend
from incidents.model.store import CacheMode, ResponseStore
from incidents.prompting.prompts import load_prompt

COLUMNS = ("id", "status", "reason", "result", "url")


class ExtractIncidents:
    """A ``map_batches`` class: one backend per worker, one record per article.

    Args:
        prompt: ``TASK@vN``; the default prompt when None.
        backend: ``"openai"`` (a vLLM fleet, a hosted API) or ``"local"`` (the embedded model,
            in every worker: memory for one model per worker).
        model: the model name.
        base_url: the OpenAI-compatible endpoint (behind a load balancer for several servers).
        mode: instructor mode override (``tools``, ``json_schema``, ``md_json``).
        timeout_s: seconds per request (``INCIDENTS_TIMEOUT`` or 120 when None).
        cache_mode: how the response store is used (``read_write``, ``live``, ``replay``,
            ``off``).
        store: the response store directory, shared by the workers (a path they all see);
            None for the default.

    Settings are resolved in each worker, so keys come from the worker's environment
    (``OPENAI_API_KEY``; pass it with ``ray.init(runtime_env={"env_vars": ...})``), never
    through the dataset.
    """

    def __init__(
        self,
        *,
        prompt: str | None = None,
        backend: str | None = "openai",
        model: str | None = None,
        base_url: str | None = None,
        mode: str | None = None,
        timeout_s: float | None = None,
        cache_mode: str = CacheMode.read_write.value,
        store: str | None = None,
    ) -> None:
        from incidents.config import default_prompt
        from incidents.model.clients import make_backend

        self.prompt = load_prompt(prompt or default_prompt()).ref
        self.config = resolve_backend(backend, model=model, base_url=base_url, mode=mode,
                                      timeout_s=timeout_s)  # fmt: skip
        self.backend = make_backend(self.config)  # built once here, reused for every article
        self.cache_mode = CacheMode(cache_mode)
        self.store = ResponseStore(store) if store else None

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list[Any]]:
        """Extract every row of ``batch`` (columns ``id``, ``text`` and optional ``published``,
        ``url``, ``title``); return the columns of :data:`COLUMNS`."""
        size = len(batch["id"])
        out: dict[str, list[Any]] = {column: [] for column in COLUMNS}
        for index in range(size):
            row = {key: _plain(values[index]) for key, values in batch.items()}
            record = self.record(row)
            for column in COLUMNS:
                out[column].append(record[column])
        return out

    def record(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """The batch record of one article row (``result`` as JSON text)."""
        from incidents.extraction import extract

        fields = parse_article({key: row.get(key) for key in ("id", "text", "published",
                                                               "url", "title")})  # fmt: skip
        article_id = str(row.get("id"))
        if isinstance(fields, str):
            return _failed(article_id, f"bad_input: {fields}", None)
        try:
            result = extract(source_of(fields), prompt=self.prompt, backend=self.backend,
                             document_id=fields["id"], cache_mode=self.cache_mode,
                             store=self.store)  # fmt: skip
        except Exception as error:  # one article's failure must not stop the dataset
            category, message = classify_failure(error)
            reason = redact(f"{category}: {message}", self.config.api_key)
            return _failed(article_id, reason, fields["url"])
        return {"id": fields["id"], "status": "ok", "reason": None,
                "result": result.model_dump_json(), "url": fields["url"]}  # fmt: skip


def _failed(article_id: str, reason: str, url: str | None) -> dict[str, Any]:
    return {"id": article_id, "status": "failed", "reason": reason, "result": None, "url": url}


def _plain(value: Any) -> Any:
    """A Python value of a Ray batch cell: numpy scalars unwrapped, NaN (pandas' missing
    value) as None, and a date that Arrow's JSON reader inferred (``published``) as ISO text."""
    if type(value).__name__ == "datetime64":
        return str(value)[:10]  # numpy's ISO form; .item() would give nanoseconds as an int
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dt.date):  # datetime included: its date part, as a JSONL batch
        return value.isoformat()[:10]
    return value


def record_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The results-file record of an output row: its ``result`` parsed back into JSON."""
    record = {column: _plain(row.get(column)) for column in COLUMNS}
    if record["result"] is not None:
        record["result"] = json.loads(record["result"])
    if record["url"] is None:
        del record["url"]  # as in a batch's records: there only when the article has one
    return record


def write_results(rows: Iterable[Mapping[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write output rows as a results file (``incidents batch``'s format); return the count.

    The file is written to a temporary name and renamed, so a reader never sees half of it.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                line = json.dumps(record_of(row), ensure_ascii=False, separators=(",", ":"))
                handle.write(line + "\n")
                count += 1
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


__all__ = ["COLUMNS", "ExtractIncidents", "record_of", "write_results"]
