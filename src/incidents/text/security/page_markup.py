"""Page markup left in plain text: what a browser would never show as the article's words.

A saved page pasted as text, or Markdown copied from a CMS, carries text a reader never sees as
prose: an image's alt text (``![alt](photo.jpg)``, ``<img alt="…">``), a link's target, an HTML
tag's attributes, an HTML comment. The page reader (:mod:`incidents.reading`) already takes
only the text nodes of a page; this does the same for markup that arrives inside plain text,
so an order hidden in an ``alt`` attribute is not read when the page is pasted instead of
fetched. A link keeps its words and loses its target; a tag goes whole.

:func:`markup_spans` says what goes; :func:`incidents.text.security.skeleton.unmask` removes it and
keeps the offsets mapping back onto the text as given.
"""

from __future__ import annotations

import re

# An attribute value may hold ">" inside its quotes.
_ATTRIBUTES = r"""(?:\s+(?:[^<>"']|"[^"]*"|'[^']*')*)?"""
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(rf"</?[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTES}/?>")
_TARGET = r"\(\s*[^()\s]*(?:\s+\"[^\"]*\")?\s*\)"  # (url "optional title")
_IMAGE = re.compile(rf"!\[[^\]\n]*\]{_TARGET}")
_LINK = re.compile(rf"(\[)[^\]\n]*(\]{_TARGET})")


def markup_spans(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of ``text`` that are markup, sorted and not overlapping:
    comments, tags with their attributes, images with their alt text, and a link's brackets
    and target (its words stay)."""
    spans: list[tuple[int, int]] = []
    for pattern in (_COMMENT, _TAG, _IMAGE):
        spans += [_with_space_after(text, *match.span()) for match in pattern.finditer(text)]
    for match in _LINK.finditer(text):
        spans += [match.span(1), match.span(2)]
    return _merged(spans)


def _with_space_after(text: str, start: int, end: int) -> tuple[int, int]:
    """An element standing alone between spaces takes the spaces after it, as a cut sentence
    does: "killed. <img alt=…> Police" reads "killed. Police"."""
    if start == 0 or text[start - 1].isspace():
        while end < len(text) and text[end] in " \t":
            end += 1
    return start, end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
