"""The read-only endpoints: events (JSON or CSV), one event with its evidence, articles, actors,
the actor network and the counts behind the timeline and the map."""

from __future__ import annotations

import csv
import io
from enum import StrEnum
from typing import Annotated, Any, Optional

import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from eventwire import codes
from eventwire.api.evidence import evidence_spans
from eventwire.api.params import event_filter
from eventwire.export.acled import COLUMNS, event_row
from eventwire.store import StoredArticle, queries
from eventwire.store.queries import EventFilter

router = APIRouter(prefix="/api")
Filter = Annotated[EventFilter, Depends(event_filter)]
SORT_HELP = "date or confidence; a leading - sorts descending (default -date)."


class Format(StrEnum):
    json = "json"
    csv = "csv"


def engine_of(request: Request) -> sa.Engine:
    return request.app.state.engine


def summary(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of one event the table shows, with its article's title and outlet."""
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
        "country_code": loc.get("country_code"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "actor": [{k: p.get(k) for k in participant} for p in event["actor"]],
        "recipient": [{k: p.get(k) for k in participant} for p in event["recipient"]],
        "trigger": event["trigger"]["text"],
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


def _spreadsheet_safe(value: Any) -> Any:
    """Scraped text starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(rows: list[dict[str, Any]], next_cursor: str | None) -> Response:
    """The page as ACLED-style CSV, the columns of `eventwire export --format csv`."""
    sink = io.StringIO()
    writer = csv.DictWriter(sink, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        article = {"source": {"outlet": row["outlet"], "url": row["url"]}, "published": row["published"]}
        stored = StoredArticle(article, row["stored_at"])
        writer.writerow({k: _spreadsheet_safe(v) for k, v in event_row(stored, row["record"]).items()})
    headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    return Response(sink.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/events", summary="Events matching the filters, one page at a time")
def list_events(
    request: Request,
    f: Filter,
    sort: Annotated[str, Query(description=SORT_HELP)] = "-date",
    limit: Annotated[int, Query(ge=1, le=10_000, description="Events per page (JSON at most 1000).")] = 50,
    cursor: Annotated[Optional[str], Query(description="The `next` of the previous page.")] = None,
    format: Annotated[Format, Query(description="json, or csv (ACLED-style columns).")] = Format.json,
) -> Any:
    """Events newest first by default. Pass the response's `next` as `cursor` for the next page
    (CSV: the `X-Next-Cursor` header)."""
    if format is Format.json and limit > 1000:
        raise HTTPException(422, "limit is at most 1000 for JSON (10,000 for CSV)")
    try:
        page = queries.events_page(engine_of(request), f, sort, limit, cursor)
    except queries.BadCursor as exc:
        raise HTTPException(400, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    if format is Format.csv:
        return csv_response(page.rows, page.next)
    return {"events": [summary(row) for row in page.rows], "next": page.next}


@router.get("/events/{event_id}", summary="One event with its evidence, its story and the other reports")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """The event record, the article it came from, the evidence spans (offsets into the article
    text: trigger, actor, recipient, place, time, reported-by) and the other reports of its story."""
    engine = engine_of(request)
    found = queries.event(engine, event_id)
    if not found:
        raise HTTPException(404, "no such event")
    event, article = found["event"], found["article"]
    story = None
    if event.get("story_id"):
        story = {
            "id": event["story_id"],
            "reports": [
                {
                    "event_id": r["id"],
                    "article_id": r["article_id"],
                    "event": r["event"],
                    "date": r["date"],
                    "title": r["title"],
                    "outlet": r["outlet"],
                    "published": r["published"],
                    "trigger": r["record"]["trigger"]["text"],
                }
                for r in queries.story_reports(engine, event["story_id"])
                if r["id"] != event_id
            ],
        }
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


@router.get("/articles/{article_id}", summary="One article record: text, captions, spans and events")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The article record exactly as `eventwire run --out` writes it."""
    record = queries.article(engine_of(request), article_id)
    if record is None:
        raise HTTPException(404, "no such article")
    return record


@router.get("/actors", summary="The actors named in the most articles, with codes and sectors")
def list_actors(
    request: Request,
    prefix: Annotated[Optional[str], Query(description="Only names starting with this (any case).")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> dict[str, Any]:
    return {"actors": queries.top_actors(engine_of(request), prefix, limit)}


@router.get("/network", summary="Actor-to-actor edges with counts per quad class")
def get_network(
    request: Request,
    f: Filter,
    nodes: Annotated[int, Query(ge=2, le=500, description="Most actors shown.")] = 40,
) -> dict[str, Any]:
    """Nodes are actors (name and code); an edge counts the matching events between two actors per
    quad class (1, 2 cooperation; 3, 4 conflict)."""
    return queries.network(engine_of(request), f, nodes)


@router.get(
    "/codes", summary="The code sets: PLOVER types with quad and modes, CAMEO roots, ACLED types, sectors"
)
def get_codes() -> dict[str, Any]:
    """The tables of `eventwire.codes`, which the page and any client read instead of restating them."""
    return codes.as_json()


@router.get("/stats", summary="Counts of the matching events per day, type, country and place")
def get_stats(request: Request, f: Filter) -> dict[str, Any]:
    """`days`: per day and quad class (day-precision dates only); `types`; `countries`; `points`:
    one per place and quad class with the number of reports."""
    return queries.stats(engine_of(request), f)
