"""Arabic names in Latin letters, for the places and actors no table holds.

The gazetteer and the alias table give most names their English form. A village the gazetteer
lacks, or a local brigade, must still not be left in Arabic (or half in it) in a record that an
English-reading analyst filters and maps. No well-kept PyPI package romanizes Arabic the way
analysts write names (``anyascii`` and ``unidecode`` give "qry@ lbth'" for «قرية البطحاء», with
``@`` for ta marbuta and no article), so this is a small documented rule set, close to the
simplified romanization of news agencies and ACLED ("Al Mayadin", "Tall Tamr"):

* letters: ث th, ج j, ح h, خ kh, ذ dh, ش sh, ص s, ض d, ط t, ظ z, غ gh, ق q; ع and ء are left out;
  ة and ى are a; و and ي are u and i after a consonant, w and y at a word's start, after a
  vowel and before alef;
* the article «ال» is "Al" as a word of its own (sun letters are not assimilated);
  attached و/ب/ل are not stripped (names are taken as the article writes them);
* short vowels are not written in Arabic and are not guessed, except an ``a`` between two
  consonants at a word's start ("Bthaa" would be unreadable; "Bathaa" is how it is said);
* each word is capitalized.

Latin text passes through unchanged. A transliteration is a reading aid, not a canonical name:
``name_original`` keeps the article's words.
"""

from __future__ import annotations

import re

from incidents.text.language.normalize import has_arabic

_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g", "ک": "k", "ی": "i",
}  # fmt: skip
_GLIDES = {"و": ("u", "w"), "ي": ("i", "y")}
_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_VOWELS = set("aiu")


def _word(word: str) -> str:
    """One Arabic word (without the article) in Latin letters."""
    out: list[str] = []
    letters = list(word)
    for i, letter in enumerate(letters):
        if letter in _GLIDES:
            vowel, consonant = _GLIDES[letter]
            after_consonant = bool(out) and out[-1][-1:] not in _VOWELS
            before_alef = letters[i + 1 : i + 2] in (["ا"], ["ى"])  # «ميادين»: the y of "Mayadin"
            out.append(vowel if i > 0 and after_consonant and not before_alef else consonant)
        else:
            out.append(_LETTERS.get(letter, letter))
    latin = "".join(out)
    # An unwritten vowel after the first consonant: "bthaa" → "bathaa", "khrba" → "kharba".
    first = re.match(r"sh|th|kh|dh|gh|[b-df-hj-np-tv-z]", latin)  # a digraph is one letter
    if first and re.match(r"[b-df-hj-np-tv-z]", latin[first.end() :]):
        latin = first.group() + "a" + latin[first.end() :]
    return latin


def transliterate(text: str) -> str:
    """A name as written, in Latin letters; Latin text unchanged.

    Args:
        text: e.g. «قرية البطحاء», «كتيبة شهداء الزاوية», "Al Mayadin".

    Returns:
        e.g. "Qaria Al Batha", "Katiba Shahda Al Zawia", "Al Mayadin".
    """
    if not has_arabic(text):
        return text
    words: list[str] = []
    for word in _MARKS.sub("", text).split():
        if word.startswith("ال") and len(word) > 3:
            words.append("Al")
            word = word[2:]
        latin = _word(word)
        if latin:
            words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)
