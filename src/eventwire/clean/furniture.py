"""Page furniture: what a page prints around an article that is not the article.

Pasted pages and extracted HTML repeat the headline, print photo captions with their credits
(often twice: once for the image, once for the lightbox), carry logo words ("TT"), bylines with
update stamps, share bars, breadcrumbs, "Advertisement" slots, related-story teasers, newsletter
and copyright footers and credit trailers ("(Reporting by ...; Editing by ...)"). They are
recognised by their form and place, not by outlet: a short line of separated items, a line that
ends in a credit, a line repeated across the articles of one dump, a run of headline-like lines
after the last paragraph. Captions go to `captions` with their credit, the byline to `byline`, the
rest to `removed` with its class, so nothing leaves the text unrecorded; every line is kept at most
once.

Each class is a named rule (`FURNITURE`); `benchmarks/extraction.py` measures each one by site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.clean.published import date_span, find_date
from eventwire.model import Caption, Removed

# The rules, by the class of what they remove (`dateline` is cut in `clean.article`).
FURNITURE = frozenset(
    {
        "title", "repeat", "caption", "credit", "advert", "label", "legal", "breadcrumb", "related",
        "promo", "share", "links", "masthead", "byline", "stamp", "credits", "repeated", "dateline",
    }
)  # fmt: skip

# "... text. (Photo by Jane Roe / AFP)", "... (Reuters)", "... (AP Photo/John Doe)": looked for in
# the line's last 82 characters only (see `credit_end`).
CREDIT_END = re.compile(r"\((?P<credit>[A-Z][^()]{1,80})\)$")
# "... text. Photo: John Doe/Reuters"
CREDIT_TAIL = re.compile(
    r"^(?P<text>.+?[.!?”\"])\s+(?P<credit>(?:Photo(?:graph)?|Image|Picture)s?(?:\s+by|:|\s*credit:?)\s*[^.]{2,80})$"
)
# Agency credit of a wire photo: "... March 3, 2018. REUTERS/Jason Lee/File Photo"
AGENCY_CREDIT = re.compile(
    r"^(?P<text>.+?[.!?”\"])\s+(?P<credit>[A-Z]{2,}(?: [A-Z]{2,})?(?:/[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3})+)$"
)
PHOTO_WORDS = re.compile(
    r"\b(?:photos?|photograph|image|picture|file|credit|courtesy|handout|getty|afp|reuters|ap|epa|"
    r"anadolu|xinhua|shutterstock|via)\b",
    re.IGNORECASE,
)
# Short lines of site chrome, each class recognised by its form (lines of at most CHROME_MAX_WORDS
# words only, so prose that happens to contain the words is kept).
CHROME = {
    "advert": re.compile(
        r"^(?:advertisement|skip advertisement|story continues below(?: advertisement)?|sponsored(?: content)?|"
        r"ad|ads by \w+)[.:!]?$",
        re.IGNORECASE,
    ),
    "label": re.compile(
        r"^(?:(?:photo|image|video)s?|listen to (?:this )?article.{0,30}|\d+\s*min(?:ute)?s? read|"
        r"(?:we are sorry,\s*)?this video is (?:restricted|unavailable|not available|no longer available)\b.{0,60}|"
        r"(?:updated|published|posted) \d+ (?:minutes?|hours?|days?) ago)[.:!]?$",
        re.IGNORECASE,
    ),
    "legal": re.compile(
        r"©|^\(c\)\s|^copyright\b|\ball rights reserved\b|\bmay not be (?:published|reproduced|"
        r"redistributed|rewritten)|^(?:terms (?:of (?:use|service))?|privacy policy)\b",
        re.IGNORECASE,
    ),
    # "World | Middle East", "Home › World › Asia", "News > Politics"
    "breadcrumb": re.compile(
        r"^[^.!?|]{3,80}(?: \| [^.!?|]{3,120})+$|^[^.!?›»>]{2,40}(?:\s*[›»>]\s*[^.!?›»>]{2,60})+$"
    ),
    # "SEE MORE: ...", "ALSO READ: ...", "Related", "Also on example.com ...", "... [VIDEO]"
    "related": re.compile(
        r"^(?:see (?:more|also)|read (?:more|also|next)|also read|also|more on this|more from [\w .]{2,30}|"
        r"related(?: articles?| stories| coverage| news)?|recommended(?: for you)?|watch|most (?:read|popular|viewed)|"
        r"don'?t miss|trending(?: now)?|latest news|top stories)\s*(?:[:|]|$)|^also on [\w.-]+\.\w+\b|"
        r"\[[A-Z][A-Za-z ]{2,15}\]\s*\|?$",
        re.IGNORECASE,
    ),
    # calls to share, subscribe or follow, newsletter boxes
    "promo": re.compile(
        r"^subscribe(?: now)?[.:!]?$|\b(?:share (?:it|this)|subscribe (?:now|to|for)\b|sign up (?:now|for|here)\b|thanks for signing up|newsletters?\b|"
        r"follow (?:us|him|her|me|(?:(?-i:[A-Z])\w+ ){1,3}on)\b|you (?:may|might) also like|order reprints|"
        r"print (?:this )?article|click here\b|delivered to your inbox)",
        re.IGNORECASE,
    ),
}
CHROME_MAX_WORDS = 20
# A share bar: "Share on Facebook  Share on Twitter  Email", "Facebook", "WhatsApp | Telegram"
SHARE_WORD = re.compile(
    r"^(?:share|tweet|facebook|twitter|x|whatsapp|linkedin|telegram|pinterest|reddit|email|e-mail|print|"
    r"copy(?: link)?|link|messenger|flipboard|comments?|on|this|via|article|story|save)$",
    re.IGNORECASE,
)
SHARE_NETWORK = re.compile(r"\b(?:share|facebook|twitter|whatsapp|linkedin|telegram|pinterest|email)\b", re.I)
# Items of a one-line link list or nav bar: separated by runs of spaces, bars or bullets.
ITEM_SEPARATOR = re.compile(r"\s{2,}|\t|\s+[|•·]\s+")
LINK_ITEM_MAX_WORDS = 4
NAME = r"[A-Z][\w.'’\-]*"
BYLINE = re.compile(
    rf"^(?:By|BY|Written by|Posted by|Reported by)\s+(?P<name>{NAME}(?:(?:\s+|\s*,\s*|\s+and\s+|\s*&\s*){NAME}){{0,7}})"
    rf"(?:\s*[|,]\s*(?P<rest>.{{1,40}}))?$"
)
# Credit trailers of wire copy, in parentheses at the end of a line or as a line of their own:
# "(Reporting by Jane Roe; Editing by John Doe)", "Additional reporting by Jane Roe in Kyiv"
CREDIT_WORDS = (
    r"(?:(?:Additional |Further )?[Rr]eporting|Writing|Editing|Compiled|Translated|Graphics?)\s+by\s+[A-Z]"
)
CREDITS = re.compile(rf"(?:^|\s)\({CREDIT_WORDS}[^()]{{1,300}}\)\s*$|^{CREDIT_WORDS}[^()]{{1,300}}$")
COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[A-Z][\w&'’.\-]*(?: [A-Z&][\w&'’.\-]*){0,5}?)\s*(?:[.,|]|\s+All\b|$)"
)
STAMP = re.compile(
    r"^(?P<kw>(?:first |last )?(?:published|posted|updated|modified|date)(?:\s+on)?)?\s*:?\s*", re.I
)
LOGO_MAX_CHARS = 3
MASTHEAD_MAX_WORDS = 4
HEADLINE_MAX_WORDS = 25
PROSE_MIN_WORDS = 8
PROSE_END = re.compile(r"[.!?…][”\"’')\]]*$")  # a full stop, perhaps inside a quote
# A label that heads a list of links: "Related stories", "ALSO READ:", "More from Example News"
LIST_LABEL = re.compile(r"^[^:|]{2,40}[:|]?$")


@dataclass(slots=True)
class Body:
    """An article's lines with the furniture taken out, and what the furniture told us."""

    lines: list[str] = field(default_factory=list)  # "" marks a blank line in the original
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    byline: str | None = None
    stated_date: str | None = None  # from a "Published: ..." line at the top
    masthead: str | None = None  # a masthead printed at the top of the article: the outlet
    copyright_holder: str | None = None  # "© 2024 Desert Courier": the outlet too
    caption_keys: set[str] = field(default_factory=set)

    def add_caption(self, caption: Caption) -> None:
        """Append `caption` unless the same caption text is already there (pages print captions
        twice)."""
        if (key := norm(caption.text)) not in self.caption_keys:
            self.caption_keys.add(key)
            self.captions.append(caption)


