"""Tests for event export: JSON lines, CSV and the rich table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from whodid.export import (
    CSV_COLUMNS,
    EVENT_FORMATS,
    LINKED_FORMATS,
    events_table,
    flatten_event,
    needs_links,
    write_events,
)
from whodid.records import Actor, ActorMention, Event, Evidence, Place

SENTENCE = "Kerry urged the Russians in Aleppo to [stop] the bombing of Ḩalab."


def make_event(event_id: str = "e1", code: str = "0256", **changes: object) -> dict:
    """A full event record built from the typed records, as `Event.to_dict()` gives it."""
    fields: dict = {
        "event_id": event_id,
        "article_id": "a1",
        "sentence": 3,
        "date": "2016-12-02",
        "date_basis": "explicit",
        "code": code,
        "base_code": code[:3],
        "root_code": code[:2],
        "quad_class": 1,
        "goldstein": 3.4,
        "plover_event": "REQUEST",
        "plover_mode": None,
        "source": ActorMention("Kerry", 0, 5, Actor("USAGOV", "John Kerry", "USA", ("GOV", "ELI")), "d"),
        "target": ActorMention("the Russians", 12, 24, Actor("RUS", "Russia", "RUS"), "d"),
        "evidence": Evidence(SENTENCE, (6, 11), (0, 5), (12, 24), "request.urge"),
        "location": Place("Aleppo", 28, 34, "Aleppo", 170063, 36.2, 37.16, "SYR", "city"),
        "confidence": 0.8,
    }
    fields.update(changes)
    return Event(**fields).to_dict()


def bare_event() -> dict:
    """An event without target, location, PLOVER or date; negated and intended."""
    return make_event(
        "e2", "190", target=None, location=None, plover_event=None, date=None, negated=True, modality="intent"
    )


def render(table, width: int = 200) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(table)
    return console.export_text()


def test_formats_registry() -> None:
    assert EVENT_FORMATS == ("table", "jsonl", "csv", "gdelt", "gdelt-mentions", "polecat", "plover")
    assert {"gdelt", "gdelt-mentions", "polecat", "plover"} == LINKED_FORMATS
    assert needs_links("gdelt") and not needs_links("csv")
    with pytest.raises(ValueError, match="choose one of table, jsonl, csv, gdelt, gdelt-mentions, polecat, plover"):
        write_events([], "xml", io.StringIO())


@pytest.mark.parametrize("fmt", ["gdelt", "gdelt-mentions", "plover"])
def test_exchange_formats_take_plain_records_too(fmt: str) -> None:
    """Without `Store.iter_events(linked=True)` each event stands for a world event of its own."""
    out = io.StringIO()
    assert write_events([make_event(), bare_event()], fmt, out) == (1 if fmt == "plover" else 2)
    lines = out.getvalue().splitlines()
    width = {"gdelt": 61, "gdelt-mentions": 16}
    assert all(len(line.split("\t")) == width[fmt] for line in lines) if fmt in width else json.loads(lines[0])


def test_jsonl_one_line_per_event_unicode_kept() -> None:
    events = [make_event(), bare_event()]
    out = io.StringIO()
    assert write_events(iter(events), "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == events
    assert "Ḩalab" in lines[0]  # not escaped to \\u sequences
    assert '"code": "0256"' in lines[0]


def test_csv_header_flat_columns_and_leading_zeros() -> None:
    out = io.StringIO()
    assert write_events([make_event(), bare_event()], "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    first, second = rows
    assert first["code"] == "0256" and first["base_code"] == "025" and first["root_code"] == "02"
    assert first["source_sectors"] == "GOV;ELI" and first["target_sectors"] == ""
    assert first["location_geonameid"] == "170063" and first["location_lat"] == "36.2"
    assert first["goldstein"] == "3.4" and first["negated"] == "false"
    assert first["rule"] == "request.urge" and first["evidence_sentence"] == SENTENCE
    assert second["target_code"] == "" and second["location_name"] == "" and second["date"] == ""
    assert second["plover_event"] == "" and second["negated"] == "true" and second["modality"] == "intent"


def test_csv_quotes_commas_and_newlines_in_text() -> None:
    tricky = 'He said, "stop"\nand left. Ünïcode'
    event = make_event(evidence=Evidence(tricky, (3, 7), None, None, "r"))
    out = io.StringIO()
    write_events([event], "csv", out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["evidence_sentence"] == tricky


def test_empty_input_writes_header_only_or_nothing() -> None:
    csv_out, jsonl_out, table_out = io.StringIO(), io.StringIO(), io.StringIO()
    assert write_events([], "csv", csv_out) == 0
    assert csv_out.getvalue() == ",".join(CSV_COLUMNS) + "\n"
    assert write_events([], "jsonl", jsonl_out) == 0
    assert jsonl_out.getvalue() == ""
    assert write_events([], "table", table_out) == 0
    assert "0 events" in table_out.getvalue()


def test_flatten_event_spreads_nested_fields() -> None:
    row = flatten_event(make_event())
    assert set(row) == set(CSV_COLUMNS)
    assert row["source_name"] == "John Kerry" and row["source_sectors"] == ["GOV", "ELI"]
    assert row["target_country"] == "RUS" and row["plover_event"] == "REQUEST"
    assert row["location_country"] == "SYR" and row["location_lon"] == 37.16


def test_table_shows_codes_names_trigger_and_flags() -> None:
    table = events_table([make_event(), bare_event()], code_names={"0256": "Appeal for de-escalation"})
    text = render(table)
    assert table.row_count == 2
    assert "0256 Appeal for de-escalation" in text
    assert "USAGOV" in text and "RUS" in text and "Aleppo" in text and "REQUEST" in text
    assert "urged" in text  # trigger cut from the evidence sentence
    assert "[stop]" in text  # brackets in news text are not rich markup
    assert "negated, intent" in text
    assert "2 events" in text


def test_table_limit_and_truncated_sentence() -> None:
    long_sentence = "Kerry urged " + "very " * 40 + "long talks."
    events = [make_event(f"e{i}", evidence=Evidence(long_sentence, (6, 11), None, None, "r")) for i in range(5)]
    table = events_table(iter(events), limit=3)
    text = render(table, width=250)
    assert table.row_count == 3
    assert "first 3 shown; more not shown" in text
    assert "…" in text and "long talks." not in text


def test_table_written_through_write_events() -> None:
    out = io.StringIO()
    assert write_events([make_event()], "table", out, code_names={"0256": "Appeal"}) == 1
    assert "0256 Appeal" in out.getvalue()
