"""Stretches of an article that are mostly repetition: blanked in the copy the parser reads.

A megabyte of "JENIN " or of one sentence over and over (a broken scraper, a log pasted into a page, an attack)
holds no news, yet spaCy and the stages after it spent two minutes of CPU on one. The text is cut into units:
lines, consecutive short lines grouped up to `BLOCK` characters, long lines cut into `BLOCK` pieces. Each unit
of at least `MIN_JUDGED` characters is compressed (zlib, its fastest level): news prose shrinks to a half or a
third (at most 2.5 times on `../shared/corpus`, 2.9 on every evaluation text), a run of one pattern to a tenth
or far less. A unit that shrinks more than `MAX_RATIO` times is given to the parser as spaces, its line breaks
kept, so the copy has the text's length and every offset found in it is an offset of the text (as with
`casing`'s copy). The article keeps its text verbatim; only the blanked units are not coded, and a paragraph
of news beside the junk is a unit of its own.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

BLOCK = 4096
MIN_JUDGED = 1024
MAX_RATIO = 8.0
NOT_LINE_BREAK = re.compile(r"[^\n]")
LINE = re.compile(r"[^\n]*\n*")


def blanked(text: str) -> str:
    """`text` with each unit that is mostly repetition replaced by spaces (line breaks kept)."""
    pieces, done = [], 0
    for start, end in kept(text):
        pieces += [NOT_LINE_BREAK.sub(" ", text[done:start]), text[start:end]]
        done = end
    return "".join([*pieces, NOT_LINE_BREAK.sub(" ", text[done:])])


def kept(text: str) -> list[tuple[int, int]]:
    """The (start, end) stretches of `text` that are not mostly repetition, in order."""
    if len(text) < 2 * BLOCK:
        return [(0, len(text))]
    stretches: list[tuple[int, int]] = []
    start = 0
    for unit in _units(text):
        end = start + len(unit)
        if not _repetitive(unit):
            if stretches and stretches[-1][1] == start:  # right after a kept unit: one stretch
                stretches[-1] = (stretches[-1][0], end)
            else:
                stretches.append((start, end))
        start = end
    return stretches


def _units(text: str) -> Iterator[str]:
    """`text` in consecutive pieces: runs of short lines up to `BLOCK` characters, long lines in `BLOCK` cuts."""
    group = ""
    for line in LINE.findall(text):
        if len(group) + len(line) <= BLOCK:
            group += line
            continue
        if group:
            yield group
        if len(line) <= BLOCK:
            group = line
            continue
        group = ""
        yield from (line[start : start + BLOCK] for start in range(0, len(line), BLOCK))
    if group:
        yield group


def _repetitive(unit: str) -> bool:
    if len(unit) < MIN_JUDGED:
        return False
    data = unit.encode("utf-8", "replace")
    return len(data) > MAX_RATIO * len(zlib.compress(data, 1))
