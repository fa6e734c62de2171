"""The codebook is generated from the lexicon, and the lexicon's own examples code as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysed import analyse
from eventwire.coding import codebook, lexicon

DOCS = Path(__file__).resolve().parents[1] / "docs" / "codebook.md"


def test_committed_codebook_is_the_generated_one():
    assert DOCS.read_text(encoding="utf-8") == codebook.render(), (
        "run: python -m eventwire.coding.codebook > docs/codebook.md"
    )


@pytest.mark.parametrize(("event", "sentence"), sorted(codebook.examples().items()))
def test_codebook_example_is_coded_with_its_type(event: str, sentence: str):
    events = analyse(sentence)[1].events
    factual = [e for e in events if not e.negated and not e.hypothetical] or events
    assert max(factual, key=lambda e: e.confidence).event == event


def test_every_plover_type_has_an_example():
    assert set(codebook.examples()) == {r.event for r in lexicon.load().rules if r.pos != "CUE"} - {"NONE"}


def test_lexicon_rejects_malformed_rows():
    with pytest.raises(ValueError, match="line 1: expected 8 columns"):
        lexicon.parse("kill\tV\tASSAULT\n")
    with pytest.raises(ValueError, match="unknown class @nowhere"):
        lexicon.parse("kill\tV\tobj=@nowhere\tASSAULT\t-\t18\tAttack\t0.7\n")


def test_none_rows_block_a_reading():
    sentence = "Donors pledged money to fight the epidemic."
    assert "ASSAULT" not in {e.event for e in analyse(sentence)[1].events}


def test_conditional_rows_win_over_plain_ones():
    rules = lexicon.parse(
        "strike\tN\t-\tPROTEST\tstrike\t14\tPeaceful protest\t0.5\n"
        "strike\tN\tchild=air\tASSAULT\taerial\t19\tAir/drone strike\t0.6\n"
    ).triggers[("strike", "N")]
    assert [r.event for r in rules] == ["ASSAULT", "PROTEST"]
