"""The recogniser: which stretches of news text are time expressions, with TimeML extents.

Regular expressions over the raw text (compiled once) rather than spaCy entities, because the
extent conventions matter for scoring and for reuse: "the" and "last" belong to the expression,
a governing preposition ("on", "in", "for") does not, and "Sunday's" keeps only "Sunday". Each
rule has a `kind` that tells the normaliser (`timex_value`) how to read its named groups.
Overlapping candidates are settled longest-first, so "two years ago" beats "two years".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from eventwire.words import parse_number

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
    " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
ORDINALS = {word: n for n, word in enumerate(_ORDINAL_WORDS, 1)}
ORDINALS |= {f"twenty-{word}": 20 + n for n, word in enumerate(_ORDINAL_WORDS[:9], 1)}
ORDINALS |= {"thirtieth": 30, "thirty-first": 31, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Full month names in any case ("29 march 2018"); a lower-case one is kept only where a day, a year or a
# preposition of time anchors it (`_keep`: "may" and "march" are also verbs). Abbreviations are capitalised.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?-i:Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.?|Oct\.|Nov\.|Dec\.))"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_WORDS = "|".join(sorted((w for w in ORDINALS if not w[0].isdigit()), key=len, reverse=True))
DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{_DAY_WORDS})"  # "March 8", "March eighth"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
# A year as broadcast transcripts write it: "nineteen ninety-seven", "nineteen oh five", "eighteen sixty".
SPOKEN_YEAR = (
    rf"(?:(?:sixteen|seventeen|eighteen|nineteen)[-\s]+(?:{_TENS}(?:[-\s]{_UNITS_WORD})?|{_TEENS_WORD}"
    rf"|oh[-\s]{_UNITS_WORD}|hundred)|two\s+thousand(?:\s+and\s+{_UNITS_WORD}|\s+{_UNITS_WORD})?)"
)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
WITH_YEAR = rf"(?:{YEAR}|{SPOKEN_YEAR})"  # after a month or a season, where a number cannot be a count
NUM = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_TENS}(?:[-\s]{_UNITS_WORD})?|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|a\s+hundred|hundred|a\s+dozen|dozen|half\s+a|a|an"
    r"|several|a\s+few|few|a\s+couple\s+of|couple\s+of|many|some|a\s+number\s+of)"
)
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)s?"
UNIT_ONE = r"(?:day|week|weekend|month|year|decade|century)"
APPROX = r"(?:(?:about|almost|nearly|roughly|around|some|approximately|just|only|barely)\s+)"
BOUND = r"(?:(?:more|less|fewer)\s+than\s+|at\s+least\s+|up\s+to\s+|over\s+|under\s+)"
PART = r"(?:morning|afternoon|evening|night)"
EDGE = r"(?:(?:early|late|mid|earlier|later)[-\s]+|the\s+(?:end|beginning|start|middle)\s+of\s+)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
REL = r"(?:last|this|next|past|previous|coming|current|latest|following|prior)"


@dataclass(slots=True)
class Candidate:
    """One recognised expression: its extent, the rule that found it and that rule's groups."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


def _rule(kind: str, pattern: str, flags: int = re.IGNORECASE) -> tuple[str, re.Pattern[str]]:
    return kind, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)


