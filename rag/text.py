"""Word-level text helpers shared by lexical retrieval and the extractive answerer."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[^\W_]+(?:(?:['’.-]|(?<=\d),(?=\d))[^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves also s t say said says tell told does doing done according one ones
    may might must shall us let""".split()
)


# Words that make a question lean on what came before ("For how long?", "Why did he?").
ANAPHORA = re.compile(
    r"\b(he|she|it|they|him|her|them|his|hers|its|their|theirs|this|that|these|those|there|"
    r"then|such|the same|the other|both|either|former|latter|afterwards|after that|later|"
    r"before that|instead)\b",
    re.I,
)
# ... or ask for more of what came before ("Who else ...?", "Which other countries ...?").
MORE_OF = re.compile(r"\b(?:else|other|others|another|alongside|besides|as well)\b", re.I)


# Words that frame a question about a document rather than say what it asks.
FRAMING_WORDS = frozenset(
    """article text document documents report piece story interview interviewer analyst
    author expert speaker writer commentator scientist according mention mentions mentioned
    claim claims claimed describe describes described characterize characterise label call
    calls think thinks believe believes view opinion suggest suggests note notes""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, keeping inner apostrophes, dots and hyphens (U.S., 24,006)."""
    return [_ABBREVIATIONS.get(w, w).lower().replace("’", "'") for w in _WORD.findall(text)]


# Words as typed on a phone, written out: "y r ppl surprised" reads "why are people surprised".
_CHAT_WORDS = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "ppl": "people",
    "bc": "because",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
    "shud": "should",
    "cud": "could",
    "wud": "would",
    "wat": "what",
    "wut": "what",
    "abt": "about",
    "rn": "now",
    "gonna": "going to",
    "wanna": "want to",
    "govt": "government",
    "thru": "through",
    "w/": "with",
    "w/o": "without",
    "wen": "when",
    "whats": "what is",
    "thats": "that is",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "hes": "he is",
    "re": "regarding",
    "w": "with",
    "sanx": "sanctions",
    "orig": "original",
    "intl": "international",
    "yrs": "years",
    "bbl": "barrels",
    "hq": "headquarters",
    "org": "organisation",
    "orgs": "organisations",
    # Two codes in capitals that are common words' shorthand ("IVO HQ city", "its PM").
    "HQ": "headquarters",
    "PM": "prime minister",
}
_CHAT = re.compile(
    r"(?<![\w.'’/-])(" + "|".join(map(re.escape, _CHAT_WORDS)) + r")(?![\w.'’/-])"
    # "y" opens a question as "why" does: "y is az's image bad".
    r"|^(\W*)y(?=\s+(?:is|are|r|was|were|do|does|did|has|have|would|should|can|could|not)\b)"
)


