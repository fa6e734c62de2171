"""Actor finding: who an article talks about, one canonical record per actor with every mention.

Candidates come from the knowledge base (a PhraseMatcher over its aliases), spaCy's PERSON/ORG/NORP/GPE entities
and noun chunks headed by a role noun ("militants", "Palestinian security forces"). They are merged within the
article by light coreference: an acronym in parentheses after a name, a head-noun back-reference ("the
Observatory" after "the Syrian Observatory for Human Rights"), a surname after a full name, and a bare role
phrase after the same phrase with a country ("the security forces"), a pronoun after a compatible mention.
Each actor is coded by `actor_coding` from the phrase of its mention in context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.clean.dateline import DATELINE_RE
from eventwire.model import Actor, Article, Span
from eventwire.nlp import text_of
from eventwire.resolve import actor_coding
from eventwire.resolve.actor_coding import ActorCoder, Coding, display_name, kb_forms, kb_matcher, normal
from eventwire.spanindex import SpanIndex
from eventwire.words import LOCATIVE, THIRD_PERSON

STATE_HEADS = frozenset({"government", "administration", "authority", "authorities", "regime", "cabinet"})
NAME_STOP = frozenset({"of", "for", "in", "on", "and", "the"})
NAME_PARTICLES = frozenset({"al", "el", "al-", "el-", "bin", "ibn", "abu", "de", "van", "von", "da"})


@dataclass(slots=True)
class _Candidate:
    start: int  # token offsets in the doc
    end: int
    kind: str  # "kb" | "person" | "org" | "state" | "people" | "role" | "ref" (a "the X" back-reference)
    kb: int | None = None


@dataclass(slots=True)
class _Group:
    actor: Actor
    key: tuple
    phrases: set[str] = field(default_factory=set)  # role words without country: "the security forces" links
    head: str | None = None  # head word of a proper name, for "the Observatory" back-references
    first: str | None = None  # persons: first name and surname
    last: str | None = None
    kind: str = "thing"  # what a pronoun may call it: "person", "group" (plural), "org" (it or they), "thing"
    heads: list[Token] = field(
        default_factory=list
    )  # the head token of each mention, for pronoun antecedents


def find_actors(doc: Doc, article: Article) -> list[Actor]:
    """The article's canonical actors, each with its code, sector, affiliation and every mention."""
    coder = actor_coding.coder()
    candidates = _candidates(doc, coder)
    groups: list[_Group] = []
    by_key: dict[tuple, _Group] = {}
    aliases: dict[str, _Group] = {}
    for cand in candidates:
        span = doc[cand.start : cand.end]
        if cand.kind == "pron":
            antecedent = _antecedent(doc[cand.start], groups)
            if antecedent is not None:
                _add_mention(antecedent, span, None)
            continue
        if span.text in aliases:
            _add_mention(aliases[span.text], span, None)
            continue
        coding, explicit = _coding_for(cand, span, article, coder)
        group = _link(cand, span, coding, explicit, groups, by_key, coder)
        if group is None and cand.kind == "ref":
            continue  # "the group" with no earlier name to point back to
        if group is None:
            group = _new_group(cand, span, coding, len(groups), coder)
            groups.append(group)
            by_key.setdefault(group.key, group)
        _add_mention(group, span, coding)
        if cand.kind in ("kb", "role"):
            group.phrases.add(coder.head_phrase(span))
        acronym = _parenthesised_acronym(doc, cand.end)
        if acronym is not None and cand.kind in ("kb", "org"):
            aliases[acronym.text] = group
    return [g.actor for g in groups]


def actor_for_span(actors: list[Actor], start: int, end: int, head: int | None = None) -> Actor | None:
    """The actor one of whose mentions overlaps the character range most (ties: the mention starting first).

    With `head` (the character offset of the phrase's head word) a mention containing the head wins, so "a member
    of the Palestinian security forces" gives the member, not the forces.
    """
    best: tuple[bool, int, int] | None = None
    found = None
    for m, actor in _mentions(actors).overlapping(start, end):
        score = (
            head is not None and m.start <= head < m.end,
            min(end, m.end) - max(start, m.start),
            -abs(m.start - start),
        )
        if best is None or score > best:
            best, found = score, actor
    return found


_indexed: list[tuple[list[Actor], int, SpanIndex[tuple[Span, Actor]]]] = []


def _mentions(actors: list[Actor]) -> SpanIndex[tuple[Span, Actor]]:
    """The mentions of `actors`, indexed: the stages ask about one article's final actors once
    per quote and participant, and scanning every mention each time was quadratic in a long
    article. The index of the last list asked about (while it holds as many actors) is kept."""
    if not (_indexed and _indexed[0][0] is actors and _indexed[0][1] == len(actors)):
        pairs = [(m, actor) for actor in actors for m in actor.mentions]
        _indexed[:] = [(actors, len(actors), SpanIndex(pairs, lambda pair: (pair[0].start, pair[0].end)))]
    return _indexed[0][2]


