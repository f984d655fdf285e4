"""One eval session, as ``incidents eval`` runs it: score, compare, gate.

The command line only parses flags and renders what this returns, so a script or a CI job that
calls :func:`run_session` gets the same run, the same JSON payload and the same gate verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidents.evals.baseline import baseline_key, check_baseline, update_baseline
from incidents.evals.compare import Comparison, compare_reports
from incidents.evals.gold import load_gold
from incidents.evals.render import report_markdown
from incidents.evals.report import EvalReport, score_predictions
from incidents.evals.runner import load_predictions, run_eval
from incidents.model.store import CacheMode, ResponseStore

if TYPE_CHECKING:
    from incidents.config import BackendConfig
    from incidents.schema import ExtractionResult


@dataclass
class EvalSession:
    """What one session produced.

    Attributes:
        report: The scores of ``prompt`` on the gold set.
        compared: The report of the ``compare`` prompt, when one was given.
        comparison: ``compared`` → ``report``, with paired bootstrap intervals.
        gate_key: The baseline entry checked or updated (None without a baseline).
        gate_failures: One line per gated metric that dropped below the baseline; empty when
            the gate passed or was not run.
        baseline_updated: The baseline entry was rewritten from this run (not checked).
    """

    report: EvalReport
    compared: EvalReport | None = None
    comparison: Comparison | None = None
    gate_key: str | None = None
    gate_failures: list[str] = field(default_factory=list)
    baseline_updated: bool = False

    @property
    def gate_checked(self) -> bool:
        return self.gate_key is not None and not self.baseline_updated

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON report (``--json``): the scores, plus the comparison when there is one."""
        payload = self.report.to_json_dict()
        if self.comparison is not None:
            payload["comparison"] = self.comparison.to_json_dict()
            payload["compared_report"] = self.compared.to_json_dict() if self.compared else None
        return payload

    def markdown(self) -> str:
        """The Markdown report (``--markdown``, for a PR comment)."""
        return report_markdown(self.report, self.comparison)


def run_session(
    gold_dir: Path,
    *,
    prompt: str,
    backend: BackendConfig,
    compare: str | None = None,
    cache_mode: CacheMode = CacheMode.read_write,
    store: ResponseStore | None = None,
    predictions: Path | None = None,
    skip_stages: Iterable[str] = (),
    baseline: Path | None = None,
    update: bool = False,
    progress: Callable[[str], None] | None = None,
    extract_fn: Callable[..., ExtractionResult] | None = None,
) -> EvalSession:
    """Score a prompt on a gold set, optionally compare it with another and gate it.

    Args:
        gold_dir: Directory of gold files (searched recursively).
        prompt: ``TASK@vN`` to score.
        backend: Resolved backend settings.
        compare: Another ``TASK@vN`` to run on the same articles (same backend, cache mode,
            store and skipped stages) and compare against.
        cache_mode: How the response store is used (``replay`` scores recorded answers only).
        store: The response store; None for the one beside the gold set.
        predictions: Score these saved ExtractionResult lines instead of extracting.
        skip_stages: Post-processing stages to leave out (an ablation run).
        baseline: Baseline file; the run is checked against its entry for ``gold_dir``.
        update: Rewrite that entry from this run instead of checking it.
        progress: Called with one line per article.
        extract_fn: Stand-in for :func:`incidents.extraction.extract`.

    Raises:
        ValueError: ``update`` without ``baseline``, an ablation asked to update the
            baseline, or ``predictions`` with ``compare`` or ``skip_stages`` (saved
            predictions are scored as they are; nothing is re-run).
        incidents.prompting.prompts.PromptError: an unknown prompt version.
        incidents.pipeline.stages.UnknownStage: ``skip_stages`` names no stage.
        incidents.evals.gold.GoldError, incidents.evals.runner.EvalError,
        incidents.evals.runner.PredictionsError:
            as :func:`~incidents.evals.runner.run_eval` and
            :func:`~incidents.evals.runner.load_predictions`.
    """
    from incidents.pipeline.stages import check_stage_names
    from incidents.prompting.prompts import load_prompt

    skipped = check_stage_names(skip_stages)  # fail before any article is extracted
    if update and baseline is None:
        raise ValueError("updating the baseline needs a baseline file")
    if update and skipped:
        # The baseline holds the accepted scores of the whole pipeline, never of an ablation.
        raise ValueError("an ablation run (skipped stages) cannot update the baseline")
    if predictions is not None and (compare or skipped):
        raise ValueError("saved predictions are scored as they are: no compare, no skipped stages")
    ref = load_prompt(prompt).ref
    other = load_prompt(compare).ref if compare else None

    def run(which: str) -> EvalReport:
        return run_eval(
            gold_dir,
            prompt=which,
            backend=backend,
            cache_mode=cache_mode,
            store=store,
            progress=progress,
            extract_fn=extract_fn,
            skip_stages=skipped,
        )

    if predictions is not None:
        report = score_predictions(
            load_gold(gold_dir),
            load_predictions(predictions),
            meta={"gold_dir": str(gold_dir), "prompt": ref, "predictions": str(predictions)},
        )
    else:
        report = run(ref)
    session = EvalSession(report=report)
    if other is not None:
        session.compared = run(other)
        session.comparison = compare_reports(session.compared, session.report)
    if baseline is not None:
        session.gate_key = baseline_key(gold_dir)
        if update:
            update_baseline(session.report, baseline, session.gate_key)
            session.baseline_updated = True
        else:
            session.gate_failures = check_baseline(session.report, baseline, session.gate_key)
    return session
