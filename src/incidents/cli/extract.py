"""``incidents extract``: one article in, one ExtractionResult out."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from incidents.pipeline.trace import StageTrace


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def print_trace(trace: StageTrace, console: Console) -> None:
    """The stage trace, one line each; the model's incidents (``#k``) in bold."""
    for line in trace.lines():
        # Lines quote the article (Arabic, brackets): never read them as rich markup.
        console.print(line, style="bold" if line.startswith("#") else None, markup=False,
                      highlight=False, soft_wrap=True)  # fmt: skip


def extract(
    path: Annotated[
        str,
        typer.Argument(
            help="Article file (UTF-8 text, or a saved .html page: its article text is picked out "
            "by trafilatura), or '-' for stdin."
        ),
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
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also print to stderr what each post-processing stage did to each of the "
            "model's incidents: fields changed (old → new), drops and merges and why. Works "
            "with --replay: the answer is replayed, the stages run again.",
        ),
    ] = False,
) -> None:
    """Extract incidents from one article and print an ExtractionResult."""
    from incidents.extraction import InputError
    from incidents.extraction import extract as run_extract
    from incidents.model.backend import BackendError
    from incidents.model.model_file import ModelUnavailable
    from incidents.model.store import ReplayMiss
    from incidents.pipeline.trace import StageTrace
    from incidents.prompting.prompts import PromptError
    from incidents.reading import ArticleRefused, read_article

    cache_mode, response_store = cache_and_store(
        cache, live=live, replay=replay, no_cache=no_cache, store=store
    )
    try:
        source = read_article(path)
    except ArticleRefused as error:
        fail(str(error))
    # The flag wins over the page's own metadata (extract() does it, and records which).
    published_date = parse_date(published)
    loaded, config = prompt_and_backend(prompt, backend, model=model, base_url=base_url, mode=mode)
    where = config.base_url or "embedded model"
    trace = StageTrace() if explain else None
    try:
        with stderr.status(f"extracting with {config.backend}:{config.model} ({where})…"):
            result = run_extract(
                source,
                published=published_date,
                prompt=loaded,
                backend=config,
                document_id=document_id or (Path(path).stem if path != "-" else None),
                cache_mode=cache_mode,
                store=response_store,
                trace=trace,
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
    if trace is not None:  # stderr: stdout stays one ExtractionResult
        print_trace(trace, stderr)
    stderr.print(
        f"{len(result.incidents)} incident(s) in {result.provenance.seconds:.1f}s", highlight=False
    )
