"""Hardening of the command line itself: what it prints (never markup or escape codes taken from
data), which databases it writes into (never another application's), what its files make a
spreadsheet do (never run a formula), and how it stops (Ctrl-C: one line, no traceback).
docs/security.md says which claim each test proves."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from eventwire import store
from eventwire.store import schema

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
REPORT = "Police arrested twelve protesters in Lagos on Monday, a spokesman said."
ESCAPE = "\x1b[31m"


def write_feed(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_markup_and_escape_codes_in_data_are_printed_as_inert_text(tmp_path, db_url, run_cli):
    """An outlet `[/]` (Rich's closing tag) made `stats` crash on that database from then on, and
    escape codes in outlets and file names reached the terminal raw. Now every line the CLI prints
    shows data as it is, with control characters escaped."""
    feed = write_feed(
        tmp_path / f"feed{ESCAPE}[bold].jsonl",
        [
            {"id": "a", "text": REPORT, "outlet": "[/]", "published": "2024-03-04"},
            {
                "id": "b",
                "text": REPORT + " Again.",
                "outlet": f"{ESCAPE}Red[/red] Times\u202e",
                "published": "2024-03-05",
            },
            {"id": "c", "text": "x", "title": 5},
        ],
    )
    result = run_cli("run", str(feed), "--db", db_url)
    assert result.exit_code == 0
    printed = result.stderr
    assert "\x1b" not in printed and "\\x1b[31m" in printed
    shown = str(feed).replace(ESCAPE, "\\x1b[31m")
    assert f"error: {shown}:3: 'title' must be a string" in printed
    stats = run_cli("stats", "--db", db_url)
    assert stats.exit_code == 0, stats.output
    assert "[/]" in stats.stdout and "\\x1b[31mRed[/red] Times\\u202e" in stats.stdout
    assert "\x1b" not in stats.stdout and "\u202e" not in stats.stdout


def test_an_export_path_with_markup_is_written_and_named_as_it_is(tmp_path, run_cli):
    url = f"sqlite:///{tmp_path / 'news.db'}"
    assert (
        run_cli(
            "run", str(write_feed(tmp_path / "feed.jsonl", [{"id": "a", "text": REPORT}])), "--db", url
        ).exit_code
        == 0
    )
    (tmp_path / "[").mkdir()
    out = tmp_path / "[/]out[bold].jsonl"  # "[/]" closes a Rich tag: it crashed the closing message
    result = run_cli("export", "--db", url, "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"1 articles written to {out}"
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == ["a"]


def tables_of(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))


@pytest.mark.parametrize(
    "tables",
    [
        ["CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)"],
        ["CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)"],
    ],
)
def test_a_foreign_sqlite_file_is_refused_before_anything_is_created_in_it(tmp_path, run_cli, tables):
    """`--db` pointing at another application's SQLite file (a browser history, a notes app with
    its own `articles` table): one error line, and the file holds the tables it held."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        for statement in tables:
            conn.execute(statement)
    before = tables_of(path)
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": "a", "text": REPORT}])
    for args in (["run", str(feed)], ["stats"], ["export", "--out", str(tmp_path / "x.jsonl")]):
        result = run_cli(*args, "--db", f"sqlite:///{path}")
        assert result.exit_code == 1, args
        [line] = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert "cannot open database: not an eventwire database" in line
        assert tables_of(path) == before
    assert not (tmp_path / "x.jsonl").exists()


