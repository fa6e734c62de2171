"""Place names in an article, recognised and resolved against the offline gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities and adds what the small model misses or mislabels
(it tags `Palmyra` as a PERSON): capitalised names that the gazetteer knows as a country, a
division, a listed region, a sizeable town or a town's own two-word name, any town after a locative
preposition ("to Palmyra"), names the kind of place vouches for ("the village of X", "the X and Y
districts", "X, 40 km north of Y"), the town of a dateline left in the text ("BANTAM —"), and in
an article about one province, that province's towns wherever they are written ("the Berea Police
Department" in a Kentucky paper). Names
inside longer person names, organisations and dates stay out, and so does a single word that only a
small town's alternate name stands behind ("Story") unless the text places it.

Resolution ranks each name's senses by population or level, less for a town that has the name only
as an alternate name, and by the article's context: the countries and divisions its other names
resolve to (votes recast from the chosen senses until they settle), the towns near the article's
other towns, and qualifiers ("Jenin, West Bank", "Hmeimim base in Lattakia province"). A name keeps
one sense for the whole article. Area phrases ("the countryside of Aleppo", "eastern Homs
countryside", "Aleppo province", "the northern West Bank") cover the whole phrase and resolve to the
area (`level` admin1 or region), not a city point; "the city of X" picks the town.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.clean.dateline import dateline_town
from eventwire.model import Article, Place
from eventwire.nlp import text_of
from eventwire.resolve.actor_coding import coder
from eventwire.resolve.gazetteer import DIVISION_TYPE_WORDS, Entry, Gazetteer, key, load
from eventwire.words import COMPASS, DIRECTIONAL, HONORIFICS, LOCATIVE

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = set(
    "DATE TIME MONEY PERCENT QUANTITY CARDINAL ORDINAL WORK_OF_ART LAW EVENT PRODUCT LANGUAGE".split()
)
# "Aleppo province", "the countryside of Aleppo": the division around the town.
# Words after which any town of the gazetteer is a place ("to Palmyra", "near Qusayr").
PLACE_PREPS = LOCATIVE | DIRECTIONAL
PROVINCE_WORDS = {"province", "governorate", "countryside", "oblast", "state", "region"}
# "the Toronto area", "the outskirts of Damascus": around the town itself.
VICINITY_WORDS = {"area", "desert", "suburbs", "outskirts", "district"}
AREA_AFTER = PROVINCE_WORDS | VICINITY_WORDS
DIRECTIONS = set(
    """northern southern eastern western north south east west central northeastern northwestern
    southeastern southwestern north-eastern north-western south-eastern south-western northeast northwest
    southeast southwest rural occupied upper lower""".split()
)
SALIENT_POPULATION = 100_000
WORLD_CITY_POPULATION = 1_000_000  # "Paris" is Paris, France, unless the article is local to a namesake
# An article is local to a division that a tenth of its place votes go to, or to an area where a quarter of its
# other towns lie.
LOCAL_DIVISION_SHARE = 0.1
LOCAL_AREA_SHARE = 0.25
LOCAL_LEVELS = {"city", "admin2"}  # places that need a reason to be trusted, unlike countries or provinces
ADMIN2_DISCOUNT = 1.0
ALTNAME_PENALTY = 1.0
NEARBY = 2.0
NEAR_DEGREES = 0.9  # about 100 km
LOCAL_MIN_NAMES = 3
LOCAL_SHARE = 0.5
RESOLVE_ROUNDS = 10  # passes at most; they stop when no sense changes
# Nouns that make the next "of X" a place: "the town of Knin", "the province of Muthanna".
PLACE_NOUNS = set(
    """city town village province region area district neighbourhood neighborhood capital port camp border
    outskirts outskirt suburb suburbs countryside state country enclave governorate county municipality
    island valley strip quarter slum hotspot stronghold locality settlement base street streets centre
    center edge heart terminal entrance north south east west northeast northwest southeast southwest""".split()
)
# Capitalised words that name some place somewhere but in news are mostly words ("Central", "Man").
GENERIC_WORDS = set(
    """central north south east west northern southern eastern western metro man union commonwealth gulf
    mobile independence liberty victoria university college city county state republic national federal
    unity""".split()
)
MAX_NAME_TOKENS = 4
DIVISION_WORDS = {"County", "Parish", "Township", "Borough"}  # "X County" names a division of its own
THE_STATES = re.compile(r"\b[Tt]he States\b(?!\s+[A-Z])")
LEVEL_PRIOR = {"country": 9.0, "region": 7.5, "other": 7.5, "admin1": 5.5, "sub-city": 6.0, "city": 0.0}
CONTEXT_COUNTRY = 4.0
CONTEXT_ADMIN1 = 6.0
QUALIFIER = 6.0
NAMESAKE_PENALTY = 4.0  # a town named like a country or a state is, unqualified, the country or state
SETTLEMENT_WORDS = {"city", "town", "village", "camp"}


@dataclass
class _Mention:
    start: int  # character offsets of the emitted span (the area phrase when there is one)
    end: int
    name: str  # the bare place name looked up in the gazetteer
    area: str | None = None  # "province", "vicinity" or "direction" when the name is part of an area phrase
    settlement: bool = False  # written as a town: "the city of X", "X town"
    named: bool = False  # its words name a kind of place: "the village of X", "X district"
    after_preposition: bool = False  # "in X", "near X", "Dennis Lopez of X"
    demonym: str | None = None
    label: str = ""  # spaCy's entity label for most of the name's words ("GPE", "PERSON", "" for none)
    qualifiers: list[_Mention] = field(default_factory=list)
    qualified: bool = False  # a qualifier right after a comma or a distance ("Bangor, Maine"), not "X met Y in Z"
    senses: tuple[Entry, ...] = ()

    @property
    def vouched(self) -> bool:
        """The text itself says this is a place: a kind of place ("the village of X", "X County"), an area
        phrase, a qualifier after a comma that resolves ("Bangor, Maine"), a dateline, a demonym."""
        return (
            self.named or self.settlement or self.area is not None or self.demonym is not None
            or self.qualified and any(q.senses for q in self.qualifiers)
        )


def find_places(doc: Doc, article: Article) -> list[Place]:
    """Every place name of the article with its resolved sense (null coordinates when unknown)."""
    gaz = load()
    text = text_of(doc)
    people, words = _person_words(doc), _lower_case_words(doc)
    mentions = _recognise(doc, gaz, people, words)
    _attach_qualifiers(doc, mentions)
    for m in mentions:
        if m.demonym is None:
            m.senses = _senses(m, gaz)
    mentions = _placed(text, mentions)
    senses = _resolve(mentions)
    kept = _supported(doc, mentions, senses)
    if len(kept) < len(mentions):
        mentions, senses = kept, _resolve(kept)
    local = _local_towns(doc, mentions, senses, gaz, people | words)
    if local:
        mentions = sorted(mentions + local, key=lambda m: m.start)
        senses = _resolve(mentions)
    places = []
    for m in mentions:
        entry = gaz.country(m.demonym) if m.demonym else senses.get(key(m.name))
        if m.area == "province" and entry is not None and entry.level == "city":
            entry = gaz.area_of(entry) or entry
        places.append(_place(text, m, entry))
    return places


def _supported(doc: Doc, mentions: list[_Mention], senses: dict[str, Entry | None]) -> list[_Mention]:
    """The mentions the article's own evidence keeps as places, name by name.

    The gazetteer knows "Clinton", "Obama", "Congress" and "Batman" as towns; news mostly means a person, an
    institution or a film. A town's name (or an unknown name) is a person's when the article writes it as a
    person's surname or after a title ("Hillary Clinton", "President Obama") and the tagger reads most of its
    mentions as a person: then only mentions the text vouches for stay ("Clinton, Iowa", "the town of
    Clinton"). A town nothing in the text supports (no mention tagged as a place, vouched for or qualified, none
    after a preposition of place unless tagged as an organisation or a work) is dropped
    when the article's other places below country level all lie outside its province (a small town: "in
    Congress" beside Iowa and Ohio) or its country (a city: "Batman" in a review of a Hollywood film).
    Countries, provinces and regions are left alone.
    """
    people = _people(doc, mentions)
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        by_key.setdefault(key(m.name), []).append(m)
    dropped: set[int] = set()
    towns = {}
    for k, group in by_key.items():
        entry = senses.get(k)
        if group[0].demonym is not None or (entry is not None and entry.level not in LOCAL_LEVELS):
            continue
        labels = Counter(m.label for m in group)
        as_place = sum(labels[label] for label in PLACE_LABELS)
        if k in people and labels["PERSON"] > as_place:
            dropped.update(id(m) for m in group if not m.vouched)
        elif entry is not None and not as_place and not any(_supported_mention(m) for m in group):
            towns[k] = entry
    areas = {  # where the article's other places below country level lie
        k: (e.country_code, e.admin1)
        for k, g in by_key.items()
        if (e := senses.get(k)) is not None and g[0].demonym is None and e.level != "country"
        and not any(id(m) in dropped for m in g)
    }
    for k, entry in towns.items():
        others = [area for other, area in areas.items() if other != k]
        salient = entry.population >= SALIENT_POPULATION
        if others and not any(cc == entry.country_code and (salient or a1 == entry.admin1) for cc, a1 in others):
            dropped.update(id(m) for m in by_key[k])
    return [m for m in mentions if id(m) not in dropped]


def _supported_mention(m: _Mention) -> bool:
    """Vouched for, qualified ("Lubumbashi in Shaba province"), or after a preposition of place and not read by
    the tagger as an organisation or a work: "a trip to Cancun", "headed to Palmyra" (a person to the small
    tagger), but not "Democrats in Congress"."""
    return (
        m.vouched
        or any(q.senses for q in m.qualifiers)
        or m.after_preposition and m.label in ("", "PERSON")
    )


def _people(doc: Doc, mentions: list[_Mention]) -> set[str]:
    """Keys of the names the article writes as people's: the last word of a multi-word person name
    ("Hillary Clinton"), and a mention after a title or an honorific ("President Obama", "Mr. Leno")."""
    found = {key(ent[-1].text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    roles = coder()
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0 or key(m.name) in found:
            continue
        prev = doc[span.start - 1]
        if (prev.is_title or prev.text.endswith(".")) and (
            prev.lower_.rstrip(".") in HONORIFICS or roles.role_at(doc, prev.i) is not None
        ):
            found.add(key(m.name))
    return found


def _local_towns(
    doc: Doc, mentions: list[_Mention], senses: dict[str, Entry | None], gaz: Gazetteer, not_towns: set[str]
) -> list[_Mention]:
    """Towns of the province the article is about, wherever they are written: a local paper's
    "Berea Police Department" or "the Haslett students" name Berea and Haslett without a preposition.
    `not_towns` are the words of people's names and the words the text writes in lower case ("Taylor"
    of Ann Taylor, "Center" where the text also says "center")."""
    areas = Counter(
        (e.country_code, e.admin1)
        for m in mentions
        if (e := senses.get(key(m.name))) is not None and e.level in LOCAL_LEVELS and e.admin1
    )
    if not areas:
        return []
    ((area, n),) = areas.most_common(1)
    if n < LOCAL_MIN_NAMES or n < LOCAL_SHARE * sum(areas.values()):
        return []
    taken = [False] * len(doc)
    for m in mentions:
        for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
            taken[t.i] = True
    for t in doc:
        if t.ent_type_ in BLOCKING_LABELS or t.lower_ in not_towns:
            taken[t.i] = True
    found = []
    i = 0
    while i < len(doc):
        span = None if taken[i] else _local_match(doc, i, taken, gaz, area)
        if span is None:
            i += 1
            continue
        m = _widen(doc, span, _name(span))
        m.senses = _senses(m, gaz)
        found.append(m)
        i = span.end
    return found


def _local_match(
    doc: Doc, i: int, taken: list[bool], gaz: Gazetteer, area: tuple[str | None, str]
) -> SpacySpan | None:
    """The longest capitalised name from token i that is a town of `area` under its own name."""
    first = doc[i]
    if not _capitalised(first) or first.is_stop or _acronym(first) or first.lower_ in GENERIC_WORDS:
        return None
    for span in _name_spans(doc, i, taken):
        if any(t.text == "-" for t in span):
            continue
        k = key(_name(span))
        if any(
            e.level == "city" and (e.country_code, e.admin1) == area and key(e.name) == k
            for e in gaz.lookup(_name(span), fuzzy=False)
        ):
            return span
    return None


def _placed(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The mentions that are places. A single word that the gazetteer does not know ("Hartmann",
    "Belk", "Taser") is one only after a locative preposition ("in X"); one that it knows only as an
    alternate name of a small town ("Story" is one of Rochelle, Illinois) needs more. Either is a place
    where its words name the kind of place ("the village of X"), a qualifier follows ("Maameltein,
    Keserwan"), or it is listed beside a place ("the villages of Foua and Kfraya")."""
    placed = [
        m.demonym is not None
        or m.named
        or (not m.senses and (" " in m.name or m.after_preposition))
        or (bool(m.senses) and not _weak(m))
        or any(q.senses for q in m.qualifiers)
        for m in mentions
    ]
    changed = True
    while changed:
        changed = False
        for i in range(len(mentions) - 1):
            a, b = mentions[i], mentions[i + 1]
            if placed[i] != placed[i + 1] and a.demonym is None and b.demonym is None:
                if re.fullmatch(r"\s*(?:,|and|or|, and)\s*", text[a.end : b.start]):
                    placed[i] = placed[i + 1] = changed = True
    names = {key(m.name) for m, p in zip(mentions, placed, strict=True) if p}
    return [m for m in mentions if key(m.name) in names]


