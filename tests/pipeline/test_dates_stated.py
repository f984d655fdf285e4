"""The date stages on dates stated in the evidence: a date the text states is never null."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.rules.find_date_phrase import find_date_phrase
from incidents.pipeline.rules.resolve_date import resolve_date
from incidents.pipeline.stages import run_stages
from incidents.prompting.forms import CitedIncident
from incidents.schema import DateSpan

PUB = dt.date(2024, 8, 12)
D = dt.date

ENGLISH = (
    "Gunmen attacked the village of Kuda on 4 May, killing six farmers.\n"
    "The army said on Monday that it was pursuing the attackers.\n"
)
FRENCH = "Des rebelles ont tué huit civils entre le 3 et le 5 mai à Mabuo, selon des notables.\n"
ARABIC = (
    "قُتل ثلاثة عناصر من قوات سوريا الديمقراطية في ١٢ آب/أغسطس ٢٠٢٤ جراء استهداف طائرة مسيّرة "
    "سيارتهم في ريف الحسكة.\n"
)
BACKGROUND = "The militia, formed in May 2019, attacked an army post on Tuesday, killing two.\n"


def cited(**fields: Any) -> CitedIncident:
    base = {"sentences": [1], "event_type": "battles", "sub_event_type": "armed_clash"}
    return CitedIncident.model_validate({**base, **fields})


def date_of(text: str, published: dt.date | None, **fields: Any) -> DateSpan:
    article = Article.of(text, published)
    draft = Draft.from_cited(cited(**fields), article)
    draft = resolve_date(find_date_phrase(draft, article), article)
    assert draft.date is not None
    return draft.date


@pytest.mark.parametrize(
    ("text", "published", "phrase", "start", "end", "precision"),
    [
        (ENGLISH, PUB, "on 4 May", D(2024, 5, 4), D(2024, 5, 4), "day"),
        (FRENCH, PUB, "entre le 3 et le 5 mai", D(2024, 5, 3), D(2024, 5, 5), "day"),
        (ARABIC, PUB, "في ١٢ آب/أغسطس ٢٠٢٤", PUB, PUB, "day"),
        (ARABIC, None, "في ١٢ آب/أغسطس ٢٠٢٤", PUB, PUB, "day"),  # the year is stated
        (BACKGROUND, PUB, "on Tuesday", D(2024, 8, 6), D(2024, 8, 6), "day"),
    ],
)
def test_the_evidence_states_the_date(
    text: str,
    published: dt.date | None,
    phrase: str,
    start: dt.date,
    end: dt.date,
    precision: str,
) -> None:
    span = date_of(text, published)
    assert (span.text, span.start, span.end, span.precision) == (phrase, start, end, precision)
    assert span.text is not None and span.text in text


def test_without_published_a_date_without_year_keeps_its_words_unresolved() -> None:
    span = date_of(ENGLISH, None)
    assert (span.text, span.start, span.end, span.precision) == ("on 4 May", None, None, "unknown")


def test_the_models_stated_date_is_kept_when_it_is_in_the_evidence() -> None:
    span = date_of(ENGLISH, PUB, sentences=[1, 2], date_phrase="on Monday")
    assert (span.text, span.start) == ("on Monday", PUB)
    span = date_of(ENGLISH, PUB, sentences=[1, 2], date_phrase="4 May")
    assert (span.text, span.start) == ("4 May", D(2024, 5, 4))


def test_a_stated_date_goes_through_the_whole_pipeline() -> None:
    [incident] = run_stages(
        [cited(sub_event_type="attack", event_type="violence_against_civilians", fatalities=6)],
        Article.of(ENGLISH, PUB),
    )
    assert (incident.date.start, incident.date.precision) == (D(2024, 5, 4), "day")
    assert incident.date.text == "on 4 May"


def test_an_undated_article_lends_its_year_to_a_day_and_month() -> None:
    text = (
        "ضبطت قوى الأمن مستودع أسلحة في حمص يوم الخميس 4 أيلول/سبتمبر 2025.\n"
        "وفي 6 أيلول/سبتمبر، انفجرت عبوة ناسفة بدورية للأمن العام، ما أدى إلى مقتل عنصرين.\n"
    )
    span = date_of(text, None, sentences=[2])
    assert (span.text, span.start, span.precision) == ("في 6 أيلول/سبتمبر", D(2025, 9, 6), "day")
