"""Bootstrap intervals of incident F1 over articles, from their counts alone.

Kept apart from :mod:`incidents.evals.report` and :mod:`incidents.evals.compare` so that a
report can give its own interval and the comparison can build on reports, with no import
going both ways. Resamples draw article indices with replacement; a fixed seed makes the
interval reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Counted(Protocol):
    """An article's incident counts: true positives, false positives, false negatives."""

    @property
    def tp(self) -> int: ...
    @property
    def fp(self) -> int: ...
    @property
    def fn(self) -> int: ...


def _f1_vector(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    # Vectorized micro_prf F1, same convention: 1.0 when nothing to find and nothing claimed.
    denom = 2 * tp + fp + fn
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 1.0)


def paired_bootstrap(
    base: np.ndarray, new: np.ndarray, *, resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """95% interval of the micro-F1 difference by resampling articles.

    Args:
        base: Counts per article, shape (articles, 3): tp, fp, fn.
        new: The same for the other system, rows in the same article order.
        resamples: Number of bootstrap resamples.
        seed: Seed of the random generator.

    Returns:
        (2.5th percentile, 97.5th percentile) of ``F1(new) - F1(base)``.
    """
    n = base.shape[0]
    if n == 0:
        raise ValueError("no articles to resample")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    b = base[idx].sum(axis=1)  # (resamples, 3)
    w = new[idx].sum(axis=1)
    diffs = _f1_vector(w[:, 0], w[:, 1], w[:, 2]) - _f1_vector(b[:, 0], b[:, 1], b[:, 2])
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(low), float(high)


def f1_interval(
    articles: Sequence[Counted], *, resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """95% bootstrap interval of the micro F1 of ``articles``, resampling them (fixed seed)."""
    counts = np.array([[a.tp, a.fp, a.fn] for a in articles], dtype=float)
    if counts.shape[0] == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    sums = counts[rng.integers(0, counts.shape[0], size=(resamples, counts.shape[0]))].sum(axis=1)
    low, high = np.percentile(_f1_vector(sums[:, 0], sums[:, 1], sums[:, 2]), [2.5, 97.5])
    return float(low), float(high)
