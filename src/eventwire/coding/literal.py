"""Is the trigger used in its event sense? "Troops attacked the village" is an assault; "Trump attacked the
plan", "Kentucky beat Tennessee", "the population exploded" and "a legal battle" are not.

The lexicon matches words; this step checks the sense the guidelines require (docs/event-guidelines.md, test 2):
- a word that names violence only sometimes (attack, beat, hit, strike, battle, fight, capture, seize, fire,
  explode, hurt, take over ...) is an ASSAULT only with violence around it: a weapon, a wound or death (other
  than the trigger: "has hurt him among Hispanics"), an armed actor or a physical target in its own phrase
  (not in a clause it governs: "attacked by Clinton for suggesting he would stay neutral between Israel and
  the Palestinians"). By a politician, named or a pronoun, with no weapon or harm, it is verbal whoever is
  attacked ("Trump attacked a federal judge", "his harsh attacks on illegal immigrants"), and a candidate who
  "captured Iowa" won it. Said by one politician of another it is verbal: ACCUSE
  (disapprove: "Rubio fired back at Christie"). Otherwise it is no event ("he was fired on Friday", "seized on
  the issue"), and "captured the primary", "captured the hearts of moderates" are wins;
- "demonstrated that it helps", "demonstrated a penchant" is showing, not protesting; "blocked" is a
  blockade only of a way, a place, a building or people, or by armed men ("blocked in the courts",
  "blocked the debate" are not);
- "jihadist strikes", "strikes by the rebels" are attacks, not walkouts; "her mind is shot" is worn out;
- "protested that the date was unfair" is an objection in words (ACCUSE), not a demonstration;
- "called the remarks a new low", "called an emergency session" name or convene, they ask no one;
- "protesters" and "demonstrators" are the people of a protest, an event only as the subject of what they do;
  a "rally" or a "march" is a protest only when the sentence says against what or for which demand (a
  campaign rally is not);
- agreeing is an agreement only to or on something ("agreed to withdraw", "agreed on a truce", "a deal was
  agreed"), not sharing a view ("Huckabee agreed", "agreed with him", "agreed with the prosecutors that ...");
- talking ("discussed", "talked") is a consultation only with two sides: a partner, or several speakers;
- "asked about the vote, the spokesman said": a question put to the one who answers, not a request; nor
  is "asked" with nothing asked for ("“Why?” the reporter asked him");
- a warning is a threat only to someone or of an act, not of dangers ("warned residents about the flood risk");
  someone who "is a threat" is judged, not threatening;
- words between private people only ("fans talked about the match", "villagers requested a song")
  are no event: civilians act politically when they protest, riot or attack;
- mobilizing is of forces: with no force, weapon or armed actor in the sentence it is no event ("built a
  fundraising base", "put the candidates on alert", "recruited activists");
- "a commission charged with overseeing the vote" is a body given a task, not accused;
- "released a statement", "the report was released": published, not set free (no event);
- "was met with skepticism": a reception, not a meeting; "a town hall meeting", "a caucus meeting": a
  campaign event, not a consultation;
- "beat her 51% to 36%" is a result, and "28 percent of voters supported Trump" a poll figure (no event);
- "captured on video", "caught on camera": recorded, not seized (no event);
- "acts of terrorism like executions", "attacks such as bombings" name kinds by example (no event);
- a trigger inside a number or an amount ("a 69-44 win", "the 14 strikes") is no event (inside a time
  expression, "in March", it is not even a candidate: `events.candidates`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.codes import NON_STATE_CODES, PLOVER_QUAD
from eventwire.coding import attributes
from eventwire.coding.lexicon import Lexicon
from eventwire.model import Event
from eventwire.words import PEOPLE_PRONOUNS

# Words whose violent sense is only one of their senses.
SOFT_VIOLENCE = frozenset(
    """attack assault beat hit strike target battle fight capture seize crush storm raid explode clash fire hurt
    take retake""".split()
)
# Said of an opponent in words: the verbal sense is an accusation ("Rubio fired back at Christie").
VERBAL_ATTACK = frozenset("attack assault hit target strike blast slam fire shoot".split())
# Around a violent act: its means and its harm.
VIOLENT_WORDS = frozenset(
    """gun gunfire gunman gunmen rifle pistol bullet shot shoot firing bomb bombing blast explosion explosive
    grenade missile rocket mortar shell shelling artillery airstrike drone knife machete sword stone teargas
    baton lathi acid arson torch hostage casualty bleed fighting combat violence violent deadly bloody riot
    unrest ceasefire truce""".split()
)
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "UAF", "CRM", "SPY"})
VERBAL_SECTORS = frozenset({"GOV", "PTY", "LEG", "PRM", "JUD", "OPP"})
PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "rioter", "marcher"})
GATHERINGS = frozenset({"rally", "march"})
GRIEVANCE = frozenset(
    "against protest demand demonstrate oppose opposition condemn denounce outrage anger".split()
)
NOT_EVENTS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
# Entities whose multi-word names hold event words: bodies, works, laws, buildings, products.
NAMES = frozenset({"ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})
# A sentence with fewer lower-case words than this share is a headline in title case or capitals.
HEADLINE_LOWER = 0.3
# Verbs of talking: a consultation only between two sides.
TALK = frozenset({"discuss", "talk"})
# "captured on video", "caught on camera": recorded, not seized.
RECORDED = frozenset({"capture", "catch"})
RECORDINGS = frozenset(
    "video videotape camera film tape cctv footage phone cellphone smartphone recording microphone mic".split()
)
PARTNER_PREPOSITIONS = frozenset({"with", "to", "between"})
# Possessives that only say whose a discussed thing is ("discussed his proposals"), not who else talks.
OWNERS = frozenset({"his", "her", "its", "my", "our", "your"})
# What an act is about or for, not what it hits or with what: "an attack on the secretary over his sales of
# mortgages to banks", "attacked Clinton for her support of military action".
REASONS = frozenset({"over", "about", "for"})
# What a blockade closes: "blocked the highway", "blocked another polling station with chains".
ROUTES = frozenset(
    """road highway motorway street avenue lane route bridge tunnel entrance exit gate door access traffic
    railway rail track line intersection junction square crossing""".split()
)
# Complements that make "demonstrate" a showing: "demonstrated that", "demonstrated leadership".
SHOWN = frozenset({"dobj", "ccomp", "attr"})
# What is published, not set free: "released a statement", "the report was released"; media are also
# what is shared or restricted ("sharing the news", "this video is restricted"), not intelligence or data.
MEDIA = frozenset(
    """video footage ad advertisement album film movie song tape recording photo image picture audio news story
    article post tweet message link""".split()
)
PUBLISHED = MEDIA | frozenset(
    """statement report email e-mail mail document page record data figure result poll book plan proposal transcript
    letter list study research memo information detail text version budget analysis survey finding return
    statistic number guideline schedule ranking update""".split()
)
# Releases that are statements: "sent out a press release", "a news release".
STATEMENTS = frozenset({"press", "news"})
# Attacks of the body: "a heart attack", "a panic attack".
AILMENTS = frozenset({"heart", "panic", "anxiety", "asthma"})
# What an email or a text "blast" is sent by: a mass message, not an explosion.
MESSAGES = frozenset({"email", "e-mail", "mail", "text", "fax", "media", "ad", "robocall"})
# What "is shot" when it is worn out, not fired at: "her mind is shot", "his credibility is shot".
WORN_OUT = frozenset("mind brain nerve memory credibility reputation chance hope patience voice".split())
# What is given that is no aid: "gave his candidacy time", "gave Democrats a chance", "gave Trump the nod".
CHANCES = frozenset("time chance opportunity nod edge advantage boost impression credit".split())
# What is offered in words or manner, promising nothing: "offered his congratulations", "offered a striking
# contrast", "offered a restrained embrace", "offered voters different approaches".
REMARKS = frozenset(
    "congratulation word response reaction evaluation approach embrace contrast condolence prayer thanks".split()
)
# What people share when they think alike, cooperating in nothing: "share these apprehensions", "her view is shared".
VIEWS = frozenset(
    """view concern apprehension belief feeling sentiment worry fear goal value vision frustration opinion
    skepticism scepticism doubt hope anger outrage assessment conviction desire dream interest position stance
    perspective priority love passion taste name""".split()
)
# Talk named by its manner, not talks between sides: "pep talks", "small talk", "tough talk".
KINDS_OF_TALK = frozenset({"pep", "small", "tough", "trash", "straight", "double", "sweet", "big"})
# Delegates named by how they vote at a convention ("pledged delegates"): a kind, not a pledge.
DELEGATES = frozenset({"delegate", "superdelegate"})
# What is met when it is satisfied: "a threshold met only by two candidates", "met the deadline".
STANDARDS = frozenset(
    """threshold requirement criterion criteria goal target deadline standard demand need expectation condition
    obligation qualification quota benchmark bar""".split()
)
# Meetings of a campaign with voters: "a town hall meeting", "a caucus meeting".
CAMPAIGN_MEETINGS = frozenset({"hall", "townhall", "caucus", "electoral", "campaign", "prayer", "editorial"})
# What a spokesman declines to do when he gives no comment: "declined to speculate", "refused to answer questions",
# "declined to be identified" (not a refusal of any act or demand).
NO_COMMENT = frozenset(
    """comment speculate elaborate address answer discuss specify detail name identify disclose confirm deny
    interview quote""".split()
)
# What is executed when it is carried out, not put to death: "executed this plan", "executed a marketing campaign".
CARRIED_OUT = frozenset(
    """plan campaign strategy order deal manoeuvre maneuver move program programme policy project transaction
    trade contract agreement play game turn pivot task duty vision agenda idea warrant it this that which""".split()
)
# What is struck or hit in figures of speech: "struck populist notes", "hit the campaign trail".
STRUCK = frozenset("note tone chord balance pose nerve trail road airwave stump jackpot phone".split())
# The margin of a win: "beat him by 18 points".
MARGINS = frozenset({"point", "vote", "percent", "seat", "delegate"})
# What a candidate captures or takes: "captured the primary", "captured the hearts of moderates".
WON = MARGINS | frozenset("primary nomination caucus election race contest majority heart mind imagination win".split())
# Bodies given a task: "a commission charged with overseeing the vote" is tasked, not accused.
BODIES = frozenset(
    "group commission committee panel agency office body team unit board council department authority".split()
)


def violent_context(trigger: Token, lex: Lexicon) -> bool:
    """A weapon, a wound or a death, or an armed force is named in the trigger's sentence (besides the trigger
    itself: "hurt" is a wound only with violence around it, not in "has hurt him among Hispanics"; nor in what
    the act is for or about: "attacked Clinton for her support of military action")."""
    armed = lex.classes["armed"] | lex.classes["military"] | lex.classes["weapon"]
    harm = attributes.DEAD | attributes.INJURED
    why = {t.i for c in trigger.children if c.dep_ == "prep" and c.lower_ in REASONS for t in c.subtree}
    for token in trigger.sent:
        if token.i == trigger.i or token.i in why:
            continue
        lemma = token.lemma_.lower()
        if lemma in VIOLENT_WORDS or lemma in harm or lemma in armed or token.lower_ in VIOLENT_WORDS:
            return True
    return False


def _struck_by_arms(event: Event, token: Token) -> bool:
    """"jihadist strikes", "rebel strikes": every word before the strike names an armed actor (not "their
    hunger strike", "Hamas's general strike": kinds of walkout)."""
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    armed = [p for p in event.actor if p.sector in ARMED_SECTORS]
    return bool(modifiers) and all(any(p.start <= m.idx < p.end for p in armed) for m in modifiers)


def _armed(event: Event) -> bool:
    """An armed force, police or an armed group among the participants."""
    return bool({p.sector for p in event.actor + event.recipient} & ARMED_SECTORS)


# Buildings and vehicles: what an attack on a thing hits.
STRUCTURES = frozenset(
    """parliament building embassy consulate church mosque temple synagogue shrine school university hospital
    clinic market shop store bus train car vehicle truck office station home house residence compound hotel
    restaurant bank court prison jail factory plant pipeline bridge ship plane aircraft port nightclub club bar
    cafe theatre theater cinema stadium arena mall""".split()
)


def is_place(token: Token, lex: Lexicon) -> bool:
    """A named place, a place noun ("the town") or a building ("his residence")."""
    lemma = token.lemma_.lower()
    return (
        token.ent_type_ in ("GPE", "LOC", "FAC")
        or lemma in STRUCTURES
        or lemma in lex.classes["place"]
        or lemma in lex.classes["territory"]
    )


def _physical_target(event: Event, token: Token, lex: Lexicon) -> bool:
    """People, places, buildings or a state (a GPE, or "it") on the receiving end: in the trigger's own
    phrase ("the attacks on Americans in Benghazi", "attacked a convoy in the village"), not in a clause
    inside it ("was attacked by Clinton for suggesting he would stay neutral between Israel and the
    Palestinians")."""
    taken = token.lemma_.lower() in ("capture", "seize")  # "he was captured", "seized Smith": taken by force
    for child in _own_phrase(token):
        person = child.lemma_.lower() in lex.classes["civilian"] or (
            taken and (child.ent_type_ == "PERSON" or (child.dep_ == "nsubjpass" and child.tag_ == "PRP"))
        )
        if child.dep_ in ("dobj", "pobj", "nsubjpass") and (person or is_place(child, lex) or child.lower_ == "it"):
            return True
    return any(p.code in ("ISM", "IMG") for p in event.actor + event.recipient)


def _own_phrase(token: Token) -> list[Token]:
    """The words under a trigger, leaving out the clauses that complement it or add to it ("for
    suggesting ...", "and visited ...") and what it is about ("an attack on the secretary over his sales of
    mortgages to banks"); a relative clause describes it ("attacks that gripped Pretoria")."""
    found, stack = [], list(token.children)
    while stack:
        word = stack.pop()
        if word.dep_ in ("pcomp", "advcl", "ccomp", "xcomp", "conj", "parataxis") and word.pos_ in ("VERB", "AUX"):
            continue
        if word.dep_ == "prep" and word.lower_ in REASONS:
            continue
        found.append(word)
        stack.extend(word.children)
    return found


def _two_sides(event: Event, token: Token) -> bool:
    """Someone to talk with: a partner ("talked with Putin", "discussed the crisis with Putin"), a recipient,
    or several or plural speakers ("the two leaders discussed", "they will discuss"); in the passive, what was
    discussed is not who spoke ("the details were discussed")."""
    sides = {a.actor_id or a.text.lower() for a in event.actor if a.text.lower() not in OWNERS}
    if event.recipient or len(sides) > 1:
        return True  # not "Trump discussed his proposals": Trump and "his" are one side
    if any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPOSITIONS for c in token.children):
        return True
    discussed = [c for c in token.children if c.dep_ == "dobj"]  # "discussed the crisis with Putin"
    if any(c.dep_ == "prep" and c.lower_ == "with" for t in discussed for c in t.children):
        return True  # not "discussed the differences between their plans"
    doc = token.doc
    speakers = [c for c in token.children if c.dep_ == "nsubj"]
    speakers += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for actor in event.actor:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        speakers += [span.root] if span is not None else []
    return any("Plur" in s.morph.get("Number") or s.conjuncts for s in speakers)


