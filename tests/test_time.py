"""Time expressions: what news writes, and the calendar value a reader gives it."""

from __future__ import annotations

import json

import pytest

from analysed import analyse
from eventwire.model import Span
from eventwire.resolve.time import date_event


def times(text: str, published: str | None) -> dict[str, tuple[str, str | None]]:
    """{expression: (type, value)} for a short article dated `published`."""
    found = analyse(text, published, upto="times")[1].times
    for ref in found:
        assert text[ref.start : ref.end] == ref.text
    return {ref.text: (ref.type, ref.value) for ref in found}


# A Friday: 2022-01-07.
FRIDAY = "2022-01-07"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The minister spoke in Damascus on Thursday.", "Thursday", "2022-01-06"),
        ("The ministers will meet on Thursday in Geneva.", "Thursday", "2022-01-13"),
        ("Rebels said the drills began three months ago.", "three months ago", "2021-10"),
        ("On Dec. 31, the monitor reported eight helicopters.", "Dec. 31", "2021-12-31"),
        ("The deadline was extended to Jan. 20 by the court.", "Jan. 20", "2022-01-20"),
        ("No ceremony was held last year.", "last year", "2021"),
        ("Talks resumed earlier this month.", "earlier this month", "2022-01"),
        ("Police arrested 12 people yesterday.", "yesterday", "2022-01-06"),
        ("Police arrested 12 people this week.", "this week", "2022-W01"),
        ("The attack happened late on Sunday.", "late on Sunday", "2022-01-02"),
        ("It was last revised in the 1990s.", "the 1990s", "199"),
        ("Prices rose in the third quarter.", "the third quarter", "2021-Q3"),
        ("Flooding hit the region last summer.", "last summer", "2021-SU"),
        ("He took office on Saturday, April 25, officials said.", "Saturday, April 25", None),
    ],
)
def test_dates_resolve_against_the_article_date(text, expression, value):
    found = times(text, FRIDAY)
    assert expression in found
    if value is not None:
        assert found[expression] == ("DATE", value)


def test_last_with_a_month_skips_the_month_just_gone():
    assert times("The pact was signed last February.", "1998-03-02")["last February"][1] == "1997-02"
    assert times("The pact was signed last April.", "1998-10-26")["last April"][1] == "1998-04"


def test_a_year_ago_in_results_is_the_quarter_reported_not_a_forecast():
    text = "Profit rose in the third quarter. It expects gains in the first quarter of 2025. "
    text += "A year ago, it lost money."
    assert times(text, "2024-10-24")["A year ago"][1] == "2023-Q3"


def test_a_weekday_written_beside_a_date_picks_the_year_it_fits():
    # 25 April fell on a Saturday in 2020, not in 2021 or 2022.
    assert times("He took office on Saturday, April 25.", "2021-01-10")["Saturday, April 25"] == (
        "DATE",
        "2020-04-25",
    )


def test_the_day_after_counts_from_the_date_just_told_not_the_article():
    text = "Gunmen attacked a checkpoint on Tuesday. The next day, troops sealed the town."
    found = times(text, FRIDAY)
    assert found["Tuesday"][1] == "2022-01-04"
    assert found["The next day"][1] == "2022-01-05"


def test_the_day_after_in_apposition_names_the_same_day():
    text = "Shops were shut on Monday, the day after gunmen killed a policeman."
    found = times(text, "2024-12-21")
    assert found["Monday"][1] == "2024-12-16"
    assert found["the day after"][1] == "2024-12-16"


def test_possessive_weekday_keeps_only_the_day():
    found = times("The authority blamed Sunday's attack on outlaws.", "2024-12-21")
    assert found["Sunday"] == ("DATE", "2024-12-15")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Israel's half-century occupation continues.", "half-century", "P50Y"),
        ("The talks lasted two hours.", "two hours", "PT2H"),
        ("Prices fell over the past three years.", "the past three years", "P3Y"),
        ("The siege ended after one day.", "one day", "P1D"),
        ("They stayed for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("The ship was held for a minute and a half.", "a minute and a half", "PT1M30S"),
        ("The dispute dragged on for a couple of years.", "a couple of years", "P2Y"),
    ],
)
def test_durations(text, expression, value):
    assert times(text, FRIDAY)[expression] == ("DURATION", value)


