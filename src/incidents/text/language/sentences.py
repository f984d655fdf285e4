"""Split an article into numbered sentences with exact character offsets.

A 1.5B model cannot copy Arabic verbatim, but it can cite ``[4]``. Evidence offsets are then
computed here, in code, so every span checks against the text by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? ؟ (Arabic question mark) or … , followed by space or closing quotes,
# or at a line break; a bracketed description ("[Image: ….]") closes with its bracket.
# Decimal points ("3.5") and abbreviations with no following space don't split.
# A Markdown fence (three backticks or tildes) followed by a space ends one too: what follows a
# closing fence on its line is not part of the fenced block.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”»)\]]*\s+|\n+|(?<=```)[ \t]+|(?<=~~~)[ \t]+")
MAX_SENTENCE_CHARS = 600  # very long run-on sentences are cut at a comma so citations stay precise
_CLAUSE_BREAK = re.compile(r"(?<=[،,؛;])\s+")


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based, as shown to the model
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NumberedText:
    sentences: tuple[Sentence, ...]

    @property
    def numbered(self) -> str:
        """The article as the model sees it: one ``[n] sentence`` per line."""
        return "\n".join(f"[{s.number}] {s.text}" for s in self.sentences)

    def get(self, number: int) -> Sentence | None:
        if 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        return None


def _pieces(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return spans


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    out, cursor = [], start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if match.start() - cursor >= MAX_SENTENCE_CHARS // 2:
            out.append((cursor, match.start()))
            cursor = match.end()
    out.append((cursor, end))
    return out


def number_sentences(text: str) -> NumberedText:
    """Split ``text`` into sentences; offsets index into ``text`` itself."""
    sentences: list[Sentence] = []
    for raw_start, raw_end in _pieces(text):
        for start, end in _split_long(text, raw_start, raw_end):
            chunk = text[start:end]
            stripped = chunk.strip()
            if not stripped:
                continue
            lead = len(chunk) - len(chunk.lstrip())
            s = start + lead
            sentences.append(Sentence(len(sentences) + 1, s, s + len(stripped), stripped))
    return NumberedText(tuple(sentences))
