"""Tests for discard phrases: sentences and stories outside political event coding yield no events."""

from __future__ import annotations

import json

from whodid.extract import extract_lines
from whodid.options import Options
from whodid.relevance import Discards, load_discards


def test_phrases_match_as_whole_words_whatever_the_case_and_spacing():
    d = Discards(["hunger games", "nba"], ["world cup"])
    assert d.sentence_reason("Fans queued for The Hunger  Games premiere.") == "Hunger  Games"
    assert d.sentence_reason("The NBA final drew millions.") == "NBA"
    assert d.sentence_reason("Senators discussed the nbaXYZ index.") is None
    assert d.sentence_reason("Brazil won the World Cup.") == "World Cup"  # story phrases discard sentences too
    assert d.story_reason("Brazil won the World Cup.") == "World Cup"
    assert d.story_reason("The NBA final drew millions.") is None


def test_packaged_list_keeps_sentences_that_mention_an_earlier_time():
    d = load_discards()
    assert d.sentence_reason("Israel freed a man who had been arrested 15 months ago.") is None
    assert d.sentence_reason("The talks resumed in 1999 after a break.") is None
    assert d.sentence_reason("The goalkeeper saved a penalty.") is not None


def test_packaged_list_drops_road_accidents_and_market_reports_but_not_politics():
    d = load_discards()
    assert d.sentence_reason("Police said three people died in a road accident near Lyon.") is not None
    assert d.sentence_reason("The driver fled after the hit-and-run on Main Street.") is not None
    assert d.sentence_reason("Shares fell sharply in Tokyo as the Nasdaq slid.") is not None
    assert d.sentence_reason("France accused Russia of sabotaging the peace talks.") is None


def events(text: str) -> list[dict]:
    (record,) = extract_lines([json.dumps({"id": "t", "text": text, "date": "2016-12-09"})], Options())
    return record["events"]


def test_discarded_sentence_and_story_yield_no_events():
    assert events("Russia condemned Turkey on Friday.")
    assert not events("Russia condemned Turkey after the tennis match on Friday.")
    story = "Russia condemned Turkey on Friday.\n\nThe Tour de France ends in Paris on Sunday."
    assert not events(story)


INTERVIEW = (
    "Russian Foreign Minister Sergey Lavrov spoke to reporters in Geneva on Friday.\n\n"
    "Sergey Lavrov: I apologise for the delay. We cannot help it.\n\n"
    "Question: Has Russia sent troops to Syria?\n\n"
    "Sergey Lavrov: We will send military experts to Geneva. Russia condemns the Turkish attack on Syrian troops. "
    "We will never surrender.\n\n"
    "Question: Thank you."
)


def triggers(text: str) -> set[str]:
    out = set()
    for event in events(text):
        start, end = event["evidence"]["trigger"]
        out.add(event["evidence"]["sentence"][start:end])
    return out


def test_small_talk_and_questions_in_a_transcript_yield_no_events():
    found = triggers(INTERVIEW)
    assert not found & {"apologise", "help", "sent"}  # the speaker's pleasantries; the journalist's question
    assert {"send", "condemns", "surrender"} <= found  # statements made in the interview are kept


def test_the_same_words_outside_a_transcript_are_coded():
    assert "apologised" in triggers("Russia apologised to Turkey for the delay on Friday.")


def test_a_quoted_apology_outside_an_interview_transcript_is_kept():
    assert "apologise" in triggers('"We apologise to Turkey for the incident," Russian President Vladimir Putin said.')


def test_phrase_set_finds_phrases_whatever_their_key_word():
    from whodid.relevance import PhraseSet

    phrases = PhraseSet(["world cup", "u.s. open", "box office"])
    assert phrases.search("He won the U.S. Open last year.") == "U.S. Open"
    assert phrases.search("Ticket sales at the BOX  office fell.") == "BOX  office"
    assert phrases.search("The cup of the world") is None
    assert PhraseSet([]).search("anything") is None
