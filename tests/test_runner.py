"""Tests for runs into a store: counts, and a record the store cannot take does not stop the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from whodid import store_rows as store_module
from whodid.options import Options
from whodid.records import RawDocument, Skipped
from whodid.resources import Resources
from whodid.runner import run_into_store
from whodid.store import Store

TEXTS = [
    "Russia condemned the attack on Ukraine on Monday.",
    "France urged Iran to release the detained journalists.",
    "Egyptian police arrested two opposition leaders in Cairo.",
]


def docs(texts: list[str]) -> list[RawDocument | Skipped]:
    return [RawDocument(f"d{i}", f"mem:{i}", text, "text", date="2024-03-04") for i, text in enumerate(texts)]


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(Options())


def test_run_counts_and_is_idempotent(tmp_path: Path, res: Resources) -> None:
    with Store(tmp_path / "a.duckdb") as store:
        first = run_into_store(docs(TEXTS), store, res)
        second = run_into_store(docs(TEXTS), store, res)
        counts = store.counts()
    assert (first.documents, first.stored, first.duplicates) == (3, 3, 0)
    assert first.events >= 3
    assert (second.stored, second.duplicates, second.events) == (0, 3, 0)
    assert counts["articles"] == 3 and counts["events"] == first.events


def test_a_record_the_store_cannot_take_is_skipped_and_the_run_goes_on(
    tmp_path: Path, res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_module._article_row

    def fussy(result, run_id, now):  # the store chokes on one article only
        if "France" in result.article.text:
            raise ValueError("cannot take this one")
        return real(result, run_id, now)

    monkeypatch.setattr(store_module, "_article_row", fussy)
    with Store(tmp_path / "b.duckdb") as store:
        summary = run_into_store(docs(TEXTS), store, res)
        skipped = store.skipped_inputs()
        counts = store.counts()
    assert summary.stored == 2 and counts["articles"] == 2
    assert summary.skipped["store_failed"] == 1
    assert [(s["origin"], s["reason"]) for s in skipped] == [("mem:1", "store_failed")]
    assert "cannot take this one" in skipped[0]["detail"]


def test_a_lone_article_the_store_cannot_take_is_skipped(
    tmp_path: Path, res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args):
        raise ValueError("no")

    monkeypatch.setattr(store_module, "_article_row", refuse)
    with Store(tmp_path / "c.duckdb") as store:
        summary = run_into_store(docs(TEXTS[:1]), store, res)
    assert (summary.stored, summary.skipped["store_failed"]) == (0, 1)
