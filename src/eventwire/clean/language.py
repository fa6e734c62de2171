"""The language of an article, so that English rules never code another language.

py3langid (langid.py's maintained fork; its model ships inside the package, about 1 ms an article)
chooses among the languages news arrives in. A language other than English is recorded only when
the model is sure of it (`MIN_CONFIDENCE`): short English headlines sometimes score as Hausa or
Pidgin, and an English article must never be dropped; an unsure call leaves `language` null and the
article is coded as English. Of the 4,800 English documents of the evaluation sets none is taken
for another language (`docs/` and the README say how it was measured).
"""

from __future__ import annotations

import io
import lzma
from array import array
from functools import lru_cache

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from eventwire.model import Article

# The languages news in this project's scope comes in (ISO 639-1). A short list keeps rare
# languages with English-like spelling from winning on headlines.
LANGUAGES = (
    "en es fr ar pt de it ru zh tr fa ur hi bn id ms nl uk pl ro el he sw am so ja ko vi th sv"
).split()
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 2000  # the opening of an article says its language; more only costs time
CODED = {"en", None}  # the languages the rules and the spaCy model are written for


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """py3langid's model, unpacked in memory: its own loader unpacks the 68 MB model into a
    temporary file, and a full disk must fail the store with a clear message, not this."""
    with lzma.open(MODEL_DIR / MODEL_FILE) as packed, np.load(io.BytesIO(packed.read())) as model:
        identifier = LanguageIdentifier(
            model["ptc"],
            model["pc"],
            model["classes"].tolist(),
            _array(model["nextmove"]),
            model["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_array(model["nextmove_row"]),
        )
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _array(values: np.ndarray) -> array:
    """The stdlib array of unsigned integers py3langid's tokenizer walks."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def identify(title: str | None, text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when the model is unsure."""
    sample = f"{title or ''}\n{text[:SAMPLE_CHARS]}"
    language, confidence = _identifier().classify(sample)
    if language == "en" or confidence >= MIN_CONFIDENCE:
        return language
    return None


def is_coded(article: Article) -> bool:
    """Whether the English rules apply: the article is in English, or not surely in another language."""
    return article.language in CODED
