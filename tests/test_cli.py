"""The `rag` command line, driven through typer's CliRunner against a real index."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from bad_files import BAD_FILES
from click.testing import Result
from typer.testing import CliRunner

from rag.assistant import Assistant
from rag.cli import app
from rag.settings import Settings

TITLE = "Political Analyst: Tokayev Made This Decision For A Reason"
ARTICLE = "charter97-2025-11-14-tokayev.txt"
BAN = "What did Kazakhstan's Ministry of Energy ban?"
NOTES = "Walrus notes\nThe Zyxqua walrus colony grew to 400 animals. Researchers counted them.\n"

runner = CliRunner()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads RAG_* variables; a developer's own must not leak into the tests."""
    for name in list(os.environ):
        if name.startswith("RAG_"):
            monkeypatch.delenv(name)


def rag(data_dir: Path, *args: str) -> Result:
    return runner.invoke(app, ["--data-dir", str(data_dir), *args])


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Log records the real CLI would print on stderr (it logs WARNING and up there).

    pytest captures logging before the CLI can configure it, so CliRunner's stderr misses them.
    """
    caplog.set_level(logging.WARNING)
    return caplog


def one_line_error(result: Result, logged: pytest.LogCaptureFixture) -> str:
    """Assert a failed command printed exactly one `error:` line and no traceback."""
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    lines += [f"{r.levelname} {r.getMessage()}" for r in logged.records]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    return lines[0]


def snapshot(data_dir: Path) -> tuple[Any, ...]:
    """What a user could observe about the index in data_dir."""
    assistant = Assistant(Settings(data_dir=data_dir))
    try:
        docs = assistant.documents()
        return (
            [d.to_dict() for d in docs],
            {d.source: assistant.document_text(d.source) for d in docs},
            sorted((c.id, c.text) for c in assistant.store.all_chunks()),
        )
    finally:
        assistant.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding one small indexed document, notes.txt."""
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES)
    result = rag(tmp_path / "data", "ingest", str(notes))
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


