"""Human views of a report: rich tables for the terminal, Markdown for a PR comment."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from incidents.evals.compare import Comparison
from incidents.evals.confusion import EVENT_TYPES, MISSED, SPURIOUS
from incidents.evals.report import EvalReport

MAX_LISTED = 20  # articles listed with misses/spurious, so a PR comment stays readable
# Heads of the event-type matrix: the full names would not fit 80 columns (CONFUSION_KEY
# spells them out under the table).
SHORT_TYPES = {
    "battles": "battles",
    "explosions_remote_violence": "explos.",
    "violence_against_civilians": "v.civ.",
    "protests": "protests",
    "riots": "riots",
    "strategic_developments": "strat.",
}
CONFUSION_KEY = (
    "explos. explosions/remote violence, v.civ. violence against civilians, strat. strategic "
    "developments; accuracy: the diagonal over the gold row, missed included; precision: the "
    "diagonal over the predicted column, spurious included."
)
CONFUSION_TITLE = "Event types: gold (rows) × predicted (columns), over matched incidents"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:+.1f} pts"


def _title(report: EvalReport) -> str:
    meta = report.meta
    return (
        f"{meta.get('prompt', '?')} · {meta.get('model', '?')} ({meta.get('backend', '?')}) "
        f"on {meta.get('gold_dir', '?')}"
    )


def _summary_rows(report: EvalReport) -> list[tuple[str, str]]:
    tp, fp, fn = report.counts
    empty = report.empty_articles
    usage, seconds = report.usage, report.seconds
    rows = [
        ("articles", str(len(report.articles))),
        ("gold / predicted / matched", f"{tp + fn} / {tp + fp} / {tp}"),
        ("incident precision", _pct(report.incident_precision)),
        ("incident recall", _pct(report.incident_recall)),
        ("incident F1", _pct(report.incident_f1)),
        *_ready_rows(report),
        ("grounding rate", _pct(report.grounding_rate)),
        ("empty articles right", f"{empty['correct']}/{empty['n']}"),
        ("seconds / article", _num(seconds["per_article"], 1)),
        ("tokens / article", _num(usage["per_article"]["total_tokens"], 0)),
        ("calls / article", _num(usage["per_article"]["calls"])),
        ("retries / article", _num(usage["per_article"]["retries"])),
    ]
    if seconds["cached_articles"]:
        rows.append(("from the response store", f"{seconds['cached_articles']} articles"))
    if report.failed:
        rows.append(("failed or missing", ", ".join(report.failed)))
    return rows


def _ready_rows(report: EvalReport) -> list[tuple[str, str]]:
    ready = report.analyst_ready
    low, high = ready["of_gold_ci95"] if ready["of_gold"] is not None else (None, None)
    wrong, matched = ready["wrong"], ready["matched"]
    return [
        (
            "analyst-ready, of gold",
            f"{ready['ready']}/{ready['gold']} = {_pct(ready['of_gold'])} "
            f"[{_pct(low)}, {_pct(high)}]",
        ),
        ("analyst-ready, of predicted", _pct(ready["of_predicted"])),
        ("matched, wrong type / place", f"{wrong['type']} / {wrong['place']} of {matched}"),
        ("matched, wrong counts / actors", f"{wrong['counts']} / {wrong['actors']} of {matched}"),
    ]


def _field_rows(report: EvalReport) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, s in report.fields.items():
        extra = ""
        if name == "actors" and s["n"]:
            extra = f"P {_pct(s['precision'])} R {_pct(s['recall'])}"
        elif "mae" in s and s["mae"] is not None:
            extra = f"MAE {_num(s['mae'])} (n={s['mae_n']}, {s['missing']} null)"
        rows.append((name, str(s["n"]), _pct(s["score"]), extra))
    return rows


def _confusion_rows(report: EvalReport) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of the event-type matrix: one row per gold type (its accuracy is the
    diagonal over the row, missed included), then spurious predictions, then each predicted
    type's precision."""
    confusion = report.event_type_confusion
    per_type = confusion.per_type()
    header = ("", *(SHORT_TYPES[t] for t in EVENT_TYPES), MISSED, "accuracy")
    rows: list[tuple[str, ...]] = []
    for gold in EVENT_TYPES:
        scores = per_type[gold]
        cells = [str(confusion.counts[gold][predicted]) for predicted in (*EVENT_TYPES, MISSED)]
        rows.append((SHORT_TYPES[gold], *cells, _pct(scores["accuracy"])))
    spurious = (str(confusion.counts[SPURIOUS][t]) for t in EVENT_TYPES)
    rows.append((SPURIOUS, *spurious, "", ""))
    rows.append(("precision", *(_pct(per_type[t]["precision"]) for t in EVENT_TYPES), "", ""))
    return header, rows


def _diff(new: float | None, base: float | None) -> float | None:
    return new - base if new is not None and base is not None else None


def _comparison_rows(comparison: Comparison) -> list[tuple[str, str, str, str]]:
    rows = [
        (
            "analyst-ready (of gold)",
            _pct(comparison.base_ready),
            _pct(comparison.new_ready),
            f"{_signed(_diff(comparison.new_ready, comparison.base_ready))} "
            f"[{_signed(comparison.ready_ci_low)}, {_signed(comparison.ready_ci_high)}]",
        ),
        (
            "incident F1",
            _pct(comparison.base_f1),
            _pct(comparison.new_f1),
            f"{_signed(comparison.diff)} [{_signed(comparison.ci_low)}, "
            f"{_signed(comparison.ci_high)}]",
        ),
    ]
    for name, s in comparison.fields.items():
        rows.append((name, _pct(s["base"]), _pct(s["new"]), _signed(s["diff"])))
    return rows


