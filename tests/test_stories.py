"""Stories: one happening told by three outlets is one story; similar happenings stay apart.

The corpus (`tests/data/stories/three_outlets.jsonl`) is a car bombing in Mosul written up by three
outlets with different wording, death tolls (ten, 12, fifteen) and dates ("on Sunday" in a Sunday
and a Monday story, "yesterday" in a Tuesday one), a wire copy of one of them re-posted by a fourth
outlet, and two strikes on the same day in Liverpool and Glasgow. Everything goes through the real
pipeline and store (`eventwire run --db`) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from coded_news import Coder
from eventwire import store
from eventwire.model import Article
from eventwire.store import schema
from eventwire.store.stories import interval, summaries

CORPUS = Path(__file__).parent / "data" / "stories" / "three_outlets.jsonl"
MOSUL = {"mosul-post", "mosul-herald", "mosul-wire"}


def stored_events(url: str) -> list[sa.Row]:
    engine = store.connect(url)
    with engine.connect() as conn:
        rows = list(conn.execute(sa.select(schema.events).order_by(schema.events.c.id)))
    engine.dispose()
    return rows


def stories_of(url: str, article_id: str, event: str) -> set[str]:
    return {
        row.story_id
        for row in stored_events(url)
        if row.article_id == article_id and row.event == event and row.country_code
    }


def story_rows(url: str, run_cli, tmp_path: Path) -> list[dict]:
    out = tmp_path / "stories.csv"
    result = run_cli("export", "--db", url, "--level", "story", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


@pytest.fixture
def clustered(db_url, run_cli) -> str:
    assert run_cli("run", str(CORPUS), "--db", db_url, "--quiet").exit_code == 0
    return db_url


def test_three_outlets_tell_one_story_and_two_strikes_in_two_towns_stay_apart(clustered):
    [mosul] = set.union(*(stories_of(clustered, article, "ASSAULT") for article in MOSUL))
    assert stories_of(clustered, "mosul-post-copy", "ASSAULT") == {mosul}  # the copy joins, not opens
    [liverpool] = stories_of(clustered, "strike-liverpool", "PROTEST")
    [glasgow] = stories_of(clustered, "strike-glasgow", "PROTEST")
    assert len({mosul, liverpool, glasgow}) == 3


def test_a_story_counts_articles_sources_and_mentions_and_keeps_the_best_supported_values(
    clustered, run_cli, tmp_path
):
    rows = {row["Articles"]: row for row in story_rows(clustered, run_cli, tmp_path)}
    mosul = rows["mosul-herald;mosul-post;mosul-post-copy;mosul-wire"]
    # The wire copy adds mentions and its outlet, not an article.
    assert (mosul["NumArticles"], mosul["NumSources"]) == ("3", "4")
    mentions = [row for row in stored_events(clustered) if row.story_id == mosul["StoryID"]]
    assert int(mosul["NumMentions"]) == len(mentions) > 4
    assert (mosul["FatalitiesMin"], mosul["FatalitiesMax"]) == ("10", "15")
    assert mosul["Fatalities"] in {"10", "12", "15"}
    assert (mosul["Event"], mosul["ActionGeo_FullName"], mosul["ActionGeo_CountryCode"]) == (
        "ASSAULT", "Mosul", "IQ"
    )  # fmt: skip
    assert mosul["FirstReported"] == "2024-03-10"
    assert mosul["DateMin"] <= mosul["Date"] <= mosul["DateMax"] <= "2024-03-12"
    strikes = [row for row in rows.values() if row["Event"] == "PROTEST"]
    assert {row["ActionGeo_FullName"] for row in strikes} >= {"Liverpool", "Glasgow"}


def test_stored_and_exported_events_carry_their_story(clustered, run_cli, tmp_path):
    out = tmp_path / "articles.jsonl"
    assert run_cli("export", "--db", clustered, "--out", str(out)).exit_code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    by_event = {row.id: row.story_id for row in stored_events(clustered)}
    events = [event for record in records for event in record["events"]]
    assert events and all(event["story_id"] == by_event[event["id"]] for event in events)
    assert all(event["story_id"] for event in events if not (event["negated"] or event["hypothetical"]))


def test_out_and_out_dir_carry_the_story_ids_the_store_gives(clustered, run_cli, tmp_path):
    out, parts = tmp_path / "records.jsonl", tmp_path / "parts"
    assert run_cli("run", str(CORPUS), "--out", str(out), "--out-dir", str(parts), "--quiet").exit_code == 0
    written = {
        e["id"]: e["story_id"]
        for line in out.read_text("utf-8").splitlines()
        for e in json.loads(line)["events"]
    }
    assert written == {row.id: row.story_id for row in stored_events(clustered)}
    assert len(set(written.values()) - {None}) >= 3  # the Mosul bombing and two strikes, at least
    parquet = pq.read_table(parts).to_pylist()
    assert {e["id"]: e["story_id"] for record in parquet for e in record["events"]} == written


def test_a_rerun_changes_nothing_and_articles_added_later_join_the_stored_stories(db_url, run_cli, tmp_path):
    lines = CORPUS.read_text("utf-8").splitlines(keepends=True)
    first, second = tmp_path / "monday.jsonl", tmp_path / "later.jsonl"
    first.write_text("".join(lines[:1] + lines[4:]), encoding="utf-8")
    second.write_text("".join(lines[1:4]), encoding="utf-8")
    for feed in (first, second, CORPUS):  # the last run adds nothing
        assert run_cli("run", str(feed), "--db", db_url, "--quiet").exit_code == 0
    at_once = f"sqlite:///{tmp_path / 'at-once.db'}"
    assert run_cli("run", str(CORPUS), "--db", at_once, "--quiet").exit_code == 0
    assigned = {row.id: row.story_id for row in stored_events(db_url)}
    assert assigned == {row.id: row.story_id for row in stored_events(at_once)}
    assert len(story_rows(db_url, run_cli, tmp_path)) == len(set(assigned.values()) - {None})


def test_dates_are_intervals_as_precise_as_they_were_reported():
    assert interval("2024-03-10", "day") == (interval("2024-03-10", "day")[0],) * 2
    start, end = interval("2024-02", "month")
    assert (start.isoformat(), end.isoformat()) == ("2024-02-01", "2024-02-29")
    start, end = interval("2024-W10", "week")
    assert (start.isoformat(), end.isoformat()) == ("2024-03-04", "2024-03-10")
    assert interval("2024", "year") is None  # too vague to tell one happening from another
    assert interval("not a date", "day") is None
    assert interval("2024-13-45", "day") is None  # a bad date from upstream opens its own story


def shelling(
    article_id: str, outlet: str, published: str, happened: str, who: str = "Israeli forces"
) -> Article:
    """A hand-coded one-sentence report: `who` shelled Gaza on Sunday."""
    c = Coder(f"{who} shelled Gaza on Sunday.", article_id, published)
    c.event(f"{article_id}-e1", "ASSAULT", "shelled", [c.who(who, who)], [], "Gaza", happened, "Sunday")
    return c.article(f"Shelling in Gaza ({outlet})", outlet)


def test_copies_add_mentions_and_conflicting_actors_or_distant_dates_open_new_stories(db_url):
    original = shelling("post", "Daily Post", "2024-03-04", "2024-03-03")
    copy = shelling("post-copy", "Daily Post", "2024-03-04", "2024-03-03")
    copy.duplicate_of = "post"
    engine = store.connect(db_url)
    store.write(engine, [original, copy])
    later = [
        shelling("herald", "Evening Herald", "2024-03-05", "2024-03-04"),  # a day off: the same story
        shelling("wire", "World Wire", "2024-03-04", "2024-03-03", who="Egypt"),  # other actors
        shelling("week-on", "World Wire", "2024-03-11", "2024-03-10"),  # a week later
    ]
    store.write(engine, later)
    found = {tuple(s["articles"]): s for s in summaries(engine)}
    engine.dispose()
    assert sorted(found) == [("herald", "post", "post-copy"), ("week-on",), ("wire",)]
    story = found[("herald", "post", "post-copy")]
    # The copy from the same outlet is one more mention, not an article nor a source.
    assert (story["num_articles"], story["num_sources"], story["num_mentions"]) == (2, 2, 3)
    assert (story["first_reported"], story["date_range"]) == ("2024-03-04", ["2024-03-03", "2024-03-04"])
    assert story["location"]["name"] == "Gaza" and story["actors"] == ["ISR"]
