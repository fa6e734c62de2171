"""Event coding on short news-like texts written for these tests: types, modes, roles, attributes."""

from __future__ import annotations

import json

import pytest

from analysed import analyse
from eventwire import nlp
from eventwire.coding.events import candidates, code_events
from eventwire.coding.participants import distinct
from eventwire.model import Article, Event, Participant, Source


def coded(text: str) -> list[Event]:
    return analyse(text, "2024-03-05")[1].events


def chosen(events: list[Event]) -> Event:
    """The event a sentence-level reader takes: most confident factual one (as the scorers do)."""
    factual = [e for e in events if not e.negated and not e.hypothetical] or events
    return max(factual, key=lambda e: e.confidence)


def proposed(text: str, trigger: str) -> list[str]:
    """The types the lexicon rules propose for `trigger`, before the verifier weighs them."""
    doc, article = analyse(text, "2024-03-05", upto="quotes")
    return [c.event.event for c in candidates(doc, article, 1.0) if c.event.trigger.text == trigger]


def only(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert len(found) == 1, [(e.trigger.text, e.event) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "event", "mode"),
    [
        ("Israeli warplanes struck a house in Khan Younis on Monday.", "ASSAULT", "aerial"),
        ("A roadside bomb exploded near an army patrol outside Kandahar.", "ASSAULT", "explosives"),
        ("Rebels shelled the government-held district overnight.", "ASSAULT", "heavy-weapons"),
        ("Gunmen kidnapped two aid workers in northern Mali.", "ASSAULT", "abduct"),
        ("Shopkeepers in Hebron observed a general strike on Tuesday.", "PROTEST", "strike"),
        ("Hundreds of students rioted in the capital after the verdict.", "PROTEST", "riot"),
        ("Police detained the opposition leader at his home.", "COERCE", "arrest"),
        ("The government deployed troops along the border with Sudan.", "MOBILIZE", "troops"),
        ("Egypt's foreign minister visited Amman for two days.", "CONSULT", "visit"),
        ("The guerrillas released four hostages on Friday.", "RETREAT", "release"),
        ("The prime minister resigned after the vote of no confidence.", "RETREAT", "resign"),
        ("Greece expelled two Russian diplomats on Wednesday.", "SANCTION", "expel"),
        ("The ministry condemned the decision as illegal.", "ACCUSE", "disapprove"),
        ("The police fired more than 300 rounds in the old city.", "ASSAULT", "firearms"),
        ("Riot police fired tear gas to disperse the crowd.", "ASSAULT", "crowd-control"),
        ("Police fired tear gas to break up the mob outside the stadium.", "ASSAULT", "crowd-control"),
        ("The police fired tear-gas shells at the mob near the station.", "ASSAULT", "crowd-control"),
        ("Constables lathi-charged the crowd outside the collectorate.", "ASSAULT", "crowd-control"),
        ("Officers lobbed teargas canisters at the marchers on the bridge.", "ASSAULT", "crowd-control"),
        ("The army fired shells at rebel positions in the hills.", "ASSAULT", "heavy-weapons"),
        ("Senator Graham called out his rival for alienating Hispanic voters.", "ACCUSE", "disapprove"),
        ("The government backed down on the fuel tax after protests.", "CONCEDE", None),
        ("The United States pulled its troops out of Iraq.", "RETREAT", "withdraw"),
    ],
)
def test_general_rules_type_and_mode(text: str, event: str, mode: str) -> None:
    best = chosen(coded(text))
    assert (best.event, best.mode) == (event, mode)


def test_statements_alone_are_not_events() -> None:
    assert coded("The spokesman said the weather in the capital was mild on Tuesday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The candidate backed out of the conference on Friday.",
        "Rescuers pulled him out of the rubble.",
        "When the city beat out Dallas, Denver and other cities competing to host the convention, officials cheered.",
        "NATO drew up plans for meeting any Russian challenge on its eastern border.",
        "The government failed to meet the deadline set by the IMF.",
    ],
)
def test_phrasal_verbs_out_of_their_event_sense_are_not_events(text: str) -> None:
    """ "back" is support, "pull out" a withdrawal and "meet" a meeting, but not backing out of a date, pulling a
    person out or meeting a challenge."""
    assert coded(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The collector apprehended that the pilgrims would head for the disputed site after the prayers.",
        "Shopkeepers were apprehending trouble once the procession reached the old market.",
    ],
)
def test_apprehending_trouble_is_a_fear_not_an_arrest(text: str) -> None:
    """In Indian and older English "apprehend" also means "fear": no one was arrested."""
    assert not [e for e in coded(text) if e.event == "COERCE"]


def test_people_burnt_alive_were_attacked_not_property() -> None:
    burnt = only(coded("Eleven passengers were burnt alive when the mob set the coach on fire."), "burnt")
    assert burnt.event == "ASSAULT"
    assert only(coded("Rioters burned three shops in the market on Sunday."), "burned").event == "COERCE"


@pytest.mark.parametrize(
    "text",
    [
        "The moderator asked the senator whether she would back the treaty.",
        "The host asked the governor if she would sign the bill.",
        "Reporters asked the minister what he would do about the border.",
        "The anchor asked the candidates why they deserved the nomination.",
        "Journalists asked the general about the convoy.",
        "Asked at a briefing on Monday about the general's future, the spokesman said the vote was a step forward.",
        "When asked about the pipeline, the minister said nothing.",
    ],
)
def test_a_question_is_not_a_request(text: str) -> None:
    assert [e for e in coded(text) if e.trigger.text == "asked"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The council asked the army to decide whether to withdraw from the town.",
        "Police asked residents to stay indoors if possible.",
    ],
)
def test_asking_someone_to_act_is_a_request(text: str) -> None:
    assert only(coded(text), "asked").event == "REQUEST"


