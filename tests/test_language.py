"""Language: each article's language is recorded, and the English rules never code another one."""

import json

import pytest

from eventwire.clean import clean
from eventwire.model import RawDoc

FEED = [
    {
        "id": "es-1",
        "title": "Protestas en El Paso",
        "text": "Miles de personas marcharon el martes por las calles de El Paso para protestar contra la "
        "subida de los precios del combustible. La policía detuvo a doce manifestantes, según un portavoz.",
    },
    {
        "id": "fr-1",
        "title": "Grève à Marseille",
        "text": "Les dockers du port de Marseille se sont mis en grève lundi pour réclamer une hausse des "
        "salaires. La police a dispersé un rassemblement devant la préfecture, selon des témoins.",
    },
    {
        "id": "ar-1",
        "title": "انفجار في بغداد",
        "text": "قتل ثلاثة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في سوق شعبي في بغداد يوم الاثنين، "
        "بحسب ما أفادت الشرطة العراقية.",
    },
    {
        "id": "en-1",
        "title": "Protest in El Paso",
        "text": "Thousands of people marched through El Paso on Tuesday to protest against rising fuel "
        "prices. Police arrested twelve protesters, a spokesman said.",
    },
]


@pytest.fixture
def records(tmp_path, run_cli):
    feed, out = tmp_path / "feed.jsonl", tmp_path / "out.jsonl"
    feed.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in FEED), encoding="utf-8")
    result = run_cli("run", str(feed), "--out", str(out))
    assert result.exit_code == 0
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    return records, result.stderr


def test_other_languages_are_recorded_and_not_coded(records, article_validator):
    by_id, _ = records
    assert {key: record["language"] for key, record in by_id.items()} == {
        "es-1": "es",
        "fr-1": "fr",
        "ar-1": "ar",
        "en-1": "en",
    }
    for key in ("es-1", "fr-1", "ar-1"):
        record = by_id[key]
        assert record["text"] == next(item["text"] for item in FEED if item["id"] == key)  # kept, not dropped
        assert (record["places"], record["times"], record["actors"], record["quotes"], record["events"]) == (
            [], [], [], [], []
        )  # fmt: skip
        article_validator.validate(record)
    english = by_id["en-1"]
    assert [place["text"] for place in english["places"]] == ["El Paso"] and english["events"]


def test_the_run_summary_counts_the_articles_not_coded(records):
    _, stderr = records
    assert "1 article in ar, not coded, 1 article in es, not coded, 1 article in fr, not coded" in stderr


def test_a_short_english_headline_is_never_taken_for_another_language():
    # py3langid alone scores this as Hausa; an unsure call is no call, and the article is coded.
    [article] = clean(RawDoc(path=None, index=0, kind="jsonl", content="Gunmen kill 12 in Zamfara"))
    assert article.language in (None, "en")