# ----------------------------------------------------------------------------- candidates


def dateline_of(sentence: SpacySpan) -> re.Match[str] | None:
    """The dateline that opens a sentence of a text kept verbatim ("ROME - ", "LA CROSSE, Wisc. — "), if any."""
    return DATELINE_RE.match(text_of(sentence.doc), sentence.start_char)


def after_dateline(doc: Doc, start: int, head: int) -> int:
    """Where a phrase or a name starts after a dateline left in the text ("ROME - Bernie Sanders met the pope":
    the tagger reads "ROME - Bernie Sanders" as one name)."""
    match = dateline_of(doc[start].sent)
    if match is None or not doc[start].idx < match.end() <= doc[head].idx:
        return start
    return next(t.i for t in doc[start : head + 1] if t.idx >= match.end())


def _candidates(doc: Doc, coder: ActorCoder) -> list[_Candidate]:
    taken = [False] * len(doc)
    out: list[_Candidate] = []
    matches = [(doc.vocab.strings[mid], s, e) for mid, s, e in kb_matcher(doc.vocab)(doc)]
    matches.sort(key=lambda m: (m[1], -(m[2] - m[1])))
    # looked up by token range: a scan of every name for every match was quadratic in a long text
    ents = [SpacySpan(doc, after_dateline(doc, e.start, e.end - 1), e.end, label=e.label) for e in doc.ents]
    persons = SpanIndex((e for e in ents if e.label_ == "PERSON"), lambda ent: (ent.start, ent.end))
    orgs = SpanIndex((e for e in ents if e.label_ == "ORG"), lambda ent: (ent.start, ent.end))
    for key, s, e in matches:
        if any(taken[s:e]):
            continue
        entry = coder.lex.kb[int(key)]
        holding = persons.containing(s, e) if entry.kind == "person" else []
        if any((p.start, p.end) != (s, e) for p in holding):
            if normal(holding[0].text) not in kb_forms(entry):
                continue  # "Maher al-Assad" is not the KB's "Bashar al-Assad"
        if any(
            o.start < s and normal(o.text).removeprefix("the ") not in kb_forms(entry)
            for o in orgs.containing(s, e)
        ):
            continue  # "National Security Council" is not the UN's "Security Council"
        out.append(_Candidate(s, e, "kb", int(key)))
        taken[s:e] = [True] * (e - s)
    for ent in ents:
        if any(taken[ent.start : ent.end]):
            continue
        kind = _entity_kind(ent, coder)
        if kind:
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            end = ent.end - (1 if ent[-1].tag_ == "POS" else 0)
            if start < end:
                out.append(_Candidate(start, end, kind))
                taken[start:end] = [True] * (end - start)
    for chunk in doc.noun_chunks:
        root = chunk.root
        if taken[root.i] or root.pos_ == "PRON":
            continue
        start = chunk.start
        while start < root.i and (doc[start].pos_ in ("DET", "PRON") or doc[start].tag_ in ("PRP$", "POS")):
            start += 1
        rest = doc[start : root.i + 1]
        if coder.names_place(rest, root.i):
            continue  # "the West Bank" is a place, not a bank
        if coder.role_at(doc, root.i):
            out.append(_Candidate(start, root.i + 1, "role"))
        elif len(rest) == 1 and start > 0 and doc[start - 1].lower_ in ("the", "this"):
            out.append(_Candidate(start, root.i + 1, "ref"))
        else:
            continue
        taken[root.i] = True
    for tok in doc:
        if (
            tok.lower_ in THIRD_PERSON
            and not taken[tok.i]
            and tok.tag_ in ("PRP", "PRP$")
            and not _expletive(tok)
        ):
            out.append(_Candidate(tok.i, tok.i + 1, "pron"))
    for cand in out:  # a parse may run a headline into the next paragraph: keep the last line
        while cand.start < cand.end - 1 and any("\n" in t.text for t in doc[cand.start : cand.end - 1]):
            cand.start += 1
        while cand.start < cand.end - 1 and doc[cand.start].pos_ == "DET":
            cand.start += 1
    out.sort(key=lambda c: c.start)
    return out


# Predicates of an extraposed clause: "it was not clear whether ...", "it is likely that ...".
EXTRAPOSING = frozenset(
    """clear unclear likely unlikely possible impossible important necessary true false hard difficult
    easy time enough known unknown certain uncertain obvious evident reported expected believed
    feared thought understood estimated said rumoured rumored vital essential crucial""".split()
)


