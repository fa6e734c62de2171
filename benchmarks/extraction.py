"""Benchmark: does each cleaning rule on top of trafilatura help on sites it was not written for?

    .venv/bin/python benchmarks/extraction.py /work/shared/eval/extraction [--json OUT.json]

Scores `clean()`'s text of every page with the extraction scorer's metric (imported from
`score_extraction.py` beside the data) under many configurations: plain `trafilatura.extract()`;
trafilatura's own options (favor_precision, favor_recall, no_fallback, include_tables) with no rule
of ours; then, on the chosen options, every rule of `clean.furniture.FURNITURE` left out in turn
and added alone. For each rule it prints the sites where leaving it out raises or lowers the
site's F1. Leave-one-site-out: for each site, the options and rules are chosen on the other
sites only (the options with the best F1; a rule is dropped when leaving it out raises F1 there),
and the choice is scored on the held-out site; the pages of all held-out sites together give the
held-out F1, the honest estimate of what the selection does on a new site.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import trafilatura

from eventwire.clean import clean
from eventwire.clean.furniture import FURNITURE
from eventwire.clean.html import PAGE_RULES, Extractor
from eventwire.ingest.decode import decode_bytes
from eventwire.model import RawDoc

FALLBACKS = Extractor(fast=False)  # trafilatura's default: its fallback extractors on
OPTIONS = {
    "fallbacks": FALLBACKS,
    "fallbacks+precision": replace(FALLBACKS, favor_precision=True),
    "fallbacks+recall": replace(FALLBACKS, favor_recall=True),
    "fallbacks+tables": replace(FALLBACKS, include_tables=True),
    "fast": Extractor(),  # shipped
    "fast+precision": Extractor(favor_precision=True),
    "fast+recall": Extractor(favor_recall=True),
    "fast+tables": Extractor(include_tables=True),
}
Counts = tuple[float, float, float]


def scorer(data: Path):
    """The scorer's own module, so the metric here is the one the quality gate reads."""
    spec = importlib.util.spec_from_file_location("score_extraction", data.parent / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(data.parent))
    spec.loader.exec_module(module)
    return module


