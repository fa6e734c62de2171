"""Text dumps: pages pasted as plain text, often several articles to a file.

A pasted page prints each headline more than once (page title, article title, share box), so a
short headline-like line that recurs within a few lines marks the start of an article; so does a
headline that opens the file or follows two or more blank lines, when prose follows it. Each block then loses its furniture
(`clean.furniture`) and hard-wrapped lines are joined back into paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.clean.furniture import CREDIT_END, is_logo, norm

TITLE_WINDOW = 8  # a repeated headline recurs within this many non-blank lines
HEADLINE_MAX_WORDS = 25
WRAPPED_MIN_CHARS = 40  # a hard-wrapped line is long; a short unpunctuated line is a subheading
SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "]", "…")


@dataclass(slots=True)
class Block:
    title: str | None
    lines: list[str]


def is_headline(line: str) -> bool:
    """Looks like a headline: a few words, starts like a sentence (or in a script without case, such
    as Arabic), is not shouted in capitals, and has no closing full stop or credit."""
    text = line.strip()
    words = text.split()
    return (
        2 <= len(words) <= HEADLINE_MAX_WORDS
        and (text[0].isalnum() or text[0] in "‘“\"'")
        and not text[0].islower()
        and not text.isupper()
        and not text.endswith((".", ",", ";", ":", "،", "؛"))
        and not CREDIT_END.match(text)
        and not is_logo(text)
    )


def split_dump(text: str) -> list[Block]:
    """The articles of a dump, each with its headline (None when the dump shows none)."""
    lines = [line.rstrip() for line in text.splitlines()]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    starts = _article_starts(lines, filled)
    if not starts:
        return [Block(None, lines)] if filled else []
    blocks = []
    preamble = lines[: starts[0]]
    if any(len(line.split()) >= 8 for line in preamble):  # prose before the first headline
        blocks.append(Block(None, preamble))
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        blocks.append(Block(lines[start].strip(), lines[start + 1 : end]))
    return blocks


def _article_starts(lines: list[str], filled: list[int]) -> list[int]:
    starts: list[int] = []
    current_title = None
    for n, i in enumerate(filled):
        if not is_headline(lines[i]):
            continue
        key = norm(lines[i])
        if key == current_title:
            continue  # the headline printed again inside its own article
        upcoming = [norm(lines[j]) for j in filled[n + 1 : n + 1 + TITLE_WINDOW]]
        after_gap = all(is_logo(lines[j]) for j in filled[:n]) or i - filled[n - 1] > 2
        following = filled[n + 1 : n + 1 + TITLE_WINDOW]
        opens_prose = any(not is_headline(lines[j]) and not is_logo(lines[j]) for j in following)
        if key in upcoming or (after_gap and opens_prose):
            starts.append(i)
            current_title = key
    return starts


def reflow(lines: list[str]) -> list[str]:
    """Paragraphs from lines: blank lines separate paragraphs, and a long line that does not end a
    sentence continues on the next line (hard wrapping)."""
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        if joinable:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        joinable = len(line) >= WRAPPED_MIN_CHARS and not line.endswith(SENTENCE_END)
    return paragraphs
