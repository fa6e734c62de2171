"""Actors: who an article talks about, one canonical record per actor with every mention, PLOVER-coded.

Candidates come from the knowledge base (a PhraseMatcher over its aliases), spaCy's PERSON/ORG/NORP/GPE entities
and noun chunks headed by a role noun ("militants", "Palestinian security forces"). They are merged within the
article by light coreference: an acronym in parentheses after a name, a head-noun back-reference ("the
Observatory" after "the Syrian Observatory for Human Rights"), a surname after a full name, and a bare role
phrase after the same phrase with a country ("the security forces"). Every code comes from a readable rule —
knowledge base, "X-backed"/"X-led", demonym or country in the phrase, title, place in the sentence, the article's
dominant country — so a coding can always be explained.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from eventwire.model import Actor, Article, Participant, Span
from eventwire.resolve import actor_kb
from eventwire.words import LOCATIVE, THIRD_PERSON

PROXY_WORDS = frozenset(
    {"backed", "sponsored", "supported", "funded", "allied", "aligned", "affiliated", "trained"}
)
LEAD_WORDS = frozenset({"led", "commanded", "run", "controlled"})
STATE_HEADS = frozenset({"government", "administration", "authority", "authorities", "regime", "cabinet"})
NAME_STOP = frozenset({"of", "for", "in", "on", "and", "the"})
TITLE_SKIP_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "PUNCT", "NUM"})
NAME_PARTICLES = frozenset({"al", "el", "al-", "el-", "bin", "ibn", "abu", "de", "van", "von", "da"})
DEMONYM_SECTOR = "CVL"
MULTINATIONAL = frozenset(
    {"multinational", "international", "regional", "allied", "coalition"}
)  # "Palestinians", "Iraqi Kurds": people of a country, not its state


class Coding(NamedTuple):
    """What a noun phrase says about its actor: `code, sector, affiliation, name = code_mention(...)`."""

    code: str | None
    sector: str | None
    affiliation: str | None
    name: str


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
    lex = actor_kb.load()
    candidates = _candidates(doc, lex)
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
        coding, explicit = _coding_for(cand, span, article, lex)
        group = _link(cand, span, coding, explicit, groups, by_key)
        if group is None and cand.kind == "ref":
            continue  # "the group" with no earlier name to point back to
        if group is None:
            group = _new_group(cand, span, coding, len(groups), lex)
            groups.append(group)
            by_key.setdefault(group.key, group)
        _add_mention(group, span, coding)
        if cand.kind in ("kb", "role"):
            group.phrases.add(_head_phrase(span))
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
    for actor in actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            score = (head is not None and m.start <= head < m.end, overlap, -abs(m.start - start))
            if best is None or score > best:
                best, found = score, actor
    return found


def participant(span: SpacySpan, article: Article) -> Participant:
    """An event participant for a noun phrase: its article actor where the phrase mentions one, else coded anew."""
    actor = actor_for_span(article.actors, span.start_char, span.end_char, span.root.idx)
    if actor is not None:
        ident = (actor.id, actor.name, actor.code, actor.sector, actor.affiliation)
    else:
        code, sector, affiliation, name = code_mention(span, article)
        ident = (None, name, code, sector, affiliation)
    return Participant(span.text, span.start_char, span.end_char, *ident)


def participants(span: SpacySpan, article: Article) -> list[Participant]:
    """`participant`, plus one more per further coordinated country modifier, since a participant has one code.

    "Hungarian and Romanian officials" gives the phrase (HUN) and "Romanian" (ROU, same sector).
    """
    first = participant(span, article)
    out = [first]
    lex = actor_kb.load()
    for tok in span:
        if tok.dep_ != "conj" or tok.i == span.root.i or not span.start <= tok.head.i < span.end:
            continue
        code = lex.demonyms.get(tok.lower_) or _place_name(_normal(tok.text), lex)
        if code and code not in {p.code for p in out}:
            out.append(
                Participant(tok.text, tok.idx, tok.idx + len(tok), None, tok.text, code, first.sector, None)
            )
    return out


def code_mention(span: SpacySpan, article: Article | None = None) -> Coding:
    """Code any noun phrase ("militants", "the Russian-backed Fifth Corps", "President Assad").

    For phrases that are not an actor's mention; `article` gives the context (places, dominant country) used
    when the phrase itself names no country.
    """
    return _code(span, article, actor_kb.load())[0]


# ----------------------------------------------------------------------------- candidates


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> PhraseMatcher:
    """PhraseMatcher over every KB alias, case-sensitive, with a Title Case variant of lower-case aliases."""
    make = spacy.blank("en", vocab=vocab).make_doc
    matcher = PhraseMatcher(vocab, attr="ORTH")
    for index, entry in enumerate(actor_kb.load().kb):
        forms = set()
        for alias in entry.aliases:
            forms.update(
                {alias, alias[0].upper() + alias[1:], " ".join(w[0].upper() + w[1:] for w in alias.split())}
            )
        matcher.add(str(index), [make(f) for f in sorted(forms)])
    return matcher


def _candidates(doc: Doc, lex: actor_kb.Lexicon) -> list[_Candidate]:
    taken = [False] * len(doc)
    out: list[_Candidate] = []
    matches = [(doc.vocab.strings[mid], s, e) for mid, s, e in _matcher(doc.vocab)(doc)]
    matches.sort(key=lambda m: (m[1], -(m[2] - m[1])))
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    orgs = [e for e in doc.ents if e.label_ == "ORG"]
    for key, s, e in matches:
        if any(taken[s:e]):
            continue
        entry = lex.kb[int(key)]
        if entry.kind == "person" and any(
            p.start <= s and e <= p.end and (p.start, p.end) != (s, e) for p in persons
        ):
            person = next(p for p in persons if p.start <= s and e <= p.end)
            if _normal(person.text) not in _kb_forms(entry):
                continue  # "Maher al-Assad" is not the KB's "Bashar al-Assad"
        if any(
            o.start < s and e <= o.end and _normal(o.text).removeprefix("the ") not in _kb_forms(entry)
            for o in orgs
        ):
            continue  # "National Security Council" is not the UN's "Security Council"
        out.append(_Candidate(s, e, "kb", int(key)))
        taken[s:e] = [True] * (e - s)
    for ent in doc.ents:
        if any(taken[ent.start : ent.end]):
            continue
        kind = _entity_kind(ent, lex)
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
        if _place_name(_normal(rest.text), lex):
            continue  # "the West Bank" is a place, not a bank
        if _role_at(doc, root.i, lex):
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


@lru_cache(maxsize=1024)
def _kb_forms(entry: actor_kb.KBEntry) -> frozenset[str]:
    return frozenset(_normal(alias) for alias in entry.aliases)


def _entity_kind(ent: SpacySpan, lex: actor_kb.Lexicon) -> str | None:
    label = ent.label_
    text = _normal(ent.text)
    if label == "PERSON" and text not in lex.demonyms:
        return "person"
    if label == "ORG":
        return "org"
    if label in ("NORP", "PERSON"):  # a demonym the model took for a name
        last = ent[-1]
        plural = last.tag_ in ("NNS", "NNPS") or (last.lower_.endswith("s") and last.lower_ in lex.demonyms)
        return "people" if plural and last.lower_ in lex.demonyms else None
    if label == "GPE" and (_country_of_text(text, lex) or text in lex.capitals):
        head = ent.root.head
        locative = ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE
        return None if locative else "state"
    return None


def _antecedent(pronoun: Token, groups: list[_Group]) -> _Group | None:
    """The actor a pronoun refers to: a compatible mention in its sentence or the one before, subjects first,
    then the nearest ("Japan said it would halt aid": it = Japan)."""
    kinds = THIRD_PERSON[pronoun.lower_]
    earliest = _sentence_before(pronoun.sent).start
    best: tuple[bool, int] | None = None
    found = None
    for group in groups:
        if group.kind not in kinds:
            continue
        for head in group.heads:
            if earliest <= head.i < pronoun.i:
                score = (head.dep_ in ("nsubj", "nsubjpass") and head.head != pronoun.head, head.i)
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
    cand: _Candidate, span: SpacySpan, coding: Coding, explicit: bool, groups: list[_Group], by_key: dict
) -> _Group | None:
    """The earlier actor this mention refers to, if any."""
    if cand.kind == "kb" and (len(span) > 1 or actor_kb.load().kb[cand.kb].kind != "person"):
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
        phrase = _head_phrase(span)
        for group in reversed(groups):
            if phrase in group.phrases:
                return group
    return by_key.get(_group_key(cand, span, coding))


def _group_key(cand: _Candidate, span: SpacySpan, coding: Coding | None) -> tuple:
    if cand.kind == "kb":
        return ("kb", cand.kb)
    lex = actor_kb.load()
    if cand.kind == "state":
        return ("state", _place_name(_normal(span.text), lex))
    if cand.kind == "people":
        return ("people", lex.demonyms.get(span[-1].lower_))
    if cand.kind == "role":
        code = coding.code if coding else None
        if code and span.root.lemma_.lower() in STATE_HEADS and coding and coding.sector == "GOV":
            return ("state", code)
        return ("role", code, _head_phrase(span))
    return (cand.kind, _normal(span.text))


def _new_group(cand: _Candidate, span: SpacySpan, coding: Coding, index: int, lex) -> _Group:
    name = lex.kb[cand.kb].name if cand.kind == "kb" else coding.name
    actor = Actor(
        id=f"A{index + 1}", name=name, code=coding.code, sector=coding.sector, affiliation=coding.affiliation
    )
    group = _Group(actor, _group_key(cand, span, coding))
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


def _coding_for(cand: _Candidate, span: SpacySpan, article: Article, lex) -> tuple[Coding, bool]:
    """Code a candidate in its phrase (with whether the phrase itself named the country).

    Names are coded with the titles and modifiers around them, role phrases with their whole noun chunk
    ("Assad's special advisor") and, for "member"/"leader"-like heads, the "of ..." phrase after them.
    """
    context = _context(span) if cand.kind in ("kb", "person", "org") else _role_context(span, lex)
    if cand.kind == "people":
        context = span.doc[min(span.start, span.root.left_edge.i) : max(span.end, span.root.right_edge.i + 1)]
    named = cand.kind in ("person", "org") or (cand.kind == "kb" and lex.kb[cand.kb].kind == "person")
    coding, explicit = _code(context, article, lex, _name_head_index(span) if named else None, named)
    if cand.kind == "kb":
        entry = lex.kb[cand.kb]
        sector = entry.sector
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
            told, told_explicit = _code(phrase, article, lex)
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
    return coding._replace(name=_display_name(span)), explicit


def _role_context(span: SpacySpan, lex) -> SpacySpan:
    """The role phrase's whole noun chunk, plus "of the security forces" after a "member"-like head."""
    doc = span.doc
    root = span.root
    start = min(span.start, root.left_edge.i)
    end = span.end
    found = _role_at(doc, root.i, lex, span.start)
    if found and found[0].inherit:
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                end = max(end, child.right_edge.i + 1)
    return doc[start:end]


