"""The eval harness: gold files, alignment, metrics, reports, comparison and the CI gate.

Modules, in data-flow order:

* :mod:`~incidents.evals.gold` — gold format validator and loader.
* :mod:`~incidents.text.language.name_similarity` — Arabic-aware name similarity (the
  product's, used by the scorer too).
* :mod:`~incidents.evals.similarity` — field comparisons, incident similarity, alignment.
* :mod:`~incidents.evals.scoring` — one article: matches, misses, spurious, field tallies.
* :mod:`~incidents.evals.report` — the corpus report and its JSON form.
* :mod:`~incidents.evals.compare` — two reports: F1 difference with a paired bootstrap CI.
* :mod:`~incidents.evals.baseline` — accepted scores and the CI gate.
* :mod:`~incidents.evals.runner` — run the extractor over gold, or read saved predictions.
* :mod:`~incidents.evals.render` — rich tables and Markdown.
* :mod:`~incidents.evals.session` — one ``incidents eval`` run: score, compare, gate.

Nothing here loads the model at import time; only :func:`run_eval` imports the extractor.
"""

from incidents.evals.baseline import (
    baseline_key,
    check_baseline,
    report_key,
    update_baseline,
)
from incidents.evals.compare import Comparison, compare_reports
from incidents.evals.gold import (
    GoldDocument,
    GoldError,
    load_gold,
    validate_gold_data,
    validate_gold_file,
)
from incidents.evals.render import render_report, report_markdown
from incidents.evals.report import EvalReport, score_predictions
from incidents.evals.runner import (
    EvalError,
    PredictionsError,
    default_store,
    load_predictions,
    run_eval,
)
from incidents.evals.session import EvalSession, run_session

__all__ = [
    "Comparison",
    "EvalError",
    "EvalReport",
    "EvalSession",
    "GoldDocument",
    "GoldError",
    "PredictionsError",
    "baseline_key",
    "check_baseline",
    "compare_reports",
    "default_store",
    "load_gold",
    "load_predictions",
    "render_report",
    "report_key",
    "report_markdown",
    "run_eval",
    "run_session",
    "score_predictions",
    "update_baseline",
    "validate_gold_data",
    "validate_gold_file",
]
