"""Datelines: the `JENIN, West Bank (AP) —` opening of wire copy.

A dateline is not prose (it would confuse sentence splitting and quote finding), but it says where
the story was filed and by which agency, so it is cut from the text and kept on the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from eventwire.clean.published import DAY, MONTH, YEAR
from eventwire.paragraphs import paragraphs

UPPER = "A-ZÀ-ÖØ-Þ"
# The name parts are bounded (a town of at most 5 words of at most 41 letters, a region of at most
# 5 words): the pattern is tried at each sentence start, and unbounded, a run of capitalised words
# ("JENIN JENIN ...") made each try scan to its end, quadratic in the text's length.
# The words of a name are on one line: "FULL TEXT.\n\nMIDWAY ATOLL -" is a kicker and then the dateline.
CAPS_WORD = rf"[{UPPER}][{UPPER}'’.\-]{{1,40}}"
NAME_WORD = rf"[{UPPER}][\w'’.\-]{{0,40}}"
GAP = r"[^\S\n]"
DATELINE_RE = re.compile(
    rf"(?P<place>(?P<town>{CAPS_WORD}(?:{GAP}{{1,3}}{CAPS_WORD}){{0,4}})"
    rf"(?:,{GAP}{{0,3}}{NAME_WORD}(?:{GAP}{{1,3}}{NAME_WORD}){{0,4}})?)"
    rf"(?:,\s*(?P<date>{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}\s+{MONTH}(?:,?\s+{YEAR})?))?"
    r"\s*(?:\((?P<outlet>[A-Z][\w .&'’/-]{0,40})\))?"
    r"\s*[—–-]{1,2}\s+(?=\S)"
)


@dataclass(slots=True)
class Dateline:
    place: str
    outlet: str | None
    date: str | None  # as written, e.g. "March 3, 2024"


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """`(dateline, rest of the paragraph)`; `(None, paragraph)` when it does not open with one."""
    match = DATELINE_RE.match(paragraph)
    if not match:
        return None, paragraph
    return _dateline(match), paragraph[match.end() :]


OPENING_PARAGRAPHS = 3  # a verbatim text may open with its headline and a deck before the dateline
HEADING_CHARS = 250  # a headline, deck or kicker is short; a longer paragraph is the story itself


def opening_dateline(text: str) -> tuple[Dateline, tuple[int, int]] | None:
    """The dateline that opens the story of a verbatim text and where its town is: at the start of its first
    paragraph, or after a headline and a deck ("Her recording.\n\nCHARLOTTE - The wife ..."), never after a
    paragraph of the story (a sub-heading "IOWA POLLS NOT NECESSARILY WRONG - " is not a dateline)."""
    for start, end in islice(paragraphs(text), OPENING_PARAGRAPHS):
        start += len(text[start:end]) - len(text[start:end].lstrip())
        if match := DATELINE_RE.match(text, start):
            return _dateline(match), match.span("town")
        if end - start > HEADING_CHARS:
            return None
    return None


def _dateline(match: re.Match[str]) -> Dateline:
    return Dateline(match.group("place").strip(), match.group("outlet"), match.group("date"))


def dateline_town(text: str, pos: int) -> tuple[int, int] | None:
    """Where the town of a dateline opening at `pos` is ("BANTAM" in "BANTAM — A mason ..."), for
    texts kept verbatim, whose datelines stay in the text."""
    match = DATELINE_RE.match(text, pos)
    return match.span("town") if match else None