def norm(line: str) -> str:
    """A line's identity for repeat detection: case and spacing do not make a line new."""
    return " ".join(line.split()).casefold()


def is_headline(line: str) -> bool:
    """Looks like a headline: a few words, starts like a sentence (or in a script without case, such
    as Arabic), is not shouted in capitals, has no closing full stop or credit and is no chrome."""
    text = line.strip()
    words = text.split()
    return (
        2 <= len(words) <= HEADLINE_MAX_WORDS
        and (text[0].isalnum() or text[0] in "‘“\"'")
        and not text[0].islower()
        and not text.isupper()
        and not text.endswith((".", ",", ";", ":", "،", "؛"))
        and not credit_end(text)
        and not is_logo(text)
        and chrome_kind(text) is None
    )


def is_prose(line: str) -> bool:
    """A sentence of an article: long, closed by a full stop or a quote, no credit or chrome."""
    text = line.strip()
    return (
        len(text.split()) >= PROSE_MIN_WORDS
        and PROSE_END.search(text) is not None
        and not credit_end(text)
        and chrome_kind(text) is None
    )
def credit_end(line: str) -> tuple[str, str] | None:
    """(text, credit) of a line that ends in a parenthesised credit, else None.

    Only the last parenthesised group can be the credit (it holds no parentheses), so the search
    starts where it could: a pattern anchored at the line's start took quadratic time on long
    lines of spaces."""
    match = CREDIT_END.search(line, max(0, len(line) - 82))
    return (line[: match.start()].rstrip(), match.group("credit")) if match else None