def _article_lines(report: EvalReport) -> list[str]:
    lines = []
    worst = sorted(report.articles, key=lambda a: (a.f1, a.id))
    for article in worst:
        if not (article.missed or article.spurious or article.error):
            continue
        parts = []
        if article.error:
            parts.append(f"failed: {article.error}")
        for m in article.missed:
            parts.append(f"missed #{m['index']} {m['sub_event_type']} @ {m['location']}")
        for s in article.spurious:
            parts.append(f"spurious #{s['index']} {s['sub_event_type']} @ {s['location']}")
        lines.append(f"{article.id} (F1 {_pct(article.f1)}): " + "; ".join(parts))
    return lines


def _matrix_cell(cell: str, *, bold: bool) -> str:
    # The diagonal (the right type) in bold and zeros dimmed: the eye finds the confusions.
    if bold:
        return f"[bold]{cell}[/bold]"
    return "[dim]0[/dim]" if cell == "0" else cell


def _confusion_table(report: EvalReport) -> Table:
    header, rows = _confusion_rows(report)
    # No box: nine columns fit 80 characters only two spaces apart.
    table = Table(title=CONFUSION_TITLE, box=None, pad_edge=False, header_style="bold")
    for index, head in enumerate(header):
        table.add_column(head, justify="left" if index == 0 else "right")
    for index, cells in enumerate(rows):
        diagonal = index + 1 if index < len(EVENT_TYPES) else None
        table.add_row(*(_matrix_cell(c, bold=i == diagonal) for i, c in enumerate(cells)))
    return table


def render_report(
    report: EvalReport, console: Console, comparison: Comparison | None = None
) -> None:
    """Print the report as rich tables: summary, fields, comparison, worst articles.

    Args:
        report: The report to show.
        console: Where to print.
        comparison: A comparison with another report, shown when given.
    """
    summary = Table(title=_title(report), show_header=False)
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    for metric, value in _summary_rows(report):
        summary.add_row(metric, value)
    console.print(summary)

    fields = Table(title="Fields on matched incidents")
    for name, justify in (("field", "left"), ("n", "right"), ("score", "right"), ("", "left")):
        fields.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in _field_rows(report):
        fields.add_row(*row)
    console.print(fields)

    console.print(_confusion_table(report))
    console.print(CONFUSION_KEY, style="dim", highlight=False)

    if comparison is not None:
        table = Table(
            title=f"{comparison.new_label} vs {comparison.base_label} "
            f"({comparison.articles} articles; 95% CI, {comparison.resamples} resamples)"
        )
        for name in ("metric", comparison.base_label, comparison.new_label, "difference"):
            table.add_column(name)
        for row in _comparison_rows(comparison):
            table.add_row(*row)
        console.print(table)
        console.print(
            f"wins {len(comparison.wins)}, losses {len(comparison.losses)}, ties "
            f"{comparison.ties}"
            + (f"; worse on: {', '.join(comparison.losses)}" if comparison.losses else "")
        )

    lines = _article_lines(report)
    if lines:
        console.print("[bold]Articles with errors[/bold] (worst first)")
        for line in lines[:MAX_LISTED]:
            console.print(f"  {line}", markup=False, highlight=False)
        if len(lines) > MAX_LISTED:
            console.print(f"  … {len(lines) - MAX_LISTED} more in the JSON report")


def _md_table(header: tuple[str, ...], rows: list[Any]) -> list[str]:
    def esc(cell: str) -> str:
        return str(cell).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return out


def confusion_markdown(report: EvalReport) -> str:
    """The event-type confusion matrix as GitHub Markdown: a bold title, the table, its key."""
    lines = [f"**{CONFUSION_TITLE}**", "", *_md_table(*_confusion_rows(report)), ""]
    return "\n".join([*lines, CONFUSION_KEY])


def report_markdown(report: EvalReport, comparison: Comparison | None = None) -> str:
    """The report as GitHub Markdown, for a PR comment.

    Args:
        report: The report.
        comparison: A comparison with another report, shown first when given.

    Returns:
        Markdown text ending with a newline.
    """
    lines = [f"### Eval: {_title(report)}", ""]
    if comparison is not None:
        verdict = "significant" if comparison.significant else "not significant"
        lines += [
            f"**{comparison.new_label} vs {comparison.base_label}**: incident F1 "
            f"{_signed(comparison.diff)} (95% CI {_signed(comparison.ci_low)} to "
            f"{_signed(comparison.ci_high)}, {verdict}; {comparison.articles} articles, "
            f"paired bootstrap, {comparison.resamples} resamples). Wins "
            f"{len(comparison.wins)}, losses {len(comparison.losses)}, ties {comparison.ties}.",
            "",
        ]
        lines += _md_table(
            ("metric", comparison.base_label, comparison.new_label, "difference"),
            _comparison_rows(comparison),
        )
        if comparison.losses:
            lines += ["", "Worse on: " + ", ".join(f"`{i}`" for i in comparison.losses)]
        lines.append("")
    lines += _md_table(("metric", "value"), _summary_rows(report))
    lines += ["", "**Fields on matched incidents**", ""]
    lines += _md_table(("field", "n", "score", ""), _field_rows(report))
    lines += ["", confusion_markdown(report)]
    article_lines = _article_lines(report)
    if article_lines:
        lines += ["", f"<details><summary>{len(article_lines)} articles with errors</summary>", ""]
        lines += [f"- {line}" for line in article_lines[:MAX_LISTED]]
        if len(article_lines) > MAX_LISTED:
            lines.append(f"- … {len(article_lines) - MAX_LISTED} more in the JSON report")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