def _agreed_to(token: Token) -> bool:
    """'agreed to withdraw', 'agreed on a truce', 'agreed that ...', 'a deal was agreed' (not 'his ex-wife
    agreed', 'agreed with him', 'agreed with the prosecutors that the evidence was thin': sharing a view)."""
    concurring = any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
    return any(
        c.dep_ in ("xcomp", "dobj", "nsubjpass", "csubjpass")
        or c.dep_ == "ccomp" and not concurring
        or c.dep_ in ("prep", "dative") and c.lower_ in ("to", "on", "upon")
        for c in token.children
    )


def _warned_of_an_act(token: Token) -> bool:
    """A threat: a warning to someone ("warned North Korea to refrain"), on a condition ("warned that if he
    did not withdraw, harm would come"), or of what someone will do ("warned that police will no longer
    tolerate rallies"); not a gloomy comment ("warned that the museum would not be a panacea", "warned that
    the cartel is growing nervous", "warned of the dangers", "warned residents about the flood risk") nor a
    forecast of what another named person would do ("warns that Trump would drive the party off the cliff")."""
    told = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    of_dangers = any(c.dep_ == "prep" and c.lower_ in ("about", "of") for c in token.children) or any(
        g.dep_ == "prep" and g.lower_ == "about" for c in told for g in c.children  # the parse's "residents about"
    )
    directed = any(c.dep_ == "xcomp" for c in token.children)  # "warned residents of Gaza to leave"
    if told and (directed or not of_dangers):
        return True
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        parts = [clause, *(a for a in clause.children if a.dep_ == "advcl")]  # not an "if" deeper in a quote
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for part in parts for m in part.children):
            return True
        modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo") for c in clause.children)
        if modal and clause.lemma_ not in ("be", "have") and not _another_person_s_act(token, clause):
            return True
    return False


