"""Canonical actors from the curated alias table (data/actor_aliases.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from incidents.schema import ActorKind
from incidents.text.actors.names import ActorEntry, canonical_actor, find_actors, load_table


@pytest.mark.parametrize(
    ("written", "name", "kind"),
    [
        (
            "عناصر تابعة للحرس الثوري الإيراني",
            "Islamic Revolutionary Guard Corps",
            "external_forces",
        ),
        ("الحرس الثوري", "Islamic Revolutionary Guard Corps", "external_forces"),
        ("IRGC", "Islamic Revolutionary Guard Corps", "external_forces"),
        ("سنتكوم", "US Central Command", "external_forces"),
        ("القيادة المركزية الأميركية", "US Central Command", "external_forces"),
        ("CENTCOM", "US Central Command", "external_forces"),
        ("داعش", "Islamic State", "rebel_group"),
        ("تنظيم “داعش”", "Islamic State", "rebel_group"),
        ("ISIS", "Islamic State", "rebel_group"),
        ("l'État islamique", "Islamic State", "rebel_group"),
        ("EI", "Islamic State", "rebel_group"),
        ("لواء فاطميون", "Fatemiyoun Brigade", "political_militia"),
        ("لـ”لواء فاطميون”", "Fatemiyoun Brigade", "political_militia"),
        ("Fatimiyoun", "Fatemiyoun Brigade", "political_militia"),  # spelling variant (fuzzy)
        ("قسد", "Syrian Democratic Forces", "rebel_group"),
        ("قوات النظام", "Military Forces of Syria", "state_forces"),
        ("الحوثيون", "Houthis", "rebel_group"),
        ("أنصار الله", "Houthis", "rebel_group"),
        ("التحالف العربي", "Saudi-led Coalition", "external_forces"),
        ("قوات الدعم السريع", "Rapid Support Forces", "rebel_group"),
        ("الجيش السوداني", "Military Forces of Sudan", "state_forces"),
        ("الحشد الشعبي", "Popular Mobilization Forces", "political_militia"),
        ("التحالف الدولي", "International Coalition", "external_forces"),
        ("US-led coalition", "International Coalition", "external_forces"),
        ("مسلحين عشائريين", "Tribal gunmen", "identity_militia"),
        ("مسلحون مجهولون", "Unidentified Armed Group", "political_militia"),
        ("شخصين مدنيين", "Civilians", "civilians"),
        ("الأهالي", "Civilians", "civilians"),
        ("المتظاهرين", "Protesters", "protesters"),
        ("الشرطة", "Police", "state_forces"),
        ("الجيش", "Military forces", "state_forces"),
        ("القوات الأمنية", "Military forces", "state_forces"),  # no country's forces by itself
        ("القوات الأمنية العراقية", "Military Forces of Iraq", "state_forces"),
        ("Sudanese Armed Forces", "Military Forces of Sudan", "state_forces"),  # the old name
        ("جيش الاحتلال الإسرائيلي", "Military Forces of Israel", "external_forces"),
        ("Congolese army", "Military Forces of the Democratic Republic of Congo", "state_forces"),
        ("FAMa", "Military Forces of Mali", "state_forces"),
        ("al-Shabaab", "Al Shabaab", "rebel_group"),
        ("Haftar's forces", "Libyan National Army", "state_forces"),
    ],
)
def test_canonical_actor(written: str, name: str, kind: str) -> None:
    actor = canonical_actor(written)
    assert actor is not None, written
    assert (actor.name, actor.kind) == (name, kind)
    assert isinstance(actor.kind, ActorKind)


@pytest.mark.parametrize(
    "junk", ["", "xyzzy", "the", "is", "قيادي في الفصيل", "Iran-backed factions", "القاعدة"]
)
def test_unknown_gives_none(junk: str) -> None:
    # Lower-case "is" is not the Islamic State; «القاعدة» ("the base") is not al-Qaeda.
    assert canonical_actor(junk) is None


def test_longest_alias_wins() -> None:
    actor = canonical_actor("عناصر تابعة للحرس الثوري الإيراني")
    assert actor is not None and actor.matched == "للحرس الثوري الإيراني"
    sdf = canonical_actor("عناصر من قوات سوريا الديمقراطية")
    assert sdf is not None and sdf.name == "Syrian Democratic Forces"


def test_find_actors_in_order() -> None:
    text = (
        "وداهمت قوة من “الحرس الثوري” الإيراني منزلاً واقتادت شخصين مدنيين، "
        "فيما هاجم مسلحين عشائريين مقراً لقسد"
    )
    found = find_actors(text)
    assert [a.name for a in found] == [
        "Islamic Revolutionary Guard Corps",
        "Civilians",  # «شخصين»
        "Civilians",  # «مدنيين»
        "Tribal gunmen",
        "Syrian Democratic Forces",
    ]
    assert all(a.matched in text for a in found)


def test_find_actors_english_and_french() -> None:
    english = find_actors("CENTCOM said US forces struck ISIS targets; IS fighters fled.")
    assert [a.name for a in english] == [
        "US Central Command",
        "Military Forces of the United States",
        "Islamic State",
        "Islamic State",
    ]
    french = find_actors("Des soldats de l'armée malienne ont été attaqués par le JNIM.")
    # "soldats" alone is a generic actor: the incident's country names it ("of Mali").
    assert [a.name for a in french] == ["Military forces", "Military Forces of Mali", "JNIM"]


def test_table_is_large_and_covers_each_kind() -> None:
    table = load_table()
    assert len(table) >= 60
    assert {entry.kind for entry in table} >= {
        "state_forces",
        "rebel_group",
        "political_militia",
        "identity_militia",
        "protesters",
        "civilians",
        "external_forces",
        "rioters",
    }


def test_table_rejects_unknown_keys_and_kinds(tmp_path: Path) -> None:
    bad_key = tmp_path / "bad_key.yaml"
    bad_key.write_text("- {name: X, kind: rebel_group, aliasses: [x]}\n", "utf-8")
    with pytest.raises(ValidationError):
        load_table(bad_key)
    bad_kind = tmp_path / "bad_kind.yaml"
    bad_kind.write_text("- {name: X, kind: terrorists}\n", "utf-8")
    with pytest.raises(ValidationError):
        load_table(bad_kind)


def test_table_rejects_an_alias_claimed_twice(tmp_path: Path) -> None:
    twice = tmp_path / "twice.yaml"
    twice.write_text(
        "- {name: A, kind: rebel_group, ar: [الحرس]}\n"
        "- {name: B, kind: rebel_group, en: [x], ar: [حرس]}\n",
        "utf-8",
    )
    with pytest.raises(ValueError, match="both"):
        load_table(twice)


@pytest.mark.parametrize(
    ("written", "country", "name"),
    [
        ("مدنيين", "YE", "Civilians (Yemen)"),
        ("مسلحون مجهولون", "SY", "Unidentified Armed Group (Syria)"),
        ("الجيش", "SD", "Military Forces of Sudan"),
        ("الشرطة", "IQ", "Police Forces of Iraq"),
        ("المحتجون", "LY", "Protesters (Libya)"),
        ("مثيري الشغب", "CD", "Rioters (Democratic Republic of Congo)"),  # ACLED's spelling
        ("مدنيين", None, "Civilians"),  # no country known: the plain name
        ("قوات الدعم السريع", "SD", "Rapid Support Forces"),  # a named actor keeps its name
    ],
)
def test_generic_actors_are_named_for_the_country(
    written: str, country: str | None, name: str
) -> None:
    actor = canonical_actor(written)
    assert actor is not None and actor.named_for(country) == name


@pytest.mark.parametrize("entry", load_table(), ids=lambda entry: entry.name.replace(" ", "_"))
def test_every_entry_is_found_by_each_of_its_arabic_forms(entry: ActorEntry) -> None:
    # Each Arabic alias, alone and inside a sentence with the article's usual prefixes,
    # resolves to its own entry: no alias is shadowed by another actor's longer one.
    for alias in entry.ar:
        alone = canonical_actor(alias)
        assert alone is not None and alone.name == entry.name, alias
        found = [a.name for a in find_actors(f"وأفادت مصادر بأن {alias} هاجموا الموقع")]
        assert entry.name in found, (alias, found)


@pytest.mark.parametrize("entry", load_table(), ids=lambda entry: entry.name.replace(" ", "_"))
def test_every_entry_is_found_by_each_of_its_english_and_french_forms(entry: ActorEntry) -> None:
    # Issue 22: every alias is exercised, alone and inside a sentence.
    for alias in (entry.name, *entry.en, *entry.fr):
        alone = canonical_actor(alias)
        assert alone is not None and alone.name == entry.name, alias
        found = [a.name for a in find_actors(f"Local sources said {alias} attacked the post.")]
        assert entry.name in found, (alias, found)
