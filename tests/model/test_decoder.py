"""The decoder every greedy extraction uses (incidents.model.clients.decoder), on the real
embedded model: it answers exactly as llama-cpp-python's grammar-constrained completion does,
while checking the greedy token first; and requests in flight together share forward passes."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from incidents.config import resolve_backend

pytestmark = [pytest.mark.model, pytest.mark.timeout(900)]

# Keys in an order and spelling no model would guess: the grammar must overrule its choice.
SCHEMA = {
    "type": "object",
    "properties": {"zz_lines": {"type": "integer"}, "title": {"type": "string", "maxLength": 40}},
    "required": ["zz_lines", "title"],
}
SUBJECTS = ("the sea at night", "a city in the rain", "the desert wind")


def poem_request(subject: str) -> list[dict[str, str]]:
    # A poet asked for prose: the grammar has to overrule the model's first choice often.
    return [
        {"role": "system", "content": "You are a poet."},
        {"role": "user", "content": f"Write a short poem about {subject}, in free verse."},
    ]


def request_for(llama: Any, messages: list[dict[str, str]], max_tokens: int) -> Any:
    from incidents.model.clients.decoder import DecodeRequest
    from incidents.model.clients.local import _grammar_of
    from incidents.model.clients.prefix_state import render_prompt

    return DecodeRequest(
        tokens=(render_prompt(llama, messages) or ([], []))[0],
        prefix=[],
        grammar=_grammar_of(json.dumps(SCHEMA)),
        max_tokens=max_tokens,
    )


@pytest.fixture(scope="module")
def llama() -> Any:
    from incidents.model.clients import load_llama

    return load_llama(resolve_backend("local"))


def new_decoder(llama: Any, slots: int) -> Any:
    from incidents.model.clients.decoder import BatchDecoder
    from incidents.model.clients.llama_binding import model_handles

    return BatchDecoder(
        model_handles(llama),
        base_params=llama.context_params,
        slots=slots,
        n_ctx=2048,
        n_threads=2,
        state_file=lambda _: None,
    )


def test_the_decoder_answers_as_llama_cpp_python_does(llama: Any) -> None:
    messages = poem_request(SUBJECTS[0])
    done = new_decoder(llama, 1).decode(request_for(llama, messages, 60))
    ours = llama.detokenize(done.completion).decode("utf-8")

    llama.reset()  # evaluate the whole prompt from its first token, as the decoder did
    theirs = llama.create_chat_completion(
        messages=messages,
        response_format={"type": "json_object", "schema": SCHEMA},
        temperature=0.0,
        repeat_penalty=1.0,
        max_tokens=60,
    )
    assert ours == theirs["choices"][0]["message"]["content"]
    assert list(json.loads(ours)) == ["zz_lines", "title"]
    assert done.finish_reason == "stop"
    # Both ways of choosing were taken: the grammar overruled the model at least once.
    assert 0 < done.full_masks < len(done.completion)


def test_requests_in_flight_together_share_forward_passes(llama: Any) -> None:
    decoder = new_decoder(llama, len(SUBJECTS))
    answers: dict[str, Any] = {}

    def ask(subject: str) -> None:
        answers[subject] = decoder.decode(request_for(llama, poem_request(subject), 40))

    threads = [threading.Thread(target=ask, args=(subject,)) for subject in SUBJECTS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert set(answers) == set(SUBJECTS)
    decoded = sum(len(done.completion) for done in answers.values())
    # One pass per token if they took turns; together, each pass decodes a token of each.
    assert decoder.passes < 0.6 * decoded
    for done in answers.values():
        assert json.loads(llama.detokenize(done.completion).decode("utf-8"))["title"]
    # Every request was decoding while every other one was.
    starts = [done.first_token_at for done in answers.values()]
    ends = [done.finished_at for done in answers.values()]
    assert max(starts) < min(ends)
