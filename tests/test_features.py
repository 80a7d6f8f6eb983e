"""What the extractive answerer measures about a sentence, on real text and the real model."""

from __future__ import annotations

from rag.assistant import Assistant
from rag.features import unfamiliar_names


def test_a_name_the_corpus_never_mentions_is_unfamiliar_but_a_paraphrase_is_not(
    article_assistant: Assistant,
) -> None:
    gazprom = article_assistant.ask("What sanctions did the European Union impose on Gazprom?")
    assert gazprom.abstained
    assert "Gazprom" in gazprom.answer and not gazprom.citations

    passages = article_assistant.ask("Which Russian energy firms did Washington penalize?").passages
    answerer = article_assistant.answerer
    found = unfamiliar_names(
        answerer.embeddings,
        answerer.idf,
        "Which Russian energy firms did Washington penalize?",
        passages,
    )
    assert found == []  # "Washington" stands for the American administration named there


def test_a_question_about_what_someone_said_is_refused_when_nobody_quotes_them(
    article_assistant: Assistant,
) -> None:
    assert article_assistant.ask("What did Tokayev say when announcing the ban?").abstained


def test_a_name_the_corpus_never_uses_is_searched_as_the_corpus_names_it(
    article_assistant: Assistant,
) -> None:
    lexical = article_assistant.retriever.lexical
    assert lexical.aliases("Which country is Baku aligned with?") == ["Azerbaijan"]
    assert lexical.aliases("Which Russian energy firms did Washington penalize?") == ["America"]
    assert lexical.aliases("Which country is Azerbaijan aligned with?") == []
    answer = article_assistant.ask("Which country is Baku aligned with?")
    assert not answer.abstained
    assert "Turkey" in answer.answer