def _expletive(tok: Token) -> bool:
    """ "It was not clear", "it seems": an 'it' that refers to nothing ("Chad says it is ready to
    withdraw": it = Chad)."""
    if tok.lower_ != "it":
        return False
    head = tok.head
    if head.lemma_ in ("seem", "appear", "take"):
        return True
    if head.lemma_ not in ("be", "remain"):
        return False
    complements = [c for c in head.children if c.dep_ in ("acomp", "attr", "oprd")]
    return not complements or any(c.lemma_.lower() in EXTRAPOSING for c in complements)


def _entity_kind(ent: SpacySpan, coder: ActorCoder) -> str | None:
    lex = coder.lex
    label = ent.label_
    text = normal(ent.text)
    if label == "PERSON" and text not in lex.demonyms:
        return "person"
    if label == "ORG":
        return "org"
    if label in ("NORP", "PERSON"):  # a demonym the model took for a name
        last = ent[-1]
        plural = last.tag_ in ("NNS", "NNPS") or (last.lower_.endswith("s") and last.lower_ in lex.demonyms)
        return "people" if plural and last.lower_ in lex.demonyms else None
    if label == "GPE" and (coder.country_of_text(text) or text in lex.capitals):
        head = ent.root.head
        locative = ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE
        return None if locative else "state"
    return None


# How many sentences back a pronoun looks for its referent when its own and the one before name none.
PRONOUN_REACH = 3


def _antecedent(pronoun: Token, groups: list[_Group]) -> _Group | None:
    """The actor a pronoun refers to: a compatible mention in its sentence or the one before, subjects first,
    then the nearest ("Japan said it would halt aid": it = Japan); failing that, the nearest compatible
    mention up to PRONOUN_REACH sentences back (a paragraph about one minister keeps saying "he")."""
    kinds = THIRD_PERSON[pronoun.lower_]
    sent = _sentence_before(pronoun.sent)
    earliest = sent.start
    for _ in range(PRONOUN_REACH - 1):
        sent = _sentence_before(sent)
    reach = sent.start
    best: tuple[bool, bool, int] | None = None
    found = None
    for group in groups:
        if group.kind not in kinds:
            continue
        for head in group.heads:
            if reach <= head.i < pronoun.i:
                subject = head.dep_ in ("nsubj", "nsubjpass") and head.head != pronoun.head
                score = (head.i >= earliest, subject, head.i)
                if best is None or score > best:
                    best, found = score, group
    return found


def _sentence_before(sent: SpacySpan) -> SpacySpan:
    """The sentence before `sent` (itself when it is the first)."""
    return sent.doc[sent.start - 1].sent if sent.start > 0 else sent


def _parenthesised_acronym(doc: Doc, end: int) -> SpacySpan | None:
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        token = doc[end + 1]
        if token.text.isupper() and 2 <= len(token.text) <= 8:
            return doc[end + 1 : end + 2]
    return None


# ----------------------------------------------------------------------------- canonicalisation


def _link(
    cand: _Candidate,
    span: SpacySpan,
    coding: Coding,
    explicit: bool,
    groups: list[_Group],
    by_key: dict,
    coder: ActorCoder,
) -> _Group | None:
    """The earlier actor this mention refers to, if any."""
    if cand.kind == "kb" and (len(span) > 1 or coder.lex.kb[cand.kb].kind != "person"):
        return by_key.get(("kb", cand.kb))
    if cand.kind == "kb":  # a bare surname: the article's own "Hillary Clinton" before the KB's Bill Clinton
        last = _name_parts(span)[1]
        same = [g for g in groups if g.last == last and g.key != ("kb", cand.kb)]
        return max(same, key=lambda g: len(g.actor.mentions), default=None) or by_key.get(("kb", cand.kb))
    if cand.kind == "person" or (cand.kind == "org" and len(span) == 1):
        first, last = _name_parts(span)
        same = [g for g in groups if g.last == last and last]
        if first:
            same = [g for g in same if g.first in (None, first)]
        if same or cand.kind == "person":
            return max(same, key=lambda g: len(g.actor.mentions), default=None)
    if len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ in ("the", "this"):
        for group in reversed(groups):
            if group.head == span[0].lower_:
                return group
    if cand.kind == "role" and not explicit:
        phrase = coder.head_phrase(span)
        for group in reversed(groups):
            if phrase in group.phrases:
                return group
    return by_key.get(_group_key(cand, span, coding, coder))


def _group_key(cand: _Candidate, span: SpacySpan, coding: Coding | None, coder: ActorCoder) -> tuple:
    if cand.kind == "kb":
        return ("kb", cand.kb)
    if cand.kind == "state":
        return ("state", coder.place_name(normal(span.text)))
    if cand.kind == "people":
        return ("people", coder.lex.demonyms.get(span[-1].lower_))
    if cand.kind == "role":
        code = coding.code if coding else None
        if code and span.root.lemma_.lower() in STATE_HEADS and coding and coding.sector == "GOV":
            return ("state", code)
        return ("role", code, coder.head_phrase(span))
    return (cand.kind, normal(span.text))


