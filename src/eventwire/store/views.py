"""What the page draws, counted from the events' columns held in memory (`store/columns.py`): the
totals and what the view leaves out, events per date and type (the timeline), per place (the map),
per facet value, and the actor network.

Counts group in Arrow, over the rows the view's filter keeps (`queries.mask`); Python only merges
the few grouped rows.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from eventwire import codes, countries
from eventwire.store import columns
from eventwire.store.columns import Columns
from eventwire.store.queries import HIDDEN, EventFilter, mask
from eventwire.store.writer import RECORD, ROLE_MARK, UNIT
from eventwire.words import DIRECTIONAL, LOCATIVE, PRONOUNS

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
COUNT = ([], "count_all")


def cached(count: Callable[..., T]) -> Callable[..., T]:
    """`count(columns, engine, f, *args)` called as `count(engine, f, *args)` on the store's current
    columns, its last `CACHE_SIZE` answers kept per filter until the store changes (a new version
    of the columns). A view counted once (the page's first view, which `eventwire serve` counts at
    start) then answers at once."""
    answers: OrderedDict[tuple, T] = OrderedDict()
    lock = threading.Lock()  # the API counts in a thread pool

    @functools.wraps(count)
    def counted(engine: sa.Engine, f: EventFilter, *args: Any) -> T:
        stored = columns.current(engine)
        key = (str(engine.url), repr(f), args, stored.version)
        with lock:
            if key in answers:
                answers.move_to_end(key)
                return answers[key]
        answer = count(stored, engine, f, *args)
        with lock:
            answers[key] = answer
            while len(answers) > CACHE_SIZE:
                answers.popitem(last=False)
        return answer

    counted.cache_clear = answers.clear  # for benchmarks that measure a first count
    return counted


def _rows(stored: Columns, engine: sa.Engine, f: EventFilter, names: list[str]) -> pa.Table:
    """The columns `names` of the events matching `f`."""
    return stored.events.select(names).filter(mask(f, stored.events, engine))


def _grouped(rows: pa.Table, keys: list[str], *aggregates: tuple, known: tuple[str, ...] = ()) -> list[tuple]:
    """`rows` grouped by `keys`, as tuples of the keys and then each aggregate (default: how many
    rows); rows missing a value of a `known` key are left out."""
    for key in known:
        rows = rows.filter(pc.is_valid(rows[key]))
    table = rows.group_by(keys).aggregate(list(aggregates or (COUNT,)))
    names = [*keys, *(name for name in table.column_names if name not in keys)]
    return list(zip(*(table[name].to_pylist() for name in names), strict=True))


@cached
def stats(stored: Columns, engine: sa.Engine, f: EventFilter, max_points: int = 2000) -> dict[str, Any]:
    """The view's totals and what it leaves out, events per date and type, and map points.

    `hidden`: events the view leaves out by default (hypothetical, negated) that would match
    otherwise; `without_place` / `undated`: matching events the map / the timeline cannot show;
    `dates`: per date (day, month or year, as precise as it was reported) and type; `points`: one
    per place, with its events per quad class and how precise the place is."""
    events = stored.events
    matching = mask(replace(f, **{switch: True for switch, _ in HIDDEN.values()}), events, engine)
    hides = {
        kind: pc.and_(matching, events[column.name])
        if not getattr(f, switch)
        else pa.repeat(False, len(events))
        for kind, (switch, column) in HIDDEN.items()
    }
    hidden = functools.reduce(pc.or_, hides.values())
    names = ["date", "event", "lat", "lon", "quad_code", "location", "country_code", "place_level"]
    view = events.select(names).filter(pc.and_(matching, pc.invert(hidden)))
    dates: dict[str, dict[str, int]] = defaultdict(dict)
    for date, kind, n in _grouped(view, ["date", "event"], known=("date",)):
        dates[date][kind] = n
    places: dict[tuple[float, float], dict[str, Any]] = {}
    maxima = [(name, "max") for name in ("location", "country_code", "place_level")]
    for lat, lon, quad, name, country, level, n in _grouped(
        view, ["lat", "lon", "quad_code"], *maxima, COUNT, known=("lat",)
    ):
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
    total = view.num_rows
    return {
        "total": total,
        "hidden": {"events": columns.count(hidden), **{kind: columns.count(h) for kind, h in hides.items()}},
        "without_place": total - columns.count(pc.is_valid(view["lat"])),
        "undated": total - columns.count(pc.is_valid(view["date"])),
        "dates": [{"date": date, "counts": counts} for date, counts in sorted(dates.items())],
        "points": sorted(places.values(), key=lambda p: (-p["events"], p["lat"], p["lon"]))[:max_points],
    }


FACET_COLUMNS = ["event", "country_code", "admin1", "sectors", "fatalities", "acled_event_type"]
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
def facets(stored: Columns, engine: sa.Engine, f: EventFilter, max_values: int = 60) -> dict[str, Any]:
    """Counts per value of each filter, for the current view: each facet counts with every other
    filter applied but its own, so it shows what choosing another value would give. Facets whose
    own filter is not set count the same rows."""
    scopes: dict[str, pa.Table] = {}

    def rows(facet: str) -> pa.Table:
        scope = f.without(FACET_FIELDS[facet])
        if repr(scope) not in scopes:
            scopes[repr(scope)] = _rows(stored, engine, scope, FACET_COLUMNS)
        return scopes[repr(scope)]

    types = Counter(dict(_grouped(rows("types"), ["event"])))
    quads: Counter = Counter()
    for kind, n in _grouped(rows("quads"), ["event"]):
        quads[codes.PLOVER_QUAD.get(kind)] += n
    sectors: Counter = Counter()
    for value, n in _grouped(rows("sectors"), ["sectors"], known=("sectors",)):
        for sector in filter(None, value.strip("|").split("|")):
            sectors[sector] += n
    in_countries = Counter(dict(_grouped(rows("countries"), ["country_code"], known=("country_code",))))
    keys = ["country_code", "admin1"]
    admin1 = Counter({(c, a): n for c, a, n in _grouped(rows("admin1"), keys, known=tuple(keys))})
    tolls, acled = rows("fatalities"), rows("acled")

    def ranked(counts: Counter) -> list[tuple[Any, int]]:
        return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:max_values]

    def at_least(step: int) -> int:
        return columns.count(pc.fill_null(pc.greater_equal(tolls["fatalities"], step), False))

    return {
        "types": [{"value": t, "count": n} for t, n in ranked(types)],
        "quads": [{"value": q, "count": n} for q, n in sorted(quads.items()) if q is not None],
        "countries": [{"value": c, "name": countries.name(c), "count": n} for c, n in ranked(in_countries)],
        "admin1": [{"value": a, "country_code": c, "count": n} for (c, a), n in ranked(admin1)],
        "sectors": [{"value": s, "count": n} for s, n in ranked(sectors)],
        "fatalities": {
            "at_least": [{"value": step, "count": at_least(step)} for step in FATALITY_STEPS],
            "reported": columns.count(pc.is_valid(tolls["fatalities"])),
            "events": tolls.num_rows,
        },
        "acled": {"codable": columns.count(pc.is_valid(acled["acled_event_type"])), "events": acled.num_rows},
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


@dataclass(frozen=True, slots=True)
class Links:
    """`_links` of every distinct `parties` value of the stored events, numbered: `value` gives each
    stored event's value number (in the events' row order, from `numbers`); `participants` (value,
    node, name, code), `nodes` (value, node) and `edges` (value, a, b) join the view's counts per
    value; `keys` names the nodes by their identity key."""

    version: int | None
    value: pa.ChunkedArray
    participants: pa.Table
    nodes: pa.Table
    edges: pa.Table
    numbers: dict[str, int]
    keys: list[str]


LINK_TYPES = {"value": pa.int32(), "node": pa.int32(), "a": pa.int32(), "b": pa.int32()}
_links_of: dict[str, Links] = {}


def _stored_links(stored: Columns, url: str) -> Links:
    """The links of the stored parties values, worked out for the values new since the last call."""
    have = _links_of.get(url)
    if have is not None and have.version == stored.version:
        return have
    numbers, keys = (dict(have.numbers), list(have.keys)) if have is not None else ({}, [])
    nodes_of = {key: node for node, key in enumerate(keys)}

    def node(key: str) -> int:
        if key not in nodes_of:
            nodes_of[key] = len(keys)
            keys.append(key)
        return nodes_of[key]

    added: dict[str, dict[str, list]] = {
        "participants": {"value": [], "node": [], "name": [], "code": []},
        "nodes": {"value": [], "node": []},
        "edges": {"value": [], "a": [], "b": []},
    }
    for value in pc.unique(stored.events["parties"].drop_null()).to_pylist():
        if value in numbers:
            continue
        number = numbers[value] = len(numbers)
        people, ends, links = _links(value)
        for key, name, code in people:
            for column, item in zip(
                added["participants"].values(), (number, node(key), name, code), strict=True
            ):
                column.append(item)
        added["nodes"]["value"] += [number] * len(ends)
        added["nodes"]["node"] += map(node, ends)
        added["edges"]["value"] += [number] * len(links)
        added["edges"]["a"] += (node(a) for a, _ in links)
        added["edges"]["b"] += (node(b) for _, b in links)
    tables = {
        name: pa.table(lists, pa.schema([(c, LINK_TYPES.get(c, pa.string())) for c in lists]))
        for name, lists in added.items()
    }
    if have is not None:
        tables = {name: pa.concat_tables([getattr(have, name), table]) for name, table in tables.items()}
    value = pc.index_in(stored.events["parties"], value_set=pa.array(list(numbers), pa.string()))
    _links_of[url] = Links(stored.version, value, **tables, numbers=numbers, keys=keys)
    return _links_of[url]


@cached
def network(
    stored: Columns, engine: sa.Engine, f: EventFilter, max_nodes: int = NETWORK_NODES
) -> dict[str, list[dict[str, Any]]]:
    """Actor-to-actor edges with event counts per quad class, among the `max_nodes` most linked actors.

    Actors are merged by identity (`identity`: one node per person or group, with the name and the
    code most often given to it); pronouns and fragments are never nodes; edges as `_links` draws
    them."""
    links = _stored_links(stored, str(engine.url))
    matching = mask(f, stored.events, engine)
    view = pa.table({"value": links.value, "quad_code": stored.events["quad_code"]}).filter(matching)
    per_quad = view.group_by(["value", "quad_code"]).aggregate([COUNT]).filter(pc.is_valid(pc.field("value")))
    per_value = per_quad.group_by("value").aggregate([("count_all", "sum")]).rename_columns(["value", "n"])

    def joined(table: pa.Table, counts: pa.Table) -> pa.Table:
        return table.join(counts, "value", join_type="inner")

    edges = joined(links.edges, per_quad)
    ends = pa.concat_tables(
        edges.select([end, "count_all"]).rename_columns(["node", "n"]) for end in ("a", "b")
    )
    linked = ends.group_by("node").aggregate([("n", "sum")])
    order = pc.sort_indices(
        pa.table({"n": pc.negate(linked["n_sum"]), "key": pc.take(pa.array(links.keys), linked["node"])}),
        sort_keys=[("n", "ascending"), ("key", "ascending")],
    )
    keep = pc.take(linked["node"], order[:max_nodes]).combine_chunks()
    per_node = joined(links.nodes.filter(pc.is_in(pc.field("node"), keep)), per_value)
    events_per_node = dict(_grouped(per_node, ["node"], ("n", "sum")))
    names: dict[int, Counter] = defaultdict(Counter)
    given: dict[int, Counter] = defaultdict(Counter)
    chosen = joined(links.participants.filter(pc.is_in(pc.field("node"), keep)), per_value)
    for node, name, code, n in _grouped(chosen, ["node", "name", "code"], ("n", "sum")):
        names[node][name] += n
        if code:
            given[node][code] += n
    among = edges.filter(pc.is_in(pc.field("a"), keep) & pc.is_in(pc.field("b"), keep))
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for a, b, quad, n in _grouped(among, ["a", "b", "quad_code"], ("count_all", "sum")):
        counts[(links.keys[a], links.keys[b])][quad] += n

    def most(counted: Counter) -> str | None:
        return min(counted, key=lambda value: (-counted[value], value)) if counted else None

    return {
        "nodes": [
            {"id": links.keys[node], "name": most(names[node]), "code": most(given[node]), "events": n}
            for node, n in sorted(events_per_node.items(), key=lambda item: (-item[1], links.keys[item[0]]))
        ],
        "edges": [
            {
                "source": a,
                "target": b,
                "counts": {str(q): quads.get(q, 0) for q in (1, 2, 3, 4)},
                "total": quads.total(),
            }
            for (a, b), quads in sorted(counts.items(), key=lambda item: (-item[1].total(), item[0]))
        ],
        "actors": pc.count_distinct(joined(links.nodes, per_value)["node"]).as_py(),
    }


@cached
def total(stored: Columns, engine: sa.Engine, f: EventFilter) -> int:
    """How many events match `f` (for the events list's `total`)."""
    return columns.count(mask(f, stored.events, engine))


def count_first_view(engine: sa.Engine) -> None:
    """Load the events' columns and count the view the page opens on (every event that happened),
    so its first visitor waits for neither."""
    everything = EventFilter()
    total(engine, everything)
    stats(engine, everything)
    facets(engine, everything)
    network(engine, everything, NETWORK_NODES)
