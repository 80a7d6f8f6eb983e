"""Text matching for scoring: normalization, citation markers, answer sentences, key terms."""

from __future__ import annotations

import re

from rag.text import STOPWORDS, words

MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# A sentence ends at . ! ? (or a citation marker, after a title without a stop) followed by
# whitespace and a capital, digit, quote or marker.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])[\"'”’)]*|(?<=\]))\s+(?=[\"“(\[]?[A-Z0-9])")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d+(?:\s*,\s*\d+)*\])+[.!?…]*")
_CAPITALIZED = re.compile(r"(?<![\w'’.-])[^\W\d_][\w'’-]*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# "one" is left out: as a pronoun ("no one", "one of them") it is rarely a quantity.
_NUMBER_WORDS = dict(
    zero="0",
    two="2",
    three="3",
    four="4",
    five="5",
    six="6",
    seven="7",
    eight="8",
    nine="9",
    ten="10",
    eleven="11",
    twelve="12",
    twenty="20",
    thirty="30",
    fifty="50",
    hundred="100",
    thousand="1000",
)


def normalize_space(text: str) -> str:
    """Lower-case text with runs of whitespace collapsed and curly quotes made straight."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def normalize_words(text: str) -> str:
    """Lower-case words separated by single spaces: no markers, punctuation or case."""
    text = MARKER.sub(" ", text)
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def contains_fact(text: str, fact: str) -> bool:
    """Whether `text` contains `fact` as whole words, ignoring case and punctuation."""
    needle = normalize_words(fact)
    return bool(needle) and f" {needle} " in f" {normalize_words(text)} "


def within(a: str, b: str) -> bool:
    """Whether `a` contains `b` or lies inside it, ignoring case and whitespace."""
    na, nb = normalize_space(a), normalize_space(b)
    return bool(na and nb) and (nb in na or na in nb)


def marker_numbers(text: str) -> list[int]:
    """Every citation number referenced by `[n]` or `[n, m]` markers, in order of appearance."""
    return [int(n) for group in MARKER.findall(text) for n in group.split(",")]


def strip_markers(text: str) -> str:
    """The text without citation markers, spaces tidied."""
    text = MARKER.sub("", text)
    return re.sub(r"\s+([.,;:!?…])", r"\1", " ".join(text.split()))


def answer_sentences(text: str) -> list[str]:
    """Split an answer into sentences, keeping each sentence's trailing `[n]` markers with it."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    sentences: list[str] = []
    for piece in pieces:
        lead = _LEADING_MARKERS.match(piece)
        if lead and sentences:
            # "Why? [1] Because..." puts the marker of the first sentence at the next one's start.
            sentences[-1] = f"{sentences[-1]} {lead.group().strip()}"
            piece = piece[lead.end() :].strip()
        if piece:
            sentences.append(piece)
    return sentences


def cited_groups(text: str) -> list[tuple[list[str], list[int]]]:
    """Answer sentences grouped with the markers citing them: a marker covers every sentence
    since the previous marker ("A. B [1]." cites [1] for both); trailing sentences cite nothing."""
    groups: list[tuple[list[str], list[int]]] = []
    pending: list[str] = []
    for sentence in answer_sentences(text):
        pending.append(sentence)
        numbers = list(dict.fromkeys(marker_numbers(sentence)))
        if numbers:
            groups.append((pending, numbers))
            pending = []
    if pending:
        groups.append((pending, []))
    return groups


def key_terms(sentence: str) -> list[str]:
    """Numbers, dates and names in a sentence: the terms a supporting passage must contain."""
    text = strip_markers(sentence)
    found = [_canonical_number(n) for n in _NUMBER.findall(text)]
    found += [_NUMBER_WORDS[w] for w in words(text) if w in _NUMBER_WORDS]
    for match in _CAPITALIZED.finditer(text):
        word = match.group()
        name = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
        if word[0].isupper() and len(name) > 1 and name not in STOPWORDS | _CAPITAL_STARTERS:
            found.append(name)
    return list(dict.fromkeys(found))


def missing_terms(sentence: str, passage: str) -> list[str]:
    """Key terms of `sentence` (see key_terms) that `passage` does not contain."""
    passage_words = {w.removesuffix("'s") for w in words(passage)}
    numbers = {_canonical_number(n) for n in _NUMBER.findall(passage)}
    for n in _NUMBER.findall(passage):
        numbers.update(re.split(r"[.,]", n))  # "14.11.2025" also says 14, 11 and 2025
    numbers.update(_NUMBER_WORDS[w] for w in passage_words if w in _NUMBER_WORDS)
    missing = []
    for term in key_terms(sentence):
        if term[0].isdigit():
            if term not in numbers:
                missing.append(term)
        elif not any(_same_name(term, w) for w in passage_words):
            missing.append(term)
    return missing


def _same_name(name: str, word: str) -> bool:
    # "Russia" matches "Russian", and "Azerbaijani" matches "Azerbaijan".
    return word == name or word.startswith(name) or (len(word) >= 5 and name.startswith(word))


def _canonical_number(token: str) -> str:
    # Thousands separators vary ("24,006" / "24006"); decimal and date dots are kept.
    return token.replace(",", "")


# Capitalized words that start sentences without being names.
_CAPITAL_STARTERS = frozenset(
    """yes no however although though yet still instead meanwhile moreover furthermore indeed
    thus hence therefore first second finally overall in on at as for while since unless
    whether because despite even many most some several both each every all none neither
    either another other others such like unlike given based""".split()
)
