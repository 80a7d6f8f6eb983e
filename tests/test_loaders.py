"""Loading .txt, .md, .html and .pdf files into text plus metadata, and refusing bad files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from index.loaders import LoadedDocument, load_bytes, load_document
from rag.assistant import Assistant
from rag.errors import DocumentError


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal one-page PDF whose content stream shows `lines` in Helvetica."""
    shown = " ".join(f"({line}) Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if title:
        objects.append(b"<< /Title (%s) >>" % title.encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info %d 0 R" % len(objects) if title else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info,
        xref,
    )
    return bytes(out)


HTML = """<!doctype html>
<html><head>
<title>Walrus Report</title>
<meta name="date" content="2024-03-05T10:00:00Z">
<style>body { color: red; } .walrus { display: none; }</style>
<script>var secret = "javascript walrus tracker";</script>
</head>
<body>
<nav>Home | About | Contact</nav>
<article>
<h1>Walruses of Zyxqua Island</h1>
<p>The walrus colony grew this year.</p>
<script>trackVisit("article");</script>
<p>Dr. Smith led the count from a boat.</p>
</article>
<footer>Copyright Polar News</footer>
</body></html>
"""


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_markdown_keeps_its_text_and_takes_the_first_heading_as_title(tmp_path: Path) -> None:
    path = _write(tmp_path / "notes.md", "# Walrus notes\n\nThe walrus sleeps on ice.\n")
    doc = load_document(path)
    assert doc.source == "notes.md"
    assert doc.title == "Walrus notes"
    assert "The walrus sleeps on ice." in doc.text


def test_text_file_title_is_its_first_line_and_line_endings_are_normalized(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "a.txt", b"\xef\xbb\xbfWalrus facts\r\nThey sleep on ice.\r\n")
    doc = load_document(path)
    assert doc.title == "Walrus facts"
    assert doc.text == "Walrus facts\nThey sleep on ice."


def test_html_drops_scripts_styles_and_page_chrome_and_uses_the_title_tag(
    tmp_path: Path,
) -> None:
    doc = load_document(_write(tmp_path / "report.html", HTML))
    assert doc.title == "Walrus Report"
    assert doc.date == "2024-03-05"
    assert "The walrus colony grew this year." in doc.text
    assert "Dr. Smith led the count from a boat." in doc.text
    for hidden in ("javascript", "secret", "trackVisit", "color", "display", "Home | About"):
        assert hidden not in doc.text
    assert "Copyright" not in doc.text


def test_html_without_a_title_tag_takes_the_first_heading(tmp_path: Path) -> None:
    html = "<html><body><h1>Seal census</h1><p>Seals were counted.</p></body></html>"
    doc = load_document(_write(tmp_path / "seals.htm", html))
    assert doc.title == "Seal census"
    assert "Seals were counted." in doc.text


def test_html_inline_markup_does_not_break_a_sentence(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Count</title></head><body><p>Researchers counted "
        "<b>400</b> animals near <a href='/bay'>the bay</a> in May.</p></body></html>"
    )
    doc = load_document(_write(tmp_path / "count.html", html))
    assert "Researchers counted 400 animals near the bay in May." in doc.text


def test_html_script_and_style_text_is_not_indexed(
    tmp_path: Path, empty_assistant: Assistant
) -> None:
    path = _write(tmp_path / "report.html", HTML)
    report = empty_assistant.ingest([path])
    assert report.errors == []
    stored = empty_assistant.document_text("report.html")
    chunks = empty_assistant.store.all_chunks()
    assert chunks
    for text in [stored, *(c.text for c in chunks)]:
        assert "javascript" not in text
        assert "color: red" not in text
        assert "trackVisit" not in text
    (info,) = empty_assistant.documents()
    assert info.title == "Walrus Report"


def test_pdf_text_and_title_are_extracted(tmp_path: Path) -> None:
    pdf = make_pdf(
        ["The walrus colony grew to 400 animals.", "Researchers counted them in May."],
        title="Walrus Survey",
    )
    doc = load_document(_write(tmp_path / "survey.pdf", pdf))
    assert doc.title == "Walrus Survey"
    assert "The walrus colony grew to 400 animals." in doc.text
    assert "Researchers counted them in May." in doc.text


def test_a_pdf_is_indexed_with_citable_offsets(tmp_path: Path, empty_assistant: Assistant) -> None:
    pdf = make_pdf(
        ["Walrus survey", "The walrus colony grew to 400 animals.", "Researchers counted them."]
    )
    report = empty_assistant.ingest([_write(tmp_path / "survey.pdf", pdf)])
    assert report.errors == [] and report.added > 0
    text = empty_assistant.document_text("survey.pdf")
    assert "The walrus colony grew to 400 animals." in text
    for chunk in empty_assistant.store.all_chunks():
        assert chunk.text == text[chunk.metadata["start"] : chunk.metadata["end"]]


def test_pdf_without_metadata_is_titled_by_its_file_name(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path / "survey.pdf", make_pdf(["Seals rest on ice."])))
    assert doc.title == "survey"
    assert doc.text == "Seals rest on ice."


