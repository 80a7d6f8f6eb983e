"""Floors and ceilings for figures (`--fail-under`), so CI can fail on a regression."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rag.errors import RagError
from rag.evaluation.metrics import SPECS, format_value

_RULE = re.compile(r"^\s*([a-z0-9_]+)\s*(>=|<=|=)\s*([-+]?\d+(?:\.\d+)?)\s*$")


class GateError(RagError):
    """A `--fail-under` specification that cannot be understood."""


@dataclass(frozen=True)
class Threshold:
    """`name >= value` (a floor) or `name <= value` (a ceiling)."""

    name: str
    op: str
    value: float

    def holds(self, actual: float) -> bool:
        """Whether an actual figure meets this threshold."""
        return actual >= self.value if self.op == ">=" else actual <= self.value

    def __str__(self) -> str:
        return f"{self.name}{self.op}{self.value:g}"


def parse_thresholds(spec: str) -> list[Threshold]:
    """Parse "accuracy=0.9,over_refusal<=0.1"; `=` means "at least" or, for figures where
    lower is better, "at most"."""
    thresholds = []
    for part in filter(str.strip, spec.split(",")):
        match = _RULE.match(part)
        if not match:
            raise GateError(
                f"cannot read {part.strip()!r} in --fail-under: write figure>=number, "
                "figure<=number or figure=number, separated by commas"
            )
        name, op, number = match.groups()
        if name not in SPECS:
            raise GateError(f"unknown figure {name!r} in --fail-under; known: {', '.join(SPECS)}")
        if op == "=":
            better = SPECS[name].better
            if better == "neither":
                raise GateError(f"say {name}>=N or {name}<=N: neither direction is better")
            op = ">=" if better == "higher" else "<="
        thresholds.append(Threshold(name, op, float(number)))
    if not thresholds:
        raise GateError("--fail-under is empty: give e.g. accuracy=0.9,over_refusal<=0.1")
    return thresholds


def check_thresholds(figures: Mapping[str, Any], thresholds: list[Threshold]) -> list[str]:
    """One message per threshold the figures miss (a not-applicable figure misses too)."""
    misses = []
    for t in thresholds:
        figure = figures.get(t.name) or {"value": None, "reason": "not in these results"}
        value = figure["value"]
        if value is None:
            misses.append(f"{t}: {t.name} is n/a ({figure['reason']})")
        elif not t.holds(value):
            misses.append(f"{t}: {t.name} is {format_value(t.name, value)}")
    return misses
