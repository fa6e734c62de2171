"""Finding the spans near a span without looking at all of them.

Stages ask, for each quote, participant or quotation mark, which of an article's other spans
overlap, contain or lie inside it. A scan of every span for every question is quadratic in the
length of the article (a megabyte of quotes took hours); `SpanIndex` answers in time for the
spans near the question. Answers keep the order the items were given in, so a stage that takes
the first of equals takes the same one as its scan did.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """`items` by the character range (start, end) that `span` gives for each."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> None:
        self._entries = sorted((*span(item), order, item) for order, item in enumerate(items))
        self._starts = [start for start, _, _, _ in self._entries]
        self._longest = max((end - start for start, end, _, _ in self._entries), default=0)

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items whose range shares at least one character with start..end."""
        return self._near(start - self._longest, end, lambda s, e: min(e, end) > max(s, start))

    def containing(self, start: int, end: int) -> list[T]:
        """The items whose range holds all of start..end."""
        return self._near(end - self._longest, start + 1, lambda s, e: s <= start and end <= e)

    def inside(self, start: int, end: int) -> list[T]:
        """The items whose range lies within start..end."""
        return self._near(start, end + 1, lambda s, e: start <= s and e <= end)

    def _near(self, first: int, stop: int, keep: Callable[[int, int], bool]) -> list[T]:
        """The items starting after `first` (or at it) and before `stop` that `keep`, in given order."""
        near = self._entries[bisect_left(self._starts, first) : bisect_left(self._starts, stop)]
        return [item for _, _, _, item in sorted((e for e in near if keep(e[0], e[1])), key=lambda e: e[2])]
