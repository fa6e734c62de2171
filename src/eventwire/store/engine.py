"""Opening a database by SQLAlchemy URL: SQLite (WAL) by default, PostgreSQL through psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from eventwire.store import migrate, schema
from eventwire.store.schema import WRITE_LOCK

DEFAULT_URL = "sqlite:///eventwire.db"


def normalise_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3, the driver eventwire installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def connect(url: str = DEFAULT_URL) -> sa.Engine:
    """An engine on `url` with the schema in place.

    SQLite runs in WAL mode so readers (the API, `stats`) are never blocked by a running `run`;
    `synchronous=NORMAL` is still crash-safe in WAL mode (a killed process loses no commit).
    """
    engine = sa.create_engine(normalise_url(url))
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL waits for another opener too
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    try:
        with _schema_lock(engine):
            schema.check_ours(engine)  # before anything is added to a database that is not ours
            migrate.add_missing_columns(engine)
            migrate.rebuild_view_index(engine)
            schema.create(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


@contextmanager
def _schema_lock(engine: sa.Engine) -> Iterator[None]:
    """PostgreSQL: the write lock, held while the tables are checked, migrated and created, so two
    processes opening one new database at once create it once (concurrent `CREATE TABLE`s collide on
    the catalogue's unique keys). A session lock, on a connection of its own, across the transactions
    of the steps (`schema.create` takes SQLite's for the step that creates)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(sa.select(sa.func.pg_advisory_lock(WRITE_LOCK)))
        conn.commit()
        try:
            yield
        finally:
            conn.execute(sa.select(sa.func.pg_advisory_unlock(WRITE_LOCK)))
            conn.commit()
