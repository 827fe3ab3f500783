"""Events across articles: one world event per real-world event and one mention per coded event (GDELT's model)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

import duckdb

from whodid.records import TITLE_SENTENCE, ActorMention, Article, ArticleResult, Event

ACTOR_COLUMNS = "{p}_code VARCHAR, {p}_name VARCHAR, {p}_country VARCHAR, {p}_sectors VARCHAR[]"  # {p}: source/target
LINK_COLUMNS: dict[str, str] = {
    "world_events": "world_event_id BIGINT, link_key VARCHAR, date DATE, code VARCHAR, base_code VARCHAR, "
    "root_code VARCHAR, quad_class INTEGER, goldstein DOUBLE, plover_event VARCHAR, plover_mode VARCHAR, "
    + ACTOR_COLUMNS.format(p="source")
    + ", "
    + ACTOR_COLUMNS.format(p="target")
    + ", location_name VARCHAR, location_geonameid BIGINT, location_lat DOUBLE, location_lon DOUBLE, "
    "location_country VARCHAR, location_admin1 VARCHAR, location_feature VARCHAR, is_root_event BOOLEAN, "
    "num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, num_reposts INTEGER, avg_tone DOUBLE, "
    "first_seen TIMESTAMP, last_seen TIMESTAMP, first_article_id VARCHAR, source_url VARCHAR",
    "mentions": "world_event_id BIGINT, event_id VARCHAR, article_id VARCHAR, sentence INTEGER, source VARCHAR, "
    "url VARCHAR, source_offset INTEGER, target_offset INTEGER, action_offset INTEGER, in_raw_text BOOLEAN, "
    "confidence DOUBLE, event_date DATE, mention_date DATE, mention_time TIMESTAMP, doc_len INTEGER, "
    "doc_tone DOUBLE, sentence_tone DOUBLE, location_feature VARCHAR, link_rule VARCHAR",
    "duplicates": "run_id VARCHAR, origin VARCHAR, doc_id VARCHAR, article_id VARCHAR, "
    "duplicate_article_id VARCHAR, kind VARCHAR, similarity DOUBLE, source VARCHAR, url VARCHAR, "
    "seen_at TIMESTAMP",
}
LINK_PRIMARY_KEYS = {"world_events": "world_event_id", "mentions": "event_id"}
Insert = Callable[[str, list[tuple[Any, ...]]], None]  # (table, rows): the store's bulk insert
LEAD_SENTENCES = 3  # an event in the first sentences of its first report is a "root event" (GDELT's IsRootEvent)


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """How coded events are matched to real-world events."""

    date_window_days: int = 2  # event dates (or article dates, for undated events) at most this far apart
    family: Literal["root", "base"] = "root"  # same CAMEO root (two digits) or same base code (three)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input whose text re-posts an article already seen: exactly (same content hash) or nearly."""

    origin: str
    article_id: str  # the stored article it repeats (the original)
    kind: Literal["exact", "near"] = "exact"
    similarity: float | None = None  # near copies: how similar (e.g. Jaccard of shingles), when known
    doc_id: str | None = None
    duplicate_article_id: str | None = None  # the re-post's own article id when it was stored too (near copies)
    source: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Candidate:
    """What matching needs to know of a world event (stored, or created earlier in the batch)."""

    world_event_id: int
    link_key: str
    day: date | None
    code: str
    base_code: str
    geonameid: int | None
    country: str | None
    feature: str | None
    source_sectors: tuple[str, ...]
    target_sectors: tuple[str, ...]


# --- pure matching rules -------------------------------------------------------------------------------


def actor_key(mention: ActorMention | None) -> str:
    """The part of an actor that must agree for two mentions to be one event: its country, else its code."""
    if mention is None:
        return ""
    return mention.actor.country or mention.actor.code


def link_key(event: Event, family: str = "root") -> str:
    """Index key of an event: code family, dyad, and whether it is negated or not actual."""
    code = event.root_code if family == "root" else event.base_code
    status = ("neg" if event.negated else "") + ("" if event.modality == "actual" else event.modality)
    return "|".join((code, actor_key(event.source), actor_key(event.target), status))


