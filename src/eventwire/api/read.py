"""The read-only endpoints: events (JSON, or the whole view as CSV or GeoJSON), one event with its
evidence, one story with its reports, articles, actors, the actor network, the facet counts and
the counts behind the timeline and the map."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, Optional

import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from eventwire import codes
from eventwire.api.evidence import evidence_spans
from eventwire.api.params import event_filter
from eventwire.export.acled import COLUMNS, csv_row
from eventwire.export.geojson import geojson_chunks
from eventwire.store import StoredArticle, queries, views
from eventwire.store.queries import EventFilter

router = APIRouter(prefix="/api")
Filter = Annotated[EventFilter, Depends(event_filter)]
SORT_HELP = "date or confidence; a leading - sorts descending (default -date)."


class Format(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


def engine_of(request: Request) -> sa.Engine:
    return request.app.state.engine


def plain_json(content: dict[str, Any]) -> JSONResponse:
    """Counts and records are plain JSON values already: sent with the C JSON encoder, without
    FastAPI's walk over every value (which takes longer than the counting for a 100,000-event view)."""
    return JSONResponse(content)


def summary(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of one event the table shows, with its article's title and outlet. `reports`:
    how many distinct articles and outlets report its story (one of each without a story)."""
    event = row["record"]
    loc = event.get("event_loc") or {}
    participant = ("text", "name", "code", "sector", "actor_id")
    return {
        "id": event["id"],
        "article_id": event["article_id"],
        "event": event["event"],
        "mode": event["mode"],
        "quad_code": event["quad_code"],
        "cameo_root": event["cameo_root"],
        "date": event["date"],
        "date_precision": event["date_precision"],
        "place": loc.get("name") or loc.get("text"),
        "place_level": loc.get("level"),
        "admin1": loc.get("admin1"),
        "country_code": loc.get("country_code"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "actor": [{k: p.get(k) for k in participant} for p in event["actor"]],
        "recipient": [{k: p.get(k) for k in participant} for p in event["recipient"]],
        "trigger": event["trigger"]["text"],
        "fatalities": (event.get("size") or {}).get("dead"),
        "negated": event["negated"],
        "hypothetical": event["hypothetical"],
        "background": event.get("background", False),
        "confidence": event["confidence"],
        "story_id": event["story_id"],
        "reports": row["reports"],
        "title": row["title"],
        "outlet": row["outlet"],
        "published": row["published"],
    }


def _pairs(rows: Iterator[dict[str, Any]]) -> Iterator[tuple[StoredArticle, dict[str, Any]]]:
    """Streamed event rows as the (article, event) pairs the export rows are built from."""
    for row in rows:
        article = {"source": {"outlet": row["outlet"], "url": row["url"]}, "published": row["published"]}
        yield StoredArticle(article, row["stored_at"]), row["record"]


def _csv_chunks(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    sink = io.StringIO()
    writer = csv.DictWriter(sink, fieldnames=COLUMNS)
    writer.writeheader()
    for number, (stored, event) in enumerate(_pairs(rows), 1):
        writer.writerow(csv_row(stored, event))
        if number % 500 == 0:
            yield sink.getvalue()
            sink.seek(0)
            sink.truncate()
    yield sink.getvalue()


def download(engine: sa.Engine, f: EventFilter, sort: str, format: Format) -> StreamingResponse:
    """The whole view, streamed: ACLED-style CSV (the columns of `eventwire export`) or GeoJSON."""
    rows = queries.events_stream(engine, f, sort)
    headers = {"X-Total-Count": str(views.total(engine, f))}
    if format is Format.csv:
        headers["Content-Disposition"] = 'attachment; filename="events.csv"'
        return StreamingResponse(_csv_chunks(rows), media_type="text/csv; charset=utf-8", headers=headers)
    headers["Content-Disposition"] = 'attachment; filename="events.geojson"'
    chunks = geojson_chunks(_pairs(rows), [0])
    return StreamingResponse(chunks, media_type="application/geo+json", headers=headers)


@router.get(
    "/events", summary="Events matching the filters: a page of JSON, or the whole view as CSV or GeoJSON"
)
def list_events(
    request: Request,
    f: Filter,
    sort: Annotated[str, Query(description=SORT_HELP)] = "-date",
    limit: Annotated[int, Query(ge=1, le=1000, description="Events per JSON page.")] = 50,
    cursor: Annotated[Optional[str], Query(description="The `next` of the previous page.")] = None,
    format: Annotated[
        Format,
        Query(
            description="json (one page, with `total`); csv (ACLED-style columns) or geojson (located "
            "events as points): every matching event, streamed."
        ),
    ] = Format.json,
) -> Any:
    """Events newest first by default, with `total`, the number of matching events. Pass the
    response's `next` as `cursor` for the next page. CSV and GeoJSON download the whole view."""
    engine = engine_of(request)
    try:
        key, _ = queries.parse_sort(sort)
        if cursor:
            queries.decode_cursor(cursor, key)  # a forged cursor is refused whatever the format
        if format is not Format.json:
            return download(engine, f, sort, format)
        page = queries.events_page(engine, f, sort, limit, cursor)
    except queries.BadCursor as exc:
        raise HTTPException(400, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return plain_json(
        {"events": [summary(row) for row in page.rows], "next": page.next, "total": views.total(engine, f)}
    )


def report(row: dict[str, Any]) -> dict[str, Any]:
    """One report of a story: the event as one article told it (its date and toll may differ)."""
    event = row["record"]
    return {
        "event_id": row["id"],
        "article_id": row["article_id"],
        "event": row["event"],
        "date": row["date"],
        "date_precision": event.get("date_precision"),
        "fatalities": row["fatalities"],
        "place": (event.get("event_loc") or {}).get("name"),
        "title": row["title"],
        "outlet": row["outlet"],
        "published": row["published"],
        "duplicate_of": row["duplicate_of"],
        "trigger": event["trigger"]["text"],
        "sentence": event["sentence"]["text"],
    }


def story_detail(engine: sa.Engine, story_id: str, article_id: str | None = None) -> dict[str, Any] | None:
    """A story's summary and its reports, one per article (its first mention there), leaving out
    the article `article_id` (the one being read): other sentences of one article are not other reports."""
    rows = queries.story_reports(engine, story_id)
    if not rows:
        return None
    per_article: dict[str, dict[str, Any]] = {}
    mentions: dict[str, int] = {}
    for row in rows:
        per_article.setdefault(row["article_id"], report(row))
        mentions[row["article_id"]] = mentions.get(row["article_id"], 0) + 1
    reports = [{**r, "mentions": mentions[a]} for a, r in per_article.items() if a != article_id]
    return {
        "id": story_id,
        "summary": queries.story_summary(engine, story_id),
        "articles": len({a for a, r in per_article.items() if not r["duplicate_of"]}) or 1,
        "outlets": len({r["outlet"] or a for a, r in per_article.items()}),
        "reports": reports,
    }


@router.get("/events/{event_id:path}", summary="One event with its evidence, its story and the other reports")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """The event record, the article it came from, the evidence spans (offsets into the article
    text: trigger, actor, recipient, place, time, reported-by) and its story: the reports of the
    same happening in other articles, with the dates and tolls they give."""
    engine = engine_of(request)
    found = queries.event(engine, event_id)
    if not found:
        raise HTTPException(404, "no such event")
    event, article = found["event"], found["article"]
    story = story_detail(engine, event["story_id"], event["article_id"]) if event.get("story_id") else None
    return {
        "event": event,
        "article": {
            "id": article["id"],
            "title": article["title"],
            "outlet": article["source"]["outlet"],
            "url": article["source"]["url"],
            "published": article["published"],
        },
        "evidence": {"sentence": event["sentence"], "spans": evidence_spans(event, article)},
        "story": story,
    }


@router.get("/stories/{story_id}", summary="One story: its best-supported facts and every report of it")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """A happening reported by several articles: the summary (best-supported date, place and toll
    with their ranges) and one report per article, with the date and toll that article gives."""
    story = story_detail(engine_of(request), story_id)
    if story is None:
        raise HTTPException(404, "no such story")
    return story


@router.get("/articles/{article_id:path}", summary="One article record: text, captions, spans and events")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The article record exactly as `eventwire run --out` writes it."""
    record = queries.article(engine_of(request), article_id)
    if record is None:
        raise HTTPException(404, "no such article")
    return record


@router.get("/actors", summary="The actors named in the most articles, with codes and sectors")
def list_actors(
    request: Request,
    q: Annotated[
        Optional[str], Query(description="Only names containing this (any case), or with this code.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> dict[str, Any]:
    return {"actors": queries.top_actors(engine_of(request), q, limit)}


@router.get("/network", summary="Actor-to-actor edges with counts per quad class")
def get_network(
    request: Request,
    f: Filter,
    nodes: Annotated[
        int, Query(ge=2, le=500, description="Most actors shown (the most linked).")
    ] = views.NETWORK_NODES,
) -> JSONResponse:
    """Nodes are actors, one per person or group however its name was written (name, most given
    code, events); pronouns and fragments are never nodes. An edge counts the matching events
    between two actors per quad class (1, 2 cooperation; 3, 4 conflict). `actors`: how many actors
    the view has in all."""
    return plain_json(views.network(engine_of(request), f, nodes))


@router.get(
    "/codes", summary="The code sets: PLOVER types with quad and modes, CAMEO roots, ACLED types, sectors"
)
def get_codes() -> dict[str, Any]:
    """The tables of `eventwire.codes`, which the page and any client read instead of restating them."""
    return codes.as_json()


@router.get("/stats", summary="The view's totals, what it leaves out, events per date and type, map points")
def get_stats(request: Request, f: Filter) -> JSONResponse:
    """`total`; `hidden`: hypothetical or negated events the view leaves out; `without_place` and
    `undated`: matching events the map or the timeline cannot show; `dates`: per date (as precise
    as reported) and type; `points`: one per place with events per quad class and its precision."""
    return plain_json(views.stats(engine_of(request), f))


@router.get("/facets", summary="Counts per value of each filter, for the current view")
def get_facets(request: Request, f: Filter) -> JSONResponse:
    """Types, quad classes, countries, admin1, sectors, fatalities and ACLED-codable events, each
    counted with every other filter applied but its own."""
    return plain_json(views.facets(engine_of(request), f))
