"""Linear time on any text: hostile patterns through cleaning, spaCy and every stage.

    .venv/bin/python benchmarks/pathological.py                 # 100 KB and 200 KB of each pattern
    .venv/bin/python benchmarks/pathological.py --sizes 1000000 --patterns mixed

Each pattern (runs of capitalised words, quote marks, dashes, dots, datelines ...) of the given
size is cleaned as a text dump (`dump_clean_s`: dump splitting and furniture removal, which may
find no article in it), then as a JSONL text (kept verbatim) goes through near-duplicate marking,
spaCy and each stage of `pipeline.enrich`, timed as `stages.py` times them. Where the time doubles
with the size, the work is linear; a quadratic pattern shows a factor of four.
"""

from __future__ import annotations

import argparse
import json
import time

from stages import time_stages

from eventwire import nlp
from eventwire.model import Article, RawDoc
from eventwire.pipeline import Pipeline
from eventwire.resolve import gazetteer

# Each unit is repeated up to the size; "mixed" cycles through all of them, a block at a time.
PATTERNS = {
    "capitalised": "JENIN ",
    "names": "Jenin City Gaza Strip West Bank ",
    "capitalised lines": "JENIN NABLUS\n",
    "straight quotes": '"',
    "quotes": '“Police said” ‘they’ "',
    "dashes": "— -- – ",
    "dash run": "—",
    "dots": ". ",
    "dot run": ".",
    "datelines": "JENIN, West Bank (AP) — ",
    "dateline lines": "JENIN, West Bank (AP) —\n",
    "captions": "Soldiers in Jenin on March 3, 2024. (Photo by AP)\n",
    "spaces": "A" + " " * 999,
    "parentheses": "(A(",
    "said": "Police said. ",
    "dates": "on Monday, March 3, 2024, ",
    "numbers": "12 000 ",
    "attribution": "Police said the army said ",
    "speech": "“We will fight,” he said. ",
    "events": "Soldiers shelled Aleppo and police arrested protesters in Kano. ",
}


def text_of(pattern: str, size: int) -> str:
    if pattern != "mixed":
        unit = PATTERNS[pattern]
        return (unit * (size // len(unit) + 1))[:size]
    blocks = [text_of(name, 2000) for name in PATTERNS]
    return "\n\n".join(blocks * (size // (2002 * len(blocks)) + 1))[:size]


def run(pattern: str, size: int) -> dict[str, float]:
    text = text_of(pattern, size)
    cpu = time.process_time()
    started = time.perf_counter()
    list(Pipeline().prepare([RawDoc(path=f"{pattern}.txt", index=0, kind="text", content=text)]))
    timings = {"dump_clean_s": time.perf_counter() - started}
    started = time.perf_counter()
    raw = RawDoc(path=f"{pattern}.jsonl", index=0, kind="jsonl", content=text, id=pattern)
    articles = [item for item in Pipeline().prepare([raw]) if isinstance(item, Article)]
    timings["dedup_s"] = time.perf_counter() - started
    timings.update(time_stages(articles))
    timings["total_s"] = sum(timings.values())
    timings["cpu_s"] = time.process_time() - cpu  # on a shared machine, the figure to compare
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000], help="characters")
    parser.add_argument("--patterns", nargs="+", default=[*PATTERNS, "mixed"])
    args = parser.parse_args()
    nlp.load()
    gazetteer.load()
    run("mixed", 2000)  # warm up
    for pattern in args.patterns:
        for size in args.sizes:
            timings = run(pattern, size)
            print(
                json.dumps(
                    {"pattern": pattern, "chars": size, **{k: round(v, 2) for k, v in timings.items()}}
                )
            )


if __name__ == "__main__":
    main()
