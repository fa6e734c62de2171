"""Quotes: what was said, by whom, through whom — direct, indirect and mixed.

Direct quotes come from paired quotation marks (`quotemarks`), indirect ones from the clause a
verb of saying governs ("X said (that) ...", "according to X, ..."), and a quote whose marks sit
inside such a clause is mixed ("X underlined the need to “work ...”"). Each gets its cue, its
speaker (the local mention, linked to the article's actor) and its via chain (`attribution`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.coding.attribution import (
    Attribution,
    attribute,
    attribution_for,
    is_cue,
    is_relay,
    span_of,
)
from eventwire.coding.quotemarks import Quoted, quoted_spans
from eventwire.model import Actor, Article, Quote, Speaker

__all__ = ["attribution_for", "find_quotes"]

# Trailing dependents that describe the act of saying, not what was said ("said Monday").
_NOT_CONTENT = (
    "punct",
    "cc",
    "conj",
    "npadvmod",
    "agent",
    "nsubj",
    "nsubjpass",
    "aux",
    "auxpass",
    "neg",
    "advmod",
)
_SENTENCE_END = (".", "!", "?")
_PRONOUNS = frozenset("he she they it i we you who him her them".split())


def _chars(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\"'’?!"):
        tokens.pop()
    while tokens and tokens[0].is_punct and tokens[0].text not in '“"‘':
        tokens.pop(0)
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _content(cue: Token) -> tuple[int, int] | None:
    """Characters of what the cue verb reports: its clausal complement, else its objects."""
    if cue.lower_ == "according":
        return _according_content(cue)
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    if comps:
        return _chars([t for c in comps for t in c.subtree])
    if cue.dep_ == "parataxis" or (cue.dep_ == "ccomp" and cue.i > cue.head.i and _only_subject(cue)):
        # "The economy, he said, is strong": the words are the clause the cue interrupts
        cue_clause = {t.i for t in cue.subtree}
        return _chars([t for t in cue.head.subtree if t.i not in cue_clause])
    parts = [c for c in cue.rights if c.dep_ not in _NOT_CONTENT and not (c.pos_ == "VERB" and is_cue(c))]
    if not parts:
        return None
    return _chars([t for c in parts for t in c.subtree])


def _only_subject(cue: Token) -> bool:
    return all(c.dep_ in ("nsubj", "punct", "advmod", "npadvmod", "prep") for c in cue.children)


def _according_content(according: Token) -> tuple[int, int] | None:
    """ "According to X, Y" or "Y, according to X": the clause the phrase attaches to, minus it."""
    head = according.head if according.head is not according else according
    phrase = {t.i for t in according.subtree}
    return _chars([t for t in head.subtree if t.i not in phrase])


def _cue_tokens(doc: Doc) -> list[Token]:
    out = []
    for tok in doc:
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            out.append(tok)
        elif is_cue(tok) and not is_relay(tok):
            out.append(tok)
    return out


def _window_after(doc: Doc, end: int) -> list[Token]:
    """Tokens after a closing quote up to the end of its sentence (the "..., he said." tail)."""
    span = doc.char_span(end, len(doc.text), alignment_mode="expand")
    out = []
    for tok in span or []:
        if "\n" in tok.text or tok.text in _SENTENCE_END or tok.text in '“"«' or len(out) > 12:
            break
        out.append(tok)
    return out


def _window_before(doc: Doc, start: int) -> list[Token]:
    """Tokens from the start of the sentence up to an opening quote (the "He said: ..." head)."""
    span = doc.char_span(0, start, alignment_mode="contract")
    out: list[Token] = []
    for tok in reversed(list(span or [])):
        if "\n" in tok.text or tok.text in _SENTENCE_END or tok.text in '”"»' or len(out) > 25:
            break
        out.insert(0, tok)
    return out


def _cue_near(doc: Doc, quoted: Quoted, cues: set[int]) -> Token | None:
    """The verb of saying that introduces a direct quote from just after or just before it."""
    after = _window_after(doc, quoted.end)
    for tok in after:
        if tok.i in cues:
            return tok
    before = _window_before(doc, quoted.start)
    if before and (before[-1].text in (",", ":", "—", "–", "-") or before[-1].i in cues):
        for tok in reversed(before):
            if tok.i in cues:
                return tok
    return None


def _colon_speaker(doc: Doc, quoted: Quoted) -> Attribution | None:
    """ "The Observatory said on its website: “...”" without a verb found: the colon is the cue."""
    before = _window_before(doc, quoted.start)
    if not before or before[-1].text != ":":
        return None
    colon = before[-1]
    subj = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        nouns = [t for t in before[:-1] if t.pos_ in ("PROPN", "NOUN", "PRON")]
        subj = nouns[-1] if nouns else None
    from eventwire.coding.attribution import mention

    speaker = span_of(doc, *mention(subj)) if subj is not None else None
    return Attribution(span_of(doc, colon.idx, colon.idx + 1), colon, speaker)


def _speaker_after(doc: Doc, cue: Token, quoted: Quoted, attr: Attribution) -> Attribution:
    """ "“...,” said X": when the parse found no subject, the name after the verb is the speaker."""
    if attr.speaker is not None:
        return attr
    from eventwire.coding.attribution import mention

    for tok in doc[cue.i + 1 : cue.i + 6]:
        if tok.pos_ in ("PROPN", "PRON", "NOUN"):
            head = tok
            while head.head.i > head.i and head.head.pos_ in ("PROPN", "NOUN") and head.head.i < cue.i + 8:
                head = head.head
            attr.speaker = span_of(doc, *mention(head))
            break
    return attr


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def find_quotes(doc: Doc, article: Article) -> list[Quote]:
    """Every direct, indirect and mixed quote of the article, in text order."""
    cue_tokens = _cue_tokens(doc)
    indirect: list[Attribution] = []
    for cue in cue_tokens:
        content = _content(cue)
        if content is not None and not (content[0] <= cue.idx < content[1]):
            indirect.append(attribute(cue, content))
    cue_ids = {t.i for t in cue_tokens}
    marks = quoted_spans(doc.text)
    quotes: list[Quote] = []
    used: set[int] = set()
    previous: Attribution | None = None
    for quoted in marks:
        span = (quoted.start, quoted.end)
        host = next((a for a in indirect if a.content and _inside(span, a.content)), None)
        if host is not None:
            used.add(id(host))
            continue
        cue = _cue_near(doc, quoted, cue_ids)
        if cue is not None:
            attr = _speaker_after(doc, cue, quoted, attribute(cue, None))
        else:
            attr = _colon_speaker(doc, quoted)
        if attr is None:
            if _words(doc.text[quoted.start : quoted.end]) < 4:
                continue  # a scare quote or a title, not reported speech
            attr = previous if previous is not None and quoted.start - previous.cue.end < 600 else None
        for a in indirect:
            if a.content and _inside(a.content, span):
                used.add(id(a))  # a cue inside the quoted words belongs to the quote
            elif a.cue_token is cue:
                used.add(id(a))
        quotes.append(_quote(doc, span, "direct", attr, article.actors))
        if attr is not None:
            previous = attr
    for a in indirect:
        if id(a) in used and not any(_inside((q.start, q.end), a.content) for q in marks):
            continue
        kind = "mixed" if any(_inside((q.start, q.end), a.content) for q in marks) else "indirect"
        quotes.append(_quote(doc, a.content, kind, a, article.actors))
    quotes.sort(key=lambda q: (q.start, q.end))
    return _link_speakers(quotes, article.actors)


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def _quote(
    doc: Doc, span: tuple[int, int], kind: str, attr: Attribution | None, actors: list[Actor]
) -> Quote:
    start, end = span
    speaker = None
    if attr is not None and attr.speaker is not None:
        s = attr.speaker
        speaker = Speaker(s.text, s.start, s.end, _actor_at(actors, s.start, s.end))
    return Quote(
        text=doc.text[start:end],
        start=start,
        end=end,
        kind=kind,
        cue=attr.cue if attr is not None else None,
        speaker=speaker,
        via=list(attr.via) if attr is not None else [],
    )


def _actor_at(actors: list[Actor], start: int, end: int) -> str | None:
    for actor in actors:
        for m in actor.mentions:
            if m.start < end and start < m.end:
                return actor.id
    return None


def _link_speakers(quotes: list[Quote], actors: list[Actor]) -> list[Quote]:
    """A pronoun speaker takes the actor of the latest named speaker before it."""
    last: str | None = None
    for q in quotes:
        if q.speaker is None:
            continue
        if q.speaker.actor_id is None and q.speaker.text.lower() in _PRONOUNS:
            q.speaker.actor_id = last
        if q.speaker.actor_id is not None and q.speaker.text.lower() not in _PRONOUNS:
            last = q.speaker.actor_id
    return quotes
