"""Ingestion: idempotent re-ingest, no stale chunks, bad files leave the index untouched."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bad_files import BAD_FILES

from index.ingest import bundled_corpus
from index.loaders import load_document
from index.splitter import split_sentences
from rag.assistant import Assistant
from rag.errors import UnknownDocument
from rag.settings import Settings
from rag.store import decode_spans

TITLE = "Political Analyst: Tokayev Made This Decision For A Reason"
ARTICLE = "charter97-2025-11-14-tokayev.txt"

NOTES = (
    "Walrus notes\n"
    "The colony on Zyxqua Island grew to 400 animals. Researchers counted them by drone.\n"
    "Most walruses rested on the northern beach. A few swam near the old pier.\n"
    "The count will be repeated in the autumn. Funding comes from the polar institute.\n"
)


@pytest.fixture
def assistant(tmp_path: Path) -> Iterator[Assistant]:
    """An empty index with small chunks, so a short file makes several of them."""
    assistant = Assistant(Settings(data_dir=tmp_path / "data", chunk_size=100))
    yield assistant
    assistant.close()


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _snapshot(assistant: Assistant) -> dict[str, Any]:
    """Everything a user could observe about the index."""
    docs = assistant.documents()
    return {
        "documents": [d.to_dict() for d in docs],
        "texts": {d.source: assistant.document_text(d.source) for d in docs},
        "chunks": sorted((c.id, c.text, c.metadata["source"]) for c in _all_chunks(assistant)),
    }


def _all_chunks(assistant: Assistant) -> list[Any]:
    return assistant.store.all_chunks()


def _chunks_of(assistant: Assistant, source: str) -> list[Any]:
    return [c for c in _all_chunks(assistant) if c.metadata["source"] == source]


def test_the_bundled_article_is_indexed_with_its_metadata(article_assistant: Assistant) -> None:
    (info,) = article_assistant.documents()
    assert info.source == ARTICLE
    assert (info.title, info.date, info.publisher) == (TITLE, "2025-11-14", "Charter97")
    assert info.chunks > 1
    assert info.chunks == len(article_assistant.store.chunk_ids(ARTICLE))
    assert info.chars == len(article_assistant.document_text(ARTICLE))


def test_the_stored_text_is_the_loaded_text(article_assistant: Assistant) -> None:
    (path,) = [p for p in bundled_corpus() if p.name == ARTICLE]
    assert article_assistant.document_text(ARTICLE) == load_document(path).text


def test_every_stored_chunk_is_whole_sentences_sliced_from_its_document(
    article_assistant: Assistant,
) -> None:
    text = article_assistant.document_text(ARTICLE)
    sentences = split_sentences(text)
    chunks = _chunks_of(article_assistant, ARTICLE)
    covered = set()
    for chunk in chunks:
        start, end = chunk.metadata["start"], chunk.metadata["end"]
        assert chunk.text == text[start:end]
        spans = decode_spans(chunk.metadata["sentences"])
        assert spans and spans[0][0] == start and spans[-1][1] == end
        assert set(spans) <= set(sentences)
        assert chunk.metadata["title"] == TITLE
        assert chunk.metadata["date"] == "2025-11-14"
        covered.update(spans)
    assert covered == set(sentences)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.md", "# Walrus notes\n\n" + NOTES),
        ("notes.txt", NOTES),
        (
            "notes.html",
            "<html><head><title>Walrus notes</title></head><body>"
            + "".join(f"<p>{line}</p>" for line in NOTES.splitlines())
            + "</body></html>",
        ),
    ],
)
def test_every_file_type_is_chunked_from_the_stored_text(
    tmp_path: Path, assistant: Assistant, name: str, content: str
) -> None:
    report = assistant.ingest([_write(tmp_path / "docs" / name, content)])
    assert report.errors == []
    assert report.added > 1
    text = assistant.document_text(name)
    assert "400 animals" in text
    chunks = _chunks_of(assistant, name)
    assert len(chunks) == report.added
    for chunk in chunks:
        assert chunk.text == text[chunk.metadata["start"] : chunk.metadata["end"]]


def test_reingesting_an_unchanged_file_changes_nothing(
    tmp_path: Path, assistant: Assistant
) -> None:
    path = _write(tmp_path / "notes.txt", NOTES)
    first = assistant.ingest([path])
    assert first.added > 1
    before = _snapshot(assistant)
    count = assistant.store.count()

    again = assistant.ingest([path])

    assert again.errors == []
    assert (again.added, again.removed) == (0, 0)
    assert again.unchanged == first.added
    assert assistant.store.count() == count
    assert _snapshot(assistant) == before


def test_a_changed_file_leaves_no_stale_chunks(tmp_path: Path, assistant: Assistant) -> None:
    path = _write(tmp_path / "notes.txt", NOTES)
    assistant.ingest([path])
    old_ids = assistant.store.chunk_ids("notes.txt")
    new_text = (
        NOTES.replace("Zyxqua Island", "Bear Island")
        .replace("A few swam near the old pier.", "None went into the water.")
        .rstrip()
        + "\nA second survey is planned for next spring.\n"
    )
    _write(path, new_text)

    report = assistant.ingest([path])

    assert report.errors == []
    assert report.removed > 0
    assert report.added > 0
    stored = assistant.document_text("notes.txt")
    assert stored == new_text.strip()
    chunks = _chunks_of(assistant, "notes.txt")
    assert len(chunks) == len(old_ids) - report.removed + report.added
    for chunk in chunks:
        assert chunk.text == stored[chunk.metadata["start"] : chunk.metadata["end"]]
        assert "Zyxqua" not in chunk.text
        assert "old pier" not in chunk.text
    assert any("second survey" in c.text for c in chunks)
    (info,) = assistant.documents()
    assert info.chunks == len(chunks)
    assert info.chars == len(stored)
    assert assistant.retriever.lexical.search("Zyxqua", 5) == []


def test_a_new_title_in_the_sidecar_reaches_every_chunk(
    tmp_path: Path, assistant: Assistant
) -> None:
    path = _write(tmp_path / "notes.txt", NOTES)
    sidecar = tmp_path / "notes.txt.meta.json"
    _write(sidecar, json.dumps({"title": "Old title", "date": "2024-01-01"}))
    assistant.ingest([path])
    _write(sidecar, json.dumps({"title": "New title", "date": "2024-02-02"}))

    report = assistant.ingest([path])

    assert report.errors == []
    (info,) = assistant.documents()
    assert (info.title, info.date) == ("New title", "2024-02-02")
    chunks = _chunks_of(assistant, "notes.txt")
    assert chunks and len(chunks) == info.chunks
    assert {(c.metadata["title"], c.metadata["date"]) for c in chunks} == {
        ("New title", "2024-02-02")
    }
    passages = assistant.retriever.invoke("colony on Zyxqua Island")
    assert passages and {p.metadata["title"] for p in passages} == {"New title"}


def test_a_folder_is_ingested_recursively_skipping_other_files(
    tmp_path: Path, assistant: Assistant
) -> None:
    folder = tmp_path / "docs"
    _write(folder / "walrus.md", "# Walruses\n\nWalruses rest on ice floes.\n")
    _write(folder / "deep" / "seals.txt", "Seals\nSeals hunt fish under the ice.\n")
    _write(folder / "deep" / "seals.txt.meta.json", json.dumps({"publisher": "Polar News"}))
    _write(folder / "page.html", "<html><body><p>Terns fly far south.</p></body></html>")
    _write(folder / "picture.png", b"\x89PNG\r\n\x1a\n\x00")

    report = assistant.ingest([folder])

    assert report.errors == []
    assert report.files == 3
    docs = {d.source: d for d in assistant.documents()}
    # Files found in a folder are named by their path inside it.
    assert set(docs) == {"walrus.md", "deep/seals.txt", "page.html"}
    assert docs["deep/seals.txt"].publisher == "Polar News"


def test_files_with_the_same_name_in_two_folders_do_not_silently_replace_each_other(
    tmp_path: Path, assistant: Assistant
) -> None:
    folder = tmp_path / "docs"
    _write(folder / "2023" / "notes.txt", "Notes\nThe alpha walrus colony grew to 400 animals.\n")
    _write(folder / "2024" / "notes.txt", "Notes\nThe beta seal colony shrank to 90 animals.\n")

    report = assistant.ingest([folder])

    texts = [assistant.document_text(d.source) for d in assistant.documents()]
    kept_both = any("alpha" in t for t in texts) and any("beta" in t for t in texts)
    # Either both are indexed (under distinct names) or the clash is reported.
    assert kept_both or report.errors


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_reported_and_leaves_the_index_untouched(
    tmp_path: Path, assistant: Assistant, kind: str
) -> None:
    assistant.ingest([_write(tmp_path / "notes.txt", NOTES)])
    before = _snapshot(assistant)
    name, data = BAD_FILES[kind]
    bad = tmp_path / name if data is None else _write(tmp_path / name, data)

    report = assistant.ingest([bad])

    assert len(report.errors) == 1
    assert name in report.errors[0]
    assert "\n" not in report.errors[0]
    assert report.added == 0
    assert report.documents == []
    assert _snapshot(assistant) == before


def test_a_good_and_a_bad_file_in_one_ingest(tmp_path: Path, assistant: Assistant) -> None:
    assistant.ingest([_write(tmp_path / "notes.txt", NOTES)])
    earlier = _snapshot(assistant)
    good = _write(tmp_path / "seals.md", "# Seals\n\nSeals hunt fish under the ice.\n")
    bad = _write(tmp_path / "menu.txt", b"caf\xe9 au lait")

    report = assistant.ingest([good, bad])

    assert report.documents == ["seals.md"]
    assert len(report.errors) == 1 and "menu.txt" in report.errors[0]
    assert report.added > 0
    assert {d.source for d in assistant.documents()} == {"notes.txt", "seals.md"}
    now = _snapshot(assistant)
    assert now["texts"]["notes.txt"] == earlier["texts"]["notes.txt"]
    notes_chunks = [c for c in now["chunks"] if c[2] == "notes.txt"]
    assert notes_chunks == earlier["chunks"]


def test_delete_removes_a_document_and_its_chunks(tmp_path: Path, assistant: Assistant) -> None:
    assistant.ingest([_write(tmp_path / "notes.txt", NOTES)])
    assistant.ingest([_write(tmp_path / "seals.md", "# Seals\n\nSeals hunt fish.\n")])
    seals_before = [c for c in _snapshot(assistant)["chunks"] if c[2] == "seals.md"]
    chunks = len(assistant.store.chunk_ids("notes.txt"))

    removed = assistant.delete("notes.txt")

    assert removed == chunks > 0
    assert [d.source for d in assistant.documents()] == ["seals.md"]
    assert assistant.store.chunk_ids("notes.txt") == set()
    with pytest.raises(UnknownDocument):
        assistant.document_text("notes.txt")
    passages = assistant.retriever.invoke("Zyxqua Island walrus colony")
    assert {p.metadata["source"] for p in passages} == {"seals.md"}
    assert [c for c in _snapshot(assistant)["chunks"] if c[2] == "seals.md"] == seals_before


def test_deleting_an_unknown_document_raises_and_names_what_is_indexed(
    tmp_path: Path, assistant: Assistant
) -> None:
    assistant.ingest([_write(tmp_path / "notes.txt", NOTES)])
    before = _snapshot(assistant)
    with pytest.raises(UnknownDocument, match=r"'nope\.txt'.*notes\.txt"):
        assistant.delete("nope.txt")
    assistant.delete("notes.txt")
    with pytest.raises(UnknownDocument):
        assistant.delete("notes.txt")
    assert before["documents"] and assistant.documents() == []


def test_a_deleted_document_can_be_ingested_again(tmp_path: Path, assistant: Assistant) -> None:
    path = _write(tmp_path / "notes.txt", NOTES)
    first = assistant.ingest([path])
    assistant.delete("notes.txt")
    again = assistant.ingest([path])
    assert again.added == first.added
    assert len(assistant.store.chunk_ids("notes.txt")) == first.added


def test_progress_goes_from_zero_to_done(tmp_path: Path, assistant: Assistant) -> None:
    calls: list[tuple[float, str]] = []
    paths = [_write(tmp_path / "a.txt", NOTES), _write(tmp_path / "b.md", "# B\n\nSeals swim.\n")]
    assistant.ingest(paths, progress=lambda frac, msg: calls.append((frac, msg)))
    fractions = [f for f, _ in calls]
    assert fractions and all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
