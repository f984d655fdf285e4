"""``incidents gold import``: the review page's corrections turned into gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from incidents.cli.options import fail, stderr

gold_app = typer.Typer(help="Make gold annotations from reviewed corrections.",
                       no_args_is_help=True)  # fmt: skip


IMPORT_HELP = (
    "Write one gold file per article marked Reviewed on the review page.\n\n"
    "Only reviewed articles become gold: unreviewed model output is not gold. A reviewed "
    "article's gold incidents are its incidents as the analyst left them (confirmed, edited or "
    "added; deleted ones dropped); an incident still marked wrong is an error. Failed "
    "articles, articles without text and unreviewed ones are skipped, each listed with the "
    "reason.\n\n"
    "Every file is checked with the gold set's validator first: if one is invalid, or an "
    "existing file differs (without --force), nothing is written. Then score with "
    "`incidents eval --gold DIR`. Gold file paths go to stdout, the summary to stderr."
)


@gold_app.command("import", help=IMPORT_HELP)
def gold_import(
    corrections: Annotated[
        Path,
        typer.Argument(
            metavar="CORRECTIONS.json",
            help="The file the review page's 'Download corrections' saved "
            "(made with `incidents export RESULTS.jsonl --to html`).",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the gold files (one <id>.json each).")
    ] = Path("gold"),
    force: Annotated[
        bool, typer.Option("--force", help="Replace existing gold files whose content differs.")
    ] = False,
) -> None:
    """Write one gold file per article marked Reviewed on the review page."""
    from incidents.evals.gold_import import CorrectionsError, import_corrections

    try:
        report = import_corrections(corrections, out, force=force)
    except CorrectionsError as exc:
        fail(str(exc))
    for path in report.written + report.unchanged:
        typer.echo(str(path))
    for skipped in report.skipped:
        stderr.print(f"skipped {skipped.id}: {skipped.reason}", highlight=False, markup=False,
                     soft_wrap=True)  # fmt: skip
    made = len(report.written) + len(report.unchanged)
    if not made:
        fail(
            f"no article of {corrections} is marked Reviewed: tick 'Reviewed' on the page for "
            "each article you have checked, then download the corrections again",
            code=1,
        )
    unchanged = f" ({len(report.unchanged)} already up to date)" if report.unchanged else ""
    stderr.print(
        f"wrote {len(report.written)} gold file(s) to {out}{unchanged}; "
        f"skipped {len(report.skipped)} article(s); next: incidents eval --gold {out}",
        highlight=False, markup=False, soft_wrap=True,
    )  # fmt: skip
