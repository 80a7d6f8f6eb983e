"""The evaluation-set reader, and the bundled article set itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rag.evaluation.dataset import DatasetError, bundled_dataset, bundled_datasets, load_dataset
from rag.evaluation.matching import normalize_space

ARTICLE = Path(__file__).parents[1] / "index" / "corpus" / "charter97-2025-11-14-tokayev.txt"
GOOD = {
    "id": "q07",
    "question": "Which Russian oil companies were sanctioned?",
    "history": [],
    "answers": ["Lukoil", "Rosneft"],
    "evidence": ["imposed sanctions against Lukoil and Rosneft"],
    "answerable": True,
}


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_the_contract_example(tmp_path: Path) -> None:
    follow_up = {**GOOD, "id": "q08", "question": "When?", "history": ["What was banned?"]}
    items = load_dataset(_write(tmp_path, json.dumps(GOOD), "", json.dumps(follow_up)))
    assert [i.id for i in items] == ["q07", "q08"]
    assert items[0].answers == ("Lukoil", "Rosneft") and items[0].answerable
    assert items[1].history == ("What was banned?",) and items[1].category == "follow-up"


def test_history_is_optional_and_extra_fields_are_kept(tmp_path: Path) -> None:
    raw = {k: v for k, v in GOOD.items() if k != "history"} | {"topic": "sanctions"}
    (item,) = load_dataset(_write(tmp_path, json.dumps(raw)))
    assert item.history == () and item.extra == {"topic": "sanctions"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "evidence"}), "missing required field"),
        (json.dumps({**GOOD, "answerable": "yes"}), "'answerable' must be true or false"),
        (json.dumps({**GOOD, "answers": "Lukoil"}), "'answers' must be a list"),
        (json.dumps({**GOOD, "answerable": False}), "unanswerable item must have empty"),
        (json.dumps({**GOOD, "question": " "}), "'question' must be a non-empty string"),
        (json.dumps([GOOD]), "expected a JSON object"),
    ],
)
def test_a_bad_line_is_named_with_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path, json.dumps(GOOD), "", line)
    with pytest.raises(DatasetError) as err:
        load_dataset(path)
    assert str(err.value).startswith(f"{path}:3: ")
    assert message in str(err.value)


def test_duplicate_ids_missing_and_empty_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="duplicate id 'q07'"):
        load_dataset(_write(tmp_path, json.dumps(GOOD), json.dumps(GOOD)))
    with pytest.raises(DatasetError, match="no such file"):
        load_dataset(tmp_path / "absent.jsonl")
    with pytest.raises(DatasetError, match="no items"):
        load_dataset(_write(tmp_path, "", "  "))


# -- the bundled article set -------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> list:
    return load_dataset(bundled_dataset())


@pytest.mark.parametrize("name", bundled_datasets())
def test_every_evidence_quote_of_every_shipped_set_is_verbatim_in_the_article(name: str) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    items = load_dataset(bundled_dataset(name))
    missing = [(i.id, q) for i in items for q in i.evidence if q not in article]
    assert missing == []
    assert all(i.answers and i.evidence for i in items if i.answerable)
    assert all(not i.answers and not i.evidence for i in items if not i.answerable)


def test_the_shipped_sets_are_the_sixty_two_documented_ones() -> None:
    prefixes = {
        "eighteenth": "x", "eighth": "e", "eleventh": "m", "fifteenth": "d", "fifth": "v",
        "fourteenth": "c", "fourth": "f", "nineteenth": "y", "ninth": "n", "second": "h",
        "seventeenth": "j", "seventh": "w", "sixteenth": "g", "sixth": "s", "tenth": "k",
        "third": "t", "thirteenth": "b", "twelfth": "a", "twentieth": "z", "twenty-first": "p",
        "twenty-second": "r", "twenty-third": "u", "twenty-fourth": "l", "twenty-fifth": "i",
        "twenty-sixth": "o", "twenty-seventh": "A", "twenty-eighth": "B", "twenty-ninth": "C",
        "thirtieth": "D", "thirty-first": "E", "thirty-second": "F", "thirty-third": "G",
        "thirty-fourth": "H", "thirty-fifth": "I", "thirty-sixth": "J", "thirty-seventh": "K",
        "thirty-eighth": "L", "thirty-ninth": "M", "fortieth": "N", "forty-first": "O",
        "forty-second": "Q", "forty-third": "V", "forty-fourth": "X", "forty-fifth": "Y",
        "forty-sixth": "Z", "forty-seventh": "P", "forty-eighth": "R", "forty-ninth": "S",
        "fiftieth": "T", "fifty-first": "U", "fifty-second": "W", "fifty-third": "Aa",
        "fifty-fourth": "Ab", "fifty-fifth": "Ac", "fifty-sixth": "Ad", "fifty-seventh": "Ua",
        "fifty-eighth": "Ub", "fifty-ninth": "Ae", "sixtieth": "Af", "sixty-first": "Ag",
        "sixty-second": "Ah",
    }  # fmt: skip
    assert bundled_datasets() == ["article", *(f"article-{o}" for o in sorted(prefixes))]
    # Each set's ids share a prefix of letters no other set's have ("A01", "Aa01").
    ids = [
        {re.sub(r"\d+$", "", i.id) for i in load_dataset(bundled_dataset(n))}
        for n in bundled_datasets()
    ]
    assert ids == [{"q"}, *({prefixes[o]} for o in sorted(prefixes))]
    # Every set but the first has 60 items: 46 answerable, 14 not, 8 follow-ups.
    for name in bundled_datasets()[1:]:
        items = load_dataset(bundled_dataset(name))
        shape = (len(items), sum(i.answerable for i in items), sum(bool(i.history) for i in items))
        assert shape == (60, 46, 8), name


def test_the_set_has_the_promised_shape(bundled: list) -> None:
    unanswerable = [i for i in bundled if not i.answerable]
    follow_ups = [i for i in bundled if i.history]
    assert len(bundled) >= 60
    assert len(unanswerable) >= 0.2 * len(bundled)
    assert len(follow_ups) >= 10
    assert all(i.answers and i.evidence for i in bundled if i.answerable)
    assert len({normalize_space(i.question) for i in bundled if not i.history}) == len(
        [i for i in bundled if not i.history]
    ), "standalone questions repeat"


def test_every_paragraph_of_the_article_is_asked_about(bundled: list) -> None:
    # Paragraphs are the article's lines of five words or more (title, lede and body).
    lines = [ln for ln in ARTICLE.read_text(encoding="utf-8").splitlines() if len(ln.split()) >= 5]
    quotes = [q for i in bundled for q in i.evidence]
    uncovered = [ln[:60] for ln in lines if not any(q in ln for q in quotes)]
    assert uncovered == []


def test_questions_are_paraphrased_not_copied(bundled: list) -> None:
    # A question sharing six consecutive words with its evidence was copied, not asked.
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = normalize_space(text).split()
        return {tuple(words[i : i + 6]) for i in range(len(words) - 5)}

    copied = [i.id for i in bundled if any(shingles(i.question) & shingles(q) for q in i.evidence)]
    assert copied == []
