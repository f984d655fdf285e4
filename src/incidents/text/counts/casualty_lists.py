"""Figures that add up and figures that break a toll down, in one sentence.

ACLED adds up the casualties a sentence lists: «قُتل ضابط واثنان من الجنود» is 3 killed, "a
soldier and two police officers were killed" 3, «un soldat et deux civils tués» 3. A figure
after "including" («بينهم», «dont») or before "of them" only breaks a toll down ("nine killed,
six of them children" is 9), and counts only when the sentence gives no other.

These functions read the words of :func:`incidents.text.counts.casualty_words.normalized_words` once
numbers are digits (:func:`incidents.text.counts.numbers.digitize`). Every addend of a sum is a
figure in the text or one person named in the singular, so the sum is grounded in the evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from incidents.text.counts.casualty_words import casualty_field
from incidents.text.counts.one_person import names_one_person

# "and" in three languages, as normalized; «و» stands alone once digitize() has split «واثنان»
# into «و 2».
AND = ("and", "et", "و")
# Words that join two listed figures.
_JOINERS: tuple[tuple[str, ...], ...] = (
    *((word,) for word in AND),
    ("as", "well", "as"),
    ("ainsi", "que"),
    ("فضلا", "عن"),
    ("اضافه", "الي"),
    ("بالاضافه", "الي"),
)
# At most this many words name the first listed people before the "and": "3 members of the
# security forces and 2 civilians".
LIST_GAP = 4
# A list of people named without a figure counts only this near its casualty word.
SINGLES_WINDOW = 3
# A figure right before "of them" breaks a toll down: "six of them children".
_OF_THEM = (("of", "them"), ("منهم",), ("منهن",), ("d", "entre", "eux"))
_OF_THEM_WORDS = frozenset(phrase[-1] for phrase in _OF_THEM)
# A figure right after one of these breaks a toll down: "including 2 children", «بينهم طفلان»,
# and after an Arabic "of them" too («منهم طفلان»).
_BREAKDOWN = frozenset(
    {"including", "among", "whom", "dont", "parmi", "compris", "notamment"}
    | {"بينهم", "بينهن"}
    | {phrase[0] for phrase in _OF_THEM if len(phrase) == 1}
)
# "2 of them were killed" is the toll itself, not a part of it.
_VERBS_AFTER = frozenset({"were", "was", "are", "had", "have", "ont", "sont"})


def is_breakdown(words: list[str], index: int) -> bool:
    """Whether the figure at ``index`` is part of a toll given before it: "including 2
    children", «بينهم طفلان», "dont deux enfants", "six of them children"."""
    if any(word in _BREAKDOWN for word in words[max(0, index - 2) : index]):
        return True
    for phrase in _OF_THEM:
        after = index + 1 + len(phrase)
        if tuple(words[index + 1 : after]) == phrase and after < len(words):
            following = words[after]
            return following not in _VERBS_AFTER and casualty_field(following) is None
    return False


def _joiner_at(words: list[str], index: int) -> int | None:
    """Where the "and" before ``words[index]`` starts, or None when none comes right before
    it. An Arabic word may carry its «و» («ومدني»): then the word itself is the joiner."""
    for phrase in _JOINERS:
        start = index - len(phrase)
        if start >= 0 and tuple(words[start:index]) == phrase:
            return start
    word = words[index]
    if word.startswith("و") and names_one_person(word):
        return index
    return None


def _joined(
    words: list[str], categories: list[str | None], first: int, second: int, *, figure: bool
) -> bool:
    joiner = _joiner_at(words, second)
    if joiner is None or joiner <= first:
        return False
    between = words[first + 1 : joiner]
    # "5 and 7 killed" is a range: a listed figure names its people before the "and".
    if (figure and not between) or len(between) > LIST_GAP:
        return False
    return not any(
        categories[first + 1 + k] is not None
        or word.isdigit()
        or word in _BREAKDOWN
        or word in _OF_THEM_WORDS  # "six of them children, and 20 were wounded": two tolls
        for k, word in enumerate(between)
    )


def listed_together(
    words: list[str],
    categories: list[str | None],
    figures: Mapping[int, int],
    singles: set[int],
    nearest: Callable[[int], tuple[float, str] | None],
) -> list[tuple[str, list[int]]]:
    """The figures (``index → value``) and single persons (indices) in lists of what is
    counted together, each with its field: a list's items are joined by "and" with no
    casualty word between them, and the casualty word nearest to any of them (``nearest``:
    distance and field) gives the field of all: «قتل ضابط و 2 من الجنود وأصيب 5» lists 3
    killed, "3 members of the tribe and 2 of the group were killed" 5. A single person alone
    is no list (it counts elsewhere), nor are items no casualty word is near."""
    chains: list[list[int]] = []
    for index in sorted({*figures, *singles}):
        previous = chains[-1][-1] if chains else None
        if previous is not None and _joined(
            words, categories, previous, index, figure=previous in figures
        ):
            chains[-1].append(index)
        else:
            chains.append([index])
    listed = []
    for chain in chains:
        found = [near for index in chain if (near := nearest(index)) is not None]
        if not found or (len(chain) == 1 and chain[0] not in figures):
            continue
        distance, field = min(found)
        # People named without a figure are casualties only right next to the word: «مقتل
        # جندي وشرطي» is 2 killed, «أطلقوا النار على المختار وابنه ... ما أدى إلى مقتل
        # المختار» is no list of the killed.
        if any(index in figures for index in chain) or distance <= SINGLES_WINDOW:
            listed.append((field, chain))
    return listed
