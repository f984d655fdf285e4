"""Deterministic parts around the model, without a model: forms, chunks, language, store,
modes, transport errors, salvage."""

from __future__ import annotations

import json

import pytest

from incidents.config import ConfigError, resolve_backend
from incidents.extraction import CHUNK_CHARS, chunk_sentences, detect_language
from incidents.model.backend import transport_category
from incidents.model.clients import choose_mode
from incidents.model.salvage import complete_prefix
from incidents.model.store import ResponseStore, request_key
from incidents.prompting.forms import LeanIncident, LeanIncidents
from incidents.text.language.sentences import number_sentences

ARTICLE = (
    "دير الزور – قُتل أربعة من مقاتلي الحرس الثوري الإيراني، أمس، "
    "بغارة جوية استهدفت موقعاً في مدينة البوكمال.\n"
    "وقال مسؤول محلي إن الوضع هادئ.\n"
    "واعتقلت دورية ١٢ شخصاً في مدينة الميادين.\n"
)


def test_lean_form_becomes_cited_form() -> None:
    lean = LeanIncidents.model_validate(
        {
            "incidents": [
                {
                    "sentences": [1],
                    "sub_event_type": "arrests",
                    "place": "X",
                    "when": "أمس",
                    "actors": [{"name": "A", "role": "perpetrator"}],
                    "detained": 3,
                }
            ]
        }
    )
    cited = lean.cited()[0]
    assert cited.event_type == "strategic_developments"
    assert cited.date_phrase == "أمس" and cited.detained == 3 and cited.summary is None


def test_lean_form_drops_incidents_citing_sentences_outside_the_article() -> None:
    answer = LeanIncidents.model_validate(
        {
            "incidents": [
                {"sentences": [7], "sub_event_type": "arrests"},
                {"sentences": [2, 9], "sub_event_type": "air_drone_strike"},
            ]
        },
        context={"sentence_range": (1, 3)},
    )
    # The item citing only [7] is dropped; the other keeps its one real sentence.
    assert [(i.sentences, i.sub_event_type) for i in answer.incidents] == [
        ([2], "air_drone_strike")
    ]
    with pytest.raises(ValueError, match="not in the article"):  # one incident alone still fails
        LeanIncident.model_validate(
            {"sentences": [7], "sub_event_type": "arrests"}, context={"sentence_range": (1, 3)}
        )


def test_truncated_answer_keeps_complete_items() -> None:
    cut = '{"incidents": [{"sentences": [1], "note": "a } b"}, {"sentences": [2], "sub'
    assert complete_prefix(cut) == {"incidents": [{"sentences": [1], "note": "a } b"}]}
    assert complete_prefix('{"incidents": [{"sent') is None


def test_long_articles_are_chunked_with_overlap() -> None:
    text = " ".join(f"Sentence number {i} reports something of interest here." for i in range(400))
    sentences = number_sentences(text).sentences
    chunks = chunk_sentences(sentences)
    assert len(chunks) > 1
    assert all(sum(len(s.text) for s in c) <= CHUNK_CHARS for c in chunks)
    assert chunks[0][-1].number > chunks[1][0].number - 1  # overlap
    covered = {s.number for c in chunks for s in c}
    assert covered == {s.number for s in sentences}


def test_short_articles_are_one_chunk() -> None:
    sentences = number_sentences(ARTICLE).sentences
    assert chunk_sentences(sentences) == [sentences]


@pytest.mark.parametrize(
    "text,code",
    [
        (ARTICLE, "ar"),
        ("Three soldiers were killed in the attack, the army said.", "en"),
        ("Trois soldats ont été tués dans l'attaque, selon l'armée.", "fr"),
    ],
)
def test_language_guess(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_store_round_trip_and_key_sensitivity(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = ResponseStore(tmp_path)
    key = request_key(
        backend="local", model="m", prompt_sha256="a" * 64, schema_version="1", request={"x": 1}
    )
    other = request_key(
        backend="local", model="m", prompt_sha256="b" * 64, schema_version="1", request={"x": 1}
    )
    assert key != other
    assert store.get(key) is None
    store.put(key, {"incidents": []}, {"calls": 1}, {"prompt": "p@v1"})
    assert store.get(key).output == {"incidents": []}
    assert json.loads(next(tmp_path.glob("??/*.json")).read_text())["key"] == key
    with pytest.raises(ValueError):
        store.get("../../etc/passwd")


def test_mode_choice_per_endpoint() -> None:
    assert choose_mode("https://api.openai.com/v1", None) == "tools"
    assert choose_mode("http://127.0.0.1:8000/v1", "me") == "json_schema"  # llama.cpp server
    assert choose_mode("http://gpu-box:8000/v1", "vllm") == "json_schema"
    assert choose_mode("http://unknown:1234/v1", None) == "tools"


def test_transport_errors_are_classified() -> None:
    import httpx
    import openai

    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    limited = openai.RateLimitError(
        "slow down", response=httpx.Response(429, request=request), body=None
    )
    assert transport_category(limited) == "rate_limited"
    assert transport_category(openai.APIConnectionError(request=request)) == "connection"
    assert transport_category(ValueError("not transport")) is None


def test_openai_backend_needs_a_key_except_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="needs an API key"):
        resolve_backend("openai")
    assert resolve_backend("openai", base_url="http://127.0.0.1:8000/v1").api_key
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-123")
    config = resolve_backend("openai")
    assert "sk-test-123" not in repr(config)  # keys never reach logs through repr
