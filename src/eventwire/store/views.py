"""What the page draws, counted in the database: the totals and what the view leaves out, events per
date and type (the timeline), per place (the map), per facet value, and the actor network.

Every count runs over the narrow columns of `events` (on SQLite through one covering index), so a
view of 100,000 events is counted without reading a record. Counts group in SQL; Python only merges
the few grouped rows.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, wraps
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from eventwire import codes, countries
from eventwire.store import schema
from eventwire.store.queries import HIDDEN, EventFilter, conditions
from eventwire.store.schema import events as E
from eventwire.store.writer import RECORD, ROLE_MARK, UNIT
from eventwire.words import DIRECTIONAL, LOCATIVE, PRONOUNS

N = sa.func.count()
T = TypeVar("T")
CACHE_SIZE = 64
NETWORK_NODES = 20  # the page's default: a network that reads, not a hairball
FATALITY_STEPS = (1, 10, 100)
# Words that are never an actor on their own: pronouns, prepositions, articles and quantifiers left
# over when a participant's span was cut short ("to", "I", "the", "others").
FUNCTION_WORDS = (
    PRONOUNS
    | LOCATIVE
    | DIRECTIONAL
    | frozenset(
        "the a an and or of this that these those which one ones other others both all some any each "
        "someone anyone everyone nobody people it its".split()
    )
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def cached(count: Callable[..., T]) -> Callable[..., T]:
    """Keep the last `CACHE_SIZE` answers of `count` per filter until the store changes.

    Stored articles are only ever added, so the highest article key tells whether anything
    changed; looking it up costs one index probe. A view counted once (the page's first view,
    which `eventwire serve` counts at start) then answers at once."""
    answers: OrderedDict[tuple, T] = OrderedDict()
    lock = threading.Lock()  # the API counts in a thread pool

    @wraps(count)
    def counted(engine: sa.Engine, f: EventFilter, *args: Any) -> T:
        with engine.connect() as conn:
            version = conn.scalar(sa.select(sa.func.max(schema.articles.c.pk)))
        key = (str(engine.url), repr(f), args, version)
        with lock:
            if key in answers:
                answers.move_to_end(key)
                return answers[key]
        answer = count(engine, f, *args)
        with lock:
            answers[key] = answer
            while len(answers) > CACHE_SIZE:
                answers.popitem(last=False)
        return answer

    counted.cache_clear = answers.clear  # for benchmarks that measure a first count
    return counted


@compiles(sa.Table, "sqlite")
def _table_with_hint(table: sa.Table, compiler: SQLCompiler, fromhints: dict | None = None, **kw: Any) -> str:
    """SQLAlchemy's SQLite dialect drops `with_hint` text; SQLite reads `FROM events INDEXED BY ...`."""
    text = compiler.visit_table(table, **kw)
    return f"{text} {fromhints[table]}" if kw.get("asfrom") and fromhints and table in fromhints else text


def _rows(engine: sa.Engine, f: EventFilter, *columns: Any, where: tuple = ()) -> list[sa.Row]:
    """`columns` of the events matching `f`, grouped by the columns that are not aggregates.
    On SQLite through the covering index, which the planner would sometimes pass over for an index
    that then reads every matching row's record."""
    query = sa.select(*columns).where(*conditions(f, engine.dialect.name), *where)
    query = query.with_hint(E, f"INDEXED BY {schema.VIEW_INDEX}", "sqlite")
    grouped = [c for c in columns if not isinstance(c, sa.sql.functions.FunctionElement)]
    if grouped:
        query = query.group_by(*grouped)
    with engine.connect() as conn:
        return conn.execute(query).all()


