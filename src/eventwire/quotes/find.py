"""Quotes: what was said, by whom, through whom — direct, indirect and mixed.

Direct quotes come from paired quotation marks (`marks`), indirect ones from the clause a
verb of saying governs ("X said (that) ...", "according to X, ..."), and a quote whose marks sit
inside such a clause with words of the reporter around them is mixed ("X underlined the need to
“work ...”"). Each gets its cue, its speaker (the local mention, linked to the article's actor)
and its via chain (`attribution`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right, insort

from spacy.tokens import Doc, Token

from eventwire.model import Actor, Article, Quote, Speaker
from eventwire.nlp import text_of
from eventwire.quotes.attribution import (
    Attribution,
    attribute,
    attribution_for,
    cue_tokens,
    labelled,
    mention,
    span_of,
)
from eventwire.quotes.content import content_of
from eventwire.quotes.marks import Quoted, quoted_spans
from eventwire.resolve.actor import actor_for_span
from eventwire.spanindex import SpanIndex
from eventwire.words import PRONOUNS

__all__ = ["attribution_for", "find_quotes"]

_SENTENCE_END = (".", "!", "?")
# '“...” ― Jane Doe': a quote signed with a dash and a name at the end of its line.
_DASH_SIGNATURE = re.compile(
    r"[ \t]*(?P<dash>[―—–])[ \t]*(?P<name>[A-Z@][\w.@'’ -]{1,60}?)[ \t,.]*(?=\n|$|\()"
)
# A quote left without a cue of its own continues the previous speaker's words this close behind.
_CONTINUATION_CHARS = 600


def find_quotes(doc: Doc, article: Article) -> list[Quote]:
    """Every direct, indirect and mixed quote of the article, in text order."""
    cues = cue_tokens(doc)
    labels = labelled(doc)
    indirect = labels + [attribute(cue, content) for cue in cues if (content := content_of(cue)) is not None]
    cue_ids = {t.i for t in cues}
    label_lines = {text_of(doc).rfind("\n", 0, a.cue.start) + 1 for a in labels}
    marks = [
        m for m in quoted_spans(text_of(doc)) if text_of(doc).rfind("\n", 0, m.start) + 1 not in label_lines
    ]
    quotes: list[Quote] = []
    claimed: set[int] = set()  # cues (by start) whose words are already a quote
    said = _Said(sorted(indirect, key=lambda a: a.cue.start))
    contents = SpanIndex(indirect, lambda a: a.content)
    for quoted in marks:
        span = (quoted.start, quoted.end)
        hosts = contents.containing(*span)
        host = min(hosts, key=lambda a: a.content[1] - a.content[0]) if hosts else None
        if host is not None and _has_words_outside(text_of(doc), host.content, span):
            continue  # a mixed quote: the clause around the marks is the content (below)
        if host is None and _is_title(doc, quoted):
            continue
        attr = host or _near(doc, quoted, cue_ids)
        if attr is None and not _opens_sentence(text_of(doc), quoted.start):
            # quoted words inside a sentence with no verb of saying: mixed, by the verb they hang on
            if (attr := _governing_clause(doc, quoted)) is not None:
                said.add(attr)
                claimed.update(a.cue.start for a in contents.inside(*attr.content))
                kind = "mixed" if _has_words_outside(text_of(doc), attr.content, span) else "direct"
                quotes.append(_quote(doc, attr.content, kind, attr, article.actors))
            continue
        if attr is None:
            if _words(text_of(doc)[quoted.start : quoted.end]) < 4:
                continue  # a scare quote or a title, not reported speech
            attr = said.latest_before(quoted.start)
        if attr is not None:
            claimed.add(attr.cue.start)
            said.add(attr)
        claimed.update(a.cue.start for a in contents.inside(*span))
        quotes.append(_quote(doc, span, "direct", attr, article.actors))
    marked = SpanIndex(marks, lambda q: (q.start, q.end))
    for a in indirect:
        if a.cue.start in claimed:
            continue
        mixed = bool(marked.inside(*a.content))
        quotes.append(_quote(doc, a.content, "mixed" if mixed else "indirect", a, article.actors))
    quotes.sort(key=lambda q: (q.start, q.end))
    return _link_pronouns(quotes)


def _governing_clause(doc: Doc, quoted: Quoted) -> Attribution | None:
    """Quoted words inside a sentence without a verb of saying ("The mayor branded the strike a
    “reckless stunt”"): the verb they hang on is the cue, its subject the speaker, and the
    verb's dependent that holds the marks is the content."""
    inner = doc.char_span(quoted.start, quoted.end, alignment_mode="contract")
    if inner is None or not len(inner):
        return None
    tok = inner.root
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        child, tok = tok, tok.head
        if tok.pos_ == "VERB" and not (quoted.start <= tok.idx < quoted.end):
            if child.i < tok.i or child.dep_ in ("nsubj", "nsubjpass"):
                return None  # the quote is the subject or stands before its verb
            first = next(
                (
                    c
                    for c in tok.rights
                    if c.dep_ not in ("punct", "advmod", "npadvmod", "cc") and c.i <= child.i
                ),
                child,
            )
            start = min(first.left_edge.idx, quoted.start)
            end = max(child.right_edge.idx + len(child.right_edge), quoted.end)
            line_end = text_of(doc).find("\n", quoted.start)
            end = min(end, line_end) if line_end >= 0 else end
            end = start + len(text_of(doc)[start:end].rstrip())
            attr = attribute(tok, (start, end))
            return attr if attr.speaker is not None else None
    return None


def _is_title(doc: Doc, quoted: Quoted) -> bool:
    """A name in quotation marks: 'an episode of “The Evening Hour,”', 'his book “Going Home”'."""
    before = doc.char_span(max(0, quoted.start - 60), quoted.start, alignment_mode="contract")
    last = before[-1] if before is not None and len(before) else None
    return last is not None and last.pos_ in ("ADP", "DET") and last.lower_ not in ("that", "as", "like")


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0")
    return not before or before.endswith(("\n", ".", "?", "!", ":", "”", '"', "'", "…"))


class _Said:
    """The attributions so far, in the order they were said, kept by where their cue ends."""

    def __init__(self, attributions: list[Attribution]) -> None:
        self._said: list[Attribution] = []
        self._ends: list[tuple[int, int]] = []  # (cue end, order said), sorted
        for attribution in attributions:
            self.add(attribution)

    def add(self, attribution: Attribution) -> None:
        insort(self._ends, (attribution.cue.end, len(self._said)))
        self._said.append(attribution)

    def latest_before(self, start: int) -> Attribution | None:
        """A quote with no cue of its own goes on with the latest speaker whose cue ends at most
        `_CONTINUATION_CHARS` before it (of two such cues ending together, the first said): a
        look-up, where a scan of everything said was quadratic in a long article."""
        lo = bisect_right(self._ends, (start - _CONTINUATION_CHARS, math.inf))
        hi = bisect_right(self._ends, (start, math.inf))
        if lo == hi:
            return None
        first = bisect_left(self._ends, (self._ends[hi - 1][0], -1), lo, hi)
        return self._said[self._ends[first][1]]


def _has_words_outside(text: str, outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    rest = text[outer[0] : inner[0]] + text[inner[1] : outer[1]]
    return any(ch.isalnum() for ch in rest)


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def _window_after(doc: Doc, end: int) -> list[Token]:
    """The few tokens after a closing quote in its sentence (the ", he said." tail)."""
    span = doc.char_span(end, len(text_of(doc)), alignment_mode="expand")
    out: list[Token] = []
    for tok in span or []:
        if "\n" in tok.text or tok.text in '“"«' or len(out) >= 30 or _ends_sentence(tok):
            break
        out.append(tok)
    return out


def _ends_sentence(tok: Token) -> bool:
    """A full stop that ends a sentence (not the one of "Wis.)" or "Jr.,")."""
    return tok.text in _SENTENCE_END and (tok.whitespace_ != "" or tok.i + 1 == len(tok.doc))


def _window_before(doc: Doc, start: int) -> list[Token]:
    """Tokens from the start of the sentence up to an opening quote (the "He said: " head)."""
    line_start = text_of(doc).rfind("\n", 0, start) + 1
    if not text_of(doc)[line_start:start].strip():
        # a quote opening its paragraph is introduced by a paragraph ending in a colon
        start = len(text_of(doc)[:line_start].rstrip())
        if not text_of(doc)[:start].endswith(":"):
            return []
    span = doc.char_span(max(0, start - 400), start, alignment_mode="contract")
    out: list[Token] = []
    for tok in reversed(list(span or [])):
        if "\n" in tok.text or tok.text in _SENTENCE_END or tok.text in '”"»' or len(out) > 25:
            break
        out.insert(0, tok)
    return out


def _near(doc: Doc, quoted: Quoted, cue_ids: set[int]) -> Attribution | None:
    """The attribution of a free-standing quote: '“...,” he said', 'He said: “...”', 'X: “...”'."""
    inner_end = text_of(doc)[quoted.start : quoted.end].rstrip("”\"'»’ ")
    tail = text_of(doc)[quoted.end : quoted.end + 3].lstrip()
    if (
        inner_end.endswith((",", "?", "!", "—", "–", "-", "…"))
        or tail.startswith((",", "—", "–"))
        or not tail
    ):
        found = _tail(doc, quoted, cue_ids)
        if found is not None:
            return found
    dash = _DASH_SIGNATURE.match(text_of(doc), quoted.end)
    if dash is not None:
        at = dash.start("dash")
        return Attribution(span_of(doc, at, at + 1), None, span_of(doc, dash.start("name"), dash.end("name")))
    before = _window_before(doc, quoted.start)
    if not before:
        return None
    if before[-1].text in (",", ":", "—", "–") or before[-1].i in cue_ids:
        for tok in reversed(before):
            if tok.i in cue_ids:
                attr = attribute(tok, None)
                if attr.speaker is not None and (
                    attr.speaker.start >= quoted.start
                    or _inside_quote_before(doc, before[0], attr.speaker.start)
                ):
                    # the parse took a word of this quote, or of the one just before ('"... Sen. McCain,"
                    # Trump said, "and I ..."'), as subject: the name before the cue speaks
                    names = [t for t in before if t.i < tok.i and t.pos_ in ("PROPN", "NOUN", "PRON")]
                    attr.speaker = span_of(doc, *_phrase_in(names[-1], before)) if names else None
                return attr
    if before[-1].text == ":":
        return _colon(doc, before)
    return None


def _inside_quote_before(doc: Doc, first: Token, at: int) -> bool:
    """Whether offset `at` lies inside the quote that closes just before token `first`."""
    if first.i == 0 or doc[first.i - 1].text not in '”"»':
        return False
    closing = doc[first.i - 1].idx
    opening = max(text_of(doc).rfind(mark, 0, closing) for mark in '“"«')
    return opening <= at < closing


def _tail(doc: Doc, quoted: Quoted, cue_ids: set[int]) -> Attribution | None:
    """'“...,” he said.', '“...,” said X.', '“...?” the moderator pressed.': the cue after a quote.

    Any verb closing a short tail counts as the cue, since writers vary the verb ("pressed",
    "read", "gushed"); the speaker is the name in the tail, never a word inside the quote.
    """
    window = _window_after(doc, quoted.end)
    cue = next((t for t in window if t.i in cue_ids), None)
    if cue is None:
        verbs = [t for t in window if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")]
        closes = window and (window[-1].i + 1 >= len(doc) or _ends_sentence(doc[window[-1].i + 1]))
        if not verbs or not closes or len(window) > 8:
            return None
        cue = verbs[0]
    attr = attribute(cue, None)
    lo, hi = quoted.end, window[-1].idx + len(window[-1])
    if attr.speaker is not None and lo <= attr.speaker.start < hi:
        return attr
    names = [t for t in window if t.pos_ in ("PROPN", "PRON", "NOUN")]
    pick = [t for t in names if t.i < cue.i][-1:] or names[:1]
    attr.speaker = span_of(doc, *_phrase_in(pick[0], window)) if pick else None
    return attr


def _phrase_in(tok: Token, window: list[Token]) -> tuple[int, int]:
    """The noun phrase around `tok`, kept inside the tail window."""
    inside = {t.i for t in window}
    while tok.head.i in inside and tok.head.i != tok.i and tok.head.pos_ in ("PROPN", "NOUN"):
        tok = tok.head
    start, end = mention(tok)
    return max(start, window[0].idx), min(end, window[-1].idx + len(window[-1]))


def _colon(doc: Doc, before: list[Token]) -> Attribution:
    """'The Observatory on its website: “...”' — no verb of saying, so the colon is the cue."""
    colon = before[-1]
    subj = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        nouns = [t for t in before[:-1] if t.pos_ in ("PROPN", "NOUN", "PRON")]
        subj = nouns[0] if nouns else None
    speaker = span_of(doc, *mention(subj)) if subj is not None else None
    return Attribution(span_of(doc, colon.idx, colon.idx + 1), colon, speaker)


def _quote(
    doc: Doc, span: tuple[int, int], kind: str, attr: Attribution | None, actors: list[Actor]
) -> Quote:
    start, end = span
    speaker = None
    if attr is not None and attr.speaker is not None:
        s = attr.speaker
        actor = actor_for_span(actors, s.start, s.end)
        speaker = Speaker(s.text, s.start, s.end, actor.id if actor is not None else None)
    return Quote(
        text=text_of(doc)[start:end],
        start=start,
        end=end,
        kind=kind,
        cue=attr.cue if attr is not None else None,
        speaker=speaker,
        via=list(attr.via) if attr is not None else [],
    )


def _link_pronouns(quotes: list[Quote]) -> list[Quote]:
    """A pronoun speaker with no actor of its own takes the actor of the latest named speaker."""
    last: str | None = None
    for q in quotes:
        if q.speaker is None:
            continue
        pronoun = q.speaker.text.lower() in PRONOUNS
        if pronoun and q.speaker.actor_id is None:
            q.speaker.actor_id = last
        elif not pronoun and q.speaker.actor_id is not None:
            last = q.speaker.actor_id
    return quotes
