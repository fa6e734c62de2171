"""Assembling the Article record from the cleaned parts of a dump block or a page."""

from __future__ import annotations

from eventwire.clean.dateline import split_dateline
from eventwire.clean.furniture import FURNITURE, Body
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
    rules: frozenset[str] = FURNITURE,
) -> Article | None:
    """The Article for one cleaned body (None when no text is left); `published` is `--published`.

    A dateline opening the first paragraph is recorded: its place in `Article.dateline`, its agency
    in `source.outlet` when nothing better names the outlet (the input, the page's site name, a
    masthead, a copyright line). With the "dateline" rule it is also cut from the text.
    """
    meta = meta or {}
    dateline, first = split_dateline(paragraphs[0]) if paragraphs else (None, "")
    if dateline and "dateline" in rules:
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
    outlet = (
        raw.outlet
        or meta.get("sitename")
        or body.masthead
        or body.copyright_holder
        or (dateline.outlet if dateline else None)
    )
    return Article(
        id=raw.id or content_id(title, text),
        source=Source(path=raw.path, index=index, url=raw.url or meta.get("url"), outlet=outlet),
        title=title,
        text=text,
        published=date,
        published_from=origin,
        captions=body.captions,
        dateline=dateline.place if dateline else None,
        byline=body.byline,
        removed=body.removed,
    )
