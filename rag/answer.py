"""Answerers: turn a question and retrieved passages into an Answer with citations."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from rag.answer_types import (
    asks_a_view,
    asks_person,
    asks_what_to_watch,
    described_subject,
    expected_types,
    names,
    points_back,
    says_what_is,
    says_what_to_watch,
    strict_kinds,
    type_match,
)
from rag.embeddings import SentenceEmbeddings
from rag.features import (
    FRAGMENT,
    PERSONAL,
    ExtendBack,
    Features,
    Preceding,
    Sentence,
    end_before,
    measure,
    people_named,
    reply_opening,
    sentences_of,
    unfamiliar_names,
    unmentioned_examples,
    with_references,
)
from rag.settings import Settings
from rag.text import ANAPHORA, MORE_OF, terms, with_demonyms
from rag.types import Answer, Citation, Message, Passage

logger = logging.getLogger(__name__)

REFUSAL = "The documents do not say"
NOT_FOUND = f"{REFUSAL}: I found no passage that answers this question."
# How much of min_support a short follow-up asking only for a kind of answer needs.
FOLLOW_UP_FLOOR = 0.75
# ... and one with no word of its own ("With whom?") answered by the sentence the reply quoted.
BARE_FOLLOW_UP_FLOOR = 0.5
# How far the best sentence with the kind of answer asked for may trail the best sentence of
# all: further behind, it is about something else ('(Bratislava)' for 'Which cities in
# northeastern Kazakhstan ...?', where the sentence about the northeast names no city).
TYPED_MARGIN = 0.06
# How far the best sentence with the kind of answer may trail the best sentence of all in
# resemblance alone (its score without the kind of answer) for a question that is no follow-up.
RESEMBLANCE_MARGIN = 0.15


@dataclass(frozen=True)
class AnswerRequest:
    """What an answerer is given."""

    question: str
    query: str
    history: tuple[Message, ...]
    passages: tuple[Passage, ...]
    # What sentences are scored against: the question with earlier user turns but without
    # the assistant's replies, whose words would otherwise pull answers back to themselves
    # (unless the question points at the last reply: "that pact", "What followed that?").
    focus: str = ""


class Answerer(Protocol):
    """A swappable answering step of the chain."""

    def __call__(self, request: AnswerRequest) -> Answer: ...


@dataclass(frozen=True)
class Weights:
    """How the extractive answerer weighs the evidence that a sentence answers the question."""

    dense: float = 0.35
    align: float = 0.35
    lexical: float = 0.15
    weakest: float = 0.15
    type_match: float = 0.12
    new_name: float = 0.05
    is_question: float = -0.15
    is_title: float = -0.15
    rank: float = -0.01
    hub: float = -0.2
    about_document: float = 0.3

    def resemblance(self, f: Features) -> float:
        """The score without the kind of answer: how much the sentence is about the question."""
        return self.score(replace(f, type_match=0))

    def score(self, f: Features) -> float:
        """One number: higher means better supported."""
        return (
            self.dense * f.dense
            + self.align * f.align
            + self.lexical * f.lexical
            + self.weakest * f.weakest
            + self.type_match * f.type_match
            + self.new_name * f.new_name
            + self.is_question * f.is_question
            + self.is_title * f.is_title
            + self.rank * f.rank
            + self.hub * f.hub
            + self.about_document * f.about_document
        )


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its features and score."""

    sentence: Sentence
    features: Features
    score: float


