"""The candidate finder, the article's country prior and the transliteration rule set, on
Arabic, English and French text written for these tests."""

from __future__ import annotations

import pytest

from incidents.text.candidates import candidates_of, find_candidates
from incidents.text.language.sentences import number_sentences
from incidents.text.language.transliterate import transliterate
from incidents.text.places.country_prior import article_country

DARAA = (
    "درعا – قتل مسلحون مجهولون ثلاثة مزارعين قرب قرية تل الشوك في ريف درعا الغربي، أمس.\n"
    "وفي مدينة الصنمين، اعتقلت الشرطة شخصين بتهمة حيازة أسلحة.\n"
)


def test_places_include_gazetteer_towns_and_villages_it_lacks() -> None:
    places = [c.text for c in find_candidates(DARAA).places]
    assert "الصنمين" in places  # the gazetteer's town
    assert "تل الشوك" in places  # «قرية X»: a village GeoNames does not hold, name whole
    assert all(p in DARAA for p in places)


def test_actors_come_from_the_alias_table_with_their_words() -> None:
    actors = [c.text for c in find_candidates(DARAA).actors]
    assert "مسلحون مجهولون" in actors and "الشرطة" in actors


def test_candidates_carry_their_span_and_ids_in_order() -> None:
    found = find_candidates(DARAA)
    for candidate in (*found.places, *found.actors):
        assert DARAA[candidate.start : candidate.end] == candidate.text
    assert [c.id for c in found.places] == [f"P{n}" for n in range(1, len(found.places) + 1)]
    assert found.by_id()["A1"] == found.actors[0].text


def test_the_prompt_lines_list_each_spelling_once() -> None:
    rendered = candidates_of(number_sentences(DARAA).sentences).render()
    places, actors = rendered.split("\n")
    assert places.startswith("Places: P1 ") and actors.startswith("Actors: A1 ")
    assert rendered.count("تل الشوك") == 1


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen killed two farmers near Kidal and fled toward the village of Anefis.", "Anefis"),
        ("Des hommes armés ont attaqué le village de Mabuo et pillé des boutiques.", "Mabuo"),
    ],
)
def test_latin_place_patterns(text: str, place: str) -> None:
    assert place in [c.text for c in find_candidates(text).places]


def test_descriptive_words_after_a_village_are_not_its_name() -> None:
    text = "اندلعت اشتباكات في بلدة ذيبان التابعة لمنطقة الميادين في دير الزور."
    places = [c.text for c in find_candidates(text).places]
    assert "ذيبان" in places and "ذيبان التابعة" not in places


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (DARAA, "SY"),
        ("عدن – قُتل شخصان في اشتباكات بمديرية المنصورة، وفق مصادر محلية في عدن.", "YE"),
        ("MOGADISHU — A car bomb exploded near Mogadishu's port on Monday, police said.", "SO"),
        ("Bamako — L'armée malienne a repris Tessit, dans la région de Gao.", "ML"),
    ],
)
def test_the_article_country_comes_from_its_dateline_and_places(text: str, country: str) -> None:
    assert article_country(text) == country


def test_no_place_no_prior() -> None:
    assert article_country("The minister said the talks would resume next week.") is None


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("الميادين", "Al Mayadin"),
        ("قرية البطحاء", "Qaria Al Batha"),
        ("الخربة", "Al Kharba"),
        ("Al Mayadin", "Al Mayadin"),  # Latin text passes through
    ],
)
def test_transliteration_rule_set(arabic: str, latin: str) -> None:
    assert transliterate(arabic) == latin


def test_transliteration_leaves_no_arabic_letter() -> None:
    assert all(ord(ch) < 0x0600 for ch in transliterate("كتيبة شهداء الزاوية في حيّ ثعبات"))
