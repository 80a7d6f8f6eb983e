"""What kind of answer a question asks for, and whether a sentence holds one."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from index.splitter import split_sentences
from rag.text import FRAMING_WORDS, STOPWORDS, WH, terms

_NUM = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
    r"|dozen|dozens|hundreds?|thousands?|millions?|billions?|half|several|a few)"
)
_TIME_UNIT = r"(?:second|minute|hour|day|week|month|year|decade)s?"
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_PRONOUNS = frozenset("he she they it him her them".split())
_DATE = re.compile(
    rf"\b(?:1[89]|20)\d\d\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|\b(?:{_MONTHS})\b"
    r"|\b(?:yesterday|today|last|next) \w+|\b[012]?\d:[0-5]\d\b",
    re.I,
)
_DURATION = re.compile(rf"\b{_NUM}\s+(?:\w+\s)?{_TIME_UNIT}\b|\bhalf a year\b", re.I)
_QUANTITY = re.compile(rf"\b{_NUM}\b(?!\s+(?:\w+\s)?{_TIME_UNIT}\b)|%", re.I)
# A part of a place: "northeastern Kazakhstan", "the south", "western regions".
_COMPASS = re.compile(r"\b(?:north|south|east|west)(?:ern|-?east(?:ern)?|-?west(?:ern)?)?\b")
_SUBDIVISION = re.compile(
    r"\b(?:regions?|provinces?|oblasts?|districts?|border(?:lands?|s)?|coast(?:al)?|capital"
    r"|countryside|outskirts|interior)\b",
    re.I,
)
_SETTLEMENT = (
    r"cit(?:y|ies)|towns?|villages?|capitals?|settlements?|municipalit(?:y|ies)"
    # ... and the named parts a country is divided into: "Which provinces ...?"
    r"|provinces?|oblasts?|districts?|counties|county"
)
# Where a war is: "what is happening in Ukraine", "the war in Syria", "the invasion of X".
_FOUGHT_IN = re.compile(
    r"\b(?:happening|going on|war|wars|conflict|fighting|fought|invasion|occupation|battles?"
    r"|hostilities)\s+(?:in|of|on|around)\s+(?:the\s+)?((?-i:[A-Z])[\w'’-]+)",
    re.I,
)
# A place: a capitalised name after a locative preposition, or a bare one in brackets.
_PLACE = re.compile(
    r"\b(?:in|at|near|from|inside|outside|around|across|throughout)\s+"
    r"(?:(?!(?:between|with|of|to|for|by|against|about|on|over|than)\b)\w+\s){0,2}?"
    r"([A-Z][\w'’-]+)|\(([A-Z][a-z][\w'’-]+)\)"
)


# Asking how someone reacted; the group caught is who reacted.
_ASKS_REACTION = re.compile(
    r"\bhow\s+(?:did|has|have|had|was|were)\s+((?:[\w'’.-]+\s+){1,5}?)"
    r"(?:(?:officially|publicly)\s+)?(?:react|reacted|respond|responded|reply|replied"
    r"|receive|received|greet|greeted)\b"
    # "Has Moscow officially responded to the ban yet?"
    r"|^\W*(?:has|have|did)\s+((?:[\w'’.-]+\s+){1,4}?)(?:(?:officially|publicly|already)\s+)?"
    r"(?:react|reacted|respond|responded|replied|commented|retaliated|retaliate"
    # "Has Moscow issued an official response to the ban?"
    r"|(?:issued|made|given|released)\s+(?:an?\s+|any\s+)?(?:(?:official|formal|public)\s+)?"
    r"(?:response|reaction|statement|comment))\b"
    # "Any on-record response from Tokayev's office?"
    r"|\b(?:responses?|reactions?|replies|reply|comments?)\s+(?:from|by)\s+([^?,;]*)"
    # "Kremlin official response to the export ban"
    r"|^\W*((?:[\w'’.-]+\s+){1,3}?)(?:(?:official|public|formal)\s+)?(?:responses?|reactions?)"
    r"\s+(?:to|on)\b"
    # "What reaction does he say the move caused?"
    r"|\b(?:what|which)\s+(?:[\w-]+\s+)?(?:reactions?|responses?)\b",
    re.I,
)


@dataclass(frozen=True)
class AnswerType:
    """What kind of answer a question asks for, and a test that a sentence has one."""

    name: str
    asks: re.Pattern[str]


# A follow-up may open with a conjunction: "And when?", "So where is it?", "But who ...?";
# any question may open with who it asks after: "According to Mesejnikov, why ...?"
_LEAD = r"(?:^|[,;:]\s)\W*(?:(?:and|so|but|then|also|ok|okay)\W+)?"
# A question asked inside another: "Does the piece say where the meeting was held?", "Can you
# tell me who ...?" asks where, or who, all the same.
_EMBEDDED = (
    r"(?:(?:(?:does|do|did|can|could|will|would)\s+(?:[\w'’-]+\s+){0,2}?(?:say|mention|report"
    r"|specify|state|reveal|explain|indicate|tell|know|note|clarify|disclose|remind)"
    r"|tell)(?:\s+(?:us|me))?\s+"
    # "I wonder who ...", "I'd like to know what ...", "I was curious how ..."
    r"|(?:I\s+)?(?:(?:was|am)\s+|['’]m\s+)?(?:wonder(?:ing|ed)?|curious(?:\s+to\s+know)?"
    r"|(?:would|['’]d)\s+(?:like|love)\s+to\s+know|want(?:ed)?\s+to\s+know)\s+)"
)
_ASKED = rf"{_LEAD}(?:{_EMBEDDED})?"
# A request in place of a question: "Confirm the date ...", "Please give me the number ...".
_REQUEST = (
    r"^\W*(?:(?:and|so|ok|okay|please)\W+)*(?:confirm|give|tell|state|provide|name|find"
    r"|list|check)\s+(?:(?:me|us)\s+)?"
)
# The opening of a question, with up to two such words: "ok so what should we watch?"
_OPENING = r"^\W*(?:(?:and|so|but|ok|okay)\W+){0,2}"
# The auxiliary verbs that end a question's opening noun phrase ("which big power *is* ...").
_AUXILIARIES = (
    r"is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|may|might|must"
)
# Words that may follow a name without making it a modifier of the next word.
_FUNCTION_WORDS = (
    r"he|she|they|it|we|you|in|on|at|to|for|from|of|with|by|that|which|where|who|and|or|as"
    r"|according|exactly|specifically"
)
# "Which part of the country ...?" asks for a region; "Which part of the Kazakh government
# ...?" or "of Kazakhstan's government" for a body, not a place: a name that is no more than
# a word before a noun, or owns it.
_PART_OF = (
    r"\b(?:which|what)\s+parts?\s+of\s+(?:the\s+|its\s+)?(?:country|world|city|region|state"
    r"|territory|continent|(?-i:[A-Z])\w+\b(?!['’]s\b)"
    rf"(?!\s+(?!(?:{_AUXILIARIES}|{_FUNCTION_WORDS})\b)"
    r"(?-i:[a-z])))"
)
# A word between "which"/"what" and the noun naming the answer's kind ("which big power"),
# never a verb ("what did the minister say" asks no name).
_MODIFIER = rf"(?:(?!(?:{_AUXILIARIES})\b)[\w-]+\s+)"
# "Who is Tokayev?" asks what the document says about someone named, not for a name.
_IS_NAMED = r"\s+(?:is|was)\s+(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)*\W*$"
_WHO_IS_NAMED = rf"^\W*who{_IS_NAMED}"
# People holding a role: "Who is Kazakhstan's energy minister?" names the role and nothing else.
_ROLES = (
    r"(?:minister|president|prime minister|premier|leader|head|chair(?:man|woman|person)?|ceo"
    r"|director|governor|mayor|ambassador|spokes(?:man|woman|person)|secretary|chief|founder"
    r"|author|editor|owner|king|queen|commander|general|envoy)s?"
)
# Professions a person is introduced by ("Slovak political scientist").
_PROFESSIONS = (
    r"analyst|scientist|expert|professor|researcher|economist|journalist|historian|lawyer"
    r"|diplomat|politician"
)
# A question about the words used: "Which term does Mesejnikov use for Russia?"
_WORDING = (
    r"\b(?:which|what)\s+(?:single\s+)?(?:term|word|label|phrase|adjective|adverb|verb|noun"
    r"|expression|epithet)\s+(?:does|did|do)\s+((?:the\s+)?[\w'’-]+)\s+use\b"
)
# ... but a text's title is no post ("What is the article's title?").
_NOT_A_TEXT = (
    r"(?!(?:the\s+|this\s+|its\s+)?(?:article|interview|piece|story|report|document|text|page"
    r"|headline|site|website"
    r"|book|paper|chapter)\b)"
)
_WHOSE_POST = (
    rf"{_NOT_A_TEXT}(?:the\s+)?(?:his|her|their|[\w'’.-]+['’]s)\s+(?:[\w-]+\s+)?(?:post|title"
    r"|job|occupation|profession)\W*$"
)
_LABEL_ON = (
    r"\bwhat\s+(?:[\w-]+\s+)?(?:label|tag|epithet|name|term|description|characteri[sz]ation)\s+"
    r"(?:does|do|did)\s+.+?\s+(?:apply|attach|put|give|pin|use)\s+(?:to|on|for)\s+"
)
ANSWER_TYPES = (
    # Where someone is from: "What nationality is the analyst?", "What country is he from?" is
    # answered by a sentence giving them a nationality ("Slovak political scientist").
    AnswerType(
        "origin",
        re.compile(
            r"\bnationality\b|\bwhere\s+(?:is|was|does|did)\s+.+?\s+(?:from|come\s+from|hail\s+from)\W"
            r"|\b(?:what|which)\s+country\s+(?:is|was|does|did)\s+.+?\s+(?:from|come\s+from)\b",
            re.I,
        ),
    ),
    # The post someone holds: "What post does he hold?", "What is Tokayev's job?" is answered
    # by a sentence giving them one ("president of the Institute ... Grigory Mesejnikov").
    AnswerType(
        "post",
        re.compile(
            r"\b(?:what|which)\s+(?:[\w-]+\s+)?(?:posts?|offices?|positions?|titles?|jobs?|ranks?"
            rf"|occupations?|professions?)\s+(?:does|did|do)\s+{_NOT_A_TEXT}.+?\s+(?:hold|have|occupy"
            r"|fill)\b"
            # ... but "What is his position on sanctions?" asks for a view.
            rf"|\bwhat\s+(?:is|was)\s+{_WHOSE_POST}"
            r"|\bwhat\s+(?:does|did)\s+.+?\s+do\s+for\s+a\s+living\b"
            rf"|{_OPENING}{_WHOSE_POST}",
            re.I,
        ),
    ),
    AnswerType(
        "holder",
        re.compile(
            rf"{_LEAD}(?:who|what)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:name\s+of\s+)?"
            rf"(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?{_ROLES}(?:\s+of\s+[\w'’ -]+?)?"
            # "..., according to the article?"
            r"(?:,?\s+(?:according\s+to|per|in)\s+(?:the|this)\s+\w+)?\W*$"
            # "Who heads Kazakhstan's Ministry of Energy?" asks for the head named as such.
            rf"|{_LEAD}who\s+(?:currently\s+|now\s+)?(?:leads|heads|runs|chairs|directs|manages"
            r"|governs|rules|is in charge of)\b",
            re.I,
        ),
    ),
    AnswerType(
        "share",
        re.compile(
            r"\b(?:what|which)\s+(?:share|percentage|proportion|percent|fraction)\b"
            # A terse question names the kind first: "Ethnic Russian share of the population?"
            rf"|{_LEAD}(?:[\w'’-]+\s+){{0,3}}?(?:share|percentage|proportion)\s+of\b",
            re.I,
        ),
    ),
    AnswerType(
        "parties",
        re.compile(
            r"\bbetween\s+(?:whom|which|what)\b|\bwho\b.*\bbetween\W*$"
            # "Who were the parties ...?", "Which countries were the original signatories?"
            r"|\b(?:who|which|what)\b.*\b(?:were|are)\s+the\s+(?:\w+\s+)?(?:parties|sides"
            r"|signatories)\b"
            # ... asked inside another: "Tell me who the original parties to it are."
            r"|\b(?:who|which)\s+(?:the\s+)?(?:\w+\s+)?(?:parties|sides|signatories)\b",
            re.I,
        ),
    ),
    AnswerType(
        "description",
        re.compile(
            r"\bhow(?:\s+(?:does|do|did|would)|['’][sd])\s+.+?\s+(?:describe|label|characteri[sz]e"
            r"|call|portray"
            rf"|see|view|assess|rate)\b|{_WHO_IS_NAMED}"
            # "Confirm how Mesejnikov characterises Belarus's status."
            r"|\bhow\s+(?:[\w'’.-]+\s+){1,3}?(?:describes|described|labels|labelled|labeled"
            r"|characteri[sz]es|characteri[sz]ed|calls|called|portrays|portrayed)\b"
            # "What does he call Russia?", "Which term does he use to label Russia?"
            r"|\bwhat\s+(?:(?:kind|sort|type)\s+of\s+[\w-]+\s+)?(?:does|do|did)\s+.+?\s+"
            r"(?:call|dub|label|brand)\s+(?-i:[A-Z])"
            # "What label does the analyst apply to Russia?", "What tag does he put on it?"
            rf"|{_LABEL_ON}"
            rf"|{_WORDING}",
            re.I,
        ),
    ),
    AnswerType(
        "example",
        re.compile(
            r"\b(?:as an|for an?|give an?|an)\s+example\b|\bfor instance\b"
            # "What example does he give ...?"
            r"|\b(?:what|which)\s+(?:[\w-]+\s+)?examples?\s+(?:does|do|did|is|was)\b"
            r"|\b(?:his|her|their|its|the)\s+examples?\s+of\b"
            # "Which country does he point to as an illustration of Trump's approach?"
            r"|\b(?:as|for)\s+an?\s+(?:illustration|case in point)\b",
            re.I,
        ),
    ),
    AnswerType(
        "purpose",
        re.compile(
            r"\b(?:trying|try|tries|seeking|seek|seeks|hoping|hope|hopes|aiming|aim|aims|want"
            r"|wants|wanted|hoped|sought)\s+to\s+(?:achieve|accomplish|gain|get out of|win)\b"
            r"|\bwhat\s+(?:is|was|are|were)\s+(?:the|its|their|his|her)\s+(?:\w+\s+)?"
            r"(?:goals?|aims?|purposes?|objectives?|intentions?)\b|\bto what end\b"
            # "What objective does he ascribe to Trump?", "Which aim does he see behind it?"
            r"|\b(?:what|which)\s+(?:\w+\s+)?(?:goals?|aims?|purposes?|objectives?|intentions?)\s+"
            r"(?:does|do|did)\b",
            re.I,
        ),
    ),
    # What ought to be done: "What should observers watch now?", "What does he consider it
    # important to follow?" is answered by a sentence saying what should or must be done.
    AnswerType(
        "advice",
        re.compile(
            rf"{_OPENING}what\s+(?:should|must|ought to|needs? to)\b"
            rf"|{_OPENING}what\b[^?]*?\b(?:important|essential|crucial|vital|necessary)\s+to\b"
            r"|\bworth\s+\w+ing\b"
            # "What does he tell observers to watch?"
            r"|\bwhat\s+(?:does|did|do|would)\s+.+?\s+(?:tell|urge|advise|recommend|encourage)\s+"
            r"(?:[\w-]+\s+){0,3}?to\b",
            re.I,
        ),
    ),
    # What someone could use against another: "What lever could Russia pull on Kazakhstan?",
    # "What could Moscow stir up inside Kazakhstan?" is answered by a sentence saying what
    # possibilities or means they have.
    AnswerType(
        "means",
        re.compile(
            r"(?:^\W*|\bwhat\s+(?:[\w-]+\s+){0,2}?)(?:levers?|leverage|tools?|instruments?"
            r"|weapons?)\b.*?\b(?:could|can|might|may|would)\b.*?\b(?:use|pull|employ|wield"
            r"|deploy|play|revive|apply|have|against|over)\b"
            r"|\bwhat\s+(?:could|can|might|may)\s+.+?\s+stir\s+up\b",
            re.I,
        ),
    ),
    # How long someone has held a post: "How long has Tokayev been president?" is answered
    # by a duration given with the post or power, not by how long a ban lasts.
    AnswerType(
        "tenure",
        re.compile(
            rf"\b(?:how\s+long|how\s+many\s+(?:years|months|decades)|since\s+when)\s+(?:has|have"
            rf"|had)\s+.+?\s+(?:been\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+)?{_ROLES}\b"
            r"|been\s+in\s+(?:power|office|charge)|(?:ruled|led|governed|headed|run|served))\b",
            re.I,
        ),
    ),
    # Whether a reason was given: "Has Tokayev explained in public why he ordered the ban?",
    # "Does the article say what reason the ministry gave?" is answered only by a sentence
    # giving one (a why-question itself may be answered by one that gives none in words).
    AnswerType(
        "reason given",
        re.compile(
            r"^\W*(?:does|did|do|has|have|had|is|was)\b[^?]*?\b(?:say|says|said|explain|explained"
            r"|give|gave|given|state|stated|mention|mentioned|offer|offered|cite|cited)\s+"
            r"(?:(?:in\s+public|publicly|officially)\s+)?(?:why|what\s+(?:\w+\s+)?reasons?)\b",
            re.I,
        ),
    ),
    # What something brought about: "What impact on prices does the piece attribute to the
    # ban?", "did fuel prices go up bc of the ban" is answered by a sentence saying what a
    # thing caused or led to.
    AnswerType(
        "consequence",
        re.compile(
            r"\b(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:impacts?|effects?|consequences?"
            r"|repercussions?)\b(?!\s+(?:on\s+)?(?:date|day))"
            r"|\b(?:go|went|gone|goes)\s+(?:up|down)\b[^?]*\b(?:because|bc|due\s+to|after)\b"
            r"|\b(?:rise|rose|risen|fall|fell|fallen|drop|dropped|increase[sd]?|decrease[sd]?)\b"
            r"[^?]*\b(?:because\s+of|bc\s+of|due\s+to|as\s+a\s+result\s+of)\b",
            re.I,
        ),
    ),
    # Who gains from something: "And who is it supposed to benefit?" is answered by a sentence
    # saying whom it brings benefits to ("to each of its participants"), named or not.
    AnswerType(
        "beneficiary",
        re.compile(
            r"\b(?:who|whom)\b[^?]*?\b(?:benefit(?:s|ed|ing)?|gain(?:s|ed)?|profit(?:s|ed)?)\b"
            r"|\b(?:benefit\w*|gains?|profits?)\s+(?:to|for)\s+whom\b"
            # "Does he expect the partnership to pay off for those in it?"
            r"|^\W*(?:(?:and|so)\W+)?(?:does|do|did|will|would|is|are|can|could)\b[^?]*\b(?:pay\s+off"
            r"|benefit|be\s+(?:beneficial|worthwhile|profitable)|gain\s+(?:anything|something))\b",
            re.I,
        ),
    ),
    # Whom something was aimed at: "Who was targeted by the retaliatory measures?", "who
    # ended up on the receiving end?" is answered by what a sentence says it was against.
    AnswerType(
        "target",
        re.compile(
            r"\bwho(?:m)?\b[^?]*?\b(?:targeted|targets?|receiving\s+end|suffered|bore\s+the\s+brunt"
            r"|victims?|aimed\s+at|directed\s+at)\b|\bagainst\s+whom\b",
            re.I,
        ),
    ),
    # What someone ties a thing to: "Which meeting does he link the move to?" is answered by
    # "it has to do with ... the meeting".
    AnswerType(
        "connection",
        re.compile(
            r"\b(?:what|which)\s+(?:[\w-]+\s+){0,3}?(?:does|do|did)\s+.+?\s+(?:connect|link|tie"
            r"|relate|associate)\s+.+?\s+(?:to|with)\W*$"
            r"|^\W*(?:to|with)\s+(?:what|which)\b.+?\s+(?:connect|link|tie|relate|associate)\b",
            re.I,
        ),
    ),
    # Asking for several things: "What kinds of pressure can Russia bring?", "the most extreme
    # consequence the analyst lists" is answered by a sentence listing them.
    AnswerType(
        "list",
        re.compile(
            r"\bwhat\s+(?:kinds|types|forms|sorts)\s+of\b"
            r"|\b(?:he|she|they|analyst|expert|article|piece)\s+(?:lists?|enumerates?)\b"
            r"|\b(?:does|do|did)\s+.+?\s+(?:list|enumerate)\b",
            re.I,
        ),
    ),
    AnswerType(
        "stance",
        re.compile(
            rf"{_LEAD}(?:does|do|did|is|are|was|were|can|could|will|would)\b"
            r".*\b(?:think|thinks|believe|believes|expect|expects|consider|considers|feel|feels"
            r"|view|opinion|doubt|doubts|reckon|reckons|deem|deems|optimistic|pessimistic"
            r"|hopeful|confident|sceptical|skeptical|convinced|worried|doubtful)\b"
            # "Does he see a pivot away from Moscow as realistic?"
            r"|\b(?:see|sees|regard|regards)\b.*\bas\b"
            r"|\b(?:his|her|their|the analyst['’]s|the expert['’]s)\s+take\s+on\b"
            # "The analyst's odds on Minsk breaking away?"
            r"|\b(?:odds|chances?|likelihood|prospects?)\s+(?:on|of|for|that)\b"
            # "How likely does he judge it that Minsk breaks away?"
            r"|\bhow\s+(?:likely|probable|realistic|feasible|plausible)\b",
            re.I,
        ),
    ),
    AnswerType(
        "reason",
        re.compile(
            rf"{_ASKED}why\b|\bwhat (?:is|was) (?:the|his|her|their|its) (?:\w+ )?(?:reason|cause"
            r"|explanation|motive)s?\b"
            r"|\b(?:what|which)\s+(?:\w+\s+)?(?:explanations?|reasons?|causes?|motives?"
            r"|rationales?|justifications?)\b"
            # ... but "how does he explain who the parties are?" asks for the parties.
            r"|\bhow(?:\s+(?:does|do|did)|['’][sd])\s+.+?\s+explain\b"
            r"(?!\s+(?:who|whom|what|which|where|when|how)\b)"
            # "To what does he attribute ...?", "What does he blame for ...?"
            r"|\bwhat\s+(?:does|do|did)\s+.+?\s+(?:attribute|blame)\b"
            r"|\bwhat\s+(?:(?:does|do|did)\s+.+?\s+(?:think|reckon|believe|say)\s+)?"
            r"(?:set off|sets off|triggered|prompted|caused|led to|drove|lies behind)\b",
            re.I,
        ),
    ),
    # "How did Lukashenko react to the signals?" asks for what he did or said in response
    # (how someone does or would respond in general asks for less).
    AnswerType("reaction", _ASKS_REACTION),
    # "Which oil products are exempt from the ban?" asks for an exception to it ("Is Russia
    # exempt?" is answered by "Including to Russia").
    # Who made a thing: "Whose brainchild were the accords?", "Who drew up these accords?"
    AnswerType(
        "maker",
        re.compile(
            r"\bwhose\s+(?:[\w-]+\s+)?(?:brainchild|invention|idea|creation|initiative|handiwork)"
            r"\b|\bwho\s+(?:\w+\s+){0,2}?(?:drew up|drafted|prepared|created|invented|designed"
            r"|devised|authored|initiated|brokered|conceived|came up with|founded|established"
            r"|launched|set up)\b"
            # "Who does he give credit for coming up with these accords?"
            r"|\bcredit\w*\s+(?:with|for)\s+(?:inventing|creating|devising|drafting"
            r"|coming up with|designing|conceiving)\b",
            re.I,
        ),
    ),
    AnswerType(
        "exception",
        re.compile(
            r"\b(?:which|what)\b.*\b(?:exempt(?:ed|ions?)?|excluded|spared|carve-?outs?"
            r"|exceptions?)\b",
            re.I,
        ),
    ),
    AnswerType(
        "duration",
        re.compile(
            rf"\bhow long\b|\bwhat (?:period|duration)\b|\bhow many {_TIME_UNIT}"
            r"|\bwhat\s+(?:is|was)\s+(?:the|its)\s+(?:period|duration|time ?frame|length)\b"
            rf"|{_LEAD}(?:duration|length|time ?frame)\s+of\b",
            re.I,
        ),
    ),
    AnswerType(
        "quantity",
        re.compile(
            r"\bhow (?:many|much|large|big|high|far|old|tall|heavy|deep|wide|often|frequently)\b"
            r"|\bwhat (?:number|share|percent)"
            # "Under which decree number was it issued?"
            r"|\b(?:what|which)\s+(?:[\w-]+\s+){1,2}?number\b"
            r"|\bwhat age\b"
            # "What volume of fuel ...?", "What quantities of oil products ...?"
            r"|\b(?:what|which)\s+(?:\w+\s+)?(?:volumes?|amounts?|quantit(?:y|ies)|tonnages?)\s+of\b"
            r"|\bwhat (?:is|was|are|were) (?:the|its|their|his|her) (?:population|number|size|price"
            r"|cost|age|amount|value|rate|percentage|total)\b"
            rf"|{_LEAD}(?:number|count|amount|total|volume|tally|prices?|costs?)\s+of\b"
            # "Azerbaijan's oil export volumes to Europe?"
            r"|\b(?:export|import|trade|production|output|sales|shipment)\s+(?:volumes?|figures)\b",
            re.I,
        ),
    ),
    AnswerType(
        "date",
        re.compile(
            rf"{_ASKED}when\b|\b(?:what|which)\s+{_MODIFIER}?(?:date|year|day|month|time)\b"
            # "What's the exact date ...?"
            rf"|\b(?:what|which)\s+(?:is|was)\s+(?:the|its)\s+{_MODIFIER}?(?:date|year|day|month)\b"
            # A terse question names the kind first: "Date of piece?", "Year ties began?"
            rf"|{_LEAD}(?:date|year|day|month|time(?!\s*frame))\b"
            r"|\b(?:since|by|until) when\b"
            # "Confirm the date the ban takes effect."
            rf"|{_REQUEST}(?:the|its)\s+{_MODIFIER}?(?:date|year|day|month)\b"
            # ... or asked inside another: "Do we know the exact date the ban kicked in?"
            rf"|{_LEAD}{_EMBEDDED}(?:the|its)\s+{_MODIFIER}?(?:date|year|day|month)\b",
            re.I,
        ),
    ),
    AnswerType("part", re.compile(_PART_OF, re.I)),
    # A city or province is a named place: "northeastern Kazakhstan" names none.
    AnswerType(
        "city",
        re.compile(
            rf"\b(?:which|what)\s+(?:{_MODIFIER}(?:or\s+)?){{0,3}}?(?:{_SETTLEMENT})\b|"
            r"\bwhat(?:['’]s|\s+(?:is|are|was|were))\s+(?:the|its)\s+"
            rf"(?:[\w-]+\s+){{0,2}}(?:{_SETTLEMENT})\b",
            re.I,
        ),
    ),
    # A war is known by where it is fought: "Which war ...?" - "what is happening in X"
    # (unless the question says where: "Which war is Russia fighting in Syria?").
    AnswerType(
        "war",
        re.compile(
            r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:wars?|conflicts?)\b"
            r"(?![^?]*\b(?:in|between|with|against)\s+(?-i:[A-Z]))",
            re.I,
        ),
    ),
    AnswerType(
        "place",
        re.compile(
            # "Where does China fit into the picture?" asks for a role, not a place.
            rf"{_ASKED}where\b(?!\s+(?:does|do|did|would|will)\s+(?:[\w'’-]+\s+){{1,4}}?"
            r"(?:fit|stand|figure|come\s+in|rank)\b)"
            r"|\b(?:which|what) (?:(?:[\w-]+\s+)?(?:cities|towns|places|locations"
            r"|capitals|provinces)|city|town|place|location|capital|province)\b"
            rf"|{_LEAD}(?:venue|location|place|city|town)\b"
            rf"|{_PART_OF}",
            re.I,
        ),
    ),
    AnswerType(
        "name",
        re.compile(
            rf"{_ASKED}(?:(?:by|to|for|with|from)\s+)?(?:who|whom|whose)\b(?!{_IS_NAMED})"
            r"|\bname\s+of\b|\b(?:his|her|their|its)\s+(?:full\s+)?name\b|['’]s\s+(?:full\s+)?name\b"
            # ... but "what kind of country ...?" asks what kind, not which one.
            rf"|\b(?:which|what)\s+(?!(?:kind|sort|type)s?\s+of\b){_MODIFIER}{{0,2}}?"
            r"(?:leaders?|persons?|people|man|woman|officials?|politicians?|presidents?|ministers?"
            r"|head of state|heads of state|compan(?:y|ies)|firms?|organi[sz]ations?|nationality"
            r"|countr(?:y|ies)|nations?|powers?|states|websites?|site|outlets?|newspapers?"
            r"|agenc(?:y|ies)|institutes?|think tank|part(?:y|ies)|members?|participants?"
            r"|partners?|signator(?:y|ies))\b"
            # "Which analyst did the site speak to?", "What expert was interviewed?"
            rf"|\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?(?:{_PROFESSIONS})s?\s+(?:{_AUXILIARIES}"
            r"|who|whom|that)\b",
            re.I,
        ),
    ),
)


_ASKS_WORDS = re.compile(
    r"\bwhat (?:did|does|do|has|have|had|will|would) (.+?) (?:say|said|tell|told|state|stated"
    r"|announce|announced|declare|declared|write|wrote)\b"
    # "What official reason did the ministry give for the ban?": the ministry's own words.
    r"|\bwhat\s+(?:[\w-]+\s+)?(?:reasons?|explanations?|justifications?|rationale|grounds)\s+"
    r"(?:did|does|do|has|have|had)\s+(.+?)\s+(?:give|given|offer|offered|cite|cited|provide"
    r"|provided)\b",
    re.I,
)
_SPEECH = re.compile(
    r"\b(?:said|says|saying|told|tells|stated|announced|announces|declared|declares"
    r"|wrote|writes|noted|added|stressed|according to)\b|[\"“”«»]"
    # "states" and "notes" are nouns as often ("the five Central Asian states").
    r"|\b(?:states|notes)\s+that\b",
    re.I,
)


# Posts and kinds of person: a question asking for one wants a person's name.
_PERSON = (
    r"(?:leader|president|prime minister|premier|minister|official|politician|journalist"
    r"|reporter|correspondent|interviewer|person|man|woman|diplomat|spokes(?:man|woman|person)"
    r"|head of state|king|queen|ceo|chairman|governor|mayor|ambassador|envoy|commander"
    rf"|propagandist|blogger|activist|writer|oligarch|dissident|{_PROFESSIONS})s?"
)
# The post ends its noun phrase ("which official has ...", not "what official reason ...").
_PERSON_ENDS = (
    rf"(?=\W*$|\W*,|\s+(?:{_AUXILIARIES}"
    # ... or a verb in the past ("Which leader visited ...", "the leader mentioned in ...").
    r"|who|whom|that|of|in|at|from|behind|for|alone|also|still|[a-z]+ed"
    # ... or a clause without "that": "the Armenian leader they mention".
    r"|they|he|she|we|you|the\s+(?:article|analyst|piece|interview))\b)"
)
# Words before the post, none of them "of" ("which group of propagandists" asks for a group).
_PERSON_MODIFIER = rf"(?:(?!(?:{_AUXILIARIES}|of)\b)[\w-]+\s+)"
_ASKS_PERSON = re.compile(
    rf"(?:\b(?:which|what)\s+{_PERSON_MODIFIER}{{0,3}}?"
    rf"|\bwho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
    # "the name of the Kazakh energy minister", "the name of Kazakhstan's energy minister"
    rf"|\bname\s+(?:of\s+)?(?:the\s+|[\w'’.-]+['’]s\s+)(?:[\w'’.-]+\s+){{0,3}}?){_PERSON}\b"
    rf"{_PERSON_ENDS}"
    # A terse question: "Other Central Asian leaders at that meet — names?"
    rf"|\b{_PERSON}\b[^?]*[—–:,-]\s*names?\W*$",
    re.I,
)


# "Pashinyan's first name", "tokayev's full first name" (a texter writes names in lower case).
_GIVEN = r"(?:first|full|given)(?:\s+(?:first|full|given))?\s+name"
_FULL_NAME = re.compile(
    rf"\b([\w'’-]+)['’]s\s+{_GIVEN}\b|\b{_GIVEN}\s+of\s+((?-i:[A-Z])[\w'’-]+)\b",
    re.I,
)


def full_name_of(question: str) -> str | None:
    """Whose first or full name a question asks for: 'Pashinyan's first name?' -> Pashinyan."""
    match = _FULL_NAME.search(question)
    owner = next((g for g in match.groups() if g), None) if match else None
    # "the minister's full name" asks for a person (asks_person), not a given name.
    return owner if owner and (owner[0].isupper() or question.islower()) else None


