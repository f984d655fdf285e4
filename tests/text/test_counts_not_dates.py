"""Numbers that are not counts: the day of a date, an age, a distance, a time, a year, a unit
number or a calibre never becomes killed, injured or detained (issue 22)."""

from __future__ import annotations

import pytest

from incidents.text.counts.casualties import counts_in_evidence
from incidents.text.counts.numbers import count_is_grounded

# (sentence, the counts it states)
CASES = [
    ("Gunmen abducted three farmers on 28 April near Gao.", {"detained": 3}),
    ("On 12 May, a drone strike killed 4 people and wounded 7.", {"fatalities": 4, "injured": 7}),
    ("An air strike on the 12th of May killed two fighters.", {"fatalities": 2}),
    ("Police arrested 5 protesters at 10 pm, 15 km from the city.", {"detained": 5}),
    ("A roadside bomb killed two soldiers of the 5th Brigade on 12 March 2025.", {"fatalities": 2}),
    ("Gunmen shot dead a 12-year-old boy in Bama.", {"fatalities": 1}),
    ("The 23-year-old activist was abducted on 3 June.", {}),
    ("Snipers firing 12.7 mm rounds wounded 3 civilians.", {"injured": 3}),
    ("اعتقلت قوات الأمن في 28 نيسان/أبريل 2025 خمسة أشخاص", {"detained": 5}),
    ("اختطف مسلحون ثلاثة مزارعين في 28 نيسان قرب القرية", {"detained": 3}),
    ("قتل 3 جنود من اللواء 72 في 14 آب", {"fatalities": 3}),
    ("أصيب طفل يبلغ من العمر 9 أعوام برصاص قناص", {"injured": 1}),
    ("قتل شخصان في قصف على بعد 10 كم من المدينة عند الساعة 11 ليلاً", {"fatalities": 2}),
    ("Le 12 mars, 4 soldats ont été tués près de Gao.", {"fatalities": 4}),
    ("Des hommes armés ont enlevé le 28 avril trois commerçants.", {"detained": 3}),
    ("Un enfant de 10 ans a été blessé à 20 km de Djibo.", {"injured": 1}),
    ("A Catholic priest was abducted at about 8 pm on Monday.", {"detained": 1}),
    (
        "Gunmen killed at least five people and wounded 12 in Kabul.",
        {"fatalities": 5, "injured": 12},
    ),
    ("قُتل جنديان وأصيب ثالث بجروح مساء أمس", {"fatalities": 2, "injured": 1}),
]


@pytest.mark.parametrize(("sentence", "counts"), CASES, ids=[c[0][:40] for c in CASES])
def test_only_counts_are_counts(sentence: str, counts: dict[str, int]) -> None:
    assert counts_in_evidence(sentence) == counts


@pytest.mark.parametrize(
    ("value", "sentence"),
    [
        (28, "Gunmen abducted three farmers on 28 April near Gao."),
        (12, "On 12 May, a drone strike killed 4 people."),
        (28, "اعتقلت قوات الأمن في 28 نيسان/أبريل 2025 خمسة أشخاص"),
        (12, "Le 12 mars, 4 soldats ont été tués."),
    ],
)
def test_a_day_number_grounds_no_count_the_model_gives(value: int, sentence: str) -> None:
    assert not count_is_grounded(value, sentence)


@pytest.mark.parametrize(
    ("value", "sentence"),
    [
        (25, "A mob beat to death a 25-year-old trader in Sokoto."),
        (15, "Gunmen killed 3 soldiers 15 km from Gao."),
        (45, "قتل مسلحون راعياً يبلغ من العمر 45 عاماً"),
        (10, "Un enfant de 10 ans a été tué."),
    ],
)
def test_an_age_or_a_distance_grounds_no_count_the_model_gives(value: int, sentence: str) -> None:
    assert not count_is_grounded(value, sentence)


@pytest.mark.parametrize(
    ("sentence", "none_hurt"),
    [
        ("من دون تسجيل إصابات", True),
        ("ولم ترد تقارير عن إصابات", True),
        ("There were no reports of casualties.", True),
        ("The blast went off without causing casualties.", True),
        ("L'engin a explosé sans faire de blessés.", True),
        ("لم يكشف الجيش عن عدد الضحايا", False),  # a toll withheld is no zero
        ("The army did not give a toll of the dead.", False),
        ("No group claimed the attack, which killed 3 soldiers.", False),
        ("Gunmen killed 3 people; no arrests were made.", False),
    ],
)
def test_a_negated_casualty_noun_says_nobody_was_hurt(sentence: str, none_hurt: bool) -> None:
    from incidents.text.counts.numbers import says_no_casualties

    assert says_no_casualties(sentence) is none_hurt


@pytest.mark.parametrize("evidence", ["12 June", "on 3 May 2024", ""])
def test_evidence_that_is_only_a_date_grounds_no_count_and_does_not_crash(evidence: str) -> None:
    assert not count_is_grounded(2, evidence)
