"""Benchmark: ingest and answer latency as the index grows (copies of the article, renamed).

Prints and saves figures to bench/results/scale.json. Not a test: no thresholds.
Usage: python bench/scale.py [COPIES]   (default 40, about 560 chunks)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from figures import save_figures

from index.ingest import bundled_corpus
from rag.assistant import Assistant
from rag.settings import Settings

QUESTIONS = [
    "What did Kazakhstan ban?",
    "Which Russian oil companies were sanctioned?",
    "What is the population of Kazakhstan?",
    "Why is Armenia reducing its dependence on Russia?",
]


def main() -> None:
    """Index COPIES variants of the article, then time questions cold and warm."""
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    article = bundled_corpus()[0].read_text(encoding="utf-8")
    figures: dict[str, float] = {"copies": copies}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for i in range(copies):
            # Vary the text so chunks differ (ids and embeddings), as separate documents would.
            text = article.replace("Kazakhstan", f"Country{i}").replace("six months", f"{i} weeks")
            (folder / f"article-{i:03d}.txt").write_text(text, encoding="utf-8")
        assistant = Assistant(Settings(data_dir=Path(tmp) / "data"))
        report = assistant.ingest([folder])
        figures["chunks"] = report.added
        figures["ingest_seconds"] = report.seconds
        figures["chunks_per_second"] = report.added / report.seconds
        started = time.perf_counter()
        assistant.ask(QUESTIONS[0])
        figures["first_ask_ms"] = (time.perf_counter() - started) * 1000  # BM25 build + encodes
        # A name the corpus never uses embeds the corpus's names once ("Baku" -> Azerbaijan).
        started = time.perf_counter()
        assistant.ask("Which country is Baku aligned with?")
        figures["first_alias_ms"] = (time.perf_counter() - started) * 1000
        for label in ("cold", "warm"):
            latencies = []
            for q in QUESTIONS:
                t = time.perf_counter()
                assistant.ask(q)
                latencies.append((time.perf_counter() - t) * 1000)
            figures[f"{label}_ask_median_ms"] = statistics.median(latencies)
            figures[f"{label}_ask_max_ms"] = max(latencies)
        assistant.close()
    save_figures("scale", figures)


if __name__ == "__main__":
    main()
