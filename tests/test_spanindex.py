"""`SpanIndex` answers what a scan of every span would, in the same order, looking only near."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventwire.spanindex import SpanIndex

RANGES = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda r: (r[0], r[0] + r[1]))


def test_quotes_find_the_clause_that_holds_them_and_the_marks_inside_it():
    text = "He said “we will stay” and she said “we will go”."
    clauses = [(3, 22), (31, 48), (0, 49)]  # "said “we will stay”", "said “we will go”", the sentence
    marks = [(8, 22), (36, 48)]
    by_range = SpanIndex(clauses, lambda clause: clause)
    assert by_range.containing(*marks[0]) == [(3, 22), (0, 49)]
    assert by_range.inside(0, 30) == [(3, 22)]
    assert by_range.overlapping(20, 32) == [(3, 22), (31, 48), (0, 49)]
    assert [text[s:e] for s, e in SpanIndex(marks, lambda m: m).inside(*clauses[1])] == ["“we will go”"]


@given(st.lists(RANGES, max_size=30), RANGES)
def test_every_answer_is_the_scan_it_replaces(ranges, query):
    index = SpanIndex(ranges, lambda r: r)
    start, end = query
    assert index.overlapping(start, end) == [r for r in ranges if min(r[1], end) > max(r[0], start)]
    assert index.containing(start, end) == [r for r in ranges if r[0] <= start and end <= r[1]]
    assert index.inside(start, end) == [r for r in ranges if start <= r[0] and r[1] <= end]
