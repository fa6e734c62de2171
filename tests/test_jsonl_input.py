"""JSONL input keeps the caller's text and id, so every offset indexes the caller's text."""

import json

import pytest

from eventwire.clean import clean
from eventwire.model import RawDoc


def test_jsonl_records_keep_id_and_text(tmp_path, run_cli, article_validator):
    src = tmp_path / "in.jsonl"
    text = "Police arrested 12 protesters in Lagos on Monday.\n\nThe army denied it."
    src.write_text(json.dumps({"id": "a1", "text": text, "published": "2024-05-06"}) + "\n")
    out = tmp_path / "out.jsonl"
    result = run_cli("run", str(src), "--out", str(out), "--quiet")
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["id"] == "a1"
    assert record["text"] == text
    assert record["published"] == "2024-05-06"
    assert record["published_from"] == "input"
    article_validator.validate(record)


def test_broken_jsonl_lines_are_reported_and_skipped(tmp_path, run_cli):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "ok", "text": "Rebels seized the town."}\n{not json\n{"id": "x"}\n')
    out = tmp_path / "out.jsonl"
    result = run_cli("run", str(src), "--out", str(out))
    assert result.exit_code == 0
    assert f"{src}:2: invalid JSON" in result.stderr
    assert f"{src}:3: missing or empty 'text'" in result.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["ok"]


def test_a_dateline_opening_the_story_is_recorded_and_the_text_kept(tmp_path, run_cli, article_validator):
    src = tmp_path / "in.jsonl"
    text = (
        "Curfew Lifted in Charlotte\n\nThe city is calm as the Guard leaves.\n\n"
        "CHARLOTTE, N.C. (AP) — The mayor lifted the curfew on Sunday."
    )
    src.write_text(json.dumps({"id": "a1", "text": text}) + "\n")
    out = tmp_path / "out.jsonl"
    assert run_cli("run", str(src), "--out", str(out), "--quiet").exit_code == 0
    record = json.loads(out.read_text())
    assert record["text"] == text
    assert (record["dateline"], record["source"]["outlet"]) == ("CHARLOTTE, N.C.", "AP")
    article_validator.validate(record)


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("FULL TEXT.\n\nMIDWAY ATOLL - Seventy-four years ago, a battle was fought here.", "MIDWAY ATOLL"),
        ("BEIRUT, Jan. 5, 2025 (Reuters) - Shelling resumed.", "BEIRUT"),
        (f"{'Pollsters disagree about the race. ' * 8}\n\nIOWA POLLS ARE EARLY - The caucuses are close.", None),
        ("A mayor spoke.\n\nThen the council met.\n\nThen it voted.\n\nDENVER - Nobody came.", None),
    ],
)
def test_a_dateline_opens_the_story_after_a_headline_or_a_deck_only(text, dateline):
    [article] = clean(RawDoc(path="f.jsonl", index=0, kind="jsonl", content=text))
    assert article.dateline == dateline and article.text == text
