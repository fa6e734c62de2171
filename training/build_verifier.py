"""Rebuilds `src/eventwire/data/verifier.npz`, the learned layer of the event coder, from the project's own data.

    pip install -e '.[train]'
    python training/build_verifier.py [--report FILE.json]

Reads only `training/relevance.jsonl` and `training/events/*.jsonl` (sentences the project wrote; see
training/README.md). Each event text runs through eventwire's own stages up to the quotes and the lexicon's
candidates; a candidate whose trigger is a labelled event's trigger takes that event's type, mode and ACLED
sub-type, every other candidate is "no event". Three linear models are fitted with scikit-learn and written
as plain arrays: "relevance" (is the story political), "type" (NONE or a PLOVER type) and "acled".
Deterministic: the same data gives the same file. Prints 5-fold cross-validated figures of the type model on
the training data itself (the dev sets in ../shared/eval measure it for real).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from eventwire import nlp
from eventwire.coding import events as event_coding
from eventwire.coding.features import Candidate, features
from eventwire.coding.linear import FITTED_ON, MODEL_FILE, LinearModel, digest, training_sources
from eventwire.coding.relevance import relevance, words
from eventwire.coding.verifier import NO_CODE, NOT_AN_EVENT
from eventwire.model import Article, Source
from eventwire.pipeline import enrich

HERE = Path(__file__).parent
OUT = HERE.parent / "src" / "eventwire" / "data" / MODEL_FILE
RELEVANT_DOMAINS = frozenset("conflict politics diplomacy protest crime justice elections".split())
MIN_COUNT = 2  # a feature seen once says more about one sentence than about news
SEED = 20261204


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def fit(rows: list[dict[str, float]], labels: list[str], c: float) -> LinearModel:
    """A logistic model over the features seen at least MIN_COUNT times."""
    counts = Counter(name for row in rows for name in row)
    kept = [{k: v for k, v in row.items() if counts[k] >= MIN_COUNT} for row in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(x, labels)
    weights = model.coef_.T
    bias = model.intercept_
    names = vectorizer.get_feature_names_out().tolist()
    return LinearModel(tuple(model.classes_.tolist()), {n: i for i, n in enumerate(names)}, weights, bias)


def cross_validated(rows: list[dict[str, float]], labels: list[str], c: float) -> np.ndarray:
    """Out-of-fold probabilities (columns: sorted classes), to report and to check calibration."""
    x = DictVectorizer().fit_transform(rows)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    return cross_val_predict(model, x, labels, cv=folds, method="predict_proba")


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where `phrase` stands as words of `text` ("will" is not in "goodwill")."""
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]


def label_of(candidate: Candidate, item: dict) -> dict | None:
    """The labelled event the candidate stands for, or None (not an event).

    A candidate on a labelled trigger is that event. One on another word of a text that has an event of the
    candidate's own type is another mention of that happening ("threw a grenade ..., killing two": the writer
    labels one trigger, "killing" tells the same attack), which the coder merges, not a non-event.
    """
    start, end = candidate.event.trigger.start, candidate.event.trigger.end
    matches = [
        event
        for event in item.get("events", [])
        if any(s < end and start < e for s, e in _occurrences(item["text"], event["trigger"]))
    ]
    same = [e for e in matches if e["event"] == candidate.event.event]
    mention = [e for e in item.get("events", []) if e["event"] == candidate.event.event]
    return (same or matches or mention or [None])[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", help="write the cross-validated figures here (JSON)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    model = nlp.load()

    paragraphs = read(HERE / "relevance.jsonl")
    items = [item for path in sorted((HERE / "events").glob("*.jsonl")) for item in read(path)]
    texts = [p["text"] for p in paragraphs] + [i["text"] for i in items]
    print(f"parsing {len(texts)} texts", file=sys.stderr)
    docs = list(model.pipe(texts, batch_size=64))

    rel_rows = [words(doc) for doc in docs]
    rel_labels = ["relevant" if p["relevant"] else "other" for p in paragraphs]
    rel_labels += ["relevant" if i["domain"] in RELEVANT_DOMAINS else "other" for i in items]
    relevance_model = fit(rel_rows, rel_labels, c=1.0)

    rows: list[dict[str, float]] = []
    kinds: list[str] = []
    subs: list[str] = []
    for n, (item, doc) in enumerate(zip(items, docs[len(paragraphs) :], strict=True)):
        article = Article(id=f"train-{n}", source=Source(None, n), title=None, text=item["text"])
        enrich(article, doc, upto="quotes")
        for candidate in event_coding.candidates(doc, article, relevance(doc, relevance_model)):
            seen = features(doc, candidate)
            if not seen:
                continue
            gold = label_of(candidate, item)
            rows.append(seen)
            kinds.append(gold["event"] if gold else NOT_AN_EVENT)
            subs.append((gold.get("acled") or NO_CODE) if gold else NO_CODE)
    print(f"{len(rows)} candidates: {Counter(kinds).most_common()}", file=sys.stderr)

    type_model = fit(rows, kinds, c=1.0)
    events_only = [i for i, kind in enumerate(kinds) if kind != NOT_AN_EVENT]
    acled_rows = [{**rows[i], f"verified={kinds[i]}": 1.0} for i in events_only]
    acled_model = fit(acled_rows, [subs[i] for i in events_only], c=1.0)

    arrays = {FITTED_ON: np.array(digest(training_sources(HERE)))}
    for name, fitted in (
        ("relevance", relevance_model),
        ("type", type_model),
        ("acled", acled_model),
    ):
        arrays.update(fitted.arrays(name))
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out}", file=sys.stderr)

    report = _report(rows, kinds)
    print(json.dumps(report, indent=2))
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def _report(rows: list[dict[str, float]], kinds: list[str]) -> dict:
    """Cross-validated accuracy, keep precision/recall and a reliability table of the type model."""
    probabilities = cross_validated(rows, kinds, c=1.0)
    classes = sorted(set(kinds))
    best = probabilities.argmax(axis=1)
    predicted = [classes[i] for i in best]
    confidence = probabilities.max(axis=1)
    kept = [p != NOT_AN_EVENT for p in predicted]
    events = [k != NOT_AN_EVENT for k in kinds]
    right = [p == k for p, k in zip(predicted, kinds, strict=True)]
    tp = sum(1 for k, r, e in zip(kept, right, events, strict=True) if k and r and e)
    table = []
    for low in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        band = [r for k, r, c in zip(kept, right, confidence, strict=True) if k and low <= c < low + 0.1 + (low == 0.0) * 0.4]
        table.append({"confidence": f">={low}", "events": len(band), "right": round(sum(band) / max(1, len(band)), 3)})
    return {
        "candidates": len(kinds),
        "accuracy": round(sum(right) / len(right), 4),
        "event_precision": round(tp / max(1, sum(kept)), 4),
        "event_recall": round(tp / max(1, sum(events)), 4),
        "reliability": table,
    }


if __name__ == "__main__":
    sys.exit(main())
