"""Near-duplicates: why 5-word shingles and a 0.5 threshold, and how `duplicate_of` is set.

The two cases that matter in news: a wire story re-posted by another outlet with a new headline,
one sentence rewritten and a paragraph of local context appended (a duplicate), and two different
stories on the same topic by one outlet that share its boilerplate paragraph (not a duplicate).
"""

from eventwire.dedup import SHINGLE_WORDS, THRESHOLD, Deduplicator, shingles, signature
from eventwire.model import Article, Source

WIRE = (
    "Hundreds of teachers marched through the centre of Nairobi on Tuesday to demand the payment of "
    "salary arrears that they say have been withheld for five months. The marchers carried placards and "
    "sang as they walked from the union headquarters to the finance ministry, where police in riot gear "
    "blocked the gates. A union official said the government had promised in March to clear the arrears "
    "but had not paid a single shilling since then. The finance ministry said in a statement that the "
    "payments would begin next month once the supplementary budget was approved by parliament. Schools in "
    "several counties have been closed since the start of the week as teachers stayed away from classes."
)
# Another outlet's copy: one sentence reworded, one paragraph of its own appended.
REPOST = (
    WIRE.replace(
        "The marchers carried placards and sang as they walked",
        "Carrying placards and singing, the marchers walked",
    )
    + "\n\nIn Mombasa, parents said their children had been sent home on Monday and told to wait for "
    "further notice from the county education office."
)
BOILERPLATE = (
    "\n\nThe Daily Courier is an independent newspaper. Subscribe to our newsletter for the latest news "
    "from Kenya and the region, delivered to your inbox every morning."
)
# A different story on the same topic (teachers, pay, Nairobi), with the outlet's boilerplate.
OTHER_STORY = (
    "Nurses in Nairobi ended a two-week strike on Friday after the county government agreed to hire "
    "four hundred more staff and raise allowances for night shifts. The nurses union said its members "
    "would return to the wards on Monday. Hospital managers said the strike had forced them to turn away "
    "patients and cancel planned operations across the city." + BOILERPLATE
)


def jaccard(a: str, b: str) -> float:
    """The exact Jaccard similarity of two texts' shingle sets (what MinHash estimates)."""
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, source=Source(path="feed.jsonl", index=0), title=None, text=text)


def test_the_threshold_separates_a_reworded_repost_from_a_different_story():
    # With 5-word shingles a reworded sentence breaks only the ~5 shingles around each change and an
    # appended paragraph adds its own; the repost keeps most of the original: well above 0.5.
    assert SHINGLE_WORDS == 5 and THRESHOLD == 0.5
    assert jaccard(WIRE, REPOST) > 0.65
    # Same topic and shared boilerplate, but different sentences: almost no 5-word run in common.
    assert jaccard(WIRE + BOILERPLATE, OTHER_STORY) < 0.25
    # Single words would not do: the two different stories share many of their words.
    words = [set(text.lower().split()) for text in (WIRE + BOILERPLATE, OTHER_STORY)]
    assert len(words[0] & words[1]) / len(words[0] | words[1]) > 2 * jaccard(WIRE + BOILERPLATE, OTHER_STORY)


def test_a_repost_points_to_the_original_and_a_different_story_does_not():
    dedup = Deduplicator()
    first, repost, other = (
        article("wire-1", WIRE + BOILERPLATE),
        article("courier-7", REPOST),
        article("courier-8", OTHER_STORY),
    )
    assert all(dedup.admit(a) for a in (first, repost, other))
    assert first.duplicate_of is None
    assert repost.duplicate_of == "wire-1"
    assert other.duplicate_of is None
    assert dedup.duplicates == 1


def test_a_copy_of_a_copy_names_the_original():
    dedup = Deduplicator()
    copies = [article("a", WIRE), article("b", REPOST), article("c", REPOST + " Classes resume next week.")]
    for item in copies:
        dedup.admit(item)
    assert [item.duplicate_of for item in copies] == [None, "a", "a"]


def test_stored_articles_are_skipped_and_seed_the_index():
    dedup = Deduplicator(stored_ids=["wire-1"], stored_originals=[("wire-1", signature(WIRE))])
    again = article("wire-1", WIRE)
    assert dedup.admit(again) is False  # already stored: an exact re-run adds nothing
    repost = article("courier-7", REPOST)
    assert dedup.admit(repost) is True
    assert repost.duplicate_of == "wire-1"
    assert (dedup.skipped, dedup.duplicates) == (1, 1)


def test_an_article_is_never_its_own_duplicate():
    dedup = Deduplicator()
    twice = [article("same-id", WIRE), article("same-id", WIRE)]
    for item in twice:
        dedup.admit(item)
    assert [item.duplicate_of for item in twice] == [None, None]


def test_texts_without_words_are_not_compared():
    dedup = Deduplicator()
    marks = [article("x", "— … —"), article("y", "— … —")]
    for item in marks:
        dedup.admit(item)
    assert [item.duplicate_of for item in marks] == [None, None]
