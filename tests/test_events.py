"""Tests for event coding, run through the real pipeline (`extract_lines`) on short sentences of our own."""

from __future__ import annotations

import json
from functools import cache

import pytest

from whodid.extract import extract_lines
from whodid.options import Options

DATE = "2016-12-09"  # a Friday


def extract(text: str, date: str | None = DATE, **options: object) -> dict:
    """The `whodid extract` record for one text (the real pipeline, end to end)."""
    line = json.dumps({"id": "t", "text": text, "date": date})
    (record,) = extract_lines([line], Options(**options))  # type: ignore[arg-type]
    assert "error" not in record, record
    return record


@cache
def events_of(text: str, date: str | None = DATE) -> tuple[dict, ...]:
    """The events of one text, cached (every test treats them as read-only)."""
    return tuple(extract(text, date)["events"])


def only(events: tuple[dict, ...], root: str) -> dict:
    """The single event with CAMEO root `root`."""
    found = [e for e in events if e["root_code"] == root]
    assert len(found) == 1, [(e["code"], e["evidence"]["rule"]) for e in events]
    return found[0]


def cut(sentence: str, span: list[int] | None) -> str | None:
    return sentence[span[0] : span[1]] if span else None


# ---------------------------------------------------------------- codes, sources and targets


def test_condemn_is_root_11_with_a_country_source():
    events = events_of("Russia condemned the attack.")
    event = only(events, "11")
    assert len(events) == 1
    assert event["source"]["code"] == "RUS"
    assert event["source"]["country"] == "RUS"
    assert event["quad_class"] == 3
    assert event["goldstein"] < 0
    assert event["plover"]["event"] == "ACCUSE"


def test_passive_agent_is_the_source_and_the_subject_the_target():
    event = only(events_of("Two journalists were arrested by Egyptian police."), "17")
    source, target = event["source"], event["target"]
    assert source["country"] == "EGY"
    assert source["code"].startswith("EGY")
    assert "COP" in source["sectors"]
    assert target["country"] is None  # "journalists": a sector with no country
    assert target["sectors"] and target["code"] == "".join(target["sectors"])


def test_target_from_the_direct_object():
    event = only(events_of("Moscow criticised Washington."), "11")
    assert (event["source"]["country"], event["target"]["country"]) == ("RUS", "USA")


def test_an_appeal_codes_once_and_swallows_the_embedded_action():
    events = events_of("France asked Iran to withdraw its troops.")
    assert [e["root_code"] for e in events] == ["02"]
    event = events[0]
    assert (event["source"]["code"], event["target"]["code"]) == ("FRA", "IRN")
    assert event["modality"] == "appeal"
    assert cut(event["evidence"]["sentence"], event["evidence"]["trigger"]) == "asked"


def test_urge_to_withdraw_is_one_appeal_not_a_withdrawal():
    events = events_of("France urged Iran to withdraw its troops.")
    assert [e["root_code"] for e in events] == ["02"]
    assert (events[0]["source"]["code"], events[0]["target"]["code"]) == ("FRA", "IRN")


def test_reported_attack_is_the_event_not_the_saying():
    events = events_of("Germany said Russia attacked Ukraine.")
    assert [e["root_code"] for e in events] == ["19"]
    assert (events[0]["source"]["code"], events[0]["target"]["code"]) == ("RUS", "UKR")


def test_accused_action_is_not_attributed_to_the_accuser():
    events = events_of("Russia accused Turkey of attacking its soldiers.")
    assert any(e["root_code"] == "11" for e in events)
    assert [e for e in events if e["root_code"] != "11" and e["source"]["code"] == "RUS"] == []


def test_bare_statement_is_an_event_only_when_its_sentence_holds_no_other():
    text = "The Russian foreign minister said the talks were useful."
    (event,) = extract(text)["events"]
    assert event["code"] == "010" and event["source"]["code"].startswith("RUS")
    assert not extract(text, keep_statements=False)["events"]
    both = "The Russian foreign minister said the talks were useful. Russia condemned Turkey."
    assert [e["root_code"] for e in extract(both)["events"]] == ["01", "11"]  # one statement, one act
    one = "The Russian foreign minister said the talks were useful, and Russia condemned Turkey on Friday."
    assert [e["root_code"] for e in extract(one)["events"]] == ["11"]


