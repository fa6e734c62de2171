"""Who acts and who is acted on, read from the clause's structure rather than from the nearest names.

Active subjects act; passive subjects are acted on and the "by" agent acts; objects and "on/against"
phrases are the recipients; coordinated nouns are all participants; a verb without its own subject
(conjoined, "continue to train", "..., killing five") takes the subject of the verb it hangs from.
Noun triggers take their possessor, nationality or force modifier ("Israel's raid", "a US strike",
"police firing"), their "by" phrase, or the subject of the verb that governs them ("militants launched an
attack on ..."), unless that verb only tells of or judges it ("a reporter heard gunfire") or the noun only dates
it ("after the attacks, Trump issued a statement"). A passive or
undergone act with no actor takes the actor of its means ("killed in police firing"). A town before an event
noun or a place it is held "at" says where, not who ("the Warsaw meeting"); whoever is "under" an act
undergoes it ("under investigation"). Only words that can name a participant become one (`stand_in`): never
a number, an abstract noun, an event noun, a weapon or a bare "this".
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.coding import lexicon
from eventwire.coding.literal import is_place
from eventwire.model import Article, Participant
from eventwire.resolve.actor import actor_for_span, after_dateline, dateline_of
from eventwire.resolve.actor_coding import coder, head_phrase_text, normal
from eventwire.words import FIRST_PERSON, FORCING, THIRD_PERSON

SUBJECT_DEPS = ("nsubj", "csubj")
INHERIT_DEPS = ("xcomp", "conj", "advcl", "acl", "pcomp", "acomp", "prep")
TARGET_PREPS = ("on", "against", "at", "upon", "into", "of")
# Where words are said, not whom they are said to.
OCCASIONS = frozenset(
    """conference summit meeting hearing convention ceremony session forum briefing debate interview congress
    assembly event dinner luncheon breakfast gala fundraiser symposium seminar""".split()
)
WITH_PREPS = ("with", "between")
RELATIVE = frozenset({"who", "which", "that", "whom"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
NP_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "npadvmod", "case", "punct", "advmod"}
)
MODIFIER_ENTS = frozenset({"NORP", "GPE", "ORG"})
NAMED_ENTS = frozenset({"PERSON", "NORP", "GPE", "ORG", "LOC", "FAC"})
NUMBER_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"})
# Lexicon classes of nouns that name who acts or is acted on: people, forces, places and things attacked.
ACTOR_CLASSES = (
    "people",
    "civilian",
    "protester",
    "armed",
    "military",
    "worker",
    "prisoner",
    "envoy",
    "territory",
    "place",
    "target",
)
# Prepositions that give a passive or intransitive verb its means ("killed in police firing", "died in an
# airstrike", "wounded by police bullets"): the actor of the means is the actor of the verb.
MEANS_PREPS = ("in", "by", "during", "from", "under")
FORCE_SECTORS = frozenset({"COP", "MIL", "REB", "UAF"})
# Verbs that claim a deed ("claimed responsibility for"), and verbs that lay one on their object, with the
# preposition that names the deed ("blamed X for", "accused X of").
CLAIMING = frozenset({"claim", "take", "accept", "admit", "assume", "bear"})
ACCUSING = {"blame": "for", "accuse": "of", "suspect": "of"}
# Verbs whose subject tells of, or judges, a nominal event rather than doing it: "an AP reporter heard
# gunfire", "the UN condemned the attack", "prosecutors charged the officer with murder", "Obama dismissed the
# criticism"; or causes it: "the president's decision led to the protests", "the verdict sparked riots".
WITNESS_VERBS = frozenset(
    """hear see witness watch report describe film photograph record notice document recount recall say tell
    confirm deny fear survive escape flee condemn denounce criticise criticize deplore blame praise welcome
    investigate probe mourn protest refer mention cite commemorate remember charge indict convict prosecute sue
    arrest sentence acquit jail punish dismiss reject rebuff rebut ignore deflect counter dispute answer lead
    cause spark trigger prompt provoke fuel""".split()
)
# Verbs whose subject answers a nominal event it underwent, with the preposition that names the event: "France
# responds to and recovers from this attack" (but "Trump responded with attacks on Machado" attacks).
ANSWERING = {"respond": "to", "react": "to", "recover": "from"}
# Event nouns that name the one who acts: "the United States remains the largest donor" (a copula's subject
# is the donor; "it was the deadliest attack" says what "it" is, not who attacked).
DOERS = frozenset({"donor", "mediator", "sponsor", "attacker", "protester", "demonstrator", "rioter"})
# Prepositions that date one act by another: "after the attacks, Trump issued a statement".
TIMING_PREPS = frozenset({"after", "before", "following", "since", "amid"})


def phrase(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase of `head`: its modifiers and an "of"/"for" tail."""
    keep = [head]
    for child in head.children:
        if child.dep_ in NP_DEPS and child.i < head.i:
            keep.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i > head.i and not _the_charge(head, child):
            keep.extend(t for t in child.subtree if t.dep_ not in ("relcl", "acl"))
        elif child.dep_ == "compound" or (child.dep_ == "appos" and child.i == head.i + 1):
            keep.append(child)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = head.doc
    while start > 0 and _split_sibling(doc[start - 1], head):
        start = doc[start - 1].left_edge.i
    start = after_dateline(doc, start, head.i)
    breaks = [t.i for t in doc[start:end] if t.is_space and "\n" in t.text]
    start = max([start] + [i + 1 for i in breaks if i < head.i])  # "11:30 a.m.\n\nMore GOP candidates"
    end = min([end] + [i for i in breaks if i > head.i])
    while start < end - 1 and doc[start].is_punct:
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _the_charge(head: Token, prep: Token) -> bool:
    """"accused Obama of political exploitation", "blamed Clinton for the attack": the deed laid on the object
    (the parser often hangs it from the object), not part of who is accused."""
    if head.dep_ != "dobj" or ACCUSING.get(head.head.lemma_) != prep.lower_:
        return False
    titles = (coder().role_at(head.doc, p.i) for p in prep.children if p.dep_ == "pobj")
    return not any(t is not None and t[1] <= head.i for t in titles)  # not "the secretary of state"


