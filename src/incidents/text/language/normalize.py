"""Shared text normalization for names: Arabic and Latin script, gazetteer, actors and evals.

Two strings that name the same thing should normalize to the same key however an article,
a model or a gazetteer spells them: «الميادين» / «ميادين», "Al-Mayadin" / "Al Mayādīn",
"Deir ez-Zor" / "Deir Zor". Three layers:

* :func:`normalize_arabic`, :func:`normalize_latin`, :func:`normalize_name`: orthography only
  (diacritics, letter variants, case, punctuation), safe for any comparison;
* :func:`name_key`: also drops Arabic «ال» and Latin articles (al-, el-, ad-, ash-, ...) and
  spaces, for exact-match indexes;
* :func:`tokenize` / :func:`clitic_variants`: word tokens with offsets into the original text
  and the readings of an Arabic word with its attached conjunction/preposition removed
  («وبالميادين» → «بالميادين», «الميادين»), for scanning sentences.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
# Harakat, superscript alef, Quranic annotation marks and tatweel carry no letter identity.
_ARABIC_STRIP = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        # Persian/Urdu letter forms that geonames uses for some Arabic names.
        "ی": "ي",
        "ک": "ك",
        "ۀ": "ه",
        "ە": "ه",
        "،": " ",
        "؛": " ",
        "؟": " ",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    }
)


def _latin_table() -> dict[int, str]:
    """Translation table: accented Latin letters to ASCII, apostrophes out, dashes to spaces.

    Built once with unicodedata so ``str.translate`` (C speed) can do per-name what NFKD plus a
    filter would do; the gazetteer normalizes ~900k names at index build.
    """
    table: dict[int, str] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base != char and base.isascii():
            table[code] = base
    table.update(
        {
            ord(k): v
            for k, v in {
                "ß": "ss",
                "æ": "ae",
                "Æ": "AE",
                "œ": "oe",
                "Œ": "OE",
                "ø": "o",
                "Ø": "O",
                "đ": "d",
                "Đ": "D",
                "ł": "l",
                "Ł": "L",
                "ı": "i",
                "ə": "e",
                "Ə": "E",
                "þ": "th",
            }.items()
        }
    )
    # Transliterated ayn/hamza and apostrophes vanish: "Ta'izz", "Ta‘izz", "Taizz" are one name.
    for char in "'’‘`´ʻʼʽʾʿ′":
        table[ord(char)] = ""
    for char in "-‐‑‒–—―_/":
        table[ord(char)] = " "
    return table


_LATIN_MAP = _latin_table()
_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")

# Latin articles that are always dropped, and vowel+consonant forms that are an assimilated
# Arabic article only when the next word starts with the same consonant ("ar Raqqah",
# "ez Zor", "ash Shaddadi"): the sun-letter rule keeps "as"/"at"/"en" as words otherwise.
_ALWAYS_ARTICLES = frozenset({"al", "el", "il", "ul"})
_SUN_ARTICLE = re.compile(r"^[aeiu](th|dh|sh|zh|[tdrzsnl])$")


def has_arabic(text: str) -> bool:
    """True if ``text`` contains any Arabic-script letter."""
    return bool(_ARABIC_CHAR.search(text))


def normalize_arabic(text: str) -> str:
    """Normalize Arabic orthography: the letter variants writers and gazetteers mix freely.

    Strips harakat and tatweel, unifies alef forms (أ إ آ ٱ → ا), ة → ه, ى → ي, hamza seats
    (ؤ → و, ئ → ي) and Persian letter forms, turns Arabic-Indic/Persian digits into ASCII,
    punctuation into spaces, collapses whitespace. Latin parts are only lowercased.

    Args:
        text: Any string.

    Returns:
        The normalized string (no leading/trailing space).
    """
    return _SPACES.sub(" ", _NON_WORD.sub(" ", fold_arabic_letters(text).casefold())).strip()


def fold_arabic_letters(text: str) -> str:
    """Only the letter layer of :func:`normalize_arabic`: marks stripped, variants unified,
    digits made ASCII; Latin text, spacing and punctuation other than Arabic commas and
    question marks stay as they are."""
    return _ARABIC_STRIP.sub("", text).translate(_ARABIC_MAP)


def normalize_latin(text: str) -> str:
    """Normalize Latin-script text: strip diacritics, casefold, drop apostrophes, split dashes.

    Args:
        text: Any string, e.g. "Al Mayādīn" or "Ta‘izz".

    Returns:
        e.g. "al mayadin", "taizz".
    """
    text = unicodedata.normalize("NFC", text).translate(_LATIN_MAP).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


_LETTERS_ONLY = {k: v for k, v in _LATIN_MAP.items() if v and v != " "}


def strip_diacritics(text: str) -> str:
    """Latin letters without diacritics, case and punctuation kept: "Al Mayādīn" → "Al Mayadin"."""
    return text.translate(_LETTERS_ONLY)


def normalize_name(text: str) -> str:
    """Normalize a name in any script: Arabic rules when it has Arabic letters, Latin otherwise.

    Mixed strings get both (the Arabic map leaves Latin letters alone and vice versa).
    """
    if has_arabic(text):
        return normalize_latin(normalize_arabic(text))
    return normalize_latin(text)


def strip_arabic_article(word: str) -> str:
    """«الميادين» → «ميادين»; keeps words too short to carry an article («الى» stays)."""
    if word.startswith("ال") and len(word) >= 4:
        return word[2:]
    return word


def key_tokens(words: list[str]) -> list[str]:
    """Drop articles from normalized words: Arabic «ال» prefixes, Latin al/el and sun-letter forms.

    Args:
        words: Normalized words (output of :func:`normalize_name`, split on spaces).

    Returns:
        The words without articles; never empty when ``words`` is not (a lone "al" stays).
    """
    last = len(words) - 1
    out: list[str] = []
    for i, word in enumerate(words):
        if word.startswith("ال"):
            out.append(strip_arabic_article(word))
            continue
        # Latin articles are 2-3 letters and never the last word ("Al" alone is a name).
        if i < last and len(word) <= 3:
            if word in _ALWAYS_ARTICLES:
                continue
            match = _SUN_ARTICLE.match(word)
            nxt = words[i + 1]
            if match and nxt.startswith(match.group(1)) and len(nxt) > len(match.group(1)):
                continue
        out.append(word)
    return out or list(words)


def name_key(text: str) -> str:
    """Exact-match key of a name: normalized, articles dropped, spaces removed.

    "Deir ez-Zor", "Deir al-Zor" and "دير الزور"-style variants that differ only in the article
    or in spacing share a key: ``name_key("Al-Mayadin") == name_key("Mayadin") == "mayadin"``,
    ``name_key("البو كمال") == name_key("البوكمال")``.
    """
    if text.isascii():
        # Fast path, same result as below: the gazetteer keys ~1.4M names at index build.
        words = _ASCII_WORD.findall(text.translate(_LATIN_MAP).lower())
        if len(words) == 1:
            return words[0]
    else:
        words = normalize_name(text).split()
    return "".join(key_tokens(words)) if words else ""


@dataclass(frozen=True)
class Token:
    """A word of the original text: its characters, offsets and normalized form."""

    text: str
    start: int
    end: int
    norm: str


# A word: letters/digits, with inner apostrophes ("Ta'izz") kept inside the word, and the
# Arabic marks (shadda, harakat) that \w leaves out kept inside it too: «مسيّرة» is one word.
_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_LETTERS = rf"[^\W_](?:[^\W_]|[{_MARK}])*"
_WORD = re.compile(rf"{_LETTERS}(?:['’ʼ‘]{_LETTERS})*")


# French elision before a vowel or h ("l'armée", "d'Alep", "qu'il"); "N'Djamena" keeps its N.
_ELISION = re.compile(r"((?:[ldjnsmtc]|qu)['’])(?=[aeiouyhàâäéèêëîïôöùûü])", re.IGNORECASE)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with offsets; ``norm`` is :func:`normalize_name` of each.

    Lone Arabic clitics cut off by tatweel or quotes («لـ”لواء») are dropped: they are not words;
    French elided articles ("l'", "d'") are cut off the word they precede.
    """
    tokens = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        elided = _ELISION.match(word)
        if elided:  # French "l'armée", "d'Alep": the article is not part of the name
            word, start = word[elided.end(1) :], start + elided.end(1)
        norm = normalize_name(word).replace(" ", "")
        if not norm or (len(norm) == 1 and norm in "وبلكف"):
            continue
        tokens.append(Token(word, start, start + len(word), norm))
    return tokens


def clitic_variants(word: str) -> list[str]:
    """Readings of a normalized Arabic word with attached و/ف/ب/ل/ك removed, literal first.

    «وبالميادين» → [«وبالميادين», «بالميادين», «الميادين»]; «للحرس» → [«للحرس», «الحرس»].
    Callers try them in order, so a name that really starts with one of these letters
    («بغداد», «بنش») matches as written before any stripped reading is tried.
    Latin words come back unchanged (as a one-item list).
    """
    out = [word]
    if not has_arabic(word):
        return out
    rest = word
    if rest[:1] in ("و", "ف") and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if rest.startswith("لل") and len(rest) > 4:
        out.append("ال" + rest[2:])
    elif rest[:1] in ("ب", "ل", "ك") and len(rest) > 3:
        out.append(rest[1:])
    return list(dict.fromkeys(out))