def test_a_postgresql_database_shared_with_another_application_is_used_unless_it_clashes(
    db_url, tmp_path, run_cli
):
    """On PostgreSQL other applications' tables may share the database (SQLite files are one
    application's): only a table of eventwire's name with other columns is refused."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    engine = sa.create_engine(store.normalise_url(db_url))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": "a", "text": REPORT}])
    assert run_cli("run", str(feed), "--db", db_url).exit_code == 0
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE captions")
        conn.exec_driver_sql("CREATE TABLE captions (id INTEGER PRIMARY KEY, note TEXT)")
    engine.dispose()
    result = run_cli("stats", "--db", db_url)
    assert result.exit_code == 1
    assert "not an eventwire database (its table 'captions' has no article_id" in result.stderr


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


def test_delimited_exports_quote_formula_cells_like_the_api(tmp_path, run_cli):
    """Scraped text starting with = + - @ runs as a formula when a spreadsheet opens the file:
    every CSV and TSV export (event and story level) quotes it, as the API's CSV does."""
    records = [
        {"id": f"f{n}", "title": formula, "outlet": formula, "published": "2024-03-04",
         "text": f"Soldiers shelled Aleppo on Monday, killing {n + 2} people, the Observatory said. Report {n}."}
        for n, formula in enumerate(FORMULAS)
    ]  # fmt: skip
    url = f"sqlite:///{tmp_path / 'news.db'}"
    assert run_cli("run", str(write_feed(tmp_path / "feed.jsonl", records)), "--db", url).exit_code == 0
    cells = []
    for fmt, level in (("csv", "event"), ("csv", "story"), ("tsv", "event"), ("tsv", "story")):
        out = tmp_path / f"{level}.{fmt}"
        assert (
            run_cli("export", "--db", url, "--format", fmt, "--level", level, "--out", str(out)).exit_code
            == 0
        )
        rows = list(
            csv.reader(out.open(encoding="utf-8", newline=""), delimiter="," if fmt == "csv" else "\t")
        )
        assert len(rows) > 1, (fmt, level)
        cells += [cell for row in rows for cell in row]
    for formula in FORMULAS:
        assert any(cell.startswith("'" + formula) for cell in cells), formula
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [cell for cell in cells if cell[:1] == "-" and not cell.lstrip("-").replace(".", "").isdigit()]


def articles_stored(url: str) -> int:
    engine = store.connect(url)
    with engine.connect() as conn:
        count = conn.scalar(sa.select(sa.func.count()).select_from(schema.articles))
    engine.dispose()
    return count


ARTICLES = 2400


def test_ctrl_c_stops_a_run_with_one_line_no_traceback_and_no_half_written_file(tmp_path):
    """Ctrl-C reaches the whole process group (the run and its workers) after the first batch is
    stored: the run says how far it got, no worker prints a traceback, the stored batches are
    whole, the `--out` file of the last good run is as it was, and the same command completes."""
    feed = write_feed(
        tmp_path / "feed.jsonl",
        # Enough articles that the run is still writing when the first batch is seen (400 short
        # ones were all stored within about a second of the first batch: on a busy machine the
        # signal could come after the run had finished).
        [
            {"id": f"n{n}", "text": f"{REPORT} Report {n}.", "published": "2024-03-04"}
            for n in range(ARTICLES)
        ],
    )
    url = f"sqlite:///{tmp_path / 'news.db'}"
    out = tmp_path / "out.jsonl"
    out.write_text("the last good run\n", encoding="utf-8")
    command = [EVENTWIRE, "run", str(feed), "--db", url, "--out", str(out), "--workers", "2", "--quiet"]
    # Ctrl-C as at a terminal: a test run started in the background (`make test &`) inherits an
    # ignored SIGINT, which the run would rightly keep ignoring.
    run = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and run.poll() is None:
        if (tmp_path / "news.db").exists() and articles_stored(url):
            break
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGINT)
    stderr = run.communicate(timeout=120)[1]
    assert run.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    [line] = stderr.strip().splitlines()
    assert line.startswith("interrupted after ") and line.endswith("run the same command again to complete")
    stored = articles_stored(url)
    assert int(line.split()[2]) == stored > 0
    assert out.read_text("utf-8") == "the last good run\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert articles_stored(url) == ARTICLES
    assert len(out.read_text("utf-8").splitlines()) == ARTICLES - stored  # the re-run skips what is stored


def test_parquet_parts_of_a_run_replace_the_earlier_ones_only_at_the_end(tmp_path, run_cli):
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": f"n{n}", "text": f"{REPORT} {n}."} for n in range(3)])
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "part-00007.parquet").write_bytes(b"left by an older run")
    assert run_cli("run", str(feed), "--out-dir", str(parts)).exit_code == 0
    assert sorted(p.name for p in parts.iterdir()) == ["part-00000.parquet"]
    assert pq.read_table(parts / "part-00000.parquet").num_rows == 3
