"""Tests for GDELT-style tone from the VADER lexicon, on short texts of our own."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from whodid.records import Event, Evidence, Sentence
from whodid.tone import article_tone, count_words, load_lexicon, sentence_tone, with_sentence_tone, words_of


def test_lexicon_loads_once_and_keeps_words_only():
    lexicon = load_lexicon()
    assert load_lexicon() is lexicon
    assert lexicon["peace"] > 0 > lexicon["war"]
    assert all(word.isalpha() for word in lexicon)  # no emoticons
    assert "like" not in lexicon  # rated, but mostly a preposition in news


def test_words_are_stripped_of_punctuation():
    assert words_of("“Peace,” he said — at last (finally).") == ["peace", "he", "said", "at", "last", "finally"]


def test_shares_of_positive_and_negative_words():
    tone = article_tone("The peace agreement was a success, but the war killed many.")
    positive, negative, total = count_words("The peace agreement was a success, but the war killed many.")
    assert total == tone.word_count == 11
    assert (positive, negative) == (3, 2)  # peace, agreement, success / war, killed
    assert tone.positive == pytest.approx(100 * 3 / 11, abs=1e-3)
    assert tone.negative == pytest.approx(100 * 2 / 11, abs=1e-3)
    assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=1e-3)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=1e-3)


def test_negation_turns_the_next_rated_word_around():
    assert count_words("The talks were good.")[:2] == (1, 0)
    assert count_words("The talks were not good.")[:2] == (0, 1)
    assert count_words("The talks weren’t very good.")[:2] == (0, 1)
    assert count_words("Not now: the talks were good.")[:2] == (1, 0)  # the negator's reach is three words


def test_empty_and_neutral_texts():
    assert article_tone("").word_count == 0
    assert article_tone("").tone == 0.0
    neutral = article_tone("The minister met the ambassador in Geneva on Tuesday.")
    assert neutral.tone == neutral.polarity == 0.0
    assert neutral.word_count == 9


def test_sentence_tone_is_on_the_article_scale():
    assert (
        sentence_tone("Rebels killed ten soldiers in an attack.") < 0 < sentence_tone("Both sides welcomed the deal.")
    )
    text = "Both sides welcomed the peace deal."
    assert sentence_tone(text) == article_tone(text).tone


def _event(sentence: int) -> Event:
    evidence = Evidence("s", (0, 1), None, None, "test")
    return Event(
        f"e{sentence}", "a", sentence, None, "unknown", "010", "010", "01", 1, 0.0, None, None, None, None, evidence
    )


def test_events_get_the_tone_of_their_sentence():
    sents = [Sentence(0, 0, 20, "The attack killed ten."), Sentence(1, 21, 45, "They welcomed the peace.")]
    events = with_sentence_tone([_event(0), _event(1), _event(0), _event(7)], sents)
    assert events[0].tone == sentence_tone(sents[0].text) < 0
    assert events[1].tone == sentence_tone(sents[1].text) > 0
    assert events[2].tone == events[0].tone
    assert events[3].tone is None  # no such sentence


def test_seed_articles_have_a_tone(shared_dir: Path):
    from whodid.clean import clean_document
    from whodid.options import Options
    from whodid.records import Article, RawDocument

    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        article = clean_document(RawDocument(path.stem, str(path), path.read_text(encoding="utf-8"), "text"), Options())
        assert isinstance(article, Article)
        tone = article_tone(article.text)
        assert 800 < tone.word_count < 1200
        assert 0 < tone.negative < 10 and 0 < tone.positive < 10
        assert -10 < tone.tone < 10


def test_fast_enough_for_the_pipeline():
    text = " ".join(
        ["The ministers welcomed the agreement, but fighting killed several civilians near the border."] * 38
    )
    assert 480 < len(words_of(text)) < 520
    article_tone(text)
    start = time.perf_counter()
    for _ in range(500):
        article_tone(text)
    per_second = 500 / (time.perf_counter() - start)
    assert per_second > 1000  # measured well above 2,000 a second; loose bound for slow test machines
