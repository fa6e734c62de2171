"""Time: every time expression of an article on the calendar, and the date of each event.

`find_times` runs the recogniser (`timex_rules`) over the text and the normaliser
(`timex_value`) over its matches in text order, giving each the tense of the verb that governs
it from the dependency parse ("on Thursday" is last Thursday in "met on Thursday", next Thursday
in "will meet on Thursday"). `date_event` dates an event from the expression attached to its
trigger's clause, else from the article date, saying honestly how exact that is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire import repetition
from eventwire.model import Article, Span, TimeRef
from eventwire.resolve.timex_rules import Candidate, recognise
from eventwire.resolve.timex_value import Context, normalise, remember
from eventwire.spanindex import SpanIndex

FUTURE_AUX = {"will", "wo", "'ll", "shall", "would", "'d"}
YEAR_PREPOSITIONS = {"in", "since", "by", "until", "till", "during", "before", "after", "through"}
FUTURE_LEMMAS = {"plan", "schedule", "expect", "intend", "due", "set", "aim", "prepare"}


BACKGROUND_AFTER = timedelta(days=365)  # an event ending this long before its article is background


@dataclass(slots=True)
class EventDate:
    """When an event happened: an ISO date of the given precision, and where it came from.

    `approximate` is True when the date is the article's own (the event happened on or before
    it) or the expression is vague; `date_text` is the expression used, None for the article date.
    `planned` marks a date after the article's publication (a plan, not a fact), `background` one that
    ended more than a year before it; `note` says why a date was set aside or is missing.
    """

    date: str | None
    precision: str | None  # day | week | month | year
    date_text: str | None = None
    approximate: bool = False
    planned: bool = False
    background: bool = False
    note: str | None = None


def find_times(doc: Doc, article: Article) -> list[TimeRef]:
    """Every DATE, TIME, DURATION and SET expression with its TIMEX3 value, in text order."""
    text = article.text
    ctx = Context.for_published(article.published, text)
    times: list[TimeRef] = []
    for cand in recognise(text, repetition.kept(text)):  # not in the junk the parser was not given
        if _counts_things(doc, cand, ctx):
            continue
        result = normalise(cand, ctx, tense_at(doc, cand.start, cand.end))
        if result is None:
            continue
        timex_type, value = result
        if timex_type == "SET" and value != "P1D" and _modifies_noun(doc, cand.start, cand.end):
            continue  # "a quarterly dividend", "daily newspaper": a property, not a time
        remember(ctx, cand, timex_type, value)
        times.append(TimeRef(text[cand.start : cand.end], cand.start, cand.end, timex_type, value))
    return times


def _counts_things(doc: Doc, cand: Candidate, ctx: Context) -> bool:
    """A four-digit number that counts a plural noun ("a poll of 2047 registered voters", "about 1800
    people"), not a year that names which ones ("the 2016 elections", "in 1990 prices rose"): no determiner
    or preposition of time before it, and a number that is not within two years of the article's own."""
    if cand.kind != "year" or not (cand.groups.get("year") or "").isdigit():
        return False
    if ctx.anchor_year is not None and abs(int(cand.groups["year"]) - ctx.anchor_year) <= 2:
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].dep_ != "nummod" or span[0].head.tag_ not in ("NNS", "NNPS"):
        return False
    number, noun = span[0], span[0].head
    if number.i > 0 and doc[number.i - 1].lower_ in YEAR_PREPOSITIONS:
        return False  # "In 1990 prices rose"
    return not any(c.dep_ in ("det", "poss") and c.i < number.i for c in noun.children)


