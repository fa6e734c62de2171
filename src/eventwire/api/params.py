"""The event filters as query parameters: one definition shared by /api/events, /api/stats,
/api/facets and /api/network, so the page can pass its URL's filters to any of them unchanged.

Nonsense is refused with the reason (422), never answered with everything or with nothing: a date
that is no calendar date, a country no name or code names, an unknown sector.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Optional

from fastapi import HTTPException, Query

from eventwire import codes, countries
from eventwire.store import queries
from eventwire.store.queries import DATE, EventFilter

EventType = StrEnum("EventType", {name: name for name in codes.EVENT_TYPES})


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`west,south,east,north` in degrees; west may exceed east across the antimeridian."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox out of range: longitudes -180..180, latitudes -90..90, south <= north")
    return west, south, east, north


def check_date(name: str, value: str | None) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD that is a real calendar date, or a 422 saying why not."""
    try:
        return queries.check_date(value) if value is not None else None
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {exc}") from None


def country_codes(values: list[str]) -> list[str]:
    """Each country as its alpha-2 code, whether given by name, alpha-2 or alpha-3; 422 for unknown ones."""
    found = []
    for value in values:
        code = countries.to_alpha2(value)
        if code is None:
            raise HTTPException(
                422,
                f"unknown country {value!r}: give a name (Syria), an ISO 3166 alpha-2 (SY) or alpha-3 (SYR) code",
            )
        found.append(code)
    return found


def event_filter(
    q: Annotated[Optional[str], Query(description="Full text: articles containing every word.")] = None,
    date_from: Annotated[
        Optional[str],
        Query(alias="from", pattern=DATE.pattern, description="Earliest event date, YYYY[-MM[-DD]]."),
    ] = None,
    date_to: Annotated[
        Optional[str], Query(alias="to", pattern=DATE.pattern, description="Latest event date (inclusive).")
    ] = None,
    types: Annotated[list[EventType], Query(alias="type", description="PLOVER event type(s).")] = [],  # noqa: B006
    modes: Annotated[list[str], Query(alias="mode", description="PLOVER mode(s), e.g. aerial.")] = [],  # noqa: B006
    quads: Annotated[
        list[int],
        Query(alias="quad", description="Quad class(es): 1 verbal / 2 material cooperation, 3 / 4 conflict."),
    ] = [],  # noqa: B006
    country: Annotated[
        list[str],
        Query(description="Country of the event location(s): a name (Syria), alpha-2 (SY) or alpha-3 (SYR)."),
    ] = [],  # noqa: B006
    admin1: Annotated[
        list[str], Query(description="First-level division(s) of the event location, e.g. Aleppo.")
    ] = [],  # noqa: B006
    actor: Annotated[
        Optional[str],
        Query(description="An actor or recipient: part of its name (any case: trump), or its code (SYR)."),
    ] = None,
    sector: Annotated[list[str], Query(description="Actor or recipient sector(s), e.g. MIL, COP.")] = [],  # noqa: B006
    min_fatalities: Annotated[
        Optional[int], Query(ge=0, description="Only events with at least this many reported dead.")
    ] = None,
    min_confidence: Annotated[
        Optional[float], Query(ge=0, le=1, description="Only events coded with at least this confidence.")
    ] = None,
    acled: Annotated[bool, Query(description="Only events ACLED's event types code.")] = False,
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
    unknown = sorted({s.strip().upper() for s in sector} - codes.SECTORS)
    if unknown:
        raise HTTPException(
            422, f"unknown sector {', '.join(unknown)}; sectors: {', '.join(sorted(codes.SECTORS))}"
        )
    return EventFilter(
        q=q,
        date_from=check_date("from", date_from),
        date_to=check_date("to", date_to),
        types=[t.value for t in types],
        modes=modes,
        quads=quads,
        countries=country_codes(country),
        admin1=admin1,
        actor=actor,
        sectors=[s.strip().upper() for s in sector],
        min_fatalities=min_fatalities,
        min_confidence=min_confidence,
        acled_only=acled,
        bbox=parse_bbox(bbox) if bbox else None,
        story=story,
        include_hypothetical=hypothetical,
        include_negated=negated,
        include_background=background,
    )
