"""Evidence that a sentence answers a question: similarity, word alignment and answer type."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

import numpy as np

from index.splitter import split_sentences
from rag.align import ANSWER_TYPE_WEIGHT, question_words, weighted_recall, word_matches
from rag.answer_types import (
    NAME_SPAN,
    PROFESSION,
    SPEAKER_CHARS,
    answer_type_words,
    asks_company,
    asks_person,
    attribution_words,
    counted_terms,
    described_subject,
    document_question,
    expected_types,
    full_name_of,
    has_answer_type,
    introduces_someone,
    is_byline,
    kind_mentions,
    names,
    names_a_site,
    names_kind_only,
    reactor_terms,
    reported_speaker,
    says_what_is,
    specifies_kind,
    type_match,
)
from rag.embeddings import SentenceEmbeddings
from rag.text import (
    ANAPHORA,
    FILLER,
    FRAMING_WORDS,
    MORE_OF,
    NAME_SIMILARITY,
    STOPWORDS,
    inner_names,
    seats_of_power,
    terms,
    unseen_words,
    with_demonyms,
    words,
)
from rag.types import Passage


@dataclass(frozen=True)
class Sentence:
    """A candidate sentence of a retrieved passage (absolute offsets)."""

    passage: Passage
    start: int
    end: int
    text: str
    rank: int
    # True when the unit is a sentence that leans on the one before it, quoted together.
    window: bool = False
    # Names that "these agreements" or "this country" in it stand for, found in the sentences
    # before it: scored with the sentence, never quoted.
    context: str = ""

    @property
    def scored_text(self) -> str:
        """The text the sentence is scored by: itself, plus what its references stand for."""
        return f"{self.text} ({self.context})" if self.context else self.text


@dataclass(frozen=True)
class Features:
    """Measurements of how well one sentence answers the question."""

    dense: float
    align: float
    weakest: float
    lexical: float
    type_match: int
    new_name: float
    is_question: bool
    is_title: bool
    rank: int
    clause: tuple[int, int] | None
    # How close the sentence is to the other candidates: generic, central sentences score
    # well against any question about the topic, so this discounts them.
    hub: float = 0.0
    # The sentence answers a question about the document itself: its title, its date line in
    # the opening, or the site it names ("When was the interview published?").
    about_document: bool = False
    # The sentence speaks of the kind of thing asked for only as a kind ("there are concrete
    # projects" for "What concrete projects ...?"): the best such sentence says they go unnamed.
    kind_only: bool = False


ExtendBack = Callable[[Passage, int, int], Passage | None]


def sentences_of(
    passages: Sequence[Passage], extend_back: ExtendBack | None = None
) -> list[Sentence]:
    """Unique sentences of the passages in rank order, plus sentence pairs for continuations."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for rank, p in enumerate(passages):
        previous: tuple[int, int] | None = None
        for start, end, text in p.sentence_texts():
            units = [(p, start, end, False)]
            before = p.text[previous[0] - p.start : previous[1] - p.start] if previous else ""
            if _leans_back(text) or (before and _names_again(text, before)):
                if previous:
                    units.append((p, previous[0], end, True))
                elif (
                    extend_back
                    and _LEANS_BACK.search(text)
                    and (wider := extend_back(p, start, end))
                ):
                    # The sentence it leans on sits in another chunk or paragraph.
                    units.append((wider, wider.start, end, True))
            for q, a, b, window in units:
                if (q.source, a, b) not in seen:
                    seen.add((q.source, a, b))
                    unit_text = q.text[a - q.start : b - q.start]
                    out.append(Sentence(q, a, b, unit_text, rank, window))
            same_paragraph = "\n" not in p.text[end - p.start : end - p.start + 2]
            previous = (start, end) if same_paragraph else None
    return out


# "Look what is happening around Venezuela." points at events without saying what they are: it
# names where to look (an example, a country), but tells nothing that happened.
_POINTER = re.compile(
    # The last sentence of the text (the one after a pair's first) ...
    r"(?:^|(?<=[.!?])\s+)\W*(?:look(?:\s+at)?|see|remember|recall|consider|think\s+of)\s+"
    r"(?:what|how)\s+"
    # ... unless it says what came after or because of what: "after Russia shot down ..."
    r"(?![^,;:.!?]*\b(?:after|before|when|because|since)\b)[^,;:.!?]*[.!?]?\W*$",
    re.I,
)
_POINTED_AT = frozenset("name place city war example part".split())


def _points_only(text: str) -> bool:
    """Whether a sentence (or the last of a pair) only points at events ("Look what is
    happening around X.")."""
    return bool(_POINTER.search(text.strip()))


# A paragraph opening with a dialogue dash is a turn of an interview: "- I think ...".
_DIALOGUE_DASH = re.compile(r"\n[ \t]*[-–—]\s+")