RULES: list[tuple[str, re.Pattern[str]]] = [
    # Frequencies first: on equal extents ("$5 a year") they win over durations.
    _rule(
        "set",
        r"(?P<word>(?-i:daily|weekly|biweekly|monthly|quarterly|annually|yearly|hourly|nightly"
        r"|semiannually))",
    ),
    _rule(
        "set",
        rf"(?P<every>every|each)\s+(?P<mon>{MONTH})",
    ),
    _rule(
        "set",
        r"(?P<freq>once|twice|\w+\s+times)?\s*(?P<every>every|each|per|a)\s+(?P<other>other\s+)?"
        r"(?P<unit>day|week|month|year|hour|minute|quarter|night|morning|weekend|" + WEEKDAY + ")",
    ),
    # A day that names what happened on it: "the 9/11 attacks", "since 9/11", "the Sept. 11 attacks" are 2001,
    # whenever the article is ("the 9/11 families" are no date of what they do).
    _rule(
        "named",
        r"(?:(?<=[Aa]fter )|(?<=[Ss]ince )|(?<=[Bb]efore ))9/11(?![/\d])"
        r"|(?:9/11|Sept(?:ember|\.)?\s+11(?:th)?)(?=(?:,?\s+2001,?)?\s+(?:terror(?:ist)?\s+)?(?:attacks|hijack))",
        0,
    ),
    # Absolute calendar dates.
    _rule(
        "date",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:\s*[-–]\s*{DAY})?(?:,?\s+(?P<year>{WITH_YEAR}))?",
    ),
    _rule(
        "date",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s*[-–]\s*{DAY})?\s+(?P<of>of\s+)?(?P<mon>{MONTH})"
        rf"(?:,?\s+(?P<year>{WITH_YEAR}))?",
    ),
    _rule("iso", r"(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)"),
    _rule("iso", r"(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d)"),
    _rule(
        "month",
        rf"(?P<edge>{EDGE})?(?:(?P<rel>last|this|next)\s+)?(?P<mon>{MONTH})"
        rf"(?:(?:\s+of)?,?\s+(?P<year>{WITH_YEAR})|\s+(?P<yrel>this|last|next)\s+year)?",
    ),
    _rule(
        "year",
        rf"(?P<edge>{EDGE})?(?:the\s+(?=(?:year\s+)?\d{4}(?:\s+period)?\b))?(?:(?:the\s+)?year\s+)?(?:(?P<fiscal>fiscal)(?:\s+year)?\s+)?(?P<year>{YEAR})"
        rf"(?:\s+(?:or\s+later|period))?",
    ),
    _rule("year", rf"(?:the\s+)?(?P<year>{YEAR})(?=\s+(?:and|to|-|–)\s+{YEAR}\b)"),
    _rule(
        "decade",
        r"(?P<edge>(?:early|late|mid)[-\s]+)?(?:the\s+)?(?:(?P<cent>1[6-9]|20)|')(?P<dec>\d)0'?s",
    ),
    _rule(
        "year",
        rf"(?:the\s+year\s+)?(?P<year>{SPOKEN_YEAR})"
        r"(?!\s+(?:dollars|people|pounds|euros|troops|soldiers|men|women|workers|tons|barrels|years))",
    ),
    _rule(
        "decade",
        r"(?P<edge>(?:early|late|mid)[-\s]+)?the\s+(?P<word>twenties|thirties|forties|fifties"
        r"|sixties|seventies|eighties|nineties)",
    ),
    _rule(
        "century",
        r"(?:the\s+)?(?P<edge>(?:early|late|mid)[-\s]+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second"
        r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
        r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
        r"|twenty-first)[-\s]century",
    ),
    # Weekdays, parts of days, and the deictic days.
    _rule(
        "weekday",
        rf"(?P<edge>(?:early|late|later|earlier)\s+(?:on\s+)?)?(?:(?P<rel>last|this\s+coming|this|next|past|coming)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?(?!'?s\s+(?:night|morning))",
    ),
    _rule("weekdays", rf"(?P<wd>{WEEKDAY})s(?:\s+and\s+{WEEKDAY}s)?(?:\s+(?P<part>{PART})s)?"),
    _rule(
        "deictic",
        rf"(?P<edge>(?:early|late|later|earlier)\s+)?(?P<word>yesterday|today|tomorrow)"
        rf"(?:\s+(?P<part>{PART}))?",
    ),
    _rule(
        "deictic",
        rf"(?P<edge>(?:early|late|later|earlier)\s+)?(?P<word>tonight|overnight|last\s+night"
        rf"|(?:this|that)\s+{PART})",
    ),
    _rule("deictic", r"(?P<word>(?-i:today))'s"),
    _rule(
        "deictic",
        rf"(?:(?:early|late|mid)[-\s]?)?(?P<part>{PART})\s+(?P<word>yesterday|today|tomorrow)",
    ),
    _rule("weekday", rf"(?:(?:early|late)\s+|mid-)?(?P<part>{PART})\s+(?P<wd>{WEEKDAY})"),
    _rule(
        "holiday",
        r"(?:(?P<rel>last|this|next)\s+)?(?P<name>Christmas(?:\s+Day|\s+Eve)?"
        r"|New\s+Year's(?:\s+Day|\s+Eve)|Thanksgiving(?:\s+Day)?|Independence\s+Day"
        r"|Valentine's\s+Day|Halloween|Labor\s+Day|Memorial\s+Day|Boxing\s+Day|Easter(?:\s+Sunday)?"
        rf"|Good\s+Friday|Election\s+Day)(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))?",
        0,
    ),
    _rule(
        "clock",
        r"(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
        r"(?:\s+(?P<zone>[ECMP][SD]?T|GMT|UTC|BST|CES?T|local\s+time))?"
        rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY}|yesterday|today|tomorrow)"
        rf"|(?P<mon>{MONTH})\s+(?P<day>{DAY})))?",
    ),
    # The 24-hour clock: "1800 hours", "0600 GMT", "at 14:30" (`_keep` says which need what).
    _rule(
        "clock",
        r"(?P<h24>[01]?\d|2[0-3])(?P<colon>:)?(?P<m>[0-5]\d)(?!:?\d)"
        r"(?:\s*(?P<hours>hours|hrs)|\s+(?P<zone>GMT|UTC|Z|local\s+time))?(?!\s*[ap]\.?m)",
    ),
    _rule("clock", r"(?P<word>noon|midday|midnight)(?:\s+(?P<wd>" + WEEKDAY + r"))?"),
    # References to now, the past and the future.
    _rule(
        "ref",
        r"(?P<present>now|currently|nowadays|at\s+present|presently|these\s+days|right\s+now"
        r"|at\s+the\s+moment|current(?=\s+(?!account|affairs|events|carrying)\w))"
        r"|(?P<past>recently|formerly|the\s+past|lately|(?:recent|past)\s+years)"
        r"|(?P<future>the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|someday"
        r"|the\s+coming\s+(?:years|months|weeks|days)|a\s+later\s+date"
        r"|the\s+(?:near|short|long)\s+term)",
    ),
    # Seasons, quarters and halves.
    _rule(
        "season",
        rf"(?P<edge>(?:early|late|mid)[-\s]+)?(?:(?P<rel>last|this|next|the|past)\s+)?"
        rf"(?:(?P<edge2>early|late|mid)[-\s]+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{WITH_YEAR}))?",
    ),
    _rule(
        "quarter",
        r"(?:(?P<yrel>last|this|next)\s+year's\s+)?(?:the\s+)?(?:(?P<rel>latest|current|past|previous|last|next|same|comparable|recent"
        r"|year-ago|year-earlier|prior-year|year-before|this|that|corresponding)\s+)?"
        r"(?:(?P<rel2>year-ago|year-earlier)\s+)?(?:(?:fiscal|calendar)\s+)?"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s]+)?"
        rf"(?:(?:fiscal)\s+)?(?P<q>quarter|period|half)(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<year>{YEAR})))?"
        r"(?:\s+(?P<lastyear>last\s+year|a\s+year\s+(?:ago|earlier)))?",
    ),
    _rule(
        "quarter", rf"(?P<year>{YEAR})(?:'s)?\s+(?P<ord>first|second|third|fourth)[-\s]+(?P<q>quarter|half)"
    ),
    _rule("quarter", rf"(?:the\s+)?(?P<year>{YEAR})\s+(?P<q>quarter|period)"),
    _rule("quarter", r"(?P<qn>Q[1-4])(?:\s+(?P<year>" + YEAR + r"))?", 0),
    # Relative calendar units and offsets.
    _rule(
        "next_day",
        r"the\s+(?P<rel>next|following|previous|preceding|same|prior)\s+(?P<unit>day|morning"
        r"|night|week|month|year)|the\s+(?P<unit2>day|night|week|year)\s+(?P<dir>before|after)"
        r"|(?:that|the\s+same)\s+(?P<unit3>day|night|morning)",
    ),
    _rule(
        "relunit",
        rf"(?P<edge>{EDGE})?(?:the\s+)?(?P<rel>{REL}|the\s+same|earlier\s+this|later\s+this"
        rf"|early\s+next|late\s+last|that|the)\s+(?:(?:fiscal|full|entire|whole|calendar)\s+)?(?P<unit>{UNIT_ONE})(?P<poss>'s)?",
    ),
    _rule("relunit", r"(?P<unit>year|month|week)[-\s](?P<rel>end|ago|earlier)"),
    _rule("relunit", r"(?P<unit>year)(?P<poss>'s)\s+(?P<rel>end)"),
    _rule(
        "ago",
        rf"(?P<approx>{APPROX}|{BOUND})?(?P<num>{NUM})\s+(?:or\s+so\s+)?(?P<unit>{UNIT})\s+"
        r"(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now|hence|previously)",
    ),
    _rule(
        "ago", r"(?P<approx>just\s+)?(?P<unit>years|months|weeks|days|decades)\s+(?P<dir>ago|earlier|later)"
    ),
    # Durations and frequencies.
    _rule(
        "duration",
        rf"(?:the\s+(?P<rel>past|last|next|first|final|coming|previous|latest|remaining|initial"
        rf"|)\s*)?(?P<approx>{APPROX}|{BOUND})?(?P<num>{NUM})\s+(?:(?:full|more|additional"
        rf"|straight|consecutive|long)\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?"
        rf"(?P<old>\s+old)?",
    ),
    _rule(
        "duration",
        rf"(?P<num>\d+|{_TENS}(?:-{_UNITS_WORD})?|one|two|three|four|five|six|seven|eight|nine"
        rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        rf"|hundred|half)-(?P<unit>{UNIT})(?:-(?P<old>old|long))?",
    ),
    _rule("duration", r"(?P<num>half)[-\s](?:a[-\s])?(?P<unit>century|decade|year|hour|day)"),
    _rule(
        "duration",
        r"(?P<approx>(?:many|several|few|recent|the\s+past\s+few|the\s+last\s+few|past"
        r"|the\s+past|the\s+last|the\s+coming|the\s+next)\s+)?(?P<unit>years|months|weeks|days"
        r"|decades|centuries|hours|minutes)(?P<old>-long)?"
        r"(?=\s*(?:,|\.|;|\)|and\b|of\b|to\s+come|ago|$))",
    ),
    _rule("duration", r"(?P<approx>recent\s+)(?P<unit>months|weeks|days|quarters)"),
    _rule(
        "duration",
        r"(?:(?<=for\s)|(?<=over\s)|(?<=within\s))(?P<approx>the\s+|recent\s+)?(?P<unit>years|months|weeks"
        r"|days|decades|centuries|hours)",
    ),
]


