"""The Gradio chat: layout plus small handlers that show an Answer and manage documents."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from rag.errors import InvalidQuestion, RagError
from rag.types import Answer
from ui.format import (
    DOCUMENT_HEADERS,
    EMPTY_SOURCES,
    answer_message,
    document_rows,
    escape_markdown,
    sources_html,
)

if TYPE_CHECKING:
    from rag.assistant import Assistant

EXAMPLES = (
    "What did Kazakhstan ban?",
    "Which Russian oil companies were sanctioned?",
    "Why is Armenia reducing its dependence on Russia?",
)
# Render hooks for tabs owned elsewhere (e.g. ("Evaluation", build_eval_tab)); each is
# called inside its own gr.Tab while the page is laid out.
ExtraTab = tuple[str, Callable[[], None]]
Chat = list[dict[str, Any]]
History = list[dict[str, str]]
# Gradio spots a Progress default and hands each event its own tracker.
_PROGRESS = gr.Progress()

CSS = """
.rag-sources { display: flex; flex-direction: column; gap: .5rem; }
.rag-source { border: 1px solid var(--border-color-primary); border-radius: .5rem;
  padding: .5rem .75rem; }
.rag-source summary { cursor: pointer; }
.rag-source.rag-focus { border-color: var(--color-accent);
  box-shadow: 0 0 0 2px var(--color-accent-soft); }
.rag-n { font-weight: 600; color: var(--color-accent); }
.rag-title { font-weight: 600; }
.rag-meta { display: block; font-size: .85em; opacity: .75; }
.rag-passage { margin: .5rem 0 0; line-height: 1.5; }
.rag-passage mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.rag-empty { opacity: .7; }
"""
# The chat's Markdown links open new tabs; a `[n]` link should open the source beside it.
HEAD = """<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#source-"]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const card = document.getElementById(link.getAttribute("href").slice(1));
  if (!card) return;
  for (const el of document.querySelectorAll(".rag-source.rag-focus")) {
    el.classList.remove("rag-focus");
  }
  card.open = true;
  card.classList.add("rag-focus");
  card.scrollIntoView({ block: "nearest" });
}, true);
</script>"""


def page_theme() -> gr.themes.Base:
    """A theme with system fonts, so an offline page never waits for a font download."""
    return gr.themes.Soft(
        font=["ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )


class ChatHandlers:
    """The event handlers of the page; per-user state comes in and goes out as values."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def respond(self, question: str, chat: Chat, history: History) -> Iterator[tuple[Any, ...]]:
        """Stream the answer into the chat; yields (chat, sources, history, question box)."""
        question = (question or "").strip()
        if not question:
            gr.Warning("Type a question about the documents first.")
            yield chat, gr.skip(), history, ""
            return
        chat = [*chat, {"role": "user", "content": escape_markdown(question)}]
        reply = {"role": "assistant", "content": "…"}
        yield [*chat, reply], gr.skip(), history, ""
        text, answer = "", None
        try:
            for item in self.assistant.stream(question, history):
                if isinstance(item, Answer):
                    answer = item
                else:
                    text += item
                    yield (
                        [*chat, {**reply, "content": escape_markdown(text)}],
                        gr.skip(),
                        history,
                        "",
                    )
        except InvalidQuestion as exc:
            gr.Warning(html.escape(str(exc)))  # the toast renders HTML
            yield chat[:-1], gr.skip(), history, question
            return
        except RagError as exc:
            error = f"**Could not answer:** {escape_markdown(str(exc))}"
            yield [*chat, {**reply, "content": error}], EMPTY_SOURCES, history, ""
            return
        if answer is None:  # pragma: no cover - stream() always ends with the Answer
            raise RuntimeError("the assistant's stream ended without an answer")
        history = [
            *history,
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.answer},
        ]
        # A refusal cites nothing: keep the last answer's sources, so its [n] links still open.
        panel = (
            sources_html(answer.citations, self.assistant.document_text)
            if answer.citations
            else gr.skip()
        )
        yield [*chat, {**reply, "content": answer_message(answer)}], panel, history, ""

    def new_chat(self) -> tuple[Chat, str, History, str]:
        """Forget the conversation: empty chat, sources, history and question."""
        return [], EMPTY_SOURCES, [], ""

    def list_documents(self) -> tuple[Any, Any]:
        """The documents table and the choices of the delete dropdown."""
        docs = self.assistant.documents()
        choices = [d.source for d in docs]
        table = gr.Dataframe(value=document_rows(docs), headers=DOCUMENT_HEADERS)
        return table, gr.Dropdown(choices=choices, value=None)

    def upload(
        self, files: Sequence[str] | None, progress: gr.Progress = _PROGRESS
    ) -> tuple[Any, ...]:
        """Index uploaded files one by one, reporting progress; one status line per file."""
        if not files:
            return ("Choose one or more files first.", *self.list_documents(), None)
        lines = []
        for i, path in enumerate(files):
            name = Path(path).name

            def step(frac: float, msg: str, i: int = i, name: str = name) -> None:
                progress((i + frac) / len(files), desc=f"{name}: {msg}")

            step(0.0, "reading")
            try:
                result = self.assistant.ingest_upload(name, Path(path).read_bytes(), progress=step)
                lines.append(
                    f"- Indexed {escape_markdown(name)}: {escape_markdown(result.summary())}"
                )
            except RagError as exc:
                lines.append(f"- **Not indexed:** {escape_markdown(str(exc))}")
        return ("\n".join(lines), *self.list_documents(), None)

    def delete(self, source: str | None) -> tuple[Any, ...]:
        """Remove the chosen document from the index."""
        if not source:
            return ("Choose a document to delete.", *self.list_documents())
        try:
            removed = self.assistant.delete(source)
            status = f"Deleted {escape_markdown(source)} ({removed} chunks)."
        except RagError as exc:
            status = f"**Not deleted:** {escape_markdown(str(exc))}"
        return (status, *self.list_documents())


