"""The figures of an evaluation run, each aggregated from per-item values."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Better = Literal["higher", "lower", "neither"]
Aggregate = Literal["mean", "median", "p50", "p95", "sum"]


@dataclass(frozen=True)
class FigureSpec:
    """How a figure is aggregated from item values and which way is better."""

    name: str
    aggregate: Aggregate
    better: Better
    description: str


FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("accuracy", "mean", "higher", "answerable items answered with a key fact"),
    FigureSpec("evidence_cited", "mean", "higher", "answered answerable items citing evidence"),
    FigureSpec(
        "citation_support", "mean", "higher", "[n] markers whose passage backs the sentence"
    ),
    FigureSpec("faithfulness", "mean", "higher", "answer sentences supported by what they cite"),
    FigureSpec("abstention", "mean", "higher", "unanswerable items refused"),
    FigureSpec("over_refusal", "mean", "lower", "answerable items refused"),
    FigureSpec("followup_accuracy", "mean", "higher", "items with history handled correctly"),
    FigureSpec("hit_at_k", "mean", "higher", "answerable items with evidence in the top k"),
    FigureSpec("recall_at_k", "mean", "higher", "evidence quotes found in the top k, per item"),
    FigureSpec("mrr", "mean", "higher", "1 / rank of the first passage with evidence"),
    FigureSpec("median_words", "median", "neither", "words per answer (abstentions excluded)"),
    FigureSpec("dangling_markers", "sum", "lower", "[n] markers without a citation (must be 0)"),
    FigureSpec("unused_citations", "sum", "lower", "citations no marker refers to"),
    FigureSpec("latency_p50_ms", "p50", "lower", "median time per question, ms"),
    FigureSpec("latency_p95_ms", "p95", "lower", "95th-percentile time per question, ms"),
)
SPECS: dict[str, FigureSpec] = {spec.name: spec for spec in FIGURES}


def aggregate(how: Aggregate, values: Sequence[float]) -> float | None:
    """Aggregate pooled values; None when there is nothing to aggregate (never NaN)."""
    if not values:
        return None
    if how == "mean":
        return math.fsum(values) / len(values)
    if how == "sum":
        return math.fsum(values)
    if how == "median":
        return float(statistics.median(values))
    return percentile(values, 50 if how == "p50" else 95)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile with linear interpolation between order statistics."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def compute_figures(items: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every figure over scored items: value (None when not applicable, with the reason) and n."""
    figures = {}
    for spec in FIGURES:
        pooled: list[float] = []
        counted = 0
        reasons: Counter[str] = Counter()
        for item in items:
            values = item["values"].get(spec.name, [])
            pooled += values
            counted += bool(values)
            if not values:
                reasons[item["not_applicable"].get(spec.name, "no value")] += 1
        value = aggregate(spec.aggregate, pooled)
        figures[spec.name] = {
            "value": None if value is None else round(value, 4),
            "n": len(pooled),
            "items": counted,
            "better": spec.better,
            "description": spec.description,
            "reason": _reason(reasons) if value is None else "",
        }
    return figures


def _reason(reasons: Counter[str]) -> str:
    if not reasons:
        return "no items"
    return "not applicable: " + ", ".join(f"{why} ({n})" for why, n in reasons.most_common())


def format_value(name: str, value: float | None) -> str:
    """A figure's value for people: rates with 3 decimals, counts whole, times in ms."""
    if value is None:
        return "n/a"
    if name.endswith("_ms"):
        return f"{value:.0f} ms"
    spec = SPECS.get(name)
    if spec is not None and spec.aggregate in ("sum", "median"):
        return f"{value:g}"
    return f"{value:.3f}"


def format_diff(name: str, value: float) -> str:
    """A signed difference of a figure, in the figure's own precision."""
    spec = SPECS.get(name)
    if name.endswith("_ms"):
        return f"{value:+.0f}"
    if spec is not None and spec.aggregate in ("sum", "median"):
        return f"{value:+g}"
    return f"{value:+.3f}"