_ASKS_COMPANY = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:compan(?:y|ies)|firms?|corporations?|majors"
    r"|giants|producers|businesses|enterprises|conglomerates)\b",
    re.I,
)


# A name, not a possessive ("Kazakhstan's president" is not Kazakhstan).
_WHOLE_NAME = r"((?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*)*)(?![\w'’])"
# ... but a name's standing is the name's: "What label does he apply to Russia's standing?"
_STANDING = r"((?-i:[A-Z])[\w.-]*)['’]s\s+(?:[\w-]+\s+)?(?:standing|image|reputation)\b"
_SUBJECT = rf"(?:{_WHOLE_NAME}|{_STANDING})"
_DESCRIBED = re.compile(
    r"\b(?:describe|describes|characteri[sz]e|characteri[sz]es|portray|portrays|call|calls|label"
    rf"|labels|dub|dubs)\s+{_SUBJECT}|{_LABEL_ON}{_SUBJECT}",
    re.I,
)


def described_subject(question: str) -> str | None:
    """Whom or what a question asks the documents' description of: 'How does the analyst
    describe Tokayev?', 'What label does he apply to Russia?' -> the name; else None."""
    match = _DESCRIBED.search(question)
    return next((g for g in match.groups() if g), None) if match else None


def says_what_is(subject: str, sentence: str) -> bool:
    """Whether a sentence opens by saying what `subject` is: "Russia, in fact, is a pariah
    country", "Tokayev is of course a pragmatic opportunist"."""
    return bool(
        re.match(
            rf"\W*{re.escape(subject)}\b(?:\s*,[^,]{{1,30}},)?\s+(?:is|was|remains|has become"
            r"|became)\s+(?:[a-z]+\s+){0,2}?(?:a|an)\s",
            sentence,
        )
    )


