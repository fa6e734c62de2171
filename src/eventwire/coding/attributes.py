"""Event attributes read from the clause: negation, hypotheticality, casualty and crowd sizes, sources.

Negated and hypothetical events are kept but marked, so a user filters them instead of never seeing
them; "X threatened to bomb Y" is a factual threat and a hypothetical bombing.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.model import Size
from eventwire.words import FORCING, parse_number

MODAL_AUX = frozenset(
    {"will", "would", "may", "might", "could", "should", "can", "shall", "must", "'ll", "wo"}
)
MODAL_KIND = {"will": "intent", "would": "intent", "'ll": "intent", "wo": "intent", "shall": "intent",
              "must": "demand", "should": "demand"}  # fmt: skip
INTENT_GOVERNORS = frozenset(
    {"intend", "plan", "prepare", "decide", "vow", "want", "seek", "aim", "hope", "expect", "willing", "ready",
     "prepared", "determined", "eager", "set", "due", "pledge", "promise", "resolve"}
)  # fmt: skip
# "continue to train" happened; "intend to establish" did not (yet); "forced the police to open fire": they did.
ASPECTUAL = FORCING | frozenset(
    {"continue", "begin", "start", "keep", "resume", "manage", "go", "be", "have", "use", "try", "attempt"}
)
# "I don't think they met": a negated belief negates its clause (but "did not know that they met" does not).
NEG_RAISING = frozenset({"think", "believe", "suppose", "imagine", "recall", "remember"})
NEGATING = frozenset(
    {"fail", "failure", "deny", "refrain", "avoid", "stop", "cease", "halt", "prevent", "foil", "thwart"}
)
# Acts whose object is an event that exists whether they happen or not: condemning or investigating an
# attack, discussing or cooperating with an inquiry, halting a bombing.
PRESUPPOSING = frozenset({"ACCUSE", "CONSULT", "COOPERATE", "SANCTION"})
HYPOTHETICAL_GOVERNORS = frozenset(
    {
        "intend", "plan", "threaten", "vow", "want", "seek", "aim", "hope", "expect", "prepare", "agree",
        "promise", "pledge", "offer", "decide", "call", "urge", "demand", "ask", "plead", "appeal", "warn",
        "propose", "consider", "order", "push", "press", "need", "request", "insist", "recommend", "discuss",
        "negotiate", "fear", "reject", "refuse", "oppose", "approve", "authorize", "authorise", "clamor",
        "clamour", "suggest",
    }
)  # fmt: skip
# Where a governor holds its act: "called for a strike", "urged them to leave", "threatened that it would".
COMPLEMENTS = ("dobj", "pobj", "prep", "xcomp", "ccomp")
# Governors that propose an act only as their object ("suggested boycotting Apple"); their that-clause infers a
# fact ("evidence suggests that police beat him"), and their phrases say where ("suggested at the hearing").
INFERRING = frozenset({"suggest"})
HYPOTHETICAL_MODIFIERS = frozenset(
    {"planned", "possible", "potential", "proposed", "future", "threatened", "imminent", "impending"}
)
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# Adverbs of a habit: "Trump and Sanders often blame China", "who frequently criticizes the government".
HABITUAL = frozenset(
    {"often", "frequently", "routinely", "usually", "regularly", "typically", "habitually", "sometimes",
     "occasionally", "constantly", "seldom", "rarely"}
)  # fmt: skip
ABLE = frozenset({"capable", "incapable"})
# What may stand before an order: quotation marks, colons, dashes, bullets, "please", "either".
ORDER_OPENERS = frozenset({"“", '"', "‘", ":", "—", "–", "-", "(", ";", "~", "•", "*", "please", "either", "just"})
RANKS = frozenset({"first", "last", "only", "next", "latest"})
# Nouns whose "of" or "for" phrase is an act proposed, feared or promised, not done: "his calls for banning
# Muslims", "the idea of deporting 11 million people", "the threat of sanctions".
PROPOSAL_NOUNS = frozenset(
    """idea call plan proposal prospect possibility threat promise demand notion option hope fear risk danger goal
    suggestion vow pledge offer request appeal plea""".split()
)
# Nouns of a claim not (yet) borne out: their content clause is alleged, not reported as fact.
CLAIM_NOUNS = frozenset({"allegation", "accusation", "claim", "rumor", "rumour", "speculation", "suspicion"})

DEAD = frozenset(
    {"kill", "murder", "slay", "execute", "behead", "massacre", "assassinate", "die", "dead", "death"}
)
INJURED = frozenset({"wound", "injure", "hurt", "injured", "wounded"})
ARRESTED = frozenset({"arrest", "detain", "apprehend", "nab", "jail", "imprison", "round", "hold"})


def negation(trigger: Token, acts: dict[int, str]) -> Token | None:
    """The word that negates the trigger: "not"/"never" on it or its governing verbs, "no" on a noun or on
    its object ("offered no proof"), a governing "failed to"/"denied"/"the failure to", or a negated belief
    ("I don't think they met"), "instead of"/"rather than", "stopped short of"; None when the event is asserted.

    `acts` holds the sentence's triggers (token index -> event type). An act about another event takes a
    negation for itself: "did not condemn the invasion" negates the condemnation, not the invasion; but
    "did not sign the agreement" or "did not hold talks" negate the agreement and the talks.
    """
    token = trigger
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    nothing = [d for c in objects for d in c.children if d.dep_ == "det" and d.lower_ == "no"]
    if nothing and trigger.pos_ == "VERB":
        return nothing[0]  # "offered no proof", "signed no agreement": nothing was done
    for _ in range(4):
        for child in token.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return child
        if token.i != trigger.i and token.lemma_ in NEGATING:
            return token
        if token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "of" and token.head.head.lower_ == "short":
            return token.head.head  # "stopped short of endorsing him", "fell short of a deal"
        own = token.i == trigger.i or (trigger.dep_ == "dobj" and trigger.head.i == token.i)
        if own and token.dep_ == "pcomp" and instead(token.head):
            return token.head  # "instead of arresting them", "instead of making a visit" (not "portrayed as a protest
            # rather than a terrorist attack", nor "instead of reassuring Americans after a terrorist attack")
        if token.head.i == token.i:
            return None
        believed = token.dep_ == "ccomp" and token.head.lemma_ in NEG_RAISING
        # "it was not a terrorist attack"; not "was not part of the deal" (the deal was made)
        named = token.i == trigger.i and token.dep_ == "attr" and token.head.lemma_ == "be"
        if token.dep_ not in ("xcomp", "pobj", "prep", "dobj", "conj") and not (
            believed or named or _infinitive_of_noun(token)
        ):
            return None  # ... but "the failure to denounce them", "no attempt to arrest them" (a noun's infinitive)
        if token.dep_ in ("dobj", "prep") and acts.get(token.head.i) in PRESUPPOSING - {acts[trigger.i]}:
            return None
        token = token.head
    return None


def instead(word: Token) -> bool:
    """"instead of", "rather than": what follows is the act not chosen (not refused: no stance of its own)."""
    return word.lower_ in ("of", "than") and any(c.dep_ == "advmod" and c.lower_ in ("instead", "rather") for c in word.children)


def modality(trigger: Token) -> tuple[str, Token] | None:
    """Why the event has not (yet) happened, and the word that says so; None when it is reported as fact.

    Kinds: "intent" (will, would, intend to, plan to, willing to: CAMEO codes the announcement as intent
    to cooperate or a threat), "demand" (must, should), "order" (an imperative: "Bomb them!"; no stance of
    its own, as its speaker is often no one named), "question" (asked whether it happened: "Did you shoot
    him?"), "condition" (if, may, could; a habit: "whenever",
    "when" + present, "often" or "routinely" on its own verb, not on a verb it is conjoined to) and
    "complement" (the object of calling for, urging, threatening ..., a noun's infinitive: "a decision to
    bomb the bridge", or the content of an allegation, a claim or a rumour).
    """
    for child in trigger.children:
        if child.dep_ == "amod" and child.lower_ in HYPOTHETICAL_MODIFIERS:
            return "intent", child
    token, told_apart, habit, own = trigger, False, True, True
    asking = _asks_whether(trigger.sent)
    for _ in range(5):
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in MODAL_AUX:
                return MODAL_KIND.get(child.lower_, "condition"), child
            if _conditional(child, token) or (habit and child.dep_ == "advmod" and child.lower_ in HABITUAL):
                return "condition", child
        if own and _imperative(token):
            return "order", token  # "Two, disrupt and dismantle the terrorist infrastructure": a plan
        if asking and (asked := _inverted_aux(token)) is not None:
            return "question", asked  # "Did you shoot him?": asked, not told
        head = token.head
        if head.i == token.i:
            return None
        if token.i == trigger.i and token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN":
            # "if a protest breaks out": the condition of the clause the event noun is the subject of
            return next((("condition", c) for c in head.children if _conditional(c, head)), None)
        if token.dep_ == "pcomp" and head.lower_ == "of" and head.head.lemma_ in ABLE:
            return "condition", head.head  # "capable of striking the United States": an ability, not an act
        if token.dep_ == "xcomp" and _to_infinitive(token) and _going_to(head):
            return "condition", head  # "I'm going to support the nominee": a future, not a report
        of_verb = token.dep_ in ("xcomp", "advcl") and head.lemma_ not in ASPECTUAL and _to_infinitive(token)
        of_noun = (  # "a plan to attack the capital", "permission to fire", "a decision to bomb the bridge"
            _infinitive_of_noun(token)
            and head.lemma_ not in ASPECTUAL | NEGATING
            and not _ranked(head)
            and not told_apart
        )
        if of_verb or of_noun:
            return ("intent" if head.lemma_ in INTENT_GOVERNORS else "complement"), head
        proposed = token.dep_ in (("dobj", "xcomp") if head.lemma_ in INFERRING else COMPLEMENTS)
        if proposed and head.lemma_ in HYPOTHETICAL_GOVERNORS:
            if token.i != trigger.i or token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("xcomp", "ccomp"):
                return "complement", head
        if token.dep_ in ("acl", "relcl") and head.lemma_.lower() in CLAIM_NOUNS and _content(token):
            return "complement", head  # "allegations (that) he beat his ex-wife"
        if token.dep_ in ("pcomp", "pobj") and head.lower_ in ("of", "for") and _proposal(head.head):
            return "complement", head.head
        if token.dep_ == "acl" and _content(token):
            # "if there were evidence that a source got killed": the noun's clause is a condition
            mark = next((c for c in head.head.children if _conditional(c, head.head)), None)
            if mark is not None:
                return "condition", mark
        if token.dep_ not in ("xcomp", "conj", "pobj", "prep", "dobj", "advcl", "ccomp"):
            return None
        # a clause with a subject of its own ("... to meet him while the department was investigating his wife")
        told_apart = told_apart or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        habit = habit and token.dep_ != "conj"  # "used the phrase often, and criticized Obama": one act
        own = own and (  # an order holds its objects, the verbs it is conjoined with and what it lets happen
            token.dep_ in ("xcomp", "dobj", "pobj", "prep")
            or (token.dep_ == "conj" and not told_apart)
            or (token.dep_ == "ccomp" and head.lemma_ == "let" and _let_do(head, token))
        )
        token = head
    return None


def _asks_whether(sentence: SpacySpan) -> bool:
    """A question that asks whether something happened ("Did you shoot him?", "Has Russia bombed the city?"),
    not one that takes it as given ("Why did Russia bomb it?")."""
    return sentence.text.rstrip().rstrip("”\"'’").endswith("?") and not any(
        t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in sentence
    )


def _inverted_aux(verb: Token) -> Token | None:
    """The auxiliary put before the verb's subject, as a question puts it ("Did you shoot him?")."""
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and subjects and c.i < min(subjects)), None)


