"""Finding event triggers: lexicon rules matched on a token's lemma and its dependents.

A verb is matched with its particles, prepositions, subject and object ("call for", "step down",
"troops arrived", "set fire"); a noun with its modifiers ("general strike" vs "air strike"). The most
specific matching row wins, so conditional rows refine plain ones without a second mechanism.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.coding.lexicon import Lexicon, Rule
from eventwire.coding.participants import inherited_subject

# Modes that name the act itself; a weapon nearby does not change them ("kidnapped at gunpoint").
FIXED_MODES = frozenset(
    {"abduct", "sexual", "torture", "execute", "targeted", "massacre", "beat", "crowd-control"}
)
# Modifiers ("Iran-backed", "attack helicopter") and verb forms used as nouns ("the wounded").
SKIP_DEPS = frozenset({"amod", "compound"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# ... except where the head noun only says "an instance of" ("a mediation mission", "a protest march").
GENERIC_HEADS = frozenset(
    {"mission", "effort", "operation", "campaign", "bid", "action", "movement", "march"}
)


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    rule: Rule
    cue: tuple[Token, Rule] | None

    @property
    def is_verb(self) -> bool:
        return self.rule.pos == "V"


def pos_of(token: Token) -> str | None:
    """ "V" for verbs (including participles the tagger calls adjectives), "N" for nouns."""
    if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
        return "V"
    if token.pos_ in ("NOUN", "PROPN"):
        return "N"
    return None


def _subjects(token: Token) -> list[Token]:
    """Subjects, with the nouns of their "of" phrase ("a patch of troops arrived")."""
    found = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
    found += [o for c in token.children if c.dep_ == "agent" for o in c.children]
    found = found or inherited_subject(token)
    return found + [o for s in found for p in s.children if p.lower_ == "of" for o in p.children]


def _objects(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    found += [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    if token.dep_ in ("acl", "amod") and token.tag_ == "VBN":
        found.append(token.head)
    return found


def _children(token: Token) -> list[Token]:
    return [g for c in token.children for g in (c, *(c.children if c.dep_ == "prep" else ()))]


def _preps(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("prep", "prt", "agent", "dobj")]


def _openers(token: Token) -> list[Token]:
    """The first word of each clause the token governs: "asked him whether ...", "asked what he did"."""
    return [next(c.subtree) for c in token.children if c.dep_ in ("ccomp", "advcl")]


GETTERS = {
    "subj": _subjects,
    "obj": _objects,
    "child": _children,
    "prep": _preps,
    "clause": lambda token: list(token.subtree),
    "opens": _openers,
}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def matches(rule: Rule, token: Token) -> bool:
    """Every condition of the row holds among the token's dependents."""
    for key, words in rule.requires:
        found = GETTERS[key](token)
        if key == "prep":
            if not any(t.lower_ in words for t in found):
                return False
        elif not any(_lemma(t) in words or t.lower_ in words for t in found):
            return False
    return True


def rule_for(token: Token, lexicon: Lexicon) -> Rule | None:
    """The most specific lexicon row whose lemma, part of speech and conditions fit the token."""
    pos = pos_of(token)
    if pos is None or (pos == "V" and token.dep_ in NOMINAL_DEPS):
        return None
    if token.dep_ in SKIP_DEPS and not (pos == "N" and token.head.lemma_ in GENERIC_HEADS):
        return None
    for rule in lexicon.triggers.get((_lemma(token), pos), ()):
        if matches(rule, token):
            return None if rule.event == "NONE" else rule
    return None


def cue_for(token: Token, rule: Rule, lexicon: Lexicon) -> tuple[Token, Rule] | None:
    """The strongest weapon or manner word in the trigger's phrase that refines its mode."""
    if rule.mode in FIXED_MODES or rule.event not in ("ASSAULT", "PROTEST"):
        return None
    scope = list(token.subtree)
    if token.dep_ in ("advcl", "conj", "xcomp") or rule.pos == "N":
        scope += [t for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    best: tuple[Token, Rule] | None = None
    for word in scope:
        for cue in lexicon.cues.get(_lemma(word), ()):
            if cue.event == rule.event and (best is None or cue.line < best[1].line):
                best = (word, cue)
    return best


def find_triggers(sentence: SpacySpan, lexicon: Lexicon) -> list[Trigger]:
    """Every trigger in the sentence, in text order."""
    found = []
    for token in sentence:
        rule = rule_for(token, lexicon)
        if rule is not None:
            found.append(Trigger(token, rule, cue_for(token, rule, lexicon)))
    return found
