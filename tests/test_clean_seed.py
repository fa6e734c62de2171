"""Acceptance: the shared seed dump (two pasted articles) through `eventwire run`."""

import json
import re

import pytest


@pytest.fixture
def seed_records(seed_path, tmp_path, run_cli):
    out = tmp_path / "seed.jsonl"
    result = run_cli("run", str(seed_path), "--out", str(out), "--quiet")
    assert result.exit_code == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_seed_gives_exactly_the_two_articles(seed_records, article_validator):
    first, second = seed_records
    assert first["title"] == "Assad Calls for Expanding Iran-Led ‘Axis of Resistance’"
    assert first["text"].startswith("Syrian President Bashar al-Assad has called")
    assert first["text"].endswith("in large groups.”")
    assert first["captions"] == [
        {
            "text": "A memorial to the commander of Al-Quds Force, Qassem Soleimani, unveiled in the "
            "countryside of Aleppo on Wednesday.",
            "credit": "Russia Today",
        }
    ]
    assert second["title"] == "Palestinians in Jenin Observe a General Strike"
    assert second["text"].startswith("Palestinians in the volatile northern West Bank town of Jenin")
    [caption] = second["captions"]
    assert caption["credit"] == "Photo by Jaafar ASHTIYEH / AFP"
    assert caption["text"].startswith("A Palestinian police officer attempts to disperse demonstrators")
    assert (second["published"], second["published_from"]) == ("2024-12-21", "caption")
    for record in seed_records:
        article_validator.validate(record)
        assert record["source"]["index"] == seed_records.index(record)


def test_seed_texts_hold_no_furniture_and_no_repeated_line(seed_records):
    for record in seed_records:
        text = record["text"]
        assert record["title"] not in text
        for caption in record["captions"]:
            assert caption["text"] not in text and caption["credit"] not in text
        assert not re.search(r"\bTT\b", text)
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) == len(set(lines))


def test_rerunning_the_seed_gives_the_same_ids(seed_path, tmp_path, run_cli, seed_records):
    out = tmp_path / "again.jsonl"
    run_cli("run", str(seed_path), "--out", str(out), "--quiet")
    again = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert again == [record["id"] for record in seed_records]