def _let_do(let: Token, clause: Token) -> bool:
    """"Let them fight", "let's go": the clause whose subject comes right after "let" (not a later sentence
    the parser hung from it)."""
    return any(c.dep_ == "nsubj" and c.i == let.i + 1 for c in clause.children)


def _imperative(verb: Token) -> bool:
    """A verb in the bare form with no subject or auxiliary heading its sentence, a list item or a quoted
    clause ("Bomb them, he said", "Two, disrupt and dismantle the network"): an order or a plan, not a report."""
    heading = verb.dep_ in ("ROOT", "ccomp", "advcl") or (
        verb.dep_ in ("conj", "parataxis") and verb.head.pos_ not in ("VERB", "AUX")
    )
    return (
        heading
        and _opens_a_clause(verb)
        and verb.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "csubj", "mark") for c in verb.children)
    )


def _opens_a_clause(verb: Token) -> bool:
    """The verb starts its sentence, a quotation, a list item ("Two, disrupt ...", "~ Meet the robots") or
    follows "please" or "either": where an order stands (not "<tweet ...>", a leftover tag)."""
    first = min((c for c in verb.conjuncts if c.tag_ == "VB"), key=lambda c: c.i, default=verb)
    if first.i < verb.i:  # "disrupt and dismantle": where the first of them stands
        return _opens_a_clause(first)
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if before is None or before.lower_ in ORDER_OPENERS:
        return True
    item = verb.doc[verb.i - 2] if verb.i - 2 >= verb.sent.start else None
    return before.text == "," and item is not None and (item.like_num or item.tag_ == "LS" or item.i == verb.sent.start)


