"""Compare two eval reports on the same articles: F1 difference with a paired bootstrap CI.

The bootstrap is paired over articles: each resample draws article indices with replacement
(the same indices for both reports), recomputes corpus micro F1 for each report from the
summed counts of the drawn articles, and records ``F1(new) - F1(base)``. The 95% interval is
the 2.5th and 97.5th percentiles of those differences. A fixed seed makes it reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from incidents.evals.analyst_ready import paired_ready_interval
from incidents.evals.bootstrap import f1_interval as report_f1_interval
from incidents.evals.bootstrap import paired_bootstrap
from incidents.evals.report import EvalReport
from incidents.evals.scoring import micro_prf


@dataclass(frozen=True)
class Comparison:
    """The difference between two reports on the articles they share.

    Attributes:
        base_label, new_label: What is compared (prompt refs by default).
        articles: How many articles both reports scored.
        base_f1, new_f1: Corpus micro F1 of each report on those articles.
        diff: ``new_f1 - base_f1``.
        ci_low, ci_high: 95% paired-bootstrap interval of ``diff``.
        resamples, seed: Bootstrap settings.
        wins, losses: Ids of articles whose per-article F1 went up / down.
        ties: How many articles kept their F1.
        fields: Per-field ``{"base", "new", "diff"}`` scores on the shared articles.
        only_base, only_new: Ids scored by only one report (left out of the comparison).
        base_ready, new_ready: Share of gold incidents that are analyst-ready records.
        ready_ci_low, ready_ci_high: 95% paired-bootstrap interval of ``new_ready - base_ready``.
    """

    base_label: str
    new_label: str
    articles: int
    base_f1: float
    new_f1: float
    diff: float
    ci_low: float
    ci_high: float
    resamples: int
    seed: int
    wins: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    ties: int = 0
    fields: dict[str, dict[str, float | None]] = field(default_factory=dict)
    only_base: list[str] = field(default_factory=list)
    only_new: list[str] = field(default_factory=list)
    base_ready: float | None = None
    new_ready: float | None = None
    ready_ci_low: float | None = None
    ready_ci_high: float | None = None

    @property
    def significant(self) -> bool:
        """True when the 95% interval excludes zero."""
        return self.ci_low > 0 or self.ci_high < 0

    def to_json_dict(self) -> dict[str, Any]:
        """JSON-ready form, for embedding in a report file."""
        return {
            "base": self.base_label,
            "new": self.new_label,
            "articles": self.articles,
            "base_f1": self.base_f1,
            "new_f1": self.new_f1,
            "f1_diff": self.diff,
            "ci95": [self.ci_low, self.ci_high],
            "significant": self.significant,
            "resamples": self.resamples,
            "seed": self.seed,
            "wins": self.wins,
            "losses": self.losses,
            "ties": self.ties,
            "fields": self.fields,
            "only_base": self.only_base,
            "only_new": self.only_new,
            "analyst_ready": {
                "base": self.base_ready,
                "new": self.new_ready,
                "diff": (
                    self.new_ready - self.base_ready
                    if self.new_ready is not None and self.base_ready is not None
                    else None
                ),
                "ci95": [self.ready_ci_low, self.ready_ci_high],
            },
        }


def f1_interval(report: EvalReport, *, resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% bootstrap interval of a report's micro F1, resampling articles (fixed seed)."""
    return report_f1_interval(report.articles, resamples=resamples, seed=seed)


def _restricted(report: EvalReport, ids: list[str]) -> EvalReport:
    by_id = {a.id: a for a in report.articles}
    return EvalReport(meta=report.meta, articles=[by_id[i] for i in ids])


def compare_reports(
    base: EvalReport, new: EvalReport, *, resamples: int = 2000, seed: int = 0
) -> Comparison:
    """Compare two reports (e.g. two prompt versions) on the articles both scored.

    Args:
        base: The reference report (e.g. the current prompt).
        new: The candidate report.
        resamples: Bootstrap resamples (2000 by default).
        seed: Bootstrap seed (fixed, so CI numbers do not move between runs).

    Returns:
        The comparison, with the F1 difference, its 95% CI and per-article wins/losses.

    Raises:
        ValueError: the reports share no article.
    """
    base_ids = {a.id for a in base.articles}
    new_ids = {a.id for a in new.articles}
    shared = sorted(base_ids & new_ids)
    if not shared:
        raise ValueError("the two reports share no article; run them on the same gold set")
    b, w = _restricted(base, shared), _restricted(new, shared)
    counts_b = np.array([[a.tp, a.fp, a.fn] for a in b.articles], dtype=float)
    counts_w = np.array([[a.tp, a.fp, a.fn] for a in w.articles], dtype=float)
    low, high = paired_bootstrap(counts_b, counts_w, resamples=resamples, seed=seed)
    wins, losses, ties = [], [], 0
    for ab, aw in zip(b.articles, w.articles, strict=True):
        fb, fw = micro_prf(ab.tp, ab.fp, ab.fn)[2], micro_prf(aw.tp, aw.fp, aw.fn)[2]
        if fw > fb + 1e-12:
            wins.append(ab.id)
        elif fw < fb - 1e-12:
            losses.append(ab.id)
        else:
            ties += 1
    fields: dict[str, dict[str, float | None]] = {}
    fb_all, fw_all = b.fields, w.fields
    for name in fb_all:
        sb, sw = fb_all[name]["score"], fw_all.get(name, {}).get("score")
        fields[name] = {
            "base": sb,
            "new": sw,
            "diff": sw - sb if sb is not None and sw is not None else None,
        }
    ready_b, ready_w = b.analyst_ready, w.analyst_ready
    ready_low, ready_high = paired_ready_interval(
        b.articles, w.articles, resamples=resamples, seed=seed
    )
    for name, (sb, sw) in {
        "analyst_ready_of_predicted": (ready_b["of_predicted"], ready_w["of_predicted"]),
        "incident_precision": (b.incident_precision, w.incident_precision),
        "incident_recall": (b.incident_recall, w.incident_recall),
        "grounding_rate": (b.grounding_rate, w.grounding_rate),
    }.items():
        fields[name] = {
            "base": sb,
            "new": sw,
            "diff": sw - sb if sb is not None and sw is not None else None,
        }
    return Comparison(
        base_label=str(base.meta.get("prompt") or "base"),
        new_label=str(new.meta.get("prompt") or "new"),
        articles=len(shared),
        base_f1=b.incident_f1,
        new_f1=w.incident_f1,
        diff=w.incident_f1 - b.incident_f1,
        ci_low=low,
        ci_high=high,
        resamples=resamples,
        seed=seed,
        wins=wins,
        losses=losses,
        ties=ties,
        fields=fields,
        only_base=sorted(base_ids - new_ids),
        only_new=sorted(new_ids - base_ids),
        base_ready=ready_b["of_gold"],
        new_ready=ready_w["of_gold"],
        ready_ci_low=ready_low,
        ready_ci_high=ready_high,
    )