def event_day(event: Event, article_date: str | None) -> date | None:
    """The event's date, or its article's when the event has none (None when neither is known)."""
    for value in (event.date, article_date):
        if value:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def dates_compatible(a: date | None, b: date | None, window_days: int) -> bool:
    """Both undated, or at most `window_days` apart."""
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= window_days


def places_compatible(
    a: tuple[int | None, str | None, str | None], b: tuple[int | None, str | None, str | None]
) -> bool:
    """Places as (geonameid, ISO3 country, feature): the same place, a country and a place in it, or one unknown."""
    (id_a, country_a, feature_a), (id_b, country_b, feature_b) = a, b
    if (id_a is None and country_a is None) or (id_b is None and country_b is None):
        return True
    if id_a is not None and id_a == id_b:
        return True
    if "country" in (feature_a, feature_b):
        return country_a is not None and country_a == country_b
    return False


def sectors_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Actor sectors agree when one side names none or they share one (USA vs USAGOV yes, GOV vs REB no)."""
    return not a or not b or bool(set(a) & set(b))


def _sectors(mention: ActorMention | None) -> tuple[str, ...]:
    return mention.actor.sectors if mention else ()


def _place_of(event: Event) -> tuple[int | None, str | None, str | None]:
    loc = event.location
    return (loc.geonameid, loc.country, loc.feature) if loc else (None, None, None)


def matches(candidate: Candidate, event: Event, day: date | None, options: LinkOptions) -> bool:
    """Whether a coded event (with the same link key) reports the candidate world event."""
    return (
        dates_compatible(candidate.day, day, options.date_window_days)
        and places_compatible((candidate.geonameid, candidate.country, candidate.feature), _place_of(event))
        and sectors_compatible(candidate.source_sectors, _sectors(event.source))
        and sectors_compatible(candidate.target_sectors, _sectors(event.target))
    )


def best_match(
    candidates: Sequence[Candidate], event: Event, day: date | None, options: LinkOptions
) -> Candidate | None:
    """The matching candidate with the same code first, then the same base code, place, and the nearest date."""

    def rank(c: Candidate) -> tuple[Any, ...]:
        gap = abs((c.day - day).days) if c.day and day else 0
        same_place = event.location is not None and c.geonameid == event.location.geonameid
        return (c.code == event.code, c.base_code == event.base_code, same_place, -gap, -c.world_event_id)

    found = [c for c in candidates if matches(c, event, day, options)]
    return max(found, key=rank) if found else None


def match_rule(candidate: Candidate, event: Event) -> str:
    """How a mention was linked: same code, same base code, or the same family only."""
    if candidate.code == event.code:
        return "code"
    return "base" if candidate.base_code == event.base_code else "family"


def source_name(article: Article) -> str:
    """The publisher of an article: its source, else the host of its URL, else the article itself."""
    if article.source:
        return article.source.strip().lower()
    if article.url and (host := urlsplit(article.url).hostname):
        return host.removeprefix("www.")
    return f"article:{article.article_id}"


def mention_offsets(event: Event, sentence_start: int | None) -> tuple[int | None, int | None, int | None, bool]:
    """(source, target, action) character offsets into the article text, and whether both actors are in the
    sentence as written (GDELT's InRawText)."""
    evidence = event.evidence

    def at(span: tuple[int, int] | None, mention: ActorMention | None) -> int | None:
        if span is not None and sentence_start is not None:
            return sentence_start + span[0]
        return mention.start if mention else None

    action = sentence_start + evidence.trigger[0] if sentence_start is not None else None
    in_raw = (event.source is None or evidence.source is not None) and (
        event.target is None or evidence.target is not None
    )
    return at(evidence.source, event.source), at(evidence.target, event.target), action, in_raw


# --- store integration --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Batch:
    """New world events and mention rows built from one batch of articles."""

    world_rows: list[tuple[Any, ...]] = field(default_factory=list)
    mention_rows: list[tuple[Any, ...]] = field(default_factory=list)
    located: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)  # (world event, new location)
    touched: set[int] = field(default_factory=set)


def _actor_values(mention: ActorMention | None) -> tuple[Any, ...]:
    if mention is None:
        return (None, None, None, None)
    actor = mention.actor
    return (actor.code, actor.name, actor.country, list(actor.sectors))


