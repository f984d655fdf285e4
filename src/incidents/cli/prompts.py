"""``incidents prompts list | show``: the versioned prompt files."""

from __future__ import annotations

from typing import Annotated

import typer

from incidents.cli.listing import Column, print_listing
from incidents.cli.options import fail, stderr

prompts_app = typer.Typer(help="List and show versioned prompts.", no_args_is_help=True)


@prompts_app.command("list")
def prompts_list() -> None:
    """List prompt versions: the default one marked, release date, output form, sha256."""
    from incidents.config import default_prompt
    from incidents.prompting.prompts import PromptError, list_prompts

    try:
        found = list_prompts()
    except PromptError as error:
        fail(str(error))
    default = default_prompt()
    columns = (
        Column("prompt", identifier=True),
        Column("default", identifier=True),
        # Left to `| cat` (and `prompts show`): with them an 80-column table has no room left.
        Column("released", in_table=False),
        Column("form", in_table=False),
        Column("sha256", identifier=True, table_chars=12),
        Column("description"),
    )
    rows = [
        (
            item.ref,
            "*" if item.ref == default else "",
            str(item.spec.released),
            item.spec.output_form,
            item.sha256,
            item.spec.description.strip(),
        )
        for item in found
    ]
    print_listing(columns, rows)


@prompts_app.command("show")
def prompts_show(
    ref: Annotated[str, typer.Argument(metavar="TASK@vN", help="e.g. extract_incidents@v4")],
) -> None:
    """Print a prompt file exactly as stored, with its sha256 on stderr."""
    from incidents.prompting.prompts import PromptError, load_prompt

    try:
        loaded = load_prompt(ref)
    except PromptError as error:
        fail(str(error))
    stderr.print(f"{loaded.ref} sha256={loaded.sha256} ({loaded.path})", highlight=False)
    typer.echo(loaded.path.read_text(encoding="utf-8"), nl=False)
