"""Where the time goes: spaCy and each stage of `pipeline.enrich`, timed around each call.

    .venv/bin/python benchmarks/stages.py ../shared/corpus/news.jsonl --n 100

One process, no workers: the cost of each stage per article, to set against spaCy's own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time

from eventwire import nlp
from eventwire.ingest import read_inputs
from eventwire.model import Article
from eventwire.pipeline import STAGES, Pipeline
from eventwire.resolve import gazetteer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", help="JSONL articles")
    parser.add_argument("--n", type=int, default=100, help="articles from the top (default 100)")
    args = parser.parse_args()

    started = time.perf_counter()
    nlp.load()
    gazetteer.load()
    timings = {"load_s": time.perf_counter() - started}

    started = time.perf_counter()
    prepared = Pipeline().prepare(read_inputs([args.corpus]))
    articles = [a for a in itertools.islice(prepared, args.n) if isinstance(a, Article)]
    timings["clean_dedup_s"] = time.perf_counter() - started

    timings.update(time_stages(articles))
    print(json.dumps({"articles": len(articles), **{k: round(v, 2) for k, v in timings.items()}}))


def time_stages(articles: list[Article]) -> dict[str, float]:
    """Seconds spent in spaCy (as a run gives it the texts) and in each stage over `articles`
    (enriched in place)."""
    started = time.perf_counter()
    docs = [doc for doc, _ in nlp.annotate((a.text, a) for a in articles)]
    timings = {"spacy_s": time.perf_counter() - started}
    spent = {name: 0.0 for name, _ in STAGES}
    for article, doc in zip(articles, docs, strict=True):
        for name, stage in STAGES:
            started = time.perf_counter()
            setattr(article, name, stage(doc, article))
            spent[name] += time.perf_counter() - started
    timings.update({f"{name}_s": seconds for name, seconds in spent.items()})
    return timings


if __name__ == "__main__":
    main()