def _name_head_index(span: SpacySpan) -> int:
    """Names are head-final ("French National Assembly"), up to an "of"/"for" ("Union of Teachers")."""
    for tok in span[1:]:
        if tok.lower_ in ("of", "for"):
            return tok.i - 1
    return span.end - 1


def _context(span: SpacySpan) -> SpacySpan:
    """The phrase around a name: titles and modifiers to its left, the rest of its noun chunk to its right."""
    doc = span.doc
    start = span.start
    while start > 0 and span.start - start < 6:
        prev = doc[start - 1]
        # "Secretary of State X" crosses its "of"; "the resignation of X" does not
        of_title = (
            prev.lower_ == "of" and start >= 2 and _role_at(doc, start - 2, actor_kb.load()) is not None
        )
        proxy = prev.lower_ in PROXY_WORDS | LEAD_WORDS or of_title
        if (prev.pos_ not in TITLE_SKIP_POS and not proxy) or prev.text in (",", "(", ")", '"', "“", "”"):
            break
        start -= 1
    end = span.end
    root = span.root
    if root.head.i >= end and root.dep_ in ("compound", "amod", "nmod") and root.head.i - end < 4:
        end = root.head.i + 1
    return doc[start:end]


def _code(
    span: SpacySpan,
    article: Article | None,
    lex: actor_kb.Lexicon,
    head: int | None = None,
    name: bool = False,
) -> tuple[Coding, bool]:
    """Code a phrase (with whether the phrase itself named the country); `head` overrides the parse's head.

    For a `name` the KB does not know as a whole, a KB alias at its head is a different body that shares words
    ("National Security Council" is not the UN's "Security Council") and is ignored.
    """
    tokens = list(span)
    used: set[int] = set()
    affiliation = lead = None
    for i, tok in enumerate(tokens):
        low = tok.lower_
        if low in PROXY_WORDS or low in LEAD_WORDS:
            j = i - 1 if i and tokens[i - 1].text != "-" else i - 2
            found = _country_ending(tokens, j, lex) if j >= 0 else None
            if found:
                code, n = found
                used.update(range(j - n + 1, j + 1))
                if low in LEAD_WORDS:
                    lead = code
                else:
                    affiliation = code
        elif low.startswith("pro-") or (low == "pro" and i + 2 < len(tokens) and tokens[i + 1].text == "-"):
            word = low[4:] if low != "pro" else tokens[i + 2].lower_
            code = lex.demonyms.get(word) or lex.countries.get(word)
            if code:
                affiliation = code
                used.update({i, i + 1, i + 2} if low == "pro" else {i})
    kb_entry, kb_span = _kb_inside(span, lex)
    head = _head_index(span) if head is None else head
    if name and kb_entry is not None and kb_span[0] <= head < kb_span[1]:
        kb_entry = None
    role, role_at = (None, head) if _place_name(_normal(span.text), lex) else _role_for(span, head, lex)
    sector = role.sector if role else None
    if role and role.inherit:
        sector = _inherited_sector(span, head, role_at, lex, kb_entry, kb_span) or sector
    code = lead
    head_country = None
    for words in (_normal(span.text), _normal(span.doc[head].text)):  # "East Jerusalem" before "Jerusalem"
        head_country = head_country or _country_of_text(words, lex) or lex.capitals.get(words)
    if code is None and head_country and not (kb_entry is not None and kb_span[0] <= head < kb_span[1]):
        code = head_country  # "NATO-member Norway": the KB name only modifies the country
        kb_entry, role, sector = None, None, "GOV"
    if code is None and kb_entry is not None and kb_entry.code:
        code = kb_entry.code
    if kb_entry is not None and (role is None or (kb_span[0] <= head < kb_span[1] and kb_entry.sector)):
        sector = kb_entry.sector if kb_entry.sector or role is None else sector
    hint = None
    if code is None:
        code, weak = _country_in(tokens, used, lex)
        if weak:
            code, hint = None, code
    head_tok = span.doc[head]
    if role is None and kb_entry is None:
        text = _normal(span[head - span.start :].text) if head >= span.start else ""
        if _country_of_text(_normal(span.text), lex) or _normal(span.text) in lex.capitals:
            sector = "GOV"
        elif head_tok.lower_ in lex.demonyms and head_tok.tag_ in ("NNS", "NNPS") and text:
            sector = DEMONYM_SECTOR
    if code is None and role is not None and role.code:
        code = role.code
    if code is None and sector == "MIL" and any(t.lower_ in MULTINATIONAL for t in tokens):
        code = "IGO"  # "a regional peacekeeping force", "multinational troops"
    explicit = code is not None
    if code is None and sector not in (None, "UNK") and article is not None:
        code = _context_country(span, article, lex)
    code = code or hint
    name = (
        kb_entry.name if kb_entry is not None and kb_span == (span.start, span.end) else _display_name(span)
    )
    return Coding(code, sector, affiliation, name), explicit


