"""The /api routes: ask with citations, and upload, list and delete documents."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from rag.assistant import Assistant
from rag.errors import ConfigurationError, InvalidQuestion, RagError, UnknownDocument
from rag.settings import Settings
from rag.types import Citation

# What index/loaders.py reads; the facade is the only door into index/, so ask it first.
_EMPTY_QUESTION = (
    "the question is missing or empty: "
    'send a JSON body like {"question": "What did Kazakhstan ban?"}'
)
_ERROR_STATUS: dict[type[RagError], int] = {
    InvalidQuestion: 422,
    UnknownDocument: 404,
    ConfigurationError: 500,
}


class ServerBusy(HTTPException):
    """Every answer slot and every waiting place is taken."""

    def __init__(self, waiting: int) -> None:
        super().__init__(
            503,
            f"the server is busy ({waiting} requests already waiting); retry in a few seconds",
            headers={"Retry-After": "5"},
        )


class Gate:
    """At most `workers` answers run at once and `waiting` more wait; the rest fail fast."""

    def __init__(self, workers: int, waiting: int) -> None:
        self.workers, self.waiting = max(1, workers), max(0, waiting)
        self._inside = 0
        self._slots = asyncio.Semaphore(self.workers)

    def check(self) -> None:
        """Raise ServerBusy now if a new request could not even wait."""
        if self._inside >= self.workers + self.waiting:
            raise ServerBusy(self.waiting)

    @asynccontextmanager
    async def admit(self) -> AsyncIterator[None]:
        """Hold one answer slot, waiting for it if there is room in the line."""
        self.check()
        self._inside += 1
        try:
            async with self._slots:
                yield
        finally:
            self._inside -= 1


def get_assistant(request: Request) -> Assistant:
    """The assistant shared by every request."""
    assistant: Assistant = request.app.state.assistant
    return assistant


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def get_gate(request: Request) -> Gate:
    """The gate that bounds concurrent answers."""
    gate: Gate = request.app.state.gate
    return gate


_bearer = HTTPBearer(auto_error=False, description="The RAG_API_KEY, when the server sets one.")


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let the request through when no key is set or its bearer token matches."""
    key = settings.api_key
    if not key:
        return
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), key.encode()):
        raise HTTPException(
            401,
            "missing or wrong API key: send the header 'Authorization: Bearer <RAG_API_KEY>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GateDep = Annotated[Gate, Depends(get_gate)]
router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(require_api_key)])


class Turn(BaseModel):
    """One earlier turn of the conversation."""

    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    """A question, with the conversation so far for follow-ups."""

    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        examples=["What did Kazakhstan ban?"]
    )
    history: list[Turn | str] = Field(
        default_factory=list, description="Earlier turns, oldest first."
    )


class AnswerOut(BaseModel):
    """The answer JSON of shared/CONTRACTS.md."""

    model_config = ConfigDict(extra="allow")
    answer: str
    abstained: bool
    # The project's own Citation dataclass, so the schema cannot drift from the answers.
    citations: list[Citation]
    query: str = ""


@router.post("/ask", response_model=AnswerOut, summary="Answer a question with citations")
async def ask(body: AskRequest, assistant: AssistantDep, gate: GateDep) -> dict[str, Any]:
    """Answer from the indexed documents; `[n]` markers in the answer match `citations`."""
    history = [t if isinstance(t, str) else t.model_dump() for t in body.history]
    async with gate.admit():
        answer = await run_in_threadpool(assistant.ask, body.question, history)
    return answer.to_dict()


@router.get("/documents", summary="List indexed documents")
async def list_documents(assistant: AssistantDep) -> dict[str, list[dict[str, Any]]]:
    """Every indexed document with its title, date and size."""
    docs = await run_in_threadpool(assistant.documents)
    return {"documents": [d.to_dict() for d in docs]}


@router.post("/documents", status_code=201, summary="Upload and index a document")
async def upload_document(
    file: UploadFile, assistant: AssistantDep, settings: SettingsDep, gate: GateDep
) -> dict[str, Any]:
    """Index one file (.txt, .md, .html, .pdf); re-uploading the same content adds nothing."""
    name = PurePosixPath((file.filename or "").replace("\\", "/")).name
    suffix = PurePosixPath(name).suffix.lower()
    supported = assistant.supported_suffixes
    if suffix not in supported:
        raise HTTPException(
            415,
            f"{name or 'the file'}: unsupported file type {suffix or '(none)'!r}; "
            f"upload one of {', '.join(supported)}",
        )
    limit = upload_limit_bytes(settings)
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, _too_large_message(settings))
    async with gate.admit():  # embedding a file is CPU work like answering
        report = await run_in_threadpool(assistant.ingest_upload, name, data)
    return report.to_dict()


@router.delete("/documents/{source:path}", summary="Delete a document")
async def delete_document(source: str, assistant: AssistantDep) -> dict[str, Any]:
    """Remove a document and its chunks from the index."""
    removed = await run_in_threadpool(assistant.delete, source)
    return {"source": source, "chunks_removed": removed}


def upload_limit_bytes(settings: Settings) -> int:
    """The largest accepted upload in bytes."""
    return int(settings.max_upload_mb * 1024 * 1024)


def _too_large_message(settings: Settings) -> str:
    return f"the file is larger than the {settings.max_upload_mb:g} MB limit (RAG_MAX_UPLOAD_MB)"


class UploadLimit:
    """Refuse an upload by its Content-Length before reading it (the route checks the rest)."""

    # Room for the multipart boundaries and headers around the file itself.
    _OVERHEAD = 64 * 1024

    def __init__(self, app: ASGIApp, settings: Settings, path: str = "/api/documents") -> None:
        self.app, self.settings, self.path = app, settings, path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 413 at once when the declared body is over the limit."""
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == self.path:
            length = dict(scope["headers"]).get(b"content-length", b"")
            limit = upload_limit_bytes(self.settings) + self._OVERHEAD
            if length.isdigit() and int(length) > limit:
                body = {"detail": _too_large_message(self.settings)}
                await JSONResponse(body, status_code=413, headers={"Connection": "close"})(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """An error as JSON: `{"detail": ...}`, or OpenAI's `{"error": {...}}` under /v1."""
    if request.url.path.startswith("/v1/"):
        kind = "invalid_request_error" if status < 500 else "server_error"
        if status == 401:
            kind = "authentication_error"
        body: dict[str, Any] = {"error": {"message": message, "type": kind, "code": status}}
    else:
        body = {"detail": message}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Make every API error JSON with a one-line message saying what to do."""

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(request, exc.status_code, str(exc.detail), exc.headers)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 422, validation_message(exc.errors()))

    async def rag_error(request: Request, exc: Exception) -> JSONResponse:
        status = next((s for t, s in _ERROR_STATUS.items() if isinstance(exc, t)), 422)
        return error_response(request, status, str(exc))

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(RagError, rag_error)


def validation_message(errors: Sequence[Any]) -> str:
    """One line saying what is wrong with a request body."""
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part != "body"]
        if loc[:1] == ["question"]:
            return _EMPTY_QUESTION
        if error.get("type") == "json_invalid":
            return f"the body is not valid JSON ({error.get('msg', '')}); send a JSON object"
        if not loc and error.get("type") == "missing":
            return "the request has no body; send a JSON object"
    parts = [
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg', 'invalid')}"
        for e in errors[:3]
    ]
    return "invalid request: " + "; ".join(parts) if parts else "invalid request"
