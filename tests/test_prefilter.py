"""Tests for the pre-parse filter: a trigger word and a possible actor let a sentence through to the parser."""

from __future__ import annotations

import pytest

from whodid.options import Options
from whodid.prefilter import EventFilter, verb_forms
from whodid.resources import Resources


@pytest.fixture(scope="module")
def packaged():
    res = Resources(Options())
    return res.event_filter, res.nlp


def passes(text: str, packaged) -> bool:
    event_filter, nlp = packaged
    return event_filter(nlp.make_doc(text)[:])


def test_regular_and_doubled_inflections():
    assert {"attacks", "attacked", "attacking"} <= verb_forms("attack")
    assert {"stopped", "stopping"} <= verb_forms("stop")
    assert {"denies", "denied"} <= verb_forms("deny")
    assert {"agreed", "agreeing"} <= verb_forms("agree")


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops shelled the village on Monday.",
        "He struck a deal with the rebels.",  # irregular form, pronoun actor
        "police arrested two protesters",  # lower-case agent word
        "The ministers held talks in Geneva.",
    ],
)
def test_sentences_that_can_hold_an_event_pass(text, packaged):
    assert passes(text, packaged)


@pytest.mark.parametrize(
    "text",
    [
        "It was sunny and warm all week.",  # no trigger, no actor
        "The weather is nice.",
        "Attacked again.",  # a trigger but nobody to do it
    ],
)
def test_sentences_without_trigger_or_actor_are_rejected(text, packaged):
    assert not passes(text, packaged)


def test_a_capitalised_function_word_is_not_an_actor(packaged):
    _, nlp = packaged
    own = EventFilter({"attacked"}, set())
    assert not own(nlp.make_doc("The town was attacked.")[:])
    assert own(nlp.make_doc("The town was attacked by Rebels.")[:])


def test_agent_stems_match_longer_words(packaged):
    _, nlp = packaged
    own = EventFilter({"met"}, {"minist"})
    assert own(nlp.make_doc("two ministers met")[:])


def test_the_filter_can_be_switched_off():
    assert Resources(Options(prefilter=False)).event_filter is None