def test_ingest_without_paths_indexes_the_bundled_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "env-data"))

    first = runner.invoke(app, ["ingest", "--json"])
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["added"] > 1 and report["errors"] == []
    assert report["documents"] == [ARTICLE]

    listed = runner.invoke(app, ["sources", "--json"])
    assert listed.exit_code == 0, listed.output
    (doc,) = json.loads(listed.stdout)
    assert doc["source"] == ARTICLE
    assert (doc["title"], doc["date"], doc["publisher"]) == (TITLE, "2025-11-14", "Charter97")
    assert doc["chunks"] == report["added"]
    assert (tmp_path / "env-data" / "chroma").is_dir()

    again = runner.invoke(app, ["ingest", "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["added"] == 0
    assert json.loads(again.stdout)["unchanged"] == report["added"]


def test_ask_json_names_lukoil_and_rosneft_and_cites_the_sentence(
    article_settings: Settings, article_assistant: Assistant
) -> None:
    result = rag(
        article_settings.data_dir, "ask", "--json", "Which Russian oil companies were sanctioned?"
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["abstained"] is False
    assert "Lukoil" in answer["answer"] and "Rosneft" in answer["answer"]
    assert any(
        "imposed sanctions against Lukoil and Rosneft" in c["text"] for c in answer["citations"]
    )
    text = article_assistant.document_text(ARTICLE)
    for c in answer["citations"]:
        assert c["source"] == ARTICLE
        assert c["text"] == text[c["start"] : c["end"]]
        assert f"[{c['n']}]" in answer["answer"]


def test_ask_with_history_answers_a_follow_up(article_settings: Settings) -> None:
    result = rag(article_settings.data_dir, "ask", "--json", "--history", BAN, "For how long?")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert "six months" in answer["answer"]
    assert BAN in answer["query"]


def test_ask_prints_the_answer_and_where_each_citation_is(article_settings: Settings) -> None:
    result = rag(article_settings.data_dir, "ask", BAN)
    assert result.exit_code == 0, result.output
    assert "six months" in result.stdout
    assert f"[1] {ARTICLE}:" in result.stdout


@pytest.mark.parametrize("question", ["", "   "])
def test_an_empty_question_is_a_one_line_error(
    data_dir: Path, question: str, logged: pytest.LogCaptureFixture
) -> None:
    before = snapshot(data_dir)
    logged.clear()
    assert "question is empty" in one_line_error(rag(data_dir, "ask", question), logged)
    assert snapshot(data_dir) == before


def test_asking_an_empty_index_says_to_ingest(
    tmp_path: Path, logged: pytest.LogCaptureFixture
) -> None:
    result = rag(tmp_path / "data", "ask", "What was banned?")
    assert "rag ingest" in one_line_error(result, logged)


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_a_one_line_error_and_leaves_the_index_untouched(
    tmp_path: Path, data_dir: Path, kind: str, logged: pytest.LogCaptureFixture
) -> None:
    name, data = BAD_FILES[kind]
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    before = snapshot(data_dir)
    logged.clear()

    result = rag(data_dir, "ingest", str(bad))

    assert result.exit_code == 1
    assert name in one_line_error(result, logged)
    assert snapshot(data_dir) == before


def test_a_good_and_a_bad_file_in_one_ingest(
    tmp_path: Path, data_dir: Path, logged: pytest.LogCaptureFixture
) -> None:
    good = tmp_path / "seals.md"
    good.write_text("# Seals\n\nGrey seals hunt herring in the cold bay.\n")
    bad = tmp_path / "menu.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    docs, texts, chunks = snapshot(data_dir)
    logged.clear()

    result = rag(data_dir, "ingest", str(good), str(bad))

    assert result.exit_code == 1
    assert "menu.txt" in one_line_error(result, logged)
    assert "1 error" in result.stdout
    docs_after, texts_after, chunks_after = snapshot(data_dir)
    assert [d["source"] for d in docs_after] == ["notes.txt", "seals.md"]
    assert texts_after["notes.txt"] == texts["notes.txt"]
    assert set(chunks) <= set(chunks_after)
    assert [d for d in docs_after if d["source"] == "notes.txt"] == docs
    assert "seals.md" in rag(data_dir, "sources").stdout


def test_delete_removes_a_document(data_dir: Path) -> None:
    result = rag(data_dir, "delete", "notes.txt")
    assert result.exit_code == 0, result.output
    assert "deleted notes.txt" in result.stdout
    assert json.loads(rag(data_dir, "sources", "--json").stdout) == []
    assert snapshot(data_dir) == ([], {}, [])


def test_deleting_an_unknown_document_is_a_one_line_error(
    data_dir: Path, logged: pytest.LogCaptureFixture
) -> None:
    before = snapshot(data_dir)
    logged.clear()
    message = one_line_error(rag(data_dir, "delete", "nope.txt"), logged)
    assert "nope.txt" in message and "notes.txt" in message
    assert snapshot(data_dir) == before


def test_ingest_if_empty_leaves_a_built_index_alone(tmp_path: Path, data_dir: Path) -> None:
    before = snapshot(data_dir)
    result = rag(data_dir, "ingest", "--if-empty")
    assert result.exit_code == 0, result.output
    assert "nothing to do" in result.stdout
    assert snapshot(data_dir) == before


def test_sources_lists_documents_or_says_how_to_add_them(tmp_path: Path, data_dir: Path) -> None:
    listed = rag(data_dir, "sources")
    assert listed.exit_code == 0
    assert listed.stdout.startswith("notes.txt\t1 chunks\tWalrus notes")
    empty = rag(tmp_path / "empty", "sources")
    assert empty.exit_code == 0
    assert "rag ingest" in empty.stdout


def test_a_data_dir_that_is_a_file_is_a_one_line_error(
    tmp_path: Path, logged: pytest.LogCaptureFixture
) -> None:
    not_a_folder = tmp_path / "index"
    not_a_folder.write_text("I am a file")
    assert str(not_a_folder) in one_line_error(rag(not_a_folder, "sources"), logged)
