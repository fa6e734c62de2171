"""Cleaning: RawDoc -> Article records (dump splitting, page furniture, HTML extraction).

JSONL text is kept verbatim so that every offset indexes the caller's own text.
"""

from __future__ import annotations

from eventwire.clean.article import assemble
from eventwire.clean.dateline import opening_dateline
from eventwire.clean.dump import reflow, split_dump
from eventwire.clean.furniture import FURNITURE, strip_furniture
from eventwire.clean.html import PAGE_RULES, Extractor, Page, clean_page, read_page
from eventwire.clean.language import identify
from eventwire.clean.published import check_date, choose_published
from eventwire.model import Article, RawDoc, Source, content_id


def clean(
    raw: RawDoc,
    published: str | None = None,
    rules: frozenset[str] | None = None,
    extractor: Extractor = Extractor(),
) -> list[Article]:
    """The articles in one raw document; `published` is the `--published` date, `rules` the classes
    of furniture to remove (default: all for dumps, `PAGE_RULES` for pages) and `extractor`
    trafilatura's options (both varied by `benchmarks/extraction.py`).

    Raises ValueError (reported as an input error) when no article text is found.
    """
    if raw.kind == "jsonl":
        articles = [_from_jsonl(raw, published)]
    elif raw.kind == "text":
        articles = []
        dump = split_dump(raw.content)
        masthead = None
        for block in dump.blocks:
            body = strip_furniture(
                block.lines, block.title, block.starts, dump.boilerplate, rules or FURNITURE
            )
            body.masthead = masthead = body.masthead or masthead  # the dump's masthead names its outlet
            paragraphs = reflow(body.lines)
            article = assemble(
                raw, len(articles), block.title, paragraphs, body, published, rules=rules or FURNITURE
            )
            if article:
                articles.append(article)
    elif raw.kind == "html":
        page = read_page(raw.content, raw.url, extractor)
        article = page_article(raw, page, published, PAGE_RULES if rules is None else rules)
        articles = [article] if article else []
    else:
        raise ValueError(f"no cleaner for input kind {raw.kind!r}")
    if not articles:
        raise ValueError("no article text found")
    for article in articles:
        article.language = identify(article.title, article.text)
    return articles


def page_article(
    raw: RawDoc, page: Page, published: str | None = None, rules: frozenset[str] = PAGE_RULES
) -> Article | None:
    """The article of a page trafilatura has read, with our furniture `rules` applied."""
    body = clean_page(page, rules)
    paragraphs = [line for line in body.lines if line]
    return assemble(raw, 0, raw.title or page.meta["title"], paragraphs, body, published, page.meta, rules)


def _from_jsonl(raw: RawDoc, published: str | None) -> Article:
    """The record as given, its text verbatim; a `published` that is no usable date is an error, not a guess.
    A dateline opening the story is recorded (not cut) as it is for dumps and pages."""
    if raw.published and raw.published.strip():
        try:
            check_date(raw.published)
        except ValueError as exc:
            raise ValueError(f"'published' {exc}") from None
    opening = opening_dateline(raw.content)
    dateline = opening[0] if opening else None
    date, origin = choose_published(
        [("input", raw.published), ("input", published), ("dateline", dateline.date if dateline else None)]
    )
    return Article(
        id=raw.id or content_id(raw.title, raw.content),
        source=Source(
            path=raw.path,
            index=raw.index,
            url=raw.url,
            outlet=raw.outlet or (dateline.outlet if dateline else None),
        ),
        title=raw.title,
        text=raw.content,
        published=date,
        published_from=origin,
        dateline=dateline.place if dateline else None,
    )
