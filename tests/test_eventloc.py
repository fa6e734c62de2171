"""Where an event happened, given its trigger: the place of the trigger's clause, nothing else."""

from __future__ import annotations

from analysed import analyse
from eventwire.model import Span
from eventwire.resolve.eventloc import locate_event


def locate(text: str, verb: str, occurrence: int = 0):
    doc, article = analyse(text, upto="places")
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(verb, start + 1)
    return locate_event(doc, article, Span(verb, start, start + len(verb)))


def test_a_locative_phrase_on_the_trigger_is_the_event_location():
    loc = locate("Government forces killed five militants in the city of Deir Ezzor on Sunday.", "killed")
    assert loc.text == "Deir Ezzor" and loc.country_code == "SY"
    assert loc.level == "city"


def test_the_reporting_place_is_not_the_event_location():
    loc = locate("Officials in Washington said the militia shelled the town overnight.", "shelled")
    assert loc is None


def test_a_place_that_is_merely_mentioned_is_not_the_event_location():
    text = "Protesters gathered outside the parliament in Amman to denounce the war in Yemen."
    assert locate(text, "gathered").text == "Amman"


def test_the_object_of_a_verb_that_acts_on_a_place_is_the_location():
    loc = locate("Russian artillery shelled Kharkiv again on Tuesday, the governor said.", "shelled")
    assert loc.text == "Kharkiv" and loc.country_code == "UA"


def test_the_subject_country_is_the_doer_not_the_place():
    assert locate("Israel bombed targets overnight, the army said.", "bombed") is None


def test_of_two_places_the_town_wins_over_the_province_that_qualifies_it():
    loc = locate("Rebels captured Lubumbashi in Katanga province last week.", "captured")
    assert loc.text == "Lubumbashi"


def test_each_event_gets_the_place_of_its_own_clause():
    text = "Troops raided homes in Jenin, while settlers attacked a village near Nablus."
    assert locate(text, "raided").text == "Jenin"
    assert locate(text, "attacked").text == "Nablus"


def test_an_article_about_one_place_lends_it_to_events_without_a_place():
    text = (
        "Heavy fighting shook Jenin on Monday. Residents of Jenin said the camp was surrounded. "
        "Two gunmen were killed, medics said."
    )
    loc = locate(text, "killed")
    assert (loc.name, loc.level, loc.source, loc.precision) == ("Janīn", "city", "article", "town")
    assert text[loc.start : loc.end] == loc.text == "Jenin"


def test_an_article_about_several_places_lends_none():
    text = "Shelling hit Aleppo on Monday. Later it hit Homs and Hama. Two people were killed, medics said."
    assert locate(text, "killed") is None


def test_a_trigger_outside_the_text_gives_no_location():
    doc, article = analyse("Quiet day.", upto="places")
    assert locate_event(doc, article, Span("x", 50, 51)) is None


def events_of(text: str, published: str = "2024-03-08") -> dict[str, object]:
    return {e.trigger.text: e for e in analyse(text, published)[1].events}


def test_every_place_says_how_it_was_found_and_how_precise_it_is():
    found = events_of("Dock workers rallied at the gates of the port in Mombasa on Monday.")["rallied"].event_loc
    assert (found.text, found.source, found.precision) == ("Mombasa", "clause", "town")
    loose = events_of("Hundreds of farmers demonstrated near the road to Nakuru on Monday.")["demonstrated"]
    assert (loose.event_loc.text, loose.event_loc.source) == ("Nakuru", "sentence")


def test_the_paragraph_lends_its_place_to_the_events_that_follow():
    found = events_of("In Hebron, soldiers raided several homes before dawn. Two men were arrested.")
    assert (found["arrested"].event_loc.text, found["arrested"].event_loc.source) == ("Hebron", "paragraph")
    apart = events_of("In Hebron, soldiers raided several homes before dawn.\nTwo men were arrested.")
    assert apart["arrested"].event_loc is None  # a new paragraph starts afresh


def test_the_dateline_places_an_event_whose_text_does_not():
    loc = events_of("HEBRON — Soldiers arrested two men on Monday, the army said.")["arrested"].event_loc
    assert (loc.text, loc.name, loc.source) == ("HEBRON", "Hebron", "dateline")


def test_a_statement_is_where_it_was_made_not_where_it_is_about():
    found = events_of(
        "The minister criticised the plan to build new roads in Nakuru. "
        "Speaking to reporters in Nairobi, the governor condemned the fees."
    )
    assert found["criticised"].event_loc is None
    assert "place: none" in found["criticised"].explanation
    assert (found["condemned"].event_loc.text, found["condemned"].event_loc.source) == ("Nairobi", "clause")


def test_quoted_words_and_background_clauses_take_no_place_from_beyond_their_sentence():
    found = events_of('HEBRON — "They arrested my brother," a woman said. The soldiers, who had raided homes, left.')
    assert found["arrested"].event_loc is None
    assert found["raided"].event_loc is None


def test_an_unknown_place_keeps_its_words_and_the_explanation_says_it_has_no_coordinates():
    event = events_of("Gunmen attacked a checkpoint in the village of Vorlanskiy on Monday.")["attacked"]
    assert (event.event_loc.text, event.event_loc.lat, event.event_loc.precision) == ("Vorlanskiy", None, None)
    assert "'Vorlanskiy' (clause), not in the gazetteer" in event.explanation
