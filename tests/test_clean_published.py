"""Publication dates: the most trusted source wins, and no date is ever invented."""

from datetime import date, timedelta

from eventwire.clean import clean
from eventwire.clean.published import choose_published, find_date, parse_date
from eventwire.model import RawDoc

DUMP = """\
Rockets Hit Base Near Erbil

Smoke rises over the base near Erbil on June 2, 2024. (Photo by Safin Hamid / AFP)

Published: June 3, 2024

ERBIL, Iraq, June 2, 2024 (Reuters) - Two rockets struck near a base hosting foreign troops outside Erbil, officials said.
"""


def test_written_dates_are_parsed_as_precisely_as_they_are_given():
    assert find_date("Published on Dec. 21, 2024 at 10:05") == "2024-12-21"
    assert find_date("a report dated 3rd of March, 2024") == "2024-03-03"
    assert find_date("at least since March 2023") == "2023-03"
    assert parse_date("2024-05-06T10:00:00Z") == "2024-05-06"
    assert parse_date("2021") == "2021"


def test_dates_without_a_year_are_not_completed_from_the_clock():
    assert find_date("the strike on Wednesday, March 3") is None
    assert parse_date("March 3") is None
    assert parse_date("yesterday") is None


def test_future_dates_are_refused():
    assert parse_date((date.today() + timedelta(days=30)).isoformat()) is None


def test_sources_are_tried_in_order_of_trust():
    pairs = [
        ("input", None),
        ("metadata", "not a date"),
        ("dateline", "June 2, 2024"),
        ("caption", "2020-01-01"),
    ]
    assert choose_published(pairs) == ("2024-06-02", "dateline")
    assert choose_published([("input", None)]) == (None, "none")


def test_dateline_beats_published_line_beats_caption():
    [article] = clean(RawDoc(path="d.txt", index=0, kind="text", content=DUMP))
    assert (article.published, article.published_from) == ("2024-06-02", "dateline")
    without_dateline = DUMP.replace("ERBIL, Iraq, June 2, 2024 (Reuters) - ", "")
    [article] = clean(RawDoc(path="d.txt", index=0, kind="text", content=without_dateline))
    assert (article.published, article.published_from) == ("2024-06-03", "text")


def test_input_date_beats_everything_in_the_text():
    [article] = clean(RawDoc(path="d.txt", index=0, kind="text", content=DUMP), published="2024-06-05")
    assert (article.published, article.published_from) == ("2024-06-05", "input")


def test_jsonl_dates_are_normalised_and_fall_back_to_the_option():
    raw = RawDoc(
        path="f.jsonl", index=0, kind="jsonl", content="Talks collapsed.", published="2024-06-05T08:00:00Z"
    )
    assert clean(raw)[0].published == "2024-06-05"
    raw.published = None
    assert (clean(raw)[0].published_from, clean(raw, published="2024-06-01")[0].published) == (
        "none",
        "2024-06-01",
    )
