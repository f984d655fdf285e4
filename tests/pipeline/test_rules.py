"""The post-processing stages on hand-made answers, without a model."""

from __future__ import annotations

import datetime as dt

from incidents.pipeline.article import Article
from incidents.pipeline.draft import DraftActor
from incidents.pipeline.rules.write_summary import summary_of
from incidents.pipeline.stages import run_stages
from incidents.prompting.forms import CitedIncident
from incidents.schema import Incident
from incidents.text.language.sentences import number_sentences

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


def assemble_all(drafts: list[CitedIncident]) -> list[Incident]:
    return run_stages(drafts, Article.of(ARTICLE, dt.date(2025, 1, 5)))


def assemble(d: CitedIncident) -> Incident:
    [incident] = assemble_all([d])
    return incident


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
    merged = assemble_all([draft(), draft(fatalities=None)])
    assert len(merged) == 1 and merged[0].fatalities == 4


def test_summary_is_one_sentence_from_the_fields() -> None:
    summary = summary_of(
        "armed_clash",
        [DraftActor("IRGC", role="perpetrator"), DraftActor("Defectors", role="target")],
        "Al Mayadin",
        {"fatalities": 2, "injured": None, "detained": 16},
    )
    assert summary == "Armed clash by IRGC against Defectors in Al Mayadin; 2 killed, 16 detained."


def test_an_incident_citing_only_the_dateline_is_dropped() -> None:
    # A dateline names a place and no event: no event word, so no incident.
    text = "دير الزور\n" + ARTICLE
    article = Article.of(text)
    assert run_stages([draft(sentences=[1])], article, skip=["cite_next_toll"]) == []
    [kept] = run_stages([draft(sentences=[1, 2])], article)
    assert kept.evidence[1].text.startswith("دير الزور –")


def test_a_count_the_evidence_gives_to_another_field_is_not_copied() -> None:
    # «اعتقلت دورية ١٢ شخصاً»: 12 detained; a model answering "killed: 12" misplaces it.
    incident = assemble(arrests_draft(fatalities=12, detained=None))
    # An arrest kills nobody by its nature: ACLED's 0, never the misplaced 12.
    assert incident.detained == 12 and incident.fatalities == 0


def test_a_when_that_is_not_a_date_is_replaced_from_the_evidence() -> None:
    incident = assemble(draft(date_phrase="بغارة جوية استهدفت"))
    assert incident.date.text == "أمس" and incident.date.start == dt.date(2025, 1, 4)


def test_the_draft_is_typed_a_misspelt_field_is_an_error() -> None:
    """Issue 24: ``Draft.location`` and ``Draft.actors`` are typed twins of the schema's, so a
    rule that misspells a field fails instead of writing a key nobody reads."""
    import pytest

    from incidents.pipeline.draft import DraftLocation

    place = DraftLocation(name="Al Mayadin", country="SY")
    with pytest.raises(AttributeError):
        place.geoprecision = 2  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        DraftActor("IRGC", rol="perpetrator")  # type: ignore[call-arg]
    assert place.as_dict()["geo_precision"] is None
