"""Run the extractor over a gold set, or read saved predictions, and score the outcome.

``run_eval`` extracts every gold article in turn (the embedded model has the CPU to itself)
through the response store, so ``--replay`` scores recorded responses without a model and a
replay miss stops the run with the article's name.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from incidents.config import response_store_dir
from incidents.evals.gold import load_gold
from incidents.evals.report import EvalReport, build_report
from incidents.model.store import CacheMode, ReplayMiss, ResponseStore
from incidents.schema import ExtractionResult

if TYPE_CHECKING:
    from incidents.config import BackendConfig


class EvalError(RuntimeError):
    """The eval cannot go on (e.g. a replay miss); the message says what to do."""


class PredictionsError(ValueError):
    """A predictions file is malformed; the message names the file and line."""


def default_store(gold_dir: Path) -> ResponseStore:
    """The replay store for a gold set: ``responses/`` beside the ``evals/`` folder holding it.

    ``evals/gold/dev`` gives ``evals/responses``; a gold directory outside any ``evals/``
    folder (someone else's articles, e.g. ``../shared/seeds``) gives the user's own response
    store, so responses that quote text we may not publish never land in the repo.
    """
    for parent in Path(gold_dir).resolve().parents:
        if parent.name == "evals":
            return ResponseStore(parent / "responses")
    return ResponseStore(response_store_dir())


def _prompt_meta(prompt: str) -> dict[str, Any]:
    try:
        from incidents.prompting.prompts import load_prompt

        loaded = load_prompt(prompt)
    except Exception:  # extraction reports a bad prompt itself, per article
        return {"prompt": prompt}
    return {"prompt": loaded.ref, "prompt_sha256": loaded.sha256}


def run_eval(
    gold_dir: Path,
    *,
    prompt: str,
    backend: BackendConfig,
    cache_mode: CacheMode,
    store: ResponseStore | None,
    progress: Callable[[str], None] | None = None,
    extract_fn: Callable[..., ExtractionResult] | None = None,
    skip_stages: Iterable[str] = (),
) -> EvalReport:
    """Extract every gold article with one prompt and backend, and score the results.

    An article whose extraction raises (other than a replay miss) is recorded as failed,
    with its error, and scored as predicting nothing; the run goes on.

    Args:
        gold_dir: Directory of gold files (searched recursively).
        prompt: ``TASK@vN``.
        backend: Resolved backend settings.
        cache_mode: ``replay`` to score recorded responses only, ``live`` to call the model
            and record, ``read_write`` to call it only for unrecorded articles.
        store: The response store; None means :func:`default_store` of ``gold_dir``.
        progress: Called with one line per article (e.g. ``"[3/15] id: 4 incidents, 31.2 s"``).
        extract_fn: Stand-in for :func:`incidents.extraction.extract` (same keyword arguments),
            for tests and custom pipelines.
        skip_stages: Post-processing stages to leave out, by name (``incidents stages``), to
            measure what each earns; recorded in ``meta["skipped_stages"]``.

    Returns:
        The report.

    Raises:
        EvalError: replay mode and an article has no recorded response.
        incidents.evals.gold.GoldError: the gold directory is empty or a file is invalid.
        incidents.pipeline.stages.UnknownStage: ``skip_stages`` names no stage.
    """
    from incidents.pipeline.stages import SKIPPABLE, check_stage_names

    # Checked before the first article: extract() would raise it for every article, and each
    # would be recorded as a failed article instead of stopping the run.
    chosen = check_stage_names(skip_stages)
    skipped = [name for name in SKIPPABLE if name in chosen]  # in pipeline order
    if extract_fn is None:
        from incidents.extraction import extract  # the model stack loads only when a run needs it

        extract_fn = extract
    run_one: Callable[..., ExtractionResult] = extract_fn

    gold = load_gold(gold_dir)
    store = store if store is not None else default_store(gold_dir)
    predictions: dict[str, ExtractionResult] = {}
    errors: dict[str, str] = {}
    walls: dict[str, float] = {}
    for n, doc in enumerate(gold, start=1):
        started = time.perf_counter()
        try:
            result = run_one(
                doc.text,
                published=doc.published,
                prompt=prompt,
                backend=backend,
                document_id=doc.id,
                language=doc.language,
                cache_mode=cache_mode,
                store=store,
                skip_stages=skipped,
            )
        except ReplayMiss as exc:
            raise EvalError(
                f"no recorded response for article {doc.id!r} ({doc.path}) with prompt "
                f"{prompt} and model {backend.model} in {store.root}; run with --live to "
                f"record it"
            ) from exc
        except Exception as exc:  # one bad article must not sink the run
            errors[doc.id] = f"{type(exc).__name__}: {exc}"
            line = f"failed: {errors[doc.id]}"
        else:
            predictions[doc.id] = result
            cached = " (cached)" if result.provenance.cached else ""
            line = f"{len(result.incidents)} incidents{cached}"
        walls[doc.id] = round(time.perf_counter() - started, 3)
        if progress:
            progress(f"[{n}/{len(gold)}] {doc.id}: {line}, {walls[doc.id]:.1f} s")
    meta = {
        **_prompt_meta(prompt),
        "model": backend.model,
        "backend": backend.backend,
        "gold_dir": Path(gold_dir).as_posix(),
        "cache_mode": CacheMode(cache_mode).value,
        "store": str(store.root),
        "skipped_stages": skipped,
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    return build_report(gold, predictions, meta=meta, errors=errors, wall_seconds=walls)


def load_predictions(path: Path) -> dict[str, ExtractionResult]:
    """Read a JSONL file of ExtractionResult objects, one per line, keyed by ``document_id``.

    Blank lines are skipped. ``incidents batch`` output works as it is: its ``ok`` records are
    unwrapped to their ``result`` and ``failed`` ones skipped (scored as predicting nothing).

    Raises:
        PredictionsError: the file cannot be read, a line is not a valid ExtractionResult
            (the error names the line number), two lines share a document id, or the file
            holds no result.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PredictionsError(f"{path}: cannot read: {exc}") from exc
    out: dict[str, ExtractionResult] = {}
    seen_at: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PredictionsError(
                f"{path}, line {number}: not valid JSON ({exc.msg}, column {exc.colno})"
            ) from exc
        if isinstance(data, dict) and "status" in data and "result" in data:  # a batch record
            if data["status"] != "ok" or data["result"] is None:
                continue
            data = data["result"]
        try:
            result = ExtractionResult.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise PredictionsError(
                f"{path}, line {number}: not an ExtractionResult: {where}: {first['msg']}"
                + (f" (and {exc.error_count() - 1} more errors)" if exc.error_count() > 1 else "")
            ) from exc
        if result.document_id in out:
            raise PredictionsError(
                f"{path}, line {number}: document_id {result.document_id!r} already on line "
                f"{seen_at[result.document_id]}"
            )
        out[result.document_id] = result
        seen_at[result.document_id] = number
    if not out:
        raise PredictionsError(f"{path}: no predictions in the file")
    return out
