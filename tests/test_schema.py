from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from incidents.schema import SUB_EVENT_TYPES, DateSpan, Evidence, Incident, Location, json_schema

SOURCE = "قُتل ثلاثة عناصر في الميادين أمس."


def incident(**overrides: object) -> dict:
    base = {
        "summary": "Three fighters were killed in Al Mayadin.",
        "event_type": "battles",
        "sub_event_type": "armed_clash",
        "evidence": [{"start": 0, "end": len(SOURCE), "text": SOURCE}],
    }
    return {**base, **overrides}


def test_acled_table_has_six_types_and_25_subtypes() -> None:
    assert len(SUB_EVENT_TYPES) == 6
    assert sum(len(v) for v in SUB_EVENT_TYPES.values()) == 25


def test_sub_event_must_belong_to_event_type() -> None:
    with pytest.raises(ValidationError, match="does not belong to event_type 'battles'"):
        Incident.model_validate(incident(sub_event_type="air_drone_strike"))


@pytest.mark.parametrize("field", ["fatalities", "injured", "detained"])
def test_counts_cannot_be_negative(field: str) -> None:
    with pytest.raises(ValidationError):
        Incident.model_validate(incident(**{field: -1}))


def test_date_end_not_before_start() -> None:
    with pytest.raises(ValidationError, match=r"before date\.start"):
        DateSpan(start=dt.date(2024, 8, 12), end=dt.date(2024, 8, 11))


@pytest.mark.parametrize("lat,lon", [(91, 0), (0, 181), (-90.5, 10)])
def test_coordinates_in_range(lat: float, lon: float) -> None:
    with pytest.raises(ValidationError):
        Location(latitude=lat, longitude=lon)


def test_evidence_must_check_against_the_article() -> None:
    bad = {"start": 0, "end": 5, "text": "hello"}
    with pytest.raises(ValidationError, match="do not match the article"):
        Incident.model_validate(incident(evidence=[bad]), context={"source_text": SOURCE})


def test_a_grounded_span_passes_among_checked_ones() -> None:
    good = {"start": 0, "end": len(SOURCE), "text": SOURCE}
    parsed = Incident.model_validate(incident(evidence=[good]), context={"source_text": SOURCE})
    assert [e.text for e in parsed.evidence] == [SOURCE]
    bad = {"start": 3, "end": 9, "text": "invented"}
    with pytest.raises(ValidationError, match="1 evidence span"):
        Incident.model_validate(incident(evidence=[good, bad]), context={"source_text": SOURCE})


def test_evidence_offsets_ordered() -> None:
    with pytest.raises(ValidationError):
        Evidence(start=5, end=5, text="x")


def test_unknown_fields_are_errors() -> None:
    with pytest.raises(ValidationError):
        Incident.model_validate(incident(confidence=0.9))


def test_json_schema_bounds_arrays_so_small_models_cannot_loop() -> None:
    schema = json_schema()
    incident_schema = schema["$defs"]["Incident"]
    assert incident_schema["properties"]["actors"]["maxItems"] >= 1
    assert incident_schema["properties"]["evidence"]["maxItems"] >= 1
    assert incident_schema["properties"]["summary"]["maxLength"] <= 400
