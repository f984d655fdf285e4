"""``incidents eval``: score a prompt on a gold set; compare versions; gate CI.

The run is :func:`incidents.evals.session.run_session`; this module turns flags into its
arguments and its result into tables, files and an exit code.
"""

from __future__ import annotations

import json
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
    NoCacheOpt,
    PromptOpt,
    ReplayOpt,
    StoreOpt,
    cache_and_store,
    fail,
    prompt_and_backend,
    stderr,
)
from incidents.config import ConfigError


def eval_command(
    gold: Annotated[
        Path, typer.Option(help="Directory of gold files (searched recursively).")
    ] = Path("evals/gold"),
    prompt: PromptOpt = None,
    compare: Annotated[
        str | None,
        typer.Option(
            metavar="TASK@vM",
            help="Also run TASK@vM on the same articles and compare (paired bootstrap CI).",
        ),
    ] = None,
    skip_stage: Annotated[
        list[str] | None,
        typer.Option(
            "--skip-stage",
            metavar="NAME",
            help="Leave this post-processing stage out (repeatable; see `incidents stages`).",
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
    cache: CacheOpt = None,
    live: LiveOpt = False,
    replay: ReplayOpt = False,
    no_cache: NoCacheOpt = False,
    store: StoreOpt = None,
    predictions: Annotated[
        Path | None,
        typer.Option(
            help="Score ExtractionResult JSONL lines from elsewhere instead of extracting."
        ),
    ] = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Score extractions against gold annotations; compare prompt versions; gate CI."""
    from incidents import evals
    from incidents.pipeline.stages import UnknownStage
    from incidents.prompting.prompts import PromptError

    cache_mode, response_store = cache_and_store(
        cache, live=live, replay=replay, no_cache=no_cache, store=store
    )
    skipped = skip_stage or []
    if update_baseline and baseline is None:
        fail("--update-baseline needs --baseline FILE")
    if update_baseline and skipped:
        fail("--update-baseline records the whole pipeline's scores; drop --skip-stage")
    if predictions is not None and (compare or skipped):
        fail("--predictions scores saved results as they are; --compare and --skip-stage "
             "need a run (drop --predictions)")  # fmt: skip
    if not gold.is_dir():
        fail(f"gold directory not found: {gold}")
    loaded, config = prompt_and_backend(prompt, backend, model=model, base_url=base_url)
    ref = loaded.ref  # the eval session loads each version it compares
    try:
        session = evals.run_session(
            gold,
            prompt=ref,
            backend=config,
            compare=compare,
            cache_mode=cache_mode,
            store=response_store,
            predictions=predictions,
            skip_stages=skipped,
            baseline=baseline,
            update=update_baseline,
            progress=lambda msg: stderr.print(msg, highlight=False),
        )
    except (
        PromptError,
        ConfigError,
        UnknownStage,
        evals.GoldError,
        evals.EvalError,
        evals.PredictionsError,
    ) as error:
        fail(str(error))

    evals.render_report(session.report, Console(), session.comparison)
    if session.report.meta.get("skipped_stages"):
        stderr.print(
            f"skipped stages: {', '.join(session.report.meta['skipped_stages'])}", highlight=False
        )
    if json_out:
        text = json.dumps(session.payload, indent=2, ensure_ascii=False)
        json_out.write_text(text + "\n", encoding="utf-8")
    if markdown_out:
        markdown_out.write_text(session.markdown(), encoding="utf-8")
    if session.baseline_updated:
        stderr.print(f"baseline {baseline} updated for {session.gate_key}", highlight=False)
    elif session.gate_failures:
        for failure in session.gate_failures:
            stderr.print(f"[bold red]gate:[/] {failure}", highlight=False)
        raise typer.Exit(1)
    elif session.gate_checked:
        stderr.print(f"gate passed for {session.gate_key}", highlight=False)
