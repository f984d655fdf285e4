"""``incidents model fetch``: the embedded model file."""

from __future__ import annotations

import typer

from incidents.cli.options import fail, stderr

model_app = typer.Typer(help="Manage the embedded model file.", no_args_is_help=True)


@model_app.command("fetch")
def model_fetch() -> None:
    """Assemble and verify the embedded model file (done automatically on first use)."""
    from incidents.model.model_file import ModelUnavailable, model_path

    try:
        path = model_path(progress=lambda msg: stderr.print(msg, highlight=False))
    except ModelUnavailable as error:
        fail(str(error))
    typer.echo(str(path))
