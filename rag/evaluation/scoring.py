"""Scoring one answer against one evaluation item, with the evidence for every verdict."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from rag.evaluation.dataset import EvalItem
from rag.evaluation.evidence import score_retrieval
from rag.evaluation.matching import (
    cited_groups,
    contains_fact,
    marker_numbers,
    strip_markers,
    within,
)
from rag.evaluation.support import EmbeddingCache, judge_support
from rag.text import word_count
from rag.types import Answer, Citation

logger = logging.getLogger(__name__)


def score_item(
    item: EvalItem,
    answer: Answer,
    *,
    cache: EmbeddingCache,
    documents: Mapping[str, str],
    k: int,
    latency_ms: float = 0.0,
    error: str | None = None,
) -> dict[str, Any]:
    """Score an answer: per-figure values, per-sentence and per-citation verdicts, failures.

    `values[figure]` lists this item's contributions to a figure (empty when not applicable,
    with the reason in `not_applicable[figure]`); `documents` maps sources to their text.
    """
    text = answer.answer
    answered = not answer.abstained and error is None
    by_n = {c.n: c for c in answer.citations}
    markers = marker_numbers(text)
    sentences, uses = _judge_answer(text, by_n, cache) if answered else ([], [])
    citations = [_citation(c, item, c.n in markers) for c in answer.citations]
    correct = (
        answered and any(contains_fact(text, fact) for fact in item.answers)
        if item.answerable and item.answers
        else None
    )
    retrieval = (
        score_retrieval(answer.passages, item.evidence, documents, k)
        if item.answerable and item.evidence
        else None
    )
    result: dict[str, Any] = {
        "id": item.id,
        "category": item.category,
        "question": item.question,
        "history": list(item.history),
        "answerable": item.answerable,
        "expected_answers": list(item.answers),
        "evidence": list(item.evidence),
        "answer": text,
        "abstained": answer.abstained,
        "query": answer.query,
        "error": error,
        "latency_ms": round(latency_ms, 1),
        "words": word_count(text),
        "correct": correct,
        "evidence_cited": _evidence_cited(item, citations, answered),
        "sentences": sentences,
        "uses": uses,
        "citations": citations,
        "dangling_markers": sorted(set(markers) - set(by_n)),
        "unused_citations": [c.n for c in answer.citations if c.n not in markers],
        "retrieval": retrieval,
    }
    result["values"], result["not_applicable"] = _values(item, result, answered)
    result["failures"] = _failures(item, result, answered)
    result["passed"] = not result["failures"]
    return result


def _judge_answer(
    text: str, by_n: Mapping[int, Citation], cache: EmbeddingCache
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Verdicts per sentence (against all it cites) and per marker (against all it covers)."""
    sentences: list[dict[str, Any]] = []
    uses: list[dict[str, Any]] = []
    for group, numbers in cited_groups(text):
        covered = list(range(len(sentences) + 1, len(sentences) + len(group) + 1))
        known = [n for n in numbers if n in by_n]
        uses += [
            {
                "n": n,
                "sentences": covered,
                **judge_support(" ".join(group), by_n[n].text, cache).to_dict(),
            }
            for n in known
        ]
        cited = " ".join(by_n[n].text for n in known)
        for sentence in group:
            verdict = (
                judge_support(sentence, cited, cache).to_dict()
                if cited
                else {"supported": False, "reason": "cites no passage"}
            )
            sentences.append({"text": strip_markers(sentence), "markers": numbers, **verdict})
    return sentences, uses


def _citation(c: Citation, item: EvalItem, used: bool) -> dict[str, Any]:
    on_target = any(within(c.text, quote) for quote in item.evidence) if item.evidence else None
    return {**c.to_dict(), "on_target": on_target, "used": used}


def _evidence_cited(item: EvalItem, citations: list[dict[str, Any]], answered: bool) -> bool | None:
    if not (item.answerable and item.evidence and answered):
        return None
    return any(c["on_target"] for c in citations)


def _values(
    item: EvalItem, r: dict[str, Any], answered: bool
) -> tuple[dict[str, list[float]], dict[str, str]]:
    values: dict[str, list[float]] = {}
    na: dict[str, str] = {}

    def put(name: str, value: list[float] | None, reason: str = "") -> None:
        values[name] = value or []
        if not value:
            na[name] = reason

    kind = "answerable item" if item.answerable else "unanswerable item"
    not_answered = "error" if r["error"] else "abstained"
    put(
        "accuracy",
        None if r["correct"] is None else [float(r["correct"])],
        "no key facts given" if item.answerable else kind,
    )
    put("over_refusal", [float(r["abstained"])] if item.answerable else None, kind)
    # An error is never an abstention: the runner scores it as an empty, non-abstaining answer.
    put("abstention", None if item.answerable else [float(r["abstained"])], kind)
    if item.history:
        ok = r["correct"] if item.answerable else r["abstained"]
        put("followup_accuracy", None if ok is None else [float(ok)], "no key facts given")
    else:
        put("followup_accuracy", None, "no history")
    cited = r["evidence_cited"]
    put(
        "evidence_cited",
        None if cited is None else [float(cited)],
        kind if not item.answerable else not_answered if not answered else "no evidence given",
    )
    uses = [float(u["supported"]) for u in r["uses"]]
    put("citation_support", uses, not_answered if not answered else "no citation markers")
    put(
        "faithfulness",
        [float(s["supported"]) for s in r["sentences"]],
        not_answered if not answered else "empty answer",
    )
    put("median_words", [float(r["words"])] if answered else None, not_answered)
    ret = r["retrieval"]
    no_evidence = kind if not item.answerable else "no evidence given"
    put("hit_at_k", [ret["hit"]] if ret else None, no_evidence)
    put("recall_at_k", [ret["recall"]] if ret else None, no_evidence)
    put("mrr", [ret["reciprocal_rank"]] if ret else None, no_evidence)
    # Counts and latency apply to every item; a zero is a value, not "not applicable".
    values["dangling_markers"] = [float(len(r["dangling_markers"]))]
    values["unused_citations"] = [float(len(r["unused_citations"]))]
    values["latency_p50_ms"] = values["latency_p95_ms"] = [r["latency_ms"]]
    return values, na


def _failures(item: EvalItem, r: dict[str, Any], answered: bool) -> list[str]:
    out = []
    if r["error"]:
        out.append(f"error: {r['error']}")
    if item.answerable and r["abstained"]:
        out.append("refused an answerable question")
    elif r["correct"] is False and answered:
        out.append("answer lacks every key fact: " + " / ".join(item.answers))
    if not item.answerable and answered:
        out.append("answered a question the documents do not answer (should abstain)")
    if r["evidence_cited"] is False:
        out.append("no citation contains or lies inside an evidence quote")
    if r["retrieval"] and not r["retrieval"]["hit"]:
        out.append(f"no evidence among the top {r['retrieval']['k']} passages")
    out += [
        f"sentence {i} unsupported: {s['reason']}"
        for i, s in enumerate(r["sentences"], start=1)
        if not s["supported"]
    ]
    for u in r["uses"]:
        # A lone marker on a lone sentence was judged exactly as that sentence was.
        alone = (
            len(u["sentences"]) == 1
            and sum(v["sentences"] == u["sentences"] for v in r["uses"]) == 1
        )
        if not u["supported"] and not alone:
            where = ", ".join(map(str, u["sentences"]))
            out.append(f"[{u['n']}] does not support sentence {where}: {u['reason']}")
    out += [f"marker [{n}] points at no citation" for n in r["dangling_markers"]]
    out += [f"citation [{n}] is never referenced in the answer" for n in r["unused_citations"]]
    return out
