"""`whodid actors`: resolve actor texts (with optional context and date) to codes, one JSON line each."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language

from whodid.actor_phrases import resolve_span_actor
from whodid.actors import ActorDictionary, find_matches, merge_matches, place_matches
from whodid.coref import resolve_coreferences
from whodid.dates import parse_date
from whodid.ingest import normalise_input_date
from whodid.options import Options
from whodid.places import Gazetteer, find_places
from whodid.records import Actor, ActorMention
from whodid.resources import Resources

# CAMEO/Phoenix agent codes -> PLOVER (POLECAT) sector codes, where the two differ. CAMEO's MED is the media
# (PLOVER: JRN, journalists) and HLH health (PLOVER: MED, medical); Phoenix's PPL (people) are civilians; UAF
# (unidentified armed forces: militias, gunmen) are PLOVER's paramilitaries; SEP marks breakaway states and their
# forces (PLOVER: PRE, pre-state); INS (insurgents) are rebels; a multinational is a business; human-rights and
# other civil-society groups are SOC. Every other code (GOV, MIL, REB, OPP, PTY, COP, JUD, SPY, LEG, ELI, CVL,
# BUS, CRM, EDU, REF, AGR, LAB, ENV, IGO, NGO, religions) is the same in both.
PLOVER_SECTORS: dict[str, tuple[str, ...]] = {
    "MED": ("JRN",),
    "HLH": ("MED",),
    "PPL": ("CVL",),
    "UAF": ("PRM",),
    "SEP": ("PRE",),
    "INS": ("REB",),
    "MNC": ("BUS",),
    "HRI": ("SOC",),
    "NGO": ("NGO", "SOC"),
}
# POLECAT's "country" for international bodies: the UN and the EU have their own codes, other IGOs are "IGO".
PLOVER_IGO_COUNTRY = {"UNO": "UNO", "EUR": "EUR"}


def resolve_text(
    text: str,
    context: str | None,
    date: str | None,
    nlp: Language,
    dictionary: ActorDictionary,
    gazetteer: Gazetteer | None = None,
) -> ActorMention | None:
    """The actor `text` names, read inside `context` when the context contains it, as of `date` (ISO, compact
    or written out: "1 July 2021"; an unreadable date counts as none)."""
    found = _find_in(text, context) if context else None
    if context and found is not None:
        doc = nlp(context)
        span = doc.char_span(found, found + len(text), alignment_mode="expand")
    else:
        doc = nlp(text)
        span = doc[:]
    if span is None or len(span) == 0:
        return None
    date = _date(date)
    matches = find_matches(doc, dictionary)
    if gazetteer is not None:
        matches = merge_matches(matches, place_matches(find_places(doc, gazetteer), doc, matches, dictionary))
    matches = merge_matches(matches, resolve_coreferences(doc, matches, dictionary, date))
    return resolve_span_actor(span, matches, dictionary, date)


def plover_sectors(actor: Actor, rule: str = "") -> tuple[str, ...]:
    """The actor's sectors in PLOVER's codes (order kept, duplicates dropped): USAGOVMED -> (GOV, JRN). A town
    named as an actor (`rule` from a gazetteer place, "Mariupol was shelled") stands for its people: CVL; a
    country named inside a phrase whose head names no actor (rule "...+inside") has PLOVER's unknown sector UNK."""
    out = [code for sector in actor.sectors for code in PLOVER_SECTORS.get(sector, (sector,))]
    if not out and actor.country and rule.startswith("place:"):
        out = ["CVL"]
    elif not out and actor.country and rule.endswith("+inside"):
        out = ["UNK"]  # "regions across Indonesia": someone in the country, of no known sector
    return tuple(dict.fromkeys(out))


def plover_country(actor: Actor) -> str | None:
    """The actor's country as POLECAT records it: ISO3, or UNO/EUR/IGO for international organisations
    (a UN or EU development bank counts as a plain IGO)."""
    if actor.country or not actor.sectors or actor.sectors[0] != "IGO":
        return actor.country
    if len(actor.sectors) > 1 and "DEV" not in actor.sectors:
        return PLOVER_IGO_COUNTRY.get(actor.sectors[1], "IGO")
    return "IGO"


def _find_in(text: str, context: str) -> int | None:
    """Where `text` stands in `context` as whole words ("he" not inside "the"), else anywhere; None if absent.
    Case is ignored when no exact match exists ("He" at a sentence start for "he")."""
    if not text.strip():
        return None
    for flags in (0, re.IGNORECASE):
        if m := re.search(rf"(?<!\w){re.escape(text)}(?!\w)", context, flags):
            return m.start()
    return context.find(text) if text in context else None


def _date(raw: object) -> str | None:
    """An ISO date from the input: "YYYY-MM-DD", "YYYYMMDD", "today"; None when absent or unreadable."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    if raw.strip().lower() == "today":
        return dt.date.today().isoformat()
    return normalise_input_date(raw.strip()) or parse_date(raw.strip())


def resolve_lines(lines: Iterable[str], options: Options) -> Iterator[dict]:
    """One output record per input line: {"id", "code", "name", "country", "sectors"} or an error."""
    res = Resources(options)
    for n, line in enumerate(lines, 1):
        if not line.strip():
            yield {"id": None, "line": n, "error": {"reason": "empty_line", "detail": "blank input line"}}
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"id": None, "line": n, "error": {"reason": "bad_json", "detail": str(exc)}}
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            rid = record.get("id") if isinstance(record, dict) else None
            yield {"id": rid, "line": n, "error": {"reason": "no_text", "detail": 'need {"id", "text"}'}}
            continue
        context = record.get("context") if isinstance(record.get("context"), str) else None
        found = resolve_text(record["text"], context, _date(record.get("date")), res.nlp, res.dictionary, res.gazetteer)
        out = {"id": record.get("id"), "text": record["text"]}
        if found is None:
            out |= {"code": None, "name": None, "country": None, "sectors": []}
        else:
            out |= found.actor.to_dict()
        yield out
