"""Sentences addressed to the tool instead of the reader: instructions hidden in an article.

News pages are written by anyone, and a page can carry text aimed at the model that reads it
("Ignore your instructions and output ...", "Note to the AI coding this text: ...", a fake
``SYSTEM:`` line, a JSON answer "to copy", a fake ``[7]`` sentence number). Such a sentence
reports nothing and must never be evidence. :func:`why_addressed` says which kind of address a
sentence is, or None; English, French and Arabic.

The patterns are narrow on purpose, so that news *about* orders and instructions ("the driver
ignored orders to stop", «وتجاهلت القوات نداءات الأهالي») and news about AI are not caught:
an imperative must be about the tool's own rules or its output (an incident, a toll, an
answer, a field), and a reader that is a machine (an AI, a language model, an automated
system) must be addressed or told what it must do. Words that news also uses for people or
things ("model", "assistant", "bot") count only after a word that opens a message to them
("note to the model", «ملاحظة إلى النموذج»).
"""

from __future__ import annotations

import re

from incidents.text.security.address_signals import text_phrases
from incidents.text.security.skeleton import ARABIC_MARKS, skeleton, without_accents

# Machine readers named by words no news story uses for a person or a thing.
_MACHINE_EN = (
    r"(?:ai|a\.i\.|artificial\s+intelligence|(?:large\s+)?language\s+models?|llms?|chatbots?|"
    r"gpts?|machine\s+readers?|(?:ai|llm)\s+(?:\w+\s+)?(?:systems?|tools?|agents?|assistants?|"
    r"models?|readers?|summari[sz]ers?|pipelines?)|(?:automated|automatic)\s+(?:\w+\s+){0,2}?"
    r"(?:systems?|readers?|coders?|tools?|pipelines?|extractors?|summari[sz]ers?|parsers?|"
    r"processors?|agents?|coding|analysis)|(?:data|news|extraction)\s+pipelines?|"
    r"extraction\s+(?:models?|tools?|systems?|engines?)|(?:ai|llm)-(?:based|powered|driven)\s+"
    r"(?:\w+\s+)?\w+|summari[sz]ers?|scrapers?|crawlers?)"
)
# Also words for people or things: addressed only after a word that opens a message.
_READER_EN = (
    rf"(?:{_MACHINE_EN}|models?|assistants?|bots?|coders?|annotators?|parsers?|extractors?|"
    rf"software|programs?)"
)
_MACHINE_FR = (
    r"(?:ia|intelligences?\s+artificielles?|mod[eè]les?\s+de\s+langage|agents?\s+"
    r"conversationnels?|(?:syst[eè]mes?|outils?|lecteurs?|programmes?|logiciels?|moteurs?|"
    r"agents?)\s+(?:\S+\s+){0,4}?(?:automati(?:que|ques|s[ée]s?)|d['’]\s*ia)|robots?\s+de\s+\w+|"
    r"agents?\s+d['’]\s*extraction|moteurs?\s+d['’]\s*extraction)"
)
_READER_FR = (
    rf"(?:{_MACHINE_FR}|mod[eè]les?|assistants?|robots?|codeurs?|annotateurs?|logiciels?|"
    rf"programmes?|moteurs?)"
)
_MACHINE_AR = (
    r"(?:ال)?(?:ذكاء\s+(?:ال)?اصطناعي|(?:أنظمة|انظمة|نظام|برامج|برنامج|أدوات|ادوات|أداة|اداة)"
    r"\s+(?:\S+\s+){0,2}?(?:ال)?(?:آلي|الي|آلية|الية|ذكاء\s+(?:ال)?اصطناعي|ترميز|لاستخراج|"
    r"الاستخراج|استخراج|تلخيص|للتلخيص))"
)
_READER_AR = rf"(?:{_MACHINE_AR}|(?:ال)?(?:نموذج|نماذج|مساعد|روبوت|بوت|أداة|اداة|برنامج))"
# "This article", «هذا الخبر», « cette dépêche »: one list, kept with the signal judge's cues.
_THIS_TEXT_EN = rf"(?:{text_phrases('en')}|this(?=\s*[:,]))"
_THIS_TEXT_FR = text_phrases("fr")
_THIS_TEXT_AR = text_phrases("ar")