def split_caption(line: str, in_header: bool, repeated: bool) -> Caption | None:
    """The caption on `line`, or None when the line is prose.

    A line ending in a parenthesised credit is a caption at the top of an article (before the
    prose starts) or when it is repeated; further down only when the credit names a photo or an
    agency, since prose may end in "(SANA)" too. A line ending in an agency's photo credit
    ("REUTERS/Jason Lee") is a caption anywhere. A line repeated verbatim at the top is a caption
    even without a credit.
    """
    for form in (CREDIT_TAIL, AGENCY_CREDIT):
        if match := form.match(line):
            return Caption(match.group("text").strip(), match.group("credit").strip())
    found = credit_end(line)
    if found and found[0] and len(found[1].split()) <= 8:
        text, credit = found
        if in_header or repeated or PHOTO_WORDS.search(credit):
            return Caption(text.strip(), credit.strip())
    if in_header and repeated:
        return Caption(line.strip())
    return None


def is_credit_line(line: str) -> bool:
    """A line that is only a credit: "(Reuters)", "Photo: AFP", "AP Photo/Jane Roe"."""
    inner = line.strip().removeprefix("(").removesuffix(")").strip()
    if not inner or len(inner.split()) > 8 or inner.endswith("."):
        return False
    words = inner.replace("/", " ").split()
    return bool(PHOTO_WORDS.match(inner)) and all(w[:1].isupper() or not w[:1].isalpha() for w in words[1:])


def chrome_kind(line: str) -> str | None:
    """The class of a short line of site chrome ("advert", "share", "breadcrumb", "links", ...), or
    None for prose: slot labels, copyright notices, breadcrumbs, teasers, share bars, nav bars."""
    line = line.strip()
    words = line.split()
    if not words or len(words) > CHROME_MAX_WORDS:
        return None
    if all(SHARE_WORD.match(w.strip(":|•·,")) for w in words) and SHARE_NETWORK.search(line):
        return "share"
    for kind, rule in CHROME.items():
        if rule.search(line):
            return kind
    items = [item for item in ITEM_SEPARATOR.split(line) if item]
    if len(items) >= 3 and all(
        len(item.split()) <= LINK_ITEM_MAX_WORDS and not item.endswith((".", "!", "?", ",")) for item in items
    ):
        return "share" if SHARE_NETWORK.search(line) else "links"
    return None


def is_rule(line: str) -> bool:
    """A separator line such as "***" or "—": no letter or digit at all."""
    return not any(ch.isalnum() for ch in line)


def is_logo(line: str) -> bool:
    """A short line standing alone: a logo word ("TT"), a masthead or section tag in capitals
    ("SAHEL MONITOR", "WORLD"), a separator ("***")."""
    core = line.strip()
    if is_rule(core):
        return True
    return len(core) <= LOGO_MAX_CHARS or (core.isupper() and len(core.split()) <= MASTHEAD_MAX_WORDS)


def stated_date(line: str) -> str | None:
    """The date of a "Published: March 3, 2024" / "Updated 10:05 GMT 4 March 2024" line, else None."""
    if len(line) > 90:
        return None
    stamp = STAMP.match(line)
    rest = line[stamp.end() :]
    span = date_span(rest)
    if span is None:
        return None
    leftover = (rest[: span.start()] + rest[span.end() :]).strip(" ,|-–—")
    if stamp.group("kw") or len(leftover) <= 25:
        return find_date(rest)
    return None


