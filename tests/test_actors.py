"""Actors: recognition, one canonical actor per entity within an article, and PLOVER coding."""

from __future__ import annotations

from datetime import date

import pytest

from analysed import analyse
from eventwire import codes
from eventwire.coding.participants import participant, participants
from eventwire.resolve import actor_kb
from eventwire.resolve.actor import actor_for_span
from eventwire.resolve.actor_coding import coder


def actors_in(text: str):
    doc, article = analyse(text, upto="actors")
    return doc, article, article.actors


def actor_of(text: str, actors, phrase: str):
    start = text.index(phrase)
    return actor_for_span(actors, start, start + len(phrase))


def test_every_mention_points_at_its_own_text():
    text = "Syrian troops shelled the town, the Syrian Observatory for Human Rights (SOHR) said on Monday."
    _, _, actors = actors_in(text)
    assert actors
    for actor in actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_acronym_and_head_noun_back_reference_make_one_ngo_actor():
    text = (
        "The Syrian Observatory for Human Rights (SOHR) said government aircraft hit Idlib. "
        "The Observatory added that 12 people died, and SOHR sources said rescuers were still searching."
    )
    _, _, actors = actors_in(text)
    sohr = actor_of(text, actors, "Syrian Observatory for Human Rights")
    assert sohr.code == "NGO"
    mentions = {m.text for m in sohr.mentions}
    assert {"Syrian Observatory for Human Rights", "SOHR", "Observatory"} <= mentions


def test_the_authority_refers_back_to_the_palestinian_authority():
    text = "The Palestinian Authority condemned the raid. Israel accused the authority of failing to act."
    _, _, actors = actors_in(text)
    pa = actor_of(text, actors, "Palestinian Authority")
    assert (pa.code, pa.sector) == ("PSE", "GOV")
    assert actor_of(text, actors, "the authority") is pa
    israel = actor_of(text, actors, "Israel accused")
    assert (israel.code, israel.sector) == ("ISR", "GOV")


def test_surname_links_to_the_full_name_but_not_to_a_brother():
    text = (
        "Syrian President Bashar al-Assad met envoys in Damascus. Assad later praised the army, "
        "whose Fourth Division is led by his brother, Maher al-Assad."
    )
    _, _, actors = actors_in(text)
    bashar = actor_of(text, actors, "Bashar al-Assad")
    assert (bashar.code, bashar.sector) == ("SYR", "GOV")
    assert actor_of(text, actors, "Assad later") is bashar
    maher = actor_of(text, actors, "Maher al-Assad")
    assert maher is not bashar


def test_unnamed_militants_take_the_country_where_they_fight():
    text = "Militants killed a member of the Palestinian security forces in Jenin and wounded two others."
    doc, article, actors = actors_in(text)
    militants = actor_of(text, actors, "Militants")
    assert militants.code == "PSE" and militants.sector in ("REB", "UAF")
    forces = actor_of(text, actors, "Palestinian security forces")
    assert (forces.code, forces.sector) == ("PSE", "COP")


@pytest.mark.parametrize(
    ("last_sentence", "code"),
    [
        ("John Mensah, a former adviser in Ghana, was questioned by police.", "NGA"),
        ("John Mensah was questioned by police in Ghana.", "GHA"),
        ("In Ghana, police questioned John Mensah.", "GHA"),
    ],
)
def test_a_place_that_describes_another_person_does_not_give_the_police_their_country(last_sentence, code):
    """Police with no country of their own take the place where their clause happens, else the country the
    article is about; a place in another person's description ("an adviser in Ghana") is that person's."""
    text = (
        f"The Nigerian senate met in Abuja on Monday. Nigerian lawmakers debated the budget. {last_sentence}"
    )
    _, _, actors = actors_in(text)
    police = actor_of(text, actors, "police")
    assert (police.code, police.sector) == (code, "COP")


def test_proxies_carry_their_backer_as_affiliation():
    text = (
        "Iran-backed militias trained Syrian fighters, while the Russian-backed Fifth Corps moved to Palmyra."
    )
    doc, article, actors = actors_in(text)
    militias = actor_of(text, actors, "Iran-backed militias")
    assert militias.affiliation == "IRN" and militias.code != "IRN"
    corps = actor_of(text, actors, "Fifth Corps")
    assert (corps.code, corps.sector, corps.affiliation) == ("SYR", "MIL", "RUS")
    fighters = actor_of(text, actors, "Syrian fighters")
    assert fighters.code == "SYR"