def reply_opening(sentence: Sentence) -> int | None:
    """Where the reply begins, when a sentence is part of an interviewer's question: its
    paragraph ends with a question and the next opens with a dialogue dash ("... Where is
    this going?" then "- I think it is due to ...")."""
    p = sentence.passage
    newline = p.text.find("\n", sentence.end - p.start)
    if newline < 0 or not p.text[:newline].rstrip().endswith("?"):
        return None
    dash = _DIALOGUE_DASH.match(p.text, newline)
    return p.start + dash.end() if dash else None


_LEANS_BACK = re.compile(
    r"^\W*(?:this|that|these|those|it|its|he|she|they|his|her|their|such|including|but|and|"
    r"also|so|then|there|here|however|although|the latter|the former)\b"
    # ... or a pronoun early on: "I think it has to do with ...", "in question".
    r"|^\W*(?:\w+\W+){1,3}?(?:it|this|these|those|he|she|they)\b"
    r"|\bin question\b",
    re.I,
)


# A sentence joined to the one before by a conjunction alone ("And Donald Trump has ...")
# takes nothing from it; one opening with a reference ("He is trying ...") takes its name.
_JOINED_ONLY = re.compile(
    r"^\W*(?:and|but|also|so|then|however|although)\b(?!\W+(?:\w+\W+){0,2}?"
    r"(?:this|that|these|those|it|its|he|she|they|his|her|their|such)\b)",
    re.I,
)


# A phrase quoted in a question: "...", “...”, ‘...’, «...».
_QUOTED = re.compile(r"\"([^\"]{4,80})\"|“([^”]{4,80})”|‘([^’]{4,80})’|«([^»]{4,80})»")


def quoted_phrases(question: str) -> list[str]:
    """The phrases a question quotes, lower-cased, whitespace-normalised."""
    return [
        " ".join(next(g for g in m.groups() if g).lower().split())
        for m in _QUOTED.finditer(question)
    ]


def _answering_text(s: Sentence) -> str:
    """The text a kind of answer is looked for in: a sentence with the one it leans on, unless
    it is joined to that one by a conjunction alone."""
    if not s.window:
        return s.text
    spans = split_sentences(s.text)
    last = s.text[spans[-1][0] :] if spans else s.text
    return last if _JOINED_ONLY.search(last) else s.text


_DEFINITE = re.compile(r"^\W*(?:[\w']+\W+){0,5}?the\s+([a-z][\w-]+)\b")


def _names_again(sentence: str, before: str) -> bool:
    """Whether a sentence opens on "the X" for an X the sentence before spoke of: "... normal
    diplomatic relations with Israel. As far as I know, the relations are developing ..."."""
    match = _DEFINITE.search(sentence)
    if not match or match.group(1) in STOPWORDS:
        return False
    return bool(set(terms(match.group(1))) & set(terms(before)))


def _leans_back(sentence: str) -> bool:
    """Whether a sentence needs the one before it to be understood: it points back, is short,
    or is an indirect question going on with it ("How the Z-community ... will talk.")."""
    return (
        bool(_LEANS_BACK.search(sentence))
        or len(sentence.split()) < 8
        or bool(FRAGMENT.match(" ".join(sentence.split())))
    )


# An indirect question standing as a sentence: it goes on with the one before.
FRAGMENT = re.compile(r"^(?:how|what|whether|which|who|where|when)\b[^?!]*\.$", re.I)


