"""What every exporter shares: walking the incidents of a results file, counting what was
written and what was left out, and the one id each exported incident carries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from incidents.batch.results import ResultLine
from incidents.export.acled_vocab import country
from incidents.schema import ExtractionResult, Incident

UNKNOWN_COUNTRY = "XXX"
"""Prefix of the event id when the incident's country is unknown (an ISO 3166 user-assigned
code, so it never clashes with a real country)."""


@dataclass
class ExportCounts:
    """What an export wrote and what it left out, for the summary line on stderr."""

    articles: int = 0
    """Articles with a result (including those with no incident)."""
    incidents: int = 0
    failed: list[ResultLine] = field(default_factory=list)
    """Failed batch records: no result, so nothing of them is in the export."""
    without_point: int = 0
    """Incidents exported without coordinates (GeoJSON: ``"geometry": null``)."""

    def summary(self, what: str, where: str) -> str:
        """One human line, e.g. ``wrote 5 incidents from 3 articles to events.csv; ...``."""
        line = (
            f"wrote {_plural(self.incidents, 'incident')} from "
            f"{_plural(self.articles, 'article')} to {where} ({what})"
        )
        if self.without_point:
            line += f"; {_plural(self.without_point, 'incident')} without coordinates"
        if self.failed:
            shown = ", ".join(
                f"{failed.id} ({failed.reason or 'no reason recorded'})"
                for failed in self.failed[:5]
            )
            more = f" and {len(self.failed) - 5} more" if len(self.failed) > 5 else ""
            line += (
                f"; {_plural(len(self.failed), 'failed article')} left out "
                f"(no result to export): {shown}{more}"
            )
        return line


@dataclass(frozen=True)
class ExportedIncident:
    """One incident with what an exporter needs to know about where it came from."""

    line: ResultLine
    result: ExtractionResult
    incident: Incident
    index: int
    """1-based position of the incident in its article's result."""

    @property
    def event_id(self) -> str:
        """Our stable id, shaped like ACLED's ``event_id_cnty`` (ISO alpha-3 first):
        ``<ALPHA3>-<document_id>-<index>``, e.g. ``SYR-deir-ez-zor-001-3``.

        It is ours, not ACLED's: ACLED numbers its events itself. The same results file always
        gives the same ids; ``XXX`` stands for an unknown country.
        """
        known = country(self.incident.location.country)
        prefix = known.alpha_3 if known and known.alpha_3 else UNKNOWN_COUNTRY
        return f"{prefix}-{self.result.document_id}-{self.index}"

    @property
    def url(self) -> str | None:
        return self.line.url or (self.result.source.url if self.result.source else None)


def exported_incidents(
    lines: Sequence[ResultLine], counts: ExportCounts
) -> Iterator[ExportedIncident]:
    """Every incident of ``lines`` in file order, counting articles, incidents and failures."""
    for line in lines:
        if line.result is None:
            counts.failed.append(line)
            continue
        counts.articles += 1
        for index, incident in enumerate(line.result.incidents, start=1):
            counts.incidents += 1
            yield ExportedIncident(line=line, result=line.result, incident=incident, index=index)


def code_of(value: object) -> str:
    """The snake_case code of a schema enum field, whether stored as its value (the schema's
    ``use_enum_values``) or as the enum member itself."""
    return str(getattr(value, "value", value))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
