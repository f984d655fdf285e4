"""The fixed prompt prefix is evaluated once, ever: a new process loads its saved KV state and
evaluates only the article; a second request in the same process reuses it in memory.

Counted with llama.cpp's own counter of evaluated prompt tokens, in fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.model, pytest.mark.timeout(900)]

ARTICLES = (
    "Gunmen killed two soldiers at a checkpoint near Kirkuk on Monday, police said.",
    "Protesters blocked the main road in Basra on Sunday, demanding electricity.",
)

SCRIPT = """
import json, sys
from incidents.config import resolve_backend
from incidents.model.backend import ModelRequest
from incidents.model.clients import make_backend
from incidents.pipeline.article import Article
from incidents.prompting.forms import OUTPUT_FORMS
from incidents.prompting.prompts import load_prompt

prompt = load_prompt("extract_incidents@v4")
config = resolve_backend("local")
from incidents.model.clients.local import load_decoder, load_llama
backend = make_backend(config)
decoder = load_decoder(config, load_llama(config))
calls = []
for text in sys.argv[1:]:
    article = Article.of(text)
    rendered = prompt.render(text, None, article.sentences)
    decoder.reset_counters()
    answered = backend.complete(ModelRequest(
        rendered.messages, OUTPUT_FORMS[prompt.spec.output_form], prompt.spec.sampling,
        {"sentence_range": (1, len(article.sentences))}, rendered.fixed_turns,
    ))
    stats, answer = answered.stats, answered.output
    calls.append({
        "states": stats.prefix_states,
        "evaluated": stats.prompt_tokens_evaluated,
        "counted_by_llama_cpp": decoder.prompt_tokens_evaluated(),
        "prompt_tokens": stats.usage.prompt_tokens,
        "prefix": stats.prefix_tokens,
        "answer": answer.model_dump(mode="json"),
        "client": id(backend._clients["decoder"]),
    })
print(json.dumps(calls))
"""


def fresh_process(cache: Path, *articles: str) -> list[dict[str, Any]]:
    from incidents.model.model_file import model_path

    env = {**os.environ, "INCIDENTS_CACHE_DIR": str(cache)}
    env["INCIDENTS_MODEL_PATH"] = str(model_path())  # the assembled file, not a new copy
    env.pop("INCIDENTS_PREFIX_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *articles],
        capture_output=True, text=True, timeout=600, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_new_process_loads_the_prefix_and_evaluates_only_the_article(tmp_path: Path) -> None:
    [first] = fresh_process(tmp_path, ARTICLES[0])
    assert first["states"] == ["saved"]
    assert first["prefix"] > 500  # system text and few-shot turns
    assert first["evaluated"] == first["prompt_tokens"]  # nothing to reuse yet
    assert list((tmp_path / "prefix-states").glob("*.kvstate"))

    second, again = fresh_process(tmp_path, ARTICLES[1], ARTICLES[0])
    for call in (first, second, again):  # our count is llama.cpp's own
        assert call["evaluated"] == call["counted_by_llama_cpp"]
    assert second["states"] == ["loaded"]
    assert second["prefix"] == first["prefix"]
    # Only the article's turn is evaluated: the prompt minus the saved prefix.
    assert second["evaluated"] == second["prompt_tokens"] - second["prefix"]
    assert second["evaluated"] < 150
    # The next article in the same process finds the prefix still in memory.
    # (A few more tokens may be reused: both articles' turns open alike.)
    assert again["states"] == ["reused"]
    assert again["evaluated"] <= again["prompt_tokens"] - again["prefix"]
    # Greedy decoding from a loaded state answers as from a freshly evaluated one.
    assert again["answer"] == first["answer"]
    # One instructor client per backend, however many calls; each call returns its own usage.
    assert second["client"] == again["client"]
    assert again["prompt_tokens"] == first["prompt_tokens"]  # the same article, not a sum
