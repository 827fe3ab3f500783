"""Store schema and rows: the columns of every table, and conversion of records to rows and rows to records."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from whodid import linking, stories
from whodid.records import ActorMention, ArticleResult, Event, Place, Quote, Tone

# Columns of every table, in insert order. Offsets are `start_char`/`end_char` (`end` is an SQL keyword).
_ACTOR = "{p}_text VARCHAR, " + linking.ACTOR_COLUMNS  # an actor as written, then as resolved
COLUMNS: dict[str, str] = {
    "meta": "key VARCHAR, value VARCHAR",
    "articles": "article_id VARCHAR, doc_id VARCHAR, origin VARCHAR, title VARCHAR, date DATE, "
    "date_source VARCHAR, source VARCHAR, url VARCHAR, language VARCHAR, text VARCHAR, n_sentences INTEGER, "
    "run_id VARCHAR, processed_at TIMESTAMP, author VARCHAR, opinion BOOLEAN, tone DOUBLE, tone_positive DOUBLE, "
    "tone_negative DOUBLE, tone_polarity DOUBLE, word_count INTEGER",
    "sentences": "article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR",
    "events": "event_id VARCHAR, article_id VARCHAR, sentence INTEGER, seq INTEGER, date DATE, "
    "date_basis VARCHAR, code VARCHAR, base_code VARCHAR, root_code VARCHAR, quad_class INTEGER, "
    "goldstein DOUBLE, plover_event VARCHAR, plover_mode VARCHAR, "
    + _ACTOR.format(p="source")
    + ", "
    + _ACTOR.format(p="target")
    + ", location_text VARCHAR, location_name VARCHAR, location_geonameid BIGINT, location_lat DOUBLE, "
    "location_lon DOUBLE, location_country VARCHAR, location_admin1 VARCHAR, negated BOOLEAN, "
    "modality VARCHAR, quoted BOOLEAN, confidence DOUBLE, rule VARCHAR, evidence JSON, location_rule VARCHAR, "
    "tone DOUBLE",
    "places": "article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, name VARCHAR, "
    "geonameid BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR, feature VARCHAR, admin1 VARCHAR, basis VARCHAR",
    "quotes": "article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, "
    + _ACTOR.format(p="speaker")
    + ", kind VARCHAR",
    "skipped": "run_id VARCHAR, origin VARCHAR, doc_id VARCHAR, reason VARCHAR, detail VARCHAR, skipped_at TIMESTAMP",
    "runs": "run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, command VARCHAR, inputs VARCHAR[], "
    "summary JSON, whodid_version VARCHAR",
    **linking.LINK_COLUMNS,
    **stories.STORY_COLUMNS,
}
_PRIMARY_KEYS = {
    **{"meta": "key", "articles": "article_id", "events": "event_id", "runs": "run_id"},
    **linking.LINK_PRIMARY_KEYS,
    **stories.STORY_PRIMARY_KEYS,
}


def _column_types(table: str) -> list[tuple[str, str]]:
    """(name, type) pairs of a table, from `COLUMNS`."""
    return [tuple(col.strip().split(" ", 1)) for col in COLUMNS[table].split(",")]  # type: ignore[misc]


def create_table_sql(table: str) -> str:
    """CREATE TABLE (if missing) for one table, with its primary key."""
    pk = _PRIMARY_KEYS.get(table)
    key = f", PRIMARY KEY ({pk})" if pk else ""
    return f"CREATE TABLE IF NOT EXISTS {table} ({COLUMNS[table]}{key})"


def bulk_insert_sql(table: str, *, ignore_duplicates: bool = False) -> str:
    """INSERT fed by one list parameter per column, unnested side by side (fast, no pandas/Arrow)."""
    cols = _column_types(table)
    select = ", ".join(f"unnest(${i}::{typ}[])" for i, (_, typ) in enumerate(cols, start=1))
    verb = "INSERT OR IGNORE INTO" if ignore_duplicates else "INSERT INTO"
    return f"{verb} {table} ({', '.join(name for name, _ in cols)}) SELECT {select}"


def _to_date(value: str | None) -> date | None:
    """An ISO date string as a date; None for missing or malformed dates."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _actor_values(mention: ActorMention | None) -> tuple[Any, ...]:
    if mention is None:
        return (None, None, None, None, None)
    actor = mention.actor
    return (mention.text, actor.code or None, actor.name, actor.country, list(actor.sectors))


