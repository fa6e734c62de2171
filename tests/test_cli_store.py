"""`eventwire run --db`, `export` and `stats` as a user runs them, on SQLite and PostgreSQL."""

import csv
import io
import json
import re
import tempfile

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from coded_news import newsroom, recalled
from eventwire import store
from eventwire.export import record_line
from eventwire.export.acled import COLUMNS
from eventwire.export.gdelt import COLUMNS as GDELT_COLUMNS
from eventwire.model import Article, Source
from test_store import coded_article

STORIES = [
    {
        "id": "lagos-1",
        "title": "Traders protest in Lagos",
        "text": "Hundreds of market traders protested in Lagos on Monday against a new levy. "
        "The state government said the levy would fund road repairs.",
        "published": "2024-05-06",
        "outlet": "Lagos Ledger",
    },
    {
        "id": "abuja-1",
        "text": "The senate in Abuja approved the budget on Tuesday after a week of debate.",
        "published": "2024-05-07",
        "outlet": "Capital Times",
    },
]


@pytest.fixture
def feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(story) + "\n" for story in STORIES), encoding="utf-8")
    return path


def stored_records(db_url: str) -> dict[str, dict]:
    engine = store.connect(db_url)
    records = {s.record["id"]: s.record for s in store.articles(engine)}
    engine.dispose()
    return records


def store_coded_article(db_url: str, *more: Article) -> None:
    """Store an article with one known event directly (as the coding stages would), and `more`."""
    engine = store.connect(db_url)
    store.write(engine, [coded_article(), *more])
    engine.dispose()


def uncoded(story: dict) -> Article:
    """A story from STORIES as an article without events."""
    source = Source(path="feed.jsonl", index=0, outlet=story["outlet"])
    return Article(
        id=story["id"], source=source, title=None, text=story["text"], published=story["published"]
    )


def test_running_the_same_input_twice_stores_each_article_once(db_url, feed, run_cli):
    first = run_cli("run", str(feed), "--db", db_url)
    assert first.exit_code == 0
    assert "2 articles: 2 stored, 0 already stored" in first.stderr
    second = run_cli("run", str(feed), "--db", db_url)
    assert second.exit_code == 0
    assert "2 articles: 0 stored, 2 already stored" in second.stderr
    assert list(stored_records(db_url)) == ["lagos-1", "abuja-1"]


def test_a_run_into_a_database_leaves_no_scratch_files(db_url, feed, tmp_path, run_cli, monkeypatch):
    """Without --db a scratch database clusters the stories; with one, nothing is written beside it (a run
    killed with SIGKILL cannot clean up after itself)."""
    made = []
    real = tempfile.TemporaryDirectory
    monkeypatch.setattr(tempfile, "TemporaryDirectory", lambda *a, **k: made.append(k) or real(*a, **k))
    assert run_cli("run", str(feed), "--db", db_url, "--quiet").exit_code == 0
    assert made == []
    assert run_cli("run", str(feed), "--out", str(tmp_path / "out.jsonl"), "--quiet").exit_code == 0
    assert made == [{"prefix": "eventwire-stories-"}]


def test_a_bad_file_in_the_batch_does_not_stop_the_good_ones(db_url, feed, tmp_path, run_cli):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "half", "text": "Rebels\n', encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    result = run_cli("run", str(broken), str(missing), str(feed), "--db", db_url)
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors[0].startswith(f"error: {broken}:1: ")
    assert errors[1].startswith(f"error: {missing}: ")
    assert len(errors) == 2
    assert list(stored_records(db_url)) == ["lagos-1", "abuja-1"]


def test_nothing_processable_exits_non_zero(db_url, tmp_path, run_cli):
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    result = run_cli("run", str(broken), "--db", db_url)
    assert result.exit_code == 1
    assert f"error: {broken}:1: invalid JSON" in result.stderr


def test_export_jsonl_gives_back_what_run_out_wrote(db_url, feed, tmp_path, run_cli):
    written, exported = tmp_path / "run.jsonl", tmp_path / "export.jsonl"
    run_cli("run", str(feed), "--out", str(written), "--quiet")
    run_cli("run", str(feed), "--db", db_url, "--quiet")
    result = run_cli("export", "--db", db_url, "--format", "jsonl", "--out", str(exported))
    assert result.exit_code == 0
    records = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    # Each event joins a story, in the store and in --out alike (the same clustering).
    for event in (event for record in records for event in record["events"]):
        assert event["story_id"] or event["negated"] or event["hypothetical"] or event["background"]
    assert records == [json.loads(line) for line in written.read_text("utf-8").splitlines()]
    assert "".join(map(record_line, records)).encode("utf-8") == written.read_bytes()


