"""Which kind of answer a question asks for, and whether a sentence holds one."""

from __future__ import annotations

import pytest

from rag.answer_types import (
    answer_type_words,
    expected_types,
    has_answer_type,
    names,
    points_back,
    reactor_terms,
)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How long will the ban last?", ["duration"]),
        ("How many years did the keeper keep the log?", ["duration", "quantity"]),
        ("How many barrels does it export per day?", ["quantity"]),
        ("What volume of fuel does Minsk ship to Russia?", ["quantity"]),
        ("Which quantities of diesel were exported?", ["quantity"]),
        ("When was the interview published?", ["date"]),
        ("Where is his institute based?", ["place"]),
        ("Who drafted the accords?", ["maker", "name"]),
        ("Why is Armenia moving away from Russia?", ["reason"]),
        ("What explanation does he give for the move?", ["reason"]),
        ("How does the analyst explain the ban?", ["reason"]),
        ("What does the analyst think about Armenia?", []),
        ("On what exact date does the ban take effect?", ["date"]),
        ("Since when has the ban applied?", ["date"]),
        ("Which head of state still supplies Moscow?", ["name"]),
        ("Which big power is emerging behind them?", ["name"]),
        ("Does the analyst believe Minsk can break away?", ["stance"]),
        ("Is Trump predictable, in the analyst's view?", ["stance"]),
        ("Does he see a break with Moscow as realistic?", ["stance"]),
        ("Is Mesejnikov optimistic that Minsk will break away?", ["stance"]),
        ("Analyst's odds on Minsk breaking from Moscow?", ["stance"]),
        ("His example of Trump's strong-arm approach?", ["example"]),
        # Explaining who or what asks for them, not for a reason.
        ("How does the analyst explain who the parties are?", ["parties"]),
        ("Did the minister see the president?", []),
        ("What is Trump ultimately trying to achieve with the accords?", ["purpose"]),
        ("What is the goal of the ban?", ["purpose"]),
        ("What should observers watch now?", ["advice"]),
        ("So what does he think it is important to follow?", ["advice"]),
        ("What is worth watching next?", ["advice"]),
        # A "which" question asks for the thing, whatever should be done with it.
        ("Which group should be monitored?", []),
        ("Which provinces or cities there are named?", ["city", "place"]),
        ("What meeting does he link the move to?", ["connection"]),
        ("What kinds of pressure can Russia bring?", ["list"]),
        ("What is the worst consequence the analyst lists?", ["list"]),
        # One kind of thing is not a list of them.
        ("What kind of signals is Washington sending?", []),
        ("To which gathering does he connect the decision?", ["connection"]),
        ("What's the biggest city in that area?", ["city"]),
        # The kind asked for is the noun after "which", not one later in the question.
        ("Which country is that city courting?", ["name"]),
        ("Does the ban cover shipments to Russia?", []),
        ("What did the companies do?", []),
        ("Who is Tokayev?", ["description"]),
        ("What do people think about the ban?", []),
        ("Who is Kazakhstan's energy minister?", ["holder", "name"]),
        ("What is the name of Azerbaijan's president?", ["holder", "name"]),
        ("What share of the population is Russian?", ["share", "quantity"]),
        ("Between whom was the accord concluded?", ["parties"]),
        ("Who were the original parties to the deal?", ["parties", "name"]),
        ("Which countries were the original signatories?", ["parties", "name"]),
        ("How does the analyst describe Tokayev?", ["description"]),
        ("How's he characterize Belarus's status?", ["description"]),
        ("How'd he explain the ban?", ["reason"]),
        ("Which country is given as an example of his approach?", ["example", "name"]),
        # A follow-up opening with a conjunction asks the same as without it.
        ("So when does it run out?", ["date"]),
        ("But why?", ["reason"]),
        ("What is the name of the analyst?", ["name"]),
        ("What is his full name?", ["name"]),
        # Whose view is asked after may come first.
        ("According to Mesejnikov, whose invention are the accords?", ["maker", "name"]),
        ("In his view, why are neighbours pulling away?", ["reason"]),
        ("In which part of the country?", ["part", "place"]),
        # A region may be a name ("the post-Soviet space"), not a place on the map.
        ("Which region is Moscow losing its hold on?", []),
        ("What part does Russia play?", []),
        ("And at what time?", ["date"]),
        # Asking what someone blames, or what set something off, asks for a reason.
        ("To what does the analyst attribute neighbours drifting away?", ["reason"]),
        ("What does Mesejnikov blame for it?", ["reason"]),
        ("So what does he reckon set off the move?", ["reason"]),
        ("What has the ban caused?", []),
        # A terse question names the kind of answer first.
        ("Date of piece?", ["date"]),
        ("Year Astana and Israel first set up ties?", ["date"]),
        ("Venue of the summit?", ["place"]),
        ("Which cities in the north have Russian majorities?", ["city", "place"]),
        # A war is known by where it is fought, unless the question says where.
        ("Which war makes neighbours worry it could happen to them?", ["war"]),
        ("Which war is Russia fighting in Syria?", []),
        ("Ethnic Russian share of the population up north?", ["share"]),
        ("Number of Central Asian leaders at the meeting?", ["quantity"]),
        ("Azerbaijan's oil export volumes to Europe?", ["quantity"]),
        ("Who's Kazakhstan's energy minister?", ["holder", "name"]),
        ("Duration of ban?", ["duration"]),
        ("Time frame of the ban?", ["duration"]),
        ("Timing of the ban — which meeting does he link it to?", ["connection"]),
        # "for how" asks a duration only as "for how long".
        ("Which adverb does he use for how Russia dominates there?", ["description"]),
        ("So what's his take on Belarus?", ["stance"]),
        ("Who was that agreement originally between?", ["parties", "name"]),
        ("Tell me who the original parties to that agreement are.", ["parties", "name"]),
        # How long someone has held a post is no duration of anything else.
        ("How long has Tokayev been president of Kazakhstan?", ["tenure", "duration"]),
        ("How long has Lukashenko been in power?", ["tenure", "duration"]),
        ("How long has Russia dominated Belarus?", ["duration"]),
        # What something brought about ...
        ("What impact on prices does the piece attribute to the ban?", ["consequence"]),
        ("did fuel prices in kz go up bc of the ban", ["consequence"]),
        ("Did exports fall because of the ban?", ["consequence"]),
        # ... but not when it takes effect.
        ("On what date does the export ban take effect?", ["date"]),
        # Who gains is said by whom benefits go to, named or not.
        ("And who is it supposed to benefit?", ["beneficiary", "name"]),
        # Whom something was aimed at: "the measures against Russian Azerbaijanis".
        ("Who was targeted by the retaliatory measures that followed?", ["target", "name"]),
        ("Against whom were the measures directed?", ["target"]),
        ("Which term does Mesejnikov use to label Russia?", ["description"]),
        ("What does he call Russia?", ["description"]),
        ("what's the exact date the export ban kicks in", ["date"]),
        ("What is the time frame of the ban?", ["duration"]),
        ("How did Lukashenko react to the signals?", ["reaction"]),
        ("How has the Kremlin officially responded to the ban?", ["reaction"]),
        # How someone responds in general asks for less than a response given.
        ("How does Russia respond to disagreement?", []),
        ("Any on-record response from Tokayev's office?", ["reaction"]),
        ("What reaction does he say the move caused?", ["reaction"]),
        ("Has Moscow officially responded to the ban yet?", ["reaction"]),
        ("Has Russia already retaliated against Kazakhstan over the ban?", ["reaction"]),
        ("Has Moscow issued an official response to the export ban?", ["reaction"]),
        ("Whose brainchild were the accords?", ["maker", "name"]),
        ("Who drew up these accords, according to him?", ["maker", "name"]),
        ("And who does he credit with inventing it?", ["maker", "name"]),
        ("Who does the analyst give credit for coming up with these accords?", ["maker", "name"]),
        ("Who founded Charter97, and in what year?", ["maker", "date", "name"]),
        # A request asks what its question would: "Confirm the date ..." asks "On what date?"
        ("Confirm the date the Kazakh export ban takes effect.", ["date"]),
        ("Confirm how Mesejnikov characterises Belarus's status.", ["description"]),
        ("What's his main explanation for why they drift away?", ["reason"]),
        ("Which participant does he say has a special say in it?", ["name"]),
        ("Which members have signed up?", ["name"]),
        ("Does he expect the partnership to pay off for those in it?", ["beneficiary", "stance"]),
        ("Will Kazakhstan benefit from the ban?", ["beneficiary"]),
        # A province is named as a city is: "northeastern Kazakhstan" names none.
        ("Which oblasts does he name as at risk?", ["city"]),
        ("What example does he give to show it?", ["example"]),
        ("Please give me the year it was founded.", ["date"]),
        ("Under which government decree number was the ban issued?", ["quantity"]),
        # A part of a name that only qualifies a noun is no part of a country.
        ("Which part of Kazakhstan is at risk?", ["part", "place"]),
        ("Which part of the Kazakh goverment put the ban in place?", []),
        ("Which part of Kazakhstan's government put this export ban in place?", []),
        # Asked inside another question, a date is still asked for.
        ("Do we know the exact date the ban kicked in?", ["date"]),
        ("What rationale does the analyst give for the surprise?", ["reason"]),
        ("What objective does the analyst ascribe to Trump?", ["purpose"]),
        # A profession asked for wants a person's name ...
        ("Which analyst did Charter97 speak to about the ban?", ["name"]),
        ("Which political scientist was interviewed?", ["name"]),
        # ... but not when it only qualifies a noun.
        ("What expert opinion does the piece give?", []),
        # A keyword query names what it asks for last, or after a dash.
        ("Kazakhstan ban start date", ["date"]),
        ("IVO headquarters city", ["place"]),
        ("Kazakh energy minister name", ["name"]),
        ("oil product exports to Russia - annual volume before the ban", ["quantity"]),
        ("Lukashenko breaking from Moscow - analyst's odds", ["stance"]),
        ("Kremlin official response to the fuel export ban", ["reaction"]),
        ("And his first name?", []),
        ("Russian gasoline prices after the Kazakh ban", ["quantity"]),
        # ... or first, with what is said of it.
        ("country cited as example of Trump using force", ["name"]),
        ("outlet that interviewed the analyst", ["name"]),
        ("war he cites as the scare factor?", ["war"]),
        # ... or puts the question word last, as a fragment is typed.
        ("piece dated when", ["date"]),
        ("retaliation hit who", ["name"]),
        ("border reopening when", ["date"]),
        ("what happened when", []),
        ("Is the ban in place?", []),
        # "Where does X fit in?" asks for a role, not a place; "Where does X work?" a place.
        ("Where does China fit into the analyst's picture of the pariah coalition?", []),
        ("Where does he stand on sanctions?", []),
        ("Where does Mesejnikov work?", ["place"]),
        # What someone could use against another is a means they have ...
        ("What lever could Russia pull against Kazakhstan?", ["means"]),
        ("What could Moscow stir up inside Kazakhstan?", ["means"]),
        # ... not a thing someone could buy.
        ("What weapons could Kazakhstan buy from Israel?", []),
        ("Did the Kremlin react to the ban?", ["reaction"]),
        ("Which oil products are exempt from the ban?", ["exception"]),
        # A yes/no question about an exception is answered by what the ban covers.
        ("Is Russia exempt from the ban?", []),
        # A question asked inside another asks it all the same ...
        ("Does the piece say where the meeting was held?", ["place"]),
        ("Does the article say when those sanctions were imposed?", ["date"]),
        ("Can you tell me who conducted the interview?", ["name"]),
        ("Does the analyst explain why Kazakhstan acted now?", ["reason given", "reason"]),
        # Whether a reason was given at all needs a sentence giving one.
        ("Has Tokayev explained in public why he ordered the export ban?", ["reason given"]),
        # ... and so does a bare "by whom" or an age.
        ("By whom?", ["name"]),
        ("To whom did Charter97 talk?", ["name"]),
        ("How old is the Slovak analyst?", ["quantity"]),
        ("What age is Mesejnikov?", ["quantity"]),
        ("What is his age?", ["quantity"]),
        ("How tall is Tokayev?", ["quantity"]),
        # Who leads something asks for whoever is named as its head.
        ("Who heads Kazakhstan's Ministry of Energy?", ["holder", "name"]),
        ("Who runs that country now?", ["holder", "name"]),
        # "What kind of X" asks what kind, not which X.
        ("What kind of country does the analyst call Russia?", ["description"]),
        ("What sort of leader is Tokayev?", []),
        ("How often does Lukashenko meet Putin?", ["quantity"]),
        # A post held, unless it is a text's title or a view ("position on").
        ("What post does he hold?", ["post"]),
        ("What is Tokayev's job?", ["post"]),
        ("And his official title?", ["post"]),
        ("What is the article's title?", []),
        ("What title does the piece have?", []),
        ("What is his position on sanctions?", []),
        # Where someone is from asks for a nationality, not any place or name.
        ("Where's the analyst from — what nationality?", ["origin", "place", "name"]),
        ("What is his nationality?", ["origin"]),
        ("Where is the institute based?", ["place"]),
        # A label put on something asks how it is described.
        ("What label does the analyst apply to Russia?", ["description"]),
        ("What label does he put on Russia?", ["description"]),
        # Whether any are named asks which ones; what someone is told to do is advice.
        ("Does he name any particular towns or provinces there?", ["city", "place"]),
        ("Does he mention any Russian companies?", ["name"]),
        ("What does he tell observers to watch closely?", ["advice"]),
        # A yes/no question about the article asks for no kind.
        ("Does the article say the ban covers Russia?", []),
        # A clause setting the scene is not the question: the question after it is.
        ("When Trump met the leaders, which region's heads of state were they?", []),
        ("When Russia shot down the plane, who suffered?", ["target", "name"]),
        ("When was the institute founded, and who funds it?", ["date", "name"]),
        ("When Trump met them, when was that?", ["date"]),
        ("When exactly were they imposed, and what do they prohibit?", ["date"]),
        # A question asked inside the asker's "I wonder", "I was curious", "remind me".
        ("And I wonder who the analyst in this piece is?", ["name"]),
        ("I was curious how long the ban lasts", ["duration"]),
        ("Could you kindly remind me what the analyst is called?", ["name"]),
        ("So tell me, which city is the institute based in?", ["city", "place"]),
        # How likely something is asks for the speaker's view of it.
        ("How likely does he judge it that Minsk breaks away?", ["stance"]),
        # An illustration asks for an example.
        ("Which country does he point to as an illustration of it?", ["example", "name"]),
    ],
)
def test_questions_say_what_kind_of_answer_they_need(question: str, kinds: list[str]) -> None:
    assert expected_types(question) == kinds