def test_ages_are_not_time_expressions():
    assert times("A 6-year-old boy and a man, 52 years old, were hurt.", FRIDAY) == {}


def test_frequencies_and_references():
    found = times("The council meets each year. Inflation is now high. It recently fell.", FRIDAY)
    assert found["each year"] == ("SET", "P1Y")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["recently"] == ("DATE", "PAST_REF")
    assert times("Nobody knows what the future holds.", FRIDAY)["the future"][1] == "FUTURE_REF"


def test_adjectival_frequency_is_not_a_set():
    assert "quarterly" not in times("The bank paid a quarterly dividend.", FRIDAY)
    assert times("The bank pays dividends quarterly.", FRIDAY)["quarterly"] == ("SET", "P3M")


def test_money_and_counts_are_not_years():
    assert times("The firm paid $2000 for 1500 rifles.", FRIDAY) == {}
    assert times("In 1990 prices rose.", FRIDAY)["1990"] == ("DATE", "1990")


def test_spelled_out_years_from_broadcast_transcripts():
    found = times("In nineteen ninety-one Keating was convicted. By the year two thousand", FRIDAY)
    assert found["nineteen ninety-one"] == ("DATE", "1991")
    assert found["the year two thousand"] == ("DATE", "2000")
    dated = times("In January nineteen ninety-seven, and in the winter of nineteen ninety-four, it snowed.", FRIDAY)
    assert dated["January nineteen ninety-seven"] == ("DATE", "1997-01")
    assert dated["the winter of nineteen ninety-four"] == ("DATE", "1994-WI")
    assert times("It stood for two thousand years.", FRIDAY).get("two thousand") is None  # a count of years


def test_without_a_publication_date_values_stay_underspecified():
    found = times("On Dec. 31, the army said it would act on Thursday. It did so yesterday.", None)
    assert found["Dec. 31"] == ("DATE", "XXXX-12-31")
    assert found["Thursday"] == ("DATE", "XXXX-WXX-4")
    assert found["yesterday"] == ("DATE", None)


def test_holidays_resolve_to_their_day():
    assert times("The boat sank last Thanksgiving.", "1999-12-10")["last Thanksgiving"] == (
        "DATE",
        "1999-11-25",
    )


def _event(text: str, published: str | None, trigger: str):
    doc, article = analyse(text, published, upto="times")
    start = text.index(trigger)
    return date_event(doc, article, Span(trigger, start, start + len(trigger)))


def test_event_date_comes_from_the_expression_in_its_clause():
    text = "Protesters marched in Jenin on Thursday. Officials said the curfew holds."
    dated = _event(text, FRIDAY, "marched")
    assert (dated.date, dated.precision, dated.date_text, dated.approximate) == (
        "2022-01-06",
        "day",
        "Thursday",
        False,
    )


def test_event_date_takes_month_precision_from_a_month_expression():
    dated = _event("Troops withdrew from the town last month.", FRIDAY, "withdrew")
    assert (dated.date, dated.precision) == ("2021-12", "month")


def test_coordinated_verbs_share_their_date():
    dated = _event("Gunmen stormed the town on Monday and killed three policemen.", FRIDAY, "killed")
    assert (dated.date, dated.date_text) == ("2022-01-03", "Monday")


def test_the_date_of_a_report_does_not_date_what_it_reports():
    text = "Police said on Monday that gunmen had killed three policemen."
    assert _event(text, FRIDAY, "said").date == "2022-01-03"
    killed = _event(text, FRIDAY, "killed")
    assert (killed.date, killed.approximate) == (FRIDAY, True)