def test_near_duplicates_are_marked_within_a_run_and_against_the_store(db_url, feed, tmp_path, run_cli):
    run_cli("run", str(feed), "--db", db_url, "--quiet")
    repost = dict(STORIES[0], id="ledger-repost", title="Levy protest")
    repost["text"] += " Traders said they would return on Friday."
    copy = tmp_path / "copy.jsonl"
    copy.write_text(json.dumps(repost) + "\n", encoding="utf-8")
    result = run_cli("run", str(copy), "--db", db_url)
    assert "1 near-duplicates" in result.stderr
    records = stored_records(db_url)
    assert records["ledger-repost"]["duplicate_of"] == "lagos-1"
    assert records["abuja-1"]["duplicate_of"] is None


def test_csv_export_has_acled_columns_and_one_row_per_event(db_url, feed, tmp_path, run_cli):
    store_coded_article(db_url)
    out = tmp_path / "events.csv"
    assert run_cli("export", "--db", db_url, "--format", "csv", "--out", str(out)).exit_code == 0
    with open(out, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == COLUMNS
    assert COLUMNS[:3] == ["event_id_cnty", "event_date", "year"]
    [row] = rows
    assert (row["event_id_cnty"], row["event_date"], row["year"], row["time_precision"]) == (
        "KEN-kisumu-1-e1", "2024-03-08", "2024", "1"
    )  # fmt: skip
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Demonstrations", "Protests", "Excessive force against protesters"
    )  # fmt: skip
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == (
        "Kenya Police", "1", "protesters", "7", "17"
    )  # fmt: skip
    assert (row["iso"], row["country"], row["location"], row["latitude"], row["geo_precision"]) == (
        "404", "Kenya", "Kisumu", "-0.1", "1"
    )  # fmt: skip
    assert (row["source"], row["reported_by"], row["region"]) == ("Daily Courier", "witnesses", "Eastern Africa")
    assert (row["fatalities"], row["plover_event"], row["plover_mode"]) == ("0", "COERCE", "crowd-control")
    text = coded_article().text
    assert text[int(row["trigger_start"]) : int(row["trigger_end"])] == row["trigger"] == "fired tear gas"
    assert row["notes"] == text[int(row["sentence_start"]) : int(row["sentence_end"])]


def test_event_exports_leave_background_out_unless_asked_for(db_url, tmp_path, run_cli):
    engine = store.connect(db_url)
    store.write(engine, [recalled()])
    engine.dispose()
    for fmt in ("csv", "tsv"):
        out = tmp_path / f"events.{fmt}"
        assert run_cli("export", "--db", db_url, "--format", fmt, "--out", str(out)).exit_code == 0
        assert "ev-cairo-march" in out.read_text("utf-8") and "ev-cairo-2011" not in out.read_text("utf-8")
        run_cli("export", "--db", db_url, "--format", fmt, "--out", str(out), "--background")
        assert "ev-cairo-2011" in out.read_text("utf-8")
    with open(tmp_path / "events.csv", newline="", encoding="utf-8") as handle:
        rows = {row["event_id"]: row for row in csv.DictReader(handle)}
    assert [rows[e]["background"] for e in ("ev-cairo-march", "ev-cairo-2011")] == ["0", "1"]
    march = rows["ev-cairo-march"]
    assert (march["location"], march["geo_precision"], march["location_source"]) == ("Cairo", "1", "clause")


def test_csv_export_of_articles_without_events_is_a_real_header(tmp_path, run_cli):
    db = f"sqlite:///{tmp_path / 'e.db'}"
    engine = store.connect(db)
    store.write(engine, [uncoded(story) for story in STORIES])
    engine.dispose()
    out = tmp_path / "events.csv"
    result = run_cli("export", "--db", db, "--format", "csv", "--out", str(out))
    assert out.read_text("utf-8").splitlines() == [",".join(COLUMNS)]
    assert "0 events written" in result.stderr


def test_tsv_export_has_gdelt_event_columns(db_url, tmp_path, run_cli):
    store_coded_article(db_url)
    out = tmp_path / "events.tsv"
    assert run_cli("export", "--db", db_url, "--format", "tsv", "--out", str(out)).exit_code == 0
    [line] = out.read_text("utf-8").splitlines()
    row = dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
    assert (row["GLOBALEVENTID"], row["SQLDATE"], row["MonthYear"], row["Year"]) == (
        "kisumu-1-e1", "20240308", "202403", "2024"
    )  # fmt: skip
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor2Type1Code"]) == (
        "KENCOP", "KENYA POLICE", "KEN", "CVL"
    )  # fmt: skip
    assert (row["IsRootEvent"], row["EventRootCode"], row["QuadClass"], row["NumArticles"]) == (
        "1",
        "17",
        "4",
        "1",
    )
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_Lat"], row["ActionGeo_FeatureID"]) == (
        "4", "Kisumu, Kisumu", "-0.1", "191245"
    )  # fmt: skip
    assert row["SOURCEURL"] == "https://example.org/k"


