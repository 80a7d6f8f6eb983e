"""Shared by the benchmarks: print figures and save them under bench/results/."""

from __future__ import annotations

import json
from pathlib import Path


def save_figures(name: str, figures: dict[str, float]) -> None:
    """Save figures to bench/results/NAME.json and print them, one per line."""
    out = Path(__file__).parent / "results" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))
    for key, value in figures.items():
        print(f"{key:22s} {value:10.2f}")
