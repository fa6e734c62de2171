"""Cleaning text dumps: pasted pages from several (invented) outlets, cleaned by general rules."""

import pytest

from eventwire.clean import clean
from eventwire.model import Caption, RawDoc, Removed

TWO_ARTICLES = """\
Militants Storm Police Post in Khyber

Police officers stand guard at a checkpoint in Peshawar on March 8, 2025. (Photo by Amir Khan / AFP)
Police officers stand guard at a checkpoint in Peshawar on March 8, 2025. (Photo by Amir Khan / AFP)
KP

Militants Storm Police Post in Khyber

Police officers stand guard at a checkpoint in Peshawar on March 8, 2025. (Photo by Amir Khan / AFP)

Militants armed with rifles and grenades stormed a police post in Pakistan's Khyber district overnight, killing four officers, police said on Sunday.

A police spokesman said two attackers were killed in an exchange of fire that lasted several hours.

No group immediately claimed responsibility for the attack.



Farmers Block Highway Over Fuel Prices

Tractors line the road near Lahore. (Reuters)
Tractors line the road near Lahore. (Reuters)
KP

Farmers Block Highway Over Fuel Prices

Thousands of farmers blocked the main highway between Lahore and Islamabad on Monday to protest against a rise in diesel prices.
Police used batons to clear one section of the road, and at least 30 farmers were detained, a farmers' union said.
The government said it would meet union leaders on Tuesday.
"""


def dump(text: str, path: str = "feed.txt") -> list:
    return clean(RawDoc(path=path, index=0, kind="text", content=text))


def test_repeated_headline_blocks_split_a_dump_into_articles():
    first, second = dump(TWO_ARTICLES)
    assert first.title == "Militants Storm Police Post in Khyber"
    assert first.text.startswith("Militants armed with rifles")
    assert first.text.endswith("claimed responsibility for the attack.")
    assert second.title == "Farmers Block Highway Over Fuel Prices"
    assert second.text.startswith("Thousands of farmers blocked")
    assert (first.source.index, second.source.index) == (0, 1)


def test_captions_keep_their_credits_and_leave_the_text():
    first, second = dump(TWO_ARTICLES)
    assert first.captions == [
        Caption(
            "Police officers stand guard at a checkpoint in Peshawar on March 8, 2025.",
            "Photo by Amir Khan / AFP",
        )
    ]
    assert second.captions == [Caption("Tractors line the road near Lahore.", "Reuters")]
    for article in (first, second):
        assert article.title not in article.text
        assert "checkpoint in Peshawar" not in article.text and "Tractors line" not in article.text
        assert "KP" not in article.text.split()
        lines = [line for line in article.text.splitlines() if line]
        assert len(lines) == len(set(lines))


def test_paragraphs_are_separated_by_blank_lines():
    _, second = dump(TWO_ARTICLES)
    assert second.text.split("\n\n") == [
        "Thousands of farmers blocked the main highway between Lahore and Islamabad on Monday to protest against a rise in diesel prices.",
        "Police used batons to clear one section of the road, and at least 30 farmers were detained, a farmers' union said.",
        "The government said it would meet union leaders on Tuesday.",
    ]


def test_caption_date_is_the_publication_date_of_last_resort():
    first, second = dump(TWO_ARTICLES)
    assert (first.published, first.published_from) == ("2025-03-08", "caption")
    assert (second.published, second.published_from) == (None, "none")


def test_ids_are_stable_content_hashes():
    assert [a.id for a in dump(TWO_ARTICLES)] == [a.id for a in dump(TWO_ARTICLES, path="copy.txt")]
    assert len({a.id for a in dump(TWO_ARTICLES)}) == 2


def test_articles_without_repeated_headlines_split_after_a_blank_gap():
    text = (
        "Curfew Imposed in Imphal After Clashes\n\nAuthorities imposed a curfew in Imphal on Friday after clashes "
        "between two communities left three people dead.\n\n\n"
        "Opposition Walks Out of Parliament in Dhaka\n\nOpposition lawmakers walked out of parliament on Friday, "
        "accusing the speaker of bias.\n"
    )
    assert [a.title for a in dump(text)] == [
        "Curfew Imposed in Imphal After Clashes",
        "Opposition Walks Out of Parliament in Dhaka",
    ]


