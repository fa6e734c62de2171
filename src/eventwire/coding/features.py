"""What the learned verifier sees of a candidate event: the rule that proposed it, the trigger's place in the
parse, the words around it, its participants, its modality and how political the article reads.

One function serves training (`training/build_verifier.py`) and coding, so the model is always fed what it was
fitted on. Features are strings (present or absent); a few carry a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.codes import NON_STATE_CODES, STATE_SECTORS
from eventwire.model import Event, Participant
from eventwire.nlp import ents_within, text_of

WINDOW = 3
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "NUM"})
SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")  # "69-44": a game's score
POLITICAL_SECTORS = STATE_SECTORS | frozenset({"PTY", "REB", "UAF", "OPP", "IGO", "PRE", "CRM"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event the rules propose, with what the verifier needs to know of how they found it."""

    event: Event
    rule: str  # "V:kill", "N:strike[child=air|drone]" or "stance:intent"
    frame: str | None  # why it is hypothetical: intent, demand, condition, complement
    relevance: float  # how political the article reads, 0-1 (`relevance.py`)


def trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def political(event: Event) -> bool:
    """Someone with a public, political or security role takes part (docs/event-guidelines.md, test 1)."""
    return any(
        p.sector in POLITICAL_SECTORS or p.code in NON_STATE_CODES - {"MNC"}
        for p in event.actor + event.recipient
    )


def _participant_features(role: str, people: list[Participant]) -> dict[str, float]:
    if not people:
        return {f"{role}:none": 1.0}
    found = {f"{role}:some": 1.0}
    for p in people:
        if p.actor_id:
            found[f"{role}:named"] = 1.0
        if p.sector:
            found[f"{role}:sector={p.sector}"] = 1.0
        if p.code in NON_STATE_CODES:
            found[f"{role}:code={p.code}"] = 1.0
        elif p.code:
            found[f"{role}:country"] = 1.0
        if p.sector in POLITICAL_SECTORS or p.code in NON_STATE_CODES:
            found[f"{role}:political"] = 1.0
        found[f"{role}:word={p.text.split()[-1].lower()}"] = 1.0
    return found


def features(doc: Doc, candidate: Candidate) -> dict[str, float]:
    """The candidate's features; an empty dict when its trigger is not in the parse."""
    event = candidate.event
    token = trigger_token(doc, event)
    if token is None:
        return {}
    found: dict[str, float] = {
        "bias": 1.0,
        f"rule={candidate.rule}": 1.0,
        f"type={event.event}": 1.0,
        f"type_mode={event.event}:{event.mode}": 1.0,
        f"rule_acled={event.acled['sub_event_type'] if event.acled else None}": 1.0,
        f"lemma={_lemma(token)}": 1.0,
        f"lemma_type={_lemma(token)}:{event.event}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"head={_lemma(token.head)}": 1.0,
        f"head_dep={token.head.dep_}": 1.0,
        f"frame={candidate.frame}": 1.0,
        f"trigger_ent={token.ent_type_ or '-'}": 1.0,
        f"shape={'title' if token.is_title else 'upper' if token.is_upper else 'lower'}": 1.0,
        "rule_confidence": event.confidence,
        "relevance": candidate.relevance,
        f"relevance>={min(int(candidate.relevance * 4), 3)}": 1.0,
    }
    if event.negated:
        found["negated"] = 1.0
    if not any(c.isupper() for c in text_of(doc)[:2000]):
        found["lower_case_text"] = 1.0
    for child in token.children:
        found[f"child:{child.dep_}={_lemma(child)}"] = 1.0
        found[f"child_dep={child.dep_}"] = 1.0
        if child.dep_ == "prep":
            for grand in child.children:
                found[f"prep:{_lemma(child)}={_lemma(grand)}"] = 1.0
    sentence = token.sent
    for other in doc[max(sentence.start, token.i - WINDOW) : token.i]:
        found[f"left={_lemma(other)}"] = 1.0
    for other in doc[token.i + 1 : min(sentence.end, token.i + 1 + WINDOW)]:
        found[f"right={_lemma(other)}"] = 1.0
    for other in sentence:
        if other.pos_ in CONTENT_POS and other.i != token.i and not other.like_num:
            found[f"s={_lemma(other)}"] = 1.0
    for ent in ents_within(sentence):
        found[f"ent={ent.label_}"] = 1.0
    if SCORE.search(sentence.text):
        found["score_like"] = 1.0
    found.update(_participant_features("actor", event.actor))
    found.update(_participant_features("recipient", event.recipient))
    if political(event):
        found["political"] = 1.0
        found[f"political_type={event.event}"] = 1.0
    if event.size.dead:
        found["dead"] = 1.0
    if event.reported_by:
        found["reported"] = 1.0
    return found
