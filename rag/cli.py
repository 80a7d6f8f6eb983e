"""The `rag` command line: ingest, ask, chat, sources, delete, eval, serve."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rag.errors import RagError
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.assistant import Assistant
    from rag.types import Answer

app = typer.Typer(
    help="Answer questions about documents with short answers citing the exact passages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None, typer.Option(help="Index folder (default: $RAG_DATA_DIR or .rag).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    """Build the one Settings object for every command."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    settings = Settings()
    if data_dir is not None:
        settings = settings.model_copy(update={"data_dir": data_dir})
    ctx.obj = settings


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def open_assistant(settings: Settings) -> Assistant:
    """Open the assistant, turning setup problems into a one-line error."""
    from rag.assistant import Assistant

    try:
        return Assistant(settings)
    except RagError as exc:
        raise _fail(str(exc)) from None


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders; none: the bundled article.")
    ] = None,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when the index already has documents.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Index documents (.txt, .md, .html, .pdf); unchanged files are skipped."""
    assistant = open_assistant(ctx.obj)
    if if_empty and assistant.ready():
        typer.echo("index already built; nothing to do")
        return
    missing = [p for p in paths or [] if not p.exists()]
    if missing:
        raise _fail(f"{missing[0]}: no such file or folder; nothing was indexed")
    with _progress_bar() as progress:
        report = assistant.ingest(paths or [], progress=progress)
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.summary())
    if report.errors:
        raise typer.Exit(1)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question.")],
    history: Annotated[
        list[str] | None, typer.Option("--history", help="An earlier question (repeatable).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer JSON.")] = False,
) -> None:
    """Answer one question with cited passages."""
    if not question.strip():
        raise _fail("the question is empty: type a question about the documents")
    assistant = open_assistant(ctx.obj)
    _require_index(assistant)
    try:
        answer = assistant.ask(question, history or [])
    except RagError as exc:
        raise _fail(str(exc)) from None
    typer.echo(
        json.dumps(answer.to_dict(), indent=2, ensure_ascii=False) if as_json else _render(answer)
    )


@app.command()
def chat(ctx: typer.Context) -> None:
    """Chat in the terminal; follow-up questions use the conversation so far."""
    assistant = open_assistant(ctx.obj)
    _require_index(assistant)
    typer.echo("Ask about the documents. Empty line or Ctrl-D to quit; /new starts over.")
    history: list[str] = []
    while True:
        try:
            question = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo()
            return
        if not question:
            return
        if question == "/new":
            history = []
            continue
        try:
            answer = assistant.ask(question, history)
        except RagError as exc:
            typer.echo(f"error: {exc}", err=True)
            continue
        typer.echo(_render(answer) + "\n")
        history.append(question)


@app.command()
def sources(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List indexed documents."""
    docs = open_assistant(ctx.obj).documents()
    if as_json:
        typer.echo(json.dumps([d.to_dict() for d in docs], indent=2, ensure_ascii=False))
        return
    if not docs:
        typer.echo("no documents indexed; run: rag ingest [PATH...]")
    for d in docs:
        dated = f" ({d.date})" if d.date else ""
        typer.echo(f"{d.source}\t{d.chunks} chunks\t{d.title}{dated}")


@app.command()
def delete(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Source name, as in `rag sources`.")],
) -> None:
    """Remove one document and its chunks from the index."""
    try:
        removed = open_assistant(ctx.obj).delete(source)
    except RagError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"deleted {source}: {removed} chunks removed")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on [RAG_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [RAG_PORT].")] = None,
) -> None:
    """Serve the web chat at / and the HTTP API (/api, /v1, /docs) from one process."""
    # Imported here: Gradio takes seconds to import, which every other command would pay.
    from rag.server import serve_command

    serve_command(ctx, host=host, port=port)


def _require_index(assistant: Assistant) -> None:
    if not assistant.ready():
        raise _fail(f"the index in {assistant.settings.data_dir} is empty; run: rag ingest")


def _render(answer: Answer) -> str:
    lines = [answer.answer]
    for c in answer.citations:
        where = f"{c.source}:{c.start}-{c.end}"
        lines.append(f"  [{c.n}] {where} \u201c{c.text}\u201d")
    return "\n".join(lines)


class _progress_bar:
    """A tqdm bar on stderr fed by (fraction, message) callbacks; silent when not a terminal."""

    def __enter__(self) -> _progress_bar:
        from tqdm import tqdm

        self.bar = tqdm(total=100, unit="%", disable=not sys.stderr.isatty(), leave=False)
        return self

    def __call__(self, fraction: float, message: str) -> None:
        self.bar.set_description_str(message[:60])
        self.bar.update(max(0, round(fraction * 100) - self.bar.n))

    def __exit__(self, *exc: object) -> None:
        self.bar.close()


def _register_optional_commands() -> None:
    # Commands living in their own modules; registered here so `rag --help` lists them.
    try:
        from rag.evaluation.cli import eval_command
    except ImportError:
        pass
    else:
        app.command("eval")(eval_command)


_register_optional_commands()


def main() -> None:
    """Entry point of the `rag` console script."""
    app()


if __name__ == "__main__":
    main()
