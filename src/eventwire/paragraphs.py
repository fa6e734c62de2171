"""The paragraphs of a text kept verbatim: in news copy a line break ends a paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line, in order; lazy, so a caller that wants the first few reads
    no further."""
    return ((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip())
