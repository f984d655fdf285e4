"""Every gold file in the repo passes the gold validator, and the set is big enough to mean
something."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from incidents.evals.gold import gold_files, load_gold, validate_gold_file

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "evals" / "gold"
SEED_GOLD = REPO.parent / "shared" / "seeds" / "deir-ez-zor-fatemiyoun-ar.gold.json"
MIN_FILES = 30

FILES = gold_files(GOLD) if GOLD.is_dir() else []


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(GOLD)) for p in FILES])
def test_gold_file_is_valid(path: Path) -> None:
    problems = validate_gold_file(path)
    assert not problems, "\n".join(problems)


def test_seed_gold_is_valid() -> None:
    # The founding article's annotation lives outside the repo (../shared/seeds); CI has it.
    if not SEED_GOLD.exists():
        pytest.fail(f"the seed annotation is missing: {SEED_GOLD}")
    assert validate_gold_file(SEED_GOLD) == []


def test_gold_ids_are_unique_and_the_set_loads() -> None:
    docs = load_gold(FILES) if FILES else []  # raises GoldError naming both files on a clash
    assert len({doc.id for doc in docs}) == len(FILES)


def test_gold_set_covers_what_the_issue_asks() -> None:
    docs = load_gold(GOLD)
    splits = Counter(p.relative_to(GOLD).parts[0] for p in FILES)
    assert len(docs) >= MIN_FILES
    # test2 is the held-out split written for issue 11 (confusable types, non-events, dates as
    # written), unread while tuning like test.
    # test3 is the held-out half of issue 22's short items, written by an annotator who does
    # not tune the rules; the tuning half is dev/notes.
    assert set(splits) == {"dev", "test", "test2", "test3"}, dict(splits)
    assert min(splits.values()) >= 10, dict(splits)
    languages = Counter(doc.language for doc in docs)
    assert languages["ar"] >= 15 and languages["en"] >= 10
    assert sum(n for lang, n in languages.items() if lang not in {"ar", "en"}) >= 3
    assert all(doc.origin.startswith("written for this project") for doc in docs)
    incidents = [i for doc in docs for i in doc.incidents]
    assert len({i.event_type for i in incidents}) == 6
    assert len({i.sub_event_type for i in incidents}) >= 15
    for split in (
        "dev",
        "test",
        "test2",
        "test3",
    ):  # an article whose right answer is "no incident"
        assert any(not d.incidents for d in docs if d.path.parts[-2] == split)
    assert max(len(doc.incidents) for doc in docs) >= 7
    assert max(len(doc.text) for doc in docs) > 16_000  # the long (> 4,000 tokens) article


def test_issue_22_items_cover_notes_briefs_countries_and_non_events() -> None:
    # Issue 22: at least 150 short items, Arabic at least half, 20 countries, 20 with no event,
    # split in halves between dev (dev/notes) and the held-out test3. Only counts are read here.
    for folder in (GOLD / "dev" / "notes", GOLD / "test3"):
        docs = load_gold(folder)
        assert len(docs) >= 75
        assert sum(doc.language == "ar" for doc in docs) * 2 >= len(docs)
        countries = {i.location.country for doc in docs for i in doc.incidents}
        assert len(countries - {None}) >= 20
        assert sum(not doc.incidents for doc in docs) >= 10
        assert all(a.role for doc in docs for i in doc.incidents for a in i.actors)