def _to_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _going_to(verb: Token) -> bool:
    """"is going to", "were going to": the future of "be going to" (not "went to attack": a report)."""
    return verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "aux" for c in verb.children)  # (“we’re”)


def _infinitive_of_noun(token: Token) -> bool:
    """"(a plan) to attack", "(the failure) to protect": a to-infinitive describing a noun."""
    return token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and _to_infinitive(token)


def _proposal(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in PROPOSAL_NOUNS


def _ranked(noun: Token) -> bool:
    """"the first country to recognize Kosovo", "the only leader to visit": an infinitive that says who did it."""
    return any(c.lower_ in RANKS or c.ent_type_ == "ORDINAL" for c in noun.children)


def _content(clause: Token) -> bool:
    """A clause that says what a noun claims ("allegations (that) he beat his ex-wife"), not a relative clause
    of it ("claims Clinton made at the hearing", "the rumours that spread": the noun fills its gap)."""
    if any(c.tag_ in ("WDT", "WP") and c.dep_ != "mark" for c in clause.children):
        return False
    own = ("mark", "dobj", "attr", "acomp", "ccomp", "xcomp", "dative", "nsubjpass", "oprd")
    return any(c.dep_ in own for c in clause.children)


def _conditional(child: Token, verb: Token) -> bool:
    """A mark that makes its clause a condition or a habit, not a report: "if", "unless", "whenever", and
    "when" or "once" before a present tense ("the response when a protest breaks out", "once a deal is
    reached"; "when police fired" is a report)."""
    if child.dep_ == "mark" and child.lower_ in CONDITION_MARKS:
        return True
    present = verb.tag_ in ("VBZ", "VBP")
    reached = any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)  # "once it is reached"
    return child.dep_ in ("mark", "advmod") and (
        child.lower_ == "whenever"
        or (child.lower_ == "when" and present)
        or (child.lower_ == "once" and (present or reached))
    )