def _modifies_noun(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span.root.dep_ in ("amod", "compound")


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """'past', 'future' or 'present' from the verb governing the characters start..end."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and _governing_verb(verb.head) is not None:
        if not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            verb = _governing_verb(verb.head)  # "were hammered out beginning on Sunday": the main verb's tense
    return _tense(verb)


def _governing_verb(token: Token) -> Token | None:
    """The verb the expression hangs from; None when it modifies a noun ("the Oct. 23 attack",
    "Thursday's closing price"), whose time the clause's tense says nothing about."""
    start = token
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            return token
        if token is not start and token.pos_ in ("NOUN", "PROPN") and start.dep_ != "pobj":
            return None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _tense(verb: Token) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & FUTURE_AUX or any(c.lower_ == "to" for c in auxes) and _future_frame(verb):
        return "future"
    if any(c.lower_ == "had" for c in auxes):
        return "past"
    if verb.lemma_ in FUTURE_LEMMAS and verb.tag_ in ("VBN", "VBZ", "VBP"):
        return "future"
    if verb.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") for c in auxes):
        return "future"  # "they are meeting Friday"
    if verb.tag_ in ("VBD",) or any(c.tag_ == "VBD" for c in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "had"}:
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    return "present"


def _future_frame(verb: Token) -> bool:
    """An infinitive under "plans to", "is going to", "is expected to", "agreed to"."""
    head = verb.head
    if head is verb or any(c.lower_ == "had" for c in head.children if c.dep_ == "aux"):
        return False
    return head.lemma_ in FUTURE_LEMMAS | {"go", "agree", "want", "hope", "be"}


# -- event dates -----------------------------------------------------------------------------

_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)(?:-WE)?)?(?:T.*)?$")


def date_event(doc: Doc, article: Article, trigger: Span) -> EventDate:
    """The date of the event whose trigger is `trigger`, from its clause or the article date.

    A careful reader's checks: a date after the article's publication is a plan (kept as the planned
    date, `planned`), unless the event is told in the past tense, when the expression cannot be its date
    and the article date stands in; a date ending more than a year before publication is `background`.
    """
    sent = _sentence(doc, trigger)
    ref = _clause_time(doc, article, sent, trigger) if sent is not None else None
    if ref is None:
        return _from_article(article.published)
    dated = _event_date(ref.value)
    if dated is None and (era := _era(ref, article.published)) is not None:
        return era
    if dated is None:
        fallback = _from_article(article.published)
        fallback.note = f"{ref.text!r} is not a calendar date ({ref.value or 'unresolved'}); date from the article"
        return fallback
    value, precision, approximate = dated
    if trigger.start >= ref.end and ref.text.lower().endswith(("after", "before")):
        # "on Monday, the day after militants killed ...": the killing is the day before.
        value = _across(value, precision, ref.text.lower())
    when = EventDate(value, precision, ref.text, approximate)
    published = _interval(article.published)
    if published is None:
        return when
    start, end = _interval(value)  # type: ignore[misc]
    if start > published[1]:
        if tense_at(doc, trigger.start, trigger.end) == "past":
            fallback = _from_article(article.published)
            fallback.note = f"{ref.text!r} gives {value}, after publication ({article.published}), for a past event: not used"
            return fallback
        when.planned = True
        when.note = f"{ref.text!r} gives {value}, after publication ({article.published}): planned"
    elif end < published[0] - BACKGROUND_AFTER:
        when.background = True
        when.note = f"{ref.text!r} gives {value}, more than a year before publication ({article.published}): background"
    return when


def _era(ref: TimeRef, published: str | None) -> EventDate | None:
    """A decade or a century ("in the 1960s": TIMEX3 "196", "19") that ended more than a year before the
    article: the event is background, with no date finer than its era (the article's date would be a guess
    presented as a fact)."""
    m = re.match(r"^(\d{2,3})$", ref.value or "")
    issue = _interval(published)
    if not m or issue is None:
        return None
    span = 10 ** (4 - len(m[1]))  # 10 years for a decade, 100 for a century
    last_year = int(m[1]) * span + span - 1
    if date(last_year, 12, 31) >= issue[0] - BACKGROUND_AFTER:
        return None
    note = f"{ref.text!r} gives the era {ref.value}, over before publication ({published}): background, no finer date"
    return EventDate(None, None, ref.text, True, background=True, note=note)


