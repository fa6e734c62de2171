"""JSONL input: one article per line, `{"id", "text", "title"?, "published"?, "url"?, "outlet"?}`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventwire.ingest.files import ReadError, open_input
from eventwire.model import InputError, RawDoc
from eventwire.untrusted import JsonError, load_json, lone_surrogate

OPTIONAL_FIELDS = ("title", "published", "url", "outlet")


def read_jsonl(path: str, regular_only: bool = False) -> Iterator[RawDoc | InputError]:
    """Each valid line of the file as a RawDoc; each broken line as an InputError naming its line."""
    try:
        handle = open_input(path, regular_only)
    except ReadError as exc:
        yield InputError(path, str(exc))
        return
    with handle:
        yield from parse_jsonl(handle, path)


def parse_jsonl(lines: Iterable[bytes], path: str | None) -> Iterator[RawDoc | InputError]:
    """Parse JSONL lines (from a file or standard input); blank lines are skipped.

    Any line, whatever JSON (or not) it holds, is a document or one error naming the line."""
    for index, raw in enumerate(lines):
        line_no = index + 1
        if not raw.strip():
            continue
        try:
            record = load_json(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            yield InputError(path, "line is not valid UTF-8", line_no)
            continue
        except JsonError as exc:
            yield InputError(path, str(exc), line_no)
            continue
        yield to_raw(record, path, index)


def to_raw(record: object, path: str | None, index: int) -> RawDoc | InputError:
    """One parsed JSON value as a document, or the error for line `index + 1`."""
    line_no = index + 1
    if not isinstance(record, dict):
        return InputError(path, "line is not a JSON object", line_no)
    if reason := lone_surrogate(record):
        return InputError(path, reason, line_no)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(path, "missing or empty 'text'", line_no)
    doc_id = record.get("id")
    if doc_id is not None and (not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool)):
        return InputError(path, "'id' must be a string", line_no)
    extras = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return InputError(path, f"'{name}' must be a string", line_no)
        extras[name] = value
    return RawDoc(
        path=path,
        index=index,
        kind="jsonl",
        content=text,
        id=str(doc_id) if doc_id is not None else None,
        **extras,
    )
