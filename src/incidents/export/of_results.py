"""The exporters for results held in memory: what ``extract`` and ``extract_many`` return.

The CLI exports results files; a program has :class:`~incidents.schema.ExtractionResult`s.
Each function here takes those (or results-file lines, failed ones included), writes one file
and returns what it wrote and left out, as the CLI's exporters do.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from incidents.batch.results import ResultLine
from incidents.export.acled_csv import write_acled_csv
from incidents.export.common import ExportCounts
from incidents.export.geojson_export import write_geojson
from incidents.export.review_page import write_review_page
from incidents.schema import ExtractionResult

Results = Iterable[ExtractionResult | ResultLine]


def lines_of(results: Results) -> list[ResultLine]:
    """Each result as the line of a results file (its id, its page's URL)."""
    lines = []
    for result in results:
        if isinstance(result, ResultLine):
            lines.append(result)
        elif isinstance(result, ExtractionResult):
            url = result.source.url if result.source else None
            lines.append(ResultLine(id=result.document_id, result=result, url=url))
        else:
            raise TypeError(f"expected ExtractionResult or ResultLine, got {type(result).__name__}")
    return lines


def to_acled_csv(
    results: Results, path: str | os.PathLike[str], *, acled_only: bool = False, bom: bool = False
) -> ExportCounts:
    """One ACLED-style row per incident (``incidents export --format acled-csv``)."""
    lines = lines_of(results)
    with Path(path).open("w", encoding="utf-8", newline="") as out:
        return write_acled_csv(lines, out, acled_only=acled_only, bom=bom)


def to_geojson(results: Results, path: str | os.PathLike[str]) -> ExportCounts:
    """An RFC 7946 FeatureCollection, one feature per incident (``--format geojson``)."""
    lines = lines_of(results)
    with Path(path).open("w", encoding="utf-8") as out:
        return write_geojson(lines, out)


def to_review_page(results: Results, path: str | os.PathLike[str]) -> ExportCounts:
    """The review page (``incidents review``): one HTML file, evidence highlighted."""
    lines = lines_of(results)
    write_review_page(lines, Path(path))
    counts = ExportCounts()
    for line in lines:
        if line.result is None:
            counts.failed.append(line)
        else:
            counts.articles += 1
            counts.incidents += len(line.result.incidents)
    return counts
