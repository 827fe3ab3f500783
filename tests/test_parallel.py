"""Tests for parallel runs: worker processes give the same outcomes, in the same order, as one process."""

from __future__ import annotations

import pytest

import whodid.pipeline as pipeline
from whodid.options import Options
from whodid.pipeline import process
from whodid.records import RawDocument
from whodid.resources import Resources

TEXTS = [
    "China accused Japan of spying on its navy. Japan rejected the claim on Tuesday.",
    "Russia condemned the attack on the Turkish embassy in Kabul.",
    "France asked Iran to release the detained sailors at once.",
    "Kenya and Ethiopia signed an agreement on Monday to expand electricity trade.",
    "Police in Lyon detained 32 protesters after clashes near the town hall.",
]


def docs() -> list[RawDocument]:
    items = [RawDocument(f"d{i}", f"mem:d{i}", text, "text", date="2016-12-09") for i, text in enumerate(TEXTS)]
    copies = [RawDocument("copy", "mem:copy", TEXTS[0], "text", date="2016-12-09")]  # a later batch's copy
    return [*items, *copies]


def summary(outcomes) -> list[tuple]:
    return [
        (
            o.doc_id,
            o.duplicate_of,
            o.skipped.reason if o.skipped else None,
            tuple((e.code, e.source and e.source.actor.code, e.target and e.target.actor.code) for e in o.result.events)
            if o.result
            else None,
        )
        for o in outcomes
    ]


@pytest.fixture(scope="module")
def one_process():
    return summary(process(docs(), Resources(Options(batch_size=2, near_duplicate_threshold=0))))


def test_workers_give_the_same_outcomes_in_the_same_order(one_process):
    res = Resources(Options(batch_size=2, near_duplicate_threshold=0, workers=2))
    assert summary(process(docs(), res)) == one_process
    assert one_process[-1][1] is not None  # the copy is a duplicate of the first article


def test_extract_mode_codes_every_line_in_workers(one_process):
    res = Resources(Options(batch_size=2, workers=2))
    outcomes = list(process(docs(), res, dedupe=False))
    assert [o.doc_id for o in outcomes] == [d.doc_id for d in docs()]
    assert all(o.result is not None for o in outcomes)


def test_a_failure_in_a_worker_is_recorded_and_its_copy_skipped(monkeypatch):
    real = pipeline.analyse

    def flaky(article, doc, res, title_doc=None):
        if "spying" in article.text:
            raise RuntimeError("coder broke")
        return real(article, doc, res, title_doc)

    monkeypatch.setattr(pipeline, "analyse", flaky)  # forked workers inherit the patch
    res = Resources(Options(batch_size=2, near_duplicate_threshold=0, workers=2))
    outcomes = list(process(docs(), res))
    assert outcomes[0].skipped is not None and outcomes[0].skipped.reason == "internal_error"
    assert outcomes[-1].skipped is not None and "which failed" in outcomes[-1].skipped.detail
    assert all(o.result is not None for o in outcomes[1:-1])
