"""Bringing a database written by an earlier eventwire up to the current schema.

Only additions: a column added to `events` since (`schema.ADDED_EVENT_COLUMNS`) is created and filled
from each event's stored record, once, before the tables and indexes are checked; on SQLite the view
index is built again when its columns are not today's. No data is dropped or rewritten, so an older
eventwire can still read the database.
"""

from __future__ import annotations

import sqlalchemy as sa

from eventwire.store import schema
from eventwire.store.writer import event_row

BATCH = 2000


def add_missing_columns(engine: sa.Engine) -> list[str]:
    """Add and fill the event columns an older database lacks; returns their names."""
    inspector = sa.inspect(engine)
    if not inspector.has_table("events"):
        return []
    present = {column["name"] for column in inspector.get_columns("events")}
    missing = [name for name in schema.ADDED_EVENT_COLUMNS if name not in present]
    if not missing:
        return []
    events = schema.events
    with engine.begin() as conn:
        for name in missing:
            column = events.c[name]
            kind = column.type.compile(dialect=engine.dialect)
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {name} {kind}")
        values = [
            {"key_article": article_id, "key_id": event_id, **_values(article_id, record, missing)}
            for article_id, event_id, record in conn.execute(
                sa.select(events.c.article_id, events.c.id, events.c.record).execution_options(yield_per=BATCH)
            )
        ]  # the new columns are small: kept in memory, so no update runs under an open cursor
        # (streaming is set on the select, not the connection: on PostgreSQL a connection-wide
        # yield_per would wrap the updates below in a server-side cursor too)
        update = (
            events.update()
            .where(events.c.article_id == sa.bindparam("key_article"), events.c.id == sa.bindparam("key_id"))
            .values({name: sa.bindparam(name) for name in missing})
        )
        for start in range(0, len(values), BATCH):
            conn.execute(update, values[start : start + BATCH])
    return missing


def _values(article_id: str, record: dict, names: list[str]) -> dict:
    row = event_row(article_id, record)
    return {name: row[name] for name in names}


def rebuild_view_index(engine: sa.Engine) -> bool:
    """SQLite: build the view index again when its columns are not `schema.VIEW_INDEX_COLUMNS`
    (once, seconds on 100,000 events); True when it was rebuilt. Dropped and created in one
    transaction, so no reader finds it missing; only a database that needs it is locked, so a
    read-only file still opens."""
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as conn:
        if not _stale_view_index(conn):
            return False
    with engine.begin() as conn:
        schema.lock_for_writing(conn)
        if not _stale_view_index(conn):  # another process rebuilt it meanwhile
            return False
        conn.exec_driver_sql(f"DROP INDEX {schema.VIEW_INDEX}")
        conn.exec_driver_sql(schema.SQLITE_VIEW_INDEX)
    return True


def _stale_view_index(conn: sa.Connection) -> bool:
    rows = conn.exec_driver_sql(f"PRAGMA index_info({schema.VIEW_INDEX})").all()
    return bool(rows) and tuple(row[2] for row in sorted(rows)) != schema.VIEW_INDEX_COLUMNS