def measure(
    embeddings: SentenceEmbeddings,
    idf: Callable[[str], float],
    question: str,
    query: str,
    sentences: Sequence[Sentence],
    aliases: Sequence[str] = (),
    said: str = "",
    reply: str = "",
) -> list[Features]:
    """Features of every sentence for a question (query = question expanded with history).

    `aliases` are the corpus's names for names in the question it never uses ("Kazakhstan"
    for "Astana"): they count as the question's words when matching words exactly. `said` is
    the last reply, when `query` holds it and its names may still answer ("Who else ...?");
    `reply` is the last reply of a follow-up, which its question may ask about.
    """
    if not sentences:
        return []
    question, query, said = (FILLER.sub("", t) for t in (question, query, said))
    clause_spans = [clauses(s.text) for s in sentences]
    clause_texts = [
        s.text[a:b] for s, spans in zip(sentences, clause_spans, strict=True) for a, b in spans
    ]
    texts = [query, *(s.scored_text for s in sentences), *clause_texts]
    vectors, tokens = embeddings.encode_with_tokens(texts)
    sims = vectors.astype(np.float32) @ vectors[0].astype(np.float32)
    # Which part of a sentence is quoted is judged against what the question itself asks.
    pick = sims
    if question != query:
        # A follow-up: what it asks is in its own words, what it is about in the earlier turns.
        own, _ = embeddings.encode_with_tokens([question])
        pick = vectors.astype(np.float32) @ own[0].astype(np.float32)
        sims = 0.5 * sims + 0.5 * pick
    kind = answer_type_words(question)
    speaker_words = attribution_words(query)
    qwords = question_words(*tokens[0], idf, kind, speaker_words)
    focus_floor = 0.5 * max(qwords.weights, default=0.0)
    kind_terms = set(terms(" ".join(kind)))
    query_terms = {
        t: idf(t) * (ANSWER_TYPE_WEIGHT if t in kind_terms else 1.0)
        for t in set(terms(" ".join([query, *aliases]), FRAMING_WORDS | speaker_words))
    }
    unseen = idf("\x00")
    expects = expected_types(question)
    counted = counted_terms(question)
    reactor = reactor_terms(question)
    asks_name = bool(re.search(r"\bwhich\b", question, re.I)) and "name" not in expects
    speaker = reported_speaker(question)
    if speaker and any(_introduces(s, speaker) for s in sentences):
        # "What did Mesejnikov say about Tokayev?": the man the document interviews says all
        # of it, not only sentences naming him.
        speaker = set()
    about = document_question(question, query)
    # The question's own words (and the earlier questions'), not the reply `query` may hold.
    asked = query.replace(said, " ") if said else query
    if reply and _WHO_DID.search(question) and "parties" not in expects:
        # "Who imposed those sanctions on them?" asks who did what the reply told of: the
        # reply may name them ("the American administration") beside what it was asked for.
        asked = query.replace(reply, " ")
    if question != query and not (ANAPHORA.search(question) or MORE_OF.search(question)):
        # "And whose image in the West is poor?" after a question about Azerbaijan asks
        # afresh: a name the earlier turns used may answer it.
        asked = question
    known = with_demonyms(set(terms(asked)))
    # A follow-up may ask about what the reply said: "And which city is it headquartered in?"
    anchors = known | set(terms(reply))
    # "Who is that agreement between?": what the parties are parties to is read from the
    # user's own turns, not from the reply the follow-up follows, which may speak of another
    # pair ("the meeting between Donald Trump and ..." in a reply about the accords).
    users = known
    if reply and "parties" in expects:
        users = with_demonyms(set(terms(asked.replace(reply, " "))))
    # Each sentence is judged by its best part: itself or one of its clauses.
    best_rows = []
    clause_row = 1 + len(sentences)
    denses: list[float] = []
    found: list[tuple[int, int] | None] = []
    pointed_at = bool(_POINTED_AT & set(expects))
    kinds = [
        -1
        if (_bare_figures(s.text) and about not in ("published", "views"))
        or (not pointed_at and _points_only(s.text))
        else type_match(expects, speaker, _answering_text(s), users, counted, anchors, reactor)
        for s in sentences
    ]
    question_terms = set(terms(question))
    for i, s in enumerate(sentences):
        row, clause = 1 + i, None
        # A clause stands for its sentence only if it keeps the kind of answer the sentence
        # has ("in which the U.S. has a special say" for "who has a special say?"), and the
        # names the question asks about: "Where does China fit into the pariah coalition?"
        # is not answered by "it has become part of the global coalition of pariahs".
        # Nor a clause the last reply quoted alone, unless it has the kind of answer asked: a
        # follow-up asks for more of the sentence ("And what makes that especially pressing?"
        # for the "especially since ..." after it).
        whole = " ".join(s.text.split()) if reply else ""
        quoted_kind = kinds[i]
        named = question_terms & names(s.text)
        for a, b in clause_spans[i]:
            part = type_match(expects, speaker, s.text[a:b], users, counted, anchors, reactor)
            keeps = (kinds[i] < 0 or part >= 0) and named <= set(terms(s.text[a:b]))
            alone = bool(reply) and " ".join(s.text[a:b].split()) in reply and whole not in reply
            keeps = keeps and not (alone and part <= 0)
            if keeps and pick[clause_row] > pick[row]:
                # A clause quoted alone has the soft kind (a reason ...) only if it says it.
                row, clause = clause_row, (s.start + a, s.start + b)
                quoted_kind = min(part, kinds[i])
            clause_row += 1
        kinds[i] = quoted_kind
        best_rows.append(row)
        denses.append(float(sims[row]))
        found.append(clause)
    kinds = [
        1 if k == 0 and specifies_kind(question, s.text) else k
        for s, k in zip(sentences, kinds, strict=True)
    ]
    if quoted := quoted_phrases(question):
        # "What word does he place before 'Abrahamic Accords'?" asks about those words as
        # written: where some sentence has them, the others do not answer.
        has = [all(q in " ".join(s.text.lower().split()) for q in quoted) for s in sentences]
        if any(has):
            kinds = [k if h else -1 for k, h in zip(kinds, has, strict=True)]
    if "description" in expects and (subject := described_subject(question)):
        # "What label does he apply to Russia?" is described by a sentence saying what Russia
        # is, not one saying what Tokayev is.
        kinds = [
            1 if says_what_is(subject, s.text) else min(k, 0)
            for s, k in zip(sentences, kinds, strict=True)
        ]
    if asks_person(question):
        kinds = _named_only(embeddings, sentences, kinds, known, _PERSON)
    elif asks_company(question):
        kinds = _named_only(embeddings, sentences, kinds, known, _COMPANY)
    if owner := full_name_of(question):
        # "Pashinyan's first name?" is answered only where a name precedes his surname.
        given = re.compile(rf"\b[A-Z][\w'’-]+\s+(?i:{re.escape(owner)})\b")
        kinds = [1 if given.search(s.text) else -1 for s in sentences]
    hubs = _hubness(vectors[1 : 1 + len(sentences)], vectors[best_rows], sentences)
    answers_about = [_answers_about_document(about, s) for s in sentences]
    if about in ("speaker", "subhead"):
        answers_about = _first_in_document(sentences, answers_about)
    if about == "author":
        # Nothing but a byline names who wrote the document or put the questions.
        kinds = [1 if flag else -1 for flag in answers_about]
    # A sentence speaking of the kind only as a kind ("help Russia with oil products") says
    # the documents name none, unless another sentence does ("major oil products").
    only = [names_kind_only(question, s.text) for s in sentences]
    if any(only) and any(any(kind_mentions(question, s.text, whole=True) or []) for s in sentences):
        only = [False] * len(sentences)
    out = []
    for i, s in enumerate(sentences):
        dense, clause = denses[i], found[i]
        matches = word_matches(qwords, tokens[1 + i][1])
        focus = [m for m, w in zip(matches, qwords.weights, strict=True) if w >= focus_floor]
        present = set(terms(s.scored_text))
        out.append(
            Features(
                dense=dense,
                align=weighted_recall(qwords, matches),
                weakest=min(focus, default=0.0),
                lexical=_coverage(query_terms, present),
                type_match=kinds[i],
                new_name=_name_evidence(names(s.text, known), idf, unseen) if asks_name else 0.0,
                is_question=s.text.rstrip().endswith("?"),
                is_title=_is_title(s) and about != "title",
                about_document=answers_about[i],
                kind_only=only[i],
                rank=s.rank,
                clause=clause,
                hub=hubs[i],
            )
        )
    return out


