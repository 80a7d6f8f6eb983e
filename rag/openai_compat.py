"""The /v1 routes: the OpenAI chat-completions API, so any OpenAI client can ask the documents."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from rag.api import AssistantDep, Gate, GateDep, require_api_key
from rag.assistant import Assistant
from rag.errors import RagError
from rag.types import Answer, Citation

MODEL_ID = "rag"
SOURCES_HEADING = "\n\nSources:\n"
_NOT_A_QUESTION = "the last message must be a non-empty user message: it is the question asked"

router = APIRouter(prefix="/v1", tags=["openai"], dependencies=[Depends(require_api_key)])


class ChatMessage(BaseModel):
    """One message; content is a string or a list of parts like {"type": "text", "text": ...}."""

    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatCompletionRequest(BaseModel):
    """The OpenAI request body; sampling options are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False


class ChatCompletionOut(BaseModel):
    """An OpenAI chat completion, plus the answer's structured `citations`."""

    model_config = ConfigDict(extra="allow")
    id: str
    object: str = "chat.completion"
    created: int
    model: str
    choices: list[dict[str, Any]]
    citations: list[dict[str, Any]] = Field(description="As in the /api/ask answer.")
    abstained: bool


@router.get("/models", summary="List models (OpenAI-compatible)")
async def list_models() -> dict[str, Any]:
    """The one model this server offers: the document assistant."""
    model = {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "rag"}
    return {"object": "list", "data": [model]}


@router.post(
    "/chat/completions",
    response_model=ChatCompletionOut,
    summary="Chat completion (OpenAI-compatible), streamed as SSE when `stream` is true",
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def chat_completions(
    body: ChatCompletionRequest, assistant: AssistantDep, gate: GateDep
) -> Any:
    """Answer the last user message; earlier messages are the conversation history."""
    question, history = split_messages(body.messages)
    completion_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    if body.stream:
        gate.check()
        events = _stream(assistant, gate, question, history, body.model, completion_id, created)
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(events, media_type="text/event-stream", headers=headers)
    async with gate.admit():
        answer = await run_in_threadpool(assistant.ask, question, history)
    message = {"role": "assistant", "content": answer.answer + sources_text(answer.citations)}
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": body.model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        **_extras(answer),
    }


def split_messages(messages: Sequence[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    """Return the question (last user message) and the earlier turns as history."""
    last = messages[-1]
    question = _text(last.content).strip()
    if last.role != "user" or not question:
        raise HTTPException(422, _NOT_A_QUESTION)
    history = [
        {"role": m.role, "content": _text(m.content).split(SOURCES_HEADING, 1)[0]}
        for m in messages[:-1]
        if m.role in ("user", "assistant")
    ]
    return question, history


def sources_text(citations: Sequence[Citation]) -> str:
    """Numbered source lines appended to the message, one per citation."""
    if not citations:
        return ""
    lines = []
    for c in citations:
        where = f"{c.title or c.source}" + (f" ({c.date})" if c.date else "")
        lines.append(f'[{c.n}] {where}, {c.source}: "{c.text}"')
    return SOURCES_HEADING + "\n".join(lines)


def _text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, list):
        return "\n".join(str(p.get("text", "")) for p in content if p.get("type") == "text")
    return content or ""


def _extras(answer: Answer) -> dict[str, Any]:
    return {"citations": [c.to_dict() for c in answer.citations], "abstained": answer.abstained}


async def _stream(
    assistant: Assistant,
    gate: Gate,
    question: str,
    history: list[dict[str, str]],
    model: str,
    completion_id: str,
    created: int,
) -> AsyncIterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return sse(
            {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [choice],
                **extra,
            }
        )

    answer: Answer | None = None
    try:
        async with gate.admit():
            yield chunk({"role": "assistant", "content": ""})
            async for item in iterate_in_threadpool(assistant.stream(question, history)):
                if isinstance(item, Answer):
                    answer = item
                else:
                    yield chunk({"content": item})
    except (RagError, HTTPException) as exc:
        # Headers are gone already: the error travels as an event OpenAI clients raise.
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        yield sse({"error": {"message": message, "type": "server_error", "code": None}})
        yield sse("[DONE]")
        return
    assert answer is not None, "the assistant's stream ends with the Answer"
    if answer.citations:
        yield chunk({"content": sources_text(answer.citations)})
    yield chunk({}, "stop", **_extras(answer))
    yield sse("[DONE]")


def sse(data: dict[str, Any] | str) -> str:
    """One server-sent event carrying JSON (or a bare marker like [DONE])."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"data: {payload}\n\n"