def _another_person_s_act(warned: Token, clause: Token) -> bool:
    """"He warns that Trump would drive the party off the cliff": what a named other person would do is a
    forecast, not the warner's threat."""
    warners = {c.lower_ for c in warned.children if c.dep_ == "nsubj"}
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.ent_type_ == "PERSON" and s.lower_ not in warners for s in subjects)


def _on_record(token: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "on" and any(o.lemma_.lower() in RECORDINGS for o in c.children)
        for c in token.children
    )


def _in_a_name(token: Token) -> bool:
    """A capitalised word of a longer name of a body, a work or a law ("the Federal Bureau of Investigation",
    "Meet the Press", "the Convention against Torture"); in a headline's capitals the tagger reads names
    everywhere, so there it is not trusted."""
    if token.ent_type_ not in NAMES or not token.is_title:
        return False
    doc, words = token.doc, [t for t in token.sent if t.is_alpha]
    if sum(t.is_lower for t in words) < HEADLINE_LOWER * len(words):
        return False
    return token.ent_iob_ == "I" or (token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I")


def _asked_for(token: Token) -> bool:
    """A request asks for something: an act ("asked the court to intervene"), a thing ("asked for a meeting",
    "asked the court for quick action") or a state of affairs ("asked that the vote be delayed"); with none of
    these "asked" reports a question ("“But why?” the reporter asked him", "asked rhetorically")."""
    if any(c.dep_ == "advmod" and c.lower_ == "rhetorically" for c in token.children):
        return False
    return any(
        c.dep_ == "xcomp"
        or c.dep_ == "prep" and c.lower_ == "for"
        or c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children
    )


def _put_to_the_speaker(token: Token) -> bool:
    """"Asked at a briefing about the vote, the spokesman said ...", "when asked about the deal, she said ...":
    a participle with no subject and no agent, whose askers are reporters ("asked by the UN to withdraw, Israel
    refused" names its asker and is a request)."""
    return (
        token.tag_ == "VBN"
        and token.dep_ == "advcl"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children)
    )