def test_event_without_source_actor_is_dropped_by_default():
    text = "Somebody attacked the Turkish embassy."
    assert events_of(text) == ()
    loose = extract(text, require_source=False)["events"]
    assert [e["root_code"] for e in loose] == ["19"]
    assert loose[0]["source"] is None


# ---------------------------------------------------------------- negation, modality, quotes


def test_negation_is_flagged_and_lowers_confidence():
    denied = only(events_of("China did not attack Japan."), "19")
    plain = only(events_of("China attacked Japan."), "19")
    assert denied["negated"] is True
    assert plain["negated"] is False
    assert denied["confidence"] < plain["confidence"]


def test_will_is_an_expression_of_intent():
    """CAMEO codes an announced action as an intent: "will meet" is 036, "will attack" a threat (138x)."""
    event = only(events_of("Russia will meet Turkey next week."), "03")
    assert (event["code"], event["modality"], event["negated"]) == ("036", "intent", False)
    assert event["evidence"]["rule"].startswith("intent:future+")
    assert only(events_of("Russia will attack Ukraine."), "13")["code"].startswith("138")


def test_will_not_is_a_refusal():
    event = only(events_of("Syria will not accept more refugees from Iraq."), "12")
    assert event["negated"] is False  # the refusal itself is affirmed
    assert event["evidence"]["rule"].startswith("refusal:future+")


def test_past_tense_is_actual():
    assert only(events_of("Russia met Turkey behind closed doors."), "04")["modality"] == "actual"


def test_could_marks_a_hypothetical():
    assert only(events_of("China could attack Japan."), "19")["modality"] == "hypothetical"


def test_event_inside_a_quotation_is_quoted():
    event = only(events_of('Russia said Turkey "attacked our soldiers in the town" last week.'), "19")
    assert event["quoted"] is True
    assert only(events_of("China attacked Japan."), "19")["quoted"] is False


# ---------------------------------------------------------------- evidence and ids


def test_evidence_spans_slice_the_sentence():
    event = only(events_of("Two journalists were arrested by Egyptian police."), "17")
    ev = event["evidence"]
    assert ev["sentence"] == "Two journalists were arrested by Egyptian police."
    assert cut(ev["sentence"], ev["trigger"]) == "arrested"
    assert cut(ev["sentence"], ev["source"]) == event["source"]["text"] == "Egyptian police"
    assert "journalists" in cut(ev["sentence"], ev["target"])
    assert cut(ev["sentence"], ev["target"]) == event["target"]["text"]
    assert ev["rule"]


def test_evidence_offsets_are_relative_to_their_own_sentence():
    text = "The weather was mild in the capital. Later, China accused Japan of spying."
    record = extract(text)
    event = only(tuple(record["events"]), "11")
    ev = event["evidence"]
    assert event["sentence"] == 1
    assert ev["sentence"] == "Later, China accused Japan of spying."
    assert cut(ev["sentence"], ev["trigger"]) == "accused"
    assert cut(ev["sentence"], ev["source"]) == "China"
    assert cut(ev["sentence"], ev["target"]) == "Japan"
    assert record["article"]["text"].index(ev["sentence"]) > 0


def test_event_id_is_stable_across_runs():
    text = "China accused Japan of spying. Japan rejected the claim."
    first = [e["event_id"] for e in extract(text)["events"]]
    second = [e["event_id"] for e in extract(text)["events"]]
    assert first and first == second
    assert len(set(first)) == len(first)
    assert all(len(i) == 16 for i in first)


def test_event_ids_differ_for_different_articles():
    a = only(events_of("China accused Japan of spying."), "11")
    b = only(events_of("China accused Japan of spying again."), "11")
    assert a["article_id"] != b["article_id"]
    assert a["event_id"] != b["event_id"]


# ---------------------------------------------------------------- dates


def test_weekday_with_article_date_is_relative():
    event = only(events_of("Russia condemned Turkey on Wednesday."), "11")
    assert (event["date"], event["date_basis"]) == ("2016-12-07", "relative")


def test_explicit_date_wins():
    event = only(events_of("Russia condemned Turkey on 3 December 2016."), "11")
    assert (event["date"], event["date_basis"]) == ("2016-12-03", "explicit")


def test_no_date_in_sentence_falls_back_to_publication():
    event = only(events_of("Russia condemned Turkey."), "11")
    assert (event["date"], event["date_basis"]) == (DATE, "published")