def _location_values(place: Place | None) -> tuple[Any, ...]:
    if place is None:
        return (None,) * 7
    return (place.text, place.name, place.geonameid, place.lat, place.lon, place.country, place.admin1)


def _event_row(event: Event, seq: int) -> tuple[Any, ...]:
    return (
        event.event_id,
        event.article_id,
        event.sentence,
        seq,
        _to_date(event.date),
        event.date_basis,
        event.code,
        event.base_code,
        event.root_code,
        event.quad_class,
        None if event.goldstein is None else float(event.goldstein),
        event.plover_event,
        event.plover_mode,
        *_actor_values(event.source),
        *_actor_values(event.target),
        *_location_values(event.location),
        bool(event.negated),
        event.modality,
        bool(event.quoted),
        float(event.confidence),
        event.evidence.rule,
        json.dumps(event.evidence.to_dict(), ensure_ascii=False),
        event.location_rule,
        event.tone,
    )


def _article_row(result: ArticleResult, run_id: str, now: datetime) -> tuple[Any, ...]:
    art = result.article
    return (
        *(art.article_id, art.doc_id, art.origin, art.title, _to_date(art.date), art.date_source),
        *(art.source, art.url, art.language, art.text, len(result.sentences), run_id, now),
        *(art.author, art.opinion),
        *_tone_values(result.tone),
    )


def _tone_values(tone: Tone | None) -> tuple[Any, ...]:
    if tone is None:
        return (None,) * 5
    return (tone.tone, tone.positive, tone.negative, tone.polarity, tone.word_count)


def _quote_row(article_id: str, quote: Quote) -> tuple[Any, ...]:
    speaker = _actor_values(quote.speaker)
    if quote.speaker is None and quote.speaker_text:
        speaker = (quote.speaker_text, None, None, None, [])
    return (article_id, quote.start, quote.end, quote.text, *speaker, quote.kind)


def batch_rows(results: Sequence[ArticleResult], run_id: str, now: datetime) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for every table written by `write_results`, in foreign-key order."""
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in ("articles", "sentences", "events", "places", "quotes")}
    seen_events: set[str] = set()
    for result in results:
        art = result.article
        aid = art.article_id
        rows["articles"].append(_article_row(result, run_id, now))
        rows["sentences"].extend((aid, s.index, s.start, s.end, s.text) for s in result.sentences)
        for seq, event in enumerate(result.events):
            if event.event_id not in seen_events:
                seen_events.add(event.event_id)
                rows["events"].append(_event_row(event, seq))
        rows["places"].extend(
            (aid, p.start, p.end, p.text, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature, p.admin1, p.basis)
            for p in result.places
        )
        rows["quotes"].extend(_quote_row(aid, q) for q in result.quotes)
    return rows


def _actor_record(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_text"] is None:
        return None
    return {
        "text": row[f"{prefix}_text"],
        "code": row[f"{prefix}_code"],
        "name": row[f"{prefix}_name"],
        "country": row[f"{prefix}_country"],
        "sectors": list(row[f"{prefix}_sectors"] or []),
    }


def _location_record(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["location_text"] is None:
        return None
    keys = ("text", "name", "geonameid", "lat", "lon", "country", "admin1")
    return {key: row[f"location_{key}"] for key in keys}


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A flat `events` row as the DESIGN.md event record (the shape of `Event.to_dict()`)."""
    return {
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "sentence": row["sentence"],
        "date": row["date"].isoformat() if row["date"] else None,
        "date_basis": row["date_basis"],
        "code": row["code"],
        "base_code": row["base_code"],
        "root_code": row["root_code"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": {"event": row["plover_event"], "mode": row["plover_mode"]},
        "source": _actor_record(row, "source"),
        "target": _actor_record(row, "target"),
        "location": _location_record(row),
        "location_rule": row["location_rule"],
        "negated": row["negated"],
        "modality": row["modality"],
        "quoted": row["quoted"],
        "evidence": json.loads(row["evidence"]),
        "confidence": row["confidence"],
        "tone": row["tone"],
    }
