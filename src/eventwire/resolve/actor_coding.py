"""Actor coding: what a noun phrase says about its actor, as PLOVER codes it.

"militants", "the Russian-backed Fifth Corps", "President Assad", "a member of the Palestinian security
forces": each phrase gets a country code, a sector and an affiliation from a readable rule — the knowledge base,
"X-backed"/"X-led", a demonym or country in the phrase, a title, the place of its sentence, the article's
dominant country — so a coding can always be explained. One `ActorCoder` holds the vocabulary
(`actor_kb.load()`); `coder()` gives the process's one instance. Finding the actors of an article, and
merging their mentions, is `resolve/actor.py`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from eventwire.model import Article
from eventwire.nlp import ents_within
from eventwire.resolve import actor_kb
from eventwire.words import HONORIFICS, LOCATIVE

# Prepositions that say where something is (not "an inquiry into", "talks on", "a dispute over" a subject).
SITES = LOCATIVE - {"into", "on", "over", "off", "between"}
# How a place modifies the phrase's head when it names the head's country: "Louisiana Gov.", "Delaware's senators".
MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
PROXY_WORDS = frozenset(
    {"backed", "sponsored", "supported", "funded", "allied", "aligned", "affiliated", "trained"}
)

LEAD_WORDS = frozenset({"led", "commanded", "run", "controlled"})
# A place after these in an actor's phrase is its subject matter, not its country.
TOPIC_PREPOSITIONS = frozenset({"on", "for", "about", "over"})
# A verb's own parties: the subject, the objects, the passive subject.
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj"})
# Where something goes, which is not where it is from ...
DESTINATION = frozenset({"to", "into", "towards", "toward"})
# Verbs by which a state moves its forces or its aid.
SENDING = frozenset(
    "send deploy dispatch station provide give supply deliver withdraw pull move fly airlift transfer".split()
)
# ... unless it is sent home: "deported 300 migrants to Honduras".
HOMEWARD = frozenset({"deport", "repatriate", "return", "readmit"})
# Where a war or a mission was, or where a meeting is held, says where the people in it served or met,
# not where they are from ("a general in the wars in Iraq", "the talks between X and Y in Doha").
EVENT_SITES = frozenset(
    """war conflict fighting campaign invasion occupation insurgency intervention mission tour meet talk discuss
    negotiate confer summit conference meeting negotiation""".split()
)

TITLE_SKIP_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "PUNCT", "NUM"})

DEMONYM_SECTOR = "CVL"

MULTINATIONAL = frozenset(
    {"multinational", "international", "regional", "allied", "coalition"}
)  # "Palestinians", "Iraqi Kurds": people of a country, not its state


class Coding(NamedTuple):
    """What a noun phrase says about its actor: `code, sector, affiliation, name = code_mention(...)`."""

    code: str | None
    sector: str | None
    affiliation: str | None
    name: str


class ActorCoder:
    """Codes noun phrases with one actor vocabulary (the knowledge base, roles, demonyms, countries)."""

    def __init__(self, lex: actor_kb.Lexicon) -> None:
        self.lex = lex

    def code_mention(self, span: SpacySpan, article: Article | None = None) -> Coding:
        """Code any noun phrase ("militants", "the Russian-backed Fifth Corps", "President Assad").

        For phrases that are not an actor's mention; `article` gives the context (places, dominant country) used
        when the phrase itself names no country.
        """
        return self.code(span, article)[0]

    def code(
        self,
        span: SpacySpan,
        article: Article | None,
        head: int | None = None,
        name: bool = False,
    ) -> tuple[Coding, bool]:
        """Code a phrase (with whether the phrase itself named the country); `head` overrides the parse's head.

        For a `name` the KB does not know as a whole, a KB alias at its head is a different body that shares words
        ("National Security Council" is not the UN's "Security Council") and is ignored.
        """
        tokens = list(span)
        used: set[int] = set()
        affiliation = lead = None
        for i, tok in enumerate(tokens):
            low = tok.lower_
            if low in PROXY_WORDS or low in LEAD_WORDS:
                j = i - 1 if i and tokens[i - 1].text != "-" else i - 2
                found = self._country_ending(tokens, j) if j >= 0 else None
                if found:
                    code, n = found
                    used.update(range(j - n + 1, j + 1))
                    if low in LEAD_WORDS:
                        lead = code
                    else:
                        affiliation = code
            elif low.startswith("pro-") or (
                low == "pro" and i + 2 < len(tokens) and tokens[i + 1].text == "-"
            ):
                word = low[4:] if low != "pro" else tokens[i + 2].lower_
                code = self.lex.demonyms.get(word) or self.lex.countries.get(word)
                if code:
                    affiliation = code
                    used.update({i, i + 1, i + 2} if low == "pro" else {i})
        kb_entry, kb_span = self.kb_inside(span)
        head = _head_index(span) if head is None else head
        if name and kb_entry is not None and kb_span[0] <= head < kb_span[1]:
            kb_entry = None
        kb_sector = kb_entry.sector_on(article.published if article else None) if kb_entry else None
        role, role_at = (None, head) if self.names_place(span, head) else self._role_for(span, head)
        sector = role.sector if role else None
        if role and role.inherit:
            inside = kb_entry is not None and kb_span[0] <= head < kb_span[1]
            beside = (None if inside else kb_sector) or self._inherited_sector(span, head, role_at)
            if beside is None and role.story:
                beside = self._nearest_force(span.doc, role_at)
            sector = beside or sector
        code = lead
        head_country = None
        for words in (
            normal(span.text),
            "" if _inside_a_name(span.doc[head], span.doc[head]) else normal(span.doc[head].text),
        ):  # "East Jerusalem" before "Jerusalem"; not "Jim Jordan"
            head_country = head_country or self.country_of_text(words) or self.lex.capitals.get(words)
        if code is None and head_country and not (kb_entry is not None and kb_span[0] <= head < kb_span[1]):
            code = head_country  # "NATO-member Norway": the KB name only modifies the country
            kb_entry, role, sector = None, None, "GOV"
        if code is None and kb_entry is not None and kb_entry.code:
            code = kb_entry.code
        if kb_entry is not None and (role is None or (kb_span[0] <= head < kb_span[1] and kb_sector)):
            sector = kb_sector if kb_sector or role is None else sector
        hint = None
        if code is None:
            code, weak = self._country_in(tokens, used, _places_in(span, article), head)
            if weak:
                code, hint = None, code
        head_tok = span.doc[head]
        if role is None and kb_entry is None:
            text = normal(span[head - span.start :].text) if head >= span.start else ""
            if self.country_of_text(normal(span.text)) or normal(span.text) in self.lex.capitals:
                sector = "GOV"
            elif head_tok.lower_ in self.lex.demonyms and head_tok.tag_ in ("NNS", "NNPS") and text:
                sector = DEMONYM_SECTOR
        if code is None and role is not None and role.code:
            code = role.code
        if code is None and sector == "MIL" and any(t.lower_ in MULTINATIONAL for t in tokens):
            code = "IGO"  # "a regional peacekeeping force", "multinational troops"
        if code is None and _party_tag(span):
            code = "USA"  # "Sen. Lindsey Graham (R-SC)": an American legislator's party and state
        explicit = code is not None
        if code is None and sector not in (None, "UNK") and article is not None:
            code = self._sender(span) or self._context_country(span, article)
        elif code is None and sector is None and article is not None and _full_name(span.doc[head]):
            code = self._dominant_country(span.doc, article)
        if code is not None and not explicit and code in self._not_its_countries(span):
            code = None  # "officials accused Iran", "the minister's visit to Cairo": not theirs
        code = code or hint
        name = (
            kb_entry.name
            if kb_entry is not None and kb_span == (span.start, span.end)
            else display_name(span)
        )
        return Coding(code, sector, affiliation, name), explicit

    def role_at(self, doc: Doc, i: int, lo: int = 0) -> tuple[actor_kb.Role, int] | None:
        """The longest role phrase ending at token i (lemmas, e.g. 'security force'), with its first token."""
        lemmas, lowers = _words(doc)
        for n in range(min(self.lex.max_role_words, i - lo + 1), 0, -1):
            for words in (lemmas, lowers):
                key = " ".join(words[i - n + 1 : i + 1]).replace(" - ", "-")  # "Secretary - General"
                if key in self.lex.roles:
                    return self.lex.roles[key], i - n + 1
                if (
                    key.endswith("s") and key[:-1] in self.lex.roles
                ):  # proper-noun plurals keep their "s" as lemma
                    return self.lex.roles[key[:-1]], i - n + 1
        return None

    def _role_for(self, span: SpacySpan, head: int) -> tuple[actor_kb.Role | None, int]:
        """The head's role; for a name ("President Bashar al-Assad") the nearest title before it."""
        doc = span.doc
        found = self.role_at(doc, head, span.start)
        if found:
            return found
        if doc[head].pos_ == "PROPN":
            for i in range(head - 1, span.start - 1, -1):
                found = self.role_at(doc, i, span.start)
                if found and (doc[i].pos_ in ("PROPN", "NOUN")):
                    return found
        return None, head

    def _inherited_sector(self, span: SpacySpan, head: int, role_at: int) -> str | None:
        """'rebel leader' REB, 'member of the security forces' COP (a KB body beside the role, 'Hamas spokesman'
        REB, is read by the caller)."""
        doc = span.doc
        for i in list(range(role_at - 1, span.start - 1, -1)) + list(range(head + 1, span.end)):
            found = self.role_at(doc, i, span.start)
            if found and not found[0].inherit and doc[i].pos_ in ("NOUN", "PROPN", "ADJ"):
                return found[0].sector
        return None

    def _nearest_force(self, doc: Doc, i: int) -> str | None:
        """COP or MIL: the sector of the police or military noun nearest before token i, else first after it.

        A bare "force" is no sign of either ("excessive force", "the use of force").
        """
        key = "eventwire.forces"
        if key not in doc.user_data:
            forces = []
            for tok in doc:
                found = self.role_at(doc, tok.i)
                if (
                    found
                    and found[0].sector in ("COP", "MIL")
                    and not found[0].story
                    and tok.pos_ != "VERB"
                    and not (found[1] == tok.i and tok.lemma_ == "force")
                ):
                    forces.append((tok.i, found[0].sector))
            doc.user_data[key] = forces
        before = [sector for j, sector in doc.user_data[key] if j < i]
        after = [sector for j, sector in doc.user_data[key] if j > i]
        return before[-1] if before else after[0] if after else None

    def kb_inside(self, span: SpacySpan) -> tuple[actor_kb.KBEntry | None, tuple[int, int]]:
        """The longest KB alias inside the phrase (matched like find_actors does).

        A bare surname is the person of that surname the article names in full, not the KB's ("Clinton
        aides" after "Hillary Clinton" are hers, not Bill Clinton's): that person's own row, if any; the KB's
        person when the first names agree ("Viktor F. Yanukovych").
        """
        best = self._longest_kb(span)
        if best is None:
            return None, (0, 0)
        entry, s, e = best
        if entry.kind == "person" and e - s == 1:
            full = _full_names(span.doc).get(span.doc[s].lower_)
            if full is not None and normal(full.text) not in kb_forms(entry):
                named = self._longest_kb(full)
                if named is not None and (named[1], named[2]) == (full.start, full.end):
                    entry = named[0]
                elif full[0].lower_ != entry.name.split()[0].lower():
                    return None, (0, 0)  # "Maher al-Assad" is not the KB's "Bashar al-Assad"; "Viktor F." is
        return entry, (s, e)

    def _longest_kb(self, span: SpacySpan) -> tuple[actor_kb.KBEntry, int, int] | None:
        best = None
        for mid, s, e in kb_matcher(span.doc.vocab)(span):
            if best is None or e - s > best[2] - best[1]:
                best = (self.lex.kb[int(span.doc.vocab.strings[mid])], s, e)
        return best

    def _country_ending(self, tokens: list[Token], j: int) -> tuple[str, int] | None:
        """A country name or demonym that ends at tokens[j] (up to 4 words), and its length."""
        for n in range(min(4, j + 1), 0, -1):
            text = normal(" ".join(t.text for t in tokens[j - n + 1 : j + 1]))
            code = self.country_of_text(text) or self.lex.demonyms.get(text)
            if code:
                return code, n
        return None

    def _country_in(
        self, tokens: list[Token], used: set[int], places: dict[int, tuple[int, str | None]], head: int
    ) -> tuple[str | None, bool]:
        """The country the phrase names: a modifier ('Syrian', "Israel's") first, else a place ('rebels in Darfur').

        `places` are the article's resolved places that start in the phrase (token index -> length, country):
        a state or town modifying the head names its country ("Louisiana Gov. Bobby Jindal" is American, not
        "the mother of Benghazi victim Sean Smith"; after a preposition only a country, its people or its
        capital does: "the CIA chief in Benghazi" is where he is), and it is read whole ("New Jersey" is not
        Jersey). An "ethnic X" only hints (True as second value): ethnic Albanians of Serbia are coded SRB by
        their place, so the caller tries the context before falling back on the demonym.
        """
        found: dict[str, list[str]] = {"modifier": [], "place": [], "ethnic": []}
        after_preposition = _after_preposition(tokens)
        i = 0
        while i < len(tokens):
            hit = None
            length, country = places.get(tokens[i].i, (0, None))
            whole = length if 0 < length <= len(tokens) - i and not any(k in used for k in range(i, i + length)) else 0
            if (
                whole
                and country
                and not _inside_a_name(tokens[i], tokens[i + whole - 1])
                and (
                    self._names_country(tokens[i : i + whole], country)
                    or (not after_preposition[i] and _modifies(tokens[i + whole - 1], head))
                )
            ):
                hit = (country, whole)  # "Louisiana Gov. Bobby Jindal", "Aleppo rebels", "across northern Syria"
            for n in range(min(7, len(tokens) - i), 0, -1) if hit is None and not whole else ():
                if any(k in used for k in range(i, i + n)):
                    continue
                text = normal(" ".join(t.text for t in tokens[i : i + n]))
                code = (
                    self.country_of_text(text) or self.lex.demonyms.get(text) or self.lex.capitals.get(text)
                )
                if code is None and "-" in text and n == 1:
                    code = self.lex.demonyms.get(text.split("-")[0])
                if code and _inside_a_name(tokens[i], tokens[i + n - 1]):
                    code = None  # "Chad Sweet", "Jordan Peterson": a person's name, not a country
                if code and not _written_as_a_name(tokens[i : i + n], text in self.lex.demonyms):
                    code = None  # "male troops", "Male soldiers" (Malé): a word, not the name
                if code:
                    hit = (code, n)
                    break
            if hit and ((i > 0 and tokens[i - 1].lower_ in TOPIC_PREPOSITIONS) or _event_site(tokens[i]) is not None):
                i += hit[1]  # "the Select Committee on Benghazi", "the envoy for Syria": what it deals with
            elif hit:
                if i > 0 and tokens[i - 1].lower_ == "ethnic":
                    found["ethnic"].append(hit[0])
                else:
                    found["place" if after_preposition[i] else "modifier"].append(hit[0])
                i += hit[1]
            else:
                i += whole or 1
        if found["ethnic"] and not found["modifier"]:
            return (found["place"][-1], False) if found["place"] else (found["ethnic"][0], True)
        best = found["modifier"] or found["place"]
        return (best[0], False) if best else (None, False)

    def _names_country(self, tokens: list[Token], code: str) -> bool:
        """Whether a place's words name its country, its people or its capital ("northern Syria", "Americans",
        "Damascus"; not "New Jersey", whose "Jersey" is another country)."""
        texts = [normal(" ".join(t.text for t in tokens)), *(normal(t.text) for t in tokens)]
        return any(
            code in (self.country_of_text(text), self.lex.demonyms.get(text), self.lex.capitals.get(text))
            for text in texts
        )

    def country_of_text(self, text: str) -> str | None:
        return self.lex.countries.get(text) or self.lex.countries.get(text.removeprefix("the "))

    def place_name(self, text: str) -> str | None:
        """The country of a country, capital or city name."""
        return (
            self.country_of_text(text)
            or self.lex.capitals.get(text)
            or self.lex.cities.get(text.removeprefix("the "))
        )

    def names_place(self, span: SpacySpan, head: int) -> bool:
        """Whether the phrase is a place's name ("the West Bank", "Jenin"), not a role noun that a town
        happens to share ("police": Police is a town in Poland)."""
        text = normal(span.text).removeprefix("the ")
        if not self.place_name(text):
            return False
        return (
            " " in text
            or text in self.lex.capitals
            or bool(self.country_of_text(text))
            or (self.role_at(span.doc, head) is None)
        )

    def _context_country(self, span: SpacySpan, article: Article) -> str | None:
        """No country in the phrase: where its clause happens ("police in Jenin arrested"), else the article's
        dominant country, else any place its sentence names. A place that only qualifies another phrase ("a
        general in the conflicts in Iraq was sentenced by a federal judge") does not place the judge."""
        doc = span.doc
        sent = span.sent
        located: list[str] = []
        named: list[str] = []
        starts, coded = _coded_places(doc, article)
        places = coded[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]
        if not article.places:
            places = [
                (e.start_char, e.end_char, self.place_name(normal(e.text)))
                for e in ents_within(sent)
                if e.label_ in ("GPE", "LOC")
            ]
        for start, end, code in places:
            if (
                not code
                or not sent.start_char <= start < sent.end_char
                or span.start_char <= start < span.end_char
            ):
                continue
            ent = doc.char_span(start, end, alignment_mode="expand")
            head = ent.root.head if ent is not None else None
            if head is not None and ent.root.dep_ == "pobj" and head.lower_ in TOPIC_PREPOSITIONS:
                continue  # "the committee on Benghazi": a subject matter places no one
            if ent is not None and _event_site(ent.root) is not None:
                continue  # "a general in the wars in Iraq", "met in Geneva": where a war or a meeting was
            in_place = (
                head is not None
                and ent.root.dep_ == "pobj"
                and head.lower_ in LOCATIVE | {"from", "to"}
                and not self._qualifies_another(head.head, span)
            )
            (located if in_place else named).append(code)
        if located:
            return located[0]
        return self._dominant_country(doc, article) or (named[0] if named else None)

    def _sender(self, span: SpacySpan) -> str | None:
        """The state that sends, deploys or withdraws the phrase ("France sent troops", "the US provided
        military aid", "troops were deployed by Britain"): its forces and its aid are its own."""
        token = span.root
        while token.dep_ in ("amod", "compound") and token.head.i != token.i:
            token = token.head  # "military" in "military aid"
        if token.dep_ not in ("dobj", "nsubjpass") or token.head.lemma_.lower() not in SENDING:
            return None
        verb = token.head
        senders = [c for c in verb.children if c.dep_ == "nsubj"] + _agents(verb)
        return next((code for s in senders if (code := self.country_of_text(head_phrase_text(s)))), None)

    def _not_its_countries(self, span: SpacySpan) -> set[str]:
        """Countries its clause sets apart from the phrase: the other party of the verb it is an argument of
        ("Officials accused Iran", "Russia was urged by ministers": a state does not accuse itself), where
        its own verb or noun goes ("the minister's visit to Cairo", "troops sent to Mali", "military aid to
        Pakistan"), unless it is sent home ("deported the migrants to Honduras"), and where its own meeting
        was held ("the presidents met in Geneva")."""
        root = span.root
        governors = [root.head]  # up through the nouns it belongs to, to its verb: "military aid sent to"
        while governors[-1].pos_ not in ("VERB", "AUX") and governors[-1].head.i != governors[-1].i:
            governors.append(governors[-1].head)
        goals = [
            token
            for governor in governors
            for preposition in governor.children
            if preposition.lower_ in DESTINATION and not _home(preposition)
            for token in preposition.children
            if token.dep_ == "pobj"
        ]
        own = {g.i for g in governors}
        sites = [
            token
            for token in span.sent
            if token.ent_type_ in ("GPE", "LOC") and (site := _event_site(token)) is not None and site.i in own
        ]
        found = {
            code
            for token in goals + sites
            if (code := self.place_name(head_phrase_text(token)))
        }
        by_agent = root.dep_ == "pobj" and root.head.dep_ == "agent"
        verb = root.head.head if by_agent else root.head
        if (root.dep_ not in ARGUMENTS and not by_agent) or verb.lemma_.lower() in SENDING:
            return found  # what a state sends is its own (`_sender`)
        parties = [c for c in verb.children if c.dep_ in ARGUMENTS] + _agents(verb)
        parties += [c for party in parties for c in party.conjuncts]
        return found | {
            code
            for party in parties
            if not span.start <= party.i < span.end
            and (code := self.country_of_text(head_phrase_text(party)))
        }

    def _qualifies_another(self, attached: Token, span: SpacySpan) -> bool:
        """Whether a place attached to `attached` describes another person or body on its way up to `span`'s
        clause ("David Petraeus, a general in Iraq, was sentenced by a federal judge": Iraq is the general's), or
        a thing ("ordered Menem to appear in an investigation of arms sales to Croatia")."""
        above = {span.root.i, *(t.i for t in span.root.ancestors)}
        token = attached
        while token.i not in above:
            if span.start <= token.i < span.end:
                return False
            if token.ent_type_ in ("PERSON", "ORG", "NORP") or self.role_at(token.doc, token.i) is not None:
                return True
            if token.i == attached.i and token.pos_ == "NOUN" and not self._in_the_clause(token, above):
                return True  # "an investigation of arms sales to Croatia" (not "blocked streets in Hong Kong")
            if token.head.i == token.i:
                return False
            token = token.head
        return False

    @staticmethod
    def _in_the_clause(noun: Token, above: set[int]) -> bool:
        """Whether a noun is an argument of the clause or where it happens ("blocked streets", "stopped work in a
        strike at the mine"): a place in it is the clause's place."""
        for _ in range(4):
            head = noun.head
            if head.i in above:
                return True
            if head.lower_ not in SITES or head.head.i == head.i:
                return False
            noun = head.head
        return False

    def _dominant_country(self, doc: Doc, article: Article) -> str | None:
        """The country most of the article is about, when one clearly dominates (cached on the Doc)."""
        key = "eventwire.dominant_country"
        if key not in doc.user_data:
            counts: Counter[str] = Counter()
            for place in article.places:
                code = actor_kb.alpha3(place.country_code)
                if code:
                    counts[code] += 1
            for tok in doc:
                code = self.lex.demonyms.get(tok.lower_) if tok.text[:1].isupper() else None
                if code and not _inside_a_name(tok, tok):
                    counts[code] += 1
            for ent in doc.ents:
                if ent.label_ == "GPE" and not article.places:
                    code = self.place_name(normal(ent.text))
                    if code:
                        counts[code] += 1
            top = counts.most_common(2) + [("", 0), ("", 0)]
            clear = top[0][1] >= 1.5 * top[1][1] and (top[0][1] >= 2 or top[1][1] == 0) and top[0][1] > 0
            doc.user_data[key] = top[0][0] if clear else None
        return doc.user_data[key]

    def head_phrase(self, span: SpacySpan) -> str:
        """'the Palestinian security forces' -> 'security force': the phrase's words without country or number."""
        words = [
            _lemma(t)
            for t in span
            if t.pos_ not in ("DET", "NUM", "PUNCT")
            and not t.like_num
            and t.lower_ not in self.lex.demonyms
            and not (t.pos_ == "PROPN" and self.place_name(t.lower_))  # not "police" (Police, Poland), "man"
        ]
        return " ".join(words)

    def role_context(self, span: SpacySpan) -> SpacySpan:
        """The role phrase's whole noun chunk, plus "of the security forces" after a "member"-like head."""
        doc = span.doc
        root = span.root
        start = min(span.start, root.left_edge.i)
        end = span.end
        found = self.role_at(doc, root.i, span.start)
        if found and found[0].inherit:
            for child in root.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    end = max(end, child.right_edge.i + 1)
        return doc[start:end]

    def name_context(self, span: SpacySpan) -> SpacySpan:
        """The phrase around a name: titles and modifiers to its left, the rest of its noun chunk to its right."""
        doc = span.doc
        start = span.start
        while start > 0 and span.start - start < 6:
            prev = doc[start - 1]
            # "Secretary of State X" crosses its "of"; "the resignation of X" does not
            of_title = prev.lower_ == "of" and start >= 2 and self.role_at(doc, start - 2) is not None
            proxy = prev.lower_ in PROXY_WORDS | LEAD_WORDS or of_title
            if (prev.pos_ not in TITLE_SKIP_POS and not proxy) or prev.text in (",", "(", ")", '"', "“", "”"):
                break
            start -= 1
        end = span.end
        root = span.root
        if root.head.i >= end and root.dep_ in ("compound", "amod", "nmod") and root.head.i - end < 4:
            end = root.head.i + 1
        return doc[start:end]


@lru_cache(maxsize=1)
def coder() -> ActorCoder:
    """The coder over the vocabulary shipped in the package (built once per process)."""
    return ActorCoder(actor_kb.load())


@lru_cache(maxsize=1024)
def kb_forms(entry: actor_kb.KBEntry) -> frozenset[str]:
    """A KB row's names as `normal` writes them, for telling its own full name from another's."""
    return frozenset(normal(alias) for alias in entry.aliases)


@lru_cache(maxsize=4)
def kb_matcher(vocab: Vocab) -> PhraseMatcher:
    """PhraseMatcher over every KB alias, case-sensitive, with a Title Case variant of lower-case aliases."""
    make = spacy.blank("en", vocab=vocab).make_doc
    matcher = PhraseMatcher(vocab, attr="ORTH")
    for index, entry in enumerate(actor_kb.load().kb):
        forms = set()
        for alias in entry.aliases:
            forms.update(
                {alias, alias[0].upper() + alias[1:], " ".join(w[0].upper() + w[1:] for w in alias.split())}
            )
        matcher.add(str(index), [make(f) for f in sorted(forms)])
    return matcher


def _head_index(span: SpacySpan) -> int:
    """Doc index of the phrase's head noun: the parse root if nominal, else the last noun before 'of'/'in'."""
    root = span.root
    if root.pos_ in ("NOUN", "PROPN", "NUM"):
        return root.i
    last = None
    for tok in span:
        if tok.pos_ in ("NOUN", "PROPN"):
            last = tok.i
        elif tok.pos_ == "ADP" and last is not None:
            break
    return last if last is not None else root.i


def _full_name(token: Token) -> bool:
    """Whether `token` ends a person's name of two or more words ("Paul Ryan", not a lone "Jaffrey")."""
    return token.ent_type_ == "PERSON" and token.ent_iob_ == "I"


def _written_as_a_name(words: list[Token], demonym: bool) -> bool:
    """Whether words that spell a country or a capital are written as its name: with a capital, and one word
    a proper noun or a place (a sentence's first word has a capital anyway: "Male soldiers"); a demonym is an
    adjective ("Syrian troops")."""
    if not any(t.text[:1].isupper() for t in words):
        return False
    return demonym or len(words) > 1 or words[0].pos_ == "PROPN" or words[0].ent_type_ in ("GPE", "LOC", "NORP")


def _inside_a_name(first: Token, last: Token) -> bool:
    """Whether first..last is part of a person's name: of a longer name ("Chad Sweet"), after an honorific
    ("Mr. Cuban"), or the surname of a full name the article gives ("Mark Cuban ... Cuban said")."""
    doc = last.doc
    if first.i > 0 and doc[first.i - 1].lower_.rstrip(".") in HONORIFICS:
        return True
    if first.i == last.i and first.ent_type_ != "GPE" and first.lower_ in _full_names(doc):
        return True
    if first.ent_type_ != "PERSON":
        return False
    return first.ent_iob_ == "I" or (last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I")


def _full_names(doc: Doc) -> dict[str, SpacySpan]:
    """Surname -> the article's first name of two or more words that ends with it (cached on the Doc)."""
    key = "eventwire.full_names"
    if key not in doc.user_data:
        names: dict[str, SpacySpan] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                names.setdefault(ent[-1].lower_, ent)
        doc.user_data[key] = names
    return doc.user_data[key]


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _modifies(token: Token, head: int) -> bool:
    """Whether the word modifies the phrase's head through modifiers only ("Louisiana Gov. Bobby Jindal")."""
    while token.i != head and token.dep_ in MODIFIER_DEPS and token.head.i != token.i:
        token = token.head
    return token.i == head


def _places_in(span: SpacySpan, article: Article | None) -> dict[int, tuple[int, str | None]]:
    """The article's places that lie in the phrase: first token -> (length in tokens, alpha-3)."""
    if article is None:
        return {}
    starts, coded = _coded_places(span.doc, article)
    found = {}
    for start, end, code in coded[bisect_left(starts, span.start_char) : bisect_left(starts, span.end_char)]:
        place = span.doc.char_span(start, end, alignment_mode="expand")
        if place is not None and place.end <= span.end:
            found[place.start] = (len(place), code)
    return found


def _coded_places(doc: Doc, article: Article) -> tuple[list[int], list[tuple[int, int, str | None]]]:
    """The article's places as (start, end, alpha-3) in text order, and their starts, so a
    sentence finds its own by bisection (cached on the Doc: scanning every place for every
    phrase was quadratic in an article of many sentences)."""
    key = "eventwire.coded_places"
    if key not in doc.user_data:
        coded = sorted(
            ((p.start, p.end, actor_kb.alpha3(p.country_code)) for p in article.places), key=lambda p: p[0]
        )
        doc.user_data[key] = ([start for start, _, _ in coded], coded)
    return doc.user_data[key]


def _words(doc: Doc) -> tuple[list[str], list[str]]:
    """Lower-cased lemmas and words of the doc, computed once (role look-ups run per token)."""
    key = "eventwire.actor_words"
    if key not in doc.user_data:
        doc.user_data[key] = ([_lemma(t) for t in doc], [t.lower_ for t in doc])
    return doc.user_data[key]


def _after_preposition(tokens: list[Token]) -> list[bool]:
    """For each token: does a locative preposition (or "from") open the run of determiners,
    adjectives and proper nouns it ends? One pass, where a walk back from each token was
    quadratic in a long run of names."""
    flags = []
    opener = None  # the last token before the current run
    for token in tokens:
        flags.append(opener is not None and opener.lower_ in LOCATIVE | {"from"})
        if token.pos_ not in ("DET", "ADJ", "PROPN") or token.lower_ in LOCATIVE | {"from", "of"}:
            opener = token
    return flags


def display_name(span: SpacySpan) -> str:
    tokens = list(span)
    while len(tokens) > 1 and (
        tokens[0].pos_ in ("DET", "NUM") or tokens[0].like_num or tokens[0].tag_ == "PRP$"
    ):
        tokens = tokens[1:]
    return span.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else span.text


def head_phrase_text(token: Token) -> str:
    """The normalised words of a phrase up to its head word: "the United States" for "States", "Iran"."""
    return normal(token.doc[token.left_edge.i : token.i + 1].text)


def _agents(verb: Token) -> list[Token]:
    """The "by" phrases of a passive verb: "deployed by Qatar", "urged by ministers"."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _party_tag(span: SpacySpan) -> bool:
    """Whether the phrase is followed by an American legislator's party and state: "(R-SC)", "(D-Calif.)"."""
    doc, end = span.doc, span.end
    window = [t.text for t in doc[end : end + 6]]
    if len(window) < 5 or window[0] != "(" or window[1] not in ("R", "D", "I") or window[2] not in ("-", "–"):
        return False
    return ")" in window[4:6]


def _home(preposition: Token) -> bool:
    """'to' after a verb of sending home ("deported them to Honduras", "sent them back to Georgia")."""
    verb = preposition.head
    return preposition.lower_ in DESTINATION and (
        verb.lemma_.lower() in HOMEWARD or any(c.dep_ == "prt" and c.lower_ == "back" for c in verb.children)
    )


def _event_site(token: Token) -> Token | None:
    """The war, mission or meeting a place is the site of ("a general in the wars in Iraq and Afghanistan",
    "the presidents met in Geneva", "talks between X and Y resumed in Doha"): where they served or met,
    not where anyone is from. None when the place is no such site."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in ("in", "at"):
        return None
    held = token.head.head
    if held.dep_ == "dobj":  # "discussed the dispute in Geneva"
        held = held.head
    subjects = [c for c in held.children if c.dep_ in ("nsubj", "nsubjpass")] if held.pos_ in ("VERB", "AUX") else []
    return held if any(t.lemma_.lower() in EVENT_SITES for t in (held, *subjects)) else None


def normal(text: str) -> str:
    text = text.strip().removesuffix("'s").removesuffix("’s").removesuffix("'")
    return " ".join(text.replace(" - ", "-").split()).lower()