def test_a_participle_that_names_its_asker_is_a_request() -> None:
    events = coded("Asked by the United Nations to withdraw its troops, the government refused.")
    assert only(events, "Asked").event == "REQUEST"


@pytest.mark.parametrize(
    ("text", "trigger", "consults"),
    [
        ("The prime minister talked about the progress of the reform in his speech.", "talked", False),
        ("President Macron talked about the economy at the rally.", "talked", False),
        ("The foreign minister discussed the sanctions in an interview on state television.", "discussed", False),
        ("The two presidents discussed the border dispute on Monday.", "discussed", True),
        ("The foreign minister talked with his Iranian counterpart on Tuesday.", "talked", True),
        ("Ruto and Museveni discussed the pipeline in Nairobi.", "discussed", True),
        ("There has been a lot of talk about unity in the party lately.", "talk", False),
        ("Peace talks between the government and the rebels resumed in Doha.", "talks", True),
    ],
)
def test_talking_is_a_consultation_only_between_two_sides(text: str, trigger: str, consults: bool) -> None:
    found = [e.event for e in coded(text) if e.trigger.text == trigger]
    assert found == (["CONSULT"] if consults else [])


@pytest.mark.parametrize(
    ("text", "trigger", "event"),
    [
        ("Fans queuing outside the stadium talked about the match.", "talked", None),
        ("Villagers requested a second song from the band.", "requested", None),
        ("Late on Sunday the city lifted the curfew it had imposed after the riots.", "lifted", "CONCEDE"),
        ("A British national was put under investigation in Athens for his role in the riot.", "investigation", "ACCUSE"),
    ],
)
def test_private_people_acting_in_words_are_no_event(text: str, trigger: str, event: str | None) -> None:
    """Civilians act politically only when they protest, riot or attack; a town that acts is its council, and a
    civilian may be on the receiving end of a political act."""
    assert [e.event for e in coded(text) if e.trigger.text == trigger] == ([event] if event else [])


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        ("The mayor warned residents about the risks of swimming in the flooded river.", False),
        ("Economists warned of a recession next year.", False),
        ("The minister warned the rebels to leave the city by Friday.", True),
        ("The army warned residents of the border villages to leave their homes.", True),
        ("Moscow warned Kyiv that it would cut gas supplies.", True),
        ("Senator Kim warned that Governor Lopez would drive the party off a cliff.", False),
    ],
)
def test_a_warning_about_dangers_is_no_threat(text: str, threat: bool) -> None:
    assert ("THREATEN" in [e.event for e in coded(text)]) is threat


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The senator offered an emotional defense of the city during the debate.", "offered"),
        ("The leaked cables offered a glimpse into the talks.", "offered"),
        ("Lyon spent heavily on hosting the festival last summer.", "hosting"),
        ("The congressman demanded to know which rival campaign leaked the tapes.", "demanded"),
        ("The senator has stood up and fought for our right to bear arms.", "fought"),
        ("To alert local law enforcement, the message continues, hold a sign over your head.", "alert"),
        ("The candidate keeps shooting himself in the foot.", "shooting"),
        ("Both campaigns deployed hundreds of volunteers to knock on doors.", "deployed"),
        ("The two governments talked past each other for years.", "talked"),
        ("The governor offered her congratulations to the new mayor.", "offered"),
        ("The minister's speech offered a sharp contrast with the premier's.", "offered"),
        ("The senator said the judge's mind is shot.", "shot"),
        ("Analysts said the rebel commander was a threat to the region.", "threat"),
        ("The ministry said not all of the e-mails have been released yet.", "released"),
    ],
)
def test_words_of_events_in_other_senses_are_no_events(text: str, trigger: str) -> None:
    """Offering a defense, congratulations or a contrast is no agreement, hosting a festival no visit, demanding
    to know a question, fighting for a right no battle, alerting the police no mobilisation, shooting oneself in
    the foot no shooting (nor is a mind that is shot), deploying volunteers no troops, talking past each other no
    talks; someone said to be a threat threatens no one, and e-mails are published, not freed."""
    assert proposed(text, trigger) == []


@pytest.mark.parametrize(
    ("text", "trigger", "event"),
    [
        ("Egypt offered to mediate between the two sides.", "offered", "AGREE"),
        ("Qatar hosted the talks between the rebels and the government.", "hosted", "CONSULT"),
        ("The gunman shot himself after the attack.", "shot", "ASSAULT"),
        ("Kurdish fighters fought for control of the town.", "fought", "ASSAULT"),
        ("The army alerted its troops along the border.", "alerted", "MOBILIZE"),
    ],
)
def test_the_same_words_in_their_event_sense_still_are(text: str, trigger: str, event: str) -> None:
    assert proposed(text, trigger) == [event]
    assert [e.event for e in coded(text) if e.trigger.text == trigger] == [event]


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        ("Al Shabaab was responsible for the killing of the aid workers.", "killing", "Al Shabaab"),
        ("The Islamic State claimed responsibility for the bombing in Kabul.", "bombing", "The Islamic State"),
        ("The Taliban took responsibility for the ambush near Kandahar.", "ambush", "The Taliban"),
        ("Officials blamed the Taliban for the attack on the checkpoint.", "attack", "the Taliban"),
        ("The rebels were accused of the massacre in the village.", "massacre", "The rebels"),
        ("The government held the militia responsible for the attack.", "attack", "the militia"),
        ("The minister lashed out at the rebels for shelling the market.", "shelling", "the rebels"),
        ("Police arrested two men for the bombing of the mosque.", "bombing", "two men"),
    ],
)
def test_whoever_is_held_responsible_for_a_deed_is_its_actor(text: str, trigger: str, actor: str) -> None:
    assert [p.text for p in only(coded(text), trigger).actor] == [actor]


