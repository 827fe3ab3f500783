"""Tests for the fast attribute rules: token for token the same output as spaCy's own attribute_ruler."""

from __future__ import annotations

import pytest
import spacy

from whodid.benchmark import sample_texts
from whodid.options import DEFAULT_MODEL
from whodid.tagging import FastAttributes, UnsupportedRule, use_fast_attributes, use_fast_lemmas

TRICKY = (
    "We ain't gonna go. Y'all gotta let's c'mon. There is a man. I gave it to you, but he left. "
    "It rained. Did they? They did have it.\n\n  Done"
)


def annotations(doc) -> list[tuple[str, ...]]:
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    original = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    assert use_fast_attributes(fast)
    return original, fast


def test_the_fast_rules_replace_the_ruler(pipelines):
    _, fast = pipelines
    assert "whodid_attributes" in fast.pipe_names and "attribute_ruler" not in fast.pipe_names


def test_same_output_token_for_token(pipelines):
    original, fast = pipelines
    texts = [text for _, text in sample_texts()] + [TRICKY]
    for a, b in zip(original.pipe(texts), fast.pipe(texts), strict=True):
        assert annotations(a) == annotations(b)


def test_a_rule_it_cannot_apply_is_refused():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"POS": "NOUN"})
    with pytest.raises(UnsupportedRule):
        FastAttributes(ruler)
    assert not use_fast_attributes(nlp) and "attribute_ruler" in nlp.pipe_names


def test_fast_lemmas_give_the_lemmatizer_s_own_lemmas():
    original = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    assert use_fast_attributes(fast) and use_fast_lemmas(fast)
    assert "whodid_lemmas" in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    texts = [text for _, text in sample_texts()] + [TRICKY, "The Lemmas were struck; geese went."]
    for a, b in zip(original.pipe(texts), fast.pipe(texts), strict=True):
        assert annotations(a) == annotations(b)


def test_fast_lemmas_refuse_a_pipeline_without_a_lemmatizer():
    assert not use_fast_lemmas(spacy.blank("en"))