def number_of(noun: Token) -> int | None:
    """The count a noun phrase states: "12 people", "two others", "nearly 390 fighters", "a member"."""
    if noun.like_num:
        return token_number(noun)
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ in ("amod", "compound") and child.like_num):
            return token_number(child)
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ in ("a", "an", "one") and noun.tag_ in ("NN", "NNP"):
            return 1
    return None


def token_number(token: Token) -> int | None:
    """Digits ("1,200") or number words ("twenty-five", "one hundred"), with their compound parts."""
    parts = [c for c in token.children if c.dep_ in ("compound", "nummod", "quantmod") and c.like_num]
    value = parse_number(" ".join(t.lower_ for t in sorted([*parts, token], key=lambda t: t.i)))
    return int(value) if value else None


def _victims(word: Token) -> list[Token]:
    """The nouns counted by a casualty or arrest word: its object, passive subject, or modified noun."""
    if word.pos_ == "VERB" and word.tag_ != "VBN" or any(c.dep_ == "dobj" for c in word.children):
        found = [c for c in word.children if c.dep_ == "dobj"]
        if word.lemma_ == "die":
            found = [c for c in word.children if c.dep_ == "nsubj"]
    else:
        found = [c for c in word.children if c.dep_ in ("nsubjpass", "nsubj")]
        if not found and word.dep_ in ("acl", "amod") and word.head.pos_ in ("NOUN", "PROPN", "NUM"):
            found = [word.head]
        if not found and word.dep_ in ("oprd", "ccomp", "acomp"):
            found = [c for c in word.head.children if c.dep_ == "dobj"]
    return [t for v in found for t in [v, *v.conjuncts]]


def sizes(sentence: SpacySpan) -> Size:
    """Dead, injured and arrested counts stated anywhere in the sentence (summed over coordinated nouns)."""
    size = Size()
    for token in sentence:
        lemma = token.lemma_.lower()
        field = (
            "dead"
            if lemma in DEAD
            else "injured"
            if lemma in INJURED
            else "arrested"
            if lemma in ARRESTED
            else None
        )
        if field is None or (lemma == "hold" and not any(c.lower_ == "captive" for c in token.subtree)):
            continue
        counts = [n for n in (number_of(v) for v in _victims(token)) if n is not None]
        if counts and getattr(size, field) is None:
            setattr(size, field, sum(counts))
    return size


def participants_count(actor_heads: list[Token]) -> int | None:
    """Crowd or force size stated on the actor ("nearly 390 fighters", "5,000 demonstrators")."""
    for head in actor_heads:
        for child in head.children:
            if child.dep_ == "nummod":
                return token_number(child)
    return None