def test_an_event_named_after_the_day_after_is_the_day_before():
    text = "Shops were closed on Monday, the day after militants killed a policeman."
    assert _event(text, "2024-12-21", "closed").date == "2024-12-16"
    assert _event(text, "2024-12-21", "killed").date == "2024-12-15"


def test_a_quarter_dates_an_event_to_its_year_approximately():
    dated = _event("Profits rose in the third quarter.", "2024-12-21", "rose")
    assert (dated.date, dated.precision, dated.approximate) == ("2024", "year", True)


def test_event_without_a_date_is_on_or_before_the_article_date():
    dated = _event("Police arrested three men in Hebron.", "2024-12-16", "arrested")
    assert (dated.date, dated.precision, dated.date_text, dated.approximate) == (
        "2024-12-16",
        "day",
        None,
        True,
    )
    undated = _event("Police arrested three men in Hebron.", None, "arrested")
    assert undated.date is None and undated.approximate


def test_seed_dates_with_a_given_publication_date(run_cli, seed_path, tmp_path):
    out = tmp_path / "seed.jsonl"
    result = run_cli("run", str(seed_path), "--published", "2022-01-07", "--out", str(out))
    assert result.exit_code == 0, result.output
    first = json.loads(out.read_text("utf-8").splitlines()[0])
    values = {t["text"]: t["value"] for t in first["times"]}
    assert values["Thursday"] == "2022-01-06"
    assert values["Dec. 31"] == "2021-12-31"
    assert values["three months ago"] == "2021-10"


def test_an_event_in_a_verbless_headline_is_dated_without_hanging():
    """A sentence whose root is a noun ("Fresh clashes in Tripoli on Sunday") still dates its event."""
    text = "Fresh clashes in Tripoli on Sunday after the ceasefire."
    clashes = [e for e in analyse(text, "2024-03-04")[1].events if e.trigger.text == "clashes"]
    assert clashes and clashes[0].date == "2024-03-03"


# --- dates that can be ------------------------------------------------------------------------


def test_a_four_digit_count_is_not_a_year():
    assert times("A poll of 2047 registered voters was released on Monday.", "2016-03-02") == {
        "Monday": ("DATE", "2016-02-29")
    }
    assert times("In 1990 prices rose.", FRIDAY)["1990"] == ("DATE", "1990")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The convoy left at 1800 hours.", "1800 hours", ("TIME", "2022-01-07T18:00")),
        ("The curfew starts at 21:30 local time.", "21:30 local time", ("TIME", "2022-01-07T21:30")),
        ("Volunteers gave 1500 hours of work.", "1500 hours", ("DURATION", "PT1500H")),
        ("The accord was signed on 29th March 2018.", "29th March 2018", ("DATE", "2018-03-29")),
        ("Voting ends on March eighth.", "March eighth", ("DATE", "2022-03-08")),
        ("The fair ran from 3-5 June 2021.", "3-5 June 2021", ("DATE", "2021-06-03")),
        ("The plant closed in october 2020.", "october 2020", ("DATE", "2020-10")),
        ("He was born on june 4, 1990.", "june 4, 1990", ("DATE", "1990-06-04")),
        ("Snow fell at Christmas 2010.", "Christmas 2010", ("DATE", "2010-12-25")),
        ("Pilgrims gathered at Easter 2019.", "Easter 2019", ("DATE", "2019-04-21")),
    ],
)
def test_clock_times_full_dates_ranges_lower_case_months_and_feasts(text, expression, value):
    assert times(text, FRIDAY)[expression] == value


