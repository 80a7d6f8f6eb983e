"""What the extractive answerer measures about a sentence, on real text and the real model."""

from __future__ import annotations

from pathlib import Path

from rag.assistant import Assistant
from rag.features import people_named, unfamiliar_names, unmentioned_examples


def test_a_name_the_corpus_never_mentions_is_unfamiliar_but_a_paraphrase_is_not(
    article_assistant: Assistant,
) -> None:
    gazprom = article_assistant.ask("What sanctions did the European Union impose on Gazprom?")
    assert gazprom.abstained
    assert "Gazprom" in gazprom.answer and not gazprom.citations

    passages = article_assistant.ask("Which Russian energy firms did Washington penalize?").passages
    answerer = article_assistant.answerer
    found = unfamiliar_names(
        answerer.embeddings,
        answerer.idf,
        "Which Russian energy firms did Washington penalize?",
        passages,
    )
    assert found == []  # "Washington" stands for the American administration named there
    # ... and "America", its name for Washington, matches "American" word for word.
    answer = article_assistant.ask("Which Russian energy firms did Washington penalize?")
    assert "Lukoil" in answer.answer


def test_another_country_is_unfamiliar_however_alike_its_name(
    article_assistant: Assistant,
) -> None:
    answerer = article_assistant.answerer

    def strangers(question: str) -> list[str]:
        passages = article_assistant.ask(question).passages
        return unfamiliar_names(answerer.embeddings, answerer.idf, question, passages)

    # The model finds "Uzbekistan" as like "Kazakhstan" as "Minsk" is like "Belarus" ...
    assert strangers("Did Uzbekistan also ban fuel exports?") == ["Uzbekistan"]
    assert strangers("Did Poland sanction Belarus?") == ["Poland"]
    # ... but a capital, a leader or another name of the same country stands for it.
    assert strangers("What does Minsk do for Russia?") == []
    assert strangers("What did Astana ban?") == []
    assert strangers("Did Putin respond to the ban?") == []
    assert strangers("Did the USA sanction Lukoil?") == []
    # A seat of power stands for its country: "the Kremlin" for Russia, whose capital the
    # model does not put near it; a seat of a country never named is still unfamiliar.
    assert strangers("Can Minsk pull away from the Kremlin?") == []
    assert strangers("What did Ak Orda decide?") == []
    assert strangers("Did Downing Street respond?") == ["Downing Street"]
    answer = article_assistant.ask("Does the analyst believe Minsk can pull away from the Kremlin?")
    assert "hardly possible" in answer.answer
    # The refusal names the country, not the word that opens the question.
    answer = article_assistant.ask("Did Kyrgyzstan join the Abrahamic Accords?")
    assert answer.abstained and "never mention Kyrgyzstan." in answer.answer


def test_a_kind_named_generally_is_answered_where_another_sentence_says_which(
    article_assistant: Assistant,
) -> None:
    # "help Russia with oil products" names the kind only as a kind; "major oil products" in
    # the sentence on the ban says which.
    answer = article_assistant.ask("Which oil products did Kazakhstan ban?")
    assert "major oil products" in answer.answer
    assert article_assistant.ask(
        "What concrete projects are Kazakhstan and Israel working on?"
    ).abstained


