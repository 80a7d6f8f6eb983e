"""The Chroma store: isolation by data folder, batched writes, document records."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.splitter import SentenceSplitter
from rag.assistant import Assistant
from rag.embeddings import load_embeddings
from rag.errors import ConfigurationError
from rag.settings import Settings
from rag.store import Store, StoredChunk, decode_spans, encode_spans

SENTENCES = [
    "The walrus colony on Zyxqua Island grew to 400 animals.",
    "Researchers counted them from a small drone.",
    "Most walruses rested on the northern beach.",
    "A few young ones swam near the old pier.",
    "The count will be repeated in the autumn.",
    "Funding comes from the polar institute in Tromso.",
    "Local fishermen reported fewer clams this year.",
    "Warmer water may explain the change.",
    "The next report is due in December.",
]


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = Store(settings, load_embeddings(settings))
    yield store
    store.close()


def _chunk(i: int, source: str = "a.txt") -> StoredChunk:
    text = SENTENCES[i % len(SENTENCES)]
    return StoredChunk(
        id=f"{source}-{i}",
        text=text,
        metadata={"source": source, "title": "A", "start": 0, "end": len(text)},
    )


def test_two_data_folders_never_see_each_others_documents(tmp_path: Path) -> None:
    first = Assistant(Settings(data_dir=tmp_path / "one"))
    second = Assistant(Settings(data_dir=tmp_path / "two"))
    try:
        walrus = tmp_path / "walrus.txt"
        walrus.write_text("Walruses\nThe zyxqua walrus colony grew to 400 animals.\n")
        seals = tmp_path / "seals.txt"
        seals.write_text("Seals\nThe grey seals of Qwortle Bay hunt herring.\n")

        first.ingest([walrus])
        assert second.documents() == []
        assert not second.ready()
        assert second.retriever.invoke("zyxqua walrus colony") == []

        second.ingest([seals])
        assert [d.source for d in first.documents()] == ["walrus.txt"]
        assert [d.source for d in second.documents()] == ["seals.txt"]
        found = {d.metadata["source"] for d in first.retriever.invoke("Qwortle Bay seals")}
        assert found == {"walrus.txt"}
    finally:
        first.close()
        second.close()


def test_more_chunks_than_one_batch_are_all_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path / "data", chunk_size=60))
    try:
        store = assistant.store
        monkeypatch.setattr(store.client, "get_max_batch_size", lambda: 3)
        batches: list[int] = []
        add_texts = store.vectors.add_texts

        def spy(texts: list[str], *args: Any, **kwargs: Any) -> list[str]:
            batches.append(len(texts))
            return add_texts(texts, *args, **kwargs)

        monkeypatch.setattr(store.vectors, "add_texts", spy)
        text = "Walrus survey\n" + " ".join(SENTENCES) + "\n"
        path = tmp_path / "survey.txt"
        path.write_text(text)
        expected = SentenceSplitter(60, 0).split_chunks(text.strip())
        assert len(expected) > 3

        report = assistant.ingest([path])

        assert report.errors == []
        assert report.added == len(expected)
        assert batches and max(batches) <= 3 and sum(batches) == len(expected)
        assert store.count() == len(expected)
        assert {c.text for c in store.all_chunks()} == {c.text for c in expected}
        (info,) = assistant.documents()
        assert info.chunks == len(expected)

        assert assistant.delete("survey.txt") == len(expected)
        assert store.count() == 0
    finally:
        assistant.close()


def test_documents_are_stored_whole_and_listed_by_source(store: Store) -> None:
    store.put_document("b.txt", "Text of b.", {"title": "B", "chunks": 1, "chars": 10})
    store.put_document(
        "a.txt",
        "Text of a.",
        {"title": "A", "date": "2025-01-02", "publisher": "P", "chunks": 2, "chars": 10},
    )
    assert store.get_document("a.txt") == (
        "Text of a.",
        {
            "title": "A",
            "date": "2025-01-02",
            "publisher": "P",
            "chunks": 2,
            "chars": 10,
            "source": "a.txt",
            "kind": "document",
        },
    )
    assert [d.source for d in store.documents()] == ["a.txt", "b.txt"]
    a = store.documents()[0]
    assert (a.title, a.date, a.publisher, a.chunks) == ("A", "2025-01-02", "P", 2)

    store.put_document("a.txt", "New text of a.", {"title": "A2"})
    replaced = store.get_document("a.txt")
    assert replaced is not None and replaced[0] == "New text of a."
    store.delete_document("a.txt")
    assert store.get_document("a.txt") is None
    assert store.get_document("never-stored.txt") is None


def test_the_revision_record_is_not_a_document(store: Store) -> None:
    store.add_chunks([_chunk(0)])
    assert store.documents() == []
    assert store.get_document("__revision__") is None


def test_revision_changes_on_every_write_and_only_then(store: Store) -> None:
    empty = store.revision()
    assert store.revision() == empty
    store.add_chunks([_chunk(0), _chunk(1)])
    added = store.revision()
    assert added != empty
    assert store.revision() == added
    store.delete_chunks(["a.txt-0"])
    assert store.revision() not in (empty, added)


def test_chunks_are_read_back_with_their_metadata(store: Store) -> None:
    chunks = [_chunk(i) for i in range(4)] + [_chunk(4, source="b.txt")]
    store.add_chunks(chunks)
    assert store.count() == 5
    assert store.chunk_ids("a.txt") == {"a.txt-0", "a.txt-1", "a.txt-2", "a.txt-3"}
    assert sorted(store.all_chunks(), key=lambda c: c.id) == sorted(chunks, key=lambda c: c.id)
    store.delete_chunks(["a.txt-0", "a.txt-1"])
    assert store.chunk_ids("a.txt") == {"a.txt-2", "a.txt-3"}


def test_dense_search_ranks_by_meaning_with_cosine_scores(store: Store) -> None:
    store.add_chunks([_chunk(i) for i in range(len(SENTENCES))])
    hits = store.dense_search("How many walruses lived on the island?", k=100)
    assert len(hits) == len(SENTENCES)
    assert hits[0][0].text == SENTENCES[0]
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(-1.0 <= s <= 1.0 + 1e-6 for s in scores)


def test_dense_search_on_an_empty_store_finds_nothing(store: Store) -> None:
    assert store.dense_search("anything", k=5) == []


def test_embeddings_are_normalized(store: Store) -> None:
    (vector,) = store.embeddings.embed_documents(["The walrus sleeps."])
    assert math.isclose(math.fsum(x * x for x in vector), 1.0, rel_tol=1e-4)


def test_a_data_dir_that_is_a_file_is_a_one_line_configuration_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "index"
    not_a_folder.write_text("I am a file")
    settings = Settings(data_dir=not_a_folder)
    with pytest.raises(ConfigurationError) as info:
        Store(settings, load_embeddings(settings))
    assert str(not_a_folder) in str(info.value)
    assert "\n" not in str(info.value)


def test_sentence_spans_survive_the_round_trip_through_metadata() -> None:
    spans = ((0, 12), (13, 40), (41, 41))
    assert decode_spans(encode_spans(spans)) == spans
    assert decode_spans("") == ()
    assert decode_spans(None) == ()


def test_an_index_built_with_another_embedding_model_is_refused_clearly(
    tmp_path: Path,
) -> None:
    from rag.embeddings import packaged_model_path

    first = Assistant(Settings(data_dir=tmp_path / "data"))
    first.close()
    other_name = Settings(data_dir=tmp_path / "data", embedding_model=str(packaged_model_path()))
    with pytest.raises(ConfigurationError, match="built with the embedding model"):
        Assistant(other_name)
