"""Benchmark: does each cleaning rule on top of trafilatura help on sites it was not written for?

    .venv/bin/python benchmarks/extraction.py /work/shared/eval/extraction [--json OUT.json]

Scores `clean()`'s text of every page with the extraction scorer's metric (imported from
`score_extraction.py` beside the data) under many configurations: plain `trafilatura.extract()`;
trafilatura's own options (favor_precision, favor_recall, fast, include_tables) with no rule
of ours; then, on the chosen options, every rule of `clean.furniture.FURNITURE` left out in turn
and added alone. For each rule it prints the sites where leaving it out raises or lowers the
site's F1. Leave-one-site-out: for each site, the options and rules are chosen on the other
sites only (an option replaces trafilatura's default when it raises F1 there and helps on more of
those sites than it hurts; a rule stays when it helps on more of them than it hurts, or changes none),
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

from eventwire.clean import clean, page_article
from eventwire.clean.furniture import FURNITURE
from eventwire.clean.html import PAGE_RULES, Extractor, Page, read_page
from eventwire.ingest.decode import decode_bytes
from eventwire.model import RawDoc

DEFAULTS = Extractor()  # trafilatura's own defaults, shipped
OPTIONS = {
    "defaults": DEFAULTS,
    "favor_precision": replace(DEFAULTS, favor_precision=True),
    "favor_recall": replace(DEFAULTS, favor_recall=True),
    "fast": replace(DEFAULTS, fast=True),  # without the fallback extractors
    "no_tables": replace(DEFAULTS, include_tables=False),
    "fast+no_tables": replace(DEFAULTS, fast=True, include_tables=False),
    "precision+no_tables": replace(DEFAULTS, favor_precision=True, include_tables=False),
    "recall+no_tables": replace(DEFAULTS, favor_recall=True, include_tables=False),
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
        self.pages_read: dict[tuple[str, Extractor], Page | None] = {}

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
            if rules is None:  # clean()'s own defaults, end to end
                return clean(raw)[0].text
            read = self.read(page, extractor)
            article = page_article(raw, read, rules=rules) if isinstance(read, Page) else None
        except ValueError:
            return ""
        return article.text if article else ""

    def read(self, page: str, extractor: Extractor) -> Page | None:
        """trafilatura's reading of a page, once per options (the rules are applied to it after)."""
        if (page, extractor) not in self.pages_read:
            try:
                self.pages_read[page, extractor] = read_page(self.pages[page], None, extractor)
            except ValueError:
                self.pages_read[page, extractor] = None
        return self.pages_read[page, extractor]

    def moved(self, new: list[Counts], old: list[Counts], sites: list[list[int]]) -> tuple[int, int]:
        """On how many of `sites` the `new` counts give a higher / lower site F1 than `old`."""
        deltas = [self.f1(new, pages) - self.f1(old, pages) for pages in sites]
        return sum(d > 1e-9 for d in deltas), sum(d < -1e-9 for d in deltas)

    def f1(self, counts: list[Counts], pages: list[int] | None = None) -> float:
        chosen = counts if pages is None else [counts[i] for i in pages]
        return self.score.aggregate(chosen)["f1"] if chosen else 0.0


def keeps(moved: tuple[int, int]) -> bool:
    """A rule stays when it helps on more sites than it hurts, or changes no site at all."""
    helps, hurts = moved
    return helps > hurts or helps == hurts == 0


def options_by_sites(bench: Bench, sites: list[list[int]], pages: list[int]) -> str:
    """trafilatura's defaults, unless an option raises F1 on `pages` and helps on more of `sites`
    than it hurts (then the best such option), all rules on."""
    default = bench.counts(DEFAULTS, FURNITURE)
    better = [
        name
        for name, extractor in OPTIONS.items()
        if bench.f1(bench.counts(extractor, FURNITURE), pages) > bench.f1(default, pages)
        and keeps(bench.moved(bench.counts(extractor, FURNITURE), default, sites))
    ]
    return max(better, key=lambda n: bench.f1(bench.counts(OPTIONS[n], FURNITURE), pages), default="defaults")


def options_by_f1(bench: Bench, sites: list[list[int]], pages: list[int]) -> str:
    """The options with the best F1 on `pages`, all rules on."""
    return max(OPTIONS, key=lambda n: bench.f1(bench.counts(OPTIONS[n], FURNITURE), pages))


