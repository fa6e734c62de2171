"""Writing article records: one transaction per batch, each article whole or not at all.

A batch commits in one transaction, so a crash loses at most the batch in flight. Articles whose
id is already stored are skipped, so re-running the same input adds no rows and completes a run
that was cut short. If a batch fails on one bad article (e.g. a NUL byte PostgreSQL refuses), the
batch is retried article by article, and only that article is reported.

Each batch holds the database's write lock from its first read to its commit (`lock_for_writing`):
runs and servers writing one database at the same time take turns, so the ids already stored,
the near-duplicates and the stories each batch sees include every batch committed before it,
whichever process wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from eventwire import dedup as near_duplicates
from eventwire.dedup import Deduplicator
from eventwire.model import Article
from eventwire.store import schema, stories
from eventwire.store.reader import originals_since

BATCH_SIZE = 64


@dataclass
class WriteResult:
    """What one `write` did: how many articles were new, already there, or refused (with why)."""

    stored: int = 0
    existing: int = 0
    failed: list[tuple[Article, str]] = field(default_factory=list)

    def add(self, other: WriteResult) -> None:
        self.stored += other.stored
        self.existing += other.existing
        self.failed.extend(other.failed)


def write(engine: sa.Engine, articles: list[Article], dedup: Deduplicator | None = None) -> WriteResult:
    """Store `articles` (one batch) in a single transaction; skip ids already stored. `dedup`,
    the run's near-duplicate index, first catches up with what other processes stored."""
    try:
        with engine.begin() as conn:
            schema.lock_for_writing(conn)
            if dedup is not None:
                _catch_up(conn, dedup, articles)
            return _insert(conn, articles)
    except (sa.exc.OperationalError, sa.exc.InterfaceError):
        raise  # the database itself is unreachable or broken: no article is to blame
    except sa.exc.StatementError as exc:  # one article's values were refused
        if len(articles) == 1:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            return WriteResult(failed=[(articles[0], f"cannot store article {articles[0].id!r}: {reason}")])
    result = WriteResult()
    for article in articles:
        result.add(write(engine, [article], dedup))
    return result


def _catch_up(conn: sa.Connection, dedup: Deduplicator, articles: list[Article]) -> None:
    stored = originals_since(conn, dedup.stored_up_to)
    if stored:
        dedup.stored_up_to = stored[-1][0]
    dedup.catch_up([(article_id, signature) for _, article_id, signature in stored], articles)


def _insert(conn: sa.Connection, articles: list[Article]) -> WriteResult:
    ids = [article.id for article in articles]
    stored = set(conn.scalars(sa.select(schema.articles.c.id).where(schema.articles.c.id.in_(ids))))
    new: dict[str, Article] = {}
    for article in articles:
        if article.id not in stored:
            new.setdefault(article.id, article)  # the first of two records with one id wins
    now = datetime.now(UTC)
    rows: dict[sa.Table, list[dict[str, Any]]] = {table: [] for table in schema.CHILD_TABLES}
    article_rows = []
    records = [article.to_dict() for article in new.values()]
    stories.assign(conn, records)  # sets each event's story_id before its rows are built
    for article, record in zip(new.values(), records, strict=True):
        for event, clustered in zip(article.events, record["events"], strict=True):
            event.story_id = clustered["story_id"]  # the caller's records carry their stories too
    for record in records:
        article_rows.append(_article_row(record, now))
        for table, table_rows in _child_rows(record).items():
            rows[table].extend(table_rows)
    if article_rows:
        conn.execute(schema.articles.insert(), article_rows)
    for table, table_rows in rows.items():
        if table_rows:
            conn.execute(table.insert(), table_rows)
    return WriteResult(stored=len(new), existing=len(articles) - len(new))


def _article_row(record: dict[str, Any], now: datetime) -> dict[str, Any]:
    source = record["source"]
    return {
        "id": record["id"],
        "source_path": source["path"],
        "source_index": source["index"],
        "url": source["url"],
        "outlet": source["outlet"],
        "title": record["title"],
        "text": record["text"],
        "published": record["published"],
        "published_from": record["published_from"],
        "language": record["language"],
        "duplicate_of": record["duplicate_of"],
        "signature": near_duplicates.signature(record["text"]),
        "stored_at": now,
        "record": record,
    }


