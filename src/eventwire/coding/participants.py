"""Who acts and who is acted on, read from the clause's structure rather than from the nearest names.

Active subjects act; passive subjects are acted on and the "by" agent acts; objects and "on/against"
phrases are the recipients; coordinated nouns are all participants; a verb without its own subject
(conjoined, "continue to train", "..., killing five") takes the subject of the verb it hangs from.
Noun triggers take their possessor or nationality modifier ("Israel's raid", "a US strike"), their
"by" phrase, or the subject of the verb that governs them ("militants launched an attack on ...").
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.model import Article, Participant
from eventwire.resolve.actor import actor_for_span
from eventwire.resolve.actor_coding import coder, normal

SUBJECT_DEPS = ("nsubj", "csubj")
INHERIT_DEPS = ("xcomp", "conj", "advcl", "acl", "pcomp", "acomp", "prep")
TARGET_PREPS = ("on", "against", "at", "upon", "into", "of")
WITH_PREPS = ("with", "between")
RELATIVE = frozenset({"who", "which", "that", "whom"})
NP_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "npadvmod", "case", "punct", "advmod"}
)
MODIFIER_ENTS = frozenset({"NORP", "GPE", "ORG"})


def phrase(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase of `head`: its modifiers and an "of"/"for" tail."""
    keep = [head]
    for child in head.children:
        if child.dep_ in NP_DEPS and child.i < head.i:
            keep.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i > head.i:
            keep.extend(t for t in child.subtree if t.dep_ not in ("relcl", "acl"))
        elif child.dep_ == "compound" or (child.dep_ == "appos" and child.i == head.i + 1):
            keep.append(child)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = head.doc
    while start > 0 and _split_sibling(doc[start - 1], head):
        start = doc[start - 1].left_edge.i
    while start < end - 1 and doc[start].is_punct:
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _split_sibling(token: Token, head: Token) -> bool:
    """A name the parser split into sibling tokens ("President", "al", "-", "Assad" all subjects)."""
    return head.dep_ != "ROOT" and token.head.i == head.head.i and token.dep_ in ("compound", head.dep_)


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
            return verb.head
    return token


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
            recipients.append(child)
    if not recipients:
        recipients = _pobjs(verb, TARGET_PREPS)
    if passive and verb.dep_ in ("acl", "amod") and not recipients:
        recipients.append(verb.head)
    if not actors and not passive:
        actors = inherited_subject(verb)
    actors += _pobjs(verb, WITH_PREPS) if verb.lemma_ in SYMMETRIC else []
    return actors, recipients


# Participles that state the subject's own stance, not something done to it: "Israel is opposed
# to the plan", "the army is determined to retake the town".
STANCE_PARTICIPLES = frozenset({"oppose", "commit", "determine", "resolve", "prepare", "dedicate", "devote"})

SYMMETRIC = frozenset({"clash", "fight", "battle", "meet", "talk", "negotiate", "agree", "consult", "confer"})


def inherited_subject(verb: Token) -> list[Token]:
    """The subject a subjectless verb shares with the verb it depends on (control, coordination)."""
    seen = 0
    while verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i and seen < 4:
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return [head]
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return [_resolve_relative(subjects[0])]
        passive_subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "conj" and passive_subjects:
            return []
        verb, seen = head, seen + 1
    return []


def noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    """Head tokens of (actors, recipients) of a noun trigger."""
    actors: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            actors.append(child)
        elif (
            child.dep_ in ("amod", "compound", "nmod")
            and child.i < noun.i
            and child.ent_type_ in MODIFIER_ENTS
        ):
            actors.append(child)
    actors += _pobjs(noun, ("by",)) + _pobjs(noun, WITH_PREPS)
    recipients = _pobjs(noun, TARGET_PREPS)
    if not actors:
        verb = _governing_verb(noun)
        if verb is not None:
            actors = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] or inherited_subject(verb)
    return actors, recipients


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose subject carries out a nominal event: "X launched war games", "X ended
    mediation efforts", "X remained on alert", "X threw stones during demonstrations"."""
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "attr"):
        return None
    return head if head.pos_ in ("VERB", "AUX") else None


def roles(trigger: Token, is_verb: bool) -> tuple[list[Token], list[Token]]:
    """(actors, recipients) head tokens, each expanded with its coordinated nouns, actors first."""
    actors, recipients = verb_roles(trigger) if is_verb else noun_roles(trigger)
    expand = [t for a in actors for t in with_conjuncts(a)]
    taken = {t.i for t in expand}
    others = [t for r in recipients for t in with_conjuncts(r) if t.i not in taken]
    return _unique(expand), _unique(others)


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
    """An event participant for a noun phrase: its article actor where the phrase mentions one, else coded anew."""
    actor = actor_for_span(article.actors, span.start_char, span.end_char, span.root.idx)
    if actor is not None:
        ident = (actor.id, actor.name, actor.code, actor.sector, actor.affiliation)
    else:
        code, sector, affiliation, name = coder().code_mention(span, article)
        ident = (None, name, code, sector, affiliation)
    return Participant(span.text, span.start_char, span.end_char, *ident)


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
        code = actors.lex.demonyms.get(tok.lower_) or actors.place_name(normal(tok.text))
        if code and code not in {p.code for p in out}:
            out.append(
                Participant(tok.text, tok.idx, tok.idx + len(tok), None, tok.text, code, first.sector, None)
            )
    return out
