"""Plain helpers of the command line, kept apart from ``cli.py`` (the only typer module):
reading an article file or stdin, and the rich table of ``--format table``."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from incidents.schema import ExtractionResult

MAX_FILE_BYTES = 1 << 20  # 1 MiB: far above any article, far below anything that hurts


class ArticleRefused(ValueError):
    """The file or stdin is not an article we can read; the message says why."""


def read_article(path: str) -> str:
    """Read PATH or '-' (stdin) as UTF-8 text, refusing what is not an article."""
    if path == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        name = "stdin"
    else:
        file = Path(path)
        if not file.exists():
            raise ArticleRefused(f"no such file: {path}")
        if not file.is_file():
            raise ArticleRefused(f"not a file: {path}")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise ArticleRefused(
                f"{path} is {file.stat().st_size:,} bytes; "
                f"the limit is {MAX_FILE_BYTES:,} bytes (1 MiB)"
            )
        raw = file.read_bytes()
        name = path
    if len(raw) > MAX_FILE_BYTES:
        raise ArticleRefused(f"{name} is over the limit of {MAX_FILE_BYTES:,} bytes (1 MiB)")
    if b"\x00" in raw:
        raise ArticleRefused(f"{name} looks binary (it contains NUL bytes); give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleRefused(
            f"{name} is not valid UTF-8 (byte {error.start}); convert it, e.g. iconv -t UTF-8"
        ) from error
    if not text.strip():
        raise ArticleRefused(f"{name} is empty (no text to extract from)")
    return text


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
