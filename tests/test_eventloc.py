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


def test_where_a_participant_is_from_or_another_clause_happened_is_not_the_event_location():
    assert locate("The gunman, born in New York, killed 49 people at a nightclub on Sunday.", "killed") is None
    text = "North Korea fired two missiles into the sea on Monday while leaders met at a summit in China."
    assert locate(text, "fired") is None
    assert locate(text, "met").text == "China"
    assert locate("The convoy, travelling in Helmand, was attacked on Monday.", "attacked").text == "Helmand"
    scene = "Two soldiers were killed when a roadside bomb struck their vehicle in Helmand."
    assert locate(scene, "killed").text == "Helmand"  # a "when" clause is the scene


def test_a_place_that_is_merely_mentioned_is_not_the_event_location():
    text = "Protesters gathered outside the parliament in Amman to denounce the war in Yemen."
    assert locate(text, "gathered").text == "Amman"


def test_the_object_of_a_verb_that_acts_on_a_place_is_the_location():
    loc = locate("Russian artillery shelled Kharkiv again on Tuesday, the governor said.", "shelled")
    assert loc.text == "Kharkiv" and loc.country_code == "UA"


def test_a_part_or_a_site_of_a_place_puts_the_event_there_but_an_embassy_does_not():
    assert locate("By early 2003, the insurgents had captured much of Liberia.", "captured").text == "Liberia"
    assert locate("Soldiers captured the airport of Udbina on Sunday.", "captured").text == "Udbina"
    assert locate("Protesters marched on a Hong Kong hotel on Monday.", "marched").text == "Hong Kong"
    assert locate("Protesters stormed the Mexican Embassy on Monday.", "stormed") is None


def test_the_place_an_act_named_by_a_noun_acts_on_is_where_it_happened():
    loc = locate("Nine civilians were killed in the bombardment of the Aziziyah district on Sunday.", "killed")
    assert loc is not None and loc.text.startswith("Aziziyah") and loc.source == "clause"


def test_the_subject_country_is_the_doer_not_the_place():
    assert locate("Israel bombed targets overnight, the army said.", "bombed") is None
    invasion = locate("Germany condemned Russia's invasion of Ukraine.", "invasion")
    assert invasion is not None and invasion.name == "Ukraine"  # the possessor invaded; Ukraine was invaded


def test_of_two_places_the_town_wins_over_the_province_that_qualifies_it():
    loc = locate("Rebels captured Lubumbashi in Katanga province last week.", "captured")
    assert loc.text == "Lubumbashi"
    # a town that only says where the other lies: the nearer name is not the scene
    loc = locate("Also in Baquba, north of Baghdad, hundreds of students demonstrated on Sunday.", "demonstrated")
    assert loc.text == "Baquba"


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


def test_a_dateline_after_the_headline_places_the_opening_of_the_story_only():
    text = (
        "Two men held after a night of unrest.\n\nThe city counts the damage.\n\n"
        "CHARLOTTE - Police arrested two men on Monday, officials said. The streets were quiet by noon. "
        "Shops opened late. Buses ran again. Earlier, a judge in another state charged an officer with manslaughter."
    )
    found = events_of(text)
    assert (found["arrested"].event_loc.name, found["arrested"].event_loc.source) == ("Charlotte", "dateline")
    assert found["charged"].event_loc is None or found["charged"].event_loc.name != "Charlotte"


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


def test_an_event_between_people_of_the_country_the_article_is_set_in_takes_that_country():
    setting = "Voters in Ohio said on Monday that the United States needs new jobs. In Columbus, the mood was grim. "
    found = events_of(setting + "Governor John Kasich criticized Senator Ted Cruz for his remarks.")
    loc = found["criticized"].event_loc
    assert (loc.name, loc.source, loc.precision) == ("United States", "article", "country")
    assert (setting + "x")[loc.start : loc.end] == "United States"  # the evidence is the article's own mention
    abroad = events_of(setting + "Governor John Kasich criticized the Mexican government for its remarks.")
    assert abroad["criticized"].event_loc is None  # a foreign party: it may have happened anywhere
    alone = events_of("Governor John Kasich criticized Senator Ted Cruz for his remarks in the United States.")
    assert alone["criticized"].event_loc is None  # one sentence does not set an article anywhere


def test_an_article_that_never_names_its_country_is_set_where_its_places_lie():
    text = (
        "Voters in Ohio said on Monday they want new jobs. In Columbus, the mood was grim. "
        "Dayton and Toledo waited for the results. Governor John Kasich criticized Senator Ted Cruz for his remarks."
    )
    loc = events_of(text)["criticized"].event_loc
    assert (loc.name, loc.source, loc.precision) == ("United States", "article", "country")
    assert text[loc.start : loc.end] == "Ohio"  # the evidence: the first of the places that set it
    mixed = text.replace("Dayton and Toledo", "Monterrey and Guadalajara")
    assert events_of(mixed)["criticized"].event_loc is None  # two countries' places: set in neither


def test_a_dateline_town_in_capitals_is_the_place_and_the_person_after_it_the_actor():
    event = events_of("LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed the media for the storm.")["blamed"]
    assert (event.event_loc.name, event.event_loc.admin1, event.event_loc.source) == ("La Crosse", "Wisconsin", "dateline")
    assert [a.text for a in event.actor] == ["Gov. Mike Pence"]


def test_the_article_country_of_a_later_mention_does_not_split_one_happening():
    text = (
        "Voters in Ohio said on Monday that the United States needs new jobs. In Dayton, the mood was grim. "
        "Governor John Kasich criticized Senator Ted Cruz at a rally in Columbus on Monday. "
        "The criticism of Cruz surprised his aides."
    )
    event = events_of(text)["criticized"]
    assert [m.text for m in event.mentions] == ["criticized", "criticism"]
    assert (event.event_loc.text, event.event_loc.source) == ("Columbus", "clause")


def test_a_material_event_takes_the_article_country_only_when_both_sides_belong_to_it():
    setting = "Voters in Ohio said on Monday that the United States needs new jobs. In Dayton, the mood was grim.\n"
    assert events_of(setting + "The U.S. stepped up airstrikes on Monday.")["airstrikes"].event_loc is None
    both = events_of(setting + "Two American soldiers attacked a US contractor last year.")["attacked"].event_loc
    assert (both.name, both.source) == ("United States", "article")


def test_a_statement_made_to_a_country_is_not_placed_in_it():
    event = events_of("President Recep Tayyip Erdogan called on the United States to extradite the cleric.")["called"]
    assert [p.text for p in event.recipient] == ["the United States"] and event.event_loc is None
