"""The role reader: who did what to whom, read from how a sentence says it.

A 1.5B model's perpetrator and target lists are unreliable: it makes the security forces the
perpetrators of an attack on their own checkpoint and the army the author of a roadside bomb
an insurgent group claimed. The sentence itself says it plainly, in a few constructions per
language, kept as data in ``data/role_cues.yaml``:

* a word just before a name that makes it the agent («برصاص X», «على يد X», "killed by X",
  « tué par X ») or, in Arabic verb-first sentences, the verb's subject («هاجم X», «اعتقلت X»);
* a word just before a name that makes it the one acted on («هجوم على X», «عناصر من X»,
  "an attack on X", "gunmen attacked X", « contre X »);
* a word just after a name: an active verb makes it the agent ("X attacked", « X a revendiqué »,
  «X اعتقلت»), a passive one the target ("X were killed", "X came under fire", « X ont été »).

The nearest cue wins (up to :data:`MAX_GAP` words away, never across a comma or a full stop);
an agent cue beats a target cue for one name. When the cues decide one side only and the
sentence names exactly one other actor, that actor takes the other side ("X attacked a
checkpoint of Y" decides X by the verb and Y by elimination). Names no cue decides are left
to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from incidents.data_dir import DATA_DIR
from incidents.text.actors.names import CanonicalActor, actor_mentions
from incidents.text.counts.casualties import fields_mentioned
from incidents.text.counts.numbers import digitize
from incidents.text.language.normalize import normalize_name

MAX_GAP = 3
"""Words allowed between a cue and the name it governs ("by a group of gunmen")."""

PERPETRATOR, TARGET, SOURCE = "perpetrator", "target", "source"
_PARTITIVE, _JOINING = "partitive", "joining"
_FIRST, _WEAK = "first side", "weak subject"
_DAMMA = "\u064f"  # the passive's vowel, when the writer puts it: «قُتل»
_CUE_ROLES = {
    "before_first_side": ("before", _FIRST),
    "before_subject_weak": ("before", _WEAK),
    "partitive": ("before", _PARTITIVE),
    "joining": ("join", _JOINING),
    "prepositions": ("preposition", "preposition"),
    "weapons": ("weapon", "weapon"),
    "claims": ("claim", "claim"),
    "clash_verbs": ("clash", "clash"),
    "before_source": ("before", SOURCE),
    "before_affiliation": ("before", SOURCE),  # no side, like a source
    "after_source": ("after", SOURCE),
    "before_agent": ("before", PERPETRATOR),
    "before_subject": ("before", PERPETRATOR),
    "before_target": ("before", TARGET),
    "before_object": ("before", TARGET),
    "after_agent": ("after", PERPETRATOR),
    "after_target": ("after", TARGET),
}
_LANGUAGES = ("ar", "en", "fr")
# A comma, a full stop or a colon ends the reach of a cue: "On Tuesday, soldiers …".
_BREAK = re.compile(r"[,.;:!?،؛؟()\[\]\n]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@dataclass(frozen=True)
class Mention:
    """A known actor named in a sentence, with the role the sentence gives it.

    Attributes:
        actor: The actor as the alias table resolves it.
        start, end: Offsets of its words in the sentence.
        joined: Whether it names the same side as the mention before it («جندي من الجيش»).
        role: ``perpetrator``, ``target``, ``source`` (who reports it: "residents said"), or
            None when nothing in the sentence decides.
        cue: The words that decided the role ("by", «برصاص»), or "the other side".
    """

    actor: CanonicalActor
    start: int
    end: int
    role: str | None
    cue: str | None
    joined: bool = False  # names the same side as the mention before it


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize_name(text)))


@lru_cache(maxsize=1)
def role_cues(path: Path | None = None) -> dict[str, dict[tuple[str, ...], str]]:
    """The cue phrases by position ("before", "after"): words → role. Validated on load."""
    path = path or DATA_DIR / "role_cues.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(raw, dict) or set(raw) - set(_CUE_ROLES):
        raise ValueError(f"{path}: expected the keys {sorted(_CUE_ROLES)}")
    out: dict[str, dict[tuple[str, ...], str]] = {pos: {} for pos, _ in _CUE_ROLES.values()}
    for key, by_language in raw.items():
        position, role = _CUE_ROLES[key]
        if not isinstance(by_language, dict) or set(by_language) - set(_LANGUAGES):
            raise ValueError(f"{path}: {key} takes lists for {', '.join(_LANGUAGES)}")
        for phrases in by_language.values():
            for phrase in phrases:
                words = _words(str(phrase))
                if not words:
                    raise ValueError(f"{path}: cue {phrase!r} of {key} has no words")
                # An agent cue is stronger: where a phrase is listed both ways, it wins.
                if out[position].get(words) != PERPETRATOR:
                    out[position][words] = role
    return out


@lru_cache(maxsize=1)
def _reporting_phrases() -> frozenset[tuple[str, ...]]:
    path = DATA_DIR / "role_cues.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    return frozenset(
        _words(str(phrase))
        for key in ("before_source", "after_source")
        for phrases in raw[key].values()
        for phrase in phrases
    )


def names_its_source(text: str) -> bool:
    """Whether ``text`` says who reports it ("officials said", « selon », «بحسب»): the
    source cues of ``data/role_cues.yaml``, which the role reader uses too."""
    words = _words(text)
    phrases = _reporting_phrases()
    longest = max(map(len, phrases))
    return any(
        words[i : i + n] in phrases
        or (n == 1 and words[i].startswith("و") and (words[i][1:],) in phrases)
        for i in range(len(words))
        for n in range(1, longest + 1)
    )


def _lookup(cues: dict[tuple[str, ...], str], words: tuple[str, ...]) -> str | None:
    """The cue these words are, trying an Arabic first word without its attached «و»
    («وتبنى» is «تبنى»)."""
    found = cues.get(words)
    if found is None and words and words[0].startswith("و") and len(words[0]) > 3:
        found = cues.get((words[0][1:], *words[1:]))
    return found


@lru_cache(maxsize=8)
def _phrases(position: str, role: str | None = None) -> frozenset[str]:
    """The cue phrases of a position (of one role there, when given), as a mention's ``cue``
    writes them."""
    return frozenset(
        " ".join(words)
        for words, cue_role in role_cues()[position].items()
        if role is None or cue_role == role
    )


def _nearest_before(words: tuple[str, ...]) -> tuple[str, str] | None:
    """The cue ending nearest the end of ``words`` (within MAX_GAP), longest on a tie.
    Partitive words are looked past («على يد عناصر من X» is decided by «على يد»); when
    nothing else decides, the partitive cue itself is returned."""
    cues = role_cues()["before"]
    longest = max(map(len, cues))
    partitive: tuple[str, str] | None = None
    for gap in range(0, MAX_GAP + 1):
        end = len(words) - gap
        for size in range(min(longest, max(end, 0)), 0, -1):
            role = _lookup(cues, words[end - size : end])
            if role is None:
                continue
            cue = " ".join(words[end - size : end])
            if role != _PARTITIVE:
                return role, cue
            partitive = partitive or (_PARTITIVE, cue)
            break
    return partitive


def _first_after(words: tuple[str, ...]) -> tuple[str, str] | None:
    """The cue starting nearest the start of ``words`` (within MAX_GAP), longest on a tie."""
    cues = role_cues()["after"]
    longest = max(map(len, cues))
    for gap in range(0, 2):  # "gunmen reportedly attacked"; farther words are another clause
        if gap and words[:1] in role_cues()["preposition"]:
            break  # «مزارعين في قصف», "soldiers in an attack": a noun, not their verb
        for size in range(min(longest, len(words) - gap), 0, -1):
            role = _lookup(cues, words[gap : gap + size])
            if role is not None:
                return role, " ".join(words[gap : gap + size])
    return None


def _joins(words: tuple[str, ...]) -> bool:
    """Whether a short window between two names starts with a joining word ("and", «و»,
    or «و» attached to the next word: «وفصائل»)."""
    joining = role_cues()["join"]
    if not words or len(words) > 3:
        return False
    if words[0].startswith("و") and len(words[0]) > 2:
        words = ("و", words[0][1:], *words[1:])
    return any(words[:size] in joining for size in range(1, len(words) + 1))


def _clip_before(text: str) -> str:
    breaks = list(_BREAK.finditer(text))
    return text[breaks[-1].end() :] if breaks else text


_ASIDE = re.compile(r"^\s*\([^()]{0,40}\)")  # "Arakan Army (AA) fighters overran"


def _clip_after(text: str) -> str:
    text = _ASIDE.sub(" ", text, count=1)
    found = _BREAK.search(text)
    return text[: found.start()] if found else text


def read_roles(sentence: str) -> list[Mention]:
    """The known actors a sentence names, each with the role its words give it.

    Args:
        sentence: One sentence (or clause) in Arabic, English or French.

    Returns:
        One :class:`Mention` per actor mention, in order; ``role`` None where undecided.
    """
    found = actor_mentions(sentence)
    mentions: list[Mention] = []
    for index, (start, end, actor) in enumerate(found):
        previous_end = found[index - 1][1] if index else 0
        next_start = found[index + 1][0] if index + 1 < len(found) else len(sentence)
        window = sentence[previous_end:start]
        clipped = _clip_before(window)
        before = _nearest_before(_words(clipped))
        joined = False
        attached_and = not window.strip() and sentence.startswith("و", start)
        if index and clipped == window and (attached_and or _joins(_words(window))):
            previous = mentions[-1]
            if previous.cue in _phrases("before", _FIRST):
                before = (TARGET, "between … and")  # "between X and Y": the second side
            else:
                joined = True  # «القوات التركية وفصائل الجيش الوطني»: one side
                before = (previous.role, "joined") if previous.role else None
        elif before is not None and before[0] == _PARTITIVE:
            if index and clipped == window and len(_words(window)) <= 2:
                joined = True
                # «مسلحون من بقايا تنظيم داعش»: one side, named twice.
                previous = mentions[-1]
                before = (previous.role, before[1]) if previous.role else None
            elif fields_mentioned(clipped):  # «قتل عنصران من X»: X lost them
                before = (TARGET, before[1])
            else:
                before = None
        if before is not None and before[0] == _FIRST:
            # "between (the) X and Y" names sides; "between 5 and 7 soldiers" does not
            tail = _words(clipped)[-2:]
            before = (PERPETRATOR, before[1]) if before[1] in tail else None
        elif before is not None and before[0] == _WEAK and _passive(clipped, before[1]):
            before = (TARGET, before[1] + " (passive)")
        if _is_weapon(actor.matched):  # «مسيّرة تركية»: the side that fired it
            before = (PERPETRATOR, "weapon")
        after_words = _words(_clip_after(sentence[end:next_start]))
        # "beheaded four villagers and burned homes": a verb after "and" is the first name's.
        after = None if _joins(after_words[:1]) else _first_after(after_words)
        chosen = _strongest([cue for cue in (after, before) if cue is not None])
        role, cue = chosen if chosen else (None, None)
        mentions.append(Mention(actor, start, end, role, cue, joined))
    return _other_side(_share_joined_roles(_two_sides_clashing(_settle_weak(mentions))))


def _two_sides_clashing(mentions: list[Mention]) -> list[Mention]:
    """ "X and Y clashed": two names joined before a verb of fighting are the two sides, the
    first named acting (as after "between")."""
    out = list(mentions)
    for i in range(1, len(out)):
        this, before = out[i], out[i - 1]
        if this.joined and this.cue in _phrases("clash"):
            out[i - 1] = replace(before, role=PERPETRATOR, cue="first of two sides")
            out[i] = replace(this, role=TARGET, cue="second of two sides", joined=False)
    return out


def claimed_by(sentence: str) -> Mention | None:
    """The actor a claim sentence names as the one who did it ("The attack was claimed by
    JNIM", "the source blamed Islamic State militants", «وتبنى تنظيم داعش الهجوم»), or None
    when the sentence makes no claim or names no such actor."""
    claims = role_cues()["claim"]
    if not any(_lookup(claims, (word,)) for word in _words(sentence)):
        return None
    return next((m for m in read_roles(sentence) if m.role == PERPETRATOR), None)


def _is_weapon(matched: str) -> bool:
    """Whether a mention names a side by its weapon: its first word is a weapon word."""
    words = _words(matched)
    weapons = role_cues()["weapon"]
    return any(_lookup(weapons, words[:size]) for size in (1, 2)) or any(
        words[i : i + 1] in weapons for i in range(1, len(words))
    )


def _passive(window: str, verb: str) -> bool:
    """Whether a verb spelt alike in both voices is passive here: it carries the damma
    («قُتل»), or a count comes between it and the name («قتل ثلاثة مزارعين»: the count is
    the victims'; an active verb's subject is not counted)."""
    if _DAMMA in window:
        return True
    words = _words(digitize(window))
    last = max((i for i, w in enumerate(words) if w == verb.split()[-1]), default=None)
    return last is not None and any(w.isdigit() for w in words[last + 1 :])


def _settle_weak(mentions: list[Mention]) -> list[Mention]:
    """A name after a verb spelt alike in both voices acted, unless another name of the
    sentence has a clear agent cue («قتل جنديان برصاص مسلحين»: the soldiers were killed)."""
    strong_agent = any(m.role == PERPETRATOR for m in mentions)
    out = []
    for m in mentions:
        if m.role == _WEAK:
            m = replace(m, role=TARGET if strong_agent else PERPETRATOR)
        out.append(m)
    return out


def _share_joined_roles(mentions: list[Mention]) -> list[Mention]:
    """A name joined to an undecided one before it gives that one its role ("Gunmen and ISWAP
    fighters attacked": the gunmen attacked too)."""
    out = list(mentions)
    for i in range(len(out) - 1, 0, -1):
        this, before = out[i], out[i - 1]
        if this.joined and this.role and before.role is None:
            out[i - 1] = replace(before, role=this.role, cue="joined")
    return out


def _strongest(cues: list[tuple[str, str]]) -> tuple[str, str] | None:
    """Agent over source over target: "Hezbollah said it targeted" acted; "residents said
    the attack …" only report; a name both after "on" and before "killed" acted."""
    for role in (PERPETRATOR, SOURCE, TARGET, _WEAK):
        for cue in cues:
            if cue[0] == role:
                return cue
    return None


def _other_side(mentions: list[Mention]) -> list[Mention]:
    """One side decided, one other actor undecided: that actor is the other side."""
    decided_as = {m.actor.name: m.role for m in mentions if m.role in (PERPETRATOR, TARGET)}
    # The same actor named again («قوات سوريا الديمقراطية (قسد)») keeps its side.
    mentions = [
        replace(m, role=decided_as[m.actor.name], cue="named again")
        if m.role is None and m.actor.name in decided_as
        else m
        for m in mentions
    ]
    decided = {m.role for m in mentions if m.role in (PERPETRATOR, TARGET)}
    # Undecided sides: a name joined to the undecided name before it is the same side.
    sides = [
        m
        for i, m in enumerate(mentions)
        if m.role is None and not (m.joined and mentions[i - 1].role is None)
    ]
    if len(decided) != 1 or (len({m.actor.name for m in sides}) != 1 and len(sides) != 1):
        return mentions
    other = TARGET if decided == {PERPETRATOR} else PERPETRATOR
    return [
        m if m.role is not None else replace(m, role=other, cue="the other side") for m in mentions
    ]
