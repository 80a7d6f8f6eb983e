"""Shared fixtures: real Chroma in a temp folder, the real packaged model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.settings import Settings

# The live server (uvicorn on loopback) shared by the openai-client and browser tests.
pytest_plugins = ["live_server"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with an empty data folder of this test's own."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def empty_assistant(settings: Settings) -> Iterator[Assistant]:
    """An assistant over an empty index in this test's own folder."""
    assistant = Assistant(settings)
    yield assistant
    assistant.close()


@pytest.fixture(scope="session")
def article_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose data folder holds the bundled article, indexed once per session."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("article") / "data")
    assistant = Assistant(settings)
    assistant.ingest()
    assistant.close()
    return settings


@pytest.fixture(scope="session")
def article_assistant(article_settings: Settings) -> Iterator[Assistant]:
    """A read-only assistant over the bundled article, shared by the whole session."""
    assistant = Assistant(article_settings)
    yield assistant
    assistant.close()