def _tasked(token: Token, lex: Lexicon) -> bool:
    """"a group charged with beautifying downtown", "the agency charged with enforcing the ban": a body given a
    task, not accused; a charge of a violent act ("a group charged with kidnapping tourists", a verb of material
    conflict in the lexicon) or of anything named by a noun ("charged with fraud") stays an accusation."""
    if token.dep_ != "acl" or token.head.lemma_.lower() not in BODIES:
        return False
    duties = [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
        if g.dep_ == "pcomp" and g.tag_ == "VBG"
    ]
    violent = (r for g in duties for r in lex.triggers.get((g.lemma_.lower(), "V"), ()))
    return bool(duties) and not any(PLOVER_QUAD[r.event] == 4 for r in violent)


def _shown(token: Token) -> bool:
    """"demonstrated that it helps", "demonstrated a penchant", "demonstrated leadership": showing, not
    protesting (a protest is intransitive: "demonstrated outside the embassy", "demonstrated against")."""
    if token.dep_ == "amod" and token.tag_ == "VBN":
        return True
    shown = [c for c in token.children if c.dep_ in SHOWN and c.pos_ not in ("PUNCT", "SYM", "SPACE")]
    return token.pos_ in ("VERB", "AUX", "ADJ") and bool(shown)


def _blocked_a_way(event: Event, token: Token, lex: Lexicon) -> bool:
    """"blocked the highway", "roads were blocked off", "soldiers blocked thousands": a way, a place, a
    building or people closed off, or armed men blocking; not "blocked the discussion", "blocked in the
    courts", "continued to block his efforts", "blocked banks from hiring"."""
    closed = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    ways_and_people = ROUTES | lex.classes["civilian"] | PROTESTERS
    kept_from_doing = any(  # "blocked banks from hiring foreign workers": a rule, not a barricade
        c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pcomp" for g in c.children) for c in token.children
    )
    return _armed(event) or not kept_from_doing and any(
        c.lemma_.lower() in ways_and_people or c.like_num or is_place(c, lex) for c in closed
    )


