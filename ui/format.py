"""Turn answers, citations and documents into Markdown and HTML that show text as text."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable, Iterable, Sequence

from rag.errors import RagError
from rag.types import Answer, Citation, DocumentInfo

EMPTY_SOURCES = '<p class="rag-empty">The passages an answer cites appear here.</p>'
ABSTAINED_NOTE = "**Not found in the documents.**"
DOCUMENT_HEADERS = ["Source", "Title", "Date", "Chunks", "Characters"]

_MARKER = re.compile(r"\[(\d+)\]")
# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of
# them keeps Markdown syntax, HTML tags and entities in a document or question inert.
_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}
_CONTEXT_CHARS = 700


def escape_markdown(text: str) -> str:
    """Return text as Markdown that renders literally (no markup, no HTML)."""
    return text.translate(_ESCAPES)


def answer_markdown(text: str, cited: Iterable[int] = ()) -> str:
    """Escape an answer and turn its cited `[n]` markers into links to their sources."""
    numbers = set(cited)
    parts: list[str] = []
    pos = 0
    for match in _MARKER.finditer(text):
        n = int(match.group(1))
        if n not in numbers:
            continue
        parts.append(escape_markdown(text[pos : match.start()]))
        parts.append(f"[\\[{n}\\]](#source-{n})")
        pos = match.end()
    parts.append(escape_markdown(text[pos:]))
    return "".join(parts)


def answer_message(answer: Answer) -> str:
    """The chat message for a finished answer; a refusal says plainly it is not in the documents."""
    if answer.abstained:
        return f"{ABSTAINED_NOTE} {escape_markdown(answer.answer)}"
    return answer_markdown(answer.answer, (c.n for c in answer.citations))


def paragraph_around(
    text: str, start: int, end: int, limit: int = _CONTEXT_CHARS
) -> tuple[str, str]:
    """Text before and after `text[start:end]` within its paragraph, trimmed to `limit`."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    if para_end == -1:
        para_end = len(text)
    before, after = text[para_start:start], text[end:para_end]
    budget = max(0, limit - (end - start)) // 2
    if len(before) > budget:
        cut = before[len(before) - budget :]
        before = "… " + cut.split(" ", 1)[-1] if " " in cut else "… " + cut
    if len(after) > budget:
        cut = after[:budget]
        after = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " …"
    return before, after


def sources_html(citations: Sequence[Citation], document_text: Callable[[str], str]) -> str:
    """HTML for the sources panel: each cited passage highlighted inside its paragraph."""
    if not citations:
        return EMPTY_SOURCES
    texts: dict[str, str | None] = {}
    cards = []
    for c in citations:
        if c.source not in texts:
            try:
                texts[c.source] = document_text(c.source)
            except RagError:  # deleted since the answer was written: show the passage alone
                texts[c.source] = None
        full = texts[c.source]
        before, after = ("", "")
        if full is not None and full[c.start : c.end] == c.text:
            before, after = paragraph_around(full, c.start, c.end)
        meta = " · ".join(html.escape(x) for x in (c.date, c.source) if x)
        cards.append(
            f'<details class="rag-source" id="source-{c.n}" open>'
            f'<summary><span class="rag-n">[{c.n}]</span> '
            f'<span class="rag-title">{html.escape(c.title or c.source)}</span>'
            f'<span class="rag-meta">{meta}</span></summary>'
            f'<p class="rag-passage">{html.escape(before)}<mark>{html.escape(c.text)}</mark>'
            f"{html.escape(after)}</p></details>"
        )
    return '<div class="rag-sources">' + "".join(cards) + "</div>"


def document_rows(documents: Sequence[DocumentInfo]) -> list[list[str | int]]:
    """Rows of the documents table, in `DOCUMENT_HEADERS` order."""
    return [[d.source, d.title, d.date, d.chunks, d.chars] for d in documents]
