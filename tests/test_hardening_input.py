"""Hardening against bad input: a corpus of nasty files generated here, property tests over random
bytes and random articles. Whatever comes in, no traceback escapes, each bad file (or JSONL line) is
one `error:` line naming it and the reason, every good article of the batch is stored, and every
span the stages emit indexes its own article's text."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import store
from eventwire.clean import clean
from eventwire.ingest import read_inputs, read_stdin
from eventwire.ingest.decode import DecodeError, decode_bytes
from eventwire.ingest.jsonl import parse_jsonl
from eventwire.model import Article, InputError, RawDoc
from eventwire.pipeline import Pipeline

REPORT = "Police in Lagos arrested twelve protesters on Monday, a spokesman said."
LATIN = "Le président Gérard Côté a rencontré les grévistes à Montréal mardi, selon la police."
ARABIC = "قال المرصد السوري إن قصفا مدفعيا استهدف قرى في ريف إدلب صباح الأحد."
HEBREW = "המשטרה עצרה שלושה מפגינים בירושלים ביום שני, כך נמסר."
EMOJI = "Zoe\u0308 Ade\u0301 said 🇳🇬 traders 👩‍👩‍👧 marched in Kano 🔥🔥 on Friday: “We are hungry.”"


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def spans_in(node: object) -> list[dict]:
    """Every span anywhere in a record: a mapping with its own `text`, `start` and `end`."""
    if isinstance(node, list):
        return [span for item in node for span in spans_in(item)]
    if not isinstance(node, dict):
        return []
    found = [node] if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) else []
    return found + [span for value in node.values() for span in spans_in(value)]


def assert_spans_index_their_text(record: dict) -> int:
    spans = spans_in({key: value for key, value in record.items() if key != "text"})
    for span in spans:
        assert record["text"][span["start"] : span["end"]] == span["text"], span
    return len(spans)


def nasty_corpus(folder: Path) -> tuple[dict[str, str], set[str]]:
    """Writes the nasty files; returns {file name: expected error reason} and the good titles."""
    rng = random.Random(9)
    files: dict[str, bytes] = {
        "random.txt": rng.randbytes(8192),
        "invalid-utf8.txt": b"Strikers Block Tema\n\nDock workers \xff\xfe blocked Tema port \x81 on Monday.\n",
        "nul.txt": b"Curfew in Jos\n\nSoldiers\x00 imposed\x00 a curfew\x00 on Jos.\n",
        "bomb.html.gz": gzip.compress(b" " * (60 * 2**20), compresslevel=1),
        "empty.txt": b"",
        "deep.html": b"<html><body>" + b"<div>" * 50_000 + b"<p>x</p>",
        "quotes.txt": ("“”\"'‘’«»" * 300).encode(),
        "numbers.txt": " ".join(str(n) for n in range(3000)).encode(),
    }
    errors = {
        "random.txt": "binary file",
        "nul.txt": "binary file",
        "bomb.html.gz": "decompresses to more than 50 MB",
        "empty.txt": "empty file",
        "deep.html": "",
        "quotes.txt": "",
        "numbers.txt": "",
    }
    good = {
        "utf16-bom.txt": ("Strike Shuts Montreal Port\n\n" + LATIN + "\n").encode("utf-16"),
        "utf16-le.txt": ("Strike Shuts Quebec Port\n\n" + LATIN.replace("Montréal", "Québec") + "\n").encode(
            "utf-16-le"
        ),
        "cp1256.txt": ("قصف على إدلب\n\n" + ARABIC + "\n").encode("cp1256"),
        "latin1.txt": ("Strike Shuts Laval Port\n\n" + LATIN.replace("Montréal", "Laval") + "\n").encode(
            "latin-1"
        ),
        "rtl.txt": ("מעצרים בירושלים\n\n" + HEBREW + "\n").encode(),
        "emoji.txt": ("Hunger March in Kano\n\n" + EMOJI + "\n").encode(),
        "unclosed.html": b"<html><head><title>Riot in Kumasi</title><body><article><p>Police fired "
        b"tear gas at rioters in Kumasi on Sunday, witnesses said.<p>Ten people were hurt in the clashes "
        b"<b>near the market, a <i>hospital official said",
    }
    for name, data in {**files, **good}.items():
        (folder / name).write_bytes(data)
    lines = [
        json.dumps({"id": "ok-1", "title": "Lagos arrests", "text": REPORT}),
        '{"id": "cut", "text": "Rebels',
        "[1, 2, 3]",
        json.dumps({"id": ["a"], "text": REPORT}),
        json.dumps({"id": "num", "text": 42}),
        json.dumps({"id": "typed", "text": REPORT, "title": 7}),
        json.dumps({"id": "notext"}),
        json.dumps({"text": "Soldiers shelled Aleppo on Tuesday, residents said.", "title": "No id"}),
        json.dumps({"id": "ok-1", "text": "A different story: troops left Goma on Monday."}),
        b'{"id": "bad-bytes", "text": "caf\xe9"}'.decode("latin-1"),
        json.dumps({"id": "nul-text", "title": "NUL", "text": "Police\u0000 said calm returned to Jos."}),
    ]
    (folder / "feed.jsonl").write_bytes("\n".join(lines).encode("latin-1", "surrogateescape") + b"\n")
    line_errors = {
        2: "invalid JSON",
        3: "line is not a JSON object",
        4: "'id' must be a string",
        5: "missing or empty 'text'",
        6: "'title' must be a string",
        7: "missing or empty 'text'",
        9: "duplicate id 'ok-1' (first read at",
        10: "line is not valid UTF-8",
    }
    errors.update({f"feed.jsonl:{line}": reason for line, reason in line_errors.items()})
    titles = {
        "Strikers Block Tema",
        "Strike Shuts Montreal Port",
        "Strike Shuts Quebec Port",
        "قصف على إدلب",
        "Strike Shuts Laval Port",
        "מעצרים בירושלים",
        "Riot in Kumasi",
        "Lagos arrests",
        "No id",
        "NUL",
    }
    return errors, titles


def test_a_batch_of_nasty_files_stores_every_good_article(tmp_path, run_cli):
    """Random bytes, invalid UTF-8, NULs, UTF-16 with and without BOM, cp1256, latin-1, RTL, emoji
    and combining marks, a gzip bomb, 50,000 unclosed divs, unclosed HTML, all-quotes, all-numbers
    and a JSONL feed with broken lines, wrong types, missing ids and a duplicate id, in one batch.

    Files whose text is only punctuation or numbers, or HTML too deep to read, may be stored or
    refused, but never crash the batch. Every article stored keeps its spans on its own text.
    """
    folder = tmp_path / "in"
    folder.mkdir()
    errors, titles = nasty_corpus(folder)
    url = f"sqlite:///{tmp_path / 'news.db'}"
    result = run_cli("run", str(folder), "--db", url)
    assert result.exit_code == 0
    lines = error_lines(result.stderr)
    for where, reason in errors.items():
        named = [line for line in lines if line.startswith(f"error: {folder / where}: ")]
        if reason:
            assert len(named) == 1, (where, lines)
            assert named[0].startswith(f"error: {folder / where}: {reason}"), named
        else:
            assert len(named) <= 1, (where, lines)
    assert len(lines) == sum(
        1 for line in lines if any(line.startswith(f"error: {folder / where}: ") for where in errors)
    ), lines
    engine = store.connect(url)
    records = [stored.record for stored in store.articles(engine)]
    engine.dispose()
    assert titles <= {record["title"] for record in records}
    by_title = {record["title"]: record for record in records}
    assert "é" in by_title["Strike Shuts Laval Port"]["text"]
    assert any(EMOJI in record["text"] for record in records)  # marks, flags and ZWJ sequences intact
    assert next(r for r in records if r["id"] == "ok-1")["text"] == REPORT
    for record in records:
        assert_spans_index_their_text(record)


def test_a_50_mb_single_line_file_is_refused_with_a_reason_and_the_rest_is_kept(tmp_path, run_cli):
    """One line of 50 MB (no newline at all) is read and cleaned, then refused as too long for the
    parser, which would need gigabytes; the short file beside it is still coded."""
    huge = tmp_path / "huge.txt"
    sentence = b"Soldiers shelled the northern town again on Monday, residents said. "
    with open(huge, "wb") as handle:
        handle.write(sentence * (50_000_000 // len(sentence)))
    short = tmp_path / "short.jsonl"
    short.write_text(json.dumps({"id": "short", "text": REPORT}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("run", str(huge), str(short), "--out", str(out))
    assert result.exit_code == 0
    [line] = error_lines(result.stderr)
    assert line.startswith(f"error: {huge}: article ") and "too long" in line
    assert [json.loads(text)["id"] for text in out.read_text("utf-8").splitlines()] == ["short"]


def test_100000_tiny_files_are_all_read_and_cleaned(tmp_path, run_cli):
    """100,000 one-sentence files in 100 folders: the readers and cleaning see every one of them in
    order (the NLP stages over all would take minutes on CI, so the full `run` into the database
    covers a 300-file sample of the same tree)."""
    root = tmp_path / "tiny"
    for folder in range(100):
        sub = root / f"{folder:03d}"
        sub.mkdir(parents=True)
        for n in range(1000):
            number = folder * 1000 + n
            (sub / f"{n:04d}.txt").write_bytes(
                b"Brief %d\n\nPolice in Lagos said %d traders were fined on Monday.\n" % (number, number)
            )
    seen = 0
    for raw in read_inputs([str(root)]):
        assert isinstance(raw, RawDoc), raw
        [article] = clean(raw)
        assert article.title == f"Brief {seen}"
        seen += 1
    assert seen == 100_000
    sample = [str(root / f"{folder:03d}" / f"{n:04d}.txt") for folder in range(0, 100, 10) for n in range(30)]
    url = f"sqlite:///{tmp_path / 'news.db'}"
    result = run_cli("run", *sample, "--db", url, "--quiet")
    assert result.exit_code == 0
    assert not error_lines(result.stderr)
    engine = store.connect(url)
    assert store.counts(engine).articles == 300
    engine.dispose()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_on_standard_input_are_documents_or_errors(data):
    for item in read_stdin(data):
        assert isinstance(item, RawDoc | InputError)
        if isinstance(item, RawDoc) and item.kind != "jsonl":
            assert item.content.strip()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.booleans())
def test_decoding_gives_text_or_a_reason(data, html):
    try:
        text = decode_bytes(data, html=html)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert text.strip()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
RECORDS = st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url", "outlet"]), JSON_VALUES)


@settings(max_examples=200, deadline=None)
@given(st.lists(RECORDS | st.binary(max_size=60), max_size=8))
def test_each_jsonl_line_is_a_document_or_an_error_naming_its_line(lines):
    raw = [
        json.dumps(line).encode() if isinstance(line, dict) else line.replace(b"\n", b" ") for line in lines
    ]
    for item in parse_jsonl(raw, "feed.jsonl"):
        if isinstance(item, InputError):
            assert item.path == "feed.jsonl" and 1 <= item.line <= len(raw) and item.reason
        else:
            assert isinstance(item.content, str) and item.content.strip()


PLACES = ["Kabul", "Aleppo", "Lagos", "Kyiv", "Gaza City", "Bogotá", "Mosul", "Kano", "Sanaa"]
ACTORS = ["Police", "Rebels", "The army", "President Joe Biden", "Hamas", "Ahmed Ali", "Protesters", "NATO"]
VERBS = ["attacked", "arrested", "met", "condemned", "shelled", "threatened to sanction", "praised"]
TIMES = ["on Monday", "last week", "on 3 March 2024", "yesterday", "in May", ""]
NOISE = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]), max_size=25
)


@st.composite
def news_texts(draw) -> str:
    """Short news-like texts: sentences of actors, verbs, places and times, some quoted or
    attributed, with random Unicode (marks, emoji, RTL, punctuation) between them."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        sentence = (
            f"{draw(st.sampled_from(ACTORS))} {draw(st.sampled_from(VERBS))} "
            f"{draw(st.sampled_from(ACTORS)).lower()} in {draw(st.sampled_from(PLACES))} "
            f"{draw(st.sampled_from(TIMES))}".strip()
        )
        form = draw(st.sampled_from(["plain", "said", "quote", "according"]))
        if form == "said":
            sentence += f", {draw(st.sampled_from(ACTORS))} said."
        elif form == "quote":
            sentence = f"“{sentence},” {draw(st.sampled_from(ACTORS))} told reporters."
        elif form == "according":
            sentence += f", according to {draw(st.sampled_from(ACTORS))}."
        else:
            sentence += "."
        sentences.append(sentence + draw(NOISE))
    return " ".join(sentences)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(news_texts(), min_size=1, max_size=3))
def test_every_emitted_span_indexes_its_own_article_text(texts):
    """Places, times, actor mentions, quotes with cue/speaker/via, events with trigger, sentence,
    participants, event_loc and reported_by: each is `text[start:end]` of its article."""
    docs = [
        RawDoc(path="random.jsonl", index=i, kind="jsonl", content=t, id=f"r{i}") for i, t in enumerate(texts)
    ]
    articles = [item for item in Pipeline().process(docs) if isinstance(item, Article)]
    assert len(articles) == len(texts)
    for article in articles:
        assert assert_spans_index_their_text(article.to_dict()) >= 1


@pytest.mark.parametrize(
    "text", ["“" * 500, "0123456789 " * 300, "\u0301" * 200 + "Kabul", "\u200f" * 50 + ARABIC]
)
def test_degenerate_article_text_is_coded_without_error(text):
    [article] = Pipeline().process([RawDoc(path="odd.jsonl", index=0, kind="jsonl", content=text, id="odd")])
    assert isinstance(article, Article)
    assert_spans_index_their_text(article.to_dict())
