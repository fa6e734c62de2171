"""Who said it: reporting cues, their speakers and the chain of intermediaries, from the parse.

A cue is a verb of saying (`data/speech_cues.txt`) or "according to". Its speaker is the local
mention that did the saying (the subject, a pronoun included: "he said"), and `via` lists the
outlets or people the words passed through, outermost first ("SANA quoted Shaaban as saying" ->
via SANA). See docs/quotes.md for the conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from eventwire.model import Span
from eventwire.nlp import text_of
from eventwire.words import PRONOUNS

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
# Nouns that stand for the speaker's words rather than a speaker ("according to the speech by X").
UTTERANCES = frozenset(
    "speech statement report remarks remark interview post tweet letter release comments comment".split()
)


# "Okafor: Farmers need rain" (headline) or '"HOST: Will you run ...' (transcript): a short name,
# a colon, then the words. Labels with digits are times ("12:30 p.m."), not speakers.
LABEL = re.compile(
    r"^[ \t]*[\"“]?(?P<label>[A-Z][^:\n\d]{0,40}?)(?P<colon>:)[ \t]+(?P<words>\S[^\n]*?)[ \t]*$", re.M
)


# Nouns that carry someone's words in a "that" clause or a for/of/about phrase.
CUE_NOUNS = frozenset(
    "claim call criticism accusation allegation warning promise pledge vow demand request assertion "
    "suggestion insistence denial plea appeal statement remark comment question".split()
)
_SMALL_WORDS = frozenset("of at the for in on and to de".split())
# Labels that head page furniture or lists, not someone's words ("Editor's note: ...").
_FURNITURE = frozenset("note source contributing breaking update photo credit latest email issue".split())


@lru_cache(maxsize=1)
def speech_cues() -> frozenset[str]:
    """Lemmas of the verbs of saying shipped with the package."""
    text = resources.files("eventwire").joinpath("data/speech_cues.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(slots=True)
class Attribution:
    """A cue with its speaker, intermediaries and the tokens of what was said (if any)."""

    cue: Span
    cue_token: Token | None
    speaker: Span | None
    via: list[Span] = field(default_factory=list)
    content: tuple[int, int] | None = None  # character span of an indirect content


def span_of(doc: Doc, start: int, end: int) -> Span:
    return Span(text_of(doc)[start:end], start, end)


def is_cue(tok: Token) -> bool:
    """A verb of saying used as such (not "call a meeting" without a complement, not "point" alone)."""
    lemma = tok.lemma_.lower()
    if not tok.tag_.startswith("VB") or lemma not in speech_cues():
        return False
    if tok.dep_ in ("amod", "compound", "nmod", "nummod"):
        return False  # "pledged delegates", "a quoted price"
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "to" for c in tok.children
        )
    return True


def cue_tokens(doc: Doc) -> list[Token]:
    """The cues of a document: active verbs of saying and "according to", relays left out."""
    out = []
    for tok in doc:
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            if not is_cue(tok.head):  # "he said, according to X": X is a relay of that cue
                out.append(tok)
        elif is_cue(tok) and not _passive(tok) and not _relayed(tok):
            out.append(tok)
        elif (tok.lower_ == "reportedly" and tok.dep_ == "advmod") or is_cue_noun(tok):
            out.append(tok)
    return out


def is_cue_noun(tok: Token) -> bool:
    """A noun that reports words: "his call for", "the minister's claim that", "criticism of"."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in CUE_NOUNS


def labelled(doc: Doc) -> list[Attribution]:
    """Lines that open with "Name: ...": the name speaks the rest of the line, the colon is the cue."""
    out = []
    for m in LABEL.finditer(text_of(doc)):
        if not _names_someone(m.group("label")) or len(m.group("words").split()) < 3:
            continue
        end = m.end("words") - 1 if m.group("words").endswith(".") else m.end("words")
        if end <= m.start("words"):
            continue
        colon = m.start("colon")
        speaker = span_of(doc, m.start("label"), m.end("label"))
        out.append(Attribution(span_of(doc, colon, colon + 1), None, speaker, [], (m.start("words"), end)))
    return out