def test_an_occasion_words_are_said_at_is_no_recipient() -> None:
    text = "The minister urged a greater security role for the country at the annual Munich Security Conference."
    assert only(coded(text), "urged").recipient == []
    assert [p.text for p in only(coded("Gunmen fired at the embassy on Monday."), "fired").recipient] == ["the embassy"]


def test_a_denial_names_no_actor() -> None:
    assert only(coded("The group denied responsibility for the bombing."), "bombing").actor == []


def test_casualty_sizes_and_active_roles() -> None:
    text = "Militants killed a member of the security forces and wounded two others in the town."
    killed = only(coded(text), "killed")
    assert killed.event == "ASSAULT"
    assert (killed.size.dead, killed.size.injured) == (1, 2)
    assert [p.text for p in killed.actor] == ["Militants"]
    assert [p.text for p in killed.recipient] == ["a member of the security forces"]
    assert [m.text for m in killed.mentions] == ["killed", "wounded"]  # one attack, told with two verbs


def test_passive_agent_is_the_actor() -> None:
    attacked = only(coded("The convoy was attacked by insurgents near Ghazni."), "attacked")
    assert [p.text for p in attacked.actor] == ["insurgents"]
    assert [p.text for p in attacked.recipient] == ["The convoy"]


def test_whoever_faces_or_draws_an_act_undergoes_it() -> None:
    criticism = only(coded("The minister drew sharp criticism from opposition lawmakers on Monday."), "criticism")
    assert [p.text for p in criticism.actor] == ["opposition lawmakers"]
    assert [p.text for p in criticism.recipient] == ["The minister"]


def test_an_act_that_only_dates_another_is_not_done_by_its_subject() -> None:
    attacks = only(coded("After the bombing in the market, the governor issued a statement."), "bombing")
    assert attacks.actor == []


def test_whoever_is_judged_for_an_act_did_it() -> None:
    killing = only(coded("The senator criticized the officer for shooting and killing an unarmed man."), "killing")
    assert [p.text for p in killing.actor] == ["the officer"]


def test_a_force_that_was_deployed_is_the_side_that_mobilizes() -> None:
    deployed = only(coded("Police were deployed in the market area after the clashes."), "deployed")
    assert deployed.event == "MOBILIZE"
    assert [p.text for p in deployed.actor] == ["Police"]
    assert deployed.recipient == []
    sent = only(coded("Reinforcements were deployed by the interior ministry overnight."), "deployed")
    assert [p.text for p in sent.actor] == ["the interior ministry"]


def test_whoever_is_forced_to_act_acts_and_did() -> None:
    text = "Villagers threw stones at the patrol for an hour, forcing the police to open fire in the air."
    fired = only(coded(text), "open")
    assert [p.text for p in fired.actor] == ["the police"]
    assert not fired.hypothetical
    urged = only(coded("The mayor urged the police to open the road."), "open")
    assert urged.hypothetical  # urging is no forcing: it may not happen


def test_coordinated_actors_and_number_words() -> None:
    events = coded("Police and soldiers arrested twenty-five people in the raid.")
    arrested = only(events, "arrested")
    assert [p.text for p in arrested.actor] == ["Police", "soldiers"]
    assert arrested.size.arrested == 25


def test_participants_count_from_the_actor() -> None:
    rally = only(coded("About 5,000 demonstrators marched through the city centre."), "marched")
    assert rally.event == "PROTEST"
    assert rally.size.participants == 5000


def test_threat_is_factual_and_the_threatened_act_hypothetical() -> None:
    events = coded("The rebels threatened to bomb the airport.")
    assert only(events, "threatened").hypothetical is False
    assert only(events, "bomb").hypothetical is True
    assert chosen(events).event == "THREATEN"


def test_intention_and_call_are_hypothetical_but_continuing_is_not() -> None:
    assert only(coded("The army intends to build a new base in the valley."), "build").hypothetical
    assert only(coded("Unions called for a general strike next week."), "strike").hypothetical
    assert not only(coded("Foreign advisers continue to train local fighters."), "train").hypothetical


def test_what_someone_is_going_to_do_or_suggests_doing_is_not_done_yet() -> None:
    assert only(coded("The mayor is going to meet the governor in Dakar."), "meet").hypothetical
    assert only(coded("“We’re going to meet the governor in Dakar,” the mayor said."), "meet").hypothetical
    assert not only(coded("The mayor went to Dakar to meet the governor."), "meet").hypothetical
    assert only(coded("The senator suggested boycotting the summit in Geneva."), "boycotting").hypothetical
    assert not only(coded("The evidence suggests that police beat the prisoners."), "beat").hypothetical


def test_an_act_a_noun_plans_permits_or_decides_is_not_reported_as_done() -> None:
    assert only(coded("The rebels announced a plan to attack the capital."), "attack").hypothetical
    assert only(coded("Troops were given permission to fire on protesters."), "fire").hypothetical
    assert only(coded("It was a decision to bomb the bridge."), "bomb").hypothetical
    assert only(coded("Police made no attempt to arrest the gunmen."), "arrest").negated
    assert not only(coded("Police made an attempt to arrest the gunmen on Monday."), "arrest").hypothetical
    sentence = "The minister defended her decision to meet the envoy while the police were investigating his company."
    assert not only(coded(sentence), "investigating").hypothetical  # a clause of its own


def test_announced_intent_is_coded_as_agree() -> None:
    events = coded("Norway will provide food aid to the refugees.")
    assert only(events, "provide").hypothetical
    stance = chosen(events)
    assert (stance.event, stance.cameo_root, stance.trigger.text) == ("AGREE", "03", "will")


