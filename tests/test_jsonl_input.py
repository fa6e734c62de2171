"""JSONL input keeps the caller's text and id, so every offset indexes the caller's text."""

import json


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
