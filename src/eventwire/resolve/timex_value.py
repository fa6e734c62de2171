"""The normaliser: a recognised expression's TIMEX3 type and value, anchored on the article date.

News writes dates relative to the day it appears and to the events it has just told: "on
Thursday" is the Thursday before a Friday story in a past-tense report and the one after it in
"will meet on Thursday"; "the day after" counts from the date just mentioned. `Context` carries
that state through one article in text order. Without a known anchor the values stay
underspecified (`XXXX-12-31`, `XXXX-WXX-4`) or null rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.easter import easter

from eventwire.resolve.timex_rules import (
    MONTHS,
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    Candidate,
)
from eventwire.words import parse_number

PART_CODE = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASON_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
DUR_UNIT = {
    "second": ("PT", "S"), "minute": ("PT", "M"), "hour": ("PT", "H"), "day": ("P", "D"),
    "night": ("P", "D"), "week": ("P", "W"), "month": ("P", "M"), "year": ("P", "Y"),
    "decade": ("P", "DE"), "century": ("P", "CE"), "quarter": ("P", "Q"),
}  # fmt: skip
SET_WORDS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
    "semiannually": "P6M",
}  # fmt: skip
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-W(\d\d))?$")


@dataclass
class Context:
    """What the normaliser knows while reading one article: its date and the dates told so far."""

    anchor: date | None  # the article date, when known to the day
    anchor_year: int | None = None
    anchor_month: int | None = None
    prev: str | None = None  # the last calendar value resolved in the text
    prev_end: int = -1
    last_quarter: str | None = None
    text: str = field(default="", repr=False)

    @classmethod
    def for_published(cls, published: str | None, text: str = "") -> Context:
        """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (anything else counts as unknown)."""
        m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", published or "")
        if not m:
            return cls(None, text=text)
        year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
        try:
            anchor = date(year, month, day) if day else None
        except ValueError:
            anchor = None
        return cls(anchor, year, month or None, text=text)

    def day_base(self) -> date | None:
        """The date that "the next day" counts from: the last day told, else the article date."""
        m = DATE_VALUE.match(self.prev or "")
        if m and m[3]:
            return date(int(m[1]), int(m[2]), int(m[3]))
        return self.anchor


def normalise(cand: Candidate, ctx: Context, tense: str | None) -> tuple[str, str | None] | None:
    """(TIMEX3 type, value) for a candidate, or None when it is not a time expression after all."""
    handler = HANDLERS[cand.kind]
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in cand.groups.items()}
    return handler(g, ctx, tense, cand)


def remember(ctx: Context, cand: Candidate, timex_type: str, value: str | None) -> None:
    """Keep calendar values as the base for later anaphoric expressions ("the day after")."""
    if value and DATE_VALUE.match(value.split("T")[0]) and timex_type in ("DATE", "TIME"):
        ctx.prev = value.split("T")[0]
        ctx.prev_end = cand.end


# -- calendar helpers ------------------------------------------------------------------------


def _ymd(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def _quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def _pick(options: list[date], anchor: date, tense: str | None) -> date:
    """The nearest occurrence, counting distance against the tense three times over.

    "set a record on Aug. 6" in February is last August; "extended to Nov. 20" in early November
    is this month's, though the verb is past. Untensed, the past is preferred by half again.
    """

    def cost(d: date) -> float:
        days = (d - anchor).days
        against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
        if against:
            return abs(days) * 3
        # Without a tense, news more often looks back than ahead.
        return abs(days) * (1.5 if days > 0 and tense not in ("past", "future") else 1)

    return min(options, key=cost)


def _number(word: str | None) -> float | None:
    """2, 2.5, "two", "twenty-five", "1 1/2"; 1 when no number is written ("last year"); None for vague
    amounts (several, a few, many)."""
    return parse_number(word) if word else 1


def _unit(word: str) -> str:
    word = word.lower().rstrip("s")
    return {"centurie": "century", "fortnight": "week"}.get(word, word)


def duration_value(num: float | None, unit: str) -> str:
    """P3M, PT2H, P50Y ("half-century"), PXY for vague amounts."""
    unit = _unit(unit)
    prefix, code = DUR_UNIT[unit]
    if num is None:
        return f"{prefix}X{code}"
    if code in ("DE", "CE"):
        num, prefix, code = num * (10 if code == "DE" else 100), "P", "Y"
    if num != int(num):
        # "2 1/2 years" is P2Y6M, "a minute and a half" PT1M30S, "half a day" PT12H.
        smaller = {"Y": (12, "M"), "M": (60, "S"), "D": (24, "H"), "H": (60, "M")}
        if code in smaller:
            factor, small = smaller[code]
            whole, rest = int(num), round((num - int(num)) * factor)
            if prefix == "P" and small in "HMS" and code != "Y":
                head = f"P{whole}{code}T" if whole else "PT"
                return f"{head}{rest}{small}"
            return f"{prefix}{whole}{code}{rest}{small}" if whole else f"{prefix}{rest}{small}"
    return f"{prefix}{num:g}{code}"


def _shift(value: str, unit: str, n: int) -> str | None:
    """Move a calendar value by n units, keeping its own granularity where it has one."""
    m = DATE_VALUE.match(value)
    if not m:
        return None
    year = int(m[1])
    if unit == "year":
        return f"{year + n}{value[4:]}" if not m[3] else _safe_day(year + n, int(m[2]), int(m[3]))
    if m[3]:
        d = date(year, int(m[2]), int(m[3]))
        if unit == "day":
            return _ymd(d + timedelta(days=n))
        if unit == "week":
            return _week(d + timedelta(weeks=n))
        y, mo = _add_months(year, d.month, n)
        return f"{y}-{mo:02d}"
    if m[2] and unit == "month":
        y, mo = _add_months(year, int(m[2]), n)
        return f"{y}-{mo:02d}"
    return None


def _safe_day(year: int, month: int, day: int) -> str:
    try:
        return _ymd(date(year, month, day))
    except ValueError:
        return _ymd(date(year, month, 28))


def _weekday(wd: int, rel: str | None, ctx: Context, tense: str | None) -> str:
    if ctx.anchor is None:
        return f"XXXX-WXX-{wd}"
    anchor = ctx.anchor
    delta = wd - anchor.isoweekday()
    if rel == "last" or rel == "past":
        back = (anchor.isoweekday() - wd) % 7 or 7
        return _ymd(anchor - timedelta(days=back))
    if rel in ("next", "coming", "this coming"):
        return _ymd(anchor + timedelta(days=(wd - anchor.isoweekday()) % 7 or 7))
    options = [anchor + timedelta(days=delta + k) for k in (-7, 0, 7)]
    if rel == "this" and tense not in ("past", "future"):
        return _ymd(anchor + timedelta(days=delta))  # untensed "this Monday": the Monday of this week
    if tense == "future":
        return _ymd(min(d for d in options if d >= anchor))
    if tense == "present":
        return _ymd(min(options, key=lambda d: abs((d - anchor).days)))
    return _ymd(max(d for d in options if d <= anchor))


# -- handlers --------------------------------------------------------------------------------

Result = tuple[str, str | None] | None


def _date(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    month, day = MONTHS[g["mon"].rstrip(".")], ORDINALS.get(g["day"]) or int(re.sub(r"\D", "", g["day"]))
    if g.get("year"):
        return "DATE", _safe_day(int(g["year"]), month, day) if day <= 31 else None
    if ctx.anchor is None:
        if ctx.anchor_year is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        return "DATE", _safe_day(ctx.anchor_year, month, day)
    options = []
    for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if g.get("wd"):
        # "Saturday, April 25": the year in which that day is a Saturday.
        options = [d for d in options if d.isoweekday() == WEEKDAYS[g["wd"]]] or options
    return ("DATE", _ymd(_pick(options, ctx.anchor, tense))) if options else None


def _iso(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    try:
        return "DATE", _ymd(date(int(g["year"]), int(g["mon"]), int(g["day"])))
    except ValueError:
        return None


def _month(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    month = MONTHS[g["mon"].rstrip(".")]
    if g.get("year"):
        return "DATE", f"{g['year']}-{month:02d}"
    if g.get("yrel") and ctx.anchor_year is not None:
        shift = {"last": -1, "this": 0, "next": 1}[g["yrel"]]
        return "DATE", f"{ctx.anchor_year + shift}-{month:02d}"
    if ctx.anchor_year is None or ctx.anchor_month is None:
        return "DATE", f"XXXX-{month:02d}"
    year, now = ctx.anchor_year, ctx.anchor_month
    rel = g.get("rel")
    if rel == "last":
        year -= month >= now - 1  # the month just gone is "last month"; "last May" is older
    elif rel == "next":
        year += month <= now
    elif rel != "this":
        first = date(year, now, 1)
        options = [date(y, month, 1) for y in (year - 1, year, year + 1)]
        year = _pick(options, first, tense).year
    return "DATE", f"{year}-{month:02d}"


def _year(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    return "DATE", g["year"]


DECADE_WORDS = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies"]
DECADE_WORDS += ["eighties", "nineties"]


def _decade(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    if g.get("word"):
        return "DATE", f"19{DECADE_WORDS.index(g['word']) + 2}"
    century = g.get("cent") or ("20" if int(g["dec"]) < 3 and (ctx.anchor_year or 0) > 2025 else "19")
    return "DATE", f"{century}{g['dec']}"


def _century(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    word = g["ord"]
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    return "DATE", f"{n - 1:02d}"


def _weekday_h(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    # "Friday night" is dated to the day: news uses it as a day, and so do annotated corpora.
    return "DATE", _weekday(WEEKDAYS[g["wd"]], g.get("rel"), ctx, tense)


def _weekdays(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    part = f"T{PART_CODE[g['part']]}" if g.get("part") else ""
    return "SET", f"XXXX-WXX-{WEEKDAYS[g['wd']]}{part}"


def _deictic(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    word = re.sub(r"\s+", " ", g["word"])
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "overnight": -1}
    if word == "last night":
        base, part = ctx.anchor and ctx.anchor - timedelta(days=1), "night"
    elif word.startswith("that "):
        base, part = ctx.day_base(), word.split()[1]
    elif word.startswith("this "):
        base, part = ctx.anchor, word.split()[1]
    else:
        base = ctx.anchor and ctx.anchor + timedelta(days=offsets[word])
        part = "night" if word in ("tonight", "overnight") else g.get("part")
    if base is None:
        return ("TIME" if part else "DATE"), None
    if part:
        return "TIME", f"{_ymd(base)}T{PART_CODE[part]}"
    return "DATE", _ymd(base)


def _clock(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    if g.get("word"):
        hour, minute = (24, 0) if g["word"] == "midnight" else (12, 0)
    elif g.get("h24"):
        hour, minute = int(g["h24"]), int(g["m"])
    else:
        hour, minute = int(g["h"]) % 12, int(g.get("m") or 0)
        hour += 12 if g["ampm"].startswith("p") else 0
    day: str | None
    wd = g.get("wd")
    if g.get("mon"):
        day = _date(g, ctx, tense, cand)[1]  # type: ignore[index]
    elif wd in WEEKDAYS:
        day = _weekday(WEEKDAYS[wd], None, ctx, tense)
    elif wd:
        day = _deictic({"word": wd}, ctx, tense, cand)[1]  # type: ignore[index]
    else:
        base = ctx.day_base()
        day = _ymd(base) if base else None
    if day is None:
        return "TIME", None
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _ref(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    if g.get("present"):
        return "DATE", "PRESENT_REF"
    return "DATE", "PAST_REF" if g.get("past") else "FUTURE_REF"


def _season(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    code = SEASONS[g["season"]]
    if g.get("year"):
        return "DATE", f"{g['year']}-{code}"
    if g.get("rel") is None and not (g.get("edge") or g.get("edge2")):
        # A bare "spring" is too often not a date ("spring break", "Arab Spring").
        return None
    if ctx.anchor_year is None or ctx.anchor_month is None:
        return "DATE", f"XXXX-{code}"
    # Season index of the article month; January and February come before this year's spring.
    now = {12: 4, 1: 0, 2: 0}.get(ctx.anchor_month, (ctx.anchor_month - 3) // 3 + 1)
    idx, year, rel = SEASON_ORDER[code], ctx.anchor_year, g.get("rel")
    if rel in ("last", "past"):
        year -= idx >= now
    elif rel == "next":
        year += idx <= now
    elif rel != "this":
        year += (idx < now) if tense == "future" else -(idx > now)
    return "DATE", f"{year}-{code}"


def _quarter(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    kind = "H" if g.get("q") == "half" else "Q"
    count = 2 if kind == "H" else 4
    rel = (g.get("rel") or "").replace("year-earlier", "year-ago")
    ago = rel in ("year-ago", "prior-year", "year-before") or g.get("rel2") or g.get("lastyear")
    n = None
    if g.get("qn"):
        n = int(g["qn"][1])
    elif g.get("ord"):
        n = count if g["ord"] == "final" else ORDINALS[g["ord"]]
    if g.get("q") == "half" and not n:
        return None
    if g.get("q") == "period" and not (n or ago or g.get("year") or rel):
        return None
    if g.get("year") and n is None and ctx.last_quarter:
        return "DATE", f"{g['year']}-Q{ctx.last_quarter[-1]}"
    if g.get("year"):
        year = int(g["year"])
    elif g.get("yrel") and ctx.anchor_year is not None:
        year = ctx.anchor_year + {"last": -1, "this": 0, "next": 1}[g["yrel"]]
        if n is None and kind == "Q" and ctx.last_quarter:
            n = int(ctx.last_quarter[-1])  # "last year's quarter": the quarter just discussed
    elif ctx.anchor_year is None or ctx.anchor_month is None:
        return "DATE", f"XXXX-{kind}{n}" if n else None
    elif n is None and kind == "Q" and ctx.last_quarter and rel not in ("next", "current", "latest"):
        year, n = int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1])
    else:
        year = ctx.anchor_year
        now = _quarter_of(ctx.anchor_month) if kind == "Q" else (ctx.anchor_month > 6) + 1
        if n is None:
            n = now + (1 if rel == "next" else 0 if rel in ("current", "this") else -1)
            if n < 1:
                year, n = year - 1, count
            elif n > count:
                year, n = year + 1, 1
        elif n > now and tense != "future":
            year -= 1
    if n is None:
        return "DATE", f"{year - bool(ago)}"
    reported = ctx.anchor_month is None or (year, n) <= (ctx.anchor_year, _quarter_of(ctx.anchor_month))
    if kind == "Q" and not ago and reported:
        ctx.last_quarter = f"{year}-Q{n}"  # forecasts ("the third quarter of 1990") are not it
    return "DATE", f"{year - bool(ago)}-{kind}{n}"


UNIT_VALUE = {"day", "week", "weekend", "month", "year", "decade", "century"}


def _calendar(unit: str, d: date) -> str:
    """The calendar unit containing day `d`, as a TIMEX3 value."""
    if unit == "day":
        return _ymd(d)
    if unit in ("week", "weekend"):
        return _week(d) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{d.year}-{d.month:02d}"
    if unit == "decade":
        return str(d.year)[:3]
    if unit == "century":
        return str(d.year)[:2]
    return str(d.year)


def _unit_shift(unit: str, d: date, n: int) -> date:
    if unit in ("day",):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "month":
        y, m = _add_months(d.year, d.month, n)
        return date(y, m, 1)
    step = {"year": 1, "decade": 10, "century": 100}[unit]
    return date(d.year + n * step, 1, 1)


def _relunit(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    unit, rel = g["unit"], re.sub(r"\s+", " ", g.get("rel") or "")
    before = ctx.text[max(0, cand.start - 12) : cand.start].lower()
    after = ctx.text[cand.end : cand.end + 10].lower()
    if rel == "the" and re.match(r"\s+end(ed|ing)\b", after):
        return "DURATION", duration_value(1, unit)  # "the year ended Sept. 30"
    if rel == "the" and unit not in ("weekend",) and not g.get("edge"):
        if not re.search(r"\b(of|in|during|for|over)\s*$", before):
            return None
    base = ctx.anchor
    if rel in ("ago", "earlier") and unit == "year" and ctx.last_quarter:
        return "DATE", _shift(ctx.last_quarter, "year", -1)  # "year-ago" results: that quarter
    if rel in ("that", "the same") and ctx.prev:
        return "DATE", _truncate(ctx.prev, unit) or ctx.prev
    if base is None:
        if unit == "year" and ctx.anchor_year is not None:
            return "DATE", str(ctx.anchor_year + _REL_SHIFT.get(rel, 0))
        return "DATE", None
    shift = _REL_SHIFT.get(rel, 0)
    if unit == "weekend" and rel == "the" and tense != "future":
        shift = -1 if base.isoweekday() < 6 else 0
    return "DATE", _calendar(unit, _unit_shift(unit, base, shift))


_REL_SHIFT = {
    "last": -1, "past": -1, "previous": -1, "prior": -1, "late last": -1, "ago": -1,
    "earlier": -1, "next": 1, "coming": 1, "following": 1, "early next": 1,
}  # fmt: skip


def _truncate(value: str, unit: str) -> str | None:
    """A calendar value cut to a coarser unit: 1998-03-12 as a year is 1998."""
    m = DATE_VALUE.match(value)
    if not m:
        return None
    if unit == "year":
        return m[1]
    if unit == "month" and m[2]:
        return f"{m[1]}-{m[2]}"
    if unit in ("week", "weekend") and m[3]:
        return _calendar(unit, date(int(m[1]), int(m[2]), int(m[3])))
    if unit == "day" and m[3]:
        return value[:10]
    return None


def _ago(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    unit = _unit(g["unit"])
    num = _number(g.get("num")) if g.get("num") else None
    direction = re.sub(r"\s+", " ", g["dir"])
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    if num is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    anaphoric = direction in ("earlier", "later", "before", "after")
    if unit == "year" and sign < 0 and num == 1 and ctx.last_quarter:
        return "DATE", _shift(ctx.last_quarter, "year", -1)  # results "a year ago": that quarter
    if anaphoric and ctx.prev and cand.start - ctx.prev_end < 400:
        if unit == "year" and num == int(num):
            return "DATE", _shift(ctx.prev, "year", sign * int(num))
    base = ctx.day_base() if anaphoric else ctx.anchor
    if base is None:
        if unit == "year" and ctx.anchor_year is not None:
            return "DATE", str(ctx.anchor_year + sign * int(num))
        return "DATE", None
    if unit in ("second", "minute", "hour"):
        return "DATE", _ymd(base)
    if unit in ("decade", "century"):
        num, unit = num * (10 if unit == "decade" else 100), "year"
    if unit == "night":
        unit = "day"
    if num != int(num):
        return "DATE", _calendar("year" if unit in ("year", "month") else "month", base)
    return "DATE", _calendar(unit, _unit_shift(unit, base, sign * int(num)))


def _next_day(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    if g.get("unit3"):
        rel, unit = "same", g["unit3"]
    elif g.get("unit2"):
        rel, unit = ("next" if g["dir"] == "after" else "previous"), g["unit2"]
    else:
        rel, unit = g["rel"], g["unit"]
    shift = {"next": 1, "following": 1, "same": 0}.get(rel, -1)
    between = ctx.text[ctx.prev_end : cand.start] if ctx.prev_end >= 0 else "x"
    if re.fullmatch(r"\s*,\s*", between):
        shift = 0  # apposition: "on Monday, the day after the attack" names the same day
    if unit in PART_CODE:
        base = ctx.day_base()
        if base is None:
            return "TIME", None
        return "TIME", f"{_ymd(base + timedelta(days=shift))}T{PART_CODE[unit]}"
    if ctx.prev and (value := _truncate(ctx.prev, unit)):
        return "DATE", _shift(value, unit, shift) if shift else value
    if ctx.anchor is None:
        return "DATE", None
    return "DATE", _calendar(unit, _unit_shift(unit, ctx.anchor, shift))


def _duration(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    num_word = g.get("num")
    num = _number(num_word) if num_word else None
    if g.get("old") and g["old"].strip() == "old":
        return None  # ages ("a 6-year-old boy") are not time expressions
    if num_word and num_word.lower() == "half":
        num = 0.5
    if g.get("half") and num is not None:
        num += 0.5
    return "DURATION", duration_value(num, g["unit"])


def _set(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    if g.get("word"):
        return "SET", SET_WORDS[g["word"]]
    if g.get("mon"):
        return "SET", f"XXXX-{MONTHS[g['mon'].rstrip('.')]:02d}"
    unit = g["unit"]
    if unit in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit]}"
    if unit in ("morning", "night"):
        return "SET", f"XXXX-XX-XXT{PART_CODE[unit]}"
    step = 2 if g.get("other") else 1
    if unit == "quarter":
        return "SET", f"P{3 * step}M"
    return "SET", duration_value(step, "week" if unit == "weekend" else unit)


HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "valentine's day": (2, 14), "halloween": (10, 31), "boxing day": (12, 26),
}  # fmt: skip
# US movable feasts: (month, ISO weekday, nth; -1 the last), e.g. Thanksgiving the fourth Thursday of November.
MOVABLE = {"thanksgiving": (11, 4, 4), "labor day": (9, 1, 1), "memorial day": (5, 1, -1)}
SAME_FEAST = {"thanksgiving day": "thanksgiving", "easter sunday": "easter"}


def _holiday(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    """A feast in its written year ("Christmas 2010"), else the occurrence the reader means: the last one,
    the next one, or the nearest (the one ahead for a future verb)."""
    name = re.sub(r"\s+", " ", g["name"])
    name = SAME_FEAST.get(name, name)
    if g.get("year"):
        return "DATE", _ymd(_feast(name, int(g["year"])))
    if ctx.anchor is None:
        fixed = HOLIDAYS.get(name)
        return "DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else None
    options = [_feast(name, year) for year in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    rel = g.get("rel")
    if rel == "last":
        return "DATE", _ymd(max(d for d in options if d < ctx.anchor))
    if rel == "next":
        return "DATE", _ymd(min(d for d in options if d > ctx.anchor))
    return "DATE", _ymd(_pick(options, ctx.anchor, tense if tense == "future" else None))


def _named(g: dict, ctx: Context, tense: str | None, cand: Candidate) -> Result:
    """The one day the name stands for (so far only 9/11: the attacks of 2001-09-11)."""
    return "DATE", "2001-09-11"


def _feast(name: str, year: int) -> date:
    if name in HOLIDAYS:
        return date(year, *HOLIDAYS[name])
    if name in ("easter", "good friday"):
        return easter(year) - timedelta(days=2 if name == "good friday" else 0)
    if name == "election day":  # US: the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    return _nth_weekday(year, *MOVABLE[name])


def _nth_weekday(year: int, month: int, wd: int, nth: int) -> date:
    """The nth ISO weekday `wd` of a month; nth -1 is the last."""
    if nth < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - wd) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))


HANDLERS = {
    "holiday": _holiday,
    "named": _named,
    "date": _date,
    "iso": _iso,
    "month": _month,
    "year": _year,
    "decade": _decade,
    "century": _century,
    "weekday": _weekday_h,
    "weekdays": _weekdays,
    "deictic": _deictic,
    "clock": _clock,
    "ref": _ref,
    "season": _season,
    "quarter": _quarter,
    "relunit": _relunit,
    "ago": _ago,
    "next_day": _next_day,
    "duration": _duration,
    "set": _set,
}
