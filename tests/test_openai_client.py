"""The official openai client against a live server on loopback."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx
import openai
import pytest

if TYPE_CHECKING:
    from live_server import LiveServer

# The live server is shared with the browser tests: one start per session.

QUESTION = "What did Kazakhstan ban?"


@pytest.fixture
def client(live_server: LiveServer) -> openai.OpenAI:
    """An OpenAI client pointed at the live server's /v1, with its key."""
    return openai.OpenAI(
        base_url=f"{live_server.url}/v1", api_key=live_server.api_key, max_retries=0
    )


def test_models_lists_the_assistant(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["rag"]


def test_plain_completion_cites_its_sources(client: openai.OpenAI, live_server: LiveServer) -> None:
    completion = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": QUESTION}]
    )
    content = completion.choices[0].message.content or ""
    assert "six months" in content
    assert "\n\nSources:\n[1] " in content
    citations = (completion.model_extra or {})["citations"]
    assert citations[0]["n"] == 1
    first = citations[0]
    text = live_server.assistant.document_text(first["source"])
    assert text[first["start"] : first["end"]] == first["text"]


def test_streamed_completion_arrives_in_pieces_with_citations(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": QUESTION}], stream=True
    )
    chunks = list(stream)
    pieces = [c.choices[0].delta.content for c in chunks if c.choices[0].delta.content]
    assert len(pieces) > 3
    text = "".join(pieces)
    assert "six months" in text and "[1]" in text and "Sources:" in text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert (chunks[-1].model_extra or {})["citations"][0]["n"] == 1


def test_follow_up_uses_the_earlier_messages(client: openai.OpenAI) -> None:
    first = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": QUESTION}]
    )
    completion = client.chat.completions.create(
        model="rag",
        messages=[
            {"role": "user", "content": QUESTION},
            {"role": "assistant", "content": first.choices[0].message.content or ""},
            {"role": "user", "content": "For how long?"},
        ],
    )
    assert "six months" in (completion.choices[0].message.content or "")


def test_a_wrong_key_is_an_authentication_error(live_server: LiveServer) -> None:
    client = openai.OpenAI(base_url=f"{live_server.url}/v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError, match="Authorization: Bearer"):
        client.models.list()


def test_several_users_at_once_all_get_answers(live_server: LiveServer) -> None:
    questions = [QUESTION, "Why is Armenia reducing its dependence on Russia?"] * 4
    headers = {"Authorization": f"Bearer {live_server.api_key}"}

    def ask(question: str) -> httpx.Response:
        return httpx.post(
            f"{live_server.url}/api/ask", json={"question": question}, headers=headers, timeout=120
        )

    with ThreadPoolExecutor(max_workers=len(questions)) as pool:
        responses = list(pool.map(ask, questions))
    assert [r.status_code for r in responses] == [200] * len(questions)
    assert all(r.json()["citations"] for r in responses)
