"""Tests for decoding.py: the parser and NER decoded from Python give spaCy's own parse, token for token."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from whodid.benchmark import sample_texts
from whodid.decoding import SUBBATCH, decode_held, decodes_held, parse_held, pipe_held
from whodid.nlp import load_nlp, parse_articles
from whodid.options import DEFAULT_MODEL


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(DEFAULT_MODEL)


def prepared(nlp, texts: list[str], upto: str) -> list[Doc]:
    """`texts` run through the pipeline's components before `upto`."""
    docs = [nlp.make_doc(text) for text in texts]
    for name, proc in nlp.pipeline:
        if name == upto:
            break
        docs = [proc(doc) for doc in docs]
    return docs


def arcs(doc: Doc) -> list[tuple]:
    return [(t.head.i, t.dep_, t.is_sent_start) for t in doc]


def entities(doc: Doc) -> list[tuple]:
    return [(t.ent_iob_, t.ent_type_) for t in doc]


TEXTS = [
    "Lavrov demanded that Washington present a timetable for the militants' withdrawal from eastern Aleppo.",
    "",
    "   ",
    "Kerry met Lavrov in Geneva on Friday. They agreed on a ceasefire, the State Department said.",
    "The Syrian army captured the district. Rebels were attacked by government forces near Deir Ezzor.",
]


@pytest.mark.parametrize(("name", "read"), [("parser", arcs), ("ner", entities)])
def test_same_annotations_as_spacy_own_decoding(nlp, name, read):
    component = nlp.get_pipe(name)
    assert decodes_held(component)
    texts = TEXTS + [text for _, text in sample_texts()]
    ours, theirs = prepared(nlp, texts, name), prepared(nlp, texts, name)
    component.set_annotations(ours, decode_held(component, ours))
    for doc in theirs:
        component.set_annotations([doc], component.predict([doc]))
    assert [read(doc) for doc in ours] == [read(doc) for doc in theirs]


def test_pipe_keeps_order_across_sorted_subbatches(nlp):
    component = nlp.get_pipe("ner")
    texts = [f"{'The talks went on. ' * (i % 7)}Putin met Erdogan in Ankara." for i in range(3 * SUBBATCH + 5)]
    docs = prepared(nlp, texts, "ner")
    out = list(pipe_held(component, docs, batch_size=2 * SUBBATCH))
    assert [doc.text for doc in out] == texts
    assert all(("Putin", "PERSON") in {(e.text, e.label_) for e in doc.ents} for doc in out)


def test_only_greedy_transition_components_on_cpu(nlp):
    assert not decodes_held(nlp.get_pipe("tagger"))
    assert not decodes_held(object())


def test_parse_articles_matches_the_whole_spacy_pipeline(nlp):
    texts = [text for _, text in sample_texts()][:4]
    ours = parse_articles(texts, nlp)
    theirs = list(nlp.pipe(texts))
    assert [arcs(doc) + entities(doc) for doc in ours] == [arcs(doc) + entities(doc) for doc in theirs]


def test_parse_held_gives_what_nlp_pipe_gives(nlp):
    texts = TEXTS + [text for _, text in sample_texts()]
    ours = list(parse_held(nlp, texts, batch_size=4))
    theirs = list(nlp.pipe(texts, batch_size=4))
    assert [doc.text for doc in ours] == texts
    assert [arcs(d) + entities(d) + [(t.tag_, t.lemma_) for t in d] for d in ours] == [
        arcs(d) + entities(d) + [(t.tag_, t.lemma_) for t in d] for d in theirs
    ]
