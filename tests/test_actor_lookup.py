"""Tests for whodid.actor_lookup: `whodid actors` resolves texts (with context and date) to actor codes."""

from __future__ import annotations

import json

import pytest

from whodid.actor_lookup import plover_country, plover_sectors, resolve_lines, resolve_text
from whodid.actors import ActorDictionary, load_actor_dictionary
from whodid.options import Options
from whodid.records import Actor

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


# --- PLOVER sectors and countries, dates in words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "rule", "sectors"),
    [
        (("USAGOVMED", "USA", ("GOV", "MED")), "", ("GOV", "JRN")),  # CAMEO's media are PLOVER's journalists
        (("HLH", None, ("HLH",)), "", ("MED",)),  # CAMEO's health workers are PLOVER's medical
        (("UAF", None, ("UAF",)), "", ("PRM",)),
        (("PPL", None, ("PPL",)), "", ("CVL",)),
        (("GEOSEP", "GEO", ("SEP",)), "", ("PRE",)),
        (("SYRMIL", "SYR", ("MIL",)), "", ("MIL",)),
        (("UKR", "UKR", ()), "place:701822", ("CVL",)),  # a town named as an actor: its people
        (("UKR", "UKR", ()), "coun:1", ()),  # the country itself: no sector
    ],
)
def test_plover_sectors(actor: tuple, rule: str, sectors: tuple) -> None:
    code, country, own = actor
    assert plover_sectors(Actor(code, "x", country, own), rule) == sectors


@pytest.mark.parametrize(
    ("actor", "country"),
    [
        (("IGOUNO", None, ("IGO", "UNO")), "UNO"),
        (("IGOEUREEC", None, ("IGO", "EUR", "EEC")), "EUR"),
        (("IGOUNODEVWBK", None, ("IGO", "UNO", "DEV", "WBK")), "IGO"),  # a development bank: a plain IGO
        (("IGOWSTNAT", None, ("IGO", "WST", "NAT")), "IGO"),
        (("RUSGOV", "RUS", ("GOV",)), "RUS"),
        (("REB", None, ("REB",)), None),
    ],
)
def test_plover_country(actor: tuple, country: str | None) -> None:
    code, iso, own = actor
    assert plover_country(Actor(code, "x", iso, own)) == country


def test_date_written_out_is_read(nlp, dictionary: ActorDictionary) -> None:
    speaker = resolve_text("Jüri Ratas", None, "1 july 2021", nlp, dictionary)
    premier = resolve_text("Jüri Ratas", None, "2018-07-01", nlp, dictionary)
    assert speaker is not None and speaker.actor.code == "ESTLEG"  # speaker of the Riigikogu then
    assert premier is not None and premier.actor.code == "ESTGOV"


def test_title_before_a_surname_in_a_lookup(nlp, dictionary: ActorDictionary) -> None:
    mention = resolve_text("Deputy Secretary Blinken", None, "2016-03-01", nlp, dictionary)
    assert mention is not None and mention.actor.country == "USA" and "GOV" in mention.actor.sectors


def test_score_actors_on_a_small_gold_file(tmp_path) -> None:
    from whodid.evaluation import score_actors
    from whodid.resources import Resources

    rows = [
        {"method": "agent_to_code", "text": "Syrian army", "expected": {"country": "SYR", "code_1": "MIL"}},
        {"method": "agent_to_code", "text": "the European Union", "expected": {"country": "EUR"}},
        {"method": "agent_to_code", "text": "a cat", "expected": {"code": {"op": "Is", "value": None}}},
        {"method": "agent_to_code", "text": "John Smythe", "expected": {"country": {"op": "!=", "value": "GBR"}}},
        {"method": "agent_to_code", "text": "paramedic", "expected": {"code_1": "MED"}},
        {"method": "agent_to_code", "text": "x", "expected": {"country": "FRA"}, "pytest_marks": ["pytest.mark.skip"]},
        {"method": "query_wiki", "text": "Geneva", "expected": {"title": "Geneva"}},
    ]
    path = tmp_path / "ngec.jsonl"
    path.write_text("\n".join(json.dumps({"context": None, "date": None, **r}) for r in rows) + "\n")
    score = score_actors(path, Resources(Options()))
    assert (score.country_right, score.country_total) == (3, 3)
    assert (score.sector_right, score.sector_total) == (2, 2)
    assert (score.no_actor_right, score.no_actor_total) == (1, 1)
    assert score.not_applicable == {"query_wiki": 1, "marked skip/xfail by NGEC": 1}
    assert score.misses == []


def test_pronoun_read_in_its_context(nlp, dictionary: ActorDictionary) -> None:
    context = "Sergey Lavrov arrived in Geneva. He said the talks had failed."
    mention = resolve_text("he", context, "2016-12-03", nlp, dictionary)  # the word, not the "he" inside "the"
    assert mention is not None and mention.actor.code == "RUSGOV" and mention.text == "He"
    assert resolve_text("he", None, "2016-12-03", nlp, dictionary) is None  # alone it names no one


def test_plover_unknown_sector_for_a_country_inside_a_phrase() -> None:
    actor = Actor("IDN", "Indonesia", "IDN", ())
    assert plover_sectors(actor, "coun:7482+inside") == ("UNK",)
    assert plover_sectors(actor, "coun:7482") == ()
