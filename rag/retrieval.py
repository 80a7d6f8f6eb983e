"""Hybrid retrieval: dense (Chroma) plus BM25 (bm25s), fused by weighted reciprocal rank."""

from __future__ import annotations

import bisect
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import bm25s
import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from rag.answer_types import (
    SPEAKER_CHARS,
    asks_what_to_watch,
    described_subject,
    document_question,
    names_a_site,
    says_what_is,
    says_what_to_watch,
)
from rag.settings import Settings
from rag.store import Store, StoredChunk, decode_spans
from rag.text import (
    NAME_SIMILARITY,
    STOPWORDS,
    inner_names,
    seats_of_power,
    terms,
    unseen_names,
)
from rag.types import Passage

logger = logging.getLogger(__name__)
# Weight of the third fused ranking, candidates ordered by their single best sentence
# ("small-to-big"): a one-line answer is otherwise diluted by its chunk's other sentences.
# bm25s logs every index build at DEBUG on its own logger level; keep it quiet.
logging.getLogger("bm25s").setLevel(logging.WARNING)
# For a question about a document itself, the ends of this many of the documents retrieved.
_ENDS = 2
# How many chunks saying what a thing is (or what to watch) such a question puts first.
_SAYING = 1


# The shortest name a two- or three-letter word is read as abbreviating.
MIN_ABBREVIATED = 5


# A short word as typed: lower case, or a code in capitals.
_TYPED_SHORT = re.compile(r"(?<![\w'’-])[a-z]{2,4}(?![\w-])|(?<![\w'’])[A-Z]{2,3}(?![\w'’])")


def _abbreviates(word: str, name: str) -> bool:
    """Whether `word` is how one shortens `name`: its first letters ("kaz"), or its first letter
    and one of the next two ("kz")."""
    if name.startswith(word):
        return True
    return len(word) == 2 and word[0] == name[0] and word[1] in name[1:3]


