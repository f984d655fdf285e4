"""Date phrases resolved against the publication date (2024-08-12 is a Monday)."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.text.dates.resolve import resolve_date, year_anchor

PUB = dt.date(2024, 8, 12)
D = dt.date


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("أمس", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("يوم أمس", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("البارحة", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("مساء أمس", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("أول أمس", D(2024, 8, 10), D(2024, 8, 10), "day"),
        ("yesterday", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("hier", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("صباح اليوم", PUB, PUB, "day"),
        ("فجر اليوم", PUB, PUB, "day"),
        ("مساء اليوم", PUB, PUB, "day"),
        ("صباح اليوم نفسه", PUB, PUB, "day"),
        # «منتصف الليل» alone names no day (issue 24: one vocabulary with the finder, which
        # never took it): the fighting "lasted until midnight" of a day said elsewhere.
        ("منتصف الليل", None, None, "unknown"),
        ("this morning", PUB, PUB, "day"),
        ("ce matin", PUB, PUB, "day"),
        ("قبل أيام", D(2024, 8, 5), PUB, "week"),
        ("منذ أيام", D(2024, 8, 5), PUB, "week"),
        ("a few days ago", D(2024, 8, 5), PUB, "week"),
        ("il y a quelques jours", D(2024, 8, 5), PUB, "week"),
        ("يوم الاثنين", PUB, PUB, "day"),  # published on a Monday: that Monday
        ("يوم الجمعة", D(2024, 8, 9), D(2024, 8, 9), "day"),
        ("مساء الخميس", D(2024, 8, 8), D(2024, 8, 8), "day"),
        ("on Monday", PUB, PUB, "day"),
        ("lundi", PUB, PUB, "day"),
        ("last Monday", D(2024, 8, 5), D(2024, 8, 5), "day"),
        ("vendredi dernier", D(2024, 8, 9), D(2024, 8, 9), "day"),
        ("الأسبوع الماضي", D(2024, 8, 5), D(2024, 8, 11), "week"),
        ("last week", D(2024, 8, 5), D(2024, 8, 11), "week"),
        ("la semaine dernière", D(2024, 8, 5), D(2024, 8, 11), "week"),
        ("الشهر الماضي", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("last month", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("le mois dernier", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("l'année dernière", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("العام الماضي", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("هذا العام", D(2024, 1, 1), PUB, "year"),
        ("مؤخراً", D(2024, 8, 5), PUB, "week"),
        ("15 آذار/مارس 2025", D(2025, 3, 15), D(2025, 3, 15), "day"),
        ("15 آذار 2025", D(2025, 3, 15), D(2025, 3, 15), "day"),
        ("March 15", D(2024, 3, 15), D(2024, 3, 15), "day"),
        ("15 mars", D(2024, 3, 15), D(2024, 3, 15), "day"),
        ("في 3 آب", D(2024, 8, 3), D(2024, 8, 3), "day"),
        ("تموز الماضي", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("in July", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("in August", D(2024, 8, 1), PUB, "month"),  # never past publication
        ("قبل ثلاثة أيام", D(2024, 8, 9), D(2024, 8, 9), "day"),
        ("قبل يومين", D(2024, 8, 10), D(2024, 8, 10), "day"),
        ("2023", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("03/08/2024", D(2024, 8, 3), D(2024, 8, 3), "day"),  # day first
        ("الاثنين 15 آذار 2025", D(2025, 3, 15), D(2025, 3, 15), "day"),  # date beats weekday
    ],
)
def test_resolve_date_with_published(
    phrase: str, start: dt.date, end: dt.date, precision: str
) -> None:
    span = resolve_date(phrase, PUB)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == phrase


def test_relative_phrase_without_published_keeps_text() -> None:
    span = resolve_date("قبل أيام", None)
    assert span.start is None and span.end is None
    assert span.precision == "unknown"
    assert span.text == "قبل أيام"
    assert resolve_date("أمس", None).start is None


def test_explicit_date_resolves_without_published() -> None:
    span = resolve_date("15 آذار/مارس 2025", None)
    assert (span.start, span.end, span.precision) == (D(2025, 3, 15), D(2025, 3, 15), "day")
    month = resolve_date("March 2025", None)
    assert (month.start, month.end, month.precision) == (D(2025, 3, 1), D(2025, 3, 31), "month")
    # Without a year the phrase depends on the reference date: unresolved.
    assert resolve_date("March 15", None).start is None


@pytest.mark.parametrize("junk", ["junk xyz", "5", "x" * 200, "؟؟؟", "tomorrow"])
def test_junk_never_raises(junk: str) -> None:
    span = resolve_date(junk, PUB)
    assert span.start is None and span.precision == "unknown"
    assert span.text == junk[:120]


def test_none_and_empty() -> None:
    assert resolve_date(None, PUB).text is None
    assert resolve_date("", PUB).start is None
    assert resolve_date(None, None).precision == "unknown"


def test_datetime_published_is_accepted() -> None:
    span = resolve_date("أمس", dt.datetime(2024, 8, 12, 23, 59))
    assert span.start == D(2024, 8, 11)


# --- dates stated in the text (issue 11, "Dates as written") ------------------------------


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        # a day and a month; without a year, the latest one not after publication
        ("On 29 April 2020", D(2020, 4, 29), D(2020, 4, 29), "day"),
        ("4 May", D(2024, 5, 4), D(2024, 5, 4), "day"),
        ("3 March 2021", D(2021, 3, 3), D(2021, 3, 3), "day"),
        ("12 June", D(2024, 6, 12), D(2024, 6, 12), "day"),
        ("on 12 August", PUB, PUB, "day"),  # the day of publication itself
        ("13 August", D(2023, 8, 13), D(2023, 8, 13), "day"),  # after publication: a year back
        ("12 December", D(2023, 12, 12), D(2023, 12, 12), "day"),
        ("May 4, 2024", D(2024, 5, 4), D(2024, 5, 4), "day"),
        ("4th May", D(2024, 5, 4), D(2024, 5, 4), "day"),
        ("le 5 mai 2024", D(2024, 5, 5), D(2024, 5, 5), "day"),
        ("le 1er mai", D(2024, 5, 1), D(2024, 5, 1), "day"),
        ("في 12 آب/أغسطس 2024", PUB, PUB, "day"),
        ("12 أغسطس", PUB, PUB, "day"),
        ("في ١٢ آب/أغسطس ٢٠٢٤", PUB, PUB, "day"),  # Arabic-Indic digits
        ("١٢ آب", PUB, PUB, "day"),
        ("12 أب", PUB, PUB, "day"),  # «أب» without madda is August after a day number
        ("آب (أغسطس) 2024", D(2024, 8, 1), PUB, "month"),
        ("12 إبريل/نيسان", D(2024, 4, 12), D(2024, 4, 12), "day"),
        # weekday + day + month: the day and month are trusted (18 Feb 2024 was a Sunday)
        ("الثلاثاء 18 شباط", D(2024, 2, 18), D(2024, 2, 18), "day"),
        ("On Monday, 12 August", PUB, PUB, "day"),
        ("mardi 5 mai", D(2024, 5, 5), D(2024, 5, 5), "day"),
        # a stated day beats a relative word next to it
        ("أمس الإثنين 10 آب", D(2024, 8, 10), D(2024, 8, 10), "day"),
        # hedged: the day is still the day
        ("Around 12 June (as reported)", D(2024, 6, 12), D(2024, 6, 12), "day"),
        ("As reported on 5 May", D(2024, 5, 5), D(2024, 5, 5), "day"),
        ("on or about 3 March", D(2024, 3, 3), D(2024, 3, 3), "day"),
        ("نحو 12 آب", PUB, PUB, "day"),
        ("حوالي 3 أيار", D(2024, 5, 3), D(2024, 5, 3), "day"),
        ("vers le 5 mai", D(2024, 5, 5), D(2024, 5, 5), "day"),
        # relative forms against published
        ("last week", D(2024, 8, 5), D(2024, 8, 11), "week"),
        ("earlier this month", D(2024, 8, 1), PUB, "month"),
        ("on Monday", PUB, PUB, "day"),
        ("dimanche", D(2024, 8, 11), D(2024, 8, 11), "day"),
        ("أمس الثلاثاء", D(2024, 8, 11), D(2024, 8, 11), "day"),
        # a month, alone or in part: precision month
        ("in early May", D(2024, 5, 1), D(2024, 5, 31), "month"),
        ("in March 2024", D(2024, 3, 1), D(2024, 3, 31), "month"),
        ("في آذار الماضي", D(2024, 3, 1), D(2024, 3, 31), "month"),
        ("mid-June", D(2024, 6, 1), D(2024, 6, 30), "month"),
        ("at the end of May", D(2024, 5, 1), D(2024, 5, 31), "month"),
        ("début mai", D(2024, 5, 1), D(2024, 5, 31), "month"),
        ("à la mi-juin", D(2024, 6, 1), D(2024, 6, 30), "month"),
        ("au mois de mai", D(2024, 5, 1), D(2024, 5, 31), "month"),
        ("أوائل أيار", D(2024, 5, 1), D(2024, 5, 31), "month"),
        ("منتصف آب", D(2024, 8, 1), PUB, "month"),
        ("كانون الأول/ديسمبر", D(2023, 12, 1), D(2023, 12, 31), "month"),
        # ranges: the stated days, precision day
        ("between 3 and 5 May", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("from 3 to 5 May", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("3-5 May", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("May 3-5", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("from 28 April to 2 May", D(2024, 4, 28), D(2024, 5, 2), "day"),
        ("du 3 au 5 mai", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("entre le 3 et le 5 mai", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("بين 3 و5 أيار", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("من 3 إلى 5 أيار", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("١٠-١٢ آب", D(2024, 8, 10), PUB, "day"),
        ("between 10 and 14 August", D(2024, 8, 10), PUB, "day"),  # never past publication
    ],
)
def test_stated_dates(phrase: str, start: dt.date, end: dt.date, precision: str) -> None:
    span = resolve_date(phrase, PUB)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == phrase


@pytest.mark.parametrize(
    ("month", "number"),
    [
        ("كانون الثاني/يناير", 1), ("شباط/فبراير", 2), ("آذار/مارس", 3), ("نيسان/أبريل", 4),
        ("أيار/مايو", 5), ("حزيران/يونيو", 6), ("تموز/يوليو", 7), ("آب/أغسطس", 8),
        ("أيلول/سبتمبر", 9), ("تشرين الأول/أكتوبر", 10), ("تشرين الثاني/نوفمبر", 11),
        ("كانون الأول/ديسمبر", 12),
    ],
)  # fmt: skip
def test_every_arabic_month_alone_or_paired(month: str, number: int) -> None:
    levantine, egyptian = month.split("/")
    for name in (month, levantine, egyptian, f"{egyptian}/{levantine}"):
        span = resolve_date(f"3 {name} 2023", None)
        assert (span.start, span.precision) == (D(2023, number, 3), "day"), name


@pytest.mark.parametrize(
    ("phrase", "published", "start", "end"),
    [
        ("الثلاثاء 18 شباط", D(2025, 2, 20), D(2025, 2, 18), D(2025, 2, 18)),
        ("الثلاثاء 18 شباط", D(2025, 2, 17), D(2024, 2, 18), D(2024, 2, 18)),  # not after
        ("28 December to 2 January", D(2024, 1, 5), D(2023, 12, 28), D(2024, 1, 2)),
        ("10-16 March", D(2025, 3, 16), D(2025, 3, 10), D(2025, 3, 16)),
    ],
)
def test_the_year_is_the_one_that_puts_the_date_not_after_published(
    phrase: str, published: dt.date, start: dt.date, end: dt.date
) -> None:
    span = resolve_date(phrase, published)
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("On 29 April 2020", D(2020, 4, 29), D(2020, 4, 29), "day"),
        ("le 5 mai 2024", D(2024, 5, 5), D(2024, 5, 5), "day"),
        ("في ١٢ آب/أغسطس ٢٠٢٤", PUB, PUB, "day"),
        ("in March 2024", D(2024, 3, 1), D(2024, 3, 31), "month"),
        ("between 3 and 5 May 2024", D(2024, 5, 3), D(2024, 5, 5), "day"),
        ("بين ١٢ و١٤ آب/أغسطس ٢٠٢٤", PUB, D(2024, 8, 14), "day"),
        ("28 December to 2 January 2024", D(2023, 12, 28), D(2024, 1, 2), "day"),
    ],
)
def test_a_date_with_its_year_resolves_without_published(
    phrase: str, start: dt.date, end: dt.date, precision: str
) -> None:
    span = resolve_date(phrase, None)
    assert (span.start, span.end, span.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "phrase", ["4 May", "12 أغسطس", "between 3 and 5 May", "in early May", "on Monday", "last week"]
)
def test_without_published_a_date_without_year_stays_unresolved(phrase: str) -> None:
    span = resolve_date(phrase, None)
    assert (span.start, span.end, span.precision, span.text) == (None, None, "unknown", phrase)


@pytest.mark.parametrize("phrase", ["between 3 and 45 May", "12-14", "أب علي"])
def test_what_only_looks_like_a_date_stays_unresolved(phrase: str) -> None:
    assert resolve_date(phrase, PUB).start is None


def test_an_undated_article_lends_its_stated_year_to_dates_without_one() -> None:
    text = "انفجرت عبوة يوم الخميس 4 أيلول/سبتمبر 2025 في حمص. وفي 6 أيلول/سبتمبر اعتُقل شخصان."
    anchor = year_anchor(text)
    assert anchor == D(2025, 9, 4)
    span = resolve_date("في 6 أيلول/سبتمبر", None, anchor=anchor)
    assert (span.start, span.end, span.precision) == (D(2025, 9, 6), D(2025, 9, 6), "day")
    # the nearest such day: a date in late December next to an anchor in early January
    assert resolve_date("30 December", None, anchor=D(2025, 1, 3)).start == D(2024, 12, 30)
    # relative words still need the publication date
    assert resolve_date("أمس", None, anchor=anchor).start is None
    assert year_anchor("قُتل شخصان أمس في 6 أيلول") is None


def test_the_next_day_is_not_today() -> None:
    # «اليوم التالي» counts from another event in the article, not from publication
    assert resolve_date("وفي اليوم التالي", PUB).start is None