@pytest.mark.parametrize(
    ("text", "phrase", "code", "sector"),
    [
        ("Eight Russian helicopters landed at the air base.", "Eight Russian helicopters", "RUS", "MIL"),
        ("Moscow said the talks had failed.", "Moscow", "RUS", "GOV"),
        ("Turkish police detained 40 students.", "Turkish police", "TUR", "COP"),
        ("A Kenyan judge ordered the release.", "Kenyan judge", "KEN", "JUD"),
        ("Rebel leaders in Darfur rejected the truce.", "Rebel leaders in Darfur", "SDN", "REB"),
        ("Hezbollah fired rockets at northern Israel.", "Hezbollah", "LBN", "REB"),
        ("UN peacekeepers patrolled the border.", "UN peacekeepers", "UNO", "MIL"),
        ("Lawmakers in Kyiv approved the budget.", "Lawmakers in Kyiv", "UKR", "LEG"),
        ("The Saudi-led coalition struck Sanaa.", "Saudi-led coalition", "SAU", "MIL"),
        ("NATO-member Norway sent frigates.", "NATO-member Norway", "NOR", "GOV"),
    ],
)
def test_code_mention_reads_country_and_sector_from_the_phrase(text, phrase, code, sector):
    doc, article, _ = actors_in(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    coding = coder().code_mention(span, article)
    assert (coding.code, coding.sector) == (code, sector)


def test_the_security_forces_refers_back_to_the_named_forces():
    text = (
        "Palestinian security forces raided the camp in Nablus. "
        "Gunmen accused the security forces of working with Israel."
    )
    _, _, actors = actors_in(text)
    named = actor_of(text, actors, "Palestinian security forces")
    assert actor_of(text, actors, "the security forces") is named


def test_a_participant_is_the_actor_its_head_word_mentions():
    text = "Gunmen shot a member of the Palestinian security forces near Tubas."
    doc, article, actors = actors_in(text)
    article.actors = actors
    start = text.index("a member")
    member = participant(
        doc.char_span(start, start + len("a member of the Palestinian security forces")), article
    )
    assert member.text.startswith("a member") and member.actor_id is not None
    assert (member.code, member.sector) == ("PSE", "COP")
    assert member.actor_id != actor_of(text, actors, "Palestinian security forces").id


def test_coordinated_countries_give_one_participant_each():
    text = "Senior Moroccan and Tunisian officials agreed to reopen the border."
    doc, article, actors = actors_in(text)
    article.actors = actors
    span = doc.char_span(0, len("Senior Moroccan and Tunisian officials"))
    found = participants(span, article)
    assert [(p.code, p.sector) for p in found] == [("MAR", "GOV"), ("TUN", "GOV")]
    assert all(text[p.start : p.end] == p.text for p in found)


def test_pronouns_join_the_actor_they_refer_to():
    text = "Japan said it would halt aid to the region. Rebel commanders said they had not been told."
    _, _, actors = actors_in(text)
    japan = actor_of(text, actors, "Japan")
    assert actor_of(text, actors, "it would") is japan
    commanders = actor_of(text, actors, "Rebel commanders")
    assert commanders.sector == "REB"
    assert actor_of(text, actors, "they had") is commanders


def test_ethnic_groups_take_the_country_they_live_in():
    text = "Police in Bulgaria detained 30 ethnic Turks after the rally in Kardzhali."
    doc, article, _ = actors_in(text)
    start = text.index("ethnic Turks")
    assert coder().code_mention(doc.char_span(start, start + len("ethnic Turks")), article).code == "BGR"
    alone = "Ethnic Turks marched."
    doc, article, _ = actors_in(alone)
    assert coder().code_mention(doc[0:2], article).code == "TUR"


def test_the_united_states_is_a_state_actor():
    text = "The United States said it would cut aid."
    _, _, actors = actors_in(text)
    usa = actor_of(text, actors, "United States")
    assert (usa.code, usa.sector) == ("USA", "GOV")
    assert actor_of(text, actors, "it would") is usa


def test_a_bare_surname_prefers_the_person_the_article_named():
    text = "Senator Hillary Clinton met voters in Iowa. Clinton said Sen. Marco Rubio was wrong."
    _, _, actors = actors_in(text)
    hillary = actor_of(text, actors, "Hillary Clinton")
    assert actor_of(text, actors, "Clinton said") is hillary
    rubio = actor_of(text, actors, "Marco Rubio")
    assert (rubio.code, rubio.sector) == ("USA", "LEG")


def test_an_empty_it_refers_to_nothing():
    text = "Police fired tear gas. It was not clear whether anyone was hurt."
    _, _, actors = actors_in(text)
    start = text.index("It was")
    assert actor_for_span(actors, start, start + 2) is None


def test_knowledge_base_rows_are_valid():
    lex = actor_kb.load()
    assert len(lex.kb) > 300
    seen: dict[str, str] = {}
    for entry in lex.kb:
        assert entry.code is None or actor_kb.valid_code(entry.code), entry
        assert entry.sector is None or entry.sector in codes.SECTORS, entry
        assert entry.kind in ("org", "person"), entry
        for alias in entry.aliases:
            assert seen.setdefault(alias, entry.name) == entry.name, f"{alias!r} names two KB rows"
        for term in entry.terms:
            assert term.sector in codes.SECTORS, entry
            assert all(date.fromisoformat(day) for day in (term.start, term.end) if day), entry
            assert not (term.start and term.end) or term.start <= term.end, entry
    assert all(actor_kb.valid_code(code) for code in lex.demonyms.values())
    assert all(actor_kb.valid_code(code) for code in lex.countries.values())
    assert all(role.sector in codes.SECTORS for role in lex.roles.values())


def test_actors_reach_the_article_record(run_cli, tmp_path, article_validator):
    import json

    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a1", "text": "Israeli soldiers arrested two Palestinians in Hebron."}) + "\n"
    )
    out = tmp_path / "out.jsonl"
    run_cli("run", str(source), "--out", str(out), "--quiet")
    record = json.loads(out.read_text().splitlines()[0])
    article_validator.validate(record)
    codes = {(a["code"], a["sector"]) for a in record["actors"]}
    assert ("ISR", "MIL") in codes and ("PSE", "CVL") in codes


