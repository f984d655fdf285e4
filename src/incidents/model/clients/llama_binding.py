"""Every use of llama-cpp-python beyond its public API, in one module.

The embedded decoder (:mod:`.decoder`) drives llama.cpp through the binding's low-level C API,
which needs the model and vocabulary pointers a :class:`llama_cpp.Llama` keeps in a private
attribute; the grammar of a JSON schema and a token's text are also only reachable through
privates. Each is read here and nowhere else, and ``tests/model/test_llama_binding.py`` checks
each one against the installed binding, so upgrading it is a change to this file (and to the
pin in ``pyproject.toml``), found by that test. Versions tested: :data:`TESTED_VERSIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TESTED_VERSIONS = ("0.3.36",)
"""llama-cpp-python versions whose privates this module was checked against."""


@dataclass(frozen=True)
class ModelHandles:
    """The C handles of a loaded model: ``model`` (``llama_model *``) and ``vocab``
    (``llama_vocab *``), for the low-level API (``llama_init_from_model``, sampling)."""

    model: Any
    vocab: Any


def model_handles(llama: Any) -> ModelHandles:
    """The C handles of ``llama``'s model (private: ``Llama._model``, a ``LlamaModel`` whose
    ``model`` and ``vocab`` are the pointers)."""
    internal = llama._model
    return ModelHandles(model=internal.model, vocab=internal.vocab)


def token_text(llama: Any, token_id: int) -> str:
    """A token's text as the vocabulary stores it ("<|im_end|>"), "" for no token
    (private: ``LlamaModel.token_get_text``; the public ``detokenize`` drops special tokens)."""
    return str(llama._model.token_get_text(token_id)) if token_id != -1 else ""


def grammar_of_schema(schema_json: str) -> tuple[str, str]:
    """The GBNF grammar llama-cpp-python makes of a JSON schema (the conversion its own chat
    completion uses), as text and root rule (private: ``LlamaGrammar._grammar``, ``_root``)."""
    from llama_cpp.llama_grammar import LlamaGrammar

    grammar = LlamaGrammar.from_json_schema(schema_json, verbose=False)
    return str(grammar._grammar), str(grammar._root)
