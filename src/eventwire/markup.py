"""Markup left in a text: blanked in the copy the parser reads.

Feeds and exports often keep tags in an article's text: HuffPost's embedded tweets arrive as `<tweet pic=""
author="realDonaldTrump" timestamp="1468512000" tweet_id="...">Another horrific attack ...</tweet>` (62 of
the 928 articles of `../shared/corpus`). The tag and its attributes are no prose: parsed, they made "tweet" a
verb, its quoted attributes quotations and its ids numbers. Each tag is given to the parser as spaces (line
breaks kept), so the copy has the text's length and every offset found in it is an offset of the text (as with
`casing` and `repetition`); the words between the tags, the tweet itself, are parsed. The article keeps its
text verbatim.
"""

from __future__ import annotations

import re

# An opening, closing or empty tag: "<" and a letter (not "< 5" or "<-"), attributes, ">".
TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]{0,500})?/?>")
NOT_LINE_BREAK = re.compile(r"[^\n]")


def blanked(text: str) -> str:
    """`text` with every tag replaced by spaces (line breaks kept)."""
    return TAG.sub(lambda tag: NOT_LINE_BREAK.sub(" ", tag.group()), text)
