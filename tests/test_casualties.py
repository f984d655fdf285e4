import pytest

from incidents.casualties import counts_in_evidence


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
