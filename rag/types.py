"""Plain project types that cross package boundaries (no LangChain or chromadb objects)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["user", "assistant"]
# Long work reports (fraction done, what it is doing) through one of these.
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Message:
    """One turn of a conversation."""

    role: Role
    content: str


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of a stored document, with its place in the source text."""

    id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    score: float
    # Sentence spans as absolute (start, end) offsets in the source text.
    sentences: tuple[tuple[int, int], ...] = ()
    date: str = ""
    dense_score: float = 0.0
    lexical_score: float = 0.0
    # True when the passage is the last chunk of its document.
    closes_document: bool = False

    def sentence_texts(self) -> list[tuple[int, int, str]]:
        """Return (start, end, text) for each sentence of the passage."""
        spans = self.sentences or ((self.start, self.end),)
        return [(s, e, self.text[s - self.start : e - self.start]) for s, e in spans]


@dataclass(frozen=True)
class Citation:
    """A cited passage: `text` is exactly `source_text[start:end]`."""

    n: int
    source: str
    title: str
    text: str
    start: int
    end: int
    score: float
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the citation as the JSON object of the answer contract."""
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """An answer with `[n]` markers, each backed by a citation."""

    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    # What was searched for (the question, expanded with history for follow-ups).
    query: str = ""
    # Everything retrieved, in rank order; evaluation scores retrieval from it.
    passages: tuple[Passage, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the answer JSON of the contract in shared/CONTRACTS.md."""
        return {
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "query": self.query,
        }


@dataclass(frozen=True)
class DocumentInfo:
    """One indexed document."""

    source: str
    title: str
    chunks: int
    chars: int
    content_hash: str
    date: str = ""
    publisher: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the document description as a JSON-ready dict."""
        return asdict(self)


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    files: int = 0
    added: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0
    documents: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        return asdict(self)

    def summary(self) -> str:
        """Return a one-line human summary."""
        return (
            f"{self.files} file(s): {self.added} chunk(s) added, {self.unchanged} unchanged, "
            f"{self.removed} removed in {self.seconds:.1f}s"
            + (f"; {len(self.errors)} error(s)" if self.errors else "")
        )


HistoryItem = str | Message | Mapping[str, str]


def normalize_history(history: Sequence[HistoryItem] | None) -> list[Message]:
    """Turn plain strings (user turns) or role/content dicts into Messages, dropping empty turns."""
    messages: list[Message] = []
    for item in history or ():
        if isinstance(item, Message):
            msg = item
        elif isinstance(item, str):
            msg = Message("user", item)
        else:
            role = str(item.get("role", "user"))
            if role not in ("user", "assistant"):
                continue
            msg = Message("user" if role == "user" else "assistant", str(item.get("content", "")))
        if msg.content.strip():
            messages.append(Message(msg.role, msg.content.strip()))
    return messages
