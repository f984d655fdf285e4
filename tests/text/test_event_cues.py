import pytest

from incidents.text.events.cues import checked_sub_event, cue_positions, reports_an_event


@pytest.mark.parametrize(
    "model_choice,evidence,expected",
    [
        # unsupported choice → the type the words show
        ("abduction_forced_disappearance", "قُتل طفل برصاص قناص حوثي في حي الروضة", "attack"),
        (
            "non_state_actor_overtakes_territory",
            "تظاهر مئات الخريجين أمام مبنى المحافظة",
            "peaceful_protest",
        ),
        (
            "air_drone_strike",
            "Three soldiers died when a roadside bomb hit their patrol",
            "remote_explosive_landmine_ied",
        ),
        ("armed_clash", "واعتقلت دورية ١٢ شخصاً في الميادين", "arrests"),
        ("armed_clash", "Une frappe aérienne a visé un camion près de Ménaka", "air_drone_strike"),
        # supported choice stands, even when other cues are present
        (
            "air_drone_strike",
            "استهدفت طائرة مسيّرة تركية سيارة قرب الحسكة، ما أسفر عن اشتباكات",
            "air_drone_strike",
        ),
        # no cue at all: nothing to check against, the model's choice stands
        ("other", "وقال مسؤول إن الوضع تحت السيطرة", "other"),
    ],
)
def test_model_choice_is_checked_against_its_evidence(
    model_choice: str, evidence: str, expected: str
) -> None:
    assert checked_sub_event(model_choice, evidence) == expected


def test_latin_cues_start_words() -> None:
    # "ied" must not fire inside "died" or "denied"
    assert "remote_explosive_landmine_ied" not in cue_positions(
        "Two people died; the army denied it"
    )


def test_specific_type_wins_a_tie() -> None:
    # «قصف جوي» is an air strike even though «قصف» alone also cues shelling
    cued = cue_positions("قصف جوي استهدف مواقع في البوكمال")
    assert cued["air_drone_strike"] <= cued["shelling_artillery_missile_attack"]
    assert checked_sub_event("other_type_not_cued", "قصف جوي استهدف مواقع") == "air_drone_strike"


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # a threat or a plan reports nothing that happened yet
        ("هددت نقابة المعلمين بتنظيم اعتصام مفتوح الشهر المقبل", False),
        ("The drivers' union threatened to hold a strike and a protest next week.", False),
        ("Le syndicat menace de manifester devant la préfecture.", False),
        # ...unless the event itself comes first
        ("Hundreds protested outside the ministry and threatened to return next week.", True),
        ("تظاهر العشرات أمام مبنى المحافظة وهددوا بالتصعيد", True),
        # "Tuesday" and "according" only begin like cues
        ("The bank's figures were published on Tuesday, according to the report.", False),
    ],
)
def test_threats_plans_and_look_alike_words(sentence: str, expected: bool) -> None:
    assert reports_an_event(sentence) is expected
