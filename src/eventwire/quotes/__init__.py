"""Reported speech: what was said, by whom, through whom.

`marks` finds quoted passages, `attribution` finds cues (verbs of saying, "according to") with their
speakers and intermediaries, `content` the words an indirect cue governs, and `find` assembles the article's
quotes. `attribution_for` is the one answer to "who reported this?" for every later stage.
"""

from eventwire.quotes.attribution import attribution_for, is_cue
from eventwire.quotes.find import find_quotes

__all__ = ["attribution_for", "find_quotes", "is_cue"]
