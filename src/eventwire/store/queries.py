"""Read queries behind the API: filtered, keyset-paged events, their evidence, actors, the actor
network and the counts the page draws. SQLAlchemy Core only, so every value is a bound parameter.

Event participants live in each event's `record` (JSON): SQLite reads them with `json_each`,
PostgreSQL with `json_array_elements`. Everything else filters on indexed columns of `events`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from eventwire.store import schema

E = schema.events
A = schema.articles
ROLES = ("actor", "recipient")
CODE = re.compile(r"^[A-Z]{3}$")


class BadCursor(ValueError):
    """A pagination cursor this server did not hand out."""


@dataclass(slots=True)
class EventFilter:
    """What the user asked for; empty fields do not filter. Hypothetical, negated and background events
    (dated over a year before their article) are left out unless asked for, since most analyses count only
    what happened, and only as news."""

    q: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    types: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    quads: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    actor: str | None = None
    sector: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    story: str | None = None
    include_hypothetical: bool = False
    include_negated: bool = False
    include_background: bool = False


# Sort keys. Keyset paging orders by (key, id) and resumes after the last row's pair. Null keys
# (undated events) sort lowest on both databases: first ascending, last descending, which is
# SQLite's own order, so the date index serves the default sort without a sort step.
SORTS = ("date", "confidence")


def parse_sort(sort: str) -> tuple[str, bool]:
    """`-date` -> ("date", descending); raises ValueError for an unknown key."""
    key, descending = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if key not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; use one of: " + ", ".join(f"{k}, -{k}" for k in SORTS))
    return key, descending


def encode_cursor(value: Any, event_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, event_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        value, event_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise BadCursor("invalid cursor") from exc
    if not isinstance(event_id, str) or not isinstance(value, (str, int, float, type(None))):
        raise BadCursor("invalid cursor")
    return value, event_id


def _participants(dialect: str, role: str) -> tuple[sa.TableValuedAlias, Any]:
    """The participants of `events` in `role` as a table, and a getter for their fields."""
    if dialect == "sqlite":
        table = sa.func.json_each(E.c.record, f"$.{role}").table_valued("value").alias(f"{role}_p")
        return table, lambda key: sa.func.json_extract(table.c.value, f"$.{key}")
    table = sa.func.json_array_elements(E.c.record.op("->")(role)).table_valued("value").alias(f"{role}_p")
    return table, lambda key: table.c.value.op("->>")(key)


def _participant_matches(dialect: str, match) -> sa.ColumnElement[bool]:
    """Some actor or recipient of the event satisfies `match(get)`."""
    clauses = []
    for role in ROLES:
        table, get = _participants(dialect, role)
        clauses.append(sa.exists(sa.select(sa.literal(1)).select_from(table).where(match(get))))
    return sa.or_(*clauses)


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


def conditions(f: EventFilter, dialect: str) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses for a filter over `events`."""
    where: list[sa.ColumnElement[bool]] = []
    if f.q and (matching := fulltext_articles(dialect, f.q)) is not None:
        where.append(E.c.article_id.in_(matching))
    if f.date_from:
        where.append(E.c.date >= f.date_from)
    if f.date_to:
        # "2021-12-31" must keep "2021-12-31" and month-precision "2021-12"; the upper bound is inclusive.
        where.append(E.c.date <= f.date_to)
    for column, values in ((E.c.event, f.types), (E.c.mode, f.modes), (E.c.quad_code, f.quads)):
        if values:
            where.append(column.in_(values))
    if f.countries:
        where.append(E.c.country_code.in_([c.upper() for c in f.countries]))
    if f.story:
        where.append(E.c.story_id == f.story)
    if f.bbox:
        west, south, east, north = f.bbox
        lon = E.c.lon.between(west, east) if west <= east else sa.or_(E.c.lon >= west, E.c.lon <= east)
        where.append(sa.and_(E.c.lat.between(south, north), lon))
    if f.actor:
        # The article must name the actor (the indexed `actors` table narrows the rows), and
        # the event must have it as actor or recipient.
        name, code = f.actor.strip(), f.actor.strip().upper()
        actors = schema.actors
        naming = sa.select(actors.c.article_id).where(actors.c.name == name)
        if CODE.match(code):
            naming = naming.union(sa.select(actors.c.article_id).where(actors.c.code == code))
        where.append(E.c.article_id.in_(naming))
        where.append(
            _participant_matches(dialect, lambda get: sa.or_(get("name") == name, get("code") == code))
        )
    if f.sector:
        where.append(_participant_matches(dialect, lambda get: get("sector") == f.sector.strip().upper()))
    if not f.include_hypothetical:
        where.append(E.c.hypothetical.is_(False))
    if not f.include_negated:
        where.append(E.c.negated.is_(False))
    if not f.include_background:
        where.append(E.c.background.is_(False))
    return where


def reports_for(conn: sa.Connection, story_ids: set[str]) -> dict[str, int]:
    """Reports per story, for the stories on one page."""
    if not story_ids:
        return {}
    rows = conn.execute(
        sa.select(E.c.story_id, sa.func.count())
        .where(E.c.story_id.in_(sorted(story_ids)))
        .group_by(E.c.story_id)
    )
    return {story_id: count for story_id, count in rows}


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
        page = page.where(_after(sort_key, *decode_cursor(cursor), descending))
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
        story_id = row["record"].get("story_id")
        row["reports"] = reports.get(story_id, 1) if story_id else 1
    last = rows[-1] if rows else None
    return EventPage(rows, encode_cursor(last["sort_key"], last["id"]) if more and last else None)


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