def _weak(m: _Mention) -> bool:
    """Only small towns' alternate names stand behind a one-word name."""
    k = key(m.name)
    return " " not in m.name and all(
        e.level == "city" and key(e.name) != k and e.population < SALIENT_POPULATION for e in m.senses
    )


def _recognise(doc: Doc, gaz: Gazetteer, person_words: set[str], words: set[str]) -> list[_Mention]:
    taken = [False] * len(doc)
    mentions: list[_Mention] = []

    def claim(span: SpacySpan, name: str, **extra) -> None:
        for t in span:
            taken[t.i] = True
        mentions.append(_widen(doc, span, name, **extra))

    for span in _datelines(doc):
        if gaz.lookup(_name(span), fuzzy=False):
            claim(span, _name(span), named=True)  # known towns only: "BREAKING —" is no dateline
    for ent in doc.ents:
        if any(taken[t.i] for t in ent):
            continue  # "LA CROSSE, Wisc. —": the dateline's town, not the tagger's "LA"
        if ent.label_ in PLACE_LABELS:
            span = _strip_determiner(ent)
            if span is None or not any(ch.isalpha() for ch in span.text):
                continue
            if (division := _division_of_institution(span)) is not None:
                for t in ent:
                    taken[t.i] = True
                claim(division, _name(division))  # "the Henderson County Jail": in Henderson County
                continue
            if len(span) == 1 and _acronym(span[0]) and not _salient(gaz.lookup(_name(span), fuzzy=False)):
                continue  # "SANA", "EU" (not Eu, France): an acronym names a country, a province or a city
            if len(span) == 1 and span[0].lower_ in COMPASS:
                continue  # "the North", "the West": a direction, not Cameroon's North Region
            if (
                len(span) == 1
                and span[0].lower_ in person_words
                and not _salient(gaz.lookup(_name(span), False))
                and not _comma_qualified(span)
            ):
                continue  # "Saakashvili" after "Mikheil Saakashvili": a person, whatever the tagger says
            claim(span, _name(span))
        elif ent.label_ in BLOCKING_LABELS or (ent.label_ == "PERSON" and len(ent) > 1):
            for t in ent:
                taken[t.i] = True
    # Demonyms stand for their country ("Turkish" -> Turkey), as geoparsing corpora annotate them,
    # also inside organisation names ("the American Farm Bureau").
    for ent in doc.ents:
        if ent.label_ == "NORP" and not any(taken[t.i] for t in ent) and (code := gaz.demonym(ent.text)):
            claim(ent, ent.text, demonym=code)
    for t in doc:
        if not taken[t.i] and t.is_title and (code := gaz.demonym(t.text)):
            claim(doc[t.i : t.i + 1], t.text, demonym=code)
    i = 0
    while i < len(doc):
        span, trusted = (
            (None, False) if taken[i] else _gazetteer_match(doc, i, taken, gaz, person_words, words)
        )
        if span is None:
            i += 1
            continue
        if trusted:
            claim(span, _name(span))
        i = span.end  # an untrusted "New Concord" is not "Concord" either
    named: set[int] = set()
    for span in _named_by_place_noun(doc, taken):
        if named.isdisjoint(range(span.start, span.end)):
            named.update(range(span.start, span.end))
            claim(span, _name(span), named=True)
    # "back to the States": news's short name of the United States (not "the Gulf States", "Member States")
    for match in THE_STATES.finditer(text_of(doc)):
        span = doc.char_span(*match.span())
        if span is not None and not any(taken[t.i] for t in span):
            claim(span, "United States")
    _repeat_names(doc, taken, mentions, claim)
    mentions.sort(key=lambda m: m.start)
    return mentions


