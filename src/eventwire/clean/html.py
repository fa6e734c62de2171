"""HTML pages: trafilatura finds the article body and the page metadata; our furniture rules then
take out what it leaves (captions with credits, repeated headlines, logo words, date lines)."""

from __future__ import annotations

import trafilatura

from eventwire.clean.furniture import Body, strip_furniture


def extract_page(html: str, url: str | None) -> tuple[Body, dict[str, str | None]]:
    """The page's cleaned body lines and its metadata (title, date, sitename, url).

    Raises ValueError when the page holds no article text.
    """
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    if doc is None or not (doc.text or "").strip():
        raise ValueError("no article text found in page")
    meta = {"title": doc.title, "date": doc.date, "sitename": doc.sitename, "url": doc.url or url}
    return strip_furniture(doc.text.splitlines(), doc.title), meta
