"""Clean: RawDocument -> Article: main text, hard-wrap repair, boilerplate out, title, date and source."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Literal
from urllib.parse import urlsplit

from whodid.dates import MONTHS, parse_date
from whodid.decode import normalise_whitespace
from whodid.html_extract import OPINION_MARKER, OPINION_WORDS, Extracted, domain_of, extract_html
from whodid.language import judge_language
from whodid.options import Options
from whodid.records import Article, RawDocument, RemovedLine, Skipped, stable_id

Layout = Literal["lone_word", "wrapped", "lines"]

HEADER_PARAGRAPHS = 5  # title, date and byline are looked for among the first paragraphs only
WRAP_WIDTH_LIMIT = 100  # texts whose lines are mostly shorter than this are treated as hard-wrapped
TITLE_OVERLAP = 0.7  # a headline-like first paragraph sharing this share of its words with the page title is it

_SEP = r"[\s,:;|/·•>»\-–—]"
_SOCIAL = r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|email|e-mail|print|copy link)"
_STRONG_COMMENT = (
    r"(?:no|\d+|view all|show all|load more|hide) comments?:?|(?:\d+ )?(?:comments|replies|responses):?"
    r"|(?:post|leave|add|write|submit) (?:a |your )?(?:comment|reply|response)s?\.?:?"
    r"|comments? (?:are )?closed\.?"
    r"|notify of(?: new)?(?: replies| follow-up comments)?:?|inline feedbacks?"
    r"|(?:note: )?only (?:a )?members? of this blog may post (?:a )?comments?\.?"
    r"|you must be logged in to post a comment\.?|join the (?:discussion|conversation)\.?"
)
# Whole-line rules, generic English web boilerplate: a line matching one from start to end is removed.
_LINE_RULES: tuple[tuple[str, str], ...] = (
    ("comments", _STRONG_COMMENT),
    ("comments", r"what do you think\?|have your say\.?|comments?"),
    (
        "share",
        rf"(?:share|tweet|email|print|pin)(?: (?:this|it))?(?: (?:article|story|post|page))?"
        rf"(?: (?:on|via) \w+)?:?"
        rf"|share on {_SOCIAL}|{_SOCIAL}(?:{_SEP}+{_SOCIAL})*|like this:?|(?:like|follow) us on \w+\.?"
        r"|(?:order )?reprints?(?: (?:&|and) permissions)?",
    ),
    ("reading_time", r"(?:\d+[- ]?min(?:ute)?s?\.? read|(?:estimated )?reading time:? \d+ min(?:ute)?s?\.?)"),
    (
        "related",
        r"(?:related|recommended|popular|latest|trending|similar|more)(?: (?:posts?|articles?|stories|news"
        r"|reading|content|from [\w ]{1,30}))?:?|(?:you (?:may|might) (?:also )?like|read more|read also"
        r"|read next|continue reading|see also)\b.{0,80}",
    ),
    (
        "subscribe",
        r"(?:click here to |please )?(?:subscribe|sign up|register)(?: (?:now|here|today|for free))?[.!:]?"
        r"|click here to (?:subscribe|sign up|register|donate)\b.{0,100}"
        r"|(?:subscribe|sign up) (?:to|for) (?:our|the) (?:free )?(?:\w+ )?newsletters?\b.{0,100}",
    ),
    (
        "navigation",
        r"skip to (?:main )?content|(?:main )?menu|home|search|navigation|back to top|toggle navigation"
        r"|advertisement|sponsored(?: content)?|(?:previous|next) (?:post|article|story)|log ?in|sign in",
    ),
    ("crumb", rf"[\W_]+|(?:in|by|on|at|from|posted in|filed under|tags?|categor(?:y|ies))\s*(?:{_SEP})+"),
)
_LINE_RULE = re.compile("|".join(f"(?P<r{i}>{rule})" for i, (_, rule) in enumerate(_LINE_RULES)), re.I)
_LINE_REASONS = {f"r{i}": reason for i, (reason, _) in enumerate(_LINE_RULES)}
_LINE_RULE_MAX = 200  # longer lines are body text
_STRONG_COMMENT_LINE = re.compile(_STRONG_COMMENT, re.IGNORECASE)
_COOKIE = re.compile(
    r"\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|uses cookies to|accept (?:all )?cookies"
    r"|cookie (?:policy|settings|preferences|consent))\b",
    re.I,
)
_DISCLAIMER = re.compile(
    r"\b(?:views|opinions|statements)\b.{0,80}\bexpressed\b.{0,120}\b(?:solely |only )?"
    r"(?:those|the views) of the (?:authors?|writers?|contributors?)\b"
    r"|do not necessarily (?:reflect|represent) (?:the )?(?:views|opinions|those|positions?|policy)\b"
    r"|\bdoes not (?:give|provide|offer) (?:\w+,? )*advice\b|\ball rights reserved\b",
    re.I,
)
_EDITORIAL_NOTE = re.compile(r"^\((?:emphasis|bold|italics?|underlin\w*|highlight\w*)\b[^()]{0,40}\)$", re.I)
# Paragraph rules: a short paragraph containing one of these is boilerplate (keywords make a cheap pre-check).
_SHORT = r"^(?=.{0,300}$)"  # a rule for short paragraphs only
_NEWSLETTER = re.compile(
    rf"{_SHORT}.*(?:\b(?:subscribe|sign up)\b.{{0,80}}\bnewsletters?\b"
    r"|\bnewsletters?\b.{0,80}\b(?:subscribe|sign up)\b)",
    re.I | re.S,
)
_CONTACT = re.compile(  # an author's contact tagline: "Jane Doe may be reached at jdoe@example.com. Follow her ..."
    rf"{_SHORT}.*(?:\b(?:can|may) be (?:reached|contacted) at\b.{{0,100}}(?:@|\.com\b|\d{{3}}[-. ]\d{{4}})"
    r"|^follow (?:him|her|them|us|me)\b.{0,60}(?:twitter|facebook|instagram|linkedin|@\w+))",
    re.I | re.S,
)
_PARAGRAPH_RULES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("disclaimer", ("expressed", "necessarily", "advice", "reserved"), _DISCLAIMER),
    ("editorial_note", ("(",), _EDITORIAL_NOTE),
    ("subscribe", ("newsletter",), _NEWSLETTER),
    ("contact", ("reached at", "contacted at", "follow "), _CONTACT),
)
_PARAGRAPH_RULE_MAX = 600  # longer paragraphs are body text even when they mention a disclaimer phrase
_REPEAT_MIN = 25  # shorter repeated lines ("Question: Yes.") may be real dialogue
_REPEAT_MAX = 3  # more repeats than this (and than a tenth of the paragraphs) are structure, not boilerplate

_BULLET = re.compile(r"(?:[-*•▪–]|\d{1,2}[.)])\s")
_HYPHEN_END = re.compile(r"[a-z]-$")
_NOT_A_START = frozenset(',;:"”’)')  # a lone token ending like this closes a paragraph, it does not open one
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_DATE_PREFIX = re.compile(r"^(?:published|posted|updated|dated?)(?: on)?\s*[:\-–—]?\s*", re.I)
_DATE_SUFFIX = re.compile(r"(?:\s*(?:,|at|-|–|—|\|)?\s*\d{1,2}:\d{2}.*|\s+by\s+.*|\s*\|.*)$", re.I)
_NAME = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(rf"(?:[Bb]y|[Ww]ritten by|[Pp]osted by)\s+({_NAME}(?:\s+{_NAME}){{0,3}})(?:\s*[,|].{{0,40}})?")
_WORD = re.compile(r"\w+")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
_MONTH += r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_COMMON_DATE = re.compile(  # "3 December, 2016", "Monday, March 5, 2024": read without dateparser (fast)
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))",
    re.I,
)
_DATE_HINT = re.compile(rf"\b{_MONTH}\b|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}", re.I)  # else no full date
_OPINION_PREFIX = re.compile(rf"(?:{OPINION_WORDS})\s*[:|]", re.I)  # "Opinion: Why ..." in a title
_OPINION_PATH = re.compile(rf"/(?:{OPINION_WORDS}|blogs?)(?:/|$)", re.I)
_OPINION_DISCLAIMER = re.compile(
    r"\b(?:views|opinions)\b.{0,120}\b(?:those|views) of the (?:authors?|writers?)\b", re.I
)
_BLOG_WIDGET = re.compile(r"\bmembers? of this blog\b", re.I)


@dataclass(frozen=True, slots=True)
class Header:
    """What the first paragraphs say about the article, and which of them are metadata, not body."""

    title: str | None
    date: str | None
    removals: dict[int, str]  # paragraph index -> reason
    author: str | None = None  # from a byline paragraph ("By Jane Doe")


# ---------------------------------------------------------------- entry point


def clean_document(doc: RawDocument, options: Options, *, check_language: bool = True) -> Article | Skipped:
    """The cleaned article of one document, or a Skipped record saying why there is none (with
    `check_language`, an article clearly not in an accepted language is skipped as "not_english")."""
    extracted = Extracted(text=doc.content)
    if doc.media_type == "html":
        try:
            extracted = extract_html(doc.content, doc.url)
        except Exception as exc:  # hostile markup must never end a run
            detail = f"HTML extraction failed ({type(exc).__name__}: {exc}); check the file is a web page"
            return Skipped(doc.origin, "extract_failed", detail, doc.doc_id)
    try:
        return _build_article(doc, extracted, options, check_language)
    except Exception as exc:  # a cleaning bug must not end a run either; report it with the input
        detail = f"cleaning failed ({type(exc).__name__}: {exc}); please report this input"
        return Skipped(doc.origin, "clean_failed", detail, doc.doc_id)


def _build_article(doc: RawDocument, extracted: Extracted, options: Options, check: bool) -> Article | Skipped:
    layout: Layout | None = "lines" if doc.media_type == "html" else None
    paragraphs, removed = clean_paragraphs(extracted.text, layout)
    known_title = doc.title or extracted.title
    header = detect_header(paragraphs, known_title)
    if len(header.removals) == len(paragraphs):  # a lone headline-like line is the text, not a title
        header = Header(header.title, header.date, {}, header.author)
    for index, reason in sorted(header.removals.items()):
        removed.append(RemovedLine(paragraphs[index], reason))
    text = "\n\n".join(p for i, p in enumerate(paragraphs) if i not in header.removals)
    if len(text) < options.min_chars:
        what = "the page has no article text" if doc.media_type == "html" else "no article"
        detail = f"{len(text)} characters left after cleaning (min_chars={options.min_chars}): {what}; "
        detail += "lower --min-chars to keep very short texts"
        return Skipped(doc.origin, "empty", detail, doc.doc_id)
    if len(text) > options.max_chars:
        detail = f"{len(text):,} characters after cleaning, over max_chars={options.max_chars:,}: "
        detail += "raise --max-chars to process it"
        return Skipped(doc.origin, "too_long", detail, doc.doc_id)
    accepted = accepted_languages(options) if check else ()
    verdict = judge_language(text, accepted) if accepted else None
    if verdict is not None and not verdict.keep:
        return Skipped(doc.origin, "not_english", verdict.skip_detail(), doc.doc_id)
    date, date_source = _choose_date(doc.date, extracted.date, header.date, doc.crawl_date)
    return Article(
        article_id=article_id(text),
        doc_id=doc.doc_id,
        origin=doc.origin,
        text=text,
        title=known_title or header.title,
        date=date,
        date_source=date_source,
        source=extracted.sitename or domain_of(doc.url),
        url=doc.url,
        language=verdict.language if verdict is not None else "en",
        removed=tuple(removed),
        author=extracted.author or header.author,
        opinion=extracted.opinion or is_opinion(doc.url, known_title or header.title, paragraphs, removed),
    )


def accepted_languages(options: Options) -> tuple[str, ...]:
    """The languages whose articles are coded: `Options.languages` where the options have it, else English;
    an empty tuple turns the language check off."""
    return tuple(getattr(options, "languages", ("en",)))


def article_id(text: str) -> str:
    """A content hash of the text with whitespace collapsed: the same article text always gets the same id."""
    return stable_id(" ".join(text.split()))


def is_opinion(url: str | None, title: str | None, paragraphs: Sequence[str], removed: Sequence[RemovedLine]) -> bool:
    """Whether the page says it is opinion or commentary: an opinion section in its URL, header or title, a
    "views ... those of the author" disclaimer, or a personal blog's comment widget."""
    if url and _OPINION_PATH.search(urlsplit(url).path if "//" in url else url):
        return True
    if title and _OPINION_PREFIX.match(title):
        return True
    for line in removed:
        if line.reason == "opinion_marker" or (line.reason == "disclaimer" and _OPINION_DISCLAIMER.search(line.text)):
            return True
        if line.reason in ("comments", "after_comments") and _BLOG_WIDGET.search(line.text):
            return True
    return any(len(p) <= _PARAGRAPH_RULE_MAX and _OPINION_DISCLAIMER.search(p) for p in paragraphs[-3:])