# Parts of speech a town's name is not, though a capital may begin the word: "Male soldiers" (Malé), "Free"
# (a dateline's "BEIRUT:", all in capitals, is read as it is written).
NOT_NAMES = frozenset({"ADJ", "ADV", "VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ"})
# "the village of Ashmi", "Khanasir town", "the Radhwaniyah area": news names small places the
# gazetteer does not know by the kind of place they are; such names are places, unresolved.
NAMING_NOUNS = set(
    """village villages town towns district districts neighbourhood neighbourhoods neighborhood
    neighborhoods area camp camps suburb suburbs settlement settlements governorate province provinces
    municipality valley crossing""".split()
)


def _datelines(doc: Doc) -> list[SpacySpan]:
    """The towns of datelines that open a sentence ("RUSSELLVILLE, Ark. (AP) -", "BANTAM —"): texts
    kept verbatim still carry them after the headline."""
    text = text_of(doc)
    found = []
    for sent in doc.sents:
        where = dateline_town(text, sent.start_char)
        if where and (span := doc.char_span(*where, alignment_mode="contract")) is not None:
            found.append(span)
    return found


def _named_by_place_noun(doc: Doc, taken: list[bool]) -> list[SpacySpan]:
    """Names the kind of place vouches for ("the towns of X and Y", "the X and Y districts") or a
    distance from another place ("X, about 40 km north of Aleppo"), even where the tagger took them
    for a person."""
    persons = {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    free = [not taken[i] or i in persons for i in range(len(doc))]
    found = []
    for t in doc:
        if t.lower_ not in NAMING_NOUNS or not t.is_lower:
            continue
        if t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of" and t.i > 0 and doc[t.i - 1].lower_ == "the":
            run = _capitalised_run(doc, t.i + 2, 1, free)
            if run is not None and run.end + 1 < len(doc) and doc[run.end].lower_ in {"and", "or"}:
                found.append(run)
                run = _capitalised_run(doc, run.end + 1, 1, free)
        else:
            run = _capitalised_run(doc, t.i - 1, -1, free)
            if run is not None and run.start > 1 and doc[run.start - 1].lower_ in {"and", "or"}:
                found.append(run)
                run = _capitalised_run(doc, run.start - 2, -1, free)
        if run is not None:
            found.append(run)
    text = text_of(doc)
    for t in doc:
        if t.text == "," and t.i > 0 and DISTANCE_FROM.match(text, t.idx):
            run = _capitalised_run(doc, t.i - 1, -1, free)
            if run is not None:
                found.append(run)
    return sorted(found, key=lambda span: (span.start, -len(span)))


def _capitalised_run(doc: Doc, i: int, step: int, free: list[bool]) -> SpacySpan | None:
    """The run of free capitalised words starting at token i and going in `step`'s direction."""
    j = i
    while 0 <= j < len(doc) and free[j] and _capitalised(doc[j]) and not doc[j].is_stop:
        j += step
    start, end = (i, j) if step > 0 else (j + 1, i + 1)
    if end - start < 1 or end - start > MAX_NAME_TOKENS or doc[start].is_sent_start:
        return None
    return doc[start:end]


def _repeat_names(doc: Doc, taken: list[bool], mentions: list[_Mention], claim) -> None:
    """A name recognised once is a place wherever else it is written the same way in the article."""
    names = {
        tuple(m.name.removesuffix(".").split())
        for m in mentions
        if m.demonym is None and m.name[:1].isupper()
    }
    names |= {(*n[:-1], n[-1] + ".") for n in names}
    firsts = {n[0] for n in names}
    lengths = sorted({len(n) for n in names}, reverse=True)
    words = [t.text for t in doc]  # plain strings: slicing the Doc itself makes Token objects
    i = 0
    while i < len(words):
        if words[i] in firsts:
            for n in lengths:
                if tuple(words[i : i + n]) in names and not any(taken[i : i + n]):
                    claim(doc[i : i + n], _name(doc[i : i + n]))
                    i += n - 1
                    break
        i += 1


def _name(span: SpacySpan) -> str:
    """The name as the gazetteer should see it: with the full stop that the tokenizer split off an
    abbreviation at the end of a sentence ("Louisville, Ky." -> "Ky."), but not "Texas." -> "Texas."."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "." and not span[-1].whitespace_:
        if load().knows(span.text + "."):
            return span.text + "."
    return span.text


def _division_of_institution(span: SpacySpan) -> SpacySpan | None:
    """"Henderson County" of "Henderson County Jail", "Guernsey County Common Pleas Court": local news names
    a county's institutions after it, and the tagger takes the whole name for a place."""
    for i, t in enumerate(span[:-1]):
        if t.text in DIVISION_WORDS and i > 0 and span[i + 1].is_title:
            return span[: i + 1]
    return None


def _strip_determiner(ent: SpacySpan) -> SpacySpan | None:
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    end = ent.end
    while end > start and ent.doc[end - 1].is_punct:
        end -= 1
    if end > start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[start:end] if end > start else None


def _person_words(doc: Doc) -> set[str]:
    """The words of the text's multi-word person names ("mikheil", "saakashvili"), lower case."""
    return {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}


def _lower_case_words(doc: Doc) -> set[str]:
    """The words the text writes in lower case ("police", "center", "lakes"): the same words
    capitalised are more likely a name's parts ("Police Union") than towns."""
    return {t.text for t in doc if t.is_lower}


def _gazetteer_match(
    doc: Doc, i: int, taken: list[bool], gaz: Gazetteer, person_words: set[str], words: set[str]
) -> tuple[SpacySpan | None, bool]:
    """The longest capitalised name from token i that the gazetteer knows, and whether it is known
    well enough to trust: not a single word the text also writes in lower case ("Police Union",
    "Lakes Edge Apartments") or the tagger reads as an adjective, a verb or a function word ("Male
    soldiers"), unless it names a country."""
    first = doc[i]
    if not _capitalised(first) or first.is_stop or _acronym(first):
        return None, False
    for span in _name_spans(doc, i, taken):
        senses = gaz.lookup(_name(span), fuzzy=False)
        if not senses:
            continue
        if first.lower_ in person_words and not _followed_by_its_division(span, senses):
            return None, False  # "Jackson" after "Michael Jackson" (but "Greer, South Carolina")
        word = len(span) == 1 and (
            span[0].lower_ in GENERIC_WORDS
            or (
                (span[0].lower_ in words or (span[0].pos_ in NOT_NAMES and span[0].is_title))
                and all(e.level != "country" for e in senses)
            )
        )
        if _trusted(senses, span) and not word:
            return span, True
        k = key(_name(span))
        if len(span) > 1 and any(key(e.name) == k for e in senses):
            return span, False  # a town's own two-word name, not to be cut down to a known word
    return None, False


def _name_spans(doc: Doc, i: int, taken: list[bool]) -> Iterator[SpacySpan]:
    """The spans of free capitalised words (hyphens between them) starting at token i, longest first."""
    limit = min(len(doc), i + MAX_NAME_TOKENS)
    end = i
    while end < limit and not taken[end] and (_capitalised(doc[end]) or doc[end].text == "-"):
        end += 1
    for stop in range(end, i, -1):
        if doc[stop - 1].text != "-":
            yield doc[i:stop]


def _acronym(token) -> bool:
    """'SANA', 'TT': short all-capital words are agencies and logos far more often than places."""
    return token.is_upper and len(token.text) <= 4 and token.is_alpha


def _capitalised(token) -> bool:
    """A word of a name: 'Texas', 'U.S.', 'Ky.' (not 'A&M' or digits)."""
    text = token.text
    return text[:1].isupper() and (token.is_alpha or (text.endswith(".") and text.replace(".", "").isalpha()))


def _after_locative(doc: Doc, i: int) -> bool:
    """After in/at/near/to/from, or after 'the town of', 'the province of'."""
    if i > 0 and doc[i - 1].lower_ in PLACE_PREPS:
        return True
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lemma_.lower() in PLACE_NOUNS


def _salient(senses: tuple[Entry, ...]) -> bool:
    return any(e.level not in LOCAL_LEVELS or e.population >= SALIENT_POPULATION for e in senses)


def _trusted(senses: tuple[Entry, ...], span: SpacySpan) -> bool:
    """Salient places under their own name are names anywhere ("Edmonton police"), and so are
    divisions named with their type ("Adair County"); other towns and other spellings only right
    after in/at/near/to/from, so that "Day" or "Titan" stay words."""
    k = key(_name(span))
    typed = len(span) > 1 and span[-1].lower_.rstrip(".") in DIVISION_TYPE_WORDS | {"co"}
    for e in senses:
        if e.level not in LOCAL_LEVELS or (e.level == "admin2" and typed):
            return True
        if key(e.name) == k and (e.population >= SALIENT_POPULATION or len(span) > 1):
            return True  # "Edmonton police", "Ridge Farm", "New Concord reservoir"
    if _after_locative(span.doc, span.start) and any(e.population >= 1000 for e in senses):
        return True
    return _followed_by_its_division(span, senses)  # "Greer, South Carolina"


def _followed_by_its_division(span: SpacySpan, senses: tuple[Entry, ...]) -> bool:
    """'Greer, South Carolina', 'Huntsville, Texas': a comma and the first-level division one of the
    name's towns lies in follow it; the text says which town it is."""
    if not _comma_qualified(span):
        return False
    doc, start = span.doc, span.end + 1
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    division = key(doc[start:end].text)
    return any(e.admin1 is not None and key(e.admin1) == division for e in senses)


def _widen(doc: Doc, span: SpacySpan, name: str, demonym: str | None = None, named: bool = False) -> _Mention:
    """Extend a name to its area phrase: 'eastern Homs countryside', 'the countryside of Aleppo'."""
    start, end, area = span.start, span.end, None
    if end < len(doc) and doc[end].lower_ in AREA_AFTER:
        end, area = end + 1, _area_kind(doc[end].lower_)
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in AREA_AFTER:
        start, area = start - 2, _area_kind(doc[start - 2].lower_)
    if start >= 1 and doc[start - 1].lower_ in DIRECTIONS:
        start, area = start - 1, area or "direction"
    settlement = (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].text in SETTLEMENT_WORDS
    ) or (span.end < len(doc) and doc[span.end].text in SETTLEMENT_WORDS)
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    named = named or area is not None or settlement or _named_by_kind(doc, span)
    label = Counter(t.ent_type_ for t in span).most_common(1)[0][0]
    return _Mention(
        start_char, end_char, name, area, settlement, named, _placed_by_preposition(doc, span), demonym, label
    )


