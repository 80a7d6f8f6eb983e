"""Answers quote the source exactly, number their citations, and abstain when unsupported."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from index.splitter import SentenceSplitter
from rag.answer import NOT_FOUND, AnswerRequest, ExtractiveAnswerer, compose_answer
from rag.assistant import Assistant
from rag.settings import Settings
from rag.types import Answer, Passage

ANSWERABLE = [
    "What did Kazakhstan's Ministry of Energy ban?",
    "Which Russian oil companies were sanctioned?",
    "Who is Grigory Mesejnikov?",
    "What did Kazakhstan become part of?",
    "What is Armenia doing about its dependence on Russia?",
]

WALRUS = (
    "Walrus survey\n"
    "The walrus colony on Zyxqua Island grew to 400 animals in 2023. Researchers from Oslo "
    "counted them with a drone. The export ban on walrus ivory lasts six months.\n"
    "The baker on the island sells rye bread every morning. Ferries leave twice a day.\n"
)


def _passages(text: str, source: str = "walrus.txt", chunk_size: int = 120) -> tuple[Passage, ...]:
    chunks = SentenceSplitter(chunk_size, 0).split_chunks(text)
    return tuple(
        Passage(
            id=f"{source}-{i}",
            source=source,
            title="Walrus survey",
            text=c.text,
            start=c.start,
            end=c.end,
            score=1.0 / (i + 1),
            sentences=c.sentences,
            date="2024-05-01",
        )
        for i, c in enumerate(chunks)
    )


def _answerer(article_assistant: Assistant, **changes: int) -> ExtractiveAnswerer:
    settings = Settings(**changes)
    return ExtractiveAnswerer(settings, article_assistant.embeddings, lambda term: 1.0)


def _request(question: str, passages: tuple[Passage, ...]) -> AnswerRequest:
    return AnswerRequest(question=question, query=question, history=(), passages=passages)


def _markers(answer: Answer) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}


@pytest.mark.parametrize("question", ANSWERABLE)
def test_citations_are_exact_source_text_and_match_the_markers(
    article_assistant: Assistant, question: str
) -> None:
    answer = article_assistant.ask(question)
    assert not answer.abstained
    assert answer.citations
    for c in answer.citations:
        assert c.text == article_assistant.document_text(c.source)[c.start : c.end]
        assert c.title == "Political Analyst: Tokayev Made This Decision For A Reason"
    # Every [n] marker has a citation and every citation is used.
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert _markers(answer) == {c.n for c in answer.citations}


def test_an_unanswerable_question_abstains(article_assistant: Assistant) -> None:
    answer = article_assistant.ask("What is the population of Kazakhstan?")
    assert answer.abstained
    assert answer.answer
    assert _markers(answer) == {c.n for c in answer.citations}
    for c in answer.citations:
        assert c.text == article_assistant.document_text(c.source)[c.start : c.end]


@pytest.mark.parametrize("question", ["Which Russian oil companies were sanctioned?"])
def test_the_answer_json_follows_the_contract(article_assistant: Assistant, question: str) -> None:
    data = json.loads(json.dumps(article_assistant.ask(question).to_dict()))
    assert {"answer", "abstained", "citations"} <= set(data)
    assert isinstance(data["answer"], str) and isinstance(data["abstained"], bool)
    for c in data["citations"]:
        assert {"n", "source", "title", "text", "start", "end", "score"} <= set(c)
        assert 0.0 <= c["score"] <= 1.0
        assert c["end"] - c["start"] == len(c["text"])


def test_the_sentence_that_answers_is_quoted(article_assistant: Assistant) -> None:
    answerer = _answerer(article_assistant)
    passages = _passages(WALRUS)
    answer = answerer(_request("How many walruses are in the Zyxqua Island colony?", passages))
    assert not answer.abstained
    assert answer.citations[0].text == (
        "The walrus colony on Zyxqua Island grew to 400 animals in 2023."
    )
    for c in answer.citations:
        assert c.text == WALRUS[c.start : c.end]
        assert (c.source, c.title, c.date) == ("walrus.txt", "Walrus survey", "2024-05-01")
    assert answer.passages == passages


def test_a_clause_is_quoted_only_if_it_keeps_the_kind_of_answer(
    article_assistant: Assistant,
) -> None:
    answer = article_assistant.ask(
        "In the partnership with Israel and America, who has a special say?"
    )
    # The clause most like the question ("... partnership with Israel and America") names
    # no one new; the one quoted must hold the answer.
    assert any("the U.S. has a special say" in c.text for c in answer.citations), answer.answer


def test_a_clause_is_quoted_only_if_it_keeps_the_names_asked_about(
    article_assistant: Assistant,
) -> None:
    answer = article_assistant.ask("Where does China fit into the pariah coalition?")
    # "and it has become part of the global coalition of pariahs" is the clause most like
    # the question, but China is named only further on in its sentence.
    assert not answer.abstained, answer.answer
    assert any("China is also looming" in c.text for c in answer.citations), answer.answer


def test_a_how_long_question_prefers_the_sentence_with_a_duration(
    article_assistant: Assistant,
) -> None:
    text = (
        "Ivory rules\nThe ministry imposed an export ban on walrus ivory. "
        "The export ban on walrus ivory lasts six months.\n"
    )
    answerer = _answerer(article_assistant, max_answer_sentences=1)
    answer = answerer(_request("How long does the ivory export ban last?", _passages(text)))
    assert "six months" in answer.answer


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("What is the title of the article?", "Tokayev Made This Decision For A Reason"),
        ("When was the interview published?", "14.11.2025"),
        ("Which website ran the interview?", "Charter97.org"),
        # Retrieval puts the opening first, though nothing else in it resembles the question.
        ("On what day was this Charter97 piece published?", "14.11.2025"),
        # The headline answers whatever kind of answer the rest of the question asks for.
        ("Per the headline, which leader acted for a reason?", "Tokayev Made This Decision"),
        # The last sentence, which resembles the question in no way.
        ("With what question does the interview close?", "complicate your life?"),
        # The line under the headline, whatever words it shares with the question.
        ("What does the subheading claim about former Soviet states?", "fleeing Russia"),
        # Whom the interview quotes is introduced where it first names him, not where it later
        # names "the heads of the five Central Asian states".
        ("Which think tank does the analyst lead?", "Institute of Social Problems"),
        ("What is the interviewed expert's nationality?", "Slovak political scientist"),
        # Terse forms, and the view counter: the line of figures under the date line.
        ("Date of piece?", "14.11.2025"),
        ("Hed's claim re Tokayev?", "Tokayev Made This Decision"),
        ("View count shown?", "24,006"),
        # The site is named in the second chunk, which nothing else in the question resembles.
        ("Outlet running the interview?", "Charter97.org"),
        # The line under the headline is the first after it, not the lede after that.
        ("Kicker line up top — gist?", "Post-Soviet countries are fleeing Russia"),
        # Whom the piece quotes, introduced in its second chunk.
        ("Tell me who the expert guest is and what country he's from.", "Slovak"),
        ("Is the interviewed analyst Russian or Kazakh?", "Slovak"),
        # A first name is given only where it precedes the surname.
        ("Mesejnikov's first name?", "Grigory Mesejnikov"),
        ("whats mesejnikov's full first name", "Grigory Mesejnikov"),
        ("How many views does the article show, since I'd like to cite it?", "24,006"),
    ],
)
def test_questions_about_the_document_are_answered_from_its_opening(
    article_assistant: Assistant, question: str, quoted: str
) -> None:
    answer = article_assistant.ask(question)
    assert not answer.abstained
    assert quoted in answer.citations[0].text


LIGHTHOUSE = """# The Lighthouse at Varne Point

