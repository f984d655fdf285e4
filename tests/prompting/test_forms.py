"""Output forms: what a prompt asks the model for, read back as cited drafts."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from incidents.prompting.forms import CompactIncidents
from incidents.prompting.prompts import load_prompt

CONTEXT = {"sentence_range": (1, 4)}


def test_compact_actors_become_perpetrators_and_targets() -> None:
    answer = CompactIncidents.model_validate(
        {
            "incidents": [
                {
                    "sentences": [2, 3],
                    "type": "armed_clash",
                    "place": "Hawija",
                    "by": ["ISIS"],
                    "on": ["Federal Police", "civilians"],
                    "killed": 3,
                }
            ]
        },
        context=CONTEXT,
    )
    [draft] = answer.cited()
    assert draft.event_type == "battles" and draft.sub_event_type == "armed_clash"
    assert [(a.name, a.role) for a in draft.actors] == [
        ("ISIS", "perpetrator"),
        ("Federal Police", "target"),
        ("civilians", "target"),
    ]
    assert (draft.fatalities, draft.injured, draft.detained) == (3, None, None)
    assert draft.date_phrase is None and draft.summary is None


def test_compact_form_keeps_its_bounds() -> None:
    with pytest.raises(ValidationError):
        CompactIncidents.model_validate(
            {"incidents": [{"sentences": [1], "type": "arrests", "by": ["a", "b", "c"]}]},
            context=CONTEXT,
        )


def test_v5_examples_are_written_without_spaces() -> None:
    v5 = load_prompt("extract_incidents@v5")
    answers = [m["content"] for m in v5.messages("Gunmen killed two soldiers.", None)
               if m["role"] == "assistant"]  # fmt: skip
    assert answers and all(", " not in a.replace('", "', "") for a in answers)
    assert all(json.loads(a)["incidents"][0]["type"] for a in answers)
    v4 = load_prompt("extract_incidents@v4")
    assert '"sentences": [' in v4.messages("x", None)[2]["content"]  # released: unchanged