def asks_company(question: str) -> bool:
    """Whether a question asks for a company: 'Which Russian oil companies were sanctioned?'
    (a ministry or a country named in a sentence does not answer it)."""
    return any(_ASKS_COMPANY.search(q) for q in _readings(question))


def asks_person(question: str) -> bool:
    """Whether a question asks for a person: 'Which Venezuelan leader ...?', 'Who is the
    energy minister?' (a country or a company named in a sentence does not answer it)."""
    return any(_ASKS_PERSON.search(q) for q in _readings(question))


def reported_speaker(question: str) -> set[str]:
    """Who a 'What did X say' question quotes (stems), unless X is the document's own voice."""
    match = _ASKS_WORDS.search(question)
    if not match:
        return set()
    speaker = next(g for g in match.groups() if g)
    return set(terms(speaker, FRAMING_WORDS)) - _PRONOUNS


def _quotes(speaker: set[str], sentence: str) -> bool:
    """Whether a sentence reports something the speaker said."""
    return bool(speaker & set(terms(sentence))) and bool(_SPEECH.search(sentence))


# Whose view a question asks for: "according to Mesejnikov", "per the analyst", "in his view",
# "What does Mesejnikov blame ...?". Those words name the speaker, not what the answer is about.
_SAYING_VERBS = (
    r"(?:say|think|believe|call|consider|argue|claim|reckon|describe|characteri[sz]e|label"
    r"|blame|attribute|tie|link|cite|mention|note|stress|warn|predict|forecast|suggest)"
)
_ATTRIBUTION = re.compile(
    r"\b(?:according\s+to|per)\s+((?:the\s+)?[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)"
    r"|\bin\s+((?:the\s+)?[\w'’-]+?)(?:['’]s?)\s+(?:view|opinion|words|estimation|reasoning)\b"
    rf"|\b(?:does|did|do|would)\s+((?:the\s+)?[\w'’-]+)\s+{_SAYING_VERBS}\b|{_WORDING}",
    re.I,
)


