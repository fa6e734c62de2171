"""The plain records that flow between stages, and their JSON form (the article/event contract).

Every stage reads and writes these dataclasses only; nothing here knows about spaCy, SQL or HTTP.
`Article.to_dict()` gives exactly the record described by `schema/article.schema.json`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A piece of an article's text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class RawDoc:
    """One unit of input as a reader found it, before cleaning.

    `content` is decoded text (a dump, a page's HTML or a JSONL `text`); `kind` says which.
    Fields given by the input itself (JSONL, `--published`) ride along so cleaning can honour them.
    """

    path: str | None
    index: int
    kind: str  # "text" | "html" | "jsonl"
    content: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class InputError:
    """A bad file, line or page: reported, counted, and skipped without stopping the batch."""

    path: str | None
    reason: str
    line: int | None = None

    @property
    def where(self) -> str:
        """The file, and line when known, as error lines name it."""
        where = self.path or "<stdin>"
        return where if self.line is None else f"{where}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(slots=True)
class Caption:
    text: str
    credit: str | None = None


@dataclass(slots=True)
class Removed:
    """Page furniture cleaning took out of the text, with its class ("share", "related", "legal" ...).

    `start`/`end` index the input as read (the decoded text dump); they are None for pages, whose
    text comes from the HTML extractor, not from the page's characters.
    """

    kind: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Source:
    path: str | None
    index: int | None
    url: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class Place(Span):
    """A place name in the text resolved against the gazetteer (null coordinates if unresolved)."""

    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    level: str | None = None


@dataclass(slots=True)
class TimeRef(Span):
    """A time expression with its TIMEX3 type and value, anchored on the article date."""

    type: str = "DATE"
    value: str | None = None


@dataclass(slots=True)
class Actor:
    """A canonical actor of one article with every mention of it."""

    id: str
    name: str
    code: str | None = None
    sector: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Speaker(Span):
    actor_id: str | None = None


@dataclass(slots=True)
class Quote(Span):
    """Reported speech: the content span, its cue, its speaker and the chain of intermediaries."""

    kind: str = "direct"  # direct | indirect | mixed
    cue: Span | None = None
    speaker: Speaker | None = None
    via: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Participant(Span):
    actor_id: str | None = None
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    affiliation: str | None = None


@dataclass(slots=True)
class EventLoc(Place):
    """Where an event happened: one of the article's places, with how it was found and how precise it is.

    `source` says where the place comes from: the event's own clause, its sentence, its paragraph, the
    article's dateline or the article's main place or country (every fallback marked, so an analyst can
    keep only clause-level places); `precision` is town, admin2, province, region or country (None when unresolved).
    """

    source: str = "clause"  # clause | sentence | paragraph | dateline | article
    precision: str | None = None


@dataclass(slots=True)
class Size:
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    participants: int | None = None


@dataclass(slots=True)
class Event:
    """One coded event with its evidence; `explanation` says which rule or model produced it."""

    id: str
    article_id: str
    event: str
    mode: str | None
    quad_code: int
    cameo_root: str | None
    acled: dict[str, str] | None
    trigger: Span
    sentence: Span
    actor: list[Participant] = field(default_factory=list)
    recipient: list[Participant] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)  # every trigger of this happening in the article
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_approximate: bool = False
    event_loc: EventLoc | None = None
    size: Size = field(default_factory=Size)
    reported_by: list[Span] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    background: bool = False  # dated more than a year before the article: history, not news
    confidence: float = 0.5
    story_id: str | None = None
    explanation: str | None = None


@dataclass(slots=True)
class Article:
    """One cleaned article and everything later stages extract from it."""

    id: str
    source: Source
    title: str | None
    text: str
    published: str | None = None
    published_from: str = "none"
    language: str | None = None
    captions: list[Caption] = field(default_factory=list)
    duplicate_of: str | None = None
    dateline: str | None = (
        None  # place of a dateline cut from the text ("JENIN, West Bank"): where it was filed
    )
    byline: str | None = None  # the names of a byline cut from the text
    removed: list[Removed] = field(default_factory=list)  # the other furniture cut from the text
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The article record of the contract (one line of `eventwire run --out`)."""
        return dataclasses.asdict(self)


def verbatim(article: Article) -> None:
    """Set every span of the article's records to the article's own text at its offsets (`Span`'s contract),
    e.g. after the stages read a truecased copy of the text."""
    _verbatim(article, article.text)


def _verbatim(record: Any, text: str) -> None:
    if isinstance(record, Span):
        record.text = text[record.start : record.end]
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                _verbatim(item, text)


def content_id(*parts: str | None) -> str:
    """A stable id from content, so re-running the same input gives the same ids."""
    digest = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return digest[:16]


def article_from_dict(data: dict[str, Any]) -> Article:
    """Rebuild an Article from its record (the inverse of `Article.to_dict`), e.g. from the store.

    Driven by the dataclasses' own fields and types, so a field added to a record is read back without a
    second list to keep in step; keys the records do not define are ignored.
    """
    return _from_dict(Article, data)


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    return cls(
        **{
            f.name: _from_value(hints[f.name], data[f.name])
            for f in dataclasses.fields(cls)
            if f.name in data
        }
    )


def _from_value(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [k for k in typing.get_args(kind) if k is not type(None)]
        return _from_value(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        return [_from_value(typing.get_args(kind)[0], item) for item in value]
    if dataclasses.is_dataclass(kind):
        return _from_dict(kind, value)
    return value
