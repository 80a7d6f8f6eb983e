"""Sentence splitting and chunking: whole sentences, exact offsets, nothing lost."""

from __future__ import annotations

import itertools
import re

import pytest

from index.ingest import bundled_corpus
from index.loaders import load_document
from index.splitter import Chunk, SentenceSplitter, split_sentences

SAMPLE = (
    "Walrus survey 2023\n"
    "The U.S. Fish and Wildlife Service counted 412 walruses on the island. Dr. Ana Ruiz led "
    "the count from a boat. The herd grew by 3.5 percent since 2021! Why did it grow? "
    "Warmer water brought more clams, e.g. the Arctic surf clam.\n"
    "\n"
    "- It is a good sign, said Mr. Olsen of the Norwegian Polar Institute.\n"
    "Biologists will return in May. They plan to tag 40 animals with trackers. "
    "The results are due at the end of the year.\n"
)


def _article_text() -> str:
    (path,) = [p for p in bundled_corpus() if p.suffix == ".txt"]
    return load_document(path).text


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.fixture(params=["sample", "article"])
def text(request: pytest.FixtureRequest) -> str:
    return SAMPLE if request.param == "sample" else _article_text()


@pytest.mark.parametrize(("chunk_size", "overlap"), [(80, 0), (300, 0), (600, 0), (300, 1)])
def test_chunks_cover_the_document_without_cutting_sentences(
    text: str, chunk_size: int, overlap: int
) -> None:
    chunks = SentenceSplitter(chunk_size, overlap).split_chunks(text)
    sentences = split_sentences(text)

    assert chunks
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.sentences[0][0] == chunk.start
        assert chunk.sentences[-1][1] == chunk.end
        assert all(chunk.start <= s < e <= chunk.end for s, e in chunk.sentences)
        # Chunk boundaries are sentence boundaries.
        assert chunk.start in {s for s, _ in sentences}
        assert chunk.end in {e for _, e in sentences}
    # Every sentence lies inside some chunk, whole.
    chunked = {span for chunk in chunks for span in chunk.sentences}
    assert set(sentences) <= chunked
    for s, e in sentences:
        assert any(c.start <= s and e <= c.end for c in chunks)


def test_text_outside_sentences_is_only_layout(text: str) -> None:
    """No words are lost between sentences: only whitespace and dialogue dashes remain."""
    rest = list(text)
    for s, e in split_sentences(text):
        rest[s:e] = [" "] * (e - s)
    assert re.fullmatch(r"[\s\-–—]*", "".join(rest))


def test_sentences_are_in_order_and_do_not_overlap(text: str) -> None:
    spans = split_sentences(text)
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)


def test_without_overlap_chunks_follow_each_other_and_stay_near_the_target() -> None:
    chunks = SentenceSplitter(120, 0).split_chunks(SAMPLE)
    assert len(chunks) > 3
    assert all(a.end <= b.start for a, b in itertools.pairwise(chunks))
    for chunk in chunks:
        assert len(chunk.text) <= 120 or len(chunk.sentences) == 1


def test_overlap_repeats_sentences_between_neighbours() -> None:
    chunks = SentenceSplitter(120, 1).split_chunks(SAMPLE)
    assert len(chunks) > 2
    for a, b in itertools.pairwise(chunks):
        assert a.sentences[-1] == b.sentences[0]


def test_a_sentence_longer_than_the_chunk_size_is_kept_whole() -> None:
    long = "The " + "very " * 60 + "long sentence ends here."
    text = f"Short start. {long} Short end."
    chunks = SentenceSplitter(50, 0).split_chunks(text)
    assert long in [c.text for c in chunks]


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. Senate voted on the bill on Monday.",
        "Dr. Smith examined the patient before noon.",
        "Inflation rose to 3.5 percent in the second quarter.",
        "Mr. Jones and Mrs. Jones met Prof. Lee in the lobby.",
        "Several states, e.g. Texas, opposed the plan.",
        "The firm J. P. Morgan Chase & Co. Ltd. reported 24,006.5 dollars.",
    ],
)
def test_sentences_are_not_split_at_abbreviations_or_decimals(sentence: str) -> None:
    text = f"It started in the morning. {sentence} Then everyone went home."
    assert _sentences(text) == [
        "It started in the morning.",
        sentence,
        "Then everyone went home.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The index closed at 24,006.5. Traders went home.",
            ["The index closed at 24,006.5.", "Traders went home."],
            id="decimal-at-sentence-end",
        ),
        pytest.param(
            "Asked whether he would resign, he said no. The meeting ended.",
            ["Asked whether he would resign, he said no.", "The meeting ended."],
            id="word-no-at-sentence-end",
        ),
        pytest.param(
            "The colony grew to 400 animals.[2] Researchers counted them by drone.[3]",
            ["The colony grew to 400 animals.[2]", "Researchers counted them by drone.[3]"],
            id="footnote-marker",
        ),
    ],
)
def test_sentences_end_after_decimals_short_words_and_footnote_markers(
    text: str, expected: list[str]
) -> None:
    assert _sentences(text) == expected


def test_sentences_end_at_question_and_exclamation_marks_and_quotes() -> None:
    text = 'Wow! Did it work? He said "Stop." Then he left… Later he came back.'
    assert _sentences(text) == [
        "Wow!",
        "Did it work?",
        'He said "Stop."',
        "Then he left…",
        "Later he came back.",
    ]


def test_line_breaks_end_sentences_and_dialogue_dashes_are_not_part_of_them() -> None:
    text = "Headline without a full stop\n- It is interesting, he said.\n\n9- 14.11.2025, 16:59"
    assert _sentences(text) == [
        "Headline without a full stop",
        "It is interesting, he said.",
        "9- 14.11.2025, 16:59",
    ]


def test_empty_or_blank_text_has_no_chunks() -> None:
    assert SentenceSplitter().split_chunks("") == []
    assert SentenceSplitter().split_chunks("  \n\n - \n") == []


def test_split_text_returns_the_chunk_texts() -> None:
    splitter = SentenceSplitter(120, 0)
    assert splitter.split_text(SAMPLE) == [c.text for c in splitter.split_chunks(SAMPLE)]


def test_chunk_ids_are_stable_and_distinct() -> None:
    first = SentenceSplitter(120, 0).split_chunks(SAMPLE)
    again = SentenceSplitter(120, 0).split_chunks(SAMPLE)
    ids = [c.chunk_id("a.txt") for c in first]
    assert ids == [c.chunk_id("a.txt") for c in again]
    assert len(set(ids)) == len(ids)
    # The same text in another document is another chunk.
    assert first[0].chunk_id("b.txt") != first[0].chunk_id("a.txt")


def test_chunk_id_changes_when_the_text_or_its_place_changes() -> None:
    chunk = Chunk("One sentence.", 0, 13, ((0, 13),))
    moved = Chunk("One sentence.", 5, 18, ((5, 18),))
    edited = Chunk("One sentences", 0, 13, ((0, 13),))
    assert len({chunk.chunk_id("a"), moved.chunk_id("a"), edited.chunk_id("a")}) == 3


def test_markdown_heading_and_quote_marks_are_not_part_of_sentences() -> None:
    text = "# Walrus facts\n## Counting\n> Seals hunt herring.\n#hashtags stay.\n"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Walrus facts",
        "Counting",
        "Seals hunt herring.",
        "#hashtags stay.",
    ]