def test_it_is_willing_refers_to_the_state_but_it_was_not_clear_refers_to_nothing():
    text = "Egypt said it was willing to host the talks. It was not clear when they would start."
    _, _, actors = actors_in(text)
    egypt = actor_of(text, actors, "Egypt")
    assert actor_of(text, actors, "it was willing") is egypt
    assert actor_of(text, actors, "It was not clear") is None


def test_police_are_police_though_a_town_is_called_police():
    text = "Police arrested 12 protesters outside the parliament."
    _, _, actors = actors_in(text)
    police = actor_of(text, actors, "Police")
    assert police is not None and police.sector == "COP"


def test_police_and_the_man_they_shot_are_two_actors():
    """Words the gazetteer also knows as places ("police": Police, Poland; "man": the Isle of Man) still tell
    one role from another."""
    text = "Police shot a man on Monday."
    _, _, actors = actors_in(text)
    assert actor_of(text, actors, "Police") != actor_of(text, actors, "man")
    shot = analyse(text)[1].events[0]
    assert ([p.text for p in shot.actor], [p.text for p in shot.recipient]) == (["Police"], ["a man"])


def test_who_is_accused_is_not_what_they_are_accused_of():
    accused = analyse("The union accused the minister of corruption on Monday.")[1].events[0]
    assert [p.text for p in accused.recipient] == ["the minister"]
    blamed = analyse("The mayor blamed the governor for the delays.")[1].events[0]
    assert [p.text for p in blamed.recipient] == ["the governor"]


def test_who_after_a_named_person_is_that_person():
    text = "The family of Maria Lopez, who was shot by an officer in March, asked for the video."
    shot = next(e for e in analyse(text)[1].events if e.trigger.text == "shot")
    assert [p.text for p in shot.recipient] == ["Maria Lopez"]


def test_a_suspect_or_a_defendant_is_a_participant():
    sentenced = analyse("The judge sentenced the defendant to ten years.")[1].events[0]
    assert [p.text for p in sentenced.recipient] == ["the defendant"]
    shot = analyse("Police shot the suspect in the leg.")[1].events[0]
    assert [p.text for p in shot.recipient] == ["the suspect"]


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("Campaign manager Chad Sweet said the senator would respond.", "Chad Sweet", None),
        ("Jordan Peterson criticised the minister.", "Jordan Peterson", None),
        ("Chad closed its border with Sudan on Monday.", "Chad", "TCD"),
        ("Jordan said it would reopen the crossing.", "Jordan", "JOR"),
    ],
)
def test_a_country_name_inside_a_person_s_name_is_not_their_country(text, phrase, code):
    _, _, actors = actors_in(text)
    assert actor_of(text, actors, phrase).code == code


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Cuban met the senator in Dallas on Monday.",
        "Investor Mark Cuban spoke in Austin on Monday. Cuban met the senator in Dallas on Tuesday.",
    ],
)
def test_a_demonym_after_an_honorific_or_as_a_known_surname_is_a_person_not_a_nationality(text):
    met = next(e for e in analyse(text)[1].events if e.trigger.text == "met")
    assert "Cuban" in met.actor[0].text and met.actor[0].code is None


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("Louisiana Gov. Bobby Jindal signed an order on Syrian refugees.", "Louisiana Gov. Bobby Jindal", "USA"),
        ("New Jersey Gov. Chris Christie criticized the senator.", "New Jersey Gov. Chris Christie", "USA"),
    ],
)
def test_a_state_in_a_title_gives_its_country_and_is_read_whole(text, phrase, code):
    _, _, actors = actors_in(text)
    assert actor_of(text, actors, phrase).code == code


