"""Opening a database by SQLAlchemy URL: SQLite (WAL) by default, PostgreSQL through psycopg 3."""

from __future__ import annotations

import sqlalchemy as sa

from eventwire.store import migrate, schema

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
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

    migrate.add_missing_columns(engine)
    schema.create(engine)
    return engine
