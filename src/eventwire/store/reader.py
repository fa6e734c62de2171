"""Reading the store back: records in insertion order, full-text search, counts, dedup seeds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from eventwire.store import schema

FETCH_ROWS = 256


@dataclass(slots=True)
class StoredArticle:
    """An article record as `run --out` wrote it, with when it was stored."""

    record: dict[str, Any]
    stored_at: datetime


def articles(engine: sa.Engine) -> Iterator[StoredArticle]:
    """Every stored article, in the order it was stored; streams, never loads the table."""
    query = sa.select(schema.articles.c.record, schema.articles.c.stored_at).order_by(schema.articles.c.pk)
    with engine.connect() as conn:
        for row in conn.execute(query.execution_options(yield_per=FETCH_ROWS)):
            # SQLite hands back naive datetimes; they were written in UTC.
            stored_at = row.stored_at if row.stored_at.tzinfo else row.stored_at.replace(tzinfo=UTC)
            yield StoredArticle(row.record, stored_at)


def search(engine: sa.Engine, query: str, limit: int = 20) -> list[str]:
    """Ids of the articles whose title or text matches every word of `query`, best first."""
    words = query.split()
    if not words:
        return []
    if engine.dialect.name == "sqlite":
        # Each word quoted: user input is never parsed as FTS5 query syntax.
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        statement = sa.text(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
            "WHERE articles_fts MATCH :match ORDER BY articles_fts.rank LIMIT :limit"
        ).bindparams(match=match, limit=limit)
    else:
        statement = sa.text(
            "SELECT id FROM articles, plainto_tsquery('english', :query) q WHERE tsv @@ q "
            "ORDER BY ts_rank(tsv, q) DESC, pk LIMIT :limit"
        ).bindparams(query=query, limit=limit)
    with engine.connect() as conn:
        return list(conn.scalars(statement))


def dedup_seeds(engine: sa.Engine) -> tuple[list[str], list[tuple[str, bytes]], int]:
    """The stored ids, (id, signature) of the stored originals and the position they were read up
    to, to seed a `Deduplicator`. The position is read first: an article stored while the rest is
    read comes again in `originals_since`, never not at all."""
    table = schema.articles
    with engine.connect() as conn:
        up_to = conn.scalar(sa.select(sa.func.max(table.c.pk))) or 0
        ids = list(conn.scalars(sa.select(table.c.id)))
        originals = [(article_id, signature) for _, article_id, signature in originals_since(conn, 0)]
    return ids, originals, up_to


def originals_since(conn: sa.Connection, pk: int) -> list[tuple[int, str, bytes]]:
    """(position, id, signature) of the originals stored after position `pk`, in stored order."""
    table = schema.articles
    query = (
        sa.select(table.c.pk, table.c.id, table.c.signature)
        .where(table.c.pk > pk, table.c.duplicate_of.is_(None))
        .order_by(table.c.pk)
    )
    return [(row.pk, row.id, bytes(row.signature)) for row in conn.execute(query)]


@dataclass(slots=True)
class Counts:
    """What `eventwire stats` shows: totals and counts per outlet, per day and per event type."""

    articles: int
    duplicates: int
    events: int
    per_outlet: list[tuple[str | None, int]]
    per_day: list[tuple[str | None, int]]
    per_event: list[tuple[str, int]]


def counts(engine: sa.Engine) -> Counts:
    """Counts over the whole store (most frequent outlet and event type first, days in order)."""
    a, e = schema.articles, schema.events
    n = sa.func.count()
    with engine.connect() as conn:

        def grouped(column: sa.ColumnElement, *order: Any) -> list[tuple[Any, int]]:
            return [
                tuple(row) for row in conn.execute(sa.select(column, n).group_by(column).order_by(*order))
            ]

        return Counts(
            articles=conn.scalar(sa.select(n).select_from(a)) or 0,
            duplicates=conn.scalar(sa.select(n).select_from(a).where(a.c.duplicate_of.is_not(None))) or 0,
            events=conn.scalar(sa.select(n).select_from(e)) or 0,
            per_outlet=grouped(a.c.outlet, n.desc(), a.c.outlet),
            per_day=grouped(a.c.published, a.c.published),
            per_event=grouped(e.c.event, n.desc(), e.c.event),
        )
