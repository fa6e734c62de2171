"""Where `eventwire run` puts article records as they come: a JSONL file, a folder of Parquet
parts, the database — any combination. Each sink counts what it kept and reports what it refused.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa

from eventwire import store
from eventwire.export.jsonl import record_line
from eventwire.export.parquet import write_parquet
from eventwire.model import Article

PART_ARTICLES = 1000


class Sink(Protocol):
    """Receives articles one at a time; `close` flushes. `kept` counts articles written (for the
    database: newly stored); `refused` lists (article, reason) it could not write."""

    kept: int
    refused: list[tuple[Article, str]]

    def add(self, article: Article) -> None: ...

    def close(self) -> None: ...


class JsonlSink:
    """The article records of the contract, one line each, to a file or `-` (stdout)."""

    def __init__(self, path: str) -> None:
        self._owned = path != "-"
        self._file = open(path, "w", encoding="utf-8") if self._owned else sys.stdout
        self.kept = 0
        self.refused: list[tuple[Article, str]] = []

    def add(self, article: Article) -> None:
        self._file.write(record_line(article.to_dict()))
        self.kept += 1

    def close(self) -> None:
        if self._owned:
            self._file.close()
        else:
            self._file.flush()


class ParquetDirSink:
    """Partitioned Parquet: `part-00000.parquet`, ... of `PART_ARTICLES` articles each, the layout
    DuckDB (`read_parquet('DIR/*.parquet')`), Spark and pandas read as one table.

    The parts of an earlier run into the same folder are replaced, so a re-run never duplicates.
    """

    def __init__(self, folder: str) -> None:
        self._folder = Path(folder)
        self._folder.mkdir(parents=True, exist_ok=True)
        for old in self._folder.glob("part-*.parquet"):
            old.unlink()
        self._pending: list[dict] = []
        self._parts = 0
        self.kept = 0
        self.refused: list[tuple[Article, str]] = []

    def add(self, article: Article) -> None:
        self._pending.append(article.to_dict())
        if len(self._pending) >= PART_ARTICLES:
            self._flush()

    def close(self) -> None:
        if self._pending or self._parts == 0:
            self._flush()

    def _flush(self) -> None:
        path = self._folder / f"part-{self._parts:05d}.parquet"
        self.kept += write_parquet(self._pending, path)
        self._parts += 1
        self._pending = []


class DatabaseSink:
    """The store, in transactional batches of `store.BATCH_SIZE` articles (a crash loses at most
    the batch in flight; a re-run completes it, skipping what is stored).

    Storing clusters each batch's events into stories; the batch then goes on to the `downstream`
    sinks with its `story_id`s set, so a JSONL or Parquet output carries the ids the store gave.
    """

    def __init__(self, engine: sa.Engine, downstream: list[Sink] | None = None) -> None:
        self._engine = engine
        self._downstream = downstream or []
        self._pending: list[Article] = []
        self.kept = 0
        self.refused: list[tuple[Article, str]] = []

    def add(self, article: Article) -> None:
        self._pending.append(article)
        if len(self._pending) >= store.BATCH_SIZE:
            self._flush()

    def close(self) -> None:
        if self._pending:
            self._flush()
        for sink in self._downstream:
            sink.close()

    def _flush(self) -> None:
        result = store.write(self._engine, self._pending)
        self.kept += result.stored
        self.refused.extend(result.failed)
        for article in self._pending:
            for sink in self._downstream:
                sink.add(article)
        self._pending = []
