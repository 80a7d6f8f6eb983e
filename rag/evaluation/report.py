"""Results files and terminal tables of an evaluation run."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rag.errors import RagError
from rag.evaluation.metrics import FIGURES, format_value
from rag.evaluation.runner import FORMAT

logger = logging.getLogger(__name__)

_ARROWS = {"higher": "↑", "lower": "↓", "neither": ""}


class ResultsError(RagError):
    """A results file is missing or is not the results.json of `rag eval`."""


def save_results(results: Mapping[str, Any], path: Path) -> None:
    """Write results as indented UTF-8 JSON (deterministic key order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    logger.info("wrote %s", path)


def load_results(path: Path) -> dict[str, Any]:
    """Read a results.json written by `rag eval`, or raise ResultsError naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResultsError(
            f"{path}: no such file; give the results.json of a `rag eval` run"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResultsError(f"{path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ResultsError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or "items" not in data:
        raise ResultsError(f"{path}: not a results file of `rag eval` (format {FORMAT})")
    return data


def figures_table(results: Mapping[str, Any]) -> Table:
    """The figures of a run as a rich table."""
    table = Table(title=f"rag eval: {len(results['items'])} items, k={results['k']}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    table.add_column("", justify="center")
    table.add_column("what it counts")
    for spec in FIGURES:
        fig = results["figures"][spec.name]
        note = fig["reason"] or spec.description
        value = format_value(spec.name, fig["value"])
        add_plain_row(table, spec.name, value, fig["n"], _ARROWS[spec.better], note)
    return table


def failures_table(results: Mapping[str, Any], limit: int = 20) -> Table | None:
    """The first failing items with their first reason, or None when every item passed."""
    failing = [item for item in results["items"] if not item["passed"]]
    if not failing:
        return None
    shown = failing[:limit]
    title = f"{len(failing)} failing item(s)" + (f", first {limit}" if len(failing) > limit else "")
    table = Table(title=title)
    table.add_column("id")
    table.add_column("category")
    table.add_column("question")
    table.add_column("why")
    for item in shown:
        more = f" (+{len(item['failures']) - 1})" if len(item["failures"]) > 1 else ""
        add_plain_row(
            table, item["id"], item["category"], item["question"], item["failures"][0] + more
        )
    return table


def add_plain_row(table: Table, *cells: object) -> None:
    """Add a row whose cells are shown as written (no rich markup: answers contain [1])."""
    table.add_row(*(Text(str(cell)) for cell in cells))


def print_summary(results: Mapping[str, Any], console: Console) -> None:
    """Print the figures and the failing items."""
    console.print(figures_table(results))
    failures = failures_table(results)
    if failures is not None:
        console.print(failures)
