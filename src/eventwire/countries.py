"""Countries by any name a user or a news text gives them, and ACLED's region of each.

Places carry ISO 3166-1 alpha-2 codes; people type "Syria", "SYR" or "sy", and news writes "Britain" or
"the Soviet Union". One table answers all of them: pycountry's names plus `data/country_names.tsv`
(names as news writes them, shared with actor coding). Kosovo is XK as a place and KOS as a PLOVER
actor code, which pycountry does not know.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pycountry

KOSOVO = ("XK", "KOS", "Kosovo")


def _data_rows(filename: str) -> list[list[str]]:
    text = resources.files("eventwire").joinpath("data", filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def names_to_alpha3() -> dict[str, str]:
    """Lower-case country name (no leading "the") -> alpha-3 code, every name pycountry and
    `data/country_names.tsv` know."""
    found: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                found[name.lower().removeprefix("the ")] = country.alpha_3
    for names, code in _data_rows("country_names.tsv"):
        for name in names.split("|"):
            found[name.strip().lower()] = code.strip()
    return found


def to_alpha2(value: str) -> str | None:
    """The alpha-2 code of a country given by alpha-2, alpha-3 or name (any case); None if unknown."""
    text = " ".join(value.split()).lower().removeprefix("the ")
    if not text:
        return None
    if text.upper() in (KOSOVO[0], KOSOVO[1]):
        return KOSOVO[0]
    if len(text) == 2 and pycountry.countries.get(alpha_2=text.upper()):
        return text.upper()
    code = text.upper() if len(text) == 3 else names_to_alpha3().get(text)
    if code == KOSOVO[1]:
        return KOSOVO[0]
    country = pycountry.countries.get(alpha_3=code) if code else None
    return country.alpha_2 if country else None


def name(alpha2: str) -> str:
    """The short English name of a country ("Syria", "Palestine"; not "Palestine, State of")."""
    if alpha2.upper() == KOSOVO[0]:
        return KOSOVO[2]
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    if country is None:
        return alpha2
    found = getattr(country, "common_name", None) or country.name
    if "," in found or "(" in found:  # "Palestine, State of", "Bolivia (Plurinational State of)"
        found = next((n for n, code in _news_names() if code == country.alpha_3), found)
    return found


@lru_cache(maxsize=1)
def _news_names() -> list[tuple[str, str]]:
    """(name, alpha-3) from `data/country_names.tsv`: words, not abbreviations, and no name that
    another country bears ("Congo" is the Republic's; the DRC is "DR Congo")."""
    taken = {
        getattr(c, attr).lower(): c.alpha_3
        for c in pycountry.countries
        for attr in ("name", "common_name")
        if getattr(c, attr, None)
    }
    return [
        (variant.strip(), code.strip())
        for variants, code in _data_rows("country_names.tsv")
        for variant in variants.split("|")
        if len(variant.strip()) > 3 and taken.get(variant.strip().lower(), code.strip()) == code.strip()
    ]


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {code: region for region, codes in _data_rows("acled_regions.tsv") for code in codes.split()}


def acled_region(alpha2: str | None) -> str:
    """ACLED's region of a country ("Middle East", "Western Africa" ...), from `data/acled_regions.tsv`."""
    return _regions().get((alpha2 or "").upper(), "")