def test_masthead_byline_and_dateline_are_cut_and_recorded():
    text = """\
THE HIGHLAND OBSERVER

Protesters Torch Tax Office in Mekelle

By Selam Tesfaye and Daniel Mekonnen

MEKELLE, Ethiopia (AP) — Protesters set fire to a regional tax office in Mekelle on Thursday, witnesses said.

Police said 12 people were arrested.
"""
    [article] = dump(text)
    assert article.title == "Protesters Torch Tax Office in Mekelle"
    assert article.text.startswith("Protesters set fire to a regional tax office")
    assert "HIGHLAND" not in article.text and "Selam" not in article.text and "(AP)" not in article.text
    assert article.dateline == "MEKELLE, Ethiopia"
    assert article.byline == "Selam Tesfaye and Daniel Mekonnen"
    assert article.source.outlet == "THE HIGHLAND OBSERVER"  # the masthead, before the dateline's agency
    assert article.removed == [Removed("masthead", "THE HIGHLAND OBSERVER", 0, 21)]


@pytest.mark.parametrize(
    "opening, place, outlet, published",
    [
        ("BEIRUT (Reuters) - ", "BEIRUT", "Reuters", None),
        ("KYIV, Ukraine, March 3, 2025 (AFP) — ", "KYIV, Ukraine", "AFP", "2025-03-03"),
        ("GAZA CITY, Jan 5 (AFP) - ", "GAZA CITY", "AFP", None),
        ("CÚCUTA, Colombia — ", "CÚCUTA, Colombia", None, None),
    ],
)
def test_dateline_forms(opening, place, outlet, published):
    [article] = dump(f"Shelling Resumes\n\n{opening}Shelling resumed overnight, officials said.\n")
    assert article.text == "Shelling resumed overnight, officials said."
    assert (article.dateline, article.source.outlet, article.published) == (place, outlet, published)
    assert article.published_from == ("dateline" if published else "none")


def test_published_line_at_the_top_dates_the_article():
    text = "Strike Shuts Ports in Chittagong\n\nUpdated 09:40 GMT, 14 April 2025\n\nDock workers walked out on Monday.\n"
    [article] = dump(text)
    assert (article.published, article.published_from) == ("2025-04-14", "text")
    assert article.text == "Dock workers walked out on Monday."


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    text = """\
Army Retakes Town in Cabo Delgado

Mozambican troops backed by Rwandan forces retook the town of Macomia on
Wednesday after two days of fighting with insurgents, the defence ministry
said.

Residents who fled said the insurgents had looted shops and a health centre.
"""
    [article] = dump(text)
    assert article.text.split("\n\n") == [
        "Mozambican troops backed by Rwandan forces retook the town of Macomia on Wednesday after two days "
        "of fighting with insurgents, the defence ministry said.",
        "Residents who fled said the insurgents had looted shops and a health centre.",
    ]


def test_furniture_inside_the_body_is_removed():
    text = """\
Election Body Postpones Vote in Kinshasa

Voting was postponed in three districts of Kinshasa on Sunday, the electoral commission said.

Voters queue outside a polling station in Kinshasa. (AP Photo/Justin Makangara)

Advertisement

***

The commission blamed late delivery of ballot papers, which was confirmed by the Independent Observer Mission (IOM)

Voting was postponed in three districts of Kinshasa on Sunday, the electoral commission said.

Opposition candidates called the delay an attempt to rig the count.
"""
    [article] = dump(text)
    assert article.captions == [
        Caption("Voters queue outside a polling station in Kinshasa.", "AP Photo/Justin Makangara")
    ]
    assert article.text.split("\n\n") == [
        "Voting was postponed in three districts of Kinshasa on Sunday, the electoral commission said.",
        "The commission blamed late delivery of ballot papers, which was confirmed by the Independent "
        "Observer Mission (IOM)",
        "Opposition candidates called the delay an attempt to rig the count.",
    ]


def test_caption_with_a_credit_line_below_it():
    text = """\
Floods Displace Thousands in Maiduguri

Residents wade through floodwater in Maiduguri.
Residents wade through floodwater in Maiduguri.
Photo: Audu Marte/AFP

Floodwater from a collapsed dam displaced thousands of people in Maiduguri on Tuesday, emergency officials said.
"""
    [article] = dump(text)
    assert article.captions == [
        Caption("Residents wade through floodwater in Maiduguri.", "Photo: Audu Marte/AFP")
    ]
    assert article.text == (
        "Floodwater from a collapsed dam displaced thousands of people in Maiduguri on Tuesday, emergency officials said."
    )


def test_a_dump_with_no_text_is_an_error():
    with pytest.raises(ValueError, match="no article text"):
        dump("TT\n\n***\n")