MAX_SPACES = 8
LONG_SPACE = re.compile(rf"\s{{{MAX_SPACES + 1},}}")


def recognise(text: str, stretches: list[tuple[int, int]]) -> list[Candidate]:
    """Every time expression within the (start, end) `stretches` of `text`, non-overlapping, longest first,
    in text order."""
    found: list[Candidate] = []
    searched = _bounded_spaces(text)
    for kind, pattern in RULES:
        for lo, hi in stretches:
            for match in pattern.finditer(searched, lo, hi):
                start, end = match.span()
                while start < end and text[start].isspace():
                    start += 1
                if start < end:
                    found.append(Candidate(start, end, kind, _in_digits(match.groupdict())))
    found.sort(key=lambda c: c.start - c.end)  # stable: on equal length, earlier rules win
    chosen: list[Candidate] = []
    starts: list[int] = []  # of the chosen spans, which never overlap: sorted, with their ends
    ends: list[int] = []
    for cand in found:
        # Only the chosen spans just before and just after can overlap (a look-up, not a scan:
        # a text of 100,000 dates has 100,000 candidates).
        k = bisect_right(starts, cand.start)
        free = (k == 0 or ends[k - 1] <= cand.start) and (k == len(starts) or starts[k] >= cand.end)
        if free and _keep(text, cand):
            chosen.append(cand)
            starts.insert(k, cand.start)
            ends.insert(k, cand.end)
    return sorted(chosen, key=lambda c: c.start)


