"""`whodid extract`: JSONL records in, one JSON result per input line out, same order, same ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whodid.ingest import parse_jsonl_line
from whodid.options import Options
from whodid.pipeline import Outcome, process
from whodid.resources import Resources


def extract_lines(lines: Iterable[str], options: Options, *, origin: str = "-") -> Iterator[dict]:
    """One output record per input line: the article and its events, places and quotes, or an error."""
    res = Resources(options)
    docs = (parse_jsonl_line(line, f"{origin}#L{n}") for n, line in enumerate(lines, 1))
    for outcome in process(docs, res, dedupe=False):
        yield outcome_record(outcome)


def outcome_record(outcome: Outcome) -> dict:
    """The extract output shape for one outcome."""
    if outcome.result is not None:
        return {"id": outcome.doc_id, **outcome.result.to_dict()}
    skipped = outcome.skipped
    error = {"reason": skipped.reason, "detail": skipped.detail} if skipped else {"reason": "unknown", "detail": ""}
    return {"id": outcome.doc_id, "error": error, "article": None, "events": [], "places": [], "quotes": []}
