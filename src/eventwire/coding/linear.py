"""The learned models' runtime: linear classifiers over named features, read from the package's data.

Training (`training/build_verifier.py`, with scikit-learn) writes each model's classes, feature names and
weights into `data/verifier.npz`; coding needs only NumPy to score, so nothing heavy is loaded per process and
a model file is plain arrays, not pickled code.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import numpy as np

MODEL_FILE = "verifier.npz"
REBUILD = "rebuild it with `python training/build_verifier.py` (see training/README.md)"
FITTED_ON = "fitted_on.sha256"  # the digest of the training files and lexicon a model file was built from


class ModelError(RuntimeError):
    """The shipped model file is missing or unreadable."""


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic model: P(class | features) = softmax(x @ weights + bias)."""

    classes: tuple[str, ...]
    index: dict[str, int]  # feature name -> row of `weights`
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = self.bias.astype(np.float64).copy()
        for name, value in features.items():
            row = self.index.get(name)
            if row is not None:
                scores += value * self.weights[row]
        if len(self.classes) == 1:
            return {self.classes[0]: 1.0}
        if scores.shape[0] == 1:  # a binary model stores one column: the score of its second class
            p = 1.0 / (1.0 + np.exp(-scores[0]))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        scores -= scores.max()
        exp = np.exp(scores)
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))

    def arrays(self, name: str) -> dict[str, np.ndarray]:
        """The model as named arrays, for `np.savez`."""
        features = sorted(self.index, key=self.index.get)
        return {
            f"{name}.classes": np.array(self.classes),
            f"{name}.features": np.array(features),
            f"{name}.weights": self.weights.astype(np.float16),  # ample precision for a linear score
            f"{name}.bias": self.bias.astype(np.float32),
        }


def _model(arrays: dict[str, np.ndarray], name: str) -> LinearModel:
    features = arrays[f"{name}.features"].tolist()
    return LinearModel(
        classes=tuple(arrays[f"{name}.classes"].tolist()),
        index={f: i for i, f in enumerate(features)},
        weights=arrays[f"{name}.weights"].astype(np.float32),
        bias=arrays[f"{name}.bias"],
    )


def read(source: Path | BinaryIO, name: str | None = None) -> dict[str, LinearModel]:
    """Every model of a model file by name; a ModelError that says how to rebuild it when it is unreadable."""
    name = name or str(source)
    try:
        arrays = dict(np.load(source, allow_pickle=False))
        names = sorted(key.split(".", 1)[0] for key in arrays if key.endswith(".classes"))
        return {model: _model(arrays, model) for model in names}
    except FileNotFoundError as exc:
        raise ModelError(f"the event model {name} is missing: {REBUILD}") from exc
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise ModelError(f"the event model {name} is unreadable ({exc}): {REBUILD}") from exc


@lru_cache(maxsize=1)
def load() -> dict[str, LinearModel]:
    """The models shipped in the package (read once per process)."""
    name = f"data/{MODEL_FILE}"
    try:
        with resources.files("eventwire.data").joinpath(MODEL_FILE).open("rb") as handle:
            return read(handle, name)
    except FileNotFoundError as exc:
        raise ModelError(f"the event model {name} is missing: {REBUILD}") from exc


def training_sources(training: Path) -> list[Path]:
    """The files a rebuild reads: the project's training data and the event lexicon whose candidates it labels."""
    lexicon = Path(str(resources.files("eventwire.data").joinpath("event_lexicon.tsv")))
    return [training / "relevance.jsonl", *sorted((training / "events").glob("*.jsonl")), lexicon]


def digest(paths: list[Path]) -> str:
    """SHA-256 over the files' names and bytes, stored in the model file so that a test sees a stale model."""
    hashed = hashlib.sha256()
    for path in paths:
        hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()