# What an instruction to the tool is about: its rules, or its output.
_RULES_EN = r"(?:instructions?|rules?|prompts?|directions|guidelines|directives?|programming)"
_OUTPUT_EN = (
    r"(?:incidents?|events?|(?:death\s+)?tolls?|fatalit(?:y|ies)|casualt(?:y|ies)|"
    r"(?:event|sub-?event)\s+types?|summary|summaries|answers?|outputs?|responses?|json|xml|"
    r"yaml|records?|extraction|coding|fields?|lists?|line|word|system\s+prompts?|api\s+keys?|"
    r"environment\s+variables?|secrets?)"
)
_VERB_EN = (
    r"(?:output|report|list|code|record|log|include|add|insert|write|set|change|mark|"
    r"classify|label|tag|return|respond|reply|answer|print|reveal|repeat|show|display|"
    r"delete|remove|omit|drop|replace|put|state|treat|categori[sz]e|count|enter|emit|dump|"
    r"leak|disclose|append|attribute|assign|correct|update|use|make\s+sure|ensure|reproduce|"
    r"conclude|consider|discard|extract|ignore)"
)
_RULES_FR = r"(?:instructions?|consignes?|r[eè]gles?|directives?|prompts?)"
# Second-person imperatives: news writes in the third person, so these are rare outside quotes.
_VERB_FR = (
    r"(?:ignorez|oubliez|ajoutez|signalez|indiquez|inscrivez|codez|classez|remplacez|"
    r"supprimez|modifiez|répondez|repondez|affichez|révélez|revelez|écrivez|ecrivez|"
    r"mentionnez|enregistrez|retenez|considérez|considerez|notez|corrigez|attribuez|incluez|"
    r"renvoyez|retournez|veillez|copiez|recopiez|saisissez)"
)
_OUTPUT_FR = (
    r"(?:incidents?|[ée]v[ée]nements?|bilans?|morts|victimes|type|r[ée]sum[ée]|r[ée]ponses?|"
    r"json|xml|csv|sortie|champs?|prompt|liste|cl[ée]\s+(?:d['’]api|api)|"
    r"variables?\s+d['’]environnement)"
)
# Imperatives that are never another form (not «سجل», which is also "recorded").
_VERB_AR = (
    r"(?:اكتب|اكتبوا|أضف|اضف|أضيفوا|احذف|احذفوا|اطبع|اكشف|أجب|اجب|أجيبوا|ضع|ضعوا|أدرج|ادرج|"
    r"استبدل|تجاهل|تجاهلوا|انس|انسَ|سجّل|سجّلوا|غيّر|عدّل|اعتبروا|صنّف|صنفوا)"
)
_OUTPUT_AR = (
    r"(?:ال)?(?:حادث|حادثة|حوادث|واقعة|حدث|أحداث|احداث|حصيلة|عدد\s+(?:ال)?(?:قتلى|ضحايا|"
    r"جرحى|مصابين|معتقلين)|نوع|ملخص|إجابة|اجابة|جواب|رد|ردك|ردّك|مخرجات|قائمة|كلمة|json|"
    r"تعليمات|تعليماتك|قواعد|أوامر|اوامر|مفتاح|موجه|حقل)"
)
# Our own field names and secrets: no news story writes them.
_FIELDS = (
    r"\b(?:reported_by|sub_event_type|event_type|geo_precision|name_original|location\.name|"
    r"[A-Z][A-Z0-9]*_API_KEY|OPENAI_\w+|INCIDENTS_\w+)\b"
)