class LexicalIndex:
    """BM25 over every stored chunk, rebuilt whenever the store's revision changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._revision: str | None = None
        self._chunks: list[StoredChunk] = []
        self._bm25: bm25s.BM25 | None = None
        self._df: Counter[str] = Counter()
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self._ends: dict[str, tuple[StoredChunk, StoredChunk]] = {}
        self._by_source: dict[str, list[StoredChunk]] = {}
        self._sites: dict[str, StoredChunk] = {}
        self._texts: dict[str, str] = {}
        self._names: list[str] = []
        self._name_vectors: tuple[str | None, np.ndarray] | None = None
        self._name_cache: dict[str, np.ndarray] = {}

    def search(self, query: str, k: int) -> list[tuple[StoredChunk, float]]:
        """Chunks scoring above zero for the query's terms, best first."""
        chunks, bm25 = self._current()
        tokens = terms(query)
        if bm25 is None or not tokens:
            return []
        scores = bm25.get_scores(tokens)
        ranked = sorted(range(len(chunks)), key=lambda i: (-scores[i], chunks[i].id))
        return [(chunks[i], float(scores[i])) for i in ranked[:k] if scores[i] > 0]

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term over the chunks (high when unseen)."""
        n = len(self._chunks)
        df = self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def aliases(self, text: str) -> list[str]:
        """Corpus names standing for names in `text` that the corpus never uses.

        A question may name a thing differently from the documents ("Baku" for Azerbaijan,
        "Washington" for America); searching for the corpus's own name finds the passages.
        """
        self._current()
        short = list(dict.fromkeys(self._abbreviated(text).values()))
        # "the Kremlin" is searched as the documents name the country or capital it stands for.
        corpus = set(self._names)
        seats = [p for places in seats_of_power(text).values() for p in places if p in corpus]
        short = list(dict.fromkeys([*short, *seats]))
        strangers = unseen_names(text, self.idf)
        known = self._known_name_vectors()
        if not strangers or known is None:
            return short
        asked = np.asarray(self.store.embeddings.embed_documents(strangers), dtype=np.float32)
        sims = asked @ known.T
        return list(
            dict.fromkeys(
                [
                    *short,
                    *(
                        self._names[int(row.argmax())]
                        for row in sims
                        if float(row.max()) >= NAME_SIMILARITY
                    ),
                ]
            )
        )

    def spell_out(self, text: str) -> str:
        """`text` with the short words that abbreviate corpus names written out ("kz" ->
        "Kazakhstan"): the embedding model reads the name, not the letters."""
        self._current()
        names = self._abbreviated(text)
        if not names:
            return text
        pattern = r"(?<![\w'’])(" + "|".join(map(re.escape, names)) + r")(?!\w|-[a-z])"
        return re.sub(pattern, lambda m: names[m.group(1)], text)

    def _abbreviated(self, text: str) -> dict[str, str]:
        """Corpus names that a short word the corpus never uses abbreviates, as one types on a
        phone: "kaz" or "kz" for Kazakhstan, "az" for Azerbaijan, "KZ", "luka". The word must be
        the name's first letters, or its first letter and one of the next two ("kz"), and fit
        one name only (names that begin with another, "Russia" and "Russian", are one)."""
        unseen = self.idf("\x00")
        single = [n for n in self._names if n.isalpha() and len(n) >= MIN_ABBREVIATED]
        found: dict[str, str] = {}
        plain = re.sub(r"['’]s\b", "", text)
        for word in dict.fromkeys(_TYPED_SHORT.findall(plain)):
            low = word.lower()
            if low in STOPWORDS or any(self.idf(t) < unseen for t in terms(low)):
                continue
            fits = [n for n in single if _abbreviates(low, n.lower())]
            roots = {n for n in fits if not any(m != n and n.startswith(m) for m in fits)}
            if len(roots) == 1:
                found[word] = roots.pop()
        return found

    def _known_name_vectors(self) -> np.ndarray | None:
        """Embeddings of the corpus's names, stacked once per revision and only when needed.

        Each name is embedded once for the life of the index: after an ingest only the names
        it brought are new (about 1.3 ms each on 2 cores).
        """
        if not self._names:
            return None
        cached = self._name_vectors
        if cached is None or cached[0] != self._revision:
            revision, names = self._revision, self._names
            missing = [n for n in names if n not in self._name_cache]
            if missing:
                vectors = self.store.embeddings.embed_documents(missing)
                self._name_cache.update(
                    zip(missing, np.asarray(vectors, dtype=np.float32), strict=True)
                )
            stacked = np.stack([self._name_cache[n] for n in names])
            cached = self._name_vectors = (revision, stacked)
        return cached[1]

    def document_ends(self) -> dict[str, tuple[StoredChunk, StoredChunk]]:
        """The first chunk (title, date line) and the last chunk of every indexed document,
        as of the last search (like `idf`: the search has just checked the revision)."""
        return self._ends

    def document_head(self, source: str, chars: int) -> list[StoredChunk]:
        """The chunks of a document starting within its first `chars` characters, as of the
        last search."""
        return [
            c for c in self._by_source.get(source, []) if int(c.metadata.get("start", 0)) < chars
        ]

    def document_sites(self) -> dict[str, StoredChunk]:
        """The first chunk naming a web site ("Charter97.org") of every document naming one,
        as of the last search."""
        return self._sites

    def having(self, source: str, says: Callable[[str], bool]) -> list[StoredChunk]:
        """The chunks of a document with a sentence that `says` holds of: one saying what a
        subject is ("Russia, in fact, is a pariah country"), or what deserves watching; as of
        the last search."""
        text = self._document_text(source)
        starts = [a for a, b in self._sentences.get(source, []) if says(text[a:b])]
        return [
            c
            for c in self._by_source.get(source, [])
            if any(
                int(c.metadata.get("start", 0)) <= a < int(c.metadata.get("start", 0)) + len(c.text)
                for a in starts
            )
        ]

    def preceding(self, source: str, start: int, n: int) -> list[str]:
        """The texts of up to n document sentences ending before `start`, nearest first."""
        spans = self._sentences.get(source, [])
        text = self._document_text(source)
        i = bisect.bisect_left(spans, (start, -1))
        before = [(a, b) for a, b in spans[max(0, i - n) : i] if b <= start and b <= len(text)]
        return [text[a:b] for a, b in reversed(before)]

    def _document_text(self, source: str) -> str:
        if source not in self._texts:
            stored = self.store.get_document(source)
            self._texts[source] = stored[0] if stored else ""
        return self._texts[source]

    def extend_back(self, passage: Passage, start: int, end: int) -> Passage | None:
        """A passage from the document sentence before `start` through `end`, if there is one."""
        spans = self._sentences.get(passage.source, [])
        i = bisect.bisect_left(spans, (start, -1)) - 1
        if i < 0 or spans[i][1] > start:
            return None
        text = self._document_text(passage.source)
        first = spans[i][0]
        if len(text) < end:
            return None
        own = next((s for s in spans if s[0] == start), (start, end))
        return replace(
            passage,
            id=f"{passage.id}<{first}",
            text=text[first:end],
            start=first,
            end=end,
            sentences=(spans[i], own),
            closes_document=passage.closes_document and end >= passage.end,
        )

    def _current(self) -> tuple[list[StoredChunk], bm25s.BM25 | None]:
        revision = self.store.revision()
        with self._lock:
            if revision != self._revision:
                chunks = self.store.all_chunks()
                bm25 = None
                tokens = [terms(c.text) for c in chunks]
                if chunks:
                    bm25 = bm25s.BM25()
                    # An empty token list breaks bm25s; a placeholder term matches nothing.
                    bm25.index([t or ["\x00"] for t in tokens], show_progress=False)
                self._df = Counter(t for doc in tokens for t in set(doc))
                self._sentences = _sentence_index(chunks)
                self._by_source = _by_source(chunks)
                self._ends = {src: (own[0], own[-1]) for src, own in self._by_source.items()}
                self._sites = _document_sites(chunks)
                self._texts = {}
                self._names = sorted({n for c in chunks for n in inner_names(c.text) if len(n) > 1})
                self._chunks, self._bm25, self._revision = chunks, bm25, revision
                logger.debug("lexical index rebuilt: %d chunks", len(chunks))
            return self._chunks, self._bm25


class HybridRetriever(BaseRetriever):
    """Dense and BM25 candidates fused with weighted reciprocal-rank fusion."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Any
    settings: Settings
    _lexical: LexicalIndex = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        """Create the lexical index over the same store."""
        self._lexical = LexicalIndex(self.store)

    @property
    def lexical(self) -> LexicalIndex:
        """The BM25 side, whose term statistics the answerer shares."""
        return self._lexical

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        s = self.settings
        if aliases := self._lexical.aliases(query):
            query = f"{query} ({', '.join(aliases)})"
        dense = self.store.dense_search(query, s.fetch_k)
        lexical = self._lexical.search(query, s.fetch_k)
        sentence = self._by_best_sentence(query, [c for c, _ in dense] + [c for c, _ in lexical])
        fused: dict[str, dict[str, Any]] = {}
        for weight, hits, kind in (
            (s.dense_weight, dense, "dense"),
            (s.lexical_weight, lexical, "lexical"),
            (s.sentence_weight, sentence, "sentence"),
        ):
            for rank, (chunk, score) in enumerate(hits):
                entry = fused.setdefault(
                    chunk.id,
                    {"chunk": chunk, "rrf": 0.0, "dense": 0.0, "lexical": 0.0, "sentence": 0.0},
                )
                entry["rrf"] += weight / (s.rrf_k + rank + 1)
                entry[kind] = score
        ranked = sorted(fused.values(), key=lambda e: (-e["rrf"], e["chunk"].id))[: s.top_k]
        ends = self._lexical.document_ends()
        about = document_question(query)
        if about in ("views", "published", "subhead", "opening", "title", "ending"):
            index = 1 if about == "ending" else 0
            ranked = self._first(ranked, lambda src: [ends[src][index]] if src in ends else [])
        elif about == "speaker":
            # Whom an interview quotes is introduced near its top.
            ranked = self._first(
                ranked, lambda src: self._lexical.document_head(src, SPEAKER_CHARS)
            )
        elif subject := described_subject(query):
            # "What label does he apply to Russia?" is answered where the documents say what
            # Russia is ("Russia, in fact, is a pariah country"), whatever words it shares.
            ranked = self._first(ranked, self._saying(lambda t: says_what_is(subject, t)))
        elif asks_what_to_watch(query):
            # "What should we be watching now?" is answered where the documents say what
            # deserves watching ("it is extremely important to follow ..."), whatever it is.
            ranked = self._first(ranked, self._saying(says_what_to_watch))
        elif about == "outlet":
            # Which site ran a piece is said where it first names one ("Charter97.org").
            sites = self._lexical.document_sites()
            ranked = self._first(ranked, lambda src: [sites[src]] if src in sites else [])
        return [
            Document(
                id=e["chunk"].id,
                page_content=e["chunk"].text,
                metadata={
                    **e["chunk"].metadata,
                    "score": e["rrf"],
                    "dense": e["dense"],
                    "lexical": e["lexical"],
                    "closes": _closes(e["chunk"], ends),
                },
            )
            for e in ranked
        ]

    def _saying(self, says: Callable[[str], bool]) -> Callable[[str], list[StoredChunk]]:
        """For a document, its first chunks with a sentence that `says` holds of."""
        return lambda src: self._lexical.having(src, says)[:_SAYING]

    def _first(
        self, ranked: list[dict[str, Any]], chosen: Callable[[str], list[StoredChunk]]
    ) -> list[dict[str, Any]]:
        """The ranking with the chosen chunks of each of its first documents moved to the top.

        The headline and date line sit at the top of a document, its last words at the
        bottom; a question about them ("On what day was this piece published?", "How does
        the interview end?") resembles them in no other way.
        """
        sources = dict.fromkeys(str(e["chunk"].metadata.get("source", "")) for e in ranked)
        first = []
        for source in list(sources)[:_ENDS]:
            for chunk in chosen(source):
                entry = next((e for e in ranked if e["chunk"].id == chunk.id), None)
                first.append(entry or {"chunk": chunk, "rrf": 0.0, "dense": 0.0, "lexical": 0.0})
        ids = {e["chunk"].id for e in first}
        return [*first, *(e for e in ranked if e["chunk"].id not in ids)][: self.settings.top_k]

    def _by_best_sentence(
        self, query: str, candidates: list[StoredChunk]
    ) -> list[tuple[StoredChunk, float]]:
        """Candidate chunks ordered by the dense similarity of their best sentence to the query."""
        encode = getattr(self.store.embeddings, "encode_with_tokens", None)
        unique = list({c.id: c for c in candidates}.values())
        if encode is None or not unique or self.settings.sentence_weight <= 0:
            return []
        texts: list[str] = []
        owners: list[int] = []
        for i, chunk in enumerate(unique):
            start = int(chunk.metadata.get("start", 0))
            spans = decode_spans(chunk.metadata.get("sentences")) or (
                (start, start + len(chunk.text)),
            )
            for a, b in spans:
                texts.append(chunk.text[a - start : b - start])
                owners.append(i)
        vectors, _ = encode([query, *texts])
        sims = vectors[1:] @ vectors[0]
        best = [-1.0] * len(unique)
        for owner, sim in zip(owners, sims, strict=True):
            best[owner] = max(best[owner], float(sim))
        order = sorted(range(len(unique)), key=lambda i: (-best[i], unique[i].id))
        return [(unique[i], best[i]) for i in order]


