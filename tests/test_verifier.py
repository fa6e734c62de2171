"""The learned layer of the event coder: literal sense, the verifier's decisions, one event per happening, and
what happens when the model file is missing or broken."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from analysed import analyse
from eventwire.coding import linear
from eventwire.coding.features import Candidate
from eventwire.coding.linear import LinearModel, ModelError
from eventwire.coding.verifier import decide


def events_of(text: str, published: str = "2024-03-05"):
    return analyse(text, published)[1].events


def types_of(text: str) -> set[str]:
    return {e.event for e in events_of(text) if not e.negated and not e.hypothetical}


@pytest.mark.parametrize(
    "text",
    [
        "Kentucky beat Tennessee 69-44 on Saturday night.",
        "Shares of the carmaker rallied after its results beat forecasts.",
        "The prison population has exploded since the 1970s.",
        "The footage was captured on a phone by a passer-by.",
        "The assailant told reporters he deserved it after the confrontation, which was captured on video.",
        "Both campaigns are locked in a legal battle over ballots.",
    ],
)
def test_words_of_violence_used_in_another_sense_are_no_assault(text):
    assert "ASSAULT" not in types_of(text)


def test_sharing_a_view_is_no_agreement_and_agreeing_to_something_is():
    assert "AGREE" not in types_of("Most Republicans in the poll agreed with the senator.")
    assert "AGREE" not in types_of("Former Governor Mike Huckabee agreed, praising the senator as a rising star.")
    assert "AGREE" in types_of("Israel and Hamas agreed on a truce.")
    assert "AGREE" in types_of("A deal was agreed late on Friday.")
    assert "AGREE" not in types_of("The magistrate agreed with the prosecutors that the evidence was thin.")
    assert "AGREE" in types_of("The rebels agreed that monitors could enter the zone.")


def test_an_attack_in_words_by_a_politician_is_an_accusation():
    assert "ASSAULT" not in types_of("The senator attacked the governor's budget plan on Tuesday.")
    reason = "In a speech on Monday, the senator attacked the governor for her support of military action in Mali."
    assert "ASSAULT" not in types_of(reason)  # what the attack is for is not its weapon
    assert "ASSAULT" not in types_of("His father died of a heart attack in 2001.")
    assert "ASSAULT" not in types_of("The campaign sent an email blast to its supporters on Monday.")
    retort = "The reporter pressed him on the tax plan, and the mayor shot back that the figures were wrong."
    assert "ASSAULT" not in types_of(retort)
    assert "ASSAULT" in types_of("Rebels shot back at the soldiers near the border crossing.")


def test_talking_up_a_plan_or_discussing_one_s_own_is_no_consultation():
    assert "CONSULT" not in types_of("The governor talked up her plan for the state's schools on Monday.")
    assert "CONSULT" not in types_of("In an interview on Monday, the governor discussed one of his own proposals.")
    assert "CONSULT" in types_of("The president discussed the crisis with the Kenyan prime minister on Monday.")


def test_violence_with_its_means_or_harm_stays_an_assault():
    assert "ASSAULT" in types_of("Gunmen attacked a police post near Maiduguri, killing three officers.")


def test_an_attack_on_a_venue_is_violence_even_when_politicians_are_named_nearby():
    assert "ASSAULT" in types_of("The president tweeted on Sunday after a lone-wolf attack on an Orlando nightclub.")
    assert "ACCUSE" not in types_of("The senator spoke after the attack on a Lagos stadium.")


@pytest.mark.parametrize(
    ("text", "asked_for"),
    [
        ("“Why are you still endorsing him?” the president asked Republican senators.", False),
        ("The senator asked rhetorically whether the law worked.", False),
        ("The senator asked rhetorically, shaking his head.", False),
        ("Nigeria asked the UN for food aid on Monday.", True),
        ("Kenya asked that the talks be delayed.", True),
        ("Texas asked a federal judge to block the rules.", True),
    ],
)
def test_asking_is_a_request_only_for_an_act_a_thing_or_an_outcome(text, asked_for):
    assert ("REQUEST" in types_of(text)) is asked_for


def test_releasing_a_text_or_a_video_is_publishing_not_setting_free():
    assert "RETREAT" not in types_of("The State Department released more than 1,100 pages of emails on Friday.")
    assert "RETREAT" not in types_of("The party released a statement on Monday.")
    assert "RETREAT" not in types_of("The city released only some of the video footage on Friday.")
    assert "RETREAT" not in types_of("The governor spoke in an interview taped and released on Wednesday.")
    assert "RETREAT" in types_of("Iran released ten American sailors on Tuesday.")
    assert "RETREAT" in types_of("The rebels announced the release of the hostages.")


def test_sharing_or_restricting_media_is_no_cooperation_or_coercion():
    assert "COOPERATE" not in types_of("Supporters were sharing the news of the attack on the ferry.")
    assert "COOPERATE" in types_of("The two governments shared intelligence on the militants.")
    assert "COERCE" not in types_of("The broadcaster said the video was restricted in some countries.")


def test_paying_out_and_giving_up_a_habit_are_no_shelling_and_no_resignation():
    assert "ASSAULT" not in types_of("The campaign shelled out millions to air the film in Ohio.")
    assert "ASSAULT" not in types_of("The mayor's approval ratings have shot up since the flood.")
    assert "ASSAULT" in types_of("Gunmen shot up a bus station in the north of the city.")
    assert "ASSAULT" in types_of("Rebels shelled the town of Idlib overnight.")
    assert "RETREAT" not in types_of("The governor quit blaming the unions last year.")


def test_figures_of_speech_practice_and_reasons_are_no_events():
    assert "ASSAULT" not in types_of("The governor also struck populist notes at the rally.")
    assert "ASSAULT" not in types_of("The senator hit the campaign trail in Iowa on Monday.")
    assert "ASSAULT" in types_of("Soldiers struck the village with mortars.")
    assert "COOPERATE" not in types_of("The police had trained for months to deal with the crowds.")
    assert "COOPERATE" in types_of("US advisers trained Kurdish fighters near Erbil.")
    assert "PROTEST" not in types_of("Two editors resigned in protest of the owner's decision.")
    assert "PROTEST" not in types_of("The senator blocked banks from hiring foreign workers.")


def test_an_if_deep_inside_a_quoted_warning_makes_no_threat():
    assert "THREATEN" not in types_of("The adviser warned: “Stalin said if you fear wolves, avoid the woods.”")


def test_a_politician_attacking_a_person_or_capturing_a_state_speaks_or_wins():
    assert types_of("Senator Marco Rubio attacked Governor Chris Christie over the budget.") & {
        "ASSAULT",
        "ACCUSE",
    } == {"ACCUSE"}
    assert "ASSAULT" not in types_of("Senator Bernie Sanders captured Vermont on Tuesday night.")
    assert "ASSAULT" in types_of("Gunmen attacked a police post near Maiduguri, killing three officers.")


def test_pledged_delegates_are_a_kind_of_delegate_not_a_pledge():
    assert "AGREE" not in types_of("The governor won 120 pledged delegates in the southern primaries.")
    assert "AGREE" in types_of("The governor pledged to cut taxes for farmers.")


def test_a_statement_a_chance_or_helping_to_do_is_no_aid_and_a_press_release_frees_no_one():
    assert "AID" not in types_of("The charity provided a signed statement affirming its independence.")
    assert "AID" not in types_of("The late endorsement gave the senator's campaign time to grow.")
    assert "AID" not in types_of("International pressure helped to secure the journalist's release.")
    assert "AID" in types_of("Japan helped Iraq rebuild its power grid after the war.")
    assert "AID" in types_of("The United States provided Egypt with military assistance.")
    assert "RETREAT" not in types_of("The senator's campaign sent out a press release on Monday.")
    assert "AGREE" not in types_of("But the northern states offered the senator a unique opportunity.")
    assert "AGREE" in types_of("Iran offered to release the sailors on Monday.")


def test_meeting_a_threshold_is_no_meeting_and_the_wounded_are_people():
    assert "CONSULT" not in types_of("Only two candidates won eight states, a threshold met by no one else.")
    assert "CONSULT" not in types_of("The ministry met the deadline for the report on Friday.")
    assert "CONSULT" in types_of("The minister met the ambassador in Nairobi on Monday.")
    assert "ASSAULT" not in types_of("Our thoughts are with the victims, the wounded and their families.")
    assert "ASSAULT" in types_of("Two soldiers were wounded by a roadside bomb near Kandahar.")


def test_a_town_hall_meeting_is_a_campaign_event_not_a_consultation():
    assert "CONSULT" not in types_of("At a town hall meeting in Hudson, the governor took questions from voters.")
    assert "CONSULT" in types_of("Obama and Putin held a meeting in Lima on Sunday.")


def test_what_an_attack_is_about_is_not_its_target():
    assert "ASSAULT" not in types_of("Activists mounted an attack on the minister over his sale of land to banks.")


def test_being_met_with_a_reaction_is_no_meeting():
    assert "CONSULT" not in types_of("The plan was met with skepticism by Russian officials.")
    assert "CONSULT" in types_of("The minister was met by the ambassador at the airport.")


@pytest.mark.parametrize(
    "text",
    [
        "Sanders beat her 51% to 36% in West Virginia.",
        "Clinton beat the senator from Vermont by 18 points in Arizona.",
        "The governor has the best odds of beating the senator in a general election, the poll found.",
        "A poll found that 28 percent of likely voters supported the senator.",
        "Male troops backed the governor, 57 percent to 22 percent.",
    ],
)
def test_results_and_poll_figures_are_no_events(text):
    assert types_of(text) == set()


def test_a_share_that_is_not_a_poll_keeps_its_event():
    assert "AGREE" in types_of("The U.S. had accepted 11,491 Syrian refugees, 15 percent over the limit of 10,000.")
    assert "ASSAULT" in types_of("Soldiers beat protesters in Harare on Monday.")


def test_showing_is_no_protest_and_a_crowd_in_the_street_is():
    assert "PROTEST" not in types_of("The governor has clearly demonstrated that she can win a hard race.")
    assert "PROTEST" not in types_of("The mayor demonstrated a talent for avoiding questions.")
    assert "PROTEST" in types_of("About two hundred students demonstrated outside the ministry in Accra.")


def test_blocking_in_law_or_politics_is_no_blockade():
    assert "PROTEST" not in types_of("The new rules were blocked in the courts last year.")
    assert "PROTEST" not in types_of("The senate majority blocked any debate on the bill.")
    assert "PROTEST" in types_of("Truck drivers blocked the main highway into Lima on Tuesday.")


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The governor fired back at the senator over the budget on Monday.", "ACCUSE"),
        ("The campaign manager was fired on Friday.", None),
        ("The senator seized on the scandal to attack his rival's record.", None),
        ("The mayor captured the Democratic primary in Ohio.", None),
        ("Soldiers fired on a crowd of mourners in Bamako.", "ASSAULT"),
        ("Rebels captured the town of Goma on Monday.", "ASSAULT"),
        ("The commander was captured near the border last week.", "COERCE"),
        ("The new tariffs have hurt the governor among farmers.", None),
        ("Three protesters were hurt when police fired tear gas in Nairobi.", "ASSAULT"),
        ("A new management team took over in August.", None),
        ("Militants took over the police station in Kidal on Sunday.", "ASSAULT"),
    ],
)
def test_words_of_force_are_acts_of_force_only_on_a_physical_target(text, event):
    assert ({event} if event else set()) == types_of(text) & {"ASSAULT", "ACCUSE", "COERCE"}


def test_naming_or_convening_is_no_request():
    assert "REQUEST" not in types_of("The senator called the budget a disgrace on Monday.")
    assert "REQUEST" not in types_of("The council called an emergency session on Monday.")
    assert "REQUEST" in types_of("The mayor called Friday for the release of the police videos.")
    assert "REQUEST" in types_of("The senator called on the governor to resign.")


def test_protesting_that_something_is_so_is_an_objection_in_words():
    assert types_of("The campaign protested that the debate date was unfair.") & {"PROTEST", "ACCUSE"} == {"ACCUSE"}
    assert "PROTEST" in types_of("Hundreds of workers protested outside the factory in Lagos on Monday.")


def test_a_topic_discussed_in_the_passive_is_no_consultation():
    assert "CONSULT" not in types_of("The details of the plan were discussed in a statement on Monday.")
    assert "CONSULT" in types_of("The plan was discussed by the two presidents in Geneva on Monday.")


def test_a_kind_named_by_example_is_no_happening():
    found = events_of("Rebels have moved beyond acts like kidnappings to holding whole districts.")
    assert not any(e.trigger.text == "kidnappings" for e in found)
    assert "ASSAULT" not in types_of("Gunmen used tactics like bombings against the army.")


def test_a_forecast_in_the_passive_is_no_ones_intent():
    assert "AGREE" not in types_of("The president is expected to visit Lagos next week.")


def test_mobilizing_is_of_forces_or_weapons():
    assert "MOBILIZE" not in types_of("The campaign put its volunteers on alert before the vote.")
    assert "MOBILIZE" in types_of("Nigeria deployed 2,000 troops to the border on Monday.")
    assert "MOBILIZE" in types_of("Russia deployed new missile systems in Kaliningrad.")


def test_a_body_charged_with_a_task_is_not_accused():
    assert "ACCUSE" not in types_of("The mayor appointed a panel charged with redesigning the riverfront.")
    assert "ACCUSE" in types_of("A group charged with kidnapping tourists appeared in court in Cairo.")
    assert "ACCUSE" in types_of("The group was charged with fraud by prosecutors in Lagos.")


def test_what_an_allegation_says_happened_is_not_reported_as_fact():
    [alleged] = [e for e in events_of("Police denied claims that officers beat protesters in the square.")]
    assert alleged.event == "ASSAULT" and alleged.hypothetical
    [beating] = events_of("Army troops beat protesters in the square on Monday.")
    assert not beating.hypothetical
    [attack] = events_of("The rumours that spread after the attack on the base were false.")  # a relative clause
    assert attack.event == "ASSAULT" and not attack.hypothetical


def test_a_trigger_inside_a_date_is_no_event():
    found = events_of("In March, the council approved the new budget for schools.")
    assert not any(e.trigger.text == "March" for e in found)


def test_people_named_as_protesters_are_not_a_protest_of_their_own():
    found = events_of("Police fired tear gas at protesters outside the parliament in Nairobi.")
    assert not any(e.event == "PROTEST" and e.trigger.text == "protesters" for e in found)


def test_one_happening_told_twice_is_one_event_with_its_mentions():
    text = (
        "Gunmen attacked a bus carrying pilgrims near Kaduna on Monday, killing five passengers. "
        "Police said the attack was the third on the road this month."
    )
    assaults = [e for e in events_of(text) if e.event == "ASSAULT" and not e.hypothetical]
    assert len(assaults) == 1
    assert [m.text for m in assaults[0].mentions][:1] == ["attacked"] and len(assaults[0].mentions) >= 2
    assert all(text[m.start : m.end] == m.text for m in assaults[0].mentions)


def test_the_attacks_named_after_another_attack_are_not_folded_into_an_earlier_happening():
    text = (
        "Islamic State militants have seized large parts of Iraq and beheaded Americans. Trump tweeted about the "
        "horrible attack in Paris. Leaders met in Brussels after the attacks killed 130 people."
    )
    assaults = {e.trigger.text: e for e in events_of(text) if e.event == "ASSAULT"}
    assert [m.text for m in assaults["beheaded"].mentions] == ["seized", "beheaded"]
    assert assaults["beheaded"].event_loc.name == "Iraq"  # "large parts of Iraq", not Paris or Brussels
    assert [m.text for m in assaults["killed"].mentions] == ["attacks", "killed"]


def test_every_event_says_how_the_verifier_judged_it():
    for event in events_of("Rebels released twelve hostages near the border on Sunday."):
        assert "verifier:" in event.explanation
        assert 0.0 <= event.confidence <= 1.0


def test_a_candidate_the_model_cannot_read_keeps_the_rules_coding_and_says_so():
    event = events_of("Rebels released twelve hostages near the border on Sunday.")[0]
    kept = decide(Candidate(event, "V:release", None, 0.9), {}, linear.load())
    assert kept.event == event.event and "rules alone" in kept.explanation


def test_the_verifier_drops_what_it_is_sure_is_no_event():
    event = events_of("Rebels released twelve hostages near the border on Sunday.")[0]
    sure_no = LinearModel(("NONE", event.event), {"bias": 0}, np.array([[-9.0]]), np.array([0.0]))
    assert decide(Candidate(event, "V:release", None, 0.9), {"bias": 1.0}, {"type": sure_no}) is None


def test_min_confidence_keeps_only_confident_events(tmp_path, run_cli):
    source = tmp_path / "in.jsonl"
    text = "Rebels released twelve hostages near the border on Sunday. The army shelled two villages."
    source.write_text(json.dumps({"id": "a", "text": text, "published": "2024-03-05"}) + "\n", encoding="utf-8")
    counts = {}
    for floor in ("0", "0.99"):
        out = tmp_path / f"out-{floor}.jsonl"
        assert run_cli("run", str(source), "--out", str(out), "--min-confidence", floor, "--quiet").exit_code == 0
        events = json.loads(out.read_text("utf-8"))["events"]
        assert all(e["confidence"] >= float(floor) for e in events)
        counts[floor] = len(events)
    assert counts["0"] > counts["0.99"]


def test_a_missing_model_file_is_one_clear_error(tmp_path, run_cli, monkeypatch):
    monkeypatch.setattr(linear, "MODEL_FILE", "no-such-model.npz")
    linear.load.cache_clear()
    try:
        source = tmp_path / "in.jsonl"
        source.write_text(json.dumps({"id": "a", "text": "Troops shelled the town."}) + "\n", encoding="utf-8")
        result = run_cli("run", str(source), "--out", str(tmp_path / "out.jsonl"), "--quiet")
        assert result.exit_code == 1
        assert "error: the event model data/no-such-model.npz is missing" in result.output
        assert "build_verifier.py" in result.output and "Traceback" not in result.output
    finally:
        linear.load.cache_clear()


def test_a_broken_model_file_is_one_clear_error(tmp_path, monkeypatch):
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="unreadable.*build_verifier.py"):
        linear.read(broken)


def test_the_shipped_model_was_built_from_the_training_data_and_lexicon_in_the_repository():
    training = Path(__file__).resolve().parents[1] / "training"
    with resources.files("eventwire.data").joinpath(linear.MODEL_FILE).open("rb") as handle:
        stored = str(np.load(handle)[linear.FITTED_ON])
    assert stored == linear.digest(linear.training_sources(training)), (
        f"training data or lexicon changed since the model was built: {linear.REBUILD}"
    )
