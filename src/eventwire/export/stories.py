"""Story-level exports: one row per story (one real-world happening), with GDELT-like counts.

NumArticles counts the distinct original articles that report the story, NumSources their outlets
(a near-duplicate from another outlet adds one), NumMentions every coded event in them, copies
included. The date, place and death toll are the best-supported values across the reports, with
the range of dates and tolls that were reported.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.export.acled import spreadsheet_safe
from eventwire.export.jsonl import write_jsonl

COLUMNS = [
    "StoryID", "Event", "Date", "DatePrecision", "DateMin", "DateMax", "FirstReported",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "Actors", "Fatalities", "FatalitiesMin", "FatalitiesMax",
    "NumMentions", "NumSources", "NumArticles", "Articles",
]  # fmt: skip

_NUMBERS = {"ActionGeo_Lat": pa.float64(), "ActionGeo_Long": pa.float64()}
_INTEGERS = {"ActionGeo_FeatureID", "Fatalities", "FatalitiesMin", "FatalitiesMax", "NumMentions",
             "NumSources", "NumArticles"}  # fmt: skip
SCHEMA = pa.schema([(c, _NUMBERS.get(c, pa.int64() if c in _INTEGERS else pa.string())) for c in COLUMNS])


def story_row(summary: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of one story."""
    place = summary["location"] or {}
    dead = summary["dead"] or {}
    dates = summary["date_range"] or [None, None]
    values = [
        summary["id"], summary["event"], summary["date"], summary["date_precision"], dates[0], dates[1],
        summary["first_reported"], place.get("name"), summary["country_code"], place.get("admin1"),
        place.get("lat"), place.get("lon"), place.get("geonameid"), ";".join(summary["actors"]),
        dead.get("best"), dead.get("min"), dead.get("max"), summary["num_mentions"],
        summary["num_sources"], summary["num_articles"], ";".join(summary["articles"]),
    ]  # fmt: skip
    return dict(zip(COLUMNS, values, strict=True))


def write_stories(summaries: Iterable[dict[str, Any]], fmt: str, out: Path) -> int:
    """Write one row per story: JSONL summaries, CSV or TSV with a header, or flat Parquet."""
    if fmt == "parquet":
        rows = [story_row(s) for s in summaries]
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), out)
        return len(rows)
    with open(out, "w", encoding="utf-8", newline="") as sink:
        if fmt == "jsonl":
            return write_jsonl(summaries, sink)
        writer = csv.DictWriter(sink, COLUMNS, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writeheader()
        count = 0
        for summary in summaries:
            writer.writerow({column: spreadsheet_safe(value) for column, value in story_row(summary).items()})
            count += 1
        return count
