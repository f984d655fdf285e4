"""Pairwise and B-cubed scores, the gold groups file, and the mapping of predictions to gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from event_fixtures import incident

from factories import make_result
from incidents.evals.gold import GoldDocument
from incidents.events.scoring import (
    as_gold_items,
    bcubed,
    check_groups,
    load_groups,
    map_to_gold,
    pairs_of,
    pairwise,
    score_grouping,
)

GOLD = [["a", "b", "c"], ["d", "e"], ["f"]]  # 3 + 1 = 4 gold pairs


def test_pairwise_counts_by_hand() -> None:
    # {a,b} right; {d,f} wrong; {a,c}, {b,c}, {d,e} missed
    scores = pairwise([["a", "b"], ["c"], ["d", "f"], ["e"]], GOLD)
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 3)
    assert scores.precision == 0.5 and scores.recall == 0.25
    assert scores.f1 == pytest.approx(2 / 6)
    assert pairwise(GOLD, GOLD).f1 == 1.0
    assert len(pairs_of([["a", "b", "c", "a"]])) == 3  # a repeated item is one item


def test_bcubed_by_hand() -> None:
    predicted = [["a", "b"], ["c"], ["d", "e", "f"]]
    scores = bcubed(predicted, GOLD)
    # precision: a 1, b 1, c 1, d 2/3, e 2/3, f 1/3; recall: a 2/3, b 2/3, c 1/3, d 1, e 1, f 1
    assert scores.precision == pytest.approx((3 + 5 / 3) / 6)
    assert scores.recall == pytest.approx((5 / 3 + 3) / 6)
    # a spurious singleton neither helps nor hurts; a spurious item merged costs precision
    assert bcubed([*GOLD, ["x"]], GOLD).f1 == 1.0
    assert bcubed([["a", "b", "c", "x"], ["d", "e"], ["f"]], GOLD).precision < 1.0


def test_the_groups_file(tmp_path: Path) -> None:
    path = tmp_path / "groups.json"
    path.write_text(
        json.dumps(
            [
                [{"article": "a", "incident": 0}, {"article": "b", "incident": 1}],
                [{"article": "c", "incident": 0}],
            ]
        )
    )
    assert load_groups(path) == [[("a", 0), ("b", 1)], [("c", 0)]]
    path.write_text(
        json.dumps([[{"article": "a", "incident": 0}], [{"article": "a", "incident": 0}]])
    )
    with pytest.raises(ValueError, match="in two groups"):
        load_groups(path)
    path.write_text(json.dumps({"groups": []}))
    with pytest.raises(ValueError, match="list of groups"):
        load_groups(path)


def _doc(doc_id: str, n: int) -> GoldDocument:
    return GoldDocument(
        id=doc_id,
        language="en",
        published=None,
        origin="test",
        text="x",
        incidents=tuple(incident() for _ in range(n)),
        path=Path(doc_id),
    )


def test_check_groups_finds_what_does_not_fit_the_gold_files() -> None:
    docs = [_doc("a", 2), _doc("b", 1)]
    assert check_groups([[("a", 0), ("b", 0)], [("a", 1)]], docs) == []
    problems = check_groups([[("a", 0), ("a", 1)], [("b", 3)]], docs)
    assert any("two incidents of one article" in p for p in problems)
    assert "b incident 3: no such gold incident" in problems
    assert "b incident 0: in no group" in problems


def test_end_to_end_items_map_through_the_harness_alignment() -> None:
    other = {
        "sub_event_type": "grenade",
        "location": {"name": "Kabul", "country": "AF"},
        "actors": [{"name": "Taliban", "role": "perpetrator"}],
    }
    docs = [_doc("a", 1), _doc("b", 1)]
    results = {
        "a": make_result("a", [incident(), incident(**other)]),  # the second matches no gold
        "b": make_result("b", [incident()]),
    }
    mapping = map_to_gold(results, docs)
    assert mapping == {("a", 0): ("a", 0), ("b", 0): ("b", 0)}
    groups = [[("a", 1), ("b", 0)], [("a", 0)]]
    assert as_gold_items(groups, mapping) == [[("spurious", "a", 1), ("b", 0)], [("a", 0)]]
    scores = score_grouping(groups, [[("a", 0), ("b", 0)]], mapping)
    assert (scores.pairwise.tp, scores.pairwise.fp, scores.pairwise.fn) == (0, 1, 1)
    assert scores.reachable == 1 and scores.events == 2 and scores.multi == 1
    right = score_grouping([[("a", 0), ("b", 0)], [("a", 1)]], [[("a", 0), ("b", 0)]], mapping)
    assert right.pairwise.f1 == 1.0
