"""Running an evaluation set through the assistant and collecting the scored results."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from tqdm import tqdm

from rag.errors import RagError
from rag.evaluation.dataset import EvalItem
from rag.evaluation.metrics import compute_figures
from rag.evaluation.scoring import score_item
from rag.evaluation.support import EmbeddingCache
from rag.types import Answer, HistoryItem

logger = logging.getLogger(__name__)

FORMAT = "rag-eval/1"
# Settings that could be secrets never go into results files.
_SECRET_SETTINGS = frozenset({"api_key", "ui_password"})


class Askable(Protocol):
    """The part of `rag.assistant.Assistant` an evaluation needs."""

    def ask(self, question: str, history: Sequence[HistoryItem] = ()) -> Answer: ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...

    def document_text(self, source: str) -> str: ...


def evaluate(
    assistant: Askable, items: Sequence[EvalItem], *, k: int, progress: bool = False
) -> list[dict[str, Any]]:
    """Ask every item (with its history) and score the answers, in dataset order."""
    cache = EmbeddingCache(assistant.embed)
    documents: dict[str, str] = {}
    results = []
    for item in tqdm(items, desc="eval", unit="q", disable=not progress, leave=False):
        error = None
        started = time.perf_counter()
        try:
            answer = assistant.ask(item.question, history=list(item.history))
        except RagError as exc:
            answer, error = Answer("", False), str(exc)
            logger.warning("item %s: %s", item.id, exc)
        latency_ms = (time.perf_counter() - started) * 1000
        for source in {p.source for p in answer.passages} - documents.keys():
            documents[source] = _document_text(assistant, source)
        results.append(
            score_item(
                item,
                answer,
                cache=cache,
                documents=documents,
                k=k,
                latency_ms=latency_ms,
                error=error,
            )
        )
    return results


def build_results(
    items: list[dict[str, Any]], *, dataset: Path, settings: Any, k: int
) -> dict[str, Any]:
    """The results document (results.json): what ran, the figures and every scored item."""
    return {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": str(dataset),
        "dataset_sha256": hashlib.sha256(dataset.read_bytes()).hexdigest(),
        "k": k,
        "settings": settings_dict(settings),
        "figures": compute_figures(items),
        "items": items,
    }


def settings_dict(settings: Any) -> dict[str, Any]:
    """Settings as JSON, without secrets (works for pydantic models and plain objects)."""
    dump = getattr(settings, "model_dump", None)
    raw = dump(mode="json") if callable(dump) else dict(vars(settings)) if settings else {}
    return {k: v for k, v in raw.items() if k not in _SECRET_SETTINGS}


def _document_text(assistant: Askable, source: str) -> str:
    try:
        return assistant.document_text(source)
    except RagError:
        # Without the text, relevance falls back to comparing passage text with the quotes.
        logger.warning("cannot read document %s; retrieval is judged by text only", source)
        return ""


def run_bundled(assistant: Askable, settings: Any) -> tuple[list[tuple[str, str]], str]:
    """Evaluate the bundled article set: (figure, value) rows for display and the HTML report."""
    from rag.evaluation.dataset import bundled_dataset, load_dataset
    from rag.evaluation.html import render_html
    from rag.evaluation.metrics import format_value

    path = bundled_dataset()
    scored = evaluate(assistant, load_dataset(path), k=settings.top_k, progress=True)
    results = build_results(scored, dataset=path, settings=settings, k=settings.top_k)
    rows = [
        (name, format_value(name, fig["value"]) if fig["value"] is not None else fig["reason"])
        for name, fig in results["figures"].items()
    ]
    return rows, render_html(results)
