"""The exporters take results held in memory (issue 24): the same files as from a results
file on disk, for ``ExtractionResult``s and results-file lines alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sample_results import write_sample_results

import incidents
from incidents.batch.results import ResultLine, read_results
from incidents.export.acled_csv import write_acled_csv
from incidents.export.geojson_export import write_geojson


@pytest.fixture
def lines(tmp_path: Path) -> list[ResultLine]:
    return read_results(write_sample_results(tmp_path / "results.jsonl"))


def test_results_in_memory_give_the_csv_of_the_results_file(
    lines: list[ResultLine], tmp_path: Path
) -> None:
    results = [line.result for line in lines if line.result is not None]
    counts = incidents.to_acled_csv(results, tmp_path / "events.csv")
    with (tmp_path / "from-file.csv").open("w", encoding="utf-8", newline="") as out:
        write_acled_csv([line for line in lines if line.result is not None], out)
    assert (tmp_path / "events.csv").read_bytes() == (tmp_path / "from-file.csv").read_bytes()
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as written:
        rows = list(csv.DictReader(written))
    assert counts.incidents == len(rows) == sum(len(r.incidents) for r in results) > 0
    assert counts.articles == len(results) and not counts.failed


def test_a_failed_line_is_counted_not_dropped(lines: list[ResultLine], tmp_path: Path) -> None:
    counts = incidents.to_geojson(lines, tmp_path / "events.geojson")
    collection = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert len(collection["features"]) == counts.incidents
    assert [failed.id for failed in counts.failed] == [
        line.id for line in lines if line.result is None
    ]
    with (tmp_path / "from-file.geojson").open("w", encoding="utf-8") as out:
        write_geojson(lines, out)
    assert (tmp_path / "events.geojson").read_text() == (tmp_path / "from-file.geojson").read_text()


def test_the_review_page_is_written_with_every_article(
    lines: list[ResultLine], tmp_path: Path
) -> None:
    counts = incidents.to_review_page(lines, tmp_path / "site" / "review.html")
    page = (tmp_path / "site" / "review.html").read_text(encoding="utf-8")
    assert counts.articles + len(counts.failed) == len(lines)
    for line in lines:
        assert line.id in page


def test_anything_else_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="ExtractionResult"):
        incidents.to_acled_csv([{"incidents": []}], tmp_path / "x.csv")  # type: ignore[list-item]
