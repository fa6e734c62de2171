"""Acceptance: the events the issue lists for the shared seed dump come out of `eventwire run`."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def seed_events(seed_path, tmp_path, run_cli) -> list[dict]:
    out = tmp_path / "seed.jsonl"
    assert run_cli("run", str(seed_path), "--out", str(out), "--quiet").exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [event for record in records for event in record["events"]]


def find(events: list[dict], trigger: str, event: str | None = None) -> dict:
    """The first event with this trigger word (and type), factual ones first."""
    found = [
        e
        for e in events
        if trigger in {m["text"] for m in e["mentions"] or [e["trigger"]]}
        and (event is None or e["event"] == event)
    ]
    assert found, sorted({(e["trigger"]["text"], e["event"]) for e in events})
    return min(found, key=lambda e: e["hypothetical"] or e["negated"])


def test_jenin_general_strike(seed_events):
    strike = find(seed_events, "observing", "PROTEST")
    assert strike["mode"] == "strike"
    assert "PSE" in {p["code"] for p in strike["actor"]}
    assert strike["event_loc"]["text"] == "Jenin"


def test_militants_killed_and_wounded(seed_events):
    killed = find(seed_events, "killed", "ASSAULT")
    assert not killed["hypothetical"] and not killed["negated"]
    assert [p["text"] for p in killed["actor"]] == ["militants"]
    assert killed["actor"][0]["code"] == "PSE" and killed["actor"][0]["sector"] in {"REB", "UAF"}
    assert killed["recipient"][0]["code"] == "PSE" and killed["recipient"][0]["sector"] == "COP"
    assert (killed["size"]["dead"], killed["size"]["injured"]) == (1, 2)


def test_iran_backed_militias_train_syrian_fighters(seed_events):
    train = find(seed_events, "train")
    assert train["event"] in {"COOPERATE", "AID"}
    assert train["actor"][0]["affiliation"] == "IRN"
    assert train["recipient"][0]["code"] == "SYR"
    assert any("Observatory" in s["text"] for s in train["reported_by"])


def test_russian_helicopters_arrive_at_palmyra(seed_events):
    arrived = find(seed_events, "arrived")
    assert (arrived["event"], arrived["mode"]) in {("MOBILIZE", "troops"), ("MOBILIZE", "weapons")}
    assert (arrived["actor"][0]["code"], arrived["actor"][0]["sector"]) == ("RUS", "MIL")
    assert "Palmyra" in arrived["event_loc"]["text"]


def test_intended_military_posts_are_hypothetical(seed_events):
    establish = find(seed_events, "establish")
    assert establish["hypothetical"] is True