def test_what_someone_will_undergo_is_no_stance_of_anyone() -> None:
    events = coded("The governor will face sharp criticism from the unions next week.")
    assert not [e for e in events if e.event in ("AGREE", "THREATEN")]
    assert only(events, "criticism").hypothetical


def test_an_intent_someone_may_have_is_a_guess_not_an_announcement() -> None:
    assert chosen(coded("The billionaire is willing to back the senator.")).event == "AGREE"
    assert "AGREE" not in {e.event for e in coded("The billionaire may be willing to back the senator.")}


def test_would_is_an_intent_only_in_someones_words() -> None:
    said = coded("The minister said Norway would provide food aid to the refugees.")
    assert (chosen(said).event, chosen(said).trigger.text) == ("AGREE", "would")
    about_another = coded("Some senators say the mayor would help the governor win the vote.")
    assert "AGREE" not in {e.event for e in about_another}  # their guess about the mayor, not her intent
    assert "AGREE" not in {e.event for e in coded("The mayor said she would probably back the governor.")}
    guessed = coded("A tougher president would impose sanctions on Russia.")
    assert [e.event for e in guessed] == ["SANCTION"] and guessed[0].hypothetical  # the writer's guess: no threat



@pytest.mark.parametrize(
    "text",
    [
        "Marco Rubio, will you resign?",  # a question
        "Activists said they fear the president will make a deal with the opposition.",  # their guess
        "The mayor said the plan would have given the police the authority to arrest protesters.",  # it did not
        "He said it will also put more strain on the deal Germany brokered with Turkey.",  # not the deal
        "The senator said he wants a country that will support its allies.",  # describes a country
    ],
)
def test_no_intent_where_no_one_announces_one(text: str) -> None:
    assert not [e for e in coded(text) if e.event in ("AGREE", "THREATEN") and e.trigger.text in ("will", "would")]


def test_a_word_of_a_name_is_no_event_but_a_headline_in_capitals_still_codes() -> None:
    assert coded("James Comey, the director of the Federal Bureau of Investigation, spoke in Ohio.") == []
    assert coded("Mr. Trump said on NBC's Meet the Press that she lies.") == []
    assert {"COERCE", "ASSAULT"} <= {e.event for e in coded("Police Arrest Three Men After Attack On Mosque")}


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        ("China warned North Korea to refrain from further tests.", True),
        ("The security chief warned that police will no longer tolerate rallies by the group.", True),
        ("The rebels warned that if the army did not withdraw, they would attack the city.", True),
        ("Mr. Obama warned that the museum would not be a panacea.", False),
        ("The senator warned that the cartel is growing nervous.", False),
        ("The chancellor warned against the forces of hate.", False),
    ],
)
def test_a_warning_is_a_threat_when_it_is_of_an_act_to_someone_or_on_a_condition(text: str, threat: bool) -> None:
    assert ("THREATEN" in {e.event for e in coded(text)}) == threat


def test_negated_event_is_kept_and_marked() -> None:
    events = coded("Witnesses said troops did not attack the village.")
    attack = only(events, "attack")
    assert attack.negated and attack.event == "ASSAULT"


def test_a_failure_to_act_negates_the_act() -> None:
    failure = only(coded("Critics were angered by the president's failure to condemn the militia."), "condemn")
    assert failure.negated


def test_an_act_on_nothing_is_negated() -> None:
    assert only(coded("The rebels signed no agreement with the government."), "signed").negated
    assert not only(coded("Gunmen killed no fewer than 20 people in the village."), "killed").negated


def test_a_negated_belief_negates_what_it_holds_but_not_knowing_does_not() -> None:
    assert only(coded("I do not think the army attacked the village."), "attacked").negated
    assert not only(coded("He did not know that the army had attacked the village."), "attacked").negated


def test_what_something_is_not_is_negated_but_what_it_is_not_part_of_is_not() -> None:
    assert only(coded("The governor said the fire was not a terrorist attack."), "attack").negated
    assert not only(coded("The governor said the fire was a terrorist attack."), "attack").negated
    assert not only(coded("The ministry said the prisoner was not part of the deal."), "deal").negated


def test_an_order_or_a_plan_in_the_imperative_has_not_happened() -> None:
    assert only(coded("Bomb the bridges, the general told his officers."), "Bomb").hypothetical
    assert only(coded("Two, disrupt and dismantle the terrorist infrastructure that moves fighters."), "dismantle").hypothetical
    assert not only(coded("The general said his men bombed the bridges."), "bombed").hypothetical
    tag = '<tweet author="x">Another horrific attack on Monday, this time in Nice, France.'
    assert not any(e.hypothetical for e in coded(tag))  # a leftover tag's word is no order


def test_a_question_whether_something_happened_does_not_report_it() -> None:
    assert only(coded('"Did you shoot him?" the officer asked the guard.'), "shoot").hypothetical
    assert only(coded("Has the army shelled the hospital in Idlib?"), "shelled").hypothetical
    assert not only(coded("Why did the army shell the hospital in Idlib?"), "shell").hypothetical


def test_what_a_force_is_capable_of_or_an_impending_act_has_not_happened() -> None:
    assert only(coded("The navy is capable of striking ports across the region with missiles."), "striking").hypothetical
    assert only(coded("Analysts warned of an impending withdrawal of US troops from the region."), "withdrawal").hypothetical


def test_what_happens_once_something_is_done_has_not_happened_yet() -> None:
    assert only(coded("The agency will resume inspections once a political agreement is reached."), "agreement").hypothetical
    assert not only(coded("Once the troops arrived, they attacked the village."), "attacked").hypothetical


