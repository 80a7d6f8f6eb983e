"""Hybrid retrieval: fused ranking, passages with offsets, a lexical index that follows Chroma."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.retrieval import HybridRetriever, to_passage
from rag.settings import Settings
from rag.types import Passage

ARTICLE = "charter97-2025-11-14-tokayev.txt"
QUESTIONS = [
    "What did Kazakhstan's Ministry of Energy ban?",
    "Which Russian oil companies were sanctioned?",
    "Who is Grigory Mesejnikov?",
    "What is happening around Venezuela?",
]


def _retrieve(retriever: HybridRetriever, query: str) -> list[Passage]:
    return [to_passage(d) for d in retriever.invoke(query)]


@pytest.mark.parametrize("question", QUESTIONS)
def test_at_most_top_k_passages_in_fused_score_order(
    article_assistant: Assistant, question: str
) -> None:
    passages = _retrieve(article_assistant.retriever, question)
    assert 0 < len(passages) <= article_assistant.settings.top_k
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    assert len({p.id for p in passages}) == len(passages)


@pytest.mark.parametrize("question", QUESTIONS)
def test_passages_are_slices_of_their_document_with_sentences_inside(
    article_assistant: Assistant, question: str
) -> None:
    text = article_assistant.document_text(ARTICLE)
    for p in _retrieve(article_assistant.retriever, question):
        assert p.source == ARTICLE
        assert p.title == "Political Analyst: Tokayev Made This Decision For A Reason"
        assert p.date == "2025-11-14"
        assert p.text == text[p.start : p.end]
        assert p.sentences
        assert all(p.start <= s < e <= p.end for s, e in p.sentences)
        for s, e, sentence in p.sentence_texts():
            assert sentence == text[s:e]


@pytest.mark.parametrize("top_k", [1, 2, 4])
def test_top_k_setting_limits_the_passages(
    article_assistant: Assistant, article_settings: Settings, top_k: int
) -> None:
    settings = article_settings.model_copy(update={"top_k": top_k})
    retriever = HybridRetriever(store=article_assistant.store, settings=settings)
    passages = _retrieve(retriever, "Lukoil and Rosneft sanctions")
    assert len(passages) == top_k


def test_the_passage_with_the_answer_ranks_first(article_assistant: Assistant) -> None:
    (best, *_) = _retrieve(article_assistant.retriever, "Kazakhstan ban on export of oil products")
    assert "imposed a ban on the export of major oil products" in best.text
    assert best.dense_score > 0 and best.lexical_score > 0


def test_lexical_side_finds_rare_words_and_ignores_stop_words(
    article_assistant: Assistant,
) -> None:
    lexical = article_assistant.retriever.lexical
    hits = lexical.search("Mesejnikov", 5)
    assert hits and all(score > 0 for _, score in hits)
    assert "Grigory Mesejnikov" in hits[0][0].text
    assert lexical.search("the of and it is", 5) == []
    assert lexical.search("qwzxvbnm", 5) == []


def test_dense_side_matches_meaning_without_shared_words(
    tmp_path: Path, empty_assistant: Assistant
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "walrus.txt").write_text(
        "Walruses\nWalruses haul out on Arctic ice floes and dive for clams.\n"
    )
    (docs / "bakery.txt").write_text(
        "Bakery\nThe baker kneads dough before dawn and sells warm loaves.\n"
    )
    empty_assistant.ingest([docs])
    (first, *_) = _retrieve(empty_assistant.retriever, "marine mammals of the polar sea")
    assert first.source == "walrus.txt"
    (first, *_) = _retrieve(empty_assistant.retriever, "fresh bread and pastries")
    assert first.source == "bakery.txt"


def test_an_empty_index_retrieves_nothing(empty_assistant: Assistant) -> None:
    assert empty_assistant.retriever.invoke("anything at all") == []


def test_lexical_index_follows_writes_from_another_instance(tmp_path: Path) -> None:
    """Chroma is the single source of truth: no instance keeps a stale BM25 index."""
    settings = Settings(data_dir=tmp_path / "data")
    writer = Assistant(settings)
    reader = Assistant(settings)
    try:
        first = tmp_path / "first.txt"
        first.write_text("Seals\nGrey seals hunt herring in the cold bay.\n")
        writer.ingest([first])
        # The reader builds its BM25 index now, before the next write.
        assert {p.source for p in _retrieve(reader.retriever, "seals herring")} == {"first.txt"}

        rare = tmp_path / "rare.txt"
        rare.write_text("Walruses\nThe Qworzlebeck walrus colony grew to 400 animals.\n")
        writer.ingest([rare])

        passages = _retrieve(reader.retriever, "Qworzlebeck")
        assert passages[0].source == "rare.txt"
        assert passages[0].lexical_score > 0
        hits = reader.retriever.lexical.search("Qworzlebeck", 5)
        assert [chunk.metadata["source"] for chunk, _ in hits] == ["rare.txt"]

        writer.delete("rare.txt")
        assert reader.retriever.lexical.search("Qworzlebeck", 5) == []
        assert "rare.txt" not in {p.source for p in _retrieve(reader.retriever, "Qworzlebeck")}
    finally:
        writer.close()
        reader.close()


def test_a_sentence_can_be_extended_back_across_a_paragraph_to_its_antecedent(
    article_assistant: Assistant,
) -> None:
    answer = article_assistant.ask("Between whom were they originally made?")
    source = answer.passages[0].source
    text = article_assistant.document_text(source)
    start = text.index("The agreement in question")
    end = text.index("Israel.", start) + len("Israel.")
    passage = next(p for p in answer.passages if p.source == source)
    wider = article_assistant.retriever.lexical.extend_back(passage, start, end)
    assert wider is not None
    assert wider.text == text[wider.start : wider.end]
    assert wider.end == end and wider.start < start
    assert wider.text.rstrip().endswith("Israel.")
    assert "Abrahamic Accords" in wider.text  # the previous paragraph's last sentence


def test_a_question_about_the_document_gets_its_opening_first(
    article_assistant: Assistant,
) -> None:
    passages = _retrieve(article_assistant.retriever, "On what day was this piece published?")
    assert passages[0].start == 0
    assert "14.11.2025" in passages[0].text
    assert len(passages) <= article_assistant.settings.top_k
    other = _retrieve(article_assistant.retriever, "Who shot down an Azerbaijani airplane?")
    assert other[0].start != 0


def test_a_question_about_how_the_document_ends_gets_its_closing_first(
    article_assistant: Assistant,
) -> None:
    text = article_assistant.document_text(ARTICLE)
    passages = _retrieve(article_assistant.retriever, "How does the interview end?")
    assert passages[0].end == len(text.rstrip())
    assert passages[0].closes_document
    assert not any(p.closes_document for p in passages[1:])