def _choose_date(
    given: str | None, metadata: str | None, in_text: str | None, crawl: str | None
) -> tuple[str | None, str]:
    """The article date and where it came from: input, HTML metadata, a date line, then the crawl date."""
    pairs = ((given, "input"), (metadata, "html-metadata"), (in_text, "text"), (crawl, "crawl"))
    return next(((value, source) for value, source in pairs if value), (None, "none"))


# ---------------------------------------------------------------- plain text


def clean_paragraphs(text: str, layout: Layout | None = None) -> tuple[list[str], list[RemovedLine]]:
    """Body paragraphs of a text, boilerplate removed (and recorded), hard wraps repaired."""
    lines, removed = strip_boilerplate(normalise_whitespace(text).split("\n"))
    paragraphs, more = strip_boilerplate_paragraphs(rebuild_paragraphs(lines, layout))
    return paragraphs, removed + more


def repair_hard_wraps(text: str) -> str:
    """Text with hard-wrapped lines joined into paragraphs, paragraphs separated by a blank line."""
    return "\n\n".join(rebuild_paragraphs(normalise_whitespace(text).split("\n")))


def strip_boilerplate(lines: Sequence[str]) -> tuple[list[str], list[RemovedLine]]:
    """The lines with boilerplate blanked (so it still ends a paragraph), and the removed lines with why."""
    kept = list(lines)
    removed: list[RemovedLine] = []
    tail_start = _comment_section_start(kept)
    for i, line in enumerate(kept):
        if not line:
            continue
        reason = line_boilerplate_reason(line)
        if reason is None and tail_start is not None and i > tail_start:
            reason = "after_comments"
        if reason is not None:
            removed.append(RemovedLine(line, reason))
            kept[i] = ""
    return kept, removed


