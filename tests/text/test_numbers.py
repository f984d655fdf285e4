"""Counts: digits in any script, Arabic/English/French number words, duals, ranges, grounding."""

from __future__ import annotations

import pytest

from incidents.text.counts.numbers import count_is_grounded, digitize, numbers_in, parse_count


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("مقتل اثنين من المسلحين", 2),
        ("١٦", 16),
        ("۱۶", 16),  # Persian digits
        ("أربعة عناصر", 4),
        ("18 عنصراً", 18),
        ("ما بين 4 و6 قتلى", 4),
        ("بين 5 و7", 5),
        ("5 إلى 7", 5),
        ("5-7", 5),
        ("between 5 and 7", 5),
        ("entre 5 et 7", 5),
        ("خمسة أو ستة", 5),
        ("two or three", 2),
        ("مقتل جنديين", 2),
        ("اعتقال عنصرين", 2),
        ("الجنديين", 2),
        ("امرأتين", 2),
        ("خمسة وعشرون قتيلاً", 25),
        ("ثلاثة عشر", 13),
        ("أحد عشر", 11),
        ("عشرين", 20),
        ("مئة وخمسون", 150),
        ("ثلاثمائة", 300),
        ("ثلاثة آلاف", 3000),
        ("وثلاثة", 3),
        ("بأربعة", 4),
        ("a dozen", 12),
        ("two dozen", 24),
        ("une dizaine de blessés", 10),
        ("une douzaine", 12),
        # ACLED's convention for vague plurals
        ("عشرات القتلى", 10),
        ("سقوط العشرات بين قتيل وجريح", 10),
        ("dozens", 12),
        ("dozens of people were killed", 12),
        ("tens of people", 10),
        ("des dizaines de morts", 10),
        ("hundreds were wounded", 100),
        ("مئات الجرحى", 100),
        ("des centaines de blessés", 100),
        ("twenty-one", 21),
        ("vingt et un", 21),
        ("three soldiers", 3),
        ("1,200", 1200),
        ("١٬٢٠٠", 1200),
        ("مقتل أحد عناصر", 1),
        ("مقتل عنصر", 1),
        ("a soldier was killed", 1),
        ("un soldat tué", 1),
        ("no casualties", 0),
        ("aucune victime", 0),
        ("دون وقوع إصابات", 0),
    ],
)
def test_parse_count(phrase: str, expected: int) -> None:
    assert parse_count(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "   ",
        "junk",
        "عدة قتلى",
        "several",
        "tens of thousands",
        "عشرات الآلاف",
        "des dizaines de milliers",
        "يوم الاثنين",
        "الأحد",
        "the 2nd attack",
        "طالبان",
        "مدنيين",
        "مقاتلين",
    ],
)
def test_parse_count_gives_none_without_a_count(phrase: str) -> None:
    # "Several", thousands by the tens, weekdays, ordinals, the Taliban and sound plurals are
    # not counts.
    assert parse_count(phrase) is None


def test_parse_count_never_raises_on_non_text() -> None:
    assert parse_count(None) is None  # type: ignore[arg-type]


def test_numbers_in_collects_every_script_and_form() -> None:
    text = "قتل ١٦ عنصراً و3 مدنيين، وأصيب جنديان، واعتقلت القوات أربعة"
    assert numbers_in(text) == {16, 3, 2, 4}
    assert numbers_in("Three soldiers and twenty-one civilians; trois morts") == {3, 21}
    assert numbers_in("") == set()
    assert numbers_in("the 1st battalion, at 3.5 km") == set()  # ordinals and decimals
    assert numbers_in("M23 rebels and F16 jets") == set()  # names, not counts
    assert numbers_in("20 per cent on Sept 5") == {20, 5}  # English text: no French words


def test_digitize_keeps_other_text() -> None:
    assert digitize("قبل ثلاثة أيام") == "قبل 3 أيام"
    assert digitize("مقتل جنديين") == "مقتل 2 جنديين"
    # the "and" of «واثنان» stays: «ضابط واثنان» is a list, «بين خمسة وسبعة» a range
    assert digitize("قتل ضابط واثنان من الجنود") == "قتل ضابط و 2 من الجنود"
    assert digitize("ما بين خمسة وسبعة") == "ما بين 5 و 7"


@pytest.mark.parametrize(
    ("value", "evidence"),
    [
        (None, "any text"),
        (2, "وأسفرت الاشتباكات عن مقتل اثنين من المسلحين"),
        (4, "أدت الضربة إلى مقتل أربعة من مقاتلي الفصيل"),
        (16, "اعتقل ١٦ شخصاً"),
        (1, "وأدى القصف إلى مقتل أحد عناصر الكتيبة"),
        (1, "قتل عنصر من قوات النظام"),
        (1, "A soldier was killed in the blast."),
        (1, "Un soldat a été tué."),
        (5, "between 5 and 7 people were killed"),
        (5, "3 soldiers and 2 civilians were killed"),  # ACLED adds figures up
        (16, "18 عنصراً حاولوا الانشقاق ... مقتل اثنين وتم القبض على بقية العناصر"),
        (0, "The strike caused no casualties."),
        (0, "سقطت قذيفة دون وقوع إصابات"),
        (0, "aucune victime n'est à déplorer"),
        (0, "احتجزت قوة أمنية شخصين مدنيين"),  # no casualty reported: 0 contradicts nothing
    ],
)
def test_count_is_grounded(value: int | None, evidence: str) -> None:
    assert count_is_grounded(value, evidence)


@pytest.mark.parametrize(
    ("value", "evidence"),
    [
        (3, "وأسفرت الاشتباكات عن مقتل اثنين من المسلحين"),
        (7, "أسفرت الغارات عن مقتل أربعة عناصر"),
        (0, "أسفرت الغارات عن مقتل أربعة عناصر"),  # a killing with a figure is not zero
        (1, "soldiers were killed"),  # a plural is not one
        (1, "قتل عناصر من قوات النظام"),
        (16, "18 fighters tried to defect; 2 were killed"),  # no "rest": no difference
        (-1, "anything"),
    ],
)
def test_count_is_not_grounded(value: int, evidence: str) -> None:
    assert not count_is_grounded(value, evidence)


def test_seed_article_counts(seed_text: str) -> None:
    # The founding article reports 18 defectors, two killed, four killed, one killed.
    assert {18, 2, 4, 1} <= numbers_in(seed_text)