# A courtesy said around a question ("if it is not too much trouble", "I would be most grateful
# if you could tell me, dear", "Many thanks for your time"): a word of thanks or courtesy and no
# question word.
_COURTESY = re.compile(
    r"\b(?:thanks?|thank\s+you|grateful|appreciated?|obliged|forgive|pardon|excuse\s+me|please"
    r"|kindly|dear|delighted|if\s+(?:I|you)\s+(?:may|might|please|happen\s+to\s+know)"
    r"|(?:not|no)\s+(?:too\s+much\s+)?(?:trouble|bother)|so\s+kind)\b",
    re.I,
)
# The words a question is asked with.
WH = r"(?:who|whom|whose|what|when|where|which|why|how)"
_QUESTION_WORD = re.compile(rf"\b(?:{WH}|whether)\b", re.I)
# A word said before getting to the point: "Hi, long-time listener, so ...", "Okay, interesting,
# and ...", "How dreadful."
_INTERJECTION = re.compile(
    r"^\W*(?:(?:hi|hello|hey|yeah|yes|yep|okay|ok|right|well|oh|ah|um|uh|er|sure|alright|great"
    r"|cool|wow|cheers|interesting|I\s+see|long[- ]time\s+listener|first[- ]time\s+caller"
    r"|truly|really|honestly|thanks\s+for\s+having\s+me)\W*)+$"
    r"|^\W*how\s+(?:\w+(?:ing|ful|ous|ible|able)|sad|odd|strange|nice|lovely|kind)\W*$",
    re.I,
)
# The asker speaking of themselves or of others: "My grandson works in logistics", "ever since
# I visited Almaty", "As someone who worked thirty years in refining", "My niece says ...".
_FIRST_PERSON = re.compile(
    r"\b(?-i:I|I['’]m|I['’]ve|I['’]d|I['’]ll)\b|\b(?:my|me|mine|myself|we|our|ours|(?-i:us))\b",
    re.I,
)
_SELF_DESCRIBED = re.compile(
    r"^\W*(?:and\s+)?(?:as\s+(?:an?|someone|somebody|one)\s|having\s+\w+(?:ed|en|ght)\b)"
    r"|\b(?:why|because)\s+I\s+ask\b",
    re.I,
)
# ... unless the asker asks in it, or says what they read, heard or think: "I wonder who ...",
# "could you tell me", "I read that the Americans had sanctioned ...", "I mean the Americans",
_ASKING_OR_SAYING = re.compile(
    r"\b(?:wonder\w*|curious|know|ask|tell|explain|remind|question)\b"
    # ... or reports what someone says, a claim the question may be checking: "Our draft says
    # the ban lasts a year - does the article back that?"
    r"|\b(?:say|says|said|claims?|claimed|insists?|insisted|mentions?|mentioned|told|tells"
    r"|reports?|reported|writes|wrote|states?|stated|argues?|argued|reckons?)\b"
    r"|\b(?-i:I)\s+(?:\w+\s+){0,2}?(?:read|reading|hear|hearing|heard|see|seeing|saw|seen"
    r"|notic\w*|understand|understood|gather|mean|meant|think|thinking|thought|guess|suppose"
    r"|believe|assume|remember|recall)\b",
    re.I,
)
# A part that is the question itself: "What should we be watching for next", "Who is the
# expert my students will be quoting here".
_ASKS = re.compile(
    rf"^\W*(?:(?:and|but|so|then|also)\s+)?(?:{WH}|is|are|was|were|do|does|did|can|could|will"
    r"|would|should|has|have|had)\b(?!\s+\w+(?:ing|ful|ous)\W*$)"
    # ... not one that tells when or where the asker did something: "When I taught the Cold War"
    r"(?!\s+(?-i:I)\b|\s+(?:we|my|our)\b)",
    re.I,
)
_PARTS = re.compile(r"([,;:]\s+|\s+[-–—]+\s+|(?<=[.!?])\s+)")


def _is_aside(part: str) -> bool:
    """Whether a part of a question is said around it rather than asked (see below)."""
    if _INTERJECTION.match(part) or _SELF_DESCRIBED.search(part):
        return "?" not in part
    if "?" in part or _ASKS.match(part):
        return False
    if _QUESTION_WORD.search(part) and not _FIRST_PERSON.search(part):
        return False
    return bool(
        (_COURTESY.search(part) and not _QUESTION_WORD.search(part))
        or (_FIRST_PERSON.search(part) and not _ASKING_OR_SAYING.search(part))
    )


def without_asides(question: str) -> str:
    """The question without what is said around it: courtesies, and the asker's words about
    themselves that neither ask nor report. "My grandson works in logistics, and I was
    curious, if it is not too much trouble, how long the ban lasts - I would be most
    grateful." asks "and I was curious, how long the ban lasts"."""
    parts = _PARTS.split(question)
    kept: list[str] = []
    dropped = False
    for i in range(0, len(parts), 2):
        part = parts[i]
        if _is_aside(part):
            dropped = True
            continue
        if kept:
            kept.append(parts[i - 1])
        kept.append(part)
    rest = "".join(kept).strip()
    if not dropped or len(rest.split()) < 3:
        return question
    return rest[:1].upper() + rest[1:] if question[:1].isupper() else rest


def expand_chat(text: str) -> str:
    """`text` with words typed as on a phone written out ("y r ppl surprised" -> "why are
    people surprised"); only lower-case words but "HQ" and "PM", so "US" or "R" stay what
    they are."""
    return _CHAT.sub(lambda m: _CHAT_WORDS[m.group(1)] if m.group(1) else m.group(2) + "why", text)


# Capitalised abbreviations spelled more than one way; "US" would otherwise read as "us".
_ABBREVIATIONS = {"US": "U.S", "USA": "U.S", "U.S.A": "U.S", "UK": "U.K"}


def _stem(word: str) -> str:
    """A word's stem, the same for the forms the English stemmer leaves apart: "-atory" and
    "-ation" ("retaliatory", "retaliation"), British and American "-our" ("neighbours",
    "neighbors")."""
    stem = _stemmer().stemWord(word)
    if stem.endswith("atori") and len(stem) > 7:
        return stem[:-5]
    if stem.endswith("our") and len(stem) > 5:
        return stem[:-3] + "or"
    return stem


