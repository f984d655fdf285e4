"""The stage trace (``incidents extract --explain``) on hand-made answers, without a model:
what changed, what was dropped and why, what was merged into what, and that tracing changes
nothing in the result."""

from __future__ import annotations

import pytest

from factories import STRIKE_ARTICLE, STRIKE_PUBLISHED, cited_strike
from incidents.pipeline import stages
from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.pipeline.stages import STAGE_NAMES, run_stages
from incidents.pipeline.trace import Change, StageTrace
from incidents.prompting.forms import CitedIncident

ARABIC = STRIKE_ARTICLE
PUBLISHED = STRIKE_PUBLISHED
cited = cited_strike


# The model's answer: #1 the air strike with an injured count no sentence states; #2 the same
# strike again; #3 the "the situation is calm" sentence, which reports no event.
ANSWER = [cited(injured=9), cited(fatalities=None), cited(sentences=[2], fatalities=None)]


def traced(answer: list[CitedIncident], text: str = ARABIC) -> StageTrace:
    trace = StageTrace()
    run_stages(answer, Article.of(text, PUBLISHED), trace=trace)
    return trace


def test_the_trace_shows_a_change_a_drop_and_a_merge() -> None:
    trace = traced(ANSWER)
    assert [d.number for d in trace.drafts] == [1, 2, 3]
    assert trace.stages == list(STAGE_NAMES)

    strike = trace.draft(1)
    counts = strike.step("ground_counts")
    assert counts is not None and Change("injured", "9", "none") in counts.changes
    merge = strike.step("merge_repeats")
    assert merge is not None and merge.took_in == [2]
    assert strike.outcome == "incident 1 of the result"
    # A stage that did nothing to the draft is counted, not listed as a step.
    assert "cite_group_size" in strike.untouched
    assert strike.step("cite_group_size") is None

    repeat = trace.draft(2).step("merge_repeats")
    assert repeat is not None and repeat.merged_into == 1
    assert repeat.reasons == ["same air_drone_strike, both cite [1]"]  # merge_repeats' note
    assert trace.draft(2).outcome == "merged into #1 by merge_repeats"

    calm = trace.draft(3)
    dropped = calm.steps[-1]
    assert dropped.stage == "drop_non_events" and dropped.dropped
    assert dropped.merged_into is None
    # The stage's note says why; a stage that notes nothing is explained by its one-line rule.
    assert dropped.reasons or dropped.rule == stages.drop_non_events.STAGE.summary
    assert calm.outcome == "dropped by drop_non_events"
    assert len(calm.untouched) == STAGE_NAMES.index("drop_non_events") - len(calm.steps) + 1


def test_the_trace_reads_as_text() -> None:
    lines = traced(ANSWER).lines()
    assert lines[0] == (
        f"stage trace: 3 incident(s) in the model's answer → 1 after {len(STAGE_NAMES)} stages"
    )
    text = "\n".join(lines)
    assert "#1 air_drone_strike, sentences [1]" in lines
    assert "injured 9 → none" in text
    assert "took in #2" in text
    assert "merged into #1 (why: same air_drone_strike, both cite [1])" in text
    assert "drop_non_events" in text and "dropped (" in text
    assert "  = dropped by drop_non_events" in lines
    assert any(line.strip().startswith("left alone by ") for line in lines)


@pytest.mark.parametrize("skip", [(), ("merge_repeats",), ("drop_non_events", "locate")])
def test_tracing_changes_nothing_in_the_result(skip: tuple[str, ...]) -> None:
    article = Article.of(ARABIC, PUBLISHED)
    plain = run_stages(ANSWER, article, skip=skip)
    trace = StageTrace()
    with_trace = run_stages(ANSWER, Article.of(ARABIC, PUBLISHED), skip=skip, trace=trace)
    assert [i.model_dump() for i in with_trace] == [i.model_dump() for i in plain]
    assert trace.skipped == sorted(skip)
    assert set(trace.stages) == set(STAGE_NAMES) - set(skip)


def test_the_case_of_every_stage_traces_the_same_result() -> None:
    from test_stages import CASES

    for text, answer in CASES.values():
        plain = run_stages(answer, Article.of(text, PUBLISHED))
        traced_ = run_stages(answer, Article.of(text, PUBLISHED), trace=StageTrace())
        assert [i.model_dump() for i in traced_] == [i.model_dump() for i in plain]


# --- the reason hook, on stages made for the test --------------------------------------------


def _drop_the_calm(draft: Draft, article: Article) -> Draft | None:
    if draft.sentences == [2]:
        draft.note("sentence [2] says the situation is calm")
        return None
    return draft


def _drop_arrests_quietly(draft: Draft, article: Article) -> Draft | None:
    return None if draft.sub_event_type == "arrests" else draft


def _absorb_silently(drafts: list[Draft], article: Article) -> list[Draft]:
    # Folds every draft into the first, as cite_next_toll absorbs a bare toll sentence, with
    # no note: the trace infers the merge from the sentences the first one took.
    first = drafts[0]
    first.sentences = sorted({n for d in drafts for n in d.sentences})
    return [first]


def _retype(draft: Draft, article: Article) -> Draft:
    draft.sub_event_type = "shelling_artillery_missile_attack"
    draft.note("a made-up reason for a change")
    return draft


def test_a_stage_gives_its_reason_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    made_up = (
        Stage("drop_the_calm", "drop sentence 2", each(_drop_the_calm)),
        Stage("drop_arrests", "drop every arrest", each(_drop_arrests_quietly)),
        Stage("absorb", "fold all into the first", _absorb_silently),
        Stage("retype", "shelling", each(_retype)),
        Stage("nothing", "leaves drafts alone", lambda drafts, article: drafts),
    )
    monkeypatch.setattr(stages, "STAGES", made_up)
    monkeypatch.setattr(stages, "STAGE_NAMES", tuple(s.name for s in made_up))
    arrest = cited(sentences=[3], sub_event_type="arrests", event_type="strategic_developments")
    answer = [cited(), cited(sentences=[2]), cited(sentences=[3]), arrest]
    trace = traced(answer)

    calm = trace.draft(2).steps
    assert [(s.stage, s.dropped, s.reasons) for s in calm] == [
        ("drop_the_calm", True, ["sentence [2] says the situation is calm"])
    ]
    quiet = trace.draft(4).step("drop_arrests")
    assert quiet is not None and quiet.dropped and quiet.reasons == []
    assert quiet.rule == "drop every arrest"  # no note: the stage's summary stands in
    assert trace.draft(4).outcome == "dropped by drop_arrests"
    absorbed = trace.draft(3).step("absorb")
    assert absorbed is not None and absorbed.merged_into == 1 and absorbed.reasons == []
    first = trace.draft(1)
    took = first.step("absorb")
    assert took is not None and took.took_in == [3]
    assert took.changes == [Change("sentences", "[1]", "[1, 3]")]
    retyped = first.step("retype")
    assert retyped is not None and retyped.reasons == ["a made-up reason for a change"]
    assert retyped.changes == [
        Change("sub_event_type", "air_drone_strike", "shelling_artillery_missile_attack")
    ]
    assert first.untouched == ["drop_the_calm", "drop_arrests", "nothing"]
    assert first.outcome == "incident 1 of the result"
