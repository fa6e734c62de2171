"""Records read back exactly as they were written, whatever fields they carry."""

from __future__ import annotations

import dataclasses
import json

from eventwire.model import (
    Actor,
    Article,
    Caption,
    Event,
    EventLoc,
    Participant,
    Place,
    Quote,
    Removed,
    Size,
    Source,
    Span,
    Speaker,
    TimeRef,
    article_from_dict,
)

TEXT = "JENIN, West Bank (AP) — Israeli troops killed two men in Jenin on Thursday, the ministry said."


def span(word: str) -> Span:
    start = TEXT.index(word)
    return Span(word, start, start + len(word))


def full_article() -> Article:
    """An article in which every field of every record holds a value other than its default."""
    jenin = Place("Jenin", 48, 53, "Jenin", 293_842, 32.46, 35.3, "PS", "West Bank", "city")
    troops = Participant("Israeli troops", 24, 38, "A1", "Israeli troops", "ISR", "MIL", "USA")
    event = Event(
        id="e1",
        article_id="a1",
        event="ASSAULT",
        mode="firearms",
        quad_code=4,
        cameo_root="18",
        acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        trigger=span("killed"),
        sentence=Span(TEXT, 0, len(TEXT)),
        actor=[troops],
        recipient=[Participant("two men", 46, 53, "A2", "men", "PSE", "CVL", "IRN")],
        mentions=[span("killed")],
        date="2024-03-07",
        date_precision="day",
        date_text="on Thursday",
        date_approximate=True,
        event_loc=EventLoc(**dataclasses.asdict(jenin), source="article", precision="town"),
        size=Size(dead=2, injured=1, arrested=3, participants=40),
        reported_by=[span("the ministry")],
        negated=True,
        hypothetical=True,
        background=True,
        confidence=0.8,
        story_id="s1",
        explanation="lexicon V:kill",
    )
    return Article(
        id="a1",
        source=Source("feed.jsonl", 3, "https://example.org/a1", "Coast Courier"),
        title="Two killed in Jenin",
        text=TEXT,
        published="2024-03-08",
        published_from="input",
        language="en",
        captions=[Caption("Mourners in Jenin.", "AP Photo")],
        duplicate_of="a0",
        dateline="JENIN, West Bank",
        byline="Staff Reporter",
        removed=[Removed("share", "Share on Facebook", 0, 17)],
        places=[jenin],
        times=[TimeRef("Thursday", 60, 68, "TIME", "2024-03-07")],
        actors=[Actor("A1", "Israeli troops", "ISR", "MIL", "USA", [span("Israeli troops")])],
        quotes=[
            Quote(
                "Israeli troops killed two men",
                24,
                53,
                "indirect",
                span("said"),
                Speaker("the ministry", 79, 91, "A3"),
                [span("AP")],
            )
        ],
        events=[event],
    )


def defaults_left(record: object, path: str = "article") -> list[str]:
    """The fields of `record` (and of the records inside it) still at their default or empty."""
    left = []
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if value in (None, [], {}) or (f.default is not dataclasses.MISSING and value == f.default):
            left.append(f"{path}.{f.name}")
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                left += defaults_left(item, f"{path}.{f.name}")
    return left


def test_the_example_fills_every_field_so_the_round_trip_covers_them_all():
    assert defaults_left(full_article()) == []


def test_an_article_reads_back_from_its_json_record_unchanged():
    article = full_article()
    record = json.loads(json.dumps(article.to_dict()))
    assert article_from_dict(record) == article
    assert article_from_dict(record).to_dict() == record


def test_keys_a_record_does_not_define_are_ignored():
    record = full_article().to_dict()
    record["extra"] = 1
    record["events"][0]["future_field"] = "x"
    assert article_from_dict(record) == full_article()
