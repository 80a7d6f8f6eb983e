"""Read .txt, .md, .html and .pdf files into plain text with their metadata."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rag.errors import DocumentError

logger = logging.getLogger(__name__)
# pypdf logs recoverable damage at WARNING; an unreadable file is reported as a DocumentError.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_BLOCKS = (
    "p div li ul ol h1 h2 h3 h4 h5 h6 tr table section article main blockquote pre dt dd "
    "figcaption header footer title"
).split()

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class LoadedDocument:
    """A document's text (offsets of citations refer to it) and its metadata."""

    source: str
    text: str
    title: str
    date: str = ""
    publisher: str = ""

    @property
    def content_hash(self) -> str:
        """Hash of text and metadata: it decides whether a re-ingest has anything to do."""
        key = json.dumps([self.text, self.title, self.date, self.publisher])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


def load_document(path: Path, source: str | None = None) -> LoadedDocument:
    """Load one file; raise DocumentError naming the file when it cannot be indexed."""
    name = source or path.name
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if not path.is_file():
        raise DocumentError(f"{path}: not a file")
    # Checked before reading, so an unsupported file of any size costs nothing.
    _require_supported(name, path.suffix.lower())
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            f"{name}: cannot be read ({exc.strerror}); nothing was indexed from it"
        ) from None
    return load_bytes(name, data, sidecar=_read_sidecar(path))


def load_bytes(name: str, data: bytes, sidecar: dict[str, str] | None = None) -> LoadedDocument:
    """Parse file content by the name's suffix (used for uploads too)."""
    suffix = Path(name).suffix.lower()
    _require_supported(name, suffix)
    if suffix == ".pdf":
        text, title = _pdf_text(name, data)
        date = ""
    else:
        raw = _decode(name, data)
        if suffix in (".html", ".htm"):
            text, title, date = _html_text(raw)
        else:
            text, title, date = raw, _first_line_title(raw, markdown=suffix != ".txt"), ""
    text = _normalize(text)
    if not text.strip():
        raise DocumentError(f"{name}: contains no text; nothing was indexed from it")
    meta = sidecar or {}
    return LoadedDocument(
        source=name,
        text=text,
        title=meta.get("title") or title or Path(name).stem,
        date=meta.get("date") or date,
        publisher=meta.get("publisher", ""),
    )


def _require_supported(name: str, suffix: str) -> None:
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        raise DocumentError(
            f"{name}: unsupported file type {suffix or '(none)'!r} (supported: {kinds}); "
            "nothing was indexed from it"
        )


def _read_sidecar(path: Path) -> dict[str, str]:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DocumentError(
            f"{sidecar}: not valid JSON metadata ({exc}); fix or remove it"
        ) from None
    if not isinstance(data, dict):
        raise DocumentError(f'{sidecar}: metadata must be a JSON object like {{"title": ...}}')
    return {k: str(v) for k, v in data.items() if isinstance(v, str | int | float)}


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: is a binary file, not text; nothing was indexed from it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name}: is not valid UTF-8 text (byte {exc.start}); convert it to UTF-8. "
            "Nothing was indexed from it"
        ) from None


def _normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _first_line_title(text: str, markdown: bool) -> str:
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if markdown:
            line = line.lstrip("#").strip()
        return line if len(line) <= 150 else ""
    return ""


def _html_text(raw: str) -> tuple[str, str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    date = ""
    for attr in ("article:published_time", "date", "pubdate", "dc.date"):
        tag = soup.find("meta", attrs={"property": attr}) or soup.find("meta", attrs={"name": attr})
        if tag and tag.get("content"):
            date = str(tag["content"])[:10]
            break
    for tag in soup(
        ["script", "style", "noscript", "template", "nav", "header", "footer", "aside"]
    ):
        tag.decompose()
    main = soup.find("article") or soup.find("main") or soup.body or soup
    if not title:
        h1 = main.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else ""
    # Inline markup (<b>, <a>) joins its words; block elements and <br> end a line.
    for node in main.find_all(string=True):
        node.replace_with(re.sub(r"\s+", " ", str(node)))
    for br in main.find_all("br"):
        br.replace_with("\n")
    for block in main.find_all(_BLOCKS):
        block.insert_before("\n")
        block.append("\n")
    lines = (" ".join(line.split()) for line in main.get_text().split("\n"))
    return "\n".join(line for line in lines if line), title, date


def _pdf_text(name: str, data: bytes) -> tuple[str, str]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str(reader.metadata.title) if reader.metadata and reader.metadata.title else ""
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(
            f"{name}: is not a readable PDF ({exc}); nothing was indexed from it"
        ) from None
    return "\n\n".join(p.strip() for p in pages if p.strip()), title
