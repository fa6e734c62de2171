"""Articles written all in lower case or all in capitals (archives, wire copy, transcripts) code like normal text."""

from __future__ import annotations

from analysed import analyse
from eventwire.casing import working_text

TEXT = (
    "Israeli troops killed three Palestinians in Jenin on Monday, the army said.\n"
    "Police in Ahmedabad arrested 40 people after the riots, officials said."
)


def codings(text: str) -> list[tuple]:
    events = analyse(text, "2024-03-05")[1].events
    return sorted(
        (e.event, e.mode, tuple(p.code for p in e.actor), tuple(p.sector for p in e.actor)) for e in events
    )


def test_normal_text_is_parsed_as_it_is():
    assert working_text(TEXT) is TEXT


def test_a_truecased_copy_differs_only_in_case():
    lower = TEXT.lower()
    copy = working_text(lower)
    assert len(copy) == len(lower) and copy.lower() == lower
    assert "Israeli" in copy and "Jenin" in copy and "Monday" in copy and "Ahmedabad" in copy
    assert " police" not in copy.lower().replace("police in", "")  # nothing else invented
    assert copy.startswith("Israeli troops killed three Palestinians in Jenin on Monday, the army said.")


def test_common_words_keep_their_case_though_towns_share_them():
    copy = working_text("police said the us embassy would help us reopen the road to reading.")
    assert copy == "Police said the US embassy would help us reopen the road to reading."


def test_lower_and_upper_case_articles_code_like_the_original():
    expected = codings(TEXT)
    assert ("ASSAULT", None, ("ISR",), ("MIL",)) in expected
    assert codings(TEXT.lower()) == expected
    assert codings(TEXT.upper()) == expected


def test_every_span_keeps_the_verbatim_text():
    text = TEXT.lower()
    _, article = analyse(text, "2024-03-05")
    assert article.text == text and article.places and article.events
    spans = [*article.places, *article.times, *(m for a in article.actors for m in a.mentions)]
    for event in article.events:
        spans += [event.trigger, event.sentence, *event.actor, *event.recipient, *event.reported_by]
    for span in spans:
        assert text[span.start : span.end] == span.text