def _location_values(event: Event) -> tuple[Any, ...]:
    loc = event.location
    if loc is None:
        return (None,) * 7
    return (loc.name, loc.geonameid, loc.lat, loc.lon, loc.country, loc.admin1, loc.feature)


def _world_row(wid: int, key: str, day: date | None, event: Event, article: Article, now: datetime) -> tuple:
    return (
        *(wid, key, day, event.code, event.base_code, event.root_code, event.quad_class, event.goldstein),
        *(event.plover_event, event.plover_mode),
        *_actor_values(event.source),
        *_actor_values(event.target),
        *_location_values(event),
        event.sentence < LEAD_SENTENCES,
        *(1, 1, 1, 0, None, now, now, article.article_id, article.url or article.origin),
    )


def _candidate(wid: int, key: str, day: date | None, event: Event) -> Candidate:
    geonameid, country, feature = _place_of(event)
    sectors = _sectors(event.source), _sectors(event.target)
    return Candidate(wid, key, day, event.code, event.base_code, geonameid, country, feature, *sectors)


def _stored_candidates(
    con: duckdb.DuckDBPyConnection, keys: list[str], days: list[date], options: LinkOptions
) -> dict[str, list[Candidate]]:
    """Stored world events with one of these link keys, dated within the window of the batch (or undated)."""
    window = timedelta(days=options.date_window_days)
    low, high = (min(days) - window, max(days) + window) if days else (date.max, date.min)
    rows = con.execute(
        "SELECT world_event_id, link_key, date, code, base_code, location_geonameid, location_country, "
        "location_feature, source_sectors, target_sectors FROM world_events "
        "WHERE link_key IN (SELECT unnest(?::VARCHAR[])) AND (date IS NULL OR date BETWEEN ? AND ?)",
        [keys, low, high],
    ).fetchall()
    found: dict[str, list[Candidate]] = {}
    for wid, key, day, code, base, gid, country, feature, src, tgt in rows:
        cand = Candidate(wid, key, day, code, base, gid, country, feature, tuple(src or ()), tuple(tgt or ()))
        found.setdefault(key, []).append(cand)
    return found


def _next_world_id(con: duckdb.DuckDBPyConnection) -> int:
    (top,) = con.execute("SELECT coalesce(max(world_event_id), 0) FROM world_events").fetchone() or (0,)
    return int(top) + 1


def _events_to_link(results: Sequence[ArticleResult], known_ids: set[str]) -> list[tuple[ArticleResult, Event]]:
    """Every coded event of the batch once (an event id already linked is left alone)."""
    out = []
    for result in results:
        for event in result.events:
            if event.event_id not in known_ids:
                known_ids.add(event.event_id)
                out.append((result, event))
    return out


