"""A pytest plugin: one real server on a free loopback port, shared by the session."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn

from rag.assistant import Assistant
from rag.server import create_app, evaluation_tab_for
from rag.settings import Settings

API_KEY = "test-key"


@dataclass(frozen=True)
class LiveServer:
    """Where the server listens, and the assistant behind it."""

    url: str
    api_key: str
    assistant: Assistant


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """uvicorn serving the whole app (chat and API) over the bundled article, in a thread."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("live") / "data", api_key=API_KEY)
    assistant = Assistant(settings)
    assistant.ingest()
    app = create_app(assistant, settings, extra_tabs=[evaluation_tab_for(assistant, settings)])
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the live server did not start; see the log above")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield LiveServer(url=f"http://127.0.0.1:{port}", api_key=API_KEY, assistant=assistant)
    server.should_exit = True
    thread.join(timeout=30)
    assistant.close()
