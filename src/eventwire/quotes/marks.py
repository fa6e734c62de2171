"""Pairing quotation marks into quoted stretches of text, robust to messy news copy.

News text mixes curly and straight marks, doubles typed as two apostrophes (''...''), guillemets,
quotes that run over several paragraphs (each paragraph reopens with a mark and only the last one
closes) and stray marks that never close. A stray mark must never swallow the rest of an article,
so a quote is capped at its paragraph unless the next paragraph reopens with a quotation mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.paragraphs import paragraphs
from eventwire.spanindex import SpanIndex

# A double quotation mark of any style; '' (two apostrophes) is a typewriter double mark.
_DOUBLE = re.compile(r"''|[\"“”«»„]")
_OPENERS = "“«„"
_CLOSERS = "”»"
_REOPEN = re.compile(r"[ \t\u00a0]*(?:''|[\"“«„])")
_NEXT_REOPENS = re.compile(r"\s*\n\s*(?:''|[\"“«„])")
# "HOST: ..." opening a transcript turn
_SPEAKER_LABEL = re.compile(r"[A-Z][A-Za-z.' -]{0,30}:\s")
# Single curly quotes count only when nothing double is open; ’ followed by a letter is an apostrophe.
_SINGLE = re.compile(r"‘|’(?![A-Za-z])")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: [start, end) includes its marks; `closed` is False when it was capped."""

    start: int
    end: int
    closed: bool = True


def _opens(text: str, mark: str, at: int) -> bool:
    """Whether a symmetric mark (" or '') at `at` opens a quote, judged by its neighbours."""
    if mark in _OPENERS:
        return True
    if mark in _CLOSERS:
        return False
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(mark)] if at + len(mark) < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _doubles_in(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Double-quoted stretches inside one paragraph: (start, end, closed)."""
    found: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for m in _DOUBLE.finditer(text, start, end):
        mark, at = m.group(), m.start()
        if open_at is None:
            if _opens(text, mark, at):
                open_at = at
        elif mark in _OPENERS and mark != "„":
            # a second opener while one is open: the first one was stray; restart here
            open_at = at
        else:
            found.append((open_at, m.end(), True))
            open_at = None
    if open_at is not None:
        found.append((open_at, _trim_end(text, open_at, end), False))
    return found


def _singles_in(
    text: str, start: int, end: int, taken: list[tuple[int, int, bool]]
) -> list[tuple[int, int, bool]]:
    """Top-level ‘single-quoted’ stretches (headline style) outside any double quote."""
    found = []
    open_at: int | None = None
    doubles = SpanIndex(taken, lambda double: (double[0], double[1]))
    for m in _SINGLE.finditer(text, start, end):
        at = m.start()
        if doubles.overlapping(at, at + 1):
            continue
        if m.group() == "‘":
            open_at = at
        elif open_at is not None:
            found.append((open_at, m.end(), True))
            open_at = None
    return found


def quoted_spans(text: str) -> list[Quoted]:
    """Every quoted stretch of `text` in order, multi-paragraph quotes joined into one.

    A quote left open at the end of a paragraph continues only when the next paragraph reopens
    with a quotation mark; otherwise it is capped at the paragraph end (`closed=False`).
    """
    out: list[Quoted] = []
    carry: int | None = None  # start of a quote running on from the previous paragraph
    for p_start, p_end in paragraphs(text):
        pos = p_start
        if carry is not None:
            reopened = _REOPEN.match(text, p_start)
            close = _first_close(text, reopened.end() if reopened else p_start, p_end)
            if close is None:
                if not _continues(text, p_end):
                    out.append(Quoted(carry, _trim_end(text, carry, p_end), False))
                    carry = None
                continue
            out.append(Quoted(carry, close))
            carry, pos = None, close
        spans = _doubles_in(text, pos, p_end)
        for i, (s, e, closed) in enumerate(spans):
            if not closed and i == len(spans) - 1 and _continues(text, e):
                carry = s
            else:
                out.append(Quoted(s, e, closed))
        out.extend(Quoted(s, e) for s, e, _ in _singles_in(text, pos, p_end, spans))
    return sorted(out, key=lambda q: q.start)


def _first_close(text: str, start: int, end: int) -> int | None:
    """End of the first closing double mark in [start, end), or None if the paragraph stays open."""
    for m in _DOUBLE.finditer(text, start, end):
        if m.group() in _CLOSERS or (m.group() not in _OPENERS and not _opens(text, m.group(), m.start())):
            return m.end()
    return None


def _continues(text: str, at: int) -> bool:
    """Whether the paragraph after `at` reopens the same quote (a transcript's next speaker does not)."""
    nxt = _NEXT_REOPENS.match(text, at)
    return nxt is not None and _SPEAKER_LABEL.match(text, nxt.end()) is None
