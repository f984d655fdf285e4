"""Read killed / injured / detained counts from an incident's evidence, deterministically.

The model often leaves a count out or puts it in the wrong field («مقتل اثنين ... وإصابة
ثلاثة»: 3 killed, 2 injured). Once every number word is turned into digits
(:func:`incidents.text.counts.numbers.digitize`), each number is given to the casualty word nearest
to it within a few words. A range gives its lowest figure, ACLED's rule. The casualty words
themselves are :mod:`incidents.text.counts.casualty_words`, shared with
:mod:`incidents.text.counts.numbers`.
"""

from __future__ import annotations

import re

from incidents.text.counts.casualty_lists import AND, is_breakdown, listed_together
from incidents.text.counts.casualty_words import (
    NOT_PEOPLE,
    UNITS,
    casualty_field,
    mentions_casualties,
    normalized_words,
)
from incidents.text.counts.numbers import digitize, says_no_casualties, speaks_of_the_rest
from incidents.text.counts.one_person import (
    ANOTHER,
    ONE_AMONG_WORDS,
    names_one_person,
    person_after,
    single_person_at,
)
from incidents.text.dates.patterns import without_dates

# Words allowed between a number and its casualty word ("killing at least 4 of the soldiers").
WINDOW = 6

_NUMBER = re.compile(r"^\d{1,5}$")
# Words between "a" and the person noun after a casualty word: "a 45 year old shepherd".
_PERSON_REACH = 5
# Words before a passive casualty word where its person may start: "a Catholic priest was
# abducted", « un jeune de 17 ans a été tué ».
_PASSIVE_REACH = 8
# Passive auxiliaries right before a casualty word: "a priest was abducted", « a été tué ».
_PASSIVE = frozenset({"was", "is", "been", "ete", "est", "fut"})
# A conjunction between a figure and the casualty word after it gives that word to the next
# figure: "killing at least five people and wounding 12".
_AND = frozenset(AND)
# A 1 the article wrote as a count ("1", «١», "one", «واحد»), not a French article turned into 1.
_WRITTEN_ONE = re.compile(r"(?<!\d)[1١](?!\d)|\bone\b|واحد", re.IGNORECASE)
_RANGE_JOINERS = {*AND, "to", "or", "-", "a", "الي", "او"}
_YEAR = range(1900, 2101)


def _words(evidence: str) -> list[str]:
    return normalized_words(digitize(evidence))


def fields_mentioned(evidence: str) -> set[str]:
    """The casualty fields the evidence has a word for: {"fatalities", "detained"} for
    "two killed and three arrested"."""
    return {field for word in _words(evidence) if (field := casualty_field(word)) is not None}


def _figure(words: list[str], index: int, evidence: str) -> int | None:
    """The count ``words[index]`` states, or None: no number, or a year, an age, a distance,
    counted things, or a French article read as 1."""
    word = words[index]
    if not _NUMBER.match(word) or int(word) in _YEAR:
        return None
    following = words[index + 1] if index + 1 < len(words) else ""
    if following.startswith(UNITS):
        return None
    if any(w.startswith(NOT_PEOPLE) for w in words[index + 1 : index + 3]):
        return None
    # digitize() turns articles into 1 ("un kamikaze", "une source"); a lone 1 is left to
    # the model, whose single-casualty answers count_is_grounded() checks.
    if word == "1" and not _WRITTEN_ONE.search(evidence):
        return None
    return int(word)


def _nearest(
    categories: list[str | None], index: int, words: list[str] | None = None
) -> tuple[float, str] | None:
    """The distance to and field of the casualty word nearest to ``index``, within
    :data:`WINDOW` words; a word after the figure is nearer ("3 killed" over "killed 3"),
    unless an "and" comes between them ("killing five and wounding 12")."""
    nearest: tuple[float, str] | None = None
    for other in range(max(0, index - WINDOW), min(len(categories), index + WINDOW + 1)):
        field = categories[other]
        if field is None:
            continue
        distance = abs(other - index) + (0.5 if other < index else 0)
        if words is not None and other > index and _AND & set(words[index + 1 : other]):
            distance += 2
        if nearest is None or distance < nearest[0]:
            nearest = (distance, field)
    return nearest


def _figures(words: list[str], evidence: str) -> dict[int, int]:
    """Every count by its position; a range ("between 5 and 7") is one count at its high end
    with its lowest figure, ACLED's rule."""
    figures: dict[int, int] = {}
    for index in range(len(words)):
        value = _figure(words, index, evidence)
        if value is None:
            continue
        low = index - 2
        if low >= 0 and words[index - 1] in _RANGE_JOINERS and _NUMBER.match(words[low]):
            value = min(value, int(words[low]))
            figures.pop(low, None)
        figures[index] = value
    return figures