def test_a_habit_is_no_single_event_but_a_verb_beside_it_is() -> None:
    assert only(coded("The governor often blames the unions for the strikes."), "blames").hypothetical
    assert only(coded("Police routinely arrest journalists in the capital."), "arrest").hypothetical
    stated = coded("The mayor used the phrase often in her speech, and criticized the police chief.")
    assert not only(stated, "criticized").hypothetical


def test_a_refusal_to_condemn_an_invasion_does_not_deny_the_invasion() -> None:
    events = coded("Germany did not condemn Russia's invasion of Ukraine.")
    assert only(events, "condemn").negated
    assert not only(events, "invasion").negated  # the invasion happened; the condemnation did not
    agreement = coded("The company did not sign an agreement with the union.")
    assert all(e.negated for e in agreement)  # signing makes the agreement: there is none
    talks = coded("The two sides did not hold talks on Monday.")
    assert talks and all(e.negated for e in talks)


def test_reported_by_speech_verb_and_according_to() -> None:
    said = only(coded("Jets bombed the market, the monitoring group said."), "bombed")
    assert [s.text for s in said.reported_by] == ["the monitoring group"]
    according = only(coded("According to local officials, gunmen shot a teacher."), "shot")
    assert [s.text for s in according.reported_by] == ["local officials"]


def test_pronoun_source_continues_the_previous_source() -> None:
    events = coded("The Observatory said jets struck Idlib. It added that rebels shelled a checkpoint.")
    assert [s.text for s in only(events, "shelled").reported_by] == ["The Observatory"]


def test_acled_codes_follow_participants() -> None:
    attack = only(coded("Soldiers shot dead three villagers in the market."), "shot")
    assert attack.acled == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    strike = chosen(coded("A drone strike hit a car carrying militants."))
    assert strike.acled == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}


@pytest.mark.parametrize(
    ("text", "trigger", "event", "sub_event_type"),
    [
        ("Police discovered a cache of rifles and ammunition in a farmhouse near Kano.", "discovered",
         "COERCE", "Disrupted weapons use"),
        ("About 200 fighters of the Mai-Mai group surrendered to the army in Walikale on Monday.", "surrendered",
         "RETREAT", "Agreement"),
        ("The army and the rebels exchanged 40 prisoners near the front line on Friday.", "exchanged",
         "RETREAT", "Agreement"),
        ("Dozens of soldiers defected to the rebels in the northern district on Sunday.", "defected",
         "RETREAT", "Change to group/activity"),
        ("The army deployed troops and tanks to the border town of Kilis on Tuesday.", "deployed",
         "MOBILIZE", "Change to group/activity"),
        ("Government helicopters dropped barrels of chlorine on the town of Kafr Zita on Monday, residents said.",
         "dropped", "ASSAULT", "Chemical weapon"),
    ],
)
def test_acled_strategic_developments_and_weapons_follow_the_codebook(text, trigger, event, sub_event_type) -> None:
    found = only(coded(text), trigger)
    assert (found.event, found.acled and found.acled["sub_event_type"]) == (event, sub_event_type)


def test_offsets_ids_and_explanations() -> None:
    text = "Protesters blocked the highway. Police fired tear gas at them and arrested 12 people."
    first = coded(text)
    again = coded(text)
    assert [e.id for e in first] == [e.id for e in again]
    assert len({e.id for e in first}) == len(first)
    for event in first:
        for span in [event.trigger, event.sentence, *event.actor, *event.recipient, *event.reported_by]:
            assert text[span.start : span.end] == span.text
        assert event.explanation and "lexicon" in event.explanation
        assert 0.0 <= event.confidence <= 1.0


def test_code_events_on_a_bare_article() -> None:
    text = "Troops clashed with rebels near the border."
    events = code_events(
        nlp.load()(text), Article(id="bare", source=Source(None, None), title=None, text=text)
    )
    assert [(e.event, e.acled["sub_event_type"]) for e in events] == [("ASSAULT", "Armed clash")]


def test_cli_records_validate_against_the_schema(tmp_path, run_cli, article_validator) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": "Armed men stormed a police station in the north, killing four officers."},
        {"id": "b", "text": "The two leaders met in Geneva and agreed to hold further talks."},
    ]
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli("run", str(source), "--out", str(out), "--quiet").exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record in records:
        article_validator.validate(record)
    assert records[0]["events"][0]["size"]["dead"] == 4
    assert {e["event"] for e in records[1]["events"]} >= {"CONSULT", "AGREE"}


def test_a_stance_word_that_is_also_a_trigger_gives_one_event_id():
    """'promised to meet' is an AGREE trigger and the stance over the meeting: one event, one id."""
    events = coded("The prime minister promised to meet the striking doctors on Monday.")
    ids = [e.id for e in events]
    assert ids and len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        ("Kenyan police remained on alert in Nairobi ahead of the vote.", "alert", "Kenyan police"),
        (
            "Opposition supporters threw stones during demonstrations in Dhaka.",
            "demonstrations",
            "Opposition supporters",
        ),
        (
            "The Turkish navy launched joint naval drills in the Aegean on Monday.",
            "drills",
            "The Turkish navy",
        ),
    ],
)
def test_a_nominal_event_is_carried_out_by_the_subject_of_its_verb(text, trigger, actor):
    event = only(coded(text), trigger)
    assert [p.text for p in event.actor] == [actor]


def test_the_subject_of_willing_carries_out_the_act_it_is_willing_to_do():
    """'X is willing to withdraw': the stance and the act both have X as actor."""
    events = coded("Ethiopia is willing to withdraw its troops from the disputed border town.")
    assert events and all([p.text for p in e.actor] == ["Ethiopia"] for e in events)


