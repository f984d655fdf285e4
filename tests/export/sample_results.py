"""A small results file for the exporter tests: written for these tests (no seed text), with
every case an exporter must handle: Arabic evidence, a point and no point, each date
precision, actors with and without kinds, an article without incidents, a failed article and a
bare ``extract --format jsonl`` line without a ``source``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from factories import make_result

ARTICLE = (
    "دير الزور – قتل ثلاثة مدنيين بغارة من طائرة مسيرة على سوق المدينة يوم السبت.\n"
    "واعتقلت قوات الحرس الثوري ستة عشر شاباً في الميادين خلال الشهر الماضي.\n"
    "وتظاهر العشرات في البلدة احتجاجاً على الاعتقالات.\n"
    "وأطلق عناصر الأمن النار على المتظاهرين فأصابوا اثنين.\n"
)
STRIKE_SENTENCE = "قتل ثلاثة مدنيين بغارة من طائرة مسيرة على سوق المدينة يوم السبت"
DEIR_EZ_ZOR = (40.1408, 35.3359)  # longitude, latitude of the city
PUBLISHED = dt.date(2024, 8, 12)
URL = "https://example.org/news/deir-ez-zor-strike"


def span(text: str) -> dict[str, Any]:
    start = ARTICLE.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def _incidents() -> list[dict[str, Any]]:
    return [
        {
            "summary": "A drone strike on the market of Deir ez-Zor killed three civilians.",
            "event_type": "explosions_remote_violence",
            "sub_event_type": "air_drone_strike",
            "date": {
                "start": "2024-08-10",
                "end": "2024-08-10",
                "precision": "day",
                "text": "يوم السبت",
            },
            "location": {
                "name": "Deir ez-Zor",
                "name_original": "دير الزور",
                "admin1": "Deir ez-Zor",
                "country": "SY",
                "longitude": DEIR_EZ_ZOR[0],
                "latitude": DEIR_EZ_ZOR[1],
                "geo_precision": 1,
            },
            "actors": [
                {
                    "name": "Unidentified Military Forces",
                    "role": "perpetrator",
                    "kind": "external_forces",
                },
                {
                    "name": "Civilians (Syria)",
                    "name_original": "مدنيين",
                    "role": "target",
                    "kind": "civilians",
                },
            ],
            "fatalities": 3,
            "reported_by": "local sources",
            "evidence": [span(STRIKE_SENTENCE)],
        },
        {
            "summary": "IRGC forces arrested sixteen young men in Al Mayadin.",
            "event_type": "strategic_developments",
            "sub_event_type": "arrests",
            "date": {
                "start": "2024-07-01",
                "end": "2024-07-31",
                "precision": "month",
                "text": "خلال الشهر الماضي",
            },
            "location": {
                "name": "Al Mayadin",
                "admin1": "Deir ez-Zor",
                "country": "SY",
                "geo_precision": 1,
            },
            "actors": [
                {
                    "name": "Islamic Revolutionary Guard Corps",
                    "role": "perpetrator",
                    "kind": "external_forces",
                },
            ],
            "detained": 16,
            "evidence": [span("واعتقلت قوات الحرس الثوري ستة عشر شاباً في الميادين")],
        },
        {
            "summary": "Dozens protested against the arrests.",
            "event_type": "protests",
            "sub_event_type": "peaceful_protest",
            "date": {"start": "2024-01-01", "end": "2024-12-31", "precision": "year"},
            "actors": [{"name": "Protesters (Syria)", "role": "other", "kind": "protesters"}],
            "evidence": [span("وتظاهر العشرات في البلدة احتجاجاً على الاعتقالات")],
        },
        {
            "summary": "Security forces fired at protesters, wounding two.",
            "event_type": "protests",
            "sub_event_type": "excessive_force_against_protesters",
            "date": {"start": "2024-08-05", "end": "2024-08-11", "precision": "week"},
            "location": {"country": "SY", "admin1": "Deir ez-Zor", "geo_precision": 3},
            "actors": [
                {"name": "Police Forces of Syria", "role": "perpetrator", "kind": "state_forces"},
                {"name": "Military Forces of Syria", "role": "perpetrator", "kind": "state_forces"},
                {"name": "Protesters (Syria)", "role": "target", "kind": "protesters"},
                {"name": "Students (Syria)", "role": "target"},
            ],
            "injured": 2,
        },
    ]


def _attack() -> dict[str, Any]:
    # A perpetrator of unknown kind, a date never resolved, no country.
    return {
        "summary": "Gunmen abducted a teacher.",
        "event_type": "violence_against_civilians",
        "sub_event_type": "abduction_forced_disappearance",
        "date": {"precision": "unknown", "text": "recently"},
        "actors": [
            {"name": "Unidentified Armed Group", "role": "perpetrator"},
            {"name": "Civilians", "role": "target", "kind": "civilians"},
        ],
        "detained": 1,
    }


def write_sample_results(path: Path) -> Path:
    """The results file: 3 articles with results (5 incidents), 1 failed article."""
    strike = make_result(
        "deir-ez-zor-001",
        _incidents(),
        language="ar",
        text=ARTICLE,
        url=URL,
        published=PUBLISHED,
    )
    empty = make_result("economy-002", [], text="The central bank kept rates unchanged.")
    bare = make_result("attack-003", [_attack()])  # no source, as older results have
    records = [
        {
            "id": "deir-ez-zor-001",
            "status": "ok",
            "reason": None,
            "result": json.loads(strike.model_dump_json()),
        },
        {
            "id": "economy-002",
            "status": "ok",
            "reason": None,
            "result": json.loads(empty.model_dump_json()),
        },
        {
            "id": "broken-004",
            "status": "failed",
            "reason": "model answer was not JSON",
            "result": None,
            "url": "https://example.org/broken",
        },
    ]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    lines.insert(2, bare.model_dump_json())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
