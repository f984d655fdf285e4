"""``incidents batch``: the command around :func:`incidents.batch.runner.run_batch`.

Argument checks, error lines and exit codes live here; the run itself (concurrency, resuming,
the output file) is :mod:`incidents.batch.runner`. ``--prepare`` and ``--collect`` (batch files
for OpenAI-style engines) are :mod:`incidents.cli.batch_files`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

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
    prompt_and_backend,
)
from incidents.cli.support import print_error
from incidents.config import BackendConfig
from incidents.model.store import CacheMode, ResponseStore

if TYPE_CHECKING:
    from incidents.batch.runner import Extractor


def batch(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="Directory of .txt/.md/.html files, a JSONL of {id, text, published?, url?, "
            "title?}, or an RSS/Atom feed (.xml/.rss/.atom: each item's text, link and date).",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Results JSONL (appended; re-running resumes). Needed to run now and with "
            "--collect; not with --prepare.",
        ),
    ] = None,
    prepare: Annotated[
        Path | None,
        typer.Option(
            "--prepare",
            metavar="REQUESTS.jsonl",
            help="Write the requests as an OpenAI Batch input file (one line per article, per "
            "chunk of a long one; bodies exactly as the openai backend sends them) for "
            "OpenAI/Azure Batch, vllm run-batch or LiteLLM, instead of calling a model. "
            "Without --out. Uses --model, --mode, --base-url, --prompt; no key needed.",
        ),
    ] = None,
    collect: Annotated[
        list[Path] | None,
        typer.Option(
            "--collect",
            metavar="RESPONSES.jsonl",
            help="Read the engine's output file(s) for --prepare's requests and write --out "
            "as a live batch would (repeat for a follow-up run's output; same --model, --mode, "
            "--prompt as prepared).",
        ),
    ] = None,
    retry_file: Annotated[
        Path | None,
        typer.Option(
            "--retry-file",
            metavar="REQUESTS.jsonl",
            help="With --collect: where the requests still to send go (missing answers, "
            "engine errors, re-asks of invalid answers). Default: OUT's stem + .retry.jsonl.",
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            help="Articles in flight; the local model decodes them together "
            "(default: 1 local, 4 openai)."
        ),
    ] = None,
    cache: CacheOpt = None,
    live: LiveOpt = False,
    replay: ReplayOpt = False,
    no_cache: NoCacheOpt = False,
    store: StoreOpt = None,
    prompt: PromptOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
) -> None:
    """Extract incidents from many articles: concurrent, resumable, nothing lost.

    Three ways: --out RESULTS (run now); --prepare REQUESTS (write requests for a batch
    engine); --collect RESPONSES --out RESULTS (the engine's answers into results).
    """
    problem = _check_way(out, prepare, collect, retry_file, concurrency)
    if problem:
        fail(problem)
    cache_mode, response_store = cache_and_store(
        cache, live=live, replay=replay, no_cache=no_cache, store=store
    )
    if prepare is not None or collect:
        _batch_files(input_path, out, prepare, collect or [], retry_file, prompt=prompt,
                     backend=backend, model=model, base_url=base_url, mode=mode,
                     cache_mode=cache_mode, store=response_store)  # fmt: skip
    assert out is not None  # _check_way: a live run has --out
    loaded, config = prompt_and_backend(prompt, backend, model=model, base_url=base_url, mode=mode)
    ref = loaded.ref  # the workers load their own
    code = run_batch_command(
        input_path,
        out,
        prompt=ref,
        backend=config,
        concurrency=concurrency,
        cache_mode=cache_mode,
        store=response_store,
        console=Console(stderr=True),
    )
    raise typer.Exit(code)


def run_batch_command(
    input_path: Path,
    out: Path,
    *,
    prompt: str,
    backend: BackendConfig,
    concurrency: int | None,
    cache_mode: CacheMode,
    store: ResponseStore | None,
    console: Console,
    extractor: Extractor | None = None,
) -> int:
    """Run a batch, progress and errors on stderr, summary on ``console``.

    Returns:
        The exit code: 0 when every article is ``ok``, 1 when any failed, 130 when interrupted
        (Ctrl-C; re-running resumes), 2 for bad arguments
        (missing or unusable input, ``--out`` a directory or the input itself, a concurrency
        below 1, an unknown prompt, an ``--out`` file that is not a batch output or is in use,
        a backend that cannot be used at all).
    """
    # Imported here, not at the top: `incidents --help` should not load the batch machinery.
    from incidents.batch.inputs import BadInput
    from incidents.batch.output import NotABatchOutput, OutputLocked
    from incidents.batch.progress import BatchProgress
    from incidents.batch.runner import FATAL, run_batch
    from incidents.prompting.prompts import PromptError, load_prompt

    errors = console if console.stderr else Console(stderr=True)

    def fail(message: str) -> int:
        return print_error(console, message, backend.api_key)

    problem = _check_arguments(input_path, out, concurrency)
    if problem:
        return fail(problem)
    try:
        load_prompt(prompt)  # an unknown version would fail every article the same way
    except PromptError as exc:
        return fail(str(exc))
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        summary = run_batch(
            input_path,
            out,
            prompt=prompt,
            backend=backend,
            concurrency=concurrency,
            cache_mode=cache_mode,
            store=store,
            extractor=extractor,
            progress=BatchProgress.for_console(console, description=f"batch → {out.name}"),
        )
    except (BadInput, NotABatchOutput, OutputLocked, *FATAL) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        # Every finished article is already on disk and the file was compacted on the way
        # out, so the useful thing to say is how to go on.
        errors.print(f"interrupted: {out} holds the finished articles; run the same command "
                     "again to resume", highlight=False, soft_wrap=True)  # fmt: skip
        return 130
    console.print(summary)
    return summary.exit_code


def _check_way(
    out: Path | None,
    prepare: Path | None,
    collect: list[Path] | None,
    retry_file: Path | None,
    concurrency: int | None,
) -> str | None:
    """Which of the three ways the flags ask for, as an error line when they do not fit."""
    if prepare is not None and collect:
        return "--prepare and --collect exclude each other: prepare first, collect the answers"
    if prepare is not None and out is not None:
        return (
            "--prepare writes requests, not results: drop --out (results come from "
            "--collect RESPONSES.jsonl --out RESULTS.jsonl)"
        )
    if collect and out is None:
        return "--collect needs --out RESULTS.jsonl (where the results go)"
    if prepare is None and not collect and out is None:
        return (
            "give --out RESULTS.jsonl (run now), --prepare REQUESTS.jsonl (write requests for "
            "a batch engine) or --collect RESPONSES.jsonl --out RESULTS.jsonl"
        )
    if retry_file is not None and not collect:
        return "--retry-file goes with --collect"
    if concurrency is not None and (prepare is not None or collect):
        return "--concurrency is for running now; --prepare and --collect call no model"
    return None


def _batch_files(
    input_path: Path,
    out: Path | None,
    prepare: Path | None,
    collect: list[Path],
    retry_file: Path | None,
    *,
    prompt: str | None,
    backend: str | None,
    model: str | None,
    base_url: str | None,
    mode: str | None,
    cache_mode: CacheMode,
    store: ResponseStore | None,
) -> NoReturn:
    from incidents.cli.batch_files import (
        batch_file_backend,
        run_collect_command,
        run_prepare_command,
    )
    from incidents.config import default_prompt
    from incidents.prompting.prompts import PromptError, load_prompt

    try:
        ref = load_prompt(prompt or default_prompt()).ref
    except PromptError as error:
        fail(str(error))
    config = batch_file_backend(backend, model=model, base_url=base_url, mode=mode)
    if isinstance(config, str):
        fail(config)
    target = prepare if prepare is not None else out
    assert target is not None  # _check_way
    problem = _check_arguments(input_path, target, None)
    if problem:
        fail(problem.replace("--out", "--prepare") if prepare is not None else problem)
    console = Console(stderr=True)
    if prepare is not None:
        code = run_prepare_command(input_path, prepare, prompt=ref, backend=config,
                                   console=console)  # fmt: skip
    else:
        code = run_collect_command(input_path, collect, target, retry_file=retry_file,
                                   prompt=ref, backend=config, cache_mode=cache_mode,
                                   store=store, console=console)  # fmt: skip
    raise typer.Exit(code)


def _check_arguments(input_path: Path, out: Path, concurrency: int | None) -> str | None:
    from incidents.batch.feeds import is_feed
    from incidents.batch.inputs import ARTICLE_SUFFIXES, is_jsonl

    if concurrency is not None and concurrency < 1:
        return f"--concurrency must be at least 1, got {concurrency}"
    if not input_path.exists():
        return f"input {input_path} does not exist"
    if not input_path.is_dir() and not is_jsonl(input_path) and not is_feed(input_path):
        return (
            f"input {input_path} must be a directory of .txt/.md/.html files, a .jsonl file "
            "or an RSS/Atom feed (.xml/.rss/.atom); use `incidents extract` for one article"
        )
    if out.is_dir():
        return f"--out {out} is a directory; give a file name, e.g. {out / 'results.jsonl'}"
    if out.exists() and out.resolve() == input_path.resolve():
        return "--out must not be the input file"
    if (
        input_path.is_dir()
        and out.resolve().is_relative_to(input_path.resolve())
        and out.suffix.lower() in ARTICLE_SUFFIXES
    ):
        # A .jsonl output inside the input folder is harmless (not an article suffix), but a
        # .txt/.md/.html one would be read as an article by the next run.
        return "--out must not be an article file inside the input directory"
    return None