def _head_index(span: SpacySpan) -> int:
    """Doc index of the phrase's head noun: the parse root if nominal, else the last noun before 'of'/'in'."""
    root = span.root
    if root.pos_ in ("NOUN", "PROPN", "NUM"):
        return root.i
    last = None
    for tok in span:
        if tok.pos_ in ("NOUN", "PROPN"):
            last = tok.i
        elif tok.pos_ == "ADP" and last is not None:
            break
    return last if last is not None else root.i


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _role_at(doc: Doc, i: int, lex: actor_kb.Lexicon, lo: int = 0) -> tuple[actor_kb.Role, int] | None:
    """The longest role phrase ending at token i (lemmas, e.g. 'security force'), with its first token."""
    lemmas, lowers = _words(doc)
    for n in range(min(lex.max_role_words, i - lo + 1), 0, -1):
        for words in (lemmas, lowers):
            key = " ".join(words[i - n + 1 : i + 1]).replace(" - ", "-")  # "Secretary - General"
            if key in lex.roles:
                return lex.roles[key], i - n + 1
            if key.endswith("s") and key[:-1] in lex.roles:  # proper-noun plurals keep their "s" as lemma
                return lex.roles[key[:-1]], i - n + 1
    return None


def _words(doc: Doc) -> tuple[list[str], list[str]]:
    """Lower-cased lemmas and words of the doc, computed once (role look-ups run per token)."""
    key = "eventwire.actor_words"
    if key not in doc.user_data:
        doc.user_data[key] = ([_lemma(t) for t in doc], [t.lower_ for t in doc])
    return doc.user_data[key]