@dataclass(frozen=True)
class _Prototypes:
    """What a name of some kind resembles (`like`) more than other names (`unlike`) by more
    than `margin`."""

    like: tuple[str, ...]
    unlike: tuple[str, ...]
    margin: float


# The embedding model tells "Lukashenko" (a person) from "Belarus", and "Lukoil" (a company)
# from "Ministry of Energy of Kazakhstan".
_PERSON = _Prototypes(
    ("a person", "a man", "a politician", "a president", "a person's name"),
    (
        "a country",
        "a city",
        "a company",
        "an organization",
        "a place",
        "a nationality",
        "an agreement",
        "a group",
    ),
    -0.09,
)
_COMPANY = _Prototypes(
    ("a company", "a firm", "a corporation", "an oil company", "a business"),
    (
        "a country",
        "a city",
        "a person",
        "a man",
        "a government ministry",
        "an organization",
        "a place",
        "an agreement",
        "a group",
        "a nationality",
        "a website",
    ),
    0.0,
)


def _named_only(
    embeddings: SentenceEmbeddings,
    sentences: Sequence[Sentence],
    kinds: list[int],
    known: set[str],
    prototypes: _Prototypes,
) -> list[int]:
    """Kinds with sentences naming nothing of the kind asked for (a person, a company: only
    places, countries ...) ruled out."""
    spans = {
        i: [n for n in (m.group() for m in NAME_SPAN.finditer(s.text)) if names(n, known)]
        for i, s in enumerate(sentences)
        if kinds[i] >= 0
    }
    kind = set(
        _of_kind(embeddings, sorted({n for found in spans.values() for n in found}), prototypes)
    )
    return [-1 if i in spans and not kind & set(spans[i]) else k for i, k in enumerate(kinds)]


def _of_kind(
    embeddings: SentenceEmbeddings, found: list[str], prototypes: _Prototypes
) -> list[str]:
    """The names among `found` that are of the prototypes' kind."""
    if not found:
        return []
    vectors, _ = embeddings.encode_with_tokens([*found, *prototypes.like, *prototypes.unlike])
    sims = vectors[: len(found)].astype(np.float32) @ vectors[len(found) :].astype(np.float32).T
    like = len(prototypes.like)
    margin = sims[:, :like].max(axis=1) - sims[:, like:].max(axis=1)
    return [n for n, m in zip(found, margin, strict=True) if float(m) > prototypes.margin]


def people_named(embeddings: SentenceEmbeddings, text: str, known: set[str]) -> list[str]:
    """The people a text names (sharing no word with `known`), in order."""
    spans = [
        _without_opening(n.rstrip("."))
        for a, b in split_sentences(text)
        for n in (m.group() for m in NAME_SPAN.finditer(text[a:b]))
        if names(n, known)
    ]
    return _of_kind(embeddings, list(dict.fromkeys(spans)), _PERSON)


