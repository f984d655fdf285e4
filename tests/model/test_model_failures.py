"""One classifier of failed model calls: the backends retry by it, BackendError carries its
verdict, and the batch takes that verdict as is."""

from __future__ import annotations

import json

import httpx
import openai
import pytest

from incidents.batch.failures import classify_failure
from incidents.model.backend import BackendError, Sampling, describe_request
from incidents.model.failures import failure_category, transport_category
from incidents.prompting.forms import OUTPUT_FORMS
from incidents.prompting.prompts import load_prompt

REQUEST = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")


def _raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_a_body_that_is_not_json_is_the_servers_failure() -> None:
    # httpx reads the body: invalid JSON raised there is a broken response, retried.
    response = httpx.Response(200, content=b'{"choices": [', request=REQUEST)
    with pytest.raises(json.JSONDecodeError) as caught:
        response.json()
    assert failure_category(caught.value) == "server_error"
    assert transport_category(caught.value) == "server_error"


def test_an_answer_that_is_not_json_is_the_models_failure() -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads("Here are the incidents: ...")
    assert failure_category(caught.value) == "invalid_output"
    assert transport_category(caught.value) is None  # re-asked by instructor, never resent


def test_transport_errors_through_wrappers() -> None:
    limited = openai.RateLimitError(
        "slow down", response=httpx.Response(429, request=REQUEST), body=None
    )
    wrapper = RuntimeError("InstructorRetryException: slow down")
    wrapper.__cause__ = limited
    assert transport_category(wrapper) == "rate_limited"
    assert transport_category(openai.APITimeoutError(request=REQUEST)) == "timeout"
    assert transport_category(_raised(ConnectionResetError("peer"))) == "connection"
    assert failure_category(ValueError("not a model failure")) is None


def test_backend_error_category_is_taken_as_is() -> None:
    error = BackendError("server_error", "the server's response is not JSON: <html>")
    assert transport_category(error) == "server_error"
    assert classify_failure(error) == ("server_error", "the server's response is not JSON: <html>")
    # ...even when what caused it would read otherwise.
    wrapped = BackendError("invalid_output", "the answer did not validate")
    wrapped.__cause__ = openai.APITimeoutError(request=REQUEST)
    assert classify_failure(wrapped) == ("invalid_output", "the answer did not validate")


def test_batch_only_adds_its_own_reasons() -> None:
    class InputError(ValueError):
        pass

    assert classify_failure(InputError("the article is empty"))[0] == "bad_input"
    assert classify_failure(KeyError("bug")) == ("error", "KeyError: 'bug'")


def test_sampling_in_the_request_description_is_unchanged() -> None:
    prompt = load_prompt("extract_incidents@v4")
    assert isinstance(prompt.spec.sampling, Sampling)
    described = describe_request([], OUTPUT_FORMS[prompt.spec.output_form], prompt.spec.sampling)
    # Part of the response-store key: keys, order and types must never change.
    assert json.dumps(described["sampling"]) == (
        '{"temperature": 0.0, "top_p": 1.0, "repeat_penalty": 1.0, "max_tokens": 900}'
    )
    assert json.dumps(Sampling().model_dump()) == (
        '{"temperature": 0.0, "top_p": 1.0, "repeat_penalty": 1.0, "max_tokens": 1200}'
    )
    with pytest.raises(ValueError):
        Sampling(temperature=3.0)
