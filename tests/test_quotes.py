"""Quotes and attribution: direct, indirect and mixed quotes with cue, speaker and via chain."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysed import analyse
from eventwire.model import Quote
from eventwire.quotes.find import attribution_for
from eventwire.quotes.marks import quoted_spans


def quotes_in(text: str) -> list[Quote]:
    quotes = analyse(text, upto="quotes")[1].quotes
    for q in quotes:  # provenance: every span indexes the text exactly
        for span in [q, q.cue, q.speaker, *q.via]:
            if span is not None:
                assert text[span.start : span.end] == span.text
    return quotes


def only(quotes: list[Quote], containing: str) -> Quote:
    found = [q for q in quotes if containing in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_direct_quote_with_cue_after_and_pronoun_speaker():
    text = "“We will rebuild the bridge before winter,” he said on Monday."
    q = only(quotes_in(text), "rebuild")
    assert q.text == "“We will rebuild the bridge before winter,”"
    assert (q.kind, q.cue.text, q.speaker.text) == ("direct", "said", "he")


def test_inverted_cue_takes_the_name_after_it():
    q = only(quotes_in('"The wells are dry," said Amina Okafor, a farmer in the district.'), "wells")
    assert q.speaker.text == "Amina Okafor"
    assert q.cue.text == "said"


def test_quote_introduced_by_a_colon_or_a_cue_before_it():
    q = only(quotes_in("The governor told reporters: “Schools will reopen next week.”"), "Schools")
    assert (q.kind, q.cue.text, q.speaker.text) == ("direct", "told", "The governor")


def test_multi_paragraph_quote_reopens_each_paragraph():
    text = (
        "The minister said:\n\n“The dam is safe and the engineers have checked it twice.\n\n"
        "“Nobody downstream needs to leave their homes.”\n\nThe river rose overnight."
    )
    quotes = quotes_in(text)
    q = only(quotes, "dam is safe")
    assert q.text.endswith("leave their homes.”")
    assert q.speaker.text == "The minister"
    assert not any("river rose" in x.text for x in quotes)


def test_unpaired_mark_never_swallows_the_rest_of_the_article():
    text = (
        "Protesters carried a sign reading “no more taxes.\n\n"
        "Police said that the march ended peacefully.\n\nShops reopened on Tuesday."
    )
    quotes = quotes_in(text)
    assert all("\n" not in q.text for q in quotes)
    march = only(quotes, "march ended")
    assert (march.kind, march.speaker.text) == ("indirect", "Police")


def test_mixed_curly_and_straight_marks_pair():
    spans = quoted_spans('She called it “a disgrace" and left. He said "fine.”')
    assert len(spans) == 2 and all(s.closed for s in spans)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”\"‘’'«»:")), max_size=80))
def test_any_arrangement_of_marks_gives_spans_inside_the_text(text):
    for s in quoted_spans(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start] in "“”\"'‘«„"


def test_indirect_quote_runs_to_the_end_of_the_sentence():
    text = "The health ministry said that 40 people were injured in the blast. Rescuers kept digging."
    q = only(quotes_in(text), "injured")
    assert q.text == "that 40 people were injured in the blast"
    assert (q.kind, q.cue.text, q.speaker.text) == ("indirect", "said", "The health ministry")


def test_according_to_before_or_after_the_clause():
    quotes = quotes_in(
        "According to local officials, the convoy was hit near the border. "
        "Three bridges were destroyed, according to the army."
    )
    assert only(quotes, "convoy").speaker.text == "local officials"
    bridges = only(quotes, "bridges")
    assert (bridges.text, bridges.cue.text, bridges.speaker.text) == (
        "Three bridges were destroyed",
        "according to",
        "the army",
    )


def test_mixed_quote_keeps_the_reporters_words_around_the_marks():
    q = only(quotes_in("The president stressed the need to “rebuild trust between the regions.”"), "trust")
    assert q.kind == "mixed"
    assert q.text.startswith("the need to “rebuild")
    assert (q.cue.text, q.speaker.text) == ("stressed", "The president")


def test_quoted_as_saying_puts_the_outlet_in_via():
    text = "State television quoted the interior minister as saying that the curfew would be lifted."
    q = only(quotes_in(text), "curfew")
    assert q.speaker.text == "the interior minister"
    assert [v.text for v in q.via] == ["State television"]


def test_sources_quoted_by_a_monitor():
    q = only(
        quotes_in("Sources quoted by the monitoring group said that the shelling resumed at dawn."),
        "shelling",
    )
    assert q.speaker.text == "Sources"
    assert [v.text for v in q.via] == ["the monitoring group"]


def test_speaking_on_someones_behalf_makes_them_the_speaker():
    text = (
        "The agency quoted the spokeswoman as saying in a statement she read on his behalf "
        "that the talks would continue."
    )
    q = only(quotes_in(text), "talks would continue")
    assert q.speaker.text == "his"
    assert [v.text for v in q.via] == ["The agency", "the spokeswoman"]


def test_headline_label_and_dash_signature():
    quotes = quotes_in("Okafor: Farmers need rain before June.\n\n“The harvest is lost.” ― Amina Okafor\n")
    label = only(quotes, "Farmers")
    assert (label.speaker.text, label.cue.text) == ("Okafor", ":")
    signed = only(quotes, "harvest")
    assert (signed.kind, signed.speaker.text) == ("direct", "Amina Okafor")


def test_scare_quotes_are_not_reported_speech():
    assert quotes_in("The so-called “peace plan” was never published.") == []


def test_attribution_for_gives_the_chain_outermost_first():
    text = "State television quoted the interior minister as saying that troops shelled the town."
    quotes = quotes_in(text)
    start = text.index("shelled")
    chain = attribution_for(quotes, start, start + len("shelled"))
    assert [s.text for s in chain] == ["State television", "the interior minister"]
    assert attribution_for(quotes, 0, 5) == []


def test_seed_quotes_and_their_chains(seed_path, run_cli, tmp_path, article_validator):
    out = tmp_path / "seed.jsonl"
    assert run_cli("run", str(seed_path), "--out", str(out), "--quiet").exit_code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    quotes = [q for r in records for q in r["quotes"]]
    for record in records:
        article_validator.validate(record)

    def find(words: str) -> dict:
        return next(q for q in quotes if words in q["text"])

    relations = find("relations must be established")
    assert relations["kind"] == "indirect"
    assert [v["text"] for v in relations["via"]][-1] == "Buthaina Shaaban"
    assert "Syrian News Agency" in relations["via"][0]["text"]
    mixed = find("work to strengthen communication")
    assert (mixed["kind"], mixed["speaker"]["text"]) == ("mixed", "Assad")
    statement = find("Nearly 390 Syrian fighters")
    assert (statement["kind"], statement["speaker"]["text"]) == ("direct", "the Observatory")


@pytest.mark.parametrize("text", ["", "“", '”” ‘’ "\n\n"', "He said.", "According to"])
def test_degenerate_texts_do_not_crash(text):
    assert isinstance(quotes_in(text), list)


def test_any_verb_closing_a_short_tail_is_the_cue():
    q = only(quotes_in("“Will you raise taxes on farmers?” the moderator pressed."), "raise taxes")
    assert (q.cue.text, q.speaker.text) == ("pressed", "the moderator")


def test_the_clause_before_told_is_what_was_said_not_the_newspaper():
    text = "The school will stay closed until March, a district spokesman told the Daily Courier."
    q = only(quotes_in(text), "school")
    assert q.text == "The school will stay closed until March"
    assert (q.cue.text, q.speaker.text) == ("told", "a district spokesman")


def test_titles_in_quotation_marks_are_not_quotes():
    text = "On an episode of “The Evening Hour,” the senator said the bill would pass."
    quotes = quotes_in(text)
    assert [q.text for q in quotes] == ["the bill would pass"]


def test_quoted_words_hanging_on_an_ordinary_verb_are_a_mixed_quote():
    q = only(quotes_in("The governor branded the strike “a reckless stunt.”"), "reckless")
    assert q.kind == "mixed"
    assert q.text == "the strike “a reckless stunt.”"
    assert (q.cue.text, q.speaker.text) == ("branded", "The governor")


def test_transcript_turns_are_separate_quotes():
    text = (
        '"HOST: Will you run again next year?\n\n"MAYOR: I have not decided, and I will not decide today.\n'
    )
    quotes = quotes_in(text)
    assert [(q.speaker.text, q.cue.text) for q in quotes] == [("HOST", ":"), ("MAYOR", ":")]


def test_noun_cues_and_reportedly():
    quotes = quotes_in(
        "The mayor renewed his call for a curfew in the old town. "
        "The rebels have reportedly seized two villages near the border."
    )
    call = only(quotes, "curfew")
    assert (call.text, call.cue.text, call.speaker.text) == ("for a curfew in the old town", "call", "his")
    seized = only(quotes, "villages")
    assert seized.cue.text == "reportedly" and seized.speaker is None


_PIECES = [
    "He said",
    " “",
    "” ",
    '"',
    "''",
    "‘",
    "’",
    ": ",
    ", ",
    ".",
    "\n\n",
    "according to ",
    "the army ",
    "fire",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_any_mix_of_marks_and_cues_gives_exact_spans(pieces):
    quotes_in("".join(pieces))  # checks every span against the text


def test_the_second_half_of_a_split_quote_keeps_its_speaker_not_a_name_inside_the_first_half():
    text = (
        "“While I’m at it, I hold in the highest esteem Sen. John McCain,” Trump said, "
        "“and I fully support his re-election.”"
    )
    quotes = quotes_in(text)
    assert only(quotes, "highest esteem").speaker.text == "Trump"
    assert only(quotes, "re-election").speaker.text == "Trump"
