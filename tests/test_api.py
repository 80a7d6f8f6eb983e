"""The HTTP API through FastAPI's TestClient: real app, real assistant, every error path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from rag.api import Gate, ServerBusy
from rag.assistant import Assistant
from rag.server import create_app
from rag.settings import Settings

QUESTION = "What did Kazakhstan ban?"


@pytest.fixture(scope="module")
def client(article_assistant: Assistant, article_settings: Settings) -> Iterator[TestClient]:
    """The whole app over the shared article index (read-only use)."""
    with TestClient(create_app(article_assistant, article_settings)) as client:
        yield client


@pytest.fixture
def writable(empty_assistant: Assistant, settings: Settings) -> Iterator[TestClient]:
    """The whole app over an empty index of this test's own."""
    with TestClient(create_app(empty_assistant, settings)) as client:
        yield client


def _sse_events(body: str) -> list[Any]:
    return [
        line[len("data: ") :] if line == "data: [DONE]" else json.loads(line[len("data: ") :])
        for line in body.splitlines()
        if line.startswith("data: ")
    ]


# -- health and docs ------------------------------------------------------------------


def test_healthz_is_200_once_documents_are_indexed(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_is_503_with_a_hint_while_the_index_is_empty(writable: TestClient) -> None:
    response = writable.get("/healthz")
    assert response.status_code == 503
    assert "rag ingest" in response.json()["detail"]


def test_openapi_docs_list_every_route(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/ask", "/api/documents", "/v1/chat/completions", "/v1/models", "/healthz"):
        assert path in paths


def test_the_chat_page_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "<html" in response.text.lower()


# -- POST /api/ask --------------------------------------------------------------------


def test_ask_returns_the_answer_contract_with_exact_citations(
    client: TestClient, article_assistant: Assistant
) -> None:
    response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert {"answer", "abstained", "citations", "query"} <= body.keys()
    assert body["abstained"] is False
    assert "six months" in body["answer"]
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])}
    assert markers == {c["n"] for c in body["citations"]}
    for c in body["citations"]:
        assert {"n", "source", "title", "text", "start", "end", "score"} <= c.keys()
        assert article_assistant.document_text(c["source"])[c["start"] : c["end"]] == c["text"]


def test_ask_uses_history_for_a_follow_up(client: TestClient) -> None:
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "A ban."}]
    response = client.post("/api/ask", json={"question": "For how long?", "history": history})
    assert response.status_code == 200
    assert "Kazakhstan" in response.json()["query"]


def test_ask_abstains_when_the_documents_do_not_say(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "What is the capital of France?"}).json()
    assert body["abstained"] is True
    assert body["citations"] == []


@pytest.mark.parametrize("payload", [{}, {"question": ""}, {"question": "   "}, {"history": []}])
def test_ask_without_a_question_is_422_saying_so(client: TestClient, payload: Any) -> None:
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    assert "question is missing or empty" in response.json()["detail"]


def test_ask_with_a_body_that_is_not_json_is_422(client: TestClient) -> None:
    headers = {"Content-Type": "application/json"}
    response = client.post("/api/ask", content=b"{not json", headers=headers)
    assert response.status_code == 422
    assert "not valid JSON" in response.json()["detail"]


def test_ask_with_an_overlong_question_is_422_with_the_assistants_message(
    client: TestClient,
) -> None:
    response = client.post("/api/ask", json={"question": "why " * 1000})
    assert response.status_code == 422
    assert "characters long" in response.json()["detail"]


# -- /v1 ------------------------------------------------------------------------------


def test_chat_completion_carries_citations_in_text_and_structure(client: TestClient) -> None:
    payload = {"model": "rag", "messages": [{"role": "user", "content": QUESTION}]}
    body = client.post("/v1/chat/completions", json=payload).json()
    assert body["object"] == "chat.completion"
    content = body["choices"][0]["message"]["content"]
    assert "[1]" in content
    assert "\n\nSources:\n[1] " in content
    assert body["citations"][0]["n"] == 1
    assert body["citations"][0]["text"] in content


