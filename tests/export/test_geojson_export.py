"""The GeoJSON export: valid RFC 7946 (checked by the geojson library and read back by GDAL),
longitude first, every incident a feature, with or without a point."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path
from typing import Any

import geojson
import pytest
from sample_results import DEIR_EZ_ZOR, STRIKE_SENTENCE, URL, write_sample_results

from incidents.batch.results import read_results
from incidents.export.geojson_export import write_geojson


@pytest.fixture
def exported(tmp_path: Path) -> tuple[str, Any]:
    lines = read_results(write_sample_results(tmp_path / "results.jsonl"))
    out = io.StringIO()
    counts = write_geojson(lines, out)
    return out.getvalue(), counts


def test_valid_rfc7946(exported: tuple[str, Any]) -> None:
    text, _ = exported
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    assert collection.errors() == []
    raw = json.loads(text)
    assert raw["type"] == "FeatureCollection"
    assert "crs" not in raw  # RFC 7946 §4: WGS84 implied, no crs member
    for feature in raw["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"] is None or feature["geometry"]["type"] == "Point"


def test_longitude_first(exported: tuple[str, Any]) -> None:
    strike = json.loads(exported[0])["features"][0]
    longitude, latitude = strike["geometry"]["coordinates"]
    # Deir ez-Zor is at about 40.1 E, 35.3 N: swapped, it would be in the Indian Ocean.
    assert longitude == pytest.approx(40.14, abs=0.01)
    assert latitude == pytest.approx(35.34, abs=0.01)
    assert (longitude, latitude) == DEIR_EZ_ZOR


def test_every_incident_is_a_feature(exported: tuple[str, Any]) -> None:
    text, counts = exported
    features = json.loads(text)["features"]
    assert len(features) == counts.incidents == 5
    without = [f for f in features if f["geometry"] is None]
    assert len(without) == counts.without_point == 4
    assert [line.id for line in counts.failed] == ["broken-004"]
    assert "4 incidents without coordinates" in counts.summary("GeoJSON", "events.geojson")
    assert len({f["id"] for f in features}) == 5


def test_properties_are_flat(exported: tuple[str, Any]) -> None:
    features = json.loads(exported[0])["features"]
    strike, repression = features[0]["properties"], features[3]["properties"]
    assert strike["location_name"] == "Deir ez-Zor"
    assert strike["location_name_original"] == "دير الزور"
    assert strike["event_type_label"] == "Explosions/Remote violence"
    assert strike["perpetrators"] == "Unidentified Military Forces"
    assert strike["targets"] == "Civilians (Syria)"
    assert strike["actors"][1] == {"name": "Civilians (Syria)", "name_original": "مدنيين",
                                   "role": "target", "kind": "civilians"}  # fmt: skip
    assert strike["evidence"] == [STRIKE_SENTENCE]  # Arabic kept, not \u-escaped
    assert STRIKE_SENTENCE in exported[0]
    assert (strike["url"], strike["document_id"], strike["fatalities"]) == (
        URL, "deir-ez-zor-001", 3,
    )  # fmt: skip
    assert strike["event_id"] == "SYR-deir-ez-zor-001-1"
    assert repression["perpetrators"] == "Police Forces of Syria; Military Forces of Syria"
    assert repression["injured"] == 2 and repression["fatalities"] is None
    for properties in (f["properties"] for f in features):
        nested = [k for k, v in properties.items() if isinstance(v, dict)]
        assert nested == [], nested  # GIS tools show flat properties as columns


def test_gdal_reads_it(tmp_path: Path) -> None:
    """GDAL's GeoJSON driver (what QGIS uses to open the file) reads every feature, in WGS84,
    with the point where it belongs."""
    import pyogrio  # a dev dependency: GDAL, as QGIS reads GeoJSON

    lines = read_results(write_sample_results(tmp_path / "results.jsonl"))
    path = tmp_path / "events.geojson"
    with path.open("w", encoding="utf-8") as out:
        write_geojson(lines, out)
    info = pyogrio.read_info(path)
    assert info["features"] == 5
    assert info["geometry_type"] == "Point"
    assert "4326" in str(info["crs"])
    meta, _, geometry, fields = pyogrio.raw.read(path)
    columns = dict(zip(meta["fields"], fields, strict=True))
    assert columns["location_name"][0] == "Deir ez-Zor"
    assert columns["evidence_text"][0] == STRIKE_SENTENCE
    # Point WKB: byte order, geometry type, then x (longitude) and y (latitude).
    order = "<" if geometry[0][0] == 1 else ">"
    kind, x, y = struct.unpack(f"{order}Idd", geometry[0][1:21])
    assert (kind, x, y) == (1, *DEIR_EZ_ZOR)
    assert [g is None for g in geometry] == [False, True, True, True, True]
