"""`whodid actors`: resolve actor texts (with optional context and date) to codes, one JSON line each."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from spacy.language import Language

from whodid.actors import ActorDictionary, find_matches, merge_matches, place_matches, resolve_span_actor
from whodid.dates import parse_date
from whodid.ingest import normalise_input_date
from whodid.options import Options
from whodid.places import Gazetteer, find_places
from whodid.records import ActorMention
from whodid.resources import Resources


def resolve_text(
    text: str,
    context: str | None,
    date: str | None,
    nlp: Language,
    dictionary: ActorDictionary,
    gazetteer: Gazetteer | None = None,
) -> ActorMention | None:
    """The actor `text` names, read inside `context` when the context contains it, as of `date`."""
    if context and text in context:
        doc = nlp(context)
        start = context.index(text)
        span = doc.char_span(start, start + len(text), alignment_mode="expand")
    else:
        doc = nlp(text)
        span = doc[:]
    if span is None or len(span) == 0:
        return None
    matches = find_matches(doc, dictionary)
    if gazetteer is not None:
        matches = merge_matches(matches, place_matches(find_places(doc, gazetteer), doc, matches, dictionary))
    return resolve_span_actor(span, matches, dictionary, date)


def _date(raw: object) -> str | None:
    """An ISO date from the input: "YYYY-MM-DD", "YYYYMMDD", "today"; None when absent or unreadable."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    if raw.strip().lower() == "today":
        return dt.date.today().isoformat()
    return normalise_input_date(raw.strip()) or parse_date(raw)


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
