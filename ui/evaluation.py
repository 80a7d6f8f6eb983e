"""The evaluation tab: run the bundled question set and show its figures and report."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import gradio as gr

# Returns (figure, formatted value) rows and the self-contained HTML report.
RunEvaluation = Callable[[], tuple[Sequence[tuple[str, str]], str]]


def evaluation_tab(run: RunEvaluation) -> None:
    """Lay out the evaluation tab; `run` does the work (in rag.evaluation)."""
    gr.Markdown(
        "Runs the bundled question set for the article through the assistant and scores "
        "accuracy, citations, refusals and latency offline; `rag eval` does the same from "
        "the command line and accepts your own question sets."
    )
    button = gr.Button("Run the evaluation", variant="primary")
    figures = gr.Dataframe(
        headers=["figure", "value"], interactive=False, visible=False, elem_id="eval-figures"
    )
    report = gr.HTML()

    def _run(
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008 - Gradio's idiom
    ) -> tuple[gr.Dataframe, str]:
        rows, page = run()
        return gr.Dataframe(value=[list(r) for r in rows], visible=True), report_frame(page)

    button.click(_run, outputs=[figures, report], concurrency_limit=1, show_progress="full")


def report_frame(page: str) -> str:
    """The report in a sandboxed frame: its styles stay inside and no script can run."""
    return (
        f'<iframe class="rag-eval-report" sandbox="" srcdoc="{html.escape(page, quote=True)}" '
        'style="width:100%;height:70vh;border:1px solid var(--border-color-primary);'
        'border-radius:.5rem" title="Evaluation report"></iframe>'
    )
