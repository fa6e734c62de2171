"""Values from outside, checked once: JSON of any depth and any number, text that may hold lone
surrogates, and data on its way to a terminal.

Python's `json` turns hostile JSON into exceptions no caller expects (RecursionError for deep
nesting, a bare ValueError for integers past 4,300 digits) and into strings that cannot be
encoded (a lone `\\udfff` escape), which crash spaCy, SQLite and `print` far from where they
came in. Every JSON the project reads from a user (JSONL lines, request bodies, cursors) goes
through `load_json`, so each of those is one clear reason instead.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

MAX_DIGITS = 1000  # an integer longer than this is no id, date or count anyone writes
SURROGATE = re.compile(r"[\ud800-\udfff]")
# Bidirectional overrides and isolates: invisible, and they reorder what a terminal shows.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


class JsonError(ValueError):
    """The JSON cannot be used; the message is the reason shown to the user."""


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise JsonError(f"a number of {len(digits.lstrip('-')):,} digits (at most {MAX_DIGITS:,})")
    return int(digits)


def _constant(name: str) -> float:
    raise JsonError(f"{name} is not JSON")


def load_json(data: bytes | str) -> Any:
    """The JSON value in `data` (UTF-8, a BOM allowed), or JsonError saying why not.

    Refused: invalid UTF-8 or JSON, nesting deeper than Python's recursion limit, integers of more
    than `MAX_DIGITS` digits, NaN and Infinity. Strings may still hold lone surrogates: whoever
    keeps a part of the value checks that part with `lone_surrogate` (so one bad item of a list
    does not cost the others).
    """
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise JsonError("not valid UTF-8") from None
    try:
        value = json.loads(text, parse_int=_integer, parse_constant=_constant)
    except JsonError:
        raise
    except json.JSONDecodeError as exc:
        raise JsonError(f"invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise JsonError("JSON nested too deep") from None
    except ValueError as exc:  # e.g. a float literal Python cannot read
        raise JsonError(f"invalid JSON ({exc})") from None
    return value


def lone_surrogate(value: Any) -> str | None:
    """Why a parsed JSON value is not Unicode text (a string, key or value, holds a lone
    surrogate such as `\\udfff`, which spaCy, databases and terminals cannot take), or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if found := SURROGATE.search(item):
                return f"a string holds a lone surrogate ({found.group()!r}), not Unicode text"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def printable(text: str) -> str:
    """`text` safe to show on a terminal: control characters (escape codes, newlines, NUL),
    bidirectional overrides and lone surrogates from data are shown as `\\x1b`-style escapes."""
    return "".join(_escaped(char) for char in text)


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS


def _escaped(char: str) -> str:
    if not _unsafe(char):
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
