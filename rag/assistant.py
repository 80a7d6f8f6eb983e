"""The facade: one object that indexes documents and answers questions about them."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from index.ingest import bundled_corpus, delete_document, ingest_document, ingest_paths
from index.loaders import SUPPORTED_SUFFIXES, load_bytes
from rag.answer import Answerer, ExtractiveAnswerer
from rag.chain import build_chain, is_follow_up
from rag.embeddings import load_embeddings
from rag.errors import ConfigurationError, DocumentError, InvalidQuestion, UnknownDocument
from rag.retrieval import HybridRetriever
from rag.settings import Settings
from rag.store import Store
from rag.types import (
    Answer,
    DocumentInfo,
    HistoryItem,
    IngestReport,
    Message,
    Progress,
    normalize_history,
)

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000


class Assistant:
    """Answers questions about the indexed documents with cited passages."""

    supported_suffixes: tuple[str, ...] = SUPPORTED_SUFFIXES

    def __init__(self, settings: Settings, answerer: Answerer | None = None) -> None:
        self.settings = settings
        self.embeddings = load_embeddings(settings)
        self.store = Store(settings, self.embeddings)
        self.retriever = HybridRetriever(store=self.store, settings=settings)
        self.answerer = answerer or self._default_answerer()
        self.chain = build_chain(self.retriever, self.answerer, settings.history_turns)
        # Chroma's local client and the lexical index tolerate concurrent readers, but one
        # writer at a time keeps an ingest from interleaving with a delete of the same document.
        self._write_lock = threading.Lock()

    def _default_answerer(self) -> Answerer:
        if self.settings.answerer != "extractive":
            raise ConfigurationError(
                f"answerer {self.settings.answerer!r} is not available yet; "
                "use RAG_ANSWERER=extractive"
            )
        lexical = self.retriever.lexical
        return ExtractiveAnswerer(
            self.settings,
            self.embeddings,
            lexical.idf,
            extend_back=lexical.extend_back,
            preceding=lexical.preceding,
            aliases=lexical.aliases,
            spell_out=lexical.spell_out,
        )

    # -- read path ----------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[HistoryItem] = ()) -> Answer:
        """Answer a question, using earlier turns to understand follow-ups."""
        question = _clean_question(question)
        messages = tuple(normalize_history(history))
        if messages and is_follow_up(question):
            messages = self._with_replies(messages)
        answer: Answer = self.chain.invoke({"question": question, "history": messages})
        return answer

    def _with_replies(self, messages: tuple[Message, ...]) -> tuple[Message, ...]:
        """The history with this assistant's reply after each recent question that has none.

        A follow-up leans on what was answered before ("Does he think it will work?"). A
        client that sends only its earlier questions gets the replies they would have had.
        """
        recent = self.settings.history_turns
        out: list[Message] = []
        for i, m in enumerate(messages):
            out.append(m)
            unanswered = m.role == "user" and (
                i + 1 == len(messages) or messages[i + 1].role != "assistant"
            )
            later_questions = sum(1 for x in messages[i + 1 :] if x.role == "user")
            if unanswered and later_questions < recent:
                reply = self.chain.invoke({"question": m.content, "history": tuple(out[:-1])})
                out.append(Message("assistant", reply.answer))
        return tuple(out)

    def stream(self, question: str, history: Sequence[HistoryItem] = ()) -> Iterator[str | Answer]:
        """Yield the answer text in pieces, then the complete Answer."""
        answer = self.ask(question, history)
        yield from re.findall(r"\S+\s*", answer.answer)
        yield answer

    def ready(self) -> bool:
        """True once the index holds at least one chunk."""
        return self.store.count() > 0

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Normalized embeddings of texts, from the model the index uses."""
        return self.embeddings.embed_documents(list(texts))

    # -- documents ----------------------------------------------------------------------

    def ingest(self, paths: Sequence[Path] = (), progress: Progress | None = None) -> IngestReport:
        """Index files and folders; no paths indexes the bundled article."""
        with self._write_lock:
            return ingest_paths(
                self.store, self.settings, list(paths) or bundled_corpus(), progress
            )

    def ingest_upload(
        self, filename: str, data: bytes, progress: Progress | None = None
    ) -> IngestReport:
        """Index the content of an uploaded file under its (base) file name."""
        name = Path(filename.replace("\\", "/")).name
        if not name or name.startswith("."):
            raise DocumentError(f"{filename!r} is not a usable file name")
        started = time.perf_counter()
        doc = load_bytes(name, data)
        report = IngestReport(files=1)
        with self._write_lock:
            ingest_document(self.store, self.settings, doc, report, progress)
        report.seconds = time.perf_counter() - started
        return report

    def bundled_sources(self) -> list[str]:
        """Source names of the bundled corpus (the article shipped with the package)."""
        return [p.name for p in bundled_corpus()]

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document."""
        return self.store.documents()

    def document_text(self, source: str) -> str:
        """The full stored text of a document (citation offsets refer to it)."""
        stored = self.store.get_document(source)
        if stored is None:
            raise UnknownDocument(f"no indexed document named {source!r}")
        return stored[0]

    def delete(self, source: str) -> int:
        """Remove a document; return how many chunks went with it."""
        with self._write_lock:
            return delete_document(self.store, source)

    def close(self) -> None:
        """Release the store."""
        self.store.close()


def _clean_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InvalidQuestion("the question is empty: type a question about the documents")
    question = " ".join(question.split())
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(
            f"the question is {len(question)} characters long; keep it under {MAX_QUESTION_CHARS}"
        )
    return question
