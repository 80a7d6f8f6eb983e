"""Comparing two runs (paired bootstrap, flips) and gating figures with --fail-under."""

from __future__ import annotations

from typing import Any

import pytest

from rag.evaluation.compare import compare_results
from rag.evaluation.gate import GateError, check_thresholds, parse_thresholds
from rag.evaluation.metrics import compute_figures, percentile


def _item(i: int, correct: bool, latency: float = 100.0) -> dict[str, Any]:
    return {
        "id": f"q{i:02d}",
        "question": f"question {i}?",
        "passed": correct,
        "failures": [] if correct else ["answer lacks every key fact: x"],
        "values": {
            "accuracy": [float(correct)],
            "latency_p50_ms": [latency],
            "dangling_markers": [0.0],
        },
        "not_applicable": {"abstention": "answerable item"},
    }


def _results(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"items": items, "figures": compute_figures(items)}


def _figure(cmp: Any, name: str) -> Any:
    return next(d for d in cmp.figures if d.name == name)


def test_a_clear_improvement_is_better_with_an_interval_excluding_zero() -> None:
    before = _results([_item(i, i < 10) for i in range(40)])
    after = _results([_item(i, i < 36) for i in range(40)])
    cmp = compare_results(before, after)
    acc = _figure(cmp, "accuracy")
    assert (acc.a, acc.b) == (0.25, 0.9)
    assert acc.diff == pytest.approx(0.65)
    assert 0 < acc.low < acc.diff < acc.high
    assert acc.verdict == "better"
    assert [f.id for f in cmp.flips] == [f"q{i:02d}" for i in range(10, 36)]
    assert cmp.flips[0].passed_before is False and cmp.flips[0].passed_after is True


def test_lower_is_better_figures_and_noise() -> None:
    before = _results([_item(i, i % 2 == 0, latency=100.0) for i in range(30)])
    after = _results([_item(i, i % 3 == 0, latency=300.0 + i) for i in range(30)])
    cmp = compare_results(before, after)
    assert _figure(cmp, "latency_p50_ms").verdict == "worse"
    same = compare_results(before, before)
    assert _figure(same, "accuracy").verdict == "no clear change" and same.flips == []


def test_comparison_is_deterministic_and_handles_missing_figures() -> None:
    a = _results([_item(i, i % 2 == 0) for i in range(20)])
    b = _results([_item(i, i % 3 == 0) for i in range(20)] + [_item(99, True)])
    first, second = compare_results(a, b), compare_results(a, b)
    assert first.figures == second.figures
    assert first.only_b == ["q99"] and first.paired == 20
    abstention = _figure(first, "abstention")
    assert abstention.diff is None and abstention.verdict == "n/a"


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 95) == 5.0
    assert percentile([0.0, 10.0], 95) == 9.5


def test_thresholds_parse_floors_and_ceilings() -> None:
    rules = parse_thresholds("accuracy=0.9, over_refusal=0.1,faithfulness>=0.8,mrr<=1")
    assert [str(r) for r in rules] == [
        "accuracy>=0.9",
        "over_refusal<=0.1",
        "faithfulness>=0.8",
        "mrr<=1",
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("acuracy=0.9", "unknown figure 'acuracy'"),
        ("accuracy>0.9", "cannot read 'accuracy>0.9'"),
        ("median_words=30", "neither direction is better"),
        (" , ", "is empty"),
    ],
)
def test_bad_thresholds_say_what_to_write(spec: str, message: str) -> None:
    with pytest.raises(GateError, match=message):
        parse_thresholds(spec)


def test_gate_reports_each_missed_bound() -> None:
    figures = _results([_item(i, i < 8) for i in range(10)])["figures"]
    assert check_thresholds(figures, parse_thresholds("accuracy=0.8,dangling_markers<=0")) == []
    misses = check_thresholds(figures, parse_thresholds("accuracy=0.9,abstention=0.5"))
    assert misses[0] == "accuracy>=0.9: accuracy is 0.800"
    assert misses[1].startswith("abstention>=0.5: abstention is n/a (not applicable")
