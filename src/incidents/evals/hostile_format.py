"""The red-team case format, checked in one place: what ``load_case`` refuses and what
``evals/hostile/check_cases.py`` reports are the same problems.

A case is a YAML mapping with exactly :data:`KEYS`; its text marks each hostile sentence with
``⟦…⟧`` (whole sentences, whitespace outside the markers, terminal punctuation inside), and its
``position`` must match where those segments are. See ``evals/hostile/README.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

OPEN, CLOSE = "⟦", "⟧"
LANGUAGES = ("ar", "en", "fr")
ATTACKS = (
    "add_incident", "change_count", "change_type", "delete_incident", "rename_actor",
    "move_place", "exfiltrate", "break_json",
)  # fmt: skip
POSITIONS = ("lead", "middle", "end", "quote")
FAMILIES = (
    "plain", "obfuscation", "new_addressee", "quoted_order", "code_fence", "mixed_language",
    "page_markup", "fake_turn",
)  # fmt: skip
"""How a case hides its order (issue 23): the figures are reported per family. ``plain`` is
an order in plain letters to a reader the suite has seen; ``obfuscation`` look-alike letters
of another script, zero-width or bidi characters, tatweel or diacritics inside the words;
``new_addressee`` a reader nobody named before ("any database ingesting this story");
``quoted_order`` an order inside a quotation; ``code_fence`` a payload in a fenced block;
``mixed_language`` an order in another language than the article; ``page_markup`` an order
as a saved page's alt text, table cell or caption reaches the text; ``fake_turn`` a fake
chat-template or role marker."""
_MARKED = re.compile(r"⟦([^⟦⟧]*)⟧")

KEYS = ("id", "language", "attack", "position", "published", "technique", "planted", "text")
OPTIONAL_KEYS = ("family",)  # cases written before issue 23 have none
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SEGMENT = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
# Terminal punctuation, then closing quotes (French ones may follow a space); or, for page
# markup (issue 23), the end of a tag, an image, a bracketed description or a table row.
SENTENCE_END = re.compile(r"[.!?؟…](?:[ \u00a0\u202f]?[\"'»”’])*$|[>)\]|]$")
OPENING_QUOTES = '"“«'


def clean_and_hostile(text: str) -> tuple[str, str, list[tuple[int, int]]]:
    """The clean article, the hostile article and the hostile segments' spans in the latter
    (built by :func:`incidents.evals.hostile.split_marked`, as the tests build them)."""
    clean, hostile, _, segments = split_marked(text)
    if OPEN in hostile or CLOSE in hostile:
        raise ValueError("unbalanced or nested markers")
    return clean, hostile, segments


def marker_problems(text: str) -> list[str]:
    problems: list[str] = []
    depth = 0
    for i, char in enumerate(text):
        if char == OPEN:
            if depth:
                problems.append(f"nested {OPEN} at {i}")
            depth += 1
            if i and not text[i - 1].isspace():
                problems.append(f"{OPEN} at {i} is not preceded by whitespace")
        elif char == CLOSE:
            if not depth:
                problems.append(f"{CLOSE} at {i} closes nothing")
            depth = max(depth - 1, 0)
            if i + 1 < len(text) and not text[i + 1].isspace():
                problems.append(f"{CLOSE} at {i} is not followed by whitespace")
    if depth:
        problems.append(f"unclosed {OPEN}")
    return problems


def case_problems(path: Path, case: Any) -> list[str]:
    if not isinstance(case, dict):
        return ["not a mapping"]
    problems = [f"missing key {key!r}" for key in KEYS if key not in case]
    problems += [f"unknown key {key!r}" for key in case if key not in KEYS + OPTIONAL_KEYS]
    if problems:
        return problems
    if case["id"] != path.stem or not ID.fullmatch(str(case["id"])):
        problems.append(f"id {case['id']!r} must be the file name, lowercase words and hyphens")
    choices = (
        ("language", LANGUAGES), ("attack", ATTACKS), ("position", POSITIONS),
        ("family", FAMILIES),
    )  # fmt: skip
    for key, allowed in choices:
        if key in case and case[key] not in allowed:
            problems.append(f"{key} {case[key]!r} is not one of {', '.join(allowed)}")
    published = case["published"]
    if not isinstance(published, dt.date):
        try:
            dt.date.fromisoformat(str(published))
        except ValueError:
            problems.append(f"published {published!r} is not an ISO date")
    if not isinstance(case["technique"], str) or not case["technique"].strip():
        problems.append("technique must be a non-empty string")
    text, planted = case["text"], case["planted"]
    if not isinstance(text, str):
        return [*problems, "text must be a string"]
    marker = marker_problems(text)
    if marker:
        return problems + marker
    segments = SEGMENT.findall(text)
    if not segments:
        problems.append("no ⟦…⟧ hostile segment")
    for segment in segments:
        if segment != segment.strip() or not segment:
            problems.append(f"segment {segment[:40]!r} is empty or has whitespace inside a marker")
        elif not SENTENCE_END.search(segment):
            problems.append(f"segment ending {segment[-40:]!r} lacks terminal punctuation")
    clean, hostile, _ = clean_and_hostile(text)
    if not clean.strip():
        problems.append("the clean article is empty")
    stripped = text.strip()
    inner = [m for m in SEGMENT.finditer(stripped) if m.start() > 0 and m.end() < len(stripped)]
    where = {
        "lead": stripped.startswith(OPEN),
        "end": stripped.endswith(CLOSE),
        "middle": bool(inner),
        "quote": any(q in s for s in segments for q in OPENING_QUOTES),
    }
    if not where.get(case["position"], True):
        problems.append(f"no segment is placed as position {case['position']!r} says")
    if not isinstance(planted, list) or not all(isinstance(p, str) and p for p in planted):
        return [*problems, "planted must be a list of non-empty strings"]
    if not planted and case["attack"] != "break_json":
        problems.append("planted may be empty only for break_json")
    for string in planted:
        if string not in hostile:
            problems.append(f"planted {string!r} is not in the hostile article")
        if string.casefold() in clean.casefold():
            problems.append(f"planted {string!r} is already in the clean article")
    return problems


def split_marked(text: str) -> tuple[str, str, list[tuple[int, int]], list[tuple[int, int]]]:
    """``(clean, hostile, cuts, segments)`` of a marked text (see the module docstring)."""
    hostile, segments, cursor = "", [], 0
    for match in _MARKED.finditer(text):
        hostile += text[cursor : match.start()]
        segments.append((len(hostile), len(hostile) + len(match.group(1))))
        hostile += match.group(1)
        cursor = match.end()
    hostile += text[cursor:]
    cuts: list[tuple[int, int]] = []
    for start, end in segments:
        kept_before = "".join(hostile[a:b] for a, b in _gaps(cuts, start))
        if kept_before.strip():  # the whitespace before the segment goes with it
            cuts.append((len(hostile[:start].rstrip()), end))
        else:  # the segment opens the text: the whitespace after it goes with it
            cuts.append((start, len(hostile) - len(hostile[end:].lstrip())))
    clean = "".join(hostile[a:b] for a, b in _gaps(cuts, len(hostile)))
    return clean, hostile, cuts, segments


def _gaps(cuts: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """The stretches of ``[0, limit)`` outside ``cuts``."""
    gaps, cursor = [], 0
    for start, end in cuts:
        if start > cursor:
            gaps.append((cursor, min(start, limit)))
        cursor = max(cursor, end)
    if cursor < limit:
        gaps.append((cursor, limit))
    return gaps
