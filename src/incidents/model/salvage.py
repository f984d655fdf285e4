"""Recover the complete items of a JSON answer cut off at ``max_tokens``.

A small model sometimes lists more incidents than its token budget allows. The items it
finished are good; throwing them away with the truncated tail would lose work. We keep every
complete element of the top-level list and close the JSON after the last one.
"""

from __future__ import annotations

import json
from typing import Any


def complete_prefix(truncated: str) -> dict[str, Any] | None:
    """Parse ``{"key": [item, item, <cut>`` as ``{"key": [item, item]}``; None if impossible."""
    depth, in_string, escaped = 0, False, False
    last_item_end = -1
    for index, char in enumerate(truncated):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 2:  # an element of the top-level object's list just closed
                last_item_end = index
    if last_item_end < 0:
        return None
    try:
        parsed = json.loads(truncated[: last_item_end + 1] + "]}")
    except json.JSONDecodeError:
        return None
    return parsed if isinstance(parsed, dict) else None