def test_no_dates_at_all_is_unknown():
    event = only(events_of("Russia condemned Turkey.", None), "11")
    assert (event["date"], event["date_basis"]) == (None, "unknown")


# ---------------------------------------------------------------- location


def test_actor_places_are_not_the_event_location():
    event = only(events_of("Moscow criticised Washington."), "11")
    assert event["location"] is None


def test_location_is_the_place_named_in_the_sentence():
    event = only(events_of("Moscow criticised Washington over the strikes in Aleppo."), "11")
    assert event["location"]["name"] == "Aleppo"
    assert event["location"]["country"] == "SYR"


@pytest.mark.parametrize(
    "text",
    [
        "Germany said Russia attacked Ukraine.",
        "Russia and Turkey condemned the attack.",
        "China attacked Japan and Vietnam.",
    ],
)
def test_other_actors_of_the_sentence_are_not_the_event_location(text: str):
    events = events_of(text)
    assert events
    assert [e["location"] for e in events] == [None] * len(events)


# ---------------------------------------------------------------- conjuncts and datelines


def test_coordinated_subjects_give_one_event_each():
    events = events_of("Russia and Turkey condemned the attack.")
    assert sorted(e["source"]["code"] for e in events) == ["RUS", "TUR"]
    assert {e["code"] for e in events} == {events[0]["code"]}


def test_coordinated_objects_give_one_event_each():
    events = events_of("China attacked Japan and Vietnam.")
    assert sorted((e["source"]["code"], e["target"]["code"]) for e in events) == [("CHN", "JPN"), ("CHN", "VNM")]


def test_dateline_city_is_not_an_actor():
    events = events_of("GENEVA — Russia and the United States agreed on Friday to resume talks on Syria.")
    assert sorted(e["source"]["code"] for e in events) == ["RUS", "USA"]
    assert all(not e["evidence"]["sentence"].startswith("GENEVA") for e in events)


def test_reported_must_is_a_demand_and_should_an_appeal():
    """CAMEO practice: "X said Y must withdraw" is X demanding that Y yield, not a statement."""
    demand = only(events_of("France said Russia must withdraw its troops from Ukraine."), "10")
    assert (demand["source"]["code"], demand["target"]["code"]) == ("FRA", "RUS")
    assert demand["evidence"]["rule"].startswith("demand:reported")
    appeal = only(events_of("Germany said Iran should release the detained sailors."), "02")
    assert (appeal["source"]["code"], appeal["target"]["code"]) == ("DEU", "IRN")


def test_passive_without_agent_takes_the_actor_of_the_attack_it_happened_in():
    event = only(events_of("Three soldiers were killed in a Turkish air strike near the border."), "19")
    assert event["source"]["country"] == "TUR"


def test_coordinated_subjects_of_a_meeting_meet_each_other():
    events = [e for e in events_of("The United States and Russia met in Geneva on Friday.") if e["root_code"] == "04"]
    pairs = {(e["source"]["country"], e["target"]["country"]) for e in events}
    assert {("USA", "RUS"), ("RUS", "USA")} <= pairs


def test_light_verb_and_event_noun_code_the_noun():
    event = only(events_of("Prisoners in Turkey staged a hunger strike on Monday."), "14")
    assert event["code"] == "142"
    assert event["evidence"]["rule"].startswith("noun:")


def test_named_source_no_dictionary_knows_is_kept_as_an_unknown_actor():
    event = only(events_of("Zorblat Quennik condemned the attack on the embassy."), "11")
    assert event["source"]["code"] is None
    assert event["source"]["name"] == "Zorblat Quennik"
    assert event["evidence"]["rule"]


def test_passive_without_its_doer_keeps_the_victim_and_no_source():
    event = only(events_of("Two Turkish journalists were arrested on Friday."), "17")
    assert event["source"] is None
    assert event["target"]["country"] == "TUR"
    assert not events_of("Somebody arrested the journalists on Friday.")  # active voice: no source, no event


def test_announced_coercive_act_is_a_threat():
    event = only(events_of("The Turkish government said it will impose a curfew in Ankara."), "13")
    assert event["code"] == "1323"


def test_protesters_blocking_roads_obstruct_passage():
    event = only(events_of("Turkish farmers blocked roads near Ankara on Friday."), "14")
    assert event["code"] == "144"