def test_things_a_question_lists_are_unmentioned_only_when_the_corpus_never_names_any(
    article_assistant: Assistant,
) -> None:
    article_assistant.ask("What did Kazakhstan ban?")  # loads the lexical index
    idf = article_assistant.answerer.idf
    asked = "Which fuels, such as petrol or diesel, are covered by the ban?"
    assert unmentioned_examples(asked, idf) == ["petrol", "diesel"]
    assert unmentioned_examples("Does the ban cover diesel and jet fuel?", idf) == [
        "diesel",
        "jet fuel",
    ]
    # The clause runs on after the last item: the items before it are the list.
    runs_on = "Which products, such as petrol, diesel or jet fuel, fall under the export ban?"
    assert unmentioned_examples(runs_on, idf) == ["petrol", "diesel", "jet fuel"]
    instance = "Which products, for instance gasoline or diesel, fall under the ban?"
    assert unmentioned_examples(instance, idf) == ["gasoline", "diesel"]
    # One item and then a clause is no list.
    assert unmentioned_examples("Does it cover petrol sold abroad by state firms?", idf) == []
    # The corpus names oil products, and Russia in "shipments to Russia".
    assert unmentioned_examples("Does the ban cover oil products?", idf) == []
    assert unmentioned_examples("Does the ban cover shipments to Russia?", idf) == []
    assert unmentioned_examples("Which leader helps Moscow with petroleum products?", idf) == []
    # A dash before one thing is an aside; before several, a list.
    assert unmentioned_examples("The line up top — gist?", idf) == []
    assert unmentioned_examples("Banned products — petrol, diesel?", idf) == ["petrol", "diesel"]
    # A colon opens a list too, and an item may start with an article.
    colon = "What has the U.S. been doing around Venezuela: strikes, a blockade, what?"
    assert unmentioned_examples(colon, idf) == ["strikes", "blockade"]
    # Alternatives offered are things asked about, unless the corpus names one of them.
    either = "Is it petrol or diesel that is banned?"
    assert unmentioned_examples(either, idf) == ["petrol", "diesel"]
    assert unmentioned_examples("Is it a ban or a quota?", idf) == []
    # "say ..." after a comma gives examples; "is X one of ..." asks about one member.
    say = "Which fuels, say gasoline, diesel or jet fuel, does the piece list as banned?"
    assert unmentioned_examples(say, idf) == ["gasoline", "diesel", "jet fuel"]
    member = "Is diesel one of the oil products covered by the ban?"
    assert unmentioned_examples(member, idf) == ["diesel"]
    assert unmentioned_examples("Is Kazakhstan one of the parties?", idf) == []
    # So does whether one thing is covered, on the list, exempt ...
    assert unmentioned_examples("is jet fuel on the kz ban list", idf) == ["jet fuel"]
    listed = "Does the article say whether diesel specifically is on the list of banned exports?"
    assert unmentioned_examples(listed, idf) == ["diesel"]
    assert unmentioned_examples("Is Russia exempt from the ban?", idf) == []
    assert unmentioned_examples("Are oil products banned?", idf) == []
    assert unmentioned_examples("Is it covered?", idf) == []
    # A list after a dash may open with its own question words, and end with "all of them".
    dashed = "Which fuels are covered - is it gasoline, diesel, jet fuel, or all of them?"
    assert unmentioned_examples(dashed, idf) == ["gasoline", "diesel", "jet fuel"]
    # Most items unnamed: "heating oil" shares a word with "oil products", but is not one.
    most = "Which fuels are banned - diesel, jet fuel, heating oil, or all of them?"
    assert unmentioned_examples(most, idf) == ["diesel", "jet fuel", "heating oil"]
    assert unmentioned_examples("Is it diesel or oil products that are banned?", idf) == []
    answer = article_assistant.ask(asked)
    assert answer.abstained
    assert "petrol or diesel" in answer.answer and not answer.citations


def test_a_question_about_what_someone_said_is_refused_when_nobody_quotes_them(
    article_assistant: Assistant,
) -> None:
    assert article_assistant.ask("What did Tokayev say when announcing the ban?").abstained


def test_a_name_the_corpus_never_uses_is_searched_as_the_corpus_names_it(
    article_assistant: Assistant,
) -> None:
    lexical = article_assistant.retriever.lexical
    assert lexical.aliases("Which country is Baku aligned with?") == ["Azerbaijan"]
    assert lexical.aliases("Which Russian energy firms did Washington penalize?") == ["America"]
    assert lexical.aliases("Which country is Azerbaijan aligned with?") == []
    assert lexical.aliases("What lever could the Kremlin use?") == ["Russia", "Moscow"]
    answer = article_assistant.ask("Which country is Baku aligned with?")
    assert not answer.abstained
    assert "Turkey" in answer.answer


def test_a_short_word_abbreviating_one_corpus_name_is_read_as_that_name(
    article_assistant: Assistant,
) -> None:
    from rag.retrieval import _abbreviates

    lexical = article_assistant.retriever.lexical
    assert lexical.spell_out("wat did kz ban exactly") == "wat did Kazakhstan ban exactly"
    assert lexical.spell_out("y is az's image bad") == "y is Azerbaijan's image bad"
    assert lexical.aliases("what factor matters for kaz rn") == ["Kazakhstan"]
    # "rn" (right now) and "re" abbreviate no name; "luk" fits Lukashenko and Lukoil alike.
    assert lexical.spell_out("ok re that, luk rn?") == "ok re that, luk rn?"
    # A code in capitals, and four first letters, abbreviate as well; "US" is a word too.
    assert lexical.spell_out("does that cover RU too") == "does that cover Russia too"
    assert lexical.spell_out("KZ-US ties") == "Kazakhstan-US ties"
    assert lexical.spell_out("luka still buying?") == "Lukashenko still buying?"
    assert _abbreviates("kz", "kazakhstan") and _abbreviates("kaz", "kazakhstan")
    assert not _abbreviates("rn", "rosneft")