def counts_in_evidence(evidence: str) -> dict[str, int]:
    """``{"fatalities": n, "injured": n, "detained": n}`` for what the evidence states.

    Each figure counts for the casualty word nearest to it; figures listed together add up
    («قُتل ضابط واثنان من الجنود» → 3, :mod:`incidents.text.counts.casualty_lists`); a figure that
    breaks a toll down ("including 2 children") counts only when no other figure does; of
    several tolls for one field the lowest wins, ACLED's rule.
    """
    evidence = without_dates(evidence)  # "abducted on 28 April" states no 28 people
    words = _words(evidence)
    categories = [casualty_field(word) for word in words]
    figures = _figures(words, evidence)
    # «قتيل وجريحان» lists no people: a casualty word is its own field, not a list item.
    singles = {
        i
        for i in range(len(words))
        if i not in figures and categories[i] is None and single_person_at(words, i)
    }

    def nearest(index: int) -> tuple[float, str] | None:
        return _nearest(categories, index, words)

    found: dict[str, list[int]] = {}
    parts: dict[str, list[int]] = {}
    for field, chain in listed_together(words, categories, figures, singles, nearest):
        into = parts if is_breakdown(words, chain[0]) else found
        into.setdefault(field, []).append(sum(figures.get(i, 1) for i in chain))
    counts = {field: min(values) for field, values in found.items()}
    for field, values in parts.items():
        counts.setdefault(field, min(values))
    # One person named in the singular right after the casualty word: «مقتل عنصر», «أصيب آخر».
    for index, category in enumerate(categories):
        if category is None or category in counts:
            continue
        after = words[index + 1 : index + 3]
        single = bool(after) and (after[0] in ANOTHER or any(map(names_one_person, after)))
        if (single and not any(_NUMBER.match(w) for w in after)) or _one_person_near(words, index):
            counts[category] = 1
    return counts


def _one_person_near(words: list[str], index: int) -> bool:
    """One person named with "a"/« un » right after the casualty word ("shot dead a 45 year
    old shepherd") or right before its passive ("a Catholic priest was abducted", « un jeune
    de 17 ans a été tué »): a person noun within a few words of the article, ages allowed."""

    def person_after_article(start: int, stop: int | None = None) -> bool:
        return person_after(words, start, articles=ONE_AMONG_WORDS, reach=_PERSON_REACH, stop=stop)

    if any(person_after_article(i) for i in (index + 1, index + 2)):
        return True
    if index and words[index - 1] in _PASSIVE:
        first = max(0, index - _PASSIVE_REACH)
        return any(
            person_after_article(i, index) and not is_breakdown(words, i)
            for i in range(first, index - 1)
        )  # « huit civils, dont un enfant, ont été tués »: the child is not the toll
    return False


# ACLED records 0 fatalities for events that by their nature kill nobody.
NO_FATALITIES_BY_NATURE = frozenset(
    {
        "peaceful_protest",
        "agreement",
        "arrests",
        "change_to_group_activity",
        "disrupted_weapons_use",  # a defused bomb or an intercepted drone
        "headquarters_or_base_established",
        "non_violent_transfer_of_territory",
    }
)


def zero_counts(evidence: str, sub_event_type: str) -> dict[str, int]:
    """Counts that are 0 by what the evidence says ("no casualties": nobody killed or hurt) or by
    the event's nature (a peaceful march, a ceasefire: nobody killed)."""
    if says_no_casualties(evidence):
        return {"fatalities": 0, "injured": 0}
    if sub_event_type in NO_FATALITIES_BY_NATURE and not mentions_casualties(evidence):
        return {"fatalities": 0}
    return {}


# "a group of 18", «مجموعة من 18 عنصراً», "un groupe de 12": the size a remainder is taken from.
_GROUP = re.compile(
    r"(?:مجموعة|خلية|قوة|group|unit|cell|groupe|unité)\s+(?:مؤلفة\s+)?(?:من|of|de)\s+(\d{1,5})",
    re.IGNORECASE,
)


def group_size(text: str) -> int | None:
    """The size of the group the text introduces ("a group of 18 fighters"), if any."""
    match = _GROUP.search(digitize(text))
    return int(match.group(1)) if match else None


def remainder_detained(evidence: str, fatalities: int | None) -> int | None:
    """ACLED's remainder: "a group of 18 ... two were killed and the rest captured" → 16.

    Only when the evidence gives the group's size, speaks of "the rest" next to a capture word
    and states the killed, so both figures of the difference are in the evidence.
    """
    if not fatalities or not speaks_of_the_rest(evidence):
        return None
    if "detained" not in fields_mentioned(evidence):
        return None
    size = group_size(evidence)
    return size - fatalities if size is not None and size > fatalities else None