def test_events_of_a_sentence_come_most_confident_first():
    events = events_of("Russia condemned Turkey and said it will impose sanctions on Ankara.")
    assert len(events) >= 2
    assert [e["confidence"] for e in events] == sorted((e["confidence"] for e in events), reverse=True)


def test_first_person_inside_a_quote_is_the_speaker():
    text = (
        'Russian Foreign Minister Sergey Lavrov spoke on Friday. "We condemn the attack on our embassy," Lavrov said.'
    )
    event = only(events_of(text), "11")
    assert event["source"]["code"].startswith("RUS")
    assert event["quoted"] is True


def test_event_location_is_the_place_of_the_sentence_or_the_articles_own():
    event = events_of("Russia and Turkey held talks in Geneva on Friday.")[0]
    assert event["location"]["name"] == "Geneva" and event["location_rule"] == "sentence"
    text = "GENEVA, Dec 2 (Reuters) - Russia condemned Turkey on Friday."
    event = only(events_of(text), "11")
    assert event["location"]["name"] == "Geneva" and event["location_rule"] == "dateline"
    moved = events_of("The Russian foreign minister came to Geneva and met Turkish officials.")[0]
    assert moved["location"]["name"] == "Geneva"


def test_statement_stands_when_what_it_reports_did_not_happen():
    events = events_of("The Russian foreign minister said Moscow is not discussing sanctions against Turkey.")
    assert any(e["code"] == "010" and not e["negated"] for e in events)
    assert not any(e["code"] == "010" for e in events_of("The Russian foreign minister said Moscow condemned Turkey."))


def test_armed_forces_engaged_in_a_battle_fight():
    events = events_of("The Nigerian army said it is engaged in a fierce battle with Boko Haram insurgents.")
    assert any(e["root_code"] == "19" and e["source"] is not None for e in events)


def test_target_that_names_a_country_beats_a_sector_only_object():
    event = only(events_of("Egypt will withdraw its soldiers from Sudan."), "03")
    assert event["target"]["country"] == "SDN"


def test_target_nested_under_a_prepositional_object():
    event = only(events_of("Germany mobilized reservists for a war against Russia."), "15")
    assert event["target"]["country"] == "RUS"


def test_place_named_under_the_object_is_the_target_of_a_coercive_measure():
    event = only(events_of("Ethiopia declared a state of emergency in Mekele."), "17")
    assert (event["source"]["code"], event["target"]["country"]) == ("ETH", "ETH")


def test_sector_only_target_takes_the_country_of_the_event_place():
    event = only(events_of("Rebels killed 12 people on Friday when they attacked a market in Kabul."), "19")
    assert event["target"]["country"] == "AFG" and "PPL" in event["target"]["code"]


def test_suing_and_indicting_are_lawsuits_not_arrests():
    assert only(events_of("Egypt sued Israel for damages in court."), "11")["code"] == "115"
    assert only(events_of("Egypt indicted the Israeli ambassador for fraud."), "11")["code"] == "115"
    assert not any(e["code"] == "173" for e in events_of("Egypt sued Israel for damages in court."))


def test_demobilizing_troops_is_a_military_de_escalation():
    assert only(events_of("Russia demobilized its troops in Chechnya."), "08")["code"] == "0873"


def test_rebels_surrendering_retreat_militarily():
    assert only(events_of("Hundreds of Ugandan rebels surrendered to the army."), "08")["code"] == "0874"


def test_codebook_verbs_the_dictionary_lacks_are_coded():
    assert only(events_of("A mob lynched two Nigerian soldiers in Kano."), "18")["code"] == "1823"
    assert only(events_of("The rebels decommissioned their weapons."), "08")["code"] == "0873"


# ---------------------------------------------------------------- actors' countries and the sentence's main events


def test_member_state_of_a_former_union_is_its_own_country():
    event = only(events_of("Serbia recalled its ambassador from Albania.", "2000-01-01"), "16")
    assert event["source"]["country"] == "SRB"  # coded SCGSRB in 2000: Serbia within Serbia and Montenegro


def test_ethnic_nationality_names_a_people_placed_where_they_live():
    event = only(events_of("Ethnic Russians in Estonia protested against the new language law."), "14")
    assert event["source"]["country"] == "EST"