def line_boilerplate_reason(line: str) -> str | None:
    """The rule that marks a whole line as boilerplate, or None."""
    if len(line) > _LINE_RULE_MAX:
        return None
    bullet = _BULLET.match(line)  # "- Print Article" in a list of buttons
    match = _LINE_RULE.fullmatch(line[bullet.end() :] if bullet else line)
    if match:
        return _LINE_REASONS[match.lastgroup or ""]
    return "cookies" if "cookie" in line.casefold() and _COOKIE.search(line) else None


def _comment_section_start(lines: Sequence[str]) -> int | None:
    """Where a comment section starts in the last half of a text (what follows is not the article)."""
    filled = [i for i, line in enumerate(lines) if line]
    if len(filled) < 4:
        return None
    total = sum(len(line) for line in lines)
    for rank, i in enumerate(filled):
        if rank >= len(filled) // 2 and _STRONG_COMMENT_LINE.fullmatch(lines[i]):
            after = sum(len(line) for line in lines[i + 1 :])
            return i if after < 0.4 * total else None
    return None


def strip_boilerplate_paragraphs(paragraphs: Sequence[str]) -> tuple[list[str], list[RemovedLine]]:
    """Paragraphs without disclaimers, editorial notes, stray crumbs and verbatim repeats (first one kept).
    Many repeats mean structured content (an interview's questions, a meal plan), so then none are removed."""
    kept: list[str] = []
    removed: list[RemovedLine] = []
    for paragraph in paragraphs:
        reason = paragraph_boilerplate_reason(paragraph)
        if reason:
            removed.append(RemovedLine(paragraph, reason))
        else:
            kept.append(paragraph)
    keys = [p.casefold() if len(p) >= _REPEAT_MIN else None for p in kept]
    repeats = len([k for k in keys if k is not None]) - len({k for k in keys if k is not None})
    if not 0 < repeats <= max(_REPEAT_MAX, len(kept) // 10):
        return kept, removed
    seen: set[str | None] = set()
    unique: list[str] = []
    for paragraph, key in zip(kept, keys, strict=True):
        if key in seen:
            removed.append(RemovedLine(paragraph, "repeated"))
        else:
            unique.append(paragraph)
            seen.add(key)
        seen.discard(None)
    return unique, removed


def paragraph_boilerplate_reason(paragraph: str) -> str | None:
    """The rule that marks a (short) paragraph as boilerplate, or None."""
    if len(paragraph) > _PARAGRAPH_RULE_MAX:
        return None
    folded = paragraph.casefold()
    for reason, keywords, pattern in _PARAGRAPH_RULES:
        if any(k in folded for k in keywords) and pattern.search(paragraph):
            return reason
    return line_boilerplate_reason(paragraph)


# ---------------------------------------------------------------- hard-wrap repair


def rebuild_paragraphs(lines: Sequence[str], layout: Layout | None = None) -> list[str]:
    """Paragraphs from lines; blank lines always end one, other breaks depend on the layout of the text."""
    blocks = _blocks(lines)
    filled = [line for block in blocks for line in block]
    if not filled:
        return []
    layout = layout or detect_layout(blocks)
    width = _wrap_width(filled)
    paragraphs: list[str] = []
    for block in blocks:
        current = [block[0]]
        for i in range(1, len(block)):
            if _breaks_before(block, i, layout, width):
                paragraphs.append(_join_lines(current))
                current = []
            current.append(block[i])
        paragraphs.append(_join_lines(current))
    return paragraphs


def detect_layout(blocks: Sequence[Sequence[str]]) -> Layout:
    """How lines map to paragraphs: "lone_word" (each paragraph's first word alone on a line, a crawler
    quirk), "wrapped" (lines cut at a fixed width) or "lines" (one paragraph per line)."""
    filled = sum(len(block) for block in blocks)
    lone = sum(1 for block in blocks for i in range(len(block) - 1) if _is_lone_word(block[i]))
    if lone >= 3 and lone >= 0.08 * filled:
        return "lone_word"
    all_lines = [line for block in blocks for line in block]
    return "wrapped" if _wrap_width(all_lines) <= WRAP_WIDTH_LIMIT else "lines"


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    return [list(group) for filled, group in groupby(lines, key=bool) if filled]


def _is_lone_word(line: str) -> bool:
    """A single short token that does not end a sentence: a paragraph's first word in lone-word layout."""
    if " " in line or len(line) > 30 or line[-1] in _NOT_A_START:
        return False
    return not _SENTENCE_END.search(line)


def _wrap_width(lines: Sequence[str]) -> int:
    lengths = sorted(len(line) for line in lines)
    return lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]


