"""The database schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

`articles.record` keeps the full article record exactly as `run --out` writes it, so exports give
it back unchanged; the other tables spread the same facts into columns for queries, joins and
the API. Child rows carry their article's id and are written in the article's transaction.
Strings carry no length limits: PostgreSQL would enforce them and refuse a whole article over
one unexpected value. Full-text search: an FTS5 table kept in step by triggers on SQLite, a generated tsvector column
with a GIN index on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _article_fk() -> sa.Column:
    return sa.Column(
        "article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


def _span_columns() -> list[sa.Column]:
    return [
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer),
        sa.Column("end_char", sa.Integer),
    ]


articles = sa.Table(
    "articles",
    metadata,
    # Integer key in insertion order: exports follow the order articles were read, and FTS5 needs it.
    sa.Column("pk", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("id", sa.String, nullable=False, unique=True),
    sa.Column("source_path", sa.Text),
    sa.Column("source_index", sa.Integer),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published", sa.String, index=True),
    sa.Column("published_from", sa.String),
    sa.Column("language", sa.String),
    sa.Column("duplicate_of", sa.String, index=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # dedup MinHash, seeds later runs
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

captions = sa.Table(
    "captions",
    metadata,
    _article_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("credit", sa.Text),
)

places = sa.Table(
    "places",
    metadata,
    _article_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("name", sa.Text),
    sa.Column("geonameid", sa.BigInteger, index=True),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country_code", sa.String, index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("level", sa.String),
)

times = sa.Table(
    "times",
    metadata,
    _article_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("type", sa.String),
    sa.Column("value", sa.String),
)

actors = sa.Table(
    "actors",
    metadata,
    _article_fk(),
    sa.Column("actor_id", sa.String, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("code", sa.String),
    sa.Column("sector", sa.String),
    sa.Column("affiliation", sa.String),
    sa.Column("mentions", sa.JSON, nullable=False),
)

quotes = sa.Table(
    "quotes",
    metadata,
    _article_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("kind", sa.String),
    sa.Column("cue", sa.Text),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_actor_id", sa.String),
    sa.Column("record", sa.JSON, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    _article_fk(),
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("event", sa.String, nullable=False, index=True),
    sa.Column("mode", sa.String),
    sa.Column("quad_code", sa.Integer),
    sa.Column("cameo_root", sa.String),
    sa.Column("acled_event_type", sa.Text),
    sa.Column("acled_sub_event_type", sa.Text),
    sa.Column("date", sa.String, index=True),
    sa.Column("date_precision", sa.String),
    sa.Column("country_code", sa.String, index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("location", sa.Text),
    sa.Column("place_level", sa.String),  # how precise the place is: country, admin1, ... city
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("fatalities", sa.Integer),
    sa.Column("sectors", sa.String),  # the participants' sectors as "|MIL|REB|", for filters and facets
    sa.Column("parties", sa.Text),  # actors and recipients, compact (writer.parties_value), for the network
    sa.Column("story_id", sa.String, index=True),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False),
    sa.Column("background", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("confidence", sa.Float, nullable=False, index=True),  # the API sorts by it
    sa.Column("record", sa.JSON, nullable=False),
)
# Columns added after the first release: `store/migrate.py` adds them to an older database and
# fills them from the event records once.
ADDED_EVENT_COLUMNS = ("admin1", "place_level", "sectors", "parties", "background")

# One real-world happening reported by many articles (`store/stories.py` clusters events into
# stories). New events look up candidates by type, country and date window: one composite index.
stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("event", sa.String, nullable=False),
    sa.Column("country_code", sa.String),
    sa.Column("date", sa.String),
    sa.Column("date_lo", sa.String),
    sa.Column("date_hi", sa.String),
    sa.Column("first_reported", sa.String),
    sa.Column("num_mentions", sa.Integer, nullable=False),
    sa.Column("num_articles", sa.Integer, nullable=False),
    sa.Column("num_sources", sa.Integer, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Index("stories_candidates", "event", "country_code", "date_lo"),
)

CHILD_TABLES = (captions, places, times, actors, quotes, events)
# SQLite's FTS5 keeps the index of `articles_fts` in tables of its own.
FTS_TABLES = {"articles_fts"} | {
    f"articles_fts_{part}" for part in ("data", "idx", "content", "docsize", "config")
}

# SQLite keeps each record inside its row, so a scan of `events` reads every record: this index holds
# every column the page counts (facets, timeline, map, network), so loading them into memory
# (`store/columns.py` names it) never reads the records. It leads with the event type, which filters
# use; it does not lead with the hypothetical/negated flags, which every query constrains,
# or SQLite would prefer it to the date index for the newest-first page and sort the whole table.
# PostgreSQL moves large records out of line (TOAST) and scans the narrow rows as they are.
VIEW_INDEX = "events_view"
# Every column a count filters or groups on: one it lacked would make the load read every event's
# record (a scan with the `background` switch, which an older index lacked: 12 ms -> 170 ms on 100,000
# events).
VIEW_INDEX_COLUMNS = (
    "event", "quad_code", "date", "hypothetical", "negated", "background", "date_precision", "country_code",
    "admin1", "place_level", "lat", "lon", "location", "fatalities", "sectors", "parties", "story_id",
    "acled_event_type", "confidence", "mode", "article_id", "id",
)  # fmt: skip
SQLITE_VIEW_INDEX = f"CREATE INDEX IF NOT EXISTS {VIEW_INDEX} ON events ({', '.join(VIEW_INDEX_COLUMNS)})"
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    "title, text, content='articles', content_rowid='pk', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); END",
]
POSTGRESQL_FTS = [
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv)",
]


WRITE_LOCK = 0x6576656E74776972  # "eventwir": the PostgreSQL advisory lock writers take turns on


def lock_for_writing(conn: sa.Connection) -> None:
    """Take the database's write lock for the rest of `conn`'s transaction, before its first read.

    SQLite: `BEGIN IMMEDIATE` (pysqlite would otherwise begin only at the first write, after the
    reads that decide what to write); PostgreSQL: a transaction-level advisory lock. Either way
    another writer waits (SQLite up to its busy timeout) until this transaction ends.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK)))


