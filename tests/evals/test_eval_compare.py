"""Comparing two reports (paired bootstrap) and the baseline gate, on hand-made counts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from incidents.evals.baseline import baseline_key, check_baseline, update_baseline
from incidents.evals.compare import compare_reports, paired_bootstrap
from incidents.evals.report import EvalReport
from incidents.evals.scoring import ArticleResult, FieldTally


def art(doc_id: str, tp: int, fp: int, fn: int, **fields: FieldTally) -> ArticleResult:
    """An article result with the given counts (matches are placeholders)."""
    return ArticleResult(
        id=doc_id,
        language="en",
        status="ok",
        gold=tp + fn,
        predicted=tp + fp,
        matches=[{"predicted": i, "gold": i, "similarity": 1.0, "errors": {}} for i in range(tp)],
        fields=dict(fields),
    )


def report(
    counts: dict[str, tuple[int, int, int]], prompt: str = "extract_incidents@v1"
) -> EvalReport:
    return EvalReport(
        meta={"prompt": prompt, "gold_dir": "evals/gold/dev", "model": "m", "backend": "local"},
        articles=[art(k, *v) for k, v in counts.items()],
    )


BASE = {"a1": (1, 1, 1), "a2": (0, 1, 2), "a3": (2, 0, 0), "a4": (1, 0, 1), "a5": (0, 0, 0)}
NEW = {"a1": (2, 0, 0), "a2": (1, 1, 1), "a3": (2, 0, 0), "a4": (0, 1, 2), "a5": (0, 1, 0)}


def test_comparison_point_difference_wins_and_losses() -> None:
    base, new = report(BASE), report(NEW, "extract_incidents@v2")
    # base sums: tp 4, fp 2, fn 4 -> F1 = 8 / (8 + 2 + 4) = 4/7 = 0.5714
    # new sums:  tp 5, fp 3, fn 3 -> F1 = 10 / (10 + 3 + 3) = 5/8 = 0.625
    assert base.incident_f1 == pytest.approx(4 / 7)
    assert new.incident_f1 == pytest.approx(5 / 8)
    comparison = compare_reports(base, new)
    assert comparison.diff == pytest.approx(5 / 8 - 4 / 7)  # 0.0536
    # per-article F1 base -> new:
    #   a1 2/4=0.5 -> 1; a2 0 -> 2/4=0.5; a3 1 -> 1; a4 2/3 -> 0; a5 1 (empty) -> 0 (spurious)
    assert comparison.wins == ["a1", "a2"]
    assert comparison.losses == ["a4", "a5"]
    assert comparison.ties == 1
    assert (comparison.base_label, comparison.new_label) == (
        "extract_incidents@v1",
        "extract_incidents@v2",
    )
    assert comparison.resamples == 2000
    # the 95% interval holds the point difference, and with 5 articles it is wide
    assert comparison.ci_low <= comparison.diff <= comparison.ci_high
    assert comparison.ci_low < 0 < comparison.ci_high
    assert not comparison.significant
    assert comparison.fields["incident_precision"]["diff"] == pytest.approx(5 / 8 - 4 / 6)


def test_bootstrap_is_deterministic_with_the_seed() -> None:
    # 20 articles with varied counts, so the resampled differences take many values
    base = report({f"a{i:02d}": (i % 3, (i * 7) % 4, (i * 5) % 3) for i in range(20)})
    new = report({f"a{i:02d}": ((i + 1) % 4, i % 2, (i * 3) % 4) for i in range(20)})
    first = compare_reports(base, new, seed=0)
    again = compare_reports(base, new, seed=0)
    other = compare_reports(base, new, seed=1)
    assert (first.ci_low, first.ci_high) == (again.ci_low, again.ci_high)
    assert (first.ci_low, first.ci_high) != (other.ci_low, other.ci_high)
    assert first.ci_low <= first.diff <= first.ci_high


def test_bootstrap_of_a_uniform_gain_is_significant() -> None:
    # 30 articles, base misses and invents one incident in each (F1 0), new gets each right
    # (F1 1): every resample gives a difference of exactly 1.
    base = report({f"a{i:02d}": (0, 1, 1) for i in range(30)})
    new = report({f"a{i:02d}": (1, 0, 0) for i in range(30)})
    comparison = compare_reports(base, new)
    assert (comparison.ci_low, comparison.ci_high) == (1.0, 1.0)
    assert comparison.significant
    assert len(comparison.wins) == 30


def test_paired_bootstrap_resamples_articles_jointly() -> None:
    # Identical systems: every paired resample has difference 0 (an unpaired one would not).
    counts = np.array([[1, 0, 1], [0, 2, 0], [3, 1, 0]], dtype=float)
    assert paired_bootstrap(counts, counts.copy(), resamples=200, seed=3) == (0.0, 0.0)


def test_comparison_uses_shared_articles_only() -> None:
    comparison = compare_reports(report({"a": (1, 0, 0), "b": (0, 0, 1)}), report({"a": (1, 0, 0)}))
    assert comparison.articles == 1
    assert comparison.only_base == ["b"]
    with pytest.raises(ValueError, match="share no article"):
        compare_reports(report({"a": (1, 0, 0)}), report({"z": (1, 0, 0)}))


# --- baseline gate ------------------------------------------------------------------------


def gated_report(f1_counts: tuple[int, int, int], event_right: int, fatal_right: int) -> EvalReport:
    """One article with the given counts; event_type and fatalities accuracy out of 10."""
    article = art(
        "a",
        *f1_counts,
        event_type=FieldTally(n=10, correct=event_right),
        fatalities=FieldTally(n=10, correct=fatal_right),
    )
    article.evidence_spans, article.grounded_spans = 10, 10
    return EvalReport(
        meta={"prompt": "extract_incidents@v1", "gold_dir": "evals/gold/dev"}, articles=[article]
    )


def test_baseline_gate_passes_then_fails(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    key = baseline_key("evals/gold/dev", "extract_incidents@v1")
    assert key == "evals/gold/dev::extract_incidents@v1"
    accepted = gated_report((10, 0, 0), 9, 8)  # F1 1.0, event_type 0.9, fatalities 0.8
    update_baseline(accepted, path, key)
    stored = json.loads(path.read_text())
    assert stored["tolerance"] == 0.02
    assert stored["entries"][key]["fields"]["event_type"] == 0.9

    assert check_baseline(accepted, path, key) == []
    # F1: tp 49, fp 1, fn 0 -> 98/99 = 0.9899, a drop of 0.0101 <= 0.02: passes
    assert check_baseline(gated_report((49, 1, 0), 9, 8), path, key) == []
    # event_type 0.8: a drop of 0.1 > 0.02; F1 tp 9, fp 1, fn 1 -> 18/20 = 0.9, drop 0.1
    failures = check_baseline(gated_report((9, 1, 1), 8, 8), path, key)
    assert len(failures) == 2
    assert failures[0].startswith("incident_f1 dropped from 1.000 to 0.900")
    assert failures[1].startswith("fields.event_type dropped from 0.900 to 0.800")


def test_baseline_tolerance_is_read_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    update_baseline(gated_report((10, 0, 0), 9, 8), path, "k")
    data = json.loads(path.read_text())
    data["tolerances"] = {"fields.fatalities": 0.15}
    path.write_text(json.dumps(data))
    # fatalities 0.8 -> 0.7: drop 0.1, allowed by the 0.15 override
    assert check_baseline(gated_report((10, 0, 0), 9, 7), path, "k") == []
    data["tolerance"] = 0.0
    path.write_text(json.dumps(data))
    # F1: tp 49, fp 1 -> 0.9899 < 1.0 with tolerance 0
    assert check_baseline(gated_report((49, 1, 0), 9, 8), path, "k")[0].startswith("incident_f1")


def test_baseline_missing_file_or_key_fails_clearly(tmp_path: Path) -> None:
    rep = gated_report((1, 0, 0), 1, 1)
    assert "not found" in check_baseline(rep, tmp_path / "none.json", "k")[0]
    update_baseline(rep, tmp_path / "b.json", "k")
    assert "no entry for 'other'" in check_baseline(rep, tmp_path / "b.json", "other")[0]
    (tmp_path / "bad.json").write_text("{")
    assert "unreadable" in check_baseline(rep, tmp_path / "bad.json", "k")[0]


def test_update_baseline_keeps_other_entries(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    update_baseline(gated_report((1, 0, 0), 1, 1), path, "dev::p@v1")
    update_baseline(gated_report((1, 1, 0), 1, 1), path, "test::p@v1")
    entries = json.loads(path.read_text())["entries"]
    assert sorted(entries) == ["dev::p@v1", "test::p@v1"]
    assert entries["dev::p@v1"]["incident_f1"] == 1.0


def test_single_report_f1_interval_brackets_the_point_estimate() -> None:
    from incidents.evals.compare import f1_interval

    scored = report({"a": (2, 1, 0), "b": (1, 0, 1), "c": (0, 1, 1), "d": (3, 0, 0)})
    low, high = f1_interval(scored, resamples=500, seed=1)
    assert low <= scored.incident_f1 <= high
    assert low < high
    assert (low, high) == f1_interval(scored, resamples=500, seed=1)  # deterministic
