"""Dates: parse date strings, find explicit and relative dates in text, date events."""

from __future__ import annotations

import re

import dateparser

_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month", "day"], "STRICT_PARSING": True}
_HAS_DIGIT = re.compile(r"\d")


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) when `text` is essentially a full date ("3 December, 2016"), else None."""
    text = text.strip()
    if not text or len(text) > 40 or not _HAS_DIGIT.search(text):
        return None
    parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None