def story_reports(engine: sa.Engine, story_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """The events of one story, each with its article's title, outlet and date, earliest first."""
    query = (
        sa.select(
            E.c.id,
            E.c.article_id,
            E.c.event,
            E.c.date,
            A.c.title,
            A.c.outlet,
            A.c.published,
            E.c.record,
        )
        .select_from(E.join(A, A.c.id == E.c.article_id))
        .where(E.c.story_id == story_id)
        .order_by(A.c.published, E.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def article(engine: sa.Engine, article_id: str) -> dict[str, Any] | None:
    """An article's full record (as `run --out` wrote it), or None."""
    with engine.connect() as conn:
        return conn.scalar(sa.select(A.c.record).where(A.c.id == article_id))


def top_actors(engine: sa.Engine, prefix: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The actors named in the most articles, with their codes and sectors."""
    actors = schema.actors
    count = sa.func.count(sa.distinct(actors.c.article_id)).label("articles")
    query = sa.select(actors.c.name, actors.c.code, actors.c.sector, count).group_by(
        actors.c.name, actors.c.code, actors.c.sector
    )
    if prefix:
        escaped = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(sa.func.lower(actors.c.name).like(escaped + "%", escape="\\"))
    query = query.order_by(count.desc(), actors.c.name).limit(limit)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def _participant_lists(dialect: str) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """The actor and recipient lists of `events.record` as JSON values (not whole records)."""
    if dialect == "sqlite":
        get = [sa.func.json_extract(E.c.record, f"$.{role}") for role in ROLES]
    else:
        get = [E.c.record.op("->")(role) for role in ROLES]
    return tuple(sa.type_coerce(expr, sa.JSON).label(role) for expr, role in zip(get, ROLES, strict=True))


def _node_key(participant: dict[str, Any]) -> tuple[str, str | None] | None:
    name = participant.get("name") or participant.get("text")
    return (name, participant.get("code")) if name else None


def network(engine: sa.Engine, f: EventFilter, max_nodes: int = 40) -> dict[str, list[dict[str, Any]]]:
    """Actor-to-actor edges with event counts per quad class, among the `max_nodes` busiest actors.

    An event links each actor to each recipient; with no recipient, its several actors are linked
    to each other (in fighting, every side is an actor)."""
    query = sa.select(E.c.quad_code, *_participant_lists(engine.dialect.name)).where(
        *conditions(f, engine.dialect.name)
    )
    events_per_node: Counter = Counter()
    edges: dict[tuple, Counter] = defaultdict(Counter)
    with engine.connect() as conn:
        for quad, actors, recipients in conn.execute(query):
            sides = (
                [k for k in map(_node_key, actors or []) if k],
                [k for k in map(_node_key, recipients or []) if k],
            )
            for key in set(sides[0] + sides[1]):
                events_per_node[key] += 1
            pairs = (
                [(a, r) for a in sides[0] for r in sides[1]]
                if sides[1]
                else [(a, b) for i, a in enumerate(sides[0]) for b in sides[0][i + 1 :]]
            )
            for a, b in {tuple(sorted((a, b), key=str)) for a, b in pairs if a != b}:
                edges[(a, b)][quad] += 1
    linked = Counter()
    for (a, b), counts in edges.items():
        linked[a] += counts.total()
        linked[b] += counts.total()
    keep = {key for key, _ in linked.most_common(max_nodes)}
    node_id = {key: f"{key[0]}|{key[1] or ''}" for key in keep}
    return {
        "nodes": [
            {"id": node_id[key], "name": key[0], "code": key[1], "events": events_per_node[key]}
            for key in sorted(keep, key=lambda k: (-events_per_node[k], str(k)))
        ],
        "edges": [
            {
                "source": node_id[a],
                "target": node_id[b],
                "counts": {str(q): counts.get(q, 0) for q in (1, 2, 3, 4)},
                "total": counts.total(),
            }
            for (a, b), counts in sorted(edges.items(), key=lambda item: (-item[1].total(), str(item[0])))
            if a in keep and b in keep
        ],
    }


def stats(engine: sa.Engine, f: EventFilter, max_points: int = 2000) -> dict[str, Any]:
    """Counts of the matching events: total, per day and quad class, per type, per country, and
    map points (one per place and quad class, with how many reports name it).

    One pass over the narrow columns of `events`, counted here: its rows are wide, so every scan
    costs, and grouping in SQL would sort them all first."""
    query = sa.select(
        E.c.date, E.c.quad_code, E.c.event, E.c.country_code, E.c.lat, E.c.lon, E.c.location
    ).where(*conditions(f, engine.dialect.name))
    total = 0
    days: dict[str, Counter] = defaultdict(Counter)
    types, countries, points, names = Counter(), Counter(), Counter(), {}
    with engine.connect() as conn:
        for date, quad, kind, country, lat, lon, name in conn.execute(query):
            total += 1
            if date and len(date) == 10:  # the timeline is per day: day-precision dates only
                days[date][str(quad)] += 1
            types[kind] += 1
            if country:
                countries[country] += 1
            if lat is not None and lon is not None:
                points[(lat, lon, quad)] += 1
                names[(lat, lon)] = (name, country)
    return {
        "total": total,
        "days": [{"day": day, "counts": dict(counts)} for day, counts in sorted(days.items())],
        "types": [{"event": t, "count": c} for t, c in sorted(types.items(), key=lambda i: (-i[1], i[0]))],
        "countries": [
            {"country_code": cc, "count": c}
            for cc, c in sorted(countries.items(), key=lambda i: (-i[1], i[0]))
        ],
        "points": [
            {
                "lat": lat,
                "lon": lon,
                "name": names[(lat, lon)][0],
                "country_code": names[(lat, lon)][1],
                "quad": quad,
                "reports": c,
            }
            for (lat, lon, quad), c in points.most_common(max_points)
        ],
    }