def test_a_typed_answer_must_be_in_the_sentence_and_new_to_the_question() -> None:
    assert has_answer_type("duration", "The ban lasts six months.", set())
    assert has_answer_type("duration", "She kept the log for forty years.", set())
    assert has_answer_type("quantity", "Seventeen ships were lost.", set())
    assert not has_answer_type("duration", "The ban covers oil products.", set())
    assert has_answer_type("date", "9- 14.11.2025, 16:59", set())
    # "just now" says when the speaker spoke, not when something happened.
    assert not has_answer_type("date", "Kazakhstan has made such a decision just now.", set())
    assert has_answer_type("place", "He heads an institute (Bratislava).", set())
    # A part of a place the question names is an answer: "in northeastern Kazakhstan".
    separatism = "It could revive separatism in northeastern Kazakhstan."
    assert has_answer_type("place", separatism, {"kazakhstan"})
    assert not has_answer_type("place", "It became part of a coalition.", set())
    # "around" a place says where as "in" does.
    assert has_answer_type("place", "Look what is happening around Venezuela.", set())
    # A name the question already contains does not answer "who".
    assert not has_answer_type("name", "And Donald Trump has demonstrated it.", {"trump"})
    assert has_answer_type("name", "Lukashenko alone is doing it.", set())


def test_names_are_capitalised_spans_not_sentence_openers() -> None:
    assert names("Look what is happening around Venezuela.") == {"venezuela"}
    assert names("And Donald Trump said so.", {"trump"}) == set()
    assert names("Including to Russia.") == {"russia"}