def test_a_reported_demand_is_the_speakers_demand_of_the_one_who_must_act():
    events = coded("The Arab League said Israel must release the prisoners.")
    demand = chosen(events)
    assert demand.event == "REQUEST"
    assert [p.code for p in demand.actor] == ["IGO"]
    assert [p.text for p in demand.recipient] == ["Israel"]


def test_everyone_in_a_consultation_is_an_actor():
    """PLOVER's CONSULT has no recipient: the caller and the called both consult."""
    event = only(
        coded("The Turkish foreign minister telephoned his Greek counterpart on Sunday."), "telephoned"
    )
    assert event.event == "CONSULT"
    assert {p.code for p in event.actor} == {"TUR", "GRC"}
    assert event.recipient == []


def test_a_stance_participle_keeps_its_subject_as_the_actor():
    """'is opposed to' states the subject's own stance; it is not something done to the subject."""
    text = "Poland is opposed to German plans for a new pipeline, a government spokesman said on Tuesday."
    event = only(coded(text), "opposed")
    assert event.event == "REJECT"
    assert [p.text for p in event.actor] == ["Poland"]


def test_an_act_after_a_preposition_takes_the_subject_of_the_verb_before_it():
    """'X resorted to throwing stones during demonstrations': the demonstrators are X."""
    text = "Students resorted to throwing stones during demonstrations against the fee rise, officials said."
    event = only(coded(text), "demonstrations")
    assert [p.text for p in event.actor] == ["Students"]


@pytest.mark.parametrize(
    ("text", "trigger", "code", "sector"),
    [
        ("Officials said that 99 persons have been killed in police firing.", "killed", None, "COP"),
        ("Two men died in police firing in the old city on Tuesday.", "died", None, "COP"),
        ("Three soldiers were killed in an ambush by the Taliban near Kandahar.", "killed", "AFG", "REB"),
        ("The army's offensive killed 12 civilians in the valley.", "killed", None, "MIL"),
        ("Five people were wounded by Israeli gunfire at the border fence.", "wounded", "ISR", None),
    ],
)
def test_the_means_of_a_passive_or_undergone_act_names_its_actor(text, trigger, code, sector):
    """ "killed in police firing": whoever carries out the firing, the ambush or the offensive did the killing."""
    event = only(coded(text), trigger)
    assert event.event == "ASSAULT"
    assert [(p.code, p.sector) for p in event.actor] == [(code, sector)]


def test_who_dies_is_acted_on():
    event = only(coded("Two men died in police firing in the old city on Tuesday."), "died")
    assert [p.text for p in event.recipient] == ["Two men"]


def test_a_witness_is_not_the_actor_of_what_they_saw():
    events = coded("An AP reporter heard gunfire near the camp, and a UN official condemned the attack.")
    gunfire = only(events, "gunfire")
    assert gunfire.actor == [] and [m.text for m in gunfire.mentions] == ["gunfire", "attack"]


@pytest.mark.parametrize(
    ("text", "trigger", "recipients"),
    [
        ("Hezbollah fired rockets at northern Israel on Sunday.", "fired", ["northern Israel"]),
        ("The ministers demanded the withdrawal of Serbian forces.", "demanded", ["Serbian forces"]),
        ("The opposition condemned the Russian offensive.", "condemned", ["Russian"]),
        ("South Korea rejected North Korea's demand for talks.", "rejected", ["North Korea"]),
        ("The interior ministry refused permission for the march.", "refused", []),
        ("Police arrested 25 in the raid.", "arrested", []),
    ],
)
def test_weapons_event_nouns_abstract_nouns_and_numbers_are_never_participants(text, trigger, recipients):
    """Rockets are fired at a place; the withdrawal is of forces; an offensive or a demand is someone's;
    "permission" and "25" are nobody."""
    assert [p.text for p in only(coded(text), trigger).recipient] == recipients


@pytest.mark.parametrize(
    ("text", "trigger", "actors", "recipients"),
    [
        ("The envoys sat down for the Vienna talks on Monday.", "talks", ["The envoys"], []),
        ("The dispute ended in a meeting at the governor's residence in Lagos.", "meeting", [], []),
        ("The mayor had been under investigation by the anti-graft agency for months.", "investigation",
         ["the anti-graft agency"], ["The mayor"]),
        ("The convoy came under attack near Kandahar.", "attack", [], ["The convoy"]),
        ("Moscow threatened to retaliate against Ankara.", "threatened", ["Moscow"], ["Ankara"]),
        ("US warplanes struck the depot overnight.", "struck", ["US warplanes"], ["the depot"]),
    ],
)
def test_a_town_before_an_event_or_a_place_it_is_held_at_says_where_not_who(text, trigger, actors, recipients):
    """'the Vienna talks' happen in Vienna and no one is met 'at' a residence; whoever is 'under' an
    investigation or an attack undergoes it; a threat is made to whom the threatened act would be done."""
    event = only(coded(text), trigger)
    assert ([p.text for p in event.actor], [p.text for p in event.recipient]) == (actors, recipients)


def test_a_demonstrative_or_relative_names_no_one_but_those_it_describes_are_people():
    meeting = only(coded("This culminated in a meeting of the two leaders in Geneva on Friday."), "meeting")
    assert "This" not in [p.text for p in meeting.actor]
    killed = only(coded("Police said the toll of those killed in the riots rose to nine."), "killed")
    assert [p.text for p in killed.recipient] == ["those"]
    refused = only(coded("Smith was not the only senator whom the governor refused to meet."), "refused")
    assert [p.text for p in refused.recipient] == ["the only senator"]


