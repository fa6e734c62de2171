"""The real-news audit: what `eventwire run` emits on 46 corpus articles against the project's own gold events.

    python quality/audit.py [--pred OUT.jsonl] [--json M.json] [--min-confidence X]

Runs `eventwire run` on the audited articles of `../shared/corpus/news.jsonl` (or reads `--pred`) and compares
the events a user sees by default (factual, not background, at or above the confidence threshold) with the gold
events of `quality/audit/gold-*.jsonl`, annotated by `docs/event-guidelines.md`.

- A predicted event matches a gold event when its trigger overlaps one of the gold event's mention triggers, or
  it has the gold type and lies in the phrase of one of its mentions. Each gold event takes the best match
  (the right type first); a second predicted event on an already matched happening is a duplicate.
- `precision`: predicted events that match a gold event (any type, factual or not) / predicted events.
- `type_precision`: matches with the gold type / predicted events (duplicates count as wrong).
- `full_precision`: matches with the right type, actor and recipient / predicted events.
- `recall`: factual, non-background gold events matched with their type / those gold events.
- Actors and recipients are right when the gold codes equal the predicted codes (the gold participant's name
  when it has no code), and both are empty or both are not.
Last line: `audit: precision=.. type_precision=.. full_precision=.. recall=..`.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from audit_gold import CORPUS, GoldArticle, GoldEvent, load

HERE = Path(__file__).parent


def run(articles: list[GoldArticle], folder: Path, *options: str) -> Path:
    """Records of `eventwire run` (with `options`) on the audited articles."""
    texts = {a.id for a in articles}
    lines = [line for line in CORPUS.read_text("utf-8").splitlines() if json.loads(line)["id"] in texts]
    source, out = folder / "audit.jsonl", folder / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = os.environ.get("EVENTWIRE_CMD", "eventwire run {input} --out {output} --quiet")
    subprocess.run([*shlex.split(command.format(input=source, output=out)), *options], check=True)
    return out


def read_records(path: Path) -> dict[str, dict]:
    """Article records written by `eventwire run --out`, by id."""
    return {r["id"]: r for r in map(json.loads, path.read_text("utf-8").splitlines())}


def shown(event: dict, min_confidence: float) -> bool:
    """What a user sees by default: factual, not background, confident enough."""
    return (
        not event["negated"]
        and not event["hypothetical"]
        and not event.get("background", False)
        and event["confidence"] >= min_confidence
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matches(pred: dict, gold: GoldEvent) -> bool:
    trigger = (pred["trigger"]["start"], pred["trigger"]["end"])
    for m in gold.mentions:
        if _overlaps(trigger, (m.start, m.end)):
            return True
        if pred["event"] == gold.event and _overlaps(trigger, (m.sentence_start, m.sentence_end)):
            return True
    return False


def _words(text: str | None) -> set[str]:
    return {w.strip(".,'’\"").lower() for w in (text or "").split()} - {"the", "a", "an", "of", ""}


def participants_right(pred: list[dict], gold: list[dict]) -> bool:
    if not pred or not gold:
        return not pred and not gold
    if all(g.get("code") for g in gold):
        return {p.get("code") for p in pred} == {g["code"] for g in gold}
    return all(any(_words(g["text"]) & (_words(p.get("name")) | _words(p["text"])) for p in pred) for g in gold)


def score(gold: list[GoldArticle], records: dict[str, dict], min_confidence: float) -> dict:
    counts: Counter[str] = Counter()
    confusions: Counter[str] = Counter()
    for article in gold:
        record = records.get(article.id, {"events": []})
        predicted = [e for e in record["events"] if shown(e, min_confidence)]
        taken: dict[int, dict] = {}
        for pred in predicted:
            counts["predicted"] += 1
            candidates = [i for i, g in enumerate(article.events) if matches(pred, g)]
            if not candidates:
                counts["unmatched"] += 1
                confusions[f"{pred['event']} -> none"] += 1
                continue
            counts["matched"] += 1
            best = max(candidates, key=lambda i: article.events[i].event == pred["event"])
            if best in taken:
                counts["duplicate"] += 1
                continue
            taken[best] = pred
            g = article.events[best]
            if g.event != pred["event"]:
                confusions[f"{pred['event']} -> {g.event}"] += 1
                continue
            counts["type_right"] += 1
            if participants_right(pred["actor"], g.actor) and participants_right(pred["recipient"], g.recipient):
                counts["full_right"] += 1
        for i, g in enumerate(article.events):
            if g.factual and not g.background:
                counts["gold"] += 1
                if i in taken and taken[i]["event"] == g.event:
                    counts["found"] += 1
    n = counts["predicted"] or 1
    return {
        "articles": len(gold),
        "gold_events": counts["gold"],
        "predicted_events": counts["predicted"],
        "precision": round(counts["matched"] / n, 4),
        "type_precision": round(counts["type_right"] / n, 4),
        "full_precision": round(counts["full_right"] / n, 4),
        "recall": round(counts["found"] / (counts["gold"] or 1), 4),
        "duplicates": counts["duplicate"],
        "not_events": counts["unmatched"],
        "confusions": dict(confusions.most_common(15)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pred", help="records already written by eventwire run --out")
    parser.add_argument("--json", help="write the metrics here")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    args = parser.parse_args()
    gold, problems = load()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.pred) if args.pred else run(gold, Path(folder))
        coded = read_records(path)
    metrics = score(gold, coded, args.min_confidence)
    print(json.dumps(metrics, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    print(
        "audit: "
        + " ".join(f"{k}={metrics[k]}" for k in ("precision", "type_precision", "full_precision", "recall"))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
