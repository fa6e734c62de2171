"""Readers: turn the inputs named on the command line into RawDoc records (or InputErrors).

`read_inputs` is the one entry point; it dispatches on the file type and never raises for bad
input: a bad file or line becomes an `InputError` in the stream and the batch goes on.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.ingest.decode import DecodeError, decode_bytes
from eventwire.ingest.files import ReadError, open_input, read_bytes
from eventwire.ingest.jsonl import parse_jsonl, read_jsonl
from eventwire.model import InputError, RawDoc

KINDS = {
    ".txt": "text",
    ".txt.gz": "text",
    ".html": "html",
    ".htm": "html",
    ".html.gz": "html",
    ".htm.gz": "html",
}
MARKUP = re.compile(
    r"\A\s*(<!doctype html|<html|<\?xml|<!--|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE
)


def read_inputs(paths: Iterable[str]) -> Iterator[RawDoc | InputError]:
    """Every document found under `paths`, in a stable order; `-` reads standard input.

    Files found in folders are read only if regular (a named pipe there would never end); a
    path named on the command line may be a pipe (`<(zcat feed.jsonl.gz)`)."""
    for item in _read_paths(paths):
        if item.path is not None:
            item.path = shown_path(item.path)
        yield item


def shown_path(path: str) -> str:
    """A path as records and messages show it: bytes that are not UTF-8 in a file name (which
    Python carries as lone surrogates, unencodable) are written as `\\xe9` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_paths(paths: Iterable[str]) -> Iterator[RawDoc | InputError]:
    for path in paths:
        if path == "-":
            yield from read_stdin(sys.stdin.buffer.read())
        elif os.path.isdir(path):
            for found in _walk(path):
                yield from _read_file(found, regular_only=True)
        elif not os.path.exists(path):
            yield InputError(path, "no such file or folder")
        else:
            yield from _read_file(path)


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents `read_inputs(paths)` will find, counted cheaply before the run (for its
    progress bar, and to know when there is nothing to read): a JSONL file's non-blank lines, one
    per other file of a known kind; missing paths and unreadable files count nothing. None when
    standard input is among them (it can be read only once)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        files = list(_walk(path)) if os.path.isdir(path) else [path] if os.path.isfile(path) else []
        for found in files:
            total += _jsonl_lines(found) if kind_of(found) == "jsonl" else 1
    return total


def _jsonl_lines(path: str) -> int:
    try:
        with open_input(path, regular_only=True) as handle:  # a named pipe is not waited on
            return sum(1 for line in handle if line.strip())
    except (OSError, ReadError):
        return 0


def kind_of(path: str) -> str | None:
    """The input kind a file name announces ("text", "html", "jsonl"), or None when unknown."""
    name = Path(path).name.lower()
    if name.endswith(".jsonl"):
        return "jsonl"
    return next((kind for ext, kind in KINDS.items() if name.endswith(ext)), None)


def read_stdin(data: bytes) -> Iterator[RawDoc | InputError]:
    """Standard input, sniffed: JSONL if every non-blank line starts with `{`, HTML if it looks like
    markup, else a text dump."""
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().lstrip(b"\xef\xbb\xbf").startswith(b"{") for line in lines):
        yield from parse_jsonl(data.splitlines(), None)
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(None, str(exc))
        return
    kind = "html" if MARKUP.match(text) else "text"
    yield RawDoc(path=None, index=0, kind=kind, content=text)


def _walk(folder: str) -> Iterator[str]:
    """Files of known kinds under `folder`, recursively, in sorted order; others are skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.startswith(".") and kind_of(path):
                yield path


def _read_file(path: str, regular_only: bool = False) -> Iterator[RawDoc | InputError]:
    kind = kind_of(path)
    if kind is None:
        yield InputError(path, "unsupported input type (expected .txt, .html, .htm, .html.gz or .jsonl)")
        return
    if kind == "jsonl":
        yield from read_jsonl(path, regular_only)
        return
    try:
        text = decode_bytes(read_bytes(path, regular_only), html=kind == "html")
    except (ReadError, DecodeError) as exc:
        yield InputError(path, str(exc))
        return
    yield RawDoc(path=path, index=0, kind=kind, content=text)
