"""Readers: every input kind becomes RawDocs in a stable order; bad input becomes one InputError."""

import gzip
import io
import json

from eventwire.ingest import read_inputs, read_stdin
from eventwire.model import InputError, RawDoc

PAGE = "<!DOCTYPE html><html><head><title>Curfew in Goma</title></head><body><p>Curfew.</p></body></html>"


def test_text_html_and_gzipped_html_files_are_read_as_their_kind(tmp_path):
    (tmp_path / "dump.txt").write_text("Curfew Declared in Goma\n\nAuthorities declared a curfew.\n")
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "page2.htm").write_text(PAGE)
    (tmp_path / "page3.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "dump2.txt.gz").write_bytes(
        gzip.compress(b"Curfew Lifted in Goma\n\nThe curfew was lifted.\n")
    )
    names = ("dump.txt", "page.html", "page2.htm", "page3.html.gz", "dump2.txt.gz")
    paths = [str(tmp_path / name) for name in names]
    docs = list(read_inputs(paths))
    kinds = ["text", "html", "html", "html", "text"]
    assert [(d.path, d.kind) for d in docs] == list(zip(paths, kinds, strict=True))
    assert docs[3].content == PAGE


def test_folders_are_read_recursively_in_sorted_order_skipping_unknown_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Strike Called in Jos\n\nUnions called a strike.\n")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x1", "text": "Troops withdrew."}) + "\n")
    (tmp_path / "b" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("secret")
    docs = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(d, RawDoc) for d in docs)
    assert [d.path for d in docs] == [str(tmp_path / "a.jsonl"), str(tmp_path / "b" / "z.txt")]


def test_unknown_extension_and_missing_path_are_reported(tmp_path):
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF-1.4")
    errors = list(read_inputs([str(doc), str(tmp_path / "gone.txt")]))
    assert [type(e) for e in errors] == [InputError, InputError]
    assert "unsupported input type" in errors[0].reason
    assert errors[1].reason == "no such file or folder"


def test_stdin_is_sniffed_as_jsonl_html_or_text():
    jsonl = b'{"id": "s1", "text": "Police fired tear gas."}\n\n{"id": "s2", "text": "Talks resumed."}\n'
    assert [(d.kind, d.id, d.path) for d in read_stdin(jsonl)] == [
        ("jsonl", "s1", None),
        ("jsonl", "s2", None),
    ]
    [page] = read_stdin(b"\n  <html><body><p>Rebels took the airport.</p></body></html>")
    assert page.kind == "html"
    [page] = read_stdin(b"<!-- saved from url=(0042) --><div><p>Rebels took the airport.</p></div>")
    assert page.kind == "html"
    [dump] = read_stdin(b"Rebels Take Airport\n\nRebels said they took the airport {sic}.\n")
    assert dump.kind == "text"


def test_stdin_dash_reads_standard_input(monkeypatch):
    data = b'{"id": "s1", "text": "Police fired tear gas."}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = read_inputs(["-"])
    assert (doc.id, doc.content) == ("s1", "Police fired tear gas.")
