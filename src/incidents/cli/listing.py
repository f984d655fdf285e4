"""List output (``prompts list``, ``stages``) that never cuts an identifier.

In a terminal the rows are a rich table; elsewhere (a pipe, a file, a test runner) they are
plain tab-separated lines under one header row, so ``cut``, ``grep`` and ``awk`` read them and
nothing depends on a terminal width that a pipe does not have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

# Narrowest a wrapping column gets before the table is given up for plain rows: any narrower
# and a description folds into a column of syllables.
MIN_TEXT_WIDTH = 12


@dataclass(frozen=True)
class Column:
    """One column of a listing.

    Attributes:
        name: The header.
        identifier: A value users copy into another command (a prompt version, a stage name):
            never wrapped, folded or cut.
        right: Right-aligned (numbers).
        table_chars: In the table only, show this many leading characters (a sha256 as git
            shows a commit); the plain rows always carry the whole value.
        in_table: Shown in the table; False leaves it to the plain rows (``| cat``), to keep
            room in an 80-column terminal for the columns that matter there.
    """

    name: str
    identifier: bool = False
    right: bool = False
    table_chars: int | None = None
    in_table: bool = True


def print_listing(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], console: Console | None = None
) -> None:
    """Print ``rows`` as a table in a terminal wide enough for every identifier, else as
    tab-separated lines with a header row."""
    console = console or Console()
    picked = [index for index, column in enumerate(columns) if column.in_table]
    shown_columns = [columns[index] for index in picked]
    shown = [[_table_cell(columns[index], row[index]) for index in picked] for row in rows]
    if console.is_terminal and _narrowest_table(shown_columns, shown) <= console.width:
        table = Table()
        for column in shown_columns:
            # Identifier columns are no_wrap, so when the table is too wide rich shrinks the
            # wrapping columns (descriptions fold onto more lines) and identifiers stay whole.
            table.add_column(
                column.name,
                no_wrap=column.identifier,
                overflow="ellipsis" if column.identifier else "fold",
                justify="right" if column.right else "left",
            )
        for row in shown:
            table.add_row(*row)
        console.print(table)
        return
    lines = [[column.name for column in columns], *rows]
    # Tabs and newlines inside a cell would break the row apart; collapse all whitespace.
    text = "\n".join("\t".join(" ".join(cell.split()) for cell in line) for line in lines)
    console.file.write(text + "\n")
    console.file.flush()


def _table_cell(column: Column, value: str) -> str:
    return value[: column.table_chars] if column.table_chars else value


def _narrowest_table(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> int:
    """The width below which rich would have to cut identifiers (it shrinks every column,
    no_wrap ones too, once the wrapping ones are at their narrowest)."""
    width = len(columns) + 1  # the vertical borders
    for index, column in enumerate(columns):
        widest = max([cell_len(column.name), *(cell_len(row[index]) for row in rows)])
        width += 2 + (widest if column.identifier else min(widest, MIN_TEXT_WIDTH))
    return width
