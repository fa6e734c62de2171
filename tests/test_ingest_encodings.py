"""Encodings and broken files: text in any common encoding is read; everything else is one clear
error naming the file and the reason."""

import gzip

import pytest

from eventwire.clean import clean
from eventwire.ingest import files, read_inputs
from eventwire.model import InputError

ARABIC = (
    "قصف مدفعي على ريف إدلب\n\n"
    "قال المرصد السوري لحقوق الإنسان إن قصفا مدفعيا استهدف قرى في ريف إدلب الجنوبي صباح الأحد، "
    "ما أدى إلى مقتل ثلاثة مدنيين وإصابة خمسة آخرين بجروح.\n"
)
LATIN = "Protesta en Cúcuta\n\nLos manifestantes exigieron la renuncia del alcalde José Peñaloza tras la represión.\n"


def read_one(path):
    [item] = list(read_inputs([str(path)]))
    return item


@pytest.mark.parametrize(
    "encoding, text",
    [("cp1256", ARABIC), ("latin-1", LATIN), ("utf-16", LATIN), ("utf-8-sig", ARABIC), ("utf-8", ARABIC)],
)
def test_text_in_common_encodings_is_decoded(tmp_path, encoding, text):
    path = tmp_path / "dump.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_one(path)
    assert doc.content == text


def test_arabic_cp1256_dump_is_cleaned_with_its_headline(tmp_path):
    path = tmp_path / "idlib.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    [article] = clean(read_one(path))
    assert article.title == "قصف مدفعي على ريف إدلب"
    assert article.text == ARABIC.split("\n\n")[1].strip()


def test_html_declared_charset_is_honoured(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 bombed – 3 hurt</p></body></html>'
    )
    path = tmp_path / "p.html"
    path.write_bytes(page.encode("cp1252"))
    assert "Café bombed – 3 hurt" in read_one(path).content


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n \n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary file"),
        ("noise.txt", bytes(range(1, 32)) * 40, "binary file"),
        (
            "cut.html.gz",
            gzip.compress(b"<html><body>" + b"<p>Troops entered the town.</p>" * 200)[:-30],
            "truncated gzip",
        ),
        ("fake.html.gz", b"<html>not gzip</html>", "not a valid gzip file"),
    ],
)
def test_bad_files_give_one_error_naming_file_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    error = read_one(path)
    assert isinstance(error, InputError)
    assert error.path == str(path)
    assert error.reason.startswith(reason)
    assert str(error).startswith(f"{path}: {reason}")


def test_gzip_decompression_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 10_000)
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 50_000 + b"</p>"))
    error = read_one(path)
    assert isinstance(error, InputError)
    assert "decompresses to more than" in error.reason


def test_multi_member_gzip_is_read_whole(tmp_path):
    path = tmp_path / "joined.html.gz"
    path.write_bytes(
        gzip.compress(b"<html><body><p>First half.") + gzip.compress(b" Second half.</p></body></html>")
    )
    assert read_one(path).content == "<html><body><p>First half. Second half.</p></body></html>"
