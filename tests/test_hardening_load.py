"""Hardening under load: `eventwire serve` answers 50 concurrent clients on loopback while an
`eventwire run` writes into the same SQLite database, and never answers with a server error.

The clients run for 60 seconds (DURATION), while the run commits batch after batch under the
readers. The p95 latency it prints is recorded in benchmarks/README.md; the test asserts on
errors, never on time.
"""

from __future__ import annotations

import statistics
import threading
import time

import httpx

from coded_news import newsroom
from eventwire import store
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