def _a_kind_of_delegate(token: Token) -> bool:
    """"271 pledged delegates", "bound delegates": the participle names a kind of delegate (the parser often
    reads it as a verb), not a pledge made."""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.tag_ in ("VBN", "VBD", "JJ") and after is not None and after.lemma_.lower() in DELEGATES


def _seized_on(token: Token) -> bool:
    """"seized on the issue", "seized upon the message": took up an argument, not took anything by force
    ("weapons seized on a boat" were seized)."""
    passive = token.dep_ in ("acl", "amod") or any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    return not passive and not any(c.dep_ == "dobj" for c in token.children) and any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon") and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
        for c in token.children
    )


def _named_or_convened(token: Token) -> bool:
    """"called the remarks a new low", "has been called the Trump of the East", "called an emergency session",
    "called a referendum": naming something or convening a body, not asking anyone ("called on Congress to
    act", "called Friday for releasing the videos")."""
    return any(c.dep_ in ("oprd", "attr", "dobj") and c.ent_type_ not in ("DATE", "TIME") for c in token.children)


def _objected(token: Token) -> bool:
    """"His campaign protested that the aides were disingenuous": an objection in words, not a demonstration."""
    return token.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in token.children)


def _published(token: Token, kinds: frozenset[str] = PUBLISHED) -> bool:
    """What "released" lets out is a text, a video or figures ("released a statement", "the report was
    released", "the release of the emails", "research to be released", "the ad that Trump released", "the
    interview taped and released", "not all of the e-mails have been released"), not a person; what is
    shared or restricted, media ("sharing the news", "this video is restricted")."""
    released = _released(token)
    heads = [o for r in released for o in (r, *r.conjuncts)]
    return bool(heads) and all(h.lemma_.lower() in kinds or h.lower_ in kinds for h in heads)


def _given(token: Token) -> list[Token]:
    """What a verb gives or offers: its object, or its passive subject."""
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]


def _given_only(token: Token, kinds: frozenset[str]) -> bool:
    """Whether the verb gives something, and only things of these kinds."""
    given = _given(token)
    return bool(given) and all(g.lemma_.lower() in kinds for g in given)


def _gave_no_help(token: Token, lemma: str) -> bool:
    """"provided a signed statement", "gave his candidacy time", "helped to secure his release", "helped
    create the movement": what is given is a text or a chance, or the help is in doing something; not aid."""
    if lemma == "help" and token.pos_ == "VERB":
        return not _given(token) and any(c.dep_ == "xcomp" for c in token.children)
    return _given_only(token, PUBLISHED | CHANCES)


def _said_to_be(token: Token) -> bool:
    """"Trump was a threat to America's democracy", "he was a threat": the noun says what someone is (a
    judgement of them), as the complement of a copula; no one is threatened by an act."""
    return token.pos_ == "NOUN" and token.dep_ == "attr" and token.head.lemma_ in ("be", "become", "remain")


def _worn_out(token: Token) -> bool:
    """"Her mind is shot!": a passive "shot" whose subject is a faculty or a prospect, with no one shooting."""
    if any(c.dep_ == "agent" for c in token.children):
        return False
    return any(c.dep_ == "nsubjpass" and c.lemma_.lower() in WORN_OUT for c in token.children)


def _retort(token: Token) -> bool:
    """"Trump shot back that the journalist had not been called on", "shot back: 'You're wrong'": a reply in
    words (a clause or a quotation, no target shot at)."""
    back = any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in token.children)
    said = any(c.dep_ in ("ccomp", "parataxis") for c in token.children)
    return back and said and not any(c.dep_ == "prep" and c.lower_ == "at" for c in token.children)


def _released(token: Token) -> list[Token]:
    """The thing let out: the object, the passive subject (through "all of", "some of"), the noun of "the
    release of", or the noun the participle or relative clause describes (through "taped and released")."""
    if token.pos_ == "NOUN":
        return [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    own = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.tag_ not in ("WDT", "WP")]
    own = [_of_a_share(c) for c in own]
    if own:
        return own
    if token.dep_ in ("acl", "relcl"):
        return [token.head]
    return _released(token.head) if token.dep_ == "conj" and token.head.pos_ == "VERB" else []


def _of_a_share(noun: Token) -> Token:
    """"all of the e-mails" -> "e-mails": the thing a quantity word counts."""
    if noun.lower_ in ("all", "some", "most", "many", "none", "part", "much", "few"):
        counted = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
        return counted[-1] if counted else noun  # the last: "e", "-", "mails" when the hyphen is split
    return noun


def _met_with_a_reaction(token: Token) -> bool:
    """"was met with skepticism", "has been met with opposition": a reception, not a meeting ("he was met by
    the ambassador" is one)."""
    return any(c.dep_ == "auxpass" for c in token.children) and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in token.children
    )


def _met_a_standard(token: Token) -> bool:
    """"a threshold met only by Trump and Cruz", "met the deadline", "the goals were met": satisfied, not met with."""
    met = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if token.dep_ in ("acl", "relcl"):
        met.append(token.head)
    return any(t.lemma_.lower() in STANDARDS for t in met)


