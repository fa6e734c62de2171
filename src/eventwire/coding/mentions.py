"""One happening, one event: the mentions of an event within one article are merged, not counted twice.

A story tells its main happening in the lead, again in the body, and refers back to it ("the attack"): each
trigger the coder finds for it would otherwise be one more event, and an analyst counting events would count
one attack three times. Two events of one article are mentions of one happening when they have the same type
and factuality, nothing in them conflicts (a different actor or target, date or place), and something ties
them: the same sentence ("threw a grenade ..., killing two"), a shared actor or target, or a back-reference
("the attack" within a few sentences, unless another event was told with that word in between). The merged
event keeps its surest, best-told mention as its trigger and lists every mention's trigger in `mentions`; the
details any mention gives fill the ones it lacks.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.model import Event, EventLoc, Participant, Span
from eventwire.nlp import text_of

BACK_REFERENCE_CHARS = 1200  # "the attack" refers to an attack told within the last few sentences
DEFINITE = ("the ", "this ", "that ", "these ", "those ", "its ", "their ")


def merge_mentions(events: list[Event], doc: Doc) -> list[Event]:
    """The events with every later mention of an earlier happening folded into it, in text order."""
    merged: list[Event] = []
    triggers = {e.trigger.start for e in events}
    for event in sorted(events, key=lambda e: e.trigger.start):
        home = _home(merged, event, doc, triggers)
        if home is None:
            merged.append(replace(event, mentions=list(_mentions(event))))
        else:
            merged[merged.index(home)] = _fold(home, event)
    return [
        replace(
            e,
            explanation=f"{e.explanation}; {len(e.mentions)} mentions: {', '.join(repr(m.text) for m in e.mentions)}",
        )
        if len(e.mentions) > 1
        else e
        for e in merged
    ]


def _home(merged: list[Event], event: Event, doc: Doc, triggers: set[int]) -> Event | None:
    """The earlier happening `event` is a mention of: the nearest, or of several one told with the same word
    ("a meeting ... people talking ... the meeting")."""
    homes = [m for m in reversed(merged) if _same_happening(m, event, doc, triggers)]
    word = _word(doc, event.trigger)
    same_word = [m for m in homes if word is not None and word.lemma_ in _lemmas(doc, m)]
    return (same_word or homes or [None])[0]


def _ids(people: list[Participant]) -> set[str]:
    return {p.actor_id or (p.name or p.text).lower() for p in people}


def _conflict(a: list[Participant], b: list[Participant]) -> bool:
    return bool(a and b and not _ids(a) & _ids(b))


def _same_happening(first: Event, later: Event, doc: Doc, triggers: set[int]) -> bool:
    if (first.event, first.negated, first.hypothetical) != (later.event, later.negated, later.hypothetical):
        return False
    same_sentence = first.sentence.start == later.sentence.start
    shared_actor = bool(_ids(first.actor) & _ids(later.actor))
    if _conflict(first.actor, later.actor):
        return False
    if _conflict(first.recipient, later.recipient) and not (same_sentence and shared_actor):
        return False  # "attacked a bus ..., killing five passengers": one attack, its target and its victims
    if _dates_differ(first, later):
        return False
    a, b = _told(first.event_loc), _told(later.event_loc)
    if a and b and a.geonameid and b.geonameid and a.geonameid != b.geonameid:
        return False
    if same_sentence:
        return True
    if _ids(first.actor + first.recipient) & _ids(later.actor + later.recipient):
        return True
    return _refers_back(first, later, doc, triggers)


def _refers_back(first: Event, later: Event, doc: Doc, triggers: set[int]) -> bool:
    """A definite mention a few sentences on ("the attacks") points back to the nearest happening told with its
    word: when another event was told with that word in between ("the horrible attack in Paris"), the mention
    is of that one, not of `first` ("seized territory, beheaded Americans"), even where a wrong place keeps
    it from being folded into it."""
    text = text_of(doc)
    before = text[max(0, later.trigger.start - 12) : later.trigger.start].lower()
    if not before.endswith(DEFINITE) or later.trigger.start - first.trigger.end > BACK_REFERENCE_CHARS:
        return False
    word = _word(doc, later.trigger)
    if word is None:
        return True
    told = {m.start for m in _mentions(first)}
    last = max(m.end for m in _mentions(first))
    between = doc.char_span(last, later.trigger.start, alignment_mode="contract")
    return not any(t.lemma_ == word.lemma_ and t.idx in triggers and t.idx not in told for t in between or ())


def _mentions(event: Event) -> list[Span]:
    return event.mentions or [event.trigger]


def _lemmas(doc: Doc, event: Event) -> set[str]:
    return {w.lemma_ for w in (_word(doc, m) for m in _mentions(event)) if w is not None}


def _word(doc: Doc, span: Span) -> Token | None:
    """The head word of a trigger span in the parse."""
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return found.root if found is not None else None


def _told(where: EventLoc | None) -> EventLoc | None:
    """A place told for this mention, not the article's main place or country, which every event of the
    article may take and which says nothing about which happening this is."""
    return where if where is not None and where.source != "article" else None


def _dates_differ(a: Event, b: Event) -> bool:
    """Both say when, and the days differ ("2024-03" holds "2024-03-04"; a date taken from the article
    date only guesses)."""
    if not (a.date and b.date) or a.date_approximate or b.date_approximate:
        return False
    return not (a.date.startswith(b.date) or b.date.startswith(a.date))


def _weight(event: Event) -> tuple[float, int]:
    """Which mention leads: the more confident one, and of two about as sure, the one naming more coded
    participants ("killed a member of the security forces" over "wounded two others")."""
    return round(event.confidence, 1), sum(1 for p in event.actor + event.recipient if p.code)


def _fold(home: Event, other: Event) -> Event:
    """`home` with `other` as one more mention: the surer and better-told mention leads, missing details filled."""
    lead, extra = (home, other) if _weight(home) >= _weight(other) else (other, home)
    size = replace(
        lead.size,
        **{
            f: max(v for v in (getattr(home.size, f), getattr(other.size, f)) if v is not None)
            for f in ("dead", "injured", "arrested", "participants")
            if getattr(home.size, f) is not None or getattr(other.size, f) is not None
        },
    )
    mentions: list[Span] = sorted([*home.mentions, *_mentions(other)], key=lambda s: s.start)
    return replace(
        lead,
        actor=lead.actor or extra.actor,
        recipient=lead.recipient or extra.recipient,
        event_loc=_told(lead.event_loc) or _told(extra.event_loc) or lead.event_loc or extra.event_loc,
        date=lead.date if lead.date_text or not extra.date_text else extra.date,
        date_text=lead.date_text or extra.date_text,
        date_precision=lead.date_precision if lead.date_text or not extra.date_text else extra.date_precision,
        date_approximate=lead.date_approximate
        if lead.date_text or not extra.date_text
        else extra.date_approximate,
        size=size,
        reported_by=lead.reported_by or extra.reported_by,
        mentions=mentions,
    )