def _breaks_before(block: Sequence[str], i: int, layout: Layout, width: int) -> bool:
    """Whether a new paragraph starts at block[i]."""
    line, previous = block[i], block[i - 1]
    if layout == "lines" or _BULLET.match(line):
        return True
    if layout == "lone_word":
        return _is_lone_word(line) and i + 1 < len(block)
    room = len(previous) + 1 + len(line.split(" ", 1)[0])
    if room <= 0.85 * width:
        return True  # the next word would have fit: the line was ended on purpose
    return bool(_SENTENCE_END.search(previous)) and room < width


def _join_lines(lines: Sequence[str]) -> str:
    parts = [lines[0]]
    for line in lines[1:]:
        if _HYPHEN_END.search(parts[-1]) and line[:1].islower():
            parts[-1] += line
        else:
            parts.append(line)
    return " ".join(parts)


# ---------------------------------------------------------------- title, date, byline


def detect_header(paragraphs: Sequence[str], known_title: str | None = None) -> Header:
    """Title, date and byline paragraphs among the first few; text before a headline + dateline pair is
    taken to be another story's tail or navigation, and is marked for removal too."""
    removals: dict[int, str] = {}
    date = None
    top = list(paragraphs[:HEADER_PARAGRAPHS])
    author = None
    for i, paragraph in enumerate(top):
        if date is None and (found := date_line(paragraph)):
            date, removals[i] = found, "date_line"
        elif byline := _BYLINE.fullmatch(paragraph):
            removals[i], author = "byline", author or byline.group(1)
        elif len(paragraph) <= 60 and OPINION_MARKER.fullmatch(paragraph):
            removals[i] = "opinion_marker"
    title_index = _title_index(top, known_title, removals)
    if title_index is None:
        return Header(None, date, removals, author)
    removals[title_index] = "title"
    date_index = next((i for i, reason in removals.items() if reason == "date_line"), None)
    if known_title is None and date_index is not None and abs(date_index - title_index) == 1:
        for i in range(min(date_index, title_index)):
            removals.setdefault(i, "before_header")
    return Header(top[title_index], date, removals, author)