def _role_for(span: SpacySpan, head: int, lex) -> tuple[actor_kb.Role | None, int]:
    """The head's role; for a name ("President Bashar al-Assad") the nearest title before it."""
    doc = span.doc
    found = _role_at(doc, head, lex, span.start)
    if found:
        return found
    if doc[head].pos_ == "PROPN":
        for i in range(head - 1, span.start - 1, -1):
            found = _role_at(doc, i, lex, span.start)
            if found and (doc[i].pos_ in ("PROPN", "NOUN")):
                return found
    return None, head


def _inherited_sector(span: SpacySpan, head: int, role_at: int, lex, kb_entry, kb_span) -> str | None:
    """'rebel leader' REB, 'member of the security forces' COP, 'Hamas spokesman' REB."""
    if kb_entry is not None and kb_entry.sector and not kb_span[0] <= head < kb_span[1]:
        return kb_entry.sector
    doc = span.doc
    for i in list(range(role_at - 1, span.start - 1, -1)) + list(range(head + 1, span.end)):
        found = _role_at(doc, i, lex, span.start)
        if found and not found[0].inherit and doc[i].pos_ in ("NOUN", "PROPN", "ADJ"):
            return found[0].sector
    return None


def _kb_inside(span: SpacySpan, lex) -> tuple[actor_kb.KBEntry | None, tuple[int, int]]:
    """The longest KB alias inside the phrase (matched like find_actors does)."""
    best = None
    for mid, s, e in _matcher(span.doc.vocab)(span):
        if best is None or e - s > best[2] - best[1]:
            best = (int(span.doc.vocab.strings[mid]), s, e)
    if best is None:
        return None, (0, 0)
    return lex.kb[best[0]], (best[1], best[2])


