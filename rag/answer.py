"""Answerers: turn a question and retrieved passages into an Answer with citations."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from rag.align import question_words, weighted_recall, word_matches
from rag.embeddings import SentenceEmbeddings
from rag.settings import Settings
from rag.text import terms
from rag.types import Answer, Citation, Message, Passage

logger = logging.getLogger(__name__)

NOT_FOUND = "The documents do not say: I found no passage that answers this question."


@dataclass(frozen=True)
class AnswerRequest:
    """What an answerer is given."""

    question: str
    query: str
    history: tuple[Message, ...]
    passages: tuple[Passage, ...]


class Answerer(Protocol):
    """A swappable answering step of the chain."""

    def __call__(self, request: AnswerRequest) -> Answer: ...


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, scored against the question."""

    passage: Passage
    start: int
    end: int
    text: str
    rank: int
    dense: float = 0.0
    lexical: float = 0.0
    align: float = 0.0
    weakest: float = 0.0
    score: float = 0.0


# Answer types a question asks for, and the surface forms that satisfy them.
_NUMBER_WORDS = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen"
    r"|hundred|thousand|million|billion|half)"
)
_EXPECTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"\bhow long\b|\bfor how\b|\bduration\b", re.I),
        re.compile(
            rf"\b{_NUMBER_WORDS}\s+(?:\w+\s)?(?:second|minute|hour|day|week|month|year|decade)s?\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\bhow (?:many|much)\b|\bwhat (?:number|share|percentage)\b", re.I),
        re.compile(rf"\b{_NUMBER_WORDS}\b|%", re.I),
    ),
    (
        re.compile(r"^\s*when\b|\bwhat (?:date|year|day|time)\b", re.I),
        re.compile(
            r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(?:january|february|march"
            r"|april|may|june|july|august|september|october|november|december|monday|tuesday"
            r"|wednesday|thursday|friday|saturday|sunday|now|today|yesterday|just now|after"
            r"|before|since)\b",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class Weights:
    """How the extractive answerer weighs the evidence that a sentence answers the question."""

    dense: float = 0.35
    align: float = 0.35
    lexical: float = 0.15
    weakest: float = 0.15
    expected_type: float = 0.08
    new_name: float = 0.05
    is_question: float = -0.15
    rank: float = -0.01


class ExtractiveAnswerer:
    """Quotes the sentence(s) that best answer the question; abstains when none does."""

    def __init__(
        self,
        settings: Settings,
        embeddings: SentenceEmbeddings,
        idf: Callable[[str], float],
        weights: Weights | None = None,
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.idf = idf
        self.weights = weights or Weights()

    def __call__(self, request: AnswerRequest) -> Answer:
        """Answer from the passages, or abstain."""
        candidates = self.score(request, _candidates(request.passages))
        chosen = self._select(candidates)
        if not chosen:
            return Answer(NOT_FOUND, True, (), request.query, request.passages)
        return compose_answer(
            [(c.passage, c.start, c.end, c.score) for c in chosen], request.query, request.passages
        )

    def score(self, request: AnswerRequest, cands: list[Candidate]) -> list[Candidate]:
        """Score candidate sentences, best first."""
        if not cands:
            return []
        w = self.weights
        query_terms = _weighted_terms(request.query, self.idf)
        units = [c.text for c in cands]
        clause_spans = [_clauses(c.text) for c in cands]
        clause_texts = [
            c.text[a:b] for c, spans in zip(cands, clause_spans, strict=True) for a, b in spans
        ]
        vectors, tokens = self.embeddings.encode_with_tokens([request.query, *units, *clause_texts])
        qv = vectors[0].astype(np.float32)
        unit_sims = vectors[1 : 1 + len(units)] @ qv
        clause_sims = iter(vectors[1 + len(units) :] @ qv)
        qwords = question_words(*tokens[0], self.idf)
        focus_floor = 0.5 * max(qwords.weights, default=0.0)
        expects = [want for asks, want in _EXPECTS if asks.search(request.question)]
        asks_name = bool(_ASKS_NAME.search(request.question))
        question_names = set(terms(request.query))
        scored = []
        for c, dense_sent, (_, tvec), spans in zip(
            cands, unit_sims, tokens[1 : 1 + len(units)], clause_spans, strict=True
        ):
            dense = max([float(dense_sent), *(float(next(clause_sims)) for _ in spans)])
            matches = word_matches(qwords, tvec)
            align = weighted_recall(qwords, matches)
            focus = [m for m, wt in zip(matches, qwords.weights, strict=True) if wt >= focus_floor]
            weakest = min(focus, default=align)
            cand_terms = set(terms(c.text))
            lexical = _coverage(query_terms, cand_terms)
            score = w.dense * dense + w.align * align + w.lexical * lexical + w.weakest * weakest
            score += w.rank * c.rank
            if expects:
                score += (
                    w.expected_type if any(x.search(c.text) for x in expects) else -w.expected_type
                )
            if asks_name and _names(c.text) - question_names:
                score += w.new_name
            if c.text.rstrip().endswith("?"):
                score += w.is_question
            scored.append(
                replace(c, dense=dense, lexical=lexical, align=align, weakest=weakest, score=score)
            )
        return sorted(scored, key=lambda c: (-c.score, c.passage.source, c.start))

    def _select(self, ranked: list[Candidate]) -> list[Candidate]:
        if not ranked or ranked[0].score < self.settings.min_support:
            return []
        best = ranked[0]
        chosen = [best]
        for other in ranked[1 : self.settings.max_answer_sentences]:
            if other.score >= 0.9 * best.score and other.score >= self.settings.min_support:
                chosen.append(other)
        return sorted(chosen, key=lambda c: (c.passage.source, c.start))


_ASKS_NAME = re.compile(r"^\s*(who|whom|whose|which|name)\b|\bwhich\s+\w+", re.I)
_CLAUSE_BREAK = re.compile(
    r"[,;:—–]\s+|\s-\s|\s(?=(?:especially|because|since|although|while|whereas)\b)"
)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a long sentence (none for a short one)."""
    if len(sentence.split()) < 12:
        return []
    spans = []
    cursor = 0
    for m in [*_CLAUSE_BREAK.finditer(sentence), None]:
        end = m.start() if m else len(sentence)
        piece = sentence[cursor:end]
        if len(piece.split()) >= 4:
            lead = len(piece) - len(piece.lstrip())
            spans.append((cursor + lead, end))
        if m:
            cursor = m.end()
    return spans if len(spans) > 1 else []


def _names(text: str) -> set[str]:
    """Stemmed capitalised words not opening the sentence: a rough proxy for names."""
    found = re.findall(r"(?<=[\w,;:] )[A-Z][\w'’-]+", text)
    return set(terms(" ".join(found)))


def _candidates(passages: Sequence[Passage]) -> list[Candidate]:
    seen: set[tuple[str, int]] = set()
    out = []
    for rank, p in enumerate(passages):
        for start, end, text in p.sentence_texts():
            if (p.source, start) in seen:
                continue
            seen.add((p.source, start))
            out.append(Candidate(p, start, end, text, rank))
    return out


def _weighted_terms(text: str, idf: Callable[[str], float]) -> dict[str, float]:
    return {t: idf(t) for t in set(terms(text))}


def _coverage(weighted: dict[str, float], present: set[str]) -> float:
    total = sum(weighted.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weighted.items() if t in present) / total


def compose_answer(
    quotes: Sequence[tuple[Passage, int, int, float]], query: str, passages: Sequence[Passage]
) -> Answer:
    """Join quoted sentences into an answer with one [n] marker and citation per quote."""
    parts = []
    citations = []
    for n, (p, start, end, score) in enumerate(quotes, start=1):
        text = p.text[start - p.start : end - p.start]
        parts.append(_with_marker(text, n))
        citations.append(
            Citation(
                n=n,
                source=p.source,
                title=p.title,
                text=text,
                start=start,
                end=end,
                score=round(_clamp(score), 4),
                date=p.date,
            )
        )
    return Answer(" ".join(parts), False, tuple(citations), query, tuple(passages))


def _with_marker(sentence: str, n: int) -> str:
    match = re.search(r"[.!?…]+[\"'”’)]*$", sentence)
    if match and match.group().startswith("."):
        return f"{sentence[: match.start()]} [{n}]{sentence[match.start() :]}"
    return f"{sentence} [{n}]"


def _clamp(x: float) -> float:
    return 0.0 if math.isnan(x) else max(0.0, min(1.0, x))
