"""End-to-end tests of the rules that keep non-events out: conditions, one-way acts, unattributed passives."""

from __future__ import annotations

from test_events import events_of
from whodid.event_filters import TIME_MARKS, in_clause


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


def _pairs(text: str, root: str) -> set[tuple[str | None, str | None]]:
    return {
        ((e["source"] or {}).get("country"), (e["target"] or {}).get("country"))
        for e in events_of(text)
        if e["root_code"] == root
    }


def test_sharing_evidence_is_given_one_way():
    assert _pairs("Japanese intelligence officials shared evidence with Germany on Monday.", "06") == {("JPN", "DEU")}


def test_a_meeting_is_still_coded_both_ways():
    pairs = _pairs("French diplomats held talks with Germany on Monday.", "04")
    assert {("FRA", "DEU"), ("DEU", "FRA")} <= pairs


def test_a_unilateral_ceasefire_is_declared_one_way():
    pairs = _pairs("The Kurdish rebels declared a unilateral ceasefire in southern Turkey on Monday.", "08")
    assert pairs and all(source != "TUR" for source, _ in pairs)


def test_a_passive_that_may_happen_with_no_doer_is_no_event():
    text = "The minister said she hoped Kenyan police officers accused of torture would soon be arrested."
    assert "arrested" not in _triggers(text)


def test_a_reported_passive_with_no_doer_keeps_its_victim():
    assert "arrested" in _triggers("Two Kenyan police officers were arrested on Friday.")


def test_an_event_told_as_the_time_of_another_is_no_event_beside_it():
    text = "The Kenyan opposition demanded new elections after the supreme court acquitted the president."
    triggers = _triggers(text)
    assert "demanded" in triggers
    assert "acquitted" not in triggers


def test_an_earlier_event_is_kept_when_the_sentence_has_nothing_else():
    text = "Calm returned to Nairobi after Kenyan police arrested dozens of protesters."
    assert "arrested" in _triggers(text)


def test_an_earlier_event_is_kept_when_the_other_verbs_code_no_event():
    text = "The Cuban delegation will watch the summit on television after its members were denied visas by the US."
    assert "denied" in _triggers(text)


def test_people_killed_with_no_doer_named_are_no_political_event():
    assert not events_of("Fourteen people were killed in floods in the region last year.")


def test_a_passive_done_by_no_one_in_particular_is_no_event():
    assert not events_of("The Kenyan government was criticized by many for the decision.")
    assert not events_of("Britain's prime minister was dismissed by some as a weak leader.")


def test_a_passive_done_by_some_of_a_named_group_is_an_event():
    assert events_of("An Israeli soldier was shot dead by one of the attackers in Hebron.")
    assert events_of("Two Kenyan policemen were killed by some of the rebels near Garissa.")


def test_a_passive_with_no_doer_still_names_its_victim():
    assert events_of("The Kenyan government was criticized for the decision.")


def test_what_ordinary_people_say_or_intend_aimed_at_no_one_is_no_event():
    assert not events_of("Kenyan voters will weigh in on the debate next week.")
    assert not events_of("Kenyan residents will discuss the new road at a meeting.")


def test_ordinary_people_protesting_or_meeting_an_official_are_events():
    assert events_of("Kenyan students protested in Nairobi on Monday.")
    assert events_of("Kenyan students met the Kenyan president on Monday.")


def test_an_aside_on_an_actor_is_no_event_beside_the_reported_one():
    text = "Kenya opened its border to UN troops, who are deployed there to monitor a truce between Sudan and Chad."
    triggers = _triggers(text)
    assert "opened" in triggers
    assert "monitor" not in triggers


def test_a_show_of_force_by_no_one_named_is_no_event():
    text = "Two Kenyan students held for drug possession were paraded in front of the media on Monday."
    assert not [e for e in events_of(text) if e["root_code"] == "15"]


def test_a_countryless_object_beside_one_with_a_country_adds_no_target():
    text = "Kenyan troops destroyed Somali homes and civilian buildings near Kismayo on Monday."
    targets = {(e["target"] or {}).get("code") for e in events_of(text) if e["root_code"] == "17"}
    assert targets and all(code and code.startswith("SOM") for code in targets)


def _in_time_clause(nlp, text: str, verb: str) -> bool:
    return in_clause(next(t for t in nlp(text) if t.text == verb), TIME_MARKS)


def test_since_opening_a_clause_marks_its_time_but_the_adverb_does_not(nlp) -> None:
    assert _in_time_clause(nlp, "Kenya condemned Somalia since Somali troops attacked a border post.", "attacked")
    assert _in_time_clause(nlp, "Kenya condemned Somalia ever since Somali troops attacked a post.", "attacked")
    assert not _in_time_clause(nlp, "Kenya condemned Somalia, having since expelled its ambassador.", "expelled")
