"""Soft word alignment (BERTScore-style recall): how well a passage covers each question word."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np

from rag.text import FRAMING_WORDS, STOPWORDS, terms

# How much a word naming the kind of answer counts, against a word the passage must match.
ANSWER_TYPE_WEIGHT = 0.25

# Question words carry the question's form, not its content.
_QUESTION_WORDS = frozenset(
    """what which who whom whose when where why how whether is are was were do does did kind
    sort type name""".split()
)


@dataclass(frozen=True)
class QuestionWords:
    """The content words of a question, their token rows and importance (IDF) weights."""

    words: tuple[str, ...]
    rows: tuple[tuple[int, ...], ...]
    weights: tuple[float, ...]
    vectors: np.ndarray


def question_words(
    pieces: list[str],
    vectors: np.ndarray,
    idf: Callable[[str], float],
    answer_type: AbstractSet[str] = frozenset(),
    speaker: AbstractSet[str] = frozenset(),
) -> QuestionWords:
    """Group word pieces into words and keep the content words with their IDF weights.

    Words of `answer_type` describe what the answer is ("which oil *companies*"), not what
    the passage must say, so they count for little. Words of `speaker` say whose view is
    asked ("according to Mesejnikov") and are left out, as framing words are.
    """
    words: list[str] = []
    rows: list[tuple[int, ...]] = []
    weights: list[float] = []
    for word, idxs in _group_pieces(pieces):
        if word in STOPWORDS or word in _QUESTION_WORDS or word in FRAMING_WORDS or word in speaker:
            continue
        if not word.isalnum():
            continue
        stems = terms(word)
        if not stems:
            continue
        words.append(word)
        rows.append(idxs)
        weights.append(idf(stems[0]) * (ANSWER_TYPE_WEIGHT if word in answer_type else 1.0))
    return QuestionWords(tuple(words), tuple(rows), tuple(weights), vectors)


def word_matches(question: QuestionWords, passage_vectors: np.ndarray) -> list[float]:
    """For each question word, its best cosine match among the passage's tokens."""
    if not question.words or len(passage_vectors) == 0:
        return [0.0] * len(question.words)
    sims = question.vectors.astype(np.float32) @ passage_vectors.astype(np.float32).T
    return [float(max(sims[i].max() for i in idxs)) for idxs in question.rows]


def weighted_recall(question: QuestionWords, matches: list[float]) -> float:
    """IDF-weighted mean of the word matches (0 when the question has no content words)."""
    total = sum(question.weights)
    if total <= 0:
        return 0.0
    return sum(w * m for w, m in zip(question.weights, matches, strict=True)) / total


def _group_pieces(pieces: list[str]) -> list[tuple[str, tuple[int, ...]]]:
    groups: list[tuple[str, tuple[int, ...]]] = []
    for i, piece in enumerate(pieces):
        if piece.startswith("##") and groups:
            word, idxs = groups[-1]
            groups[-1] = (word + piece[2:], (*idxs, i))
        else:
            groups.append((piece, (i,)))
    return groups
