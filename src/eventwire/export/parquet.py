"""Parquet: one row per article with the record's full nested structure, typed from `model.py`.

The Arrow schema is derived from the record dataclasses, so Parquet files of different runs
always share one schema (an inferred one would change with whichever fields happen to be empty)
and DuckDB, Spark or pandas can query `events`, `places` ... as nested columns directly.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.model import Article
from eventwire.pipeline import batched

ROW_GROUP = 1024
SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a record field's type hint (optional types are nullable anyway)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return arrow_type(inner)
    if origin is list:
        return pa.list_(arrow_type(typing.get_args(hint)[0]))
    if origin is dict:
        key, value = typing.get_args(hint)
        return pa.map_(arrow_type(key), arrow_type(value))
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return pa.struct([(f.name, arrow_type(hints[f.name])) for f in dataclasses.fields(hint)])
    return SCALARS[hint]


ARTICLE_SCHEMA = pa.schema(list(arrow_type(Article)))


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    """Write the records to one Parquet file in row groups; returns how many were written."""
    count = 0
    with pq.ParquetWriter(path, ARTICLE_SCHEMA) as writer:
        for chunk in batched(records, ROW_GROUP):
            writer.write_table(pa.Table.from_pylist(chunk, schema=ARTICLE_SCHEMA))
            count += len(chunk)
        if count == 0:
            writer.write_table(ARTICLE_SCHEMA.empty_table())
    return count
