"""Tests for the pipeline: one Outcome per input in order, dedupe by content hash, failures become Skipped."""

from __future__ import annotations

from dataclasses import replace

import pytest

import whodid.pipeline as pipeline
from whodid.clean import clean_document
from whodid.options import Options
from whodid.pipeline import Outcome, analyse, process
from whodid.records import TITLE_SENTENCE, Article, RawDocument, Skipped
from whodid.resources import Resources

TEXT_A = "China accused Japan of spying on its navy. Japan rejected the claim on Tuesday."
TEXT_B = "Russia condemned the attack on the Turkish embassy in Kabul."
TEXT_C = "France asked Iran to release the detained sailors at once."


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(Options())


def doc(doc_id: str, text: str) -> RawDocument:
    return RawDocument(doc_id, f"mem:{doc_id}", text, "text", date="2016-12-09")


def run(items, res: Resources, **kwargs) -> list[Outcome]:
    return list(process(items, res, **kwargs))


def test_one_result_per_document_in_order(res):
    outcomes = run([doc("a", TEXT_A), doc("b", TEXT_B), doc("c", TEXT_C)], res)
    assert [o.doc_id for o in outcomes] == ["a", "b", "c"]
    assert [o.origin for o in outcomes] == ["mem:a", "mem:b", "mem:c"]
    assert all(o.result is not None and o.skipped is None and o.duplicate_of is None for o in outcomes)
    assert outcomes[0].result.article.text == TEXT_A
    assert {e.root_code for e in outcomes[1].result.events} == {"11"}


def test_order_is_kept_across_batches(res):
    small = Resources(Options(batch_size=2))
    texts = [f"{TEXT_B} Report number {i} of the day." for i in range(5)]
    outcomes = run([doc(str(i), t) for i, t in enumerate(texts)], small)
    assert [o.doc_id for o in outcomes] == ["0", "1", "2", "3", "4"]
    assert [o.result.article.text for o in outcomes] == texts


def test_same_text_twice_is_a_duplicate_of_the_first(res):
    first, second = run([doc("a", TEXT_A), doc("a2", TEXT_A)], res)
    assert first.result is not None
    assert second.result is None and second.skipped is None
    assert second.doc_id == "a2"
    assert second.duplicate_of == first.result.article.article_id


def test_duplicate_detection_spans_batches(res):
    small = Resources(Options(batch_size=1))
    first, other, again = run([doc("a", TEXT_A), doc("b", TEXT_B), doc("a2", TEXT_A)], small)
    assert other.result is not None
    assert again.duplicate_of == first.result.article.article_id


def test_dedupe_off_codes_both(res):
    first, second = run([doc("a", TEXT_A), doc("a2", TEXT_A)], res, dedupe=False)
    assert first.result is not None and second.result is not None
    assert second.duplicate_of is None
    assert [e.event_id for e in first.result.events] == [e.event_id for e in second.result.events]


def test_known_ids_mark_stored_articles_as_duplicates(res):
    article = clean_document(doc("a", TEXT_A), res.options)
    assert isinstance(article, Article)
    known = {article.article_id}
    (outcome,) = run([doc("again", TEXT_A)], res, known=known)
    assert outcome.duplicate_of == article.article_id


def test_new_articles_are_added_to_known(res):
    known: set[str] = set()
    (outcome,) = run([doc("b", TEXT_B)], res, known=known)
    assert known == {outcome.result.article.article_id}


def test_skipped_inputs_pass_through_in_order(res):
    bad_first = Skipped("file1.bin", "binary", "not text", "file1")
    bad_last = Skipped("file2.txt", "empty", "nothing there", "file2")
    outcomes = run([bad_first, doc("a", TEXT_A), bad_last], res)
    assert [o.origin for o in outcomes] == ["file1.bin", "mem:a", "file2.txt"]
    assert outcomes[0].skipped is bad_first and outcomes[0].doc_id == "file1"
    assert outcomes[1].result is not None
    assert outcomes[2].skipped is bad_last


def test_too_short_text_is_skipped_by_the_cleaner(res):
    (outcome,) = run([doc("tiny", "Hi there.")], res)
    assert outcome.result is None
    assert outcome.skipped.reason == "empty"
    assert outcome.skipped.doc_id == "tiny"


def test_error_in_analysis_becomes_internal_error_and_the_run_goes_on(res, monkeypatch):
    real = pipeline.find_places

    def flaky(parsed, gazetteer):
        if "Kabul" in parsed.text:
            raise RuntimeError("gazetteer exploded")
        return real(parsed, gazetteer)

    monkeypatch.setattr(pipeline, "find_places", flaky)
    outcomes = run([doc("a", TEXT_A), doc("boom", TEXT_B), doc("c", TEXT_C)], res)
    assert [o.doc_id for o in outcomes] == ["a", "boom", "c"]
    assert outcomes[0].result is not None and outcomes[2].result is not None
    failed = outcomes[1].skipped
    assert failed is not None and outcomes[1].result is None
    assert failed.reason == "internal_error"
    assert failed.origin == "mem:boom" and failed.doc_id == "boom"
    assert "RuntimeError" in failed.detail and "gazetteer exploded" in failed.detail


