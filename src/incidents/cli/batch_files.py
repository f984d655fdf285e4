"""``incidents batch --prepare`` and ``--collect``: batch files for OpenAI-style engines.

Argument checks, error lines and exit codes; the work is :mod:`incidents.batch.requests_file`
and :mod:`incidents.batch.collect`.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from incidents.cli.support import print_error
from incidents.config import BackendConfig, ConfigError, resolve_backend
from incidents.model.store import CacheMode, ResponseStore


def batch_file_backend(
    backend: str | None, *, model: str | None, base_url: str | None, mode: str | None
) -> BackendConfig | str:
    """The openai settings batch files are written for, or an error line.

    No key is needed: nothing is sent to the model (the engine's owner submits the file). A
    ``--base-url`` is only asked which server it is (``GET /models``), as live, when that
    decides the body's form (llama.cpp's ``json_object``).
    """
    if backend is not None and backend.strip().lower() != "openai":
        return (
            "--prepare/--collect write and read OpenAI Batch files, for the openai backend; "
            f"drop --backend {backend} (the engine is named by --model, --mode, --base-url)"
        )
    try:
        return resolve_backend("openai", model=model, base_url=base_url, mode=mode,
                               key_required=False)  # fmt: skip
    except ConfigError as error:
        return str(error)


def run_prepare_command(
    input_path: Path, requests: Path, *, prompt: str, backend: BackendConfig, console: Console
) -> int:
    """Write the request file; summary on ``console``.

    Returns:
        0 when every article has its requests (or needs none), 1 when some input is unusable,
        2 for bad arguments or settings.
    """
    from incidents.batch.inputs import BadInput
    from incidents.batch.requests_file import prepare_requests
    from incidents.model.backend import BackendError
    from incidents.prompting.prompts import PromptError

    try:
        summary = prepare_requests(input_path, requests, prompt=prompt, backend=backend)
    except (BadInput, PromptError, ConfigError, OSError) as error:
        return print_error(console, str(error), backend.api_key)
    except BackendError as error:  # the one question to a --base-url (which server is it?)
        hint = "without --base-url the bodies follow --mode (--mode json_schema for vLLM)"
        return print_error(console, f"{error} (asked which server it is; {hint})", backend.api_key)
    console.print(summary)
    return 1 if summary.bad_input else 0


def run_collect_command(
    input_path: Path,
    responses: list[Path],
    out: Path,
    *,
    retry_file: Path | None,
    prompt: str,
    backend: BackendConfig,
    cache_mode: CacheMode,
    store: ResponseStore | None,
    console: Console,
) -> int:
    """Collect the engine's answers into ``out``; progress and errors on stderr.

    Returns:
        The live batch's exit codes: 0 all ``ok``, 1 some failed (their requests, where
        sending them again can help, are in the follow-up file), 130 interrupted, 2 for bad
        arguments.
    """
    from incidents.batch.collect import collect_batch
    from incidents.batch.inputs import BadInput
    from incidents.batch.output import NotABatchOutput, OutputLocked
    from incidents.batch.progress import BatchProgress
    from incidents.batch.runner import FATAL
    from incidents.model.backend import BackendError

    missing = [str(path) for path in responses if not path.is_file()]
    if missing:
        return print_error(
            console, f"--collect {missing[0]} is not a file (the engine's output)", backend.api_key
        )
    if retry_file is not None and retry_file.resolve() in {p.resolve() for p in responses}:
        return print_error(
            console, "--retry-file must not be one of the --collect files", backend.api_key
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        summary = collect_batch(
            input_path,
            responses,
            out,
            retry_file=retry_file,
            prompt=prompt,
            backend=backend,
            cache_mode=cache_mode,
            store=store,
            progress=BatchProgress.for_console(console, description=f"collect → {out.name}"),
        )
    except (BadInput, NotABatchOutput, OutputLocked, BackendError, OSError, *FATAL) as error:
        return print_error(console, str(error), backend.api_key)
    except KeyboardInterrupt:
        console.print(f"interrupted: {out} holds the collected articles; run the same command "
                      "again to resume", highlight=False, soft_wrap=True)  # fmt: skip
        return 130
    console.print(summary)
    return summary.exit_code
