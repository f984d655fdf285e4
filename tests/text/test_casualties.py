import pytest

from incidents.text.casualties import counts_in_evidence, fields_mentioned, zero_counts


@pytest.mark.parametrize(
    "evidence,expected",
    [
        ("وأسفرت الاشتباكات عن مقتل اثنين من المسلحين", {"fatalities": 2}),
        ("قُتل ثلاثة عناصر من قسد وأصيب اثنان آخران، فجر اليوم", {"fatalities": 3, "injured": 2}),
        ("اعتقلت خلالها ١٢ شخصاً بتهمة الانتماء إلى خلايا داعش", {"detained": 12}),
        ("ما أسفر عن سقوط ما بين ٤ و٦ قتلى", {"fatalities": 4}),
        ("killing three soldiers and wounding 12 others", {"fatalities": 3, "injured": 12}),
        ("Between 5 and 7 people were killed on Monday", {"fatalities": 5}),
        (
            "tuant trois soldats et en blessant onze autres, selon une source",
            {"fatalities": 3, "injured": 11},
        ),
        # ages, distances and years are not casualties
        ("أصيب شقيقه الأصغر (8 أعوام) بطلقة في الساق", {}),
        ("a roadside bomb 30 kilometres from the capital killed soldiers in 2024", {}),
        # an article ("un kamikaze") is not a count
        ("Un kamikaze s'est fait exploser devant le camp", {}),
    ],
)
def test_counts_next_to_casualty_words(evidence: str, expected: dict[str, int]) -> None:
    assert counts_in_evidence(evidence) == expected


@pytest.mark.parametrize(
    "evidence,expected",
    [
        # one person in the singular right after the casualty word, and "another"
        ("قُتل جندي وأصيب آخر بانفجار لغم قرب القرية", {"fatalities": 1, "injured": 1}),
        ("أسفر القصف عن مقتل طفل في حي السوق", {"fatalities": 1}),
        ("اعتقال شاب من أبناء البلدة على حاجز", {"detained": 1}),
        # "one" written out is a count; a French article is not
        (
            "Police opened fire, killing one protester and wounding two",
            {"fatalities": 1, "injured": 2},
        ),
        # informants, houses and vehicles are counted things, not casualties
        ("killing four villagers, three local sources told reporters", {"fatalities": 4}),
        ("أصيب مدنيون بجروح وتضرر 5 منازل", {}),
        # "Tuesday" is not the French «tué», and a mortar is not a death
        ("Two mortar rounds hit the market on Tuesday, killing six", {"fatalities": 6}),
        ("Fighting between the two clans resumed on Tuesday", {}),
    ],
)
def test_singular_people_and_counted_things(evidence: str, expected: dict[str, int]) -> None:
    assert counts_in_evidence(evidence) == expected


@pytest.mark.parametrize(
    "evidence,sub_event,expected",
    [
        (
            "سقطت قذيفة على الحي دون وقوع إصابات بشرية",
            "shelling_artillery_missile_attack",
            {"fatalities": 0, "injured": 0},
        ),
        (
            "The shell hit an empty school; no casualties were reported.",
            "shelling_artillery_missile_attack",
            {"fatalities": 0, "injured": 0},
        ),
        # a peaceful march or a ceasefire kills nobody: ACLED's 0
        ("تظاهر المئات في ساحة المدينة للمطالبة بالرواتب", "peaceful_protest", {"fatalities": 0}),
        ("Elders signed a truce after two days of talks.", "agreement", {"fatalities": 0}),
        # ...unless the evidence speaks of deaths; and violent events get no free zero
        ("Police arrested 4 men after the killing of a trader.", "arrests", {}),
        ("Gunmen attacked the village on Monday.", "attack", {}),
    ],
)
def test_zero_counts(evidence: str, sub_event: str, expected: dict[str, int]) -> None:
    assert zero_counts(evidence, sub_event) == expected


def test_fields_mentioned() -> None:
    assert fields_mentioned("two killed and three arrested in the raid") == {
        "fatalities",
        "detained",
    }
    assert fields_mentioned("the two sub-clans met on Tuesday") == set()
