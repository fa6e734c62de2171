"""What a confidence means: the share of events that are right, by confidence band, on the dev sets and the audit.

    python quality/reliability.py

Runs `eventwire run --min-confidence 0` on the PLOVER, CAMEO-5 and ACLED dev sets of `../shared/eval` and on the
audited articles, and bins events by confidence. Sentence sets: the event each scorer chooses for a sentence
(its own `pick_event`), right when its PLOVER type (plover), CAMEO class (cameo5) or ACLED sub-type (acled) is
the gold one. Audit: every event a user would see at that confidence (factual, not background), right when it
matches a gold event of its type (`audit.py`'s matching). This is the table in docs/events.md; the issue's bar
is "events at 0.7 or more are right at least 85 % of the time".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
EVAL = HERE.parent.parent / "shared" / "eval"
sys.path[:0] = [str(EVAL), str(HERE)]

from audit import matches, read_records, run, shown  # noqa: E402
from audit_gold import load  # noqa: E402
from events_common import acled_sub, events_of, pick_event  # noqa: E402
from score_cameo5 import penta  # noqa: E402

BANDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def coded(docs: Path, folder: Path) -> dict[str, dict]:
    """Records of `eventwire run` at --min-confidence 0, by id."""
    out = folder / f"{docs.parent.name}.jsonl"
    command = ["eventwire", "run", str(docs), "--out", str(out), "--min-confidence", "0", "--quiet"]
    subprocess.run(command, check=True)
    return read_records(out)


def sentence_set(name: str, folder: Path) -> list[tuple[float, bool]]:
    """(confidence, right) of the chosen event of each sentence of one dev set."""
    records = coded(EVAL / name / "docs.jsonl", folder)
    scored = []
    for gold in map(json.loads, (EVAL / name / "gold.jsonl").read_text("utf-8").splitlines()):
        event = pick_event(events_of(records.get(str(gold["id"]))))
        if event is None:
            continue
        if name == "plover":
            right = event["event"] == gold["event"]
        elif name == "cameo5":
            right = penta(event) == gold["label"]
        else:
            right = acled_sub((event.get("acled") or {}).get("sub_event_type")) == gold["sub_event_type"]
        scored.append((event["confidence"], right))
    return scored


def audit(folder: Path) -> list[tuple[float, bool]]:
    """(confidence, right) of every event a user sees on the audited articles."""
    articles, problems = load()
    if problems:
        raise SystemExit("\n".join(problems))
    coded_articles = read_records(run(articles, folder, "--min-confidence", "0"))
    scored = []
    for article in articles:
        for event in coded_articles.get(article.id, {"events": []})["events"]:
            if shown(event, 0.0):
                right = any(g.event == event["event"] and matches(event, g) for g in article.events)
                scored.append((event["confidence"], right))
    return scored


def band(scored: list[tuple[float, bool]], low: float, high: float) -> str:
    inside = [right for confidence, right in scored if low <= confidence < high]
    return f"{sum(inside) / len(inside):.2f} ({len(inside)})" if inside else "- (0)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        columns = {s: sentence_set(s, folder) for s in ("plover", "cameo5", "acled")}
        columns["audit"] = audit(folder)
    print("| confidence | plover (type) | cameo5 (class) | acled (sub-type) | audit (real news) |")
    print("|---|---|---|---|---|")
    for low in BANDS:
        high = round(low + 0.1, 1) if low < 0.9 else 1.01
        label = f"{low}-{min(high, 1.0)}"
        print(f"| {label} | " + " | ".join(band(c, low, high) for c in columns.values()) + " |")
    print("| ≥ 0.7 | " + " | ".join(band(c, 0.7, 1.01) for c in columns.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
