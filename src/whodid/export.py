"""Write event records (DESIGN.md shape) out as JSON lines, CSV or a readable table."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from whodid.formats import FORMAT_WRITERS

Record = dict[str, Any]
CodeNames = Mapping[str, str] | None
# A format writer: (events, out, code names for human-readable formats) -> number of events written.
EventWriter = Callable[[Iterable[Record], TextIO, CodeNames], int]

_TOP_FIELDS = (
    *("event_id", "article_id", "sentence", "date", "date_basis"),
    *("code", "base_code", "root_code", "quad_class", "goldstein"),
)
_ACTOR_FIELDS = ("text", "code", "name", "country", "sectors")
_LOCATION_FIELDS = ("name", "geonameid", "lat", "lon", "country")
_QUALIFIER_FIELDS = ("negated", "modality", "quoted", "confidence")
CSV_COLUMNS: tuple[str, ...] = (
    *_TOP_FIELDS,
    *("plover_event", "plover_mode"),
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    *(f"location_{f}" for f in _LOCATION_FIELDS),
    *_QUALIFIER_FIELDS,
    *("rule", "evidence_sentence"),
)
SENTENCE_WIDTH = 80  # characters of the sentence shown in the table
FILE_TABLE_WIDTH = 180  # table width when writing to a file or pipe (a terminal uses its own width)
NO_VALUE = "-"


def flatten_event(event: Record) -> Record:
    """An event record as one flat row keyed by `CSV_COLUMNS` (nested values spread out, lists kept)."""
    row: Record = {key: event.get(key) for key in _TOP_FIELDS}
    plover = event.get("plover") or {}
    row["plover_event"] = plover.get("event")
    row["plover_mode"] = plover.get("mode")
    for role in ("source", "target"):
        actor = event.get(role) or {}
        row.update({f"{role}_{f}": actor.get(f) for f in _ACTOR_FIELDS})
    location = event.get("location") or {}
    row.update({f"location_{f}": location.get(f) for f in _LOCATION_FIELDS})
    row.update({key: event.get(key) for key in _QUALIFIER_FIELDS})
    evidence = event.get("evidence") or {}
    row["rule"] = evidence.get("rule")
    row["evidence_sentence"] = evidence.get("sentence")
    return row


def _csv_cell(value: Any) -> Any:
    """A value as CSV text: empty for None, lowercase booleans as in JSON, lists joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def _write_jsonl(events: Iterable[Record], out: TextIO, code_names: CodeNames = None) -> int:
    """One event JSON object per line, non-ASCII text kept as is."""
    count = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(events: Iterable[Record], out: TextIO, code_names: CodeNames = None) -> int:
    """A header row, then one flat row per event (`CSV_COLUMNS`); codes stay text ("0256")."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for event in events:
        row = flatten_event(event)
        writer.writerow([_csv_cell(row[column]) for column in CSV_COLUMNS])
        count += 1
    return count


def _write_table(events: Iterable[Record], out: TextIO, code_names: CodeNames = None) -> int:
    """The events as a rich table, rendered to `out` (plain text when `out` is not a terminal)."""
    table = events_table(events, code_names=code_names)
    width = None if out.isatty() else FILE_TABLE_WIDTH
    Console(file=out, width=width).print(table)
    return table.row_count


_WRITERS: dict[str, EventWriter] = {
    **{"table": _write_table, "jsonl": _write_jsonl, "csv": _write_csv},
    **FORMAT_WRITERS,  # gdelt, gdelt-mentions, polecat, plover (whodid.formats)
}
EVENT_FORMATS: tuple[str, ...] = tuple(_WRITERS)
# Formats that need each record's article, mention and world event: read them with
# `Store.iter_events(linked=True)` (without it they still work, each event standing for its own world event).
LINKED_FORMATS: frozenset[str] = frozenset(FORMAT_WRITERS)


def needs_links(fmt: str) -> bool:
    """Whether format `fmt` wants records from `Store.iter_events(linked=True)`."""
    return fmt in LINKED_FORMATS


def write_events(events: Iterable[Record], fmt: str, out: TextIO, *, code_names: CodeNames = None) -> int:
    """Write events to `out` in format `fmt` (one of `EVENT_FORMATS`); returns how many were written.

    `code_names` (CAMEO code -> name) is used by the human-readable formats only.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown event format {fmt!r}: choose one of {', '.join(EVENT_FORMATS)}")
    return writer(events, out, code_names)


def _trigger_text(event: Record) -> str:
    """The trigger words, cut from the evidence sentence by their offsets."""
    evidence = event.get("evidence") or {}
    span = evidence.get("trigger")
    sentence = evidence.get("sentence") or ""
    if not span or len(span) != 2:
        return ""
    return sentence[span[0] : span[1]]


def _shorten(text: str, width: int = SENTENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _code_cell(event: Record, code_names: CodeNames) -> str:
    code = event.get("code") or ""
    name = (code_names or {}).get(code)
    return f"{code} {name}" if name else code


def _plover_cell(event: Record) -> str:
    plover = event.get("plover") or {}
    if not plover.get("event"):
        return NO_VALUE
    return f"{plover['event']} ({plover['mode']})" if plover.get("mode") else plover["event"]


def _flags_cell(event: Record) -> str:
    """Qualifiers a reader must not miss: negation, non-actual modality, quotation."""
    flags = []
    if event.get("negated"):
        flags.append("negated")
    if event.get("modality") not in (None, "actual"):
        flags.append(event["modality"])
    if event.get("quoted"):
        flags.append("quoted")
    return ", ".join(flags)


def _table_cells(event: Record, code_names: CodeNames) -> list[Text]:
    """One table row; every cell is plain Text so brackets in news text are never read as markup."""
    source = event.get("source") or {}
    target = event.get("target") or {}
    location = event.get("location") or {}
    sentence = (event.get("evidence") or {}).get("sentence") or ""
    cells = [
        event.get("date") or NO_VALUE,
        _code_cell(event, code_names),
        source.get("code") or NO_VALUE,
        target.get("code") or NO_VALUE,
        _plover_cell(event),
        location.get("name") or NO_VALUE,
        _trigger_text(event),
        _shorten(sentence),
        _flags_cell(event),
    ]
    return [Text(str(cell)) for cell in cells]


def events_table(events: Iterable[Record], *, limit: int | None = None, code_names: CodeNames = None) -> Table:
    """A readable table of events (at most `limit` rows; the caption says when more were left out).

    `code_names` maps CAMEO codes to short names shown next to the code (pass the CAMEO table).
    """
    table = Table(title="Events", show_lines=False, header_style="bold")
    for header in ("Date", "Code", "Source", "Target", "PLOVER", "Location", "Trigger"):
        table.add_column(header, no_wrap=header in ("Date", "Source", "Target"))
    table.add_column("Sentence", overflow="fold")
    table.add_column("Flags")
    more = False
    for event in events:
        if limit is not None and table.row_count >= limit:
            more = True
            break
        table.add_row(*_table_cells(event, code_names))
    noun = "event" if table.row_count == 1 else "events"
    table.caption = f"{table.row_count} {noun}" + (f" (first {limit} shown; more not shown)" if more else "")
    return table
