"""Hardening under load: `eventwire serve` answers 50 concurrent clients on loopback while an
`eventwire run` writes into the same SQLite database, and never answers with a server error; two
runs writing one database at once store what they would one after the other.

The clients run for 60 seconds (DURATION), while the run commits batch after batch under the
readers. The p95 latency it prints is recorded in benchmarks/README.md; the test asserts on
errors, never on time.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import threading
import time

import httpx
import sqlalchemy as sa

from coded_news import newsroom
from eventwire import store
from eventwire.store import schema
from served import serving
from test_hardening_faults import check_whole, start_run, write_feed

CLIENTS = 50
DURATION = 60.0
PATHS = [
    "/api/events",
    "/api/events?type=ASSAULT&hypothetical=true",
    "/api/events?q=police&sort=date&limit=5",
    "/api/events?format=csv&limit=100",
    "/api/events?bbox=30,30,40,40&from=2024-01&to=2024-12-31",
    "/api/stats",
    "/api/network?quad=4",
    "/api/actors?prefix=po",
    "/api/articles/wire-3",
    "/api/articles/no-such-article",
    "/",
    "/static/app.js",
]


def client(base: str, until: float, offset: int, results: list[tuple[int, float]]) -> None:
    """One user: requests in turn until `until`, recording (status, seconds) for each."""
    with httpx.Client(base_url=base, timeout=60) as http:
        n = offset
        while time.monotonic() < until:
            path = PATHS[n % len(PATHS)]
            started = time.perf_counter()
            try:
                status = http.get(path).status_code
            except httpx.HTTPError:
                status = 599  # a dropped connection counts as a server error
            results.append((status, time.perf_counter() - started))
            n += 1


def test_fifty_clients_get_no_server_error_while_a_run_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'news.db'}"
    engine = store.connect(url)
    store.write(engine, newsroom())
    engine.dispose()
    feed = tmp_path / "feed.jsonl"
    expected = write_feed(feed, 0, 4 * store.BATCH_SIZE)
    with serving(url) as base:
        writer = start_run(str(feed), "--db", url)
        results: list[tuple[int, float]] = []
        until = time.monotonic() + DURATION
        threads = [threading.Thread(target=client, args=(base, until, n, results)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert writer.wait(timeout=600) == 0, writer.stderr.read()
    statuses = [status for status, _ in results]
    assert len(results) >= CLIENTS
    assert [s for s in statuses if s >= 500] == []
    assert set(statuses) <= {200, 404}
    assert statuses.count(200) > statuses.count(404)
    assert set(expected) <= set(check_whole(url))
    p95 = statistics.quantiles([seconds for _, seconds in results], n=20)[-1]
    print(
        f"\n{len(results)} requests from {CLIENTS} clients in {DURATION:.0f} s, 0 errors, p95 {p95 * 1000:.0f} ms"
    )


VOCABULARY = (
    "market school bridge convoy checkpoint harbour clinic mosque church station farm village road "
    "council court prison camp border river valley hill airport factory mine port tower square "
    "morning evening night storm drought flood fire crowd column patrol truck bus tank drone boat"
).split()
PLACES_AND_ACTORS = [("Kano", "Police"), ("Aleppo", "Soldiers"), ("Jos", "Rebels"), ("Mosul", "Militants"),
                     ("Goma", "Protesters"), ("Herat", "Farmers"), ("Sanaa", "Students"), ("Gao", "Miners"),
                     ("Cali", "Police"), ("Kyiv", "Soldiers")]  # fmt: skip


def near_duplicate_feeds(folder) -> tuple[str, str]:
    """Two feeds: ten reports, and a wire copy of each (another id and headline, one sentence
    added), the kind two runs started at once by two cron jobs would share."""
    rng = random.Random(16)
    originals, copies = [], []
    for n, (place, actor) in enumerate(PLACES_AND_ACTORS):
        filler = " ".join(rng.choice(VOCABULARY) for _ in range(40))
        text = (
            f"{actor} attacked a convoy in {place} on Monday, killing {n + 3} people, officials said. "
            f"Witnesses described the {filler}. The governor of {place} condemned the attack."
        )
        originals.append(
            {"id": f"report-{n}", "title": f"Attack in {place}", "text": text, "published": "2024-04-02"}
        )
        copies.append({"id": f"wire-{n}", "title": f"{place}: {n + 3} killed", "published": "2024-04-02",
                       "text": text + " The toll could rise, a hospital official said."})  # fmt: skip
    paths = []
    for name, records in (("reports.jsonl", originals), ("wire.jsonl", copies)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        paths.append(str(folder / name))
    return paths[0], paths[1]


def duplicates_and_stories(url: str) -> tuple[int, int]:
    engine = store.connect(url)
    counts = store.counts(engine)
    with engine.connect() as conn:
        stories = conn.scalar(sa.select(sa.func.count()).select_from(schema.stories))
    engine.dispose()
    return counts.duplicates, stories


def test_two_runs_at_once_store_what_two_runs_in_a_row_store(db_url, tmp_path, run_cli):
    """Near-duplicate marking and story clustering take the database's write lock (SQLite's
    `BEGIN IMMEDIATE`, a PostgreSQL advisory lock), and each run catches up with what the other
    stored meanwhile: two runs started together mark the ten wire copies and build the stories
    that the same runs one after the other do (in one order or the other), instead of seeing
    nothing of each other (0 near-duplicates, twice the stories)."""
    reports, wire = near_duplicate_feeds(tmp_path)
    in_a_row = set()
    for order in ((reports, wire), (wire, reports)):
        url = f"sqlite:///{tmp_path / f'in-a-row-{len(in_a_row)}.db'}"
        for feed in order:
            assert run_cli("run", feed, "--db", url, "--quiet").exit_code == 0
        in_a_row.add(duplicates_and_stories(url))
    assert {duplicates for duplicates, _ in in_a_row} == {10}
    runs = [start_run(feed, "--db", db_url) for feed in (reports, wire)]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.stderr.read()
    assert duplicates_and_stories(db_url) in in_a_row
    assert sorted(check_whole(db_url)) == sorted(
        [f"report-{n}" for n in range(10)] + [f"wire-{n}" for n in range(10)]
    )


def test_processes_opening_one_new_database_at_once_all_find_it_whole(db_url):
    """A run starting while a reader (a second run, `stats`, a script polling the file) opens the same new
    database: each process creates the tables or finds them made, and none fails on the other's."""
    code = "import sys; from eventwire import store; store.connect(sys.argv[1]).dispose()"
    openers = [subprocess.Popen([sys.executable, "-c", code, db_url], stderr=subprocess.PIPE, text=True) for _ in range(6)]
    failures = [stderr for opener in openers if (stderr := opener.communicate(timeout=120)[1]) and opener.returncode]
    assert failures == []
    assert set(schema.metadata.tables) <= set(sa.inspect(store.connect(db_url)).get_table_names())
