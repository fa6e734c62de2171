"""Furniture rules one by one, on lines as a page or dump presents them."""

import pytest

from eventwire.clean.furniture import chrome_kind, strip_furniture
from eventwire.model import Caption


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "© 2025 Harbor Gazette. All rights reserved.",
        "Copyright 2024 Nile Dispatch",
        "Market stalls after the fire, photos © Harbor Gazette, 2025",
        "World | Africa | Sahel",
        "SEE MORE: Curfew extended in Goma as M23 advances",
        "Read also | Ceasefire talks stall in Doha",
        "Also: Our full coverage of the election",
        "Also on levantpost.example Strikes resume along the border",
        "Related",
        "Most read",
        "Protesters storm parliament in Dhaka [VIDEO]",
        "Sign up for our weekly Sahel briefing",
        "Follow Eastern Ledger on Telegram and X.",
        "You may also like...",
        "Print article",
    ],
)
def test_site_chrome_is_recognised(line):
    assert chrome_kind(line)


@pytest.mark.parametrize(
    "line",
    [
        "Related charges were filed against two officers on Monday.",
        "Watchdog groups said the vote was marred by intimidation.",
        "Thousands are signing up to join the militia, a commander said.",
        "Rebels follow orders on the ground from commanders based abroad.",
        "The copyrighted footage was later removed by the broadcaster.",
        "Voters were asked to choose between two lists | a move critics called a sham.",
    ],
)
def test_prose_with_the_same_words_is_kept(line):
    assert chrome_kind(line) is None


def test_prose_ending_in_an_acronym_in_parentheses_is_not_a_caption():
    lines = [
        "Troops were deployed to the border, state media reported.",
        "",
        "The decision was announced by the official news agency (SANA)",
    ]
    body = strip_furniture(lines, None)
    assert body.captions == []
    assert body.lines == lines


def test_caption_repeated_at_the_top_without_credit():
    lines = [
        "Medics carry a wounded man in Khan Younis.",
        "Medics carry a wounded man in Khan Younis.",
        "",
        "Airstrikes hit the city overnight.",
    ]
    body = strip_furniture(lines, None)
    assert body.captions == [Caption("Medics carry a wounded man in Khan Younis.")]
    assert [line for line in body.lines if line] == ["Airstrikes hit the city overnight."]


def test_logo_word_repeated_in_the_body_is_dropped_but_short_prose_is_kept():
    lines = ["NG", "", "Clashes erupted in Jos.", "", "NG", "", "Police said 12 died.", "", "No."]
    body = strip_furniture(lines, None)
    assert [line for line in body.lines if line] == ["Clashes erupted in Jos.", "Police said 12 died.", "No."]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Share on Facebook  Share on Twitter  Email", "share"),
        ("WhatsApp", "share"),
        ("Home › World › Middle East", "breadcrumb"),
        ("News > Politics", "breadcrumb"),
        ("News  Politics  Business  Sport  Opinion", "links"),
        ("ALSO READ: Curfew lifted in Imphal after a week", "related"),
        ("Most viewed", "related"),
        ("Subscribe now", "promo"),
        ("Get the day's headlines delivered to your inbox", "promo"),
        ("4 min read", "label"),
        ("Updated 3 hours ago", "label"),
        ("We Are Sorry,This video is restricted from playing in your locationEcode: 17.", "label"),
        ("This video is no longer available.", "label"),
        ("Advertisement", "advert"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "legal"),
    ],
)
def test_each_class_of_chrome_is_named(line, kind):
    assert chrome_kind(line) == kind


def test_credit_trailers_are_cut_from_the_line_they_end_and_recorded():
    lines = [
        "Talks will resume next week. (Reporting by Jane Roe; Editing by John Doe)",
        "Reporting by the BBC was banned.",
    ]
    body = strip_furniture(lines, None)
    assert body.lines == ["Talks will resume next week.", "Reporting by the BBC was banned."]
    assert [(r.kind, r.text) for r in body.removed] == [
        ("credits", "(Reporting by Jane Roe; Editing by John Doe)")
    ]
