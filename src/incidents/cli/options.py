"""What the commands share: the error exit, and options spelled once and resolved once.

Every command that talks to a model takes the same ``--prompt``/``--backend``/``--model``/
``--base-url`` options and the same response-cache options (``--cache MODE``, its shorthands
``--live``, ``--replay`` and ``--no-cache``, and ``--store DIR``); they are declared here as
``Annotated`` types so a flag cannot drift apart between ``extract``, ``batch`` and ``eval``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from incidents.config import BACKENDS, BackendConfig, ConfigError, resolve_backend
from incidents.model.store import CacheMode, ResponseStore
from incidents.text.dates.iso import parse_iso_date

if TYPE_CHECKING:
    from incidents.prompting.prompts import Prompt

stderr = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one ``error: ...`` line to stderr and exit non-zero (2: bad arguments)."""
    # Messages quote user input and file names; escape them so "[x]" is not read as markup.
    stderr.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def parse_date(value: str | None, flag: str = "--published") -> dt.date | None:
    """An ISO date from a flag, or a one-line error exit."""
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        fail(f"{flag} must be an ISO date like 2024-08-12, got {value!r}")


def prompt_and_backend(
    prompt: str | None,
    backend: str | None,
    *,
    model: str | None,
    base_url: str | None,
    mode: str | None = None,
) -> tuple[Prompt, BackendConfig]:
    """The loaded prompt version and backend settings (flags > environment > defaults), or a
    one-line error exit. The prompt is handed on as it is loaded (its ``.ref`` to processes
    that load their own)."""
    from incidents.config import default_prompt
    from incidents.prompting.prompts import PromptError, load_prompt

    try:
        loaded = load_prompt(prompt or default_prompt())
        return loaded, resolve_backend(backend, model=model, base_url=base_url, mode=mode)
    except (PromptError, ConfigError) as error:
        fail(str(error))


def cache_and_store(
    cache: CacheMode | None,
    *,
    live: bool = False,
    replay: bool = False,
    no_cache: bool = False,
    store: Path | None = None,
) -> tuple[CacheMode, ResponseStore | None]:
    """The one cache mode the flags ask for (``read_write`` when none does) and the store.

    ``--live``, ``--replay`` and ``--no-cache`` are spellings of ``--cache live|replay|off``;
    saying the same mode twice is fine, two different modes are a one-line error exit. A
    ``None`` store means the command's default (``evals/responses`` beside an eval's gold set,
    else ``INCIDENTS_RESPONSE_STORE`` or the user cache).
    """
    asked: dict[str, CacheMode] = {}
    if cache is not None:
        asked[f"--cache {cache.value}"] = cache
    if live:
        asked["--live"] = CacheMode.live
    if replay:
        asked["--replay"] = CacheMode.replay
    if no_cache:
        asked["--no-cache"] = CacheMode.off
    modes = set(asked.values())
    if len(modes) > 1:
        flags = list(asked)
        fail(f"{', '.join(flags[:-1])} and {flags[-1]} exclude each other; give one cache mode")
    mode = modes.pop() if modes else CacheMode.read_write
    return mode, ResponseStore(store) if store is not None else None


PromptOpt = Annotated[
    str | None,
    typer.Option(
        "--prompt",
        metavar="TASK@vN",
        help="Prompt version (default: INCIDENTS_PROMPT or the current default).",
    ),
]
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
ModeOpt = Annotated[
    str | None,
    typer.Option(
        "--mode", help="instructor mode override for openai: tools | json_schema | md_json."
    ),
]
CacheOpt = Annotated[
    CacheMode | None,
    typer.Option(
        "--cache",
        metavar="MODE",
        show_default=False,
        help="Response cache: read_write (default: answer from it, record misses), live "
        "(always call the model, record), replay (recorded answers only; a miss is an "
        "error) or off.",
    ),
]
LiveOpt = Annotated[bool, typer.Option("--live", help="Same as --cache live.")]
ReplayOpt = Annotated[bool, typer.Option("--replay", help="Same as --cache replay.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Same as --cache off.")]
StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        metavar="DIR",
        help="Response store directory (default: evals/responses beside an eval's gold set, "
        "else INCIDENTS_RESPONSE_STORE or ~/.cache/incidents/responses).",
    ),
]
