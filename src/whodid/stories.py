"""Stories: articles about the same storyline, linked incrementally by TF-IDF overlap of words, actors and places."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import duckdb

from whodid.records import ArticleResult

STORY_COLUMNS: dict[str, str] = {
    "stories": "story_id BIGINT, title VARCHAR, first_article_id VARCHAR, first_date DATE, last_date DATE, "
    "num_articles INTEGER, num_sources INTEGER, created_at TIMESTAMP, updated_at TIMESTAMP",
    "story_articles": "article_id VARCHAR, story_id BIGINT, date DATE, similarity DOUBLE, "
    "matched_article_id VARCHAR, added_at TIMESTAMP",
    "article_terms": "article_id VARCHAR, term VARCHAR, weight DOUBLE, date DATE, added_at TIMESTAMP, story_id BIGINT",
    "term_df": "term VARCHAR, df INTEGER",
}
STORY_PRIMARY_KEYS = {"stories": "story_id", "story_articles": "article_id", "term_df": "term"}
Insert = Callable[[str, list[tuple[Any, ...]]], None]  # (table, rows): the store's bulk insert

_WORD = re.compile(r"[^\W\d_][\w’'-]*[^\W_]")
_NEWS_WORDS = frozenset(
    {
        *("said", "says", "say", "told", "according", "also", "would", "could", "new", "year", "years", "week"),
        *("day", "time", "people", "percent", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"),
        *("sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october"),
        *("november", "december"),
    }
)


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """When an article joins a story."""

    threshold: float = 0.3  # cosine similarity (TF-IDF of words, actors, places) to one of the story's articles
    window_days: int = 7  # ... published at most this many days before or after it
    undated_days: int = 30  # an article without a date (or a stored one) is compared with articles stored this recently
    max_terms: int = 60  # terms kept per article (the highest TF-IDF)
    title_weight: int = 3  # a title word counts as this many words of the body


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _NEWS_WORDS


def words(text: str) -> list[str]:
    """Content words of a text, lowercased, possessives cut, stop words and short words left out."""
    stop = _stop_words()
    out = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'").removesuffix("'s")
        if len(word) > 2 and word not in stop:
            out.append(word)
    return out


def term_counts(result: ArticleResult, title_weight: int = 3) -> Counter[str]:
    """Terms of an article: words of the title (weighted) and text, actor codes (@CODE), places (#geonameid)."""
    article = result.article
    counts = Counter(words(article.text))
    for word in words(article.title or ""):
        counts[word] += title_weight
    actors = [m.actor for m in result.mentions]
    actors += [role.actor for e in result.events for role in (e.source, e.target) if role is not None]
    counts.update(f"@{actor.code}" for actor in actors)
    counts.update(f"#{p.geonameid}" for p in result.places if p.geonameid is not None)
    return counts


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency."""
    return math.log((1 + n_docs) / (1 + df)) + 1.0


def tfidf_vector(counts: Counter[str], dfs: dict[str, int], n_docs: int, max_terms: int) -> dict[str, float]:
    """The `max_terms` heaviest terms, weighted (1 + log tf) * idf, scaled to unit length."""
    weights = {t: (1.0 + math.log(c)) * idf(dfs.get(t, 0), n_docs) for t, c in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors."""
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@dataclass(slots=True)
class _Placed:
    """An article of this batch and the story it went to."""

    article_id: str
    story_id: int
    day: date | None
    vector: dict[str, float]


def _update_df(con: duckdb.DuckDBPyConnection, counts: Sequence[Counter[str]]) -> None:
    df = Counter(term for c in counts for term in c)
    con.execute(
        "INSERT INTO term_df SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]) "
        "ON CONFLICT DO UPDATE SET df = term_df.df + excluded.df",
        [list(df), list(df.values())],
    )


def _dfs(con: duckdb.DuckDBPyConnection, terms: set[str]) -> tuple[dict[str, int], int]:
    rows = con.execute("SELECT term, df FROM term_df WHERE term IN (SELECT unnest(?::VARCHAR[]))", [sorted(terms)])
    (n_docs,) = con.execute("SELECT count(*) FROM story_articles").fetchone() or (0,)
    return dict(rows.fetchall()), int(n_docs)


def _near(a: date | None, b: date | None, window: int) -> bool:
    """Within the window; an undated article is near every date."""
    return a is None or b is None or abs((a - b).days) <= window


# Candidates come from two range scans that zone maps keep cheap: articles dated within the batch's window, and
# articles stored recently (for undated ones). A pair counts when both are dated and near, or one is undated and
# the stored article is recent.
_MATCH_SQL = """
WITH n AS (
    SELECT unnest($1::VARCHAR[]) AS aid, unnest($2::VARCHAR[]) AS term, unnest($3::DOUBLE[]) AS w,
        unnest($4::DATE[]) AS day
), o AS (
    SELECT * FROM article_terms WHERE date BETWEEN $5 AND $6
    UNION ALL
    SELECT * FROM article_terms WHERE added_at >= $9 AND (date IS NULL OR date NOT BETWEEN $5 AND $6)
)
SELECT n.aid, o.article_id, sum(n.w * o.weight) AS score, any_value(o.story_id) AS story
FROM n JOIN o ON o.term = n.term
WHERE CASE WHEN n.day IS NULL OR o.date IS NULL THEN o.added_at >= $9
    ELSE abs(date_diff('day', o.date, n.day)) <= $7 END
GROUP BY 1, 2 HAVING sum(n.w * o.weight) >= $8
QUALIFY row_number() OVER (PARTITION BY n.aid ORDER BY score DESC, o.article_id DESC) = 1
"""


def _stored_matches(
    con: duckdb.DuckDBPyConnection,
    vectors: dict[str, dict[str, float]],
    days: dict[str, date | None],
    now: datetime,
    options: StoryOptions,
) -> dict[str, tuple[float, str, int]]:
    """Per new article, its most similar stored article above the threshold: (score, article, story)."""
    aids, terms, weights, term_days = [], [], [], []
    for aid, vector in vectors.items():
        aids += [aid] * len(vector)
        terms += list(vector)
        weights += list(vector.values())
        term_days += [days[aid]] * len(vector)
    window = options.window_days
    known = [d for d in days.values() if d is not None]
    low, high = (min(known) - timedelta(days=window), max(known) + timedelta(days=window)) if known else (None, None)
    recent = now - timedelta(days=options.undated_days)
    params = [aids, terms, weights, term_days, low, high, window, options.threshold, recent]
    rows = con.execute(_MATCH_SQL, params)
    return {aid: (float(score), old, int(story)) for aid, old, score, story in rows.fetchall()}


def _article_day(result: ArticleResult) -> date | None:
    try:
        return date.fromisoformat((result.article.date or "")[:10])
    except ValueError:
        return None


def assign_stories(
    con: duckdb.DuckDBPyConnection,
    results: Sequence[ArticleResult],
    now: datetime,
    insert: Insert,
    options: StoryOptions = StoryOptions(),
) -> set[int]:
    """Put each new article into the story of its most similar article (stored or earlier in the batch) when
    the similarity reaches the threshold, else into a new story; returns the stories touched. Runs inside the
    caller's transaction."""
    if not results:
        return set()
    counts = [term_counts(r, options.title_weight) for r in results]
    _update_df(con, counts)
    dfs, n_docs = _dfs(con, {t for c in counts for t in c})
    n_docs += len(results)
    vectors = {
        r.article.article_id: tfidf_vector(c, dfs, n_docs, options.max_terms)
        for r, c in zip(results, counts, strict=True)
    }
    days = {r.article.article_id: _article_day(r) for r in results}
    stored = _stored_matches(con, vectors, days, now, options)
    (top,) = con.execute("SELECT coalesce(max(story_id), 0) FROM stories").fetchone() or (0,)
    next_id, placed, rows, new_stories = int(top) + 1, [], [], []
    for result in results:
        aid = result.article.article_id
        found = [stored[aid]] if aid in stored else []
        found += [
            (cosine(vectors[aid], p.vector), p.article_id, p.story_id)
            for p in placed
            if _near(p.day, days[aid], options.window_days)
        ]
        best = max(found, default=None, key=lambda o: (o[0], o[1]))
        if best is not None and best[0] >= options.threshold:
            score, matched, story = best
        else:
            score, matched, story = 1.0, None, next_id
            new_stories.append((next_id, None, aid, days[aid], days[aid], 1, 1, now, now))
            next_id += 1
        placed.append(_Placed(aid, story, days[aid], vectors[aid]))
        rows.append((aid, story, days[aid], round(score, 4), matched, now))
    if new_stories:
        insert("stories", new_stories)
    insert("story_articles", rows)
    term_rows = [(p.article_id, t, w, p.day, now, p.story_id) for p in placed for t, w in p.vector.items()]
    insert("article_terms", term_rows)
    touched = {p.story_id for p in placed}
    refresh_stories(con, touched, now)
    return touched


_REFRESH_SQL = """
UPDATE stories SET title = x.title, first_article_id = x.first_id, first_date = x.first_date,
    last_date = x.last_date, num_articles = x.n, num_sources = x.sources, updated_at = ?
FROM (
    SELECT s.story_id, count(*) AS n, min(s.date) AS first_date, max(s.date) AS last_date,
        count(DISTINCT coalesce(lower(a.source), a.url, a.article_id)) AS sources,
        arg_min(coalesce(nullif(trim(a.title), ''), left(a.text, 120)), s.rank) AS title,
        arg_min(s.article_id, s.rank) AS first_id
    FROM (SELECT *, coalesce(strftime(date, '%Y%m%d'), '9') || article_id AS rank FROM story_articles) s
    JOIN articles a USING (article_id)
    WHERE s.story_id IN (SELECT unnest(?::BIGINT[])) GROUP BY 1
) x WHERE stories.story_id = x.story_id
"""


def refresh_stories(con: duckdb.DuckDBPyConnection, story_ids: set[int], now: datetime) -> None:
    """Recompute title (of the first article), dates and counts of these stories."""
    if story_ids:
        con.execute(_REFRESH_SQL, [now, sorted(story_ids)])


# --- reading -------------------------------------------------------------------------------------------


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def list_stories(con: duckdb.DuckDBPyConnection, *, min_articles: int = 1, limit: int | None = None) -> list[dict]:
    """Stories with at least `min_articles` articles, the largest and latest first."""
    sql = (
        "SELECT story_id, title, first_date, last_date, num_articles, num_sources FROM stories "
        "WHERE num_articles >= ? ORDER BY num_articles DESC, last_date DESC NULLS LAST, story_id"
    )
    params: list[Any] = [min_articles]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(max(limit, 0))
    return _dicts(con.execute(sql, params))


def story_of(con: duckdb.DuckDBPyConnection, article_id: str) -> int | None:
    """The story an article belongs to (None for an unknown article)."""
    row = con.execute("SELECT story_id FROM story_articles WHERE article_id = ?", [article_id]).fetchone()
    return None if row is None else int(row[0])


_TIMELINE_SQL = """
SELECT w.world_event_id, w.date, w.code, w.root_code, w.source_code, w.source_name, w.target_code,
    w.target_name, w.location_name, w.num_mentions, w.num_articles, w.num_sources,
    count(*) AS mentions_in_story
FROM story_articles s JOIN mentions m USING (article_id) JOIN world_events w USING (world_event_id)
WHERE s.story_id = ? GROUP BY ALL ORDER BY w.date NULLS LAST, w.world_event_id
"""
_ACTORS_SQL = """
SELECT code, any_value(name) AS name, count(*) AS mentions FROM (
    SELECT e.source_code AS code, e.source_name AS name FROM events e JOIN story_articles s USING (article_id)
    WHERE s.story_id = $1 AND e.source_code IS NOT NULL
    UNION ALL
    SELECT e.target_code, e.target_name FROM events e JOIN story_articles s USING (article_id)
    WHERE s.story_id = $1 AND e.target_code IS NOT NULL
) GROUP BY code ORDER BY mentions DESC, code LIMIT $2
"""
_PLACES_SQL = """
SELECT p.name, any_value(p.geonameid) AS geonameid, any_value(p.country) AS country, count(*) AS mentions
FROM places p JOIN story_articles s USING (article_id) WHERE s.story_id = $1
GROUP BY p.name ORDER BY mentions DESC, p.name LIMIT $2
"""


def story_detail(con: duckdb.DuckDBPyConnection, story_id: int, *, top: int = 10) -> dict[str, Any] | None:
    """A story: title, dates, counts, its articles (by date), its world events on a timeline, and its `top`
    actors (event sources and targets) and places (place mentions). None for an unknown story."""
    found = _dicts(con.execute("SELECT * FROM stories WHERE story_id = ?", [story_id]))
    if not found:
        return None
    story = found[0]
    story["articles"] = _dicts(
        con.execute(
            "SELECT a.article_id, a.title, a.date, a.source, a.url, s.similarity, s.matched_article_id "
            "FROM story_articles s JOIN articles a USING (article_id) WHERE s.story_id = ? "
            "ORDER BY s.date, a.article_id",
            [story_id],
        )
    )
    story["timeline"] = _dicts(con.execute(_TIMELINE_SQL, [story_id]))
    story["actors"] = _dicts(con.execute(_ACTORS_SQL, [story_id, top]))
    story["places"] = _dicts(con.execute(_PLACES_SQL, [story_id, top]))
    return story