def _title_index(top: Sequence[str], known_title: str | None, taken: dict[int, str]) -> int | None:
    if known_title:
        wanted = _comparable(known_title)
        free = [i for i in range(len(top)) if i not in taken]
        exact = next((i for i in free if _comparable(top[i]) == wanted), None)
        return exact if exact is not None else next((i for i in free if _is_title_variant(top[i], wanted)), None)
    for i, paragraph in enumerate(top):
        if i in taken:
            continue
        if is_headline(paragraph):
            return i
        if _is_body(paragraph):
            return None
    return None


def _is_title_variant(paragraph: str, title: str) -> bool:
    """A headline-like paragraph that is the page title in another wording: the title with the site name
    cut off or added, or mostly the same words ("HS Roundup: ..." for "High School Roundup: ...")."""
    if not is_headline(paragraph):
        return False
    text = _comparable(paragraph)
    if min(len(text), len(title)) >= 0.6 * max(len(text), len(title)) and (text in title or title in text):
        return True
    words, wanted = set(_WORD.findall(text)), set(_WORD.findall(title))
    return len(words & wanted) >= TITLE_OVERLAP * len(words | wanted)


def is_headline(text: str) -> bool:
    """A short headline-like line: a few words, no final period, capitalised start, not a date."""
    words = text.split()
    if not 3 <= len(words) <= 25 or len(text) > 160 or text[-1] in ".,;:":
        return False
    if not (text[0].isupper() or text[0].isdigit()) or date_line(text):
        return False
    alpha = [w for w in words if w[0].isalpha()]
    capitalised = sum(1 for w in alpha if w[0].isupper())
    return len(text) <= 120 or capitalised >= 0.5 * max(1, len(alpha))


def _is_body(text: str) -> bool:
    return len(text) > 300 or (bool(_SENTENCE_END.search(text)) and len(text.split()) >= 8)


def date_line(text: str) -> str | None:
    """The ISO date when the line is just a date ("3 December, 2016", "Posted on May 2, 2016 at 9:00")."""
    if len(text) > 60 or not _YEAR.search(text):
        return None
    core = _DATE_SUFFIX.sub("", _DATE_PREFIX.sub("", text)).strip(" ,.|-–—")
    if common := _COMMON_DATE.fullmatch(core):
        return _iso_date(common)
    return parse_date(core) if _DATE_HINT.search(core) else None


def _iso_date(match: re.Match[str]) -> str | None:
    year, month, day = (match["y1"] or match["y2"], match["m1"] or match["m2"], match["d1"] or match["d2"])
    try:
        return dt.date(int(year), MONTHS[month[:3].lower()], int(day)).isoformat()
    except ValueError:
        return None


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .")
