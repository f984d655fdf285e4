import pytest

from incidents.text.date_phrases import find_date_phrase


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
