"""What was said: the stretch of text a cue reports, read off the dependency parse.

"X said (that) Y" -> its clausal complement; "Y, he said, Z" -> the clause the cue interrupts;
"according to X, Y" -> the clause the phrase hangs on; "X accused Y of Z" / "X called for Z" ->
the objects. The content never leaves the cue's paragraph, so a parse error cannot run away.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.nlp import text_of
from eventwire.quotes.attribution import is_cue, is_cue_noun, relayed_words

# Objects that carry what was said by a verb without a clausal complement.
_OBJECTS = ("dobj", "xcomp", "oprd", "dative", "pcomp")
# Prepositions that introduce what was said ("called for", "warned of", "accused X of").
_TOPIC_PREPS = frozenset("for of about against as over".split())
# "on" introduces what was said only after some verbs ("called on", "commented on").
_ON_VERBS = frozenset("call comment report remark elaborate insist reflect weigh".split())
# Verbs that report speech only with a clause ("maintained that ..."); with an object they mean
# something else ("maintain order", "continue the talks", "added 300 jobs", "posted a loss") or
# name a topic, not the words ("said of the mayor", "said it").
_CLAUSE_ONLY = frozenset(
    "maintain continue observe protest post publish pen add order command charge answer object brief "
    "text relate counter repeat say".split()
)
# Verbs whose object is the person addressed.
_ADDRESSING = frozenset("tell ask inform remind assure reassure warn advise brief notify".split())
_OPEN_MARKS = '“"‘«'
_CLOSE_MARKS = "”\"’»'"


def content_of(cue: Token) -> tuple[int, int] | None:
    """Characters of what `cue` reports, or None when it reports nothing we can delimit."""
    if cue.lower_ == "according":
        tokens = _according(cue)
    elif cue.lower_ == "reportedly":
        tokens = [t for t in cue.head.subtree if t.i != cue.i]
    elif is_cue_noun(cue):
        tokens = _noun_complement(cue)
    else:
        tokens = _complement(cue)
    para = _paragraph(cue)
    tokens = [t for t in tokens if para[0] <= t.idx < para[1]]
    return _chars(tokens)


def _noun_complement(noun: Token) -> list[Token]:
    """ "the claim that X", "his call for X", "criticism of X": the clause or phrase after the noun."""
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            return list(child.subtree)
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "about", "against") and any(child.children):
            return list(child.subtree)
    return []


def _complement(cue: Token) -> list[Token]:
    comps = [c for c in cue.children if c.dep_ == "ccomp" and not _misparsed_clause(cue, c)]
    inner = relayed_words(cue)
    if inner is not None:
        # "X quoted Y as saying (in a speech) that Z": the first clause after "saying"
        later = [t for t in cue.subtree if t.dep_ == "ccomp" and t.i > inner.i]
        comps = comps or later[:1]
        if not comps:
            return []
    if comps:
        tokens = sorted((t for c in comps for t in c.subtree), key=lambda t: t.i)
        if tokens[0].i < cue.i < tokens[-1].i:
            # "which he said were ...": the relative word before the cue is not the words
            tokens = [t for t in tokens if (t.i > cue.i) == (comps[0].i > cue.i)]
        return tokens
    if cue.dep_ == "parataxis" or (cue.dep_ == "ccomp" and cue.i > cue.head.i and _bare(cue)):
        # "The economy, he said, is strong": the words are the clause the cue interrupts
        clause = {t.i for t in cue.subtree}
        return [t for t in cue.head.subtree if t.i not in clause]
    if cue.lemma_.lower() in _CLAUSE_ONLY:
        return []
    objects = [c for c in cue.rights if c.dep_ in _OBJECTS and not is_cue(c) and not _addressee(cue, c)]
    preps = [c for c in cue.rights if c.dep_ == "prep" and _topic(cue, c)]
    if not objects and not preps:
        return []
    parts = sorted(objects + preps, key=lambda t: t.i)
    return [t for c in parts for t in c.subtree]


def _misparsed_clause(cue: Token, comp: Token) -> bool:
    """A clause before a cue that has its own words after it ("After he spoke, she noted X") is
    a circumstance, not what was said; "..., a spokesman told the Courier" keeps its clause."""
    if comp.i > cue.i:
        return False
    return any(
        c.i > cue.i and (c.dep_ == "ccomp" or (c.dep_ == "dobj" and not _addressee(cue, c)))
        for c in cue.children
    )


def _addressee(cue: Token, obj: Token) -> bool:
    """The person told, asked or warned ("told reporters", "told the Courier"), not the words."""
    if cue.lemma_.lower() not in _ADDRESSING:
        return False
    return (
        obj.pos_ in ("PROPN", "PRON")
        or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or obj.lower_
        in (
            "reporters",
            "journalists",
            "supporters",
            "voters",
            "crowd",
            "audience",
        )
    )


def _topic(cue: Token, prep: Token) -> bool:
    if not any(prep.children):
        return False
    return prep.lower_ in _TOPIC_PREPS or (prep.lower_ == "on" and cue.lemma_.lower() in _ON_VERBS)


def _bare(cue: Token) -> bool:
    """A cue with nothing but its subject and adverbs ("..., he said Monday")."""
    return all(c.dep_ in ("nsubj", "punct", "advmod", "npadvmod", "prep") for c in cue.children)


def _according(according: Token) -> list[Token]:
    """ "According to X, Y" / "Y, according to X": the side of the clause that holds its verb."""
    head = according.head
    if head.i == according.i:
        return []
    phrase = {t.i for t in according.subtree}
    before = head.i < according.i
    return [t for t in head.subtree if t.i not in phrase and (t.i < according.i) == before]


def _paragraph(tok: Token) -> tuple[int, int]:
    text = text_of(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    return start, len(text) if end < 0 else end


def _chars(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of `tokens` without outer punctuation, keeping the marks of a quote it ends in."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in _CLOSE_MARKS + "?!":
        tokens.pop()
    while tokens and tokens[0].is_punct and tokens[0].text not in _OPEN_MARKS:
        tokens.pop(0)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = text_of(tokens[0].doc)
    piece = text[start:end]
    if sum(piece.count(m) for m in "“«") > sum(piece.count(m) for m in "”»") or piece.count('"') % 2:
        # the quote the content ends in closes just after the parse's last token: '... tomorrow.”'
        tail = len(text[end : end + 3]) - len(text[end : end + 3].lstrip(".,;!?"))
        if text[end + tail : end + tail + 1] in ("”", "»", '"'):
            end += tail + 1
    return start, end