PROCEDURES = {
    "options by F1, rules by sites": options_by_f1,
    "options by sites, rules by sites": options_by_sites,
    "trafilatura's defaults, rules by sites": lambda bench, sites, pages: "defaults",
}


def leave_one_site_out(bench: Bench, sites: dict[str, list[int]], choose) -> tuple[list[Counts], dict]:
    """Each site's pages scored with the options `choose` picks and the rules that `keeps` keeps,
    both decided on the other sites only."""
    held_out: list[Counts] = [(0.0, 0.0, 0.0)] * len(bench.gold)
    choices: dict[str, list[str]] = {}
    for site, pages in sites.items():
        others = [held for other, held in sites.items() if other != site]
        name = choose(bench, others, [i for held in others for i in held])
        full = bench.counts(OPTIONS[name], FURNITURE)
        kept = frozenset(
            r
            for r in FURNITURE
            if keeps(bench.moved(full, bench.counts(OPTIONS[name], FURNITURE - {r}), others))
        )
        choices[site] = [name, *sorted(FURNITURE - kept)]
        chosen = bench.counts(OPTIONS[name], kept)
        for i in pages:
            held_out[i] = chosen[i]
    return held_out, choices


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
        "\ntrafilatura options, no rule of ours / with all rules, and sites where they beat trafilatura's defaults:"
    )
    report["options"] = {}
    defaults = bench.counts(DEFAULTS, FURNITURE)
    for name, extractor in OPTIONS.items():
        counts = bench.counts(extractor, FURNITURE)
        bare, full = bench.f1(bench.counts(extractor, frozenset())), bench.f1(counts)
        helps, hurts = bench.moved(counts, defaults, list(sites.values()))
        report["options"][name] = {
            "bare": round(bare, 4), "all_rules": round(full, 4), "sites_helped": helps, "sites_hurt": hurts
        }  # fmt: skip
        print(f"  {name:20} {bare:.4f} / {full:.4f}  against defaults: helps {helps:2}  hurts {hurts:2}")

    base = Extractor()
    everything = bench.counts(base, FURNITURE)
    print(
        f"\nrules on the shipped options (all rules: F1 {bench.f1(everything):.4f}); per rule: F1 without it,"
        " F1 with it alone, sites it helps / hurts (site F1 with it vs without it)"
    )
    report["rules"] = {}
    for rule in sorted(FURNITURE):
        without = bench.counts(base, FURNITURE - {rule})
        alone = bench.counts(base, frozenset({rule}))
        helps, hurts = bench.moved(everything, without, list(sites.values()))
        report["rules"][rule] = {
            "without": round(bench.f1(without), 4), "alone": round(bench.f1(alone), 4), "sites_helped": helps,
            "sites_hurt": hurts,
        }  # fmt: skip
        print(
            f"  {rule:11} without {bench.f1(without):.4f}  alone {bench.f1(alone):.4f}  helps {helps:2}  hurts {hurts:2}"
        )

    shipped = bench.counts(base, None)  # clean()'s own defaults
    report["shipped_rules_dropped"] = sorted(FURNITURE - PAGE_RULES)
    report["leave_one_site_out"] = {"shipped (dev)": round(bench.f1(shipped), 4)}
    print(
        f"\nleave one site out: options and rules chosen without the site, scored on it (shipped, dev: {bench.f1(shipped):.4f})"
    )
    for procedure, choose in PROCEDURES.items():
        held_out, chosen = leave_one_site_out(bench, sites, choose)
        report["leave_one_site_out"][procedure] = {"f1": round(bench.f1(held_out), 4), "choices": chosen}
        print(
            f"  {procedure}: F1 {bench.f1(held_out):.4f}; choices (options, rules dropped) and held-out sites:"
        )
        choices: dict[str, list[str]] = defaultdict(list)
        for site, choice in chosen.items():
            choices[", ".join(choice)].append(site)
        for choice, held in sorted(choices.items(), key=lambda kv: -len(kv[1])):
            print(f"    {len(held):3}  {choice}" + (f"  ({', '.join(held)})" if len(held) < 5 else ""))
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