def test_a_committee_on_a_country_belongs_to_its_own_country():
    """A place after 'on' or 'for' in an actor's name is its subject matter: the Senate's committee on
    Libya is American (the article is set in Washington)."""
    text = (
        "WASHINGTON - The Senate Select Committee on Libya criticised the ambassador on Tuesday. Senators "
        "from both parties in Washington said the hearing in the Capitol was tense."
    )
    criticised = only(coded(text), "criticised")
    assert [p.code for p in criticised.actor] == ["USA"]


def test_only_the_act_a_modal_governs_is_demanded():
    """'X must release Y' demands the release; a report on past attacks that 'must include' records
    demands no attack."""
    events = coded(
        "Jones said that any serious account of what happened before, during, and after the 2014 rocket attacks "
        "in Gaza must include records from the former defence minister."
    )
    assert "REQUEST" not in [e.event for e in events]
    events = coded("Israel must release the prisoners, the minister said.")
    assert "REQUEST" in [e.event for e in events]


def test_the_words_of_people_described_are_no_demand():
    """'Critics who say he should resign' describes the critics; it reports no demand made at a time."""
    events = coded("The governor brushed off opponents who say he should release the audit before the vote.")
    assert "REQUEST" not in [e.event for e in events]
    events = coded("The opposition said the governor should release the audit before the vote.")
    assert "REQUEST" in [e.event for e in events]


def test_an_act_whose_object_is_its_own_actor_has_no_recipient():
    first = Participant("the rebels", 0, 10, "A1", "rebels", None, "REB")
    again = Participant("the rebels", 40, 50, "A1", "rebels", None, "REB")
    other = Participant("the army", 60, 68, "A2", "army", None, "MIL")
    assert distinct([first], [again, first, other]) == [other]


def test_a_pronoun_takes_its_referent_across_sentences():
    text = (
        "Prime Minister Nawaz Sharif of Pakistan arrived in Kabul on Monday. "
        "Officials lined the road to the palace. Crowds waved flags. "
        "He criticised the Taliban for the attacks."
    )
    event = only(coded(text), "criticised")
    assert [(p.text, p.name, p.code) for p in event.actor] == [("He", "Nawaz Sharif", "PAK")]


def test_i_in_a_quote_is_its_speaker_and_he_in_it_is_someone_else_but_we_is_not_the_speaker():
    """ "We" in a quote is as often a campaign, a country or people in general as the speaker's own body."""
    text = (
        "Sen. John McCain is running again. “I fully endorse his re-election,” Donald Trump said. "
        "“We will never sign the deal,” the Iranian foreign minister said."
    )
    events = coded(text)
    endorse = only(events, "endorse")
    assert [(p.text, p.name) for p in endorse.actor] == [("I", "Donald Trump")]
    assert [p.text for p in endorse.recipient] == ["his"]  # not Trump endorsing Trump, so not dropped
    assert endorse.recipient[0].name != "Donald Trump"
    assert all(
        p.name != "Iranian foreign minister"
        for e in events
        if e.trigger.start > text.index("We")
        for p in e.actor
    )


def test_a_noun_with_a_named_apposition_gives_the_name_as_participant():
    event = only(coded("The president endorsed our speaker of the House, Paul Ryan, on Friday."), "endorsed")
    assert [p.text for p in event.recipient] == ["Paul Ryan"]


def test_a_great_deal_of_sympathy_is_no_agreement():
    assert not [
        e
        for e in coded("The minister said she felt a great deal of sympathy for the families.")
        if e.event == "AGREE"
    ]
    deal = "The minister said the government's deal with the union was good for farmers."
    assert only(coded(deal), "deal").event == "AGREE"


@pytest.mark.parametrize(
    ("text", "trigger", "hypothetical"),
    [
        (
            "If a protester starts demonstrating near you, please do not touch the protester.",
            "protester",
            True,
        ),
        ("The response when a protest breaks out can seem almost biological.", "protest", True),
        ("When police fired tear gas, the protest broke up.", "protest", False),
        ("A protest broke out in Lagos on Monday.", "protest", False),
    ],
)
def test_an_event_told_as_a_condition_or_a_habit_is_not_a_report(text, trigger, hypothetical):
    assert only(coded(text), trigger).hypothetical is hypothetical


def test_strikes_by_an_armed_group_are_no_walkout_but_its_hunger_strike_is():
    assert "PROTEST" not in proposed("Jihadist strikes on the border posts continued overnight.", "strikes")
    assert proposed("The rebels' hunger strike entered its tenth day.", "strike") == ["PROTEST"]


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        ("The UN urged Israel to withdraw its troops from the town.", "withdraw", "Israel"),
        ("The opposition called on the president to resign.", "resign", "the president"),
        ("The army forced the rebels to retreat from the ridge.", "retreat", "the rebels"),
        ("On Monday the envoy called the king to apologize for the remarks.", "apologize", "the envoy"),
    ],
)
def test_whoever_is_urged_forced_or_called_on_to_act_is_the_one_who_would_act(text, trigger, actor):
    assert [p.text for p in only(coded(text), trigger).actor] == [actor]


def test_what_a_copula_says_something_is_has_no_actor_but_a_donor_is_one():
    assert only(coded("It was the deadliest attack on the town in a decade."), "attack").actor == []
    donor = only(coded("Norway remains the largest donor of aid to the camps."), "donor")
    assert [p.text for p in donor.actor] == ["Norway"]


def test_the_crime_a_charge_names_is_not_done_by_the_prosecutor():
    events = coded("Over the past week, prosecutors charged the soldier with murder and the mayor fired his chief.")
    assert all(p.text != "prosecutors" for e in events if e.trigger.text == "murder" for p in e.actor)


