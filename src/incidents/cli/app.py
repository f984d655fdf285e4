"""The ``incidents`` command: one Typer app, each command in its own module.

Results go to stdout, progress and errors to stderr. Bad input ends with a one-line
``error: ...`` and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import typer

from incidents.cli.batch import batch
from incidents.cli.evaluate import eval_command
from incidents.cli.events import events
from incidents.cli.export import export
from incidents.cli.extract import extract
from incidents.cli.gold import gold_app
from incidents.cli.model import model_app
from incidents.cli.prompts import prompts_app
from incidents.cli.schema import schema
from incidents.cli.stages import stages

app = typer.Typer(
    help="Source-grounded ACLED-style incident records from news reports (Arabic first).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Registered here, in the order `incidents --help` lists them: the nouns of the DESIGN contract.
app.command()(extract)
app.command("eval")(eval_command)
app.command()(batch)
app.command()(export)
app.command()(events)
app.add_typer(prompts_app, name="prompts")
app.command()(schema)
app.command()(stages)
app.add_typer(model_app, name="model")
app.add_typer(gold_app, name="gold")
