"""Files that cannot be indexed, each for a different reason (shared by ingest and CLI tests)."""

from __future__ import annotations

# name -> (file name, content); None content means the file does not exist.
BAD_FILES: dict[str, tuple[str, bytes | None]] = {
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"),
    "latin-1": ("menu.txt", b"caf\xe9 au lait"),
    "unknown-type": ("report.docx", b"PK\x03\x04 not really a docx"),
    "missing": ("nowhere.md", None),
    "corrupted-pdf": ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Cat"),
}
