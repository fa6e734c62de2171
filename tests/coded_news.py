"""A small newsroom of coded articles, written for the API and web tests.

The texts are invented; their events are coded by hand (the way the pipeline's stages record
them, with exact offsets), so the tests can check what the API and the page show for each. One
article is hostile: its title, text, caption, outlet and url carry markup and `javascript:`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.model import (
    Actor,
    Article,
    Caption,
    Event,
    EventLoc,
    Participant,
    Place,
    Size,
    Source,
    Span,
    TimeRef,
)

QUADS = {
    "AGREE": 1,
    "CONSULT": 1,
    "AID": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
CITIES = {  # name -> (lat, lon, country, admin1)
    "Aleppo": (36.2021, 37.1343, "SY", "Aleppo"),
    "Jenin": (32.4603, 35.3027, "PS", "West Bank"),
    "Gaza": (31.5017, 34.4668, "PS", "Gaza Strip"),
    "Cairo": (30.0444, 31.2357, "EG", "Cairo"),
}
ACTORS = {  # canonical name -> (code, sector)
    "Syrian army": ("SYR", "MIL"),
    "rebels": ("SYR", "REB"),
    "Turkey": ("TUR", "GOV"),
    "shopkeepers": ("PSE", "CVL"),
    "Israeli forces": ("ISR", "MIL"),
    "Jordan": ("JOR", "GOV"),
    "Gaza residents": ("PSE", "CVL"),
    "Egypt": ("EGY", "GOV"),
    "Qatar": ("QAT", "GOV"),
    "Hamas": ("PSE", "REB"),
    "police": ("USA", "COP"),
    "protesters": ("USA", "CVL"),
}


def span(text: str, words: str, nth: int = 0) -> Span:
    """The `nth` occurrence of `words` in `text`, with its offsets."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(words, start, start + len(words))


