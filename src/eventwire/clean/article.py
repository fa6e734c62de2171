"""Assembling the Article record from the cleaned parts of a dump block or a page."""

from __future__ import annotations

from eventwire.clean.dateline import split_dateline
from eventwire.clean.furniture import Body
from eventwire.clean.published import choose_published, find_date
from eventwire.model import Article, RawDoc, Source, content_id


def assemble(
    raw: RawDoc,
    index: int,
    title: str | None,
    paragraphs: list[str],
    body: Body,
    published: str | None,
    meta: dict[str, str | None] | None = None,
) -> Article | None:
    """The Article for one cleaned body (None when no text is left); `published` is `--published`.

    A dateline opening the first paragraph is cut off; its place goes to `Article.dateline` and its
    agency to `source.outlet` when nothing better names the outlet.
    """
    meta = meta or {}
    dateline, first = split_dateline(paragraphs[0]) if paragraphs else (None, "")
    if dateline:
        paragraphs = [first, *paragraphs[1:]]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        return None
    date, origin = choose_published(
        [
            ("input", raw.published),
            ("input", published),
            ("metadata", meta.get("date")),
            ("dateline", dateline.date if dateline else None),
            ("text", body.stated_date),
            *(("caption", find_date(caption.text)) for caption in body.captions),
        ]
    )
    outlet = raw.outlet or meta.get("sitename") or (dateline.outlet if dateline else None)
    return Article(
        id=raw.id or content_id(title, text),
        source=Source(path=raw.path, index=index, url=raw.url or meta.get("url"), outlet=outlet),
        title=title,
        text=text,
        published=date,
        published_from=origin,
        captions=body.captions,
        dateline=dateline.place if dateline else None,
    )
