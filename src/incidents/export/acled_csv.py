"""ACLED-style CSV: one row per incident, ACLED's 31 columns in ACLED's order, then ours.

Every value is derived from the incident; a column we cannot fill stays empty, never
invented. How each ACLED column is filled:

- ``event_id_cnty``: our stable id ``<ISO alpha-3>-<document_id>-<incident index>`` (ACLED
  numbers its own events; ``XXX`` when the country is unknown).
- ``event_date`` (ISO ``YYYY-MM-DD``), ``year``, ``time_precision``: from ``date``; precision
  day/week/month is ACLED's 1/2/3. ACLED has no code for a date known only to the year, so for
  year or unknown precision ``time_precision`` and ``event_date`` stay empty (``year`` is kept
  when known); our ``date_*`` columns keep what the article says.
- ``disorder_type``, ``event_type``, ``sub_event_type``: ACLED's spellings (see
  :mod:`incidents.export.acled_vocab`).
- ``actor1``/``actor2``: the first perpetrator and the first target; ``assoc_actor_1``/``_2``:
  the other perpetrators/targets, joined by ``"; "`` as ACLED does. With no perpetrator the
  first actor of role ``other`` is ``actor1``. ``inter1``/``inter2``: ACLED's codes 1-8 of the
  actors' kinds (empty when the kind is unknown). ``interaction``: the two codes lowest first
  (``17``), one known code times ten for a lone actor (``10`` ... ``80``), else empty.
- ``civilian_targeting``: "Civilian targeting" for violence against civilians and for other
  political violence whose target includes civilians, else empty.
- ``iso`` (ISO 3166 numeric), ``country`` (ACLED's spelling), ``region`` (ACLED's region of
  the country): from ``location.country``. ``admin2``/``admin3``: empty (we do not resolve them).
- ``source``: ``reported_by`` and the article's URL (or its document id), joined by ``"; "``.
- ``fatalities``: ``0`` where the article gives no figure, ACLED's convention; our
  ``fatalities_stated`` column is empty in that case, so the two can be told apart.
- ``timestamp``: ACLED's is the Unix time a row was uploaded; ours is the Unix time the
  extraction was made (``provenance.created_at``).
- ``source_scale``, ``tags``: empty.

The file is UTF-8 without a byte-order mark, so the header is ACLED's exactly; ``bom=True``
adds one for Excel (read it back with ``utf-8-sig``).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from incidents.batch.results import ResultLine
from incidents.export.acled_vocab import (
    CIVILIAN_TARGETING,
    EVENT_TYPE_LABELS,
    INTER_CODES,
    POLITICAL_VIOLENCE,
    SUB_EVENT_TYPE_LABELS,
    TIME_PRECISION,
    country,
    disorder_type,
)
from incidents.export.common import ExportCounts, ExportedIncident, code_of, exported_incidents
from incidents.schema import Actor

ACLED_COLUMNS: tuple[str, ...] = (
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
)

EXTRA_COLUMNS: tuple[str, ...] = (
    "document_id",
    "incident_index",
    "event_type_code",
    "sub_event_type_code",
    "date_end",
    "date_precision",
    "date_text",
    "location_original",
    "country_code",
    "fatalities_stated",
    "injured",
    "detained",
    "reported_by",
    "other_actors",
    "evidence",
    "evidence_offsets",
    "url",
    "published",
    "language",
    "prompt",
    "model",
)
"""Our columns, after ACLED's (left out with ``acled_only``). ``evidence`` joins the quoted
spans with ``EVIDENCE_SEPARATOR``; ``evidence_offsets`` gives each as ``start:end``."""

ACTOR_SEPARATOR = "; "
EVIDENCE_SEPARATOR = " | "


def write_acled_csv(
    lines: Sequence[ResultLine], out: TextIO, *, acled_only: bool = False, bom: bool = False
) -> ExportCounts:
    """Write one ACLED-style row per incident of ``lines`` to ``out``.

    Args:
        lines: The articles of a results file (:func:`incidents.batch.results.read_results`);
            failed ones have nothing to write and are counted in the returned ``failed``.
        out: A text stream; open files with ``newline=""`` (the csv module writes ``\\r\\n``).
        acled_only: Write ACLED's 31 columns only, without ours.
        bom: Start with a UTF-8 byte-order mark, for spreadsheet programs that need one.

    Returns:
        What was written and what was left out.
    """
    columns = ACLED_COLUMNS if acled_only else ACLED_COLUMNS + EXTRA_COLUMNS
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    counts = ExportCounts()
    for item in exported_incidents(lines, counts):
        writer.writerow(acled_row(item))
    return counts


def acled_row(item: ExportedIncident) -> dict[str, str]:
    """The CSV row of one incident: every ACLED column and every extra column, as text."""
    incident, result = item.incident, item.result
    event_type = code_of(incident.event_type)
    sub_event_type = code_of(incident.sub_event_type)
    place = incident.location
    where = country(place.country)
    actor1, assoc1, actor2, assoc2, others = _actor_slots(incident.actors)
    inter1, inter2 = _inter(actor1), _inter(actor2)
    disorder = disorder_type(event_type, sub_event_type)
    precision = TIME_PRECISION.get(code_of(incident.date.precision))
    start = incident.date.start
    return {
        "event_id_cnty": item.event_id,
        "event_date": start.isoformat() if start and precision else "",
        "year": str(start.year) if start else "",
        "time_precision": _text(precision),
        "disorder_type": disorder,
        "event_type": EVENT_TYPE_LABELS[event_type],
        "sub_event_type": SUB_EVENT_TYPE_LABELS[sub_event_type],
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": ACTOR_SEPARATOR.join(actor.name for actor in assoc1),
        "inter1": _text(inter1),
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": ACTOR_SEPARATOR.join(actor.name for actor in assoc2),
        "inter2": _text(inter2),
        "interaction": _text(interaction(inter1, inter2)),
        "civilian_targeting": _civilian_targeting(event_type, disorder, incident.actors),
        "iso": where.numeric if where else "",
        "region": where.region if where else "",
        "country": where.name if where else "",
        "admin1": place.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": place.name or "",
        "latitude": _text(place.latitude),
        "longitude": _text(place.longitude),
        "geo_precision": _text(place.geo_precision),
        "source": ACTOR_SEPARATOR.join(
            part for part in (incident.reported_by, item.url or result.document_id) if part
        ),
        "source_scale": "",
        "notes": incident.summary,
        "fatalities": str(incident.fatalities or 0),
        "tags": "",
        "timestamp": str(int(result.provenance.created_at.timestamp())),
        # Ours, after ACLED's.
        "document_id": result.document_id,
        "incident_index": str(item.index),
        "event_type_code": event_type,
        "sub_event_type_code": sub_event_type,
        "date_end": _text(incident.date.end),
        "date_precision": code_of(incident.date.precision),
        "date_text": incident.date.text or "",
        "location_original": place.name_original or "",
        "country_code": place.country or "",
        "fatalities_stated": _text(incident.fatalities),
        "injured": _text(incident.injured),
        "detained": _text(incident.detained),
        "reported_by": incident.reported_by or "",
        "other_actors": ACTOR_SEPARATOR.join(actor.name for actor in others),
        "evidence": EVIDENCE_SEPARATOR.join(span.text for span in incident.evidence),
        "evidence_offsets": ACTOR_SEPARATOR.join(
            f"{span.start}:{span.end}" for span in incident.evidence
        ),
        "url": item.url or "",
        "published": _text(result.published),
        "language": result.language,
        "prompt": result.provenance.prompt,
        "model": result.provenance.model,
    }


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes lowest first as one number (``17``), or
    one code times ten for a lone actor (``70``); None when no code is known."""
    known = sorted(code for code in (inter1, inter2) if code is not None)
    if not known:
        return None
    if len(known) == 1:
        return known[0] * 10
    return known[0] * 10 + known[1]


