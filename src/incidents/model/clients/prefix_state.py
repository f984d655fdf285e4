"""The fixed part of a prompt is evaluated once, ever.

Everything before the article (system text, few-shot turns, the opening of the article's user
turn) is the same for every article of a prompt version: ~1,000 tokens that a one-off
``incidents extract`` would otherwise evaluate from scratch in each new process (12–14 s on two
cores). The decoder (:mod:`.decoder`) keeps it in a sequence of its own, saves that
sequence's KV state with llama.cpp's ``llama_state_seq_save_file`` to the cache directory, and
the next process loads it and evaluates only the article. Inside one process the prefix stays
in that sequence, and every request's sequence shares its cells, so nothing is loaded twice.

llama-cpp-python's ``LlamaDiskCache``/``LlamaRAMCache`` are not used: each saved state there
pickles a ~300 MB logits array, and the disk cache pops entries on read and ignores its size
limit (llama-cpp-python issues #1402, #1737). A saved prefix here is tens of MB.

A state file is keyed by everything its content depends on: the model file (its verified
sha256 for the embedded model; path, size and mtime for another GGUF), the prefix's exact
tokens (so the prompt version's text and the chat template), ``n_ctx``, and the llama.cpp
build (llama-cpp-python's version and the CPU features it was built with). The output schema
does not enter the KV state (it only constrains sampling), so it is not part of the key.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from incidents.config import BackendConfig, cache_dir
from incidents.model.clients.llama_binding import token_text

SENTINEL = "\u2063ARTICLE\u2063"  # invisible separators: never in a prompt's own text
STATE_SUFFIX = ".kvstate"


def prefix_dir() -> Path:
    """Where prefix states live: ``<cache dir>/prefix-states``."""
    return cache_dir() / "prefix-states"


@functools.lru_cache(maxsize=4)  # a Llama is loaded once per process; its template compiles once
def _formatter(llama: Any) -> Any | None:
    """The chat formatter llama-cpp-python uses for this model, or None for formats we do not
    render (then the decoder refuses the request)."""
    from llama_cpp import llama_chat_format

    template = llama.metadata.get("tokenizer.chat_template")
    if llama.chat_format != "chat_template.default" or not template:
        return None

    return llama_chat_format.Jinja2ChatFormatter(
        template=template,
        eos_token=token_text(llama, llama.token_eos()),
        bos_token=token_text(llama, llama.token_bos()),
        stop_token_ids=[llama.token_eos()],
    )


def _tokens(llama: Any, formatter: Any, messages: Sequence[dict[str, str]]) -> list[int]:
    # As llama-cpp-python's completion tokenizes a rendered chat prompt.
    prompt = formatter(messages=list(messages)).prompt
    return list(llama.tokenize(prompt.encode("utf-8"), special=True))


def _common_length(a: Sequence[int], b: Sequence[int]) -> int:
    """How many tokens two sequences share from their first."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def render_prompt(
    llama: Any, messages: Sequence[dict[str, str]], fixed_turns: int | None = None
) -> tuple[list[int], list[int]] | None:
    """The chat prompt's tokens as llama-cpp-python would evaluate them, and the part of them
    every article of this prompt shares. ``fixed_turns`` says which leading messages are the
    same for every article (the rendered chunk knows; None: all but the last). The shared part
    is the longest common token prefix of the prompt and those turns followed by a sentinel
    turn, whose tokens are computed once per prompt: each request is rendered and tokenised
    once. None for a chat format we do not render."""
    formatter = _formatter(llama)
    if formatter is None:
        return None
    tokens = _tokens(llama, formatter, messages)
    if not messages:
        return tokens, []
    if fixed_turns is None:
        fixed_turns = len(messages) - 1
    fixed = tuple(tuple(turn.items()) for turn in messages[:fixed_turns])
    probe = _fixed_part_tokens(llama, fixed, messages[fixed_turns]["role"])
    return tokens, tokens[: _common_length(tokens, probe)]


@functools.lru_cache(maxsize=8)
def _fixed_part_tokens(
    llama: Any, fixed: tuple[tuple[tuple[str, str], ...], ...], next_role: str
) -> tuple[int, ...]:
    """The tokens of the fixed turns and a sentinel turn after them (the prompt's own text
    never contains the sentinel, so the shared tokens end where the article's turn begins)."""
    formatter = _formatter(llama)
    turns = [dict(turn) for turn in fixed]
    return tuple(_tokens(llama, formatter, [*turns, {"role": next_role, "content": SENTINEL}]))


def _model_identity(config: BackendConfig, path: str) -> str:
    if config.model_path is None:
        from incidents.model.model_file import QWEN_1_5B

        return QWEN_1_5B.sha256  # verified when the file was assembled
    stat = os.stat(path)
    return f"{os.path.realpath(path)}:{stat.st_size}:{stat.st_mtime_ns}"


def state_path(config: BackendConfig, model_file: str, tokens: Sequence[int]) -> Path:
    """The state file for this model, build, context size and prefix."""
    import llama_cpp

    digest = hashlib.sha256()
    for part in (
        _model_identity(config, model_file),
        str(config.n_ctx),
        llama_cpp.__version__,
        llama_cpp.llama_print_system_info().decode("utf-8", "replace"),
        ",".join(map(str, tokens)),
        # llama_state_seq_save_file's format, computed with llama-cpp-python's context settings
        # (no flash attention: its KV values differ in the last bits)
        "sequence state, no flash attention",
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return prefix_dir() / f"{digest.hexdigest()[:32]}{STATE_SUFFIX}"
