"""End-to-end tests of the rules that keep non-events out: conditions, one-way acts, unattributed passives."""

from __future__ import annotations

from test_events import events_of


def _triggers(text: str) -> set[str]:
    events = events_of(text)
    return {text[e["evidence"]["trigger"][0] : e["evidence"]["trigger"][1]] for e in events}


def test_a_condition_is_no_event_beside_the_one_reported():
    text = "Turkey will close its border with Syria unless the Syrian army withdraws its troops from Aleppo."
    triggers = _triggers(text)
    assert "close" in triggers
    assert "withdraws" not in triggers


def test_an_if_clause_is_no_event_beside_the_threat():
    text = "Iran threatened to quit the talks if France imposes new sanctions on Tehran."
    assert "imposes" not in _triggers(text)


def test_a_condition_is_kept_when_the_sentence_has_nothing_else():
    text = "No peace is possible unless Russia withdraws its troops from Ukraine."
    assert "withdraws" in _triggers(text)
