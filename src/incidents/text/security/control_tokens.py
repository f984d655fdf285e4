"""Chat-template control tokens inside an article are made plain text before the prompt.

Chat models read their turns through special tokens (Qwen's ``<|im_start|>``/``<|im_end|>``,
Llama 3's ``<|eot_id|>``, Llama 2's ``[INST]``/``<<SYS>>``, Gemma's ``<end_of_turn>``). The
embedded model and most servers parse such strings in the prompt as the special tokens they
spell, so an article containing ``<|im_end|>`` could close the user's turn and open a turn of
its own. Each is rewritten with look-alike brackets (``‹|im_end|›``), which no tokenizer reads
as special; this runs on every sentence the prompt shows, whatever else withheld.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    r"<\|[^<>|\n]{1,40}\|>|<</?sys>>|\[/?inst\]|<(?:start|end)_of_turn>|</?s>",
    re.IGNORECASE,
)
_PLAIN = str.maketrans({"<": "‹", ">": "›", "[": "(", "]": ")"})


def neutralize_control_tokens(text: str) -> str:
    """``text`` with every chat-template control token spelled so it stays text."""
    return _CONTROL.sub(lambda match: match.group(0).translate(_PLAIN), text)
