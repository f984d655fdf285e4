"""Names only from knowledge or from the article (incidents.text.actors.words)."""

from __future__ import annotations

import pytest

from incidents.text.actors.words import group_words, is_named_actor


@pytest.mark.parametrize(
    ("name", "original", "text"),
    [
        ("Military Forces of Sudan", None, "…"),  # the table
        ("Unidentified Armed Group (Iraq)", None, "…"),  # a generic actor
        ("Carteles Unidos", None, "Gunmen of Carteles Unidos attacked the town."),
        ("Fursan Janzour Brigade", "كتيبة فرسان جنزور", "اشتبكت كتيبة فرسان جنزور مع قوة"),
        ("Sultan Murad", "السلطان مراد", "هاجم فصيل السلطان مراد القرية"),
    ],
)
def test_known_and_written_names_are_actors(name: str, original: str | None, text: str) -> None:
    assert is_named_actor(name, original, text)


@pytest.mark.parametrize(
    ("name", "original", "text"),
    [
        ("Al-Rasas", "الرصاص", "قتل شاب بالرصاص في المدينة"),  # bullets
        ("Al-Tanzim", "التنظيم", "هاجم عناصر التنظيم القرية"),  # "the organisation"
        ("Mi'at", "مئات", "خرج مئات في تظاهرة"),  # hundreds
        ("journalist", None, "A journalist was beaten in Gao."),
        ("Passengers", None, "Passengers were robbed. Gunmen fled."),  # only sentence-initial
        ("homme armés non identifiés circulant à m", None, "Des hommes armés …"),
        ("Desert Falcons Of The South", None, "No such name in this text."),
    ],
)
def test_common_nouns_and_guesses_are_not(name: str, original: str | None, text: str) -> None:
    assert not is_named_actor(name, original, text)


def test_every_group_word_introduces_a_name() -> None:
    for word in sorted(group_words()):
        assert is_named_actor("X", "النمر الأسود", f"أعلن {word} النمر الأسود مسؤوليته"), word