def test_sector_only_source_takes_the_country_of_the_event_place():
    event = only(events_of("Thousands of students demonstrated in Cairo on Monday."), "14")
    assert event["source"]["country"] == "EGY"
    assert "EDU" in event["source"]["sectors"]


def test_side_event_without_its_actors_gives_way_to_the_main_event():
    events = events_of("Iraqi troops attacked the rebels near Mosul on Sunday as politicians debated the budget.")
    assert [e["root_code"] for e in events] == ["19"]


def test_action_with_no_one_acted_upon_is_aimed_at_where_it_happens():
    event = only(events_of("The Kenyan government lifted the state of emergency in Mombasa on Friday."), "08")
    assert event["source"]["country"] == "KEN"
    assert event["target"]["country"] == "KEN"


def test_place_gives_no_target_to_a_passive_without_its_doer():
    assert not [e for e in events_of("The body was found at a farm in Punjab.") if e["target"]]


def test_names_listed_before_one_noun_are_each_an_actor_whatever_the_parse():
    events = events_of("Security forces in Guinea have tortured scores of Sierra Leonean and Liberian refugees.")
    assert {e["target"]["country"] for e in events if e["target"]} == {"SLE", "LBR"}


def test_country_stated_with_of_wins_over_the_dictionarys_guess_for_a_name():
    event = only(events_of("King Hassan of Morocco met the Israeli prime minister."), "04")
    assert event["source"]["country"] == "MAR"


def test_protesters_of_no_stated_country_are_compatriots_of_whom_they_protest_against():
    text = "Islamist students continued their hunger strike to demand the resignation of the Egyptian president."
    event = only(events_of(text), "14")
    assert (event["source"]["country"], event["target"]["country"]) == ("EGY", "EGY")


def test_unattributed_blast_is_coded_to_the_country_it_happened_in():
    event = only(events_of("A car bomb near the city of Kandahar killed four British soldiers."), "18")
    assert (event["source"]["country"], event["target"]["country"]) == ("AFG", "GBR")


def test_unknown_organisation_inside_the_subject_phrase_is_kept_as_the_source():
    event = only(
        events_of("Members of the Brightwater Institute investigated the treatment of Kenyan prisoners."), "09"
    )
    assert not event["source"]["code"] and "Institute" in event["source"]["text"]
    assert event["target"]["country"] == "KEN"


def test_stative_passive_is_coded_with_its_subject_as_the_source():
    event = only(events_of("Egypt is opposed to Turkish mediation in the talks with Ethiopia."), "12")
    assert (event["source"]["country"], event["target"]["country"]) == ("EGY", "TUR")


def test_protest_with_no_one_named_is_aimed_at_the_protesters_own_state():
    event = only(events_of("Kenyan students rioted on Friday."), "14")
    span = event["evidence"]["target"]
    assert event["target"]["country"] == "KEN" and (span is None or span[0] == span[1])  # implied: no text
    assert event["confidence"] < 0.6  # an implied actor adds no confidence
    assert not only(events_of("Kenya protested on Friday."), "14")["target"]  # the state itself: no one implied


def test_threat_is_aimed_at_whoever_its_condition_names():
    event = only(events_of("Iran threatened to close the strait if the United States imposes new sanctions."), "13")
    assert event["target"]["country"] == "USA"


def test_apposition_states_the_role_of_someone_the_dictionary_knows_only_in_other_roles():
    event = only(events_of("Kofi Annan, the head of the Red Cross, condemned the attack on Israel."), "11")
    assert event["source"]["code"].startswith("NGO") and event["source"]["country"] is None


def test_what_a_verb_of_naming_calls_its_object_is_no_event_of_the_objects_kind():
    assert [e["root_code"] for e in events_of("Kenya called the attack a crime.")] == ["01"]


# ---------------------------------------------------------------- what is no political event


def test_a_verb_of_saying_that_only_characterizes_its_antecedent_codes_nothing():
    events = events_of("The minister rejected what the opposition described as a compromise.")
    assert [e["root_code"] for e in events] == ["12"]


def test_a_statement_elaborated_by_another_statement_is_still_coded():
    event = only(events_of("The governor denied the allegations, telling reporters he had done nothing wrong."), "01")
    assert event["evidence"]["rule"].startswith("pattern:REFUSE")  # "denied the allegations", not "telling"


