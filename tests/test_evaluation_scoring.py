"""Scoring constructed answers: every verdict a user would check, with the real embedding model."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rag.embeddings import load_embeddings
from rag.evaluation.dataset import EvalItem
from rag.evaluation.metrics import compute_figures
from rag.evaluation.scoring import score_item
from rag.evaluation.support import EmbeddingCache, judge_support
from rag.settings import Settings
from rag.types import Answer, Citation, Passage

SOURCE = "charter97-2025-11-14-tokayev.txt"
ARTICLE = (Path(__file__).parents[1] / "index" / "corpus" / SOURCE).read_text(encoding="utf-8")
BAN = (
    "The Ministry of Energy of Kazakhstan for six months imposed a ban on the export of major "
    "oil products from the territory of the country."
)
SANCTIONS = "the American administration has imposed sanctions against Lukoil and Rosneft."
VENEZUELA = "Look what is happening around Venezuela."


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> EmbeddingCache:
    settings = Settings(data_dir=tmp_path_factory.mktemp("unused"))
    return EmbeddingCache(load_embeddings(settings).embed_documents)


def _cite(n: int, quote: str) -> Citation:
    start = ARTICLE.index(quote)
    return Citation(n, SOURCE, "title", quote, start, start + len(quote), 0.8)


def _passage(quote: str) -> Passage:
    start = ARTICLE.index(quote)
    return Passage(f"p{start}", SOURCE, "title", quote, start, start + len(quote), 0.5)


def _item(**kw: object) -> EvalItem:
    base: dict = dict(
        id="q1",
        question="How long is the ban?",
        answers=("six months",),
        evidence=(BAN,),
        answerable=True,
    )
    return EvalItem(**(base | kw))


def _score(item: EvalItem, answer: Answer, cache: EmbeddingCache) -> dict:
    return score_item(item, answer, cache=cache, documents={SOURCE: ARTICLE}, k=3, latency_ms=12.0)


def test_a_good_extractive_answer_passes_every_check(cache: EmbeddingCache) -> None:
    answer = Answer(
        f"{BAN[:-1]} [1].", False, (_cite(1, BAN),), "q", (_passage(VENEZUELA), _passage(BAN))
    )
    r = _score(_item(), answer, cache)
    assert r["passed"], r["failures"]
    assert r["correct"] is True and r["evidence_cited"] is True
    assert r["values"]["accuracy"] == [1.0] and r["values"]["over_refusal"] == [0.0]
    assert r["values"]["faithfulness"] == [1.0] and r["values"]["citation_support"] == [1.0]
    assert r["values"]["mrr"] == [0.5] and r["values"]["hit_at_k"] == [1.0]
    assert r["not_applicable"]["abstention"] == "answerable item"
    assert r["not_applicable"]["followup_accuracy"] == "no history"


def test_a_paraphrase_is_supported_but_a_wrong_number_is_not(cache: EmbeddingCache) -> None:
    good = judge_support("Kazakhstan banned oil product exports for six months [1].", BAN, cache)
    wrong = judge_support("Kazakhstan banned oil product exports for nine months [1].", BAN, cache)
    other = judge_support("Washington sanctioned Gazprom [1].", SANCTIONS, cache)
    assert good.supported, good.reason()
    assert not wrong.supported and wrong.missing == ("9",)
    assert not other.supported and "gazprom" in other.missing
    assert "not in the passage: 9" in wrong.reason()


def test_a_citation_that_does_not_back_its_sentence_is_caught(cache: EmbeddingCache) -> None:
    answer = Answer(
        "Lukoil and Rosneft were sanctioned [1]. "
        "Kazakhstan banned oil product exports for six months [2] [3].",
        False,
        (_cite(1, VENEZUELA), _cite(2, BAN)),
        "q",
        (),
    )
    r = _score(_item(), answer, cache)
    assert r["correct"] is True
    assert r["dangling_markers"] == [3]
    assert [s["supported"] for s in r["sentences"]] == [False, True]
    assert r["values"]["citation_support"] == [0.0, 1.0]
    assert r["values"]["dangling_markers"] == [1.0]
    assert any("marker [3] points at no citation" in f for f in r["failures"])
    assert any(f.startswith("sentence 1 unsupported") for f in r["failures"])


def test_a_marker_covers_the_sentences_since_the_previous_one(cache: EmbeddingCache) -> None:
    quote = f"{BAN} Including to Russia."
    answer = Answer(f"{BAN} Including to Russia [1]. Venezuela is next.", False, (_cite(1, quote),))
    r = _score(_item(), answer, cache)
    assert [s["markers"] for s in r["sentences"]] == [[1], [1], []]
    assert [s["supported"] for s in r["sentences"]] == [True, True, False]
    assert r["sentences"][2]["reason"] == "cites no passage"
    assert [(u["n"], u["sentences"], u["supported"]) for u in r["uses"]] == [(1, [1, 2], True)]
    assert r["values"]["faithfulness"] == [1.0, 1.0, 0.0]


def test_a_refusal_of_an_answerable_item_is_over_refusal(cache: EmbeddingCache) -> None:
    r = _score(_item(), Answer("The documents do not say.", True), cache)
    assert r["values"]["over_refusal"] == [1.0] and r["values"]["accuracy"] == [0.0]
    assert r["values"]["faithfulness"] == [] and r["not_applicable"]["faithfulness"] == "abstained"
    assert r["not_applicable"]["evidence_cited"] == "abstained"
    assert r["failures"][0] == "refused an answerable question"


def test_unanswerable_items_score_abstention(cache: EmbeddingCache) -> None:
    item = _item(answers=(), evidence=(), answerable=False, history=("What was banned?",))
    refused = _score(item, Answer("The documents do not say.", True), cache)
    answered = _score(item, Answer(f"{BAN} [1]", False, (_cite(1, BAN),)), cache)
    assert refused["passed"] and refused["values"]["abstention"] == [1.0]
    assert refused["values"]["followup_accuracy"] == [1.0]
    assert answered["values"]["abstention"] == [0.0]
    assert answered["values"]["followup_accuracy"] == [0.0]
    assert answered["not_applicable"]["accuracy"] == "unanswerable item"
    assert "should abstain" in answered["failures"][0]


def test_figures_are_never_nan_and_say_why_they_are_missing(cache: EmbeddingCache) -> None:
    item = _item(answers=(), evidence=(), answerable=False)
    figures = compute_figures([_score(item, Answer("No.", True), cache)])
    assert figures["abstention"]["value"] == 1.0
    assert figures["accuracy"]["value"] is None
    assert figures["accuracy"]["reason"] == "not applicable: unanswerable item (1)"
    assert figures["followup_accuracy"]["reason"] == "not applicable: no history (1)"
    assert figures["dangling_markers"]["value"] == 0.0
    assert all(f["value"] is None or math.isfinite(f["value"]) for f in figures.values())


def test_scores_are_deterministic(cache: EmbeddingCache) -> None:
    answer = Answer("Kazakhstan stopped fuel exports for half a year [1].", False, (_cite(1, BAN),))
    fresh = EmbeddingCache(cache._embed)
    assert _score(_item(), answer, cache) == _score(_item(), answer, fresh)
