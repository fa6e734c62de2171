"""The language of an article, so that English rules never code another language.

py3langid (langid.py's maintained fork; its model ships inside the package, about 1 ms an article)
chooses among the languages news arrives in. A language other than English is recorded only when
the model is sure of it (`MIN_CONFIDENCE`): short English headlines sometimes score as Hausa or
Pidgin, and an English article must never be dropped; an unsure call leaves `language` null and the
article is coded as English. Of the 4,800 English documents of the evaluation sets none is taken
for another language (`docs/` and the README say how it was measured).
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

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
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


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
