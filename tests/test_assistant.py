"""The facade: asking with history, streaming, uploads, and the errors a user sees."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from rag.assistant import MAX_QUESTION_CHARS, Assistant
from rag.errors import DocumentError, InvalidQuestion, UnknownDocument
from rag.types import Answer, Message

BAN = "What did Kazakhstan's Ministry of Energy ban?"
NOTES = b"Walrus notes\nThe Zyxqua walrus colony grew to 400 animals. Researchers counted them.\n"


def _snapshot(assistant: Assistant) -> tuple[Any, ...]:
    return (
        [d.to_dict() for d in assistant.documents()],
        sorted((c.id, c.text) for c in assistant.store.all_chunks()),
    )


@pytest.mark.parametrize(
    "history",
    [
        [BAN],
        [Message("user", BAN)],
        [{"role": "user", "content": BAN}, {"role": "assistant", "content": "Oil products [1]."}],
    ],
    ids=["strings", "messages", "dicts"],
)
def test_a_follow_up_uses_the_history(article_assistant: Assistant, history: list[Any]) -> None:
    answer = article_assistant.ask("For how long?", history)
    assert not answer.abstained
    assert "six months" in answer.answer
    assert BAN in answer.query
    assert "[1]" not in answer.query
    for c in answer.citations:
        assert c.text == article_assistant.document_text(c.source)[c.start : c.end]


def test_a_follow_up_after_bare_questions_gets_the_replies_the_chat_would_have_had(
    article_assistant: Assistant,
) -> None:
    first = article_assistant.ask(BAN)
    bare = article_assistant.ask("For how long?", [BAN])
    chat = article_assistant.ask(
        "For how long?", [Message("user", BAN), Message("assistant", first.answer)]
    )
    assert bare.to_dict() == chat.to_dict()
    assert bare.query != f"{BAN} For how long?"  # the reply joined the search


def test_the_same_question_without_history_is_searched_as_asked(
    article_assistant: Assistant,
) -> None:
    assert article_assistant.ask("For how long?").query == "For how long?"


def test_stream_yields_the_answer_text_then_the_answer(article_assistant: Assistant) -> None:
    items = list(article_assistant.stream("For how long?", [BAN]))
    *pieces, final = items
    assert isinstance(final, Answer)
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert "".join(str(p) for p in pieces) == final.answer
    assert "six months" in final.answer


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_an_empty_question_is_refused_with_a_one_line_error(
    article_assistant: Assistant, question: str
) -> None:
    with pytest.raises(InvalidQuestion) as info:
        article_assistant.ask(question)
    assert "empty" in str(info.value)
    assert "\n" not in str(info.value)


def test_an_overlong_question_is_refused(article_assistant: Assistant) -> None:
    with pytest.raises(InvalidQuestion, match=str(MAX_QUESTION_CHARS)):
        article_assistant.ask("why " * MAX_QUESTION_CHARS)


def test_an_empty_index_abstains_and_is_not_ready(empty_assistant: Assistant) -> None:
    assert not empty_assistant.ready()
    assert empty_assistant.documents() == []
    answer = empty_assistant.ask("What did Kazakhstan ban?")
    assert answer.abstained
    assert answer.citations == ()
    assert answer.answer


def test_an_upload_is_indexed_under_its_base_name(empty_assistant: Assistant) -> None:
    report = empty_assistant.ingest_upload("C:\\Users\\me\\docs/../notes.txt", NOTES)
    assert report.errors == []
    assert report.documents == ["notes.txt"]
    assert report.added > 0
    assert empty_assistant.ready()
    assert empty_assistant.document_text("notes.txt") == NOTES.decode().strip()
    answer = empty_assistant.ask("How many animals are in the Zyxqua walrus colony?")
    assert not answer.abstained
    assert "400 animals" in answer.answer
    (c, *_) = answer.citations
    assert c.source == "notes.txt"
    assert c.text == empty_assistant.document_text("notes.txt")[c.start : c.end]

    again = empty_assistant.ingest_upload("notes.txt", NOTES)
    assert (again.added, again.removed, again.unchanged) == (0, 0, report.added)


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("report.docx", b"PK\x03\x04"),
        ("menu.txt", b"caf\xe9 au lait"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<<"),
        (".hidden.md", b"# Hidden\n\nText."),
        ("", b"Text."),
    ],
)
def test_a_bad_upload_is_refused_and_leaves_the_index_untouched(
    empty_assistant: Assistant, filename: str, data: bytes
) -> None:
    empty_assistant.ingest_upload("notes.txt", NOTES)
    before = _snapshot(empty_assistant)
    with pytest.raises(DocumentError) as info:
        empty_assistant.ingest_upload(filename, data)
    assert "\n" not in str(info.value)
    assert _snapshot(empty_assistant) == before


def test_unknown_documents_raise(empty_assistant: Assistant) -> None:
    with pytest.raises(UnknownDocument, match=r"nope\.txt"):
        empty_assistant.document_text("nope.txt")
    with pytest.raises(UnknownDocument, match=r"nope\.txt"):
        empty_assistant.delete("nope.txt")


def test_ingest_and_delete_through_the_facade(tmp_path: Path, empty_assistant: Assistant) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(NOTES)
    report = empty_assistant.ingest([path])
    assert empty_assistant.ready()
    assert empty_assistant.delete("notes.txt") == report.added
    assert not empty_assistant.ready()
    assert empty_assistant.documents() == []


def test_embed_returns_normalized_vectors_of_the_index_model(
    article_assistant: Assistant,
) -> None:
    vectors = article_assistant.embed(["Kazakhstan banned oil exports.", "Walruses sleep."])
    assert len(vectors) == 2
    assert len(vectors[0]) == len(vectors[1]) == 384
    for v in vectors:
        assert math.isclose(math.fsum(x * x for x in v), 1.0, rel_tol=1e-4)
    (alone,) = article_assistant.embeddings.embed_documents(["Kazakhstan banned oil exports."])
    assert vectors[0] == pytest.approx(alone, abs=1e-5)
