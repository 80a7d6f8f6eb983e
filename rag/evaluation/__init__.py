"""Offline, deterministic answer-quality evaluation behind `rag eval`."""

from rag.evaluation.dataset import DatasetError, EvalItem, bundled_dataset, load_dataset
from rag.evaluation.metrics import FIGURES, compute_figures
from rag.evaluation.runner import build_results, evaluate
from rag.evaluation.scoring import score_item

__all__ = [
    "FIGURES",
    "DatasetError",
    "EvalItem",
    "build_results",
    "bundled_dataset",
    "compute_figures",
    "evaluate",
    "load_dataset",
    "score_item",
]