def test_parquet_export_is_nested_and_readable_by_pyarrow(db_url, feed, tmp_path, run_cli):
    store_coded_article(db_url)
    run_cli("run", str(feed), "--db", db_url, "--quiet")
    out = tmp_path / "articles.parquet"
    assert run_cli("export", "--db", db_url, "--format", "parquet", "--out", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ["kisumu-1", "lagos-1", "abuja-1"]
    first = table.slice(0, 1).to_pylist()[0]
    expected = coded_article().to_dict()
    assert first["text"] == expected["text"] and first["source"] == expected["source"]
    assert first["events"][0]["trigger"] == expected["events"][0]["trigger"]
    assert dict(first["events"][0]["acled"]) == expected["events"][0]["acled"]


def test_stats_counts_outlets_days_and_event_types(db_url, run_cli):
    store_coded_article(db_url, *(uncoded(story) for story in STORIES))
    result = run_cli("stats", "--db", db_url)
    assert result.exit_code == 0
    assert "3 articles (0 near-duplicates), 1 events" in result.stdout
    for expected in ("Lagos Ledger", "Capital Times", "Daily Courier", "2024-05-06", "COERCE"):
        assert expected in result.stdout


def test_an_unreachable_database_is_one_error_line(tmp_path, feed, run_cli):
    db = "postgresql://eventwire:secret@/nowhere?host=" + str(tmp_path)
    result = run_cli("run", str(feed), "--db", db)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: postgresql://eventwire:***@/nowhere") and "cannot open database" in line


def test_the_default_database_is_eventwire_db_in_the_working_directory(tmp_path, feed, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("run", str(feed), "--quiet").exit_code == 0
    engine = sa.create_engine("sqlite:///eventwire.db")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 2
    engine.dispose()


def test_a_database_that_refuses_writes_stops_the_run_with_one_clear_line(tmp_path, feed, run_cli):
    path = tmp_path / "events.db"
    run_cli("run", str(feed), "--db", f"sqlite:///{path}", "--quiet")
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "late", "text": "Voting ended in Kano."}) + "\n", encoding="utf-8")
    result = run_cli("run", str(more), "--db", f"sqlite:///file:{path}?mode=ro&uri=true")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "database failed after 0 articles" in line
    assert list(stored_records(f"sqlite:///{path}")) == ["lagos-1", "abuja-1"]


def test_export_and_stats_do_not_invent_a_database(tmp_path, run_cli):
    db = f"sqlite:///{tmp_path / 'typo.db'}"
    for args in (["stats"], ["export", "--out", str(tmp_path / "x.jsonl")]):
        result = run_cli(*args, "--db", db)
        assert result.exit_code == 1
        assert result.stderr.strip() == f"error: {db}: no such database file"
    assert not (tmp_path / "typo.db").exists()


def test_export_to_an_unwritable_place_is_one_error_line(db_url, tmp_path, run_cli):
    store_coded_article(db_url)
    out = tmp_path / "no" / "such" / "dir.csv"
    result = run_cli("export", "--db", db_url, "--format", "csv", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {out}: cannot write: No such file or directory"


# --- export with the page's filters ---------------------------------------------------------------


@pytest.fixture
def newsroom_db(db_url):
    """The hand-coded newsroom of the API tests: 9 events, one hypothetical, one story told twice."""
    engine = store.connect(db_url)
    store.write(engine, newsroom())
    engine.dispose()
    return db_url


def exported_ids(run_cli, db: str, out, *options: str) -> list[str]:
    result = run_cli("export", "--db", db, "--out", str(out), *options)
    assert result.exit_code == 0, result.stderr
    return sorted(row["event_id"] for row in csv.DictReader(open(out, newline="", encoding="utf-8")))


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), 8),  # what the page shows by default: the hypothetical return is left out
        (("--hypothetical",), 9),
        (("--type", "ASSAULT", "--country", "Syria"), ["ev-aleppo-shelled", "ev-aleppo-wire"]),
        (("--country", "PSE", "--country", "eg"), ["ev-cairo-talks", "ev-jenin-strike", "ev-jordan-aid"]),
        (("--from", "2024-05-01", "--to", "2024-05-12"), ["ev-cairo-talks", "ev-jenin-strike", "ev-jordan-aid"]),
        (("--story", "story-aleppo"), ["ev-aleppo-shelled", "ev-aleppo-wire"]),
        (("--acled-only",), ["ev-aleppo-shelled"]),
        (("--min-confidence", "0.9"), []),
    ],
)
def test_export_takes_the_pages_filters(newsroom_db, tmp_path, run_cli, options, expected):
    found = exported_ids(run_cli, newsroom_db, tmp_path / "events.csv", *options)  # csv from the name
    assert (len(found) if isinstance(expected, int) else found) == expected


