"""The closed-class English the rules share: prepositions of place, compass words, pronouns, numbers.

One home, like spaCy's `lang/en`: the place, actor, time, quote and event rules all read these sets, so "in"
means the same to the geoparser as to the event locator. Open-class knowledge (speech verbs, trigger lemmas,
role nouns) lives in the data files under `data/`.
"""

from __future__ import annotations

import re

from text_to_num import text2num

# Prepositions that put something at a place: "in Aleppo", "near Jenin", "along the border".
LOCATIVE = frozenset(
    "in at near outside inside around across throughout within on into over along off between".split()
)
# Prepositions of motion: the place is a source or a goal ("from Kyiv", "to Palmyra", "via Rafah").
DIRECTIONAL = frozenset("from to toward towards through via".split())
COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())

# Personal pronouns, and what each third-person one may stand for (the antecedent's kind).
THIRD_PERSON: dict[str, tuple[str, ...]] = {
    "he": ("person",),
    "him": ("person",),
    "his": ("person",),
    "she": ("person",),
    "her": ("person",),
    "it": ("org", "state", "thing"),
    "its": ("org", "state", "thing"),
    "they": ("group", "org"),
    "them": ("group", "org"),
    "their": ("group", "org"),
}
PRONOUNS = frozenset({*THIRD_PERSON, "i", "me", "my", "we", "us", "our", "you", "your", "who"})
# The pronouns that name a person or people who act ("he attacked", "his attacks"), not a thing ("it"), the
# reader ("you") or a question ("who").
PEOPLE_PRONOUNS = PRONOUNS - {"it", "its", "you", "your", "who"}
# First-person singular pronouns: inside a direct quote they are its speaker ("we" is as often a campaign,
# a country or people in general, and coding it as the speaker let more wrong events through on real news).
FIRST_PERSON = frozenset({"i", "me", "my", "myself"})
# Verbs that make their object do what follows, which then happened: "forced the police to open fire".
FORCING = frozenset({"force", "compel", "oblige"})
# Honorifics before a person's name ("Mr. Leno", "Ms Ardern"), written with or without a full stop.
HONORIFICS = frozenset("mr mrs ms miss mx dr".split())

_FIXED = {"a": 1, "an": 1, "dozen": 12, "a dozen": 12, "a hundred": 100, "half a": 0.5, "a half": 0.5}
_FIXED |= {"a couple of": 2, "couple of": 2, "a couple": 2}  # as TimeML and casualty counts read it
_MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "dozen": 12,
}
_VAGUE = re.compile(r"(?:hundreds|thousands|millions|billions|dozens|tens)\b")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


def parse_number(words: str) -> int | float | None:
    """The number a phrase writes: "12", "1,200", "2.5", "1 1/2", "twenty-five", "one hundred and two",
    "5 million", "a dozen"; None for vague amounts ("several", "hundreds") and for anything else.

    Number words go to text2num (a maintained parser of written numbers); digits, fractions and the
    news forms it does not read ("a dozen", "2.5 million") are handled here.
    """
    text = " ".join(words.lower().replace("-", " ").split())
    if not text or _VAGUE.match(text):
        return None
    if text in _FIXED:
        return _FIXED[text]
    if m := re.fullmatch(r"(\d+) 1/2", text):
        return int(m[1]) + 0.5
    head, _, rest = text.partition(" ")
    if _DIGITS.fullmatch(head):
        value = float(head.replace(",", ""))
        for word in rest.split():
            if word not in _MULTIPLIERS:
                return None
            value *= _MULTIPLIERS[word]
        return int(value) if value == int(value) else value
    try:
        return text2num(text.removeprefix("a ").removeprefix("an "), "en")
    except ValueError:
        return None
