"""Gold sets: the dev gold files in ../shared/gold read into one common shape for scoring."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whodid.dictionaries import parse_date as parse_tabari_date
from whodid.ingest import normalise_input_date

# PLOVER 0.5 (2016, the gold standard records) renamed or merged some event types in later PLOVER versions,
# which is what whodid emits (via CAMEO2PLOVER). Gold types are mapped forward before scoring.
PLOVER_05_TO_CURRENT = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A gold event: its type (PLOVER event or CAMEO code) and, when coded, actor codes."""

    code: str
    source: str | None = None
    target: str | None = None


@dataclass(slots=True)
class GoldItem:
    """A gold sentence (or short text) with its events."""

    id: str
    text: str
    date: str | None
    events: list[GoldEvent] = field(default_factory=list)
    relevant: bool | None = None  # annotators' majority: does the sentence hold a political event at all?
    any_codes: frozenset[str] = frozenset()  # every code any annotator chose (ConfliBERT roots)


@dataclass(slots=True)
class GoldSet:
    """One gold file: its items, what its codes are, and whether its actors can be scored."""

    name: str
    file: str
    kind: str  # "plover" | "cameo" | "cameo-root"
    counted: str  # what is counted, for the report
    items: list[GoldItem]
    actors: bool  # source/target codes are real-world actor codes we can compare by country
    licence: str = ""
    options: dict = field(default_factory=dict)  # Options changes the set needs (e.g. its own dictionaries)


def iso_date(raw: object) -> str | None:
    """Gold dates come as YYYYMMDD, YYMMDD (TABARI), YYYY-MM-DD or null."""
    if not isinstance(raw, str):
        return None
    return normalise_input_date(raw) or parse_tabari_date(raw.strip())


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _events(row: dict, code: Callable[[str], str]) -> list[GoldEvent]:
    return [
        GoldEvent(code(e["code"]), e.get("source"), e.get("target")) for e in row.get("events", []) if e.get("code")
    ]


def _items(rows: list[dict], code: Callable[[str], str] = str) -> list[GoldItem]:
    return [GoldItem(str(r["id"]), r["text"], iso_date(r.get("date")), _events(r, code)) for r in rows]


def load_plover(path: Path) -> GoldSet:
    items = _items(_rows(path), lambda c: PLOVER_05_TO_CURRENT.get(c, c))
    counted = (
        "PLOVER event type per sentence (gold PLOVER 0.5 types mapped to current names: DEMAND->REQUEST, "
        "DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT); source/target country = first 3 letters of the "
        "gold actor code when it is a country"
    )
    return GoldSet("PLOVER GSR (CAMEO-derived)", path.name, "plover", counted, items, True, "CC BY-SA 4.0")


def load_cameo_manual(path: Path) -> GoldSet:
    counted = "CAMEO code of the example (one per item, no actors); scored at root (2-digit) and full code"
    return GoldSet("CAMEO manual examples", path.name, "cameo", counted, _items(_rows(path)), False)


def load_conflibert(path: Path) -> GoldSet:
    rows = _rows(path)
    items = _items(rows)
    for item, row in zip(items, rows, strict=True):
        item.relevant = row.get("relevant_majority")
        item.any_codes = frozenset(
            action["root_code"]
            for note in row.get("annotations", [])
            for action in note.get("actions", [])
            if action.get("root_code")
        )
    counted = "CAMEO root codes chosen by a majority of annotators (items with none count as no-event)"
    return GoldSet("ConfliBERT CAMEO annotations", path.name, "cameo-root", counted, items, False)


def load_petr2_gsr(path: Path) -> GoldSet:
    rows = [r for r in _rows(path) if r.get("evaluate", True)]
    counted = "CAMEO code (root and full) with real actor codes (silver: PETRARCH-2 output, partly hand-fixed)"
    return GoldSet("PETRARCH-2 GSR validation (silver)", path.name, "cameo", counted, _items(rows), True, "MIT")


def load_validation_suite(path: Path) -> GoldSet:
    """PETRARCH's (or UniversalPetrarch's) validation records, coded with the suite's own dictionaries."""
    rows = [r for r in _rows(path) if r.get("evaluate", True) and not r.get("error_expected")]
    folder = path.parent / "validation_dictionaries"
    files = rows[0]["dictionaries"] if rows else {}
    options = {
        "actor_files": tuple(str(folder / f) for f in files.get("Actorfile", "").split(",") if f),
        "agent_files": tuple(str(folder / f) for f in files.get("Agentfile", "").split(",") if f),
        "verb_file": str(folder / files["Verbfile"]) if files.get("Verbfile") else None,
        "own_dictionaries_only": True,
        # PETRARCH's own suite codes in WEIS ("most of the codes are WEIS, not CAMEO", its verb file says)
        "cameo_verb_codes": "udpetr" in path.name,
    }
    name = "UniversalPetrarch validation 2.02" if "udpetr" in path.name else "PETRARCH unit tests"
    counted = (
        "the suite's expected (source, target, code) per sentence, whodid run with the suite's own actor, agent "
        "and verb dictionaries (`--actors/--agents/--verbs`, fictional actors); codes compared exactly; records "
        "marked `evaluate: false` or expecting a discard/error are left out"
    )
    return GoldSet(name, path.name, "validation", counted, _items(rows), False, "MIT", options)


LOADERS: dict[str, Callable[[Path], GoldSet]] = {
    "plover_gsr_cameo.jsonl": load_plover,
    "petr2_gsr_validation.jsonl": load_petr2_gsr,
    "cameo_manual_examples.jsonl": load_cameo_manual,
    "confliBERT_cameo_annotations.jsonl": load_conflibert,
    "petr_unittest_records.jsonl": load_validation_suite,
    "udpetr_validate_records_2_02.jsonl": load_validation_suite,
}


def load_gold_sets(gold_dir: Path) -> list[GoldSet]:
    """Every event gold file whodid can score with its own dictionaries, in a fixed order."""
    return [loader(gold_dir / name) for name, loader in LOADERS.items() if (gold_dir / name).is_file()]