class Bench:
    """Per-page (tp, fp, fn) of each configuration, computed once."""

    def __init__(self, data: Path) -> None:
        self.score = scorer(data)
        self.gold = [json.loads(line) for line in (data / "gold.jsonl").open(encoding="utf-8")]
        self.pages = {
            g["id"]: decode_bytes(
                gzip.decompress((data / "html" / f"{g['id']}.html.gz").read_bytes()), html=True
            )
            for g in self.gold
        }
        self.cache: dict[tuple, list[Counts]] = {}

    def counts(self, extractor: Extractor | None, rules: frozenset[str] | None) -> list[Counts]:
        """Page counts of `clean()` with these options and rules (None: plain `trafilatura.extract`)."""
        key = (extractor, rules)
        if key not in self.cache:
            self.cache[key] = [
                self.score.page_counts(g["articleBody"], self.text(g["id"], extractor, rules))
                for g in self.gold
            ]
        return self.cache[key]

    def text(self, page: str, extractor: Extractor | None, rules: frozenset[str] | None) -> str:
        html = self.pages[page]
        if extractor is None:
            return trafilatura.extract(html) or ""
        raw = RawDoc(path=f"{page}.html", index=0, kind="html", content=html)
        try:
            return clean(raw, rules=rules, extractor=extractor)[0].text
        except ValueError:
            return ""

    def f1(self, counts: list[Counts], pages: list[int] | None = None) -> float:
        chosen = counts if pages is None else [counts[i] for i in pages]
        return self.score.aggregate(chosen)["f1"] if chosen else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, help="the extraction folder (html/, gold.jsonl)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    bench = Bench(args.data)
    sites: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(bench.gold):
        sites[g["site"]].append(i)
    report: dict = {"pages": len(bench.gold), "sites": len(sites)}

    plain = bench.counts(None, frozenset())
    report["trafilatura.extract"] = round(bench.f1(plain), 4)
    print(
        f"{len(bench.gold)} pages, {len(sites)} sites\n\ntrafilatura.extract() defaults: F1 {bench.f1(plain):.4f}"
    )
    print(
        "\ntrafilatura options, no rule of ours / with all rules, and sites where they beat trafilatura's default:"
    )
    report["options"] = {}
    fallbacks = bench.counts(FALLBACKS, FURNITURE)
    for name, extractor in OPTIONS.items():
        counts = bench.counts(extractor, FURNITURE)
        bare, full = bench.f1(bench.counts(extractor, frozenset())), bench.f1(counts)
        deltas = [bench.f1(counts, pages) - bench.f1(fallbacks, pages) for pages in sites.values()]
        helps, hurts = sum(d > 1e-9 for d in deltas), sum(d < -1e-9 for d in deltas)
        report["options"][name] = {
            "bare": round(bare, 4), "all_rules": round(full, 4), "sites_helped": helps, "sites_hurt": hurts
        }  # fmt: skip
        print(f"  {name:20} {bare:.4f} / {full:.4f}  against fallbacks: helps {helps:2}  hurts {hurts:2}")

    base = Extractor()
    everything = bench.counts(base, FURNITURE)
    print(
        f"\nrules on the shipped options (fast) (all rules: F1 {bench.f1(everything):.4f}); per rule: F1 without it,"
        " F1 with it alone, sites it helps / hurts (site F1 with it vs without it)"
    )
    report["rules"] = {}
    for rule in sorted(FURNITURE):
        without = bench.counts(base, FURNITURE - {rule})
        alone = bench.counts(base, frozenset({rule}))
        helps = hurts = 0
        for pages in sites.values():
            delta = bench.f1(everything, pages) - bench.f1(without, pages)
            helps += delta > 1e-9
            hurts += delta < -1e-9
        report["rules"][rule] = {
            "without": round(bench.f1(without), 4), "alone": round(bench.f1(alone), 4), "sites_helped": helps,
            "sites_hurt": hurts,
        }  # fmt: skip
        print(
            f"  {rule:11} without {bench.f1(without):.4f}  alone {bench.f1(alone):.4f}  helps {helps:2}  hurts {hurts:2}"
        )

    held_out: list[Counts] = [(0.0, 0.0, 0.0)] * len(bench.gold)
    kept_per_site: dict[str, list[str]] = {}
    for site, pages in sites.items():
        train = [i for i in range(len(bench.gold)) if i not in set(pages)]
        name = max(OPTIONS, key=lambda n: bench.f1(bench.counts(OPTIONS[n], FURNITURE), train))
        extractor = OPTIONS[name]
        full = bench.f1(bench.counts(extractor, FURNITURE), train)
        kept = frozenset(
            r for r in FURNITURE if full >= bench.f1(bench.counts(extractor, FURNITURE - {r}), train)
        )
        kept_per_site[site] = [name, *sorted(FURNITURE - kept)]
        chosen = bench.counts(extractor, kept)
        for i in pages:
            held_out[i] = chosen[i]
    shipped = bench.counts(base, None)  # clean()'s own defaults
    report["shipped_rules_dropped"] = sorted(FURNITURE - PAGE_RULES)
    report["leave_one_site_out"] = {
        "selected": round(bench.f1(held_out), 4),
        "shipped": round(bench.f1(shipped), 4),
        "trafilatura.extract": round(bench.f1(plain), 4),
        "dropped_per_site": kept_per_site,
    }
    print(
        f"\nleave one site out: options and rules chosen without the site, scored on it: F1 {bench.f1(held_out):.4f}"
        f" (shipped configuration {bench.f1(shipped):.4f}, trafilatura.extract {bench.f1(plain):.4f})"
    )
    print("choices (options, rules dropped) and how many held-out sites each was made for:")
    choices: dict[str, list[str]] = defaultdict(list)
    for site, choice in kept_per_site.items():
        choices[", ".join(choice)].append(site)
    for choice, held in sorted(choices.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(held):3}  {choice}" + (f"  (held out: {', '.join(held)})" if len(held) < 5 else ""))
    print("\nper site (pages): trafilatura.extract / shipped options, no rule / shipped")
    bare = bench.counts(base, frozenset())
    report["per_site"] = {}
    for site, pages in sorted(sites.items()):
        row = [bench.f1(plain, pages), bench.f1(bare, pages), bench.f1(shipped, pages)]
        report["per_site"][site] = [round(x, 4) for x in row]
        flag = "  <" if row[2] < row[0] - 1e-9 else ("  >" if row[2] > row[0] + 1e-9 else "")
        print(f"  {site:40} {len(pages)}  {row[0]:.4f} {row[1]:.4f} {row[2]:.4f}{flag}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
