"""The CI gate: accepted scores in ``evals/baseline.json``, and the check against them.

File format (written by :func:`update_baseline`, editable by hand)::

    {
      "tolerance": 0.02,                     # allowed absolute drop, for every gated metric
      "tolerances": {"incident_f1": 0.03},   # optional per-metric overrides
      "gated": ["incident_f1", "fields.event_type", "fields.fatalities", "grounding_rate"],
      "entries": {
        "evals/gold/dev": {
          "incident_f1": 0.52, "fields": {"event_type": 0.81, ...}, "grounding_rate": 1.0,
          "articles": 15, "model": "...", "backend": "local", "updated": "..."
        }
      }
    }

An entry is keyed by gold directory (:func:`baseline_key`) and records the prompt it came
from. A gated metric fails when it drops by more than its tolerance; a metric the baseline
holds as null is not gated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from incidents.evals.report import EvalReport

DEFAULT_TOLERANCE = 0.02
DEFAULT_GATED = (
    "incident_f1",
    "analyst_ready.of_gold",
    "analyst_ready.of_predicted",
    "fields.event_type",
    "fields.fatalities",
    "grounding_rate",
)


def baseline_key(gold_dir: str | os.PathLike[str], prompt: str | None = None) -> str:
    """The entry key for a gold directory (and optionally a prompt), e.g. ``evals/gold/dev``
    or ``evals/gold/dev::extract_incidents@v1``.

    The CI gate keys by gold directory only: whatever prompt is the default must hold the
    accepted scores of that gold set, so a worse new prompt version fails the gate. The
    directory is written relative to the working directory when it lies under it, so the key
    is the same on every checkout.
    """
    path = Path(gold_dir)
    with contextlib.suppress(ValueError):  # outside the checkout: keep it as given
        path = path.resolve().relative_to(Path.cwd().resolve())
    base = path.as_posix().rstrip("/")
    return f"{base}::{prompt}" if prompt else base


def report_key(report: EvalReport) -> str:
    """:func:`baseline_key` of the gold directory and prompt recorded in a report."""
    gold_dir, prompt = report.meta.get("gold_dir"), report.meta.get("prompt")
    if not gold_dir or not prompt:
        raise ValueError("the report does not record its gold_dir and prompt; pass a key")
    return baseline_key(str(gold_dir), str(prompt))


def snapshot(report: EvalReport) -> dict[str, Any]:
    """The scores of a report as a baseline entry."""
    ready = report.analyst_ready  # computed once: it bootstraps an interval
    return {
        "incident_precision": report.incident_precision,
        "incident_recall": report.incident_recall,
        "incident_f1": report.incident_f1,
        "analyst_ready": {key: ready[key] for key in ("of_gold", "of_predicted", "ready")},
        "fields": {name: summary["score"] for name, summary in report.fields.items()},
        "grounding_rate": report.grounding_rate,
        "articles": len(report.articles),
        "prompt": report.meta.get("prompt"),
        "prompt_sha256": report.meta.get("prompt_sha256"),
        "model": report.meta.get("model"),
        "backend": report.meta.get("backend"),
        "updated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def _lookup(entry: dict[str, Any], metric: str) -> Any:
    value: Any = entry
    for part in metric.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("entries", {}), dict):
        raise ValueError("expected an object with an 'entries' object")
    return data


def check_baseline(report: EvalReport, baseline_path: Path, key: str) -> list[str]:
    """Compare a report with its accepted scores.

    Args:
        report: The new report.
        baseline_path: The baseline file (``evals/baseline.json``).
        key: The entry to compare with, e.g. ``report_key(report)``.

    Returns:
        Human-readable failures; an empty list means the gate passes.
    """
    path = Path(baseline_path)
    if not path.exists():
        return [f"baseline file {path} not found; record one from an accepted run first"]
    try:
        data = _read(path)
    except (OSError, ValueError) as exc:  # JSONDecodeError is a ValueError
        return [f"baseline file {path} is unreadable: {exc}"]
    entries = data.get("entries", {})
    entry = entries.get(key)
    if not isinstance(entry, dict):
        known = ", ".join(sorted(entries)) or "none"
        return [f"{path} has no entry for {key!r} (entries: {known}); record one first"]
    tolerance = float(data.get("tolerance", DEFAULT_TOLERANCE))
    overrides = data.get("tolerances") or {}
    current = snapshot(report)
    failures = []
    for metric in data.get("gated") or DEFAULT_GATED:
        accepted = _lookup(entry, metric)
        if accepted is None:
            continue  # never measured (e.g. no evidence spans then): nothing to hold it to
        allowed = float(overrides.get(metric, tolerance))
        now = _lookup(current, metric)
        if now is None:
            failures.append(f"{metric}: baseline {accepted:.3f}, now not measured")
        elif now < accepted - allowed - 1e-9:
            failures.append(
                f"{metric} dropped from {accepted:.3f} to {now:.3f} "
                f"({now - accepted:+.3f}; tolerance {allowed:.3f})"
            )
    return failures


def update_baseline(report: EvalReport, baseline_path: Path, key: str) -> None:
    """Record a report's scores as the accepted ones for ``key`` (other entries are kept).

    The file is created when missing (tolerance 0.02, the default gated metrics) and written
    atomically.
    """
    path = Path(baseline_path)
    data = _read(path) if path.exists() else {}
    data.setdefault("tolerance", DEFAULT_TOLERANCE)
    data.setdefault("gated", list(DEFAULT_GATED))
    entries = dict(data.get("entries") or {})
    entries[key] = snapshot(report)
    data["entries"] = dict(sorted(entries.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
