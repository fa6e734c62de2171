"""JSONL: one article record per line, the form `run --out` writes and `export` gives back."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def record_line(record: dict[str, Any]) -> str:
    """The one serialisation of a record as a JSONL line (UTF-8 kept as is, not escaped)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(records: Iterable[dict[str, Any]], sink: TextIO) -> int:
    """Write each record as a line; returns how many were written."""
    count = 0
    for record in records:
        sink.write(record_line(record))
        count += 1
    return count
