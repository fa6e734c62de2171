"""Where `eventwire run` puts article records as they come: a JSONL file, a folder of Parquet
parts, the database — any combination. Each sink counts what it kept and reports what it refused.

Files are written under temporary names and take their real names only when the run succeeds
(`close(succeeded=True)`), so a run that fails never leaves an earlier output empty or cut short.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa

from eventwire import store
from eventwire.dedup import Deduplicator
from eventwire.export.jsonl import record_line
from eventwire.export.parquet import write_parquet
from eventwire.export.replace import Replacement
from eventwire.model import Article

PART_ARTICLES = 1000


class Sink(Protocol):
    """Receives articles one at a time; `close` flushes and, for files, puts them in place only
    if the run `succeeded`. `kept` counts articles written (for the database: newly stored);
    `refused` lists (article, reason) it could not write."""

    kept: int
    refused: list[tuple[Article, str]]

    def add(self, article: Article) -> None: ...

    def close(self, succeeded: bool) -> None: ...


class JsonlSink:
    """The article records of the contract, one line each, to a file or `-` (stdout)."""

    def __init__(self, path: str) -> None:
        self._replacement = None if path == "-" else Replacement(path)
        try:
            self._file = open(self._replacement.path, "w", encoding="utf-8") if self._replacement else sys.stdout
        except OSError as exc:  # named after the file asked for, not its temporary name
            raise OSError(exc.errno, exc.strerror, path) from None
        self.kept = 0
        self.refused: list[tuple[Article, str]] = []

    def add(self, article: Article) -> None:
        self._file.write(record_line(article.to_dict()))
        self.kept += 1

    def close(self, succeeded: bool) -> None:
        if self._replacement is None:
            self._file.flush()
            return
        self._file.close()
        if succeeded:
            self._replacement.commit()
        else:
            self._replacement.discard()


class ParquetDirSink:
    """Partitioned Parquet: `part-00000.parquet`, ... of `PART_ARTICLES` articles each, the layout
    DuckDB (`read_parquet('DIR/*.parquet')`), Spark and pandas read as one table.

    The parts are written into a hidden folder inside `folder`; when the run succeeds they
    replace the parts of an earlier run, so a re-run never duplicates and a failed one changes
    nothing.
    """

    def __init__(self, folder: str) -> None:
        self._folder = Path(folder)
        self._folder.mkdir(parents=True, exist_ok=True)
        self._written = Replacement(self._folder / "parts")
        self._written.path.mkdir()
        self._pending: list[dict] = []
        self._parts = 0
        self.kept = 0
        self.refused: list[tuple[Article, str]] = []

    def add(self, article: Article) -> None:
        self._pending.append(article.to_dict())
        if len(self._pending) >= PART_ARTICLES:
            self._flush()

    def close(self, succeeded: bool) -> None:
        if succeeded:
            if self._pending or self._parts == 0:
                self._flush()
            for old in self._folder.glob("part-*.parquet"):
                old.unlink()
            for part in sorted(self._written.path.iterdir()):
                os.replace(part, self._folder / part.name)
        self._written.discard()

    def _flush(self) -> None:
        path = self._written.path / f"part-{self._parts:05d}.parquet"
        self.kept += write_parquet(self._pending, path)
        self._parts += 1
        self._pending = []


class DatabaseSink:
    """The store, in transactional batches of `store.BATCH_SIZE` articles (a crash loses at most
    the batch in flight; a re-run completes it, skipping what is stored). `dedup`, the run's
    near-duplicate index, catches up with other writers before each batch.

    Storing clusters each batch's events into stories; the batch then goes on to the `downstream`
    sinks with its `story_id`s set, so a JSONL or Parquet output carries the ids the store gave.
    """

    def __init__(
        self, engine: sa.Engine, dedup: Deduplicator | None = None, downstream: list[Sink] | None = None
    ) -> None:
        self._engine = engine
        self._dedup = dedup
        self._downstream = downstream or []
        self._pending: list[Article] = []
        self.kept = 0
        self.refused: list[tuple[Article, str]] = []

    def add(self, article: Article) -> None:
        self._pending.append(article)
        if len(self._pending) >= store.BATCH_SIZE:
            self._flush()

    def close(self, succeeded: bool) -> None:
        """Stores the last batch whether or not the run succeeded: what was processed is kept
        whole (a re-run skips it)."""
        if self._pending:
            self._flush()
        for sink in self._downstream:
            sink.close(succeeded)

    def _flush(self) -> None:
        # Taken before writing: a write cut short by Ctrl-C is not tried again by `close`, which
        # would wait on the write lock its abandoned connection still holds ('database is locked').
        batch, self._pending = self._pending, []
        result = store.write(self._engine, batch, self._dedup)
        self.kept += result.stored
        self.refused.extend(result.failed)
        for article in batch:
            for sink in self._downstream:
                sink.add(article)
