"""The publication date: found where the article states it, never invented.

Sources in order of trust: the input itself (JSONL field or `--published`), the page's metadata,
a dateline ("KYIV, March 3, 2024 (Reuters) -"), a "Published: ..." line at the top of the text,
and last a photo caption ("... on December 21, 2024. (Photo by ...)"), since photos are usually
taken on or just before the day of the story. Only dates that carry a year are used: filling in a
missing year or day from the clock would invent a date.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from dateparser.date import DateDataParser

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
DATE_RE = re.compile(
    rf"\b(?:{YEAR}-\d{{2}}-\d{{2}}"
    rf"|{MONTH}\s+{DAY},?\s+{YEAR}"
    rf"|{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}"
    rf"|{MONTH},?\s+{YEAR})\b"
)
ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ])")
PRECISION = {"day": 10, "month": 7, "year": 4}


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def find_date(text: str) -> str | None:
    """The first full date (with a year) written in `text`, as ISO `YYYY-MM-DD` or `YYYY-MM`."""
    for match in DATE_RE.finditer(text):
        if found := parse_date(match.group(0)):
            return found
    return None


def date_span(text: str) -> re.Match[str] | None:
    """Where the first date with a year is written in `text` (for telling date lines from prose)."""
    return DATE_RE.search(text)


def parse_date(value: str | None) -> str | None:
    """`check_date(value)`, or None when `value` is empty or no usable date."""
    if not value or not value.strip():
        return None
    try:
        return check_date(value)
    except ValueError:
        return None


def check_date(value: str) -> str:
    """An ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as `value` is); ValueError
    saying why not: no date with a year, an impossible date ("2024-13-45"), or a date after today
    (no article is published in the future)."""
    value = value.strip()
    if iso := ISO_PREFIX.match(value):
        year, month, day = iso.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"{value!r} is not a real date") from None
        found = "-".join(part for part in iso.groups() if part)
    else:
        data = _parser().get_date_data(value)
        if data.date_obj is None or not re.search(YEAR, value):
            raise ValueError(f"{value!r} is not a date with a year")
        found = data.date_obj.date().isoformat()[: PRECISION.get(data.period or "day", 10)]
    if found[:10] > date.today().isoformat():
        raise ValueError(f"{value!r} is after today")
    return found


def choose_published(candidates: list[tuple[str, str | None]]) -> tuple[str | None, str]:
    """The first usable `(origin, date)` pair, normalised: `(date, origin)`, else `(None, "none")`."""
    for origin, value in candidates:
        if found := parse_date(value):
            return found, origin
    return None, "none"