def test_a_name_the_corpus_never_uses_is_also_scored_as_the_corpus_names_it(
    article_assistant: Assistant,
) -> None:
    # "Astana" matches no word of the answer; "Kazakhstan", its alias, does.
    answer = article_assistant.ask("What factor does the analyst say now matters for Astana?")
    assert "the factor of the American presence" in answer.answer


def test_a_demonstrative_is_followed_back_to_the_name_it_stands_for(
    article_assistant: Assistant,
) -> None:
    from rag.features import sentences_of, with_references

    answer = article_assistant.ask("Who drafted the accords?")
    lexical = article_assistant.retriever.lexical
    units = with_references(
        article_assistant.embeddings, sentences_of(answer.passages), lexical.preceding
    )
    drafted = next(s for s in units if s.text.startswith("I should note that these agreements"))
    assert drafted.context == "Abrahamic Accords"
    assert drafted.scored_text.endswith("(Abrahamic Accords)")
    # The name reached back to is scored, never quoted.
    assert "American administration" in answer.answer and "Abrahamic" not in answer.answer
    # "The X in question" points back as "these X" does.
    in_question = next(s for s in units if s.text.startswith("The agreement in question"))
    assert in_question.context == "Abrahamic Accords"
    # A reference to something named in the same sentence adds nothing.
    pariahs = next(s for s in units if "supports these countries" in s.text)
    assert pariahs.context == ""
    # A bare "this is" goes on about what the sentence before was about ...
    invention = next(s for s in units if s.text.startswith("By the way") and not s.window)
    assert invention.context == "Abrahamic Accords"
    assert (
        "Donald Trump" in article_assistant.ask("Whose invention are the Abrahamic Accords?").answer
    )
    # ... but only when the sentence before was resolved.
    unresolved = next(s for s in units if s.text.startswith("It is interesting that"))
    assert unresolved.context == ""
    # "he" with no one named is the one person the sentence before names ...
    he = next(s for s in units if s.text.startswith("It is clear that he will"))
    assert he.context == "Tokayev"
    answer = article_assistant.ask("What about Russia will Tokayev obviously factor in?")
    assert "geographical proximity" in answer.answer
    trying = next(s for s in units if s.text.startswith("He is trying to get Israel"))
    assert trying.context == "Donald Trump"
    # ... not when the sentence names a person of its own ("Tokayev ..., and he takes ...").
    own = next(s for s in units if s.text.startswith("Tokayev is of course") and not s.window)
    assert own.context == ""


def test_a_demonstrative_stands_for_the_names_said_at_its_noun_s_last_mention(
    article_assistant: Assistant,
) -> None:
    from rag.features import sentences_of, with_references

    asked = "What does he predict the partnership with Israel and America will bring?"
    answer = article_assistant.ask(asked)
    units = with_references(
        article_assistant.embeddings,
        sentences_of(answer.passages),
        article_assistant.retriever.lexical.preceding,
    )
    # "this partnership" is the "partnership with Israel and America" two sentences before.
    bring = next(s for s in units if s.text.startswith("And this partnership will bring"))
    assert bring.context == "Israel, America"
    assert "some benefits" in answer.answer


def test_a_phrase_the_question_quotes_is_asked_about_as_written(
    article_assistant: Assistant,
) -> None:
    from rag.features import quoted_phrases

    asked = 'What qualifying word does Mesejnikov place before "Abrahamic Accords"?'
    assert quoted_phrases(asked) == ["abrahamic accords"]
    assert quoted_phrases("Which word, “pariah” or ‘outcast’, does he use?") == [
        "pariah",
        "outcast",
    ]
    assert quoted_phrases("Is it the analyst's view?") == []
    assert "so-called Abrahamic Accords" in article_assistant.ask(asked).answer


def test_preceding_sentences_come_nearest_first(article_assistant: Assistant) -> None:
    text = article_assistant.document_text(article_assistant.documents()[0].source)
    source = article_assistant.documents()[0].source
    start = text.index("I should note that these agreements")
    before = article_assistant.retriever.lexical.preceding(source, start, 2)
    assert before == [
        "Kazakhstan entered into relations with Israel already at a somewhat higher level.",
        text[text.index("But the thing is") : text.index("United States.") + len("United States.")],
    ]


def test_a_long_sentence_splits_into_clauses_long_enough_to_quote() -> None:
    from rag.features import clauses

    sentence = (
        "Tokayev is of course a pragmatic opportunist, and he takes all factors into account, "
        "but he should not discount the fact that he is part of a partnership, and even more."
    )
    spans = clauses(sentence)
    assert spans
    for a, b in spans:
        assert len(sentence[a:b].split()) >= 6
    assert len(spans) == 3
    assert all(not sentence[a:b].startswith("and even") for a, b in spans)
    # A short last piece ends the clause before it instead of being left out.
    assert sentence[slice(*spans[-1])].endswith("a partnership, and even more.")
    assert clauses("Kazakhstan banned exports for six months.") == []


