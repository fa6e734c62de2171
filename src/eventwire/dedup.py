"""Near-duplicate articles: wire copies and re-posts of one story, found with MinHash LSH.

An article is shingled into overlapping runs of `SHINGLE_WORDS` lower-cased words; two articles
whose estimated Jaccard similarity of those shingle sets reaches `THRESHOLD` are near-duplicates,
and the later one gets `duplicate_of` = the id of the earlier original. `tests/test_dedup.py`
shows why these values: a wire copy with a new headline, one rewritten sentence and an appended
paragraph scores well above 0.5, while two different stories on one topic that share an outlet's
boilerplate paragraph score far below it.

Only originals are indexed, so `duplicate_of` always names an original, never a copy of a copy.
Signatures are stored with each article (`signature`), so a later run seeds the index from the
database instead of re-reading every stored text. Runs that write one database at the same time
each `catch_up`, under the store's write lock, with the originals the others stored meanwhile, so
two runs at once mark what two runs in a row would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import count

from datasketch import LeanMinHash, MinHash, MinHashLSH

from eventwire.model import Article

SHINGLE_WORDS = 5
THRESHOLD = 0.5
NUM_PERM = 128
SEED = 1
BYTE_ORDER = "<"
WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """The set of `SHINGLE_WORDS`-word shingles of `text` (the whole text if it is shorter)."""
    words = WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)
    }


@lru_cache(maxsize=1024)
def minhash(text: str) -> LeanMinHash:
    """The MinHash of `text`'s shingles; equal texts always give equal signatures.

    Cached because the store asks again for the signature of each article that `admit` has just
    seen, a batch or two later.
    """
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update_batch(list(shingles(text)))
    return LeanMinHash(sketch)


def signature(text: str) -> bytes:
    """`minhash(text)` in datasketch's byte format, which the store keeps beside each article."""
    sketch = minhash(text)
    buffer = bytearray(sketch.bytesize(BYTE_ORDER))
    sketch.serialize(buffer, BYTE_ORDER)
    return bytes(buffer)


def from_signature(data: bytes) -> LeanMinHash:
    """The MinHash back from `signature` bytes."""
    return LeanMinHash.deserialize(data, BYTE_ORDER)


class Deduplicator:
    """Marks near-duplicates across one run and against what is already stored.

    `stored_ids` are articles an earlier run already stored: `admit` turns those away so a re-run
    is idempotent and skips their NLP. `stored_originals` are (id, signature) pairs of the stored
    articles that are not themselves duplicates; they seed the index. `stored_up_to` is the
    store's position (`articles.pk`) they were read up to, where `catch_up` goes on from.
    """

    def __init__(
        self,
        stored_ids: Iterable[str] = (),
        stored_originals: Iterable[tuple[str, bytes]] = (),
        stored_up_to: int = 0,
    ) -> None:
        self.stored_ids = set(stored_ids)
        self.stored_up_to = stored_up_to
        self.index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.originals: dict[str, tuple[int, LeanMinHash]] = {}
        self.moved: dict[str, str] = {}  # an original of this run found to copy another run's
        self._positions = count()
        self.skipped = 0
        self.duplicates = 0
        for article_id, data in stored_originals:
            self._add(article_id, from_signature(data))

    def admit(self, article: Article) -> bool:
        """False for an article already stored; otherwise sets its `duplicate_of` and returns True."""
        if article.id in self.stored_ids:
            self.skipped += 1
            return False
        article.duplicate_of = self._original_of(article)
        if article.duplicate_of:
            self.duplicates += 1
        else:
            self._add(article.id, minhash(article.text))
        return True

    def catch_up(self, stored: Iterable[tuple[str, bytes]], batch: list[Article]) -> None:
        """Before `batch` is written: `stored` are the originals (id, signature) that other runs
        stored since this index last looked, in the order they were stored. They come before
        `batch`, so an original of the batch that copies one of them becomes its near-duplicate,
        and an article marked as a copy of such an original follows it to the other run's one."""
        newcomers = set()
        for article_id, data in stored:
            if article_id not in self.originals:
                self._add(article_id, from_signature(data))
                newcomers.add(article_id)
        for article in batch:
            if article.duplicate_of in self.moved:
                article.duplicate_of = self.moved[article.duplicate_of]
            elif article.duplicate_of is None and newcomers and article.id in self.originals:
                original = self._original_of(article, among=newcomers)
                if original:
                    article.duplicate_of = self.moved[article.id] = original
                    self.duplicates += 1
                    del self.originals[article.id]
                    self.index.remove(article.id)

    def _original_of(self, article: Article, among: set[str] | None = None) -> str | None:
        """The indexed original `article` copies (most similar first, then earliest), if any."""
        sketch = minhash(article.text)
        if sketch.is_empty():
            return None
        matches = []
        for key in self.index.query(sketch):
            if key == article.id or (among is not None and key not in among):
                continue
            position, original = self.originals[key]
            score = sketch.jaccard(original)
            if score >= THRESHOLD:
                matches.append((-score, position, key))
        return min(matches)[2] if matches else None

    def _add(self, article_id: str, sketch: LeanMinHash) -> None:
        """Index an original (one with no words has nothing to compare and stays out)."""
        if article_id not in self.originals and not sketch.is_empty():
            self.originals[article_id] = (next(self._positions), sketch)
            self.index.insert(article_id, sketch)
