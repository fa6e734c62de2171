"""Place names found in short news texts and resolved with the article's context."""

from __future__ import annotations

import json

import pytest

from analysed import analyse


def places(text: str) -> list:
    found = analyse(text, upto="places")[1].places
    for p in found:
        assert text[p.start : p.end] == p.text
    return found


def by_text(text: str) -> dict[str, object]:
    return {p.text: p for p in places(text)}


def names_in(text: str) -> set[str]:
    return {p.text for p in places(text)}


def test_syrian_towns_resolve_in_syria_even_when_the_tagger_misses_them():
    found = by_text(
        "A convoy of armoured vehicles headed from Deir Ezzor to Palmyra on Sunday, monitors said."
    )
    assert found["Deir Ezzor"].country_code == "SY"
    assert found["Palmyra"].country_code == "SY"
    assert found["Palmyra"].level == "city"


def test_area_phrases_cover_the_phrase_and_resolve_to_the_province():
    found = by_text(
        "Drones struck positions in the countryside of Aleppo, and shelling hit eastern Homs countryside."
    )
    aleppo = found["countryside of Aleppo"]
    assert (aleppo.country_code, aleppo.level) == ("SY", "admin1")
    homs = found["eastern Homs countryside"]
    assert (homs.country_code, homs.level) == ("SY", "admin1")


def test_a_region_keeps_its_level_with_a_direction():
    found = by_text("Troops raided homes in the northern West Bank overnight.")
    bank = found["northern West Bank"]
    assert (bank.name, bank.country_code, bank.level) == ("West Bank", "PS", "region")


def test_a_base_in_a_province_resolves_near_its_city():
    found = by_text("Jets took off from the Hmeimim base in Lattakia province at dawn.")
    base = found["Hmeimim"]
    assert base.country_code == "SY" and abs(base.lat - 35.5) < 0.5 and abs(base.lon - 35.8) < 0.5
    assert found["Lattakia province"].level == "admin1"


def test_a_qualifier_after_a_comma_picks_the_sense():
    found = by_text("The mayor of Athens, Ga., said the county would repave the road.")
    assert (found["Athens"].country_code, found["Athens"].admin1) == ("US", "Georgia")
    assert (
        by_text("Protesters marched in Athens against the new austerity budget.")["Athens"].country_code
        == "GR"
    )


def test_a_town_followed_by_its_state_is_a_place_even_where_a_person_bears_its_name():
    text = "Greer, South Carolina. Mayor Rick Greer said the city would open a new park in June."
    greer = [p for p in places(text) if p.text == "Greer"]
    assert [(p.start, p.admin1) for p in greer] == [(0, "South Carolina")]  # the mayor is no place


def test_the_country_context_picks_the_sense_and_one_sense_holds_for_the_article():
    text = (
        "Police in Lamar County, Texas, closed a highway near Paris after a chemical spill. "
        "Residents of Paris were told to stay indoors."
    )
    senses = {(p.country_code, p.admin1) for p in places(text) if p.text == "Paris"}
    assert senses == {("US", "Texas")}


def test_a_world_city_in_national_news_is_the_world_city_and_a_local_namesake_stays_local():
    national = (
        "Voters in Iowa and Nevada heard the candidates in Des Moines and Reno on Monday. "
        "Both spoke about the attacks in Paris."
    )
    assert by_text(national)["Paris"].country_code == "FR"
    aside = (
        "Rubio spoke in Coralville, Iowa, and in Oskaloosa, Iowa, then flew to Des Moines and Laconia, N.H. "
        "On Friday he held town halls in Derry, N.H., Nashua, N.H., and Concord, N.H. "
        "A donor from Chicago joined him. He spoke about the attacks in Paris."
    )
    assert by_text(aside)["Paris"].country_code == "FR"  # one Illinois town is no Illinois story
    local = "The city council of Alexandria, Va., met on Monday. Alexandria will repave King Street."
    assert by_text(local)["Alexandria"].admin1 == "Virginia"


def test_countries_sit_on_the_geonames_country_point():
    found = by_text("Turkey and Iran agreed to talks.")
    assert (found["Turkey"].lat, found["Turkey"].lon, found["Turkey"].level) == (39.0, 35.0, "country")
    assert found["Iran"].level == "country"


def test_demonyms_count_as_their_country():
    found = by_text("Syrian troops clashed with rebels near the border.")
    assert (found["Syrian"].country_code, found["Syrian"].level) == ("SY", "country")


def test_people_months_and_organisations_are_not_places():
    text = (
        "Mikheil Saakashvili met reporters in May. Later Saakashvili said the World Health Organization "
        "would help, and Jordan Henderson agreed."
    )
    names = names_in(text)
    assert "Saakashvili" not in names
    assert "May" not in names
    assert not any("Jordan" in n for n in names)


def test_a_name_the_gazetteer_does_not_know_is_kept_without_coordinates():
    unknown = by_text("Residents of Blorvania Heights said the water was cut.")["Blorvania Heights"]
    assert (unknown.name, unknown.lat, unknown.lon, unknown.level) == (None, None, None, None)