def _names_someone(label: str) -> bool:
    """A speaker label: a short capitalised name ("Okafor", "Former Judge Lee at Summit"), no furniture."""
    words = label.replace("’", "'").split()
    if not words or len(words) > 6 or any(ch in label for ch in ',"“”;!?()'):
        return False
    if words[-1].lower().removesuffix("s") in _FURNITURE:
        return False
    return all(w[0].isupper() or w in _SMALL_WORDS for w in words)


def _passive(tok: Token) -> bool:
    """ "was charged with", "arrested and charged": the subject is not the one speaking."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        return tok.tag_ == "VBN" and _passive(tok.head)
    return tok.tag_ == "VBN" and tok.dep_ in ("amod", "acl")


def mention(tok: Token) -> tuple[int, int]:
    """Characters of the noun phrase headed by `tok`, stopping before commas, clauses and appositions."""
    first = tok.left_edge
    while first.i < tok.i and (first.is_punct or first.is_space):
        first = first.nbor()
    start = max(first.idx, text_of(tok.doc).rfind("\n", 0, tok.idx) + 1)
    end = tok.idx + len(tok)
    for child in tok.rights:
        if child.dep_ not in ("compound", "flat", "prep", "pobj", "nummod", "case", "amod", "poss"):
            break
        between = tok.doc[tok.i + 1 : child.left_edge.i]
        if any(t.is_punct for t in between) or any(t.is_punct for t in child.subtree):
            break
        end = child.right_edge.idx + len(child.right_edge)
    return start, end


def _subject(tok: Token) -> Token | None:
    """The subject of a cue verb, borrowed from the verb it hangs on when it has none of its own."""
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            noun = tok.head
            if noun.lemma_.lower() in UTTERANCES and noun.dep_ == "dobj":
                tok = noun.head  # "X issued a statement saying ...": X speaks
                continue
            return noun  # "a memo saying ...", "one saying ..."
        if tok.dep_ in ("ROOT",) or tok.head.i == tok.i:
            return None
        if tok.dep_ == "agent":
            return None
        tok = tok.head
    return None


def _agent_of(noun: Token) -> Token:
    """The person behind an utterance noun: "the speech conveyed by Shaaban" -> Shaaban."""
    if noun.lemma_.lower() not in UTTERANCES:
        return noun
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ in ("acl", "prep"):
            for grand in child.subtree:
                if grand.dep_ == "pobj" and grand.head.dep_ == "agent":
                    return grand
                if grand.dep_ == "pobj" and grand.head.lower_ in ("by", "from"):
                    return grand
    return noun


def _according_to(tok: Token) -> Token | None:
    """For the token "according" of "according to X": X."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def _principal(cue: Token, content: tuple[int, int] | None) -> Token | None:
    """Whoever the speaker talks for: "on his behalf", "on behalf of X" (outside the content)."""
    for tok in cue.subtree:
        if content and content[0] <= tok.idx < content[1]:
            continue
        if tok.lower_ == "behalf" and tok.head.lower_ == "on":
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
            of = next((c for c in tok.children if c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                return pobj
    return None


def _quoted_by(subj: Token) -> Token | None:
    """The outlet that quoted the subject: "sources quoted by SOHR" -> SOHR."""
    for child in subj.children:
        if child.dep_ == "acl" and child.lemma_.lower() in ("quote", "cite"):
            for grand in child.subtree:
                if grand.dep_ == "pobj" and grand.head.dep_ == "agent":
                    return grand
    return None


def attribute(cue: Token, content: tuple[int, int] | None) -> Attribution:
    """Speaker, intermediaries and cue span for cue token `cue` whose content is `content`."""
    doc = cue.doc
    via: list[Span] = []
    if cue.lower_ == "according":
        to = next(c for c in cue.children if c.lower_ == "to")
        cue_span = span_of(doc, cue.idx, to.idx + len(to))
        source = _according_to(cue)
        speaker_tok = _agent_of(source) if source is not None else None
    else:
        cue_span = span_of(doc, cue.idx, cue.idx + len(cue))
        speaker_tok = None if cue.lower_ == "reportedly" else _noun_owner(cue) or _subject(cue)
        if relayed_words(cue) is not None:
            # "X quoted Y as saying": Y speaks, X relays
            if speaker_tok is not None:
                via.append(span_of(doc, *mention(speaker_tok)))
            speaker_tok = next(c for c in cue.children if c.dep_ == "dobj")
        elif speaker_tok is not None and (relay := _quoted_by(speaker_tok)) is not None:
            via.append(span_of(doc, *mention(relay)))
        for child in cue.children:
            if child.lower_ == "according" and (relay := _according_to(child)) is not None:
                via.insert(0, span_of(doc, *mention(_agent_of(relay))))
    if speaker_tok is not None:
        speaker_tok = _on_cue_line(speaker_tok, cue)
    elif cue.pos_ == "VERB":
        speaker_tok = _opening_noun(cue)
    principal = _principal(cue, content)
    if principal is not None and speaker_tok is not None:
        via.append(span_of(doc, *mention(speaker_tok)))
        speaker_tok = principal
    speaker = span_of(doc, *mention(speaker_tok)) if speaker_tok is not None else None
    return Attribution(cue_span, cue, speaker, via, content)


def _noun_owner(cue: Token) -> Token | None:
    """Whose claim or call a cue noun is: "his call", "the mayor's claim", "Labour calls"."""
    if cue.pos_ != "NOUN":
        return None
    return next(
        (c for c in cue.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")), None
    )


def _opening_noun(cue: Token) -> Token | None:
    """When the parse lost the subject ("The mayor, meanwhile, who had promised calm, said ..."), the noun
    phrase that opens the cue's sentence (within its line) is taken as the speaker."""
    line = text_of(cue.doc).rfind("\n", 0, cue.idx) + 1
    candidates = [t for t in cue.doc[cue.sent.start : cue.i] if t.idx >= line]
    for tok in candidates:
        if (
            tok.pos_ in ("PROPN", "NOUN", "PRON")
            and tok.dep_ != "pobj"
            and tok.ent_type_ not in ("DATE", "TIME")
        ):
            while tok.head.i < cue.i and tok.head.i > tok.i and tok.dep_ in ("compound", "flat", "poss"):
                tok = tok.head
            return tok
    return None


def _on_cue_line(subj: Token, cue: Token) -> Token | None:
    """A subject parsed across a line break (a time stamp or dateline above) is replaced by the
    noun phrase that opens the cue's own line."""
    line = text_of(cue.doc).rfind("\n", 0, cue.idx) + 1
    if subj.idx >= line or subj.i > cue.i:
        return subj
    same = [t for t in cue.doc[subj.i : cue.i] if t.idx >= line and t.pos_ in ("PROPN", "NOUN", "PRON")]
    top = [t for t in same if not (line <= t.head.idx < cue.idx) or t.head.i == t.i]
    return (top or same or [None])[0]


def relayed_words(tok: Token) -> Token | None:
    """For "quoted" in "X quoted Y as saying ...": the inner verb of saying ("saying")."""
    if tok.lemma_.lower() != "quote" or not any(c.dep_ == "dobj" for c in tok.children):
        return None
    for child in tok.children:
        inner = child if child.dep_ in ("advcl", "xcomp", "ccomp") else None
        if child.dep_ == "prep" and child.lower_ == "as":
            inner = next((c for c in child.children if c.dep_ in ("pcomp", "pobj")), None)
        if inner is not None and is_cue(inner):
            return inner
    return None


def _relayed(tok: Token) -> bool:
    """The "saying" of "quoted Y as saying": the quoting verb is the cue, not this one."""
    head = tok.head.head if tok.head.lower_ == "as" else tok.head
    found = relayed_words(head)
    return found is not None and found.i == tok.i


def attribution_for(quotes: list, start: int, end: int) -> list[Span]:
    """Who the article says told what lies at [start, end): the chain (outermost first: via..., speaker) of
    the smallest quote covering it; empty when no quote covers it.

    The one answer to "who reported this?" for events and their places. A pronoun speaker ("It added
    that ...") is named by the latest named speaker before it, as a reader would.
    """
    covering = [q for q in quotes if q.start <= start and end <= q.end]
    if not covering:
        return []
    best = min(covering, key=lambda q: q.end - q.start)
    chain = list(best.via)
    speaker = best.speaker
    if speaker is not None and speaker.text.lower() in PRONOUNS:
        named = [
            q.speaker
            for q in quotes
            if q.speaker is not None
            and q.speaker.start < speaker.start
            and q.speaker.text.lower() not in PRONOUNS
        ]
        speaker = max(named, key=lambda s: s.start, default=speaker)
    if speaker is not None:
        chain.append(Span(speaker.text, speaker.start, speaker.end))
    return chain
