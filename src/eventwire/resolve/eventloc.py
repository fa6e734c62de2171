"""Where an event happened: the place its own clause puts it in, not where it was reported from.

The event coder calls `locate_event` with the trigger of each event. Among the article's places in
the trigger's sentence, the one the dependency parse attaches to the trigger wins: a locative
phrase on the trigger ("killed ... in Aleppo", "clashed near Jenin"), the object of a verb that
acts on a place ("shelled Kharkiv", "captured Knin"), or a locative phrase on the clause the trigger
heads. Places attached to a reporting verb ("said in Washington"), places that are the subject
("Israel captured ...") and adjectives ("Syrian troops") are not where the event happened.

With no such place in the sentence, the event inherits the article's main location only when the
article is clearly about one place (one named place or area holds most mentions, in more than one
sentence); `level` then reads "article" so users can tell an inherited location from a stated one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

from spacy.tokens import Doc, Token

from eventwire.model import Article, EventLoc, Place, Span
from eventwire.quotes import is_cue
from eventwire.resolve.place import AREA_AFTER, PLACE_NOUNS
from eventwire.words import COMPASS, DIRECTIONAL, LOCATIVE

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
MIN_SCORE = 1.0
SPECIFICITY = {"country": 0, "region": 1, "admin1": 1, "admin2": 1, "article": 0}
MAIN_LOCATION_SHARE = 0.6


def locate_event(doc: Doc, article: Article, trigger: Span) -> EventLoc | None:
    """The place where the event with this trigger happened, or None when the text does not say."""
    covering = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    tokens = list(covering) if covering is not None else []
    if not tokens:
        return None
    head = min(tokens, key=lambda t: len(list(t.ancestors)))
    sent = head.sent
    best: tuple[int, float, int, Place] | None = None
    in_sentence = [p for p in article.places if sent.start_char <= p.start and p.end <= sent.end_char]
    heads = {id(p): _head(doc, p) for p in in_sentence}
    place_heads = {h.i for h in heads.values() if h is not None}
    for place in in_sentence:
        place_head = heads[id(place)]
        if place_head is None:
            continue
        score = _attachment(place_head, head, place_heads, place.level)
        if score < MIN_SCORE:
            continue
        candidate = (_specificity(place), score, -abs(place_head.i - head.i), place)
        if best is None or candidate[:3] > best[:3]:
            best = candidate
    if best is not None:
        return _event_loc(best[3], best[3].level)
    main = _main_location(doc, article)
    if main is not None and not (sent.start_char <= main.start < sent.end_char):
        return _event_loc(main, "article")
    return None


def _specificity(place: Place) -> int:
    """Of two places the clause puts the event in, the smaller one says more ('Lubumbashi in
    Katanga province')."""
    if place.level is None:
        return 1 if place.text.split()[-1].lower() in AREA_AFTER else 2
    return SPECIFICITY.get(place.level, 2)


def _head(doc: Doc, place: Place) -> Token | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if all(t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in span):
        return None  # "Syrian troops": a demonym says who, not where
    return span.root


def _attachment(place: Token, trigger: Token, place_heads: set[int], level: str | None) -> float:
    """How surely the parse puts the event at this place (0: not at all)."""
    return _attachment_of(_phrase_head(place), trigger, place_heads, level)


def _attachment_of(node: Token, trigger: Token, place_heads: set[int], level: str | None) -> float:
    if node == trigger:
        return 3.0  # "the Helmand battle": the place names the event's own noun
    if node.dep_ in SUBJECT_DEPS or node.dep_ == "ROOT":
        return 0.0
    if node.dep_ == "pobj":
        prep = node.head
        if prep.lower_ == "by":
            return 0.0  # "bombed by US jets": the doer
        weight = 3.0 if prep.lower_ in LOCATIVE | COMPASS else 1.5 if prep.lower_ in DIRECTIONAL else 0.5
        attached = prep.head
    elif node.dep_ in {"dobj", "obj"}:
        weight, attached = 2.5, node.head  # "shelled Kharkiv", "captured Knin"
    elif node.dep_ in {"compound", "amod", "nmod"} and level == "country":
        weight, attached = 0.5, node.head  # "a US air strike", "US troops": the doer, not the place
    elif node.dep_ in {"compound", "amod", "poss", "nmod"}:
        # "the committee's Baghdad headquarters", "Venezuela's oil installations": where the noun is
        noun = node.head
        score = _attachment_of(noun, trigger, place_heads, level="")
        return score - 0.5
    else:
        weight, attached = 1.0, node.head
    if attached.i in place_heads:
        return 0.2  # "Lubumbashi in Shaba province": the province only qualifies the town
    if attached == trigger:
        return weight
    if _reporting(attached):
        return 0.0
    if trigger in attached.ancestors:
        path = [attached]
        for t in attached.ancestors:
            if t == trigger:
                break
            path.append(t)
        if weight < 3.0 and any(t.dep_ in SUBJECT_DEPS for t in path):
            return 0.0  # "Serbs from Croatia bombed": where the doers came from
        if any(t.pos_ in {"VERB", "AUX"} for t in path):
            return weight - 2.0
        return weight - 0.5 * len(path)
    if attached in trigger.ancestors and attached.pos_ in {"VERB", "AUX"}:
        return weight - 1.5
    return 0.0


def _phrase_head(place: Token) -> Token:
    """Climb from a place to the phrase that names it: 'the city of Basra', 'Basra and Nasiriyah',
    'Hama province'."""
    node = place
    while True:
        head = node.head
        if head == node:
            return node
        if node.dep_ in {"conj", "appos"}:
            node = head
        elif node.lower_ in COMPASS and node.dep_ in {"advmod", "npadvmod", "amod"}:
            node = head  # "a town northeast of Baghdad"
        elif node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
            node = head.head
        elif node.dep_ in {"compound", "nmod"} and (
            head.lemma_.lower() in PLACE_NOUNS or head.ent_type_ in {"DATE", "TIME"}
        ):
            node = head
        else:
            return node


def _reporting(token: Token) -> bool:
    return token.pos_ == "VERB" and is_cue(token)


def _verb_between(node: Token, ancestor: Token) -> bool:
    for t in node.ancestors:
        if t == ancestor:
            return False
        if t.pos_ == "VERB":
            return True
    return False


def _main_location(doc: Doc, article: Article) -> Place | None:
    """The place the article is clearly about: most mentions of the named places below country level,
    in at least two sentences."""
    local = [p for p in article.places if p.name and p.level not in (None, "country")]
    if not local:
        return None
    counts = Counter(p.name for p in local)
    name, n = counts.most_common(1)[0]
    if n / len(local) < MAIN_LOCATION_SHARE:
        return None
    mentions = [p for p in local if p.name == name]
    sentences = {doc.char_span(p.start, p.end, alignment_mode="expand").sent.start for p in mentions}
    return mentions[0] if len(sentences) >= 2 else None


def _event_loc(place: Place, level: str | None) -> EventLoc:
    return EventLoc(**{**asdict(place), "level": level})
