"""Tests for whodid.coref: later mentions of an actor already named resolve to that actor."""

from __future__ import annotations

import pytest

from whodid.actor_phrases import resolve_phrase
from whodid.actors import ActorDictionary, find_matches, load_actor_dictionary, merge_matches
from whodid.coref import dated_surname, headline_references, is_person, resolve_coreferences, surname_index

DATE = "2016-12-03"


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_actor_dictionary()


def corefs(nlp, dictionary: ActorDictionary, text: str) -> list[tuple[str, str, str | None]]:
    """(mention text, rule, code on DATE) of each coreference match."""
    doc = nlp(text)
    found = resolve_coreferences(doc, find_matches(doc, dictionary), dictionary, DATE)
    return [(doc[m.start : m.end].text, m.entry_id.split(":")[1], _code(m)) for m in found]


def _code(m) -> str | None:
    from whodid.actor_phrases import code_on

    return code_on(m.spells, DATE)


def test_surname_after_the_full_name(nlp, dictionary: ActorDictionary) -> None:
    text = "US Secretary of State John Kerry arrived in Geneva. Kerry met the Russian delegation."
    assert corefs(nlp, dictionary, text) == [("Kerry", "surname", "USAGOV")]


def test_subject_pronoun_takes_the_latest_subject_person(nlp, dictionary: ActorDictionary) -> None:
    text = "Sergey Lavrov met John Kerry in Geneva. Lavrov said the talks were useful. He added that Russia would wait."
    assert corefs(nlp, dictionary, text) == [("He", "pronoun", "RUSGOV")]


def test_pronoun_after_coordinated_people_is_left_alone(nlp, dictionary: ActorDictionary) -> None:
    assert corefs(nlp, dictionary, "John Kerry and Sergey Lavrov met in Geneva. He said nothing.") == []


def test_pronoun_too_far_from_its_antecedent_is_left_alone(nlp, dictionary: ActorDictionary) -> None:
    text = "Sergey Lavrov arrived. The talks began. Nothing was agreed. Observers left. He said nothing."
    assert corefs(nlp, dictionary, text) == []


def test_object_pronoun_is_left_alone(nlp, dictionary: ActorDictionary) -> None:
    assert corefs(nlp, dictionary, "Sergey Lavrov arrived. Reporters asked him about Aleppo.") == []


def test_role_noun_refers_to_the_person_with_that_role(nlp, dictionary: ActorDictionary) -> None:
    text = "Russian Foreign Minister Sergey Lavrov arrived on Monday. The minister criticised the plan."
    assert corefs(nlp, dictionary, text) == [("minister", "role", "RUSGOV")]


def test_role_noun_needs_a_compatible_person(nlp, dictionary: ActorDictionary) -> None:
    text = "The Syrian army entered the district. The minister criticised the plan."
    assert corefs(nlp, dictionary, text) == []


def test_group_noun_refers_to_the_group_named_before(nlp, dictionary: ActorDictionary) -> None:
    text = "Fighters of the Al-Nusra Front attacked the town. The rebels withdrew later."
    assert corefs(nlp, dictionary, text) == [("rebels", "group", "SYRREB")]


def test_title_before_a_surname_known_once(nlp, dictionary: ActorDictionary) -> None:
    found = corefs(nlp, dictionary, "Secretary Blinken visited Kyiv.")
    assert found == [("Blinken", "title-surname", "USAGOV")]  # deputy secretary of state on DATE


def test_coreference_matches_resolve_in_phrases(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Sergey Lavrov arrived in Geneva. Lavrov said the talks were useful. He criticised Washington.")
    matches = find_matches(doc, dictionary)
    merged = merge_matches(matches, resolve_coreferences(doc, matches, dictionary, DATE))
    he = next(t for t in doc if t.text == "He")
    (mention,) = resolve_phrase(he, merged, dictionary, DATE)
    assert mention.actor.code == "RUSGOV" and mention.rule.startswith("coref:pronoun:")


def test_nothing_to_refer_to(nlp, dictionary: ActorDictionary) -> None:
    assert corefs(nlp, dictionary, "He said the minister would come. Kerry was not there.") == []


def test_is_person_and_surname_index(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Sergey Lavrov visited Russia.")
    lavrov, russia = find_matches(doc, dictionary)
    assert is_person(lavrov, doc) and not is_person(russia, doc)
    index = surname_index(dictionary)
    assert surname_index(dictionary) is index  # built once per dictionary
    assert all(len(key) >= 3 and key == key.lower() for key in list(index)[:200])


def test_dated_surname_is_the_one_person_in_role_at_the_date(nlp, dictionary: ActorDictionary) -> None:
    kerry = nlp("Kerry asks for ceasefire")[0]
    match = dated_surname(kerry, dictionary, "2016-12-03")
    assert match is not None and match.name == "John Kerry" and match.entry_id.startswith("coref:dated-surname:")
    assert dated_surname(kerry, dictionary, None) is None  # no date, no guess


def test_headline_surname_takes_the_bodys_person(nlp, dictionary: ActorDictionary) -> None:
    body = nlp("Russian Foreign Minister Sergey Lavrov spoke on Friday.")
    body_matches = find_matches(body, dictionary)
    title = nlp("Lavrov hails talks")
    found = headline_references(title, [], (body, body_matches), dictionary, None)
    assert [(m.start, m.entry_id.split(":")[1]) for m in found] == [(0, "headline")]


def test_pronoun_takes_the_actor_its_antecedents_phrase_resolved_to(nlp, dictionary: ActorDictionary) -> None:
    text = "King Hassan of Morocco spoke on Monday. He said the talks would resume."
    assert corefs(nlp, dictionary, text) == [("He", "pronoun", "MARGOV")]


def test_epithet_for_a_country_takes_the_latest_subject_country(nlp, dictionary: ActorDictionary) -> None:
    text = "Norway has promised to cut its emissions. Sweden praised the oil-rich Nordic country on Monday."
    found = corefs(nlp, dictionary, text)
    assert ("country", "state", "NOR") in found


def test_bare_the_country_is_left_alone(nlp, dictionary: ActorDictionary) -> None:
    text = "Norway has promised to cut its emissions. The country in general will gain."
    assert all(rule != "state" for _, rule, _ in corefs(nlp, dictionary, text))


def test_a_state_of_a_place_or_a_neighbouring_country_is_no_epithet(nlp, dictionary: ActorDictionary) -> None:
    texts = [
        "Pakistan has accused India of aggression. Gunmen attacked a village in the northern state of Jammu.",
        "Kenya has closed its border with Somalia. Kenyan troops attacked militants in the neighbouring country.",
        "Kenya has closed its border. Rebels attacked the host country.",
    ]
    for text in texts:
        assert all(rule != "state" for _, rule, _ in corefs(nlp, dictionary, text)), text


def test_an_epithet_after_two_subject_countries_is_left_alone(nlp, dictionary: ActorDictionary) -> None:
    text = "Kenya has closed its border with Somalia. Ethiopia has sent troops. Rebels attacked the war-torn country."
    assert all(rule != "state" for _, rule, _ in corefs(nlp, dictionary, text))