def test_a_named_person_with_no_other_cue_takes_the_country_the_article_is_about():
    text = (
        "Nigerian lawmakers met in Abuja on Monday. The Nigerian senate debated the budget in Lagos. "
        "Amina Bello criticised the plan, and Okafor left early."
    )
    _, _, actors = actors_in(text)
    assert actor_of(text, actors, "Amina Bello").code == "NGA"
    assert actor_of(text, actors, "Okafor").code is None  # a lone word the model calls a name: no guess
    elsewhere = "Amina Bello criticised the plan on Monday."
    _, _, actors = actors_in(elsewhere)
    assert actor_of(elsewhere, actors, "Amina Bello").code is None  # no country dominates: none


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Republicans accused the president of politicizing the tragedy.", "Republicans"),
        ("Top Democrats called on him to quit the race.", "Democrats"),
    ],
)
def test_the_two_american_parties_are_known_by_their_plural_names(text, phrase):
    _, _, actors = actors_in(text)
    actor = actor_of(text, actors, phrase)
    assert (actor.code, actor.sector) == ("USA", "PTY")


def test_lower_case_republicans_are_not_the_american_party():
    text = "Police in Belfast said dissident republicans planted the device."
    _, _, actors = actors_in(text)
    actor = actor_of(text, actors, "dissident republicans")
    assert actor is None or actor.code != "USA"


PETRAEUS = "David Petraeus, a top general in the wars in Iraq and Afghanistan, was sentenced by a federal judge."
NATO_CONVOY = "A suicide attack on a convoy of the Nato mission in Afghanistan killed at least eight people in Kabul."


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        # The state it acts on, or is acted on by, is not its own: a state does not accuse itself.
        ("Officials accused Iran of hiding its nuclear program.", "Officials", None),
        ("The ministers asked Russia to withdraw its troops.", "The ministers", None),
        ("Russia was urged by ministers to withdraw.", "ministers", None),
        ("Lawmakers criticised Iran and Syria over the talks.", "Lawmakers", None),
        ("Iran accused the inspectors of spying.", "the inspectors", None),
        # Where its own verb or noun goes is not where it is from, unless it is sent home; what a state
        # sends is the state's.
        ("The Secretary of State's visit to Cairo was cancelled on Monday.", "The Secretary of State", None),
        ("Britain sent 300 troops to Mali on Tuesday.", "300 troops", "GBR"),
        ("Peacekeepers were deployed to Eritrea by Qatar.", "Peacekeepers", "QAT"),
        ("Guatemala deported 300 migrants to Honduras last week.", "300 migrants", "HND"),
        # The site of a war, a mission or a meeting is nobody's country ...
        (PETRAEUS, "David Petraeus", None),
        (PETRAEUS, "a federal judge", None),
        ("Peace talks between the government and the rebels resumed in Doha.", "the government", None),
        ("The two presidents discussed the border dispute in Geneva on Monday.", "The two presidents", None),
        ("Diplomats met in Vienna to discuss the nuclear programme.", "Diplomats", None),
        # ... but where its own clause happens is.
        ("Police arrested two men in Lagos, and officials accused Nigeria's rivals of meddling.", "Police", "NGA"),
        (NATO_CONVOY, "at least eight people", "AFG"),
        ("About 900 contract employees stopped work on Tuesday in a strike at the Ertsberg mine in Papua.", "About 900 contract employees", "IDN"),
        # A place that only describes a thing in the clause does not place its people.
        ("A Peruvian judge ordered the former minister to testify in an inquiry into arms sales to Ecuador.", "the former minister", "PER"),
        # A party-and-state tag makes an American legislator.
        ("Sen. Lindsey Graham (R-SC) criticised the plan on Monday.", "Sen. Lindsey Graham", "USA"),
        ("Sen. Dianne Feinstein (D-Calif.) accused the agency of negligence.", "Sen. Dianne Feinstein", "USA"),
    ],
)
def test_the_country_of_a_body_whose_phrase_names_none(text, phrase, code):
    _, _, actors = actors_in(text)
    assert actor_of(text, actors, phrase).code == code


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Female troops preferred the senator, while male troops backed the governor, the poll found.", "male troops"),
        ("Male soldiers and female soldiers backed the general.", "Male soldiers"),
    ],
)
def test_a_word_that_spells_a_capital_is_not_its_name(text, phrase):
    """Malé is the capital of the Maldives; "male troops" are men."""
    _, _, actors = actors_in(text)
    actor = actor_of(text, actors, phrase)
    assert actor is None or actor.code != "MDV"