# Whose view a question asks for, named or not: "in his view", "his main explanation".
_VIEW = re.compile(
    rf"{_ATTRIBUTION.pattern}"
    r"|\bin\s+(?:his|her|their)\s+(?:view|opinion|words|estimation|reasoning|eyes)\b"
    r"|\b(?:his|her|their)\s+(?:\w+\s+)?(?:explanation|view|opinion|reading|take|diagnosis)\b"
    rf"|\b(?:does|did|do|would)\s+(?:he|she|they)\s+{_SAYING_VERBS}\b",
    re.I,
)


# ... but the interviewer's is in the questions put, not in the replies.
_ASKER = re.compile(r"\b(?:interviewer|interviewers|host|site|outlet|question|questions)\b", re.I)


# Attending to something: "watch", "keep an eye on", "follow" ...
_ATTEND = (
    r"(?:watch\w*|monitor\w*|keep(?:ing)?\s+(?:a\s+close\s+|an\s+)?eye\s+on|follow(?:ing)?"
    r"|track(?:ing)?|pay(?:ing)?\s+(?:close\s+)?attention\s+to|look(?:ing)?\s+out\s+for)"
)
_ASKS_ATTENTION = re.compile(
    rf"\b(?:what|which)\b(?=.*\b(?:should|ought|must|needs?\s+to|important|worth)\b).*\b{_ATTEND}\b"
    # "what to watch next"
    rf"|\b(?:what|which)\s+(?:[\w-]+\s+)?to\s+{_ATTEND}\b",
    re.I,
)
# ... said as what deserves it: "it is extremely important to follow Russia's reaction".
_ATTENTION = re.compile(
    r"\b(?:important|essential|crucial|necessary|worth|key|vital|should|must|need\s+to)\b"
    rf"(?:\s+\w+){{0,3}}?\s+(?:to\s+)?{_ATTEND}\b",
    re.I,
)
# What a question about attention may say besides: who watches, and when.
_ATTENTION_WORDS = frozenset(
    terms(
        "watch watching monitor keep eye follow track pay attention look out closely close most "
        "now next right currently moment today ahead future observers observer people reader "
        "readers everyone world we us per ought need needs important worth tell"
    )
)


def asks_what_to_watch(question: str) -> bool:
    """Whether a question asks only what deserves watching, about nothing named: "What should
    we be watching now, per the analyst?" (not "What should investors monitor regarding fuel
    prices?")."""
    if not _ASKS_ATTENTION.search(question):
        return False
    return not set(terms(question, FRAMING_WORDS)) - _ATTENTION_WORDS


def says_what_to_watch(sentence: str) -> bool:
    """Whether a sentence says what deserves watching."""
    return bool(_ATTENTION.search(sentence))


def asks_a_view(question: str) -> bool:
    """Whether a question asks what someone interviewed thinks or says, not what happened."""
    return bool(_VIEW.search(question)) and not _ASKER.search(question)


# "that" pointing at what was just said ("that pact", "What followed that?"), unless it opens
# a clause after a verb of saying or thinking ("Does he think that ...?"); "there" as a place
# ("What could Moscow do there?"), unless it is existential ("Is there any ...?").
_DEMONSTRATIVES = frozenset("that this these those".split())
_CLAUSE_OPENERS = frozenset(
    "say says said think thinks believe believes claim claims argue argues true so such fact "
    "suggest suggests mean means".split()
)
_BE = frozenset("is are was were".split())
_EXISTENTIAL = _BE | frozenset("be been any anything a an".split())


def points_back(question: str) -> bool:
    """Whether a question points with 'that', 'this' or 'there' at what was just said."""
    words = re.findall(r"[\w'’]+", question.lower())
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in _DEMONSTRATIVES and before not in _CLAUSE_OPENERS:
            return True
        if word == "there" and before not in _BE and after not in _EXISTENTIAL:
            return True
    return False


def attribution_words(question: str) -> set[str]:
    """Lower-cased words naming whose view the question asks for ("mesejnikov")."""
    found = set()
    for match in _ATTRIBUTION.finditer(question):
        span = next(g for g in match.groups() if g)
        found |= {w.lower() for w in re.findall(r"[\w'’-]+", span)} - STOPWORDS - _PRONOUNS
    return found


_REASON = re.compile(
    r"\b(?:because|due to|since|as a result|owing to|thanks to|the reason|caused|so that"
    r"|therefore|that is why|which is why|in order to"
    # A motive given in passing: "Armenia, disillusioned with Moscow, has ..."
    r"|disillusioned|frustrated|angered|alarmed|fearing|in response to|in light of)\b",
    re.I,
)


# Words by which a speaker marks a view as their own, or how sure they are of it.
_STANCE = re.compile(
    r"\bI (?:think|believe|would say|doubt|am sure|am convinced|expect|suppose|guess|hope|fear)\b"
    r"|\bin my (?:opinion|view)\b|\b(?:hardly|certainly|probably|unlikely|likely|of course"
    r"|undoubtedly|surely|perhaps|it seems|it appears|it is clear)\b",
    re.I,
)


