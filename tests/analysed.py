"""The one way tests run the pipeline's stages on a text: spaCy, then `pipeline.STAGES` up to a stage."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire import nlp
from eventwire.model import Article, Source
from eventwire.pipeline import enrich


def analyse(text: str, published: str | None = None, upto: str = "events") -> tuple[Doc, Article]:
    """The parsed text and its article, with every stage up to and including `upto` run on it."""
    article = Article(id="t", source=Source(None, None), title=None, text=text, published=published)
    doc, _ = next(nlp.annotate([(text, article)]))
    enrich(article, doc, upto)
    return doc, article
