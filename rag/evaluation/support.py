"""Whether a passage supports a sentence: word overlap, embedding similarity, key-term check."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.evaluation.matching import answer_sentences, missing_terms, strip_markers
from rag.text import terms

logger = logging.getLogger(__name__)

Embed = Callable[[Sequence[str]], list[list[float]]]

# A sentence is supported when score = (overlap + similarity) / 2 reaches SUPPORT_THRESHOLD,
# at least MIN_OVERLAP of its content words occur in the passage, and no key term is missing.
SUPPORT_THRESHOLD = 0.65
MIN_OVERLAP = 0.4


@dataclass(frozen=True)
class Support:
    """The verdict on one sentence against one passage, with the numbers behind it."""

    supported: bool
    overlap: float
    similarity: float
    score: float
    missing: tuple[str, ...] = ()

    def reason(self) -> str:
        """One line saying why the verdict came out as it did."""
        figures = f"overlap {self.overlap:.2f}, similarity {self.similarity:.2f}"
        if self.missing:
            return f"not in the passage: {', '.join(self.missing)} ({figures})"
        if self.supported:
            return f"supported ({figures}, score {self.score:.2f})"
        if self.overlap < MIN_OVERLAP:
            return f"too few of its words in the passage ({figures})"
        return f"score {self.score:.2f} below {SUPPORT_THRESHOLD} ({figures})"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready verdict with its reason."""
        return {
            "supported": self.supported,
            "overlap": round(self.overlap, 4),
            "similarity": round(self.similarity, 4),
            "score": round(self.score, 4),
            "missing": list(self.missing),
            "reason": self.reason(),
        }


class EmbeddingCache:
    """Embeds each distinct text once; vectors are re-normalized so dot product is cosine."""

    def __init__(self, embed: Embed) -> None:
        self._embed = embed
        self._vectors: dict[str, list[float]] = {}

    def vectors(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for texts, embedding the unseen ones in a single batch."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if todo:
            for text, vector in zip(todo, self._embed(todo), strict=True):
                norm = math.sqrt(sum(x * x for x in vector)) or 1.0
                self._vectors[text] = [x / norm for x in vector]
        return [self._vectors[t] for t in texts]


def judge_support(sentence: str, passage: str, cache: EmbeddingCache) -> Support:
    """Judge whether `passage` supports `sentence` (citation markers are ignored)."""
    claim = strip_markers(sentence)
    overlap = word_overlap(claim, passage)
    pieces = [passage, *answer_sentences(passage)]
    claim_vec, *piece_vecs = cache.vectors([claim, *pieces])
    # The best-matching sentence of a long passage says more than the passage as a whole.
    similarity = max(0.0, max(_dot(claim_vec, v) for v in piece_vecs))
    score = (overlap + similarity) / 2
    missing = tuple(missing_terms(claim, passage))
    supported = not missing and overlap >= MIN_OVERLAP and score >= SUPPORT_THRESHOLD
    return Support(supported, overlap, similarity, score, missing)


def word_overlap(claim: str, passage: str) -> float:
    """Share of the claim's content terms (stemmed, no stop words) found in the passage."""
    claim_terms = set(terms(claim))
    if not claim_terms:
        return 1.0  # nothing to check: the embedding and key terms decide
    return len(claim_terms & set(terms(passage))) / len(claim_terms)


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))
