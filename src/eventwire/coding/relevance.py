"""Is the article about politics at all? The relevance step POLECAT runs before coding, learned.

A linear model over the article's words (`data/verifier.npz`, model "relevance", fitted on the project's own
labelled paragraphs and sentences) says how political the story reads: politics, government, conflict,
protest, crime and justice read high; sports, markets, entertainment, lifestyle and obituaries low. The verifier
takes it as evidence: in a sports story an event needs a political actor acting in it to survive.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.coding.linear import LinearModel

# The lead of a story says what it is about; reading further costs time and adds little.
LEAD_TOKENS = 600
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ"})


def words(doc: Doc) -> dict[str, float]:
    """The features the relevance model reads: the lemmas of the lead's content words."""
    return {f"w={t.lemma_.lower()}": 1.0 for t in doc[:LEAD_TOKENS] if t.pos_ in CONTENT_POS and t.is_alpha}


def relevance(doc: Doc, model: LinearModel) -> float:
    """P(the story is political), 0-1."""
    return model.probabilities(words(doc)).get("relevant", 0.0)
