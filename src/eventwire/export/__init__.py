"""Exports of the stored records: JSONL (the records as `run --out` wrote them), an ACLED-style
CSV and a GDELT-style TSV (one row per event), and Parquet (one row per article, nested); at the
story level, one row per story in each format."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from eventwire import store
from eventwire.export.acled import write_acled_csv
from eventwire.export.gdelt import write_gdelt_tsv
from eventwire.export.jsonl import record_line, write_jsonl
from eventwire.export.parquet import write_parquet
from eventwire.export.stories import write_stories
from eventwire.store import StoredArticle
from eventwire.store.stories import summaries

FORMATS = ("jsonl", "csv", "tsv", "parquet")
LEVELS = ("event", "story")


def export(engine: sa.Engine, fmt: str, out: Path, level: str = "event", background: bool = False) -> int:
    """Write every stored article (for csv and tsv, every event) to `out`, or with level "story"
    one row per story; returns the row count.

    Event rows (csv, tsv) leave out background events (dated over a year before their article) unless
    `background`; jsonl and parquet write whole records, where each event carries its `background` flag."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if level not in LEVELS:
        raise ValueError(f"unknown export level {level!r}; choose one of {', '.join(LEVELS)}")
    if level == "story":
        return write_stories(summaries(engine), fmt, out)
    stored = store.articles(engine)
    if not background and fmt in ("csv", "tsv"):
        stored = (_news_only(item) for item in stored)
    if fmt == "parquet":
        return write_parquet((item.record for item in stored), out)
    with open(out, "w", encoding="utf-8", newline="") as sink:
        if fmt == "csv":
            return write_acled_csv(stored, sink)
        if fmt == "tsv":
            return write_gdelt_tsv(stored, sink)
        return write_jsonl((item.record for item in stored), sink)


def _news_only(item: StoredArticle) -> StoredArticle:
    events = [e for e in item.record["events"] if not e.get("background")]
    return replace(item, record={**item.record, "events": events})


__all__ = ["FORMATS", "LEVELS", "export", "record_line"]