class ExtractiveAnswerer:
    """Quotes the sentence(s) that best answer the question; abstains when none does."""

    def __init__(
        self,
        settings: Settings,
        embeddings: SentenceEmbeddings,
        idf: Callable[[str], float],
        weights: Weights | None = None,
        extend_back: ExtendBack | None = None,
        preceding: Preceding | None = None,
        aliases: Callable[[str], list[str]] | None = None,
        spell_out: Callable[[str], str] | None = None,
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.idf = idf
        self.extend_back = extend_back
        self.preceding = preceding
        self.aliases = aliases
        self.spell_out = spell_out
        self.weights = weights or Weights()

    def __call__(self, request: AnswerRequest) -> Answer:
        """Answer from the passages, or abstain."""
        if self.spell_out:
            # "wat did kz ban" is read as "wat did Kazakhstan ban".
            spell = self.spell_out
            request = replace(
                request,
                question=spell(request.question),
                query=spell(request.query),
                focus=spell(request.focus),
            )
        request = self._resolved(request)
        strangers = unfamiliar_names(self.embeddings, self.idf, request.question, request.passages)
        strangers = strangers or unmentioned_examples(request.question, self.idf)
        if strangers:
            names = " or ".join(strangers)
            text = f"{REFUSAL}: they never mention {names}."
            return Answer(text, True, (), request.query, request.passages)
        follow_up = (request.focus or request.query) != request.question
        ranked = self.rank(request)
        chosen = self.select(ranked, self._floor(request, ranked), follow_up)
        if not chosen:
            return Answer(NOT_FOUND, True, (), request.query, request.passages)
        return compose_answer([_quote(c) for c in chosen], request.query, request.passages)

    def _resolved(self, request: AnswerRequest) -> AnswerRequest:
        """A follow-up whose "he" is the one person the reply to a who-question named, asked
        as a question of its own: "And what would the Americans like him to do?" after "Which
        leader alone helps Russia?" is "what would the Americans like Lukashenko to do?"."""
        follow_up = (request.focus or request.query) != request.question
        users = [m.content for m in request.history if m.role == "user"]
        reply = last_reply(request.history)
        pronoun = PERSONAL.search(request.question)
        if not (follow_up and users and reply and pronoun):
            return request
        rest = PERSONAL.sub(" ", request.question)
        if ANAPHORA.search(rest) or not asks_person(users[-1]):
            return request
        people = people_named(self.embeddings, reply, set(terms(users[-1])))
        if len(people) != 1:
            return request
        person = people[0] + ("'s" if pronoun.group().lower() in ("his", "her") else "")
        question = _ELLIPSIS_OPENING.sub("", PERSONAL.sub(person, request.question, count=1))
        question = question[:1].upper() + question[1:]
        return replace(request, question=question, focus=question)

    def rank(self, request: AnswerRequest) -> list[Scored]:
        """Candidate sentences with features and scores, best first."""
        sentences = sentences_of(request.passages, self.extend_back)
        if self.preceding:
            sentences = with_references(self.embeddings, sentences, self.preceding)
        focus = request.focus or request.query
        follow_up = focus != request.question
        # "Astana's move" is matched word for word as the documents name it: "Kazakhstan".
        names = self.aliases(focus) if self.aliases else []
        reply = last_reply(request.history) if follow_up else ""
        expects = expected_types(request.question)
        after: set[int] = set()
        # A follow-up pointing at the last reply ("What could Moscow do there?") is scored
        # against it, and so is read on from what the reply quoted, as an explanation is.
        if reply and ("reason" in expects or points_back(request.question)):
            sentences, after = _read_after(sentences, reply, request.question)
        # "Who else is in that camp?" asks for more of what the reply listed: the names the
        # reply quoted are not the question's own, and may answer it.
        said = reply if reply and reply in focus and MORE_OF.search(request.question) else ""
        feats = measure(
            self.embeddings, self.idf, request.question, focus, sentences, names, said, reply
        )
        if reply and expects:
            feats = _not_again(sentences, feats, reply)
        if follow_up:
            feats = _about_the_newcomer(request, sentences, feats)
        if asks_a_view(request.question):
            feats = _from_the_reply(sentences, feats)
        if asks_what_to_watch(request.question):
            feats = _what_to_watch(sentences, feats)
        # Coming right after the claim is what makes it the explanation asked for.
        if "reason" in expects:
            feats = [replace(f, type_match=1) if i in after else f for i, f in enumerate(feats)]
        scored = [
            Scored(s, f, self.weights.score(f)) for s, f in zip(sentences, feats, strict=True)
        ]
        return sorted(scored, key=lambda c: (-c.score, c.sentence.passage.source, c.sentence.start))

    def _floor(self, request: AnswerRequest, ranked: Sequence[Scored] = ()) -> float:
        """The least score that answers.

        A short follow-up asking only for a kind of answer ("In which part of the country?",
        "And at what time?") has nothing of its own for a sentence to resemble: what it is
        about lies in the earlier turns. The kind of answer asked for is then most of the
        evidence, and a sentence holding one needs less resemblance. One with no word of its
        own at all ("With whom?", "By whom?") asks about the last reply: the sentence it
        quoted answers, if it has the kind asked, on less still. So does a sentence saying
        what the thing a description question names is ("Russia, in fact, is a pariah
        country" for "What label does he apply to Russia?"), when it is the best ...
        """
        floor = self.settings.min_support
        # "What should we be watching now?" has nothing of its own for a sentence to resemble
        # but what it asks: a sentence saying what deserves watching answers it.
        if (
            ranked
            and says_what_to_watch(ranked[0].sentence.text)
            and asks_what_to_watch(request.question)
        ):
            return 0.0
        subject = described_subject(request.question)
        if subject and ranked and says_what_is(subject, ranked[0].sentence.text):
            return FOLLOW_UP_FLOOR * floor
        # ... and a sentence tying something to something ("it has to do with ... the
        # meeting") for "What meeting does he link the ban to?", however it names the ban,
        # or naming a war ("what is happening in Ukraine") for "Which war does he cite?", or
        # saying whom something benefits for "Will it pay off for them?": few sentences have
        # any of these kinds (with or without a reason or a stance the question also asks).
        if any(c.features.type_match >= 0 for c in ranked) and {
            "connection",
            "war",
            "beneficiary",
        } & set(strict_kinds(request.question)):
            return FOLLOW_UP_FLOOR * floor
        follow_up = (request.focus or request.query) != request.question
        if follow_up and strict_kinds(request.question) and len(request.question.split()) <= 8:
            reply = last_reply(request.history)
            best = next((c for c in ranked if c.features.type_match > 0), None)
            if reply and best and not terms(request.question) and _own_text(best.sentence) in reply:
                return BARE_FOLLOW_UP_FLOOR * floor
            return FOLLOW_UP_FLOOR * floor
        return floor

    def select(
        self, ranked: list[Scored], floor: float | None = None, follow_up: bool = False
    ) -> list[Scored]:
        """The best sentence and close seconds, or nothing when support is too weak."""
        ranked = _drop_idle_windows(ranked)
        # A question asking for a date, number, place or name is answered only by a sentence
        # that has one; the others cannot answer it however similar they are.
        # A question about the document (its headline, its date line) is answered by that line
        # whatever kind of answer the rest of the question asks for.
        typed = [c for c in ranked if c.features.type_match >= 0 or c.features.about_document]
        if not typed:
            return []
        # The title, the date line or the named site answers a question about the document
        # however little its words resemble the question's.
        sure = typed[0].features.about_document
        floor = self.settings.min_support if floor is None else floor
        if not sure and typed[0].score < max(floor, ranked[0].score - TYPED_MARGIN):
            return []
        # Nor when it resembles the question far less than the best sentence does, leaving
        # aside the kind of answer, and shares fewer of its words: the sentence with a date
        # for "How long has Tokayev been president?" is about a ban. "these agreements were
        # prepared by ..." shares "these accords" with "Who drew up these accords?" as much as
        # the closer sentence naming the Accords does. A follow-up's own words say little, so
        # it is spared.
        resemblance = self.weights.resemblance
        closest = max(ranked, key=lambda c: resemblance(c.features))
        if (
            not sure
            and not follow_up
            and resemblance(typed[0].features) < resemblance(closest.features) - RESEMBLANCE_MARGIN
            and typed[0].features.lexical < closest.features.lexical
        ):
            return []
        # A sentence found speaks of the kind of thing asked for without naming any: the
        # documents say only "some benefits" to "What concrete benefits ...?", and no other
        # sentence, however close, names them.
        if not sure and any(c.features.kind_only for c in typed):
            return []
        best = typed[0]
        chosen = [best]
        words = len(best.sentence.text.split())
        for other in typed[1:]:
            if len(chosen) == self.settings.max_answer_sentences or other.score < 0.9 * best.score:
                break
            shared = next(
                (i for i, c in enumerate(chosen) if _overlaps(other.sentence, c.sentence)), None
            )
            if shared is not None:
                # A unit sharing a sentence with one chosen, that has the kind of answer asked
                # the chosen one lacks ("But I think it is hardly possible at all." after the
                # sentence both hold, for "Can Belarus distance itself, in his view?"), is
                # quoted with it as one span.
                c = chosen[shared]
                joined = (
                    _joined(c, other) if other.features.type_match > c.features.type_match else None
                )
                if joined:
                    grown = len(joined.sentence.text.split()) - len(c.sentence.text.split())
                    if words + grown <= self.settings.max_answer_words:
                        words += grown
                        chosen[shared] = joined
                continue
            length = len(other.sentence.text.split())
            if words + length <= self.settings.max_answer_words:
                words += length
                chosen.append(other)
        return sorted(chosen, key=lambda c: (c.sentence.passage.source, c.sentence.start))


def _joined(chosen: Scored, other: Scored) -> Scored | None:
    """Two overlapping units as one, scored as the chosen one and with the kind of answer the
    other has; None when neither's passage holds both (a pair read back across a chunk's
    start is a passage of its own)."""
    a, b = chosen.sentence, other.sentence
    start, end = min(a.start, b.start), max(a.end, b.end)
    passage = next((p for p in (a.passage, b.passage) if p.start <= start and end <= p.end), None)
    if passage is None:
        return None
    text = passage.text[start - passage.start : end - passage.start]
    unit = replace(
        a, passage=passage, start=start, end=end, text=text, window=True, rank=min(a.rank, b.rank)
    )
    return Scored(unit, replace(other.features, clause=None), chosen.score)


def _not_again(
    sentences: Sequence[Sentence], feats: Sequence[Features], reply: str
) -> list[Features]:
    """A follow-up asking for a kind of answer ("Does he think so?", "Why?") is not answered
    by repeating a sentence the last reply quoted, unless that sentence has the kind asked."""
    return [
        replace(f, type_match=-1) if reply and f.type_match <= 0 and _own_text(s) in reply else f
        for s, f in zip(sentences, feats, strict=True)
    ]


def _what_to_watch(sentences: Sequence[Sentence], feats: Sequence[Features]) -> list[Features]:
    """A question asking only what deserves watching is answered by a sentence saying so ("it
    is extremely important to follow Russia's reaction"), when one does, and by no other."""
    says = [says_what_to_watch(s.text) and not s.window for s in sentences]
    if not any(says):
        return list(feats)
    return [replace(f, type_match=1 if y else -1) for f, y in zip(feats, says, strict=True)]


def _from_the_reply(sentences: Sequence[Sentence], feats: Sequence[Features]) -> list[Features]:
    """A question asking for someone's view ("According to Mesejnikov, why are neighbours
    pulling away?") is not answered by the interviewer's question it echoes ("Armenia,
    disillusioned with Moscow's allied support, has embarked on a course ..."), but by the
    reply to it: its opening sentence is scored with the question's resemblance too."""
    openings = {(s.passage.source, s.start): i for i, s in enumerate(sentences) if not s.window}
    out = list(feats)
    for i, s in enumerate(sentences):
        at = reply_opening(s)
        if at is None:
            continue
        out[i] = replace(out[i], is_question=True)
        j = openings.get((s.passage.source, at))
        if j is not None:
            f, g = feats[i], out[j]
            out[j] = replace(
                g,
                dense=max(f.dense, g.dense),
                align=max(f.align, g.align),
                lexical=max(f.lexical, g.lexical),
                weakest=max(f.weakest, g.weakest),
            )
    return out


def _about_the_newcomer(
    request: AnswerRequest, sentences: Sequence[Sentence], feats: Sequence[Features]
) -> list[Features]:
    """A follow-up naming someone new ("Is Azerbaijan leaning toward that same country?"
    after a question about Yerevan) is about them: a sentence not naming them does not
    answer it, when some sentence does."""
    earlier = {t for m in request.history for t in terms(m.content)}
    fresh = names(request.question, earlier)
    if not fresh:
        return list(feats)
    naming = [bool(fresh & with_demonyms(set(terms(s.text)))) for s in sentences]
    if not any(naming):
        return list(feats)
    return [
        f if named else replace(f, type_match=-1) for f, named in zip(feats, naming, strict=True)
    ]


def _read_after(
    sentences: Sequence[Sentence], reply: str, question: str
) -> tuple[list[Sentence], set[int]]:
    """Sentences right after one the last reply quoted, scored with the reply as context.

    "Why not?" after "Does he think Minsk can break away?" is answered by the sentence after
    the view ("Russia absolutely dominates everything there."): an explanation follows the
    claim it explains, and need not repeat its words. Also returns the indices of those.
    When the reply itself quoted a reason for what the question names ("This caused
    surprise, because ..." for "Why were people surprised?"), that sentence is the one.
    """
    own = set(terms(question))
    explained = {
        i
        for i, s in enumerate(sentences)
        if not s.window
        and _own_text(s) in reply
        and own & set(terms(s.text))
        and type_match(["reason"], set(), s.text, set()) > 0
    }
    if explained:
        return list(sentences), explained
    quoted = {(s.passage.source, s.end) for s in sentences if _own_text(s) in reply}
    # "... important to follow Russia's reaction. How the propagandists will talk about it.":
    # an indirect question standing as a sentence goes on with the claim, not explaining it.
    for p in {s.passage for s in sentences}:
        for start, end, text in p.sentence_texts():
            before = end_before(p, start)
            if (p.source, before) in quoted and FRAGMENT.match(" ".join(text.split())):
                quoted.add((p.source, end))
    out = []
    after = set()
    for i, s in enumerate(sentences):
        before = end_before(s.passage, s.start)
        if not s.window and (s.passage.source, before) in quoted and _own_text(s) not in reply:
            s = replace(s, context=", ".join(c for c in (s.context, reply) if c))
            after.add(i)
        out.append(s)
    return out, after


# The conjunction a follow-up opens on.
_ELLIPSIS_OPENING = re.compile(r"^\W*(?:and|but|so)\W+", re.I)


def _own_text(s: Sentence) -> str:
    """The unit's own sentence (the last one of a pair), whitespace-normalised."""
    p = s.passage
    own = next(((a, b) for a, b in p.sentences if b == s.end and a >= s.start), (s.start, s.end))
    return " ".join(p.text[own[0] - p.start : own[1] - p.start].split())


def last_reply(history: Sequence[Message]) -> str:
    """The assistant's reply to the last user turn, without markers; empty if it refused."""
    if not history or history[-1].role != "assistant":
        return ""
    content = history[-1].content.strip()
    return "" if content.startswith(REFUSAL) else " ".join(_MARKER.sub("", content).split())


_MARKER = re.compile(r"\s*\[\d+\]")


def _overlaps(a: Sentence, b: Sentence) -> bool:
    """Whether two candidate units share text (a sentence and a pair holding it)."""
    return a.passage.source == b.passage.source and a.start < b.end and b.start < a.end


# A clause opening with one of these leans on the clause before it ("..., where X").
_DEPENDENT = re.compile(r"(?:where|which|who|whom|whose|when|while|whereas|because|since)\b", re.I)


def _drop_idle_windows(ranked: list[Scored]) -> list[Scored]:
    """Drop sentence pairs that score no better than their first sentence alone.

    A continuation is quoted with its antecedent only when it adds to the answer; otherwise
    the pair would win on the strength of the antecedent and quote a sentence for nothing.
    """
    alone = {
        (c.sentence.passage.source, c.sentence.start): c.score
        for c in ranked
        if not c.sentence.window
    }
    return [
        c
        for c in ranked
        if not c.sentence.window
        or c.score > alone.get((c.sentence.passage.source, c.sentence.start), float("-inf"))
    ]


def _quote(c: Scored) -> tuple[Passage, int, int, float]:
    """The span to quote: a long sentence's best clause, else the whole unit.

    A dependent clause is quoted from the sentence start, so its head is not cut off.
    """
    s, f = c.sentence, c.features
    if f.clause and not s.window and len(s.text.split()) > 30:
        start, end = f.clause
        if _DEPENDENT.match(s.passage.text, start - s.passage.start):
            start = s.start
        return s.passage, start, end, c.score
    return s.passage, s.start, s.end, c.score


def compose_answer(
    quotes: Sequence[tuple[Passage, int, int, float]], query: str, passages: Sequence[Passage]
) -> Answer:
    """Join quoted sentences into an answer with one [n] marker and citation per quote."""
    parts = []
    citations = []
    for n, (p, start, end, score) in enumerate(quotes, start=1):
        text = p.text[start - p.start : end - p.start]
        # A footnote mark quoted from the source must not read as one of our markers.
        parts.append(_with_marker(_FOOTNOTE.sub(r"(\1)", text), n))
        citations.append(
            Citation(
                n=n,
                source=p.source,
                title=p.title,
                text=text,
                start=start,
                end=end,
                score=round(_clamp(score), 4),
                date=p.date,
            )
        )
    return Answer(" ".join(parts), False, tuple(citations), query, tuple(passages))


_FOOTNOTE = re.compile(r"\[(\d+)\]")


def _with_marker(sentence: str, n: int) -> str:
    match = re.search(r"[.!?…]+[\"'”’)]*$", sentence)
    if match and match.group().startswith("."):
        return f"{sentence[: match.start()]} [{n}]{sentence[match.start() :]}"
    return f"{sentence} [{n}]"


def _clamp(x: float) -> float:
    return 0.0 if math.isnan(x) else max(0.0, min(1.0, x))
