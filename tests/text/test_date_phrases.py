import datetime as dt

import pytest

from incidents.text.dates.phrases import date_phrases, find_date_phrase


@pytest.mark.parametrize(
    "evidence,phrase",
    [
        ("قُتل ثلاثة عناصر، فجر اليوم الثلاثاء، جراء استهداف سيارة", "فجر اليوم الثلاثاء"),
        ("شنّت قوى الأمن الداخلي، أمس الإثنين، حملة دهم", "أمس الإثنين"),
        ("اندلعت اشتباكات ليلة الخميس في وادي الشاي", "ليلة الخميس"),
        ("Gunmen attacked Kenscoff on Monday, killing eight residents", "on Monday"),
        ("Un kamikaze s'est fait exploser dimanche matin à l'entrée du camp", "dimanche matin"),
        ("The army said the situation was calm.", None),
    ],
)
def test_first_date_phrase_as_written(evidence: str, phrase: str | None) -> None:
    found = find_date_phrase(evidence)
    assert found == phrase
    if found is not None:
        assert found in evidence  # always a substring: date.text is the article's own words


@pytest.mark.parametrize(
    "evidence,phrase",
    [
        ("On 29 April 2020 gunmen stormed the village, killing six.", "On 29 April 2020"),
        ("Gunmen killed four farmers on 4 May near Damboa.", "on 4 May"),
        ("The army retook the town on 3 March 2021, officials said.", "on 3 March 2021"),
        ("A drone strike on 12 June killed two commanders.", "on 12 June"),
        ("Gunmen killed five people on May 4, 2024 in the market.", "on May 4, 2024"),
        ("Des hommes armés ont attaqué le camp le 5 mai 2024 à l'aube.", "le 5 mai 2024"),
        ("قُتل ثلاثة عناصر في 12 آب/أغسطس 2024 جراء استهداف سيارة", "في 12 آب/أغسطس 2024"),
        ("اندلعت اشتباكات يوم 12 أغسطس في المدينة", "يوم 12 أغسطس"),
        ("قتل مدنيان الثلاثاء 18 شباط بقصف مدفعي", "الثلاثاء 18 شباط"),
        ("قتل مدنيان في ١٢ آب بقصف مدفعي", "في ١٢ آب"),
        ("اعتقلت دورية 4 شبان في 3 كانون الثاني/يناير", "في 3 كانون الثاني/يناير"),
        ("Around 12 June (as reported) rebels shelled it.", "Around 12 June (as reported)"),
        ("As reported on 5 May, a bomb hit the convoy.", "As reported on 5 May"),
        ("On or about 3 March, soldiers detained 12 men.", "On or about 3 March"),
        ("وقع الهجوم نحو 12 آب بحسب مصادر محلية", "نحو 12 آب"),
        ("قُتل شخصان حوالي 3 أيار في اشتباك", "حوالي 3 أيار"),
        ("Protesters were arrested earlier this month in Nairobi.", "earlier this month"),
        ("Clashes broke out in early May in the district.", "in early May"),
        ("Fighting raged between 3 and 5 May around the town.", "between 3 and 5 May"),
        ("Fighting raged from 3 to 5 May around the town.", "from 3 to 5 May"),
        ("Fighting on 3-5 May killed 12.", "3-5 May"),
        ("Les combats du 3 au 5 mai ont fait 12 morts.", "du 3 au 5 mai"),
        ("دارت اشتباكات بين 3 و5 أيار في المدينة", "بين 3 و5 أيار"),
        ("The militia seized the town in March 2024.", "in March 2024"),
        ("اعتُقل صحفي في آذار الماضي في دمشق", "في آذار الماضي"),
        ("Dans la nuit du 4 au 5 mai, des rebelles ont tué 8 civils.", "du 4 au 5 mai"),
        # date words right next to each other are one phrase
        ("On Monday, 12 August, gunmen attacked the bus.", "On Monday, 12 August"),
        ("شنّت قوات الأمن، أمس الإثنين 11 آب، حملة دهم", "أمس الإثنين 11 آب"),
        ("Lundi 5 mai, l'armée a frappé une base.", "Lundi 5 mai"),
        ("Clashes turned violent this week near Galkayo.", "this week"),
    ],
)
def test_stated_date_phrases_as_written(evidence: str, phrase: str) -> None:
    found = find_date_phrase(evidence)
    assert found == phrase
    assert found in evidence


@pytest.mark.parametrize(
    "evidence",
    [
        "Gunmen killed 3 people and 2 may have fled.",  # "may" is a verb
        "Protesters gathered in Mar Elias camp.",  # a place, not "in March"
        "قال أب لثلاثة أطفال إن 5 أشخاص قتلوا",  # «أب» is "father"
        "قتل 5 أشخاص وأصيب 12 آخرون",
        "The toll rose to 1,200 people, officials said.",
        "The ceasefire has held since 3 March 2021.",  # background, not the incident's date
        "وتستمر المعارك منذ 12 آذار في المنطقة",
        "Les combats durent depuis le 5 mai.",
    ],
)
def test_no_date_phrase(evidence: str) -> None:
    assert find_date_phrase(evidence) is None


def test_a_date_more_than_a_year_old_yields_to_a_recent_one() -> None:
    evidence = "The group, founded in May 2019, attacked the base on Tuesday."
    assert find_date_phrase(evidence, dt.date(2024, 8, 12)) == "on Tuesday"
    # the only date stated is kept, however old: a date the text states is never lost
    assert find_date_phrase("The group was founded in May 2019.", dt.date(2024, 8, 12)) == (
        "in May 2019"
    )
    assert find_date_phrase(evidence) == "in May 2019"  # without published: the first


def test_every_phrase_in_order() -> None:
    evidence = "Gunmen attacked on 4 May; on Monday, 6 May, the army struck back."
    assert date_phrases(evidence) == ["on 4 May", "on Monday, 6 May"]


def test_the_next_day_is_no_date_phrase() -> None:
    assert find_date_phrase("وفي اليوم التالي، اندلعت اشتباكات في المدينة") is None


def test_a_dateline_dates_the_report_not_the_event() -> None:
    from incidents.text.dates.phrases import without_dateline

    lead = "KHERSON, Ukraine, May 20 — Russian artillery shelled the city on Monday morning."
    assert find_date_phrase(without_dateline(lead)) == "on Monday morning"
    assert without_dateline("No dateline here, on Monday.") == "No dateline here, on Monday."
