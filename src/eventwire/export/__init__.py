"""Exports of the stored records: JSONL (the records as `run --out` wrote them), an ACLED-style
CSV, a GDELT-style TSV and GeoJSON (one row or feature per event), and Parquet (one row per article,
nested); at the story level, one row per story in each table format.

Every export takes the page's filter (`EventFilter`: dates, countries, types, story, confidence
...), so a file holds what the page shows. Event rows are the matching events; article records are
every article when nothing narrows the view, else the articles with a matching event (whole, as
stored); stories are those with a matching event.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventwire import store
from eventwire.export.acled import write_acled_csv
from eventwire.export.gdelt import write_gdelt_tsv
from eventwire.export.geojson import write_geojson
from eventwire.export.jsonl import record_line, write_jsonl
from eventwire.export.parquet import write_parquet
from eventwire.export.replace import replacing
from eventwire.export.stories import write_stories
from eventwire.store import StoredArticle
from eventwire.store.queries import E, EventFilter, conditions
from eventwire.store.stories import summaries

FORMATS = ("jsonl", "csv", "tsv", "parquet", "geojson")
LEVELS = ("event", "story")
EVENT_FORMATS = ("csv", "tsv", "geojson")  # one row (feature) per event at the event level


@dataclass(slots=True)
class Written:
    """What an export wrote: `rows` of `unit` (events, articles or stories); `without_place`
    counts the events GeoJSON left out for want of coordinates."""

    rows: int
    unit: str
    without_place: int = 0


def format_of(path: str | Path) -> str | None:
    """The format a file name announces (events.csv -> csv, map.geojson -> geojson), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def _matching(engine: sa.Engine, f: EventFilter) -> tuple[set[str], set[str]]:
    """Ids of the events matching `f` and of their articles."""
    query = sa.select(E.c.article_id, E.c.id).where(*conditions(f, engine.dialect.name))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return {event_id for _, event_id in rows}, {article_id for article_id, _ in rows}


def event_pairs(engine: sa.Engine, f: EventFilter) -> Iterator[tuple[StoredArticle, dict[str, Any]]]:
    """(article, event) for every event matching `f`, in the order articles were stored."""
    event_ids, article_ids = _matching(engine, f)
    for stored in store.articles(engine):
        if stored.record["id"] in article_ids:
            for event in stored.record["events"]:
                if event["id"] in event_ids:
                    yield stored, event


def export(
    engine: sa.Engine, fmt: str, out: Path, level: str = "event", f: EventFilter | None = None
) -> Written:
    """Write what `f` selects (default: every event that happened, the page's default view) to `out`;
    `out` is replaced only once the export is whole."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if level not in LEVELS:
        raise ValueError(f"unknown export level {level!r}; choose one of {', '.join(LEVELS)}")
    with replacing(out) as written:
        return _write(engine, fmt, written, level, f or EventFilter())


def _write(engine: sa.Engine, fmt: str, out: Path, level: str, f: EventFilter) -> Written:
    if level == "story":
        if fmt == "geojson":
            raise ValueError("GeoJSON is one feature per event: use --level event")
        stories = summaries(engine)
        if f.given():
            story_ids = _story_ids(engine, f)
            stories = (s for s in stories if s["id"] in story_ids)
        return Written(write_stories(stories, fmt, out), "stories")
    if fmt in EVENT_FORMATS:
        with open(out, "w", encoding="utf-8", newline="") as sink:
            if fmt == "geojson":
                features, without_place = write_geojson(event_pairs(engine, f), sink)
                return Written(features, "events", without_place)
            writer = write_acled_csv if fmt == "csv" else write_gdelt_tsv
            return Written(writer(event_pairs(engine, f), sink), "events")
    stored = store.articles(engine)
    if f.given():
        article_ids = _matching(engine, f)[1]
        stored = (item for item in stored if item.record["id"] in article_ids)
    records = (item.record for item in stored)
    if fmt == "parquet":
        return Written(write_parquet(records, out), "articles")
    with open(out, "w", encoding="utf-8", newline="") as sink:
        return Written(write_jsonl(records, sink), "articles")


def _story_ids(engine: sa.Engine, f: EventFilter) -> set[str]:
    query = sa.select(E.c.story_id).where(*conditions(f, engine.dialect.name), E.c.story_id.is_not(None))
    with engine.connect() as conn:
        return set(conn.scalars(query.distinct()))


__all__ = [
    "EVENT_FORMATS",
    "FORMATS",
    "LEVELS",
    "Written",
    "event_pairs",
    "export",
    "format_of",
    "record_line",
]
