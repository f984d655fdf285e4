"""ACLED's distinctions and actor rules as stages, on hand-made answers (Arabic, English,
French), without a model: one-sided violence, riots, disrupted weapons, actor roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from incidents.pipeline.article import Article
from incidents.pipeline.stages import run_stages
from incidents.prompting.forms import CitedIncident
from incidents.schema import Incident

PUBLISHED = dt.date(2025, 3, 10)


def code(text: str, skip: tuple[str, ...] = (), **answer: Any) -> Incident:
    """The one incident the stages make of a one-sentence article and the given answer."""
    base: dict[str, Any] = {"sentences": [1], "summary": None, "date_phrase": None}
    cited = CitedIncident.model_validate({**base, **answer})
    [incident] = run_stages([cited], Article.of(text, PUBLISHED), skip=skip)
    return incident


def roles(incident: Incident) -> list[tuple[str, str]]:
    return [(a.name, a.role) for a in incident.actors]


ON_VILLAGERS = "قتل مسلحون مجهولون ثلاثة مزارعين في اشتباك قرب قرية الخربة في ريف درعا أمس."


def test_a_clash_whose_only_targets_are_civilians_is_an_attack_on_civilians() -> None:
    answer = {
        "sub_event_type": "armed_clash",
        "event_type": "battles",
        "place": "قرية الخربة",
        "actors": [
            {"name": "مسلحون مجهولون", "role": "perpetrator"},
            {"name": "مزارعين", "role": "target"},
        ],
    }
    incident = code(ON_VILLAGERS, **answer)
    assert (incident.event_type, incident.sub_event_type) == (
        "violence_against_civilians",
        "attack",
    )
    assert code(ON_VILLAGERS, skip=("one_sided_violence",), **answer).sub_event_type == (
        "armed_clash"
    )


def test_an_attack_on_soldiers_only_is_a_battle() -> None:
    text = "Gunmen attacked an army checkpoint near Kidal on Sunday, killing two soldiers."
    incident = code(
        text,
        sub_event_type="attack",
        event_type="violence_against_civilians",
        place="Kidal",
        actors=[{"name": "Gunmen", "role": "perpetrator"}, {"name": "soldiers", "role": "target"}],
    )
    assert incident.sub_event_type == "armed_clash"


@pytest.mark.parametrize(
    "text",
    [
        "أضرم محتجون النار في الإطارات وقطعوا الطرق في مدينة الناصرية احتجاجاً على البطالة.",
        "Protesters burned tyres and threw stones at police in Kasserine on Monday.",
        "Des manifestants ont brûlé des pneus et érigé des barricades à Goma lundi.",
    ],
)
def test_a_protest_with_violence_by_its_participants_is_a_riot(text: str) -> None:
    incident = code(
        text,
        sub_event_type="peaceful_protest",
        event_type="protests",
        actors=[{"name": "محتجون" if "محتجون" in text else "Protesters", "role": "perpetrator"}],
    )
    assert (incident.event_type, incident.sub_event_type) == ("riots", "violent_demonstration")
    assert incident.actors[0].kind == "rioters"


def test_a_peaceful_protest_stays_a_protest() -> None:
    text = "نظّم عشرات الخريجين وقفة سلمية أمام مبنى المحافظة في البصرة للمطالبة بفرص عمل."
    incident = code(text, sub_event_type="peaceful_protest", event_type="protests")
    assert incident.sub_event_type == "peaceful_protest"


@pytest.mark.parametrize(
    "text",
    [
        "وفككت فرق الهندسة عبوة ناسفة زُرعت على طريق ريفي في ناحية الفهود.",
        "Troops found and defused a roadside bomb near Baidoa on Tuesday.",
        "L'armée a désamorcé un engin explosif près de Gao mardi.",
    ],
)
def test_a_defused_bomb_is_disrupted_weapons_use(text: str) -> None:
    incident = code(
        text,
        sub_event_type="remote_explosive_landmine_ied",
        event_type="explosions_remote_violence",
    )
    assert incident.sub_event_type == "disrupted_weapons_use"


def test_a_bomb_that_killed_is_an_explosion_even_if_another_was_defused() -> None:
    text = (
        "Two soldiers were killed by a roadside bomb near Baidoa, and a second device was defused."
    )
    incident = code(
        text,
        sub_event_type="remote_explosive_landmine_ied",
        event_type="explosions_remote_violence",
        fatalities=2,
    )
    assert incident.sub_event_type == "remote_explosive_landmine_ied"


def test_one_actor_is_not_on_both_sides_and_civilians_are_targets() -> None:
    text = "Gunmen shot dead two villagers near Bunia on Monday."
    incident = code(
        text,
        sub_event_type="attack",
        event_type="violence_against_civilians",
        actors=[
            {"name": "villagers", "role": "perpetrator"},
            {"name": "Gunmen", "role": "perpetrator"},
            {"name": "Gunmen", "role": "target"},
        ],
    )
    assert sorted(roles(incident)) == [
        ("Civilians (Democratic Republic of Congo)", "target"),
        ("Unidentified Armed Group (Democratic Republic of Congo)", "perpetrator"),
    ]


def test_two_clans_militias_may_share_a_name() -> None:
    text = "Clan militias fought near Galkayo on Tuesday, killing four."
    actors = [
        {"name": "clan militia", "role": "perpetrator"},
        {"name": "clan militia", "role": "target"},
    ]
    incident = code(text, sub_event_type="armed_clash", event_type="battles", actors=actors)
    assert sorted(a.role for a in incident.actors) == ["perpetrator", "target"]


def test_protesters_are_the_first_actor_of_their_protest() -> None:
    text = "Hundreds of protesters rallied peacefully in Tunis on Friday."
    incident = code(
        text,
        sub_event_type="peaceful_protest",
        event_type="protests",
        actors=[{"name": "protesters", "role": "target"}],
    )
    assert roles(incident) == [("Protesters (Tunisia)", "perpetrator")]


def test_civilians_do_not_fly_drones() -> None:
    text = "A drone struck a car carrying civilians near Marib on Monday."
    incident = code(
        text,
        sub_event_type="air_drone_strike",
        event_type="explosions_remote_violence",
        actors=[{"name": "civilians", "role": "perpetrator"}],
    )
    assert roles(incident) == [("Civilians (Yemen)", "target")]


def test_a_village_the_gazetteer_lacks_keeps_its_name_placed_by_its_parent() -> None:
    text = "قُتل شخصان بقصف استهدف قرية تل الشوك في ريف درعا أمس."
    incident = code(
        text,
        sub_event_type="shelling_artillery_missile_attack",
        event_type="explosions_remote_violence",
        place="قرية تل الشوك",
        fatalities=2,
    )
    location = incident.location
    assert location is not None
    assert (location.name, location.name_original) == ("Tal Al Shuk", "قرية تل الشوك")
    assert (location.country, location.admin1, location.geo_precision) == ("SY", "Dar'a", 2)


def test_a_namesake_abroad_gives_way_to_the_article_country() -> None:
    # «جلين» is also a town in Iran; the article is datelined Daraa and names its countryside.
    text = "درعا – قُتل مدنيان بقصف مدفعي على قرية جلين في ريف درعا الغربي أمس."
    answer = {
        "sub_event_type": "shelling_artillery_missile_attack",
        "event_type": "explosions_remote_violence",
        "place": "قرية جلين",
        "fatalities": 2,
    }
    assert code(text, skip=("place_at_home",), **answer).location.country == "IR"  # type: ignore[union-attr]
    assert code(text, **answer).location.country == "SY"  # type: ignore[union-attr]


def test_in_arrests_the_state_arrests() -> None:
    text = "Police arrested four suspected members of the Viv Ansanm gang in Kenscoff on Thursday."
    incident = code(
        text,
        sub_event_type="arrests",
        event_type="strategic_developments",
        actors=[
            {"name": "Viv Ansanm", "role": "perpetrator"},
            {"name": "Police", "role": "target"},
        ],
    )
    assert sorted(roles(incident)) == [
        ("Police Forces of Haiti", "perpetrator"),
        ("Viv Ansanm", "target"),
    ]


def test_a_deadly_arrest_with_a_threat_in_its_sentence_keeps_a_real_type() -> None:
    # The threat marker is no sub-event type: recoding must not pick it (a KeyError before).
    text = "Soldiers detained 12 people in Monywa and threatened to burn the village; two died."
    incident = code(
        text, sub_event_type="arrests", event_type="strategic_developments", fatalities=2
    )
    assert incident.sub_event_type in {"arrests", "armed_clash", "attack"}


def test_two_events_cited_as_one_are_split() -> None:
    text = (
        "هاجم عناصر من داعش نقطة لقسد قرب بلدة الشدادي أمس، ما أدى إلى مقتل عنصر.\n"
        "كما قصفت القوات التركية بالمدفعية الثقيلة قرية الكوزلية في ريف الدرباسية.\n"
    )
    cited = CitedIncident.model_validate(
        {"sentences": [1, 2], "sub_event_type": "armed_clash", "event_type": "battles",
         "place": "الشدادي", "fatalities": 1, "actors": []}
    )  # fmt: skip
    clash, shelling = run_stages([cited], Article.of(text, PUBLISHED))
    assert (clash.sub_event_type, clash.fatalities) == ("armed_clash", 1)
    assert shelling.sub_event_type == "shelling_artillery_missile_attack"
    assert shelling.location is not None and shelling.location.name != clash.location.name  # type: ignore[union-attr]
    assert shelling.fatalities is None  # the clash's toll stays with the clash


def test_a_second_sentence_about_the_same_event_is_not_split() -> None:
    text = (
        "قُتل ثلاثة عناصر من قسد بغارة مسيّرة تركية قرب بلدة تل تمر فجر اليوم.\n"
        "وقالت مصادر إن المسيّرة أطلقت صاروخين على السيارة قرب تل تمر.\n"
    )
    cited = CitedIncident.model_validate(
        {"sentences": [1, 2], "sub_event_type": "air_drone_strike",
         "event_type": "explosions_remote_violence", "place": "تل تمر", "fatalities": 3}
    )  # fmt: skip
    assert len(run_stages([cited], Article.of(text, PUBLISHED))) == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("municipal bus", "A bomb hit a municipal bus in Kabul."),
        ("his home", "Gunmen shot a man at his home."),
        ("Al-Markabat Al-Qitaliya", "دمرت المركبات القتالية في الهجوم"),
        ("Maqarrat Al-Fasil", "قصفت الطائرات مقرات الفصيل"),
        ("véhicule militaire", "Un véhicule militaire a sauté sur une mine."),
    ],
)
def test_things_are_not_actors(name: str, text: str) -> None:
    from incidents.text.actors.words import is_named_actor

    original = next((w for w in (text[:19], text[5:18]) if "ال" in w), None)
    assert not is_named_actor(name, original, text)


def test_actors_named_together_are_on_one_side() -> None:
    text = "قصفت القوات التركية وفصائل الجيش الوطني بالمدفعية قرية الكوزلية في ريف الدرباسية أمس."
    incident = code(
        text, sub_event_type="shelling_artillery_missile_attack",
        event_type="explosions_remote_violence", actors=[],
    )  # fmt: skip
    sides = dict((a.name, a.role) for a in incident.actors)
    assert sides["Military Forces of Turkey"] == sides["Syrian National Army"] == "perpetrator"


def test_civilians_are_not_a_side_of_a_battle_between_armed_groups() -> None:
    text = "Fighting near Debre Markos on Monday left two dead."
    answer = {
        "sub_event_type": "armed_clash",
        "event_type": "battles",
        "place": "Debre Markos",
        "fatalities": 2,
        "actors": [
            {"name": "the army", "role": "perpetrator"},
            {"name": "Fano", "role": "target"},
            {"name": "civilians", "role": "target"},
        ],
    }
    with_rule = roles(code(text, **answer))
    assert ("Civilians (Ethiopia)", "target") not in with_rule
    assert ("Fano", "target") in with_rule
    without = roles(code(text, skip=("one_sided_violence",), **answer))
    assert any(name.startswith("Civilians") for name, _ in without)


def test_the_town_the_sentence_names_wins_over_the_governorate_even_unlisted() -> None:
    # «الشدادي» is not in the gazetteer: kept by name, placed by Al Hasakah.
    text = "قتل عنصران من قسد في هجوم لمسلحين قرب مدينة الشدادي في ريف الحسكة أمس."
    answer = {"sub_event_type": "armed_clash", "event_type": "battles", "place": "الحسكة"}
    incident = code(text, **answer)
    assert incident.location.name == "Al Shadadi"
    assert incident.location.admin1 == "Al-Hasakah" and incident.location.geo_precision == 2
    assert code(text, skip=("specific_place",), **answer).location.name == "Al Hasakah"


def test_a_town_the_gazetteer_holds_after_a_settlement_word_is_found() -> None:
    text = "قتل ثلاثة مدنيين بقصف مدفعي على بلدة حريب في محافظة مأرب أمس."
    answer = {"sub_event_type": "shelling_artillery_missile_attack",
              "event_type": "explosions_remote_violence", "place": "مأرب"}  # fmt: skip
    assert code(text, **answer).location.name == "Harib"


@pytest.mark.parametrize("model_type", ["arrests", "suicide_bomb"])
def test_armed_men_killing_a_shepherd_is_violence_against_civilians(model_type: str) -> None:
    # The "a shepherd shot dead is still coded as arrests"; a "suicide bomb" the
    # sentence gives no cue for, likewise.
    text = "قتل مسلحون مجهولون راعياً يبلغ من العمر 45 عاماً قرب بلدة الكرامة بريف الرقة أمس."
    event = "strategic_developments" if model_type == "arrests" else "explosions_remote_violence"
    answer = {"sub_event_type": model_type, "event_type": event, "place": "الكرامة",
              "fatalities": 1, "actors": []}  # fmt: skip
    incident = code(text, **answer)
    assert (incident.event_type, incident.sub_event_type) == (
        "violence_against_civilians",
        "attack",
    )
    assert code(text, skip=("one_sided_violence",), **answer).sub_event_type == model_type
