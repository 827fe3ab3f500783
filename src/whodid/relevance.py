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


_WORD = re.compile(r"\w+")


class PhraseSet:
    """Phrases found as whole words, case-insensitively. A cheap test comes first: the text must hold the key
    word (the longest run of word characters) of some phrase, before the one large pattern is searched; a
    phrase that matches always brings its key word as a word of its own."""

    def __init__(self, phrases: list[str]) -> None:
        self.pattern = _phrase_pattern(phrases)
        keys = [max(_WORD.findall(p.lower()), key=len, default=None) for p in phrases]
        self.key_words = frozenset(k for k in keys if k is not None)
        self.always = any(k is None for k in keys)  # a phrase of signs only: no cheap test

    def search(self, text: str) -> str | None:
        if self.pattern is None:
            return None
        if not self.always and text.isascii() and self.key_words.isdisjoint(_WORD.findall(text.lower())):
            return None
        found = self.pattern.search(text)
        return found.group(0) if found else None


class Discards:
    """Sentence-level and story-level discard phrases."""

    def __init__(self, sentence: list[str], story: list[str]) -> None:
        self._sentence = PhraseSet(sentence)
        self._story = PhraseSet(story)

    def sentence_reason(self, text: str) -> str | None:
        """The discard phrase found in a sentence (no event is coded from it), or None."""
        return self._sentence.search(text) or self._story.search(text)

    def story_reason(self, text: str) -> str | None:
        """The story-level discard phrase found in an article (no event is coded from any of it), or None."""
        return self._story.search(text)


@lru_cache(maxsize=1)
def load_discards() -> Discards:
    """The packaged discard phrases (loaded once per process)."""
    data = json.loads(resources.files("whodid").joinpath("data", "discards.json").read_text(encoding="utf-8"))
    return Discards(data["sentence"], data["story"])


# Words the participants of a conversation use about the conversation itself ("I apologise for the delay",
# "everyone understood what I said", "we want you to know"): no event unless someone outside it is named.
CONVERSATION_WORDS = re.compile(
    r"^(?:apologi[sz]\w*|thank\w*|sorry|excuse\w*|forgive\w*|understand\w*|understood|know\w*|knew|think\w*|"
    r"thought|hop(?:e|es|ed|ing)|wish\w*|want\w*|mean\w*|meant|guess\w*|bet|believ\w*|wait\w*|help\w*|"
    r"sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|ask\w*|repeat\w*)$",
    re.IGNORECASE,
)
CONVERSATION_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "my", "our", "your"})


def without_chatter(events: list[Event], sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> list[Event]:
    """The events minus those coded from idle chatter in an interview transcript: questions (they assert
    nothing), and words about the conversation itself that name no one outside it as acted upon ("I apologise
    for the delay", "we cannot help it", "everyone understood what I said"). Statements made in the interview
    ("we will send experts to Geneva", "we will fight on") are kept. A pure function of the article's events,
    sentences and quotes."""
    turns = [(q.start, q.end) for q in quotes if q.kind == "transcript"]
    if not turns:
        return events
    by_index = {s.index: s for s in sentences}
    return [e for e in events if not _is_chatter(e, by_index.get(e.sentence), turns)]


def _is_chatter(event: Event, sentence: Sentence | None, turns: Sequence[tuple[int, int]]) -> bool:
    if sentence is None:
        return False
    trigger = sentence.start + event.evidence.trigger[0]
    if not any(start <= trigger < end for start, end in turns):
        return False
    if sentence.text.rstrip(" \"'\u201d\u2019)").endswith("?"):
        return True
    if event.target is not None and event.evidence.target is not None and not _conversational(event.target.text):
        return False  # someone outside the conversation, named in the sentence, is acted upon
    words = event.evidence.sentence[event.evidence.trigger[0] : event.evidence.trigger[1]].split()
    return bool(words and CONVERSATION_WORDS.match(words[0]))


def _conversational(text: str) -> bool:
    """A party to the conversation: "I", "we", "you"."""
    return text.strip().lower() in CONVERSATION_PRONOUNS