def test_a_question_asking_for_a_person_is_told_from_one_asking_for_a_thing() -> None:
    from rag.answer_types import asks_person

    assert asks_person("Which Venezuelan leader is Trump pressuring?")
    assert asks_person("Which US official has been delivering those messages?")
    assert asks_person("who's the armenian leader they mention")
    assert asks_person("Who is the current president of Azerbaijan, according to the article?")
    assert asks_person("What is the name of the journalist who conducted the interview?")
    # An adjective, or a person who is not what is asked for.
    assert not asks_person("What official reason did the ministry give?")
    assert not asks_person("Which region does the interviewer say Moscow is losing?")
    assert not asks_person("Who imposed sanctions on Lukoil?")
    assert asks_person("Can you name the other Central Asian leaders who met Trump?")
    assert asks_person("Which Russian propagandist does the analyst name?")
    assert asks_person("Which analyst did Charter97 speak to?")
    assert asks_person("Kazakh energy minister name")
    assert not asks_person("What expert opinion does the piece give?")
    assert asks_person("Who's Kazakhstan's energy minister, the one who signed the ban?")
    assert not asks_person("Which group of propagandists does he say we should watch?")
    assert asks_person("whats the name of kazakhstan's energy minister")
    # A verb in the past ends the noun phrase naming the post.
    assert asks_person("And who is its leader mentioned in the interview?")
    assert asks_person("Which official visited Minsk?")
    assert asks_person("Other Central Asian leaders at that meet — names?")
    assert not asks_person("Which group of propagandists does he name?")


