"""Word-level helpers: terms for lexical matching and names inside a sentence."""

from __future__ import annotations

from rag.text import (
    expand_chat,
    inner_names,
    seats_of_power,
    terms,
    unseen_names,
    with_demonyms,
    without_asides,
)


def test_a_hyphenated_compound_also_matches_its_parts() -> None:
    assert terms("Post-Soviet countries") == ["post-soviet", "post", "soviet", "countri"]
    assert "soviet" in terms("former Soviet states")
    # Numbers and stop words inside a compound add nothing of their own.
    assert terms("a 24-hour day") == ["24-hour", "hour", "day"]
    assert terms("up-to-date") == ["up-to-date", "date"]


def test_forms_the_stemmer_leaves_apart_are_one_term() -> None:
    assert terms("retaliatory measures") == terms("retaliation measure")
    assert terms("regulatory") == terms("regulation")
    assert terms("neighbours") == terms("neighbors")
    assert terms("favour") == terms("favor")
    # Short words ending so are words of their own.
    assert terms("hour") != terms("hor")
    assert terms("territory") == ["territori"]


def test_the_united_states_abbreviated_is_a_name_not_us() -> None:
    assert (
        terms("fresh US sanctions") == terms("fresh U.S. sanctions") == ["fresh", "u.s", "sanction"]
    )
    assert terms("USA and the UK") == ["u.s", "u.k"]
    assert terms("give us oil") == ["give", "oil"]


def test_inner_names_are_whole_spans_without_a_possessive() -> None:
    assert inner_names("What gathering is Astana's move tied to?") == ["Astana"]
    # A title is no part of the name.
    assert inner_names("How does Mr. Mesejnikov see it?") == ["Mesejnikov"]
    assert inner_names("Is it, in Dr Smith's view, over?") == ["Smith"]
    assert inner_names("Sanctions by the United States hit Gazprom.") == [
        "United States",
        "Gazprom",
    ]
    # The word opening a sentence is capitalised for another reason.
    assert inner_names("Kazakhstan banned exports.") == []
    # So is "I", however it is contracted.
    assert inner_names("Views, since I'd like to quote it, and I think Iran is") == ["Iran"]


def test_names_with_a_word_the_corpus_never_uses_are_unseen() -> None:
    df = {"kazakhstan": 3, "azerbaijan": 1}

    def idf(term: str) -> float:
        return 1.0 / (1 + df.get(term, 0))

    assert unseen_names("Is Baku closer to Kazakhstan or to Azerbaijan?", idf) == ["Baku"]
    assert unseen_names("Did the European Union act?", idf) == ["European Union"]


def test_a_demonym_also_names_its_country() -> None:
    stems = with_demonyms(set(terms("the Armenian leader, an Azerbaijani plane, Ukrainian grain")))
    assert set(terms("Armenia Azerbaijan Ukraine")) <= stems
    # Short words are left alone.
    assert with_demonyms({"man", "mini"}) == {"man", "mini"}


def test_words_typed_as_on_a_phone_are_written_out() -> None:
    assert expand_chat("y r ppl surprised") == "why are people surprised"
    assert expand_chat("did prices go up bc of the ban") == "did prices go up because of the ban"
    assert expand_chat("what shud we watch re kz") == "what should we watch regarding kz"
    # Capitals, parts of words and a "y" that opens no question stay as they are.
    assert expand_chat("Is the U.S. in? R&D re-export") == "Is the U.S. in? R&D re-export"
    assert expand_chat("the y axis") == "the y axis"

    # Shorthand for common words: "HQ" and "PM" in capitals too, but not an initial.
    assert expand_chat("IVO HQ city") == "IVO headquarters city"
    assert expand_chat("US sanx on which majors, ties w Turkey") == (
        "US sanctions on which majors, ties with Turkey"
    )
    assert expand_chat("what org does he run, charter97.org") == (
        "what organisation does he run, charter97.org"
    )
    assert expand_chat("its PM at 3 pm, George W. Bush") == (
        "its prime minister at 3 pm, George W. Bush"
    )


def test_a_seat_of_power_stands_for_its_country_and_capital() -> None:
    found = seats_of_power(
        "Can Minsk leave the Kremlin's orbit, as the Ak Orda and White House hope?"
    )
    assert found == {
        "Kremlin": ("Russia", "Moscow"),
        "Ak Orda": ("Kazakhstan", "Astana"),
        "White House": ("United States", "America", "Washington"),
    }
    assert seats_of_power("kremlinology and the white housing market") == {}


def test_what_is_said_around_a_question_is_left_out() -> None:
    # Courtesies and the asker's words about themselves go; the asking stays.
    assert (
        without_asides(
            "My grandson works in logistics, and I was curious, if it is not too much trouble, how"
            " long the ban lasts - I would be most grateful."
        )
        == "And I was curious, how long the ban lasts"
    )
    assert (
        without_asides(
            "A former pupil of mine now lives in Tel Aviv, which is partly why I ask: how are"
            " relations with Israel developing? I would be delighted to hear, thank you."
        )
        == "How are relations with Israel developing?"
    )
    assert (
        without_asides("Hi, long-time listener, so what date does the article say the ban starts?")
        == "So what date does the article say the ban starts?"
    )
    assert without_asides("How dreadful. So which country is it oriented towards?") == (
        "So which country is it oriented towards?"
    )
    assert without_asides("As someone who worked in refining, what could Russia do?") == (
        "What could Russia do?"
    )
    assert without_asides("When I taught the Cold War, we discussed tone, so how is it put?") == (
        "So how is it put?"
    )
    # What the asker read, heard or means is kept: it says what the question is about.
    read = "I read that the Americans sanctioned some firms, and I'd like to know which ones"
    assert without_asides(f"Forgive my curiosity, but {read}.") == f"But {read}."
    meant = "And what did he say about them, I mean the Americans?"
    assert without_asides(meant) == meant
    # ... and so is a claim reported, which the question may be checking.
    claim = "Our draft says the ban lasts a year, thanks - does the article back that?"
    assert (
        without_asides(claim) == "Our draft says the ban lasts a year - does the article back that?"
    )
    # A question with nothing said around it is left as it is, however it speaks of "we".
    for question in (
        "What did I miss?",
        "What do we know about the ban?",
        "How long?",
        "What should we be watching for next, according to the analyst?",
        "Who is the expert my students will quote, and where is he from?",
    ):
        assert without_asides(question) == question