def test_the_seed_articles_resolve_their_places(seed_path):
    found = places(seed_path.read_text("utf-8"))

    def where(name: str) -> set[str | None]:
        return {p.country_code for p in found if name in p.text}

    for name in ("Aleppo", "Damascus", "Palmyra", "Deir Ezzor", "Lattakia", "Homs"):
        assert where(name) == {"SY"}, name
    for name in ("Jenin", "West Bank", "Gaza"):
        assert where(name) == {"PS"}, name
    assert {p.level for p in found if p.text in ("Israel", "Iran")} == {"country"}
    hmeimim = [p for p in found if "Hmeimim" in p.text]
    assert hmeimim and all(abs(p.lat - 35.52) < 0.5 and abs(p.lon - 35.79) < 0.5 for p in hmeimim)


@pytest.mark.parametrize("text", ["", "   ", "12 34 !!", "in in in at near"])
def test_texts_without_places_give_none(text):
    assert places(text) == []


def test_the_cli_writes_places_that_satisfy_the_contract(tmp_path, run_cli, article_validator):
    source = tmp_path / "in.jsonl"
    text = "Israeli forces raided Jenin, West Bank, on Monday, officials in Ramallah said."
    source.write_text(json.dumps({"id": "a1", "text": text}) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("run", str(source), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text("utf-8").splitlines()[0])
    article_validator.validate(record)
    jenin = [p for p in record["places"] if p["text"] == "Jenin"]
    assert jenin and jenin[0]["country_code"] == "PS"


def test_small_places_named_by_their_kind_are_places_even_unknown_to_the_gazetteer():
    text = "Rockets hit the village of Umm Qasrat at dawn, and two people died in Dar Kalbun district."
    names = {p.text: p for p in places(text)}
    assert "Umm Qasrat" in names and names["Umm Qasrat"].lat is None
    assert any(name.startswith("Dar Kalbun") for name in names)


def test_a_county_resolves_to_the_county_in_the_state_the_article_is_about():
    found = by_text("Deputies in Adair County arrested two men on Friday, the Kentucky State Police said.")
    county = found["Adair County"]
    assert (county.level, county.country_code, county.admin1) == ("admin2", "US", "Kentucky")
    assert abs(county.lat - 37.1) < 0.5 and abs(county.lon - (-85.3)) < 0.5


def test_a_county_institution_places_its_county():
    found = by_text("Two men were held at the Greenup County Jail after deputies of the Kentucky State Police came.")
    assert "Greenup County Jail" not in found
    county = found["Greenup County"]
    assert (county.level, county.admin1) == ("admin2", "Kentucky")


def test_a_part_of_a_state_named_by_compass_point_is_in_that_state():
    found = by_text("The couple moved to North Texas in 1973, and drought relief came to Western Massachusetts.")
    texas, massachusetts = found["North Texas"], found["Western Massachusetts"]
    assert (texas.name, texas.level, texas.admin1) == ("Texas", "admin1", "Texas")  # like "northern Homs"
    assert (massachusetts.name, massachusetts.country_code) == ("Massachusetts", "US")
    side = by_text("Shots rang out on the South Side of Chicago.")["South Side"]
    assert side.country_code != "TR"  # a part of Chicago, not of Side, Turkey


def test_a_town_named_by_its_own_name_beats_a_bigger_town_that_has_it_as_an_alternate_name():
    cancun = by_text("Tourists returned to the beaches of Cancun after the storm.")["Cancun"]
    assert cancun.country_code == "MX"
    assert by_text("Floods closed the port of Bombay.")["Bombay"].country_code == "IN"


def test_the_way_a_name_is_written_picks_the_town_or_its_province():
    assert by_text("Shells fell on the city of Deir Ezzor.")["Deir Ezzor"].level == "city"
    province = by_text("Shells fell across Deir Ezzor province.")["Deir Ezzor province"]
    assert (province.level, province.country_code) == ("admin1", "SY")


def test_a_lone_unknown_word_is_a_place_only_when_the_text_places_it():
    text = (
        "Hartmann said the appeal would be heard soon. A fire broke out in Qurmazan overnight, "
        "and shelling hit the villages of Foua and Kfraya."
    )
    names = names_in(text)
    assert "Hartmann" not in names
    assert {"Qurmazan", "Kfraya"} <= names


def test_state_abbreviations_are_states_only_when_written_as_abbreviations():
    text = "The family moved from Springfield, Mass., to Boston. Miss Jones attended Mass on Sunday."
    found = places(text)
    assert [(p.text, p.level) for p in found if p.country_code == "US" and p.level == "admin1"] == [
        ("Mass.", "admin1")
    ]
    assert not any(p.text in ("Miss", "Mass") for p in found)


def test_a_small_countrys_parish_does_not_outrank_a_sizeable_town():
    town = by_text("Police in St. Thomas said the road would stay closed.")["St. Thomas"]
    assert (town.country_code, town.admin1, town.level) == ("CA", "Ontario", "city")


def test_a_one_word_alternate_name_of_a_small_town_needs_the_text_to_place_it():
    names = names_in("Supporters of Ismaili celebrated the win over Petrojet on Monday.")
    assert "Ismaili" not in names


def test_the_kind_of_place_or_a_distance_from_a_known_one_vouches_for_unknown_names():
    text = (
        "Rebels seized the towns of Ndolwe and Ruhaza overnight. Police patrolled the Vantolo and "
        "Sirumba districts. Jets struck Kelmora, about 40 km north of Aleppo."
    )
    names = names_in(text)
    assert {"Ndolwe", "Ruhaza", "Vantolo", "Kelmora"} <= names
    assert any(n.startswith("Sirumba") for n in names)


def test_a_town_near_the_articles_other_towns_wins_across_a_state_line():
    found = by_text("Traffic was heavy on the bridge between Phenix City and Columbus on Friday.")
    assert (found["Columbus"].country_code, found["Columbus"].admin1) == ("US", "Georgia")


def test_a_small_towns_two_word_name_is_the_town_not_a_bigger_namesake_of_its_last_word():
    found = places("Volunteers helped clean the New Concord reservoir on Saturday.")
    town = [p for p in found if "Concord" in p.text]
    assert [(p.text, p.country_code, p.admin1) for p in town] == [("New Concord", "US", "Ohio")]


def test_the_town_of_a_dateline_kept_in_the_text_is_a_place():
    text = "Mayor unveils plan for downtown. TORRINGTON — The mayor will present the plan to the council."
    town = by_text(text)["TORRINGTON"]
    assert (town.country_code, town.level) == ("US", "city")


def test_a_local_paper_names_the_towns_of_its_province_without_prepositions():
    found = by_text(
        "RICHMOND, Ky. — The Berea Police Department joined Lexington officers in the search across "
        "Madison County on Friday."
    )
    assert (found["Berea"].country_code, found["Berea"].admin1, found["Berea"].level) == (
        "US",
        "Kentucky",
        "city",
    )


def test_names_of_people_and_words_the_text_also_writes_in_lower_case_are_not_local_towns():
    names = names_in(
        "Ann Taylor spoke at the Center for Energy Policy in Lexington, Richmond and Madison County, "
        "Kentucky, about the energy center planned there."
    )
    assert not {"Taylor", "Center", "Energy"} & names


def test_a_distance_from_a_known_place_qualifies_a_name_the_tagger_found():
    names = names_in("Militants attacked Qarshan, some 25 kilometres from Mosul, on Friday.")
    assert {"Qarshan", "Mosul"} <= names


def test_a_single_word_the_text_also_writes_in_lower_case_is_not_taken_for_a_province():
    assert names_in("The Lakes Edge Apartments overlook two lakes.") == set()


# --- only places are places: the article's own evidence, not lists of names ----------------------


def test_a_name_the_article_writes_as_a_persons_is_not_a_place():
    text = (
        "President Obama met governors in Ohio on Monday. The quiet aide is the sleeper in Obama's Cabinet, "
        "and Obama trusts him."
    )
    assert names_in(text) == {"Ohio"}
    text = "Mr. Leno told jokes in Burbank on Friday. Critics in Leno say the town is quiet; Leno laughed it off."
    assert names_in(text) == {"Burbank"}


def test_a_town_the_text_qualifies_stays_a_place_though_a_person_shares_its_name():
    found = by_text("Fishermen in Bangor, Maine, rescued a whale on Sunday. Harbour master Tom Bangor was pleased.")
    assert (found["Bangor"].country_code, found["Bangor"].admin1) == ("US", "Maine")


def test_an_institution_or_a_film_named_like_a_faraway_town_is_not_a_place():
    assert names_in("Democrats in Congress met on Tuesday, while voters in Iowa and Ohio waited.") == {"Iowa", "Ohio"}
    film = "The new Batman film opened in Chicago and Los Angeles this weekend, and Batman fans queued for hours."
    assert names_in(film) == {"Chicago", "Los Angeles"}


def test_the_united_states_in_any_form():
    found = places("He flew back to the States after a week in Canada; U.S. officials and the USA's consul met him.")
    us = [p.text for p in found if (p.name, p.level) == ("United States", "country")]
    assert us == ["the States", "U.S.", "USA"]


def test_a_state_beats_the_town_that_borrows_its_name():
    found = by_text("She grew up in Oklahoma and studied in Tulsa and Norman before moving to Texas.")
    assert (found["Oklahoma"].name, found["Oklahoma"].level) == ("Oklahoma", "admin1")
    florida = by_text("The family moved from Florida to Albany and Buffalo.")["Florida"]
    assert (florida.name, florida.level) == ("Florida", "admin1")  # not Florida, New York
    assert by_text("Talks on the Middle East resumed in Washington and Boston.")["Middle East"].level == "region"