def test_a_question_asking_for_a_company_is_told_from_others() -> None:
    from rag.answer_types import asks_company

    assert asks_company("which russian oil companies got sanctioned by the us")
    assert asks_company("Which Russian energy giants were hit by sanctions?")
    # A keyword query naming the kind first, with what is said of it.
    assert asks_company("Russian oil majors under fresh US sanctions?")
    assert not asks_company("Which Russian leader is named?")
    assert not asks_company("Who imposed sanctions on Lukoil?")


def test_a_sentence_saying_which_one_of_the_kind_asked_for_is_found() -> None:
    from rag.answer_types import specifies_kind

    question = "Which diplomatic meeting does he tie the timing to?"
    assert specifies_kind(question, "It follows the meeting between Trump and the leaders.")
    assert specifies_kind("Which factor is important?", "The factor of the American presence.")
    assert not specifies_kind(question, "There was a meeting last week.")
    assert not specifies_kind("What does he say?", "The meeting between Trump and them.")


@pytest.mark.parametrize(
    ("question", "sentence", "only"),
    [
        (
            "What concrete projects are Kazakhstan and Israel working on?",
            "The relations are developing, there are concrete projects.",
            True,
        ),
        ("Which European countries has he named?", "He wants ties with European countries.", True),
        ("Which Arab countries have signed?", "A deal between Arab countries and Israel.", True),
        # "What specific X" is not answered by X in general.
        ("What specific sanctions has he imposed?", "He is imposing sanctions on regimes.", True),
        ("What specific sanctions has he imposed?", "He has imposed sanctions on regimes.", True),
        # A word narrows the kind, or members are named after it.
        ("Which oil products are banned?", "It bans major oil products.", False),
        ("Which oil majors were hit?", "It hit the oil majors Lukoil and Rosneft.", False),
        ("Which Arab countries have signed?", "Arab countries such as Bahrain signed.", False),
        ("What unusual partnership is it?", "It is an unusual partnership with Israel.", False),
        # The same kind narrowed by another name is another kind.
        ("Which Arab states have signed?", "The five Central Asian states met.", True),
        ("Which Arab states have signed?", "Arab states such as Bahrain and Asian states.", False),
        # "Specific" asks for more than the kind, however it is narrowed in the question.
        ("What specific economic benefits will it get?", "It brings some benefits.", True),
        ("What specific economic benefits will it get?", "Benefits such as jobs.", False),
        ("What economic benefits will it get?", "It brings some benefits.", False),
        # A prefix joined to the kind narrows it.
        (
            "Which community of propagandists does he mean?",
            "The Z-community of propagandists.",
            False,
        ),
        ("Which community of propagandists does he mean?", "The community of propagandists.", True),
        # One common word says too little to tell.
        ("Which countries have signed?", "Several countries signed.", False),
        ("Which Arab countries have signed?", "Bahrain signed.", False),
    ],
)
def test_a_sentence_naming_only_the_kind_asked_for_is_found(
    question: str, sentence: str, only: bool
) -> None:
    from rag.answer_types import names_kind_only

    assert names_kind_only(question, sentence) is only


def test_the_words_naming_the_kind_of_answer_are_found() -> None:
    assert answer_type_words("Which Russian oil companies were sanctioned?") == {
        "russian",
        "oil",
        "companies",
    }
    assert answer_type_words("What does the article claim?") == set()
    # "Name the ..." asks what "Which ...?" asks; the kind runs to a name or a pronoun.
    named = "Name the concrete Kazakh-Israeli projects Mesejnikov refers to."
    assert answer_type_words(named) == {"concrete", "kazakh-israeli", "projects"}
    one = "Name one of the concrete projects that they carry out together."
    assert answer_type_words(one) == {"concrete", "projects"}


def test_what_someone_said_needs_a_sentence_reporting_their_words() -> None:
    from rag.answer_types import reported_speaker

    assert reported_speaker("What did Tokayev say when announcing the ban?") == {"tokayev"}
    assert reported_speaker("What did the analyst say about Armenia?") == set()
    # A reason someone gave is in their own words too.
    assert reported_speaker("What official reason did the ministry give?") == {"ministri"}
    assert reported_speaker("What reason does the analyst give for the move?") == set()


def test_a_reason_helps_a_why_answer_but_its_absence_does_not_rule_one_out() -> None:
    from rag.answer_types import type_match

    because = "It is due to the fact that the policy has become aggressive."
    assert type_match(["reason"], set(), because, set()) == 1
    assert type_match(["reason"], set(), "The policy has become aggressive.", set()) == 0
    # A motive given in passing is a reason too.
    motive = "Armenia, disillusioned with Moscow's support, has set a course away from it."
    assert type_match(["reason"], set(), motive, set()) == 1


def test_a_list_is_three_things_in_a_row_but_not_an_aside() -> None:
    from rag.answer_types import type_match

    listing = "It can cause economic pressure, blackmail, other forms of external pressure."
    assert type_match(["list"], set(), listing, set()) == 1
    aside = "This direction is more clearly manifested after Russia, in fact, surrendered Armenia."
    assert type_match(["list"], set(), aside, set()) == 0


