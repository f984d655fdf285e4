"""The results the review page tests share, written for these tests: an English article with an
emoji before its evidence, an Arabic one (Arabic-Indic digits and punctuation), an article whose
text is hostile HTML, a result written before results kept their text, and a failed article."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factories import make_result
from incidents.batch.results import ResultLine

EN_TEXT = (
    "Kano, Nigeria 😀 Residents said gunmen attacked a police checkpoint on the Zaria road "
    "on Monday, killing three officers.\n"
    "On Tuesday police arrested 12 people in Kaduna after the attack.\n"
)
AR_TEXT = (
    "دير الزور – قُتل أربعة مدنيين، أمس، بغارة جوية استهدفت سوقاً في مدينة البوكمال.\n"
    "وقال مصدر محلي إن الوضع هادئ.\n"
    "واعتقلت دورية ١٢ شخصاً في مدينة الميادين يوم الأحد.\n"
)
HOSTILE_TEXT = (
    'Breaking </script><script>window.__pwned = 1</script><img src="https://evil.example/x.png" '
    'onerror="window.__pwned = 2"> {{JS}} a bomb exploded near the market in Mogadishu.\n'
)
EN_STRIKE = (
    "gunmen attacked a police checkpoint on the Zaria road on Monday, killing three officers"
)
EN_ARREST = "police arrested 12 people in Kaduna"
AR_STRIKE = "قُتل أربعة مدنيين، أمس، بغارة جوية استهدفت سوقاً في مدينة البوكمال"
AR_ARREST = "واعتقلت دورية ١٢ شخصاً في مدينة الميادين"
HOSTILE_SPAN = "a bomb exploded near the market in Mogadishu"
# Text an analyst selects to add a missed incident (after the emoji, so offsets must convert).
EN_MISSED = "On Tuesday police arrested 12 people in Kaduna after the attack."


def span(text: str, quote: str) -> dict[str, Any]:
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "text": quote}


def _incident(summary: str, event: str, sub: str, **fields: Any) -> dict[str, Any]:
    return {"summary": summary, "event_type": event, "sub_event_type": sub, **fields}


def review_lines() -> list[ResultLine]:
    """Five articles: four results (6 incidents) and one failed article."""
    en = make_result(
        "en-kano-checkpoint",
        [
            _incident(
                "Gunmen attacked a police checkpoint on the Zaria road, killing three officers.",
                "battles", "armed_clash",
                date={"start": "2025-03-03", "end": "2025-03-03", "precision": "day",
                      "text": "on Monday"},
                location={"name": "Kano", "admin1": "Kano", "country": "NG",
                          "latitude": 12.0, "longitude": 8.52, "geo_precision": 1},
                actors=[{"name": "Unidentified Armed Group (Nigeria)", "role": "perpetrator",
                         "kind": "political_militia"},
                        {"name": "Police Forces of Nigeria", "role": "target",
                         "kind": "state_forces"}],
                fatalities=3, reported_by="residents",
                evidence=[span(EN_TEXT, EN_STRIKE)],
            ),
            _incident(
                "Police arrested 12 people in Kaduna.", "strategic_developments", "arrests",
                date={"start": "2025-03-04", "end": "2025-03-04", "precision": "day"},
                location={"name": "Kaduna", "country": "NG", "latitude": 10.52,
                          "longitude": 7.44},
                detained=12, evidence=[span(EN_TEXT, EN_ARREST)],
            ),
        ],
        text=EN_TEXT, url="https://example.org/kano", published=dt.date(2025, 3, 5),
    )  # fmt: skip
    ar = make_result(
        "ar-albukamal-strike",
        [
            _incident(
                "An air strike on a market in Albu Kamal killed four civilians.",
                "explosions_remote_violence", "air_drone_strike",
                date={"start": "2025-01-04", "end": "2025-01-04", "precision": "day",
                      "text": "أمس"},
                location={"name": "Albu Kamal", "name_original": "البوكمال",
                          "admin1": "Deir ez-Zor", "country": "SY", "latitude": 34.45,
                          "longitude": 40.92},
                actors=[{"name": "Civilians (Syria)", "role": "target", "kind": "civilians"}],
                fatalities=4, evidence=[span(AR_TEXT, AR_STRIKE)],
            ),
            _incident(
                "A patrol arrested 12 people in Al Mayadin.", "strategic_developments", "arrests",
                date={"start": "2025-01-05", "end": "2025-01-05", "precision": "day"},
                location={"name": "Al Mayadin", "country": "SY", "latitude": 35.02,
                          "longitude": 40.45},
                detained=12, evidence=[span(AR_TEXT, AR_ARREST)],
            ),
        ],
        language="ar", text=AR_TEXT, published=dt.date(2025, 1, 5),
    )  # fmt: skip
    hostile = make_result(
        "hostile-mogadishu",
        [
            _incident(
                "<b>A bomb</b> exploded near the market in Mogadishu.",
                "explosions_remote_violence", "remote_explosive_landmine_ied",
                location={"name": "Mogadishu", "country": "SO"},
                evidence=[span(HOSTILE_TEXT, HOSTILE_SPAN)],
            )
        ],
        text=HOSTILE_TEXT,
    )  # fmt: skip
    legacy = make_result(
        "legacy-no-text",
        [
            _incident(
                "Protesters marched in Basra over power cuts.", "protests", "peaceful_protest",
                location={"name": "Basra", "country": "IQ"},
                evidence=[{"start": 0, "end": 19, "text": "Protesters marched "}],
            )
        ],
    )  # fmt: skip
    return [
        ResultLine(id=en.document_id, result=en, url="https://example.org/kano"),
        ResultLine(id=ar.document_id, result=ar),
        ResultLine(id="failed-timeout", result=None, reason="model timed out after 3 tries"),
        ResultLine(id=hostile.document_id, result=hostile),
        ResultLine(id=legacy.document_id, result=legacy),
    ]
