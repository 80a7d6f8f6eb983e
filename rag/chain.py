"""The read path as a LangChain Runnable: query from question and history -> retrieve -> answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from rag.answer import Answerer, AnswerRequest, last_reply
from rag.answer_types import points_back
from rag.retrieval import to_passage
from rag.text import ANAPHORA, expand_chat, inner_names, terms, without_asides
from rag.types import Answer, Message

_ELLIPSIS = re.compile(
    r"^\s*(and|but|so|what about|how about|why|for how|since when|how long|"
    r"anything else|what else|who else|which ones?|where|when)\b",
    re.I,
)

_DEFINITE = re.compile(r"\bthe\s+(?-i:[a-z])", re.I)


def is_follow_up(question: str) -> bool:
    """Whether a question probably needs earlier turns to be understood."""
    content = terms(question)
    return (
        len(content) <= 1
        or bool(ANAPHORA.search(question))
        or (len(content) <= 4 and bool(_ELLIPSIS.search(question)))
        # "In which part of the country?": a short question about "the" something it does not
        # name, so an earlier turn did ("the population of Kazakhstan" names its country).
        or (len(content) <= 3 and bool(_DEFINITE.search(question)) and not inner_names(question))
    )


def read_question(text: str) -> str:
    """A question as it is read: words typed as on a phone written out ("y r ppl surprised"
    -> "why are people surprised"), and what is said around it left out (courtesies, the
    asker's words about themselves)."""
    return without_asides(expand_chat(text))


def condense_query(
    question: str, history: Sequence[Message], turns: int, *, reply: bool = True
) -> str:
    """The retrieval query: the question, prefixed by recent user turns when it is a follow-up.

    The assistant's last reply joins them (unless `reply` is false): it names what "he", "it"
    or "there" now refer to.
    """
    if not history or not is_follow_up(question):
        return question
    earlier = [read_question(m.content) for m in history if m.role == "user"][-turns:]
    last = last_reply(history) if reply else ""
    return " ".join([*earlier, *([last] if last else []), question])


def build_chain(retriever: BaseRetriever, answerer: Answerer, history_turns: int) -> Runnable:
    """Compose query condensation, retrieval and the answerer into one Runnable.

    Input: {"question": str, "history": tuple[Message, ...]}; output: Answer.
    """

    def _query(inputs: dict[str, Any]) -> str:
        return condense_query(inputs["question"], inputs["history"], history_turns)

    def _answer(inputs: dict[str, Any]) -> Answer:
        question = inputs["question"]
        request = AnswerRequest(
            question=question,
            query=inputs["query"],
            # What "that pact" or "there" points at is in the last reply, so such a question is
            # scored against it too; other follow-ups are not, lest the reply's words pull the
            # answer back to what was already said.
            focus=condense_query(
                question, inputs["history"], history_turns, reply=points_back(question)
            ),
            history=tuple(inputs["history"]),
            passages=tuple(to_passage(d) for d in inputs["documents"]),
        )
        return answerer(request)

    return (
        # The question is read once, by a regex pass.
        RunnablePassthrough.assign(question=RunnableLambda(lambda x: read_question(x["question"])))
        | RunnablePassthrough.assign(query=RunnableLambda(_query))
        | RunnablePassthrough.assign(documents=RunnableLambda(lambda x: x["query"]) | retriever)
        | RunnableLambda(_answer)
    )
