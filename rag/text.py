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