def test_dedupe_off_codes_repeats_in_different_batches():
    one_per_batch = Resources(Options(batch_size=1))
    first, second = run([doc("a", TEXT_A), doc("a2", TEXT_A)], one_per_batch, dedupe=False)
    assert first.result is not None and second.result is not None
    assert second.result.article.article_id == first.result.article.article_id


def _break_quotes(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("no quotes today")

    monkeypatch.setattr(pipeline, "find_quotes", broken)


def test_failed_article_is_not_remembered_as_known(monkeypatch):
    _break_quotes(monkeypatch)
    known: set[str] = set()
    outcomes = run([doc("x", TEXT_B), doc("y", TEXT_B)], Resources(Options(batch_size=1)), known=known)
    assert [o.skipped.reason for o in outcomes] == ["internal_error", "internal_error"]
    assert all(o.duplicate_of is None for o in outcomes)
    assert known == set()


def test_copy_of_a_failed_article_in_the_same_batch_is_not_a_duplicate(res, monkeypatch):
    _break_quotes(monkeypatch)
    known: set[str] = set()
    outcomes = run([doc("x", TEXT_B), doc("y", TEXT_B)], res, known=known)
    assert [o.skipped.reason for o in outcomes] == ["internal_error", "internal_error"]
    assert all(o.duplicate_of is None and o.result is None for o in outcomes)
    assert outcomes[1].skipped.doc_id == "y"
    assert "mem:x" in outcomes[1].skipped.detail
    assert known == set()


def test_error_in_cleaning_becomes_clean_failed(res, monkeypatch):
    def broken(document, options):
        raise UnicodeError("cleaner broke")

    monkeypatch.setattr(pipeline, "clean_document", broken)
    (outcome,) = run([doc("a", TEXT_A)], res)
    assert outcome.skipped.reason == "clean_failed"
    assert "cleaner broke" in outcome.skipped.detail


def test_analyse_is_pure(res):
    article = clean_document(doc("a", TEXT_A), res.options)
    first = analyse(article, res.nlp(article.text), res)
    second = analyse(article, res.nlp(article.text), res)
    assert first.to_dict() == second.to_dict()
    assert [s.text for s in first.sentences] == [
        "China accused Japan of spying on its navy.",
        "Japan rejected the claim on Tuesday.",
    ]
    assert {m.actor.code for m in first.mentions} >= {"CHN", "JPN"}
    assert all(article.text[m.start : m.end] == m.text for m in first.mentions)


def titled(doc_id: str, title: str, text: str) -> RawDocument:
    return RawDocument(doc_id, f"mem:{doc_id}", text, "text", title=title, date="2016-12-03")


def test_the_headline_is_coded_as_its_own_sentence(res):
    body = "The talks in Geneva went on for hours on Friday. Officials said more meetings were planned."
    (outcome,) = run([titled("t", "Russia condemns Turkey; Erdogan demands apology", body)], res)
    headline = [e for e in outcome.result.events if e.sentence == TITLE_SENTENCE]
    found = {(e.root_code, e.source.actor.code if e.source else None) for e in headline}
    assert ("11", "RUS") in found and ("10", "TURGOV") in found
    event = next(e for e in headline if e.root_code == "11")
    assert event.evidence.sentence == "Russia condemns Turkey; Erdogan demands apology"
    start, end = event.evidence.trigger
    assert event.evidence.sentence[start:end] == "condemns"
    assert all(e.sentence >= 0 for e in outcome.result.events if e not in headline)


def test_a_headline_surname_takes_the_person_in_role_at_the_date(res):
    body = "Diplomats met in Geneva on Friday. The meeting lasted five hours and ended without a statement."
    (outcome,) = run([titled("k", "Kerry condemns the shelling of Aleppo", body)], res)
    (event,) = [e for e in outcome.result.events if e.sentence == TITLE_SENTENCE]
    assert event.source.actor.code == "USAGOV" and event.root_code == "11"


def test_a_headline_repeated_as_the_first_line_is_not_coded_twice(res):
    body = "Russia condemns Turkey. Officials in Moscow spoke of a grave provocation on Friday."
    article = replace(clean_document(titled("r", "Russia condemns Turkey", body), res.options), text=body)
    result = analyse(article, res.nlp(article.text), res, res.nlp(article.title))
    assert [e.root_code for e in result.events if e.root_code == "11"] == ["11"]
    assert all(e.sentence != TITLE_SENTENCE for e in result.events)
