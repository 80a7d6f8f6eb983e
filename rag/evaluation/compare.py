"""Comparing two runs: each figure's difference with a paired bootstrap 95% interval, and flips."""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.markup import escape
from rich.table import Table

from rag.evaluation.metrics import (
    FIGURES,
    FigureSpec,
    aggregate,
    format_diff,
    format_value,
    percentile,
)
from rag.evaluation.report import add_plain_row

logger = logging.getLogger(__name__)

RESAMPLES = 2000
SEED = 20251114


@dataclass(frozen=True)
class FigureDiff:
    """One figure in runs A and B over their common items, B - A, and its 95% interval."""

    name: str
    a: float | None
    b: float | None
    diff: float | None
    low: float | None = None
    high: float | None = None
    verdict: str = "n/a"


@dataclass(frozen=True)
class Flip:
    """An item that passed in one run and failed in the other."""

    id: str
    question: str
    passed_before: bool
    passed_after: bool
    why: tuple[str, ...]


@dataclass
class Comparison:
    """Everything `rag eval --compare` reports."""

    figures: list[FigureDiff]
    flips: list[Flip]
    paired: int
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)


def compare_results(
    a: Mapping[str, Any], b: Mapping[str, Any], *, resamples: int = RESAMPLES, seed: int = SEED
) -> Comparison:
    """Pair the items of two results by id and compare every figure (deterministic for a seed)."""
    items_a = {item["id"]: item for item in a["items"]}
    items_b = {item["id"]: item for item in b["items"]}
    ids = [i for i in items_a if i in items_b]
    pairs = [(items_a[i], items_b[i]) for i in ids]
    rng = random.Random(seed)
    samples = (
        [[rng.randrange(len(pairs)) for _ in pairs] for _ in range(resamples)] if pairs else []
    )
    figures = [_diff(spec, pairs, samples) for spec in FIGURES]
    flips = [
        Flip(
            x["id"], x["question"], x["passed"], y["passed"], tuple(y["failures"] or x["failures"])
        )
        for x, y in pairs
        if x["passed"] != y["passed"]
    ]
    return Comparison(
        figures,
        flips,
        len(pairs),
        only_a=[i for i in items_a if i not in items_b],
        only_b=[i for i in items_b if i not in items_a],
    )


def _diff(
    spec: FigureSpec,
    pairs: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
    samples: Sequence[Sequence[int]],
) -> FigureDiff:
    values_a = [x["values"].get(spec.name, []) for x, _ in pairs]
    values_b = [y["values"].get(spec.name, []) for _, y in pairs]
    a, b = _pool(spec, values_a, range(len(pairs))), _pool(spec, values_b, range(len(pairs)))
    if a is None or b is None:
        return FigureDiff(spec.name, a, b, None)
    diffs = []
    for sample in samples:
        sa, sb = _pool(spec, values_a, sample), _pool(spec, values_b, sample)
        if sa is not None and sb is not None:
            diffs.append(sb - sa)
    if not diffs:
        return FigureDiff(spec.name, a, b, b - a)
    low, high = percentile(diffs, 2.5), percentile(diffs, 97.5)
    return FigureDiff(spec.name, a, b, b - a, low, high, _verdict(spec, low, high))


def _pool(
    spec: FigureSpec, values: Sequence[Sequence[float]], sample: Sequence[int]
) -> float | None:
    return aggregate(spec.aggregate, [v for i in sample for v in values[i]])


def _verdict(spec: FigureSpec, low: float, high: float) -> str:
    if low <= 0 <= high:
        return "no clear change"
    if spec.better == "neither":
        return "changed"
    up = low > 0
    return "better" if up == (spec.better == "higher") else "worse"


def comparison_table(cmp: Comparison, name_a: str, name_b: str) -> Table:
    """The figure differences as a rich table."""
    table = Table(title=escape(f"A = {name_a}  B = {name_b}  ({cmp.paired} paired items)"))
    for column in ("figure", "A", "B", "B - A", "95% interval", "verdict"):
        table.add_column(column, justify="right" if column not in ("figure", "verdict") else "left")
    for d in cmp.figures:
        interval = (
            ""
            if d.low is None or d.high is None
            else f"[{format_diff(d.name, d.low)}, {format_diff(d.name, d.high)}]"
        )
        add_plain_row(
            table,
            d.name,
            format_value(d.name, d.a),
            format_value(d.name, d.b),
            "n/a" if d.diff is None else format_diff(d.name, d.diff),
            interval,
            d.verdict,
        )
    return table


def flips_table(cmp: Comparison) -> Table | None:
    """Items that flipped between pass and fail, or None when none did."""
    if not cmp.flips:
        return None
    table = Table(title=f"{len(cmp.flips)} item(s) flipped")
    for column in ("id", "A", "B", "question", "why"):
        table.add_column(column)
    for f in cmp.flips:
        add_plain_row(
            table,
            f.id,
            "pass" if f.passed_before else "fail",
            "pass" if f.passed_after else "fail",
            f.question,
            (f"now: {f.why[0]}" if f.passed_before else f"fixed: {f.why[0]}") if f.why else "",
        )
    return table
