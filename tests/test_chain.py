"""The read chain: follow-ups are expanded with earlier questions before retrieval."""

from __future__ import annotations

import pytest

from rag.answer import NOT_FOUND, AnswerRequest
from rag.assistant import Assistant
from rag.chain import build_chain, condense_query, is_follow_up
from rag.settings import Settings
from rag.types import Answer, Message, Passage

BAN = "What did Kazakhstan's Ministry of Energy ban?"


class RecordingAnswerer:
    """Stands in for an LLM answerer: records what the chain hands it."""

    def __init__(self) -> None:
        self.requests: list[AnswerRequest] = []

    def __call__(self, request: AnswerRequest) -> Answer:
        self.requests.append(request)
        return Answer("recorded", False, (), request.query, request.passages)


@pytest.mark.parametrize(
    "question",
    [
        "For how long?",
        "Why?",
        "When?",
        "And Belarus?",
        "What about Armenia?",
        "What did he say about it?",
        "Why did they do that?",
        "How long will it last?",
        "Who else was sanctioned?",
        # A short question about "the" something names what an earlier turn named.
        "In which part of the country?",
        "Who signed the deal?",
    ],
)
def test_questions_that_lean_on_earlier_turns_are_follow_ups(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        BAN,
        "Which Russian oil companies were sanctioned?",
        "Who is the president of the Institute of Social Problems?",
        "Which countries did Russia lose influence over in the South Caucasus?",
    ],
)
def test_self_contained_questions_are_not_follow_ups(question: str) -> None:
    assert not is_follow_up(question)


def test_a_follow_up_is_prefixed_with_earlier_user_questions_oldest_first() -> None:
    history = [Message("user", "Who is Grigory Mesejnikov?"), Message("user", BAN)]
    assert condense_query("For how long?", history, turns=3) == (
        f"Who is Grigory Mesejnikov? {BAN} For how long?"
    )


def test_a_follow_up_uses_the_last_reply_but_not_a_refusal() -> None:
    asked = [Message("user", "Who did Charter97 interview?")]
    replied = [*asked, Message("assistant", "Grigory Mesejnikov [1].")]
    assert condense_query("Where is his institute based?", replied, turns=3) == (
        "Who did Charter97 interview? Grigory Mesejnikov. Where is his institute based?"
    )
    refused = [*asked, Message("assistant", NOT_FOUND)]
    assert condense_query("Where is his institute based?", refused, turns=3) == (
        "Who did Charter97 interview? Where is his institute based?"
    )


def test_the_answerer_focus_leaves_the_reply_out() -> None:
    replied = [Message("user", BAN), Message("assistant", "Oil products [1].")]
    assert condense_query("For how long?", replied, turns=3, reply=False) == (
        f"{BAN} For how long?"
    )


def test_time_anaphora_makes_a_follow_up() -> None:
    assert is_follow_up("Who faced retaliation afterwards?")


def test_only_the_last_turns_are_used() -> None:
    history = [Message("user", q) for q in ("First question?", "Second question?", BAN)]
    assert condense_query("For how long?", history, turns=1) == f"{BAN} For how long?"
    assert condense_query("For how long?", history, turns=2) == (
        f"Second question? {BAN} For how long?"
    )


@pytest.mark.parametrize(
    "question",
    ["Which Russian oil companies were sanctioned?", "What is the population of Kazakhstan?"],
)
def test_a_self_contained_question_is_searched_as_asked(question: str) -> None:
    assert condense_query(question, [Message("user", BAN)], turns=3) == question


def test_without_history_the_question_is_the_query() -> None:
    assert condense_query("For how long?", [], turns=3) == "For how long?"


def test_the_chain_retrieves_with_the_condensed_query(article_assistant: Assistant) -> None:
    answerer = RecordingAnswerer()
    chain = build_chain(article_assistant.retriever, answerer, history_turns=3)
    history = (Message("user", BAN),)

    answer = chain.invoke({"question": "For how long?", "history": history})

    (request,) = answerer.requests
    assert request.question == "For how long?"
    assert request.query == f"{BAN} For how long?"
    assert request.history == history
    assert answer.query == request.query
    assert 0 < len(request.passages) <= article_assistant.settings.top_k
    assert all(isinstance(p, Passage) for p in request.passages)
    assert any("for six months imposed a ban" in p.text for p in request.passages)


def test_the_chain_reads_a_question_without_what_is_said_around_it(
    article_assistant: Assistant,
) -> None:
    answerer = RecordingAnswerer()
    chain = build_chain(article_assistant.retriever, answerer, history_turns=3)
    asked = (
        "My sister visited Almaty last year, and I wonder who the political scientist"
        " interviewed in this piece is? Thanks!"
    )

    chain.invoke({"question": asked, "history": ()})

    (request,) = answerer.requests
    assert (
        request.question
        == request.query
        == ("And I wonder who the political scientist interviewed in this piece is?")
    )
    # Almaty, named only in the aside, is no reason to refuse.
    answer = article_assistant.ask(asked)
    assert not answer.abstained and "Mesejnikov" in answer.answer


def test_the_assistant_hands_its_answerer_the_retrieved_passages(
    article_settings: Settings,
) -> None:
    answerer = RecordingAnswerer()
    assistant = Assistant(article_settings, answerer=answerer)
    try:
        answer = assistant.ask("  Which Russian oil   companies were sanctioned? ")
    finally:
        assistant.close()
    (request,) = answerer.requests
    assert request.question == "Which Russian oil companies were sanctioned?"
    assert answer.answer == "recorded"
    scores = [p.score for p in request.passages]
    assert scores == sorted(scores, reverse=True)
