"""Texts written in one case (archives, wire copy, transcripts): a truecased copy for the parser.

spaCy's tagger, parser and entity recogniser, and the rules after them, read capitals: in "israeli troops
entered jenin" there is no Israeli and no Jenin. A line written entirely in lower case (or entirely in upper
case) is given the capitals news would write, from the names the project knows: sentence starts, the knowledge
base's actors ("BJP", "Hamas"), countries, demonyms and capitals, the gazetteer's places, religious and ethnic
groups, weekdays, months used as dates, dotted initials ("U.S."), and the name after a title ("chief minister
narendra modi"). A word English uses as a verb, adjective, adverb or function word keeps its lower case even
where a town has its name ("police", "nice"), and so does a noun unless the place is a big city ("reading",
but "Mosul").

The copy has exactly the text's length and differs only in case, so every offset found in it is an offset of
the verbatim text; `pipeline.enrich` gives the record's spans their verbatim text back.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire import nlp
from eventwire.resolve import actor_kb, gazetteer

# A line is read as written in one case when it has at least this many letters and all of them share a case.
MIN_LETTERS = 12
# Towns smaller than this are too many to trust as names in lower-case text ...
MIN_PLACE_POPULATION = 5_000
# ... and a town spelt like an English noun is a name only when this big ("Mosul", not "Reading").
COMMON_NOUN_PLACE_POPULATION = 300_000
# Gazetteer levels that hold only countries and the regions the project lists itself.
CURATED_LEVELS = frozenset({"country", "region", "other"})
MAX_NAME_WORDS = 5

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words after which a month is a date ("in march", "since june"); "may" needs a number beside it.
MONTH_CUES = frozenset("in since last next early late until till during mid by from".split())
GROUPS = frozenset(
    """muslim muslims moslem moslems christian christians islamic islamist islamists jewish jew jews hindu
    hindus sikh sikhs buddhist buddhists catholic catholics protestant protestants sunni sunnis shia shiite
    shiites alawite alawites druze kurd kurds kurdish arab arabs arabic hutu hutus tutsi tutsis pashtun
    pashtuns tamil tamils uighur uighurs uyghur uyghurs rohingya yazidi yazidis zionist zionists maoist
    maoists takfiri berber berbers tuareg tuaregs fulani hausa igbo yoruba baloch sinhalese""".split()
)
# Words before a person's name: the name after them is capitalised, and so are they.
TITLES = frozenset(
    """mr mrs ms dr president minister premier chancellor king queen prince princess sheikh emir sultan
    general gen col colonel lt maj capt captain sgt sen senator rep governor gov mayor judge justice
    bishop archbishop pope ayatollah imam rev shri smt sri secretary ambassador spokesman""".split()
)
TITLE_MODIFIERS = frozenset("prime vice deputy foreign defence defense interior home finance chief".split())
NOT_INITIALS = frozenset({"e.g.", "i.e.", "a.m.", "p.m."})
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt maj capt sgt sen rep gov no vs jr sr rev mt ft co inc ltd".split()
)
PARTICLES = frozenset("al el ad ash as ar bin ibn bint de da del der di du la le van von".split())

_WORD = re.compile(r"[^\W_]+")
_INITIALS = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}")
_SENTENCE_END = re.compile(r"[.!?]['\"’”)\]]*\s+['\"‘“(\[]*$")


def working_text(text: str) -> str:
    """`text` itself when its case can be trusted, else a copy of the same length whose lines written in one
    case are truecased."""
    lines = text.split("\n")
    if not any(_one_case(line) for line in lines):
        return text
    return "\n".join(truecase(line) if _one_case(line) else line for line in lines)


def _one_case(line: str) -> bool:
    letters = [c for c in line if c.lower() != c.upper()]
    if len(letters) < MIN_LETTERS:
        return False
    return all(c.islower() for c in letters) or all(c.isupper() for c in letters)


class _Line:
    """One line being truecased: its lower-case words, and the letters as they will be written."""

    def __init__(self, line: str) -> None:
        # Letter by letter, so the length never changes (a letter whose lower case is longer stays as it is).
        self.low = "".join(c.lower() if len(c.lower()) == 1 else c for c in line)
        self.chars = list(self.low)
        self.spans = list(_WORD.finditer(self.low))
        self.words = [m.group() for m in self.spans]
        self.done: set[int] = set()  # words whose case is decided
        self.initials: set[int] = set()  # words of dotted initials ("u.s.")

    def text(self, i: int, n: int = 1) -> str:
        return self.low[self.spans[i].start() : self.spans[i + n - 1].end()]

    def joined(self, i: int) -> bool:
        """Only a space or a hyphen between word i and the word before: a name does not run over a comma."""
        return self.low[self.spans[i - 1].end() : self.spans[i].start()] in (" ", "-")

    def write(self, i: int, form: str, n: int = 1) -> None:
        start = self.spans[i].start()
        for k, c in enumerate(form):
            self.chars[start + k] = c
        self.done.update(range(i, i + n))

    def capitalise(self, i: int) -> None:
        at = self.spans[i].start()
        if len(self.chars[at].upper()) == 1:
            self.chars[at] = self.chars[at].upper()
        self.done.add(i)

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""


def truecase(line: str) -> str:
    """The line with the capitals news would give it (same length; only the case of letters changes)."""
    t = _Line(line)
    for m in _INITIALS.finditer(t.low):
        if m.group() not in NOT_INITIALS:
            for i, span in enumerate(t.spans):
                if m.start() <= span.start() < m.end():
                    t.write(i, span.group().upper())
                    t.initials.add(i)
    i = 0
    while i < len(t.words):
        found = None if i in t.done else _longest_name(t, i)
        if found is None:
            i += 1
            continue
        n, form = found
        t.write(i, _cased_like(t.text(i, n), form), n)
        _title_before(t, i)
        i += n
    for i, word in enumerate(t.words):
        if i in t.done:
            continue
        if _name_by_context(t, i):
            t.write(i, "US") if word == "us" else t.capitalise(i)
        elif word in TITLES and i + 1 < len(t.words) and i + 1 not in t.done:
            j = i + 1
            while (
                j < len(t.words)
                and j - i <= 3
                and _nameable(t.words[j])
                and t.words[j] not in TITLES
                and t.joined(j)
            ):
                t.capitalise(j)
                j += 1
            if j > i + 1:
                _title_before(t, i + 1)
    for i in range(len(t.words)):
        if i == 0 or _sentence_starts(t, i):
            t.capitalise(i)
    return "".join(t.chars)


def _name_by_context(t: _Line, i: int) -> bool:
    """Weekdays, groups, "I", months used as dates ("in march", "march 15"), "the us"/"us forces"."""
    word, before, after = t.words[i], t.word(i - 1), t.word(i + 1)
    if word in WEEKDAYS or word in GROUPS or word == "i":
        return True
    if word in MONTHS:
        return before.isdigit() or after.isdigit() or (before in MONTH_CUES and word != "may")
    if word == "us":
        hyphen = t.low[t.spans[i].end() : t.spans[i].end() + 1] == "-"
        return before == "the" or hyphen or after in _role_words()
    return False


def _title_before(t: _Line, i: int) -> None:
    """Capitalise the title (and its "prime", "foreign" ...) right before the name at word i."""
    j = i - 1
    if j >= 0 and t.words[j] in TITLES and t.joined(i):
        t.capitalise(j)
        while j > 0 and t.words[j - 1] in TITLE_MODIFIERS and t.joined(j):
            j -= 1
            t.capitalise(j)


def _sentence_starts(t: _Line, i: int) -> bool:
    prev = t.spans[i - 1]
    return (
        _SENTENCE_END.search(t.low[prev.start() : t.spans[i].start()]) is not None
        and i - 1 not in t.initials
        and not (
            t.low[prev.end() : prev.end() + 1] == "."
            and (prev.group() in ABBREVIATIONS or len(prev.group()) == 1)
        )
    )


def _cased_like(segment: str, form: str) -> str:
    """The segment in the case of the name's written form where they spell alike, else each word capitalised
    (particles inside a name stay lower case: "Bashar al-Assad")."""
    if len(segment) == len(form) and segment == form.lower():
        return form
    out = list(segment)
    for k, m in enumerate(_WORD.finditer(segment)):
        if (k == 0 or m.group() not in PARTICLES) and len(m.group()[0].upper()) == 1:
            out[m.start()] = m.group()[0].upper()
    return "".join(out)


def _longest_name(t: _Line, i: int) -> tuple[int, str] | None:
    """The longest name (up to MAX_NAME_WORDS words) starting at word i, with its written form."""
    best = None
    for n in range(1, MAX_NAME_WORDS + 1):
        if i + n > len(t.words) or (n > 1 and not t.joined(i + n - 1)) or (i + n - 1) in t.done:
            break
        segment = t.text(i, n)
        form = _names().get(gazetteer.key(segment))
        if form is not None and len(_WORD.findall(form)) == n and _trusted_name(segment, form):
            best = (n, form)
        elif (n > 1 or _nameable(segment)) and (place := _place(segment, n)) is not None:
            best = (n, place)
    return best


def _trusted_name(segment: str, form: str) -> bool:
    """A known name written so in lower case: countries, demonyms and capitals always ("turkey", "chad") but
    never a function word ("us"); others not when English has a verb or adjective of that spelling ("ICE")."""
    if segment in STOP_WORDS:
        return False
    if " " in segment or segment in _strong():
        return True
    return _nameable(segment)


def _place(segment: str, n: int) -> str | None:
    """The gazetteer's name for a place written so, when it is big enough to trust in lower case.

    A town's other names count only where English has no noun of that spelling (the gazetteer knows "Sea"
    for Seattle), and a town named like a noun only when it is a big city.
    """
    words = segment.split()
    if words[0] in STOP_WORDS or words[-1] in STOP_WORDS:
        return None
    for entry in gazetteer.load().lookup(segment, fuzzy=False):
        if len(_WORD.findall(entry.name)) != n:
            continue
        if entry.level in CURATED_LEVELS or (
            entry.geonameid is None and not entry.population
        ):  # places_extra
            return entry.name
        noun = n == 1 and any(form in _nouns() for form in _lemmas(segment))
        own_name = gazetteer.key(entry.name) == gazetteer.key(segment)
        if (
            entry.population >= MIN_PLACE_POPULATION
            and (own_name or (len(segment) > 3 and not noun))
            and (not noun or entry.population >= COMMON_NOUN_PLACE_POPULATION)
        ):
            return entry.name
    return None


def _nameable(word: str) -> bool:
    """A word that may be (part of) a name: not a function word, nor an English verb, adjective or adverb."""
    if word in STOP_WORDS or word.isdigit() or len(word) < 2:
        return False
    common = _wordnet()[0]
    return not any(form in common for form in _lemmas(word))


def _lemmas(word: str) -> list[str]:
    """The word and the lemmas it may inflect ("killed" -> "kill", "said" -> "say")."""
    forms = [word, *_wordnet()[2].get(word, ())]
    for suffix, repl in (
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + repl)
    return forms


def _nouns() -> frozenset[str]:
    return _wordnet()[1]


@lru_cache(maxsize=1)
def _wordnet() -> tuple[frozenset[str], frozenset[str], dict[str, tuple[str, ...]]]:
    """English words by kind, from the lemmatizer tables the spaCy model ships (WordNet's lemmas): verbs,
    adjectives and adverbs; nouns; irregular forms and their lemmas. Empty for a model without them."""
    try:
        tables = nlp.load().get_pipe("lemmatizer").lookups
        index, exceptions = tables.get_table("lemma_index"), tables.get_table("lemma_exc")
    except (KeyError, AttributeError, ValueError):
        return frozenset(), frozenset(), {}
    common = frozenset(w for pos in ("verb", "adj", "adv") for w in index.get(pos, ()))
    irregular: dict[str, tuple[str, ...]] = {}
    for pos in ("verb", "adj", "noun"):
        for form, lemmas in exceptions.get(pos, {}).items():
            irregular[form] = irregular.get(form, ()) + tuple(lemmas)
    return common, frozenset(index.get("noun", ())), irregular


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Matching key -> written form of the names the project knows: the knowledge base's (those with a
    capital), countries, demonyms and capitals."""
    lex = actor_kb.load()
    forms: dict[str, str] = {}
    for entry in lex.kb:
        for alias in entry.aliases:
            if any(c.isupper() for c in alias):
                forms.setdefault(gazetteer.key(alias), alias)
    for name in _strong():
        forms.setdefault(
            gazetteer.key(name), " ".join(w if w in STOP_WORDS else w.title() for w in name.split(" "))
        )
    return forms


@lru_cache(maxsize=1)
def _strong() -> frozenset[str]:
    """Countries, demonyms and capitals (lower case): names even where English has the word."""
    lex = actor_kb.load()
    return frozenset([*lex.countries, *lex.demonyms, *lex.capitals])


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """The words of role nouns ("forces", "officials", "embassy"): "us forces" is the US's."""
    words = {w for phrase in actor_kb.load().roles for w in phrase.split()}
    return frozenset(words | {w + "s" for w in words})
