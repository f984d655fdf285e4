import pytest

from incidents.text.counts.casualties import counts_in_evidence, fields_mentioned, zero_counts


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
        # ages, distances and years are not casualties (but "his brother" is one person)
        ("أصيب شقيقه الأصغر (8 أعوام) بطلقة في الساق", {"injured": 1}),
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


@pytest.mark.parametrize(
    "evidence,expected",
    [
        # ACLED adds up the people a sentence lists
        ("قُتل ضابط واثنان من الجنود وأصيب خمسة آخرون", {"fatalities": 3, "injured": 5}),
        ("أصيب ضابط برتبة نقيب واثنان من الجنود بانفجار عبوة", {"injured": 3}),
        ("أدى القصف إلى إصابة امرأة وطفلين", {"injured": 3}),
        ("قتل ثلاثة جنود ومدني في الهجوم", {"fatalities": 4}),
        ("وأكد المصدر أن أربعة من أبناء العشيرة واثنين من المهاجمين قُتلوا", {"fatalities": 6}),
        ("A soldier and two police officers were killed in the ambush", {"fatalities": 3}),
        ("At least 9 soldiers and three militia fighters were killed", {"fatalities": 12}),
        ("the shell hit a minibus, injuring the driver and five passengers", {"injured": 6}),
        ("the blast killed one soldier and a civilian bystander", {"fatalities": 2}),
        ("Un soldat et deux civils ont été tués", {"fatalities": 3}),
        # a range in a list counts its lowest figure
        ("Entre 4 et 6 gendarmes ainsi que deux civils ont été tués", {"fatalities": 6}),
        # people named without a figure: only right next to the casualty word
        ("مقتل جندي وشرطي بانفجار لغم", {"fatalities": 2}),
        (
            "فتح مسلحون النار على سائق الشاحنة وابنه قرب الحاجز، ما أدى إلى مقتل السائق",
            {"fatalities": 1},
        ),
    ],
)
def test_listed_casualties_add_up(evidence: str, expected: dict[str, int]) -> None:
    assert counts_in_evidence(evidence) == expected


@pytest.mark.parametrize(
    "evidence,expected",
    [
        # a casualty word between two figures makes two tolls, not a list
        (
            "Three Iraqi soldiers were killed and two others wounded",
            {"fatalities": 3, "injured": 2},
        ),
        ("killed 3 soldiers and wounded 2 civilians", {"fatalities": 3, "injured": 2}),
        ("قتل عنصر وأصيب آخر", {"fatalities": 1, "injured": 1}),
        # a range is not a list: the lowest figure
        ("between 5 and 7 people were killed", {"fatalities": 5}),
        ("بين 5 و7 قتلى", {"fatalities": 5}),
        ("قتل ما بين خمسة وسبعة أشخاص", {"fatalities": 5}),
        ("de 5 à 7 morts", {"fatalities": 5}),
        # a breakdown is part of the toll before it
        ("5 people were killed, including 2 children", {"fatalities": 5}),
        (
            "Nine people were killed, six of them children, and 20 were wounded",
            {"fatalities": 9, "injured": 20},
        ),
        ("قُتل ثلاثة أشخاص وأصيب سبعة آخرون، بينهم طفلان", {"fatalities": 3, "injured": 7}),
        ("cinq personnes ont été tuées, dont deux enfants", {"fatalities": 5}),
        # ...and counts when it is the only figure
        ("Air strikes killed civilians, including 2 children", {"fatalities": 2}),
        # "of them" that is the toll itself
        ("2 of them were killed and the rest captured", {"fatalities": 2}),
        # vehicles destroyed are not people killed
        ("دمّر القصف أربع مركبات وقتل ما بين 6 و9 من المسلحين", {"fatalities": 6}),
    ],
)
def test_tolls_that_do_not_add_up(evidence: str, expected: dict[str, int]) -> None:
    assert counts_in_evidence(evidence) == expected


def test_a_casualty_word_is_no_listed_person() -> None:
    # «قتيل وجريحان» is one killed and two wounded, never three of either
    counts = counts_in_evidence("سقط قتيل وجريحان في القصف")
    assert counts["injured"] == 2
    assert counts.get("fatalities") in (None, 1)


@pytest.mark.parametrize(
    "evidence,expected",
    [
        # ACLED's convention for vague plurals: dozens 12, tens 10, hundreds 100
        ("Dozens of people were killed in the raid", {"fatalities": 12}),
        ("مقتل عشرات المدنيين بالقصف", {"fatalities": 10}),
        ("des dizaines de morts et des centaines de blessés", {"fatalities": 10, "injured": 100}),
        ("Hundreds were wounded in the blast", {"injured": 100}),
        ("وأصيب المئات بجروح", {"injured": 100}),
        # tens of thousands are no count, nor is "several"
        ("tens of thousands were displaced and several were killed", {}),
        ("نزح عشرات الآلاف وقتل عدة أشخاص", {}),
    ],
)
def test_vague_plurals(evidence: str, expected: dict[str, int]) -> None:
    assert counts_in_evidence(evidence) == expected
