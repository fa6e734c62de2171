"""Cleaning: RawDoc -> Article records (dump splitting, page furniture, HTML extraction).

JSONL text is kept verbatim so that every offset indexes the caller's own text.
"""

from __future__ import annotations

from eventwire.model import Article, RawDoc, Source, content_id


def clean(raw: RawDoc, published: str | None = None) -> list[Article]:
    """The articles in one raw document; `published` is the `--published` override."""
    if raw.kind == "jsonl":
        return [_from_jsonl(raw, published)]
    raise ValueError(f"no cleaner for input kind {raw.kind!r}")


def _from_jsonl(raw: RawDoc, published: str | None) -> Article:
    date = raw.published or published
    return Article(
        id=raw.id or content_id(raw.title, raw.content),
        source=Source(path=raw.path, index=raw.index, url=raw.url, outlet=raw.outlet),
        title=raw.title,
        text=raw.content,
        published=date,
        published_from="input" if date else "none",
    )
