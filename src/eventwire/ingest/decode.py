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
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


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
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if html and (declared := _declared_charset(data)):
        try:
            return _checked(data.decode(declared))
        except (UnicodeDecodeError, LookupError):
            pass
    return _checked(_guess(data))


def _guess(data: bytes) -> str:
    """charset-normalizer's best reading; where several code pages read the bytes equally well
    (short Western text), Windows-1252, the web's most common legacy encoding, wins the tie."""
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DecodeError("binary file (no text encoding fits)")
    for match in results:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and "cp1252" in match.could_be_from_charset:
            return str(match)
    return str(best)


def _declared_charset(data: bytes) -> str | None:
    found = META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def _checked(text: str) -> str:
    """Refuse decoded 'text' that is mostly control characters (a binary file that happened to decode)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DecodeError("empty file")
    if len(CONTROL.findall(text)) > max(2, len(text) // 100):
        raise DecodeError("binary file (control characters)")
    return text
