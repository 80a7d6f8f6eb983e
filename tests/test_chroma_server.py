"""Several processes sharing one Chroma server (`chroma run`) stay consistent."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rag.assistant import Assistant
from rag.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real Chroma server on loopback, as `chroma run` starts it."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = _free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("`chroma run` did not start")
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_write_through_one_assistant_is_seen_by_another(
    chroma_server: int, tmp_path: Path
) -> None:
    # Different data folders: only the shared server can carry the document across.
    writer = Assistant(
        Settings(data_dir=tmp_path / "a", chroma_host="127.0.0.1", chroma_port=chroma_server)
    )
    reader = Assistant(
        Settings(data_dir=tmp_path / "b", chroma_host="127.0.0.1", chroma_port=chroma_server)
    )
    try:
        assert reader.ask("Who keeps the Skerry lighthouse?").abstained  # warms its BM25 index
        note = tmp_path / "skerry.txt"
        note.write_text("The Skerry lighthouse is kept by Ingrid Solberg since 2019.\n")
        writer.ingest([note])

        answer = reader.ask("Who keeps the Skerry lighthouse?")
        assert not answer.abstained
        assert "Ingrid Solberg" in answer.answer
        assert [d.source for d in reader.documents()] == ["skerry.txt"]

        writer.delete("skerry.txt")
        assert reader.documents() == []
        assert reader.ask("Who keeps the Skerry lighthouse?").abstained
    finally:
        writer.close()
        reader.close()
