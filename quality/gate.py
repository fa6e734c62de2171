"""The quality gate: every scorer on every dev set and on the real-news audit, against pinned floors.

    python quality/gate.py                 # run all, fail (exit 1) when a figure is below its floor
    python quality/gate.py --only plover,geo
    python quality/gate.py --pin           # after an improvement: write today's figures as the new floors

Like trafilatura's own evaluation, a change that lowers any figure of any set is seen before it lands: a rule
that raises one set and lowers another only fits that set. The scorers and data sets are `../shared/eval`
(outside the repository; `make test` runs the gate when they are there); the audit is `quality/audit.py`.
Floors live in `quality/floors.json`, a little under the measured figures (PINNING_MARGIN) so that only a real
drop fails. Each run's figures are written to `quality/last-run.json` for the closing notes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
EVAL = HERE.parent.parent / "shared" / "eval"
FLOORS = HERE / "floors.json"
LAST = HERE / "last-run.json"
PINNING_MARGIN = 0.003

# Each set, the scorer's metrics that are pinned, and how it is run.
FIGURES: dict[str, tuple[str, ...]] = {
    "plover": ("event_acc", "event_macro_f1", "quad_acc", "actor_code_acc"),
    "cameo5": ("macro_f1", "accuracy"),
    "acled": ("sub_macro_f1", "sub_acc", "type_acc"),
    "police": ("kill_f1", "arrest_f1", "force_f1", "any_f1"),
    "eventloc": ("loc_acc", "trigger_recall"),
    "geo": ("recog_f1", "acc161", "e2e_acc161"),
    "time": ("relaxed_f1", "strict_f1", "value_f1"),
    "quotes": ("content_f1", "source_acc"),
    "extraction": ("f1", "precision", "recall"),
    "audit": ("precision", "type_precision", "full_precision", "recall"),
}


def measure(name: str, folder: Path) -> dict[str, float]:
    """The metrics JSON of one scorer run (the CLI on the set's documents)."""
    out = folder / f"{name}.json"
    if name == "audit":
        command = [sys.executable, str(HERE / "audit.py"), "--json", str(out)]
    else:
        command = [sys.executable, str(EVAL / f"score_{name}.py"), str(EVAL / name), "--json", str(out)]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"{name}: the scorer failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return json.loads(out.read_text("utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated sets (default: all)")
    parser.add_argument("--pin", action="store_true", help="write the measured figures as the new floors")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"gate: {EVAL} is not here; nothing to measure")
        return 0
    names = args.only.split(",") if args.only else list(FIGURES)
    floors = json.loads(FLOORS.read_text("utf-8")) if FLOORS.exists() else {}
    figures: dict[str, dict[str, float]] = {}
    failures: list[str] = []
    scratch = HERE / ".gate"
    scratch.mkdir(exist_ok=True)
    for name in names:
        started = time.monotonic()
        metrics = measure(name, scratch)
        figures[name] = {key: metrics[key] for key in FIGURES[name]}
        line = []
        for key, value in figures[name].items():
            floor = floors.get(name, {}).get(key)
            below = floor is not None and value < floor
            failures += [f"{name}.{key} = {value} is below its floor {floor}"] if below else []
            line.append(f"{key}={value}" + (f" (floor {floor})" if floor is not None else ""))
        print(f"{name}: {' '.join(line)}  [{time.monotonic() - started:.0f} s]", flush=True)
    LAST.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.pin:
        for name, values in figures.items():
            floors[name] = {k: round(max(0.0, v - PINNING_MARGIN), 4) for k, v in values.items()}
        FLOORS.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
        print(f"gate: floors pinned in {FLOORS}")
        return 0
    for failure in failures:
        print(f"gate: FAIL {failure}")
    print("gate: " + ("FAILED" if failures else "passed") + f" ({len(names)} sets)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
