"""What kind of answer a question asks for, and whether a sentence holds one."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rag.text import FRAMING_WORDS, STOPWORDS, terms

_NUM = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen"
    r"|hundred|thousand|million|billion|half)"
)
_TIME_UNIT = r"(?:second|minute|hour|day|week|month|year|decade)s?"
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_PRONOUNS = frozenset("he she they it him her them".split())
_DATE = re.compile(
    rf"\b(?:1[89]|20)\d\d\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|\b(?:{_MONTHS})\b"
    r"|\b(?:yesterday|today|last|next) \w+|\bjust now\b",
    re.I,
)
_DURATION = re.compile(rf"\b{_NUM}\s+(?:\w+\s)?{_TIME_UNIT}\b|\bhalf a year\b", re.I)
_QUANTITY = re.compile(rf"\b{_NUM}\b(?!\s+(?:\w+\s)?{_TIME_UNIT}\b)|%", re.I)
# A place: a capitalised name after a locative preposition, or a bare one in brackets.
_PLACE = re.compile(
    r"\b(?:in|at|near|from|inside|outside)\s+(?:\w+\s){0,2}?([A-Z][\w'’-]+)|\(([A-Z][a-z][\w'’-]+)\)"
)


@dataclass(frozen=True)
class AnswerType:
    """What kind of answer a question asks for, and a test that a sentence has one."""

    name: str
    asks: re.Pattern[str]


ANSWER_TYPES = (
    AnswerType(
        "stance",
        re.compile(
            r"^\W*(?:and\s+|but\s+|so\s+)?(?:does|do|did|is|are|was|were|can|could|will|would)\b"
            r".*\b(?:think|thinks|believe|believes|expect|expects|consider|considers|feel|feels"
            r"|view|opinion|doubt|doubts)\b",
            re.I,
        ),
    ),
    AnswerType(
        "reason", re.compile(r"^\W*(?:and\s+|but\s+)?why\b|\bwhat (?:is|was) the reason\b", re.I)
    ),
    AnswerType(
        "duration", re.compile(r"\bhow long\b|\bfor how\b|\bwhat (?:period|duration)\b", re.I)
    ),
    AnswerType(
        "quantity",
        re.compile(
            r"\bhow (?:many|much|large|big|high|far)\b|\bwhat (?:number|share|percent)"
            r"|\bwhat (?:is|was|are|were) (?:the|its|their) (?:population|number|size|price|cost"
            r"|amount|value|rate|percentage|total)\b",
            re.I,
        ),
    ),
    AnswerType(
        "date",
        re.compile(
            r"^\W*(?:and\s+)?when\b|\b(?:what|which)\s+(?:\w+\s+)?(?:date|year|day|month)\b"
            r"|\b(?:since|by|until) when\b",
            re.I,
        ),
    ),
    AnswerType(
        "place",
        re.compile(
            r"^\W*(?:and\s+)?where\b|\b(?:which|what) (?:city|town|place|location|capital)\b", re.I
        ),
    ),
    AnswerType(
        "name",
        re.compile(
            r"^\W*(?:and\s+)?(?:who|whom|whose)\b|\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:leaders?|persons?|people|man|woman|officials?|politicians?|presidents?|ministers?"
            r"|head of state|heads of state|compan(?:y|ies)|firms?|organi[sz]ations?|nationality"
            r"|countr(?:y|ies)|nations?|powers?|states|websites?|site|outlets?|newspapers?"
            r"|agenc(?:y|ies)|institutes?|think tank|part(?:y|ies))\b",
            re.I,
        ),
    ),
)


_ASKS_WORDS = re.compile(
    r"\bwhat (?:did|does|do|has|have|had|will|would) (.+?) (?:say|said|tell|told|state|stated"
    r"|announce|announced|declare|declared|write|wrote)\b",
    re.I,
)
_SPEECH = re.compile(
    r"\b(?:said|says|saying|told|tells|stated|states|announced|announces|declared|declares"
    r"|wrote|writes|noted|notes|added|stressed|according to)\b|[\"“”«»]",
    re.I,
)


def reported_speaker(question: str) -> set[str]:
    """Who a 'What did X say' question quotes (stems), unless X is the document's own voice."""
    match = _ASKS_WORDS.search(question)
    if not match:
        return set()
    return set(terms(match.group(1), FRAMING_WORDS)) - _PRONOUNS