def _in_digits(groups: dict[str, str | None]) -> dict[str, str | None]:
    """The groups with a spoken year in digits, as the normaliser reads it: "two thousand and one" and
    "nineteen hundred" as numbers, "nineteen ninety-seven" and "nineteen oh five" as a century and a year."""
    year = groups.get("year")
    if year and not year.isdigit():
        century, _, rest = year.lower().replace("-", " ").partition(" ")
        whole = parse_number(year)
        value = whole if whole is not None else 100 * (parse_number(century) or 0) + (
            parse_number(rest.removeprefix("oh ")) or 0
        )
        groups = {**groups, "year": str(int(value))}
    return groups


# A preposition of time right before a lower-case month name or a colon clock time makes it one.
TIME_PREPOSITION = re.compile(
    r"\b(?:in|on|since|until|till|by|during|from|to|through|early|late|mid|of|at|before|after|around|about)"
    r"[\s-]*$",
    re.IGNORECASE,
)


def _bounded_spaces(text: str) -> str:
    """`text` with every run of white space cut to its first `MAX_SPACES` characters, the rest
    replaced by NULs (so offsets stay the same): the rules' `\\s+` and `\\s*`, tried at each
    position of a run, each scanned it to its end, quadratic in its length (40,000 spaces took 30
    s). No expression spans more white space than that."""
    return LONG_SPACE.sub(
        lambda run: run.group()[:MAX_SPACES] + "\x00" * (len(run.group()) - MAX_SPACES), text
    )