def test_a_participant_never_reaches_across_a_paragraph_break():
    text = "10:45 a.m.\n\nSeveral senators criticized the governor's plan to close the border on Monday."
    assert [p.text for p in only(coded(text), "criticized").actor] == ["Several senators"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The senator repeated his calls for banning the group from the state.", "banning"),
        ("Residents fear the prospect of another attack on the town.", "attack"),
        ("If there were evidence that the army shelled the village, the council would act.", "shelled"),
    ],
)
def test_an_act_called_for_feared_or_supposed_is_not_reported(text, trigger):
    assert only(coded(text), trigger).hypothetical


def test_the_act_not_chosen_instead_of_another_did_not_happen_and_is_no_refusal():
    events = coded("Police fined the marchers instead of arresting them.")
    assert only(events, "arresting").negated
    visit = coded("The governor stayed on holiday in Florida instead of making a visit to the flooded town.")
    assert only(visit, "visit").negated and "REJECT" not in [e.event for e in visit]
    after = coded('"Instead of reassuring people after a terrorist attack," the mayor opted for politics.')
    assert not only(after, "attack").negated


def test_who_will_not_ask_another_to_act_is_the_one_who_refuses():
    refusal = only(coded("Mrs. Warren has said she will not call on Mr. Lopez to resign."), "not")
    assert refusal.event == "REJECT"
    assert [p.text for p in refusal.actor] == ["she"] and [p.text for p in refusal.recipient] == ["Mr. Lopez"]
    itself = only(coded("Israel failed to withdraw its troops from the town."), "failed")
    assert [p.text for p in itself.actor] == ["Israel"] and [p.text for p in itself.recipient] == ["its troops"]


def test_doubting_that_another_will_act_is_no_refusal_of_theirs():
    for text in (
        "If another candidate came along, I don't think the party would accept him.",
        "The envoy does not believe Israel will withdraw its troops.",
    ):
        assert "REJECT" not in [e.event for e in coded(text)], text
    assert "REJECT" in [e.event for e in coded("Israel will not withdraw its troops.")]


def test_what_one_stops_short_of_did_not_happen():
    assert only(coded("The mayor stopped short of fully endorsing the governor's plan."), "endorsing").negated


def test_who_dismisses_criticism_is_not_its_critic():
    events = coded("The minister dismissed the criticism from the opposition as election noise.")
    assert all(p.text != "The minister" for e in events if e.trigger.text == "criticism" for p in e.actor)


def test_a_dateline_left_in_the_text_is_no_part_of_a_participant():
    event = only(coded("ROME - The Italian premier met the German chancellor on Saturday."), "met")
    assert [p.text for p in event.actor][0] == "The Italian premier"


def test_what_causes_an_event_does_not_carry_it_out():
    event = only(coded("The president's decision led to the protests that ended in two nights of violence."), "protests")
    assert event.actor == []


def test_a_place_beside_a_modifier_of_an_event_is_no_part_of_its_actor():
    event = only(coded("Security was tightened after the Brussels terrorist attacks on Tuesday."), "attacks")
    assert [p.text for p in event.actor] == ["terrorist"]


def test_a_phrase_that_opens_the_clause_is_where_not_whom():
    event = only(coded("On CNN Tuesday, the senator's wife called for an open primary process."), "called")
    assert all(p.text != "CNN" for p in event.recipient)


def test_a_talk_named_by_its_manner_is_no_consultation():
    assert "CONSULT" not in proposed("The governor gave the volunteers pep talks before the vote.", "talks")
    assert "CONSULT" not in proposed("The two leaders made small talk with reporters before the summit.", "talk")
    assert "CONSULT" not in proposed("The mayor's tough talk with the union worried investors.", "talk")
    assert "CONSULT" in proposed("After tough talks with Iran, the envoys agreed on a deal.", "talks")


@pytest.mark.parametrize(
    "text, executed",
    [
        ("He entered each debate with a game plan and flawlessly executed it.", False),
        ("The company designed and executed an aggressive marketing campaign.", False),
        ("The plan was executed as well as anyone could have expected.", False),
        ("Militants executed 12 soldiers in Raqqa on Monday.", True),
        ("Saudi Arabia executed a Shiite cleric on Saturday.", True),
    ],
)
def test_a_plan_executed_is_carried_out_not_put_to_death(text, executed):
    assert ("ASSAULT" in proposed(text, "executed")) is executed


@pytest.mark.parametrize(
    "text, refusal",
    [
        ("The senator declined to speculate on a backup plan.", False),
        ("The spokesman refused to answer questions about the deal.", False),
        ("The official declined to be identified because he was not authorized to speak.", False),
        ("Israel refused to withdraw its troops from the town.", True),
        ("The governor refused to endorse the nominee.", True),
    ],
)
def test_no_comment_is_no_refusal(text, refusal):
    assert ("REJECT" in [e.event for e in coded(text)]) is refusal


def test_sharing_a_view_is_no_cooperation_but_sharing_intelligence_is():
    assert "COOPERATE" not in proposed("Many leaders of ethnic communities share these apprehensions.", "share")
    assert "COOPERATE" not in proposed("Her view is shared by the senator and other lawmakers.", "shared")
    assert "COOPERATE" in proposed("Jordan and Israel share intelligence on the militants.", "share")


def test_who_recovers_from_an_attack_did_not_make_it():
    event = only(coded("French authorities are still recovering from the attack in Nice."), "attack")
    assert all(p.text != "French authorities" for p in event.actor)
    answer = only(coded("The rebels responded with attacks on army posts in the north."), "attacks")
    assert [p.text for p in answer.actor] == ["The rebels"]


def test_what_a_thing_should_bring_is_a_forecast_not_a_demand():
    forecast = coded('"Russia\'s victory should give Assad more weapons," the minister said.')
    assert "REQUEST" not in [e.event for e in forecast]
    demand = coded('"Israel should withdraw its troops," the minister said.')
    assert "REQUEST" in [e.event for e in demand]
