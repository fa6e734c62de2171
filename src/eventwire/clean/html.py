"""HTML pages: trafilatura finds the article body and the page metadata; our furniture rules then
take out what it leaves (captions with credits, repeated headlines, logo words, date lines)."""

from __future__ import annotations

import trafilatura
from trafilatura.utils import load_html

from eventwire.clean.furniture import Body, add_caption, split_caption, strip_furniture
from eventwire.model import Caption


def extract_page(html: str, url: str | None) -> tuple[Body, dict[str, str | None]]:
    """The page's cleaned body lines, its captions and its metadata (title, date, sitename, url).

    Raises ValueError when the page holds no article text.
    """
    tree = load_html(html)
    if tree is None:
        raise ValueError("not a readable HTML page")
    captions = figure_captions(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # markup and URL only: a date htmldate guesses from the prose is not metadata, and our own
        # dateline/text/caption rules label such dates for what they are
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise ValueError("no article text found in page")
    body = strip_furniture(doc.text.splitlines(), doc.title)
    for caption in captions:
        add_caption(body.captions, caption)
    meta = {"title": doc.title, "date": doc.date, "sitename": doc.sitename, "url": doc.url or url}
    return body, meta


def figure_captions(tree) -> list[Caption]:
    """The page's `<figcaption>` texts, each split into caption and credit."""
    captions = []
    for node in tree.iter("figcaption"):
        text = " ".join(" ".join(node.itertext()).split())
        if text:
            captions.append(split_caption(text, in_header=True, repeated=False) or Caption(text))
    return captions