def _people_named_by_what_befell_them(token: Token) -> bool:
    """"sympathy to the victims, the wounded and their families", "the accused": a participle used as a noun
    for people."""
    return token.tag_ == "VBN" and not any(c.dep_ in ("dobj", "agent", "prep") for c in token.children) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )


def _by_a_margin(token: Token) -> bool:
    """"beat her 51% to 36%", "beat the senator by 18 points", "the best odds of beating Clinton in a general
    election": a result of a vote or a game, not violence."""
    return any(t.ent_type_ == "PERCENT" or t.lemma_.lower() in WON for t in token.subtree if t.i > token.i)


def _particle(token: Token, word: str) -> bool:
    """"shelled out", "beaten up": the verb with this particle."""
    return any(c.dep_ == "prt" and c.lower_ == word for c in token.children)


def _compounded(token: Token, words: frozenset[str]) -> bool:
    """"a heart attack", "an email blast", "a press release": the noun with one of these words before it."""
    return any(c.dep_ == "compound" and c.lower_ in words for c in token.children)


def _no_comment(token: Token) -> bool:
    """"declined to comment", "refused to answer questions", "declined to be identified"."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT for c in token.children)


def _carried_out(token: Token) -> bool:
    """"executed this plan flawlessly", "the plan was executed", "executed it": what is executed is a thing done."""
    return any(g.lemma_.lower() in CARRIED_OUT or g.lower_ in CARRIED_OUT for g in _given(token))


def _kind_of_talk(token: Token) -> bool:
    """"pep talks", "small talk", "tough talk": the singular "talk" is speech of that kind, while "tough talks" may
    still be negotiations."""
    return _compounded(token, KINDS_OF_TALK) or (
        token.tag_ == "NN" and any(c.dep_ == "amod" and c.lower_ in KINDS_OF_TALK for c in token.children)
    )


def _struck_a_figure(token: Token) -> bool:
    """"struck populist notes", "hit the campaign trail", "hit a record high": the noun phrase right after the
    verb (read as words, since the parser may hang "notes" elsewhere) is a figure of speech."""
    for word in token.doc[token.i + 1 : token.i + 5]:
        if word.pos_ in ("ADP", "VERB", "AUX", "PUNCT", "SCONJ", "CCONJ"):
            return False
        if word.lemma_.lower() in STRUCK:
            return True
    return False


def _in_protest(token: Token) -> bool:
    """"resigned in protest", "chained herself to a chair in protest": why another act was done (not "killed
    in the largest opposition protest", "gathered in a peaceful protest": a protest of its own)."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and not any(c.dep_ in ("det", "amod", "compound", "poss") for c in token.children)
    )


def _campaign_meeting(token: Token) -> bool:
    """"a town hall meeting", "a town hall-style meeting", "a caucus meeting", "an electoral meeting": a
    candidate meets voters, not political actors consulting."""
    return any(t.lemma_.lower() in CAMPAIGN_MEETINGS for t in token.doc[token.left_edge.i : token.i])


def _a_politician_acts(event: Event, token: Token) -> bool:
    """The actor is one person in politics ("Trump attacked a federal judge", "his caustic attacks on Islam",
    "she attacked law enforcement officers", "he also captured Iowa"): a named person or a personal pronoun
    coded as a government, party or legislature, and no armed actor beside."""
    if not event.actor or any(p.sector in ARMED_SECTORS for p in event.actor):
        return False
    doc = token.doc
    for person in event.actor:
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or person.sector not in VERBAL_SECTORS:
            return False
        if not (span.root.ent_type_ == "PERSON" or span.root.lower_ in PEOPLE_PRONOUNS):
            return False
    return True


def _takes_own_state(event: Event, token: Token) -> bool:
    """"captured Iowa", "captured his home state of Vermont": a state of the candidate's own country, read as a
    win ("Putin captured Crimea" takes another country's land)."""
    own = {p.code for p in event.actor} | {None} >= {p.code for p in event.recipient}
    return own and any(
        c.dep_ == "dobj" and (c.ent_type_ == "GPE" or c.lemma_.lower() == "state") for c in token.children
    )


def _trained_someone(token: Token) -> bool:
    """"trained the rebels", "trained with NATO troops", "continues to train and aid terrorists" (an object
    shared with a conjoined verb); not "the police had trained for 18 months", "trained as a pilot"."""
    return any(
        c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "prep" and c.lower_ == "with"
        for verb in (token, *token.conjuncts)
        for c in verb.children
    )