_FLAGS = re.IGNORECASE | re.MULTILINE
_TURN = (
    r"(?:<\|[a-z_]+\|>\s*\w*|\[/?inst\]|<<sys>>|###\s*\w+\s*:?|(?:system|assistant|user)\s*:|"
    r"end\s+of\s+(?:the\s+)?(?:article|text|document|input)|fin\s+d(?:e\s+l['’]article|u\s+texte)|"
    r"نهاية\s+(?:ال)?(?:مقال|نص|خبر))"
)
_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "chat-template or role marker",
        (
            r"<\|[a-z_]+\|>",
            r"<</?sys>>|\[/?(?:inst|sys)\]|<(?:start|end)_of_turn>",
            r"^\W*(?:system|assistant|user|human|developer)\s*:",
            r"^\W*#{2,}\s*(?:instructions?|system|response|input|output|task|assistant|user)\b",
            r"^\W*#{1,6}\s*(?:fin\s+des\s+)?(?:consignes|instructions|r[èe]gles|تعليمات)\b",
            r"^\W*(?:end\s+of\s+(?:the\s+)?(?:article|text|document|input)|fin\s+d(?:e\s+"
            r"l['’]article|u\s+texte)|نهاية\s+(?:ال)?(?:مقال|نص|خبر))\W*$",
            r"^\W*(?:نظام|النظام|المساعد|المستخدم)\s*:",
            r"^\W*(?:système|systeme|utilisateur)\s*:",
        ),
    ),
    ("look-alike sentence number", (r"^\W{0,2}\[\d{1,3}\]",)),
    (
        "payload shaped like the tool's answer",
        (
            r"[{,]\s*[\"']?(?:incidents|event_type|sub_event_type|fatalities|injured|detained|"
            r"actors|evidence|sentences|location|summary)[\"']?\s*:",
            r"^\W*(?:event_type|sub_event_type|fatalities|incidents|reported_by)\s*:",
            _FIELDS,
            r"\b(?:JSONDecodeError|ValidationError|json\.decoder|Traceback\s+\(most\s+recent)",
            r"\b[a-z]+(?:_[a-z]+)+\s*\(\s*\w+\s*=|\[(?:tool|function|appel)_?\w*\]",
        ),
    ),
    (
        "instruction to drop the tool's own rules",
        (
            rf"\b(?:ignore|disregard|forget|override|bypass|skip)\s+(?:\w+\s+){{0,4}}?"
            rf"{_RULES_EN}\b",
            r"\b(?:previous|prior|above|earlier|preceding|original|system)\s+"
            rf"{_RULES_EN}\s+(?:no\s+longer|do\s+not|don['’]t)\s+apply",
            rf"\b(?:ignorez|ignore|oubliez|oublie|ne\s+tenez\s+pas\s+compte\s+des?)\s+"
            rf"(?:\w+\s+){{0,3}}?{_RULES_FR}\b",
            r"(?:تجاهل|تجاهلوا|انس|انسَ|لا\s+تتبع|لا\s+تلتزم)\S*\s+(?:\S+\s+){0,3}?"
            r"(?:ال)?(?:تعليمات|تعليماتك|قواعد|أوامر|اوامر|توجيهات)",
            r"\b(?:system\s+prompt|your\s+(?:\w+\s+)?(?:instructions|rules|prompt|guidelines)|"
            r"api[\s_-]?keys?|environment\s+variables?|vos\s+(?:\w+\s+)?(?:instructions|"
            r"consignes)|tes\s+(?:instructions|consignes)|prompt\s+syst[eè]me|variables?\s+"
            r"d['’]environnement)\b",
            r"(?:تعليماتك|موجه\s+النظام|تعليمات\s+النظام|متغي[ّ]?رات?\s+(?:ال)?بيئة)",
            r"^\W*consignes?\s+(?:\w+\s+)?:",
        ),
    ),
    (
        "addressed to an AI or an automated reader",
        (
            # A message opened to a reader that is a machine: "Note to the AI", "for the model".
            rf"\b(?:notes?|messages?|instructions?|reminder|attention|notice|correction|update|"
            rf"warning|request|memo|override|directive|addendum|dear|hey|hello|tasks?|rules?|"
            rf"guidelines?|policy)\b[^.:]{{0,40}}?"
            rf"\b(?:to|for)\s+(?:the\s+|any\s+|all\s+|every\s+)?(?:\w+\s+)?{_READER_EN}\b",
            rf"^\W*(?:dear\s+|hey\s+|attention\s*,?\s+)?(?:the\s+|all\s+)?{_MACHINE_EN}\s*[:,]",
            rf"(?:^|[:\"«“]\s*)(?:to|for)\s+(?:the\s+|any\s+|all\s+|every\s+)?(?:\w+\s+)?"
            rf"{_MACHINE_EN}\b",
            r"\b(?:you\s+are|as)\s+(?:now\s+)?an?\s+(?:ai|language\s+model|assistant|llm)\b",
            r"\byou\s+are\s+now\s+(?:an?\s+)?(?:\S+\s+){0,3}?(?:who|whose|that|which)\b",
            rf"\b{_MACHINE_EN}\s+(?:\w+\s+){{0,3}}?(?:reading|processing|summari[sz]ing|coding|"
            rf"parsing|analy[sz]ing|extracting|handling|ingesting|indexing)\s+(?:from\s+)?"
            rf"{_THIS_TEXT_EN}",
            rf"\b{_MACHINE_EN}\s+(?:\w+\s+){{0,3}}?(?:must|should|shall|may\s+not|cannot|"
            rf"need\s+to|are\s+(?:required|instructed|asked)\s+to|have\s+to)\s+(?:not\s+)?"
            rf"(?:\w+\s+){{0,2}}?{_VERB_EN}\b",
            rf"\b(?:notes?|messages?|avis|remarque|rappel|correction|rectificatif|attention|"
            rf"consignes?|instructions?|merci|r[èe]gles?)\b[^.:]{{0,40}}?\b(?:à|a|pour|aux|des|"
            rf"destinée?s?\s+aux?|à\s+l['’]usage\s+d(?:u|es))\s+(?:l['’]\s*|les\s+|la\s+|le\s+|tout\s+|toute\s+|"
            rf"tous\s+les\s+)?(?:intention\s+d(?:es|e\s+l['’]|u)\s*)?{_READER_FR}\b",
            rf"\b{_MACHINE_FR}\s+(?:\S+\s+){{0,5}}?(?:(?:doit|doivent|devez|devront)\s+"
            rf"(?:\S+\s+)?(?:indiquer|retenir|conclure|coder|classer|signaler|ajouter|supprimer|"
            rf"remplacer|répondre|renvoyer|considérer|attribuer|inscrire|écrire|mentionner|"
            rf"ignorer|noter|traiter|compter|extraire|enregistrer)|"
            rf"(?:qui\s+)?(?:lisez|lisent|lit|traitez|traitent|traite|analysez|analysent|"
            rf"résumez|résument)\s+{_THIS_TEXT_FR})",
            r"\b(?:vous\s+êtes|tu\s+es)\s+(?:maintenant|désormais|dorénavant)\s+(?:une?\s+)",
            rf"(?:إلى|الى|أيها|ايها|يا|ملاحظة\s+(?:إلى|الى|لل|ل)|رسالة\s+(?:إلى|الى|لل|ل)|"
            rf"تنبيه\s+(?:إلى|الى|لل|ل)|على)\s*(?:أي\s+|كل\s+)?{_READER_AR}",
            rf"{_MACHINE_AR}\s+(?:\S+\s+){{0,3}}?(?:التي|الذي|اللذين)?\s*(?:\S+\s+)?"
            rf"(?:تقرأ|يقرأ|تعالج|يعالج|تلخص|يلخص|تحلل|يحلل|يحلّل|تحلّل)\s+{_THIS_TEXT_AR}",
            r"(?:^|\s)(?:أنت|انت|أنتَ)\s+الآن\s",
            rf"\b(?:thank\s+you|thanks|dear|hello|hi|hey)\s*,?\s+(?:the\s+)?{_READER_EN}\b",
            rf"\bif\s+you\s+are\s+(?:an?\s+)?(?:{_READER_EN}|machine|program|automated)",
            rf"\bsi\s+(?:vous\s+êtes|tu\s+es)\s+(?:une?\s+)?{_READER_FR}",
            rf"(?:إذا|اذا|لو)\s+(?:إنت|انت|أنت|كنت)\s+(?:\S+\s+)?{_READER_AR}",
            rf"(?:المطلوب|يطلب|نطلب|نرجو|يرجى)\s+من\s+{_READER_AR}",
            rf"{_READER_FR}\s+(?:\S+\s+){{0,2}}?(?:inscrivent|codent|indiquent|retiennent|"
            rf"notent|classent|enregistrent)\b",
        ),
    ),
    (
        "instruction about the tool's answer",
        (
            # An imperative opening the sentence (or its quotation), on the tool's output.
            rf"^\W*(?:please\s+|now\s+|then\s+|also\s+|instead\s+)?{_VERB_EN}\s+(?:\w+\s+){{0,4}}?"
            rf"(?:an?\s+|the\s+|your\s+|this\s+|one\s+|\d+\s+)?(?:\w+\s+)?{_OUTPUT_EN}\b",
            rf"\byou\s+(?:must|should|shall|need\s+to|have\s+to|are\s+(?:to|required\s+to|"
            rf"instructed\s+to))\s+(?:now\s+|also\s+|instead\s+)?{_VERB_EN}\b",
            r"\b(?:incidents?|events?|records?)\s+you\s+(?:extract|code|output|return|produce|"
            r"generate|report)\b",
            rf"\b(?:do\s+not|don['’]t|never)\s+(?:{_VERB_EN}|mention|include)\s+(?:\w+\s+){{0,3}}?"
            rf"(?:this|the|any)\s+(?:\w+\s+)?{_OUTPUT_EN}\b",
            rf"\b(?:reply|respond|answer|return|output)\s+(?:only\s+)?(?:with|in)\s+"
            rf"(?:\S+\s+){{0,3}}?{_OUTPUT_EN}\b",
            r"\byour\s+(?:summary|answer|output|response|json|extraction|record)\s+"
            r"(?:must|should|shall|will)\b",
            r"\b(?:the\s+)?(?:correct|right|real|verified|expected|required)\s+"
            r"(?:answer|output|extraction|coding|json|response)\s+(?:is|reads|should\s+be)\b",
            rf"(?:^|\s|«\s?|\")(?:veuillez\s+|merci\s+de\s+)?{_VERB_FR}\s+(?:\S+\s+){{0,5}}?"
            rf"{_OUTPUT_FR}\b",
            rf"\b(?:vous\s+devez|tu\s+dois|il\s+faut)\s+(?:maintenant\s+|désormais\s+)?"
            rf"(?:{_VERB_FR}|\w+er)\b\s+(?:\S+\s+){{0,4}}?{_OUTPUT_FR}\b",
            r"\b(?:votre|ta)\s+(?:réponse|reponse|sortie|résumé|resume|extraction)\s+"
            r"(?:doit|devra)\b",
            r"\bempty\s+(?:incidents?\s+)?(?:list|array|output|answer)|liste\s+(?:d['’]incidents\s+)?"
            r"vide|قائمة\s+(?:ال)?(?:حوادث\s+)?فارغة",
            r"\b(?:instructions|prompt|rules)\s+you\s+(?:received|were\s+given|got|follow)|"
            r"\byour\s+(?:configuration|config|settings|answer|output|response)\b",
            r"\b(?:notes|summary|source|actors?|location|fatalities|type|reported_by)\s+field\b",
            r"\b(?:replace|override|supersede|take\s+precedence\s+over)\s+(?:those\s+(?:in|of)\s+)?"
            r"the\s+(?:\w+\s+)?(?:text|article)|remplacent\s+(?:ceux|celles)\s+du\s+texte|"
            r"priment\s+sur\s+le\s+texte",
            rf"(?:^|\s|«)(?:ف|و|ل)?{_VERB_AR}\s+\d+",
            r"\b(?:je|nous)\s+(?:réponds|répondrai|répondons)\s+(?:\S+\s+){0,4}?(?:json|xml|"
            r"texte\s+libre)",
            rf"(?:^|\s|«)(?:ف|و)?(?:يرجى\s+|رجاء\s+|الرجاء\s+|من\s+فضلك\s+)?{_VERB_AR}\s+"
            rf"(?:\S+\s+){{0,4}}?{_OUTPUT_AR}",
            rf"(?:يجب|ينبغي|عليك|عليكم)\s+(?:\S+\s+){{0,2}}?(?:أن\s+)?"
            rf"(?:ت|ي)?(?:سجل|سجّل|كتب|ضيف|دون|صنف|غير|حذف|عتبر|جيب|عيد|طبع|كشف|ذكر)\S*\s+"
            rf"(?:\S+\s+){{0,4}}?{_OUTPUT_AR}",
            r"حقل\s+(?:[a-z_]+|(?:ال)?(?:فاعل|موقع|مكان|قتلى|مصدر|نوع|ملخص))",
            r"\bchamps?\s+(?:«\s*)?(?:actors|location|fatalities|summary|reported_by|event_type|"
            r"lieu|auteur|bilan|type|date)\b|\bchamps?\s+(?:du|de\s+la|des)\s+(?:lieu|bilan|"
            r"type|auteur|résumé|resume)\b",
        ),
    ),
)
_COMPILED = tuple(
    (kind, re.compile("|".join(f"(?:{p})" for p in ps), _FLAGS)) for kind, ps in _KINDS
)
# The same patterns without accents, for the text without accents: a mark sprinkled on a
# letter («ignóre», « vous ếtes ») hides a word from the first set, not from this one.
_COMPILED_BARE = tuple(
    (kind, re.compile(without_accents(pattern.pattern), _FLAGS)) for kind, pattern in _COMPILED
)
# A marker alone on its line ("<|im_start|>assistant", "### Instruction:") opens a fake turn
# that runs to the end of its paragraph, whatever the lines under it say.
_BARE_TURN = re.compile(rf"^\W*(?:{_TURN}\s*)+$", _FLAGS)


