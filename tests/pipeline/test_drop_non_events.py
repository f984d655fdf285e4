"""The drop_non_events stage on hand-made answers: an incident goes only when every sentence it
cites reports no event, and the reason is noted on the draft; counts that add up reach the
record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.rules.drop_non_events import STAGE, non_event_reason
from incidents.pipeline.stages import run_stages
from incidents.prompting.forms import CitedIncident

ARTICLE = (
    "قُتل ضابط واثنان من الجنود وأصيب خمسة آخرون، فجر أمس الأحد، في هجوم على موقع للجيش.\n"
    "وتحيي المدينة اليوم الذكرى السنوية لاغتيال محافظها السابق.\n"
    "وقال مسؤول إن أحد الخيارات المطروحة توجيه ضربات جوية إلى مواقع المهاجمين.\n"
    "وعادة ما تقصف الجماعة أطراف المدينة بقذائف الهاون.\n"
    "وقتل المئات في المحافظة منذ بداية الحرب.\n"
)
ENGLISH = (
    "Gunmen attacked a checkpoint near Kirkuk on Monday, killing a soldier and two police "
    "officers.\n"
    "More than 5,000 people were killed in the province last year, the UN says.\n"
    "If the attacks continue, the army will launch air strikes, the governor said.\n"
)
FRENCH = (
    "Un soldat et deux civils ont été tués lundi dans une embuscade près de Ménaka.\n"
    "Le député s'en est pris verbalement au ministre de la Défense.\n"
    "Les milices tirent souvent des obus de mortier sur la ville.\n"
)
PUBLISHED = dt.date(2025, 3, 10)


def cited(sentences: list[int], **fields: Any) -> CitedIncident:
    base = {
        "sentences": sentences,
        "event_type": "battles",
        "sub_event_type": "armed_clash",
        "place": None,
        "actors": [],
    }
    return CitedIncident.model_validate({**base, **fields})


def drafts_after(text: str, answer: list[CitedIncident]) -> list[Draft]:
    article = Article.of(text, PUBLISHED)
    return STAGE.run([Draft.from_cited(c, article, n) for n, c in enumerate(answer, 1)], article)


def test_incidents_citing_only_non_events_are_dropped() -> None:
    for number in (2, 3, 4, 5):
        assert drafts_after(ARTICLE, [cited([number])]) == []
    assert drafts_after(ENGLISH, [cited([2])]) == []
    assert drafts_after(ENGLISH, [cited([3])]) == []
    assert drafts_after(FRENCH, [cited([2])]) == []
    assert drafts_after(FRENCH, [cited([3])]) == []


def test_one_sentence_that_reports_an_event_keeps_the_incident() -> None:
    assert len(drafts_after(ARTICLE, [cited([1])])) == 1
    assert len(drafts_after(ARTICLE, [cited([1, 5])])) == 1
    assert len(drafts_after(ENGLISH, [cited([1, 2])])) == 1
    assert len(drafts_after(FRENCH, [cited([1, 3])])) == 1


def test_the_reason_is_noted_on_the_draft() -> None:
    article = Article.of(ARTICLE, PUBLISHED)
    draft = Draft.from_cited(cited([3, 5]), article, 1)
    reason = non_event_reason(draft, article)
    assert reason is not None
    assert reason.startswith("not an event: [3] only a threat, plan, condition")
    assert "[5] history, before the news" in reason
    assert STAGE.run([draft], article) == []
    assert [note.reason for note in draft.notes] == [reason]
    assert non_event_reason(Draft.from_cited(cited([1]), article, 2), article) is None


def test_listed_casualties_add_up_in_the_record() -> None:
    # the model counted only the two soldiers; the evidence lists an officer and two soldiers
    [incident] = run_stages([cited([1], fatalities=2, injured=5)], Article.of(ARTICLE, PUBLISHED))
    assert (incident.fatalities, incident.injured) == (3, 5)
    [incident] = run_stages([cited([1], fatalities=2)], Article.of(ENGLISH, PUBLISHED))
    assert incident.fatalities == 3
    [incident] = run_stages([cited([1], fatalities=2)], Article.of(FRENCH, PUBLISHED))
    assert incident.fatalities == 3
