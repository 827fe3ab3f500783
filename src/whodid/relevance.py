"""Relevance: phrases that put a sentence, or a whole story, outside political event coding (sports,
entertainment, disasters, history), so that no event is coded from it. Table: data/discards.json."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from whodid.records import Event, Quote, Sentence


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any phrase as whole words (longest phrases first)."""
    if not phrases:
        return None
    parts = (r"\s+".join(re.escape(word) for word in p.split()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


class Discards:
    """Sentence-level and story-level discard phrases."""

    def __init__(self, sentence: list[str], story: list[str]) -> None:
        self._sentence = _phrase_pattern(sentence)
        self._story = _phrase_pattern(story)

    def sentence_reason(self, text: str) -> str | None:
        """The discard phrase found in a sentence (no event is coded from it), or None."""
        return _first(self._sentence, text) or _first(self._story, text)

    def story_reason(self, text: str) -> str | None:
        """The story-level discard phrase found in an article (no event is coded from any of it), or None."""
        return _first(self._story, text)


def _first(pattern: re.Pattern[str] | None, text: str) -> str | None:
    found = pattern.search(text) if pattern is not None else None
    return found.group(0) if found else None


@lru_cache(maxsize=1)
def load_discards() -> Discards:
    """The packaged discard phrases (loaded once per process)."""
    data = json.loads(resources.files("whodid").joinpath("data", "discards.json").read_text(encoding="utf-8"))
    return Discards(data["sentence"], data["story"])


def without_chatter(events: list[Event], sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> list[Event]:
    """The events minus those coded from idle chatter (small talk in an interview transcript, pleasantries);
    a pure function of the article's events, sentences and quotes."""
    return events