Preceding = Callable[[str, int, int], list[str]]
# "this country", "these agreements": a demonstrative and the noun it points with.
# "these agreements", "such a move"; "the agreement in question", "the aforementioned deal".
_REFERENCE = re.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Ss]uch)\s+(?:an?\s+)?([a-z][a-z-]{3,})\b"
    r"|\b[Tt]he\s+([a-z][a-z-]{3,})\s+in\s+question\b"
    r"|\b[Tt]he\s+(?:aforementioned|above-mentioned|said)\s+([a-z][a-z-]{3,})\b"
)
# How far back a reference is looked up; how close the name must be to the noun, and how much
# closer than any other name (an ambiguous reference is left alone).
REFERENCE_SENTENCES = 6
REFERENCE_SIMILARITY = 0.3
REFERENCE_MARGIN = 0.08


def with_references(
    embeddings: SentenceEmbeddings, sentences: Sequence[Sentence], preceding: Preceding
) -> list[Sentence]:
    """Sentences whose "these agreements" is followed back to the name it stands for.

    The name is the one the embedding model finds closest to the noun ("Abrahamic Accords"
    for "agreements") among the names earlier in the sentence and in the few sentences
    before it, when no other name comes close. A name already in the sentence adds nothing.
    """
    out = []
    resolved: dict[tuple[str, int], str] = {}
    for s in sentences:
        found = [
            (m.start(), noun.lower())
            for m in _REFERENCE.finditer(s.text)
            if (noun := m.group(m.lastindex or 1)).lower() not in STOPWORDS
            and not noun.endswith("ing")
        ]
        if not found:
            # "By the way, this is an invention of Trump": a bare "this" goes on about what
            # the sentence before was about, when that was resolved.
            before = end_before(s.passage, s.start)
            inherited = resolved.get((s.passage.source, before)) if before is not None else None
            if inherited and not s.window and _BARE_REFERENCE.search(s.text):
                s = replace(s, context=inherited)
                resolved[(s.passage.source, s.end)] = inherited
            elif (
                not s.window
                and PERSONAL.search(s.text)
                and not people_named(embeddings, s.text, set())
            ):
                # "It is clear that he will take into account ...": he is the one person
                # the sentence before names ("Tokayev is of course ...").
                last = preceding(s.passage.source, s.start, 1)
                people = people_named(embeddings, last[-1], set()) if last else []
                if len(people) == 1:
                    s = replace(s, context=people[0])
            out.append(s)
            continue
        earlier = preceding(s.passage.source, s.start, REFERENCE_SENTENCES)
        own = inner_names(s.text[: found[-1][0]])
        candidates = list(
            dict.fromkeys([*own, *(n for text in earlier for n in inner_names(text))])
        )
        names = [n for n in candidates if len(n) > 1]
        nouns = [noun for _, noun in found]
        said = _named_at_mention(nouns, earlier) or _closest_names(embeddings, nouns, names)
        context = [name for name in said if name not in own]
        if context:
            s = replace(s, context=", ".join(context))
            if not s.window:
                resolved[(s.passage.source, s.end)] = s.context
        out.append(s)
    return out


def _named_at_mention(nouns: list[str], earlier: list[str]) -> list[str]:
    """The names said with the nearest earlier mention of one of the nouns: "this
    partnership" after "a very unusual partnership with Israel and America, in which ..."
    stands for Israel and America."""
    for text in earlier:
        for noun in nouns:
            stem = re.escape(noun[:-1] if noun.endswith("s") else noun)
            mention = re.search(
                rf"\b{stem}s?\s+(?:with|between|among|of|to)\s+[^,.;:]+", text, re.I
            )
            if mention and (names := inner_names(mention.group())):
                return names
    return []


def end_before(passage: Passage, start: int) -> int | None:
    """Where the passage's sentence before offset `start` ends (None at its first)."""
    return max((b for _, b in passage.sentences if b <= start), default=None)


# A pronoun standing for a person.
PERSONAL = re.compile(r"\b(?:he|him|his|she|her)\b", re.I)
# A demonstrative standing alone as a subject: "this is", "that was", "it has".
_BARE_REFERENCE = re.compile(
    r"^(?:[\w'’]+\W+){0,8}?(?:this|that|it)\s+(?:is|was|has|had|will|would|could|can|may|might)\b",
    re.I,
)


def _closest_names(embeddings: SentenceEmbeddings, nouns: list[str], names: list[str]) -> list[str]:
    """For each noun, the name clearly closest to it (if any)."""
    if not names:
        return []
    vectors, _ = embeddings.encode_with_tokens([*nouns, *names])
    sims = vectors[len(nouns) :].astype(np.float32) @ vectors[: len(nouns)].astype(np.float32).T
    found: list[str] = []
    for j in range(len(nouns)):
        ranked = sorted(((float(sims[i, j]), n) for i, n in enumerate(names)), reverse=True)
        best, name = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        clear = best >= REFERENCE_SIMILARITY and best - runner_up >= REFERENCE_MARGIN
        if clear and name not in found:
            found.append(name)
    return found


