"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per incident.

Coordinates are ``[longitude, latitude]`` in WGS84, and the collection has no ``crs`` member
(RFC 7946 removed it; WGS84 is implied). An incident whose place was not resolved to
coordinates is still a feature, with ``"geometry": null`` (allowed by RFC 7946 §3.2), so a map
shows what it can and the table of features still lists every incident; the command says how
many have no point.

Properties are the incident's fields flattened so that GIS tools (QGIS through GDAL) show them
as columns: ``location.name`` becomes ``location_name``, ``date.start`` ``date_start``; actors
appear both as joined strings (``perpetrators``, ``targets``, ``other_actors``) and as the
full list (``actors``); ``evidence`` is the list of quoted spans and ``evidence_text`` the
same joined. ``event_id`` is the id of the ACLED-style CSV, so the two exports join.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

import geojson

from incidents.batch.results import ResultLine
from incidents.export.acled_csv import ACTOR_SEPARATOR, EVIDENCE_SEPARATOR
from incidents.export.acled_vocab import EVENT_TYPE_LABELS, SUB_EVENT_TYPE_LABELS
from incidents.export.common import ExportCounts, ExportedIncident, code_of, exported_incidents


def feature_collection(
    lines: Sequence[ResultLine],
) -> tuple[geojson.FeatureCollection, ExportCounts]:
    """The FeatureCollection of every incident in ``lines``, and what was left out.

    Args:
        lines: The articles of a results file; failed ones are counted, not exported.

    Returns:
        The collection (its features in file order) and the counts, ``without_point`` included.
    """
    counts = ExportCounts()
    features = []
    for item in exported_incidents(lines, counts):
        point = _point(item)
        if point is None:
            counts.without_point += 1
        features.append(
            geojson.Feature(id=item.event_id, geometry=point, properties=feature_properties(item))
        )
    return geojson.FeatureCollection(features), counts


def write_geojson(lines: Sequence[ResultLine], out: TextIO) -> ExportCounts:
    """Write the FeatureCollection of ``lines`` to ``out`` as UTF-8 JSON (Arabic kept as is).

    Returns:
        What was written and what was left out.
    """
    collection, counts = feature_collection(lines)
    out.write(geojson.dumps(collection, ensure_ascii=False, indent=1))
    out.write("\n")
    return counts


def feature_properties(item: ExportedIncident) -> dict[str, Any]:
    """The flat properties of one incident's feature (JSON types only)."""
    incident, result = item.incident, item.result
    place, date = incident.location, incident.date
    event_type, sub_event_type = code_of(incident.event_type), code_of(incident.sub_event_type)

    def names(role: str) -> str:
        return ACTOR_SEPARATOR.join(a.name for a in incident.actors if code_of(a.role) == role)

    return {
        "event_id": item.event_id,
        "document_id": result.document_id,
        "incident_index": item.index,
        "summary": incident.summary,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "event_type_label": EVENT_TYPE_LABELS[event_type],
        "sub_event_type_label": SUB_EVENT_TYPE_LABELS[sub_event_type],
        "date_start": date.start.isoformat() if date.start else None,
        "date_end": date.end.isoformat() if date.end else None,
        "date_precision": code_of(date.precision),
        "date_text": date.text,
        "location_name": place.name,
        "location_name_original": place.name_original,
        "location_admin1": place.admin1,
        "location_country": place.country,
        "location_geo_precision": place.geo_precision,
        "perpetrators": names("perpetrator"),
        "targets": names("target"),
        "other_actors": names("other"),
        "actors": [json.loads(actor.model_dump_json()) for actor in incident.actors],
        "fatalities": incident.fatalities,
        "injured": incident.injured,
        "detained": incident.detained,
        "reported_by": incident.reported_by,
        "evidence": [span.text for span in incident.evidence],
        "evidence_text": EVIDENCE_SEPARATOR.join(span.text for span in incident.evidence),
        "url": item.url,
        "published": result.published.isoformat() if result.published else None,
        "language": result.language,
        "prompt": result.provenance.prompt,
        "model": result.provenance.model,
    }


def _point(item: ExportedIncident) -> geojson.Point | None:
    place = item.incident.location
    if place.latitude is None or place.longitude is None:
        return None
    # RFC 7946 §3.1.1: longitude first.
    return geojson.Point((place.longitude, place.latitude))