def test_a_relative_clause_is_also_read_with_the_clause_it_qualifies() -> None:
    from rag.features import clauses

    sentence = (
        "He will weigh the proximity of Russia and its chance to influence Kazakhstan, but he "
        "should not discount that he is now part of a very unusual partnership with Israel "
        "and America, in which the U.S. has a special say."
    )
    parts = [sentence[a:b] for a, b in clauses(sentence)]
    assert "which the U.S. has a special say." in parts
    # "Which country has a special say in the partnership with Israel and America?" names
    # what the clause before says: read together, the two answer it.
    assert (
        "but he should not discount that he is now part of a very unusual partnership with "
        "Israel and America, in which the U.S. has a special say." in parts
    )
    # A clause that qualifies nothing is not joined to the one before.
    plain = (
        "Tokayev is of course a pragmatic opportunist, and he takes all factors into account, "
        "but he should not discount the fact that he is part of a partnership, and even more."
    )
    assert len(clauses(plain)) == 3


def test_corpus_names_are_embedded_once_across_ingests(
    empty_assistant: Assistant, tmp_path: Path
) -> None:
    first = tmp_path / "first.md"
    first.write_text("# Trade\n\nThe ministers of Azerbaijan and Georgia met.\n", encoding="utf-8")
    second = tmp_path / "second.md"
    second.write_text("# Ports\n\nShips from Turkey reached the coast.\n", encoding="utf-8")
    lexical = empty_assistant.retriever.lexical
    embeddings = empty_assistant.embeddings
    embedded: list[str] = []
    original = embeddings.embed_documents

    def counting(texts: list[str]) -> list[list[float]]:
        embedded.extend(texts)
        return original(texts)

    embeddings.embed_documents = counting  # type: ignore[method-assign]
    empty_assistant.ingest([first])
    embedded.clear()
    assert lexical.aliases("Is Baku in the region?") == ["Azerbaijan"]
    assert {"Azerbaijan", "Georgia"} <= set(embedded)
    empty_assistant.ingest([second])
    embedded.clear()
    lexical.aliases("Is Baku in the region?")
    # After the second ingest only its own name is new; the question's name is embedded again.
    assert sorted(embedded) == ["Baku", "Turkey"]


def test_a_question_asking_for_a_person_is_not_answered_by_a_place(
    article_assistant: Assistant,
) -> None:
    # The article names Venezuela and America, never a Venezuelan leader or a US official.
    assert article_assistant.ask("Which Venezuelan leader is Trump pressuring?").abstained
    assert article_assistant.ask(
        "Which US official has been delivering those messages to Lukashenko?"
    ).abstained
    # A person's name answers, wherever it stands in the sentence.
    answer = article_assistant.ask("Which leader alone is helping Russia with oil products?")
    assert "Lukashenko" in answer.answer
    answer = article_assistant.ask("Which Armenian politician wants closer ties with Europe?")
    assert "Pashinyan" in answer.answer
    # An agreement is not a person either ("Abrahamic Accords" for the other leaders).
    assert article_assistant.ask(
        "Apart from Tokayev, which Central Asian presidents were at the Trump meeting?"
    ).abstained


def test_a_sentence_opening_on_the_thing_just_named_is_read_with_the_one_before() -> None:
    from index.splitter import split_sentences
    from rag.features import Sentence, sentences_of
    from rag.types import Passage

    text = (
        "Kazakhstan has normal diplomatic relations with Israel. As far as I know, the "
        "relations are developing quite vividly. The weather in the capital was unusually "
        "cold for the season this year."
    )
    spans = tuple(split_sentences(text))
    passage = Passage(
        id="a",
        source="a.txt",
        title="a",
        text=text,
        start=0,
        end=len(text),
        score=1.0,
        sentences=spans,
    )
    units: list[Sentence] = sentences_of([passage])
    windows = [u.text for u in units if u.window]
    # "the relations" are the ones the sentence before spoke of; "the weather" is new.
    assert windows == [text[: spans[1][1]]]


def test_the_people_a_text_names_are_told_from_places_and_firms(
    article_assistant: Assistant,
) -> None:
    embeddings = article_assistant.answerer.embeddings
    reply = "Why are countries in no hurry to help Russia? Lukashenko alone is doing it."
    assert people_named(embeddings, reply, set()) == ["Lukashenko"]
    places = "Belarus is occupied by the Russian regime. Look what is happening around Venezuela."
    assert people_named(embeddings, places, set()) == []
    # Names the question already used are not new.
    assert people_named(embeddings, reply, {"lukashenko"}) == []