def unfamiliar_names(
    embeddings: SentenceEmbeddings,
    idf: Callable[[str], float],
    question: str,
    passages: Sequence[Passage],
) -> list[str]:
    """Names in the question that the corpus never mentions, nor anything like them."""
    # "Which Latin American country ...?" names the kind of answer, not something asked about.
    kind = answer_type_words(question)
    asked = [w for w in unseen_words(question, idf) if w.lower() not in kind]
    if not asked:
        return []
    present = sorted({w for p in passages for w in re.findall(r"[A-Z][\w'’-]+", p.text)})
    if not present:
        return asked
    # "the Kremlin" is not unfamiliar to documents naming Russia or Moscow.
    seated = {
        w.lower()
        for seat, places in seats_of_power(question).items()
        if any(set(place.split()) <= set(present) for place in places)
        for w in seat.split()
    }
    asked = [w for w in asked if w.lower() not in seated]
    if not asked:
        return []
    texts = [*asked, *present, *_COUNTRY_PROTOTYPES]
    vectors = embeddings.encode_with_tokens(texts)[0].astype(np.float32)
    names_at = len(asked) + len(present)
    sims = vectors[: len(asked)] @ vectors[len(asked) : names_at].T
    country = _countries(vectors[:names_at] @ vectors[names_at:].T)
    asked_country, present_country = country[: len(asked)], country[len(asked) :]

    def stranger(i: int, row: np.ndarray) -> bool:
        like = [j for j, sim in enumerate(row) if float(sim) >= NAME_SIMILARITY]
        # "Uzbekistan" resembles "Kazakhstan" as much as "Minsk" resembles "Belarus": one
        # country is still not another's other name.
        return all(
            asked_country[i] and present_country[j] and float(row[j]) < SAME_COUNTRY for j in like
        )

    strangers = [w for i, (w, row) in enumerate(zip(asked, sims, strict=True)) if stranger(i, row)]
    # Report whole names ("European Union"), not the one unfamiliar word in them.
    # Not with the question's capitalised first word: "Did Gazprom ...?" never mentions Gazprom.
    spans = [_without_opening(m.group()) for m in NAME_SPAN.finditer(question)]
    return list(dict.fromkeys(next((n for n in spans if w in n.split()), w) for w in strangers))


_WHO_DID = re.compile(r"^\W*(?:(?:and|but|so)\W+)?who\s+(?!(?:is|was|are|were)\b)\w+", re.I)


def _without_opening(span: str) -> str:
    """A name span without the common words that open a question ("Did", "Is", "Has")."""
    words = span.split()
    while len(words) > 1 and words[0].lower() in STOPWORDS:
        words = words[1:]
    return " ".join(words)


# What a country's name resembles more than a city's, a person's or a company's do ...
_COUNTRY_PROTOTYPES = ("a country", "a city", "a person", "a company", "an organization")
# ... by at least this much (the model puts "Astana", "Putin" and "Baku" near "a country" too,
# but as near other things); and how alike two countries' names must be to name one country
# ("USA" and "America").
COUNTRY_MARGIN = 0.1
COUNTRY_LEAST = 0.45
SAME_COUNTRY = 0.8


def _countries(sims: np.ndarray) -> list[bool]:
    """Which names (rows of similarities to the country prototypes) are countries' names."""
    return [
        float(row[0]) >= COUNTRY_LEAST and float(row[0] - row[1:].max()) >= COUNTRY_MARGIN
        for row in sims
    ]


# Things a question lists as what it asks about: "such as petrol or diesel", "does the ban
# cover diesel and jet fuel", "- petrol, diesel, jet fuel?"; the list runs to the clause's end.
_LISTED = re.compile(
    r"(?:\bsuch\s+as|\blike|\bincluding|\be\.g\.|\bfor\s+(?:example|instance)|,\s*say"
    r"|\s(?P<dash>[-–—])|(?P<colon>:)"
    r"|\b(?:covers?|include|includes|mentions?|names?|lists?))\s+(?P<items>[^?.!;()]+)",
    re.I,
)
# "Is it gasoline or diesel that's banned?" offers what is asked about as alternatives;
# "Is diesel one of the products covered?" asks about one member of a kind.
_ALTERNATIVES = re.compile(
    r"\b(?:is|was|are|were)\s+(?:it|they)\s+(?P<items>[\w-]+(?:\s+[\w-]+)?\s+or\s+[\w-]+)"
    r"|^\W*(?:is|are|was|were)\s+(?P<member>[\w-]+(?:\s+[\w-]+)?)\s+(?:one|among|part)\s+of\b",
    re.I,
)
# "is it" before a list: "- is it gasoline, diesel or jet fuel?"
_ASKED_FIRST = re.compile(r"^\s*(?:is|are|was|were)\s+(?:it|they|that|this)\s+", re.I)
# A listed thing is a word or a few; a longer piece is a clause, not a list.
_ITEM_TERMS = 3
# A yes/no question whether one thing is covered: "Is jet fuel on the ban list?", "... whether
# diesel specifically is on the list of banned exports?"
_COVERED = re.compile(
    r"(?:^\W*(?:(?:and|so|but)\s+)?(?:is|are|was|were)|\bwhether|\bif)\s+(?:the\s+|a\s+|an\s+)?"
    r"((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:(?:specifically|also|too|really|actually)\s+)?"
    r"(?:(?:is|are|was|were)\s+)?(?:covered|included|exempt(?:ed)?|affected|banned|restricted"
    r"|subject\s+to|on\s+(?:the|[\w-]+['’]s?)\s+(?:[\w-]+\s+){0,2}?list|excluded|allowed)\b",
    re.I,
)