def _quotes(speaker: set[str], sentence: str) -> bool:
    """Whether a sentence reports something the speaker said."""
    return bool(speaker & set(terms(sentence))) and bool(_SPEECH.search(sentence))


_REASON = re.compile(
    r"\b(?:because|due to|since|as a result|owing to|thanks to|the reason|caused|so that"
    r"|therefore|that is why|which is why|in order to)\b",
    re.I,
)


# Words by which a speaker marks a view as their own, or how sure they are of it.
_STANCE = re.compile(
    r"\bI (?:think|believe|would say|doubt|am sure|am convinced|expect|suppose|guess|hope|fear)\b"
    r"|\bin my (?:opinion|view)\b|\b(?:hardly|certainly|probably|unlikely|likely|of course"
    r"|undoubtedly|surely|perhaps|it seems|it appears|it is clear)\b",
    re.I,
)


def has_answer_type(kind: str, sentence: str, question_terms: set[str]) -> bool:
    """Whether a sentence contains the kind of answer asked for, beyond the question's words."""
    if kind == "duration":
        return bool(_DURATION.search(sentence))
    if kind == "quantity":
        return bool(_QUANTITY.search(sentence))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "place":
        found = [a or b for a, b in _PLACE.findall(sentence)]
        return bool(set(terms(" ".join(found))) - question_terms)
    return bool(names(sentence, question_terms))


_TYPE_PHRASE = re.compile(
    r"\b(?:which|what)\s+((?:(?!(?:is|are|was|were|did|does|do|has|have|had|can|could|will|"
    r"would|should|might|may|must)\b)[\w'’-]+\s+){1,4}?)(?=(?:is|are|was|were|did|does|do|has|"
    r"have|had|can|could|will|would|should|might|may|must)\b)",
    re.I,
)


def answer_type_words(question: str) -> set[str]:
    """Lower-cased words naming the kind of answer: 'Which Russian oil companies were ...'."""
    match = _TYPE_PHRASE.search(question)
    return set(match.group(1).lower().split()) if match else set()


def expected_types(question: str) -> list[str]:
    """The kinds of answer a question asks for (a duration, a quantity, a date, a place, a name)."""
    return [t.name for t in ANSWER_TYPES if t.asks.search(question)]


NAME_SPAN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*")
# Capitalised only because they open a sentence.
_OPENERS = STOPWORDS | frozenset(
    """look remember now as although because however yes well also still even only just here
    there why how what perhaps maybe indeed meanwhile instead otherwise thus therefore""".split()
)


def names(text: str, exclude: AbstractSet[str] = frozenset()) -> set[str]:
    """Stemmed words of capitalised spans (names) sharing no word with `exclude`."""
    found: set[str] = set()
    for match in NAME_SPAN.finditer(text):
        span = match.group()
        if match.start() == 0 or text[: match.start()].rstrip().endswith((".", "!", "?", '"')):
            first, _, rest = span.partition(" ")
            if first.lower() in _OPENERS:
                span = rest
        stems = set(terms(span))
        if stems and not stems & exclude:
            found |= stems
    return found


def type_match(expects: list[str], speaker: set[str], sentence: str, known: set[str]) -> int:
    """1 when the sentence has an answer of a kind asked for, -1 when it has none, 0 if n/a."""
    if speaker and not _quotes(speaker, sentence):
        return -1
    if not expects:
        return 0
    if expects == ["reason"]:
        # Reasons are often given without a connective: having one helps, lacking one does not
        # rule a sentence out.
        return 1 if _REASON.search(sentence) else 0
    if expects == ["stance"]:
        # "Does the analyst think ...?": a sentence giving a view as the speaker's own, likewise.
        return 1 if _STANCE.search(sentence) else 0
    return 1 if any(has_answer_type(k, sentence, known) for k in expects) else -1
