"""Readers: turn the inputs named on the command line into RawDoc records (or InputErrors).

`read_inputs` is the one entry point; it dispatches on the file type and never raises for bad
input: a bad file or line becomes an `InputError` in the stream and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventwire.ingest.jsonl import read_jsonl
from eventwire.model import InputError, RawDoc


def read_inputs(paths: Iterable[str]) -> Iterator[RawDoc | InputError]:
    """Every document found under `paths`, in a stable order."""
    for path in paths:
        if path.endswith(".jsonl"):
            yield from read_jsonl(path)
        else:
            yield InputError(path, "unsupported input type")
