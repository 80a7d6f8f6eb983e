"""Evaluation items: reading the JSON-lines format of shared/CONTRACTS.md, section 2."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from rag.errors import RagError

logger = logging.getLogger(__name__)

REQUIRED = ("id", "question", "answers", "evidence", "answerable")


class DatasetError(RagError):
    """An evaluation file is missing or has a bad line; the message names the file and line."""


@dataclass(frozen=True)
class EvalItem:
    """One question with the key facts and source quotes a good answer rests on."""

    id: str
    question: str
    answers: tuple[str, ...]
    evidence: tuple[str, ...]
    answerable: bool
    history: tuple[str, ...] = ()
    # Fields beyond the contract, kept so reports can show them.
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def category(self) -> str:
        """'follow-up', 'unanswerable' or 'answerable' (a follow-up wins over the others)."""
        if self.history:
            return "follow-up"
        return "answerable" if self.answerable else "unanswerable"


def bundled_dataset(name: str = "article") -> Path:
    """Path of a question set for the bundled article, shipped inside the package.

    "article" is the set the answerer was developed on; "article-second" to "article-thirty-second"
    were written independently, by readers who saw only the article and the format.
    """
    return Path(str(resources.files("rag") / "data" / "eval" / f"{name}.jsonl"))


def bundled_datasets() -> list[str]:
    """Names of the question sets shipped with the package."""
    folder = resources.files("rag") / "data" / "eval"
    return sorted(
        p.name.removesuffix(".jsonl") for p in folder.iterdir() if p.name.endswith(".jsonl")
    )


def load_dataset(path: Path) -> list[EvalItem]:
    """Read every item of a JSON-lines file, or raise DatasetError naming the bad line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file; give a .jsonl evaluation set") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read it as UTF-8 text ({exc})") from None
    items: list[EvalItem] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: invalid JSON ({exc.msg}, column {exc.colno})") from None
        item = parse_item(raw, where)
        if item.id in seen:
            raise DatasetError(f"{where}: duplicate id {item.id!r} (first on line {seen[item.id]})")
        seen[item.id] = lineno
        items.append(item)
    if not items:
        raise DatasetError(f"{path}: no items; write one JSON object per line")
    logger.info("loaded %d evaluation items from %s", len(items), path)
    return items


def parse_item(raw: Any, where: str) -> EvalItem:
    """Validate one decoded line; `where` ("file:line") prefixes every error."""
    if not isinstance(raw, dict):
        raise DatasetError(f"{where}: expected a JSON object, got {type(raw).__name__}")
    missing = [name for name in REQUIRED if name not in raw]
    if missing:
        raise DatasetError(f"{where}: missing required field(s) {', '.join(missing)}")
    if not isinstance(raw["id"], str | int) or isinstance(raw["id"], bool) or raw["id"] == "":
        raise DatasetError(f"{where}: 'id' must be a non-empty string or a number")
    if not isinstance(raw["question"], str) or not raw["question"].strip():
        raise DatasetError(f"{where}: 'question' must be a non-empty string")
    if not isinstance(raw["answerable"], bool):
        raise DatasetError(f"{where}: 'answerable' must be true or false")
    answers = _strings(raw, "answers", where)
    evidence = _strings(raw, "evidence", where)
    history = _history(raw.get("history") or [], where)
    if not raw["answerable"] and (answers or evidence):
        raise DatasetError(
            f"{where}: an unanswerable item must have empty 'answers' and 'evidence'"
        )
    extra = {k: v for k, v in raw.items() if k not in (*REQUIRED, "history")}
    return EvalItem(
        id=str(raw["id"]),
        question=raw["question"].strip(),
        answers=answers,
        evidence=evidence,
        answerable=raw["answerable"],
        history=history,
        extra=extra,
    )


def _strings(raw: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = raw[name]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DatasetError(f"{where}: '{name}' must be a list of non-empty strings")
    return tuple(value)


def _history(value: Any, where: str) -> tuple[str, ...]:
    # The contract says user questions as strings; role/content dicts are accepted too.
    if not isinstance(value, list):
        raise DatasetError(f"{where}: 'history' must be a list of earlier questions")
    turns = []
    for turn in value:
        if isinstance(turn, dict) and turn.get("role", "user") == "user":
            turn = turn.get("content")
        elif isinstance(turn, dict):
            continue
        if not isinstance(turn, str):
            raise DatasetError(f"{where}: 'history' must hold strings (earlier user questions)")
        if turn.strip():
            turns.append(turn.strip())
    return tuple(turns)
