"""Which words of an article are the evidence for one event: the spans the event panel marks.

Every span comes with its offsets into the article text, so the page can mark it in the sentence
and in the article alike. The event's date expression is found among the article's time
expressions (preferring one inside the event's sentence)."""

from __future__ import annotations

from typing import Any


def _span(kind: str, item: dict[str, Any], label: str | None = None) -> dict[str, Any] | None:
    if item.get("start") is None or item.get("end") is None:
        return None
    return {"kind": kind, "text": item["text"], "start": item["start"], "end": item["end"], "label": label}


def _date_span(event: dict[str, Any], article: dict[str, Any]) -> dict[str, Any] | None:
    if not event.get("date_text"):
        return None
    sentence = event["sentence"]
    same = [t for t in article.get("times") or [] if t["text"] == event["date_text"]]
    inside = [t for t in same if sentence["start"] <= t["start"] and t["end"] <= sentence["end"]]
    found = (inside or same or [None])[0]
    return _span("time", found, found.get("value")) if found else None


def evidence_spans(event: dict[str, Any], article: dict[str, Any]) -> list[dict[str, Any]]:
    """The trigger, actors, recipients, place, date and sources of `event`, in that order."""
    spans = [_span("trigger", event["trigger"], event["event"])]
    for role in ("actor", "recipient"):
        spans += [_span(role, p, p.get("name")) for p in event.get(role) or []]
    if event.get("event_loc"):
        spans.append(_span("place", event["event_loc"], event["event_loc"].get("name")))
    spans.append(_date_span(event, article))
    spans += [_span("source", r) for r in event.get("reported_by") or []]
    return [s for s in spans if s]
