"""Tests for whodid.actor_lookup: `whodid actors` resolves texts (with context and date) to actor codes."""

from __future__ import annotations

import json

import pytest

from whodid.actor_lookup import resolve_lines, resolve_text
from whodid.actors import ActorDictionary, load_actor_dictionary
from whodid.options import Options

CONTEXT = "Russian Foreign Minister Lavrov met John Kerry in Geneva."


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_actor_dictionary()


def test_text_alone(nlp, dictionary: ActorDictionary) -> None:
    mention = resolve_text("the Syrian army", None, None, nlp, dictionary)
    assert mention is not None
    assert mention.actor.code == "SYRMIL"
    assert mention.text == "Syrian army" and (mention.start, mention.end) == (4, 15)


def test_text_read_inside_its_context(nlp, dictionary: ActorDictionary) -> None:
    context = "Rebels fought the Syrian army near Aleppo."
    mention = resolve_text("the Syrian army", context, None, nlp, dictionary)
    assert mention is not None and mention.actor.code == "SYRMIL"
    assert context[mention.start : mention.end] == "Syrian army"  # offsets index the context


def test_context_that_does_not_contain_the_text_is_ignored(nlp, dictionary: ActorDictionary) -> None:
    mention = resolve_text("Hungary", "A sentence about something else.", None, nlp, dictionary)
    assert mention is not None and mention.actor.code == "HUN"
    assert (mention.start, mention.end) == (0, 7)


def test_context_keeps_apart_the_named_actor(nlp, dictionary: ActorDictionary) -> None:
    context = "Hungary, the US said, would not join."
    mention = resolve_text("Hungary", context, None, nlp, dictionary)
    assert mention is not None and mention.actor.code == "HUN"


def test_date_selects_the_role(nlp, dictionary: ActorDictionary) -> None:
    def code(date: str | None) -> str:
        mention = resolve_text("John Kerry", None, date, nlp, dictionary)
        assert mention is not None
        return mention.actor.code

    assert code("2014-01-01") == "USAGOV"  # Secretary of State
    assert code("2005-01-01") == "USAGOVLEG"  # Senator
    assert code(None) == "USAGOV"  # the current role


def test_dated_role_with_the_full_title(nlp, dictionary: ActorDictionary) -> None:
    mention = resolve_text("Russian Foreign Minister Lavrov", CONTEXT, "2016-01-01", nlp, dictionary)
    assert mention is not None and mention.actor.code == "RUSGOV"
    assert mention.actor.name == "Sergey Lavrov"


@pytest.mark.parametrize("text", ["the weather", "", "   "])
def test_no_actor(nlp, dictionary: ActorDictionary, text: str) -> None:
    assert resolve_text(text, None, None, nlp, dictionary) is None


def test_context_never_loses_an_actor_the_text_alone_names(nlp, dictionary: ActorDictionary) -> None:
    alone = resolve_text("Lavrov", None, "2016-01-01", nlp, dictionary)
    assert alone is not None and alone.actor.code == "RUSGOV"
    inside = resolve_text("Lavrov", CONTEXT, "2016-01-01", nlp, dictionary)
    assert inside is not None and inside.actor.code == "RUSGOV"


def test_text_inside_a_longer_dictionary_match(nlp, dictionary: ActorDictionary) -> None:
    mention = resolve_text("US", "The US warned Iran on Monday.", None, nlp, dictionary)
    assert mention is not None and mention.actor.code == "USA"


# --- resolve_lines ----------------------------------------------------------------------------------------


def run(lines: list[str]) -> list[dict]:
    return list(resolve_lines(lines, Options()))


def test_resolve_lines_outputs_one_record_per_line_in_order() -> None:
    lines = [
        json.dumps({"id": "a", "text": "the Syrian army"}),
        "",
        "not json {",
        json.dumps({"id": "c"}),
        json.dumps([1, 2]),
        json.dumps({"id": "e", "text": 5}),
        "null",
        json.dumps({"id": "g", "text": "the weather"}),
        json.dumps({"id": "h", "text": "Hungary", "context": 7, "date": 20}),
    ]
    out = run(lines)
    assert len(out) == len(lines)
    assert out[0] == {
        "id": "a",
        "text": "the Syrian army",
        "code": "SYRMIL",
        "name": out[0]["name"],
        "country": "SYR",
        "sectors": ["MIL"],
    }
    assert [(r["id"], r["line"], r["error"]["reason"]) for r in out[1:7]] == [
        (None, 2, "empty_line"),
        (None, 3, "bad_json"),
        ("c", 4, "no_text"),
        (None, 5, "no_text"),
        ("e", 6, "no_text"),
        (None, 7, "no_text"),
    ]
    assert all(r["error"]["detail"] for r in out[1:7])
    assert out[7] == {"id": "g", "text": "the weather", "code": None, "name": None, "country": None, "sectors": []}
    assert out[8]["id"] == "h" and out[8]["code"] == "HUN"  # a non-string context or date is ignored


def test_resolve_lines_reads_context_and_date() -> None:
    lines = [
        json.dumps({"id": 1, "text": "John Kerry", "date": "2005-01-01"}),
        json.dumps({"id": 2, "text": "John Kerry", "date": "2014-01-01"}),
        json.dumps({"id": 3, "text": "John Kerry", "date": "not a date"}),  # unreadable: no date
        json.dumps({"id": 4, "text": "Russian Foreign Minister Lavrov", "context": CONTEXT, "date": "today"}),
    ]
    out = run(lines)
    assert [r["code"] for r in out] == ["USAGOVLEG", "USAGOV", "USAGOV", "RUSGOV"]
    assert out[3]["country"] == "RUS" and out[3]["sectors"] == ["GOV"]


def test_resolve_lines_is_lazy_and_accepts_any_iterable() -> None:
    records = resolve_lines(iter(["", json.dumps({"id": 1, "text": "Hungary"})]), Options())
    assert next(records)["error"]["reason"] == "empty_line"
    assert next(records)["code"] == "HUN"
    with pytest.raises(StopIteration):
        next(records)


def test_resolve_lines_reads_compact_dates() -> None:
    (record,) = run([json.dumps({"id": 1, "text": "John Kerry", "date": "20050101"})])
    assert record["code"] == "USAGOVLEG"
