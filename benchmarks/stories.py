"""Benchmark: how well and how fast events are clustered into stories.

    .venv/bin/python benchmarks/stories.py quality   # pairwise precision/recall through the pipeline
    .venv/bin/python benchmarks/stories.py speed [--db sqlite:///build/bench-stories.db] [--events 100000]

quality: 20 incidents (bombings, strikes, protest marches, shootings in 20 towns), each written up by
three outlets in different words, with different death tolls and dates ("on Sunday" the day after,
"yesterday" two days after, "earlier today" the same day), plus 10 distractor pairs (the same kind of
event, the same day, in two towns of one country). Every article goes through the real pipeline
and store; two articles are merged when they share a story. Precision and recall are over article
pairs (gold: same incident).

speed: fills the database through the store with synthetic articles (four events each, from
`api_events.py`, their story ids cleared so the store clusters them) unless it already holds
enough events, then times storing 1,000 more articles in `run --db`'s batches. Not a test:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from api_events import synthetic_articles

from eventwire import store
from eventwire.model import RawDoc
from eventwire.pipeline import Pipeline
from eventwire.store import schema

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen".split()
# (kind, three ways to tell it); {town} {when} {dead} are filled in.
KINDS = {
    "bombing": [
        "A car bomb exploded at a crowded market in {town} {when}, killing {dead} people, police said.",
        "{Dead} people were killed when a bomb went off in a busy market in {town} {when}, officials said.",
        "At least {dead} people died in a car bombing at a market in {town} {when}, witnesses said.",
    ],
    "strike": [
        "Dock workers went on strike in {town} {when} over pay. Hundreds joined the picket lines.",
        "Port workers in {town} walked off the job {when} in a dispute over wages.",
        "Thousands of dockers in {town} staged a strike {when}, demanding higher pay.",
    ],
    "march": [
        "Thousands of people marched through {town} {when} to protest against rising fuel prices.",
        "Protesters took to the streets of {town} {when} against the fuel price increase.",
        "Demonstrators rallied in central {town} {when}, denouncing higher fuel prices.",
    ],
    "shooting": [
        "Gunmen shot dead {dead} villagers near {town} {when}, the army said.",
        "{Dead} people were killed when gunmen opened fire on a village near {town} {when}.",
        "Armed men attacked a village outside {town} {when}, killing {dead} residents, local officials said.",
    ],
}
# Towns more than 50 km apart, by country; incidents use the first, distractors the second.
TOWNS = {
    "Iraq": ["Mosul", "Basra"],
    "Nigeria": ["Kano", "Lagos"],
    "Pakistan": ["Peshawar", "Karachi"],
    "India": ["Mumbai", "Kolkata"],
    "Kenya": ["Mombasa", "Kisumu"],
}
OUTLETS = ["Daily Post", "Evening Herald", "World Wire"]


def corpus() -> tuple[list[RawDoc], dict[str, str]]:
    """The articles and, for each, the incident it reports."""
    docs: list[RawDoc] = []
    gold: dict[str, str] = {}
    day0 = date(2024, 3, 3)  # a Sunday

    def write(incident: str, kind: str, town: str, happened: date, dead: int, style: int) -> None:
        # The first outlet reports the next day "on Sunday", the second two days later "yesterday"
        # (a day off, as reports are), the third the same day.
        lag, when = [(1, f"on {DAYS[happened.weekday()]}"), (2, "yesterday"), (0, "earlier today")][style]
        text = KINDS[kind][style].format(
            town=town, when=when, dead=WORDS[dead] if style else dead, Dead=WORDS[dead].capitalize()
        )
        doc_id = f"{incident}-{OUTLETS[style].split()[0].lower()}"
        published = (happened + timedelta(days=lag)).isoformat()
        docs.append(
            RawDoc(
                None, len(docs), "jsonl", text, doc_id, f"{kind} in {town}", published, None, OUTLETS[style]
            )
        )
        gold[doc_id] = incident

    kinds, countries = list(KINDS), list(TOWNS)
    for n in range(20):
        kind, country = kinds[n % 4], countries[n // 4]
        happened = day0 + timedelta(days=7 * (n % 4) + n // 4)
        dead = [10, 7, 9, 4, 5][n // 4]
        for style, toll in enumerate([dead, dead + 2, dead - 1]):
            write(f"i{n:02d}", kind, TOWNS[country][0], happened, toll, style)
    for n in range(10):  # distractors: the same kind on the same day in the other town
        kind, country = kinds[n % 4], countries[n // 2]
        happened = day0 + timedelta(days=7 * (n % 4) + n // 2)
        write(f"d{n:02d}", kind, TOWNS[country][1], happened, 6, n % 3)
    return docs, gold


def quality() -> None:
    docs, gold = corpus()
    with tempfile.TemporaryDirectory() as folder:
        engine = store.connect(f"sqlite:///{Path(folder) / 'quality.db'}")
        articles = [a for a in Pipeline().process(docs) if not hasattr(a, "reason")]
        store.write(engine, articles)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(schema.events.c.article_id, schema.events.c.story_id).where(
                    schema.events.c.story_id.is_not(None), schema.events.c.country_code.is_not(None)
                )
            ).all()
        engine.dispose()
    stories: dict[str, set[str]] = {}
    for article_id, story_id in rows:
        stories.setdefault(article_id, set()).add(story_id)
    tp = fp = fn = coded = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        merged = bool(stories.get(a, set()) & stories.get(b, set()))
        same = gold[a] == gold[b]
        tp += merged and same
        fp += merged and not same
        fn += same and not merged
        coded += same and a in stories and b in stories
    print(
        f"{len(docs)} articles, {len(set(gold.values()))} incidents, {len(stories)} articles with a placed event: "
        f"pairwise precision {tp / ((tp + fp) or 1):.3f} recall {tp / ((tp + fn) or 1):.3f} "
        f"(tp {tp}, fp {fp}, fn {fn}); recall over the {coded} same-incident pairs whose articles both "
        f"have a placed event {tp / (coded or 1):.3f}"
    )


def speed(url: str, events: int, add: int) -> None:
    engine = store.connect(url)
    with engine.connect() as conn:
        stored = conn.scalar(sa.select(sa.func.count()).select_from(schema.events)) or 0
    per_article = 4
    generated = synthetic_articles(events + add * per_article)
    base = list(itertools.islice(generated, events // per_article))
    extra = list(generated)[:add]
    for article in base + extra:
        for event in article.events:
            event.story_id = None  # the store clusters them
    if stored < events:
        started = time.perf_counter()
        for start in range(0, len(base), 500):
            store.write(engine, base[start : start + 500])
        print(f"filled {events} events in {time.perf_counter() - started:.0f}s")
    with engine.connect() as conn:
        before = conn.scalar(sa.select(sa.func.count()).select_from(schema.stories))
    started = time.perf_counter()
    for start in range(0, len(extra), store.BATCH_SIZE):
        store.write(engine, extra[start : start + store.BATCH_SIZE])
    elapsed = time.perf_counter() - started
    with engine.connect() as conn:
        total = conn.scalar(sa.select(sa.func.count()).select_from(schema.events))
        after = conn.scalar(sa.select(sa.func.count()).select_from(schema.stories))
    engine.dispose()
    print(
        f"added {len(extra)} articles ({len(extra) * per_article} events) to {total - len(extra) * per_article} "
        f"stored events in {elapsed:.2f}s ({1000 * elapsed / len(extra):.1f} ms/article, batches of "
        f"{store.BATCH_SIZE}); {after - before} new stories, {after} stories in all"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["quality", "speed"])
    parser.add_argument("--db", default="sqlite:///build/bench-stories.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--add", type=int, default=1000)
    args = parser.parse_args()
    if args.what == "quality":
        quality()
    else:
        Path("build").mkdir(exist_ok=True)
        speed(args.db, args.events, args.add)


if __name__ == "__main__":
    main()
