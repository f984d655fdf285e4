"""Is a name an actor's name? Names only from knowledge or from the article, never guessed.

An actor name in a record is (a) an entry of the alias table or a country's forces named by a
demonym, (b) a generic actor the table builds with the incident's country, or (c) a proper
name the article writes: a Latin-script name as written, capitalised, somewhere other than
the start of a sentence (or of two capitalised words or more); an Arabic name only after, or
starting with, a group word of ``data/actor_words.yaml`` («لواء / جماعة / فصيل / تنظيم /
قوات»). Everything else a model lists (the word for bullets, "shepherd", "journalist",
"hundreds") is not an actor.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from incidents.data_dir import DATA_DIR
from incidents.text.actors.names import canonical_actor
from incidents.text.language.normalize import has_arabic, normalize_arabic, strip_arabic_article

_SENTENCE_START = re.compile(r"(?:^|[.!?\n]\s*)$")


@lru_cache(maxsize=1)
def group_words(path: Path | None = None) -> frozenset[str]:
    """The Arabic group words, normalised, without the article."""
    path = path or DATA_DIR / "actor_words.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    words = (raw or {}).get("group_words", {}).get("ar")
    if not isinstance(words, list) or not words:
        raise ValueError(f"{path}: expected group_words: ar: [a list of words]")
    return frozenset(strip_arabic_article(normalize_arabic(w)) for w in words)


def _is_group_word(word: str) -> bool:
    bare = strip_arabic_article(normalize_arabic(word))
    # Attached و/ب/ل/ف before the word: «ولواء», «لجماعة».
    return bare in group_words() or (len(bare) > 3 and bare[1:] in group_words())


def _written_latin_name(name: str, text: str) -> bool:
    words = name.split()
    if not words or not words[0][:1].isupper():
        return False
    for found in re.finditer(re.escape(name), text):
        capitalised = sum(1 for w in words if w[:1].isupper())
        if capitalised >= 2 or not _SENTENCE_START.search(text[: found.start()]):
            return True
    return False


def _written_arabic_name(name: str, text: str) -> bool:
    words = name.split()
    if not words:
        return False
    if _is_group_word(words[0]) and len(words) > 1:
        return name in text
    for found in re.finditer(re.escape(name), text):
        before = text[: found.start()].split()
        if before and _is_group_word(before[-1]):
            return True
    return False


def is_named_actor(name: str, name_original: str | None, text: str) -> bool:
    """Whether an actor name is knowledge (the alias table) or a proper name ``text`` writes.

    Args:
        name: The record's name (English or transliterated).
        name_original: The name as written in the article, when the record has it.
        text: The article.
    """
    if canonical_actor(name) is not None:
        return True
    if name_original and canonical_actor(name_original) is not None:
        return True
    if name_original and has_arabic(name_original):
        return _written_arabic_name(name_original, text)
    if not has_arabic(name) and _written_latin_name(name, text):
        return True
    return bool(name_original) and _written_latin_name(name_original or "", text)
