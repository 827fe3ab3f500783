"""Tests for nominal event triggers: the noun decides the event a light or noun-dependent verb carries."""

from __future__ import annotations

import pytest

from whodid.lexicon import Coding
from whodid.nominals import NounLexicon, load_noun_lexicon, nominal_arguments, nominal_places, noun_phrases
from whodid.records import Place

TABLE = {
    "light_verbs": ["stage", "carry out"],
    "nouns": {"hunger strike": "142", "strike": "143", "attack": "190", "state of emergency": "1724"},
    "verb_nouns": {"impose": {"curfew": "1723", "state of emergency": "1724"}, "lift": {"curfew": "0813"}},
}


@pytest.fixture(scope="module")
def nouns() -> NounLexicon:
    return NounLexicon(TABLE)


def verb(nlp, text: str, lemma: str):
    return next(t for t in nlp(text) if t.pos_ == "VERB" and t.lower_.startswith(lemma[:4]))


def test_noun_phrases_longest_first(nlp):
    doc = nlp("The rebels staged a hunger strike.")
    assert noun_phrases(doc[5]) == ["hunger strike", "strike"]
    doc = nlp("The government declared a state of emergency.")
    assert noun_phrases(doc[4])[:2] == ["state of emergency", "state"]


def test_light_verb_takes_the_code_of_its_object(nlp, nouns):
    coding = nouns.code(verb(nlp, "Prisoners staged a hunger strike on Monday.", "stage"), None)
    assert coding is not None and coding.code == "142"
    assert coding.rule == "noun:stage+hunger strike"


def test_light_verb_with_a_particle_needs_the_particle(nlp, nouns):
    assert nouns.code(verb(nlp, "The army carried out an attack on the town.", "carry"), None).code == "190"
    assert nouns.code(verb(nlp, "The soldiers carried an attack plan.", "carry"), None) is None


def test_verb_noun_pair_overrides_the_verb_default_but_not_a_pattern_of_the_same_family(nlp, nouns):
    impose = verb(nlp, "The army imposed a curfew in the city.", "impose")
    default = Coding("170", None, "verb:IMPOSE/impose", False)
    assert nouns.code(impose, default).code == "1723"
    same_family = Coding("1724", None, "pattern:IMPOSE#1", True)
    assert nouns.code(impose, same_family) is None
    lift = verb(nlp, "The government lifted the curfew.", "lift")
    assert nouns.code(lift, Coding("080", None, "verb:LIFT/lift", False)).code == "0813"


def test_passive_subject_is_the_noun(nlp, nouns):
    assert nouns.code(verb(nlp, "A curfew was imposed on the city.", "impose"), None).code == "1723"


def test_unlisted_verbs_and_nouns_change_nothing(nlp, nouns):
    assert nouns.code(verb(nlp, "The minister staged a comeback.", "stage"), None) is None
    assert nouns.code(verb(nlp, "Rebels attacked the town.", "attack"), None) is None


def test_packaged_table_codes_are_cameo_codes():
    from whodid.ontology import load_ontology

    table, ontology = load_noun_lexicon(), load_ontology()
    codes = set(table.nouns.values()) | {c for pairs in table.verb_nouns.values() for c in pairs.values()}
    assert codes and all(ontology.get(code) is not None for code in codes), sorted(codes)


def test_a_quantity_of_events_is_read_as_the_events(nlp):
    doc = nlp("The navies launched ten days of war games.")
    assert "war game" in noun_phrases(doc[4])


def test_travelling_for_talks_is_a_negotiation(nlp):
    table = load_noun_lexicon()
    coding = table.code(verb(nlp, "Iranian negotiators returned to Vienna for talks.", "return"), None)
    assert coding is not None and coding.code == "046"
    assert table.code(verb(nlp, "Iranian negotiators returned to Vienna on Monday.", "return"), None) is None


def noun(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.lower_ == word)


def test_an_event_noun_with_its_own_actors_is_an_event(nlp, nouns):
    capture = noun(nlp, "News of the army's capture of the town spread quickly.", "capture")
    table = NounLexicon({**TABLE, "nouns": {**TABLE["nouns"], "capture": "192", "talk": "040"}})
    coding = table.code(capture, None)
    assert coding is not None and coding.code == "192" and coding.rule == "noun:capture"
    doers, objects = nominal_arguments(capture)
    assert [t.text for t in doers] == ["army"] and [t.text for t in objects] == ["town"]
    talks = noun(nlp, "There was news of talks between Iran and Saudi Arabia in Geneva.", "talks")
    assert table.code(talks, None).code == "040"
    parties, acted_upon = nominal_arguments(talks)
    assert "Iran" in [t.text for t in parties] and acted_upon == []


