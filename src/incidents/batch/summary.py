"""The summary of a batch run: counts over the final output file, cost of this run.

Returned by :func:`incidents.batch.runner.arun_batch`; ``print(summary)`` gives plain text and
``console.print(summary)`` a rich table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from incidents.schema import ExtractionResult


class LabelledRows:
    """A summary as ``label: value`` rows: aligned text in a log, a table on a terminal."""

    title = "batch summary"

    def lines(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def __str__(self) -> str:
        return "\n".join(f"{label:>14}: {value}" for label, value in self.lines())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        table = Table(title=self.title, show_header=False, box=None, title_justify="left")
        table.add_column(style="bold", justify="right")
        table.add_column()
        for label, value in self.lines():
            table.add_row(label, value)
        yield table


@dataclass
class BatchSummary(LabelledRows):
    """What a batch did. Counts are over the final output file (resumed records included);
    tokens and model time are what this run spent.

    Attributes:
        articles: input entries (articles plus unusable entries, reported as ``bad_input``).
        ok: articles with an ``ok`` record.
        failed: articles whose record is ``failed``.
        failed_by_reason: ``failed`` counted by reason category.
        incidents: incidents in the ``ok`` records.
        resumed: ``ok`` records kept from an earlier run (not re-extracted).
        extracted: articles extracted in this run (ok or failed).
        cached: results of this run answered from the response store.
        prompt_tokens: prompt tokens spent in this run (cached answers excluded).
        completion_tokens: completion tokens spent in this run (cached answers excluded).
        model_seconds: time spent inside model calls in this run (``seconds_in_model``).
        seconds: wall-clock seconds of this run.
        out: the output file.
        follow_up: ``--collect`` only: the follow-up request file, if requests are left.
        follow_up_requests: ``--collect`` only: the requests in it.
        engine_lines: ``--collect`` only: lines read from the engine's output files.
        engine_unreadable: ``--collect`` only: ``"<file>:<line>: <why>"`` per unusable line.
        engine_unused: ``--collect`` only: answers no request of this run asked for.
    """

    articles: int = 0
    ok: int = 0
    failed: int = 0
    failed_by_reason: dict[str, int] = field(default_factory=dict)
    incidents: int = 0
    resumed: int = 0
    extracted: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_seconds: float = 0.0
    seconds: float = 0.0
    out: str = ""
    follow_up: str = ""
    follow_up_requests: int = 0
    engine_lines: int | None = None
    engine_unreadable: list[str] = field(default_factory=list)
    engine_unused: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every article is ``ok``, else 1 (some failed, or an interrupted run left some
        without a record)."""
        return 0 if self.failed == 0 and self.ok == self.articles else 1

    def lines(self) -> list[tuple[str, str]]:
        """The summary as (label, value) rows, for printing."""
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.failed_by_reason.items()))
        rows = [
            ("articles", str(self.articles)),
            (
                "ok",
                f"{self.ok} ({self.resumed} from an earlier run)" if self.resumed else str(self.ok),
            ),
            ("failed", f"{self.failed} ({reasons})" if reasons else str(self.failed)),
            ("incidents", str(self.incidents)),
            ("extracted now", f"{self.extracted} ({self.cached} from the response cache)"),
            ("tokens", f"{self.prompt_tokens} prompt + {self.completion_tokens} completion"),
            ("seconds", f"{self.seconds:.1f} ({self.model_seconds:.1f} in model calls, summed)"),
            ("output", self.out),
        ]
        if self.engine_lines is not None:
            rows.extend(self._engine_lines())
        return rows

    def _engine_lines(self) -> list[tuple[str, str]]:
        read = f"{self.engine_lines} lines"
        if self.engine_unreadable:
            shown = "; ".join(self.engine_unreadable[:3])
            more = len(self.engine_unreadable) - 3
            read += f", {len(self.engine_unreadable)} unusable ({shown}"
            read += f"; +{more} more)" if more > 0 else ")"
        if self.engine_unused:
            read += f", {self.engine_unused} answering no request of this input and settings"
        plural = "" if self.follow_up_requests == 1 else "s"
        retry = f"{self.follow_up_requests} request{plural} in {self.follow_up}"
        retry = retry if self.follow_up else "none"
        return [("engine output", read), ("to send again", retry)]


def tally_result(summary: BatchSummary, result: ExtractionResult) -> None:
    """Add one result of this run to the cost counters (tokens, model time, cache hits)."""
    provenance = result.provenance
    # Time inside model calls when the client measured it; else the article's whole time.
    in_model = getattr(provenance, "seconds_in_model", None)
    summary.model_seconds += provenance.seconds if in_model is None else in_model
    if provenance.cached:
        summary.cached += 1
    else:
        summary.prompt_tokens += provenance.usage.prompt_tokens
        summary.completion_tokens += provenance.usage.completion_tokens


def tally_final(summary: BatchSummary, final: list[dict[str, Any]], wanted: set[str]) -> None:
    """Count the compacted output's records of the input ids ``wanted``."""
    reasons: Counter[str] = Counter()
    for record in final:
        if record["id"] not in wanted:
            continue  # an ok record kept from an earlier, different input
        summary.articles += 1
        if record["status"] == "ok":
            summary.ok += 1
            summary.incidents += len(record["result"].get("incidents") or [])
        else:
            summary.failed += 1
            reasons[str(record.get("reason") or "error").split(":", 1)[0]] += 1
    summary.failed_by_reason = dict(sorted(reasons.items()))
    # Input entries without a record (an interrupted run) count as neither ok nor failed.
    summary.articles = max(summary.articles, len(wanted))
