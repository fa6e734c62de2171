"""Bytes -> text for files whose encoding nobody told us.

News dumps arrive as UTF-8 (with or without a BOM), UTF-16 from Windows tools, or legacy code
pages (Arabic cp1256, latin-1). We trust BOMs, then strict UTF-8, then charset-normalizer's guess;
anything that still looks like binary is refused with a reason instead of becoming mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed: text never has many.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The legacy encodings browsers know (WHATWG): news is never in DOS or old Mac Central European
# code pages, which otherwise win guesses on short accented text ("prťsident" for "président").
WEB_ENCODINGS = [
    "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r",
    "koi8_u", "mac_roman", "mac_cyrillic", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "iso2022_jp",
]  # fmt: skip
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
# What a page may declare: the web's legacy encodings only. Python knows many more codec names
# ("undefined" always fails, "unicode_escape" makes lone surrogates, "rot13" is not a charset);
# a page declaring one of those, or UTF-16 (which browsers read as UTF-8), is guessed instead.
DECLARABLE = {codecs.lookup(name).name for name in WEB_ENCODINGS}


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is the reason shown to the user."""


def decode_bytes(data: bytes, html: bool = False) -> str:
    """The text in `data`; raises DecodeError("empty file" / "binary file ...") when there is none.

    For HTML a `<meta charset>` declaration is honoured before guessing.
    """
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"binary file (invalid {encoding} after BOM)") from exc
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise DecodeError("binary file (contains NUL bytes)")
        return _checked(text)
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if html and (declared := _declared_charset(data)):
        try:
            return _checked(data.decode(declared))
        except UnicodeError:
            pass
    return _checked(_guess(data))


def _guess(data: bytes) -> str:
    """charset-normalizer's best reading; where several code pages read the bytes equally well
    (short Western text), Windows-1252, the web's most common legacy encoding, wins the tie."""
    results = from_bytes(data, cp_isolation=WEB_ENCODINGS)
    best = results.best()
    if best is None:
        raise DecodeError("binary file (no text encoding fits)")
    for match in results:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and "cp1252" in match.could_be_from_charset:
            return str(match)
    return str(best)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 that some Windows tools write without a BOM: mostly-Latin text has a NUL in the high
    byte of most two-byte units and none in the low bytes; binary data with stray NULs does not."""
    if len(data) % 2:
        return None
    for encoding, low, high in (("utf-16-le", data[0::2], data[1::2]), ("utf-16-be", data[1::2], data[0::2])):
        if b"\x00" not in low and high.count(0) * 2 >= len(high):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _declared_charset(data: bytes) -> str | None:
    """The encoding a `<meta charset>` declares, if it is one a web page may declare."""
    found = META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return name if name in DECLARABLE else None


def _checked(text: str) -> str:
    """Refuse decoded 'text' that is mostly control characters (a binary file that happened to decode)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DecodeError("empty file")
    if len(CONTROL.findall(text)) > max(2, len(text) // 100):
        raise DecodeError("binary file (control characters)")
    return text