def _country_ending(tokens: list[Token], j: int, lex) -> tuple[str, int] | None:
    """A country name or demonym that ends at tokens[j] (up to 4 words), and its length."""
    for n in range(min(4, j + 1), 0, -1):
        text = _normal(" ".join(t.text for t in tokens[j - n + 1 : j + 1]))
        code = _country_of_text(text, lex) or lex.demonyms.get(text)
        if code:
            return code, n
    return None


def _country_in(tokens: list[Token], used: set[int], lex) -> tuple[str | None, bool]:
    """The country the phrase names: a modifier ('Syrian', "Israel's") first, else a place ('rebels in Darfur').

    An "ethnic X" only hints (True as second value): ethnic Albanians of Serbia are coded SRB by their place,
    so the caller tries the context before falling back on the demonym.
    """
    found: dict[str, list[str]] = {"modifier": [], "place": [], "ethnic": []}
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(min(7, len(tokens) - i), 0, -1):
            if any(k in used for k in range(i, i + n)):
                continue
            text = _normal(" ".join(t.text for t in tokens[i : i + n]))
            code = _country_of_text(text, lex) or lex.demonyms.get(text) or lex.capitals.get(text)
            if code is None and "-" in text and n == 1:
                code = lex.demonyms.get(text.split("-")[0])
            if code:
                hit = (code, n)
                break
        if hit:
            if i > 0 and tokens[i - 1].lower_ == "ethnic":
                found["ethnic"].append(hit[0])
            else:
                found["place" if _after_preposition(tokens, i) else "modifier"].append(hit[0])
            i += hit[1]
        else:
            i += 1
    if found["ethnic"] and not found["modifier"]:
        return (found["place"][-1], False) if found["place"] else (found["ethnic"][0], True)
    best = found["modifier"] or found["place"]
    return (best[0], False) if best else (None, False)


