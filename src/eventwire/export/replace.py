"""Output files are replaced only by a run that succeeds.

A run or export that fails half-way (bad input that crashes, Ctrl-C, a full disk) must not leave
the previous output empty or cut short: everything is written under a temporary name beside the
target and renamed over it at the end, which is atomic on one filesystem.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Replacement:
    """`path` is where to write instead of `target`: `commit` moves it over the target,
    `discard` removes it. A target that is not a regular file (`/dev/stdout`, a pipe) is written
    directly: there is nothing to replace."""

    def __init__(self, target: Path | str) -> None:
        self.target = Path(target)
        special = self.target.exists() and not self.target.is_file() and not self.target.is_dir()
        self.path = self.target if special else temporary_beside(self.target)

    def commit(self) -> None:
        if self.path != self.target:
            os.replace(self.path, self.target)

    def discard(self) -> None:
        if self.path == self.target:
            return
        if self.path.is_dir():
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            self.path.unlink(missing_ok=True)


def temporary_beside(path: Path) -> Path:
    """A fresh hidden name in `path`'s folder (same filesystem, so a rename is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


@contextmanager
def replacing(target: Path | str) -> Iterator[Path]:
    """The path to write instead of `target`, put in place when the block ends without an
    exception and removed when it raises."""
    replacement = Replacement(target)
    try:
        yield replacement.path
    except BaseException:
        replacement.discard()
        raise
    replacement.commit()