def _how_many(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.count(sa.case((condition, 1)))


@cached
def stats(engine: sa.Engine, f: EventFilter, max_points: int = 2000) -> dict[str, Any]:
    """The view's totals and what it leaves out, events per date and type, and map points.

    `hidden`: events the view leaves out by default (hypothetical, negated) that would match
    otherwise; `without_place` / `undated`: matching events the map / the timeline cannot show;
    `dates`: per date (day, month or year, as precise as it was reported) and type; `points`: one
    per place, with its events per quad class and how precise the place is."""
    shown_all = replace(f, **{switch: True for switch, _ in HIDDEN.values()})
    hides = {
        kind: sa.false() if getattr(f, switch) else column.is_(True)
        for kind, (switch, column) in HIDDEN.items()
    }
    shown = sa.not_(sa.or_(*hides.values()))
    tally = _rows(
        engine,
        shown_all,
        _how_many(shown),
        _how_many(sa.and_(shown, E.c.lat.is_not(None))),
        _how_many(sa.or_(*hides.values())),
        *map(_how_many, hides.values()),
    )[0]
    total, placed, hidden_events, *hidden = (n or 0 for n in tally)
    dates: dict[str, dict[str, int]] = defaultdict(dict)
    # Grouped in the covering index's order (type, quad, date): no sort step.
    for kind, _, date, n in _rows(
        engine, f, E.c.event, E.c.quad_code, E.c.date, N, where=(E.c.date.is_not(None),)
    ):
        dates[date][kind] = n
    places: dict[tuple[float, float], dict[str, Any]] = {}
    columns = (
        E.c.lat,
        E.c.lon,
        E.c.quad_code,
        *map(sa.func.max, (E.c.location, E.c.country_code, E.c.place_level)),
        N,
    )
    for lat, lon, quad, name, country, level, n in _rows(engine, f, *columns, where=(E.c.lat.is_not(None),)):
        place = places.setdefault(
            (lat, lon),
            {
                "lat": lat,
                "lon": lon,
                "name": name,
                "country_code": country,
                "level": level,
                "events": 0,
                "quads": {},
            },
        )
        place["events"] += n
        place["quads"][str(quad)] = place["quads"].get(str(quad), 0) + n
    return {
        "total": total,
        "hidden": {"events": hidden_events, **dict(zip(HIDDEN, hidden, strict=True))},
        "without_place": total - placed,
        "undated": total - sum(sum(counts.values()) for counts in dates.values()),
        "dates": [{"date": date, "counts": counts} for date, counts in sorted(dates.items())],
        "points": sorted(places.values(), key=lambda p: (-p["events"], p["lat"], p["lon"]))[:max_points],
    }


# Each facet and the filter field it leaves out when it counts.
FACET_FIELDS = {
    "types": "types",
    "quads": "quads",
    "countries": "countries",
    "admin1": "admin1",
    "sectors": "sectors",
    "fatalities": "min_fatalities",
    "acled": "acled_only",
}


@cached
def facets(engine: sa.Engine, f: EventFilter, max_values: int = 60) -> dict[str, Any]:
    """Counts per value of each filter, for the current view: each facet counts with every other
    filter applied but its own, so it shows what choosing another value would give.

    Facets whose own filter is not set count under the same filter, so they share scans: types and
    quad classes come from one count per type (each type has one quad class); countries, admin1,
    sectors, fatalities and ACLED-codable events from one count per (country, admin1, sectors)."""
    groups: dict[str, tuple[EventFilter, set[str]]] = {}
    for facet, field in FACET_FIELDS.items():
        scope = f.without(field)
        groups.setdefault(repr(scope), (scope, set()))[1].add(facet)
    types, quads, in_countries, admin1, sectors = Counter(), Counter(), Counter(), Counter(), Counter()
    fatal: dict[str, Any] = {}
    acled: dict[str, int] = {}
    for scope, wanted in groups.values():
        if wanted & {"types", "quads"}:
            for kind, n in _rows(engine, scope, E.c.event, N):
                if "types" in wanted:
                    types[kind] += n
                if "quads" in wanted:
                    quads[codes.PLOVER_QUAD.get(kind)] += n
        if wanted & {"countries", "admin1", "sectors", "fatalities", "acled"}:
            # One pass for the rest: counts per (country, admin1, sectors), each with its tolls and
            # ACLED-codable events, summed here per facet.
            steps = [0] * len(FATALITY_STEPS)
            reported = codable = events = 0
            for country, name, value, n, *at_least, with_toll, with_acled in _rows(
                engine,
                scope,
                E.c.country_code,
                E.c.admin1,
                E.c.sectors,
                N,
                *(_how_many(E.c.fatalities >= step) for step in FATALITY_STEPS),
                sa.func.count(E.c.fatalities),
                sa.func.count(E.c.acled_event_type),
            ):
                if "countries" in wanted and country:
                    in_countries[country] += n
                if "admin1" in wanted and country and name:
                    admin1[(country, name)] += n
                if "sectors" in wanted and value:
                    for sector in value.strip("|").split("|"):
                        sectors[sector] += n
                steps = [a + b for a, b in zip(steps, at_least, strict=True)]
                reported, codable, events = reported + with_toll, codable + with_acled, events + n
            if "fatalities" in wanted:
                fatal = {
                    "at_least": [
                        {"value": v, "count": n} for v, n in zip(FATALITY_STEPS, steps, strict=True)
                    ],
                    "reported": reported,
                    "events": events,
                }
            if "acled" in wanted:
                acled = {"codable": codable, "events": events}

    def ranked(counts: Counter) -> list[tuple[Any, int]]:
        return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:max_values]

    return {
        "types": [{"value": t, "count": n} for t, n in ranked(types)],
        "quads": [{"value": q, "count": n} for q, n in sorted(quads.items()) if q is not None],
        "countries": [{"value": c, "name": countries.name(c), "count": n} for c, n in ranked(in_countries)],
        "admin1": [{"value": a, "country_code": c, "count": n} for (c, a), n in ranked(admin1)],
        "sectors": [{"value": s, "count": n} for s, n in ranked(sectors)],
        "fatalities": fatal,
        "acled": acled,
    }


