"""Page furniture: what a page prints around an article that is not the article.

Pasted pages and extracted HTML repeat the headline, print photo captions with their credits
(often twice: once for the image, once for the lightbox), carry logo words ("TT"), bylines,
"Published: ..." lines and "Advertisement" slots. These rules recognise them by form, not by
outlet, so the same rules hold for any site: captions keep their credit on the record, the rest is
dropped, and every line is kept at most once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.clean.published import date_span, find_date
from eventwire.model import Caption

# "... text. (Photo by Jane Roe / AFP)", "... (Reuters)", "... (AP Photo/John Doe)"
CREDIT_END = re.compile(r"^(?P<text>.*?)\s*\((?P<credit>[A-Z][^()]{1,80})\)$")
# "... text. Photo: John Doe/Reuters"
CREDIT_TAIL = re.compile(
    r"^(?P<text>.+?[.!?”\"])\s+(?P<credit>(?:Photo(?:graph)?|Image|Picture)s?(?:\s+by|:|\s*credit:?)\s*[^.]{2,80})$"
)
PHOTO_WORDS = re.compile(
    r"\b(?:photos?|photograph|image|picture|file|credit|courtesy|handout|getty|afp|reuters|ap|epa|"
    r"anadolu|xinhua|shutterstock|via)\b",
    re.IGNORECASE,
)
# Site chrome that survives extraction, each recognised by its form (lines of at most
# CHROME_MAX_WORDS words only, so prose that happens to contain the words is kept).
CHROME = (
    # slot labels standing alone: "Advertisement", "Share this article", "Photos"
    re.compile(
        r"^(?:advertisement|skip advertisement|story continues below(?: advertisement)?|share(?: this)?"
        r"(?: article| story)?|click here .{1,80}|subscribe(?: now)?|(?:photo|image|video)s?|"
        r"listen to (?:this )?article.{0,30})[.:!]?$",
        re.IGNORECASE,
    ),
    # copyright notices
    re.compile(r"©|^\(c\)\s|^copyright\b|\ball rights reserved\b", re.IGNORECASE),
    # breadcrumbs and section-tagged teasers: "World | Middle East", "Design Week 2018 | A new lamp"
    re.compile(r"^[^.!?|]{3,80}(?: \| [^.!?|]{3,120})+$"),
    # "SEE MORE: ...", "Read also | ...", "Related", "Also on example.com ..." link teasers
    re.compile(
        r"^(?:see (?:more|also)|read (?:more|also|next)|also read|also|more on this|"
        r"related(?: articles?| stories| coverage)?|recommended|watch|most (?:read|popular)|don'?t miss)"
        r"\s*(?:[:|]|$)|^also on [\w.-]+\.\w+\b",
        re.IGNORECASE,
    ),
    # "Headline of another story [VIDEO]" teasers
    re.compile(r"\[[A-Z][A-Za-z ]{2,15}\]\s*\|?$"),
    # calls to share, subscribe or follow
    re.compile(
        r"\b(?:share (?:it|this)|subscribe to|sign up for|thanks for signing up|newsletters?\b|"
        r"follow (?:us|him|her|me|(?:(?-i:[A-Z])\w+ ){1,3}on)\b|you (?:may|might) also like|order reprints|"
        r"print (?:this )?article)",
        re.IGNORECASE,
    ),
)
CHROME_MAX_WORDS = 20
NAME = r"[A-Z][\w.'’\-]*"
BYLINE = re.compile(
    rf"^(?:By|BY)\s+{NAME}(?:(?:\s+|\s*,\s*|\s+and\s+|\s*&\s*){NAME}){{0,7}}(?:\s*[|,]\s*.{{1,40}})?$"
)
STAMP = re.compile(
    r"^(?P<kw>(?:first |last )?(?:published|posted|updated|modified|date)(?:\s+on)?)?\s*:?\s*", re.I
)
LOGO_MAX_CHARS = 3
MASTHEAD_MAX_WORDS = 4


@dataclass(slots=True)
class Body:
    """An article's lines with the furniture taken out, and what the furniture told us."""

    lines: list[str] = field(default_factory=list)  # "" marks a blank line in the original
    captions: list[Caption] = field(default_factory=list)
    stated_date: str | None = None  # from a "Published: ..." line at the top


def norm(line: str) -> str:
    """A line's identity for repeat detection: case and spacing do not make a line new."""
    return " ".join(line.split()).casefold()


def split_caption(line: str, in_header: bool, repeated: bool) -> Caption | None:
    """The caption on `line`, or None when the line is prose.

    A line ending in a parenthesised credit is a caption at the top of an article (before the
    prose starts) or when it is repeated; further down only when the credit names a photo or an
    agency, since prose may end in "(SANA)" too. A line repeated verbatim at the top is a caption
    even without a credit.
    """
    if match := CREDIT_TAIL.match(line):
        return Caption(match.group("text").strip(), match.group("credit").strip())
    match = CREDIT_END.match(line)
    if match and match.group("text") and len(match.group("credit").split()) <= 8:
        if in_header or repeated or PHOTO_WORDS.search(match.group("credit")):
            return Caption(match.group("text").strip(), match.group("credit").strip())
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


def is_chrome(line: str) -> bool:
    """A short line of site chrome: slot label, copyright notice, link teaser, call to share or subscribe."""
    line = line.strip()
    return len(line.split()) <= CHROME_MAX_WORDS and any(rule.search(line) for rule in CHROME)


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


def strip_furniture(lines: list[str], title: str | None, window: int = 3) -> Body:
    """Remove title repeats, captions, credits, logos, bylines, date lines and repeated lines.

    The "header" is the stretch before the first line of prose; bylines, date lines and captions
    without credit are only recognised there.
    """
    body = Body()
    keys = [norm(line) for line in lines]
    title_key = norm(title) if title else None
    seen: set[str] = set()
    logos: set[str] = set()
    in_header = True
    for pos, line in enumerate(lines):
        key = keys[pos]
        if not key:
            body.lines.append("")
            continue
        if key == title_key or key in seen:
            continue
        upcoming = [k for k in keys[pos + 1 :] if k][:window]
        caption = split_caption(line, in_header, key in upcoming)
        if caption:
            seen.add(key)
            add_caption(body.captions, caption)
            continue
        if is_credit_line(line):
            if body.captions and body.captions[-1].credit is None:
                body.captions[-1].credit = line.strip().removeprefix("(").removesuffix(")").strip()
            continue
        if is_chrome(line):
            continue
        if is_logo(line) and (in_header or key in logos or is_rule(key)):
            logos.add(key)
            continue
        if in_header and BYLINE.match(line.strip()):
            continue
        if in_header and (found := stated_date(line.strip())):
            body.stated_date = body.stated_date or found
            continue
        in_header = False
        seen.add(key)
        body.lines.append(line.strip())
    return body


def add_caption(captions: list[Caption], caption: Caption) -> None:
    """Append `caption` unless the same caption text is already there (pages print captions twice)."""
    if all(norm(c.text) != norm(caption.text) for c in captions):
        captions.append(caption)
