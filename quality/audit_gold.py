"""The real-news audit's gold events: loading them with character offsets, and checking the files.

Annotators write `quality/audit/gold-*.jsonl` by `docs/event-guidelines.md`, one article per line, naming each
mention by an exact `context` (a phrase of the article, unique in it, that contains the trigger) and the
`trigger` inside it; this module turns those into offsets into the article's text in
`../shared/corpus/news.jsonl`. Run `python quality/audit_gold.py` to check every file.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.codes import PLOVER_MODES, SECTORS, coding_problems

HERE = Path(__file__).parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "news.jsonl"


@dataclass
class Mention:
    start: int  # the trigger's offsets in the article text
    end: int
    sentence_start: int  # the context's offsets
    sentence_end: int


@dataclass
class GoldEvent:
    event: str
    mode: str | None
    mentions: list[Mention]
    actor: list[dict]
    recipient: list[dict]
    place: str | None
    date: str | None
    hypothetical: bool
    negated: bool
    background: bool

    @property
    def factual(self) -> bool:
        return not (self.hypothetical or self.negated)


@dataclass
class GoldArticle:
    id: str
    domain: str
    events: list[GoldEvent] = field(default_factory=list)


def corpus(path: Path = CORPUS) -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, path.read_text("utf-8").splitlines())}


def _participants(items, where: str, errors: list[str]) -> list[dict]:
    out = []
    for item in items or []:
        if not isinstance(item, dict) or not item.get("text"):
            errors.append(f"{where}: participant without text: {item!r}")
            continue
        code, sector = item.get("code"), item.get("sector")
        if code is not None and not (len(code) == 3 and code.isupper()):
            errors.append(f"{where}: bad code {code!r}")
        if sector is not None and sector not in SECTORS:
            errors.append(f"{where}: unknown sector {sector!r}")
        out.append(item)
    return out


def parse(line: dict, text: str, errors: list[str]) -> GoldArticle:
    """One annotated article with offsets; problems are appended to `errors`."""
    article = GoldArticle(line["id"], line.get("domain", ""))
    for n, raw in enumerate(line.get("events", []), 1):
        where = f"{line['id']} event {n}"
        kind = raw.get("event")
        problems = coding_problems(kind, raw.get("mode"))
        errors.extend(f"{where}: {problem}" for problem in problems)
        if kind not in PLOVER_MODES:
            continue
        mentions = []
        for m in raw.get("mentions", []):
            context, trigger = m.get("context", ""), m.get("trigger", "")
            at = text.find(context) if context else -1
            if at < 0:
                errors.append(f"{where}: context not in the text: {context!r}")
                continue
            if text.find(context, at + 1) >= 0:
                errors.append(f"{where}: context occurs twice, make it longer: {context!r}")
            inner = context.find(trigger) if trigger else -1
            if inner < 0:
                errors.append(f"{where}: trigger {trigger!r} not in its context")
                continue
            mentions.append(Mention(at + inner, at + inner + len(trigger), at, at + len(context)))
        if not mentions:
            errors.append(f"{where}: no mention")
            continue
        article.events.append(
            GoldEvent(
                event=kind,
                mode=raw.get("mode"),
                mentions=mentions,
                actor=_participants(raw.get("actor"), where, errors),
                recipient=_participants(raw.get("recipient"), where, errors),
                place=raw.get("place"),
                date=raw.get("date"),
                hypothetical=bool(raw.get("hypothetical")),
                negated=bool(raw.get("negated")),
                background=bool(raw.get("background")),
            )
        )
    return article


def load(folder: Path = HERE / "audit", corpus_path: Path = CORPUS) -> tuple[list[GoldArticle], list[str]]:
    """Every annotated article of the audit, and the problems found while reading them."""
    texts = corpus(corpus_path)
    articles, errors = [], []
    seen: set[str] = set()
    for path in sorted(folder.glob("gold-*.jsonl")):
        for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except json.JSONDecodeError as exc:
                errors.append(f"{path.name}:{number}: not JSON ({exc})")
                continue
            if line.get("id") not in texts:
                errors.append(f"{path.name}:{number}: unknown article {line.get('id')!r}")
                continue
            if line["id"] in seen:
                errors.append(f"{path.name}:{number}: article {line['id']} annotated twice")
            seen.add(line["id"])
            articles.append(parse(line, texts[line["id"]]["text"], errors))
    return articles, errors


if __name__ == "__main__":
    gold, problems = load()
    for problem in problems:
        print(problem)
    events = sum(len(a.events) for a in gold)
    print(f"{len(gold)} articles, {events} events, {len(problems)} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)
