"""Checks the project's training sentences: every labelled word occurs in its text and every code is valid.

Run `python training/check.py` (all files) or `python training/check.py FILE...`; prints one line per problem
and exits non-zero when there is any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwire.codes import coding_problems

DOMAINS = frozenset(
    "conflict politics diplomacy protest crime justice elections economy business markets sports entertainment "
    "culture lifestyle science health weather disaster obituary history opinion".split()
)
EVENT_KEYS = frozenset({"trigger", "event", "mode", "acled", "actor", "recipient", "hypothetical", "negated"})


def problems(item: dict) -> list[str]:
    """What is wrong with one labelled item (empty when it is fine)."""
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["no text"]
    found = []
    if item.get("domain") not in DOMAINS:
        found.append(f"unknown domain {item.get('domain')!r}")
    for event in item.get("events", []):
        if set(event) - EVENT_KEYS:
            found.append(f"unknown keys {sorted(set(event) - EVENT_KEYS)}")
        found += coding_problems(event.get("event"), event.get("mode"), event.get("acled"))
        for key in ("trigger", "actor", "recipient"):
            value = event.get(key)
            if key == "trigger" and not value:
                found.append("event without trigger")
            elif value is not None and value not in text:
                found.append(f"{key} {value!r} not in text")
    for word in item.get("not_events", []):
        if word not in text:
            found.append(f"not_events word {word!r} not in text")
    return found


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted(Path(__file__).parent.glob("events/*.jsonl"))
    bad = total = 0
    for path in files:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            total += 1
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{number}: not JSON ({exc})")
                bad += 1
                continue
            for problem in problems(item):
                print(f"{path}:{number}: {problem}")
                bad += 1
    print(f"{total} items, {bad} problems", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
