"""``incidents extract``: one article in, one ExtractionResult out."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from incidents.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    CacheOpt,
    LiveOpt,
    ModelOpt,
    ModeOpt,
    NoCacheOpt,
    PromptOpt,
    ReplayOpt,
    StoreOpt,
    cache_and_store,
    fail,
    parse_date,
    prompt_and_backend,
    stderr,
)
from incidents.cli.support import render_table
from incidents.config import ConfigError


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def extract(
    path: Annotated[
        str,
        typer.Argument(help="Article file (UTF-8 text, or a saved .html page), or '-' for stdin."),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD; relative dates resolve against it "
            "(default: the date a .html page states)."
        ),
    ] = None,
    prompt: PromptOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="json (pretty), jsonl (one line) or table.")
    ] = OutputFormat.json,
    document_id: Annotated[
        str | None, typer.Option("--id", help="Document id to record (default: the file name).")
    ] = None,
    cache: CacheOpt = None,
    live: LiveOpt = False,
    replay: ReplayOpt = False,
    no_cache: NoCacheOpt = False,
    store: StoreOpt = None,
) -> None:
    """Extract incidents from one article and print an ExtractionResult."""
    from incidents.extraction import InputError
    from incidents.extraction import extract as run_extract
    from incidents.model.backend import BackendError
    from incidents.model.model_file import ModelUnavailable
    from incidents.model.store import ReplayMiss
    from incidents.prompting.prompts import PromptError
    from incidents.reading import ArticleRefused, read_article

    cache_mode, response_store = cache_and_store(
        cache, live=live, replay=replay, no_cache=no_cache, store=store
    )
    try:
        source = read_article(path)
    except ArticleRefused as error:
        fail(str(error))
    # The flag wins over the page's own metadata: the caller may know better (DESIGN: flags
    # before everything else).
    published_date = parse_date(published) or source.published
    ref, config = prompt_and_backend(prompt, backend, model=model, base_url=base_url, mode=mode)
    where = config.base_url or "embedded model"
    try:
        with stderr.status(f"extracting with {config.backend}:{config.model} ({where})…"):
            result = run_extract(
                source.text,
                published=published_date,
                prompt=ref,
                backend=config,
                document_id=document_id or (Path(path).stem if path != "-" else None),
                cache_mode=cache_mode,
                store=response_store,
            )
    except (InputError, PromptError, ConfigError, ModelUnavailable, ReplayMiss) as error:
        fail(str(error))
    except BackendError as error:
        fail(f"{error.category}: {error}", code=3)
    if output_format is OutputFormat.table:
        render_table(result, Console())
    else:
        indent = 2 if output_format is OutputFormat.json else None
        typer.echo(result.model_dump_json(indent=indent))
    stderr.print(
        f"{len(result.incidents)} incident(s) in {result.provenance.seconds:.1f}s", highlight=False
    )