def _actor_slots(
    actors: Sequence[Actor],
) -> tuple[Actor | None, list[Actor], Actor | None, list[Actor], list[Actor]]:
    """actor1, its associates, actor2, its associates, and the actors left over."""
    perpetrators = [actor for actor in actors if code_of(actor.role) == "perpetrator"]
    targets = [actor for actor in actors if code_of(actor.role) == "target"]
    others = [actor for actor in actors if code_of(actor.role) == "other"]
    if not perpetrators and others:
        # A protest or an agreement often has no perpetrator: its first party is ACLED's
        # actor1 (e.g. "Protesters (Syria)").
        perpetrators, others = others[:1], others[1:]
    actor1 = perpetrators[0] if perpetrators else None
    actor2 = targets[0] if targets else None
    return actor1, perpetrators[1:], actor2, targets[1:], others


def _inter(actor: Actor | None) -> int | None:
    if actor is None or actor.kind is None:
        return None
    return INTER_CODES[code_of(actor.kind)]


def _civilian_targeting(event_type: str, disorder: str, actors: Sequence[Actor]) -> str:
    if event_type == "violence_against_civilians":
        return CIVILIAN_TARGETING
    civilians_targeted = any(
        code_of(actor.role) == "target" and code_of(actor.kind) == "civilians" for actor in actors
    )
    if civilians_targeted and disorder.startswith(POLITICAL_VIOLENCE):
        return CIVILIAN_TARGETING
    return ""


def _text(value: object) -> str:
    """A cell: empty for None, ISO for dates, ``str`` for the rest."""
    if value is None:
        return ""
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else str(value)
