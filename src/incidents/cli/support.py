"""Plain helpers of the command line: the rich table of ``extract --format table``, and the
one error line of the batch commands.

Reading the article is :func:`incidents.reading.read_article`, shared with the library."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from incidents.schema import ExtractionResult


def render_table(result: ExtractionResult, console: Console) -> None:
    table = Table(
        title=f"{result.document_id}: {len(result.incidents)} incident(s)", show_lines=True
    )
    for column in ("type", "where", "when", "actors", "killed", "injured", "detained", "summary"):
        table.add_column(column)
    for incident in result.incidents:
        table.add_row(
            f"{incident.event_type}\n{incident.sub_event_type}",
            incident.location.name or incident.location.name_original or "?",
            str(incident.date.start or incident.date.text or "?"),
            "\n".join(f"{a.name} ({a.role})" for a in incident.actors),
            *(
                str(v) if v is not None else "-"
                for v in (incident.fatalities, incident.injured, incident.detained)
            ),
            incident.summary,
        )
    console.print(table)
    p = result.provenance
    console.print(
        f"{p.prompt} · {p.backend}/{p.model} · {p.seconds:.1f}s · "
        f"{p.usage.prompt_tokens}+{p.usage.completion_tokens} tokens"
    )


def print_error(console: Console, message: str, secret: str | None) -> int:
    """Print ``error: message`` on stderr and return exit code 2.

    Unlike :func:`incidents.cli.options.fail` this returns the code, so tests can drive a
    command without an exit; a key that slipped into an exception message is masked first.
    """
    from incidents.batch.failures import redact

    errors = console if console.stderr else Console(stderr=True)
    message = escape(redact(message, secret))
    errors.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return 2
