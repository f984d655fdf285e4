"""Every demonym of data/demonyms.yaml names its country's forces, in each language."""

from __future__ import annotations

import pytest
import yaml

from incidents.text.actors.demonyms import country_forces
from incidents.text.actors.names import canonical_actor, country_name, find_actors

TABLE = yaml.safe_load(
    (
        __import__("pathlib").Path(__import__("incidents").__file__).parent
        / "data"
        / "demonyms.yaml"
    ).read_text("utf-8")
)["countries"]


@pytest.mark.parametrize("code", sorted(TABLE))
def test_each_country_forces_in_each_language(code: str) -> None:
    forms = TABLE[code]
    military = f"Military Forces of {country_name(code)}".replace(" of the ", " of ")
    police = f"Police Forces of {country_name(code)}"
    phrases = {
        f"{forms['en'][0]} troops": military,
        f"{forms['en'][0]} police": police,
        f"القوات {forms['ar'][1]}": military,
        f"الجيش {forms['ar'][0]}": military,
        f"الشرطة {forms['ar'][1]}": police,
        f"l'armée {forms['fr'][1]}": military,
        f"soldats {forms['fr'][2]}": military,
        f"forces {forms['fr'][3]}": military,
    }
    for phrase, wanted in phrases.items():
        actor = canonical_actor(phrase)
        assert actor is not None, phrase
        assert actor.name.replace(" of the ", " of ") == wanted, (phrase, actor.name)


def test_a_curated_name_wins_over_a_demonym() -> None:
    # "Syrian Democratic Forces" holds "Syrian … Forces"; the army is a different actor.
    assert [a.name for a in find_actors("Syrian Democratic Forces and Syrian troops clashed")] == [
        "Syrian Democratic Forces",
        "Military Forces of Syria",
    ]


def test_a_demonym_names_its_country_whatever_the_incident_country() -> None:
    actor = canonical_actor("القوات التركية")
    assert actor is not None and actor.named_for("SY") == "Military Forces of Turkey"


def test_every_country_builds_aliases_for_both_forces() -> None:
    forces = country_forces()
    assert {f.country for f in forces} == set(TABLE)
    assert all(len(f.aliases) >= 10 for f in forces)
