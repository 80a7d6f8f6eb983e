"""Text matching used by the scorers: key facts, markers, sentences, key terms, evidence spans."""

from __future__ import annotations

import pytest

from rag.evaluation.evidence import locate, score_retrieval
from rag.evaluation.matching import (
    answer_sentences,
    contains_fact,
    key_terms,
    marker_numbers,
    missing_terms,
    strip_markers,
    within,
)
from rag.types import Passage

DOC = "Title line\n\nThe Ministry of Energy   banned exports.\nIncluding to Russia. Then more text."


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        ("A ban for Six Months [1].", "six months", True),
        ("Sanctions hit LUKOIL, and Rosneft.", "Lukoil", True),
        ("It said: Russia's reaction matters.", "Russia's reaction", True),
        ("Dated 14.11.2025 [2]", "14.11.2025", True),
        ("Sixty months.", "six", False),
        ("Nothing here [1].", "1", False),
    ],
)
def test_key_facts_match_whole_words_ignoring_case_and_punctuation(
    text: str, fact: str, expected: bool
) -> None:
    assert contains_fact(text, fact) is expected


def test_markers_and_sentences() -> None:
    answer = (
        "Why no hurry? [1] Lukashenko alone is doing it [2, 3]. Title Without Stop [4] Next [5]."
    )
    assert marker_numbers(answer) == [1, 2, 3, 4, 5]
    assert answer_sentences(answer) == [
        "Why no hurry? [1]",
        "Lukashenko alone is doing it [2, 3].",
        "Title Without Stop [4]",
        "Next [5].",
    ]
    assert strip_markers("Lukashenko alone is doing it [2, 3].") == "Lukashenko alone is doing it."
    assert answer_sentences("The U.S. has a special say [1].") == [
        "The U.S. has a special say [1]."
    ]


def test_key_terms_are_numbers_and_names() -> None:
    terms = key_terms(
        "However, Kazakhstan's ban lasts six months from 14.11.2025, said Tokayev [1]."
    )
    assert terms == ["14.11.2025", "6", "kazakhstan", "tokayev"]
    passage = "The Ministry of Energy of Kazakhstan for six months imposed a ban. Tokayev agreed."
    assert missing_terms("Kazakhstan banned exports for 6 months [1].", passage) == []
    assert missing_terms("Kazakhstan banned exports for nine months.", passage) == ["9"]
    assert missing_terms("The Russian ban angered Gazprom.", passage + " Russia.") == ["gazprom"]
    assert missing_terms("It has 24,006 views.", "- 24,006") == []


def test_within_ignores_case_and_whitespace() -> None:
    assert within("The Ministry of  Energy banned exports.", "ministry of energy")
    assert within("Energy", "The Ministry of Energy")
    assert not within("Energy ministry", "Ministry of Energy")


def test_evidence_is_located_despite_whitespace_and_case() -> None:
    (span,) = locate("ministry of energy banned", {"a.txt": DOC})
    assert (span.source, DOC[span.start : span.end]) == ("a.txt", "Ministry of Energy   banned")
    assert locate("not there", {"a.txt": DOC}) == []


def _passage(start: int, end: int, source: str = "a.txt") -> Passage:
    return Passage(
        id=f"{source}:{start}",
        source=source,
        title="",
        text=DOC[start:end],
        start=start,
        end=end,
        score=0.5,
    )


def test_retrieval_scores_count_overlap_with_located_evidence() -> None:
    ban, russia = DOC.index("The Ministry"), DOC.index("Including")
    passages = [_passage(0, 10), _passage(ban + 4, ban + 20), _passage(russia, len(DOC))]
    result = score_retrieval(
        passages, ["Ministry of Energy banned exports.", "Nowhere in it"], {"a.txt": DOC}, k=2
    )
    assert [p["relevant"] for p in result["passages"]] == [False, True]
    assert (result["hit"], result["recall"], result["reciprocal_rank"]) == (1.0, 0.5, 0.5)
    assert result["evidence_located"] == [True, False]


def test_retrieval_falls_back_to_text_when_the_document_is_unknown() -> None:
    passage = _passage(DOC.index("Including"), len(DOC))
    result = score_retrieval([passage], ["including to russia"], {}, k=6)
    assert result["hit"] == 1.0 and result["first_relevant_rank"] == 1