def build_ui(
    assistant: Assistant,
    *,
    examples: Sequence[str] = EXAMPLES,
    extra_tabs: Sequence[ExtraTab] = (),
    chat_concurrency: int = 2,
) -> gr.Blocks:
    """Lay out the chat, sources and documents tabs over one shared assistant."""
    handlers = ChatHandlers(assistant)
    with gr.Blocks(title="Document assistant", analytics_enabled=False) as page:
        history = gr.State([])
        gr.Markdown(
            "## Ask your documents\nAnswers quote the indexed documents and cite them as [n]; "
            "click a marker to open the passage. Teams can use the same answers through the "
            "[HTTP API](/docs)."
        )
        with gr.Tab("Chat", elem_id="chat-tab"), gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    elem_id="chatbot",
                    label="Answers cite their sources as [n]",
                    height=520,
                    examples=[{"text": q} for q in examples] or None,
                    placeholder="Ask a question about the indexed documents.",
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=["copy"],
                )
                with gr.Row():
                    question = gr.Textbox(
                        elem_id="question",
                        show_label=False,
                        placeholder="Ask about your documents…",
                        scale=6,
                        max_lines=4,
                    )
                    ask = gr.Button("Ask", elem_id="ask", variant="primary", scale=1)
                new_chat = gr.Button("New chat", elem_id="new-chat", size="sm")
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources = gr.HTML(EMPTY_SOURCES, elem_id="sources")
        with gr.Tab("Documents", elem_id="documents-tab"):
            files = gr.File(
                label="Upload documents (.txt, .md, .html, .pdf)",
                file_count="multiple",
                elem_id="upload",
            )
            index = gr.Button("Index the files", elem_id="index", variant="primary")
            status = gr.Markdown(elem_id="upload-status")
            table = gr.Dataframe(headers=DOCUMENT_HEADERS, interactive=False, elem_id="documents")
            with gr.Row():
                choice = gr.Dropdown(label="Document", choices=[], scale=4, elem_id="delete-choice")
                delete = gr.Button("Delete", variant="stop", scale=1, elem_id="delete")
        for label, render in extra_tabs:
            with gr.Tab(label):
                render()

        answer_io: dict[str, Any] = {
            "fn": handlers.respond,
            "inputs": [question, chatbot, history],
            "outputs": [chatbot, sources, history, question],
            "concurrency_limit": chat_concurrency,
            "concurrency_id": "answer",
            "api_visibility": "private",
        }
        ask.click(**answer_io)
        question.submit(**answer_io)
        chatbot.example_select(_example_text, outputs=question, api_visibility="private").then(
            **answer_io
        )
        for reset in (new_chat.click, chatbot.clear):
            reset(
                handlers.new_chat,
                outputs=[chatbot, sources, history, question],
                api_visibility="private",
            )
        index.click(
            handlers.upload,
            inputs=files,
            outputs=[status, table, choice, files],
            concurrency_limit=1,
            concurrency_id="write",
            api_visibility="private",
        )
        delete.click(
            handlers.delete,
            inputs=choice,
            outputs=[status, table, choice],
            concurrency_limit=1,
            concurrency_id="write",
            api_visibility="private",
        )
        page.load(handlers.list_documents, outputs=[table, choice], api_visibility="private")
    return page


def _example_text(event: gr.SelectData) -> str:
    value = event.value
    return str(value.get("text", "")) if isinstance(value, dict) else str(value)