def test_a_view_the_speaker_marks_as_their_own_helps_a_does_he_think_answer() -> None:
    from rag.answer_types import type_match

    assert type_match(["stance"], set(), "But I think it is hardly possible at all.", set()) == 1
    trying = "He is trying to get Israel to cooperate with other states."
    assert type_match(["purpose"], set(), trying, set()) == 1
    assert (
        type_match(["purpose"], set(), "He has a mindset to solve problems by force.", set()) == 0
    )
    assert type_match(["stance"], set(), "The Americans want him to distance himself.", set()) == 0
    # A list names three things in a row.
    listed = "It can cause economic pressure, blackmail, other forms of pressure, and even war."
    assert type_match(["list"], set(), listed, set()) == 1
    assert type_match(["list"], set(), "It can cause economic pressure and blackmail.", set()) == 0
    # What a thing is tied to is said as a tie: "it has to do with the meeting". A sentence
    # saying none is no answer, however many of the question's words it has.
    meeting = "I think it has to do with the results of the meeting."
    assert type_match(["connection"], set(), meeting, set()) == 1
    assert type_match(["connection"], set(), "Kazakhstan joined the accords.", set()) == -1
    # Advice is what should, must or is important to be done now, not what had to be done.
    follow = "Now it is extremely important to follow Russia's reaction."
    assert type_match(["advice"], set(), follow, set()) == 1
    assert type_match(["advice"], set(), "Kazakhstan has had to take it into account.", set()) == 0
    assert type_match(["advice"], set(), "I think it has to do with the meeting.", set()) == 0


def test_a_role_question_needs_a_name_next_to_the_role() -> None:
    from rag.answer_types import type_match

    kinds = expected_types("Who is Kazakhstan's energy minister?")
    known = {"kazakhstan", "energi", "minist"}
    # "Ministry" is no minister's name, and a name elsewhere answers nothing.
    ministry = "The Ministry of Energy of Kazakhstan imposed a ban. Including to Russia."
    assert type_match(kinds, set(), ministry, known) == -1
    assert type_match(kinds, set(), "Russia plays by different rules.", known) == -1
    assert type_match(kinds, set(), "Energy minister Almasadam Satkaliyev signed it.", known) == 1
    # The role must belong to what the question says it belongs to.
    president = expected_types("What is the name of Azerbaijan's president?")
    scientist = "A political scientist and president of the Institute of Social Problems, Ivan Ho"
    assert type_match(president, set(), scientist, {"name", "azerbaijan", "presid"}) == -1
    assert type_match(president, set(), scientist, {"name", "institut", "presid"}) == 1
    # ... however the question ends.
    current = expected_types(
        "Who is the current president of Azerbaijan, according to the article?"
    )
    assert current == ["holder", "name"]


def test_a_post_is_given_next_to_the_name_of_whom_it_is_asked() -> None:
    intro = "We talked to political scientist and president of the Institute Ivan Horak:"
    assert has_answer_type("post", intro, {"horak", "post", "hold"})
    assert has_answer_type("post", "Horak, an economist, said so.", {"horak"})
    assert has_answer_type("post", "Horak is the mayor.", {"horak"})
    # "the analyst" stands for whoever the document gives a post.
    assert has_answer_type("post", intro, {"analyst", "job"})
    # Not someone else's post, none at all, nor one across a clause's end.
    assert not has_answer_type("post", intro, {"tokayev", "job"})
    assert not has_answer_type("post", "Tokayev is a pragmatic opportunist.", {"tokayev"})
    assert not has_answer_type("post", "Political Analyst: Tokayev Made It", {"tokayev"})


def test_a_reaction_is_a_response_words_or_a_feeling() -> None:
    assert has_answer_type("reaction", "This, on the one hand, caused surprise.", set())
    assert has_answer_type("reaction", "Minsk rejected the offer.", set())
    assert not has_answer_type("reaction", "Washington is sending signals to Minsk.", set())
    assert not has_answer_type("reaction", "Kazakhstan joined the so-called accords.", set())
    # Another's reaction is none of the one asked about ("How did Lukashenko react?").
    given = "Russia's reaction was swift."
    assert not has_answer_type("reaction", given, {"lukashenko", "react"})
    assert has_answer_type("reaction", given, {"russia", "react"})
    # ... even when the question names the other too: who reacts is who it asks about.
    asked = "How did Lukashenko respond to signals about distancing from Russia?"
    assert reactor_terms(asked) == {"lukashenko"}
    both = {"lukashenko", "respond", "signal", "distanc", "russia"}
    assert not has_answer_type("reaction", given, both, reactor=reactor_terms(asked))
    # A reaction yet to be watched for is none reported.
    follow = "It is important to follow Russia's reaction."
    assert not has_answer_type("reaction", follow, {"russia", "react"})
    assert not has_answer_type("reaction", "We await Moscow's response.", {"moscow"})
    assert reactor_terms("Any response from Tokayev's office?") == {"tokayev", "offic"}
    assert reactor_terms("What reaction does he say the move caused?") == set()
    assert reactor_terms("Kremlin official response to the ban") == {"kremlin"}


def test_a_place_follows_a_locative_word_not_a_relation() -> None:
    assert has_answer_type("place", "Separatism in northeastern Kazakhstan.", set())
    assert has_answer_type("place", "The summit in the Kazakh capital Astana.", set())
    assert not has_answer_type("place", "Look at relations between Russia and Baku.", set())


def test_a_war_is_named_by_where_it_is_fought() -> None:
    ukraine = "Because of what is happening in Ukraine, one cannot be sure."
    assert has_answer_type("war", ukraine, {"war", "neighbour"})
    assert has_answer_type("war", "The war in Syria goes on.", set())
    # A place named for another reason is no war.
    assert not has_answer_type("war", "He will weigh the situation in Kazakhstan.", set())


