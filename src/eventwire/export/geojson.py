"""GeoJSON: one Point feature per located event, for QGIS, ArcGIS, kepler.gl or geopandas.

The properties are the columns of the ACLED-style CSV (`acled.event_row`), so a GIS user and a
spreadsheet user read the same fields. RFC 7946 order: longitude, latitude. Events without a
place have no point and are left out; the writers return how many were written and how many left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from eventwire.export.acled import event_row
from eventwire.store import StoredArticle

HEAD = '{"type": "FeatureCollection", "features": [\n'
TAIL = "\n]}\n"


def feature(stored: StoredArticle, event: dict[str, Any]) -> dict[str, Any] | None:
    """The feature of one event, or None when it has no coordinates."""
    loc = event["event_loc"] or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
        "properties": event_row(stored, event),
    }


def geojson_chunks(
    pairs: Iterable[tuple[StoredArticle, dict[str, Any]]], left_out: list[int]
) -> Iterator[str]:
    """The FeatureCollection in pieces, one feature at a time (so a download streams);
    `left_out[0]` counts the events without a place."""
    yield HEAD
    first = True
    for stored, event in pairs:
        found = feature(stored, event)
        if found is None:
            left_out[0] += 1
            continue
        yield ("" if first else ",\n") + json.dumps(found, ensure_ascii=False)
        first = False
    yield TAIL


def write_geojson(pairs: Iterable[tuple[StoredArticle, dict[str, Any]]], sink: TextIO) -> tuple[int, int]:
    """Write the collection; returns (features written, events left out for want of a place)."""
    left_out, written = [0], 0
    for chunk in geojson_chunks(pairs, left_out):
        sink.write(chunk)
        written += chunk not in (HEAD, TAIL)
    return written, left_out[0]