Published 3 March 2024 on coastnotes.net.

The lighthouse at Varne Point was built in 1868 by the harbour board. Its lamp burned whale oil \
until 1901, when kerosene replaced it. The keeper, Ada Morrow, kept the log for forty years.

These records were digitised by the county archive in 2019.
"""


def test_questions_about_a_markdown_document_itself(
    empty_assistant: Assistant, tmp_path: Path
) -> None:
    path = tmp_path / "lighthouse.md"
    path.write_text(LIGHTHOUSE, encoding="utf-8")
    empty_assistant.ingest([path])
    expected = {
        "What is the title of the document?": "The Lighthouse at Varne Point",
        "When was the article published?": "3 March 2024",
        "Which website published the article?": "coastnotes.net",
        "Who is Ada Morrow?": "The keeper, Ada Morrow, kept the log",
        "How does the document end?": "These records were digitised",
    }
    for question, quoted in expected.items():
        answer = empty_assistant.ask(question)
        assert [quoted in c.text for c in answer.citations] == [True], (question, answer.answer)


@pytest.mark.parametrize(
    "question",
    [
        "Who is Armenia's foreign minister?",
        "What share of Kazakhstan's population is Russian?",
        "When did Kazakhstan formally sign on to the accords?",
        # The article says only that there are such projects, and whom Armenia courts.
        "What concrete projects are Kazakhstan and Israel working on together?",
        # ... and only that the partnership will bring "some benefits", a sentence below the
        # best one.
        "What specific benefits will Kazakhstan get from its partnership with Israel and the US?",
        "Which European countries has Pashinyan named as priority partners?",
        "How has the EU responded to Kazakhstan halting fuel exports?",
        "Which oil products are exempt from Kazakhstan's ban?",
        # Nobody in the article quotes the ministry.
        "What official reason did the Kazakh energy ministry give for the ban?",
        # The one duration in the article is the ban's: that sentence is not about Tokayev.
        "How long has Tokayev been president?",
        # The states the article names are Central Asian, not Arab.
        "Which Arab states had signed the Abrahamic Accords before Kazakhstan joined?",
        # The article has no byline; the man it introduces is the one interviewed.
        "Which journalist conducted the interview with Mesejnikov?",
        # Nobody is named as the ministry's head; an age, a height, a reaction only to be
        # watched for, and another country, are not in the article either.
        "Who heads Kazakhstan's Ministry of Energy?",
        "How old is Mesejnikov?",
        "How tall is Tokayev?",
        "How did Russia react to the ban?",
        "Does the article say when the sanctions were imposed?",
        "Is diesel one of the oil products covered by the ban?",
        # Nobody quotes Israel or Trump ("the five Central Asian states" is no "states that").
        "What did Israel say about Kazakhstan joining the accords?",
        "What did Trump say about Kazakhstan?",
        # The only nationality the article gives is the analyst's.
        "What nationality is Tokayev?",
        # A ministry is no company.
        "Which company imposed the ban?",
        # Nobody but Mesejnikov is given a post.
        "What office does Pashinyan hold?",
        "What is Tokayev's job?",
    ],
)
def test_a_question_whose_kind_of_answer_is_missing_abstains(
    article_assistant: Assistant, question: str
) -> None:
    assert article_assistant.ask(question).abstained


def test_the_man_the_document_interviews_says_all_of_it(article_assistant: Assistant) -> None:
    # Introduced once ("talked to ... political scientist ... Grigory Mesejnikov:"), he says
    # every answer after it, not only sentences naming him.
    answer = article_assistant.ask("What did Mesejnikov say about Tokayev?")
    assert "pragmatic opportunist" in answer.answer


def test_what_kind_of_thing_someone_is_called_is_a_description(
    article_assistant: Assistant,
) -> None:
    # Not a sentence naming another country near "this country".
    answer = article_assistant.ask("What kind of country does the analyst call Russia?")
    assert "pariah country" in answer.answer


def test_a_head_named_as_such_answers_who_leads(article_assistant: Assistant) -> None:
    answer = article_assistant.ask("Who leads the Institute of Social Problems?")
    assert "Mesejnikov" in answer.answer


def _follow_up(assistant: Assistant, first: str, question: str) -> tuple[Answer, Answer]:
    """The reply to a first question, and the answer to a follow-up after it."""
    reply = assistant.ask(first)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": reply.answer}]
    return reply, assistant.ask(question, history)


@pytest.mark.parametrize(
    ("first", "question", "in_reply", "in_answer", "not_in_answer"),
    [
        # A follow-up asking for a view does not get the last reply again.
        (
            "What does the US want Lukashenko to do?",
            "Does the analyst think he can?",
            "detach",
            "hardly possible",
            "detach",
        ),
        # A follow-up asking afresh (nothing points back) may be answered by a name the
        # earlier turn used ...
        (
            "Which country is Azerbaijan oriented towards?",
            "And whose image in the West is poor?",
            "Turkey",
            "image in the West is not particularly favorable",
            "Turkey",
        ),
        # ... one pointing back keeps the earlier turn's names as the question's own.
        ("What did Kazakhstan ban?", "Who imposed it?", "ban", "Ministry of Energy", "Israel"),
        # A follow-up naming someone new is about them, not the reply's subject again.
        (
            "Which country is Yerevan hoping to mend ties with?",
            "Is Azerbaijan leaning toward that same country?",
            "Yerevan",
            "Azerbaijan is oriented towards Turkey",
            "Yerevan",
        ),
        # "That agreement" is the one the reply named; who it is between is said after it.
        (
            "What did Kazakhstan join?",
            "Between whom is that agreement?",
            "Abrahamic Accords",
            "between Arab countries and Israel",
            "Venezuela",
        ),
        # A follow-up with no word of its own asks about the sentence the reply quoted.
        (
            "What has Pashinyan spoken about several times?",
            "With whom?",
            "cooperation",
            "European countries",
            "Venezuela",
        ),
        # The post asked for is that of the man the reply named.
        (
            "What is the full name of the expert who was interviewed?",
            "And what post does he hold?",
            "Mesejnikov",
            "president of the Institute of Social Problems",
            "Pashinyan",
        ),
        # "Him" is the one person the reply to a who-question named: the follow-up is asked
        # as a question of its own about him.
        (
            "Which leader is described as the only one helping Russia with oil products?",
            "And what would the Americans like him to do?",
            "Lukashenko",
            "detach from Russia",
            "Venezuela",
        ),
        # The parties asked for are the accords', not the meeting's the reply spoke of.
        (
            "Which accords did Kazakhstan join?",
            "Which countries were the original parties?",
            "meeting between Donald Trump",
            "between Arab countries and Israel",
            "Venezuela",
        ),
    ],
)
def test_a_follow_up_is_answered_from_what_it_asks(
    article_assistant: Assistant,
    first: str,
    question: str,
    in_reply: str,
    in_answer: str,
    not_in_answer: str,
) -> None:
    reply, answer = _follow_up(article_assistant, first, question)
    assert in_reply in reply.answer
    assert in_answer in answer.answer
    assert not_in_answer not in answer.answer


def test_a_why_follow_up_is_answered_by_the_sentence_after_the_claim(
    article_assistant: Assistant,
) -> None:
    first = "Does the analyst believe Lukashenko could really pull away from Moscow?"
    reply, answer = _follow_up(article_assistant, first, "Why not?")
    assert "hardly possible" in reply.answer
    # The explanation never names Lukashenko or Moscow; it follows the view it explains.
    assert [c.text for c in answer.citations] == ["Russia absolutely dominates everything there."]
    # "How the Z-community ... will talk about this country." goes on with what to watch;
    # the explanation is the sentence after it.
    first = "What does he tell observers to watch closely after Kazakhstan's move?"
    reply, answer = _follow_up(article_assistant, first, "Why would that matter?")
    assert "Russia's reaction" in reply.answer
    assert "preliminary signal" in answer.answer


def test_a_follow_up_gets_more_of_a_sentence_the_reply_quoted_a_clause_of(
    article_assistant: Assistant,
) -> None:
    reply, answer = _follow_up(
        article_assistant,
        "What does he argue Kazakhstan now has to factor into its policy toward Russia?",
        "And what makes that especially pressing, in his telling?",
    )
    assert "less obvious aspects" in reply.answer
    assert "Lukoil" not in reply.answer
    # Not the clause the reply quoted again, but the sentence with its "especially since".
    assert "especially since the American administration" in answer.answer


def test_who_did_what_the_reply_told_of_may_be_named_in_the_reply(
    article_assistant: Assistant,
) -> None:
    reply, answer = _follow_up(
        article_assistant,
        "Which two Russian oil companies are mentioned as sanctioned?",
        "Who imposed those sanctions on them?",
    )
    assert "Lukoil" in reply.answer
    # The reply's sentence names who imposed them beside the companies it was asked for.
    assert not answer.abstained, answer.answer
    assert "the American administration has imposed sanctions" in answer.answer


def test_who_gains_is_said_by_whom_benefits_go_to(article_assistant: Assistant) -> None:
    reply, answer = _follow_up(
        article_assistant,
        "How does he phrase the kind of partnership Kazakhstan has entered with Israel and "
        "America?",
        "And who is it supposed to benefit?",
    )
    assert "unusual partnership" in reply.answer
    # "each of its participants" names no one, yet answers whom it benefits.
    assert "benefits to each of its participants" in answer.answer


def test_a_why_follow_up_is_answered_by_the_reason_the_reply_already_quoted(
    article_assistant: Assistant,
) -> None:
    reply, answer = _follow_up(
        article_assistant, "what deal did kazakhstan sign up for?", "why were ppl surprised by it"
    )
    assert "caused surprise, because" in reply.answer
    # Not the sentence after the reply's first one ("I think it has to do with ... the
    # meeting"): the reply gave the reason for the surprise asked about.
    assert "perfectly normal diplomatic relations" in answer.answer
    assert "the meeting between" not in answer.answer


def test_a_follow_up_pointing_at_the_last_reply_is_scored_against_it(
    article_assistant: Assistant,
) -> None:
    # "that" is the downing of the airplane the reply quoted; the question has no other words
    # for an answer to resemble.
    answer = article_assistant.ask(
        "What followed that, according to him?",
        ["Which incident soured relations between Russia and Azerbaijan?"],
    )
    assert "retaliatory measures" in answer.answer
    # "there" is the country the reply quoted; the answer is read on from that quote.
    answer = article_assistant.ask(
        "What could Moscow stir up there?",
        ["What could be an early sign of Moscow's aims toward Kazakhstan?"],
    )
    assert "separatism" in answer.answer
    # The meeting the reply names has no place in the documents.
    assert article_assistant.ask(
        "Where did that meeting take place?", ["Who did Trump meet with?"]
    ).abstained


def test_a_follow_up_asking_only_for_a_part_of_the_country(
    article_assistant: Assistant,
) -> None:
    # The follow-up has nothing of its own to resemble the answer; a compass word answers
    # "which part", another country's name does not.
    answer = article_assistant.ask(
        "In which part of the country?",
        ["What could Moscow try to revive in Kazakhstan, according to the analyst?"],
    )
    assert "northeastern" in answer.answer


def test_a_place_must_stand_beside_what_the_question_asks_about(
    article_assistant: Assistant,
) -> None:
    # The analyst's "(Bratislava)" is no city in northeastern Kazakhstan ...
    cities = "Which cities in northeastern Kazakhstan have the largest ethnic Russian populations?"
    assert article_assistant.ask(cities).abstained
    # ... but it is where the think tank the last reply named is.
    answer = article_assistant.ask(
        "And which city is it headquartered in?",
        [
            {"role": "user", "content": "What think tank does the interviewed analyst lead?"},
            {
                "role": "assistant",
                "content": article_assistant.ask(
                    "What think tank does the interviewed analyst lead?"
                ).answer,
            },
        ],
    )
    assert "Bratislava" in answer.answer
    # A war is named by where it is fought.
    war = article_assistant.ask("Which war makes neighbours worry it could happen to them?")
    assert "happening in Ukraine" in war.answer
    assert article_assistant.ask("Which war is Russia fighting in Syria?").abstained


def test_a_date_line_answers_only_when_the_document_was_published(
    article_assistant: Assistant,
) -> None:
    # The date line is the only date in the article; it says nothing about the ban.
    assert article_assistant.ask(
        "And from what date exactly?", ["How long will Kazakhstan's export ban last?"]
    ).abstained
    reply, answer = _follow_up(
        article_assistant, "When was this thing posted?", "And at what time?"
    )
    assert "14.11.2025" in reply.answer
    assert "16:59" in answer.answer


def test_a_follow_up_asks_more_about_what_the_turn_before_asked(
    article_assistant: Assistant,
) -> None:
    # The clause quoted from a long sentence is the one the follow-up itself asks about.
    _, answer = _follow_up(
        article_assistant,
        "Who's in the 'coalition of pariahs'?",
        "And the one looming on the horizon?",
    )
    assert "China is also looming on the horizon, which supports these countries" in answer.answer
    # "Who else ...?" asks for more of what the reply listed, which its sentence may hold.
    _, answer = _follow_up(
        article_assistant,
        "How does Mesejnikov describe Russia's standing in the international system?",
        "Who else does he put in that camp?",
    )
    assert "North Korea" in answer.answer
    reply, answer = _follow_up(
        article_assistant, "Analyst's name and think tank?", "His nationality?"
    )
    assert "Mesejnikov" in reply.answer
    assert "Slovak" in answer.answer


def test_a_first_name_the_documents_never_give_is_not_guessed(
    article_assistant: Assistant,
) -> None:
    assert article_assistant.ask("Pashinyan's first name?").abstained
    assert article_assistant.ask("whats tokayev's full first name").abstained


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        # "the relations are developing quite vividly" says nothing of Kazakhstan or Israel
        # itself: it is read with the sentence before, which names them.
        ("How are ties between Kazakhstan and Israel developing?", "quite vividly"),
        # "... aspects Kazakhstan has had to take into account" gives no reason; the
        # "especially since ..." after it, which would not be quoted, does.
        ("Why did Kazakhstan joining raise eyebrows?", "normal diplomatic relations"),
        # A name describing the kind of answer is no stranger: the corpus never says "Latin
        # American"; the question asks for such a country.
        (
            "Which Latin American country does he point to as an example of Trump's approach?",
            "Venezuela",
        ),
        # A title before a name is no name the documents lack.
        ("How does Mr. Mesejnikov describe Russia's position in Belarus?", "occupied"),
        # Who made a thing is the one it is "by" or "an invention of", not a name beside it.
        ("Whose brainchild were the accords, in the analyst's view?", "invention of Donald Trump"),
        # A name typed short is read in full, and so are words typed as on a phone.
        ("wat did kz ban exactly", "oil products"),
        ("y is az's image in the west bad", "internal political problems"),
        # The kind of answer asked for stands in a sentence sharing the question's words, though
        # another sentence resembles the question more.
        ("Who drew up these accords, as he sees it?", "prepared by the American administration"),
        # "right now" is no word a sentence must match.
        (
            "What does the analyst say is extremely important to watch right now?",
            "Russia's reaction",
        ),
        # What should be done is said by what should or must be done, or is important to do.
        ("What should we keep an eye on now regarding Kazakhstan?", "Russia's reaction"),
        ("What does the expert think it is crucial to follow now?", "Russia's reaction"),
        (
            "What does he tell observers to watch closely in the wake of Kazakhstan's move?",
            "Russia's reaction",
        ),
        # What Russia is, said in no word of the question (and in a passage it would not
        # find by its words alone).
        ("What label does the analyst apply to Russia?", "pariah country"),
        # "How the Z-community ... will talk about this country." goes on with the sentence
        # before it, which says it is important to follow.
        (
            "Whose commentary on Kazakhstan does Mesejnikov say is important to follow?",
            "Z-community of propagandists",
        ),
        ("Where's the analyst from — what nationality?", "Slovak political scientist"),
        # The ban sentence has more of the words, but names a ministry, not a company.
        ("which russian oil companies got sanctioned by the us", "Lukoil and Rosneft"),
        # A means someone has is said as a possibility they have, in no word of the question.
        ("What lever does the analyst say Russia could use against Kazakhstan?", "separatism"),
        # Whom measures were against is said by "against", though the names are the question's.
        (
            "After Russia downed the Azerbaijani plane, who ended up on the receiving end of "
            "retaliatory measures?",
            "against Russian Azerbaijanis",
        ),
    ],
)
def test_the_sentence_holding_what_is_asked_is_quoted(
    article_assistant: Assistant, question: str, quoted: str
) -> None:
    assert quoted in article_assistant.ask(question).answer


def test_what_a_thing_is_linked_to_is_said_by_a_sentence_tying_it(
    article_assistant: Assistant,
) -> None:
    # The sentence tying the move to something ("I think it has to do with ... the meeting")
    # calls it "such a decision": saying what it is tied to, it answers on less resemblance.
    answer = article_assistant.ask("What gathering does the analyst connect Astana's move to?")
    assert "the meeting between Donald Trump" in answer.answer
    # The ban sentence shares the question's words but ties the ban to nothing. (It is so
    # much closer to this question than the tying sentence that the question is refused.)
    answer = article_assistant.ask("What meeting does Mesejnikov link the ban to?")
    assert "imposed a ban" not in answer.answer
    # Asked with a "why" too, the tie still answers on less resemblance: it has the kind the
    # question needs (a tie), though not the one it would like (a reason given as such).
    both = (
        "Why does Mesejnikov think the timing of Kazakhstan's decision is no accident - what "
        "does he connect it to?"
    )
    assert "the meeting between Donald Trump" in article_assistant.ask(both).answer


def test_a_consequence_is_said_by_a_sentence_saying_what_something_caused(
    article_assistant: Assistant,
) -> None:
    # The ban sentence says nothing of what the ban brought about ...
    for question in (
        "What impact on Russian domestic gasoline prices does the piece attribute to the ban?",
        "did fuel prices in kz go up bc of the ban",
    ):
        answer = article_assistant.ask(question)
        assert answer.abstained, answer.answer
    # ... and "can cause economic pressure, blackmail ..." says what disagreeing brings.
    answer = article_assistant.ask(
        "What kinds of consequences could a country face for disagreeing with Russia?"
    )
    assert "economic pressure" in answer.answer


def test_whether_a_reason_was_given_is_answered_only_by_a_sentence_giving_one(
    article_assistant: Assistant,
) -> None:
    # The ban sentence gives the ban, not why it was ordered.
    for question in (
        "Has Tokayev himself explained in public why he ordered the export ban?",
        "Does the article say what official reason Kazakhstan's energy ministry gave for the ban?",
    ):
        answer = article_assistant.ask(question)
        assert answer.abstained, answer.answer


def test_how_long_someone_held_a_post_is_not_how_long_a_ban_lasts(
    article_assistant: Assistant,
) -> None:
    answer = article_assistant.ask("How long has Tokayev been president of Kazakhstan?")
    assert answer.abstained, answer.answer
    answer = article_assistant.ask("How long is the ban meant to last?")
    assert "six months" in answer.answer


def test_a_war_asked_about_is_said_by_the_sentence_naming_one(
    article_assistant: Assistant,
) -> None:
    # "Because of what is happening in Ukraine ..." shares few of the question's words, but
    # it is the one sentence naming a war: it answers on less resemblance ...
    answer = article_assistant.ask(
        "Which war does he cite as the reason Russia's neighbors can't feel safe?"
    )
    assert "happening in Ukraine" in answer.answer
    # ... and a war the documents do not name is still refused.
    assert article_assistant.ask("Which war did Kazakhstan fight in the 1990s?").abstained


def test_a_sentence_joined_by_a_conjunction_takes_no_answer_from_the_one_before(
    article_assistant: Assistant,
) -> None:
    # "And Donald Trump has demonstrated ... by force" leans on a sentence naming Kazakhstan;
    # that country is no example it gives. "Look what is happening around Venezuela" is.
    answer = article_assistant.ask(
        "Which country did he point to as a sign of Trump's willingness to use force?"
    )
    assert "Venezuela" in answer.answer
    assert "Kazakhstan" not in answer.answer


def test_a_follow_up_about_what_the_documents_do_not_say_abstains(
    article_assistant: Assistant,
) -> None:
    # The earlier question finds Pashinyan; nothing says which post he holds.
    answer = article_assistant.ask(
        "What position does he hold in the government?",
        ["Which Armenian politician keeps calling for closer cooperation with Europe?"],
    )
    assert answer.abstained
    # "Does he name any towns there?" asks which towns: "northeastern Kazakhstan" names none.
    reply, answer = _follow_up(
        article_assistant,
        "In which part of Kazakhstan could Russia stir up separatism?",
        "Does he name any particular towns or provinces there?",
    )
    assert "northeastern" in reply.answer
    assert answer.abstained


def test_no_sentence_is_quoted_twice(article_assistant: Assistant) -> None:
    # A short sentence is a candidate alone and together with the one it leans on.
    for question in (
        "What does the article claim former Soviet states are doing?",
        "Which country seeks to normalize relations with Turkey?",
    ):
        answer = article_assistant.ask(question)
        spans = sorted((c.source, c.start, c.end) for c in answer.citations)
        for (s1, _, e1), (s2, b2, _) in itertools.pairwise(spans):
            assert s1 != s2 or e1 <= b2, answer.answer


def test_no_passages_means_an_abstention(article_assistant: Assistant) -> None:
    answer = _answerer(article_assistant)(_request("How many walruses are there?", ()))
    assert answer.abstained
    assert answer.answer == NOT_FOUND
    assert answer.citations == ()


def test_passages_that_do_not_answer_mean_an_abstention(article_assistant: Assistant) -> None:
    passages = _passages("Bakery\nThe baker sells rye bread every morning. Ferries leave twice.\n")
    answer = _answerer(article_assistant)(_request("Who won the 1998 World Cup final?", passages))
    assert answer.abstained
    assert answer.citations == ()


@pytest.mark.parametrize("most", [1, 2, 3])
def test_answers_quote_at_most_the_configured_number_of_sentences(
    article_assistant: Assistant, most: int
) -> None:
    answerer = _answerer(article_assistant, max_answer_sentences=most)
    answer = answerer(_request("What happened to the walrus colony?", _passages(WALRUS)))
    assert 1 <= len(answer.citations) <= most


def test_footnote_markers_in_the_source_do_not_look_like_citations(
    article_assistant: Assistant,
) -> None:
    text = (
        "Walrus facts\nThe walrus colony on Zyxqua Island grew to 400 animals in 2023.[2] "
        "Researchers from Oslo counted them by drone.[3]\n"
    )
    answer = _answerer(article_assistant)(
        _request("How many walruses are in the Zyxqua Island colony?", _passages(text))
    )
    assert not answer.abstained
    assert _markers(answer) == {c.n for c in answer.citations}
    for c in answer.citations:
        assert c.text == text[c.start : c.end]


def test_compose_answer_numbers_quotes_and_puts_markers_before_the_full_stop() -> None:
    text = "Intro line\nSeals hunt herring. They rest on rocks.\nAsked why, he said:\n"
    (passage,) = _passages(text, chunk_size=500)
    spans = [(s, e) for s, e in passage.sentences if "herring" in text[s:e] or "said" in text[s:e]]
    answer = compose_answer([(passage, s, e, 0.5) for s, e in spans], "why", (passage,))
    assert answer.answer == "Seals hunt herring [1]. Asked why, he said: [2]"
    assert not answer.abstained
    assert [(c.n, c.text) for c in answer.citations] == [
        (1, "Seals hunt herring."),
        (2, "Asked why, he said:"),
    ]
    assert all(c.text == text[c.start : c.end] for c in answer.citations)
    assert answer.query == "why"


def test_a_bracketed_number_quoted_from_the_source_is_not_a_marker() -> None:
    text = "Seals\nSeals hunt herring [1] in spring.\n"
    (passage,) = _passages(text, chunk_size=500)
    s, e = passage.sentences[-1]
    answer = compose_answer([(passage, s, e, 0.5)], "q", (passage,))
    assert answer.answer == "Seals hunt herring (1) in spring [1]."
    assert answer.citations[0].text == text[s:e]


def test_citation_scores_are_clamped_to_zero_one() -> None:
    (passage,) = _passages("Seals\nSeals hunt herring.\n", chunk_size=500)
    s, e = passage.sentences[-1]
    high = compose_answer([(passage, s, e, 1.7)], "q", (passage,))
    low = compose_answer([(passage, s, e, float("nan"))], "q", (passage,))
    assert high.citations[0].score == 1.0
    assert low.citations[0].score == 0.0


def test_a_view_asked_for_is_the_reply_to_the_interviewers_question_it_echoes(
    article_assistant: Assistant,
) -> None:
    # The interviewer's "Armenia, disillusioned with Moscow's allied support, has embarked
    # on a course to reduce its dependence on Russia. ... Where is this going?" is what the
    # question echoes; the analyst's view is the reply to it.
    asked = "According to Mesejnikov, why are neighbours like Armenia pulling away from Moscow?"
    answer = article_assistant.ask(asked)
    assert "very aggressive" in answer.answer
    assert "disillusioned" not in answer.answer
    # The interviewer's own words, when asked for, are still theirs.
    answer = article_assistant.ask("Which region does the interviewer say Russia is losing?")
    assert "South Caucasus" in answer.answer


def test_a_sentence_of_an_interviewers_question_knows_where_the_reply_begins() -> None:
    from rag.features import reply_opening, sentences_of

    text = (
        "Interview\n"
        "- Prices are rising everywhere. Where is this going?\n"
        "- I think it is due to the drought. Farmers lost half the crop.\n"
        "Other news follows here.\n"
    )
    sentences = {s.text: s for s in sentences_of(_passages(text, chunk_size=400))}
    reply = text.index("I think")
    assert reply_opening(sentences["Prices are rising everywhere."]) == reply
    assert reply_opening(sentences["Where is this going?"]) == reply
    # A reply's own sentences, and a paragraph ending without a question, open no reply.
    assert reply_opening(sentences["I think it is due to the drought."]) is None
    assert reply_opening(sentences["Farmers lost half the crop."]) is None


def test_a_sentence_only_pointing_at_events_names_where_but_says_nothing_happened(
    article_assistant: Assistant,
) -> None:
    # "Look what is happening around Venezuela." names a country to look at ...
    answer = article_assistant.ask("Which country does he point to as an example of Trump's force?")
    assert "Venezuela" in answer.answer
    # ... but does not say what anyone did there.
    assert article_assistant.ask("What exactly has Trump done in Venezuela?").abstained


def test_pointing_sentences_are_told_from_ones_saying_what_happened() -> None:
    from rag.features import _points_only

    assert _points_only("Look what is happening around Venezuela.")
    assert _points_only("He has a mindset to use force. Look what is happening around Venezuela.")
    # A time clause says what happened: "after Russia shot down an Azerbaijani airplane".
    assert not _points_only(
        "Remember what happened in relations between Russia and Azerbaijan after Russia shot "
        "down an Azerbaijani airplane."
    )
    assert not _points_only("What is happening in Ukraine worries its neighbours.")


def test_a_question_asking_only_what_to_watch_is_answered_by_what_deserves_watching(
    article_assistant: Assistant,
) -> None:
    # Nothing in "What should we be watching now?" resembles "it is extremely important to
    # follow Russia's reaction", but that sentence says what it asks.
    for question in (
        "What should observers be watching now, per the expert?",
        "What does he say we ought to keep an eye on now?",
        # The passage saying so is fetched however little else in it resembles the question.
        "what to watch next per him",
        "Tell me what the analyst thinks we should be watching most closely now.",
    ):
        answer = article_assistant.ask(question)
        assert answer.answer.startswith("Now it is extremely important to follow Russia's reaction")
    # Asked about something named, it needs a sentence about that too.
    assert article_assistant.ask(
        "What should investors monitor regarding Kazakh fuel prices?"
    ).abstained


def test_whether_something_pays_off_is_said_by_whom_it_benefits(
    article_assistant: Assistant,
) -> None:
    # "pay off" shares no word with "will bring some benefits to each of its participants";
    # few sentences say whom something benefits, so the one that does answers on less.
    asked = "Does the analyst expect the partnership with Israel and America to pay off for them?"
    assert "some benefits to each of its participants" in article_assistant.ask(asked).answer


def test_a_province_asked_for_is_a_named_place_not_a_part_of_the_country(
    article_assistant: Assistant,
) -> None:
    # "separatism in northeastern Kazakhstan" says where, but names no province.
    asked = "Which provinces of northern Kazakhstan have seen separatist activity?"
    assert article_assistant.ask(asked).abstained


def test_a_unit_with_the_view_asked_for_is_quoted_with_the_one_it_overlaps(
    article_assistant: Assistant,
) -> None:
    # The best unit ("As for Belarus ... distances himself from Russia.") gives no view; the
    # pair sharing its second sentence does ("But I think it is hardly possible at all."):
    # the three sentences are quoted as one span, with one citation.
    answer = article_assistant.ask("can belarus actually distance from russia in his view")
    assert "hardly possible" in answer.answer, answer.answer
    assert len(answer.citations) == 1
    assert answer.citations[0].text.startswith("As for Belarus")


def test_overlapping_units_are_joined_only_within_a_passage_holding_both() -> None:
    from rag.answer import Scored, _joined
    from rag.features import Features, Sentence
    from rag.types import Passage

    text = "One. Two. Three."
    whole = Passage("c", "doc", "T", text, 0, len(text), 1.0)
    # A pair read back across a chunk's start is a passage of its own.
    back = Passage("c<0", "doc", "T", text[:9], 0, 9, 1.0)
    late = Passage("d", "doc", "T", text[5:], 5, len(text), 1.0)
    f = Features(0.5, 0.5, 0.5, 0.5, 0, 0.0, False, False, 0, None)
    kind = Features(0.5, 0.5, 0.5, 0.5, 1, 0.0, False, False, 0, None)

    first = Scored(Sentence(whole, 0, 9, text[:9], 0, window=True), f, 0.6)
    second = Scored(Sentence(whole, 5, len(text), text[5:], 0, window=True), kind, 0.55)
    joined = _joined(first, second)
    assert joined is not None
    assert joined.sentence.text == text and joined.features.type_match == 1
    assert joined.score == 0.6

    apart = Scored(Sentence(back, 0, 9, text[:9], 0, window=True), f, 0.6)
    other = Scored(Sentence(late, 5, len(text), text[5:], 1, window=True), kind, 0.55)
    assert _joined(apart, other) is None
