"""The offline gazetteer: the project's data files, spelling variants, and the cached index."""

from __future__ import annotations

import pickle
from importlib import resources

import pycountry
import pytest

from eventwire.resolve import gazetteer

LEVELS = {"country", "admin1", "admin2", "city", "sub-city", "region", "other"}
# Codes GeoNames uses beyond ISO 3166-1 (Kosovo) and territories pycountry lists under their own code.
EXTRA_CODES = {"XK"}


def rows(name: str) -> list[list[str]]:
    text = resources.files("eventwire.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def valid_country(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_2=code) is not None


@pytest.mark.parametrize("row", rows("places_extra.tsv"), ids=lambda r: r[0])
def test_every_extra_place_has_a_point_a_level_and_a_country(row):
    assert len(row) == 7, "name, aliases, lat, lon, level, country, admin1"
    name, aliases, lat, lon, level, country, _admin1 = row
    assert name.strip() == name and name
    assert all(alias.strip() for alias in aliases.split("|") if aliases)
    assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
    assert level in LEVELS
    assert country == "" or valid_country(country), country


def test_extra_places_cover_the_conflict_regions_news_names():
    names = {row[0] for row in rows("places_extra.tsv")}
    assert len(names) >= 200
    assert {
        "West Bank",
        "Gaza Strip",
        "Donbas",
        "Iraqi Kurdistan",
        "Sahel",
        "Hmeimim air base",
        "Rafah crossing",
    } <= names


@pytest.mark.parametrize("row", rows("country_points.tsv"), ids=lambda r: r[0])
def test_every_country_point_is_a_country_and_a_coordinate(row):
    code, lat, lon = row
    assert valid_country(code), code
    assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


@pytest.mark.parametrize("row", rows("admin1.tsv"), ids=lambda r: r[0])
def test_every_admin1_row_names_an_iso_subdivision(row):
    iso, code, lat, lon, _names = row
    assert pycountry.subdivisions.get(code=iso) is not None, iso
    assert code
    assert (lat == "") == (lon == "")
    if lat:
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load()


def best(gaz: gazetteer.Gazetteer, name: str) -> gazetteer.Entry:
    return max(gaz.lookup(name), key=lambda e: (e.level != "city", e.population))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Deir Ezzor", "Deir ez-Zor"), ("Lattakia", "Latakia"), ("Hmeimim", "Khmeimim"), ("Kiev", "Kyiv")],
)
def test_spelling_variants_find_the_same_place(gaz, a, b):
    assert set(gaz.lookup(a)) & set(gaz.lookup(b))


def test_a_misspelling_of_a_known_city_is_matched_fuzzily(gaz):
    assert best(gaz, "Lattakiya").country_code == "SY"
    assert gaz.lookup("Lattakiya", fuzzy=False) == ()


def test_fuzzy_matching_does_not_turn_a_province_into_another(gaz):
    assert all(e.name != "Anbar" for e in gaz.lookup("Ankara Province"))


def test_countries_sit_on_their_geonames_point_not_a_capital(gaz):
    turkey = gaz.country("TR")
    assert (turkey.lat, turkey.lon, turkey.level) == (39.0, 35.0, "country")
    us = best(gaz, "United States")
    assert (us.lat, us.lon) == (39.76, -98.5)


def test_cities_carry_their_first_level_division(gaz):
    ankara = [e for e in gaz.lookup("Ankara") if e.level == "city"][0]
    assert ankara.admin1 == "Ankara"
    dallas = max(gaz.lookup("Dallas"), key=lambda e: e.population)
    assert (dallas.country_code, dallas.admin1) == ("US", "Texas")


def test_state_abbreviations_and_canadian_provinces_resolve(gaz):
    assert best(gaz, "Ky.").name == "Kentucky"
    assert best(gaz, "B.C.").country_code == "CA"
    assert best(gaz, "Ontario").level == "admin1"


def test_demonyms_name_their_country(gaz):
    assert gaz.demonym("Syrian") == "SY"
    assert gaz.demonym("Iranians") == "IR"
    assert gaz.demonym("Monday") is None


def test_the_cached_index_is_what_a_fresh_build_gives(gaz):
    path = gazetteer.cache_path()
    assert path.exists()
    with path.open("rb") as handle:
        cached = pickle.load(handle)
    assert cached == gazetteer.build()


def test_counties_and_districts_are_second_level_divisions_in_their_province(gaz):
    adair = {e.admin1: e for e in gaz.lookup("Adair County") if e.level == "admin2"}
    assert {"Kentucky", "Iowa", "Missouri", "Oklahoma"} <= set(adair)
    assert any(e.admin1 == "Massachusetts" for e in gaz.lookup("Plymouth Co."))
    assert any(e.level == "admin2" and e.country_code == "UA" for e in gaz.lookup("Bakhmut Raion"))


def test_a_district_named_like_its_main_town_is_left_to_the_town(gaz):
    assert {e.level for e in gaz.lookup("Jenin", fuzzy=False) if e.country_code == "PS"} == {"city"}


def test_provinces_go_by_their_geonames_english_names(gaz):
    assert any(e.level == "admin1" and e.country_code == "SY" for e in gaz.lookup("Rif Dimashq"))
    assert any(e.level == "admin1" and e.country_code == "BE" for e in gaz.lookup("Flanders"))
    aleppo = max((e for e in gaz.lookup("Aleppo") if e.level == "city"), key=lambda e: e.population)
    assert (aleppo.country_code, aleppo.admin1) == ("SY", "Aleppo")


def test_saint_mount_and_fort_match_their_abbreviations(gaz):
    assert set(gaz.lookup("St. Paris")) == set(gaz.lookup("Saint Paris"))
    assert set(gaz.lookup("Mt. Pleasant")) == set(gaz.lookup("Mount Pleasant"))
    assert gazetteer.key("Ft. Worth") == gazetteer.key("Fort Worth")


def test_a_former_name_of_a_small_town_is_not_read_where_bigger_towns_bear_it(gaz):
    def towns(name):
        return {(e.name, e.admin1) for e in gaz.lookup(name) if e.country_code == "US"}

    assert ("Swainsboro", "Georgia") not in towns("Paris") and ("Paris", "Texas") in towns("Paris")
    assert ("Beeville", "Texas") not in towns("Maryville") and ("Maryville", "Tennessee") in towns("Maryville")
    assert "Mumbai" in {e.name for e in gaz.lookup("Bombay")}  # a far bigger town keeps its old name
