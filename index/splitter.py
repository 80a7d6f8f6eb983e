"""Sentence-aligned chunking that records character offsets in the source text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from langchain_text_splitters import TextSplitter

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt vs etc e.g i.e cf no nos vol fig inc ltd co corp gen col
    lt sgt capt gov sen rep pres jan feb mar apr jun jul aug sep sept oct nov dec approx est
    dept univ ave blvd""".split()
)
# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space and a capital,
# digit, quote or dash; footnote marks ("animals.[2]") stay with the sentence they follow.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?:\[\d+\])*(?=\s+[\"'“‘(\[]?[A-Z0-9А-ЯЁ—–-])")
# Abbreviations only when a number follows ("No. 5", "vol. 2"); else ordinary words ("said no.").
_NUMBERING = frozenset({"no", "nos", "vol", "fig"})


@dataclass(frozen=True)
class Chunk:
    """Consecutive whole sentences of one document, with absolute offsets."""

    text: str
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]

    def chunk_id(self, source: str) -> str:
        """Stable id from source, offsets and text."""
        key = f"{source}\x00{self.start}\x00{self.end}\x00{self.text}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of sentences; line breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        content = line.group()
        cursor = 0
        for match in _BOUNDARY.finditer(content):
            if _is_abbreviation(content, match.start()):
                continue
            _add_span(spans, content, base, cursor, match.end())
            cursor = match.end()
        _add_span(spans, content, base, cursor, len(content))
    return spans


def _is_abbreviation(content: str, dot: int) -> bool:
    if content[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", content[:dot])
    if not word:
        return False
    token = word.group(1).lower()
    if token in _NUMBERING:
        return bool(re.match(r"\.\s*\d", content[dot:]))
    # Initials and dotted acronyms (J. Smith, U.S. officials) rarely end a sentence mid-line.
    acronym = bool(re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?", token))
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or acronym


def _add_span(spans: list[tuple[int, int]], content: str, base: int, a: int, b: int) -> None:
    piece = content[a:b]
    # A leading dialogue dash ("- It is ...") or Markdown heading/quote mark ("## Title",
    # "> quote") is layout, not part of the sentence.
    stripped = _LAYOUT.sub("", piece).rstrip()
    if not stripped.strip(" -–—#>"):
        return
    lead = len(piece) - len(_LAYOUT.sub("", piece))
    spans.append((base + a + lead, base + a + lead + len(stripped)))


_LAYOUT = re.compile(r"^(?:[\s\-–—]|#{1,6}\s|>\s?)+(?=\S)")


def _paragraph_starts(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of sentences that open a paragraph (first sentence of a line)."""
    starts = set()
    for i, (s, _) in enumerate(spans):
        if i == 0 or "\n" in text[spans[i - 1][1] : s]:
            starts.add(i)
    return starts


class SentenceSplitter(TextSplitter):
    """Packs whole sentences into chunks of about `chunk_size` characters, never cutting one."""

    def __init__(self, chunk_size: int = 600, overlap_sentences: int = 0, **kwargs: Any) -> None:
        super().__init__(chunk_size=chunk_size, chunk_overlap=0, **kwargs)
        self.target = chunk_size
        self.overlap_sentences = max(0, overlap_sentences)

    def split_text(self, text: str) -> list[str]:
        """Chunk texts (LangChain's TextSplitter interface)."""
        return [c.text for c in self.split_chunks(text)]

    def split_chunks(self, text: str) -> list[Chunk]:
        """Chunks with offsets and sentence spans."""
        spans = split_sentences(text)
        para_starts = _paragraph_starts(text, spans)
        groups: list[list[int]] = []
        current: list[int] = []
        for i, (_, e) in enumerate(spans):
            if current:
                size = e - spans[current[0]][0]
                current_size = spans[current[-1]][1] - spans[current[0]][0]
                # Prefer to close a chunk at a paragraph end once it is half full.
                if size > self.target or (i in para_starts and current_size >= self.target // 2):
                    groups.append(current)
                    current = current[-self.overlap_sentences :] if self.overlap_sentences else []
            current.append(i)
        if current:
            groups.append(current)
        return [_make_chunk(text, [spans[i] for i in g]) for g in _dedupe(groups)]


def _dedupe(groups: Iterable[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for g in groups:
        if not out or g[-1] > out[-1][-1]:
            out.append(g)
    return out


def _make_chunk(text: str, sentences: list[tuple[int, int]]) -> Chunk:
    start, end = sentences[0][0], sentences[-1][1]
    return Chunk(text=text[start:end], start=start, end=end, sentences=tuple(sentences))
