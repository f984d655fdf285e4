"""Find the date phrase of an incident in its evidence, when the model did not copy one.

News states when with a small set of phrases: «أمس», «فجر اليوم الثلاثاء», «ليلة الخميس»,
"on Monday", "yesterday", "hier soir", "la semaine dernière". The first one in the evidence is
taken as written (so it is a substring of the article) and resolved by :mod:`incidents.text.dates`.
"""

from __future__ import annotations

import re

_AR_DAY = r"(?:ال|لل)?(?:[اإ]ثنين|ثلاثاء|[أا]ربعاء|خميس|جمعة|سبت|[أا]حد)"
_AR_TIME = r"(?:فجر|صباح|مساء|ظهر|ظهيرة|ليلة|ليل|عصر|منتصف\s+ليل)"
_EN_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_FR_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"

_PATTERNS = [
    # «فجر اليوم الثلاثاء», «مساء أمس الأحد», «يوم أمس», «أمس»
    rf"(?:{_AR_TIME}\s+)?(?:يوم\s+)?(?:[أا]مس|اليوم|البارحة)(?:\s+{_AR_DAY})?(?!\w)",
    # «ليلة الخميس», «يوم الاثنين الماضي»
    rf"(?:{_AR_TIME}|يوم)\s+{_AR_DAY}(?:\s+الماضي)?(?!\w)",
    r"(?:قبل|منذ)\s+[أا]يام|(?:الأسبوع|الاسبوع|الشهر)\s+الماضي",
    rf"\b(?:(?:on|last|early|late)\s+)?{_EN_DAY}(?:\s+(?:morning|afternoon|evening|night))?\b",
    r"\b(?:yesterday|last night|this morning|overnight|last week|earlier this week)\b",
    r"\ba few days ago\b",
    rf"\b{_FR_DAY}(?:\s+(?:matin|soir|après-midi|dernier))?\b",
    r"\b(?:hier(?:\s+soir|\s+matin)?|ce matin|la semaine dernière|il y a quelques jours)\b",
]
_DATE_PHRASE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def find_date_phrase(evidence: str) -> str | None:
    """The first date phrase in ``evidence``, exactly as written, or None."""
    match = _DATE_PHRASE.search(evidence)
    return match.group(0).strip() if match else None