def test_events_between_non_political_actors_only_are_dropped():
    assert events_of("Doctors prescribe antibiotics too often.") == ()
    assert events_of("Two pedestrians were killed on Main Street.") == ()  # no doer, no country, plain people
    assert events_of("Two hikers were killed by a falling rock.") == ()  # the doer is a thing
    assert only(events_of("Two pedestrians were killed by soldiers."), "19")["source"]["sectors"] == ["MIL"]
    assert only(events_of("Two people were killed by a bomb."), "18")["target"]["sectors"] == ["PPL"]


def test_a_participle_modifying_its_victim_is_background_unless_a_there_clause_tells_it():
    events = events_of("Two Canadian tourists arrested in Tehran were freed on Friday.")
    assert [e["root_code"] for e in events] == ["08"]  # the release; the arrest is background
    assert "Canadian" in events[0]["target"]["text"]
    event = only(events_of("There were five Iraqi soldiers killed in Basra."), "19")
    assert event["target"]["country"] == "IRQ" and event["source"] is None


def test_figurative_verb_noun_pairs_and_trips():
    assert events_of("The opposition swept the municipal elections.") == ()
    assert events_of("The president came to power in 2010.") == ()
    assert events_of("The army held a memorial service for the fallen.") == ()
    event = only(events_of("The Japanese prime minister took a trip to Beijing."), "04")
    assert event["code"] == "042" and event["source"]["country"] == "JPN"


def test_point_out_is_a_statement():
    event = only(events_of("Lavrov pointed out that Russia had not been consulted."), "01")
    assert event["source"]["country"] == "RUS"


def test_denying_entry_is_a_rejection_and_denying_a_claim_is_not():
    assert only(events_of("Kuwait denied entry to the Iraqi delegation."), "12")["code"] == "120"
    assert "12" not in [e["root_code"] for e in events_of("Kuwait denied that its troops had crossed the border.")]


def test_a_caption_verb_read_as_a_noun_still_codes_the_meeting():
    event = only(events_of("Chancellor Angela Merkel talks with President Emmanuel Macron at the summit."), "04")
    assert event["source"]["country"] == "DEU" and event["target"]["country"] == "FRA"


def test_figurative_kill_fire_shoot_and_hit_code_nothing_but_their_literal_uses_do():
    assert events_of("The Senate killed the immigration bill.") == ()
    assert events_of("The Iraqi prime minister fired the defence minister.") == ()
    assert events_of("The French president shot to fame in 2017.") == ()
    assert events_of("The Kenyan government hit a record high in revenue.") == ()
    assert only(events_of("Syrian troops fired rockets at the town."), "19")["source"]["country"] == "SYR"
    assert only(events_of("Gunmen shot the Afghan police chief."), "19")["target"]["country"] == "AFG"


def test_events_between_companies_alone_are_business_news():
    assert events_of("Toyota struck a deal with Ford.") == ()
    assert events_of("Microsoft attacked Google over its search practices.") == ()


def test_a_strike_on_a_school_is_one_sided():
    events = events_of("A Russian missile hit a school in Kharkiv on Thursday.", date="2022-03-03")
    force = [(e["source"]["code"], e["target"]["code"]) for e in events if e["code"].startswith("19")]
    assert force == [("RUS", "UKREDU")]


def test_a_clash_between_armed_forces_keeps_both_sides():
    events = events_of("Russian troops clashed with Ukrainian forces near Kharkiv.", date="2022-03-03")
    force = {(e["source"]["code"], e["target"]["code"]) for e in events if e["code"].startswith("19")}
    assert ("RUSMIL", "UKRMIL") in force


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russian jets bombed Idlib, a statement from Moscow said.", "Idlib"),
        ("Idlib was bombed by Russian jets, officials in Ankara said.", "Idlib"),
        ("Syrian troops shelled Aleppo on Monday.", "Aleppo"),
    ],
)
def test_a_place_struck_by_force_is_where_it_happened(text, place):
    event = next(e for e in events_of(text) if e["root_code"] in ("18", "19", "20"))
    assert event["location"]["name"] == place and event["location_rule"] == "sentence"


def test_a_place_as_the_object_of_words_is_no_location():
    event = only(events_of("Moscow criticised Washington on Friday."), "11")
    assert event["location"] is None or event["location"]["name"] != "Washington"
