"""ACLED-style CSV: one row per event, in the columns of ACLED's export, plus eventwire's own.

ACLED users can load it with the tools they already have: `source` is the outlet that published
the report (who is quoted in it is `reported_by`), `notes` is the event's sentence on one line, and
`region` is ACLED's region of the country. eventwire's columns (PLOVER type and mode, quad class,
CAMEO root, article id and the trigger and sentence offsets) keep each row traceable to its
evidence. Values eventwire cannot know (admin2, source scale ...) stay empty, as does `event_type`
for the PLOVER types ACLED does not code (agreements, statements ...): `export --acled-only` leaves
those rows out.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

import pycountry

from eventwire.codes import CIVILIAN_SECTORS, EXTERNAL_CODES, STATE_SECTORS
from eventwire.countries import acled_region
from eventwire.countries import name as country_name
from eventwire.store import StoredArticle

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
EVENTWIRE_COLUMNS = [
    "event_id", "article_id", "story_id", "plover_event", "plover_mode", "quad_code", "cameo_root",
    "negated", "hypothetical", "background", "confidence", "published", "url", "reported_by", "trigger",
    "trigger_start", "trigger_end", "sentence_start", "sentence_end", "location_source",
]  # fmt: skip
COLUMNS = ACLED_COLUMNS + EVENTWIRE_COLUMNS

# ACLED's disorder type follows from its event type (and, for riots, the sub-event type).
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence",
    "Strategic developments": "Strategic developments",
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED's geo_precision from eventwire's: 1 the town itself, 2 a district or region around it, 3 a province (or
# only the country known).
GEO_PRECISION = {"town": 1, "admin2": 2, "region": 2, "province": 3, "country": 3}


def spreadsheet_safe(value: Any) -> Any:
    """Scraped text starting with = + - @ (or a tab or carriage return) would run as a formula
    when a spreadsheet opens the file: it is quoted with a leading apostrophe. Every delimited
    export (CSV, TSV; files and the API) writes its text cells through this."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_row(stored: StoredArticle, event: dict[str, Any]) -> dict[str, Any]:
    """`event_row`, every cell spreadsheet-safe: one CSV row."""
    return {column: spreadsheet_safe(value) for column, value in event_row(stored, event).items()}


def write_acled_csv(pairs: Iterable[tuple[StoredArticle, dict[str, Any]]], sink: TextIO) -> int:
    """Write the header, then one row per (article, event); returns the number of event rows."""
    writer = csv.DictWriter(sink, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for stored, event in pairs:
        writer.writerow(csv_row(stored, event))
        count += 1
    return count


def inter_code(participant: dict[str, Any], event: dict[str, Any]) -> int | None:
    """The ACLED inter code of one actor, from its PLOVER sector and code and the event type.

    ACLED's inter codes: 1 state forces, 2 rebels, 3 political militias, 5 rioters, 6 protesters, 7 civilians,
    8 external/other forces.
    """
    sector, code = participant.get("sector"), participant.get("code")
    if event["event"] == "PROTEST" and sector not in STATE_SECTORS:
        return 5 if event["mode"] == "riot" else 6
    if code in EXTERNAL_CODES:
        return 8
    if sector in STATE_SECTORS:
        return 1
    if sector == "REB":
        return 2
    if sector == "UAF":
        return 3
    if sector in CIVILIAN_SECTORS:
        return 7
    return None


def event_row(stored: StoredArticle, event: dict[str, Any]) -> dict[str, Any]:
    """The CSV row of one event of one stored article."""
    record = stored.record
    acled = event["acled"] or {}
    loc = event["event_loc"] or {}
    country = pycountry.countries.get(alpha_2=loc["country_code"]) if loc.get("country_code") else None
    actors, recipients = event["actor"], event["recipient"]
    inter1 = inter_code(actors[0], event) if actors else None
    inter2 = inter_code(recipients[0], event) if recipients else None
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    date = event["date"] or ""
    dead = (event["size"] or {}).get("dead")
    participants = (event["size"] or {}).get("participants")
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}-{event['id']}",
        "event_date": date,
        "year": date[:4],
        "time_precision": TIME_PRECISION.get(event["date_precision"] or "", ""),
        "disorder_type": _disorder(acled),
        "event_type": acled.get("event_type", ""),
        "sub_event_type": acled.get("sub_event_type", ""),
        "actor1": _name(actors[0]) if actors else "",
        "assoc_actor_1": "; ".join(_name(p) for p in actors[1:]),
        "inter1": inter1 or "",
        "actor2": _name(recipients[0]) if recipients else "",
        "assoc_actor_2": "; ".join(_name(p) for p in recipients[1:]),
        "inter2": inter2 or "",
        "interaction": (codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)) if codes else "",
        "civilian_targeting": "Civilian targeting" if inter2 == 7 and event["quad_code"] == 4 else "",
        "iso": int(country.numeric) if country else "",
        "region": acled_region(loc.get("country_code")),
        "country": country_name(country.alpha_2) if country else "",
        "admin1": loc.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": loc.get("name") or loc.get("text") or "",
        "latitude": "" if loc.get("lat") is None else loc["lat"],
        "longitude": "" if loc.get("lon") is None else loc["lon"],
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "", ""),
        "source": record["source"]["outlet"] or "",
        "source_scale": "",
        "notes": one_line(event["sentence"]["text"]),
        "fatalities": dead or 0,
        "tags": f"crowd size={participants}" if participants else "",
        "timestamp": int(stored.stored_at.timestamp()),
        "event_id": event["id"],
        "article_id": event["article_id"],
        "story_id": event["story_id"] or "",
        "plover_event": event["event"],
        "plover_mode": event["mode"] or "",
        "quad_code": event["quad_code"],
        "cameo_root": event["cameo_root"] or "",
        "negated": int(event["negated"]),
        "hypothetical": int(event["hypothetical"]),
        "background": int(event.get("background", False)),
        "confidence": event["confidence"],
        "published": record["published"] or "",
        "url": record["source"]["url"] or "",
        "reported_by": " <- ".join(one_line(r["text"]) for r in event["reported_by"]),
        "trigger": event["trigger"]["text"],
        "trigger_start": event["trigger"]["start"],
        "trigger_end": event["trigger"]["end"],
        "sentence_start": event["sentence"]["start"],
        "sentence_end": event["sentence"]["end"],
        "location_source": loc.get("source") or "",
    }


def one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space: a CSV cell that spreadsheets show on one line."""
    return " ".join(text.split())


def _disorder(acled: dict[str, str]) -> str:
    if acled.get("sub_event_type") == "Violent demonstration":
        return "Political violence; Demonstrations"
    return DISORDER.get(acled.get("event_type", ""), "")


def _name(participant: dict[str, Any]) -> str:
    return participant.get("name") or participant["text"]
