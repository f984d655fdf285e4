"""Arabic number words, duals and vague plurals as digits (no maintained library covers them).

Units in both genders, teens («ثلاثة عشر»), tens («عشرين»), «خمسة وعشرون», hundreds («مئة»,
«ثلاثمائة»), thousands («ألف», «ثلاثة آلاف»), with attached و/ب/ل/ف; «الأحد» and «الاثنين» are
weekdays, not numbers. Duals count as 2 for nouns whose plural is broken («جنديين»). «عشرات»
and «مئات» are 10 and 100, ACLED's convention for vague plurals (see
:mod:`incidents.text.counts.numbers`). :func:`digitize_arabic` is used through
:func:`incidents.text.counts.numbers.digitize`.
"""

from __future__ import annotations

from incidents.text.dates.words import vocabulary
from incidents.text.language.normalize import normalize_arabic, tokenize

_UNITS = {
    1: "واحد واحده احد احدي",
    2: "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي",
    3: "ثلاثه ثلاث",
    4: "اربعه اربع",
    5: "خمسه خمس",
    6: "سته ست",
    7: "سبعه سبع",
    8: "ثمانيه ثماني ثمان",
    9: "تسعه تسع",
    10: "عشره عشر",
    20: "عشرون عشرين",
    30: "ثلاثون ثلاثين",
    40: "اربعون اربعين",
    50: "خمسون خمسين",
    60: "ستون ستين",
    70: "سبعون سبعين",
    80: "ثمانون ثمانين",
    90: "تسعون تسعين",
    200: "ميتان ميتين مايتان مايتين",
    2000: "الفان الفين",
}
# Words are matched after normalize_arabic (ئ → ي, ة → ه): «مئة» is «ميه», «مائة» «مايه».
_WORDS: dict[str, int] = {w: v for v, words in _UNITS.items() for w in words.split()}
_HUNDREDS = ((3, "ثلاث"), (4, "اربع"), (5, "خمس"), (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع"))
_WORDS.update({f"{unit}{h}": n * 100 for n, unit in _HUNDREDS for h in ("ميه", "مايه")})
_HUNDRED = {"ميه", "مايه", "مئه"}
_THOUSAND = {"الف", "الاف", "لاف"}
# Weekdays are no numbers, though «الأحد» (Sunday) reads «أحد» (one) without its article and
# «الاثنين» (Monday) «اثنين» (two). Their names are the date vocabulary's.
_WEEKDAYS = frozenset(normalize_arabic(day) for day in vocabulary()["weekdays"]["ar"])
# ACLED's convention for vague plurals: «عشرات» ("tens") 10, «مئات» ("hundreds") 100.
_VAGUE_PLURALS = {"عشرات": 10, "ميات": 100, "مايات": 100}

# Nouns with a broken plural, so "-ين"/"-ان" (or "-تين"/"-تان") on them can only be a dual.
# Not «طالب»: «طالبان» is the Taliban.
# fmt: off
_DUAL_STEMS = frozenset(normalize_arabic(w) for w in (
    "جندي", "عنصر", "شخص", "قتيل", "جريح", "طفل", "ضابط", "رجل", "شاب", "عضو", "شقيق", "أخو",
    "ابن", "حارس", "راعي", "أسير", "قائد", "صاروخ", "هجوم", "انفجار", "منزل", "مقر", "موقع",
    "حاجز", "طفلت", "سيدت", "فتات", "امرأت", "شقيقت", "طالبت", "ضحيت", "رهينت", "غارت", "طائرت",
    "سيارت", "قذيفت", "مسيرت", "ضربت", "عبوت",
))
# fmt: on


def bare_readings(norm: str) -> list[str]:
    """A normalized Arabic word and its readings without و/ف, ب/ل/ك and «ال» prefixes."""
    out = [norm]
    if norm[:1] in ("و", "ف") and len(norm) > 3:
        out.append(norm[1:])
    for word in list(out):
        if word[:1] in ("ب", "ل", "ك") and len(word) > 3:
            out.append(word[1:])
    for word in list(out):
        if (word.startswith("ال") and len(word) > 3) or (word.startswith("لل") and len(word) > 3):
            out.append(word[2:])
    return out


def _arabic_word(norm: str) -> int | None:
    """Value of one normalized Arabic number word («وثلاثة», «بأربعة», «مئة»), or None."""
    readings = bare_readings(norm)
    if any(word in _WEEKDAYS for word in readings):
        return None  # «الاثنين», «والأحد»: weekdays, whatever the stripped reading says
    for word in readings:
        if word in _WORDS:
            return _WORDS[word]
        if word in _HUNDRED:
            return 100
        if word in _THOUSAND:
            return 1000
    return None


def _vague_plural(norm: str) -> int | None:
    """ACLED's figure for «عشرات», «العشرات», «ومئات», or None for any other word."""
    return next((_VAGUE_PLURALS[w] for w in bare_readings(norm) if w in _VAGUE_PLURALS), None)


def _dual(norm: str) -> bool:
    """«جنديين», «الجنديين», «عنصران», «طفلتين»: a dual of a noun in :data:`_DUAL_STEMS`."""
    if norm[-2:] not in ("ين", "ان"):
        return False
    return any(word[:-2] in _DUAL_STEMS for word in bare_readings(norm))


def _conjunction(norm: str) -> str:
    """«و » when a number word carries «و» («واثنان» → «و 2»): lists and ranges need the
    "and" («ضابط واثنان» is one plus two, «بين خمسة وسبعة» a range)."""
    if norm[:1] == "و" and norm not in _WORDS and norm not in _VAGUE_PLURALS:
        return "و "
    return ""


def digitize_arabic(text: str) -> str:
    """Replace Arabic number words by digits and put a "2" before duals, keeping other text."""
    out, last = [], 0
    tokens = tokenize(text)
    i = 0
    while i < len(tokens):
        value = _arabic_word(tokens[i].norm)
        if value is None:
            vague = _vague_plural(tokens[i].norm)
            following = tokens[i + 1].norm if i + 1 < len(tokens) else ""
            if vague is not None and _arabic_word(following) == 1000:
                i += 2  # «عشرات الآلاف», «مئات الآلاف»: no count, and not a thousand either
                continue
            if vague is not None:
                out.append(text[last : tokens[i].start] + _conjunction(tokens[i].norm) + str(vague))
                last = tokens[i].end
            elif _dual(tokens[i].norm):
                # «وطفلين» → «و 2 طفلين»: the "and" stays before the count it joins
                norm = tokens[i].norm
                conjunction = "و " if norm[:1] == "و" and norm[:-2] not in _DUAL_STEMS else ""
                out.append(text[last : tokens[i].start] + conjunction + "2 ")
                last = tokens[i].start + len(conjunction[:1])
            i += 1
            continue
        total, current, j = 0, 0, i
        while j < len(tokens):
            word = _arabic_word(tokens[j].norm) if j > i else value
            if word is None:
                break
            joined = j > i and tokens[j].norm[:1] == "و"
            if j > i and not joined and not (word >= 100 or (current < 10 and word == 10)):
                break  # two numbers side by side («ثلاثة أربعة») are two counts
            if joined and not ((current < 10 and 20 <= word < 100) or current >= 100 > word):
                break  # «خمسة وعشرون» adds; «خمسة وسبعة» is a range or a list
            if word in (100, 1000) and tokens[j].norm not in _WORDS:
                current = (current or 1) * word
                if word == 1000:
                    total, current = total + current, 0
            else:
                current += word
            j += 1
        out.append(
            text[last : tokens[i].start] + _conjunction(tokens[i].norm) + str(total + current)
        )
        last = tokens[j - 1].end
        i = j
    out.append(text[last:])
    return "".join(out)
