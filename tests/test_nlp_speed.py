"""Tests for the speed settings: numpy's BLAS in the pipeline's layers (the same parse as spaCy's default kernels,
on one thread) and loaded objects kept out of the garbage collector's way."""

from __future__ import annotations

import pytest
import spacy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from whodid.benchmark import sample_texts
from whodid.nlp import use_numpy_blas
from whodid.options import DEFAULT_MODEL


def annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    original = spacy.load(DEFAULT_MODEL)
    switched = spacy.load(DEFAULT_MODEL)
    assert use_numpy_blas(switched) > 0
    return original, switched


def layers(nlp) -> list:
    return [node for _, pipe in nlp.pipeline if getattr(pipe, "model", None) is not None for node in pipe.model.walk()]


def test_every_cpu_layer_uses_numpy_and_a_second_call_changes_nothing(pipelines):
    original, switched = pipelines
    assert all(node.ops.use_blis for node in layers(original))  # spaCy's default, left alone
    assert {type(node.ops) for node in layers(switched)} == {NumpyOps}
    assert not any(node.ops.use_blis for node in layers(switched))
    assert use_numpy_blas(switched) == 0


def test_same_parse_token_for_token(pipelines):
    original, switched = pipelines
    texts = [text for _, text in sample_texts()]
    for a, b in zip(original.pipe(texts), switched.pipe(texts), strict=True):
        assert annotations(a) == annotations(b)


def test_blas_is_held_to_one_thread(pipelines):
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


def test_settled_objects_are_out_of_the_collectors_reach_until_exit():
    import gc

    from whodid.resources import settle_loaded

    try:
        settle_loaded()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_warm_up_loads_everything_and_gives_the_collector_its_thresholds_back():
    import gc

    from whodid.options import Options
    from whodid.resources import Resources

    before = gc.get_threshold()
    res = Resources(Options())
    res.warm_up()
    assert gc.get_threshold() == before
    assert {"nlp", "gazetteer", "tools", "event_filter"} <= set(vars(res))  # cached_property values
