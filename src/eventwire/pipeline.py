"""Composes the stages; the only place that knows their order.

ingest -> clean -> dedup -> annotate (spaCy) -> resolve -> code. Each stage is a plain
function over records, so a worker process or a Dask task can run the same `Pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from spacy.tokens import Doc

from eventwire import nlp
from eventwire.clean import clean
from eventwire.clean.language import is_coded
from eventwire.coding.events import code_events
from eventwire.dedup import Deduplicator
from eventwire.model import Article, InputError, RawDoc, verbatim
from eventwire.quotes.find import find_quotes
from eventwire.resolve.actor import find_actors
from eventwire.resolve.place import find_places
from eventwire.resolve.time import find_times

T = TypeVar("T")
# The resolve and coding stages in order: each reads what the earlier ones put on the article, and sets the
# article field it is named after. The pipeline, the stage benchmark and the tests all run this one list.
STAGES: tuple[tuple[str, Callable[[Doc, Article], Any]], ...] = (
    ("times", find_times),
    ("places", find_places),
    ("actors", find_actors),
    ("quotes", find_quotes),
    ("events", code_events),
)
# Events below this confidence are not emitted: the verifier's confidence is calibrated (docs/events.md), and
# at this default an event is right about as often as an analyst needs (precision before recall).
DEFAULT_MIN_CONFIDENCE = 0.6
# spaCy's own `max_length`: its parser needs about 1 GB of memory per 100,000 characters beyond it.
MAX_CHARS = 1_000_000


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter); streams, never reads all."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class Pipeline:
    """The configured pipeline: which spaCy model, an optional `--published` date, the least confidence an
    emitted event has, and the near-duplicate index (seeded from the store when writing to a database)."""

    model: str = nlp.DEFAULT_MODEL
    published: str | None = None
    batch_size: int = 32
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    dedup: Deduplicator = field(default_factory=Deduplicator)

    def process(self, docs: Iterable[RawDoc | InputError]) -> Iterator[Article | InputError]:
        """Articles in input order, with InputErrors passed through where input was bad."""
        return self.enrich_stream(self.prepare(docs))

    def prepare(self, docs: Iterable[RawDoc | InputError]) -> Iterator[Article | InputError]:
        """The cheap, order-dependent half: cleaning and near-duplicate marking.

        It runs in one process (the run's own), so duplicates are judged across the whole run
        however many workers do the expensive half.
        """
        return self._dedup_all(self._clean_all(docs))

    def enrich_stream(self, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        """`enrich_batch` over a prepared stream in this process, keeping input order."""
        for chunk in batched(items, self.batch_size * 4):
            self.enrich_batch([item for item in chunk if isinstance(item, Article)])
            yield from chunk

    def enrich_batch(self, articles: list[Article]) -> list[Article]:
        """The expensive, independent half: spaCy and every resolve/coding stage, in place.

        A pure function of each article, so any process or Dask worker can run it. Articles in a
        language the rules are not written for keep their language and get no places or events.
        """
        pairs = ((article.text, article) for article in articles if is_coded(article))
        for doc, article in nlp.annotate(pairs, self.model, self.batch_size):
            enrich(article, doc)
            article.events = [e for e in article.events if e.confidence >= self.min_confidence]
        return articles

    def _clean_all(self, docs: Iterable[RawDoc | InputError]) -> Iterator[Article | InputError]:
        """Cleaned articles; too-long texts and repeated ids become input errors.

        Of two articles with one id the first wins (as in the store) and the later one is an error
        line naming where the first was read, so no text disappears silently.
        """
        first_read: dict[str, str] = {}
        for raw in docs:
            if isinstance(raw, InputError):
                yield raw
                continue
            line = raw.index + 1 if raw.kind == "jsonl" else None
            try:
                articles = clean(raw, self.published)
            except ValueError as exc:
                yield InputError(raw.path, str(exc), line)
                continue
            for article in articles:
                if len(article.text) > MAX_CHARS:
                    reason = f"article {article.id!r} too long ({len(article.text):,} characters, at most {MAX_CHARS:,})"
                    yield InputError(raw.path, reason, line)
                elif article.id in first_read:
                    reason = f"duplicate id {article.id!r} (first read at {first_read[article.id]}; that one is kept)"
                    yield InputError(raw.path, reason, line)
                else:
                    first_read[article.id] = InputError(raw.path, "", line).where
                    yield article

    def _dedup_all(self, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        """Marks near-duplicates; drops articles already stored, so a re-run skips their NLP."""
        for item in items:
            if isinstance(item, InputError) or self.dedup.admit(item):
                yield item


def enrich(article: Article, doc: Doc, upto: str = "events") -> None:
    """Run the resolve and coding stages on one annotated article, in order, up to and including `upto`.

    On a truecased parse (`casing`) the stages saw the copy; the record's spans get the verbatim text back.
    """
    for name, stage in STAGES:
        setattr(article, name, stage(doc, article))
        if name == upto:
            break
    if nlp.text_of(doc) != article.text:
        verbatim(article)