def _comma_qualified(span: SpacySpan) -> bool:
    """'Bangor, Maine': a comma and a place name the tagger knows follow the name."""
    doc, end = span.doc, span.end
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ in PLACE_LABELS


def _named_by_kind(doc: Doc, span: SpacySpan) -> bool:
    """'the towns of X (and Y)', 'X district', 'the X and Y districts': the kind of place is written."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_lower and after.lower_ in NAMING_NOUNS:
        return True
    return (
        span.start >= 3
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].is_lower
        and doc[span.start - 2].lower_ in NAMING_NOUNS
        and doc[span.start - 3].lower_ == "the"
    )


def _placed_by_preposition(doc: Doc, span: SpacySpan) -> bool:
    """'in X', 'near X', 'Dennis Lopez of X' (not 'at X's', which is more often a person's or a firm's)."""
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None:
        return False
    if before.lower_ in PLACE_PREPS:
        return True
    return before.lower_ == "of" and span.start > 1 and doc[span.start - 2].ent_type_ == "PERSON"


def _area_kind(word: str) -> str:
    return "province" if word in PROVINCE_WORDS else "vicinity"


DISTANCE_FROM = re.compile(
    r",?\s*(?:just |some |about |around |roughly )?\d[\d,.]*\s*(?:-\s*)?(?:km|kilometres|kilometers|miles|mi)"
    r"\s+(?:\(\d+ \w+\)\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+)?(?:of|from)\s+(?:the\s+)?"
)


def _attach_qualifiers(doc: Doc, mentions: list[_Mention]) -> None:
    """'Jenin, West Bank' and 'Hmeimim base in Lattakia province': the second names where the first is (a
    verb between, "Obama met governors in Ohio", makes it where something happened instead)."""
    text = text_of(doc)
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if re.fullmatch(r"\s*,\s*", gap):
            a.qualifiers.append(b)
            a.qualified = True
        elif re.fullmatch(r"\s+(?:[a-z]+\s+){0,3}(?:in|of|near)\s+(?:the\s+)?(?:[a-z-]+\s+)?", gap):
            between = doc.char_span(a.end, b.start, alignment_mode="contract")
            if between is None or not any(t.pos_ in ("VERB", "AUX") for t in between):
                a.qualifiers.append(b)  # "Hmeimim base in Lattakia", not "Talks on X resumed in Washington"
        elif DISTANCE_FROM.fullmatch(gap):  # "Pooneryn, just 30 kilometres from Kilinochchi"
            a.qualifiers.append(b)
            a.qualified = True


def _resolve(mentions: list[_Mention]) -> dict[str, Entry | None]:
    """One sense per name: the best-scoring candidate given the whole article's context.

    Context is a vote: every other name's sense counts for its country and its first-level
    division, so "Paris" in an article about Lamar County, Texas, is Paris, Texas. The votes start
    from each name's most likely sense and are recast, name by name, from the senses chosen, until
    no sense changes.
    """
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        by_key.setdefault(key(m.name), []).append(m)
    chosen = {k: max(g[0].senses, key=lambda e: _prior(e, k)) for k, g in by_key.items() if g[0].senses}
    votes = _votes(by_key, chosen)
    names_area = {
        k: {
            e.country_code if e.level == "admin1" else e.level
            for e in g[0].senses
            if e.level == "country" or e.level in ("admin1", "region") and key(e.name) == k
        }
        | {"world city" for e in g[0].senses if e.level == "city" and e.population >= WORLD_CITY_POPULATION}
        for k, g in by_key.items()
    }
    for _ in range(RESOLVE_ROUNDS):
        changed = False
        for k, group in by_key.items():
            candidates = group[0].senses
            if group[0].demonym or not candidates:
                continue
            context = _Context.around(k, votes, chosen, [q for m in group for q in m.qualifiers])
            best = max(candidates, key=lambda e: context.score(e, names_area[k]))
            if best != chosen[k]:
                chosen[k], changed = best, True
                votes[k] = _vote(group, best)
        if not changed:
            break
    return {k: None if group[0].demonym else chosen.get(k) for k, group in by_key.items()}


def _votes(
    by_key: dict[str, list[_Mention]], chosen: dict[str, Entry]
) -> dict[str, tuple[str | None, str | None, int]]:
    """Each name's vote for its country and division."""
    votes = {}
    for k, group in by_key.items():
        if group[0].demonym:
            votes[k] = (group[0].demonym, None, len(group))
        elif k in chosen:
            votes[k] = _vote(group, chosen[k])
    return votes


def _vote(group: list[_Mention], e: Entry) -> tuple[str | None, str | None, int]:
    """A name's sense votes for its country and division, once per mention (a country's twice)."""
    admin1 = e.admin1 if e.level != "country" else None
    return e.country_code, admin1, len(group) * (2 if e.level == "country" else 1)


@dataclass
class _Context:
    """What the rest of the article says: its countries and divisions, the towns and counties its
    other names were resolved to, and this name's qualifiers."""

    name_key: str
    countries: Counter[str | None]
    admin1s: Counter[tuple[str | None, str]]
    total: int
    qualifiers: list[_Mention]
    neighbours: list[tuple[float, float]]

    @classmethod
    def around(
        cls,
        k: str,
        votes: dict[str, tuple[str | None, str | None, int]],
        chosen: dict[str, Entry],
        qualifiers: list[_Mention],
    ) -> _Context:
        countries: Counter[str | None] = Counter()
        admin1s: Counter[tuple[str | None, str]] = Counter()
        for other, (cc, admin1, n) in votes.items():
            if other != k:  # a name does not vote for itself
                countries[cc] += n
                if admin1:
                    admin1s[(cc, admin1)] += n
        neighbours = [(e.lat, e.lon) for other, e in chosen.items() if other != k and e.level in LOCAL_LEVELS]
        return cls(k, countries, admin1s, sum(countries.values()) or 1, qualifiers, neighbours)

    def score(self, e: Entry, names_area: set[str]) -> float:
        """The sense's prior, the article's votes for its country and division, its qualifiers and its
        neighbours. `names_area` holds "country" or "region" when the name is a country's or a region's, and
        the country codes of the divisions that bear it as their own name: a town named like them loses
        ("Russia" is not Russia, Ohio; "the Middle East" not Middle East, Maryland; "Oklahoma" not Oklahoma
        City, whose alternate name it is; "Florida" not Florida, New York), except a big town under its own
        name ("Washington"). A smaller namesake of a world city ("world city") takes the article's country
        only when the article is local to it: its division (a tenth of the votes), the towns around it (a
        quarter of the others) or a qualifier speak for it. "The attacks in Paris" in national American news
        are not in Paris, Texas; "Alexandria" beside Arlington is in Virginia."""
        local = self.neighbours and e.level in LOCAL_LEVELS
        share_near = self._share_near(e.lat, e.lon) if local else 0.0
        near = NEARBY * share_near  # an article's towns lie near one another
        division_votes = self.admin1s[(e.country_code, e.admin1)] if e.admin1 else 0
        division = CONTEXT_ADMIN1 * division_votes / self.total
        qualified = QUALIFIER * sum(
            any(_contains(qs, e) for qs in sorted(q.senses, key=_prior, reverse=True)[:3]) for q in self.qualifiers
        )
        namesake = e.level == "city" and "world city" in names_area and e.population < WORLD_CITY_POPULATION
        s = _prior(e, self.name_key) + division + qualified + near
        local_division = division_votes >= LOCAL_DIVISION_SHARE * self.total
        if not namesake or local_division or qualified or share_near >= LOCAL_AREA_SHARE:
            s += CONTEXT_COUNTRY * self.countries[e.country_code] / self.total
        if e.level == "city" and (
            "country" in names_area
            or "region" in names_area
            or e.country_code in names_area
            and (key(e.name) != self.name_key or e.population < SALIENT_POPULATION)
        ):
            s -= NAMESAKE_PENALTY
        return s

    def _share_near(self, lat: float, lon: float) -> float:
        """The share of the neighbours within about 100 km: a box, cheap enough to ask for every
        candidate of every name."""
        reach = NEAR_DEGREES / max(math.cos(math.radians(lat)), 0.1)
        close = sum(1 for y, x in self.neighbours if abs(y - lat) < NEAR_DEGREES and abs(x - lon) < reach)
        return close / len(self.neighbours)


def _senses(m: _Mention, gaz: Gazetteer) -> tuple[Entry, ...]:
    """Candidates for a name, narrowed by how it is written: 'the city of X' and 'X city' are towns,
    and 'Aleppo province' falls back to Aleppo's area."""
    found = gaz.lookup(m.name)
    words = m.name.split()
    if not found and len(words) > 1 and words[0].lower() in DIRECTIONS:
        # "North Texas", "Western Massachusetts": a part of a province or country the gazetteer knows
        found = tuple(e for e in gaz.lookup(" ".join(words[1:]), fuzzy=False) if _region_sized(e))
        if found:
            m.area = "direction"
    if not found and len(words) > 1 and words[-1].lower() in SETTLEMENT_WORDS | AREA_AFTER:
        last = words[-1].lower()
        found = gaz.lookup(" ".join(words[:-1]))
        if last in AREA_AFTER:
            m.area = _area_kind(last)
        else:
            m.settlement = True
    if m.settlement and not any(e.level == "country" for e in found):  # "U.S. cities" are not Us, France
        return tuple(e for e in found if e.level == "city") or found
    return found


def _region_sized(e: Entry) -> bool:
    """Big enough to have parts news names by compass point ("South Side" is not a part of Side, Turkey)."""
    return e.level in ("country", "admin1", "region") or e.level == "city" and e.population >= SALIENT_POPULATION


def _prior(e: Entry, name_key: str | None = None) -> float:
    """How likely a sense is before context: its population or level, less when the name is only
    one of GeoNames' alternate names for the town ("Salisbury" is also Harare's old name)."""
    if e.level == "city":
        alternate = name_key is not None and key(e.name) != name_key
        return math.log10(e.population + 10) - (ALTNAME_PENALTY if alternate else 0.0)
    if e.level == "admin2":  # a county counts its towns' people, but news names the town more often
        return math.log10(e.population + 10) - ADMIN2_DISCOUNT
    if e.level == "admin1" and e.population:  # a small province is not Ontario (0: size unknown)
        return min(LEVEL_PRIOR["admin1"], math.log10(e.population + 10))
    return LEVEL_PRIOR.get(e.level, 5.0)


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.level == "country":
        return inner.country_code == outer.country_code
    if outer.country_code != inner.country_code:
        return False
    if inner.admin1 and inner.admin1 == outer.admin1:
        return True
    return abs(outer.lat - inner.lat) < 1.5 and abs(outer.lon - inner.lon) < 1.5


def _place(text: str, m: _Mention, entry: Entry | None) -> Place:
    span_text = text[m.start : m.end]
    if entry is None:
        return Place(span_text, m.start, m.end)
    level = entry.level
    if m.area == "province" and level == "city":
        level = "admin1"
    elif m.area == "direction" and level == "city":
        level = "sub-city"  # "eastern Baghdad"
    elif m.area and level != "admin1":
        level = "region"  # "northern Iraq", "the Toronto area"
    return entry_place(span_text, m.start, m.end, entry, level)


def entry_place(text: str, start: int, end: int, entry: Entry, level: str | None = None) -> Place:
    """The place these words of the text name, resolved to this gazetteer entry (at `level` where the
    words make it coarser or finer than the entry)."""
    return Place(
        text,
        start,
        end,
        name=entry.name,
        geonameid=entry.geonameid,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        country_code=entry.country_code,
        admin1=entry.admin1,
        level=level or entry.level,
    )