def unmentioned_examples(question: str, idf: Callable[[str], float]) -> list[str]:
    """Things the question lists ("petrol or diesel") when the corpus never uses any of them.

    A question that asks whether, or which of, some named things is covered cannot be
    answered from documents that never name them; naming a broader class ("oil products")
    does not say which of its members is meant.
    """
    unseen = idf("\x00")
    found: list[str] = []
    for match in [*_LISTED.finditer(question), *_ALTERNATIVES.finditer(question)]:
        items: list[tuple[str, list[str]]] = []
        last = False
        groups = match.groupdict()
        listed = groups.get("member") or groups.get("items") or ""
        # "- is it gasoline, diesel or jet fuel?" lists after its own question words.
        listed = _ASKED_FIRST.sub("", listed)
        for piece, joiner in re.findall(r"([^,]*?)(,|\band\b|\bor\b|$)", listed):
            piece = re.sub(r"^\s*(?:a|an|the)\s+", "", piece, flags=re.I)  # "a blockade"
            if piece.split() and piece.split()[0].lower() in STOPWORDS:
                break  # "..., are covered by the ban": the list has ended.
            if stems := terms(piece):
                items.append((" ".join(w for w in words(piece) if w not in STOPWORDS), stems))
            if last:
                break  # "petrol, diesel or jet fuel, fall under the ban": the item after "or"
            last = joiner in ("and", "or")
        if not items or any(len(stems) > _ITEM_TERMS for _, stems in items):
            continue
        if (groups.get("dash") or groups.get("colon")) and len(items) < 2:
            continue  # "Kicker line up top — gist?": an aside, not a list.
        # "shipments to Russia" is a thing the corpus mentions, in part; "diesel, jet fuel,
        # heating oil" are things it does not, though it has the word "oil".
        seen = [[idf(t) < unseen for t in stems] for _, stems in items]
        if any(all(flags) for flags in seen) or 2 * sum(map(any, seen)) >= len(seen):
            return []
        found.extend(item for item, _ in items)
    # One thing asked about, named in words the corpus never uses: "Is jet fuel covered?"
    for match in _COVERED.finditer(question):
        stems = terms(match.group(1))
        if stems and len(stems) <= _ITEM_TERMS and all(idf(t) >= unseen for t in stems):
            found.append(match.group(1))
    return found


def _hubness(
    units: np.ndarray, parts: np.ndarray, sentences: Sequence[Sentence], k: int = 5
) -> list[float]:
    """Mean similarity of each sentence's best part to its k nearest other sentence units."""
    sims = parts.astype(np.float32) @ units.astype(np.float32).T
    out = []
    for i, s in enumerate(sentences):
        others = [
            float(sims[i, j])
            for j, o in enumerate(sentences)
            if j != i
            and not (o.passage.source == s.passage.source and o.start < s.end and s.start < o.end)
        ]
        top = sorted(others, reverse=True)[:k]
        out.append(sum(top) / len(top) if top else 0.0)
    return out