def link_batch(
    con: duckdb.DuckDBPyConnection,
    results: Sequence[ArticleResult],
    now: datetime,
    insert: Insert,
    options: LinkOptions = LinkOptions(),
) -> set[int]:
    """Link the events of newly stored articles to world events (creating new ones), write their mentions,
    and recompute the counts of every world event touched. Runs inside the caller's transaction."""
    ids = [e.event_id for r in results for e in r.events]
    linked = {eid for (eid,) in con.execute(
        "SELECT event_id FROM mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()}  # fmt: skip
    pending = _events_to_link(results, linked)
    if not pending:
        return set()
    days = {e.event_id: event_day(e, r.article.date) for r, e in pending}
    keys = sorted({link_key(e, options.family) for _, e in pending})
    index = _stored_candidates(con, keys, [d for d in days.values() if d], options)
    batch = _Batch()
    next_id = _next_world_id(con)
    for result, event in pending:
        day, key = days[event.event_id], link_key(event, options.family)
        found = best_match(index.get(key, []), event, day, options)
        if found is None:
            found = _candidate(next_id, key, day, event)
            index.setdefault(key, []).append(found)
            batch.world_rows.append(_world_row(next_id, key, day, event, result.article, now))
            next_id += 1
            rule = "new"
        else:
            rule = match_rule(found, event)
            _adopt_location(found, event, batch)
        batch.touched.add(found.world_event_id)
        batch.mention_rows.append(_mention_row(found.world_event_id, result, event, day, now, rule))
    _write_batch(con, batch, insert)
    recompute_counts(con, batch.touched)
    return batch.touched


def _adopt_location(candidate: Candidate, event: Event, batch: _Batch) -> None:
    """A world event without a place takes the first place a later mention gives it."""
    if candidate.geonameid is None and candidate.country is None and event.location is not None:
        candidate.geonameid, candidate.country, candidate.feature = _place_of(event)
        batch.located.append((candidate.world_event_id, _location_values(event)))


def _mention_row(
    wid: int, result: ArticleResult, event: Event, day: date | None, now: datetime, rule: str
) -> tuple[Any, ...]:
    article = result.article
    start = result.sentences[event.sentence].start if event.sentence < len(result.sentences) else None
    if start is None or result.sentences[event.sentence].index != event.sentence:
        start = next((s.start for s in result.sentences if s.index == event.sentence), None)
    src, tgt, action, in_raw = mention_offsets(event, start)
    if event.sentence == TITLE_SENTENCE:  # offsets into the headline, not the text
        src = tgt = action = None
    doc_tone = result.tone.tone if result.tone else None
    feature = event.location.feature if event.location else None
    ident = article.url or article.origin
    return (
        *(wid, event.event_id, article.article_id, event.sentence, source_name(article), ident),
        *(src, tgt, action, in_raw, float(event.confidence), day, _iso_date(article.date), now, len(article.text)),
        *(doc_tone, event.tone, feature, rule),
    )


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_LOCATION_COLUMNS = ("name", "geonameid", "lat", "lon", "country", "admin1", "feature")


def _write_batch(con: duckdb.DuckDBPyConnection, batch: _Batch, insert: Insert) -> None:
    if batch.world_rows:
        insert("world_events", batch.world_rows)
    if batch.mention_rows:
        insert("mentions", batch.mention_rows)
    sets = ", ".join(f"location_{c} = ?" for c in _LOCATION_COLUMNS)
    for wid, values in batch.located:
        con.execute(f"UPDATE world_events SET {sets} WHERE world_event_id = ?", [*values, wid])


# Counts per world event, from its mentions. A re-post (an article recorded in `duplicates` as a copy of
# another) folds into its original: per (world event, original) only one article's mentions count, the
# original's when it mentions the event, else the first copy's. Sources are the publishers of those articles.
_RECOMPUTE_SQL = """
WITH dup AS (
    SELECT duplicate_article_id AS article_id, min(article_id) AS canon FROM duplicates
    WHERE duplicate_article_id IS NOT NULL AND duplicate_article_id <> article_id GROUP BY 1
), m AS (
    SELECT m.world_event_id, m.article_id, m.source, m.doc_tone, m.sentence_tone, m.mention_time,
           coalesce(d.canon, m.article_id) AS canon, d.canon IS NOT NULL AS repost
    FROM mentions m LEFT JOIN dup d ON d.article_id = m.article_id
    WHERE m.world_event_id IN (SELECT unnest(?::BIGINT[]))
), pick AS (
    SELECT world_event_id, canon, min(CASE WHEN repost THEN '1' ELSE '0' END || article_id)[2:] AS article_id
    FROM m GROUP BY 1, 2
), counted AS (
    SELECT m.* FROM m JOIN pick p USING (world_event_id, canon, article_id)
), per_article AS (
    SELECT world_event_id, canon, any_value(article_id) AS counted_id, any_value(source) AS source,
           coalesce(any_value(doc_tone), avg(sentence_tone)) AS tone, count(*) AS n
    FROM counted GROUP BY 1, 2
), reposts AS (  -- copies of the counted articles (a copy counted in place of its original is no re-post)
    SELECT p.world_event_id, count(*) AS n FROM per_article p JOIN duplicates d ON d.article_id = p.canon
    WHERE d.duplicate_article_id IS DISTINCT FROM p.counted_id GROUP BY 1
), agg AS (
    SELECT p.world_event_id, sum(p.n)::INTEGER AS num_mentions, count(DISTINCT p.source)::INTEGER AS num_sources,
           count(*)::INTEGER AS num_articles, coalesce(any_value(r.n), 0)::INTEGER AS num_reposts,
           avg(p.tone) AS avg_tone
    FROM per_article p LEFT JOIN reposts r USING (world_event_id) GROUP BY 1
), seen AS (
    SELECT world_event_id, min(mention_time) AS first_seen, max(mention_time) AS last_seen FROM m GROUP BY 1
)
UPDATE world_events SET num_mentions = agg.num_mentions, num_sources = agg.num_sources,
    num_articles = agg.num_articles, num_reposts = agg.num_reposts, avg_tone = agg.avg_tone,
    first_seen = seen.first_seen, last_seen = seen.last_seen
FROM agg JOIN seen USING (world_event_id)
WHERE world_events.world_event_id = agg.world_event_id
"""


def recompute_counts(con: duckdb.DuckDBPyConnection, world_event_ids: set[int] | Sequence[int]) -> None:
    """Recompute mentions, sources, articles, re-posts, average tone and first/last seen of these world
    events from the mentions table (never frozen: call after any change to mentions or duplicates)."""
    if world_event_ids:
        con.execute(_RECOMPUTE_SQL, [sorted(world_event_ids)])


def duplicate_rows(run_id: str, duplicates: Sequence[Duplicate], now: datetime) -> list[tuple[Any, ...]]:
    """Rows of the `duplicates` table."""
    return [
        (run_id, d.origin, d.doc_id, d.article_id, d.duplicate_article_id, d.kind,
         1.0 if d.kind == "exact" else d.similarity, d.source, d.url, now)
        for d in duplicates
    ]  # fmt: skip


def world_events_of_articles(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> set[int]:
    """World events mentioned by any of these articles."""
    rows = con.execute(
        "SELECT DISTINCT world_event_id FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [list(article_ids)],
    ).fetchall()
    return {wid for (wid,) in rows}


# --- reading ----------------------------------------------------------------------------------------------


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def world_events(con: duckdb.DuckDBPyConnection, *, min_articles: int = 1, limit: int | None = None) -> list[dict]:
    """World events with at least `min_articles` articles, the most reported first."""
    sql = (
        "SELECT * EXCLUDE (link_key) FROM world_events WHERE num_articles >= ? "
        "ORDER BY num_articles DESC, num_mentions DESC, world_event_id"
    )
    params: list[Any] = [min_articles]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(max(limit, 0))
    return _dicts(con.execute(sql, params))


def mentions_of(con: duckdb.DuckDBPyConnection, world_event_id: int) -> list[dict[str, Any]]:
    """The mentions of one world event, oldest first."""
    sql = "SELECT * FROM mentions WHERE world_event_id = ? ORDER BY mention_time, article_id, sentence"
    return _dicts(con.execute(sql, [world_event_id]))


# --- the columns `Store.iter_events(linked=True)` adds to each event -------------------------------

_LINKED_ARTICLE = ("source", "url", "title", "date", "language", "doc_id", "origin", "tone", "opinion")


def _names(table: str, leave_out: tuple[str, ...] = ()) -> list[str]:
    names = (col.strip().split(" ", 1)[0] for col in LINK_COLUMNS[table].split(","))
    return [name for name in names if name not in leave_out]


LINKED_SELECT = (
    ", "
    + ", ".join(f"a.{c} AS a__{c}" for c in _LINKED_ARTICLE)
    + ", sa.story_id AS a__story_id, "
    + ", ".join(f"m.{c} AS m__{c}" for c in _names("mentions", ("event_id", "world_event_id")))
    + ", "
    + ", ".join(f"w.{c} AS w__{c}" for c in _names("world_events", ("link_key",)))
)
LINKED_JOINS = (
    " LEFT JOIN mentions m ON m.event_id = e.event_id"
    " LEFT JOIN world_events w ON w.world_event_id = m.world_event_id"
    " LEFT JOIN story_articles sa ON sa.article_id = e.article_id"
)


def split_linked(row: dict[str, Any]) -> dict[str, Any]:
    """Take the LINKED_SELECT columns out of `row` as {"article", "mention", "world_event"} (dates as ISO text;
    mention and world_event None for an event never linked)."""
    parts: dict[str, dict[str, Any]] = {"a": {}, "m": {}, "w": {}}
    for key in [k for k in row if "__" in k]:
        prefix, name = key.split("__", 1)
        value = row.pop(key)
        parts[prefix][name] = value.isoformat() if isinstance(value, date | datetime) else value
    world = parts["w"] if parts["w"].get("world_event_id") is not None else None
    return {"article": parts["a"], "mention": parts["m"] if world else None, "world_event": world}