class ForeignDatabase(ValueError):
    """The database belongs to another application; the message says why we think so."""


def create(engine: sa.Engine) -> None:
    """Create every table and the full-text index if missing (safe to call on each open), in a
    database `check_ours` has accepted and `migrate` brought up to date."""
    sqlite = engine.dialect.name == "sqlite"
    # Two processes opening one new SQLite file at once (a run, and a reader polling it) would both find
    # no table and both create it: the one creating takes the write lock first, and the other then finds the
    # tables. A complete database is not locked, so a read-only file still opens. (PostgreSQL: the caller,
    # `engine.connect`, holds the lock across the steps.)
    missing = sqlite and not set(metadata.tables) <= set(sa.inspect(engine).get_table_names())
    with engine.begin() as conn:
        if missing:
            lock_for_writing(conn)
        metadata.create_all(conn)
        for statement in [*SQLITE_FTS, SQLITE_VIEW_INDEX] if sqlite else POSTGRESQL_FTS:
            conn.exec_driver_sql(statement)


def check_ours(engine: sa.Engine) -> None:
    """Raise ForeignDatabase unless every table already there is one eventwire creates, with
    (at least) its columns, or those of an earlier eventwire (`ADDED_EVENT_COLUMNS` aside); on
    PostgreSQL other applications' tables may share the database."""
    inspector = sa.inspect(engine)
    existing = set(inspector.get_table_names())
    if engine.dialect.name == "sqlite":
        foreign = sorted(existing - set(metadata.tables) - FTS_TABLES)
        if foreign:
            raise ForeignDatabase(
                f"not an eventwire database (it holds other tables: {', '.join(foreign[:5])}); "
                "give --db a new file"
            )
    for name in sorted(existing & set(metadata.tables)):
        missing = set(metadata.tables[name].columns.keys()) - {c["name"] for c in inspector.get_columns(name)}
        if name == "events":
            missing -= set(ADDED_EVENT_COLUMNS)  # an older eventwire's: `migrate` adds them
        if missing:
            raise ForeignDatabase(
                f"not an eventwire database (its table {name!r} has no {', '.join(sorted(missing))})"
            )