def _split_sibling(token: Token, head: Token) -> bool:
    """A name the parser split into sibling tokens ("President", "al", "-", "Assad" all subjects); not a place
    beside a modifier of one noun ("the Paris terrorist attacks": "terrorist" is not "Paris terrorist")."""
    return (
        head.dep_ != "ROOT"
        and token.head.i == head.head.i
        and token.dep_ in ("compound", head.dep_)
        and (head.pos_ == "PROPN" or token.ent_type_ not in ("GPE", "LOC", "FAC"))
    )


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the nouns coordinated with it ("Hungarian and Romanian officials" -> both)."""
    out = [token]
    for conj in token.conjuncts:
        if conj.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
            out.append(conj)
    return out


def _resolve_relative(token: Token) -> Token:
    """ "who"/"which" stands for the noun the relative clause hangs from."""
    if token.lower_ in RELATIVE:
        verb = token.head
        while verb.dep_ != "relcl" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ == "relcl":
            return _named_in_tail(verb.head, token) or verb.head
    return token


def _named_in_tail(noun: Token, relative: Token) -> Token | None:
    """"The family of Ronald Johnson III, who was fatally shot": "who" is the person named just before it."""
    if relative.lower_ not in ("who", "whom") or noun.ent_type_ == "PERSON":
        return None
    named = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return next(
        (g for g in named if g.ent_type_ == "PERSON" and 0 < relative.i - g.right_edge.i <= 2), None
    )


def _targets(token: Token) -> list[Token]:
    """What the "on/against/at ..." phrases after a trigger say it is done to; not an occasion it is done at
    ("urged a greater role at the Munich Security Conference") nor a phrase that opens the clause ("On CNN
    Tuesday, his wife called for an open primary")."""
    return [
        r
        for r in _pobjs(token, TARGET_PREPS)
        if r.head.i > token.i
        and not (r.head.lower_ == "at" and r.lemma_.lower() in OCCASIONS and r.ent_type_ not in ("PERSON", "GPE"))
    ]


def _pobjs(token: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def verb_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    """Head tokens of (actors, recipients) of a verb trigger."""
    actors: list[Token] = []
    recipients: list[Token] = []
    passive = (
        any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"))
    ) and verb.lemma_ not in STANCE_PARTICIPLES
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            actors.append(_resolve_relative(child))
        elif child.dep_ == "nsubjpass":
            (recipients if passive else actors).append(_resolve_relative(child))
        elif child.dep_ == "agent":
            actors.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("dobj", "dative") and not passive:
            recipients.append(_resolve_relative(child))
    if not recipients:
        recipients = _targets(verb)
    if passive and verb.dep_ in ("acl", "amod") and not recipients:
        recipients.append(verb.head)
    if not actors and not passive:
        actors = inherited_subject(verb)
    if verb.lemma_ in UNDERGO:
        actors, recipients = [], actors
    if passive and not actors and verb.lemma_ in DEPLOYED:
        actors = [c for c in recipients if c.dep_ == "nsubjpass"]
        recipients = [r for r in recipients if r not in actors]
    actors += _pobjs(verb, WITH_PREPS) if verb.lemma_ in SYMMETRIC else []
    return actors, recipients


def means_actors(verb: Token) -> list[Token]:
    """Who carries out the means a verb names ("killed in police firing", "died in an Israeli airstrike",
    "wounded by police bullets")."""
    found: list[Token] = []
    for means in _pobjs(verb, MEANS_PREPS):
        if _is_means(means):
            found += own_actors(means)
        elif _force(means) and any(c.dep_ in ("acl", "compound") and _is_means(c) for c in means.children):
            found.append(means)  # the parse "in [police [firing]]"
    return found


# Participles that state the subject's own stance, not something done to it: "Israel is opposed
# to the plan", "the army is determined to retake the town".
STANCE_PARTICIPLES = frozenset({"oppose", "commit", "determine", "resolve", "prepare", "dedicate", "devote"})

# Verbs whose subject undergoes the act: "two died in police firing".
UNDERGO = frozenset({"die", "perish", "succumb"})
# Verbs whose subject undergoes the act their object names: "faced criticism from rivals", "drew condemnation".
UNDERGOING = frozenset({"face", "draw", "receive", "suffer", "endure", "attract", "weather", "field"})
# Verbs that judge or punish someone for an act: that one did it ("criticized the officer for shooting him",
# "was arrested for killing his wife"), not the judge. (What someone is accused, charged or sued over is only
# alleged: "accused Sanders of using a Karl Rove attack" gives that attack no actor.)
JUDGED_FOR = frozenset(
    """criticize criticise praise thank condemn denounce fault rebuke chastise slam attack commend applaud
    congratulate credit honor honour reward punish fine arrest detain convict sentence jail lash rail blast
    lambaste scold berate mock ridicule""".split()
)
# The prepositions that name whom those verbs judge when it is not their object: "lashed out at Turkey for
# having shot down a bomber", "railed against the police for firing on the crowd".
JUDGED_AT = ("at", "against")

# Verbs whose object is to do what follows (it may not yet have happened): "urged Israel to withdraw".
OBJECT_CONTROL = frozenset(
    """urge ask tell order persuade encourage invite press push pressure implore beg advise allow permit
    authorize authorise instruct direct request require challenge dare help enable convince""".split()
)
# The same, with the doer after a preposition: "called on Congress to act", "appealed to the rebels to lay down".
APPEALED_TO = {"call": "on", "appeal": "to", "plead": "with", "prevail": "on"}

# Verbs whose passive subject is the force moved, the side that mobilizes: "the army has been deployed on
# the border" (the army, not a target); an agent ("deployed by the government") still acts.
DEPLOYED = frozenset({"deploy", "redeploy", "station", "mobilize", "mobilise", "dispatch"})

SYMMETRIC = frozenset({"clash", "fight", "battle", "meet", "talk", "negotiate", "agree", "consult", "confer"})


def inherited_subject(verb: Token) -> list[Token]:
    """The subject a subjectless verb shares with the verb it depends on (control, coordination)."""
    seen = 0
    while verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i and seen < 4:
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            # "Amnesty issued a statement calling on ...": the statement's issuer calls
            if stand_in(head, acting=True) or (issuer := _governing_verb(head)) is None:
                return [head]
            return [c for c in issuer.children if c.dep_ in SUBJECT_DEPS] or [head]
        if verb.dep_ == "pcomp" and head.lower_ in ("for", "of", "with") and head.head.lemma_.lower() in JUDGED_FOR:
            judged = _judged(head.head)
            if judged:  # "criticized the officer for shooting him": the officer shot
                return [_resolve_relative(judged[0])]
        forced = _made_to_act(head) if verb.dep_ == "xcomp" else []
        if forced:  # "forced the police to open fire": the police fired; "urged Israel to withdraw": Israel would
            return [_resolve_relative(forced[0])]
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return [_resolve_relative(subjects[0])]
        passive_subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "conj" and passive_subjects:
            return []
        verb, seen = head, seen + 1
    return []


def makes_another_act(verb: Token) -> bool:
    """A verb of forcing, asking or letting, whose object or the one it calls on does what follows."""
    lemma = verb.lemma_.lower()
    return lemma in FORCING or lemma in OBJECT_CONTROL or lemma in APPEALED_TO


def _made_to_act(verb: Token) -> list[Token]:
    """Whom a verb of forcing, asking or letting makes the doer of the verb after it: its object ("forced
    the police to open fire", "urged Israel to withdraw") or whom it calls on ("called on Congress to act")."""
    if (preposition := APPEALED_TO.get(verb.lemma_.lower())) is not None:
        return [o for o in _pobjs(verb, (preposition,)) if o.i > verb.i]  # not "On Nov. 18, X called"
    return [c for c in verb.children if c.dep_ == "dobj"] if makes_another_act(verb) else []


def own_actors(noun: Token) -> list[Token]:
    """Who a noun says carries it out: its possessor, a nationality or force before it ("Israel's raid", "a US
    strike", "police firing", "the army offensive") or its "by" phrase."""
    actors: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            actors.append(child)
        elif (
            child.dep_ in ("amod", "compound", "nmod")
            and child.i < noun.i
            and ((child.ent_type_ in MODIFIER_ENTS and not _town(child)) or _force(child))
        ):
            actors.append(child)
    return actors + _pobjs(noun, ("by",))


def _town(token: Token) -> bool:
    """A town or city named before an event noun says where, not who: "the Warsaw meeting", "the Benghazi
    attacks" (a country says who: "a US strike")."""
    actors = coder()
    name = head_phrase_text(token)
    return actors.place_name(name) is not None and actors.country_of_text(name) is None


def noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    """Head tokens of (actors, recipients) of a noun trigger.

    A place it happens "at" is where, not whom ("a meeting at the White House"); whoever is "under" it or
    faces, draws or receives it undergoes it ("he was under investigation by the FBI", "the convoy came under
    attack", "Trump has faced criticism from rivals": the rivals criticize Trump).
    """
    actors = own_actors(noun) + _pobjs(noun, WITH_PREPS)
    lex = lexicon.load()
    recipients = [r for r in _targets(noun) if not (r.head.lower_ == "at" and is_place(r, lex))]
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.pos_ in ("VERB", "AUX"):
        undergoing = [c for c in noun.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return actors, recipients + [_resolve_relative(c) for c in undergoing]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in UNDERGOING:
        verb = noun.head
        undergoing = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return actors + _pobjs(verb, ("from",)) + _pobjs(noun, ("from",)), recipients + [
            _resolve_relative(c) for c in undergoing
        ]
    if not actors:
        actors = _held_responsible(noun)
    if not actors:
        verb = _governing_verb(noun)
        if verb is not None:
            actors = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] or inherited_subject(verb)
    return actors, recipients


def _held_responsible(noun: Token) -> list[Token]:
    """Who the sentence says did it: "X was responsible for the killing", "X claimed responsibility for the
    bombing", "officials blamed X for the attack", "X was accused of the massacre", "criticized Turkey for the
    downing of the jet", "police arrested two men for the bombing". Not the crime a charge
    names ("charged with assault"): a legal category, not a telling of what happened."""
    if noun.dep_ != "pobj":
        return []
    preposition, holder = noun.head, noun.head.head
    lemma = holder.lemma_.lower()
    if lemma == "responsible" and preposition.lower_ == "for":
        if holder.dep_ == "acomp":  # "X was responsible for"
            return [c for c in holder.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if holder.dep_ in ("oprd", "xcomp", "ccomp"):  # "held X responsible for"
            return [c for c in holder.head.children if c.dep_ == "dobj"]
        if holder.dep_ == "amod":  # the same, parsed as "the militia responsible"
            return [holder.head]
    if lemma in ("responsibility", "credit") and preposition.lower_ == "for" and holder.dep_ == "dobj":
        if holder.head.lemma_.lower() in CLAIMING:
            return [c for c in holder.head.children if c.dep_ == "nsubj"]
    if ACCUSING.get(lemma) == preposition.lower_ and holder.pos_ == "VERB":
        return [c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma in JUDGED_FOR and preposition.lower_ == "for" and holder.pos_ == "VERB":
        return _judged(holder)
    return []


def _judged(verb: Token) -> list[Token]:
    """Whom a verb of judging or punishing judges: its object ("criticized Turkey for ...", "Turkey was
    criticized for ...") or whom it is aimed at ("lashed out at Turkey for ...")."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + _pobjs(verb, JUDGED_AT)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose subject carries out a nominal event: "X launched war games", "X ended
    mediation efforts", "X remained on alert", "X threw stones during demonstrations"."""
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in TIMING_PREPS:
        return None  # "after the attacks, Trump issued a statement": a time, not Trump's deed
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        if ANSWERING.get(head.head.lemma_.lower()) == head.lower_:
            return None  # "as they recover from this attack": undergone, not done
        head = head.head
    elif noun.dep_ != "dobj" and not (noun.dep_ == "attr" and noun.lemma_.lower() in DOERS):
        return None  # "it was the deadliest attack": what a copula's subject is, not who acts
    return head if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in WITNESS_VERBS else None


def has_arguments(trigger: Token, is_verb: bool) -> tuple[bool, bool]:
    """Whether the clause gives the trigger a subject and an object at all, participants or not: how complete
    the clause is, which `confidence` weighs."""
    actors, recipients = verb_roles(trigger) if is_verb else noun_roles(trigger)
    return bool(actors), bool(recipients)


def roles(trigger: Token, is_verb: bool, through_complement: bool = False) -> tuple[list[Token], list[Token]]:
    """(actors, recipients) head tokens, each expanded with its coordinated nouns, actors first.

    Only words that can name a participant stay (`stand_in`); a verb whose objects are all things that cannot
    ("fired rockets at the town") takes its target instead. `through_complement`: a verb with no recipient
    of its own takes its complement's ("refused to meet Obama", "threatened to pull out of NATO").
    """
    actors, recipients = verb_roles(trigger) if is_verb else noun_roles(trigger)
    if through_complement and is_verb and not recipients:
        acts = [c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        recipients = verb_roles(acts[0])[1] if acts else []
    expand = [s for a in actors for t in with_conjuncts(a) for s in stand_in(t, acting=True)]
    if not expand and is_verb:
        expand = [s for t in means_actors(trigger) for s in stand_in(t, acting=True)]
    taken = {t.i for t in expand}
    others = [s for r in recipients for t in with_conjuncts(r) for s in stand_in(t, acting=False)]
    if recipients and not others and is_verb:
        others = [
            s for r in _targets(trigger) for t in with_conjuncts(r) for s in stand_in(t, False)
        ]
    return _unique(expand), _unique([t for t in others if t.i not in taken and t.i != trigger.i])


def stand_in(token: Token, acting: bool) -> list[Token]:
    """The words that name a participant for a head word: itself when it names one (a person, group, force,
    state, place or thing attacked); for a number or a quantity, what it counts ("thousands of Nigerians");
    for an event noun, who carries it out ("the army's offensive killed": the army) or, as recipient, what it
    is done to ("demanded the withdrawal of Serbian forces"), else whose it is ("rejected North Korea's
    demand"); for a weapon, who wields it ("police bullets"); for a noun with a named appositive, the name;
    for an abstract noun, its possessor or nationality ("Albania's help"); never a number, a date, an
    abstract noun alone ("permission", "the plan") or a weapon alone."""
    if (
        token.pos_ == "PRON"
        and token.lower_ in DEMONSTRATIVES
        and not any(c.dep_ in ("acl", "relcl", "prep") for c in token.children)
    ):
        return []  # "this culminated in a meeting" names no one; "those killed in the unrest" does
    if token.tag_ in ("WP", "WDT") and token.lower_ in RELATIVE:
        return []  # a "who" or "whom" whose clause hangs from no noun
    if (filed := _dateline_end(token)) is not None:
        return [c for c in token.children if c.dep_ == "appos" and c.idx >= filed]
    if token.pos_ in ("PRON", "PROPN") or token.ent_type_ in NAMED_ENTS or _names_participant(token):
        return [token]
    named = [
        c for c in token.children if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ in NAMED_ENTS)
    ]
    if named:  # "our speaker of the House, Paul Ryan"
        return named
    members = [s for member in _pobjs(token, ("of",)) for s in stand_in(member, acting)]
    if token.like_num or token.pos_ == "NUM" or token.ent_type_ in NUMBER_ENTS:
        return members
    if _is_means(token):
        agents = [a for a in own_actors(token) if a.i != token.i and stand_in(a, True)]
        if acting:
            return agents or members
        targets = [s for r in _targets(token) for s in stand_in(r, False)]
        return targets or agents
    owners = [
        c
        for c in token.children
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in MODIFIER_ENTS)
    ]
    return [c for c in owners if c.pos_ != "PRON"] or owners or members


def _dateline_end(token: Token) -> int | None:
    """Where a dateline that holds this word ends ("LA CROSSE, Wisc. — Gov. Mike Pence blamed ..." in a text
    kept verbatim): the parser makes the town the subject and the person after the dash its appositive."""
    match = dateline_of(token.sent)
    if match is None or not match.start("town") <= token.idx < match.end("town"):
        return None
    return match.end()


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _classes(name: str) -> frozenset[str]:
    return lexicon.load().classes.get(name, frozenset())


def _is_means(token: Token) -> bool:
    """An event noun ("offensive", "airstrike", "firing") or a weapon ("bullets", "rockets")."""
    if token.tag_ == "VBG" and token.dep_ in ("pobj", "nsubj", "dobj", "acl"):
        lemma = token.lower_  # a gerund the parser calls a verb: "killed in police firing"
    elif token.pos_ in ("NOUN", "PROPN"):
        lemma = _lemma(token)
    else:
        return False
    rules = lexicon.load().triggers.get((lemma, "N"), ())
    return lemma in _classes("weapon") or any(r.event != "NONE" for r in rules)


def _force(token: Token) -> bool:
    """A word naming an armed or security force ("police", "army", "rebel")."""
    role = coder().role_at(token.doc, token.i)
    return _lemma(token) in _classes("armed") or (role is not None and role[0].sector in FORCE_SECTORS)


def _names_participant(token: Token) -> bool:
    """A role noun ("officials", "police"), a demonym, or a noun of people, forces, places or targets."""
    lemma = _lemma(token)
    if coder().role_at(token.doc, token.i) is not None or token.lower_ in coder().lex.demonyms:
        return True
    return any(lemma in _classes(name) or token.lower_ in _classes(name) for name in ACTOR_CLASSES)


def distinct(actors: list[Participant], recipients: list[Participant]) -> list[Participant]:
    """The recipients that are not also an actor (the same span, or a mention of the same article actor):
    "militant groups" do not disarm "militant groups"."""
    spans = {(a.start, a.end) for a in actors}
    ids = {a.actor_id for a in actors if a.actor_id}
    return [r for r in recipients if (r.start, r.end) not in spans and not (r.actor_id and r.actor_id in ids)]


def _unique(tokens: list[Token]) -> list[Token]:
    """Distinct participants, without dates ("Sunday's attack"), times, or words inside another's phrase."""
    ranges = {t.i: phrase(t) for t in tokens}
    kept: list[Token] = []
    for token in tokens:
        inside = any(s <= token.i < e and other != token.i for other, (s, e) in ranges.items())
        if token.ent_type_ not in ("DATE", "TIME") and not inside and all(k.i != token.i for k in kept):
            kept.append(token)
    return kept


def participant(span: SpacySpan, article: Article) -> Participant:
    """An event participant for a noun phrase: its article actor where the phrase mentions one (for "I" inside
    a quote, its speaker), else coded anew."""
    speaker = _quoted_by(span, article)
    pronoun = span.root.lower_ if span.root.tag_ in ("PRP", "PRP$") else None  # not "the US"
    actor = None
    if speaker is not None and pronoun in FIRST_PERSON:
        actor = next((a for a in article.actors if a.id == speaker), None)
    actor = actor or actor_for_span(article.actors, span.start_char, span.end_char, span.root.idx)
    if actor is not None and actor.id == speaker and "person" in THIRD_PERSON.get(pronoun or "", ()):
        # a speaker says "I": the "his" of '"I endorse his re-election," Trump said' is another's
        actor = None
    if actor is not None:
        ident = (actor.id, actor.name, actor.code, actor.sector, actor.affiliation)
    else:
        code, sector, affiliation, name = coder().code_mention(span, article)
        ident = (None, name, code, sector, affiliation)
    return Participant(span.text, span.start_char, span.end_char, *ident)


def _quoted_by(span: SpacySpan, article: Article) -> str | None:
    """The actor id of the speaker whose direct quote holds `span`."""
    for quote in article.quotes:
        if quote.kind == "direct" and quote.start <= span.start_char < quote.end and quote.speaker:
            return quote.speaker.actor_id
    return None


def participants(span: SpacySpan, article: Article) -> list[Participant]:
    """`participant`, plus one more per further coordinated country modifier, since a participant has one code.

    "Hungarian and Romanian officials" gives the phrase (HUN) and "Romanian" (ROU, same sector).
    """
    first = participant(span, article)
    out = [first]
    actors = coder()
    for tok in span:
        if tok.dep_ != "conj" or tok.i == span.root.i or not span.start <= tok.head.i < span.end:
            continue
        if not tok.text[:1].isupper():
            continue  # "the lesbian, gay and transgender community": Gay is a Russian town, not here
        code = actors.lex.demonyms.get(tok.lower_) or actors.place_name(normal(tok.text))
        if code and code not in {p.code for p in out}:
            out.append(
                Participant(tok.text, tok.idx, tok.idx + len(tok), None, tok.text, code, first.sector, None)
            )
    return out