def _sentence_index(chunks: list[StoredChunk]) -> dict[str, list[tuple[int, int]]]:
    """Every stored sentence span per document, in order."""
    spans: dict[str, set[tuple[int, int]]] = {}
    for c in chunks:
        source = str(c.metadata.get("source", ""))
        spans.setdefault(source, set()).update(decode_spans(c.metadata.get("sentences")))
    return {source: sorted(found) for source, found in spans.items()}


def _closes(chunk: StoredChunk, ends: dict[str, tuple[StoredChunk, StoredChunk]]) -> bool:
    """Whether the chunk is the last of its document."""
    last = ends.get(str(chunk.metadata.get("source", "")))
    return last is not None and last[1].id == chunk.id


def _by_source(chunks: list[StoredChunk]) -> dict[str, list[StoredChunk]]:
    """The chunks of every document, in document order."""
    by_source: dict[str, list[StoredChunk]] = {}
    for c in chunks:
        by_source.setdefault(str(c.metadata.get("source", "")), []).append(c)
    for own in by_source.values():
        own.sort(key=lambda c: int(c.metadata.get("start", 0)))
    return by_source


def _document_sites(chunks: list[StoredChunk]) -> dict[str, StoredChunk]:
    """The earliest chunk naming a web site, of every document that names one."""
    sites: dict[str, StoredChunk] = {}
    for c in chunks:
        source = str(c.metadata.get("source", ""))
        earlier = sites.get(source)
        start = int(c.metadata.get("start", 0))
        if (earlier is None or start < int(earlier.metadata.get("start", 0))) and names_a_site(
            c.text
        ):
            sites[source] = c
    return sites


def to_passage(doc: Document) -> Passage:
    """Convert a retrieved LangChain Document into the project's plain Passage."""
    m = doc.metadata
    return Passage(
        id=str(doc.id),
        source=str(m.get("source", "")),
        title=str(m.get("title", "")),
        date=str(m.get("date", "")),
        text=doc.page_content,
        start=int(m.get("start", 0)),
        end=int(m.get("end", len(doc.page_content))),
        score=float(m.get("score", 0.0)),
        sentences=decode_spans(m.get("sentences")),
        dense_score=float(m.get("dense", 0.0)),
        lexical_score=float(m.get("lexical", 0.0)),
        closes_document=bool(m.get("closes", False)),
    )
