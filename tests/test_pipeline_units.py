"""Deterministic stages of the pipeline, without a model."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from incidents.assemble import assemble_incident, merge_duplicates, write_summary
from incidents.client import choose_mode
from incidents.config import ConfigError, resolve_backend
from incidents.extract import CHUNK_CHARS, chunk_sentences, detect_language
from incidents.forms import CitedIncident, LeanIncident, LeanIncidents
from incidents.model_calls import transport_category
from incidents.salvage import complete_prefix
from incidents.sentences import number_sentences
from incidents.store import ResponseStore, request_key

ARTICLE = (
    "دير الزور – قُتل أربعة من مقاتلي الحرس الثوري الإيراني، أمس، "
    "بغارة جوية استهدفت موقعاً في مدينة البوكمال.\n"
    "وقال مسؤول محلي إن الوضع هادئ.\n"
    "واعتقلت دورية ١٢ شخصاً في مدينة الميادين.\n"
)


def draft(**overrides: object) -> CitedIncident:
    base = {
        "sentences": [1],
        "event_type": "explosions_remote_violence",
        "sub_event_type": "air_drone_strike",
        "summary": None,
        "place": "البوكمال",
        "date_phrase": "أمس",
        "actors": [{"name": "الحرس الثوري الإيراني", "role": "target"}],
        "fatalities": 4,
    }
    return CitedIncident.model_validate({**base, **overrides})


def arrests_draft(**counts: int | None) -> CitedIncident:
    """The draft of sentence 3 (the arrests in Al Mayadin) with the given counts."""
    return draft(
        sentences=[3], sub_event_type="arrests", event_type="strategic_developments",
        place="الميادين", date_phrase=None, actors=[], **counts,
    )  # fmt: skip


def assemble(d: CitedIncident):  # type: ignore[no-untyped-def]
    context = {"source_text": ARTICLE, "drop_ungrounded": True}
    return assemble_incident(d, text=ARTICLE, published=dt.date(2025, 1, 5), context=context)


def test_evidence_offsets_come_from_the_cited_sentences() -> None:
    incident = assemble(draft())
    first = number_sentences(ARTICLE).sentences[0]
    assert [(e.start, e.end) for e in incident.evidence] == [(first.start, first.end)]
    assert ARTICLE[first.start : first.end] == incident.evidence[0].text


def test_fields_are_normalized_in_code() -> None:
    incident = assemble(draft())
    assert incident.location.name == "Abu Kamal" or "Kamal" in (incident.location.name or "")
    assert incident.location.country == "SY"
    assert incident.date.start == dt.date(2025, 1, 4) and incident.date.precision == "day"
    assert incident.actors[0].name == "Islamic Revolutionary Guard Corps"
    assert incident.actors[0].kind == "external_forces"
    assert incident.fatalities == 4
    assert incident.summary.startswith("Air/drone strike against Islamic Revolutionary Guard Corps")


def test_invented_numbers_are_dropped() -> None:
    # Nothing in sentence 1 says 9 were injured or 30 detained: counts must be in the evidence.
    incident = assemble(draft(injured=9, detained=30))
    assert incident.fatalities == 4
    assert incident.injured is None and incident.detained is None


def test_arabic_indic_digits_ground_a_count() -> None:
    incident = assemble(arrests_draft(fatalities=None, detained=12))
    assert incident.detained == 12


def test_a_date_phrase_not_in_the_article_is_not_kept() -> None:
    incident = assemble(draft(date_phrase="yesterday"))
    assert incident.date.text != "yesterday"
    assert incident.date.text == "أمس"  # the evidence's own words, found in code


def test_duplicates_are_merged() -> None:
    context = {"source_text": ARTICLE}
    one, two = assemble(draft()), assemble(draft(fatalities=None))
    merged = merge_duplicates([one, two], context=context)
    assert len(merged) == 1 and merged[0].fatalities == 4


def test_summary_is_one_sentence_from_the_fields() -> None:
    summary = write_summary(
        {
            "sub_event_type": "armed_clash",
            "actors": [
                {"name": "IRGC", "role": "perpetrator"},
                {"name": "Defectors", "role": "target"},
            ],
            "location": {"name": "Al Mayadin"},
            "fatalities": 2,
            "injured": None,
            "detained": 16,
        }
    )
    assert summary == "Armed clash by IRGC against Defectors in Al Mayadin; 2 killed, 16 detained."


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


def test_an_incident_citing_only_the_dateline_is_dropped() -> None:
    text = "دير الزور\n" + ARTICLE
    context = {"source_text": text, "drop_ungrounded": True}
    only_dateline = draft(sentences=[1])
    assert assemble_incident(only_dateline, text=text, published=None, context=context) is None
    with_dateline = draft(sentences=[1, 2])
    kept = assemble_incident(with_dateline, text=text, published=None, context=context)
    assert kept is not None
    assert kept.evidence[0].text.startswith("دير الزور –")


def test_a_count_the_evidence_gives_to_another_field_is_not_copied() -> None:
    # «اعتقلت دورية ١٢ شخصاً»: 12 detained; a model answering "killed: 12" misplaces it.
    incident = assemble(arrests_draft(fatalities=12, detained=None))
    # An arrest kills nobody by its nature: ACLED's 0, never the misplaced 12.
    assert incident.detained == 12 and incident.fatalities == 0


def test_a_when_that_is_not_a_date_is_replaced_from_the_evidence() -> None:
    incident = assemble(draft(date_phrase="بغارة جوية استهدفت"))
    assert incident.date.text == "أمس" and incident.date.start == dt.date(2025, 1, 4)
