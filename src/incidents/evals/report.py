"""The eval report: corpus-level scores aggregated from per-article results, and its JSON form.

Incident precision/recall/F1 are micro-averaged over articles: true positives (matched pairs),
false positives (spurious predictions) and false negatives (missed gold incidents) are summed
over all articles before dividing. Field scores sum their tallies over all matched pairs. The
event-type confusion matrix (:mod:`incidents.evals.confusion`) counts the same matched pairs,
missed and spurious incidents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from incidents.evals.analyst_ready import ready_summary
from incidents.evals.bootstrap import f1_interval
from incidents.evals.confusion import TypeConfusion
from incidents.evals.gold import GoldDocument
from incidents.evals.scoring import (
    FIELD_ORDER,
    ArticleResult,
    FieldTally,
    micro_prf,
    score_article,
)
from incidents.evals.similarity import MATCH_THRESHOLD, NEAR_KM, WEIGHTS
from incidents.schema import ExtractionResult
from incidents.text.language.name_similarity import NAME_MATCH

REPORT_FORMAT = "incidents-eval-report/1"
USAGE_KEYS = ("prompt_tokens", "completion_tokens", "calls", "retries")


@dataclass
class EvalReport:
    """Scores of one prompt/model on one gold set.

    Attributes:
        meta: Where the numbers come from: prompt, prompt_sha256, model, backend, gold_dir,
            cache_mode, created_at, and anything the caller adds.
        articles: One result per gold article, sorted by id.
    """

    meta: dict[str, Any]
    articles: list[ArticleResult] = field(default_factory=list)

    # --- incidents ---

    @property
    def f1_ci95(self) -> list[float]:
        """95% bootstrap interval of incident F1 over articles."""
        return list(f1_interval(self.articles))

    @property
    def counts(self) -> tuple[int, int, int]:
        """Summed (true positives, false positives, false negatives) over articles."""
        return (
            sum(a.tp for a in self.articles),
            sum(a.fp for a in self.articles),
            sum(a.fn for a in self.articles),
        )

    @property
    def incident_precision(self) -> float:
        return micro_prf(*self.counts)[0]

    @property
    def incident_recall(self) -> float:
        return micro_prf(*self.counts)[1]

    @property
    def incident_f1(self) -> float:
        return micro_prf(*self.counts)[2]

    @property
    def analyst_ready(self) -> dict[str, Any]:
        """Matched records an analyst keeps unchanged, of gold and of predicted, with the
        breakdown of what the others get wrong (:mod:`incidents.evals.analyst_ready`)."""
        return ready_summary(self.articles)

    # --- fields, grounding, empties ---

    def field_tallies(self) -> dict[str, FieldTally]:
        """Tallies per field, summed over articles, in report order."""
        out = {name: FieldTally() for name in FIELD_ORDER}
        for article in self.articles:
            for name, tally in article.fields.items():
                out[name] = out.get(name, FieldTally()).add(tally)
        return out

    @property
    def fields(self) -> dict[str, dict[str, Any]]:
        """Per-field scores on matched incidents; ``score`` is accuracy (F1 for actors)."""
        return {name: tally.summary(name) for name, tally in self.field_tallies().items()}

    @property
    def event_type_confusion(self) -> TypeConfusion:
        """Gold event type × predicted event type over matched pairs, with missed and spurious."""
        return TypeConfusion.of_articles(self.articles)

    @property
    def grounding_rate(self) -> float | None:
        """Share of predicted evidence spans whose text is article[start:end]; None if none."""
        spans = sum(a.evidence_spans for a in self.articles)
        return sum(a.grounded_spans for a in self.articles) / spans if spans else None

    @property
    def empty_articles(self) -> dict[str, Any]:
        """Articles whose gold has no incident: right iff the prediction is empty too."""
        empty = [a for a in self.articles if a.gold == 0]
        correct = sum(1 for a in empty if a.predicted == 0 and a.status == "ok")  # failed ≠ empty
        return {
            "n": len(empty),
            "correct": correct,
            "accuracy": correct / len(empty) if empty else None,
        }

    @property
    def failed(self) -> list[str]:
        """Ids of articles whose extraction failed or whose prediction is missing."""
        return [a.id for a in self.articles if a.status != "ok"]

    # --- cost ---

    @property
    def usage(self) -> dict[str, Any]:
        """Token/call/retry totals and per-article means (from each result's provenance)."""
        totals = {k: sum(int(a.usage.get(k, 0)) for a in self.articles) for k in USAGE_KEYS}
        totals["total_tokens"] = totals["prompt_tokens"] + totals["completion_tokens"]
        n = len(self.articles) or 1
        return {**totals, "per_article": {k: v / n for k, v in totals.items()}}

    @property
    def seconds(self) -> dict[str, Any]:
        """Model seconds (provenance) in total and per article, wall time when measured."""
        total = sum(a.seconds for a in self.articles)
        walls = [a.wall_seconds for a in self.articles if a.wall_seconds is not None]
        n = len(self.articles) or 1
        return {
            "total": total,
            "per_article": total / n,
            "wall_total": sum(walls) if walls else None,
            "cached_articles": sum(1 for a in self.articles if a.cached),
        }

    # --- serialization ---

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON report (what ``incidents eval --json`` writes)."""
        tp, fp, fn = self.counts
        return {
            "format": REPORT_FORMAT,
            "prompt": self.meta.get("prompt"),
            "prompt_sha256": self.meta.get("prompt_sha256"),
            "model": self.meta.get("model"),
            "backend": self.meta.get("backend"),
            "gold_dir": self.meta.get("gold_dir"),
            "meta": self.meta,
            "articles": len(self.articles),
            "gold_incidents": tp + fn,
            "predicted_incidents": tp + fp,
            "matched_incidents": tp,
            "incident_precision": self.incident_precision,
            "incident_recall": self.incident_recall,
            "incident_f1": self.incident_f1,
            "incident_f1_ci95": self.f1_ci95,
            "analyst_ready": self.analyst_ready,
            "fields": self.fields,
            "event_type_confusion": self.event_type_confusion.to_dict(),
            "grounding_rate": self.grounding_rate,
            "evidence_spans": sum(a.evidence_spans for a in self.articles),
            "empty_articles": self.empty_articles,
            "failed_articles": self.failed,
            "seconds": self.seconds,
            "usage": self.usage,
            "alignment": {
                "weights": WEIGHTS,
                "threshold": MATCH_THRESHOLD,
                "name_match": NAME_MATCH,
                "near_km": NEAR_KM,
            },
            "per_article": [a.to_dict() for a in self.articles],
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> EvalReport:
        """Rebuild a report from :meth:`to_json_dict` output (e.g. a saved ``--json`` file).

        Raises:
            ValueError: the data is not an eval report.
        """
        if data.get("format") != REPORT_FORMAT or "per_article" not in data:
            raise ValueError(f"not an eval report (expected format {REPORT_FORMAT!r})")
        return cls(
            meta=dict(data.get("meta") or {}),
            articles=[ArticleResult.from_dict(a) for a in data["per_article"]],
        )


def _meta_from_predictions(predictions: Sequence[ExtractionResult]) -> dict[str, Any]:
    # A predictions file carries its own provenance; report it when every line agrees.
    out: dict[str, Any] = {}
    for key in ("prompt", "prompt_sha256", "model", "backend", "schema_version"):
        values = sorted({str(getattr(p.provenance, key)) for p in predictions})
        if values:
            out[key] = values[0] if len(values) == 1 else "mixed: " + ", ".join(values)
    return out


def build_report(
    gold: Sequence[GoldDocument],
    predictions: Mapping[str, ExtractionResult],
    *,
    meta: Mapping[str, Any],
    errors: Mapping[str, str] | None = None,
    wall_seconds: Mapping[str, float] | None = None,
) -> EvalReport:
    """Score predictions (and recorded failures) against gold; the engine of both entry points.

    Args:
        gold: The gold articles.
        predictions: Extraction results by document id.
        meta: Provenance of the run; keys missing here are filled from the predictions.
        errors: Error message by document id for articles whose extraction failed.
        wall_seconds: Measured wall time by document id.
    """
    errors = errors or {}
    wall_seconds = wall_seconds or {}
    merged = {**_meta_from_predictions(list(predictions.values())), **dict(meta)}
    merged.setdefault("created_at", dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    gold_ids = {doc.id for doc in gold}
    extra = sorted(set(predictions) - gold_ids)
    if extra:
        merged["unmatched_predictions"] = extra  # kept visible: usually a renamed gold file
    articles = [
        score_article(
            doc,
            predictions.get(doc.id),
            error=errors.get(doc.id),
            wall_seconds=wall_seconds.get(doc.id),
        )
        for doc in sorted(gold, key=lambda d: d.id)
    ]
    return EvalReport(meta=merged, articles=articles)


def score_predictions(
    gold: list[GoldDocument], predictions: dict[str, ExtractionResult], *, meta: dict[str, Any]
) -> EvalReport:
    """Score extraction results against gold without calling any model.

    A gold article with no prediction counts as predicting nothing (status ``missing``);
    predictions for ids not in gold are listed in ``meta["unmatched_predictions"]``.

    Args:
        gold: Gold articles, e.g. from :func:`~incidents.evals.gold.load_gold`.
        predictions: Extraction results by ``document_id``, e.g. from ``load_predictions``.
        meta: Provenance to record (gold_dir, source file …); prompt, model and backend are
            taken from the predictions' provenance when not given.

    Returns:
        The report.
    """
    return build_report(gold, predictions, meta=meta)