def _keep(text: str, cand: Candidate) -> bool:
    """Reject matches that are numbers rather than dates (money, counts, measures, articles), lower-case
    "may" and "march" that are verbs, and numbers with a colon that are not clock times."""
    g = cand.groups
    before = text[max(0, cand.start - 2) : cand.start]
    after = text[cand.end : cand.end + 12].lower()
    preceded = TIME_PREPOSITION.search(text[max(0, cand.start - 12) : cand.start])
    if (mon := g.get("mon")) and mon[0].islower() and not mon[0].isdigit():
        anchored = g.get("year") or (g.get("day") and mon not in ("may", "march"))
        if not (anchored or preceded and (g.get("day") or mon not in ("may", "march"))):
            return False  # "they may 5", "troops march 20 miles", "the march on Washington"
    if cand.kind == "date" and g.get("day") and g["day"][0].isalpha() and not g.get("of"):
        if text.find(g["mon"], cand.start) > text.find(g["day"], cand.start):
            return False  # "the second March" is not the 2nd of March; "the second of March" is
    if g.get("h24") is not None:
        # "at 14:30", "14:30 GMT", "1800 hours"; not "a 3:25 mile", "John 3:16", "2016", "1500 hours of work"
        stated = g.get("zone") or g.get("hours") and len(g["h24"]) == 2 and not re.match(r"\s+of\b", after)
        return bool(stated or g.get("colon") and preceded)
    if cand.kind == "year" and g.get("year") and not g.get("edge") and not g.get("fiscal"):
        counted = re.match(r"\s*(%|percent|per\b|[a-z]+s\b)", text[cand.end : cand.end + 12])
        dated = re.search(r"\b(in|since|by|until|during|from|of|to)\s+$", text[: cand.start][-8:], re.I)
        if "$" in before or counted and not dated and not re.match(r"\s*(has|was|is)\b", after):
            return bool(re.match(r"\s*(?:elections|talks|games|olympics|protests)\b", after))
        if re.match(r"[.,]\d|\d", text[cand.end : cand.end + 2]) or before.endswith((",", ".")):
            return False
    if cand.kind == "set" and g.get("every") == "a" and not g.get("freq"):
        # "a year" is a frequency only after an amount: "$5 a year", "100 tons a day".
        return bool(re.search(r"(\d|percent|%|dollars|cents|times)\W*$", text[: cand.start][-15:]))
    if cand.kind == "duration" and re.match(r"\s+of\b", after) and "quarter" in g["unit"]:
        return False  # "three quarters of the vote"
    if cand.kind == "duration" and g.get("num", "").lower() in {"a", "an", "some", "many"}:
        return not re.match(r"\s*(?:of\b)", after)
    return True
