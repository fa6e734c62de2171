"""Cleaning: RawDoc -> Article records (dump splitting, page furniture, HTML extraction).

JSONL text is kept verbatim so that every offset indexes the caller's own text.
"""

from __future__ import annotations

from eventwire.clean.article import assemble
from eventwire.clean.dump import reflow, split_dump
from eventwire.clean.furniture import strip_furniture
from eventwire.clean.html import extract_page
from eventwire.clean.published import choose_published
from eventwire.model import Article, RawDoc, Source, content_id


def clean(raw: RawDoc, published: str | None = None) -> list[Article]:
    """The articles in one raw document; `published` is the `--published` date.

    Raises ValueError (reported as an input error) when no article text is found.
    """
    if raw.kind == "jsonl":
        return [_from_jsonl(raw, published)]
    if raw.kind == "text":
        articles = []
        for block in split_dump(raw.content):
            body = strip_furniture(block.lines, block.title)
            article = assemble(raw, len(articles), block.title, reflow(body.lines), body, published)
            if article:
                articles.append(article)
    elif raw.kind == "html":
        body, meta = extract_page(raw.content, raw.url)
        paragraphs = [line for line in body.lines if line]
        article = assemble(raw, 0, raw.title or meta["title"], paragraphs, body, published, meta)
        articles = [article] if article else []
    else:
        raise ValueError(f"no cleaner for input kind {raw.kind!r}")
    if not articles:
        raise ValueError("no article text found")
    return articles


def _from_jsonl(raw: RawDoc, published: str | None) -> Article:
    date, origin = choose_published([("input", raw.published), ("input", published)])
    return Article(
        id=raw.id or content_id(raw.title, raw.content),
        source=Source(path=raw.path, index=raw.index, url=raw.url, outlet=raw.outlet),
        title=raw.title,
        text=raw.content,
        published=date,
        published_from=origin,
    )
