"""Stories: the events of many articles that report one real-world happening share a `story_id`.

Clustering is incremental and runs inside the store's write transaction: each new event is
compared with the candidate stories already stored (same event type, same country, dates within
`WINDOW_DAYS`, found through one composite index), joins the best compatible one or opens a new
story whose id derives from the event that opened it. Nothing already stored is re-clustered, and
the same input stored in the same order gives the same story ids. An event with no place may only
join a story of its own article (or of the article it copies).

An event is compatible with a story when
- the dates agree: each date is an interval (a day; a whole week or month for coarser dates; a day
  either side for approximate dates) and the two intervals lie at most `WINDOW_DAYS` apart;
  year-only or undated events (with no publication date to fall back on) open a story of their own;
- the places agree: the same country, and within `NEARBY_KM` when both are points, or the same
  admin1 when both name one; a country-level place agrees with any place in that country;
- the actors agree: their country/group codes overlap, or one side has none.

A story keeps one report per article; its summary (modal date, most specific place, most reported
death toll with its range, actor codes by support) is recomputed from those reports. A near-duplicate
article (`duplicate_of` set) whose event joins its original's story adds mentions (and a source only
when it comes from another outlet), never an article's votes. Negated and hypothetical events describe no
happening, and background events (dated over a year before their article) no news: they get no story. An event that arrives with a `story_id` (records clustered by another
store) keeps it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from eventwire.model import content_id
from eventwire.store import schema

WINDOW_DAYS = 2
NEARBY_KM = 50.0
LEVEL_RANK = {"sub-city": 4, "city": 3, "admin2": 2, "admin1": 1, "country": 0}
POINT_LEVELS = {"sub-city", "city", "admin2"}


@dataclass
class Story:
    """A story as clustering sees it: its id, type, country and the reports of its articles."""

    id: str
    event: str
    country_code: str | None
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)

    def add(self, record: dict[str, Any], event: dict[str, Any], duplicate: bool) -> None:
        """Count `event` of the article `record` as one more mention of this story."""
        report = self.reports.setdefault(
            record["id"],
            {
                "outlet": record["source"]["outlet"],
                "published": record["published"],
                "duplicate_of": record["duplicate_of"] if duplicate else None,
                "mentions": 0,
                "dates": [],
                "dead": [],
                "actors": [],
                "places": [],
            },
        )
        report["mentions"] += 1
        if not duplicate:
            _add_new(report["dates"], [event["date"], event["date_precision"]])
            if (event["size"] or {}).get("dead") is not None:
                _add_new(report["dead"], event["size"]["dead"])
            report["actors"] = sorted(set(report["actors"]) | _codes(event))
            if event["event_loc"]:
                _add_new(report["places"], _place(event["event_loc"]))
        self.summary = summarise(self)


def _add_new(values: list[Any], value: Any) -> None:
    """Each article reports a value once, however often it repeats it."""
    if value not in values:
        values.append(value)


def summarise(story: Story) -> dict[str, Any]:
    """The best-supported value of each field: each article votes once per value."""
    originals = [r for r in story.reports.values() if r["duplicate_of"] is None] or list(
        story.reports.values()
    )
    dates = Counter(tuple(d) for r in originals for d in map(tuple, r["dates"]) if d[0])
    date = (
        min(dates, key=lambda d: (-dates[d], _precision_rank(d[1]), d[0]))
        if dates
        else (min((r["published"] for r in originals if r["published"]), default=None), "day")
    )
    tolls = Counter(max(r["dead"]) for r in originals if r["dead"])
    places = [p for r in originals for p in r["places"]]
    place_votes = Counter(p["name"] for p in places)
    place = max(
        places,
        key=lambda p: (LEVEL_RANK.get(p["level"] or "", 0), place_votes[p["name"]], p["lat"] is not None),
        default=None,
    )
    actor_votes = Counter(code for r in originals for code in r["actors"])
    lo, hi = interval(date[0], date[1]) or (None, None)
    published = sorted(r["published"] for r in story.reports.values() if r["published"])
    return {
        "id": story.id,
        "event": story.event,
        "date": date[0],
        "date_precision": date[1],
        "date_lo": lo.isoformat() if lo else None,
        "date_hi": hi.isoformat() if hi else None,
        "date_range": [min(d[0] for d in dates), max(d[0] for d in dates)] if dates else None,
        "country_code": story.country_code,
        "location": place,
        "dead": (
            {"best": max(tolls, key=lambda n: (tolls[n], n)), "min": min(tolls), "max": max(tolls)}
            if tolls
            else None
        ),
        "actors": sorted(actor_votes, key=lambda c: (-actor_votes[c], c)),
        "first_reported": published[0] if published else None,
        "num_articles": sum(1 for r in story.reports.values() if r["duplicate_of"] is None),
        "num_sources": len({r["outlet"] or article_id for article_id, r in story.reports.items()}),
        "num_mentions": sum(r["mentions"] for r in story.reports.values()),
        "articles": sorted(story.reports),
    }


def assign(conn: sa.Connection, records: list[dict[str, Any]]) -> None:
    """Set `story_id` on every event of the new article `records`, storing the stories they touch.

    Runs in the caller's transaction, so stories commit (or roll back) with their articles.
    """
    keyed = [
        (record, event, _key(record, event))
        for record in records
        for event in record["events"]
        if not (event["negated"] or event["hypothetical"] or event.get("background"))
    ]
    story_of_article = _stories_of(conn, {r["duplicate_of"] for r in records if r["duplicate_of"]})
    given = {event["story_id"] for _, event, _ in keyed if event["story_id"]}
    known = _candidates(
        conn,
        [key for _, _, key in keyed if key[1] and key[2]],
        given | {sid for ids in story_of_article.values() for sid in ids},
    )
    by_key: dict[tuple[str, str | None], list[Story]] = {}
    for story in known.values():
        by_key.setdefault((story.event, story.country_code), []).append(story)
    changed: dict[str, Story] = {}
    new: set[str] = set()
    for record, event, (kind, country, span) in keyed:
        story, via = None, set(story_of_article.get(record["duplicate_of"], []))
        if event["story_id"]:  # re-imported records keep the story they were given
            story = known.get(event["story_id"])
        elif span:
            # With no place, an event may only join its own article's or its original's stories.
            own = via | set(story_of_article.get(record["id"], []))
            candidates = (
                by_key.get((kind, country), [])
                if country
                else [known[sid] for sid in sorted(own) if sid in known and known[sid].event == kind]
            )
            story = _best(event, span, candidates)
        if story is None:
            story = Story(event["story_id"] or content_id("story", event["id"]), kind, country)
            known[story.id] = story
            by_key.setdefault((kind, country), []).append(story)
            new.add(story.id)
        story.add(record, event, duplicate=story.id in via)  # a copy's mentions, not its votes
        event["story_id"] = story.id
        story_of_article.setdefault(record["id"], []).append(story.id)
        changed[story.id] = story
    _save(
        conn,
        [s for sid, s in changed.items() if sid in new],
        [s for sid, s in changed.items() if sid not in new],
    )


def interval(value: str | None, precision: str | None) -> tuple[Date, Date] | None:
    """The days a date may mean: one day, a week, a month; None for a year, no date or a bad one."""
    if not value or precision == "year":
        return None
    try:
        if "-W" in value:
            year, week = value.split("-W")
            start = Date.fromisocalendar(int(year), int(week[:2]), 1)
            return start, start + timedelta(days=6)
        parts = [int(p) for p in value.split("-")[:3]]
        if len(parts) == 2 or (len(parts) == 3 and precision == "month"):
            return _month(parts[0], parts[1])
        if len(parts) == 3:
            day = Date(*parts)
            return (day - timedelta(days=3), day + timedelta(days=3)) if precision == "week" else (day, day)
    except ValueError:
        pass
    return None


def _month(year: int, month: int) -> tuple[Date, Date]:
    start = Date(year, month, 1)
    return start, Date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _key(record: dict[str, Any], event: dict[str, Any]) -> tuple[str, str | None, tuple[Date, Date] | None]:
    """(type, country, date interval) of an event; undated events fall back on the publication day."""
    span = interval(event["date"], event["date_precision"])
    if span is None and not event["date"]:
        span = interval(record["published"], "day")
    if span and event.get("date_approximate"):
        span = (span[0] - timedelta(days=1), span[1] + timedelta(days=1))
    return event["event"], (event["event_loc"] or {}).get("country_code"), span


def _candidates(
    conn: sa.Connection, keys: list[tuple[str, str | None, tuple[Date, Date]]], ids: set[str]
) -> dict[str, Story]:
    """The stored stories that any of `keys` could join (one indexed query per type and country,
    over the batch's date windows), and the stories `ids` (those of the originals of copies)."""
    window = timedelta(days=WINDOW_DAYS)
    spans: dict[tuple[str, str], list[tuple[Date, Date]]] = {}
    for kind, country, (lo, hi) in keys:
        spans.setdefault((kind, country), []).append((lo - window, hi + window))
    t = schema.stories
    columns = (t.c.id, t.c.event, t.c.country_code, t.c.record)
    queries = [
        sa.select(*columns).where(
            t.c.event == kind,
            t.c.country_code == country,
            sa.or_(
                *(
                    sa.and_(t.c.date_lo <= hi.isoformat(), t.c.date_hi >= lo.isoformat())
                    for lo, hi in _merged(ranges)
                )
            ),
        )
        for (kind, country), ranges in spans.items()
    ]
    if ids:
        queries.append(sa.select(*columns).where(t.c.id.in_(sorted(ids))))
    found: dict[str, Story] = {}
    for query in queries:
        for row in conn.execute(query):
            found[row.id] = Story(
                row.id, row.event, row.country_code, row.record["reports"], row.record["summary"]
            )
    return found


def _merged(ranges: list[tuple[Date, Date]]) -> list[tuple[Date, Date]]:
    """Overlapping date ranges joined, so a batch spread over a year asks only for its days."""
    out: list[tuple[Date, Date]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _stories_of(conn: sa.Connection, article_ids: set[str]) -> dict[str, list[str]]:
    """The stories the events of the stored `article_ids` belong to (the originals of duplicates)."""
    e = schema.events
    out: dict[str, list[str]] = {}
    if article_ids:
        query = sa.select(e.c.article_id, e.c.story_id).where(
            e.c.article_id.in_(sorted(article_ids)), e.c.story_id.is_not(None)
        )
        for row in conn.execute(query.order_by(e.c.id)):
            out.setdefault(row.article_id, []).append(row.story_id)
    return out


def _best(event: dict[str, Any], span: tuple[Date, Date], stories: list[Story]) -> Story | None:
    """The compatible story that agrees best on date, place and actors; ties go to the larger story."""
    scored = []
    for story in stories:
        score = _match(event, span, story.summary)
        if score is not None:
            scored.append((-score, -story.summary["num_articles"], story.id, story))
    return min(scored, key=lambda s: s[:3])[3] if scored else None


def _match(event: dict[str, Any], span: tuple[Date, Date], summary: dict[str, Any]) -> float | None:
    """How well `event` fits a story (higher is better), or None when they cannot be one happening."""
    if not summary["date_lo"]:
        return None
    lo, hi = Date.fromisoformat(summary["date_lo"]), Date.fromisoformat(summary["date_hi"])
    gap = max((lo - span[1]).days, (span[0] - hi).days, 0)
    if gap > WINDOW_DAYS:
        return None
    place = _place_score(event["event_loc"], summary["location"])
    if place is None:
        return None
    mine, theirs = _codes(event), set(summary["actors"])
    if mine and theirs and not mine & theirs:
        return None
    actors = len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0
    return (1 - gap / (WINDOW_DAYS + 1)) + place + 0.5 * actors


def _place_score(loc: dict[str, Any] | None, best: dict[str, Any] | None) -> float | None:
    """1 for the same place, less for nearby or same admin1, 0 when one side says only the country."""
    if not loc or not best:
        return 0.0
    if loc.get("geonameid") and loc.get("geonameid") == best.get("geonameid"):
        return 1.0
    points = [
        (p["lat"], p["lon"])
        for p in (loc, best)
        if p.get("lat") is not None and p.get("lon") is not None and p.get("level") in POINT_LEVELS
    ]
    if len(points) == 2:
        km = _km(*points[0], *points[1])
        return 1.0 - 0.5 * km / NEARBY_KM if km <= NEARBY_KM else None
    if loc.get("admin1") and best.get("admin1") and "country" not in (loc.get("level"), best.get("level")):
        return 0.25 if loc["admin1"] == best["admin1"] else None
    return 0.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _codes(event: dict[str, Any]) -> set[str]:
    return {p["code"] for p in event["actor"] + event["recipient"] if p.get("code")}


def _place(loc: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "geonameid", "lat", "lon", "country_code", "admin1", "level")
    return {key: loc.get(key) for key in keys} | {"name": loc.get("name") or loc.get("text")}


def _precision_rank(precision: str | None) -> int:
    return {"day": 0, "week": 1, "month": 2}.get(precision or "", 3)


def _row(story: Story) -> dict[str, Any]:
    s = story.summary
    return {
        "id": story.id,
        "event": story.event,
        "country_code": story.country_code,
        "date": s["date"],
        "date_lo": s["date_lo"],
        "date_hi": s["date_hi"],
        "first_reported": s["first_reported"],
        "num_mentions": s["num_mentions"],
        "num_articles": s["num_articles"],
        "num_sources": s["num_sources"],
        "record": {"summary": s, "reports": story.reports},
    }


def _save(conn: sa.Connection, new: list[Story], changed: list[Story]) -> None:
    t = schema.stories
    if new:
        conn.execute(t.insert(), [_row(s) for s in new])
    if changed:
        rows = [{"key": row.pop("id"), **row} for row in map(_row, changed)]
        conn.execute(t.update().where(t.c.id == sa.bindparam("key")), rows)


def summaries(engine: sa.Engine) -> Iterator[dict[str, Any]]:
    """Every stored story's summary, earliest first; streams, never loads the table."""
    t = schema.stories
    query = sa.select(t.c.record).order_by(t.c.date_lo, t.c.first_reported, t.c.id)
    with engine.connect() as conn:
        for record in conn.scalars(query.execution_options(yield_per=256)):
            yield record["summary"]
