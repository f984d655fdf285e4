"""Plain helpers of the command line: the rich table of ``extract --format table``.

Reading the article is :func:`incidents.reading.read_article`, shared with the library."""

from __future__ import annotations

from rich.console import Console
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
