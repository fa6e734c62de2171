"""Dumps in other page styles (tests/data/dumps: invented articles pasted with their site's
furniture): every article split, titled and bounded right, no furniture left in title or text,
and each piece of furniture kept on the record in `captions`, `byline`, `dateline` or `removed`."""

import json
from pathlib import Path

import pytest

from eventwire.clean import clean
from eventwire.model import Caption, RawDoc

DUMPS = Path(__file__).parent / "data" / "dumps"


def dump(name: str) -> list:
    text = (DUMPS / name).read_text(encoding="utf-8")
    return clean(RawDoc(path=name, index=0, kind="text", content=text))


def removed(article, kind: str) -> list[str]:
    return [r.text for r in article.removed if r.kind == kind]


EXPECTED = {
    "portal.txt": [
        (
            "Fire Guts Textile Warehouse in Bhiwandi",
            "A fire broke out",
            "treated for smoke inhalation at a local hospital.",
        ),
        (
            "Bengaluru Metro Workers Call Off Strike",
            "Workers of the Bengaluru metro",
            "four dismissed workers.",
        ),
    ],
    "wire.txt": [
        (
            "Police Fire Tear Gas at Farmers Marching on Nairobi",
            "Kenyan police fired tear gas",
            "representatives next week.",
        ),
        (
            "Flooding Cuts Main Road Between Harare and Mutare",
            "Floodwater washed away",
            "built within two weeks.",
        ),
    ],
    "magazine.txt": [
        (
            "Teachers Strike Over Unpaid Salaries in Kisumu",
            "Hundreds of primary school teachers",
            "without notice.",
        ),
        ("Fishermen Protest Ban on Night Fishing", "Fishermen blocked the road", "fish stocks recover."),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_article_is_split_titled_and_bounded(name):
    articles = dump(name)
    assert [a.title for a in articles] == [title for title, _, _ in EXPECTED[name]]
    for article, (_, start, end) in zip(articles, EXPECTED[name], strict=True):
        assert article.text.startswith(start) and article.text.endswith(end)
        assert article.title not in article.text
        for paragraph in article.text.split("\n\n"):
            assert len(paragraph.split()) >= 8, paragraph  # prose only: no furniture line is left


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_removed_offsets_point_into_the_dump_as_read(name):
    text = (DUMPS / name).read_text(encoding="utf-8")
    for article in dump(name):
        assert article.removed
        for piece in article.removed:
            assert text[piece.start : piece.end] == piece.text


def test_breadcrumbs_are_never_titles_and_are_recorded():
    first, second = dump("portal.txt")
    assert removed(first, "breadcrumb") == ["Home › India › Maharashtra"]
    assert removed(second, "breadcrumb") == ["Home › India › Karnataka"]


def test_byline_with_an_update_stamp_gives_the_byline_and_the_date():
    first, second = dump("portal.txt")
    assert (first.byline, first.published, first.published_from) == ("Staff Reporter", "2018-03-12", "text")
    assert (second.byline, second.published) == ("Ramesh Kulkarni", "2018-03-13")


def test_share_bars_adverts_teasers_related_links_and_footers():
    first, _ = dump("portal.txt")
    assert removed(first, "share") == ["Share on Facebook  Share on Twitter  Email"]
    assert removed(first, "advert") == ["Advertisement"]
    assert removed(first, "related") == [
        "ALSO READ: Mumbai civic body to audit fire safety in old markets",
        "Related stories",
        "Blaze at chemical unit in Tarapur kills two",
        "Fire safety drive launched across Thane district",
    ]
    assert removed(first, "promo") == ["Subscribe to our newsletter for the day's top stories"]
    assert removed(first, "legal") == ["© 2018 The Western Chronicle. All rights reserved."]
    assert first.source.outlet == "The Western Chronicle"  # the copyright line names the outlet


def test_agency_photo_captions_go_to_captions_with_their_credit():
    first, second = dump("wire.txt")
    assert first.captions == [
        Caption(
            "FILE PHOTO: People walk past a closed shop in Nairobi, Kenya, March 3, 2018.",
            "REUTERS/Jane Okoth/File Photo",
        )
    ]
    assert second.captions[0].credit == "REUTERS/Tendai Moyo"
    assert "REUTERS/" not in first.text + second.text


def test_credit_trailers_leave_the_text_whole_line_or_tail():
    first, second = dump("wire.txt")
    assert removed(first, "credits") == ["(Reporting by Jane Okoth; Editing by Tom Brennan)"]
    assert removed(second, "credits") == [
        "(Reporting by Tendai Moyo; Writing by Anna Lindqvist; Editing by Tom Brennan)"
    ]
    assert second.text.endswith("The agency said a temporary crossing would be built within two weeks.")


def test_lines_the_site_prints_in_every_article_are_learned_from_the_dump():
    first, second = dump("wire.txt")
    for article in (first, second):
        assert removed(article, "repeated") == ["World News", "Our Standards: The Trust Principles."]
        assert "World News" not in article.text and "Our Standards" not in article.text
    assert (first.dateline, first.source.outlet) == ("NAIROBI", "Reuters")
    teachers, fishermen = dump("magazine.txt")
    assert removed(fishermen, "repeated") == ["Get the Lakeside Ledger app for breaking news alerts"]


def test_nav_bars_reading_time_share_buttons_and_the_masthead():
    teachers, fishermen = dump("magazine.txt")
    assert removed(teachers, "masthead") == ["THE LAKESIDE LEDGER"]
    assert removed(teachers, "links")[0] == "News  Politics  Business  Sport  Opinion"
    assert removed(teachers, "label") == ["4 min read"]
    assert removed(fishermen, "share") == ["Facebook", "Twitter", "WhatsApp"]
    assert teachers.source.outlet == fishermen.source.outlet == "THE LAKESIDE LEDGER"


def test_records_of_a_styled_dump_follow_the_contract(tmp_path, run_cli, article_validator):
    out = tmp_path / "out.jsonl"
    assert run_cli("run", str(DUMPS / "portal.txt"), "--out", str(out), "--quiet").exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        article_validator.validate(record)
        assert record["byline"] and record["removed"][0]["kind"] == "breadcrumb"
        assert record["language"] == "en"
