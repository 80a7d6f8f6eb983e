"""`rag eval` as a command: bad input, comparing, gating, and a short real run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from rag.evaluation.cli import eval_command
from rag.evaluation.dataset import EvalItem
from rag.evaluation.metrics import compute_figures
from rag.evaluation.report import load_results, save_results
from rag.evaluation.runner import FORMAT, evaluate
from rag.settings import Settings

runner = CliRunner()


def _app(settings: Settings) -> typer.Typer:
    # The same wiring as rag/cli.py: a callback puts the Settings in ctx.obj.
    app = typer.Typer()

    @app.callback()
    def root(ctx: typer.Context) -> None:
        ctx.obj = settings

    app.command("eval")(eval_command)
    return app


def _results_file(path: Path, correct: list[bool]) -> Path:
    items = [
        {
            "id": f"q{i}",
            "question": f"question {i}?",
            "passed": ok,
            "failures": [] if ok else ["answer lacks every key fact: x"],
            "values": {"accuracy": [float(ok)], "dangling_markers": [0.0]},
            "not_applicable": {},
        }
        for i, ok in enumerate(correct)
    ]
    save_results(
        {"format": FORMAT, "k": 6, "items": items, "figures": compute_figures(items)}, path
    )
    return path


def test_a_missing_dataset_is_a_one_line_error(settings: Settings, tmp_path: Path) -> None:
    result = runner.invoke(_app(settings), ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such file; give a "
        ".jsonl evaluation set"
    )


def test_a_bad_line_is_named_before_anything_runs(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    good = {"id": "a", "question": "Q?", "answers": [], "evidence": [], "answerable": False}
    path.write_text(json.dumps(good) + "\n" + '{"id": "b", "question": "Q?"}\n', encoding="utf-8")
    result = runner.invoke(_app(settings), ["eval", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: missing required field(s) answers, evidence, answerable" in result.stderr
    assert not settings.data_dir.exists()


def test_compare_shows_differences_and_flips(settings: Settings, tmp_path: Path) -> None:
    a = _results_file(tmp_path / "a.json", [False] * 8 + [True] * 12)
    b = _results_file(tmp_path / "b.json", [True] * 20)
    result = runner.invoke(
        _app(settings),
        ["eval", "--compare", str(a), str(b), "--fail-under", "accuracy=0.95"],
        terminal_width=200,
    )
    assert result.exit_code == 0, result.output
    assert "accuracy" in result.stdout and "+0.400" in result.stdout and "better" in result.stdout
    assert "8 item(s) flipped" in result.stdout


def test_compare_gates_the_second_run(settings: Settings, tmp_path: Path) -> None:
    a = _results_file(tmp_path / "a.json", [True] * 10)
    b = _results_file(tmp_path / "b.json", [True] * 5 + [False] * 5)
    result = runner.invoke(
        _app(settings), ["eval", "--compare", str(a), str(b), "--fail-under", "accuracy>=0.9"]
    )
    assert result.exit_code == 1
    assert "below bound: accuracy>=0.9: accuracy is 0.500" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--fail-under", "accuracy=high"],
        ["--compare", "missing-a.json", "missing-b.json"],
        ["some.jsonl", "--compare", "a.json", "b.json"],
    ],
)
def test_bad_options_exit_2(settings: Settings, args: list[str]) -> None:
    result = runner.invoke(_app(settings), ["eval", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_a_short_real_run_writes_both_reports(article_settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "eval"
    result = runner.invoke(
        _app(article_settings),
        [
            "eval",
            "--limit",
            "3",
            "--out",
            str(out),
            "--no-progress",
            "--fail-under",
            "dangling_markers<=0",
        ],
        terminal_width=200,
    )
    assert result.exit_code == 0, result.output
    results = load_results(out / "results.json")
    assert [item["id"] for item in results["items"]] == ["q01", "q02", "q03"]
    assert results["dataset"].endswith("article.jsonl") and results["k"] == article_settings.top_k
    assert results["figures"]["dangling_markers"]["value"] == 0.0
    assert "<h2>Figures</h2>" in (out / "report.html").read_text(encoding="utf-8")
    assert "rag eval: 3 items" in result.stdout

    impossible = runner.invoke(
        _app(article_settings),
        ["eval", "--limit", "1", "--out", str(out), "--no-progress", "--fail-under", "mrr>=1.5"],
    )
    assert impossible.exit_code == 1 and "below bound: mrr>=1.5" in impossible.stderr


def test_a_bundled_set_is_run_by_name(article_settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "eval"
    result = runner.invoke(
        _app(article_settings),
        ["eval", "article-third", "--limit", "2", "--out", str(out), "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    results = load_results(out / "results.json")
    assert results["dataset"].endswith("article-third.jsonl")
    assert [item["id"] for item in results["items"]] == ["t01", "t02"]


def test_a_question_the_assistant_rejects_is_scored_as_an_error(article_assistant: Any) -> None:
    items = [
        EvalItem("long", "why " * 600, (), (), False),
        EvalItem("ban", "How long does the fuel export ban last?", ("six months",), (), True),
    ]
    error, fine = evaluate(article_assistant, items, k=6)
    assert error["error"].startswith("the question is") and not error["passed"]
    assert error["values"]["abstention"] == [0.0]
    assert error["failures"][0] == f"error: {error['error']}"
    assert fine["error"] is None and fine["correct"] is True
