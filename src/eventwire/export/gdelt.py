"""GDELT-style TSV: one row per event in the 61 columns of the GDELT 2.0 events table, no header.

Tools written for GDELT's daily files read it as they are. Where eventwire knows less than GDELT's
columns ask for, the column holds the most specific thing it does know or stays empty: only the
CAMEO root is coded (EventCode = EventBaseCode = EventRootCode), country codes are ISO 3166 (GDELT
uses FIPS 10-4 for geography), and each row is one mention (NumMentions = NumArticles = 1; stories
group mentions). No tone or Goldstein score is computed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date as Date
from typing import Any, TextIO

from eventwire.codes import NON_STATE_CODES
from eventwire.export.acled import one_line, spreadsheet_safe
from eventwire.store import StoredArticle

ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]  # fmt: skip
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in ACTOR_FIELDS),
    *(f"Actor2{name}" for name in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{name}" for who in ("Actor1", "Actor2", "Action") for name in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
# GDELT geo types: 1 country, 4 world city, 5 world state (first-order division).
GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "sub-city": 4, "admin2": 4}


def write_gdelt_tsv(pairs: Iterable[tuple[StoredArticle, dict[str, Any]]], sink: TextIO) -> int:
    """Write one tab-separated row per (article, event) (GDELT files have no header); returns the count."""
    writer = csv.writer(sink, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    count = 0
    for stored, event in pairs:
        writer.writerow(event_row(stored, event))
        count += 1
    return count


def event_row(stored: StoredArticle, event: dict[str, Any]) -> list[Any]:
    """The 61 GDELT columns of one event."""
    record = stored.record
    row = {
        "GLOBALEVENTID": event["id"],
        **_dates(event["date"]),
        **_actor("Actor1", event["actor"]),
        **_actor("Actor2", event["recipient"]),
        "IsRootEvent": int("\n\n" not in record["text"][: event["sentence"]["start"]]),
        "EventCode": event["cameo_root"] or "",
        "EventBaseCode": event["cameo_root"] or "",
        "EventRootCode": event["cameo_root"] or "",
        "QuadClass": event["quad_code"],
        "NumMentions": 1,
        "NumSources": 1,
        "NumArticles": 1,
        **_geo("Action", event["event_loc"]),
        "DATEADDED": stored.stored_at.strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": record["source"]["url"] or record["source"]["path"] or "",
    }
    return [_clean(row.get(column, "")) for column in COLUMNS]


def _dates(value: str | None) -> dict[str, Any]:
    if not value:
        return {}
    year, month, day = (value.split("-") + ["", ""])[:3]
    out: dict[str, Any] = {"Year": year, "FractionDate": year}
    if month:
        out["MonthYear"] = year + month
    if day:
        out["SQLDATE"] = year + month + day
        try:
            day_of_year = Date(int(year), int(month), int(day)).timetuple().tm_yday
        except ValueError:  # a coded date that is no calendar day
            return out
        out["FractionDate"] = f"{int(year) + day_of_year / 365:.4f}"
    return out


def _actor(prefix: str, participants: list[dict[str, Any]]) -> dict[str, Any]:
    if not participants:
        return {}
    first = participants[0]
    code, sector = first.get("code") or "", first.get("sector") or ""
    return {
        f"{prefix}Code": code + sector,
        f"{prefix}Name": (first.get("name") or first["text"]).upper(),
        f"{prefix}CountryCode": "" if code in NON_STATE_CODES else code,
        f"{prefix}KnownGroupCode": code if code in NON_STATE_CODES else "",
        f"{prefix}Type1Code": sector,
    }


def _geo(prefix: str, loc: dict[str, Any] | None) -> dict[str, Any]:
    if not loc:
        return {}
    name = ", ".join(filter(None, [loc.get("name") or loc.get("text"), loc.get("admin1")]))
    return {
        f"{prefix}Geo_Type": GEO_TYPE.get(loc.get("level") or "", ""),
        f"{prefix}Geo_FullName": name,
        f"{prefix}Geo_CountryCode": loc.get("country_code") or "",
        f"{prefix}Geo_Lat": "" if loc.get("lat") is None else loc["lat"],
        f"{prefix}Geo_Long": "" if loc.get("lon") is None else loc["lon"],
        f"{prefix}Geo_FeatureID": loc.get("geonameid") or "",
    }


def _clean(value: Any) -> Any:
    """Tabs and line breaks would break a row (GDELT's own files never contain them), and a
    leading = + - @ would run as a spreadsheet formula."""
    return spreadsheet_safe(one_line(value)) if isinstance(value, str) else value