def test_chat_completion_streams_server_sent_events(client: TestClient) -> None:
    payload = {"messages": [{"role": "user", "content": QUESTION}], "stream": True}
    with client.stream("POST", "/v1/chat/completions", json=payload) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = _sse_events(response.read().decode())
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert "six months" in text
    assert "Sources:" in text
    assert len(chunks) > 3  # the answer arrives in pieces
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["citations"][0]["n"] == 1


def test_chat_completion_takes_earlier_messages_as_history(client: TestClient) -> None:
    messages = [
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": [{"type": "text", "text": QUESTION}]},
        {"role": "assistant", "content": "A ban [1].\n\nSources:\n[1] ..."},
        {"role": "user", "content": "For how long?"},
    ]
    body = client.post("/v1/chat/completions", json={"messages": messages}).json()
    assert "six months" in body["choices"][0]["message"]["content"]


@pytest.mark.parametrize(
    "messages",
    [[], [{"role": "assistant", "content": "hi"}], [{"role": "user", "content": " "}]],
)
def test_chat_completion_without_a_user_question_is_an_openai_style_422(
    client: TestClient, messages: list[dict[str, str]]
) -> None:
    response = client.post("/v1/chat/completions", json={"messages": messages})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert "message" in error["message"]


def test_models_lists_the_assistant(client: TestClient) -> None:
    body = client.get("/v1/models").json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == ["rag"]


# -- documents ------------------------------------------------------------------------


def test_upload_list_ask_and_delete_a_document(writable: TestClient) -> None:
    text = b"# Lighthouse log\n\nThe keeper of the Skerry Island lighthouse is Ingrid Solberg.\n"
    response = writable.post("/api/documents", files={"file": ("lighthouse.md", text)})
    assert response.status_code == 201
    assert response.json()["documents"] == ["lighthouse.md"]

    docs = writable.get("/api/documents").json()["documents"]
    assert [(d["source"], d["title"]) for d in docs] == [("lighthouse.md", "Lighthouse log")]
    answer = writable.post("/api/ask", json={"question": "Who keeps the lighthouse?"}).json()
    assert "Ingrid Solberg" in answer["answer"]

    response = writable.delete("/api/documents/lighthouse.md")
    assert response.status_code == 200
    assert response.json()["chunks_removed"] >= 1
    assert writable.get("/api/documents").json()["documents"] == []


def test_delete_of_an_unknown_document_is_404(writable: TestClient) -> None:
    response = writable.delete("/api/documents/nope.txt")
    assert response.status_code == 404
    assert "nope.txt" in response.json()["detail"]


def test_upload_of_an_unsupported_type_is_415_and_indexes_nothing(writable: TestClient) -> None:
    response = writable.post("/api/documents", files={"file": ("tool.exe", b"MZ\x90\x00")})
    assert response.status_code == 415
    assert ".txt" in response.json()["detail"]
    assert writable.get("/api/documents").json()["documents"] == []


def test_upload_that_is_not_utf8_is_422_with_the_reason(writable: TestClient) -> None:
    response = writable.post("/api/documents", files={"file": ("notes.txt", b"caf\xe9 au lait")})
    assert response.status_code == 422
    assert "UTF-8" in response.json()["detail"]
    assert writable.get("/api/documents").json()["documents"] == []


def test_upload_without_a_file_is_422(writable: TestClient) -> None:
    response = writable.post("/api/documents", data={"note": "no file"})
    assert response.status_code == 422
    assert "file" in response.json()["detail"]


@pytest.mark.parametrize("size", [4 * 1024, 512 * 1024])
def test_upload_over_the_size_limit_is_413(
    empty_assistant: Assistant, settings: Settings, size: int
) -> None:
    # 4 KB slips past the Content-Length check (multipart slack) and meets the route's own;
    # 512 KB is refused from its header before the body is read.
    small = settings.model_copy(update={"max_upload_mb": 0.001})
    with TestClient(create_app(empty_assistant, small)) as client:
        response = client.post("/api/documents", files={"file": ("big.txt", b"a" * size)})
        assert response.status_code == 413
        assert "0.001 MB" in response.json()["detail"]
        assert client.get("/api/documents").json()["documents"] == []


