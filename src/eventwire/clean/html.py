"""HTML pages: trafilatura finds the article body and the page metadata; our furniture rules then
take out what it leaves (captions with credits, repeated headlines, logo words, date lines).

Which of trafilatura's options and which of our rules apply was decided site by site, holding
each site out in turn (`benchmarks/extraction.py`); a rule that helped only the pages it was
written for is not here.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from trafilatura.utils import load_html

from eventwire.clean.furniture import (
    FURNITURE,
    Body,
    is_prose,
    norm,
    split_caption,
    strip_furniture,
)
from eventwire.model import Caption

# On pages, cutting the dateline (F1 lower on 13 benchmark sites, higher on none), dropping
# capitalised short lines as mastheads (5 and 0) and dropping a line printed twice (2 and 2) did not
# help across sites: a page's article body keeps its dateline and capitalised subheadings; nor did
# dropping one-line link lists (0 and 1: the rows of a table read as one). The other rules help on
# more sites than they hurt, or fire on none.
PAGE_RULES = FURNITURE - {"dateline", "masthead", "repeat", "links"}
MAX_LINK_SHARE = 0.5  # of the text's characters in lines that are the page's link texts
MIN_CHARS = 200  # below this, a page's text must hold a sentence to be an article


@dataclass(frozen=True, slots=True)
class Extractor:
    """trafilatura's options for the article body (see its `bare_extraction`); its own defaults.

    Choosing options on the extraction benchmark did not carry over to held-out sites: with the
    options picked on the other sites (`fast`, mostly) each held-out site scored F1 0.9588 in all,
    with trafilatura's defaults 0.9666 (`benchmarks/extraction.py`).
    """

    favor_precision: bool = False
    favor_recall: bool = False
    fast: bool = False
    include_tables: bool = True


@dataclass(slots=True)
class Page:
    """What trafilatura finds in a page, before our rules: the body text, the metadata (title,
    date, sitename, url), the page's link texts and its `<figcaption>` captions."""

    text: str
    meta: dict[str, str | None]
    links: frozenset[str]
    captions: list[Caption]


def read_page(html: str, url: str | None, extractor: Extractor = Extractor()) -> Page:
    """trafilatura's reading of the page; raises ValueError when it holds no text."""
    tree = load_html(html)
    if tree is None:
        raise ValueError("not a readable HTML page")
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=extractor.favor_precision,
        favor_recall=extractor.favor_recall,
        fast=extractor.fast,
        include_tables=extractor.include_tables,
        # markup and URL only: a date htmldate guesses from the prose is not metadata, and our own
        # dateline/text/caption rules label such dates for what they are
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise ValueError("no article text found in page")
    return Page(
        text=doc.text,
        meta={"title": doc.title, "date": doc.date, "sitename": doc.sitename, "url": doc.url or url},
        links=frozenset(norm(" ".join(a.itertext())) for a in tree.iter("a")),
        captions=figure_captions(tree),
    )


def clean_page(page: Page, rules: frozenset[str] = PAGE_RULES) -> Body:
    """The page's body with our furniture `rules` applied, and its captions; raises ValueError when
    what is left is no article."""
    body = strip_furniture(page.text.splitlines(), page.meta["title"], rules=rules)
    check_article(page.links, [line for line in body.lines if line])
    if "caption" in rules:
        for caption in page.captions:
            body.add_caption(caption)
    return body


def check_article(links: frozenset[str], lines: list[str]) -> None:
    """Raise ValueError unless `lines` read as an article: a home page or a list of links is mostly
    the page's link texts, a login wall or an empty shell has little text and no sentence. (On the
    extraction benchmark's 121 article pages link texts are at most 15 % of the text, and the
    shortest text is 427 characters.)"""
    size = sum(len(line) for line in lines)
    linked = sum(len(line) for line in lines if norm(line) in links)
    if size and linked >= MAX_LINK_SHARE * size:
        raise ValueError("no article in page: it is mostly links (a home page or a list of links?)")
    if size < MIN_CHARS and not any(is_prose(line) for line in lines):
        raise ValueError("no article in page: too little text (a login wall or an empty page?)")


def figure_captions(tree) -> list[Caption]:
    """The page's `<figcaption>` texts, each split into caption and credit."""
    captions = []
    for node in tree.iter("figcaption"):
        text = " ".join(" ".join(node.itertext()).split())
        if text:
            captions.append(split_caption(text, in_header=True, repeated=False) or Caption(text))
    return captions
