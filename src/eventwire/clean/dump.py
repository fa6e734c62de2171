"""Text dumps: pages pasted as plain text, often several articles to a file.

A pasted page prints each headline more than once (page title, article title, share box), so a
short headline-like line that recurs within a few lines marks the start of an article; so does a
headline that opens the file or follows two or more blank lines (furniture such as breadcrumbs
aside), when prose follows it. A short line printed again after prose has come between ("World
News", "Subscribe to our newsletter") is the site's, not an article's: never a headline, and
removed from every article as `repeated` furniture. Each block then loses its furniture
(`clean.furniture`) and hard-wrapped lines are joined back into paragraphs.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from eventwire.clean.furniture import chrome_kind, is_headline, is_logo, is_prose, norm

TITLE_WINDOW = 8  # a repeated headline recurs within this many non-blank lines
WRAPPED_MIN_CHARS = 40  # a hard-wrapped line is long; a short unpunctuated line is a subheading
SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "]", "…")


@dataclass(slots=True)
class Block:
    """One article's lines, each with its offset in the dump (`starts`), and its headline."""

    title: str | None
    lines: list[str]
    starts: list[int]


@dataclass(slots=True)
class Dump:
    """A dump's articles, and the lines its site prints in several of them (`norm` keys)."""

    blocks: list[Block]
    boilerplate: frozenset[str]


def split_dump(text: str) -> Dump:
    """The articles of a dump, each with its headline (None when the dump shows none).

    What the page prints before the first headline (masthead, breadcrumbs) opens the first
    article's lines, where the furniture rules record it; prose there is an article of its own.
    """
    raw = text.splitlines(keepends=True)
    offsets = [0]
    for line in raw:
        offsets.append(offsets[-1] + len(line))
    lines = [line.rstrip("\r\n").rstrip() for line in raw]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    keys = [norm(lines[i]) for i in filled]
    prose = [n for n, i in enumerate(filled) if is_prose(lines[i])]
    site_lines = _printed_in_several_articles(keys, prose)
    prose_lines = {keys[n] for n in prose}
    boilerplate = frozenset(site_lines - prose_lines)  # a sentence two articles share is theirs
    starts = _article_starts(lines, filled, keys, prose, site_lines)
    if not starts:
        return Dump([Block(None, lines, offsets[: len(lines)])] if filled else [], boilerplate)
    heads = [0, *(_header_start(lines, filled, start, keys, site_lines) for start in starts[1:])]
    blocks = []
    if any(len(lines[i].split()) >= 8 for i in range(starts[0])):  # prose before the first headline
        blocks.append(Block(None, lines[: starts[0]], offsets[: starts[0]]))
        heads[0] = starts[0]
    for head, start, end in zip(heads, starts, [*heads[1:], len(lines)], strict=True):
        rows = [*range(head, start), *range(start + 1, end)]
        blocks.append(Block(lines[start].strip(), [lines[i] for i in rows], [offsets[i] for i in rows]))
    return Dump(blocks, boilerplate)


def _header_start(
    lines: list[str], filled: list[int], start: int, keys: list[str], site_lines: set[str]
) -> int:
    """Where the header of the article headed at `start` begins: the furniture printed just above
    its headline (breadcrumbs, a section label) belongs to it when two or more blank lines part
    that furniture from the article before."""
    n = filled.index(start)
    m = n
    while m > 0 and filled[m] - filled[m - 1] <= 2:
        before = filled[m - 1]
        if not (is_logo(lines[before]) or chrome_kind(lines[before]) or keys[m - 1] in site_lines):
            return start
        m -= 1
    return filled[m] if m < n else start


def _article_starts(
    lines: list[str], filled: list[int], keys: list[str], prose: list[int], site_lines: set[str]
) -> list[int]:
    starts: list[int] = []
    current_title = None
    for n, i in enumerate(filled):
        key = keys[n]
        if not is_headline(lines[i]) or key in site_lines:
            continue
        if key == current_title:
            continue  # the headline printed again inside its own article
        next_prose = prose[bisect_right(prose, n)] if bisect_right(prose, n) < len(prose) else len(filled)
        upcoming = keys[n + 1 : min(n + 1 + TITLE_WINDOW, next_prose)]
        following = filled[n + 1 : n + 1 + TITLE_WINDOW]
        opens_prose = any(not is_headline(lines[j]) and not is_logo(lines[j]) for j in following)
        if key in upcoming or (_after_gap(lines, filled, n, site_lines, keys) and opens_prose):
            starts.append(i)
            current_title = key
    return starts


def _printed_in_several_articles(keys: list[str], prose: list[int]) -> set[str]:
    """Lines printed again after prose has come between: a section label or other furniture of the
    site ("World News" above every article), not a headline."""
    first: dict[str, int] = {}
    found = set()
    for n, key in enumerate(keys):
        if key in first and bisect_right(prose, first[key]) < bisect_right(prose, n):
            found.add(key)
        first.setdefault(key, n)
    return found


def _after_gap(lines: list[str], filled: list[int], n: int, site_lines: set[str], keys: list[str]) -> bool:
    """Whether two or more blank lines part the line `filled[n]` from the prose before it (the
    furniture in between, such as breadcrumbs or a masthead, does not count), or nothing but
    furniture comes before it."""
    m = n
    while m > 0:
        i, before = filled[m], filled[m - 1]
        if i - before > 2:
            return True
        if not (is_logo(lines[before]) or chrome_kind(lines[before]) or keys[m - 1] in site_lines):
            return False
        m -= 1
    return True


def reflow(lines: list[str]) -> list[str]:
    """Paragraphs from lines: blank lines separate paragraphs, and a long line that does not end a
    sentence continues on the next line (hard wrapping)."""
    paragraphs: list[list[str]] = []  # each paragraph's lines, joined at the end (linear time)
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        if joinable:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        joinable = len(line) >= WRAPPED_MIN_CHARS and not line.endswith(SENTENCE_END)
    return [" ".join(paragraph) for paragraph in paragraphs]
