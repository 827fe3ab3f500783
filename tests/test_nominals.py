"""Tests for nominal event triggers: the noun decides the event a light or noun-dependent verb carries."""

from __future__ import annotations

import pytest

from whodid.lexicon import Coding
from whodid.nominals import NounLexicon, load_noun_lexicon, noun_phrases

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