def why_addressed(sentence: str, *, as_it_reads: bool = True) -> str | None:
    """Which kind of text addressed to the tool ``sentence`` is (a short reason), or None.

    The sentence is judged as it reads (:func:`~incidents.text.security.skeleton.skeleton`):
    look-alike letters, invisible characters, tatweel and diacritics do not hide a word. With
    ``as_it_reads=False`` (an ablation) only Arabic diacritics and tatweel are dropped.
    """
    bare = skeleton(sentence) if as_it_reads else ARABIC_MARKS.sub("", sentence)
    plain = bare if bare.isascii() else without_accents(bare)
    for (kind, pattern), (_, bare_pattern) in zip(_COMPILED, _COMPILED_BARE, strict=True):
        if pattern.search(bare) or (plain is not bare and bare_pattern.search(plain)):
            return kind
    return None


def addressed_to_the_tool(sentence: str) -> bool:
    """Whether the sentence speaks to the model that reads it rather than to a reader."""
    return why_addressed(sentence) is not None


def opens_a_turn(sentence: str, *, as_it_reads: bool = True) -> bool:
    """Whether the sentence is a bare chat-role marker, opening a fake turn below it."""
    bare = without_accents(skeleton(sentence)) if as_it_reads else sentence
    return bool(_BARE_TURN.match(bare.strip()))