def test_export_formats_come_from_the_file_name(newsroom_db, tmp_path, run_cli):
    result = run_cli("export", "--db", newsroom_db, "--out", str(tmp_path / "map.geojson"))
    assert result.exit_code == 0 and "5 events written" in result.stderr
    assert "3 events without a place left out" in result.stderr
    collection = json.loads((tmp_path / "map.geojson").read_text("utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 5
    assert run_cli("export", "--db", newsroom_db, "--out", str(tmp_path / "a.parquet")).exit_code == 0
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 5
    refused = run_cli("export", "--db", newsroom_db, "--out", str(tmp_path / "events.txt"))
    assert refused.exit_code == 2 and "cannot tell the format from the name" in refused.stderr
    assert not (tmp_path / "events.txt").exists()


def test_article_exports_with_a_filter_hold_the_articles_with_a_matching_event(newsroom_db, tmp_path, run_cli):
    out = tmp_path / "articles.jsonl"
    assert run_cli("export", "--db", newsroom_db, "--out", str(out), "--type", "AID").exit_code == 0
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == ["aid-talks"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--from", "2016-13-01"), "error: --from: 2016-13-01 is not a date"),
        (("--country", "Syrie"), "error: --country: unknown country 'Syrie'"),
        (("--type", "FIGHT"), "error: --type: unknown event type 'FIGHT'"),
    ],
)
def test_export_refuses_nonsense_filters_with_the_reason(newsroom_db, tmp_path, run_cli, options, message):
    result = run_cli("export", "--db", newsroom_db, "--out", str(tmp_path / "e.csv"), *options)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "e.csv").exists()


def test_acled_notes_are_one_line_and_source_is_the_outlet(tmp_path, run_cli):
    article = coded_article()
    article.events[0].sentence.text = "Police fired tear gas\nat protesters,\r\n witnesses said."
    db = f"sqlite:///{tmp_path / 'n.db'}"
    engine = store.connect(db)
    store.write(engine, [article])
    engine.dispose()
    assert run_cli("export", "--db", db, "--out", str(tmp_path / "e.csv")).exit_code == 0
    [row] = csv.DictReader(open(tmp_path / "e.csv", newline="", encoding="utf-8"))
    assert row["notes"] == "Police fired tear gas at protesters, witnesses said."
    assert (row["source"], row["reported_by"], row["region"]) == ("Daily Courier", "witnesses", "Eastern Africa")


# --- run: what it says, and what it leaves alone ----------------------------------------------------


def test_run_counts_events_in_its_summary(db_url, feed, run_cli):
    result = run_cli("run", str(feed), "--db", db_url)
    events = sum(len(r["events"]) for r in stored_records(db_url).values())
    assert f"2 stored, 0 already stored, {events} events" in result.stderr


def test_a_run_that_reads_nothing_creates_no_database(tmp_path, run_cli):
    db = tmp_path / "new.db"
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing.jsonl"
    result = run_cli("run", str(missing), "--db", f"sqlite:///{db}")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {missing}: no such file or folder",
        "1 files, 0 documents read: nothing to do",
    ]
    assert run_cli("run", str(empty), "--db", f"sqlite:///{db}").exit_code == 1
    assert not db.exists()


def test_the_progress_bar_has_a_total_counted_before_the_run(feed, tmp_path, run_cli, monkeypatch):
    from rich.console import Console

    from eventwire import cli
    from eventwire.ingest import count_documents

    folder = tmp_path / "news"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.html").write_text("<p>Troops withdrew from the town on Monday.</p>", encoding="utf-8")
    (folder / "deep" / "b.txt").write_text("Rebels attacked a convoy on Monday.", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an input kind: skipped, not counted
    assert count_documents([str(feed), str(folder)]) == 2 + 2
    assert count_documents(["-"]) is None  # standard input is read once, by the run
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=160))
    assert run_cli("run", str(feed), "--out", str(tmp_path / "o.jsonl")).exit_code == 0
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", screen.getvalue())  # what the terminal showed
    assert re.search(r"[0-2]/2 documents", shown)  # a bar with its total, not a spinner


def test_the_command_has_a_version_and_says_what_it_does(run_cli):
    assert run_cli("--version").stdout.strip().startswith("eventwire ")
    help_text = run_cli("--help").stdout
    assert "serve" in help_text and "Typer" not in help_text and "Rich" not in help_text