def test_only_a_capitalised_name_among_coordinated_modifiers_adds_a_country():
    doc, article = analyse("The attack on the lesbian, gay and transgender community shocked Orlando.", upto="actors")
    community = next(c for c in doc.noun_chunks if c.root.lower_ == "community")
    assert [p.code for p in participants(community, article)] == [participant(community, article).code]


def test_a_dateline_left_in_the_text_is_no_part_of_the_name_after_it():
    text = "PARIS - Bernie Sanders met the French president at the Elysee on Monday."
    _, _, actors = actors_in(text)
    sanders = actor_of(text, actors, "Bernie Sanders")
    assert [m.text for m in sanders.mentions] == ["Bernie Sanders"]
    assert (sanders.code, sanders.sector) == ("USA", "LEG")


@pytest.mark.parametrize(
    "published, trump, clinton",
    [
        ("2016-05-01", "PTY", "PTY"),  # both candidates
        ("2018-05-01", "GOV", "ELI"),  # the president and a former secretary of state
        (None, "GOV", "GOV"),  # undated text: the row's sector
    ],
)
def test_a_known_person_has_the_sector_of_the_day_the_article_was_published(published, trump, clinton):
    text = "Donald Trump attacked Hillary Clinton on Monday."
    _, article = analyse(text, published=published, upto="actors")
    sectors = {actor.name: actor.sector for actor in article.actors}
    assert sectors == {"Donald Trump": trump, "Hillary Clinton": clinton}


def test_a_title_still_beats_the_sector_of_the_day():
    text = "Secretary of State Hillary Clinton met the Egyptian foreign minister."
    _, article = analyse(text, published="2016-05-01", upto="actors")
    assert actor_of(text, article.actors, "Hillary Clinton").sector == "GOV"


@pytest.mark.parametrize(
    "text, sector",
    [
        ("A white officer shot the man during a traffic stop in Minnesota, police said.", "COP"),
        ("The officer who shot the teenager will not be charged, the police department said.", "COP"),
        ("Two officers were wounded when gunmen attacked a checkpoint near Aleppo, the army said.", "MIL"),
        ("NYPD officers arrested 20 protesters in Manhattan on Friday.", "COP"),
        ("Syrian army officers defected to the rebels on Monday.", "MIL"),
    ],
)
def test_an_officer_serves_the_force_the_story_names(text, sector):
    _, article = analyse(text, upto="actors")
    officer = next(a for a in article.actors if "officer" in a.name.lower())
    assert officer.sector == sector


def test_a_company_officer_is_no_policeman():
    text = "The chief executive officer of the bank met police chiefs in London."
    _, article = analyse(text, upto="actors")
    assert actor_of(text, article.actors, "chief executive officer").sector == "BUS"


def test_a_surname_inside_a_phrase_is_the_person_the_article_names_in_full():
    text = "Hillary Clinton spoke in Ohio. Clinton spokeswoman Jennifer Palmieri said the campaign would fight on."
    _, article = analyse(text, published="2016-05-01", upto="actors")
    assert actor_of(text, article.actors, "Jennifer Palmieri").sector == "PTY"  # the candidate's, not Bill's ELI


@pytest.mark.parametrize(
    "text, phrase, sector",
    [
        ("Union presidents met on Monday.", "Union presidents", "LAB"),
        ("President Obama visited Cairo.", "Obama", "GOV"),
        ("The former president said he would vote.", "former president", "GOV"),
    ],
)
def test_a_president_presides_over_the_body_named_beside_it(text, phrase, sector):
    _, article = analyse(text, upto="actors")
    assert actor_of(text, article.actors, phrase).sector == sector
