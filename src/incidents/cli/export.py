"""``incidents export``: a results file turned into what analysts load elsewhere.

The formats live in :mod:`incidents.export`; this module checks arguments, picks the output
and prints the one summary line (on stderr: stdout may be the export itself).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from incidents.cli.options import fail, stderr

if TYPE_CHECKING:
    from incidents.batch.results import ResultLine
    from incidents.export.common import ExportCounts


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    html = "html"


def export(
    results: Annotated[
        Path,
        typer.Argument(
            metavar="RESULTS.jsonl",
            help="Output of `incidents batch` or `incidents extract --format jsonl`.",
        ),
    ],
    to: Annotated[
        ExportFormat,
        typer.Option(
            "--to",
            help="acled-csv: ACLED's 31 columns in ACLED's order, then ours; geojson: RFC 7946 "
            "points, longitude first; html: a review page to check and correct incidents.",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="File to write (replaced if it exists). Default: stdout for acled-csv and "
            "geojson ('-' too); RESULTS with the suffix .html for html.",
        ),
    ] = None,
    acled_only: Annotated[
        bool,
        typer.Option("--acled-only", help="acled-csv: ACLED's 31 columns only, not ours."),
    ] = False,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom",
            help="acled-csv: start with a UTF-8 byte-order mark, so Excel shows Arabic right.",
        ),
    ] = False,
    page_size: Annotated[
        int | None,
        typer.Option(
            "--page-size",
            min=1,
            help="html: articles drawn at once (default 100); counts, filters and the plot "
            "cover them all.",
        ),
    ] = None,
) -> None:
    """Export results as an ACLED-style CSV, GeoJSON or an HTML review page.

    One row or feature per incident. Failed articles have nothing to export: they are left out
    and named on stderr, with the counts of what was written. The CSV writes fatalities 0 where
    the article gives no figure (ACLED's convention; column fatalities_stated stays empty
    then); columns we cannot fill are empty, never guessed. event_id_cnty is our id,
    ALPHA3-DOCUMENT_ID-N; timestamp is when the extraction was made. Incidents without
    coordinates are GeoJSON features with a null geometry. Exit 0 once the export is
    written (failed articles are reported, not errors); 2 for bad arguments.
    """
    from incidents.batch.results import NotAResultsFile, read_results

    if to is not ExportFormat.acled_csv and (acled_only or bom):
        fail(f"--acled-only and --bom apply to --to acled-csv, not --to {to.value}")
    if to is not ExportFormat.html and page_size is not None:
        fail(f"--page-size applies to --to html, not --to {to.value}")
    target = _target(results, to, out)
    try:
        lines = read_results(results)
    except NotAResultsFile as exc:
        fail(str(exc))

    if to is ExportFormat.html:
        from incidents.export.common import ExportCounts, exported_incidents
        from incidents.export.review_page import PAGE_SIZE, write_review_page

        assert target is not None  # html always has a file
        target.parent.mkdir(parents=True, exist_ok=True)
        counts = ExportCounts()
        for _ in exported_incidents(lines, counts):
            pass
        try:
            write_review_page(lines, target, page_size=page_size or PAGE_SIZE)
        except OSError as exc:
            fail(f"cannot write the review page {target}: {exc}")
        _report(counts, "review page", target)
        return

    write = _csv_writer(acled_only, bom) if to is ExportFormat.acled_csv else _geojson_writer()
    if target is None:
        # Through the byte stream: the export is UTF-8 whatever the terminal's locale says.
        sys.stdout.flush()
        utf8_stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            counts = write(lines, utf8_stdout)
            utf8_stdout.flush()
        except BrokenPipeError:
            # The reader went away (`| head`): nothing more to say, and no traceback. Point
            # stdout at /dev/null so the interpreter's own flush at exit cannot fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        finally:
            utf8_stdout.detach()  # leave sys.stdout open for whoever prints next
    else:
        try:
            with _replacing(target) as stream:
                counts = write(lines, stream)
        except OSError as exc:
            fail(f"cannot write {target}: {exc}")
    _report(counts, "ACLED-style CSV" if to is ExportFormat.acled_csv else "GeoJSON", target)


def _target(results: Path, to: ExportFormat, out: Path | None) -> Path | None:
    """The file to write, or None for stdout; a one-line error exit for an unusable one."""
    if out is None or str(out) == "-":
        if to is ExportFormat.html:
            if out is not None:
                fail("--to html writes a file: give --out PATH.html")
            return results.with_suffix(".html")
        return None
    if out.is_dir():
        fail(f"--out {out} is a directory; give a file name, e.g. {out / 'events.csv'}")
    if out.exists() and results.exists() and out.resolve() == results.resolve():
        fail("--out must not be the results file")
    return out


def _csv_writer(acled_only: bool, bom: bool) -> Callable[[list[ResultLine], TextIO], ExportCounts]:
    from incidents.export.acled_csv import write_acled_csv

    def write(lines: list[ResultLine], stream: TextIO) -> ExportCounts:
        return write_acled_csv(lines, stream, acled_only=acled_only, bom=bom)

    return write


def _geojson_writer() -> Callable[[list[ResultLine], TextIO], ExportCounts]:
    from incidents.export.geojson_export import write_geojson

    return write_geojson


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[TextIO]:
    """A stream whose file replaces ``target`` only once it is complete: a failed export
    leaves the previous file, never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.partial")
    try:
        # newline="": the csv module writes its own \r\n line ends.
        with temporary.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _report(counts: ExportCounts, what: str, target: Path | None) -> None:
    line = counts.summary(what, str(target) if target else "stdout")
    stderr.print(line, markup=False, highlight=False, soft_wrap=True)