# -- auth and overload ----------------------------------------------------------------


@pytest.fixture(scope="module")
def keyed(article_assistant: Assistant, article_settings: Settings) -> Iterator[TestClient]:
    """The app with RAG_API_KEY set."""
    settings = article_settings.model_copy(update={"api_key": "s3cret"})
    with TestClient(create_app(article_assistant, settings)) as client:
        yield client


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}]
)
def test_api_key_is_required_when_set(keyed: TestClient, headers: dict[str, str]) -> None:
    response = keyed.get("/api/documents", headers=headers)
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"
    v1 = keyed.post("/v1/chat/completions", headers=headers, json={"messages": []})
    assert v1.status_code == 401
    assert v1.json()["error"]["type"] == "authentication_error"


def test_the_right_api_key_opens_the_api_but_health_and_chat_need_none(keyed: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    assert keyed.post("/api/ask", json={"question": QUESTION}, headers=auth).status_code == 200
    assert keyed.get("/v1/models", headers=auth).status_code == 200
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/").status_code == 200


@pytest.mark.parametrize("password", ["pw", SecretStr("pw")])
def test_chat_login_is_required_when_ui_credentials_are_set(
    article_assistant: Assistant, article_settings: Settings, password: str | SecretStr
) -> None:
    settings = article_settings.model_copy(update={"ui_user": "ann", "ui_password": password})
    with TestClient(create_app(article_assistant, settings)) as client:
        assert client.get("/config").status_code == 401
        assert client.post("/login", data={"username": "ann", "password": "no"}).status_code == 400
        assert client.post("/login", data={"username": "ann", "password": "pw"}).status_code == 200
        assert client.get("/config").status_code == 200


def test_a_full_line_fails_fast_with_503(client: TestClient) -> None:
    state = client.app.state  # type: ignore[attr-defined]
    gate, state.gate = state.gate, Gate(workers=1, waiting=0)
    assert client.portal is not None
    entered, release = client.portal.call(anyio.Event), client.portal.call(anyio.Event)

    async def hold() -> None:
        async with state.gate.admit():
            entered.set()
            await release.wait()

    try:
        held = client.portal.start_task_soon(hold)
        client.portal.call(entered.wait)
        busy = client.post("/api/ask", json={"question": QUESTION})
        assert busy.status_code == 503
        assert "busy" in busy.json()["detail"]
        assert busy.headers["retry-after"]
        payload = {"messages": [{"role": "user", "content": QUESTION}], "stream": True}
        v1 = client.post("/v1/chat/completions", json=payload)
        assert v1.status_code == 503
        assert "busy" in v1.json()["error"]["message"]
        client.portal.call(release.set)
        held.result()
        assert client.post("/api/ask", json={"question": QUESTION}).status_code == 200
    finally:
        state.gate = gate


def test_gate_admits_up_to_workers_plus_waiting() -> None:
    async def scenario() -> None:
        gate = Gate(workers=1, waiting=1)
        async with gate.admit():
            gate.check()  # one may still wait
            async with anyio.create_task_group() as tg:
                waiting = anyio.Event()

                async def wait_in_line() -> None:
                    waiting.set()
                    async with gate.admit():
                        pass

                tg.start_soon(wait_in_line)
                await waiting.wait()
                await anyio.sleep(0)
                with pytest.raises(ServerBusy):
                    gate.check()
                tg.cancel_scope.cancel()
        gate.check()

    anyio.run(scenario)


def test_error_responses_are_json_everywhere(writable: TestClient) -> None:
    for response in (
        writable.post("/api/ask", json={}),
        writable.delete("/api/documents/missing.md"),
        writable.post("/api/documents", files={"file": ("x.bin", b"1")}),
    ):
        assert response.headers["content-type"] == "application/json"
        assert isinstance(response.json()["detail"], str)


def test_example_questions_about_the_article_appear_only_when_it_is_indexed(
    article_assistant: Assistant, empty_assistant: Assistant
) -> None:
    from rag.server import examples_for
    from ui.app import EXAMPLES

    assert examples_for(article_assistant) == EXAMPLES
    assert examples_for(empty_assistant) == ()
