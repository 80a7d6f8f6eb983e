"""Benchmark: model load, ingest of the bundled article, and per-question answer latency.

Prints figures and saves them to bench/results/ingest_and_ask.json. Not a test: no thresholds.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from figures import save_figures

from rag.assistant import Assistant
from rag.settings import Settings

QUESTIONS = [
    "What did Kazakhstan ban?",
    "Which Russian oil companies were sanctioned?",
    "Who is Grigory Mesejnikov?",
    "What is the population of Kazakhstan?",
    "Why is Armenia moving away from Russia?",
]


def main() -> None:
    """Run the benchmark and print its figures."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        assistant = Assistant(Settings(data_dir=Path(tmp)))
        figures["open_seconds"] = time.perf_counter() - started
        report = assistant.ingest()
        figures["ingest_seconds"] = report.seconds
        figures["chunks"] = report.added
        figures["reingest_seconds"] = assistant.ingest().seconds
        assistant.ask(QUESTIONS[0])  # warm-up
        tracemalloc.start()
        latencies = []
        for _ in range(3):
            for q in QUESTIONS:
                t = time.perf_counter()
                assistant.ask(q)
                latencies.append((time.perf_counter() - t) * 1000)
        figures["ask_peak_python_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        latencies.sort()
        figures["ask_p50_ms"] = statistics.median(latencies)
        figures["ask_p95_ms"] = latencies[int(0.95 * (len(latencies) - 1))]
        assistant.close()
    save_figures("ingest_and_ask", figures)


if __name__ == "__main__":
    main()
