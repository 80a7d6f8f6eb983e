"""Reports: results.json round trip, the offline HTML page, and the terminal tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from rag.embeddings import load_embeddings
from rag.evaluation.dataset import EvalItem
from rag.evaluation.html import render_html
from rag.evaluation.report import ResultsError, load_results, print_summary, save_results
from rag.evaluation.runner import build_results
from rag.evaluation.scoring import score_item
from rag.evaluation.support import EmbeddingCache
from rag.settings import Settings
from rag.types import Answer, Citation, Passage

EVIL = '<script>alert("x")</script> & [bold]'
QUOTE = "Lukashenko alone is doing it."


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("report")
    settings = Settings(data_dir=folder / "data", api_key="secret-key")
    cache = EmbeddingCache(load_embeddings(settings).embed_documents)
    doc = f"Intro. {QUOTE} More."
    cite = Citation(1, "doc.txt", EVIL, QUOTE, 7, 7 + len(QUOTE), 0.9)
    passages = (Passage("p1", "doc.txt", EVIL, doc, 0, len(doc), 0.5),)
    good = EvalItem("ok1", "Who alone helps?", ("Lukashenko",), (QUOTE,), True)
    bad = EvalItem("bad1", f"Why {EVIL}?", ("nothing",), (QUOTE,), True, history=(EVIL,))
    answers = [(good, f"{QUOTE[:-1]} [1]."), (bad, f"{EVIL} [2]")]
    scored = [
        score_item(
            item,
            Answer(text, False, (cite,), "q", passages),
            cache=cache,
            documents={"doc.txt": doc},
            k=3,
            latency_ms=5,
        )
        for item, text in answers
    ]
    dataset = folder / "set.jsonl"
    dataset.write_text("{}\n", encoding="utf-8")
    return build_results(scored, dataset=dataset, settings=settings, k=3)


def test_results_round_trip_without_secrets(results: dict, tmp_path: Path) -> None:
    path = tmp_path / "out" / "results.json"
    save_results(results, path)
    loaded = load_results(path)
    assert loaded == json.loads(json.dumps(results))
    assert "api_key" not in loaded["settings"] and "secret-key" not in path.read_text()
    assert loaded["items"][1]["citations"][0]["text"] == QUOTE


def test_bad_results_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match="no such file"):
        load_results(tmp_path / "none.json")
    (tmp_path / "x.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ResultsError, match=r"x\.json: not a results file"):
        load_results(tmp_path / "x.json")
    (tmp_path / "y.json").write_text("{\n oops", encoding="utf-8")
    with pytest.raises(ResultsError, match=r"y\.json:2: invalid JSON"):
        load_results(tmp_path / "y.json")


def test_html_is_self_contained_and_escaped(results: dict) -> None:
    page = render_html(results)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; [bold]" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def test_html_puts_figures_first_then_failures_first(results: dict) -> None:
    page = render_html(results)
    assert page.index("<h2>Figures</h2>") < page.index("bad1") < page.index("ok1")
    assert '<details class="item fail" open>' in page
    assert "marker [2] points at no citation" in page
    assert "answer lacks every key fact: nothing" in page


def test_terminal_summary_shows_markers_literally(results: dict) -> None:
    console = Console(record=True, width=200)
    print_summary(results, console)
    text = console.export_text()
    assert "[n] markers without a citation" in text
    assert "1 failing item(s)" in text and EVIL.split()[0] in text
