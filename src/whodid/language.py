"""Language: which language an article is written in (py3langid), and whether to keep it for English coding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ENGLISH = "en"
SAMPLE_CHARS = 1_800  # longer texts are judged on their start, middle and end (bounded time per article)
MIN_LETTERS = 60  # below this, a text is too short to call foreign: it is kept and taken to be English
MIN_CONFIDENCE = 0.90  # a foreign verdict needs at least this probability ...
MAX_ACCEPTED_SHARE = 0.05  # ... and every accepted language (English) must be this unlikely
QUICK_CHARS = 500  # a text whose start is clearly in an accepted language is not read further (speed)
QUICK_CONFIDENCE = 0.99

_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[@#]\w+|[\d_]+")

# ISO 639-1 codes of the languages py3langid names most often, for readable skip details.
LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    """The detected language of a text and whether the text should be coded (an accepted language, or
    too little evidence to say it is not one)."""

    language: str  # ISO 639-1 code; "en" when the text is too short to tell
    confidence: float  # probability of `language` (0.0 when not measured)
    keep: bool

    def skip_detail(self) -> str:
        """What a Skipped record says about a text in another language, and what to do about it."""
        name = LANGUAGE_NAMES.get(self.language, self.language)
        return (
            f"written in {name} ({self.language}, probability {self.confidence:.2f}), not English: whodid's "
            "dictionaries and parser are English-only; translate it first, or turn the language check off"
        )


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid model with normalised probabilities, loaded once per process on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_sample(text: str) -> str:
    """The words of a text that say something about its language (no URLs, handles, numbers), bounded:
    a long text is represented by its start, middle and end."""
    if len(text) > SAMPLE_CHARS:
        third, middle = SAMPLE_CHARS // 3, len(text) // 2
        text = " ".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))
    return " ".join(_NOISE.sub(" ", text).split())


def language_probabilities(text: str) -> dict[str, float]:
    """Every language the model knows with its probability for `text`, most likely first ({} with no words)."""
    return _rank(language_sample(text))


def _rank(sample: str) -> dict[str, float]:
    if not any(c.isalpha() for c in sample):
        return {}
    return {str(lang): float(p) for lang, p in _identifier().rank(sample)}


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of `text` (ISO 639-1 code) and its probability; ("und", 0.0) with no words."""
    return next(iter(language_probabilities(text).items()), ("und", 0.0))


def judge_language(text: str, accepted: tuple[str, ...] = (ENGLISH,)) -> LanguageVerdict:
    """Keep a text unless it is long enough to judge and clearly in a language that is not accepted.
    Short texts, and English texts with foreign names or quotes, are kept (no accepted languages: all are)."""
    sample = language_sample(text)
    assumed = ENGLISH if ENGLISH in accepted or not accepted else accepted[0]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return LanguageVerdict(assumed, 0.0, True)
    if len(sample) > 2 * QUICK_CHARS:
        language, confidence = next(iter(_rank(sample[:QUICK_CHARS]).items()), ("und", 0.0))
        if language in accepted and confidence >= QUICK_CONFIDENCE:
            return LanguageVerdict(language, confidence, True)
    probabilities = _rank(sample)
    language, confidence = next(iter(probabilities.items()), ("und", 0.0))
    if language in accepted or not accepted:
        return LanguageVerdict(language, confidence, True)
    if confidence < MIN_CONFIDENCE or max(probabilities.get(code, 0.0) for code in accepted) > MAX_ACCEPTED_SHARE:
        return LanguageVerdict(assumed, confidence, True)
    return LanguageVerdict(language, confidence, False)
