"""Finding evidence quotes in documents and among retrieved passages (hit@k, recall@k, MRR)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rag.evaluation.matching import normalize_space, within
from rag.types import Passage


@dataclass(frozen=True)
class Span:
    """Where a quote sits in a stored document (character offsets)."""

    source: str
    start: int
    end: int


def locate(quote: str, documents: Mapping[str, str]) -> list[Span]:
    """Every place the quote occurs in the documents, ignoring case and whitespace runs."""
    spans = []
    needle = normalize_space(quote)
    for source in sorted(documents):
        flat, offsets = _flatten(documents[source])
        at = flat.find(needle) if needle else -1
        while at >= 0:
            spans.append(Span(source, offsets[at], offsets[at + len(needle) - 1] + 1))
            at = flat.find(needle, at + 1)
    return spans


def _flatten(text: str) -> tuple[str, list[int]]:
    # normalize_space, keeping for each output character its offset in the original text.
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(i - 1)
            pending_space = False
        folded = normalize_space(ch)
        out.append(folded if len(folded) == 1 else ch)
        offsets.append(i)
    return "".join(out), offsets


def is_relevant(passage: Passage, quote: str, spans: Sequence[Span]) -> bool:
    """A passage is relevant to a quote when it overlaps a located span or contains/lies in it."""
    for span in spans:
        if span.source == passage.source and span.start < passage.end and passage.start < span.end:
            return True
    return within(passage.text, quote)


def score_retrieval(
    passages: Sequence[Passage], evidence: Sequence[str], documents: Mapping[str, str], k: int
) -> dict[str, Any]:
    """Hit@k, recall@k (share of quotes found) and reciprocal rank, with per-passage verdicts."""
    top = list(passages[:k])
    located = {quote: locate(quote, documents) for quote in evidence}
    relevant_to = [[q for q in evidence if is_relevant(p, q, located[q])] for p in top]
    found = [any(quote in quotes for quotes in relevant_to) for quote in evidence]
    ranks = [rank for rank, quotes in enumerate(relevant_to, start=1) if quotes]
    return {
        "k": k,
        "hit": float(bool(ranks)),
        "recall": sum(found) / len(evidence),
        "reciprocal_rank": 1.0 / ranks[0] if ranks else 0.0,
        "first_relevant_rank": ranks[0] if ranks else None,
        "evidence_found": found,
        "evidence_located": [bool(located[q]) for q in evidence],
        "passages": [
            {
                "rank": rank,
                "source": p.source,
                "start": p.start,
                "end": p.end,
                "score": round(p.score, 4),
                "relevant": bool(quotes),
                "text": p.text,
            }
            for rank, (p, quotes) in enumerate(zip(top, relevant_to, strict=True), start=1)
        ],
    }
