"""Corrections -> gold files: only reviewed articles, the gold set's own validator, nothing
half-written, no silent overwrite; the files load with the gold loader `incidents eval` uses."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from incidents.evals.gold import load_gold, validate_gold_file
from incidents.evals.gold_import import (
    CorrectionsError,
    gold_id_for,
    import_corrections,
    read_corrections,
)

TEXT = "حلب 😀 – قُتل ثلاثة مدنيين بقصف مدفعي على حي الشعار أمس.\nوتظاهر العشرات في إدلب.\n"
STRIKE = "قُتل ثلاثة مدنيين بقصف مدفعي على حي الشعار"
PROTEST = "وتظاهر العشرات في إدلب"


def span(quote: str) -> dict[str, Any]:
    start = TEXT.index(quote)  # code points, like the schema's offsets
    return {"start": start, "end": start + len(quote), "text": quote}


def incident(review: str, **fields: Any) -> dict[str, Any]:
    base = {
        "summary": "Shelling of Al Shaar in Aleppo killed three civilians.",
        "event_type": "explosions_remote_violence",
        "sub_event_type": "shelling_artillery_missile_attack",
        "date": {"start": "2025-02-01", "end": "2025-02-01", "precision": "day", "text": "أمس"},
        "location": {"name": "Aleppo", "name_original": "حلب", "admin1": "Aleppo",
                     "country": "SY", "latitude": 36.2, "longitude": 37.16, "geo_precision": 2},
        "actors": [{"name": "Civilians (Syria)", "name_original": None, "role": "target",
                    "kind": "civilians"}],
        "fatalities": 3, "injured": None, "detained": None, "reported_by": None,
        "evidence": [span(STRIKE)],
        "review": review,
    }  # fmt: skip
    base.update(fields)
    return base


def corrections() -> dict[str, Any]:
    article = {
        "id": "ar-aleppo-shelling", "language": "ar", "published": "2025-02-02",
        "title": "قصف على حلب", "url": "https://example.org/aleppo", "model": "p@v4 · m",
        "text": TEXT, "reviewed": True,
        "incidents": [
            incident("edited", fatalities=4),
            incident("added", summary="Dozens protested in Idlib.", event_type="protests",
                     sub_event_type="peaceful_protest", evidence=[span(PROTEST)],
                     location={"name": "Idlib", "country": "SY"}, actors=[], fatalities=None),
        ],
        "deleted": [incident("unchecked")],
    }  # fmt: skip
    return {
        "format": "incidents-corrections", "version": 1, "schema_version": "1",
        "results_sha256": "ab" * 32, "saved_at": "2025-02-03T10:00:00Z",
        "articles": [
            article,
            {**copy.deepcopy(article), "id": "unreviewed-one", "reviewed": False},
            {"id": "failed-one", "failed": "model timed out", "reviewed": False, "incidents": []},
            {**copy.deepcopy(article), "id": "legacy-one", "text": None, "incidents": []},
        ],
    }  # fmt: skip


def write(tmp_path: Path, data: dict[str, Any], name: str = "corrections.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_reviewed_articles_become_valid_gold_that_the_loader_reads(tmp_path: Path) -> None:
    out = tmp_path / "gold"
    report = import_corrections(write(tmp_path, corrections()), out)

    assert report.written == [out / "ar-aleppo-shelling.json"]
    assert validate_gold_file(report.written[0]) == []
    (doc,) = load_gold(out)
    assert doc.id == "ar-aleppo-shelling" and doc.text == TEXT
    assert [i.fatalities for i in doc.incidents] == [4, None]  # the analyst's edit, kept
    assert [i.event_type for i in doc.incidents] == ["explosions_remote_violence", "protests"]
    ev = doc.incidents[1].evidence[0]
    assert TEXT[ev.start : ev.end] == PROTEST  # after the emoji: code points, not UTF-16
    data = json.loads(report.written[0].read_text(encoding="utf-8"))
    assert "analyst" in data["origin"] and "review" in data["origin"]
    assert all("review" not in inc for inc in data["incidents"])
    assert "1 deleted" in data["notes"] and "1 edited" in data["notes"]


def test_skipped_articles_are_reported_with_their_reason(tmp_path: Path) -> None:
    report = import_corrections(write(tmp_path, corrections()), tmp_path / "gold")
    reasons = {s.id: s.reason for s in report.skipped}
    assert set(reasons) == {"unreviewed-one", "failed-one", "legacy-one"}
    assert "not marked Reviewed" in reasons["unreviewed-one"]
    assert "model timed out" in reasons["failed-one"]
    assert "no article text" in reasons["legacy-one"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sub_event_type": "armed_clash"}, "incidents.0"),
        ({"evidence": [{"start": 0, "end": 3, "text": "xyz"}]}, "incidents.0.evidence.0"),
        ({"location": {"country": "Syria"}}, "incidents.0.location.country"),
        ({"review": "wrong"}, "incidents.0: marked wrong but neither corrected nor deleted"),
        ({"fatalitees": 3}, "incidents.0.fatalitees"),
    ],
)
def test_an_invalid_article_stops_the_import_naming_article_and_field(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    data = corrections()
    data["articles"][0]["incidents"][0].update(change)
    out = tmp_path / "gold"
    with pytest.raises(CorrectionsError) as caught:
        import_corrections(write(tmp_path, data), out)
    assert "article 'ar-aleppo-shelling'" in str(caught.value)
    assert message in str(caught.value)
    assert not out.exists()  # nothing half-written


def test_existing_files_are_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "gold"
    path = write(tmp_path, corrections())
    first = import_corrections(path, out)
    again = import_corrections(path, out)
    assert again.written == [] and again.unchanged == first.written

    changed = corrections()
    changed["articles"][0]["incidents"][0]["fatalities"] = 9
    changed_path = write(tmp_path, changed, "changed.json")
    with pytest.raises(CorrectionsError, match="--force"):
        import_corrections(changed_path, out)
    assert load_gold(out)[0].incidents[0].fatalities == 4
    import_corrections(changed_path, out, force=True)
    assert load_gold(out)[0].incidents[0].fatalities == 9


def test_not_a_corrections_file(tmp_path: Path) -> None:
    with pytest.raises(CorrectionsError, match="not a corrections file"):
        read_corrections(write(tmp_path, {"id": "x", "incidents": []}))
    with pytest.raises(CorrectionsError, match="version 2 is not supported"):
        read_corrections(write(tmp_path, {**corrections(), "version": 2}))
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(CorrectionsError, match="not JSON"):
        read_corrections(tmp_path / "bad.json")


def test_gold_ids_follow_the_gold_format() -> None:
    assert gold_id_for("ar-aleppo-001") == "ar-aleppo-001"
    assert gold_id_for("https://example.org/a b?c=1") == "https-example.org-a-b-c-1"
    assert gold_id_for("قصف حلب").startswith("article-")
    assert gold_id_for("قصف حلب") != gold_id_for("قصف إدلب")
