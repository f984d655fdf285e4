"""The ACLED-style CSV: ACLED's header exactly, ACLED's vocabularies in every cell, nothing
invented, Arabic intact, failed articles counted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pycountry
import pytest
from sample_results import STRIKE_SENTENCE, URL, write_sample_results

from incidents.batch.results import read_results
from incidents.export.acled_csv import EXTRA_COLUMNS, interaction, write_acled_csv
from incidents.export.common import ExportCounts

# Written out here from ACLED's codebook, not imported, so a typo in the exporter fails.
ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
ACLED_SUB_EVENTS = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}  # fmt: skip
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": None,  # Violent demonstration: Demonstrations; Mob violence: Political violence
    "Protests": None,  # Excessive force: Political violence; Demonstrations
    "Strategic developments": "Strategic developments",
}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[str, ExportCounts]:
    lines = read_results(write_sample_results(tmp_path / "results.jsonl"))
    out = io.StringIO(newline="")
    counts = write_acled_csv(lines, out)
    return out.getvalue(), counts


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_is_acleds_then_ours(exported: tuple[str, ExportCounts]) -> None:
    header = next(csv.reader(io.StringIO(exported[0])))
    assert header[: len(ACLED_HEADER)] == ACLED_HEADER
    assert header[len(ACLED_HEADER) :] == list(EXTRA_COLUMNS)
    assert not set(EXTRA_COLUMNS) & set(ACLED_HEADER)


def test_acled_only_is_exactly_acleds_columns(tmp_path: Path) -> None:
    lines = read_results(write_sample_results(tmp_path / "results.jsonl"))
    out = io.StringIO(newline="")
    write_acled_csv(lines, out, acled_only=True)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ACLED_HEADER
    assert all(len(row) == len(ACLED_HEADER) for row in rows)


def test_round_trip_one_row_per_incident(exported: tuple[str, ExportCounts]) -> None:
    text, counts = exported
    rows = rows_of(text)
    assert len(rows) == counts.incidents == 5
    assert [row["document_id"] for row in rows] == ["deir-ez-zor-001"] * 4 + ["attack-003"]
    assert [row["incident_index"] for row in rows] == ["1", "2", "3", "4", "1"]
    assert len({row["event_id_cnty"] for row in rows}) == 5
    assert text.endswith("\r\n")  # RFC 4180 line ends, as the csv module writes them


def test_every_value_is_in_acleds_vocabulary(exported: tuple[str, ExportCounts]) -> None:
    for row in rows_of(exported[0]):
        event_type, sub_event_type = row["event_type"], row["sub_event_type"]
        assert sub_event_type in ACLED_SUB_EVENTS[event_type], row
        expected_disorder = (
            DISORDER[event_type]
            or {
                "Violent demonstration": "Demonstrations",
                "Mob violence": "Political violence",
                "Peaceful protest": "Demonstrations",
                "Protest with intervention": "Demonstrations",
                "Excessive force against protesters": "Political violence; Demonstrations",
            }[sub_event_type]
        )
        assert row["disorder_type"] == expected_disorder
        codes = []
        for column in ("inter1", "inter2"):
            assert row[column] == "" or 1 <= int(row[column]) <= 8
            if row[column]:
                codes.append(int(row[column]))
        if len(codes) == 2:
            assert row["interaction"] == f"{min(codes)}{max(codes)}"
        elif len(codes) == 1:
            assert row["interaction"] == f"{codes[0]}0"
        else:
            assert row["interaction"] == ""
        assert row["time_precision"] in {"1", "2", "3", ""}
        assert row["geo_precision"] in {"1", "2", "3", ""}
        assert row["civilian_targeting"] in {"Civilian targeting", ""}
        assert int(row["fatalities"]) >= 0
        if row["latitude"] or row["longitude"]:
            assert -90 <= float(row["latitude"]) <= 90
            assert -180 <= float(row["longitude"]) <= 180
        if row["iso"]:
            entry = pycountry.countries.get(numeric=row["iso"].zfill(3))
            assert entry is not None and row["event_id_cnty"].startswith(entry.alpha_3 + "-")
            assert row["country_code"] == entry.alpha_2
        else:
            assert row["country"] == row["region"] == ""
        if row["event_date"]:
            assert row["year"] == row["event_date"][:4]
        for column in ("source_scale", "tags", "admin2", "admin3"):
            assert row[column] == ""  # never filled: we cannot know them


def test_strike_row(exported: tuple[str, ExportCounts]) -> None:
    strike = rows_of(exported[0])[0]
    assert strike["event_id_cnty"] == "SYR-deir-ez-zor-001-1"
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == (
        "2024-08-10", "2024", "1",
    )  # fmt: skip
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert (strike["actor1"], strike["inter1"]) == ("Unidentified Military Forces", "8")
    assert (strike["actor2"], strike["inter2"]) == ("Civilians (Syria)", "7")
    assert strike["interaction"] == "78"
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["country"], strike["region"]) == ("760", "Syria", "Middle East")
    assert (strike["latitude"], strike["longitude"]) == ("35.3359", "40.1408")
    assert strike["source"] == f"local sources; {URL}"
    assert strike["fatalities"] == strike["fatalities_stated"] == "3"
    assert strike["timestamp"] == "1735689600"  # the factory's created_at, 2025-01-01 UTC


def test_arabic_survives(exported: tuple[str, ExportCounts]) -> None:
    strike = rows_of(exported[0])[0]
    assert strike["evidence"] == STRIKE_SENTENCE
    assert strike["location_original"] == "دير الزور"
    start, end = map(int, strike["evidence_offsets"].split(":"))
    assert end - start == len(STRIKE_SENTENCE)


def test_unknowns_stay_empty(exported: tuple[str, ExportCounts]) -> None:
    rows = rows_of(exported[0])
    arrests, protest, repression, abduction = rows[1], rows[2], rows[3], rows[4]
    # No figure in the article: ACLED's 0, and our column says it was not stated.
    assert (arrests["fatalities"], arrests["fatalities_stated"]) == ("0", "")
    assert arrests["latitude"] == arrests["longitude"] == ""
    assert (arrests["actor2"], arrests["interaction"]) == ("", "80")  # a lone external force
    assert arrests["time_precision"] == "3"
    # A date known only to the year has no ACLED precision: no event_date, the year kept.
    assert (protest["event_date"], protest["time_precision"], protest["year"]) == ("", "", "2024")
    assert (protest["actor1"], protest["interaction"]) == ("Protesters (Syria)", "60")
    assert protest["iso"] == protest["country"] == protest["location"] == ""
    assert protest["event_id_cnty"].startswith("XXX-")
    # An actor of unknown kind has no inter code; a lone known one still gives interaction.
    assert (abduction["inter1"], abduction["inter2"], abduction["interaction"]) == ("", "7", "70")
    assert abduction["event_date"] == abduction["year"] == ""
    assert abduction["civilian_targeting"] == "Civilian targeting"
    assert abduction["source"] == "attack-003"  # no URL: the document id names the source
    assert repression["time_precision"] == "2"


def test_associated_actors(exported: tuple[str, ExportCounts]) -> None:
    repression = rows_of(exported[0])[3]
    assert repression["actor1"] == "Police Forces of Syria"
    assert repression["assoc_actor_1"] == "Military Forces of Syria"
    assert repression["actor2"] == "Protesters (Syria)"
    assert repression["assoc_actor_2"] == "Students (Syria)"
    assert repression["interaction"] == "16"
    assert repression["disorder_type"] == "Political violence; Demonstrations"
    assert repression["civilian_targeting"] == ""  # protesters are not civilians in ACLED


def test_failed_article_is_counted_not_dropped(exported: tuple[str, ExportCounts]) -> None:
    _, counts = exported
    assert counts.articles == 3
    assert [line.id for line in counts.failed] == ["broken-004"]
    summary = counts.summary("ACLED-style CSV", "events.csv")
    assert "1 failed article left out" in summary and "broken-004" in summary
    assert "model answer was not JSON" in summary


def test_bom_for_excel_keeps_the_header_exact(tmp_path: Path) -> None:
    lines = read_results(write_sample_results(tmp_path / "results.jsonl"))
    for bom in (False, True):
        path = tmp_path / f"events-{bom}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            write_acled_csv(lines, out, acled_only=True, bom=bom)
        assert path.read_bytes().startswith(b"\xef\xbb\xbf") is bom
        with path.open(encoding="utf-8-sig", newline="") as back:
            assert next(csv.reader(back)) == ACLED_HEADER


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(1, 7, 17), (7, 1, 17), (3, 3, 33), (8, None, 80), (None, 2, 20), (None, None, None)],
)
def test_interaction(inter1: int | None, inter2: int | None, expected: int | None) -> None:
    assert interaction(inter1, inter2) == expected


def test_all_25_sub_event_types_map_into_acleds_vocabulary() -> None:
    from incidents.export.acled_vocab import (
        EVENT_TYPE_LABELS,
        SUB_EVENT_TYPE_LABELS,
        disorder_type,
    )
    from incidents.schema import SUB_EVENT_TYPES

    seen = set()
    for event, subs in SUB_EVENT_TYPES.items():
        label = EVENT_TYPE_LABELS[event.value]
        for sub in subs:
            assert SUB_EVENT_TYPE_LABELS[sub] in ACLED_SUB_EVENTS[label]
            seen.add(SUB_EVENT_TYPE_LABELS[sub])
            disorder = disorder_type(event.value, sub)
            assert disorder == (DISORDER[label] or disorder), (event, sub)
    assert seen == set().union(*ACLED_SUB_EVENTS.values())
    assert disorder_type("riots", "mob_violence") == "Political violence"
    assert disorder_type("riots", "violent_demonstration") == "Demonstrations"
    assert disorder_type("protests", "protest_with_intervention") == "Demonstrations"