def _new_group(cand: _Candidate, span: SpacySpan, coding: Coding, index: int, coder: ActorCoder) -> _Group:
    lex = coder.lex
    name = lex.kb[cand.kb].name if cand.kind == "kb" else coding.name
    actor = Actor(
        id=f"A{index + 1}", name=name, code=coding.code, sector=coding.sector, affiliation=coding.affiliation
    )
    group = _Group(actor, _group_key(cand, span, coding, coder))
    if cand.kind in ("kb", "org"):
        group.head = _name_head(name)
    if cand.kind == "person":
        group.first, group.last = _name_parts(span)
        group.kind = "person"
    elif cand.kind == "kb" and lex.kb[cand.kb].kind == "person":
        group.first, group.last = _split_name(name)
        group.kind = "person"
    elif cand.kind in ("kb", "org"):
        group.kind = "org"
    elif cand.kind == "people" or span.root.tag_ in ("NNS", "NNPS"):
        group.kind = "group"
    return group


def _add_mention(group: _Group, span: SpacySpan, coding: Coding | None) -> None:
    group.actor.mentions.append(Span(span.text, span.start_char, span.end_char))
    group.heads.append(span.root)
    if coding is not None:
        actor = group.actor
        actor.code = actor.code or coding.code
        actor.sector = actor.sector or coding.sector
        actor.affiliation = actor.affiliation or coding.affiliation


def _name_head(name: str) -> str | None:
    """'Syrian Observatory for Human Rights' -> 'observatory': the word a later 'the Observatory' repeats."""
    words = name.split()
    for i, word in enumerate(words):
        if word.lower() in NAME_STOP and i > 0:
            return words[i - 1].lower()
    return words[-1].lower() if len(words) > 1 else None


def _split_name(name: str) -> tuple[str | None, str | None]:
    words = [w for w in name.replace("-", " ").split() if w.lower() not in NAME_PARTICLES and w[:1].isalpha()]
    if not words:
        return None, None
    return (words[0].lower() if len(words) > 1 else None), words[-1].lower()


def _name_parts(span: SpacySpan) -> tuple[str | None, str | None]:
    return _split_name(span.text.removesuffix("'s"))


# ----------------------------------------------------------------------------- coding


def _coding_for(
    cand: _Candidate, span: SpacySpan, article: Article, coder: ActorCoder
) -> tuple[Coding, bool]:
    """Code a candidate in its phrase (with whether the phrase itself named the country).

    Names are coded with the titles and modifiers around them, role phrases with their whole noun chunk
    ("Assad's special advisor") and, for "member"/"leader"-like heads, the "of ..." phrase after them.
    """
    context = coder.name_context(span) if cand.kind in ("kb", "person", "org") else coder.role_context(span)
    if cand.kind == "people":
        context = span.doc[min(span.start, span.root.left_edge.i) : max(span.end, span.root.right_edge.i + 1)]
    named = cand.kind in ("person", "org") or (cand.kind == "kb" and coder.lex.kb[cand.kb].kind == "person")
    coding, explicit = coder.code(context, article, _name_head_index(span) if named else None, named)
    if cand.kind == "kb":
        entry = coder.lex.kb[cand.kb]
        sector = entry.sector_on(article.published)
        if entry.kind == "person" and coding.sector not in (None, "UNK"):
            sector = (
                coding.sector
            )  # "Prime Minister Ismail Haniyeh": the title of the day, not the KB default
        return Coding(entry.code or coding.code, sector, coding.affiliation, entry.name), True
    if cand.kind == "person" and (coding.sector is None or not explicit):
        # "Shaaban, Assad's adviser" / "Assad's brother, General Maher al-Assad": the apposition says who
        root = span.root
        appos = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
        if root.dep_ == "appos" and root.head.i < span.start:
            appos.append(root.head)
        for other in appos:
            phrase = span.doc[other.left_edge.i : other.i + 1] if other.i < span.start else None
            phrase = phrase or span.doc[other.left_edge.i : other.right_edge.i + 1]
            told, told_explicit = coder.code(phrase, article)
            coding = Coding(
                told.code if told_explicit or coding.code is None else coding.code,
                coding.sector or told.sector,
                coding.affiliation,
                coding.name,
            )
            explicit = explicit or told_explicit
            break
    if cand.kind == "person":
        return coding._replace(name=span.text), explicit
    return coding._replace(name=display_name(span)), explicit


def _name_head_index(span: SpacySpan) -> int:
    """Names are head-final ("French National Assembly"), up to an "of"/"for" ("Union of Teachers")."""
    for tok in span[1:]:
        if tok.lower_ in ("of", "for"):
            return tok.i - 1
    return span.end - 1