# What a reaction looks like: a response named, words said, a feeling shown.
_REACTION = re.compile(
    r"\b(?:react|respon[ds]|repl(?:y|ie)|welcom|condemn|critici[sz]|protest|reject|dismiss"
    r"|ignor|denounc|prais|applau|object|refus|retaliat|surprise|shock|alarm|anger|outrage"
    r"|concern|dismay|relie[fv]|satisf|said|says|stated|announc|declar|warn|(?<!so-)call(?:ed|s)\b)\w*",
    re.I,
)
# Who made a thing, named: "prepared by the American administration", "an invention of
# Donald Trump".
_MADE_BY = re.compile(
    r"\b(?:prepared|drawn up|drafted|created|invented|designed|devised|written|authored"
    r"|initiated|brokered|conceived|developed|proposed|founded|established|launched|set up)"
    r"\s+by\s+(?:the\s+)?(?-i:[A-Z])"
    r"|\b(?:invention|brainchild|creation|idea|initiative|handiwork|founders?)\s+of\s+"
    r"(?:the\s+)?(?-i:[A-Z])",
    re.I,
)
# A name owning what follows it: "Russia's" (reaction).
_OWNER = re.compile(r"\b([A-Z][\w-]+)['’]s\s+$")
# A reaction yet to be watched for is none reported: "it is important to follow Russia's
# reaction", "we await Moscow's response".
_AWAITED = re.compile(
    r"\b(?:follow|watch|await|monitor|observe|wait\s+for|see|expect)\w*\s+"
    r"(?:(?:the|its|his|her|their|[A-Z][\w-]+['’]s)\s+)?$",
    re.I,
)
_EXCEPTION = re.compile(
    r"\b(?:except|exempt|exclud|apart from|other than|save for|spar(?:e|ed|ing)\b|carve"
    r"|does not (?:apply|cover|include)|do not (?:apply|cover|include)|unless)\w*",
    re.I,
)
_PERCENT = re.compile(
    r"%|\bper ?cent\b|\bpercentage\b|\b(?:half|third|quarter|majority|minority)\b", re.I
)
# "between Arab countries and Israel": parties are named, not "two partners and the other".
_PARTIES = re.compile(r"\b(?i:between)\s+((?:[\w'’.-]+\s+){1,6}?(?i:and)\s+(?:the\s+)?[\w'’.-]+)")
# "X is a pragmatic opportunist", "Russia has become a pariah".
_DESCRIPTION = re.compile(
    r"\b(?:is|are|was|were|has become|have become|became|remains|seems)\s+"
    r"(?:(?!\w+ed\b)[\w,]+\s+){0,4}?"
    r"(?:a|an|the|very|so|quite|rather|too|almost)\s",
    re.I,
)
# What someone is after: "He is trying to get Israel to cooperate ...", "Yerevan seeks to ...".
_PURPOSE = re.compile(
    r"\b(?:trying|tries|try|seeks?|seeking|wants?|wanted|aims?|aiming|hopes?|hoping|intends?"
    r"|intending|in order|so as)\s+to\b|\bso that\b|\b(?:goal|aim|purpose|objective)\b",
    re.I,
)
# What a thing is tied to: "I think it has to do with the results of the meeting".
_CONNECTION = re.compile(
    r"\b(?:ha(?:s|ve|d) to do with|(?:connected|linked|related|tied|associated) (?:to|with)"
    r"|due to|because of)\b",
    re.I,
)
# Three things in a row: "economic pressure, blackmail, other forms of external pressure".
_LIST_OF_THREE = re.compile(
    r"[\w-]+(?:\s+[\w-]+){0,4},\s+[\w-]+(?:\s+[\w-]+){0,4},\s+(?:and\s+|or\s+)?\w"
)
# An aside set off by commas is no item: "after Russia, in fact, surrendered Armenia".
_ASIDE = re.compile(
    r",\s*(?:in fact|of course|however|indeed|I think|I emphasize|I should note|as they say"
    r"|by the way|in general|nevertheless|in any case|on the one hand|on the other hand)\s*,",
    re.I,
)


class _Listing:
    """Finds three things in a row, leaving asides out."""

    def search(self, sentence: str) -> re.Match[str] | None:
        return _LIST_OF_THREE.search(_ASIDE.sub(" ", sentence))


_LIST = _Listing()
# Saying what should be done: "it is extremely important to follow ...", "he should not ...".
_ADVICE = re.compile(
    r"\b(?:should|must|ought to|needs? to|ha(?:ve|s) to(?! do with)|worth"
    r"|(?:important|essential|crucial|vital|necessary)\s+(?:for\s+\w+\s+)?to)\b",
    re.I,
)
# Having the means to do something: "It does have possibilities, for example, of ...".
_MEANS = re.compile(
    r"\b(?:possibilit(?:y|ies)|opportunit(?:y|ies)|capab(?:le|ility|ilities)|able\s+to"
    r"|ability|leverage|levers?|tools?|instruments?|means\s+(?:to|of))\b",
    re.I,
)
# Holding a post or power: "president since 2019", "has ruled for years", "in power".
_IN_POST = re.compile(
    rf"\b{_ROLES}\b|\bin\s+(?:power|office|charge)\b|\b(?:ruled|ruling|governed|reign\w*"
    r"|tenure|term)\b",
    re.I,
)
# Saying what something brought about: "can cause economic pressure", "led to", "as a result".
_CONSEQUENCE = re.compile(
    r"\b(?:caus(?:e|es|ed|ing)|le(?:a)?d(?:s)?\s+to|result(?:ed|s|ing)?\s+in|as\s+a\s+result"
    r"|consequences?|therefore|hence|effects?|impacts?|(?:pro)?voke[sd]?|trigger(?:s|ed)?)\b",
    re.I,
)
# Saying whom something profits: "will bring some benefits to each of its participants".
_BENEFIT = re.compile(r"\b(?:benefit\w*|gains?|profit\w*|advantages?)\b", re.I)
# Saying whom something is aimed at: "the retaliatory measures against Russian Azerbaijanis".
_AGAINST = re.compile(r"\b(?:against|targeting|aimed\s+at|directed\s+at)\s+(?:the\s+)?\w", re.I)
_EXAMPLE = re.compile(
    r"\b(?:for example|for instance|such as|look (?:at|what)|remember|take|like)\b", re.I
)
_ROLE_WORD = re.compile(_ROLES, re.I)


def _holds_role(sentence: str, question_terms: AbstractSet[str]) -> bool:
    """Whether a role word sits in the same clause as a name the question lacks, and as what
    the role belongs to ('Azerbaijan' for "Azerbaijan's president"), if the question says."""
    for m in _ROLE_WORD.finditer(sentence):
        window = sentence[max(0, m.start() - 80) : m.end() + 80]
        role = set(terms(m.group()))
        owner = set(question_terms) - role - _NAMING_TERMS
        if names(window, question_terms) and (not owner or owner & set(terms(window)) - role):
            return True
    return False


