"""Tests for finding an event verb's arguments in the dependency parse."""

from __future__ import annotations

from whodid.arguments import (
    affiliation_heads,
    blast_places,
    condition_heads,
    existential,
    locative_heads,
    object_heads,
    purpose_heads,
    reciprocal,
    reduced_passive,
    subject_heads,
)


def verb(doc, lemma: str):
    return next(t for t in doc if t.lemma_ == lemma)


def test_subject_object_and_passive_agent(nlp):
    doc = nlp("Russia condemned Turkey on Friday.")
    v = verb(doc, "condemn")
    assert [t.text for t in subject_heads(v, False)] == ["Russia"]
    assert [t.text for t in object_heads(v, False)][:1] == ["Turkey"]
    doc = nlp("The journalists were arrested by the police.")
    assert [t.text for t in subject_heads(verb(doc, "arrest"), True)] == ["police"]


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(nlp):
    doc = nlp("Japan said it had halted aid to Serbia.")
    assert [t.text for t in subject_heads(verb(doc, "halt"), False)] == ["Japan"]


def test_purpose_locative_and_reciprocal(nlp):
    doc = nlp("Students went on hunger strike to demand the resignation of the president.")
    assert "resignation" in [t.text for t in purpose_heads(verb(doc, "go"))]
    doc = nlp("Prisoners rioted at a jail in Dili.")
    assert [t.text for t in locative_heads(verb(doc, "riot"))] == ["jail", "Dili"]
    doc = nlp("Israel and Syria delayed their meeting.")
    assert reciprocal(verb(doc, "delay"))


def test_objects_nested_under_a_prepositional_object_come_last(nlp):
    doc = nlp("Germany mobilized reservists for a war against Russia.")
    heads = [t.text for t in object_heads(verb(doc, "mobilize"), False)]
    assert heads[-1] == "Russia" and heads.index("reservists") < heads.index("war") < heads.index("Russia")


def test_verb_without_an_object_shares_the_next_coordinated_verbs(nlp):
    doc = nlp("French charities donated and delivered medicine to Syrian hospitals.")
    assert "hospitals" in [t.text for t in object_heads(verb(doc, "donate"), False)]
    doc = nlp("The army shelled the town and the rebels fled to the hills.")  # a clause with its own subject
    assert "hills" not in [t.text for t in object_heads(verb(doc, "shell"), False)]


def test_an_unattributed_blast_is_placed_where_it_happened(nlp):
    doc = nlp("A car bomb near the city of Kandahar killed four policemen.")
    kill = verb(doc, "kill")
    assert "Kandahar" in [t.text for t in blast_places(subject_heads(kill, False), kill)]
    doc = nlp("Rebels near the city of Kandahar killed four policemen.")
    kill = verb(doc, "kill")
    assert blast_places(subject_heads(kill, False), kill) == []


def test_stative_passive_subject_is_the_one_who_holds_the_stance(nlp):
    doc = nlp("Egypt is opposed to Turkish mediation in the talks with Ethiopia.")
    opposed = verb(doc, "oppose")
    assert [t.text for t in subject_heads(opposed, True)] == ["Egypt"]
    assert "Egypt" not in [t.text for t in object_heads(opposed, True)]
    doc = nlp("The plan was opposed by Japan.")
    assert [t.text for t in subject_heads(verb(doc, "oppose"), True)] == ["Japan"]


def test_an_attack_the_victims_were_killed_in_is_not_a_doer(nlp):
    doc = nlp("Four policemen were killed in a car bombing in central Kandahar.")
    kill = verb(doc, "kill")
    assert blast_places(subject_heads(kill, True), kill) == []


def test_a_threats_condition_names_whom_it_is_aimed_at(nlp):
    doc = nlp("Iran threatened to close the strait if the United States imposes new sanctions.")
    assert [t.text for t in condition_heads(verb(doc, "threaten"))] == ["States"]
    doc = nlp("Iran threatened to close the strait after the United States imposed new sanctions.")
    assert condition_heads(verb(doc, "threaten")) == []


def test_a_participle_modifying_a_noun_is_a_passive_of_that_noun(nlp):
    doc = nlp("Two tourists arrested in Tehran were freed.")
    arrested = verb(doc, "arrest")
    assert reduced_passive(arrested) and not reduced_passive(verb(doc, "free"))
    assert [t.text for t in subject_heads(arrested, True)] == []
    assert "tourists" in [t.text for t in object_heads(arrested, True)]
    doc = nlp("There were five soldiers killed in Basra.")
    killed = verb(doc, "kill")
    assert reduced_passive(killed) and existential(killed.head)


def test_affiliation_names_whom_people_belong_to(nlp):
    doc = nlp("Militants loyal to the Iraqi government attacked the police.")
    assert [t.text for t in affiliation_heads(subject_heads(verb(doc, "attack"), False))] == ["government"]
    doc = nlp("Rebels backed by Iran attacked the police.")
    assert affiliation_heads(subject_heads(verb(doc, "attack"), False)) == []


def test_a_gerund_after_against_or_from_is_done_by_the_object(nlp):
    doc = nlp("China warned the United States against interfering in Hong Kong.")
    assert [t.text for t in subject_heads(verb(doc, "interfere"), False)] == ["States"]
    doc = nlp("Russia responded by attacking Ukraine.")
    assert [t.text for t in subject_heads(verb(doc, "attack"), False)] == ["Russia"]


def test_an_object_naming_no_one_does_not_control_the_gerund(nlp):
    doc = nlp("Turkey has spent millions for arming Syrian rebels.")
    assert "Turkey" in [t.text for t in subject_heads(verb(doc, "arm"), False)]
    doc = nlp("The United States warned Russia against interfering in Ukraine.")
    assert [t.text for t in subject_heads(verb(doc, "interfere"), False)] == ["Russia"]


def test_a_blast_place_on_the_verb_itself_is_listed_once(nlp):
    doc = nlp("A bomb exploded in Kabul.")
    exploded = verb(doc, "explode")
    assert [t.text for t in blast_places(subject_heads(exploded, False), exploded)] == ["Kabul"]
