"""Turn ``incidents eval --json`` reports into the rows of the results table in README.md.

    python evals/summarize.py REPORT.json [REPORT.json ...] [--confusion]

``--confusion`` also prints each report's event-type confusion matrix under the table.

Seconds/article is the median of the articles' extraction wall times (``provenance.seconds``);
a report answered wholly from the response store says "(replayed)" there, since its times are
not the model's: take them from the live run's report.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path


def row(path: Path) -> str:
    report = json.loads(path.read_text(encoding="utf-8"))
    fields = report["fields"]
    low, high = report.get("incident_f1_ci95") or (float("nan"), float("nan"))
    seconds = [a["seconds"] for a in report["per_article"] if a.get("seconds")]
    usage = report["usage"]["per_article"]

    def score(name: str) -> str:
        value = fields.get(name, {}).get("score")
        return "–" if value is None else f"{value:.2f}"

    grounding = report.get("grounding_rate")
    empty = report.get("empty_articles") or {}
    median = statistics.median(seconds) if seconds else float("nan")
    cached = report.get("seconds", {}).get("cached_articles", 0) == report["articles"]
    return (
        f"| {report['prompt']} · {Path(report['gold_dir']).name} | {report['articles']} "
        f"| {report['incident_precision']:.2f} | {report['incident_recall']:.2f} "
        f"| **{report['incident_f1']:.2f}** [{low:.2f}, {high:.2f}] "
        f"| {score('event_type')} | {score('sub_event_type')} | {score('fatalities')} "
        f"| {'–' if grounding is None else f'{grounding:.0%}'} "
        f"| {empty.get('correct', '–')}/{empty.get('n', '–')} "
        f"| {'(replayed)' if cached else f'{median:.1f}'} "
        f"| {usage['prompt_tokens']:.0f} + {usage['completion_tokens']:.0f} |"
    )


def confusion(path: Path) -> str:
    from incidents.evals.render import confusion_markdown
    from incidents.evals.report import EvalReport

    report = EvalReport.from_json_dict(json.loads(path.read_text(encoding="utf-8")))
    return f"{path}:\n\n{confusion_markdown(report)}"


if __name__ == "__main__":
    paths = [Path(a) for a in sys.argv[1:] if a != "--confusion"]
    print(
        "| prompt · split | articles | P | R | F1 [95% CI] | event_type acc | sub_event acc "
        "| fatalities acc | grounding | empty right | s/article (median, live) "
        "| tokens/article (prompt + completion) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        print(row(path))
    if "--confusion" in sys.argv[1:]:
        for path in paths:
            print(f"\n{confusion(path)}")
