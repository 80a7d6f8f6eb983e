"""Chroma, the single source of truth: a chunks collection (embedded) and a documents collection."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from rag.errors import ConfigurationError
from rag.settings import Settings
from rag.types import DocumentInfo, Progress

logger = logging.getLogger(__name__)

# Documents are stored whole for citation context; Chroma wants a vector for every record,
# so they carry a constant placeholder and are never searched by similarity.
_NO_VECTOR: list[Sequence[float]] = [[0.0]]
_REVISION_ID = "__revision__"


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as stored: id, text and metadata."""

    id: str
    text: str
    metadata: dict[str, Any]


def model_id(settings: Settings) -> str:
    """A stable name for the embedding model (the packaged one's folder differs per install)."""
    return settings.embedding_model or "packaged:all-MiniLM-L6-v2"


def open_client(settings: Settings) -> ClientAPI:
    """Return a Chroma client: a server when RAG_CHROMA_HOST is set, else the local folder."""
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:
        where = (
            f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"the index folder {settings.chroma_dir}"
        )
        raise ConfigurationError(f"cannot open {where}: {exc}") from exc


class Store:
    """Reads and writes chunks and documents; every process sharing the Chroma sees the same."""

    def __init__(self, settings: Settings, embeddings: Embeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.client = open_client(settings)
        self.vectors = Chroma(
            client=self.client,
            collection_name=f"{settings.collection}-chunks",
            embedding_function=embeddings,
            collection_metadata={"hnsw:space": "cosine", "embedding_model": model_id(settings)},
        )
        self._chunks = self.client.get_or_create_collection(
            f"{settings.collection}-chunks", embedding_function=None
        )
        built_with = (self._chunks.metadata or {}).get("embedding_model")
        if built_with and built_with != model_id(settings):
            raise ConfigurationError(
                f"the index in {settings.data_dir} was built with the embedding model "
                f"{built_with!r}, not {model_id(settings)!r}: use a new RAG_DATA_DIR (or "
                "RAG_COLLECTION) for the new model, or set RAG_EMBEDDING_MODEL back"
            )
        self._docs = self.client.get_or_create_collection(
            f"{settings.collection}-docs", embedding_function=None
        )

    # -- chunks -------------------------------------------------------------------------

    def add_chunks(self, chunks: Sequence[StoredChunk], progress: Progress | None = None) -> None:
        """Embed and write chunks in batches the client accepts."""
        batch = max(1, min(self.client.get_max_batch_size(), 256))
        for i in range(0, len(chunks), batch):
            part = chunks[i : i + batch]
            self.vectors.add_texts(
                [c.text for c in part],
                metadatas=[c.metadata for c in part],
                ids=[c.id for c in part],
            )
            if progress:
                progress(
                    min(1.0, (i + len(part)) / len(chunks)), f"embedded {i + len(part)} chunks"
                )
        self._bump_revision()

    def chunk_ids(self, source: str) -> set[str]:
        """Ids of the stored chunks of one document."""
        return set(self._chunks.get(where={"source": source}, include=[])["ids"])

    def delete_chunks(self, ids: Sequence[str]) -> None:
        """Remove chunks by id."""
        batch = max(1, self.client.get_max_batch_size())
        for i in range(0, len(ids), batch):
            self._chunks.delete(ids=list(ids[i : i + batch]))
        if ids:
            self._bump_revision()

    def all_chunks(self) -> list[StoredChunk]:
        """Every stored chunk (for the lexical index)."""
        got = self._chunks.get(include=["documents", "metadatas"])
        docs = got["documents"] or []
        metas = got["metadatas"] or []
        return [
            StoredChunk(id=i, text=t, metadata=dict(m or {}))
            for i, t, m in zip(got["ids"], docs, metas, strict=True)
        ]

    def dense_search(self, query: str, k: int) -> list[tuple[StoredChunk, float]]:
        """Nearest chunks to the query by cosine similarity."""
        count = self._chunks.count()
        if count == 0:
            return []
        vector = self.embeddings.embed_query(query)
        hits = self.vectors.similarity_search_by_vector_with_relevance_scores(
            vector, k=min(k, count)
        )
        return [
            (StoredChunk(id=str(doc.id), text=doc.page_content, metadata=dict(doc.metadata)), 1 - d)
            for doc, d in hits
        ]

    def count(self) -> int:
        """Number of stored chunks."""
        return self._chunks.count()

    def revision(self) -> str:
        """A token that changes whenever any process changes the chunks."""
        got = self._docs.get(ids=[_REVISION_ID], include=["metadatas"])
        metas = got["metadatas"] or []
        token = str(metas[0].get("token", "")) if metas and metas[0] else ""
        return f"{token}:{self._chunks.count()}"

    def _bump_revision(self) -> None:
        self._docs.upsert(
            ids=[_REVISION_ID],
            embeddings=_NO_VECTOR,
            documents=[""],
            metadatas=[{"token": uuid.uuid4().hex, "kind": "revision"}],
        )

    # -- documents ----------------------------------------------------------------------

    def put_document(self, source: str, text: str, metadata: dict[str, Any]) -> None:
        """Store (or replace) a document's full text and metadata."""
        meta = {k: v for k, v in metadata.items() if v is not None}
        meta.update(source=source, kind="document")
        self._docs.upsert(ids=[source], embeddings=_NO_VECTOR, documents=[text], metadatas=[meta])

    def get_document(self, source: str) -> tuple[str, dict[str, Any]] | None:
        """Return (text, metadata) of a stored document, or None."""
        got = self._docs.get(ids=[source], include=["documents", "metadatas"])
        if not got["ids"] or source == _REVISION_ID:
            return None
        docs = got["documents"] or [""]
        metas = got["metadatas"] or [{}]
        return docs[0], dict(metas[0] or {})

    def delete_document(self, source: str) -> None:
        """Forget a document record (its chunks are deleted separately)."""
        self._docs.delete(ids=[source])

    def documents(self) -> list[DocumentInfo]:
        """Every stored document, sorted by source name."""
        got = self._docs.get(where={"kind": "document"}, include=["metadatas"])
        infos = [_document_info(dict(m or {})) for m in got["metadatas"] or []]
        return sorted(infos, key=lambda d: d.source)

    def close(self) -> None:
        """Release the client's resources where the client supports it."""
        close = getattr(self.client, "close", None)
        if callable(close):
            try:
                close()
            except Exception:  # pragma: no cover - best effort on shutdown
                logger.debug("closing the Chroma client failed", exc_info=True)


def _document_info(meta: dict[str, Any]) -> DocumentInfo:
    return DocumentInfo(
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        chunks=int(meta.get("chunks", 0)),
        chars=int(meta.get("chars", 0)),
        content_hash=str(meta.get("content_hash", "")),
        date=str(meta.get("date", "")),
        publisher=str(meta.get("publisher", "")),
    )


def encode_spans(spans: Sequence[tuple[int, int]]) -> str:
    """Serialise sentence spans for Chroma metadata."""
    return json.dumps([list(s) for s in spans], separators=(",", ":"))


def decode_spans(value: Any) -> tuple[tuple[int, int], ...]:
    """Read sentence spans back from Chroma metadata."""
    if not value:
        return ()
    return tuple((int(a), int(b)) for a, b in json.loads(str(value)))