def test_a_city_is_a_named_place_not_the_whole_a_part_lies_in() -> None:
    assert has_answer_type("city", "He heads an institute (Bratislava).", set())
    assert has_answer_type("city", "The protests began in Pavlodar.", set())
    # "northeastern Kazakhstan" is a part of a country, and "from Russia" no location.
    assert not has_answer_type("city", "Separatism in northeastern Kazakhstan.", set())
    assert not has_answer_type("city", "They want him to detach from Russia.", set())


def test_an_exception_is_a_sentence_saying_what_is_left_out() -> None:
    assert has_answer_type("exception", "The ban covers all fuels except jet fuel.", set())
    assert has_answer_type("exception", "It does not apply to diesel.", set())
    assert not has_answer_type("exception", "It banned the export of major oil products.", set())


def test_narrower_kinds_need_their_own_evidence() -> None:
    from rag.answer_types import type_match

    share = expected_types("What share of Kazakhstan's population is Russian?")
    assert type_match(share, set(), "The five Central Asian states met.", set()) == -1
    assert type_match(share, set(), "About 15% of residents are Russian.", set()) == 1
    parties = expected_types("Between whom was the accord concluded?")
    assert type_match(parties, set(), "It is between Arab countries and Israel.", set()) == 1
    assert type_match(parties, set(), "Kazakhstan joined the accords.", set()) == -1
    # Parties are named: "two partners and the other" names none.
    vague = "It is not just an agreement between two partners on one side and the other."
    assert type_match(parties, set(), vague, set()) == -1
    # 'Who were the parties' needs the parties, not just any name.
    who = expected_types("Who were the original parties to the deal?")
    assert type_match(who, set(), "It was prepared by the American administration.", set()) == -1


def test_soft_kinds_help_without_ruling_out() -> None:
    from rag.answer_types import type_match

    describe = expected_types("How does the analyst describe Tokayev?")
    assert type_match(describe, set(), "Tokayev is of course a pragmatic opportunist.", set()) == 1
    assert type_match(describe, set(), "Tokayev takes all factors into account.", set()) == 0
    # "so-called" is no "so" before an adjective.
    joined = "Kazakhstan became part of so-called accords."
    assert type_match(describe, set(), joined, set()) == 0
    example = expected_types("Which country is given as an example of his approach?")
    assert type_match(example, set(), "Look what is happening around Venezuela.", set()) == 1
    assert type_match(example, set(), "He met Donald Trump.", set()) == 0
    assert type_match(example, set(), "He has a mindset to solve problems by force.", set()) == -1


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is the title of the article?", "title"),
        ("When was the interview published?", "published"),
        ("Which website ran the interview?", "outlet"),
        ("When did Kazakhstan ban exports?", None),
        # Things inside the document are not the document.
        ("When was the decree published?", None),
        ("What title does the analyst give Tokayev?", None),
        ("Who ran the ministry?", None),
        ("On what date did this story come out?", "published"),
        ("On what day was this Charter97 piece published?", "published"),
        ("According to the title, who made the decision?", "title"),
        ("Per the headline, which leader acted?", "title"),
        ("How does the article end?", "ending"),
        ("With what question does the interview close?", "ending"),
        ("When does the ban end?", None),
        ("What did the report conclude?", None),
        ("What does the article's subheading claim?", "subhead"),
        ("What claim opens the article?", "opening"),
        ("What's the one-liner under the title about?", "subhead"),
        ("What was the first claim Russia made?", None),
        ("when was this thing posted?", "published"),
        ("With what question does the analyst close his remarks?", "ending"),
        ("Which think tank does the analyst lead?", "speaker"),
        ("What is the interviewed expert's nationality?", "speaker"),
        ("Who did the site interview?", "speaker"),
        ("Whom did Charter97 interview about Astana's ban?", "speaker"),
        ("Who was interviewed?", "speaker"),
        ("What was the analyst they spoke to called?", "speaker"),
        ("Could you remind me what the interviewed analyst is called?", "speaker"),
        ("Who did Trump talk to?", None),
        # Someone the document reports on is not whom it interviews.
        ("Who did Tokayev talk to?", None),
        ("Who is the minister?", None),
        # Terse and newsroom forms.
        ("Date of piece?", "published"),
        ("Time stamp on it?", "published"),
        ("Hed's claim re Tokayev?", "title"),
        ("Outlet running the interview?", "outlet"),
        ("Date of the ban?", None),
        ("What publication date appears under the headline?", "published"),
        ("What's the one-liner teaser at the top saying?", "subhead"),
        ("What's that short line at the top saying?", "subhead"),
        ("What's the one-line takeaway at the top about the former Soviet countries?", "subhead"),
        ("In the site's own lead-in line, which verb is used?", "subhead"),
        ("Tell me who the expert guest is.", "speaker"),
        ("Is the interviewed analyst Russian or Kazakh?", "speaker"),
        ("what country is the analyst from", "speaker"),
        # The counter a news page prints under its date line.
        ("What figure is shown just below the date stamp?", "views"),
        ("View count shown?", "views"),
        ("How many views does the article show?", "views"),
        ("How many people does Russia view as a threat?", None),
        ("What time was it posted?", "published"),
        ("What research institution does the interviewee head?", "speaker"),
        # Who put the questions is named only in a byline.
        ("Which journalist conducted the interview with Mesejnikov?", "author"),
        ("Which Charter97.org reporter wrote it?", "author"),
        ("How does the piece's one-line lead frame the story?", "subhead"),
        ("On which date was the article released?", "published"),
        ("what date was this posted", "published"),
        # Any date question naming the document with a verb of putting it out.
        ("When did Charter97 run this piece?", "published"),
        ("On what date did Charter97 publish the conversation with Mesejnikov?", "published"),
        ("What year is the article from?", "published"),
        ("When was the article last updated?", "published"),
        ("When did Kazakhstan publish the decree on the ban?", None),
        ("When did the article say the ban began?", None),
        ("When was the ban released?", None),
        ("What date did Kazakhstan ban exports?", None),
        # A keyword query asks what the question it abbreviates asks.
        ("analyst full name", "speaker"),
        ("outlet that interviewed the analyst", "outlet"),
        ("piece dated when", "published"),
        ("minister full name", None),
        ("analyst name pls", "speaker"),
        ("Which analyst did Charter97 speak to about the ban?", "speaker"),
        ("Which expert does the minister quote?", None),
    ],
)
def test_questions_about_the_document_itself_are_recognised(
    question: str, kind: str | None
) -> None:
    from rag.answer_types import document_question

    assert document_question(question) == kind


