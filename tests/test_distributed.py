"""The same records from one process, from local worker processes, and from a Dask cluster."""

from __future__ import annotations

import json
import os
import signal

import pyarrow.parquet as pq
import pytest
from dask.distributed import Client, LocalCluster

from eventwire import distributed
from eventwire.ingest import read_inputs
from eventwire.model import Article
from eventwire.pipeline import Pipeline

STORIES = [
    "Police arrested 14 protesters in Nairobi on Tuesday after a march against tax rises.",
    "Government troops shelled rebel positions near Goma, killing three fighters, the army said.",
    "The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss aid to Gaza.",
    "Gunmen abducted 20 villagers in Zamfara state overnight, local officials said on Monday.",
    "Hundreds of workers went on strike at the port of Antwerp, halting container traffic.",
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps(
            {"id": f"a{i:03d}", "text": f"{STORIES[i % len(STORIES)]} Report {i}.", "published": "2024-03-05"}
        )
        for i in range(40)
    ]
    lines.insert(7, "{broken line")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def records(items) -> list:
    return [item.to_dict() if isinstance(item, Article) else str(item) for item in items]


def coded(corpus: str, **where) -> list:
    pipeline = Pipeline(batch_size=4)
    return records(distributed.run(pipeline, pipeline.prepare(read_inputs([corpus])), **where))


def test_worker_processes_give_the_records_of_one_process_in_input_order(corpus):
    one = coded(corpus)
    assert len(one) == 41 and any("invalid JSON" in r for r in one if isinstance(r, str))
    assert coded(corpus, workers=2) == one


def test_a_dask_cluster_gives_the_records_of_one_process(corpus):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = coded(corpus, cluster=cluster.scheduler_address)
    assert on_cluster == coded(corpus)


def test_a_worker_that_dies_mid_run_loses_no_article_and_repeats_none(corpus):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        pipeline = Pipeline(batch_size=4)
        stream = distributed.run(
            pipeline, pipeline.prepare(read_inputs([corpus])), cluster=cluster.scheduler_address
        )
        first = next(stream)
        with Client(cluster.scheduler_address) as client:
            victim = sorted(client.scheduler_info()["workers"])[0]
            pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        on_cluster = records([first, *stream])
    assert on_cluster == coded(corpus)


def test_run_writes_partitioned_parquet_on_workers_and_a_rerun_replaces_it(corpus, tmp_path, run_cli):
    folder = tmp_path / "parts"
    for _ in range(2):
        result = run_cli("run", corpus, "--out-dir", str(folder), "--workers", "2", "--quiet")
        assert result.exit_code == 0
    table = pq.read_table(folder)
    assert sorted(table.column("id").to_pylist()) == [f"a{i:03d}" for i in range(40)]
    assert all(path.name.startswith("part-") for path in folder.iterdir())


def test_cluster_run_gives_the_jsonl_and_database_of_a_one_process_run(corpus, tmp_path, run_cli):
    single, clustered = tmp_path / "one.jsonl", tmp_path / "cluster.jsonl"
    assert run_cli("run", corpus, "--out", str(single), "--workers", "1", "--quiet").exit_code == 0
    db = f"sqlite:///{tmp_path / 'cluster.db'}"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run_cli(
            "run",
            corpus,
            "--out",
            str(clustered),
            "--db",
            db,
            "--cluster",
            cluster.scheduler_address,
            "--quiet",
        )
    assert result.exit_code == 0
    assert clustered.read_text() == single.read_text()
    exported = tmp_path / "export.jsonl"
    assert run_cli("export", "--db", db, "--out", str(exported)).exit_code == 0
    assert sorted(json.loads(line)["id"] for line in exported.read_text().splitlines()) == [
        f"a{i:03d}" for i in range(40)
    ]
