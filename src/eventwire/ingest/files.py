"""Reading one file's bytes: size limits, bounded gzip decompression, no waiting on pipes.

A hostile or broken `.html.gz` must not fill memory (a zip bomb) or crash the batch (a truncated
download), so decompression is streamed with a hard cap and each failure becomes one clear reason.
A named pipe or device found in a folder would block the run for ever: only regular files are
read from folders, and a file is opened without blocking before it is checked.
"""

from __future__ import annotations

import os
import stat
import zlib
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 50 * 1024 * 1024  # per file, after decompression
CHUNK = 64 * 1024


class ReadError(ValueError):
    """The file cannot be read; the message is the reason shown to the user."""


NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def open_input(path: str, regular_only: bool = False) -> BinaryIO:
    """`path` opened for reading. With `regular_only` (files found in a folder) anything but a
    regular file is refused: opening does not block on a named pipe, and the check is made on
    what was opened, not on the name."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    try:
        kind = stat.S_IFMT(os.fstat(fd).st_mode)
        if regular_only and kind != stat.S_IFREG:
            raise ReadError(f"not a regular file ({NOT_REGULAR.get(kind, 'special file')}); skipped")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_bytes(path: str, regular_only: bool = False) -> bytes:
    """The file's content, decompressed when its name ends in `.gz`."""
    try:
        with open_input(path, regular_only) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise ReadError(f"file larger than {MAX_BYTES // 2**20} MB")
    if Path(path).name.lower().endswith(".gz"):
        return gunzip(data)
    return data


def gunzip(data: bytes) -> bytes:
    """Decompress gzip `data` (all members), refusing output beyond MAX_BYTES and truncated streams."""
    out = bytearray()
    view = memoryview(data)
    pos = 0
    while pos < len(data):
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            while pos < len(data) and not inflater.eof:
                chunk = view[pos : pos + CHUNK]
                pos += len(chunk)
                out += inflater.decompress(chunk, MAX_BYTES + 1 - len(out))
                if len(out) > MAX_BYTES:
                    raise ReadError(f"decompresses to more than {MAX_BYTES // 2**20} MB")
        except zlib.error as exc:
            raise ReadError(f"not a valid gzip file ({exc})") from exc
        if not inflater.eof:
            raise ReadError("truncated gzip file (unexpected end of data)")
        pos -= len(inflater.unused_data)
        while pos < len(data) and data[pos] == 0:  # padding between members
            pos += 1
    return bytes(out)
