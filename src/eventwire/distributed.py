"""The same pipeline on N local processes or on a Dask distributed cluster.

The run's own process reads, cleans and marks near-duplicates (cheap, and order-dependent:
duplicates are judged across the whole run), then ships batches of articles to workers for the
expensive half (`Pipeline.enrich_batch`: spaCy and every resolve/coding stage). Results come back
in input order, so the records are identical to a single-process run, and only a bounded number
of batches is in flight, so memory stays flat however large the input. Writing stays in the run's
own process, batch by batch and idempotent by article id: a worker that dies loses nothing (Dask
retries its batch; a local pool failure stops the run, and a re-run completes it).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from typing import Protocol

from eventwire.model import Article, InputError
from eventwire.pipeline import Pipeline

RETRIES = 3


class _Result(Protocol):
    def result(self) -> list[Article]: ...


def default_workers() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(
    pipeline: Pipeline,
    items: Iterable[Article | InputError],
    workers: int = 1,
    cluster: str | None = None,
) -> Iterator[Article | InputError]:
    """Enrich prepared `items` (from `pipeline.prepare`) in order, where the caller asked for it.

    `cluster` is a Dask scheduler address (tcp://HOST:8786); otherwise `workers` local processes,
    and with one worker no pool at all.
    """
    if cluster:
        yield from _on_dask(pipeline, items, cluster)
        return
    items = iter(items)
    head, enough = _head(items, articles=2 * pipeline.batch_size) if workers > 1 else ([], False)
    if enough:
        # Enough work to be worth starting processes (each loads the model once).
        yield from _on_processes(pipeline, chain(head, items), workers)
    else:
        yield from pipeline.enrich_stream(chain(head, items))


def _head(items: Iterator[Article | InputError], articles: int) -> tuple[list[Article | InputError], bool]:
    """The items up to and including the `articles`-th article, and whether there were that many."""
    head: list[Article | InputError] = []
    count = 0
    for item in items:
        head.append(item)
        count += isinstance(item, Article)
        if count == articles:
            return head, True
    return head, False


def _ordered(
    submit: Callable[[list[Article]], _Result],
    items: Iterable[Article | InputError],
    batch: int,
    in_flight: int,
) -> Iterator[Article | InputError]:
    """Submit batches of articles, keep at most `in_flight` pending, yield everything in input order.

    InputErrors stay where they arrived, between the articles around them.
    """
    pending: deque[tuple[list[Article | InputError], _Result]] = deque()
    chunk: list[Article | InputError] = []
    articles: list[Article] = []
    for item in items:
        chunk.append(item)
        if isinstance(item, Article):
            articles.append(item)
            if len(articles) >= batch:
                pending.append((chunk, submit(articles)))
                chunk, articles = [], []
                while len(pending) > in_flight:
                    yield from _drain(*pending.popleft())
    if chunk:
        pending.append((chunk, submit(articles)))
    while pending:
        yield from _drain(*pending.popleft())


def _drain(chunk: list[Article | InputError], future: _Result) -> Iterator[Article | InputError]:
    """The chunk again, each article replaced by its enriched copy from the worker."""
    enriched = iter(future.result())
    for item in chunk:
        yield next(enriched) if isinstance(item, Article) else item


_worker_pipeline: Pipeline | None = None


def _init_worker(pipeline: Pipeline, parent: int) -> None:
    """Each worker process keeps one pipeline (and so loads the spaCy model once), and lives only
    as long as the run that started it. Ctrl-C reaches the whole process group: the run's own
    process handles it and stops the pool, so a worker ignores it (no traceback of its own)."""
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_pipeline = pipeline
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()


def _exit_without(parent: int) -> None:
    """Ends this worker once `parent` is gone: a `kill -9` of `eventwire run` must not leave
    workers behind, each holding a spaCy model in memory, blocked on a queue nobody feeds."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _enrich_in_worker(articles: list[Article]) -> list[Article]:
    assert _worker_pipeline is not None, "worker was not initialised"
    return _worker_pipeline.enrich_batch(articles)


def _on_processes(
    pipeline: Pipeline, items: Iterable[Article | InputError], workers: int
) -> Iterator[Article | InputError]:
    worker_copy = Pipeline(
        model=pipeline.model,
        published=pipeline.published,
        batch_size=pipeline.batch_size,
        min_confidence=pipeline.min_confidence,
    )
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(worker_copy, os.getpid()))

    def submit(batch: list[Article]) -> Future[list[Article]]:
        return pool.submit(_enrich_in_worker, batch)

    try:
        yield from _ordered(submit, items, pipeline.batch_size, in_flight=2 * workers)
    finally:  # a run cut short does not wait for the batches queued behind the running ones
        pool.shutdown(wait=True, cancel_futures=True)


def _enrich_on_dask(
    model: str, batch_size: int, min_confidence: float, articles: list[Article]
) -> list[Article]:
    """A Dask task: the worker's cached pipeline for `model` enriches one batch."""
    return Pipeline(model=model, batch_size=batch_size, min_confidence=min_confidence).enrich_batch(articles)


def _on_dask(
    pipeline: Pipeline, items: Iterable[Article | InputError], address: str
) -> Iterator[Article | InputError]:
    from dask.distributed import Client  # imported here: only cluster runs pay for it

    with Client(address) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(batch: list[Article]) -> _Result:
            return client.submit(
                _enrich_on_dask,
                pipeline.model,
                pipeline.batch_size,
                pipeline.min_confidence,
                batch,
                retries=RETRIES,
                pure=False,
            )

        yield from _ordered(submit, items, pipeline.batch_size, in_flight=2 * workers)