def test_a_follow_up_asks_more_about_the_document_and_sites_are_named() -> None:
    from rag.answer_types import document_question, names_a_site

    # A follow-up may ask more about what the turn before asked about the document.
    speaker = "Analyst's name and think tank? His nationality?"
    assert document_question("His nationality?", speaker) == "speaker"
    assert document_question("His view of Trump?", speaker) is None
    published = "When was this posted? And at what time?"
    assert document_question("And at what time?", published) == "published"
    assert document_question("His nationality?", published) is None
    analyst = "Who is the analyst?"
    assert document_question("What institute does he head?", analyst) == "speaker"
    assert document_question("Where is he from?", analyst) == "speaker"
    assert document_question("Which institute does he preside over?", analyst) == "speaker"
    assert document_question("Where is he from?", published) is None
    # Only the date line has a date: a date asked after the analyst is not asked of it.
    founded = "Which think tank does the analyst head? In what year was it founded?"
    assert document_question("In what year was it founded?", founded) is None
    assert names_a_site("About this Charter97.org talked to a scientist")
    assert not names_a_site("He paused. Then he spoke.")


def test_a_number_answers_how_many_only_when_it_may_count_what_was_asked() -> None:
    from rag.answer_types import counted_terms

    states = "the heads of the five Central Asian states"
    leaders = counted_terms("How many Central Asian leaders sat down with Trump?")
    russians = counted_terms("How many ethnic Russians live in northern Kazakhstan?")
    assert {"ethnic", "russian"} <= russians
    assert has_answer_type("quantity", states, set(), leaders)
    assert not has_answer_type("quantity", states, set(), russians)
    assert has_answer_type("quantity", "About 3.5 million people live there.", set(), russians)
    assert has_answer_type("quantity", "The walrus colony grew to 400 animals.", set(), {"walrus"})
    # A word like "us" before the counted noun is skipped: troops are counted, not states.
    troops = counted_terms("how many us troops are stationed in kazakhstan")
    assert troops == {"troop"}
    assert not has_answer_type("quantity", states, set(), troops)


def test_between_whom_is_answered_by_the_parties_to_what_was_asked_about() -> None:
    accord = {"accord", "origin", "conclud"}
    meeting = "the very discussion at the meeting between Donald Trump and the heads of states"
    assert not has_answer_type("parties", meeting, accord)
    assert has_answer_type("parties", "the accord was signed between Israel and Bahrain", accord)
    # "The one between ..." stands for what was named before it.
    one = "The agreement in question is the one between Arab countries and Israel."
    assert has_answer_type("parties", one, accord)
    # What the clause before "between" names is read within its own sentence.
    pair = "Kazakhstan acted now. It has to do with the meeting between Donald Trump and the heads"
    assert not has_answer_type("parties", pair, {"kazakhstan", "agreement"})
    # With nothing asked about beyond the parties, any pair of named parties answers.
    assert has_answer_type("parties", meeting, set())


@pytest.mark.parametrize(
    "sentence",
    [
        "This, on the one hand, caused surprise in Kazakhstan.",
        "The agreement in question is the one between Kazakhstan and Israel.",
        "Kazakhstan is one of the partners.",
        "Kazakhstan cannot be sure that one day this will not happen.",
    ],
)
def test_one_standing_for_a_thing_or_a_time_counts_nothing(sentence: str) -> None:
    from rag.answer_types import counted_terms

    trade = counted_terms("How much is Kazakhstan's trade with Israel worth each year?")
    assert not has_answer_type("quantity", sentence, set(), trade)
    # The same sentences with a count in them do answer.
    assert has_answer_type("quantity", sentence.replace(".", " in two ways."), set(), trade)


def test_a_place_answers_only_in_a_sentence_speaking_of_what_was_asked() -> None:
    intro = "He spoke to the head of an institute (Bratislava). Kazakhstan made a decision."
    cities = {"citi", "northeastern", "kazakhstan", "ethnic", "russian"}
    # "(Bratislava)" stands in a sentence sharing no word with "Which cities in
    # northeastern Kazakhstan ...?"; the sentence that does share one names no place.
    assert not has_answer_type("place", intro, cities)
    assert has_answer_type("place", intro, {"institut", "base"})
    # A follow-up about the reply ("And which city is it in?") may find it in the reply.
    assert has_answer_type("place", intro, {"citi"}, anchors={"citi", "institut"})


def test_a_clock_time_answers_what_time() -> None:
    assert has_answer_type("date", "9- 14.11.2025, 16:59", set())
    assert has_answer_type("date", "The meeting began at 9:30.", set())
    assert not has_answer_type("date", "The score was 24,006.", set())


