"""Text as it reads, not as it is encoded: invisible characters out, look-alike letters folded.

An order the detector catches in plain letters passes when "ignоre" is written with a Cyrillic
«о» or «تجاهل» with a zero-width joiner inside it: to a reader (and to the model) it is the
same word, to a pattern it is another. Two layers, both built on Unicode's own data:

* :func:`unmask` is what every reader of the article sees (the model, the stages, the
  detector): format characters (Unicode category ``Cf``: zero-width spaces and joiners,
  bidi overrides and isolates, soft hyphens, the byte-order mark) are removed, and in a word
  that mixes scripts the letters of the minority script are folded to their look-alike in the
  word's main script, from Unicode TR39's confusables table as the ``confusable-homoglyphs``
  package ships it. An ordinary article has neither, so it comes out unchanged. The offsets of
  what remains map back onto the text as given (:meth:`Unmasked.to_original`).
* :func:`skeleton` is what the detector judges: the unmasked text in NFKC (full-width and
  presentation forms to their letters), without Arabic diacritics and tatweel («تـجـاهـل»).
  Judged per sentence, it needs no offsets.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

from incidents.text.security.page_markup import markup_spans

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Arabic short vowels, shadda, sukun, superscript alef and tatweel: the word is the same.
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})
_READ_SCRIPTS = frozenset({"LATIN", "ARABIC"})


@dataclass(frozen=True)
class Unmasked:
    """The article without invisible characters, with look-alike letters folded.

    Attributes:
        text: What the readers of the article see.
        removed_at: For each removed character, the offset in ``text`` where it stood.
        folded_words: The words whose look-alike letters were folded, as written.
        markup_removed: How many of the removed characters were page markup.
        hidden, markup: What was unmasked (the arguments of :func:`unmask`).
    """

    text: str
    removed_at: tuple[int, ...] = ()
    folded_words: tuple[str, ...] = ()
    markup_removed: int = 0
    hidden: bool = True
    markup: bool = False

    def again(self, given: str) -> str:
        """How ``given``, a stretch of the text as given, reads unmasked the same way."""
        return unmask(given, hidden=self.hidden, markup=self.markup).text

    @property
    def changed(self) -> bool:
        return bool(self.removed_at or self.folded_words)

    def to_original(self, offset: int) -> int:
        """The offset in the text as given of the character at ``offset`` in :attr:`text`."""
        return offset + bisect.bisect_right(self.removed_at, offset)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of :attr:`text` as a span of the text as given."""
        if end <= start:
            first = self.to_original(start)
            return first, first
        return self.to_original(start), self.to_original(end - 1) + 1

    def describe(self) -> str:
        """One line for ``--explain``: what was hidden in the text, or ""."""
        parts = []
        invisible = len(self.removed_at) - self.markup_removed
        if invisible:
            parts.append(f"{invisible} invisible character(s) removed")
        if self.markup_removed:
            parts.append(f"{self.markup_removed} character(s) of page markup removed")
        if self.folded_words:
            words = ", ".join(repr(w) for w in self.folded_words[:5])
            parts.append(f"look-alike letters of another script folded in {words}")
        return "; ".join(parts)


@lru_cache(maxsize=8192)
def _script(char: str) -> str:
    return str(categories.alias(char))


@lru_cache(maxsize=4096)
def _look_alike(char: str, script: str) -> str | None:
    """The one letter of ``script`` that ``char`` is confusable with, if the table has one."""
    for entry in confusables.is_confusable(char, greedy=True, preferred_aliases=[script]) or []:
        for homoglyph in entry["homoglyphs"]:
            glyph = homoglyph["c"]
            if len(glyph) == 1 and glyph.isalpha() and _script(glyph) == script:
                return str(glyph)
    return None


def _fold_word(word: str) -> str:
    scripts = Counter(_script(c) for c in word if _script(c) not in _NEUTRAL_SCRIPTS)
    if len(scripts) < 2:
        return word
    # A tie ("АI": one Cyrillic, one Latin letter) goes to the scripts this tool reads.
    main = max(scripts, key=lambda script: (scripts[script], script in _READ_SCRIPTS))
    return "".join(
        c if _script(c) in _NEUTRAL_SCRIPTS | {main} else (_look_alike(c, main) or c) for c in word
    )


def unmask(text: str, *, hidden: bool = True, markup: bool = False) -> Unmasked:
    """``text`` without format characters, with mixed-script words folded (see module doc).

    ``hidden=False`` leaves both as they are (to measure what they earn). With ``markup``,
    page markup left in the text goes too (:mod:`incidents.text.security.page_markup`: tags, alt
    text, link targets); a tag between two words leaves a space in its last place so the words stay
    apart, one character for one, and the offsets still map back.
    """
    visible_at = [
        i for i, char in enumerate(text) if not hidden or unicodedata.category(char) != "Cf"
    ]
    visible = "".join(text[i] for i in visible_at)
    dropped = set(range(len(text))) - set(visible_at)
    spaced: set[int] = set()
    if markup:
        for start, end in markup_spans(visible):
            dropped.update(visible_at[start:end])
            glued = start > 0 and end < len(visible)
            if glued and not visible[start - 1].isspace() and not visible[end].isspace():
                dropped.discard(visible_at[end - 1])
                spaced.add(visible_at[end - 1])
    removed_at: list[int] = []
    kept: list[str] = []
    markup_removed = 0
    for index, char in enumerate(text):
        if index in dropped:
            removed_at.append(len(kept))
            markup_removed += unicodedata.category(char) != "Cf"
        else:
            kept.append(" " if index in spaced else char)
    shown = "".join(kept)
    folded: list[str] = []

    def fold(match: re.Match[str]) -> str:
        word = match.group()
        new = _fold_word(word)
        if new != word:
            folded.append(word)
        return new

    # Folding replaces one letter by one letter: offsets do not move.
    shown = _WORD.sub(fold, shown) if hidden else shown
    return Unmasked(shown, tuple(removed_at), tuple(folded), markup_removed, hidden, markup)


def skeleton(text: str) -> str:
    """What the detector judges: :func:`unmask`, then NFKC, without diacritics and tatweel."""
    return ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", unmask(text).text))


def without_accents(text: str) -> str:
    """``text`` with every combining mark removed ("ïgnóre" → "ignore", « système » →
    « systeme »): a second reading for the detector, since French writes accents that an
    attacker can also sprinkle on any letter. Arabic marks stay (:func:`skeleton` drops
    them where it matters)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(
        c for c in decomposed if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff"
    )
