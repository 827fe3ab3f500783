"""Tone: GDELT-style shares of positive and negative words, scored with the VADER sentiment lexicon."""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from itertools import compress

from whodid.records import Event, Sentence, Tone

# Characters stripped from both ends of a whitespace-separated token; what is left (if anything) is a word.
PUNCTUATION = string.punctuation + "“”‘’«»—–…"
# A lexicon word counts when the mean rating of its valence (VADER: -4..+4) is at least this strong.
MIN_VALENCE = 1.0
# Words the lexicon rates but news uses mostly without sentiment ("like", "well", "United Nations").
NEUTRAL_IN_NEWS = frozenset({"like", "well", "united", "please", "kind", "pretty", "yes", "no", "joke", "party"})
# A negator flips the next rated word within this many words ("not a good deal", "never fair").
NEGATORS = frozenset({"not", "no", "never", "cannot", "without", "nor", "neither", "nothing", "none", "nobody"})
NEGATION_WINDOW = 3
NEGATOR = 2  # marker in the word table, besides +1 and -1


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, float]:
    """Word -> valence (-4..+4) from vaderSentiment's lexicon: word entries rated at least MIN_VALENCE either way
    (emoticons, slang abbreviations rated weaker, and NEUTRAL_IN_NEWS are left out)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    lexicon: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].isalpha() or parts[0] in NEUTRAL_IN_NEWS:
            continue
        valence = float(parts[1])
        if abs(valence) >= MIN_VALENCE:
            lexicon[parts[0]] = valence
    return lexicon


@lru_cache(maxsize=1)
def _word_signs() -> dict[str, int]:
    """Word -> +1 (positive), -1 (negative) or NEGATOR: one lookup per word decides everything."""
    signs: dict[str, int] = {w: (1 if v > 0 else -1) for w, v in load_lexicon().items()}
    for word in NEGATORS:
        signs.setdefault(word, NEGATOR)
    for stem in ("do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "would", "could", "should",
                 "must", "need", "ca", "wo", "ai", "sha", "might"):  # fmt: skip
        for mark in ("'", "’"):
            signs.setdefault(f"{stem}n{mark}t", NEGATOR)
    return signs


def words_of(text: str) -> list[str]:
    """Lower-cased words: whitespace-separated tokens stripped of punctuation (tokens of punctuation only
    are dropped)."""
    stripped = [w.strip(PUNCTUATION) for w in text.lower().split()]
    return [w for w in stripped if w]


def count_words(text: str) -> tuple[int, int, int]:
    """(positive, negative, total) word counts of `text`; a negator turns the next rated word around."""
    signs = _word_signs()
    words = words_of(text)
    found = list(map(signs.get, words))
    positive = negative = 0
    negated_until = -1  # index of the last word still under a negator
    for i in compress(range(len(found)), found):  # only the words the table knows
        sign = found[i]
        if sign == NEGATOR:
            negated_until = i + NEGATION_WINDOW
            continue
        if i <= negated_until:
            sign, negated_until = -sign, -1
        if sign > 0:
            positive += 1
        else:
            negative += 1
    return positive, negative, len(words)


def article_tone(text: str) -> Tone:
    """GDELT-like tone of a text: positive and negative = % of its words that the lexicon rates positive or
    negative; tone = positive - negative (-100..+100); polarity = positive + negative; word_count = words."""
    positive, negative, total = count_words(text)
    if total == 0:
        return Tone(0.0, 0.0, 0.0, 0.0, 0)
    pos, neg = 100.0 * positive / total, 100.0 * negative / total
    return Tone(round(pos - neg, 3), round(pos, 3), round(neg, 3), round(pos + neg, 3), total)


def sentence_tone(text: str) -> float:
    """Tone of one sentence on the article scale (Tone.tone: % positive words - % negative words), so an
    event's tone and its article's tone can be compared and averaged directly."""
    return article_tone(text).tone


def with_sentence_tone(events: Sequence[Event], sentences: Sequence[Sentence]) -> list[Event]:
    """The events with `tone` set to the tone of their sentence (each sentence scored once)."""
    by_index = {s.index: s.text for s in sentences}
    cache: dict[int, float] = {}
    out: list[Event] = []
    for event in events:
        if event.sentence not in cache and event.sentence in by_index:
            cache[event.sentence] = sentence_tone(by_index[event.sentence])
        out.append(replace(event, tone=cache.get(event.sentence)))
    return out