def test_an_event_noun_without_actors_or_read_through_its_verb_is_no_event_by_itself(nlp, nouns):
    table = NounLexicon({**TABLE, "nouns": {**TABLE["nouns"], "talk": "040", "attack": "190"}})
    assert table.code(noun(nlp, "All the talk was of war.", "talk"), None) is None
    assert table.code(noun(nlp, "Iran held talks with Saudi Arabia.", "talks"), None) is None  # the verb's object
    assert table.code(noun(nlp, "The rebels' attack killed 20 people.", "attack"), None) is None  # the verb's subject
    strike = noun(nlp, "Eight people were killed in an attack by government forces.", "attack")
    assert table.code(strike, None) is None  # how the verb's event came about: the verb reads it


def test_a_light_verb_object_refines_a_generic_pattern_code_of_its_family(nlp, nouns):
    launch = verb(nlp, "The army launched an air attack on the town.", "launch")
    pattern = Coding("190", None, "pattern:START#167", True)
    table = NounLexicon({**TABLE, "light_verbs": ["launch"], "nouns": {"air attack": "195", "attack": "190"}})
    assert table.code(launch, pattern).code == "195"
    assert table.code(launch, Coding("1951", None, "pattern:X#1", True)) is None  # a specific pattern code stands


def test_figurative_pairs_name_no_event(nlp):
    table = load_noun_lexicon()
    come = verb(nlp, "That the two are talking at all may come as a surprise to many people.", "come")
    coding = table.code(come, Coding("040", None, "pattern:ARRIVE#1", True))
    assert coding is not None and coding.code is None and coding.reverse is None
    dig = verb(nlp, "Diplomats discussed lifting the siege by digging tunnels.", "digging")
    assert table.code(dig, Coding("090", None, "verb:PROBE/dig", False)).code is None


def test_backtracking_on_an_agreement_is_a_rejection(nlp):
    table = load_noun_lexicon()
    backtrack = verb(nlp, "The US has backtracked on its agreement with Russia.", "backtrack")
    assert table.code(backtrack, None).code == "127"
    withdraw = verb(nlp, "They have withdrawn their proposal.", "withdraw")
    assert table.code(withdraw, Coding("080", None, "verb:RETREAT/withdraw", False)).code == "120"
    assert table.code(verb(nlp, "Turkey withdrew its troops from Syria.", "withdr"), None) is None


def test_the_place_of_a_nominal_event_is_in_its_own_phrase(nlp):
    text = "News of talks between Iran and Turkey on Yemen in Geneva came as Russia attacked Aleppo."
    doc = nlp(text)
    places = [place(text, name) for name in ("Iran", "Turkey", "Yemen", "Geneva", "Aleppo")]
    talks = next(t for t in doc if t.lower_ == "talks")
    assert [p.name for p in nominal_places(talks, places)] == ["Geneva"]  # not the parties, the topic, or elsewhere
    attack = "Rebels launched an attack on troops defending the city of Homs in Syria."
    launch = next(t for t in nlp(attack) if t.lower_ == "launched")
    assert [p.name for p in nominal_places(launch, [place(attack, "Homs"), place(attack, "Syria")])] == [
        "Homs",
        "Syria",
    ]


def place(text: str, name: str) -> Place:
    start = text.index(name)
    return Place(name, start, start + len(name), name, None, None, None, None, "city")


def test_asking_for_a_ceasefire_is_an_appeal_to_de_escalate(nlp):
    table = load_noun_lexicon()
    ask = verb(nlp, "The envoy asked for a ceasefire in Aleppo.", "ask")
    assert table.code(ask, Coding("020", None, "verb:ASK/ask for", False)).code == "0256"


def test_a_name_compounded_on_a_root_event_noun_is_its_doer(nlp):
    doc = nlp("Chancellor Angela Merkel talks with President Emmanuel Macron at the summit.")
    talks = next(t for t in doc if t.lower_ == "talks")
    if talks.pos_ == "NOUN":  # the caption's verb, read as a noun
        doers, objects = nominal_arguments(talks)
        assert [t.text for t in doers] == ["Merkel"] and "Macron" in [t.text for t in objects]
    doc = nlp("The talks with Iran resumed.")
    assert nominal_arguments(next(t for t in doc if t.lower_ == "talks"))[0] == []
