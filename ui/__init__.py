"""The Gradio chat over the assistant: layout and event handlers only."""

from ui.app import build_ui

__all__ = ["build_ui"]
