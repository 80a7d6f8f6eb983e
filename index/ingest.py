"""Incremental, idempotent ingestion: files -> sentence chunks -> embeddings -> Chroma."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from index.loaders import SIDECAR_SUFFIX, SUPPORTED_SUFFIXES, LoadedDocument, load_document
from index.splitter import SentenceSplitter
from rag.errors import DocumentError, UnknownDocument
from rag.settings import Settings
from rag.store import Store, StoredChunk, encode_spans
from rag.types import IngestReport, Progress

logger = logging.getLogger(__name__)


def bundled_corpus() -> list[Path]:
    """Files of the corpus shipped with the package (the Charter97 article)."""
    folder = Path(str(resources.files("index") / "corpus"))
    return sorted(p for p in folder.iterdir() if _is_document(p))


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """(file, source name) for files named, and for supported files found in named folders.

    A named file is known by its file name; a file found in a folder by its path relative to
    that folder, so `2023/notes.txt` and `2024/notes.txt` stay two documents.
    """
    out: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_document(p))
            out.extend((p, p.relative_to(path).as_posix()) for p in found)
        else:
            out.append((path, path.name))
    return out


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.endswith(SIDECAR_SUFFIX)


def ingest_paths(
    store: Store, settings: Settings, paths: Sequence[Path], progress: Progress | None = None
) -> IngestReport:
    """Index files; a bad file is reported in `errors` and leaves the index untouched."""
    started = time.perf_counter()
    report = IngestReport()
    files = expand_paths(paths)
    loaded: list[LoadedDocument] = []
    claimed: dict[str, Path] = {}
    for path, source in files:
        if source in claimed:
            report.errors.append(
                f"{path}: {claimed[source]} in this ingest is also named {source!r}; "
                "nothing was indexed from it (rename one, or ingest their folder)"
            )
            continue
        claimed[source] = path
        try:
            loaded.append(load_document(path, source))
        except DocumentError as exc:
            report.errors.append(str(exc))
    for i, doc in enumerate(loaded):

        def step(frac: float, msg: str, i: int = i, name: str = doc.source) -> None:
            if progress:
                progress((i + frac) / len(loaded), f"{name}: {msg}")

        ingest_document(store, settings, doc, report, step)
    report.files = len(files)
    report.seconds = time.perf_counter() - started
    if progress:
        progress(1.0, report.summary())
    return report


def ingest_document(
    store: Store,
    settings: Settings,
    doc: LoadedDocument,
    report: IngestReport,
    progress: Progress | None = None,
) -> None:
    """Write one document's chunks unless its content hash is already stored."""
    stored = store.get_document(doc.source)
    old_ids = store.chunk_ids(doc.source)
    if stored and stored[1].get("content_hash") == doc.content_hash and old_ids:
        report.unchanged += len(old_ids)
        report.documents.append(doc.source)
        return
    splitter = SentenceSplitter(settings.chunk_size, settings.chunk_overlap)
    chunks = splitter.split_chunks(doc.text)
    new = [
        StoredChunk(
            id=c.chunk_id(doc.source),
            text=c.text,
            metadata={
                "source": doc.source,
                "title": doc.title,
                "date": doc.date,
                "start": c.start,
                "end": c.end,
                "sentences": encode_spans(c.sentences),
            },
        )
        for c in chunks
    ]
    # Ids derive from source, offsets and text, so a chunk whose id is stored is unchanged,
    # unless the title or date it carries changed: then every chunk is rewritten.
    meta_changed = stored is not None and (
        stored[1].get("title", "") != doc.title or stored[1].get("date", "") != doc.date
    )
    fresh = [c for c in new if meta_changed or c.id not in old_ids]
    store.add_chunks(fresh, progress)
    stale = sorted(old_ids - {c.id for c in new})
    store.delete_chunks(stale)
    store.put_document(
        doc.source,
        doc.text,
        {
            "title": doc.title,
            "date": doc.date,
            "publisher": doc.publisher,
            "content_hash": doc.content_hash,
            "chunks": len(new),
            "chars": len(doc.text),
        },
    )
    report.added += len(fresh)
    report.unchanged += len(new) - len(fresh)
    report.removed += len(stale)
    report.documents.append(doc.source)
    logger.info("indexed %s: %d chunks, %d stale removed", doc.source, len(new), len(stale))


def delete_document(store: Store, source: str) -> int:
    """Remove a document and its chunks; return how many chunks were removed."""
    ids = sorted(store.chunk_ids(source))
    if not ids and store.get_document(source) is None:
        known = ", ".join(d.source for d in store.documents()) or "none"
        raise UnknownDocument(f"no indexed document named {source!r} (indexed: {known})")
    store.delete_chunks(ids)
    store.delete_document(source)
    return len(ids)
