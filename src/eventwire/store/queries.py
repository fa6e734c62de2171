"""Read queries behind the API and the exports: the event filter, keyset-paged and streamed events,
one event, story or article, actors. SQLAlchemy Core only, so every value is a bound parameter.

Filters read the narrow columns of `events` (participants' names, codes and sectors included, as
`parties` and `sectors`), never the JSON records, so they cost the same on SQLite and PostgreSQL.
`mask` applies the same filter to the events' columns held in memory (`store/columns.py`), over
which the page's counts (`store/views.py`) group.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from eventwire.store import schema
from eventwire.untrusted import load_json, lone_surrogate

E = schema.events
A = schema.articles
FETCH_ROWS = 256
ROLES = ("actor", "recipient")
CODE = re.compile(r"^[A-Z]{3}$")
MAX_CURSOR = 4096  # cursors this server hands out are a sort value and an event id


class BadCursor(ValueError):
    """A pagination cursor this server did not hand out."""


@dataclass(slots=True)
class EventFilter:
    """What the user asked for; empty fields do not filter. Hypothetical, negated and background events
    (dated over a year before their article) are left out unless asked for, since most analyses count only
    what happened, as news (`HIDDEN` lists these switches; a new kind of event hidden by default is one
    more entry there)."""

    q: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    types: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    quads: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2
    admin1: list[str] = field(default_factory=list)
    actor: str | None = None  # part of a name (any case) or a code
    sectors: list[str] = field(default_factory=list)
    min_fatalities: int | None = None
    min_confidence: float | None = None
    acled_only: bool = False  # only events with an ACLED event type
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    story: str | None = None
    include_hypothetical: bool = False
    include_negated: bool = False
    include_background: bool = False

    def without(self, *names: str) -> EventFilter:
        """The same filter with the fields `names` emptied: a facet counts what its own choice would add."""
        return replace(self, **{name: _EMPTY.get(name) for name in names})

    def given(self) -> bool:
        """Whether anything beyond the defaults narrows the events."""
        return self != EventFilter()


_EMPTY: dict[str, Any] = {
    name: [] for name in ("types", "modes", "quads", "countries", "admin1", "sectors")
} | {"acled_only": False, "include_hypothetical": False, "include_negated": False, "include_background": False}

# The events hidden unless asked for: the filter's switch and the column that marks them.
HIDDEN = {
    "hypothetical": ("include_hypothetical", E.c.hypothetical),
    "negated": ("include_negated", E.c.negated),
    "background": ("include_background", E.c.background),
}


DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str) -> str:
    """`value` if it is a calendar date written YYYY, YYYY-MM or YYYY-MM-DD; else ValueError with why."""
    if not DATE.match(value):
        raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = ([int(part) for part in value.split("-")] + [1, 1])[:3]
    try:
        Date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{value} is not a date ({exc})") from None
    return value


def _plain_text(value: Any) -> bool:
    return isinstance(value, str) and "\x00" not in value and not lone_surrogate(value)


def _date(value: Any) -> bool:
    return _plain_text(value) and len(value) <= 10


def _confidence(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1


# Sort keys, each with a check of the values its column holds (for cursors). Keyset paging orders
# by (key, id) and resumes after the last row's pair. Null keys (undated events) sort lowest on
# both databases: first ascending, last descending, which is SQLite's own order, so the date
# index serves the default sort without a sort step.
SORTS = {"date": _date, "confidence": _confidence}


def parse_sort(sort: str) -> tuple[str, bool]:
    """`-date` -> ("date", descending); raises ValueError for an unknown key."""
    key, descending = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if key not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; use one of: " + ", ".join(f"{k}, -{k}" for k in SORTS))
    return key, descending


def encode_cursor(value: Any, event_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, event_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, key: str) -> tuple[Any, str]:
    """The (sort value, event id) a cursor for sort `key` holds; BadCursor for anything a page of
    that sort could not have handed out (a forged or truncated cursor, a value of another type,
    a number beyond what the column holds), so no such value ever reaches the database."""
    if len(cursor) > MAX_CURSOR:
        raise BadCursor(f"cursor longer than {MAX_CURSOR} characters")
    try:
        value, event_id = load_json(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error) as exc:  # JsonError is a ValueError
        raise BadCursor("invalid cursor") from exc
    if not _plain_text(event_id) or not (value is None or SORTS[key](value)):
        raise BadCursor(f"invalid cursor for sort by {key}")
    return value, event_id


def fulltext_articles(dialect: str, query: str) -> sa.Select | None:
    """Ids of the articles matching every word of `query` (FTS5 / tsvector); None when no words."""
    words = query.split()
    if not words:
        return None
    if dialect == "sqlite":
        # Each word quoted: user input is never parsed as FTS5 query syntax.
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        fts = sa.table("articles_fts", sa.column("rowid"))
        return (
            sa.select(A.c.id)
            .select_from(fts.join(A, A.c.pk == fts.c.rowid))
            .where(sa.literal_column("articles_fts").op("MATCH")(match))
        )
    tsv = sa.column("tsv")
    return sa.select(A.c.id).where(tsv.op("@@")(sa.func.plainto_tsquery("english", query)))


def _like(needle: str) -> str:
    """A LIKE pattern matching `needle` anywhere, its wildcards escaped (escape character \\)."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def conditions(f: EventFilter, dialect: str) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses for a filter over `events`. Every clause reads a column of `events` (or an
    index), never the wide JSON record, so filtering and counting stay fast on large stores."""
    where: list[sa.ColumnElement[bool]] = []
    if f.q and (matching := fulltext_articles(dialect, f.q)) is not None:
        where.append(E.c.article_id.in_(matching))
    if f.date_from:
        where.append(E.c.date >= f.date_from)
    if f.date_to:
        # "2021-12-31" must keep "2021-12-31" and month-precision "2021-12"; the upper bound is inclusive.
        where.append(E.c.date <= f.date_to)
    for column, values in (
        (E.c.event, f.types),
        (E.c.mode, f.modes),
        (E.c.quad_code, f.quads),
        (E.c.country_code, [c.upper() for c in f.countries]),
        (E.c.admin1, f.admin1),
    ):
        if values:
            where.append(column.in_(values))
    if f.sectors:
        where.append(sa.or_(*(E.c.sectors.like(f"%|{s.strip().upper()}|%") for s in f.sectors)))
    if f.min_fatalities is not None:
        where.append(E.c.fatalities >= f.min_fatalities)
    if f.min_confidence is not None:
        where.append(E.c.confidence >= f.min_confidence)
    if f.acled_only:
        where.append(E.c.acled_event_type.is_not(None))
    if f.story:
        where.append(E.c.story_id == f.story)
    if f.bbox:
        west, south, east, north = f.bbox
        lon = E.c.lon.between(west, east) if west <= east else sa.or_(E.c.lon >= west, E.c.lon <= east)
        where.append(sa.and_(E.c.lat.between(south, north), lon))
    if f.actor and f.actor.strip():
        # Names and codes of every actor and recipient, any case, anywhere in the name: "trump"
        # finds "Donald Trump", "syr" the code SYR.
        where.append(sa.func.lower(E.c.parties).like(_like(f.actor.strip().lower()), escape="\\"))
    for switch, column in HIDDEN.values():
        if not getattr(f, switch):
            where.append(column.is_(False))
    return where


def mask(f: EventFilter, events: pa.Table, engine: sa.Engine) -> pa.ChunkedArray:
    """`conditions` over events held in memory (`store/columns.py`): which rows match `f`. The
    two must agree (a test holds them to it); only the full-text search asks the database."""
    keep: list[Any] = []
    if f.q and (matching := fulltext_articles(engine.dialect.name, f.q)) is not None:
        with engine.connect() as conn:
            keep.append(pc.is_in(events["article_id"], pa.array(conn.scalars(matching).all(), pa.string())))
    column = events.column
    if f.date_from:
        keep.append(pc.greater_equal(column("date"), f.date_from))
    if f.date_to:
        keep.append(pc.less_equal(column("date"), f.date_to))
    for name, values in (
        ("event", f.types),
        ("mode", f.modes),
        ("quad_code", f.quads),
        ("country_code", [c.upper() for c in f.countries]),
        ("admin1", f.admin1),
    ):
        if values:
            keep.append(pc.is_in(column(name), pa.array(values, events.schema.field(name).type)))
    if f.sectors:
        found = [pc.match_substring(column("sectors"), f"|{s.strip().upper()}|") for s in f.sectors]
        keep.append(functools.reduce(pc.or_kleene, found))
    if f.min_fatalities is not None:
        keep.append(pc.greater_equal(column("fatalities"), f.min_fatalities))
    if f.min_confidence is not None:
        keep.append(pc.greater_equal(column("confidence"), f.min_confidence))
    if f.acled_only:
        keep.append(pc.is_valid(column("acled_event_type")))
    if f.story:
        keep.append(pc.equal(column("story_id"), f.story))
    if f.bbox:
        west, south, east, north = f.bbox
        lon = column("lon")
        inside = (
            pc.and_(pc.greater_equal(lon, west), pc.less_equal(lon, east))
            if west <= east
            else pc.or_(pc.greater_equal(lon, west), pc.less_equal(lon, east))
        )
        lat = pc.and_(pc.greater_equal(column("lat"), south), pc.less_equal(column("lat"), north))
        keep.append(pc.and_(lat, inside))
    if f.actor and f.actor.strip():
        keep.append(pc.match_substring(pc.utf8_lower(column("parties")), f.actor.strip().lower()))
    for switch, hidden in HIDDEN.values():
        if not getattr(f, switch):
            keep.append(pc.invert(column(hidden.name)))
    if not keep:
        return pa.chunked_array([pa.repeat(True, events.num_rows)], pa.bool_())
    # A comparison with a missing value (an undated event and a date range) keeps nothing, as in SQL.
    return pc.fill_null(functools.reduce(pc.and_kleene, keep), False)


def reports_for(conn: sa.Connection, story_ids: set[str]) -> dict[str, tuple[int, int]]:
    """Per story on one page: how many distinct articles (near-duplicates not counted again) and
    distinct outlets report it. Several mentions in one article are one report."""
    if not story_ids:
        return {}
    original = sa.case((A.c.duplicate_of.is_(None), A.c.id))
    rows = conn.execute(
        sa.select(
            E.c.story_id,
            sa.func.count(sa.distinct(original)),
            sa.func.count(sa.distinct(sa.func.coalesce(A.c.outlet, A.c.id))),
        )
        .select_from(E.join(A, A.c.id == E.c.article_id))
        .where(E.c.story_id.in_(sorted(story_ids)))
        .group_by(E.c.story_id)
    )
    return {story_id: (max(articles, 1), outlets) for story_id, articles, outlets in rows}


def _order(key: sa.ColumnElement, event_id: sa.ColumnElement, descending: bool) -> tuple:
    if descending:
        return key.desc().nulls_last(), event_id.desc()
    return key.asc().nulls_first(), event_id.asc()


def _after(key: sa.ColumnElement, value: Any, after_id: str, descending: bool) -> sa.ColumnElement[bool]:
    """The rows after (value, after_id) in the (key, id) order, nulls lowest."""
    if descending:
        if value is None:
            return sa.and_(key.is_(None), E.c.id < after_id)
        return sa.or_(key < value, sa.and_(key == value, E.c.id < after_id), key.is_(None))
    if value is None:
        return sa.or_(key.is_not(None), sa.and_(key.is_(None), E.c.id > after_id))
    return sa.or_(key > value, sa.and_(key == value, E.c.id > after_id))


EVENT_COLUMNS = (
    E.c.id,
    E.c.article_id,
    E.c.record,
    A.c.title,
    A.c.outlet,
    A.c.published,
    A.c.url,
    A.c.stored_at,
)


@dataclass(slots=True)
class EventPage:
    """One page of events (their records, with the article's title and outlet) and the next cursor."""

    rows: list[dict[str, Any]]
    next: str | None


def events_page(
    engine: sa.Engine, f: EventFilter, sort: str = "-date", limit: int = 50, cursor: str | None = None
) -> EventPage:
    """Events matching `f` in `sort` order, `limit` at a time, resuming after `cursor`."""
    key, descending = parse_sort(sort)
    sort_key = E.c[key]
    # Page the narrow (key, id) rows first, then fetch the wide records of that page only: the
    # sort never carries records.
    page = sa.select(E.c.article_id, E.c.id, sort_key.label("sort_key")).where(
        *conditions(f, engine.dialect.name)
    )
    if cursor:
        page = page.where(_after(sort_key, *decode_cursor(cursor, key), descending))
    page = page.order_by(*_order(sort_key, E.c.id, descending)).limit(limit + 1).subquery("page")
    query = (
        sa.select(*EVENT_COLUMNS, page.c.sort_key)
        .select_from(page.join(E, sa.and_(E.c.article_id == page.c.article_id, E.c.id == page.c.id)))
        .join(A, A.c.id == E.c.article_id)
        .order_by(*_order(page.c.sort_key, page.c.id, descending))
    )
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
        more = len(rows) > limit
        rows = rows[:limit]
        reports = reports_for(conn, {r["record"]["story_id"] for r in rows if r["record"].get("story_id")})
    for row in rows:
        articles, outlets = reports.get(row["record"].get("story_id") or "", (1, 1))
        row["reports"] = {"articles": articles, "outlets": outlets}
    last = rows[-1] if rows else None
    return EventPage(rows, encode_cursor(last["sort_key"], last["id"]) if more and last else None)


def events_stream(engine: sa.Engine, f: EventFilter, sort: str = "-date") -> Iterator[dict[str, Any]]:
    """Every event matching `f` in `sort` order, with its article's fields; streams, for downloads."""
    key, descending = parse_sort(sort)
    query = (
        sa.select(*EVENT_COLUMNS)
        .select_from(E.join(A, A.c.id == E.c.article_id))
        .where(*conditions(f, engine.dialect.name))
        .order_by(*_order(E.c[key], E.c.id, descending))
    )
    with engine.connect() as conn:
        for row in conn.execute(query.execution_options(yield_per=FETCH_ROWS)):
            yield dict(row._mapping)


def event(engine: sa.Engine, event_id: str) -> dict[str, Any] | None:
    """One event's record with its article's full record, or None."""
    query = (
        sa.select(E.c.record.label("event"), A.c.record.label("article"))
        .select_from(E.join(A, A.c.id == E.c.article_id))
        .where(E.c.id == event_id)
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def story_reports(engine: sa.Engine, story_id: str, limit: int = 500) -> list[dict[str, Any]]:
    """The events of one story, each with its article's title, outlet, date and copy status,
    earliest published first."""
    query = (
        sa.select(
            E.c.id,
            E.c.article_id,
            E.c.event,
            E.c.date,
            E.c.fatalities,
            A.c.title,
            A.c.outlet,
            A.c.published,
            A.c.url,
            A.c.duplicate_of,
            E.c.record,
        )
        .select_from(E.join(A, A.c.id == E.c.article_id))
        .where(E.c.story_id == story_id)
        .order_by(A.c.published, A.c.pk, E.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def story_summary(engine: sa.Engine, story_id: str) -> dict[str, Any] | None:
    """The stored summary of a story (best-supported date, place and toll with their ranges), or None."""
    with engine.connect() as conn:
        record = conn.scalar(sa.select(schema.stories.c.record).where(schema.stories.c.id == story_id))
    return record["summary"] if record else None


def article(engine: sa.Engine, article_id: str) -> dict[str, Any] | None:
    """An article's full record (as `run --out` wrote it), or None."""
    with engine.connect() as conn:
        return conn.scalar(sa.select(A.c.record).where(A.c.id == article_id))


def top_actors(engine: sa.Engine, contains: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The actors named in the most articles, with their codes and sectors; with `contains`, only
    names containing it (any case) or with that code."""
    actors = schema.actors
    count_ = sa.func.count(sa.distinct(actors.c.article_id)).label("articles")
    query = sa.select(actors.c.name, actors.c.code, actors.c.sector, count_).group_by(
        actors.c.name, actors.c.code, actors.c.sector
    )
    if contains and contains.strip():
        needle = contains.strip()
        query = query.where(
            sa.or_(
                sa.func.lower(actors.c.name).like(_like(needle.lower()), escape="\\"),
                actors.c.code == needle.upper(),
            )
        )
    query = query.order_by(count_.desc(), actors.c.name).limit(limit)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
