"""Dates: parse date strings, find explicit and relative dates in text, date events."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

import dateparser

_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month", "day"],
    "STRICT_PARSING": True,
}
_HAS_DIGIT = re.compile(r"\d")

MentionBasis = Literal["explicit", "relative"]
YEAR_AHEAD = timedelta(days=61)  # "September 9" lies at most about two months after the reference date
LAST_WEEK_DAYS = 7  # "last week" -> the reference date minus 7 days (same weekday, one week earlier)
# Words before a date that make it something other than the date of the sentence's event.
NOT_EVENT_WORDS = frozenset({"since", "until", "till", "born"})
# Words that turn a weekday into a name ("Good Friday", "Super Tuesday", "Sunday Times").
NAMED_DAY_BEFORE = frozenset({"good", "black", "ash", "super", "bloody", "easter", "palm", "holy", "cyber"})
NAMED_DAY_AFTER = frozenset({"times", "telegraph", "express", "mirror", "herald", "post", "mail", "tribune"})

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
RELATIVE_DAYS = {  # "last night" is the evening before the reference (publication) day
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0, "tonight": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1, "last week": -LAST_WEEK_DAYS,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Month names are matched capitalised only, so "may" and "march" as words never start a date.
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_WD_PREFIX = rf"(?:{_WD},?\s+)?"
_NOT_MORE_DIGITS = r"(?![\d:]|,\d)"  # not "May 3,000" or "Dec 3:30"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a text, resolved to an ISO date; offsets index the text."""

    start: int
    end: int
    text: str
    date: str  # ISO YYYY-MM-DD
    basis: MentionBasis


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) when `text` is essentially a full date ("3 December, 2016"), else None."""
    text = text.strip()
    if not text or len(text) > 40 or not _HAS_DIGIT.search(text):
        return None
    parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None


@lru_cache(maxsize=256)
def reference_date(reference: str | None) -> date | None:
    """The date of an ISO string ("2016-12-03" or "2016-12-03T10:00:00"), or None."""
    if not reference:
        return None
    try:
        return date.fromisoformat(reference.strip()[:10])
    except ValueError:
        return None


def _month(m: re.Match[str]) -> int:
    return MONTHS[m["mon"][:3].lower()]


def _full_date(m: re.Match[str], ref: date | None) -> date | None:
    return date(int(m["year"]), _month(m), int(m["day"]))


def _iso_date(m: re.Match[str], ref: date | None) -> date | None:
    return date(int(m["year"]), int(m["month"]), int(m["day"]))


def _date_without_year(m: re.Match[str], ref: date | None) -> date | None:
    """The latest such day no later than about two months after the reference ("September 9")."""
    if ref is None:
        return None
    for year in (ref.year + 1, ref.year, ref.year - 1):
        try:
            day = date(year, _month(m), int(m["day"]))
        except ValueError:  # 29 February in a common year
            continue
        if day <= ref + YEAR_AHEAD:
            return day
    return None


def _weekday(m: re.Match[str], ref: date | None) -> date | None:
    """News convention: a bare weekday is the latest such day on or before the reference date; "last"
    excludes the reference day itself, "next" looks forward."""
    if ref is None or _is_named_day(m):
        return None
    wanted = WEEKDAYS[m["wd"][:3].lower()]
    back = (ref.weekday() - wanted) % 7
    mod = (m["mod"] or "").lower()
    if mod == "next":
        return ref + timedelta(days=(wanted - ref.weekday()) % 7 or 7)
    if mod == "last" and back == 0:
        back = 7
    return ref - timedelta(days=back)


def _relative_word(m: re.Match[str], ref: date | None) -> date | None:
    if ref is None:
        return None
    return ref + timedelta(days=RELATIVE_DAYS[" ".join(m[0].lower().split())])


def _ago(m: re.Match[str], ref: date | None) -> date | None:
    if ref is None:
        return None
    count = m["n"].lower()
    n = int(count) if count.isdigit() else NUMBER_WORDS[count]
    unit = m["unit"].lower()
    if unit.startswith("month"):
        return _months_before(ref, n)
    return ref - timedelta(days=n * (7 if unit.startswith("week") else 1))


def _months_before(ref: date, n: int) -> date:
    """The same day n months earlier (the month's last day when it is shorter: 31 March - 1 month = 29 Feb)."""
    months = ref.year * 12 + ref.month - 1 - n
    year, month = divmod(months, 12)
    for day in range(ref.day, 27, -1):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    return date(year, month + 1, min(ref.day, 28))


def _relative_month(m: re.Match[str], ref: date | None) -> date | None:
    """The first day of the month meant: "last month", "this month", "next month"; "this September" (that month
    of the reference year), "last September" (the latest one before the reference month), "next September"."""
    if ref is None:
        return None
    mod = m["mod"].lower()
    if m["mon"] is None:  # "last/this/next month"
        return _months_before(ref.replace(day=1), {"last": 1, "this": 0, "next": -1}[mod])
    month = _month(m)
    if mod == "this":
        return date(ref.year, month, 1)
    if mod == "last":
        return date(ref.year if month < ref.month else ref.year - 1, month, 1)
    return date(ref.year if month > ref.month else ref.year + 1, month, 1)


FUTURE_WORDS = re.compile(r"\b(?:will|would|shall|to be held|plans?|planned|scheduled|expected|due|next)\b", re.I)


def _month_named(m: re.Match[str], ref: date | None) -> date | None:
    """The first day of a month named alone after "in", "during", "early", "late" or "mid": the latest such month
    up to the reference month ("in March", told in December, is this year's March), or the next one when the
    sentence speaks of what is to come ("elections will be held in March")."""
    if ref is None:
        return None
    month = _month(m)
    if FUTURE_WORDS.search(m.string):
        return date(ref.year if month >= ref.month else ref.year + 1, month, 1)
    return date(ref.year if month <= ref.month else ref.year - 1, month, 1)


_Resolver = Callable[[re.Match[str], date | None], date | None]


class _Rule(NamedTuple):
    """A date pattern, how to resolve a match, and a cheap test that must pass before the regex runs."""

    pattern: re.Pattern[str]
    resolve: _Resolver
    basis: MentionBasis
    needs_digit: bool = False
    words: tuple[str, ...] = ()  # one of these must occur in the lowercased text


_RELATIVE_WORDS = ("day", "night", "week", "tomorrow", "morning", "afternoon", "evening")
_RULES: tuple[_Rule, ...] = (
    _Rule(
        re.compile(rf"\b{_WD_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON},?\s+{_YEAR}\b"),
        _full_date,
        "explicit",
        needs_digit=True,
    ),
    _Rule(re.compile(rf"\b{_WD_PREFIX}{_MON}\s+{_DAY},?\s+{_YEAR}\b"), _full_date, "explicit", needs_digit=True),
    _Rule(
        re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
        _iso_date,
        "explicit",
        needs_digit=True,
        words=("-",),
    ),
    _Rule(
        re.compile(rf"\b{_WD_PREFIX}{_MON}\s+{_DAY}\b{_NOT_MORE_DIGITS}"),
        _date_without_year,
        "explicit",
        needs_digit=True,
    ),
    _Rule(
        re.compile(rf"\b{_WD_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?!\w){_NOT_MORE_DIGITS}"),
        _date_without_year,
        "explicit",
        needs_digit=True,
    ),
    _Rule(
        re.compile(
            rf"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<wd>{_WD})"
            r"(?:\s+(?:night|morning|afternoon|evening))?\b"
        ),
        _weekday,
        "relative",
        words=("day",),
    ),
    _Rule(
        re.compile(
            r"\b(?:[Tt]he\s+day\s+before\s+yesterday|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow"
            r"|[Ll]ast\s+(?:night|week)|[Tt]his\s+(?:morning|afternoon|evening))\b"
        ),
        _relative_word,
        "relative",
        words=_RELATIVE_WORDS,
    ),
    _Rule(
        re.compile(
            r"\b(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
            r"\s+(?P<unit>days?|weeks?|months?)\s+ago\b"
        ),
        _ago,
        "relative",
        words=("ago",),
    ),
    _Rule(
        re.compile(rf"\b(?P<mod>[Ll]ast|[Tt]his|[Nn]ext)\s+(?:month\b|{_MON}(?!\s*\d)\b)"),
        _relative_month,
        "relative",
        words=("last", "this", "next"),
    ),
    _Rule(
        re.compile(rf"\b(?:[Ii]n|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?:(?:early|late|mid-?)\s*)?{_MON}(?!\s*\d)\b"),
        _month_named,
        "relative",
        words=("in", "during", "early", "late", "mid"),
    ),
)
_ASCII_DIGIT = re.compile(r"[0-9]")


def _rules_worth_running(text: str) -> list[_Rule]:
    """The rules whose cheap test passes: most sentences have no digit, weekday or relative-date word, and
    plain substring tests take a microsecond where the regexes take tens."""
    digit = _ASCII_DIGIT.search(text) is not None
    low = text.lower()
    return [
        rule
        for rule in _RULES
        if (digit or not rule.needs_digit) and (not rule.words or any(w in low for w in rule.words))
    ]


def find_dates(text: str, reference: str | None) -> list[DateMention]:
    """Explicit dates ("3 December 2016", "December 3, 2016", "2016-12-03", "Dec. 3") and, given a reference
    (publication) date, relative ones ("on Wednesday", "yesterday", "two days ago"), by start offset.

    Dates without a year take the reference's year (see `_date_without_year`); without a reference, they
    and the relative dates are left out. A month name counts only next to a day number, after "this", "last"
    or "next" ("this September", "last month": the first day of that month), or alone after "in", "during",
    "early", "late" or "mid" ("in March": the latest March up to the reference, or the next one when the
    sentence speaks of what is to come)."""
    rules = _rules_worth_running(text)
    if not rules:
        return []
    ref = reference_date(reference)
    found: list[DateMention] = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            try:
                day = rule.resolve(m, ref)
            except ValueError:  # 31 February
                continue
            if day is not None:
                found.append(DateMention(m.start(), m.end(), m[0], day.isoformat(), rule.basis))
    return _without_overlaps(found)


def _is_named_day(m: re.Match[str]) -> bool:
    """A weekday that is part of a name: "Good Friday", "the Sunday Times"."""
    before = m.string[max(0, m.start() - 12) : m.start()].split()
    after = m.string[m.end() : m.end() + 12].split(maxsplit=1)
    if before and before[-1].lower() in NAMED_DAY_BEFORE:
        return True
    return bool(after) and after[0][:1].isupper() and after[0].strip(".,;:'\"").lower() in NAMED_DAY_AFTER


def _without_overlaps(mentions: list[DateMention]) -> list[DateMention]:
    """Leftmost first, the longest of those starting together; drop any that overlap a kept one."""
    kept: list[DateMention] = []
    for mention in sorted(mentions, key=lambda d: (d.start, -(d.end - d.start))):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def event_date(sentence_text: str, article_date: str | None) -> tuple[str | None, str]:
    """(ISO date, basis) of an event told in a sentence: its first explicit date ("explicit"), else its first
    relative date ("relative"), else the article date ("published"), else (None, "unknown").

    Dates after "since", "until", "till" or "born" do not date the event; a year alone never does."""
    mentions = [m for m in find_dates(sentence_text, article_date) if not _refers_elsewhere(sentence_text, m)]
    chosen = next((m for m in mentions if m.basis == "explicit"), None) or next(iter(mentions), None)
    if chosen:
        return chosen.date, chosen.basis
    published = reference_date(article_date)
    if published:
        return published.isoformat(), "published"
    return None, "unknown"


def _refers_elsewhere(text: str, mention: DateMention) -> bool:
    before = text[max(0, mention.start - 20) : mention.start].lower().split()[-2:]
    return any(word in NOT_EVENT_WORDS for word in before)  # "since 3 December", "born on 5 May 1950"