def _won(token: Token) -> bool:
    """"captured the Democratic primary in Vermont", "took 20 delegates", "captured the hearts of moderates"."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in WON for c in token.children)


def _an_example(token: Token) -> bool:
    """"acts of terrorism like executions", "attacks such as bombings and kidnappings": a kind named by an
    example, not a happening (a noun, or its conjunct, after "like" or "such as")."""
    noun = token.head if token.dep_ == "conj" else token
    if token.pos_ != "NOUN" or noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ == "like" or (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))


def _polled(token: Token) -> bool:
    """"28 percent of caucusgoers supported Trump", "male troops backed Trump, 57 percent to 22 percent": a
    share of people polled, not an act of anyone."""
    shares = [t for c in token.children if c.dep_ == "nsubj" for t in c.subtree if t.ent_type_ == "PERCENT"]
    splits = [  # "57 percent to 22 percent", not "15 percent over the limit"
        c for c in token.children if c.dep_ == "npadvmod" and c.ent_type_ == "PERCENT" and any(
            p.lower_ == "to" and any(o.like_num or o.ent_type_ == "PERCENT" for o in p.subtree)
            for p in c.children
        )
    ]
    return bool(shares or splits)


def _private_people(event: Event, doc: Doc, lex: Lexicon) -> bool:
    """Only ordinary people, unnamed, take part, and they act ("fans talked about the match"):
    civilians are political actors only when they protest, riot or attack (docs/event-guidelines.md, test 1).
    A people named as a nation ("the Palestinians" in talks) speaks for its side, and a civilian on the
    receiving end ("a US national was put under investigation") is the recipient of a political act; a town
    that acts ("the city lifted the curfew") is its government."""
    if not event.actor:
        return False
    for person in event.actor + event.recipient:
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if person.sector != "CVL" or span is None or any(t.ent_type_ for t in span) or is_place(span.root, lex):
            return False
    return True


def sense(event: Event, token: Token, lex: Lexicon) -> tuple[str | None, str] | None:
    """None when the trigger is used in its event sense; else (the type it has instead, or None for no
    event, and why)."""
    lemma = token.lemma_.lower()
    if token.ent_type_ in NOT_EVENTS:
        return None, f"{token.text!r} is part of a {token.ent_type_.lower()}, not an event"
    if _an_example(token):
        return None, f"{token.text!r} after 'like' or 'such as': an example of a kind, not a happening"
    if lemma == "attack" and _compounded(token, AILMENTS):
        return None, f"a {token.text!r} of the body: an illness, not violence"
    if lemma == "blast" and _compounded(token, MESSAGES):
        return None, f"an email {token.text!r}: a mass mailing, not an explosion"
    if lemma == "shoot" and _retort(token):
        return None, f"{token.text!r} back that ...: a retort, not gunfire"
    if event.event == "THREATEN" and _said_to_be(token):
        return None, f"a {token.text!r} is what someone is said to be: a judgement, not a threat made"
    if lemma == "shoot" and _worn_out(token):
        return None, f"a mind or a chance that is {token.text!r} is worn out, not fired at"
    if _people_named_by_what_befell_them(token):
        return None, f"the {token.text!r} names people, not what was done to them"
    if _in_a_name(token):
        return None, f"{token.text!r} is a word of the name of a {token.ent_type_.lower()}, not an event"
    if lemma in RECORDED and _on_record(token):
        return None, f"{token.text!r} on a recording: filmed, not seized"
    if event.event == "ASSAULT" and lemma in ("capture", "seize", "take") and _won(token):
        return None, f"{token.text!r} an election, a seat or hearts: a win, not a seizure"
    if event.event == "ASSAULT" and lemma == "beat" and _by_a_margin(token):
        return None, f"{token.text!r} by a margin or in a race: the result of a vote or a game, not violence"
    if PLOVER_QUAD[event.event] in (1, 3) and _polled(token):
        return None, f"{token.text!r} by a share of people polled: a poll figure, not an event"
    if _a_kind_of_delegate(token):
        return None, f"{token.text!r} delegates: a kind of delegate, not an act"
    if lemma == "seize" and _seized_on(token):
        return None, f"{token.text!r} on an issue or a message: taken up in argument, not seized"
    if event.event == "REJECT" and lemma in ("decline", "refuse") and _no_comment(token):
        return None, f"{token.text!r} to comment, to answer or to be named: no comment, not a refusal of an act"
    if lemma == "execute" and _carried_out(token):
        return None, f"{token.text!r} a plan, an order or a campaign: carried out, not put to death"
    if event.event == "ASSAULT" and lemma in ("strike", "hit") and _struck_a_figure(token):
        return None, f"{token.text!r} a note, a tone or the trail: a figure of speech, not violence"
    beaten_up = lemma == "beat" and _particle(token, "up")
    if event.event == "ASSAULT" and lemma in SOFT_VIOLENCE and not beaten_up:
        if violent_context(token, lex):
            return None
        if lemma in VERBAL_ATTACK and _a_politician_acts(event, token):
            return "ACCUSE", f"{token.text!r} by a politician, with no weapon or harm: words, whoever is attacked"
        if lemma in ("capture", "take") and _a_politician_acts(event, token) and _takes_own_state(event, token):
            return None, f"{token.text!r} a state by a candidate, with no weapon or harm: a win, not a seizure"
        if _armed(event) or _physical_target(event, token, lex):
            return None
        verbal = lemma in VERBAL_ATTACK and any(
            p.sector in VERBAL_SECTORS or p.code in NON_STATE_CODES for p in event.actor
        )
        if verbal:
            return (
                "ACCUSE",
                f"{token.text!r} with no weapon, harm or armed actor, by a political actor: words",
            )
        return None, f"{token.text!r} with no weapon, harm, armed actor or physical target: not violence"
    if event.event == "COOPERATE" and lemma == "train" and not (event.recipient or _trained_someone(token)):
        return None, f"{token.text!r} with no one trained or trained with: practice, not cooperation"
    if event.event == "PROTEST" and lemma == "strike" and token.pos_ == "NOUN" and _struck_by_arms(event, token):
        return "ASSAULT", f"{token.text!r} by an armed force or group: attacks, not a walkout"
    if event.event == "PROTEST" and lemma == "protest" and _in_protest(token):
        return None, f"in {token.text!r}: why another act was done, not a protest of its own"
    if event.event == "MOBILIZE" and not (_armed(event) or violent_context(token, lex)):
        return None, f"{token.text!r} with no force, weapon or armed actor named: not a mobilization"
    if _particle(token, "out") and lemma == "shell":
        return None, f"{token.text!r} out: paid, not shelled"
    if lemma == "shoot" and _particle(token, "up") and not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children):
        return None, f"{token.text!r} up with nothing shot: rose, not gunfire"
    if event.event == "RETREAT" and lemma == "quit" and any(c.dep_ == "xcomp" and c.tag_ == "VBG" for c in token.children):
        return None, f"{token.text!r} doing something: stopping a habit, not resigning"
    if lemma in ("restrict", "share") and _published(token, MEDIA):
        return None, f"{token.text!r} of a video, a post or news: media, not coercion or cooperation"
    if event.event == "RETREAT" and lemma == "release" and (_published(token) or (token.pos_ == "NOUN" and _compounded(token, STATEMENTS))):
        return None, f"{token.text!r} of a text, a video or figures: published, not set free"
    if event.event == "AGREE" and lemma == "offer" and _given_only(token, CHANCES | REMARKS):
        return None, f"{token.text!r} a chance, a remark or a manner: no pledge or offer of an act"
    if event.event == "COOPERATE" and lemma == "share" and _given_only(token, VIEWS):
        return None, f"{token.text!r} a view or a feeling: thinking alike, not cooperating"
    if event.event == "AID" and _gave_no_help(token, lemma):
        return None, f"{token.text!r} a statement, time or a chance, or helping to do: no aid given"
    if event.event == "CONSULT" and lemma == "meeting" and _campaign_meeting(token):
        return None, f"a town hall or caucus {token.text!r}: a campaign event, not a consultation"
    if event.event == "CONSULT" and lemma == "meet" and _met_a_standard(token):
        return None, f"a threshold, a goal or a deadline {token.text!r}: satisfied, not a meeting"
    if event.event == "CONSULT" and lemma == "meet" and _met_with_a_reaction(token):
        return None, f"{token.text!r} with a reaction: how something was received, not a meeting"
    if lemma == "charge" and _tasked(token, lex):
        return None, f"{token.text!r} with a duty: a body given a task, not an accusation"
    if event.event == "REQUEST" and lemma == "call" and token.pos_ == "VERB" and _named_or_convened(token):
        return None, f"{token.text!r} with an object: naming or convening, not a request"
    if event.event == "PROTEST" and lemma == "protest" and _objected(token):
        return "ACCUSE", f"{token.text!r} that ...: an objection in words, not a demonstration"
    if lemma == "ask" and _put_to_the_speaker(token):
        return None, f"{token.text!r} of the one who answers: a question put to the speaker, not a request"
    if lemma == "ask" and token.pos_ == "VERB" and not _asked_for(token):
        return None, f"{token.text!r} for no act, thing or outcome: a question, not a request"
    if PLOVER_QUAD[event.event] in (1, 3) and _private_people(event, token.doc, lex):
        return None, f"{token.text!r} by private people: words of no political actor, not an event"
    if event.event == "AGREE" and lemma == "agree" and token.pos_ == "VERB" and not _agreed_to(token):
        return None, f"{token.text!r} with nothing agreed to or on: concurring, not an agreement"
    if event.event == "THREATEN" and lemma == "warn" and token.pos_ == "VERB" and not _warned_of_an_act(token):
        return None, f"{token.text!r} of no act, to no one, on no condition: a comment, not a threat"
    if event.event == "CONSULT" and lemma == "talk" and _kind_of_talk(token):
        return None, f"a {token.text!r} of this kind is a manner of speaking, not talks between sides"
    if event.event == "CONSULT" and lemma == "talk" and _particle(token, "up"):
        return None, f"{token.text!r} up: promoting, not talking with anyone"
    talking = token.pos_ == "VERB" or token.tag_ == "NN"  # the verb, or "talk" (but "talks" are negotiations)
    if event.event == "CONSULT" and lemma in TALK and talking and not _two_sides(event, token):
        return None, f"{token.text!r} by one side, with no one to talk with: speech, not a consultation"
    if event.event == "PROTEST" and lemma == "demonstrate" and _shown(token):
        return None, f"{token.text!r} with something shown: showing, not protesting"
    if event.event == "PROTEST" and lemma == "block" and not _blocked_a_way(event, token, lex):
        return None, f"{token.text!r} of no road, place or building: obstructed in law or politics, not a blockade"
    if event.event == "PROTEST" and lemma in PROTESTERS and token.dep_ not in ("nsubj", "nsubjpass"):
        return None, f"{token.text!r} names people, not what they did"
    if event.event == "PROTEST" and lemma in GATHERINGS and token.pos_ == "NOUN":
        if not any(t.lemma_.lower() in GRIEVANCE for t in token.sent):
            return None, f"a {token.text!r} that says against nothing is no protest (a campaign event)"
    return None