def byline_of(line: str) -> tuple[str, str | None] | None:
    """`(names, date)` of a byline, with the date of a stamp printed beside it:
    "By Staff Reporter | Updated: 12 March 2018, 10:31 IST" -> ("Staff Reporter", "2018-03-12")."""
    names, date = None, None
    for part in ITEM_SEPARATOR.split(line.strip()):
        if names is None and (match := BYLINE.match(part)):
            names = match.group("name")
            rest = match.group("rest")
            date = date or (stated_date(rest) if rest else None)
        elif found := stated_date(part):
            date = date or found
        elif names is None or len(part.split()) > 4:  # what follows a byline: an agency, a role
            return None
    return (names, date) if names else None


def strip_furniture(
    lines: list[str],
    title: str | None,
    starts: list[int] | None = None,
    boilerplate: frozenset[str] = frozenset(),
    rules: frozenset[str] = FURNITURE,
    window: int = 3,
) -> Body:
    """Take the furniture out of an article's lines; `starts` are their offsets in the input as read
    (None for text extracted from HTML), `boilerplate` the lines the other articles of the input
    also print, `rules` the classes to remove.

    The "header" is the stretch before the first line of prose; bylines, date lines, mastheads and
    captions without credit are only recognised there. Title repeats and lines already kept are
    dropped without a record: their words are in the record already.
    """
    body = Body()
    keys = [norm(line) for line in lines]
    filled = [pos for pos, key in enumerate(keys) if key]
    title_key = norm(title) if title else None
    seen: set[str] = set()
    logos: set[str] = set()
    in_header = True
    in_list = False  # under a "Related stories" label: headline-like lines are links

    def remove(kind: str, pos: int, text: str | None = None) -> None:
        text = (text or lines[pos]).strip()
        start = None
        if starts is not None:
            start = starts[pos] + lines[pos].index(text)
        body.removed.append(Removed(kind, text, start, None if start is None else start + len(text)))

    after = 0  # in `filled`: the first non-blank line after `pos`
    for pos, line in enumerate(lines):
        key = keys[pos]
        text = line.strip()
        if not key:
            body.lines.append("")
            continue
        while after < len(filled) and filled[after] <= pos:
            after += 1
        if "credits" in rules and (trailer := CREDITS.search(text)):
            remove("credits", pos, trailer.group(0))
            text = line = text[: trailer.start()].rstrip()
            key = norm(text)
            if not text:
                continue
        if (key == title_key and "title" in rules) or (key in seen and "repeat" in rules):
            continue
        upcoming = [keys[i] for i in filled[after : after + window]]
        caption = split_caption(line, in_header, key in upcoming) if "caption" in rules else None
        if caption:
            seen.add(key)
            body.add_caption(caption)
            continue
        if is_credit_line(line) and "credit" in rules:
            if body.captions and body.captions[-1].credit is None:
                body.captions[-1].credit = text.removeprefix("(").removesuffix(")").strip()
            else:
                remove("credit", pos)
            continue
        if in_header and "byline" in rules and (found := byline_of(text)):
            body.byline = body.byline or found[0]
            body.stated_date = body.stated_date or found[1]
            continue
        kind = chrome_kind(line)
        if in_list and kind is None and is_headline(text):
            kind = "related"
        if kind in rules:
            remove(kind, pos)
            in_list = kind == "related" and (in_list or bool(LIST_LABEL.match(text)))
            if kind == "legal" and (holder := COPYRIGHT_HOLDER.search(text)):
                body.copyright_holder = body.copyright_holder or holder.group("name").rstrip(".")
            continue
        if is_logo(line) and (in_header or key in logos or is_rule(key)) and "masthead" in rules:
            logos.add(key)
            if not is_rule(key):
                remove("masthead", pos)
                if in_header and len(text.split()) > 1:
                    body.masthead = body.masthead or text
            continue
        if in_header and "stamp" in rules and (found := stated_date(text)):
            body.stated_date = body.stated_date or found
            remove("stamp", pos)
            continue
        if key in boilerplate and "repeated" in rules:
            remove("repeated", pos)
            continue
        in_header = in_list = False
        seen.add(key)
        body.lines.append(text)
    while body.lines and not body.lines[-1]:
        body.lines.pop()
    return body
