"""The batch progress bar: articles done of total, ok/failed so far, rate and ETA, on stderr.

Stdout stays free for the summary (and for pipes); the bar goes to a stderr console and
disappears by itself when stderr is not a terminal (CI logs, redirects), where rich renders
nothing live.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class BatchProgress:
    """A thin wrapper so the batch code calls ``start``/``advance``/``stop`` and tests can run
    without a terminal (:meth:`disabled`)."""

    def __init__(self, console: Console | None, description: str = "batch") -> None:
        self._console = console
        self._description = description
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self.ok = 0
        self.failed = 0

    @classmethod
    def disabled(cls) -> BatchProgress:
        """A progress that shows nothing but still counts."""
        return cls(None)

    @classmethod
    def for_console(cls, console: Console, description: str = "batch") -> BatchProgress:
        """A progress bar on ``console`` when it is stderr, else on a new stderr console with
        the same settings (colour, width)."""
        if not console.stderr:
            console = Console(
                stderr=True,
                no_color=console.no_color,
                force_terminal=console.is_terminal if console.is_terminal else None,
            )
        return cls(console, description)

    def start(self, *, total: int, completed: int = 0) -> None:
        """Show the bar; ``completed`` articles (resumed from an earlier run) count as done but
        do not enter the rate, which must reflect this run's speed."""
        if self._console is None:
            return
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[green]{task.fields[ok]} ok[/] [red]{task.fields[failed]} failed[/]"),
            _RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self._console,
            # An LLM article takes seconds to minutes: average the rate over 10 minutes, not
            # rich's default 30 s window, or the ETA would blank out between articles.
            speed_estimate_period=600,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(
            self._description, total=total, completed=completed, ok=completed, failed=0
        )
        self.ok = completed

    def advance(self, *, ok: bool) -> None:
        """Count one finished article."""
        if ok:
            self.ok += 1
        else:
            self.failed += 1
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, ok=self.ok, failed=self.failed)

    def stop(self) -> None:
        """Leave the final state of the bar on screen."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


class _RateColumn(ProgressColumn):
    """Articles per minute (per second is too coarse for LLM speeds)."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        if not speed:
            return Text("–/min", style="progress.data.speed")
        return Text(f"{speed * 60:.1f}/min", style="progress.data.speed")
