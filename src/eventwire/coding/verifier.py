"""The learned verifier: the rules propose, a model the project trained decides.

For every candidate the lexicon rules find, a multinomial model (`data/verifier.npz`, model "type") reads its
features (`features.py`) and says how likely it is an event at all and of which PLOVER type; an "acled" model
gives its ACLED sub-event type. The event's `confidence` blends that probability with the rules'
own score, and is calibrated on the dev sets (the reliability table is in docs/events.md): the run's
`--min-confidence` keeps the events an analyst can trust. A candidate the model is sure is no event is dropped;
one it cannot read (its trigger is not in the parse) keeps the rules' coding and says so. Every decision is
written into the event's `explanation`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from eventwire.codes import ACLED_TYPE_OF, CAMEO_OF, CAMEO_OF_MODE, PLOVER_QUAD
from eventwire.coding.features import Candidate, features
from eventwire.coding.linear import LinearModel
from eventwire.model import Event, content_id

NOT_AN_EVENT = "NONE"
NO_CODE = "none"
# Below this probability of being an event at all, the model's "no" is taken as final.
EVENT_FLOOR = 0.2
# The model retypes a candidate only when it is this sure of another type.
RETYPE_AT = 0.6
# confidence = LEARNED_WEIGHT x P(event) + (1 - LEARNED_WEIGHT) x the rules' own score (clause, participants):
# the two disagree in useful ways, and the blend is what docs/events.md's reliability table measures.
LEARNED_WEIGHT = 0.7


def verify(doc: Doc, candidates: list[Candidate], models: dict[str, LinearModel]) -> list[Event]:
    """The candidates the model takes for events, retyped and scored; one event per type and trigger."""
    kept: dict[str, Event] = {}
    for candidate in candidates:
        event = decide(candidate, features(doc, candidate), models)
        if event is not None:
            best = kept.get(event.id)
            if best is None or event.confidence > best.confidence:
                kept[event.id] = event
    return sorted(kept.values(), key=lambda e: (e.trigger.start, e.event))


def decide(candidate: Candidate, seen: dict[str, float], models: dict[str, LinearModel]) -> Event | None:
    """One candidate's fate, given its features: an event (perhaps of another type) with its confidence, or
    None when the model is sure it is no event."""
    event = candidate.event
    if not seen:
        return replace(
            event, explanation=f"{event.explanation}; verifier: trigger not in the parse, rules alone"
        )
    types = models["type"].probabilities(seen)
    p_event = 1.0 - types.get(NOT_AN_EVENT, 0.0)
    if p_event < EVENT_FLOOR:
        return None
    kind = event.event
    best = max((k for k in types if k != NOT_AN_EVENT), key=types.__getitem__)
    if best != kind and types[best] > RETYPE_AT:
        kind = best
    mode = event.mode if kind == event.event else None  # a retyped event's mode is not known
    confidence = round(LEARNED_WEIGHT * p_event + (1 - LEARNED_WEIGHT) * event.confidence, 2)
    start, end = event.trigger.start, event.trigger.end
    note = (
        f"verifier: an event p={p_event:.2f}, {kind} p={types[kind]:.2f}"
        + (f" (rules: {event.event})" if kind != event.event else "")
        + f", story relevance {candidate.relevance:.2f}; confidence {confidence} = {LEARNED_WEIGHT} x {p_event:.2f}"
        + f" + {1 - LEARNED_WEIGHT:.1f} x rules {event.confidence}"
    )
    return replace(
        event,
        id=content_id(event.article_id, "event", kind, str(start), str(end)),
        event=kind,
        mode=mode,
        quad_code=PLOVER_QUAD[kind],
        cameo_root=event.cameo_root
        if kind == event.event
        else CAMEO_OF_MODE.get((kind, mode or ""), CAMEO_OF[kind]),
        acled=_acled(event, seen, models, kind),
        confidence=confidence,
        explanation=f"{event.explanation}; {note}",
    )


def _acled(event: Event, seen: dict[str, float], models: dict[str, LinearModel], kind: str) -> dict | None:
    """The ACLED sub-event type the "acled" model gives, or None outside ACLED's scope."""
    if "acled" not in models:
        return event.acled if kind == event.event else None
    probabilities = models["acled"].probabilities({**seen, f"verified={kind}": 1.0})
    sub = max(probabilities, key=probabilities.__getitem__)
    if sub == NO_CODE:
        return None
    return {"event_type": ACLED_TYPE_OF[sub], "sub_event_type": sub}