def _interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO date, month or year (a week is written as its Monday)."""
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$", (value or "")[:10])
    if not m:
        return None
    year = int(m[1])
    try:
        if m[3]:
            day = date(year, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            first = date(year, int(m[2]), 1)
            return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _across(value: str, precision: str, text: str) -> str:
    """The date on the other side of "the day after" / "the day before"."""
    if precision != "day" or not re.search(r"\bday\b", text):
        return value
    step = timedelta(days=-1 if text.endswith("after") else 1)
    return (date.fromisoformat(value) + step).isoformat()


def _sentence(doc: Doc, trigger: Span) -> SpacySpan | None:
    token = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return token.sent if token is not None and len(token) else None


def _clause_time(doc: Doc, article: Article, sent: SpacySpan, trigger: Span) -> TimeRef | None:
    """The DATE/TIME expression of the sentence attached to the trigger's own clause."""
    trig = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if trig is None:
        return None
    trig_tokens = set(t.i for t in trig)
    clause = _clause_head(trig.root)
    best: tuple[int, TimeRef] | None = None
    for ref in _times(doc, article).overlapping(sent.start_char, sent.end_char):
        if ref.type not in ("DATE", "TIME") or not (sent.start_char <= ref.start < sent.end_char):
            continue
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        since = head.head if head.head.lower_ == "since" else None
        if since is not None and (trig.root.pos_ in ("NOUN", "PROPN") or since.head.pos_ in ("NOUN", "PROPN")):
            continue  # "the worst attack since 9/11": the bound of a comparison, not the attack's day
        rank = _attachment(head, trig_tokens, clause)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, ref)
    return best[1] if best else None


def _times(doc: Doc, article: Article) -> SpanIndex[TimeRef]:
    """The article's time expressions, indexed once per Doc: each event looks up its sentence's,
    where a scan of them all for every event was quadratic in a long article."""
    key = "eventwire.times"
    if key not in doc.user_data:
        doc.user_data[key] = SpanIndex(article.times, lambda ref: (ref.start, ref.end))
    return doc.user_data[key]


def _clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself for a verb trigger)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


# Clauses a time expression may pass through and still date the verb above: "held a rally
# marking ...", "to meet on Friday", participles ("a ceremony held on Thursday").
PASS_THROUGH = {"xcomp", "aux", "auxpass", "acl", "advcl", "pcomp", "conj"}


def _attachment(head: Token, trig_tokens: set[int], clause: Token) -> int | None:
    """How directly a time expression dates the trigger: 0 hangs off the trigger itself, 1 off
    its clause's verb, 2 through another verb or a shared coordinated verb; None when a clause
    of its own (reported speech, a relative clause) lies between."""
    rank = 0
    for depth, anc in enumerate([head, *head.ancestors]):
        if anc.i in trig_tokens:
            return rank
        if anc.i == clause.i:
            return rank + 1
        if clause.dep_ == "conj" and anc.i == clause.head.i:
            return 2  # "stormed the town on Monday and killed three"
        if depth and anc.pos_ in ("VERB", "AUX"):
            if anc.dep_ not in PASS_THROUGH:
                return None
            rank = 1
    return None


def _event_date(value: str | None) -> tuple[str, str, bool] | None:
    """(ISO date, precision, approximate) for a TIMEX3 value; quarters and seasons give their
    year, flagged approximate; references (PRESENT_REF) and undated values give None."""
    m = _VALUE.match(value or "")
    if not m:
        coarse = re.match(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$", value or "")
        return (coarse[1], "year", True) if coarse else None
    if m[3]:
        return f"{m[1]}-{m[2]}-{m[3]}", "day", False
    if m[4]:
        monday = date.fromisocalendar(int(m[1]), int(m[4]), 1)
        return monday.isoformat(), "week", False
    if m[2]:
        return f"{m[1]}-{m[2]}", "month", False
    return m[1], "year", False


def _from_article(published: str | None) -> EventDate:
    """The article's date: the event happened on or before it, so the date is approximate."""
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", published or "")
    if not m:
        return EventDate(None, None, None, True, note="no date: its clause dates nothing and the article has no date")
    precision = "day" if m[3] else "month" if m[2] else "year"
    return EventDate(m[0], precision, None, True)