_CLAUSE_BREAK = re.compile(
    r"[,;:—–]\s+|\s-\s|\s(?=(?:especially|because|since|although|while|whereas|which)\b)"
)


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a long sentence (none for a short one)."""
    if len(sentence.split()) < 12:
        return []
    spans: list[tuple[int, int]] = []
    cursor, last_break = 0, -1
    for m in [*_CLAUSE_BREAK.finditer(sentence), None]:
        end = m.start() if m else len(sentence)
        piece = sentence[cursor:end]
        if len(piece.split()) >= 6:
            lead = len(piece) - len(piece.lstrip())
            spans.append((cursor + lead, end))
        elif not m and spans and spans[-1][1] == last_break:
            # A short last piece ("..., which supports these countries.") ends the clause
            # right before it rather than being left out of every clause.
            spans[-1] = (spans[-1][0], end)
        if m:
            cursor, last_break = m.end(), m.start()
    if len(spans) < 2:
        return []
    # A relative clause ("in which the U.S. has a special say") is also read with the clause
    # it qualifies ("... a partnership with Israel and America, in which the U.S. has ..."): a
    # question naming what that clause names asks about it.
    joined = [
        (spans[i - 1][0], b)
        for i, (a, b) in enumerate(spans)
        if i and _RELATIVE.match(sentence, a) and (spans[i - 1][0], b) != (0, len(sentence))
    ]
    return spans + joined


_RELATIVE = re.compile(r"(?:(?:in|of|to|for|with|by|under|through)\s+)?(?:which|whom|whose)\b")


# A document's first chunk starts after any layout the splitter leaves out ("# ", "> ").
_LAYOUT_PREFIX = 8


def _in_first_chunk(s: Sentence) -> bool:
    return s.passage.start <= _LAYOUT_PREFIX


def _opens_document(s: Sentence) -> bool:
    """Whether nothing but layout (a Markdown heading mark) comes before the sentence."""
    before = s.passage.text[: s.start - s.passage.start]
    return _in_first_chunk(s) and not before.strip("#> \n")


def _is_title(s: Sentence) -> bool:
    return _opens_document(s) and s.text == s.passage.title


# How many sentences from the top of a document still count as its opening (title, byline,
# date line, lede).
_OPENING_SENTENCES = 5


def _in_opening(s: Sentence) -> bool:
    """Whether the sentence is among the first few of its document."""
    earlier = sum(b <= s.start for _, b in s.passage.sentences)
    return _in_first_chunk(s) and earlier < _OPENING_SENTENCES


def _introduces(s: Sentence, speaker: AbstractSet[str]) -> bool:
    """Whether a sentence near the top of its document introduces the speaker by name and
    post ("talked to Slovak political scientist ... Grigory Mesejnikov:")."""
    if s.window or not _introduction(s):
        return False
    # The post comes first, then the name: "... meeting between Donald Trump and the heads of
    # the five Central Asian states" introduces no Trump.
    post = PROFESSION.search(s.text)
    named = [m.start() for m in re.finditer(r"[\w'’-]+", s.text) if set(terms(m.group())) & speaker]
    return bool(post and named and speaker <= set(terms(s.text)) and post.start() < min(named))


def _bare_figures(text: str) -> bool:
    """A line of figures and no words (a date line, a view counter): it says nothing but
    when the document was published."""
    return not re.search(r"[^\W\d_]{2}", text)


def _answers_about_document(about: str | None, s: Sentence) -> bool:
    """Whether the sentence answers a question about the document (see document_question)."""
    if about in ("opening", "subhead"):
        return _in_opening(s) and not _is_title(s) and not _bare_figures(s.text)
    if about == "title":
        return _is_title(s)
    if about == "views":
        # A line of bare figures in the opening that is not the date line: the view counter.
        dated = has_answer_type("date", s.text, set())
        return _in_opening(s) and _bare_figures(s.text) and not dated
    if about == "published":
        return _in_opening(s) and has_answer_type("date", s.text, set())
    if about == "ending":
        p = s.passage
        return p.closes_document and not any(a >= s.end for a, _ in p.sentences)
    if about == "outlet":
        # The sentence naming the site, not a pair that borrows its name.
        return not s.window and names_a_site(s.text)
    if about == "author":
        return is_byline(s.text)
    if about == "speaker":
        return _introduction(s)
    return False


def _introduction(s: Sentence) -> bool:
    """Whether a sentence introduces whom an interview quotes: near its top, not the title,
    giving someone's name with their profession."""
    return s.start < SPEAKER_CHARS and not _is_title(s) and introduces_someone(s.text)


def _first_in_document(sentences: Sequence[Sentence], flags: Sequence[bool]) -> list[bool]:
    """Only the earliest flagged sentence of each document keeps its flag: an interview
    introduces whom it quotes the first time it names them, and a later sentence naming
    someone with a post ('the heads of the five states') is about somebody else."""
    first: dict[str, int] = {}
    for s, flag in zip(sentences, flags, strict=True):
        if flag and not s.window:
            first[s.passage.source] = min(s.start, first.get(s.passage.source, s.start))
    return [
        flag and not s.window and first.get(s.passage.source) == s.start
        for s, flag in zip(sentences, flags, strict=True)
    ]


def _name_evidence(new: set[str], idf: Callable[[str], float], unseen: float) -> float:
    """How specific the names a sentence adds are (rare names count most); -0.5 for none."""
    if not new:
        return -0.5
    return max(idf(n) for n in new) / unseen if unseen > 0 else 1.0


def _coverage(weighted: dict[str, float], present: set[str]) -> float:
    total = sum(weighted.values())
    if total <= 0:
        return 0.0
    folded = {_fold(t) for t in present}
    return sum(w for t, w in weighted.items() if t in present or _fold(t) in folded) / total


_NATIONALITY = re.compile(r"(?:ian|ia|an|i|a)$")


def _fold(term: str) -> str:
    """A name and its people's adjective as one: "russian" and "russia", "israeli" and
    "israel", "american" and "america"."""
    return _NATIONALITY.sub("", term) if len(term) > 5 else term
