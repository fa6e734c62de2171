"""Where an event happened, and how that was found: the clause, the sentence, the paragraph, the dateline
or the article's main place, in that order of trust.

The event coder calls `locate_event` with the trigger of each event. Among the article's places in
the trigger's sentence, the one the dependency parse attaches to the trigger wins (`source` "clause"): a
locative phrase on the trigger ("killed ... in Aleppo", "clashed near Jenin"), the object of a verb that
acts on a place ("shelled Kharkiv", "captured Knin"), or a locative phrase on the clause the trigger
heads. Places attached to a reporting verb ("said in Washington"), places that are the subject
("Israel captured ...") and adjectives ("Syrian troops") are not where the event happened.

Without such a place, the event takes, each marked with its `source`: a place of its own sentence that the
parse links to it only loosely ("sentence": a locative phrase of a neighbouring verb), the place where the
paragraph has put its story so far ("paragraph": the latest locative place of its earlier sentences), the
town of the article's dateline for the story's opening sentences ("dateline"), or the place the article is
clearly about ("article": one named place holds most mentions, in more than one sentence). Last, an event
whose coded participants all belong to the country the article is set in takes that country ("article",
precision country): "Kasich criticized Cruz" in a story of an American campaign happened in the United
States, whatever the clause says, and whether or not the story names the country beside its towns.
`precision` says how fine the place is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.clean.dateline import dateline_town, opening_dateline
from eventwire.countries import to_alpha2
from eventwire.model import Article, EventLoc, Participant, Place, Span
from eventwire.nlp import text_of
from eventwire.quotes import is_cue
from eventwire.resolve.gazetteer import key
from eventwire.resolve.gazetteer import load as load_gazetteer
from eventwire.resolve.place import AREA_AFTER, PLACE_NOUNS, entry_place
from eventwire.resolve.time import tense_at
from eventwire.spanindex import SpanIndex
from eventwire.words import COMPASS, DIRECTIONAL, LOCATIVE

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
MIN_SCORE = 1.0  # the clause puts the event there
# A clause saying where someone or something is from or settled says nothing of where the event was.
SCENE_SETTERS = frozenset({"when", "whenever", "after", "as", "once"})
ORIGIN_VERBS = frozenset("bear raise grow live base headquarter found educate hail register reside".split())
SENTENCE_SCORE = 0.4  # the sentence links the place to the event only loosely
# Parts of a place and sites in it, which a place name qualifies: the event is where they are (not an
# embassy or a consulate: "the Mexican Embassy" is in Washington).
SITES = frozenset(
    """much most part parts half all rest swath swaths swathe swathes portion portions airport airfield
    hotel museum school hospital stadium prison jail mosque church temple market
    checkpoint crossing bridge highway road square""".split()
)
# The nouns a place name stands under in a phrase: "the city of Basra", "a Hong Kong hotel".
PHRASE_NOUNS = PLACE_NOUNS | SITES
# Acts named by a noun whose "of" object is the place acted on.
ACTS_ON_PLACES = frozenset(
    """siege bombardment shelling bombing capture seizure occupation invasion liberation recapture storming
    blockade encirclement evacuation""".split()
)
QUALIFIER_SCORE = 0.2  # a place that only locates another place of the phrase
SPECIFICITY = {"country": 0, "region": 1, "admin1": 1, "admin2": 1}
MAIN_LOCATION_SHARE = 0.6
DATELINE_REACH = 3  # sentences of a datelined story that the dateline places
# An article that never names its country is set in it when most of its places lie there.
UNNAMED_COUNTRY_MENTIONS = 3
UNNAMED_COUNTRY_SHARE = 0.75
# How fine a place is, by its gazetteer level (ACLED's geo_precision follows from it).
PRECISION = {
    "city": "town", "sub-city": "town", "other": "town", "admin2": "admin2", "admin1": "province",
    "region": "region", "country": "country",
}  # fmt: skip


def locate_event(
    doc: Doc, article: Article, trigger: Span, material: bool = True, parties: Sequence[Participant] = ()
) -> EventLoc | None:
    """The place where the event with this trigger happened, with how it was found; None when the text
    does not say. A statement (not `material`) happens wherever its speaker is: it takes only a place its
    clause says it was made at ("told reporters in Iowa", "called at a conference in Washington"), never a
    place it is about ("blamed Clinton for the turmoil in the Middle East", "sue the U.S."). Beyond its
    sentence, an event told as the article's news may take the dateline, and a material one the
    paragraph's or the article's place (a statement's would be its topic). Last, an event between people
    of the country the article is set in took place there, as far as the text says (`parties`: its actors
    and recipients; precision country)."""
    covering = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    tokens = list(covering) if covering is not None else []
    if not tokens:
        return None
    head = min(tokens, key=lambda t: len(list(t.ancestors)))
    sent = head.sent
    best: tuple[int, float, int, Place] | None = None
    dateline = dateline_town(text_of(doc), sent.start_char)  # "HEBRON — Soldiers ...": not the clause's own
    in_sentence = [p for p in _places(doc, article).inside(sent.start_char, sent.end_char) if (p.start, p.end) != dateline]
    heads = {id(p): _head(doc, p) for p in in_sentence}
    place_heads = {h.i for h in heads.values() if h is not None}
    for place in in_sentence:
        place_head = heads[id(place)]
        if place_head is None:
            continue
        score = _attachment(place_head, head, place_heads, place.level)
        if score < SENTENCE_SCORE or not (material or _said_at(place_head, head) and not _party(place, parties)):
            continue
        candidate = (score >= MIN_SCORE, _specificity(place), score, -abs(place_head.i - head.i), place)
        if best is None or candidate[:4] > best[:4]:
            best = candidate
    if best is not None:
        return _event_loc(best[4], "clause" if best[0] else "sentence")
    if _here(head) and (found := _dateline_place(doc, article)) is not None:
        return _event_loc(found, "dateline")  # "CLEVELAND - Trump accepted the nomination here"
    if _news_of_the_day(doc, article, head):
        if material and (found := _paragraph_place(doc, article, sent)) is not None:
            return _event_loc(found, "paragraph")
        if (found := _dateline_place(doc, article, sent)) is not None:
            return _event_loc(found, "dateline")  # where the reporter saw it happen or heard it said
        main = _main_location(doc, article) if material else None
        if main is not None and not (sent.start_char <= main.start < sent.end_char):
            return _event_loc(main, "article")
    home = _home_country(doc, article)
    if home is not None and _countries(parties, material) == {home.country_code}:
        return _event_loc(home, "article")
    return None


def _countries(parties: Sequence[Participant], material: bool) -> set[str | None]:
    """The countries of an event's coded participants; None stands for one coded as no country (an
    international body, a rebel group), so that it never matches the article's country. A material
    event needs every participant coded, and two: 'the U.S. stepped up airstrikes' may strike abroad."""
    if material and (len(parties) < 2 or not all(p.code for p in parties)):
        return {None}
    return {to_alpha2(p.code) for p in parties if p.code}


def _home_country(doc: Doc, article: Article) -> Place | None:
    """The country the article is set in: the one its places (towns and provinces counted with their
    country) fall in most, in more than one sentence. Named in the article, its first mention (a noun
    rather than an adjective where there is one) is the evidence; unnamed, it needs most of the places
    (UNNAMED_COUNTRY_MENTIONS, UNNAMED_COUNTRY_SHARE) and the first of them is the evidence. Cached on
    the Doc."""
    key = "eventwire.home_country"
    if key not in doc.user_data:
        doc.user_data[key] = _most_mentioned_country(doc, article)
    return doc.user_data[key]


def _most_mentioned_country(doc: Doc, article: Article) -> Place | None:
    counts = Counter(p.country_code for p in article.places if p.country_code)
    ranked = counts.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[1][1] == ranked[0][1]:
        return None
    code, n = ranked[0]
    mentions = [p for p in article.places if p.country_code == code]
    sentences = {
        span.sent.start
        for p in mentions
        if (span := doc.char_span(p.start, p.end, alignment_mode="expand")) is not None
    }
    if len(sentences) < 2:
        return None
    named = [p for p in mentions if p.level == "country"]
    if named:
        return next((p for p in named if _head(doc, p) is not None), named[0])
    if n < UNNAMED_COUNTRY_MENTIONS or n < UNNAMED_COUNTRY_SHARE * counts.total():
        return None
    country = load_gazetteer().country(code)  # "Charlotte ... Minnesota ... Tulsa": American, unnamed
    if country is None:
        return None
    first = mentions[0]
    return entry_place(first.text, first.start, first.end, country)


def _party(place: Place, parties: Sequence[Participant]) -> bool:
    """The place is one of the event's participants: a statement's addressee ("called on the United States
    to extradite him") is who it is made to, not where."""
    return any(p.start <= place.start < p.end for p in parties)


def _here(trigger: Token) -> bool:
    """The clause says "here": in a datelined story, the dateline's town."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(
        c.lower_ == "here" and c.dep_ == "advmod" and c.i > c.head.i for c in (*trigger.children, *verb.children)
    )  # not "Here's a good deal"


def _said_at(place: Token, trigger: Token) -> bool:
    """A chain of locative phrases from the place to the trigger or its clause's verb ("said in Iowa", "called
    ... at the conference in Washington"), with no object or other noun between but a speech verb's audience
    ("told reporters in Nairobi", "speaking to reporters in Nairobi, the governor condemned ...")."""
    node = _phrase_head(place)
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    while node.dep_ == "pobj" and node.head.lower_ in LOCATIVE | {"during"}:
        attached = node.head.head
        audience_of = attached.head.head if attached.head.lower_ == "to" else attached.head
        if attached.dep_ in ("dobj", "pobj") and _reporting(audience_of):
            attached = audience_of
        if attached in (trigger, verb) or attached.pos_ in ("VERB", "AUX") and trigger in attached.subtree:
            return True
        if attached.dep_ == "advcl" and attached.head in (trigger, verb):
            return True  # "Speaking in Nairobi, the governor condemned ..."
        node = attached
    return node == trigger


# Clauses that tell an event as background or as someone's words, not as the article's news.
BACKGROUND_DEPS = {"relcl", "acl", "amod", "compound", "advcl", "pcomp", "csubj", "nmod", "poss", "attr"}


def _news_of_the_day(doc: Doc, article: Article, head: Token) -> bool:
    """Whether an event may take a place from beyond its sentence: a verb told as news (not inside a
    quotation; reported speech, "police said gunmen killed ...", is news), in a main clause (not "who has
    donated", "attacks funded by ..."), in the past tense, and not as a perfect or a future ("has called
    for", "will fight"), which are not the story's own day and place."""
    if any(q.kind != "indirect" and q.start <= head.idx < q.end for q in article.quotes):
        return False
    if head.pos_ != "VERB" or head.dep_ in BACKGROUND_DEPS:
        return False
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"has", "have", "'ve", "will", "would", "'ll", "could", "should", "might", "may", "can"}:
        return False
    return tense_at(doc, head.idx, head.idx + len(head)) == "past"  # not "Cruz seeks to energize ..."


def _paragraph_place(doc: Doc, article: Article, sent: SpacySpan) -> Place | None:
    """The latest place an earlier sentence of the same paragraph puts its main verb in ("In Jenin, troops
    raided ... . Two men were killed."): a locative phrase on a main verb that is not a reporting verb."""
    text = text_of(doc)
    start = text.rfind("\n", 0, sent.start_char) + 1
    for place in reversed(_places(doc, article).inside(start, sent.start_char)):
        place_head = _head(doc, place)
        if place_head is None:
            continue
        node = _phrase_head(place_head)
        verb = node.head.head
        if place.lat is not None and node.dep_ == "pobj" and node.head.lower_ in LOCATIVE:
            if verb.pos_ in ("VERB", "AUX") and verb.dep_ in ("ROOT", "conj") and not _reporting(verb):
                return place  # "In Jenin, troops raided ...": where the paragraph's story is
    return None


def _dateline_place(doc: Doc, article: Article, sent: SpacySpan | None = None) -> Place | None:
    """The town of the dateline: kept at the start of a verbatim text's story ("BANTAM — A mason ..."), or cut
    from the text onto the record ("JENIN, West Bank") and named again in the text. Given an event's
    sentence, only when it is one of the story's first (DATELINE_REACH): the opening tells what happened
    at the dateline, while later paragraphs bring in reactions and background from elsewhere."""
    if opening := opening_dateline(article.text):
        where = opening[1]
        found = next((p for p in article.places if (p.start, p.end) == where and p.lat is not None), None)
        start = where[0]
    elif article.dateline:
        town = key(article.dateline.split(",")[0])
        found = next((p for p in article.places if p.lat is not None and key(p.text) == town), None)
        start = 0
    else:
        return None
    if found is None or sent is None:
        return found
    before = 0  # the story's sentences before this one; the dateline opens the text, so this stops early
    for s in doc.sents:
        if s.start_char >= sent.start_char or before >= DATELINE_REACH:
            break
        before += start <= s.end_char
    return found if before < DATELINE_REACH else None


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
    node = _phrase_head(place)
    if node != place and node.i in place_heads and place.dep_ != "conj":
        return QUALIFIER_SCORE  # "in Baquba, north of Baghdad": Baghdad only says where Baquba lies
    return _attachment_of(node, trigger, place_heads, level)


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
        if prep.lower_ == "of" and prep.head.lemma_.lower() in ACTS_ON_PLACES:
            weight = 2.5  # "the siege of Homs", "the bombardment of Aziziyah district": as "besieged Homs"
        attached = prep.head
    elif node.dep_ in {"dobj", "obj"}:
        weight, attached = 2.5, node.head  # "shelled Kharkiv", "captured Knin"
    elif level == "country" and (
        node.dep_ in {"compound", "amod", "nmod"} or (node.dep_ == "poss" and node.head == trigger)
    ):
        weight, attached = 0.3, node.head  # "a US air strike", "US troops", "Russia's invasion": the doer
    elif node.dep_ in {"compound", "amod", "poss", "nmod"}:
        # "the committee's Baghdad headquarters", "Venezuela's oil installations": where the noun is
        noun = node.head
        score = _attachment_of(noun, trigger, place_heads, level="")
        return score - 0.5
    else:
        weight, attached = 1.0, node.head
    if attached.i in place_heads:
        return QUALIFIER_SCORE  # "Lubumbashi in Shaba province": the province only qualifies the town
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
            if weight < 3.0 and any(t.dep_ in {"relcl", "acl"} for t in path):
                return 0.0  # "murders which prompted Paris to ...": a clause that describes a noun
            if any(t.dep_ in {"relcl", "acl"} and t.lemma_.lower() in ORIGIN_VERBS for t in path):
                return 0.0  # "the gunman, born in New York, killed": where he is from
            if any(_other_situation(t) for t in path):
                return 0.0  # "fired missiles while leaders met in China": another clause's event
            return weight - 2.0
        return weight - 0.5 * len(path)
    if attached in trigger.ancestors and attached.pos_ in {"VERB", "AUX"}:
        return weight - 1.5
    return 0.0


def _other_situation(verb: Token) -> bool:
    """A subordinate clause with its own subject that is not the scene of the main one: "while leaders met",
    "if the company did not help". A "when", "after" or "as" clause is the scene ("were killed when a bomb
    exploded in Kabul")."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and not any(c.dep_ in ("mark", "advmod") and c.lower_ in SCENE_SETTERS for c in verb.children)
    )


def _phrase_head(place: Token) -> Token:
    """Climb from a place to the phrase that names it: 'the city of Basra', 'Basra and Nasiriyah',
    'Hama province', 'much of Liberia', 'the airport of Udbina', 'a Hong Kong hotel'."""
    node = place
    while True:
        head = node.head
        if head == node:
            return node
        if node.dep_ in {"conj", "appos"}:
            node = head
        elif node.lower_ in COMPASS and node.dep_ in {"advmod", "npadvmod", "amod"}:
            node = head  # "a town northeast of Baghdad"
        elif node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PHRASE_NOUNS:
            node = head.head
        elif node.dep_ in {"compound", "nmod"} and (
            head.lemma_.lower() in PHRASE_NOUNS or head.ent_type_ in {"DATE", "TIME"}
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


def _places(doc: Doc, article: Article) -> SpanIndex[Place]:
    """The article's places, indexed once per Doc: each event looks up its sentence's, where a
    scan of them all for every event was quadratic in a long article."""
    key = "eventwire.places"
    if key not in doc.user_data:
        doc.user_data[key] = SpanIndex(article.places, lambda place: (place.start, place.end))
    return doc.user_data[key]


def _main_location(doc: Doc, article: Article) -> Place | None:
    """The place the article is clearly about: most mentions of the named places below country level,
    in at least two sentences. Cached on the Doc: it is asked for each event, and counting every
    place each time was quadratic in an article of many places."""
    key = "eventwire.main_location"
    if key not in doc.user_data:
        doc.user_data[key] = _most_mentioned(doc, article)
    return doc.user_data[key]


def _most_mentioned(doc: Doc, article: Article) -> Place | None:
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


def _event_loc(place: Place, source: str) -> EventLoc:
    return EventLoc(**asdict(place), source=source, precision=PRECISION.get(place.level or ""))