def is_fragment(name: str) -> bool:
    """A participant name that names no one: a pronoun, a preposition, a lone article or number."""
    words = WORD.findall(name.lower())
    return not words or all(word in FUNCTION_WORDS for word in words) or len("".join(words)) < 2


def identity(name: str) -> str:
    """One key per actor however it was written: case, a leading "the", possessives and spacing
    do not make another node ("The Syrian army's" and "Syrian army" are one)."""
    key = " ".join(WORD.findall(name.lower().replace("’", "'")))
    key = re.sub(r"'s\b", "", key)
    return key.removeprefix("the ").strip()


Participant = tuple[str, str, str]  # (identity key, name as written, code)


@lru_cache(maxsize=65536)
def _links(value: str) -> tuple[tuple[Participant, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """What one `parties` value adds to the network, worked out once per value: its participants
    (fragments left out), its nodes, and its edges. An event links each actor to each recipient;
    with no recipient, its several actors are linked to each other (in fighting, every side is an
    actor)."""
    sides: dict[str, list[Participant]] = {mark: [] for mark in ROLE_MARK.values()}
    for entry in value.split(RECORD):
        mark, name, code = (entry.split(UNIT) + ["", ""])[:3]
        if mark in sides and not is_fragment(name):
            sides[mark].append((identity(name), name, code))
    actors, recipients = sides[ROLE_MARK["actor"]], sides[ROLE_MARK["recipient"]]
    a_keys = sorted({key for key, _, _ in actors})
    r_keys = sorted({key for key, _, _ in recipients})
    pairs = (
        {(a, r) for a in a_keys for r in r_keys}
        if r_keys
        else {(a, b) for i, a in enumerate(a_keys) for b in a_keys[i + 1 :]}
    )
    edges = sorted({(min(a, b), max(a, b)) for a, b in pairs if a != b})
    return tuple(actors + recipients), tuple(sorted(set(a_keys) | set(r_keys))), tuple(edges)


@cached
def network(
    engine: sa.Engine, f: EventFilter, max_nodes: int = NETWORK_NODES
) -> dict[str, list[dict[str, Any]]]:
    """Actor-to-actor edges with event counts per quad class, among the `max_nodes` most linked actors.

    Actors are merged by identity (`identity`: one node per person or group, with the code most
    often given to it); pronouns and fragments are never nodes; edges as `_links` draws them."""
    events_per_node: Counter = Counter()
    names: dict[str, Counter] = defaultdict(Counter)
    codes: dict[str, Counter] = defaultdict(Counter)
    edges: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rows = _rows(engine, f, E.c.parties, E.c.quad_code, N, where=(E.c.parties.is_not(None),))
    for value, quad, n in rows:
        participants, nodes, links = _links(value)
        for key, name, code in participants:
            names[key][name] += n
            if code:
                codes[key][code] += n
        for key in nodes:
            events_per_node[key] += n
        for link in links:
            edges[link][quad] += n
    linked: Counter = Counter()
    for (a, b), counts in edges.items():
        linked[a] += counts.total()
        linked[b] += counts.total()
    keep = {key for key, _ in sorted(linked.items(), key=lambda item: (-item[1], item[0]))[:max_nodes]}
    return {
        "nodes": [
            {
                "id": key,
                "name": names[key].most_common(1)[0][0],
                "code": codes[key].most_common(1)[0][0] if codes[key] else None,
                "events": events_per_node[key],
            }
            for key in sorted(keep, key=lambda k: (-events_per_node[k], k))
        ],
        "edges": [
            {
                "source": a,
                "target": b,
                "counts": {str(q): counts.get(q, 0) for q in (1, 2, 3, 4)},
                "total": counts.total(),
            }
            for (a, b), counts in sorted(edges.items(), key=lambda item: (-item[1].total(), item[0]))
            if a in keep and b in keep
        ],
        "actors": len(events_per_node),
    }


@cached
def total(engine: sa.Engine, f: EventFilter) -> int:
    """How many events match `f` (for the events list's `total`)."""
    return _rows(engine, f, N)[0][0]


def count_first_view(engine: sa.Engine) -> None:
    """Count the view the page opens on (every event that happened), so its first visitor waits
    for no scan of the whole store."""
    everything = EventFilter()
    total(engine, everything)
    stats(engine, everything)
    facets(engine, everything)
    network(engine, everything, NETWORK_NODES)
