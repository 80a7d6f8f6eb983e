"""The Gradio page: formatting that keeps text as text, and the handlers over a real assistant."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from rag.assistant import Assistant
from rag.errors import UnknownDocument
from rag.types import Answer, Citation
from ui.app import ChatHandlers, build_ui
from ui.format import (
    ABSTAINED_NOTE,
    EMPTY_SOURCES,
    answer_markdown,
    answer_message,
    escape_markdown,
    paragraph_around,
    sources_html,
)

HOSTILE = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(2)) $$x$$ &amp;"


def _citation(**kw: Any) -> Citation:
    fields: dict[str, Any] = dict(
        n=1, source="a.txt", title="A", text="b", start=1, end=2, score=1.0
    )
    return Citation(**{**fields, **kw})


# -- formatting -----------------------------------------------------------------------


def test_escape_markdown_leaves_no_markup_or_html() -> None:
    escaped = escape_markdown(HOSTILE)
    assert re.search(r"(?<!\\)[<>*\[\]()&$]", escaped) is None  # every one backslash-escaped
    assert escaped.replace("\\", "") == HOSTILE


def test_answer_markdown_links_only_cited_markers() -> None:
    text = answer_markdown("Oil was banned [1], see [2] <b>now</b>.", cited=[1])
    assert "[\\[1\\]](#source-1)" in text
    assert "#source-2" not in text
    assert "\\[2\\]" in text
    assert "<b>" not in text


def test_abstained_answer_says_it_is_not_in_the_documents() -> None:
    message = answer_message(Answer(answer="The documents do not say.", abstained=True))
    assert message.startswith(ABSTAINED_NOTE)


def test_paragraph_around_stays_inside_the_paragraph_and_trims_long_ones() -> None:
    text = "Intro line.\nBefore it. The cited part. After it.\nNext paragraph."
    start = text.index("The cited part.")
    before, after = paragraph_around(text, start, start + len("The cited part."))
    assert (before, after) == ("Before it. ", " After it.")
    long = "word " * 400 + "CITED" + " word" * 400
    start = long.index("CITED")
    before, after = paragraph_around(long, start, start + 5, limit=100)
    assert before.startswith("… ") and after.endswith(" …")
    assert len(before) + len(after) < 120


def test_sources_html_highlights_the_passage_and_escapes_everything() -> None:
    doc = f"Title\nLead in. {HOSTILE} Tail.\nOther."
    start = doc.index(HOSTILE)
    cite = _citation(
        source="x<y>.md",
        title="<script>alert(3)</script>",
        text=HOSTILE,
        start=start,
        end=start + len(HOSTILE),
        date="2025-11-14",
    )
    panel = sources_html([cite], {"x<y>.md": doc}.__getitem__)
    assert '<details class="rag-source" id="source-1" open>' in panel
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;" in panel
    assert "Lead in. <mark>" in panel and "</mark> Tail." in panel
    assert "<script>" not in panel and "<img" not in panel
    assert "&lt;script&gt;" in panel and "x&lt;y&gt;.md" in panel and "2025-11-14" in panel


def test_sources_html_shows_the_passage_alone_when_the_document_is_gone() -> None:
    def gone(source: str) -> str:
        raise UnknownDocument(source)

    panel = sources_html([_citation(text="kept text")], gone)
    assert "<mark>kept text</mark></p>" in panel
    assert sources_html([], gone) == EMPTY_SOURCES


# -- handlers over a real assistant ---------------------------------------------------


def test_respond_streams_then_shows_the_cited_answer(article_assistant: Assistant) -> None:
    handlers = ChatHandlers(article_assistant)
    steps = list(handlers.respond("What did Kazakhstan ban?", [], []))
    assert len(steps) > 3  # the user's turn, several growing pieces, the final answer
    partial = [chat[-1]["content"] for chat, *_ in steps[1:-1]]
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(partial))
    chat, panel, history, box = steps[-1]
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "(#source-1)" in chat[-1]["content"]
    answer = article_assistant.ask("What did Kazakhstan ban?")
    cited = answer.citations[0]
    assert cited.text == article_assistant.document_text(cited.source)[cited.start : cited.end]
    assert f"<mark>{cited.text}</mark>" in panel
    assert cited.title in panel and cited.date in panel
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert box == ""


def test_follow_up_questions_reach_the_assistant_with_history(
    article_assistant: Assistant,
) -> None:
    handlers = ChatHandlers(article_assistant)
    *_, (chat, _, history, _) = handlers.respond("What did Kazakhstan ban?", [], [])
    *_, (chat, _, history, _) = handlers.respond("For how long?", chat, history)
    assert len(chat) == 4 and len(history) == 4
    assert "six months" in chat[-1]["content"]
    assert handlers.new_chat() == ([], EMPTY_SOURCES, [], "")


def test_unanswerable_question_is_refused_plainly(article_assistant: Assistant) -> None:
    *_, (chat, panel, _, _) = ChatHandlers(article_assistant).respond(
        "What is the capital of France?", [], []
    )
    assert chat[-1]["content"].startswith(ABSTAINED_NOTE)
    # A refusal cites nothing, so the panel keeps the last answer's sources.
    assert panel == gr.skip()


def test_a_hostile_question_is_shown_as_text(article_assistant: Assistant) -> None:
    *_, (chat, *_rest) = ChatHandlers(article_assistant).respond(HOSTILE, [], [])
    assert chat[0]["content"] == escape_markdown(HOSTILE)


def test_an_empty_question_changes_nothing(article_assistant: Assistant) -> None:
    with pytest.warns(UserWarning, match="Type a question"):
        steps = list(ChatHandlers(article_assistant).respond("   ", [], []))
    assert len(steps) == 1 and steps[0][0] == []


def test_upload_reports_progress_lists_and_deletes_documents(
    empty_assistant: Assistant, tmp_path: Path
) -> None:
    good = tmp_path / "notes.md"
    good.write_text("# Notes <b>x</b>\n\nThe blue whale is the largest animal ever known.\n")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9")
    seen: list[float] = []
    handlers = ChatHandlers(empty_assistant)

    def progress(frac: float, desc: str = "") -> None:
        seen.append(frac)

    status, table, choice, files = handlers.upload([str(good), str(bad)], progress)
    assert "Indexed notes\\.md" in status
    assert "**Not indexed:**" in status and "UTF\\-8" in status
    assert seen and seen == sorted(seen) and 0.0 <= seen[-1] <= 1.0
    assert [row[0] for row in table.value["data"]] == ["notes.md"]
    assert choice.choices == [("notes.md", "notes.md")]
    assert files is None

    status, table, choice = handlers.delete("notes.md")
    assert status.startswith("Deleted notes\\.md")
    assert table.value["data"] in ([], [["", "", "", "", ""]])
    assert "**Not deleted:**" in handlers.delete("notes.md")[0]


def test_build_ui_lays_out_chat_documents_and_extra_tabs(article_assistant: Assistant) -> None:
    rendered: list[str] = []
    page = build_ui(article_assistant, extra_tabs=[("Evaluation", lambda: rendered.append("eval"))])
    assert isinstance(page, gr.Blocks)
    ids = {getattr(b, "elem_id", None) for b in page.blocks.values()}
    assert {"chatbot", "question", "ask", "new-chat", "sources", "upload", "documents"} <= ids
    labels = {b.label for b in page.blocks.values() if isinstance(b, gr.Tab)}
    assert {"Chat", "Documents", "Evaluation"} <= labels
    assert rendered == ["eval"]


def test_the_evaluation_report_frame_is_sandboxed_and_escaped() -> None:
    from ui.evaluation import report_frame

    frame = report_frame('<p class="x">"quoted" & <script>alert(1)</script></p>')
    assert 'sandbox=""' in frame
    assert "<script>" not in frame
    assert "&lt;script&gt;" in frame and "&quot;quoted&quot;" in frame
