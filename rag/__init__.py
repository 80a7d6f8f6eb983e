"""Answers questions about documents with short answers citing the exact passages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.assistant import Assistant
    from rag.settings import Settings
    from rag.types import Answer, Citation

__all__ = ["Answer", "Assistant", "Citation", "Settings"]


def __getattr__(name: str) -> Any:
    # Lazy, so `import rag.types` (or `rag --help`) does not load torch and Chroma.
    if name == "Assistant":
        from rag.assistant import Assistant

        return Assistant
    if name == "Settings":
        from rag.settings import Settings

        return Settings
    if name in ("Answer", "Citation"):
        from rag import types

        return getattr(types, name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