_NAMING_TERMS = frozenset(terms("name named called"))
# A post given with a name: "president of the Institute ... (Bratislava) Grigory Mesejnikov",
# "Mesejnikov, president of ...", "Tokayev is the president"; not across a clause's end
# ("Political Analyst: Tokayev Made ...").
_POST_BEFORE = re.compile(r"^[^.;:!?]{0,110}$")
_POST_AFTER = re.compile(
    r"^(?:\s*,\s*|\s+(?:is|was|has been|became|remains)\s+)(?:the\s+|an?\s+)?"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def _gives_post(sentence: str, question_terms: AbstractSet[str]) -> bool:
    """Whether a sentence gives a post or profession to someone the question names (anyone,
    when it names only "the analyst" or "the expert")."""
    asked = set(question_terms) - _POST_TERMS
    anyone = asked <= _SPEAKER_TERMS
    spans = list(NAME_SPAN.finditer(sentence))
    for role in PROFESSION.finditer(sentence):
        for name in spans:
            if not anyone and not set(terms(name.group())) & asked:
                continue
            if name.start() >= role.end():
                if _POST_BEFORE.match(sentence[role.end() : name.start()]):
                    return True
            elif name.end() <= role.start() and _POST_AFTER.match(
                sentence[name.end() : role.start()]
            ):
                return True
    return False


# A nationality given with a profession: "Slovak political scientist" (not a title's
# "Political Analyst").
_NATIONALITY = re.compile(
    rf"\b[A-Z][a-z]+\s+(?:[a-z]+\s+)?(?:{_PROFESSIONS}|president|minister|leader|businessman"
    r"|writer|author|official)\b"
)
_POST_TERMS = frozenset(terms("post title job office position occupation profession hold"))
_SPEAKER_TERMS = frozenset(terms("analyst expert interviewee commentator speaker guest observer"))


_UNIT = re.compile(
    r"%|\$|€|£|\b(?:per ?cent|dollars?|euros?|r[o]?ubles?|tenge|pounds?|barrels?|tons?|tonnes?"
    r"|people|persons?|million|billion|thousand|hundred|kilomet(?:er|re)s?|km|miles?|kg)\b",
    re.I,
)


_COUNTED = re.compile(
    r"\bhow (?:many|much)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)\b"
    r"|\bwhat (?:is|was|are|were) (?:the|its|their) ((?:[\w'’-]+\s+){0,2}?[\w'’-]+)\b",
    re.I,
)


def reactor_terms(question: str) -> set[str]:
    """Who a question asks the reaction of: 'How did Lukashenko respond?' -> lukashenko."""
    match = _ASKS_REACTION.search(question)
    return set(terms(" ".join(g for g in match.groups() if g))) if match else set()


def counted_terms(question: str) -> set[str]:
    """What a question counts: 'how many ethnic Russians live ...' -> ethnic, russian;
    'what is the population of ...' -> population."""
    match = _COUNTED.search(question)
    if not match:
        return set()
    counted: list[str] = []
    for w in (match.group(1) or match.group(2)).split():
        if w.lower() in STOPWORDS:
            # "how many us troops": a word like "us" before the counted noun is skipped.
            if counted:
                break
            continue
        counted.append(w)
    return set(terms(" ".join(counted)))


def _counts(number: re.Match[str], sentence: str, counted: AbstractSet[str]) -> bool:
    """Whether a number may count what the question asks about: a unit follows it, or the
    sentence names what is counted ('the five Central Asian states' for 'how many Central
    Asian leaders', not for 'how many ethnic Russians')."""
    after = " ".join(sentence[number.end() :].split()[:3])
    if _UNIT.match(number.group()) or _UNIT.search(after):
        return True
    return not counted or bool(set(terms(sentence)) & set(counted))


# "on the one hand", "the one between ...", "one of them", "one day": "one" that counts nothing.
_ONE_BEFORE = re.compile(r"\b(?:the|this|that|which|no|any|every|each)\s+$", re.I)
_ONE_AFTER = re.compile(r"\s+(?:of|day|another|hand|side)\b", re.I)


def _pronoun_one(number: re.Match[str], sentence: str) -> bool:
    """Whether a matched "one" stands for a thing or a time rather than a count."""
    if number.group().lower() != "one":
        return False
    before = sentence[max(0, number.start() - 12) : number.start()]
    return bool(_ONE_BEFORE.search(before) or _ONE_AFTER.match(sentence, number.end()))


# "the one between ...", "those between ...": what is between them was named before.
_STANDS_FOR = re.compile(r"\b(?:one|ones|that|those)\s*$", re.I)


def _between_what_asked(before: str, question_terms: AbstractSet[str]) -> bool:
    """Whether "between X and Y" says who the parties to what the question asks about are:
    the clause before it names that thing, or stands for it ("the one between ..."); the
    meeting in "at the meeting between Trump and the heads" is not the accord asked about."""
    clause = re.split(r"[,;:—–]|[.!?]\s", before)[-1]
    return (
        not question_terms
        or bool(_STANDS_FOR.search(clause))
        or bool(set(terms(clause)) & question_terms)
    )


def _names_a_city(place: str) -> bool:
    """Whether a place found ("in Pavlodar") may be a city: not the whole a part lies in ("in
    northeastern Kazakhstan"), nor what one moves away from ("detach from Russia")."""
    return not _COMPASS.search(place) and not place.lower().startswith("from")


def _anchored(text: str, at: int, question_terms: AbstractSet[str]) -> bool:
    """Whether the sentence of `text` holding offset `at` shares a word with the question
    (any sentence does when the question has no words to share)."""
    if not question_terms:
        return True
    for start, end in split_sentences(text):
        if start <= at < end:
            return bool(set(terms(text[start:end])) & question_terms)
    return True


# Kinds of answer a sentence has when it says it in one of a few ways.
_SAID_BY: dict[str, tuple[re.Pattern[str], ...]] = {
    "duration": (_DURATION,),
    "date": (_DATE,),
    "share": (_PERCENT,),
    "maker": (_MADE_BY,),
    "exception": (_EXCEPTION,),
    "connection": (_CONNECTION,),
    # A reason given, or the thing tied to a cause: "I think it has to do with the meeting".
    "reason given": (_REASON, _CONNECTION),
    "consequence": (_CONSEQUENCE,),
    "beneficiary": (_BENEFIT,),
    "target": (_AGAINST,),
    "origin": (_NATIONALITY,),
    # "Which part of the country?" asks where inside it: "northeastern", "the border
    # regions"; another country's name is no answer.
    "part": (_COMPASS, _SUBDIVISION),
}


def has_answer_type(
    kind: str,
    sentence: str,
    question_terms: set[str],
    counted: AbstractSet[str] = frozenset(),
    anchors: AbstractSet[str] | None = None,
    reactor: AbstractSet[str] = frozenset(),
) -> bool:
    """Whether a sentence contains the kind of answer asked for, beyond the question's words.

    `anchors` are the words a place must share a sentence with (default: the question's; a
    follow-up adds the reply it follows)."""
    if kind in _SAID_BY:
        return any(pattern.search(sentence) for pattern in _SAID_BY[kind])
    if kind == "quantity":
        return any(
            _counts(m, sentence, counted) and not _pronoun_one(m, sentence)
            for m in _QUANTITY.finditer(sentence)
        )
    if kind == "parties":
        # What the parties are to is named in the questions asked (the reply a follow-up
        # follows speaks of other things too: "the meeting between ...").
        return any(
            re.search(r"\b[A-Z]", m.group(1))
            and _between_what_asked(sentence[: m.start()], question_terms)
            for m in _PARTIES.finditer(sentence)
        )
    if kind == "reaction":
        # "Russia's reaction" is no reaction of the Lukashenko a question asks about.
        who = reactor or question_terms
        return any(
            (
                not (owner := _OWNER.search(sentence[: m.start()]))
                or set(terms(owner.group(1))) & who
            )
            and not _AWAITED.search(sentence[: m.start()])
            for m in _REACTION.finditer(sentence)
        )
    if kind == "holder":
        return _holds_role(sentence, question_terms)
    if kind == "tenure":
        return bool(_DURATION.search(sentence)) and bool(_IN_POST.search(sentence))
    if kind == "post":
        # "And what post does he hold?" asks about whom the reply it follows names.
        return _gives_post(sentence, question_terms if anchors is None else anchors)
    if kind == "war":
        return any(set(terms(m.group(1))) - question_terms for m in _FOUGHT_IN.finditer(sentence))
    if kind in ("place", "city"):
        # The place must stand in a sentence that speaks of what the question does: the
        # analyst's "(Bratislava)" is no city "in northeastern Kazakhstan".
        near = question_terms if anchors is None else anchors
        found = [
            m.group(m.lastindex or 0)
            for pattern in ((_PLACE, _COMPASS) if kind == "place" else (_PLACE,))
            for m in pattern.finditer(sentence)
            if _anchored(sentence, m.start(), near)
            and (kind == "place" or _names_a_city(m.group(0)))
        ]
        return bool(set(terms(" ".join(found))) - question_terms)
    return bool(names(sentence, question_terms))


_TYPE_PHRASE = re.compile(
    rf"\b(?:which|what)\s+((?:(?!(?:{_AUXILIARIES})\b)[\w'’-]+\s+){{1,4}}?)"
    rf"(?=(?:{_AUXILIARIES})\b)",
    re.I,
)


_RELATIVE = r"(?:that|which|who|whom|he|she|they|it|we|you)\b"
_NOUN_WORD = rf"(?!{_RELATIVE})[a-z][\w'’-]*"
# "Name the concrete Kazakh-Israeli projects he refers to." asks what "Which concrete ...
# projects does he refer to?" asks: the kind runs to a pronoun, a name or the end.
_NAME_THE = re.compile(
    r"^\W*(?:(?i:please)\s+)?(?i:name|list|identify)\s+(?:(?i:one|some|any|two|three|all)\s+of"
    r"\s+)?(?:(?i:the|some|any|a|an|two|three)\s+)?"
    rf"((?:[A-Z][\w'’]*-[\w'’-]+\s+|{_NOUN_WORD}\s+){{0,3}}{_NOUN_WORD})"
    rf"(?=\s+(?:{_RELATIVE}|[A-Z])|\W*$)"
)


@lru_cache(maxsize=256)
def _kind_phrase(question: str) -> tuple[str, ...]:
    """The words naming the kind of answer, as written: 'Which Russian oil companies were ...'
    -> (Russian, oil, companies). Read once per question, though asked of every sentence."""
    match = _TYPE_PHRASE.search(question) or _NAME_THE.search(question)
    return tuple(match.group(1).split()) if match else ()


def answer_type_words(question: str) -> set[str]:
    """Lower-cased words naming the kind of answer: 'Which Russian oil companies were ...'."""
    return {w.lower() for w in _kind_phrase(question)}


# What may follow a kind of thing to name its members: "projects such as ...", "states: ...".
_LISTING = re.compile(r"\s*(?::|\(|—|-\s|\bsuch as\b|\bincluding\b|\blike\b|\bnamely\b)", re.I)


_SPECIFIC = frozenset("specific concrete exact precise particular official actual".split())
# ... or after a preposition: "a partnership with Israel and America".
_MEMBERS = re.compile(r"\s+(?:with|between|among|of|from|in)\s+(?:the\s+)?[A-Z]")


def _says_which(after: str) -> bool:
    """Whether what follows a kind of thing says which ones: members listed after a colon or
    "such as", or named after a preposition ("the meeting between Donald Trump and ...")."""
    return bool(_LISTING.match(after) or _MEMBERS.match(after))


def names_kind_only(question: str, sentence: str) -> bool:
    """Whether a sentence speaks of the kind of thing asked for only as a kind.

    "What concrete projects are Kazakhstan and Israel working on?" is not answered by "there
    are concrete projects": the sentence has the question's own words for the kind, with no
    word narrowing them before ("major oil products" for "which oil products") and no member
    named after them.
    """
    mentions = kind_mentions(question, sentence)
    if mentions is None:
        return False
    if not all(mentions):
        return True
    # "Which Arab states signed?" is not answered by a sentence about "the Central Asian
    # states": the same kind, narrowed by another name.
    *modifiers, head = [w for w in _kind_phrase(question) if w.lower() not in _SPECIFIC]
    if not mentions and any(w[:1].isupper() for w in modifiers):
        known = set(terms(question))
        other = rf"((?:[A-Z][\w'’-]*\s+){{1,3}}){re.escape(head)}\b"
        return any(not set(terms(m.group(1))) & known for m in re.finditer(other, sentence))
    return False


def kind_mentions(question: str, sentence: str, whole: bool = False) -> list[bool] | None:
    """Each time a sentence names the kind of thing asked for ("oil products"), whether it
    says which: narrowed by a word before ("major oil products") or with members named after.
    None when the question's words for the kind are too common to tell; `whole`: only where
    it names the kind in all the question's words ("states" is not "EU member states")."""
    phrase = list(_kind_phrase(question))
    if not phrase:
        return None
    # "What specific sanctions ...?" asks for more than "sanctions on regimes": one word will
    # do. Otherwise a single word ("Which countries ...?") is too common to tell.
    specific = [w for w in phrase if w.lower() not in _SPECIFIC]
    content = [w for w in specific if w.lower() not in STOPWORDS]
    if len(content) < (1 if len(specific) < len(phrase) else 2):
        return None
    asks_specific = len(specific) < len(phrase)
    phrase = specific
    known = set(terms(question))
    lead = rf"\b(?:(?:{'|'.join(_SPECIFIC)})\s+)?"
    found = list(re.finditer(lead + r"\s+".join(map(re.escape, phrase)) + r"\b", sentence, re.I))
    if not found and asks_specific and len(phrase) > 1 and not whole:
        # "What specific economic benefits ...?" is not answered by "some benefits" either.
        found = list(re.finditer(lead + re.escape(phrase[-1]) + r"\b", sentence, re.I))
    says = []
    for m in found:
        before = re.findall(r"[\w'’-]+|[^\w\s]", sentence[: m.start()])
        # A word before the kind narrows it ("major oil products"), unless a verb takes it
        # ("imposing sanctions", "imposed sanctions").
        last = before[-1].lower() if before else ""
        verb = last.endswith(("ing", "ed"))
        narrowed = last.isalnum() and last not in STOPWORDS and not verb
        # ... or is joined to it: "the Z-community of propagandists".
        narrowed = narrowed or sentence[m.start() - 1 : m.start()] == "-"
        after = sentence[m.end() :]
        # ... or members follow it as names ("the oil majors Lukoil and Rosneft").
        listed = _says_which(after) or (after[:1].isspace() and names(after.split()[0], known))
        says.append(bool(narrowed or listed))
    return says


def specifies_kind(question: str, sentence: str) -> bool:
    """Whether a sentence names the kind of thing asked for and says which one it is: "the
    meeting between Donald Trump and ..." for "Which diplomatic meeting ...?"."""
    phrase = _kind_phrase(question)
    if not phrase:
        return False
    head = phrase[-1]
    if head.lower() in STOPWORDS or len(head) < 4:
        return False
    return any(
        _says_which(sentence[m.end() :])
        for m in re.finditer(rf"\b{re.escape(head)}\b", sentence, re.I)
    )


def expected_types(question: str) -> list[str]:
    """The kinds of answer a question asks for (a duration, a quantity, a date, a place, a name)."""
    readings = _readings(question)
    return [t.name for t in ANSWER_TYPES if any(t.asks.search(q) for q in readings)]


def _readings(question: str) -> tuple[str, ...]:
    """The question as asked, and, for a keyword query, as a question naming its kind would
    be asked ("date of the ...", "which country ...")."""
    question = _POLITE.sub("", _uncontract(question))
    question = _WHEN_CLAUSE.sub("", question)
    kind_first = _kind_first(question)
    readings: tuple[str, ...] = (question,) if kind_first == question else (question, kind_first)
    # ... or names it first, with what is said of it: "outlet that interviewed the analyst",
    # "country cited as an example" asks "which outlet ...?", "which country ...?"
    if _NAMED_FIRST.match(question):
        readings += (f"which {question}",)
    # ... or puts the question word last, as one types a fragment: "piece dated when",
    # "retaliation hit who" asks "when piece dated", "who retaliation hit".
    if last := _WH_LAST.match(question.strip()):
        readings += (f"{last.group(2)} {last.group(1)}",)
    return readings


def _uncontract(question: str) -> str:
    """'Who's Kazakhstan's minister?' asks what 'Who is Kazakhstan's minister?' asks, and
    'Does he name any towns there?' what 'Which towns there?' asks."""
    question = _ANY_NAMED.sub("which ", question)
    return re.sub(r"\b(who|what|where|which)['’]s\b", r"\1 is", question, flags=re.I)


# A query typed as keywords names what it asks for last: "Kazakhstan ban start date",
# "IVO headquarters city", "energy minister name", "... - annual volume before the ban".
_KIND_NOUNS = (
    r"date|year|day|month|time|duration|length|time ?frame|number|count|amount|total|volume"
    r"|tally|prices?|costs?|share|percentage|proportion|venue|location|place|city|town|name"
    r"|names|odds|chances"
)
# The words a question is asked with.
_WH = WH
_KEYWORD_QUERY = (
    rf"^(?!.*\b{_WH}\b)"
    r"(?!\W*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may"
    r"|might|must|please|tell|give|name|list|confirm|find|check|show)\b)"
)
_KEYWORDS = re.compile(
    rf"{_KEYWORD_QUERY}(?:(.*?)\s+[—–:-]\s+)?((?:[\w'’.+-]+\s+){{0,5}}?)({_KIND_NOUNS})\b"
    r"(?=\s*(?:(?:of|for|in|on|to|at|before|after|from|under|with|by|against|during|since"
    r"|until)\s+([^?]*?))?\W*$)",
    re.I,
)


_NAMED_FIRST = re.compile(
    rf"{_KEYWORD_QUERY}\W*(?:[\w'’.-]+\s+){{0,2}}?[\w'’.-]+\s+(?:that|who|whom|\w+ed"
    # "war he cites as the scare factor", "Russian oil majors under fresh US sanctions"
    r"|he|she|they|under|behind|against)\b",
    re.I,
)
# A clause that sets the scene before the question is asked: "When Donald Trump met with the
# leaders, which region were they from?" asks "which region", not "when". "When was it signed,
# and who signed it?" opens with its own question (an auxiliary follows "when") and keeps it.
_WHEN_CLAUSE = re.compile(
    rf"^\W*when\s+(?!(?:\w+ly\s+)?(?:{_AUXILIARIES})\b)[^,;?]+[,;]\s*"
    rf"(?=(?:and\s+|so\s+)?{_WH}\b)",
    re.I,
)
# A courtesy typed after the query: "analyst name pls".
_POLITE = re.compile(r"\s+(?:pls|plz|please|thanks|thx|ta)\W*$", re.I)
_WH_LAST = re.compile(
    rf"^(?!.*\b{_WH}\b.*\b\w+\W*$)"
    r"(\S.*?)\s+(who|whom|when|where|why|how\s+(?:many|much|long|far|often|soon))\W*$",
    re.I,
)
_OWNED = re.compile(r"\b(?:his|her|their|its|my|your|our)\b", re.I)


def _kind_first(question: str) -> str:
    """A keyword query asked the way a question names its kind first: "Kazakhstan ban start
    date" -> "date of the Kazakhstan ban start", "Lukashenko breaking from Moscow - analyst's
    odds" -> "odds of the Lukashenko breaking from Moscow analyst's"; other text unchanged."""
    match = _KEYWORDS.match(question.strip())
    if not match:
        return question
    topic, modifiers, kind, rest = (g or "" for g in match.groups())
    # "And his first name?" asks after someone already named, as a question would.
    if _OWNED.search(modifiers):
        return question
    about = " ".join(w for w in (topic, modifiers.strip(), rest) if w)
    return f"{kind} of the {about}" if about else question


_ANY_NAMED = re.compile(
    r"\b(?:does|did|do|is|are)\s+(?:(?:he|she|they|it|the\s+[\w-]+|[\w'’-]+)\s+)"
    r"(?:name|mention|identify|list|cite|specify|single\s+out|named|mentioned|identified"
    r"|listed|cited|specified)\s+any\s+(?:particular\s+|specific\s+|individual\s+)?",
    re.I,
)


NAME_SPAN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*")
# Capitalised only because they open a sentence.
_OPENERS = STOPWORDS | frozenset(
    """look remember now as although because however yes well also still even only just here
    there why how what perhaps maybe indeed meanwhile instead otherwise thus therefore
    including despite unlike besides moreover furthermore nevertheless nonetheless finally
    first second today yesterday recently already again especially particularly clearly
    obviously unfortunately fortunately actually certainly""".split()
)


def names(text: str, exclude: AbstractSet[str] = frozenset()) -> set[str]:
    """Stemmed words of capitalised spans (names) sharing no word with `exclude`."""
    found: set[str] = set()
    for match in NAME_SPAN.finditer(text):
        span = match.group()
        if match.start() == 0 or text[: match.start()].rstrip().endswith((".", "!", "?", '"')):
            first, _, rest = span.partition(" ")
            if first.lower() in _OPENERS:
                span = rest
        stems = set(terms(span))
        if stems and not stems & exclude:
            found |= stems
    return found


_SPEAKER = r"(?:analyst|expert|interviewee|commentator|speaker|guest|observer|scientist)"
# Questions about the document itself rather than what it says.
_DOCUMENT = r"(?:article|interview|piece|story|report|post|document|text|page|item)"
_DOCUMENT_QUESTIONS = {
    # Who wrote the document or put the questions: only a byline names them, not whom the
    # document quotes ("Which journalist conducted the interview?").
    "author": re.compile(r"\b(?:journalist|reporter|correspondent)s?\b", re.I),
    # The counter a news page prints under its date line: "How many views does it show?"
    "views": re.compile(
        r"\bviews?\s*counts?\b|\bhow\s+many\s+(?:views|readers|reads|times)\b|\breadership\b"
        r"|\bpage\s*views\b|\b(?:number|count)\s+of\s+(?:views|readers|reads)\b"
        # "What figure is shown just below the date stamp?"
        r"|\b(?:figure|number)\b.*\b(?:below|under|beneath|after)\s+(?:the\s+)?(?:date|time)",
        re.I,
    ),
    "published": re.compile(
        rf"\bwhen\s+(?:was|were|did)\s+(?:(?:the|this|that)\s+(?:{_DOCUMENT}|thing)|it|this|that)"
        r"\s+(?:first\s+)?"
        r"(?:published|posted|written|released|dated|appear|come out|printed|run)\b"
        rf"|\b(?:publication|release) date\b|\bwhat\s+(?:is\s+the\s+)?date\b.*\b{_DOCUMENT}\b"
        # "On what day was this Charter97 piece published?"
        rf"|\b(?:when|what\s+(?:day|date|year))\b.*\b(?:this|that|the)\s+(?:[\w.-]+\s+)?"
        rf"{_DOCUMENT}\s+(?:was\s+|were\s+|first\s+)*(?:published|posted|released|dated"
        r"|printed|appeared|came out)\b"
        # "Date of piece?", "Time stamp on it?"
        rf"|\b(?:date|day)\s+of\s+(?:the\s+|this\s+|that\s+)?(?:[\w.-]+\s+)?{_DOCUMENT}\b"
        r"|\b(?:time|date)\s*stamps?\b|\bdatelines?\b"
        # "What time was it posted?", "On which date was the article released?"
        r"|\b(?:when|(?:(?:on|at|in)\s+)?(?:what|which)\s+(?:time|day|date|year))\s+(?:was|were|did)"
        rf"\s+(?:(?:the|this|that)\s+(?:[\w.-]+\s+)?(?:{_DOCUMENT}|thing)\s+|(?:it|this|that)\s+)"
        r"(?:first\s+)?(?:published|posted|released|dated|printed|uploaded|put\s+(?:up|online|out)"
        r"|appear|come\s+out)\b",
        re.I,
    ),
    # The line under the headline: "What does the subheading claim?", "The teaser's gist?"
    "subhead": re.compile(
        r"\bsub-?(?:heading|headline|title)s?\b|\bstandfirst\b"
        r"|\b(?:teaser|strapline|dek|kicker|one-liner)\b|\blead-in\b"
        r"|\bone-line\s+(?:lead|summary|intro|line|takeaway)\b"
        # "that short line at the top"
        r"|\b(?:short|little|small|single)\s+line\s+(?:at|up)\s+(?:the\s+)?top\b"
        r"|\b(?:under|below|beneath)\s+(?:the|its)\s+(?:title|headline|heading)\b",
        re.I,
    ),
    # "What claim opens the article?", "What does the lede say?"
    "opening": re.compile(
        r"\blede\b"
        rf"|\b(?:opens|begins|starts)\s+(?:the|this)\s+{_DOCUMENT}\b"
        rf"|\b{_DOCUMENT}\s+(?:opens|begins|starts)\s+with\b"
        r"|\b(?:opening|first)\s+(?:words|sentences?|lines?|paragraph)\b",
        re.I,
    ),
    "title": re.compile(
        rf"\b(?:headline|heading|hed)\b|\btitle\s+of\s+(?:the|this)\s+{_DOCUMENT}\b"
        r"|\b(?:according\s+to|per|in|from|by)\s+(?:the|its)\s+title\b"
        rf"|\b{_DOCUMENT}['’]s\s+title\b|\bwhat\s+is\s+(?:the|its)\s+title\W*$",
        re.I,
    ),
    # "How does the interview end?", "With what question does the article close?"
    "ending": re.compile(
        rf"\b{_DOCUMENT}\s+(?:\w+\s+)?(?:(?:end|ends|ended|close|closes|closed|finish|finishes"
        r"|finished)\b|(?:conclude|concludes|concluded)\s+(?:with|on)\b)"
        r"|\b(?:final|last|closing|concluding)\s+(?:words?"
        r"|sentences?|lines?|questions?|remarks?|thoughts?|paragraph)\b"
        # "With what question does the analyst close his remarks?"
        r"|\b(?:close|closes|end|ends|conclude|concludes|wrap|wraps)\s+(?:up\s+)?"
        r"(?:his|her|their|the)\s+(?:remarks|comments|answers?|interview|thoughts)\b",
        re.I,
    ),
    # Who the document interviews or quotes: "Who's the analyst they're quoting?", "What is
    # the interviewed analyst's nationality?", "Which think tank does the analyst head?"
    "speaker": re.compile(
        rf"\bwho\s*(?:is|was|['’]s)\s+(?:the|this|that)\s+(?:[\w-]+\s+)?{_SPEAKER}\b"
        # "Tell me who the expert guest is."
        rf"|\bwho\s+(?:the|this|that)\s+(?:[\w-]+\s+)?{_SPEAKER}\s+(?:is|was)\b"
        rf"|\b{_SPEAKER}['’]s\s+(?:full\s+)?(?:name|nationality|job|position|post|role|title"
        r"|profession|background|institute|organi[sz]ation|think tank)\b"
        r"|\b(?:name|nationality|job|position|profession|background)\s+of\s+the\s+(?:[\w-]+\s+)?"
        rf"{_SPEAKER}\b"
        r"|\b(?:which|what)\s+(?:[\w-]+\s+)?(?:think tank|institute|institution|organi[sz]ation"
        r"|centre|center)"
        rf"\s+(?:does|did)\s+(?:the\s+)?(?:[\w-]+\s+)?{_SPEAKER}\s+(?:lead|head|run|chair|direct"
        r"|work)"
        r"|\bwhom?\s+(?:did|does)\s+(?:the\s+|this\s+)?(?:[\w-]+\s+)?(?:site|outlet|website"
        rf"|newspaper|{_DOCUMENT})\s+(?:interview"
        r"|quote|talk\s+to|speak\s+(?:to|with))\b"
        # "Whom did Charter97 interview about the ban?", "Who was interviewed?"
        r"|\bwhom?\s+(?:did|does|do)\s+(?:the\s+|this\s+)?[\w.'’-]+\s+interview\b"
        r"|\bwhom?\s+(?:is|was|gets|got)\s+(?:being\s+)?interviewed\b"
        # "Which analyst did Charter97 speak to about the ban?"
        rf"|\b(?:which|what)\s+(?:[\w-]+\s+)?{_SPEAKER}s?\s+(?:did|does|do)\s+(?:[\w.'’-]+\s+){{1,3}}?"
        r"(?:interview|talk\s+(?:to|with)|speak\s+(?:to|with))\b"
        rf"|\bwhere\s+is\s+the\s+(?:[\w-]+\s+)?{_SPEAKER}\s+from\b"
        # "What was the analyst they spoke to called?", "remind me what the analyst is called"
        rf"|\bwhat\s+(?:is|was|['’]s)\s+(?:the|this|that)\s+(?:[\w-]+\s+)?{_SPEAKER}\b[^?]*?"
        r"\s+called\b"
        rf"|\bwhat\s+(?:the|this|that)\s+(?:[\w-]+\s+)?{_SPEAKER}\s+(?:is|was)\s+called\b"
        # "What country is the analyst from?"
        rf"|\b(?:what|which)\s+(?:country|nationality)\s+is\s+the\s+(?:[\w-]+\s+)?{_SPEAKER}\b"
        # "Is the interviewed analyst Russian or Kazakh?"
        rf"|\bis\s+the\s+(?:[\w-]+\s+)?{_SPEAKER}\s+(?:an?\s+)?(?-i:[A-Z])[\w-]+\s+or\b",
        re.I,
    ),
    "outlet": re.compile(
        r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:website|site|outlet|portal|newspaper|publication"
        rf"|magazine|media)\b|\bwho\s+(?:published|printed|posted|ran|carried)\s+(?:the|this)"
        rf"\s+{_DOCUMENT}\b"
        # "Outlet running the interview?"
        r"|\b(?:outlet|website|site|publication|newspaper|portal)\s+(?:that\s+)?(?:running|ran"
        r"|runs|carrying|carried|carries|publishing|published|behind)\b",
        re.I,
    ),
}
# Whom a document interviews or quotes, and how a sentence introduces them.
PROFESSION = re.compile(rf"\b(?:{_PROFESSIONS}|{_ROLES})\b", re.I)
_DOMAIN = re.compile(
    r"\b[\w-]+\.(?:org|com|net|info|io|news|media|ru|by|ua|kz|uk|de|fr|eu|gov|edu)\b", re.I
)


# How far from the top (in characters) an interview introduces whom it quotes.
SPEAKER_CHARS = 1500


# A question asking when (or what day, what year) the document itself came out: "When did
# Charter97 run this piece?", "What year is the article from?", "When was the article last
# updated?". It names the document (or a conversation, a feature ...) with a verb of putting
# it out, or asks what time it is "from".
_PUBLISHED_NOUN = rf"(?:{_DOCUMENT}|conversation|q&a|feature|column|op-ed|commentary|news)"
_DOCUMENT_DATED = re.compile(
    rf"\b{_PUBLISHED_NOUN}\b.*\b(?:publish(?:ed)?|post(?:ed)?|release(?:d)?|print(?:ed)?"
    r"|upload(?:ed)?|update(?:d)?|appear(?:ed)?|came\s+out|come\s+out|go\s+(?:up|live|online)"
    r"|went\s+(?:up|live|online)|dated|from)\b"
    r"|\b(?:publish(?:ed)?|post(?:ed)?|release(?:d)?|print(?:ed)?|upload(?:ed)?|run|ran|carry"
    rf"|carried)\s+(?:the|this|that|its)\s+(?:[\w.-]+\s+)?{_PUBLISHED_NOUN}\b",
    re.I,
)


def document_question(question: str, query: str = "") -> str | None:
    """'author', 'views', 'published', 'subhead', 'opening', 'title', 'ending', 'speaker' or
    'outlet' for a question about the document itself.

    A follow-up (`query` = the question with the earlier turns) may ask more about what the
    turn before asked: "And at what time?" after "When was this posted?" asks about the date
    line, "His nationality?" after "The analyst's name?" about whom the document quotes.
    """
    # A keyword query is read as the question it abbreviates too: "analyst full name" asks
    # what "name of the analyst" asks.
    found = next(
        (k for r in _readings(question) for k, rx in _DOCUMENT_QUESTIONS.items() if rx.search(r)),
        None,
    )
    if not found and _DOCUMENT_DATED.search(question) and "date" in expected_types(question):
        found = "published"
    if found or not query or query == question:
        return found
    before = document_question(query)
    # Only the date line has a date: "In what year was it founded?" after "Which think tank
    # does the analyst head?" asks about the think tank, not the line that names it.
    if "date" in expected_types(question) and before == "published":
        return before
    if before == "speaker" and _SPEAKER_DETAIL.search(question):
        return before
    return None


# What a follow-up asks about someone the turn before asked after: "His nationality?"
_SPEAKER_DETAIL = re.compile(
    r"\b(?:his|her|their)\s+(?:full\s+)?(?:name|nationality|job|position|post|role|title"
    r"|profession|background|institute|organi[sz]ation|think tank)\b"
    # "What institute does he head?", "Where is she from?"
    r"|\b(?:which|what)\s+(?:[\w-]+\s+)?(?:think tank|institute|institution|organi[sz]ation"
    r"|org|centre|center)\s+(?:does|did)\s+(?:he|she)\s+(?:lead|head|run|chair|direct|work"
    r"|preside)"
    r"|\bwhere\s+(?:is|was)\s+(?:he|she)\s+from\b",
    re.I,
)


_BYLINE = re.compile(
    r"^\W*(?:by|written by|author|text|reporter|correspondent|interview by)\s*:?\s+"
    r"(?-i:[A-Z][\w'’-]+\s+[A-Z])",
    re.I,
)


def is_byline(sentence: str) -> bool:
    """Whether a short line names who wrote the document: "By Jane Smith"."""
    return len(sentence.split()) <= 8 and bool(_BYLINE.search(sentence))


def introduces_someone(sentence: str) -> bool:
    """Whether a sentence gives someone's name with their profession or post."""
    return bool(PROFESSION.search(sentence)) and bool(names(sentence))


def names_a_site(sentence: str) -> bool:
    """Whether a sentence names a web site by its domain ('Charter97.org')."""
    return bool(_DOMAIN.search(sentence))


# Kinds of answer a sentence may lack and still answer: they help, not rule out. "Why"
# prefers a stated reason, "Does the analyst think ...?" a view given as the speaker's own,
# "How does he describe X?" a sentence saying what X is, "... as an example?" an example.
_SOFT: dict[str, re.Pattern[str] | _Listing] = {
    "reason": _REASON,
    "stance": _STANCE,
    "description": _DESCRIPTION,
    "example": _EXAMPLE,
    "purpose": _PURPOSE,
    "advice": _ADVICE,
    "means": _MEANS,
    "list": _LIST,
}
# A narrower kind stands in for the broader ones it refines.
_NARROWER: dict[str, tuple[str, ...]] = {
    "origin": ("name", "place"),
    "holder": ("name",),
    "share": ("quantity",),
    "parties": ("name",),
    "part": ("place",),
    "city": ("place",),
    "war": ("place",),
    "maker": ("name",),
    "target": ("name",),
    "beneficiary": ("name",),
    "reason given": ("name",),
    "tenure": ("duration", "quantity"),
}


def strict_kinds(question: str) -> list[str]:
    """The kinds of answer asked for that a sentence must have (a date, a name ...)."""
    return [k for k in expected_types(question) if k not in _SOFT]


def type_match(
    expects: list[str],
    speaker: set[str],
    sentence: str,
    known: set[str],
    counted: AbstractSet[str] = frozenset(),
    anchors: AbstractSet[str] | None = None,
    reactor: AbstractSet[str] = frozenset(),
) -> int:
    """1 when the sentence has an answer of a kind asked for, -1 when it has none, 0 if n/a.

    A sentence lacking a strict kind (a date, a name ...) is -1; one with it, or with no strict
    kind asked, is 1 when it also has the soft kind asked for (if any), else 0 for a soft kind.
    """
    if speaker and not _quotes(speaker, sentence):
        return -1
    dropped = {b for k in expects for b in _NARROWER.get(k, ())}
    strict = [k for k in expects if k not in _SOFT and k not in dropped]
    soft = [k for k in expects if k in _SOFT]
    if strict and not any(
        has_answer_type(k, sentence, known, counted, anchors, reactor) for k in strict
    ):
        return -1
    if soft:
        return 1 if any(_SOFT[k].search(sentence) for k in soft) else 0
    return 1 if strict else 0
