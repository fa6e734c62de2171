"""Reading through `eventwire run`: standard input, the bundled examples, and bad files in a batch."""

import json
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_stdin_dash_runs_a_text_dump(tmp_path, run_cli, article_validator):
    dump = "Rebels Seize Border Post\n\nGORNJI, Bosnia (AP) — Armed men seized a border post on Friday, police said.\n"
    out = tmp_path / "out.jsonl"
    assert run_cli("run", "-", "--out", str(out), "--quiet", input=dump).exit_code == 0
    [record] = records(out)
    assert record["title"] == "Rebels Seize Border Post"
    assert record["text"] == "Armed men seized a border post on Friday, police said."
    assert record["source"] == {"path": None, "index": 0, "url": None, "outlet": "AP"}
    article_validator.validate(record)


def test_bundled_examples_are_all_read_and_valid(tmp_path, run_cli, article_validator):
    out = tmp_path / "out.jsonl"
    result = run_cli("run", str(EXAMPLES), "--out", str(out), "--quiet")
    assert result.exit_code == 0
    found = records(out)
    assert {Path(r["source"]["path"]).suffix for r in found} == {".txt", ".html", ".htm", ".gz", ".jsonl"}
    assert len(found) >= 10
    for record in found:
        article_validator.validate(record)


def test_bad_files_are_reported_and_the_rest_of_the_batch_is_kept(tmp_path, run_cli):
    (tmp_path / "good.txt").write_text("Strike Halts Trains in Lagos\n\nRail workers walked out on Monday.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = tmp_path / "out.jsonl"
    result = run_cli("run", str(tmp_path), "--out", str(out))
    assert result.exit_code == 0
    assert f"{tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert f"{tmp_path / 'photo.txt'}: binary file" in result.stderr
    assert [r["title"] for r in records(out)] == ["Strike Halts Trains in Lagos"]
