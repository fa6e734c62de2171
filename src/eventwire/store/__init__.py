"""The database: SQLite by default, PostgreSQL by URL; one schema, written in batches."""

from eventwire.store.engine import DEFAULT_URL, connect, normalise_url
from eventwire.store.reader import Counts, StoredArticle, articles, counts, dedup_seeds, search
from eventwire.store.schema import ForeignDatabase
from eventwire.store.writer import BATCH_SIZE, WriteResult, write

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_URL",
    "Counts",
    "ForeignDatabase",
    "StoredArticle",
    "WriteResult",
    "articles",
    "connect",
    "counts",
    "dedup_seeds",
    "normalise_url",
    "search",
    "write",
]
