"""`rag eval`: run an evaluation set, write reports, compare two runs, gate on figures."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from rag.errors import RagError
from rag.evaluation.compare import compare_results, comparison_table, flips_table
from rag.evaluation.dataset import EvalItem, bundled_dataset, bundled_datasets, load_dataset
from rag.evaluation.gate import Threshold, check_thresholds, parse_thresholds
from rag.evaluation.html import render_html
from rag.evaluation.report import load_results, print_summary, save_results
from rag.evaluation.runner import build_results, evaluate
from rag.settings import Settings

logger = logging.getLogger(__name__)

BAD_INPUT = 2


def eval_command(
    ctx: typer.Context,
    dataset: Annotated[
        Path | None,
        typer.Argument(
            help="Evaluation set (JSON lines), or the name of a bundled one (article, "
            "article-second ... article-sixty-second); default: article."
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for results.json and report.html.")
    ] = Path("eval-results"),
    compare: Annotated[
        tuple[Path, Path] | None,
        typer.Option("--compare", metavar="A.json B.json", help="Compare two results; no run."),
    ] = None,
    fail_under: Annotated[
        str | None,
        typer.Option(
            "--fail-under",
            help="Exit 1 when a figure misses its bound, e.g. 'accuracy=0.9,over_refusal<=0.1' "
            "('=' is a floor, or a ceiling where lower is better).",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Evaluate only the first N items.")
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
) -> None:
    """Measure answer quality on an evaluation set, offline and deterministically."""
    console = Console()
    try:
        thresholds = parse_thresholds(fail_under) if fail_under is not None else []
        if compare is not None:
            if dataset is not None:
                _fail("give either a dataset to run or --compare A.json B.json, not both")
            figures = _compare(compare[0], compare[1], console)
        else:
            if not isinstance(ctx.obj, Settings):
                raise TypeError("eval_command needs the Settings in ctx.obj (the `rag` callback)")
            figures = _run(ctx.obj, dataset, out, limit, progress, console)
    except RagError as exc:
        _fail(str(exc))
    _gate(figures, thresholds)


def _run(
    settings: Settings,
    dataset: Path | None,
    out: Path,
    limit: int | None,
    progress: bool,
    console: Console,
) -> dict[str, Any]:
    if dataset is None or (not dataset.exists() and str(dataset) in bundled_datasets()):
        path, bundled = bundled_dataset(str(dataset or "article")), True
    else:
        path, bundled = dataset, False
    items: list[EvalItem] = load_dataset(path)[:limit]
    from rag.assistant import Assistant  # loads torch and Chroma: only when a run happens

    assistant = Assistant(settings)
    try:
        if not assistant.ready():
            if not bundled:
                _fail(f"the index in {settings.data_dir} is empty: run `rag ingest FILES` first")
            typer.echo("index is empty: indexing the bundled article first", err=True)
            assistant.ingest()
        scored = evaluate(assistant, items, k=settings.top_k, progress=progress)
    finally:
        assistant.close()
    results = build_results(scored, dataset=path, settings=settings, k=settings.top_k)
    save_results(results, out / "results.json")
    (out / "report.html").write_text(render_html(results), encoding="utf-8")
    print_summary(results, console)
    typer.echo(f"wrote {out / 'results.json'} and {out / 'report.html'}", err=True)
    figures: dict[str, Any] = results["figures"]
    return figures


def _compare(path_a: Path, path_b: Path, console: Console) -> dict[str, Any]:
    a, b = load_results(path_a), load_results(path_b)
    cmp = compare_results(a, b)
    console.print(comparison_table(cmp, str(path_a), str(path_b)))
    flips = flips_table(cmp)
    console.print(flips if flips is not None else "no item flipped between pass and fail")
    for label, ids in (("only in A", cmp.only_a), ("only in B", cmp.only_b)):
        if ids:
            console.print(f"{len(ids)} item(s) {label}, not compared: {', '.join(ids)}")
    figures: dict[str, Any] = b["figures"]
    return figures


def _gate(figures: dict[str, Any], thresholds: list[Threshold]) -> None:
    misses = check_thresholds(figures, thresholds)
    for miss in misses:
        typer.echo(f"below bound: {miss}", err=True)
    if misses:
        raise typer.Exit(code=1)


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=BAD_INPUT)
