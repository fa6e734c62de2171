"""The event filters as query parameters: one definition shared by /api/events, /api/network and
/api/stats, so the page can pass its URL's filters to any of them unchanged."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Optional

from fastapi import HTTPException, Query

from eventwire.store.queries import EventFilter

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
EventType = StrEnum("EventType", {name: name for name in EVENT_TYPES})


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`west,south,east,north` in degrees; west may exceed east across the antimeridian."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox out of range: longitudes -180..180, latitudes -90..90, south <= north")
    return west, south, east, north


def event_filter(
    q: Annotated[Optional[str], Query(description="Full text: articles containing every word.")] = None,
    date_from: Annotated[
        Optional[str], Query(alias="from", pattern=DATE, description="Earliest event date, YYYY[-MM[-DD]].")
    ] = None,
    date_to: Annotated[
        Optional[str], Query(alias="to", pattern=DATE, description="Latest event date (inclusive).")
    ] = None,
    types: Annotated[list[EventType], Query(alias="type", description="PLOVER event type(s).")] = [],  # noqa: B006
    modes: Annotated[list[str], Query(alias="mode", description="PLOVER mode(s), e.g. aerial.")] = [],  # noqa: B006
    quads: Annotated[
        list[int],
        Query(alias="quad", description="Quad class(es): 1 verbal / 2 material cooperation, 3 / 4 conflict."),
    ] = [],  # noqa: B006
    countries: Annotated[
        list[str], Query(alias="country", description="ISO 3166-1 alpha-2 of the event location.")
    ] = [],  # noqa: B006
    actor: Annotated[
        Optional[str],
        Query(description="An actor or recipient: its name as /api/actors lists it, or a code (SYR)."),
    ] = None,
    sector: Annotated[
        Optional[str], Query(description="An actor or recipient sector, e.g. MIL, COP.")
    ] = None,
    bbox: Annotated[Optional[str], Query(description="west,south,east,north in degrees.")] = None,
    story: Annotated[Optional[str], Query(description="Only the reports of this story.")] = None,
    hypothetical: Annotated[
        bool, Query(description="Include intended, threatened or possible events.")
    ] = False,
    negated: Annotated[bool, Query(description="Include events reported as not having happened.")] = False,
    background: Annotated[
        bool, Query(description="Include background: events dated over a year before their article.")
    ] = False,
) -> EventFilter:
    if any(q not in (1, 2, 3, 4) for q in quads):
        raise HTTPException(422, "quad must be 1, 2, 3 or 4")
    return EventFilter(
        q=q,
        date_from=date_from,
        date_to=date_to,
        types=[t.value for t in types],
        modes=modes,
        quads=quads,
        countries=countries,
        actor=actor,
        sector=sector,
        bbox=parse_bbox(bbox) if bbox else None,
        story=story,
        include_hypothetical=hypothetical,
        include_negated=negated,
        include_background=background,
    )
