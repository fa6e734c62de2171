"""The narrow columns of every stored event, held in memory as Arrow tables, for the page's counts.

A view the page has not counted before (another type, a date range) needs its totals, timeline,
map points, facets and network at once. Counted in the database, that is a dozen scans and sorts
of the whole events table: about half a second of SQLite on 100,000 events, more than a filter
change may take. Arrow's grouping counts the same columns in a few milliseconds.

Stored articles are only ever added, each batch under the write lock (`schema.lock_for_writing`),
so the highest article key is a version: the columns follow the store by loading only the events
of articles newer than the last loaded. The columns of 100,000 events take 23 MB of Arrow memory; with
the network's numbered links (`views.Links`) a serving process grows by about 85 MB.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from eventwire.store import schema
from eventwire.store.schema import events as E

# The columns a count filters or groups on, with their Arrow types (a column of nulls keeps its type).
TYPES = {
    "article_id": pa.string(),
    "event": pa.string(),
    "mode": pa.string(),
    "quad_code": pa.int64(),
    "date": pa.string(),
    "country_code": pa.string(),
    "admin1": pa.string(),
    "place_level": pa.string(),
    "location": pa.string(),
    "lat": pa.float64(),
    "lon": pa.float64(),
    "fatalities": pa.int64(),
    "sectors": pa.string(),
    "parties": pa.string(),
    "story_id": pa.string(),
    "acled_event_type": pa.string(),
    "confidence": pa.float64(),
    "hypothetical": pa.bool_(),
    "negated": pa.bool_(),
    "background": pa.bool_(),
}
SCHEMA = pa.schema(list(TYPES.items()))
MAX_CHUNKS = 16  # loads after small writes add chunks; merged beyond this many
LOAD_ROWS = 10_000


@compiles(sa.Table, "sqlite")
def _table_with_hint(table: sa.Table, compiler: SQLCompiler, fromhints: dict | None = None, **kw: Any) -> str:
    """SQLAlchemy's SQLite dialect drops `with_hint` text; SQLite reads `FROM events INDEXED BY ...`."""
    text = compiler.visit_table(table, **kw)
    return f"{text} {fromhints[table]}" if kw.get("asfrom") and fromhints and table in fromhints else text


@dataclass(frozen=True, slots=True)
class Columns:
    """Every event stored up to article key `version` (None: no article yet), one row per event."""

    events: pa.Table
    version: int | None


_loaded: dict[str, Columns] = {}
_lock = threading.Lock()  # one load at a time; the API counts in a thread pool


def current(engine: sa.Engine) -> Columns:
    """The columns of every event stored now, loading what was added since the last call."""
    with engine.connect() as conn:
        version = conn.scalar(sa.select(sa.func.max(schema.articles.c.pk)))
    key = str(engine.url)
    with _lock:
        have = _loaded.get(key)
        if have is not None and have.version == version:
            return have
        if have is not None and (version is None or have.version is None or version < have.version):
            have = None  # another database at the same address (a file replaced): load it whole
        after = have.version if have is not None else None
        added = _load(engine, after, version)
        table = pa.concat_tables([have.events, added]) if have is not None else added
        if table["event"].num_chunks > MAX_CHUNKS:
            table = table.combine_chunks()
        _loaded[key] = Columns(table, version)
        return _loaded[key]


def _load(engine: sa.Engine, after: int | None, upto: int | None) -> pa.Table:
    """The events of the articles with keys in (after, upto]. A first load reads every event through
    the covering view index (SQLite), which holds every column here, rather than the records; a
    later one finds the few new events by their article."""
    if upto is None:
        return SCHEMA.empty_table()
    pk = schema.articles.c.pk
    articles = sa.select(schema.articles.c.id).where(
        pk <= upto if after is None else pk.between(after + 1, upto)
    )
    query = sa.select(*(E.c[name] for name in TYPES)).where(E.c.article_id.in_(articles))
    if after is None:
        query = query.with_hint(E, f"INDEXED BY {schema.VIEW_INDEX}", "sqlite")
    batches = []
    with engine.connect() as conn:
        # In parts, so that no more than one part's rows are Python objects at a time.
        for rows in conn.execution_options(yield_per=LOAD_ROWS).execute(query).partitions():
            values = zip(*rows, strict=True)
            batches.append(
                pa.record_batch([pa.array(v, t) for v, t in zip(values, TYPES.values(), strict=True)], SCHEMA)
            )
    return pa.Table.from_batches(batches, SCHEMA)


def count(mask: pa.ChunkedArray | pa.Array) -> int:
    """How many rows a mask keeps."""
    return pc.sum(mask).as_py() or 0