def _span(item: dict[str, Any]) -> dict[str, Any]:
    return {"text": item["text"], "start_char": item["start"], "end_char": item["end"]}


def _child_rows(record: dict[str, Any]) -> dict[sa.Table, list[dict[str, Any]]]:
    article_id = record["id"]
    return {
        schema.captions: [
            {"article_id": article_id, "seq": seq, "text": c["text"], "credit": c["credit"]}
            for seq, c in enumerate(record["captions"])
        ],
        schema.places: [
            {
                "article_id": article_id,
                "seq": seq,
                **_span(p),
                **{
                    key: p[key]
                    for key in ("name", "geonameid", "lat", "lon", "country_code", "admin1", "level")
                },
            }
            for seq, p in enumerate(record["places"])
        ],
        schema.times: [
            {"article_id": article_id, "seq": seq, **_span(t), "type": t["type"], "value": t["value"]}
            for seq, t in enumerate(record["times"])
        ],
        schema.actors: _first_of_each(
            "actor_id",
            [
                {
                    "article_id": article_id,
                    "actor_id": a["id"],
                    **{key: a[key] for key in ("name", "code", "sector", "affiliation", "mentions")},
                }
                for a in record["actors"]
            ],
        ),
        schema.quotes: [
            {
                "article_id": article_id,
                "seq": seq,
                **_span(q),
                "kind": q["kind"],
                "cue": q["cue"]["text"] if q["cue"] else None,
                "speaker": q["speaker"]["text"] if q["speaker"] else None,
                "speaker_actor_id": q["speaker"]["actor_id"] if q["speaker"] else None,
                "record": q,
            }
            for seq, q in enumerate(record["quotes"])
        ],
        schema.events: _first_of_each("id", (event_row(article_id, e) for e in record["events"])),
    }


def _first_of_each(key: str, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per id within an article: ids are stable, so a repeated id is the same actor or
    event found twice, and the article is stored rather than refused (its record keeps both)."""
    unique: dict[Any, dict[str, Any]] = {}
    for row in rows:
        unique.setdefault(row[key], row)
    return list(unique.values())


def sectors_value(event: dict[str, Any]) -> str | None:
    """The sectors of an event's actors and recipients as one "|MIL|REB|" string (None when none)."""
    found = sorted({p["sector"] for role in ("actor", "recipient") for p in event[role] if p.get("sector")})
    return "|" + "|".join(found) + "|" if found else None


# `parties`: one entry per actor (">") and recipient ("<"): role, name and code in unit-separated fields.
UNIT, RECORD = "\x1f", "\x1e"
ROLE_MARK = {"actor": ">", "recipient": "<"}


def parties_value(event: dict[str, Any]) -> str | None:
    """An event's actors and recipients as one short string the network reads without the record."""
    found = [
        UNIT.join((ROLE_MARK[role], " ".join((p.get("name") or p["text"]).split()), p.get("code") or ""))
        for role in ("actor", "recipient")
        for p in event[role]
    ]
    return RECORD.join(found) or None


def event_row(article_id: str, event: dict[str, Any]) -> dict[str, Any]:
    """The `events` row of one event record."""
    acled = event["acled"] or {}
    loc = event["event_loc"] or {}
    return {
        "article_id": article_id,
        "id": event["id"],
        "event": event["event"],
        "mode": event["mode"],
        "quad_code": event["quad_code"],
        "cameo_root": event["cameo_root"],
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "date": event["date"],
        "date_precision": event["date_precision"],
        "country_code": loc.get("country_code"),
        "admin1": loc.get("admin1"),
        "location": loc.get("name") or loc.get("text"),
        "place_level": loc.get("level"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "fatalities": (event["size"] or {}).get("dead"),
        "sectors": sectors_value(event),
        "parties": parties_value(event),
        "story_id": event["story_id"],
        "negated": event["negated"],
        "hypothetical": event["hypothetical"],
        "background": event.get("background", False),
        "confidence": event["confidence"],
        "record": event,
    }