def test_whose_view_is_asked_for_is_found() -> None:
    from rag.answer_types import attribution_words

    assert attribution_words("According to Mesejnikov, whose invention are the accords?") == {
        "mesejnikov"
    }
    assert attribution_words("What does Mesejnikov blame for it?") == {"mesejnikov"}
    assert attribution_words("Which party holds sway, per the analyst?") == {"analyst"}
    assert attribution_words("Why, in the analyst's view, was it a surprise?") == {"analyst"}
    # Pronouns and what someone wants or does are not attributions.
    assert attribution_words("Why, according to him, is it so?") == set()
    assert attribution_words("What does Washington want Lukashenko to do?") == set()
    # Whose words a wording question asks about.
    assert attribution_words("Which term does Mesejnikov use for Russia?") == {"mesejnikov"}
    assert attribution_words("What tools does Russia use against neighbours?") == set()


@pytest.mark.parametrize(
    ("question", "points"),
    [
        ("Who are the original parties to that pact?", True),
        ("What followed that, according to him?", True),
        ("What lever could Moscow pull there?", True),
        ("Who else does he put in that camp?", True),
        # "that" opening what someone thinks, and an existential "there", point at nothing.
        ("Does he think that Russia will react?", False),
        ("Is there any official reason?", False),
        ("For how long?", False),
    ],
)
def test_a_demonstrative_points_back_at_what_was_just_said(question: str, points: bool) -> None:
    assert points_back(question) is points


def test_whose_first_or_full_name_is_asked_for_is_found() -> None:
    from rag.answer_types import full_name_of

    assert full_name_of("Pashinyan's first name?") == "Pashinyan"
    assert full_name_of("What is the full name of Mesejnikov?") == "Mesejnikov"
    # A texter writes the name in lower case, and may say "full first name".
    assert full_name_of("whats tokayev's full first name") == "tokayev"
    assert full_name_of("What is the minister's first name?") is None
    # Whom the piece quotes is a question about the document, answered elsewhere.
    assert full_name_of("What is the analyst's full name?") is None


def test_a_byline_is_a_short_line_naming_the_author() -> None:
    from rag.answer_types import is_byline

    assert is_byline("By Jane Smith")
    assert is_byline("Author: John Doe")
    assert not is_byline("By the way, I would say that this is an invention of Donald Trump.")
    assert not is_byline("by the Ministry")


def test_a_maker_is_named_as_the_one_a_thing_is_by_or_of() -> None:
    assert has_answer_type("maker", "These agreements were prepared by the American side.", set())
    assert has_answer_type("maker", "This is an invention of Donald Trump.", set())
    assert has_answer_type("maker", "The site was founded by Belarusian journalists.", set())
    # Naming someone is not naming who made the thing.
    assert not has_answer_type(
        "maker", "It came up at the meeting between Donald Trump and them.", set()
    )


def test_what_a_description_question_asks_about_and_a_sentence_saying_what_it_is() -> None:
    from rag.answer_types import described_subject, says_what_is

    assert described_subject("What label does the analyst apply to Russia?") == "Russia"
    assert described_subject("How does the analyst describe Tokayev?") == "Tokayev"
    assert described_subject("What term does Mesejnikov use to label Russia?") == "Russia"
    # A possession is not the thing described ("Kazakhstan's president" is not Kazakhstan).
    assert described_subject("How does he describe Kazakhstan's president?") is None
    # ... but its standing is.
    label = "What label does the analyst apply to Russia's international standing?"
    assert described_subject(label) == "Russia"
    assert says_what_is("Russia", "Russia, in fact, is a pariah country, and it has become ...")
    assert says_what_is("Tokayev", "Tokayev is of course a pragmatic opportunist.")
    assert not says_what_is("Russia", "Russia is losing the South Caucasus.")
    assert not says_what_is("Russia", "Tokayev is of course a pragmatic opportunist.")


def test_a_nationality_is_given_with_a_profession() -> None:
    from rag.answer_types import type_match

    kinds = expected_types("Where's the analyst from — what nationality?")
    intro = "We talked to Slovak political scientist Ivan Horak."
    assert type_match(kinds, set(), intro, {"analyst", "nation"}) == 1
    # A place or a name is no nationality, nor is a capitalised title.
    tokayev = "Tokayev is of course a pragmatic opportunist."
    assert type_match(kinds, set(), tokayev, {"analyst", "nation"}) == -1
    title = "Political Analyst: Tokayev Made This Decision"
    assert type_match(kinds, set(), title, {"analyst", "nation"}) == -1


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("According to Mesejnikov, why are neighbours pulling away?", True),
        ("Why are Russia's neighbors keeping their distance, in his view?", True),
        ("What's his main explanation for why they are drifting away?", True),
        ("Why does he think countries are distancing themselves from Russia?", True),
        # The interviewer's view is in the questions, not in the replies.
        ("Which region does the interviewer say Russia is losing?", False),
        ("Which region, according to the interviewer's question, is Russia losing?", False),
        ("Why are Russia's neighbours pulling away?", False),
    ],
)
def test_a_question_asking_for_an_interviewees_view_is_told(question: str, asks: bool) -> None:
    from rag.answer_types import asks_a_view

    assert asks_a_view(question) is asks


def test_a_question_asking_only_what_to_watch_and_a_sentence_saying_it_are_told() -> None:
    from rag.answer_types import asks_what_to_watch, says_what_to_watch

    assert asks_what_to_watch("What should observers be watching now, per the expert?")
    assert asks_what_to_watch("What does he say we ought to keep an eye on now?")
    assert asks_what_to_watch("what to watch next per him")
    assert asks_what_to_watch("Tell me what the analyst thinks we should be watching now.")
    # Something named to watch, or who is to be watched, asks more.
    assert not asks_what_to_watch("What should investors monitor regarding fuel prices?")
    assert not asks_what_to_watch("Which propaganda circle does he say should be watched?")
    assert says_what_to_watch("Now it is extremely important to follow Russia's reaction.")
    assert not says_what_to_watch("And here we have to answer for our close ally.")
