"""One process serving the HTTP API and, mounted at /, the Gradio chat."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gradio as gr
import typer
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import SecretStr
from starlette.concurrency import run_in_threadpool

from rag import api, openai_compat
from rag.api import AssistantDep, Gate, UploadLimit, install_error_handlers, upload_limit_bytes
from rag.assistant import Assistant
from rag.settings import Settings
from ui.app import CSS, EXAMPLES, HEAD, ExtraTab, build_ui, page_theme

DESCRIPTION = """Answers questions about the indexed documents, citing the exact passages.

- `POST /api/ask`: the answer JSON (answer, abstained, citations with character offsets).
- `POST /v1/chat/completions`, `GET /v1/models`: for any OpenAI-compatible client.
- `/api/documents`: upload, list and delete documents.

When the server sets `RAG_API_KEY`, send `Authorization: Bearer <key>`. The chat is at `/`.
"""
# One process, one model, one local Chroma: answers are CPU-bound, so a couple at a time
# (settings.concurrency) keeps a 2-core machine busy, and a short line beyond that
# (settings.queue_size) fails fast instead of hanging.


def create_app(
    assistant: Assistant, settings: Settings, *, extra_tabs: Sequence[ExtraTab] = ()
) -> FastAPI:
    """Build the app: /api, /v1, /healthz and /docs, with the chat mounted at /."""
    workers, waiting = settings.concurrency, settings.queue_size
    app = FastAPI(title="Document assistant", description=DESCRIPTION, version="1.0")
    app.state.assistant, app.state.settings = assistant, settings
    app.state.gate = Gate(workers, waiting)
    install_error_handlers(app)
    app.add_middleware(UploadLimit, settings=settings)
    app.include_router(api.router)
    app.include_router(openai_compat.router)

    @app.get("/healthz", tags=["health"], summary="200 once the server can answer questions")
    async def healthz(assistant: AssistantDep) -> Any:
        """Report whether the index holds documents to answer from."""
        if await run_in_threadpool(assistant.ready):
            return {"status": "ok"}
        detail = "no documents are indexed yet: run `rag ingest` or upload a file"
        return JSONResponse({"status": "empty", "detail": detail}, status_code=503)

    # The example questions are about the bundled article: offer them only when it is indexed.
    indexed = {d.source for d in assistant.documents()}
    examples = EXAMPLES if indexed & set(assistant.bundled_sources()) else ()
    page = build_ui(assistant, examples=examples, extra_tabs=extra_tabs, chat_concurrency=workers)
    page.queue(default_concurrency_limit=workers, max_size=waiting)
    return gr.mount_gradio_app(
        app,
        page,
        path="/",
        auth=_ui_auth(settings),
        auth_message="Sign in to ask the documents.",
        max_file_size=upload_limit_bytes(settings),
        footer_links=["settings"],
        run_history=False,
        ssr_mode=False,
        mcp_server=False,
        theme=page_theme(),
        css=CSS,
        head=HEAD,
    )


def examples_for(assistant: Assistant) -> Sequence[str]:
    """The chat's example questions: they are about the bundled article, so only with it."""
    indexed = {d.source for d in assistant.documents()}
    return EXAMPLES if indexed & set(assistant.bundled_sources()) else ()


def evaluation_tab_for(assistant: Assistant, settings: Settings) -> ExtraTab:
    """The chat's evaluation tab, running the bundled set over this assistant."""
    from rag.evaluation.runner import run_bundled
    from ui.evaluation import evaluation_tab

    return ("Evaluation", lambda: evaluation_tab(lambda: run_bundled(assistant, settings)))


def _ui_auth(settings: Settings) -> tuple[str, str] | None:
    password = settings.ui_password
    if not settings.ui_user or not password:
        return None
    secret = password.get_secret_value() if isinstance(password, SecretStr) else str(password)
    return settings.ui_user, secret


def serve_command(
    ctx: typer.Context,
    host: str | None = typer.Option(None, "--host", help="Address to listen on [RAG_HOST]."),
    port: int | None = typer.Option(None, "--port", help="Port to listen on [RAG_PORT]."),
) -> None:
    """Serve the chat at / and the API (/api, /v1, /docs) from one process."""
    import uvicorn

    settings: Settings = ctx.obj
    updates = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    settings = settings.model_copy(update=updates)
    assistant = Assistant(settings)
    if not assistant.ready():
        typer.echo("The index is empty: run `rag ingest` or upload files in the Documents tab.")
    typer.echo(f"Chat at http://{settings.host}:{settings.port}/ , API docs at /docs")
    try:
        uvicorn.run(
            create_app(assistant, settings, extra_tabs=[evaluation_tab_for(assistant, settings)]),
            host=settings.host,
            port=settings.port,
            timeout_keep_alive=5,
            # Connections beyond this get a 503 at once; the chat's queue and the API's
            # gate already bound the work, this bounds sockets.
            limit_concurrency=200,
            log_level="info",
        )
    finally:
        assistant.close()