def test_may_and_march_as_verbs_are_not_months():
    assert times("Troops may march 20 miles, and they may 5 times.", FRIDAY) == {}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The vote is this coming Monday.", "this coming Monday", "2022-01-10"),
        ("Ministers met this Monday.", "this Monday", "2022-01-03"),
        ("Ministers will meet this Monday.", "this Monday", "2022-01-10"),
        ("Profits rose this quarter.", "this quarter", "2022-Q1"),
        ("Profits rose last quarter.", "last quarter", "2021-Q4"),
        ("Turnout doubled on Election Day.", "Election Day", "2021-11-02"),
        ("Prices will rise next year.", "next year", "2023"),
        ("Floods hit the valley last spring.", "last spring", "2021-SP"),
    ],
)
def test_relative_expressions_as_a_careful_reader_resolves_them(text, expression, value):
    assert times(text, FRIDAY)[expression][1] == value


def test_a_date_after_publication_is_a_plan_not_a_fact():
    events = {e.trigger.text: e for e in analyse("Workers will strike on 12 March 2022.", FRIDAY)[1].events}
    strike = events["strike"]
    assert (strike.date, strike.hypothetical) == ("2022-03-12", True)
    events = analyse("Police arrested him on 12 March 2022, officials said.", FRIDAY)[1].events
    arrested = next(e for e in events if e.trigger.text == "arrested")
    assert (arrested.date, arrested.date_approximate, arrested.hypothetical) == (FRIDAY, True, False)
    assert "after publication" in arrested.explanation


def test_an_event_long_before_publication_is_background():
    events = analyse("Israel captured the territory in 1967. Soldiers raided a village on Thursday.", FRIDAY)[1].events
    flags = {e.trigger.text: (e.date, e.background) for e in events}
    assert flags["captured"] == ("1967", True)
    assert flags["raided"] == ("2022-01-06", False)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The 9/11 attacks changed the city.", "9/11", "2001-09-11"),
        ("Security tightened after the Sept. 11 attacks.", "Sept. 11", "2001-09-11"),
        ("Police said the attacker fled on Sept. 11.", "Sept. 11", "2021-09-11"),
        ("Troops fired on protesters on 9/11/2021.", "9/11/2021", "2021-09-11"),
        ("The city has changed since 9/11.", "9/11", "2001-09-11"),
    ],
)
def test_a_day_that_names_the_attacks_on_it_is_their_day(text, expression, value):
    assert times(text, FRIDAY)[expression] == ("DATE", value)


def test_the_name_of_the_attacks_does_not_date_the_people_it_describes():
    text = "She accused the government of attempting to intimidate the 9/11 families on Thursday."
    assert "9/11" not in times(text, FRIDAY)


def test_the_bound_of_a_comparison_does_not_date_the_event():
    text = "Gunmen killed 49 people in the worst terrorist attack on American soil since 9/11."
    events = {e.trigger.text: e for e in analyse(text, FRIDAY)[1].events}
    assert (events["attack"].date, events["attack"].background) == (FRIDAY, False)
    text = "Britain has detained the publisher since December 2010."
    detained = next(e for e in analyse(text, FRIDAY)[1].events if e.trigger.text == "detained")
    assert (detained.date, detained.background) == ("2010-12", True)


def test_an_event_of_a_past_decade_is_background_with_no_finer_date():
    text = "In the 1970s the junta arrested thousands of students. In the 2020s the army attacked the rebels."
    events = analyse(text, FRIDAY)[1].events
    arrested = next(e for e in events if e.trigger.text == "arrested")
    assert (arrested.date, arrested.date_precision, arrested.background) == (None, None, True)
    assert "the era" in arrested.explanation
    attacked = next(e for e in events if e.trigger.text == "attacked")
    assert (attacked.date, attacked.background) == (FRIDAY, False)


def test_a_month_name_is_not_an_event():
    events = analyse("The primaries are held in March, and protesters marched in May.", "2016-06-01")[1].events
    triggers = [e.trigger.text for e in events]
    assert "March" not in triggers and "marched" in triggers


def test_without_a_date_the_explanation_says_why():
    [event] = analyse("Police arrested three men in Hebron.", None)[1].events
    assert event.date is None and "no date" in event.explanation
