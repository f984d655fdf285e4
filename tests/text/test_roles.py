"""The role reader on sentences written for it (tests/text/data/role_sentences.yaml): each
construction of data/role_cues.yaml, in Arabic, English and French, both voices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from incidents.text.actors.roles import read_roles, role_cues

CASES = yaml.safe_load((Path(__file__).parent / "data" / "role_sentences.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["text"][:40])
def test_each_sentence_gives_each_side(case: dict[str, Any]) -> None:
    got: dict[str, set[str]] = {"perpetrator": set(), "target": set()}
    for mention in read_roles(case["text"]):
        if mention.role in got:
            got[mention.role].add(mention.actor.name)
    assert got["perpetrator"] == set(case.get("perpetrator", []))
    assert got["target"] == set(case.get("target", []))


def test_the_cases_cover_the_three_languages_and_both_sides() -> None:
    arabic = [c for c in CASES if any("\u0600" <= ch <= "\u06ff" for ch in c["text"])]
    french = [
        c for c in CASES if " ont " in c["text"] or " a été" in c["text"] or "par " in c["text"]
    ]
    assert len(arabic) >= 20 and len(french) >= 8 and len(CASES) - len(arabic) >= 30


def test_a_reporter_is_no_side_and_not_the_other_side() -> None:
    mentions = read_roles("Residents said gunmen attacked the village.")
    roles = {m.actor.name: m.role for m in mentions}
    assert roles == {"Civilians": "source", "Unidentified Armed Group": "perpetrator"}


def test_a_cue_does_not_reach_across_a_comma() -> None:
    # "on Tuesday" does not make the soldiers a target: the comma ends its reach.
    mentions = read_roles("On Tuesday, soldiers killed two gunmen.")
    roles = {m.actor.name: m.role for m in mentions}
    assert roles == {"Military forces": "perpetrator", "Unidentified Armed Group": "target"}


def test_nothing_decides_without_a_cue() -> None:
    assert [m.role for m in read_roles("الجيش والشرطة في المدينة")] == [None, None]


def test_cue_file_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text("before_nothing: {en: [by]}\n", "utf-8")
    with pytest.raises(ValueError, match="expected the keys"):
        role_cues.__wrapped__(bad)


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "L'attaque a été revendiquée dans la soirée par le Groupe de soutien à l'islam et aux "
            "musulmans (JNIM), lié à Al-Qaïda.",
            "JNIM",
        ),
        (
            "No group claimed responsibility, but the source blamed Islamic State militants.",
            "Islamic State",
        ),
        ("وتبنى تنظيم داعش الهجوم في بيان نشره على معرفاته", "Islamic State"),
        ("Al-Shabaab claimed the attack in a statement.", "Al Shabaab"),
        ("The army said the situation was calm.", None),  # no claim
    ],
)
def test_a_claim_names_who_did_it(sentence: str, claimant: str | None) -> None:
    from incidents.text.actors.roles import claimed_by

    found = claimed_by(sentence)
    assert (found.actor.name if found else None) == claimant


def test_a_group_something_is_linked_to_is_no_side() -> None:
    roles = {
        m.actor.name: m.role
        for m in read_roles("JNIM fighters, linked to Al Qaeda, attacked soldiers.")
    }
    assert roles.get("JNIM") == "perpetrator" and roles.get("Military forces") == "target"
    assert roles.get("Al Qaeda in the Arabian Peninsula", "source") == "source"