def terms(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """Stemmed content terms: words minus stop words (and `drop`), for lexical matching."""
    out = []
    for w in words(text):
        w = w.removesuffix("'s")
        if w not in STOPWORDS and w not in drop:
            out.append(_stem(w) if w.isalpha() else w)
            # A hyphenated compound also matches its parts ("post-Soviet" for "Soviet").
            if "-" in w:
                out.extend(_stem(p) for p in w.split("-") if p.isalpha() and p not in STOPWORDS)
    return out


# Places and buildings news writes for the government seated there ("the Kremlin said ..."):
# the small embedding model does not put "Kremlin" near "Russia" or "Moscow", so a question
# about the Kremlin would be refused as naming something the documents never mention.
SEATS_OF_POWER: dict[str, tuple[str, ...]] = {
    "kremlin": ("Russia", "Moscow"),
    "lubyanka": ("Russia", "Moscow"),
    "white house": ("United States", "America", "Washington"),
    "pentagon": ("United States", "America", "Washington"),
    "capitol hill": ("United States", "America", "Washington"),
    "foggy bottom": ("United States", "America", "Washington"),
    "downing street": ("United Kingdom", "Britain", "London"),
    "whitehall": ("United Kingdom", "Britain", "London"),
    "elysee": ("France", "Paris"),
    "élysée": ("France", "Paris"),
    "quai d'orsay": ("France", "Paris"),
    "zhongnanhai": ("China", "Beijing"),
    "bankova": ("Ukraine", "Kyiv"),
    "akorda": ("Kazakhstan", "Astana"),
    "ak orda": ("Kazakhstan", "Astana"),
    "berlaymont": ("European Union", "Brussels"),
    "knesset": ("Israel", "Jerusalem"),
    "blue house": ("South Korea", "Seoul"),
    "kasumigaseki": ("Japan", "Tokyo"),
}
_SEAT = re.compile(
    r"(?<![\w'’])("
    + "|".join(sorted(map(re.escape, SEATS_OF_POWER), key=len, reverse=True))
    + r")(?!\w)",
    re.I,
)


def seats_of_power(text: str) -> dict[str, tuple[str, ...]]:
    """The seats of power `text` names, as written, with the countries and capitals they
    stand for: "the Kremlin" -> {"Kremlin": ("Russia", "Moscow")}."""
    return {m.group(1): SEATS_OF_POWER[m.group(1).lower()] for m in _SEAT.finditer(text)}


# Below this similarity (of the embedding model) to every name in the corpus, a name the
# corpus never uses is taken to be something else, not another name for the same thing
# ("Washington" for "America", "Baku" for "Azerbaijan").
NAME_SIMILARITY = 0.56
# "I", "I'd", "I'm" are capitalised but name no one.
_INNER_NAME = re.compile(
    r"(?<=[\w,] )(?!I(?:['’]\w+)?\b)[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*"
)


# Words a question may hold that no passage needs to match: a title before a name ("Mr.
# Mesejnikov" is Mesejnikov) and an intensifier ("right now", "right away").
FILLER = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Messrs)\.?\s+(?=[A-Z])"
    r"|\b[Rr]ight\s+(?=(?:now|away|here|there|then|after|before)\b)"
)


def inner_names(text: str) -> list[str]:
    """Capitalised spans not opening a sentence ("United States"), without a possessive 's
    or a title before them ("Mr.")."""
    text = FILLER.sub("", text)
    return [re.sub(r"['’]s$", "", w) for w in _INNER_NAME.findall(text)]


def unseen_words(text: str, idf: Callable[[str], float]) -> list[str]:
    """Capitalised words of the names in `text` that the corpus never uses (idf at its
    unseen maximum): "Baku", or "Union" in "European Union"."""
    unseen = idf("\x00")
    return [
        w
        for name in inner_names(text)
        for w in name.split()
        if w[0].isupper() and all(idf(t) >= unseen for t in terms(w) or ["\x00"])
    ]


def unseen_names(text: str, idf: Callable[[str], float]) -> list[str]:
    """Names in `text` with a word the corpus never uses."""
    strange = set(unseen_words(text, idf))
    return [n for n in inner_names(text) if strange & set(n.split())]


def word_count(text: str) -> int:
    """Number of words, ignoring citation markers like [1]."""
    return len(words(re.sub(r"\[\d+\]", " ", text)))


def with_demonyms(stems: set[str]) -> set[str]:
    """Stems with the country a demonym names: "armenian" -> "armenia", "azerbaijani" ->
    "azerbaijan", "ukrainian" -> "ukrain", so "the Armenian leader" already names Armenia."""
    out = set(stems)
    for t in stems:
        if t.endswith("ian") and len(t) > 6:
            out.add(t[:-3])
        if t.endswith("n") and len(t) > 5:
            out.add(t[:-1])
        if t.endswith("i") and len(t) > 5:
            out.add(t[:-1])
    return out
