"""The event trigger lexicon: a data file the project writes, loaded once into lookup tables.

Keeping the verb and noun knowledge in `data/event_lexicon.tsv` (not in code) lets analysts read and
extend it, and lets `docs/codebook.md` be generated from the very rows the coder uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CONDITION_KEYS = ("subj", "obj", "child", "prep", "clause", "opens")


@dataclass(frozen=True, slots=True)
class Rule:
    """One lexicon row: a trigger lemma (with optional conditions) and the codes it gives."""

    lemma: str
    pos: str  # "V", "N" or "CUE"
    requires: tuple[tuple[str, frozenset[str]], ...]
    event: str
    mode: str | None
    cameo: str
    acled: str | None
    weight: float
    line: int

    @property
    def name(self) -> str:
        """A readable id for explanations: `V:kill` or `N:strike[child=air|drone]`."""
        cond = ";".join(f"{k}={'|'.join(sorted(v))}" for k, v in self.requires)
        return f"{self.pos}:{self.lemma}" + (f"[{cond}]" if cond else "")


@dataclass(frozen=True, slots=True)
class Lexicon:
    classes: dict[str, frozenset[str]]
    triggers: dict[tuple[str, str], tuple[Rule, ...]]  # (lemma, pos) -> rules, most specific first
    cues: dict[str, tuple[Rule, ...]]  # lemma -> cue rules

    @property
    def rules(self) -> list[Rule]:
        """Every trigger and cue row in file order (for the codebook)."""
        rows = {r for rs in self.triggers.values() for r in rs} | {r for rs in self.cues.values() for r in rs}
        return sorted(rows, key=lambda r: r.line)


def _words(value: str, classes: dict[str, frozenset[str]], line: int) -> frozenset[str]:
    words: set[str] = set()
    for item in value.split("|"):
        if item.startswith("@"):
            if item[1:] not in classes:
                raise ValueError(f"event lexicon line {line}: unknown class {item}")
            words |= classes[item[1:]]
        else:
            words.add(item)
    return frozenset(words)


def parse(text: str) -> Lexicon:
    """Parse the TSV lexicon format (see the header of `event_lexicon.tsv`)."""
    classes: dict[str, frozenset[str]] = {}
    triggers: dict[tuple[str, str], list[Rule]] = {}
    cues: dict[str, list[Rule]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if raw.startswith("@"):
            classes[cols[0][1:]] = frozenset(cols[1].split())
            continue
        if len(cols) != 8:
            raise ValueError(f"event lexicon line {number}: expected 8 columns, got {len(cols)}")
        lemma, pos, requires, event, mode, cameo, acled, weight = cols
        conditions = []
        for cond in requires.split(";") if requires != "-" else []:
            key, _, value = cond.partition("=")
            if key not in CONDITION_KEYS:
                raise ValueError(f"event lexicon line {number}: unknown condition {key!r}")
            conditions.append((key, _words(value, classes, number)))
        rule = Rule(
            lemma=lemma,
            pos=pos,
            requires=tuple(conditions),
            event=event,
            mode=None if mode == "-" else mode,
            cameo=cameo,
            acled=None if acled == "-" else acled,
            weight=float(weight),
            line=number,
        )
        if pos == "CUE":
            cues.setdefault(lemma, []).append(rule)
        elif pos in ("V", "N"):
            triggers.setdefault((lemma, pos), []).append(rule)
        else:
            raise ValueError(f"event lexicon line {number}: unknown pos {pos!r}")
    ordered = {
        key: tuple(sorted(rules, key=lambda r: (-len(r.requires), -r.weight)))
        for key, rules in triggers.items()
    }
    return Lexicon(classes, ordered, {k: tuple(v) for k, v in cues.items()})


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon shipped in the package (cached: read once per process)."""
    text = resources.files("eventwire.data").joinpath("event_lexicon.tsv").read_text("utf-8")
    return parse(text)
