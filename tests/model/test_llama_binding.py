"""One test per llama-cpp-python private that ``llama_binding`` touches (issue 24), against the
installed binding and the embedded model: an upgrade that moves one fails here, by name."""

from __future__ import annotations

import json
from importlib.metadata import version
from typing import Any

import pytest

from incidents.model.clients.llama_binding import (
    TESTED_VERSIONS,
    grammar_of_schema,
    model_handles,
    token_text,
)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def llama() -> Any:
    from incidents.config import resolve_backend
    from incidents.model.clients.local import load_llama

    return load_llama(resolve_backend("local"))


def test_the_installed_binding_is_a_tested_version() -> None:
    assert version("llama-cpp-python") in TESTED_VERSIONS


def test_model_handles_are_the_c_model_and_vocabulary(llama: Any) -> None:
    import llama_cpp

    handles = model_handles(llama)
    assert llama_cpp.llama_vocab_n_tokens(handles.vocab) == llama.n_vocab()
    assert llama_cpp.llama_model_n_ctx_train(handles.model) == int(
        llama.metadata["qwen2.context_length"]
    )


def test_token_text_gives_special_tokens_as_written(llama: Any) -> None:
    assert token_text(llama, llama.token_eos()) == "<|im_end|>"  # the instruct model's EOS
    im_end = llama.tokenize(b"<|im_end|>", add_bos=False, special=True)
    assert [token_text(llama, t) for t in im_end] == ["<|im_end|>"]
    assert token_text(llama, -1) == ""


def test_grammar_of_a_schema_is_gbnf_text_and_its_root() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    text, root = grammar_of_schema(json.dumps(schema))
    assert root == "root"
    assert text.count("::=") >= 2 and "root ::=" in text
