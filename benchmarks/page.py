"""Benchmark: the web page on a database of 100,000 events, in a real headless Chromium.

    .venv/bin/python benchmarks/page.py [--db sqlite:///build/bench-events.db] [--rounds 3]

Starts `eventwire serve` on a loopback port (it counts the opening view as it starts), opens the
page and measures, inside the page, from the navigation (or the click) until each part is drawn:
the table, the summary with map and timeline (/api/stats), the facets and the network.

- first paint: navigation start until the table and the summary are drawn (goal < 0.5 s), and
  until every panel is drawn;
- filter changes: a facet click (event type, then a second type, a country), an actor typed in,
  showing the hidden hypothetical events, a date range, back to the opening view;
  each from the click until every panel is redrawn (goal < 300 ms).

Fill the database first with benchmarks/api_events.py. Needs /usr/bin/chromium and the built page.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from served import serving  # noqa: E402  (the tests' way of starting `eventwire serve`)

PARTS = {
    "table": "#event-table",
    "stats": "#overview",
    "facets": "#facets",
    "network": "#network",
}
# Records, from the page's own clock, when each part last became ready.
WATCH = """
window.__ready = {};
new MutationObserver((changes) => {
  for (const change of changes) {
    const node = change.target;
    const state = node.dataset.state || node.dataset.stats;
    if (state === "ready") window.__ready[node.id] = performance.now();
  }
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-state", "data-stats"] });
"""
ALL_READY = """() => ["event-table", "overview", "facets", "network"].every((id) => {
  const node = document.getElementById(id);
  return (node.dataset.state || node.dataset.stats) === "ready";
})"""
# The page's own in-page navigation (state.js `navigate`) to the opening view.
GO_HOME = "history.pushState(null, '', '/'); window.dispatchEvent(new Event('eventwire:navigate'))"
# (name, JavaScript that changes the filter as a user would)
CHANGES = [
    ("type facet", "document.querySelector('#facets fieldset input').click()"),
    ("second type", "document.querySelectorAll('#facets fieldset')[0].querySelectorAll('input')[1].click()"),
    ("country facet", "document.querySelectorAll('#facets fieldset')[2].querySelector('input').click()"),
    ("back to all", GO_HOME),
    (
        "actor typed",
        "document.querySelector('#f-actor').value = 'india'; document.querySelector('#filters').requestSubmit()",
    ),
    ("show hidden", "document.querySelector('input[name=hypothetical]').click()"),
    (
        "date range",
        "document.querySelector('#f-actor').value = ''; document.querySelector('#f-from').value = '2023-03-01';"
        "document.querySelector('#f-to').value = '2023-03-31'; document.querySelector('#filters').requestSubmit()",
    ),
    ("back to all again", GO_HOME),
]


def first_paint(browser, base: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script(WATCH)
    page.goto(base + "/")
    page.wait_for_function(ALL_READY, timeout=60_000)
    ready = page.evaluate("window.__ready")
    page.close()
    times = {part: ready[selector.strip("#")] for part, selector in PARTS.items()}
    times["first paint"] = max(times["table"], times["stats"])
    times["everything"] = max(times.values())
    return times


def filter_changes(browser, base: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script(WATCH)
    page.goto(base + "/")
    page.wait_for_function(ALL_READY, timeout=60_000)
    found = {}
    for name, action in CHANGES:
        started = page.evaluate(f"() => {{ const t = performance.now(); {action}; return t; }}")
        page.wait_for_function(ALL_READY, timeout=60_000)
        found[name] = max(page.evaluate("window.__ready").values()) - started
    page.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:///build/bench-events.db")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paints: list[dict[str, float]] = []
    changes: dict[str, list[float]] = {name: [] for name, _ in CHANGES}
    with serving(args.db) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for _ in range(args.rounds):
            paints.append(first_paint(browser, base))
            for name, ms in filter_changes(browser, base).items():
                changes[name].append(ms)
        browser.close()
    print(f"page on {args.db}; {args.rounds} rounds; milliseconds from navigation or click: median (min-max)")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other work inflates these")
    for part in paints[0]:
        values = [p[part] for p in paints]
        print(f"  load {part:<12} {statistics.median(values):7.0f} ({min(values):.0f}-{max(values):.0f})")
    for name, values in changes.items():
        print(f"  change {name:<18} {statistics.median(values):7.0f} ({min(values):.0f}-{max(values):.0f})")
    every = [v for values in changes.values() for v in values]
    print(
        f"page: first_paint={statistics.median(p['first paint'] for p in paints):.0f}ms "
        f"everything={statistics.median(p['everything'] for p in paints):.0f}ms "
        f"filter_change_median={statistics.median(every):.0f}ms filter_change_max={max(every):.0f}ms"
    )


if __name__ == "__main__":
    main()
