"""Event coding: every sentence's triggers become PLOVER/CAMEO/ACLED-coded events with their evidence.

The coder is a lexicon over the dependency parse (see `data/event_lexicon.tsv`): deterministic, CPU
only, and every event carries an `explanation` naming the rule, cue and clause facts behind it.
Public statements with no other act are not events ("said" is not in the lexicon).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.codes import CAMEO_OF, PLOVER_QUAD
from eventwire.coding import attributes, lexicon, linear, literal, mapping
from eventwire.coding.detect import Trigger, find_triggers
from eventwire.coding.features import Candidate
from eventwire.coding.mentions import merge_mentions
from eventwire.coding.participants import (
    UNDERGOING,
    distinct,
    has_arguments,
    makes_another_act,
    participants,
    phrase,
    roles,
)
from eventwire.coding.relevance import relevance
from eventwire.coding.verifier import verify
from eventwire.model import Article, Event, EventLoc, Participant, Size, Span, content_id
from eventwire.quotes import attribution_for
from eventwire.resolve.eventloc import locate_event
from eventwire.resolve.time import date_event

MAIN_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})
EMBEDDED_DEPS = frozenset({"relcl", "acl", "amod", "compound", "npadvmod", "pcomp", "csubj", "nmod"})
VIOLENT = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# Events that happen at a place (material cooperation and conflict, meetings and visits), unlike statements,
# which happen wherever their speaker is and are located only where their clause says they were made.
PHYSICAL = frozenset(e for e, quad in PLOVER_QUAD.items() if quad in (2, 4)) | {"CONSULT"}


def code_events(doc: Doc, article: Article) -> list[Event]:
    """The article's events, in text order: the rules' candidates as the learned verifier judges them."""
    models = linear.load()
    verified = verify(doc, candidates(doc, article, relevance(doc, models["relevance"])), models)
    return merge_mentions(verified, doc)


def candidates(doc: Doc, article: Article, story_relevance: float) -> list[Candidate]:
    """Every event the lexicon rules propose, with how they found it (bad sentences are skipped, never fatal)."""
    lex = lexicon.load()
    found: list[Candidate] = []
    in_times = {t.i for ref in article.times for t in doc.char_span(ref.start, ref.end, alignment_mode="expand") or ()}
    for sentence in doc.sents:
        # A word of a time expression is not an event: "in March", "on Election Day".
        triggers = [t for t in find_triggers(sentence, lex) if t.token.i not in in_times]
        if not triggers:
            continue
        size = attributes.sizes(sentence)
        acts = {t.token.i: t.rule.event for t in triggers}
        coded = []
        for trigger in triggers:
            event, frame, negator = _event(doc, article, sentence, trigger, size, acts)
            judged = literal.sense(event, trigger.token, lex)
            if judged is not None and judged[0] is None:
                continue  # not used in its event sense
            if judged is not None:
                event = _retyped(event, judged[0], judged[1])
            coded.append((event, frame, negator))
            found.append(Candidate(event, trigger.rule.name, frame[0] if frame else None, story_relevance))
        if not any(not e.negated and not e.hypothetical and not _embedded(e, doc) for e, _, _ in coded):
            found.extend(
                Candidate(event, f"stance:{kind}", None, story_relevance)
                for event, kind in _stance(doc, article, coded)
            )
    return found


def _retyped(event: Event, kind: str, reason: str) -> Event:
    """The event as the type its literal sense says (an attack in words is an accusation)."""
    mode = "disapprove" if kind == "ACCUSE" else None
    return replace(
        event,
        id=content_id(event.article_id, "event", kind, str(event.trigger.start), str(event.trigger.end)),
        event=kind,
        mode=mode,
        quad_code=PLOVER_QUAD[kind],
        cameo_root=CAMEO_OF[kind],
        acled=None,
        size=Size(),
        explanation=f"{event.explanation}; sense: {reason} -> {kind}",
    )


def _embedded(event: Event, doc: Doc) -> bool:
    """Told as background (a relative clause or a modifier: "the truce signed in March")."""
    token = doc.char_span(event.trigger.start, event.trigger.end)
    return token is not None and token.root.dep_ in EMBEDDED_DEPS


# "would" states an intent only as someone's words ("he said he would order a review", "'I would support
# him'"); in the writer's own voice it is a conditional or a guess.
NARRATED_CONDITIONALS = frozenset({"would", "'d", "’d"})
# Modals and adverbs that make an intent a guess: "he may be willing to back Trump", "would probably back".
HEDGES = frozenset({"may", "might", "could", "probably", "perhaps", "maybe", "possibly"})
# Verbs whose clause is a guess about what someone will do, not that one's announced intent.
GUESSING = frozenset(
    {"fear", "think", "believe", "expect", "predict", "forecast", "hope", "worry", "doubt", "speculate",
     "wonder", "suspect", "imagine", "guess", "bet"}
)  # fmt: skip


def _stance(
    doc: Doc, article: Article, coded: list[tuple[Event, tuple[str, Token] | None, Token | None]]
) -> list[tuple[Event, str]]:
    """When a sentence reports no act as fact, the announced stance is the event, as CAMEO codes it.

    "X will visit Y" is an intent to cooperate (AGREE, 03); "X will withdraw its envoy" a threat
    (THREATEN, 13); "X must release Y" a demand (REQUEST, 10); "X will not accept Y" a rejection
    (REJECT, 12). The underlying act stays in the list, marked hypothetical or negated. A demand
    reported as someone's words ("X said Y must release Z") is X's demand of Y.
    """
    for base, frame, negator in sorted(coded, key=lambda item: -item[0].confidence):
        if negator is not None and base.quad_code <= 2 and not attributes.instead(negator):
            if negator.head.lemma_ in GUESSING:
                continue  # "I don't think the party would accept him": a guess at a refusal, not one made
            kind, word = "refusal", negator
            event, cameo, mode = "REJECT", "12", None
        elif frame is None or not _stated(doc, base, frame[1]):
            continue
        elif (kind := frame[0]) == "demand":
            word = frame[1]
            if _said_of_a_thing(base, word):
                continue  # "Cruz's victory should give him momentum": a forecast about a thing, no one's demand
            event, cameo, mode = "REQUEST", "10", None
        elif kind == "intent" and not base.negated:
            word = frame[1]
            if word.lower_ in NARRATED_CONDITIONALS and not attribution_for(article.quotes, word.idx, word.idx + 1):
                continue  # the writer's "the president would have a difficult time": no one's intent
            if word.lower_ in NARRATED_CONDITIONALS and not _speakers_own(doc, article, word):
                continue  # "some Democrats say Perez would help Clinton": their guess, not Perez's intent
            if word.head.dep_ == "ccomp" and word.head.head.lemma_ in GUESSING:
                continue  # "activists fear Obama will make a deal": their guess, not his intent
            if word.lemma_ in GUESSING and any(c.dep_ == "auxpass" for c in word.children):
                continue  # "Trump is expected to visit": the writer's forecast, not Trump's intent
            if _hedged(word):
                continue  # "he may be willing to back Trump": a guess at an intent, not one announced
            cooperative = base.quad_code <= 2
            event, cameo = ("AGREE", "03") if cooperative else ("THREATEN", "13")
            mode = None if cooperative else THREAT_MODES.get(base.event, base.mode)
        else:
            continue
        start, end = word.idx, word.idx + len(word)
        actor, recipient = base.actor, base.recipient
        if kind == "demand" and (speaker := _speaker(doc, article, word)) is not None:
            actor, recipient = _participants(doc, article, [speaker]), base.actor
        if kind == "refusal" and (refuser := _refuser(doc, base, word)) is not None:
            refusing = _participants(doc, article, [refuser])
            if {(p.start, p.end) for p in refusing}.isdisjoint((p.start, p.end) for p in base.actor):
                actor, recipient = refusing, base.actor  # not "Israel failed to withdraw": Israel refuses itself
        said = date_event(doc, article, Span(word.text, start, end))  # the stance's own date and place,
        where = locate_event(doc, article, Span(word.text, start, end), False, actor + recipient)  # not its act's
        return [
            (
                replace(
                    base,
                    actor=actor,
                    recipient=recipient,
                    id=content_id(base.article_id, "event", event, str(start), str(end)),
                    event=event,
                    mode=mode,
                    quad_code=PLOVER_QUAD[event],
                    cameo_root=cameo,
                    acled=None,
                    trigger=Span(word.text, start, end),
                    date=said.date,
                    date_precision=said.precision,
                    date_text=said.date_text,
                    date_approximate=said.approximate,
                    event_loc=where,
                    size=Size(),
                    negated=False,
                    hypothetical=said.planned,
                    background=said.background,
                    confidence=round(max(CONFIDENCE_RANGE[0], base.confidence + STANCE), 2),
                    explanation=f"stance: {kind} {word.text!r} over {base.event} {base.trigger.text!r} -> {event} "
                    f"(CAMEO {cameo}); confidence {base.confidence} {STANCE:+.2f}",
                ),
                kind,
            )
        ]
    return []


def _said_of_a_thing(base: Event, modal: Token) -> bool:
    """Whether the subject of "should"/"must" is no actor of the act (an abstract noun: "the victory should give
    him momentum", where the actor found is only its possessor)."""
    subjects = [c for c in modal.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    return bool(subjects) and not any(p.start <= s.idx < p.end for s in subjects for p in base.actor)


def _hedged(word: Token) -> bool:
    """An intent word under "may", "might" or "could" ("may be willing to", "might decide to"), or with
    "probably" ("would probably back Trump")."""
    clause = word.head if word.dep_ in ("acomp", "xcomp", "aux") else word
    return any(c.dep_ in ("aux", "advmod") and c.lower_ in HEDGES for c in clause.children)


def _speakers_own(doc: Doc, article: Article, word: Token) -> bool:
    """Whether a reported "would" may tell the speaker's own intent, or that of a body or a side the speaker
    speaks for ("the minister said Norway would provide", "Tiwari said a delegation would meet the governor");
    not when its subject is another named person, whom the speaker only guesses about ("some Democrats say
    Perez would help Clinton", "I am ashamed that Christie would endorse anyone")."""
    subjects = [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].ent_type_ != "PERSON":
        return True
    speaker = _speaker(doc, article, word)
    return speaker is not None and subjects[0].i == speaker.i


def _stated(doc: Doc, base: Event, word: Token) -> bool:
    """Whether the modal or governing word states a stance on this act: the act is the modal's own verb
    ("Israel must release them", "he will meet Trump"), its object ("must end the occupation") or its
    conjoined or adverbial clause ("will extend the curfew, banning assembly"), not a word deeper in its
    phrase ("a review of the attacks must include", "it will put strain on the deal"); the act is not one the
    subject undergoes ("he will face criticism from Clinton"); and the clause is not a question ("will you
    resign?"), a description of a noun ("the refugees Obama will accept", "critics who say he should resign")
    or a counterfactual ("the plan would have given him the authority")."""
    act = doc.char_span(base.trigger.start, base.trigger.end)
    if act is None:
        return False
    verb, token = (word.head if word.dep_ == "aux" else word), act.root
    own = token.i == verb.i or (token.head.i == verb.i and token.dep_ in ("dobj", "xcomp", "conj", "advcl"))
    if word.dep_ == "aux" and not own:
        return False  # (an intent word's farther complement is its act: "vowed to launch an attack")
    if verb.lemma_.lower() in UNDERGOING and token.i != verb.i:
        return False  # "he will face criticism from Clinton": what he will undergo, no one's stance
    if verb.dep_ in EMBEDDED_DEPS or verb.dep_ == "ccomp" and verb.head.dep_ in EMBEDDED_DEPS:
        return False  # (nor the words of someone described: "rebuked critics who say he should resign")
    if word.dep_ == "aux" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False  # "would have", "should have": what did not happen (but "have vowed to" did)
    return not verb.sent.text.rstrip(" \n\"'”’").endswith("?")


def _refuser(doc: Doc, base: Event, negator: Token) -> Token | None:
    """Who refuses when the negation sits on a verb that would make another do the act ("she will not call on
    Sanders to withdraw": she refuses, and would have asked Sanders); None when it negates the act itself."""
    verb = negator if negator.pos_ in ("VERB", "NOUN") else negator.head
    trigger = doc.char_span(base.trigger.start, base.trigger.end, alignment_mode="expand")
    if trigger is None or verb.i == trigger.root.i or not makes_another_act(verb):
        return None  # nor "I don't think the party would accept him": the party's refusal, if anyone's
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _speaker(doc: Doc, article: Article, word: Token) -> Token | None:
    """The head word of whoever's words hold `word` ("the forum concluded that the US must ...": the
    forum), or None when it is not reported speech."""
    chain = attribution_for(article.quotes, word.idx, word.idx + len(word))
    span = doc.char_span(chain[-1].start, chain[-1].end, alignment_mode="expand") if chain else None
    return span.root if span is not None else None


def _place_reason(where: EventLoc | None) -> str:
    """How the place was found, or why there is none, for the explanation."""
    if where is None:
        return "place: none (its clause, sentence and paragraph name none; no dateline, main place or country)"
    if where.lat is None:
        return f"place: {where.text!r} ({where.source}), not in the gazetteer: no coordinates"
    return f"place: {where.name} ({where.source}, {where.precision})"


# Refusals and threats are made to whoever the refused or threatened act is done to.
THROUGH_COMPLEMENT = frozenset({"REJECT", "THREATEN"})

# PLOVER gives a consultation no recipient: everyone who meets, calls or talks is an actor.
ALL_PARTIES_ACT = frozenset({"CONSULT"})

THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "MOBILIZE": "violence"}


def _participants(doc: Doc, article: Article, heads: list[Token]) -> list[Participant]:
    """Each head's noun phrase, coded through the article's actors (or coded anew); a phrase with
    coordinated country modifiers ("Hungarian and Romanian officials") gives one per country."""
    found: list[Participant] = []
    for head in heads:
        start, end = phrase(head)
        found.extend(participants(doc[start:end], article))
    return found


# How much each clause fact moves a rule's weight (the lexicon row's specificity) to give `confidence`.
ACTOR_FOUND = 0.10
RECIPIENT_FOUND = 0.05
MAIN_CLAUSE = 0.10
BACKGROUND_CLAUSE = -0.20  # a relative clause or a modifier: "the truce signed in March"
ARGUMENT_OF_TRIGGER = -0.15  # a noun another trigger governs: "condemned the attack"
CUE_FOUND = 0.05  # a weapon or manner word that fixes the mode
STANCE = -0.05  # a stance event takes its act's confidence, a little less sure
CONFIDENCE_RANGE = (0.05, 0.95)


def _confidence(
    trigger: Trigger, has_actor: bool, has_recipient: bool, acts: dict[int, str]
) -> tuple[float, str]:
    """Rule specificity plus clause evidence; also returns the reasons, for the explanation."""
    token = trigger.token
    terms = [(f"rule weight {trigger.rule.weight:.2f}", trigger.rule.weight)]
    if has_actor:
        terms.append(("actor found", ACTOR_FOUND))
    if has_recipient:
        terms.append(("recipient found", RECIPIENT_FOUND))
    if token.dep_ in MAIN_DEPS:
        terms.append((f"main clause ({token.dep_})", MAIN_CLAUSE))
    elif token.dep_ in EMBEDDED_DEPS:
        terms.append((f"background clause ({token.dep_})", BACKGROUND_CLAUSE))
    governor = token.head
    while governor.dep_ == "prep" and governor.head.i != governor.i:
        governor = governor.head
    if not trigger.is_verb and governor.i in acts and governor.i != token.i:
        terms.append((f"argument of another trigger ({governor.text!r})", ARGUMENT_OF_TRIGGER))
    if trigger.cue is not None:
        terms.append((f"cue {trigger.cue[0].text!r}", CUE_FOUND))
    low, high = CONFIDENCE_RANGE
    score = round(min(high, max(low, sum(value for _, value in terms))), 2)
    reasons = [terms[0][0]] + [f"{value:+.2f} {reason}" for reason, value in terms[1:]]
    return score, ", ".join(reasons)


def _event(
    doc: Doc,
    article: Article,
    sentence: SpacySpan,
    trigger: Trigger,
    sentence_size: Size,
    acts: dict[int, str],
) -> tuple[Event, tuple[str, Token] | None, Token | None]:
    token, rule = trigger.token, trigger.rule
    mode, cameo, acled = rule.mode, rule.cameo, rule.acled
    explanation = [f"lexicon {rule.name} (line {rule.line}) -> {rule.event}"]
    if trigger.cue is not None:
        cue_token, cue = trigger.cue
        mode, cameo = cue.mode or mode, cue.cameo
        acled = cue.acled or acled
        explanation.append(f"cue {cue_token.text!r} -> mode {mode}, CAMEO {cameo}, ACLED {acled}")

    actor_heads, recipient_heads = roles(token, trigger.is_verb, rule.event in THROUGH_COMPLEMENT)
    actors = _participants(doc, article, actor_heads)
    recipients = _participants(doc, article, recipient_heads)
    if rule.event in ALL_PARTIES_ACT:
        actors, recipients = actors + recipients, []
    recipients = distinct(actors, recipients)
    if actors or recipients:
        explanation.append(
            "participants from the parse: actor "
            + (", ".join(repr(a.text) for a in actors) or "-")
            + "; recipient "
            + (", ".join(repr(r.text) for r in recipients) or "-")
        )

    if rule.event == "ASSAULT" and acled is not None:
        classes = lexicon.load().classes
        refined = mapping.refine_acled(
            acled,
            {p.sector for p in actors if p.sector},
            {p.sector for p in recipients if p.sector},
            any(h.lemma_.lower() in classes["civilian"] for h in recipient_heads),
            any(h.lemma_.lower() in classes["protester"] for h in recipient_heads),
        )
        if refined != acled:
            explanation.append(f"ACLED {acled} -> {refined} by its participants")
            acled = refined

    size = Size()
    if rule.event in VIOLENT:
        size = Size(sentence_size.dead, sentence_size.injured, sentence_size.arrested)
    if rule.event in ("PROTEST", "MOBILIZE", "ASSAULT"):
        size.participants = attributes.participants_count(actor_heads)

    negator = attributes.negation(token, acts)
    frame = attributes.modality(token)
    if negator is not None:
        explanation.append(f"negated by {negator.text!r}")
    if frame is not None:
        explanation.append(f"hypothetical: {frame[0]} {frame[1].text!r}")
    has_actor, has_recipient = has_arguments(token, trigger.is_verb)
    if rule.event in ALL_PARTIES_ACT:
        has_actor, has_recipient = has_actor or has_recipient, False
    has_actor, has_recipient = has_actor or bool(actors), has_recipient or bool(recipients)
    confidence, reasons = _confidence(trigger, has_actor, has_recipient, acts)
    explanation.append(f"confidence {confidence} = {reasons}")

    start, end = token.idx, token.idx + len(token)
    trigger_span = Span(token.text, start, end)
    when = date_event(doc, article, trigger_span)
    where = locate_event(doc, article, trigger_span, rule.event in PHYSICAL, actors + recipients)
    explanation += [f"date: {when.note}"] if when.note else []
    explanation.append(_place_reason(where))
    return (
        Event(
            id=content_id(article.id, "event", rule.event, str(start), str(end)),
            article_id=article.id,
            event=rule.event,
            mode=mode,
            quad_code=PLOVER_QUAD[rule.event],
            cameo_root=cameo,
            acled=mapping.acled_code(acled),
            trigger=trigger_span,
            sentence=Span(sentence.text, sentence.start_char, sentence.end_char),
            actor=actors,
            recipient=recipients,
            date=when.date,
            date_precision=when.precision,
            date_text=when.date_text,
            date_approximate=when.approximate,
            event_loc=where,
            size=size,
            reported_by=attribution_for(article.quotes, start, end),
            negated=negator is not None,
            hypothetical=frame is not None or when.planned,
            background=when.background,
            confidence=confidence,
            explanation="; ".join(explanation),
        ),
        frame,
        negator,
    )