@dataclass
class Coder:
    """Codes events of one article by quoting its words."""

    text: str
    article_id: str
    published: str
    actors: dict[str, Actor] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def who(self, words: str, name: str, nth: int = 0) -> Participant:
        found = span(self.text, words, nth)
        code, sector = ACTORS[name]
        actor = self.actors.setdefault(name, Actor(f"a{len(self.actors) + 1}", name, code, sector))
        if all(m.start != found.start for m in actor.mentions):
            actor.mentions.append(found)
        return Participant(found.text, found.start, found.end, actor.id, name, code, sector)

    def place(self, name: str) -> EventLoc:
        found = span(self.text, name)
        lat, lon, country, admin1 = CITIES[name]
        loc = dict(
            name=name, geonameid=None, lat=lat, lon=lon, country_code=country, admin1=admin1, level="city"
        )
        if all(p.start != found.start for p in self.places):
            self.places.append(Place(found.text, found.start, found.end, **loc))
        return EventLoc(found.text, found.start, found.end, **loc, precision="town")

    def event(
        self,
        event_id: str,
        kind: str,
        trigger: str,
        actor: list[Participant],
        recipient: list[Participant] = (),
        place: str | None = None,
        date: str | None = None,
        date_text: str | None = None,
        mode: str | None = None,
        reported_by: str | None = None,
        hypothetical: bool = False,
        story_id: str | None = None,
        dead: int | None = None,
        acled: tuple[str, str] | None = None,
        background: bool = False,
    ) -> None:
        found = span(self.text, trigger)
        start = self.text.rfind(". ", 0, found.start)
        start = start + 2 if start >= 0 else 0
        end = self.text.find(".", found.end) + 1 or len(self.text)
        if date_text:
            when = span(self.text, date_text)
            self.times.append(TimeRef(when.text, when.start, when.end, "DATE", date))
        self.events.append(
            Event(
                id=event_id,
                article_id=self.article_id,
                event=kind,
                mode=mode,
                quad_code=QUADS[kind],
                cameo_root=None,
                acled={"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
                trigger=found,
                sentence=Span(self.text[start:end], start, end),
                actor=list(actor),
                recipient=list(recipient),
                date=date or self.published,
                date_precision="day",
                date_text=date_text,
                event_loc=self.place(place) if place else None,
                size=Size(dead=dead),
                reported_by=[span(self.text, reported_by)] if reported_by else [],
                hypothetical=hypothetical,
                background=background,
                confidence=0.8,
                story_id=story_id,
                explanation="coded by hand for the tests",
            )
        )

    def article(self, title: str, outlet: str, url: str | None = None, captions=()) -> Article:
        return Article(
            id=self.article_id,
            source=Source(None, 0, url, outlet),
            title=title,
            text=self.text,
            published=self.published,
            published_from="input",
            language="en",
            captions=[Caption(text, credit) for text, credit in captions],
            places=self.places,
            times=self.times,
            actors=list(self.actors.values()),
            events=self.events,
        )


def aleppo() -> Article:
    c = Coder(
        "Syrian army forces shelled rebel positions in eastern Aleppo on Saturday, killing four fighters, "
        "the Observatory said. Rebels accused the army of targeting a market. Turkey urged both sides to "
        "respect the truce.",
        "aleppo-shelling",
        "2024-03-04",
    )
    army, rebels = c.who("Syrian army forces", "Syrian army"), c.who("rebel positions", "rebels")
    c.event(
        "ev-aleppo-shelled",
        "ASSAULT",
        "shelled",
        [army],
        [rebels],
        "Aleppo",
        "2024-03-02",
        "Saturday",
        mode="heavy-weapons",
        reported_by="the Observatory",
        story_id="story-aleppo",
        dead=4,
        acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    )
    c.event(
        "ev-aleppo-accused",
        "ACCUSE",
        "accused",
        [c.who("Rebels", "rebels")],
        [c.who("the army", "Syrian army")],
    )
    c.event("ev-turkey-urged", "REQUEST", "urged", [c.who("Turkey", "Turkey")])
    return c.article(
        "Shelling hits eastern Aleppo",
        "The Levant Ledger",
        "https://ledger.example/aleppo",
        [("Smoke rises over eastern Aleppo.", "Photo by Rana Haddad")],
    )


def aleppo_wire() -> Article:
    c = Coder(
        "Government troops shelled opposition-held districts of Aleppo on Saturday, killing five people, "
        "residents said.",
        "aleppo-wire",
        "2024-03-03",
    )
    c.event(
        "ev-aleppo-wire",
        "ASSAULT",
        "shelled",
        [c.who("Government troops", "Syrian army")],
        [c.who("opposition-held districts", "rebels")],
        "Aleppo",
        "2024-03-02",
        "Saturday",
        story_id="story-aleppo",
        dead=5,
    )
    return c.article("Troops shell Aleppo districts", "Wire B", "https://wire-b.example/1")


def jenin() -> Article:
    c = Coder(
        "Shopkeepers in Jenin held a general strike on Thursday to mourn three men killed in a raid. "
        "Israeli forces may return to the camp next week, a local official warned.",
        "jenin-strike",
        "2024-05-10",
    )
    c.event(
        "ev-jenin-strike",
        "PROTEST",
        "strike",
        [c.who("Shopkeepers", "shopkeepers")],
        [],
        "Jenin",
        "2024-05-09",
        "Thursday",
        "strike",
    )
    c.event(
        "ev-jenin-return",
        "MOBILIZE",
        "return",
        [c.who("Israeli forces", "Israeli forces")],
        [],
        "Jenin",
        hypothetical=True,
    )
    return c.article("Jenin observes a general strike", "Daily C", "https://daily-c.example/jenin")


def aid_and_talks() -> Article:
    c = Coder(
        "Jordan sent aid to Gaza on Sunday. Egypt and Qatar met Hamas negotiators in Cairo.",
        "aid-talks",
        "2024-05-12",
    )
    c.event(
        "ev-jordan-aid",
        "AID",
        "sent aid",
        [c.who("Jordan", "Jordan")],
        [c.who("Gaza", "Gaza residents")],
        "Gaza",
        "2024-05-12",
        "Sunday",
    )
    c.event(
        "ev-cairo-talks",
        "CONSULT",
        "met",
        [c.who("Egypt", "Egypt"), c.who("Qatar", "Qatar")],
        [c.who("Hamas negotiators", "Hamas")],
        "Cairo",
    )
    return c.article("Aid and talks", "Wire B")


HOSTILE_TEXT = (
    "Police said <script>window.__pwned = 1</script> protesters gathered outside city hall. "
    'Click <a href="javascript:window.__pwned=2">here</a> or <img src=x onerror="window.__pwned=3"> for more.'
)


def hostile() -> Article:
    c = Coder(HOSTILE_TEXT, "hostile-page", "2024-05-13")
    c.event(
        "ev-hostile", "PROTEST", "gathered", [c.who("protesters", "protesters")], [c.who("Police", "police")]
    )
    return c.article(
        '<img src=x onerror="window.__pwned=4">Breaking',
        "<i>Evil</i> Times",
        "javascript:window.__pwned=5",
        [('<b onmouseover="window.__pwned=6">caption</b>', "<script>credit</script>")],
    )


def recalled() -> Article:
    """An article that recalls history: one event of its day and one over a year before it (background)."""
    c = Coder(
        "Protesters marched in Cairo on Friday. Police in Cairo dispersed a similar march in 2011.",
        "cairo-recalled",
        "2024-06-08",
    )
    protesters, police = c.who("Protesters", "protesters"), c.who("Police", "police")
    c.event("ev-cairo-march", "PROTEST", "marched", [protesters], [], "Cairo", "2024-06-07", "Friday")
    c.event("ev-cairo-2011", "COERCE", "dispersed", [police], [], "Cairo", "2011", "2011", background=True)
    return c.article("Cairo march recalls 2011", "Nile Notes")


def newsroom() -> list[Article]:
    """Five articles, nine events (one hypothetical), one story told twice."""
    return [aleppo(), aleppo_wire(), jenin(), aid_and_talks(), hostile()]


SLASHED_ID = "https://news.example/2024/05/10/jenin-strike?ref=rss#top"


def slashed() -> Article:
    """An article whose id is its URL, as many feeds give it: slashes, a query and a fragment."""
    c = Coder(
        "Shopkeepers in Jenin held a general strike on Thursday, a local official said.",
        SLASHED_ID,
        "2024-05-10",
    )
    c.event(f"{SLASHED_ID}/e1", "PROTEST", "strike", [c.who("Shopkeepers", "shopkeepers")])
    return c.article("Strike in Jenin", "Wire/Desk")