def test_sidecar_metadata_sets_title_date_and_publisher(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", "A headline in the text\nThe walrus sleeps.\n")
    meta = {"title": "The Real Title", "date": "2025-01-02", "publisher": "Polar News"}
    _write(tmp_path / "story.txt.meta.json", json.dumps(meta))
    doc = load_document(path)
    assert (doc.title, doc.date, doc.publisher) == ("The Real Title", "2025-01-02", "Polar News")
    # The sidecar describes the document; it is not part of its text.
    assert "Polar News" not in doc.text


def test_sidecar_that_is_not_valid_json_is_an_error_naming_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", "The walrus sleeps.\n")
    _write(tmp_path / "story.txt.meta.json", "{not json")
    with pytest.raises(DocumentError, match=r"story\.txt\.meta\.json"):
        load_document(path)


def test_sidecar_that_is_not_a_json_object_is_an_error_naming_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", "The walrus sleeps.\n")
    _write(tmp_path / "story.txt.meta.json", '["The Real Title"]')
    with pytest.raises(DocumentError, match=r"story\.txt\.meta\.json"):
        load_document(path)


BadFile = Callable[[Path], Path]

BAD_FILES: dict[str, BadFile] = {
    "binary": lambda d: _write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"),
    "latin-1": lambda d: _write(d / "menu.txt", b"caf\xe9 au lait"),
    "unknown-type": lambda d: _write(d / "report.docx", b"PK\x03\x04 not really a docx"),
    "missing": lambda d: d / "nowhere.md",
    "corrupted-pdf": lambda d: _write(d / "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Cat"),
    "not-a-pdf": lambda d: _write(d / "fake.pdf", b"this is plain text, not a PDF"),
    "empty": lambda d: _write(d / "empty.md", b"  \n\n"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_raises_a_one_line_error_naming_it(tmp_path: Path, kind: str) -> None:
    path = BAD_FILES[kind](tmp_path)
    with pytest.raises(DocumentError) as info:
        load_document(path)
    message = str(info.value)
    assert path.name in message
    assert "\n" not in message


def test_error_messages_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="convert it to UTF-8"):
        load_document(BAD_FILES["latin-1"](tmp_path))
    with pytest.raises(DocumentError, match=r"\.docx.*supported: .*\.md"):
        load_document(BAD_FILES["unknown-type"](tmp_path))
    with pytest.raises(DocumentError, match="nothing was indexed"):
        load_document(BAD_FILES["binary"](tmp_path))


def test_uploaded_bytes_are_parsed_by_the_name_suffix() -> None:
    doc = load_bytes("notes.md", b"# Upload\n\nThe walrus sleeps.")
    assert (doc.source, doc.title) == ("notes.md", "Upload")
    html = load_bytes("page.html", HTML.encode())
    assert html.title == "Walrus Report"
    assert "javascript" not in html.text
    with pytest.raises(DocumentError, match="unsupported file type"):
        load_bytes("report.docx", b"PK\x03\x04")


def test_content_hash_changes_with_text_or_metadata_only() -> None:
    doc = LoadedDocument("a.txt", "The walrus sleeps.", "Walrus")
    assert doc.content_hash == LoadedDocument("a.txt", "The walrus sleeps.", "Walrus").content_hash
    changed = [
        LoadedDocument("a.txt", "The walrus swims.", "Walrus"),
        LoadedDocument("a.txt", "The walrus sleeps.", "Walruses"),
        LoadedDocument("a.txt", "The walrus sleeps.", "Walrus", date="2025-01-01"),
        LoadedDocument("a.txt", "The walrus sleeps.", "Walrus", publisher="Polar News"),
    ]
    assert len({doc.content_hash, *(d.content_hash for d in changed)}) == 5
