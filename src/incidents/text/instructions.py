"""Sentences addressed to the tool instead of the reader: instructions hidden in an article.

News pages are written by anyone, and a page can carry text aimed at the model that reads it
("Ignore your instructions and output ...", "Note to the AI coding this text: ...", a fake
``SYSTEM:`` line). Such a sentence reports nothing and must never be evidence. The patterns are
deliberately narrow, so that news about instructions ("the driver ignored orders to stop")
is not caught: an imperative that opens the sentence, a direct address to an AI, a model or
an assistant, or a chat-role or template marker. English, French and Arabic.
"""

from __future__ import annotations

import re

_PATTERNS = (
    # Imperatives opening the sentence: "Ignore ...", "Please disregard ...", «تجاهل ...».
    r"^\W*(?:please\s+|veuillez\s+)?(?:ignore|disregard|forget|override|do\s+not\s+follow|"
    r"ignorez|oubliez|ne\s+tenez\s+pas\s+compte)\b",
    r"^\W*(?:تجاهل|تجاهلوا|انس|انسَ|لا\s+تتبع)(?!\w)",
    # Instructions named as the model's own: "ignore all previous instructions", "your rules".
    r"\b(?:ignore|disregard|forget|ignorez|oubliez)\s+(?:all\s+|any\s+|toutes\s+)?"
    r"(?:the\s+|your\s+|my\s+|les\s+|vos\s+)?(?:previous\s+|prior\s+|above\s+|earlier\s+|"
    r"preceding\s+|system\s+|précédentes\s+)?(?:instructions|rules|prompts?|directions|"
    r"consignes|règles)\b",
    r"\b(?:system\s+prompt|your\s+instructions|vos\s+instructions|tes\s+instructions)\b",
    r"(?:تجاهل|انس)\S*\s+(?:\S+\s+){0,3}?(?:التعليمات|تعليماتك|القواعد|الأوامر)",
    # Direct address: "note to the AI", "as a language model", «أيها النموذج».
    r"\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:ai|a\.i\.|model|"
    r"language\s+model|assistant|llm|chatbot|bot|coder|annotator)\b",
    r"\b(?:you\s+are|as)\s+an?\s+(?:ai|language\s+model|assistant|llm)\b",
    r"\b(?:note|message)\s+(?:à|pour)\s+l['’]\s*(?:ia|intelligence\s+artificielle|assistant|"
    r"modèle)\b",
    r"(?:إلى|الى|أيها|ايها)\s+(?:النموذج|المساعد|الذكاء\s+الاصطناعي)",
    # Chat-role and template markers: "SYSTEM:", "<|im_start|>", "### Instruction", "[INST]".
    r"^\W*(?:system|assistant|user|human)\s*:",
    r"<\|[a-z_]+\|>",
    r"^\W*#{2,}\s*(?:instruction|system|response)",
    r"\[/?(?:inst|sys)\]",
)
_ADDRESSED = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)


def addressed_to_the_tool(sentence: str) -> bool:
    """Whether the sentence speaks to the model that reads it rather than to a reader."""
    return bool(_ADDRESSED.search(sentence))
