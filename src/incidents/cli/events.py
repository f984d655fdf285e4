"""``incidents events``: the incidents of a results file grouped into events.

The rules live in :mod:`incidents.events`; this module checks arguments, writes the JSONL and
prints the one summary on stderr (stdout may be the events themselves).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from incidents.cli.options import fail, stderr

if TYPE_CHECKING:
    from incidents.batch.results import ResultLine
    from incidents.events import Event


def events(
    results: Annotated[
        Path,
        typer.Argument(
            metavar="RESULTS.jsonl",
            help="Output of `incidents batch` or `incidents extract --format jsonl`.",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Events JSONL to write (replaced if it exists). Default: stdout."
        ),
    ] = None,
    days: Annotated[
        int,
        typer.Option(
            "--days",
            help="Largest gap in days between the dates of two reports of one event.",
        ),
    ] = 1,
    km: Annotated[
        float,
        typer.Option(
            "--km",
            help="Largest distance in km between the places of two reports of one event.",
        ),
    ] = 10.0,
    ignore_actors: Annotated[
        bool,
        typer.Option(
            "--ignore-actors",
            help="Do not keep two reports apart for naming different perpetrators (more "
            "events found across articles whose actors the model named wrong; more wrong "
            "merges too).",
        ),
    ] = False,
    min_articles: Annotated[
        int,
        typer.Option(
            "--min-articles",
            help="Write only events reported by at least this many articles.",
        ),
    ] = 1,
) -> None:
    """Group incidents that different articles report about one event, every source kept.

    Two incidents can be one event when they come from different articles, have the same
    sub-event type (or a drone strike and shelling, two kinds of protest, two outcomes of a
    battle), dates at most --days apart, the same place or places at most --km apart, and do
    not name two different perpetrators. Events never hold two incidents of one article.
    Counts are the lowest figure any source reports (ACLED's conservative rule); every
    source's own figures, date, place, attribution and evidence stay in `sources`. One event
    per line; failed articles are left out and named on stderr. Exit 0 once written, 2 for
    bad arguments.
    """
    from incidents.batch.results import NotAResultsFile, read_results
    from incidents.events import Rules, build_events, mentions_of

    if days < 0:
        fail(f"--days must be 0 or more, got {days}")
    if not km > 0:
        fail(f"--km must be more than 0, got {km}")
    if min_articles < 1:
        fail(f"--min-articles must be at least 1, got {min_articles}")
    if out is not None and out.is_dir():
        fail(f"--out {out} is a directory; give a file name, e.g. {out / 'events.jsonl'}")
    if out is not None and out.exists() and results.exists() and out.samefile(results):
        fail("--out must not be the results file")
    try:
        lines = read_results(results)
    except NotAResultsFile as exc:
        fail(str(exc))
    mentions = mentions_of(lines)
    found = build_events(mentions, Rules(days=days, km=km, actors=not ignore_actors))
    kept = [event for event in found if event.articles >= min_articles]
    if out is None:
        _to_stdout(kept)
    else:
        try:
            with _replacing(out) as stream:
                _write(kept, stream)
        except OSError as exc:
            fail(f"cannot write {out}: {exc}")
    for line in summary(lines, len(mentions), found, kept, out):
        stderr.print(line, markup=False, highlight=False, soft_wrap=True)


def _write(found: Sequence[Event], stream: TextIO) -> None:
    for event in found:
        stream.write(event.model_dump_json() + "\n")
    stream.flush()


def _to_stdout(found: Sequence[Event]) -> None:
    # Through the byte stream: the events are UTF-8 whatever the terminal's locale says.
    sys.stdout.flush()
    utf8 = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        _write(found, utf8)
    except BrokenPipeError:
        # The reader went away (`| head`): no traceback, and no second failure at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    finally:
        utf8.detach()  # leave sys.stdout open for whoever prints next


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[TextIO]:
    """A stream whose file replaces ``target`` only once complete (never half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("w", encoding="utf-8") as stream:
            yield stream
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def summary(
    lines: Sequence[ResultLine],
    incidents: int,
    found: Sequence[Event],
    kept: Sequence[Event],
    out: Path | None,
) -> list[str]:
    """The stderr lines: what was grouped, where it went, which articles were left out."""
    ok = sum(line.ok for line in lines)
    several = sum(event.articles > 1 for event in found)
    where = str(out) if out is not None else "stdout"
    written = "" if len(kept) == len(found) else f"; {len(kept)} written"
    said = [
        f"{incidents} incidents from {ok} articles → {len(found)} events, {several} reported "
        f"by several articles{written} (to {where}; counts: the lowest figure reported)"
    ]
    failed = [line for line in lines if not line.ok]
    if failed:
        named = ", ".join(f"{line.id} ({line.reason or 'no reason given'})" for line in failed)
        said.append(f"left out {len(failed)} failed article(s): {named}")
    return said