def _after_preposition(tokens: list[Token], i: int) -> bool:
    j = i - 1
    while (
        j >= 0
        and tokens[j].pos_ in ("DET", "ADJ", "PROPN")
        and tokens[j].lower_ not in LOCATIVE | {"from", "of"}
    ):
        j -= 1
    return j >= 0 and tokens[j].lower_ in LOCATIVE | {"from"}


def _country_of_text(text: str, lex) -> str | None:
    return lex.countries.get(text) or lex.countries.get(text.removeprefix("the "))


def _place_name(text: str, lex) -> str | None:
    """The country of a country, capital or city name."""
    return _country_of_text(text, lex) or lex.capitals.get(text) or lex.cities.get(text.removeprefix("the "))


def _context_country(span: SpacySpan, article: Article, lex) -> str | None:
    """No country in the phrase: where its sentence happens ("in Jenin"), else the article's dominant country,
    else any place its sentence names."""
    doc = span.doc
    sent = span.sent
    located: list[str] = []
    named: list[str] = []
    places = [(p.start, p.end, actor_kb.alpha3(p.country_code)) for p in article.places]
    if not places:
        places = [
            (e.start_char, e.end_char, _place_name(_normal(e.text), lex))
            for e in sent.ents
            if e.label_ in ("GPE", "LOC")
        ]
    for start, end, code in places:
        if (
            not code
            or not sent.start_char <= start < sent.end_char
            or span.start_char <= start < span.end_char
        ):
            continue
        ent = doc.char_span(start, end, alignment_mode="expand")
        head = ent.root.head if ent is not None else None
        in_place = head is not None and ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE | {"from", "to"}
        (located if in_place else named).append(code)
    if located:
        return located[0]
    return _dominant_country(doc, article, lex) or (named[0] if named else None)


def _dominant_country(doc: Doc, article: Article, lex) -> str | None:
    """The country most of the article is about, when one clearly dominates (cached on the Doc)."""
    key = "eventwire.dominant_country"
    if key not in doc.user_data:
        counts: Counter[str] = Counter()
        for place in article.places:
            code = actor_kb.alpha3(place.country_code)
            if code:
                counts[code] += 1
        for tok in doc:
            code = lex.demonyms.get(tok.lower_) if tok.text[:1].isupper() else None
            if code:
                counts[code] += 1
        for ent in doc.ents:
            if ent.label_ == "GPE" and not article.places:
                code = _place_name(_normal(ent.text), lex)
                if code:
                    counts[code] += 1
        top = counts.most_common(2) + [("", 0), ("", 0)]
        clear = top[0][1] >= 1.5 * top[1][1] and (top[0][1] >= 2 or top[1][1] == 0) and top[0][1] > 0
        doc.user_data[key] = top[0][0] if clear else None
    return doc.user_data[key]


def _head_phrase(span: SpacySpan) -> str:
    """'the Palestinian security forces' -> 'security force': the phrase's words without country or number."""
    lex = actor_kb.load()
    words = [
        _lemma(t)
        for t in span
        if t.pos_ not in ("DET", "NUM", "PUNCT")
        and not t.like_num
        and t.lower_ not in lex.demonyms
        and not _place_name(t.lower_, lex)
    ]
    return " ".join(words)


def _display_name(span: SpacySpan) -> str:
    tokens = list(span)
    while len(tokens) > 1 and (
        tokens[0].pos_ in ("DET", "NUM") or tokens[0].like_num or tokens[0].tag_ == "PRP$"
    ):
        tokens = tokens[1:]
    return span.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else span.text


def _normal(text: str) -> str:
    text = text.strip().removesuffix("'s").removesuffix("’s").removesuffix("'")
    return " ".join(text.replace(" - ", "-").split()).lower()
