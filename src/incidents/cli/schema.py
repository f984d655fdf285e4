"""``incidents schema``: the JSON Schema of the output."""

from __future__ import annotations

import json

import typer


def schema() -> None:
    """Print the JSON Schema of ExtractionResult."""
    from incidents.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
