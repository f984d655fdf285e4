"""Deterministic stages that read beyond the cited sentences: tolls in the next sentence,
remainders counted from a group's size, violent re-coding, places named in the evidence, and
chunks numbered from [1]."""

from __future__ import annotations

from incidents.article_run import drafts_of_answer, request_for_chunk
from incidents.config import BackendConfig
from incidents.model.clients import make_backend
from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.rules.cite_group_size import STAGE as CITE_GROUP_SIZE
from incidents.pipeline.rules.cite_next_toll import cite_next_toll
from incidents.pipeline.stages import run_stages
from incidents.prompting.forms import CitedIncident, LeanIncidents
from incidents.prompting.prompts import load_prompt
from incidents.schema import Incident

BUS_ATTACK = (
    "Gunmen attacked a bus station in Maiduguri on Sunday evening.\n"
    "Five passengers were killed and nine were wounded, police said.\n"
    "A mortar shell later killed two children in the market of Bama.\n"
    "The governor condemned the violence.\n"
)
BORDER_CELL = (
    "حاولت خلية من تسعة مسلحين التسلل عبر الحدود ليلاً.\n"
    "واندلعت اشتباكات مع حرس الحدود أسفرت عن مقتل ثلاثة منهم، واعتُقل البقية.\n"
)


def draft(sentences: list[int], sub_event: str = "attack", place: str | None = None, **more):  # type: ignore[no-untyped-def]
    return CitedIncident.model_validate(
        {"sentences": sentences, "event_type": "battles", "sub_event_type": sub_event,
         "summary": None, "place": place, "date_phrase": None, "actors": [], **more}
    )  # fmt: skip


def build(d: CitedIncident, text: str) -> Incident:
    [incident] = run_stages([d], Article.of(text))
    return incident


def attach(drafts: list[CitedIncident], text: str) -> list[Draft]:
    """The drafts after the two stages that cite sentences beyond the model's."""
    article = Article.of(text)
    working = CITE_GROUP_SIZE.run([Draft.from_cited(d, article) for d in drafts], article)
    return cite_next_toll(working, article)


def test_the_toll_in_the_next_sentence_joins_the_incident() -> None:
    [attached] = attach([draft([1])], BUS_ATTACK)
    assert attached.sentences == [1, 2]
    incident = build(draft([1]), BUS_ATTACK)
    assert (incident.fatalities, incident.injured) == (5, 9)


def test_a_bare_toll_sentence_coded_as_its_own_incident_is_absorbed() -> None:
    drafts = [draft([1]), draft([2], sub_event="peaceful_protest")]
    assert [d.sentences for d in attach(drafts, BUS_ATTACK)] == [[1, 2]]


def test_a_sentence_reporting_an_event_of_its_own_is_not_taken() -> None:
    drafts = [
        draft([2], sub_event="attack"),
        draft([3], sub_event="shelling_artillery_missile_attack"),
    ]
    # [2] already states its toll; [3] has its own toll and its own event ("mortar shell").
    assert [d.sentences for d in attach(drafts, BUS_ATTACK)] == [[2], [3]]


def test_the_rest_of_a_group_is_counted_from_its_size() -> None:
    [attached] = attach([draft([2], sub_event="arrests")], BORDER_CELL)
    assert attached.sentences == [1, 2]
    incident = build(draft([2], sub_event="arrests"), BORDER_CELL)
    # 9 in the group, 3 killed, "the rest" arrested; and an arrest that kills is coded by
    # its violence: the clashes («اشتباكات»).
    assert (incident.fatalities, incident.detained) == (3, 6)
    assert incident.sub_event_type == "armed_clash"


def test_a_place_the_evidence_does_not_name_gives_way_to_one_it_does() -> None:
    incident = build(
        draft([3], sub_event="shelling_artillery_missile_attack", place="Maiduguri"), BUS_ATTACK
    )
    assert incident.location.name == "Bama"


def test_a_place_named_nowhere_in_the_article_is_dropped() -> None:
    # [2] names no place ([4], "condemned the violence", is no event since «viol» stopped
    # matching "violence")
    incident = build(draft([2], sub_event="other", place="Kaduna"), BUS_ATTACK)
    assert incident.location.name != "Kaduna"


def test_a_chunk_is_numbered_from_one_and_mapped_back() -> None:
    prompt = load_prompt("extract_incidents@v2")
    chunk = Article.of(BUS_ATTACK).sentences[2:]
    shown = prompt.render_user(BUS_ATTACK, None, chunk)
    assert f"[1] {chunk[0].text}" in shown and f"[{chunk[0].number}]" not in shown

    chunk_request = request_for_chunk(
        make_backend(BackendConfig()), prompt, BUS_ATTACK, None, chunk
    )
    request = chunk_request.request
    assert request.context["sentence_range"] == (1, len(chunk))
    answer = {
        "incidents": [{"sentences": [1], "sub_event_type": "shelling_artillery_missile_attack"}]
    }
    output = LeanIncidents.model_validate(answer, context=request.context)
    drafts = drafts_of_answer(output, chunk)
    assert drafts[0].sentences == [chunk[0].number]


def test_the_remainder_beats_a_count_the_model_guessed() -> None:
    guessed = draft([2], sub_event="arrests", detained=1)
    assert build(guessed, BORDER_CELL).detained == 6
