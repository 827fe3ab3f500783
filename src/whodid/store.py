"""The embedded DuckDB store: one `Store` object owns all writes (articles, events, places, quotes, runs)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from whodid import __version__, linking, stories
from whodid.linking import Duplicate, LinkOptions
from whodid.records import ArticleResult, Skipped
from whodid.store_rows import COLUMNS, batch_rows, bulk_insert_sql, create_table_sql, event_record
from whodid.stories import StoryOptions

SCHEMA_VERSION = 4
CHUNK_ROWS = 10_000  # rows per bulk INSERT statement

_COUNTED = ("articles", "sentences", "events", "places", "quotes", "skipped")


class StoreError(Exception):
    """The store cannot do what was asked; the message says what to do next."""


def _utcnow() -> datetime:
    """Now, in UTC, without tzinfo (TIMESTAMP columns hold UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _parse_filter_date(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StoreError(f"{name}={value!r} is not a date: give it as YYYY-MM-DD, e.g. 2016-12-02") from None


def _event_filters(
    code: str | None, root: str | None, country: str | None, since: str | None, until: str | None
) -> tuple[str, list[Any]]:
    """A WHERE clause (possibly empty) and its parameters for `iter_events`."""
    clauses: list[str] = []
    params: list[Any] = []
    if code:
        clauses.append("starts_with(e.code, ?)")
        params.append(code)
    if root:
        clauses.append("e.root_code = ?")
        params.append(root)
    if country:
        clauses.append("? IN (e.source_country, e.target_country, e.location_country)")
        params.append(country)
    if (start := _parse_filter_date("since", since)) is not None:
        clauses.append("e.date >= ?")
        params.append(start)
    if (end := _parse_filter_date("until", until)) is not None:
        clauses.append("e.date <= ?")
        params.append(end)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _open_error(path: Path, error: duckdb.Error) -> StoreError:
    """Translate a DuckDB connect error into advice."""
    message = str(error)
    if "not a valid DuckDB database" in message:
        return StoreError(
            f"{path} exists but is not a DuckDB database: give --db a new file name or the path of a whodid database"
        )
    if "conflicting lock" in message.lower() or "could not set lock" in message.lower():
        return StoreError(
            f"{path} is in use by another process (DuckDB allows one writer): wait for it to finish "
            f"or stop it, or use another --db file. DuckDB said: {message}"
        )
    if "different configuration" in message:
        return StoreError(f"{path} is already open in this process in another mode: close that Store first")
    return StoreError(f"cannot open {path}: {message}")


class Store:
    """A whodid DuckDB database. Use as a context manager; one Store (one process) writes at a time.

    Not thread-safe: give each thread its own read-only Store, or let one writer do all writes.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        link_options: LinkOptions | None = None,
        story_options: StoryOptions | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.link_options = link_options or LinkOptions()
        self.story_options = story_options or StoryOptions()
        self.link_seconds = 0.0  # time spent linking events and stories, for the benchmark
        self._connection: duckdb.DuckDBPyConnection | None = self._connect()
        try:
            self._check_or_create_schema()
        except BaseException:
            self.close()
            raise

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        """The open connection; a parked store opens it again here."""
        if self._connection is None:
            self._connection = self._connect()
        return self._connection

    def park(self) -> None:
        """Close the connection until the store is next used (it then opens again by itself). An open DuckDB
        database keeps threads, and a process with threads makes every memory allocation take a lock, which
        slows spaCy's parser by about a fifth: the runner parks the store while it parses. In-memory databases
        are never parked (they would be lost). Meanwhile another process may open the file for writing; the
        next write then fails with a StoreError that says so."""
        if self._connection is not None and str(self.path) != ":memory:":
            self._connection.close()
            self._connection = None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory: give --db the path of a database file")
        if self.read_only and not self.path.exists():
            raise StoreError(
                f"{self.path} does not exist: check the path, or create it with `whodid run PATH... --db {self.path}`"
            )
        if not self.read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return duckdb.connect(str(self.path), read_only=self.read_only)
        except duckdb.Error as error:
            raise _open_error(self.path, error) from error

    def _table_names(self) -> set[str]:
        rows = self._con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()")
        return {name for (name,) in rows.fetchall()}

    def _check_or_create_schema(self) -> None:
        tables = self._table_names()
        if "meta" not in tables:
            if tables or self.read_only:
                raise StoreError(f"{self.path} is a DuckDB database but not a whodid store: use another --db file")
            self._create_schema()
            return
        found = dict(self._con.execute("SELECT key, value FROM meta").fetchall())
        if found.get("schema_version") != str(SCHEMA_VERSION):
            raise StoreError(
                f"{self.path} has whodid schema {found.get('schema_version')} (made by whodid "
                f"{found.get('whodid_version')}); this whodid {__version__} reads schema {SCHEMA_VERSION}: "
                "use the matching whodid version or write to a new --db file"
            )
        if not self.read_only and set(COLUMNS) - tables:
            self._create_schema()

    def _create_schema(self) -> None:
        with self._transaction():
            for table in COLUMNS:
                self._con.execute(create_table_sql(table))
            self._con.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('whodid_version', ?)",
                [str(SCHEMA_VERSION), __version__],
            )

    def close(self) -> None:
        """Close the connection (pending writes are already committed)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction: everything inside is written, or (on any error) nothing is."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
            self._con.execute("COMMIT")
        except BaseException as error:
            with suppress(duckdb.Error):  # a failed COMMIT has already rolled back
                self._con.execute("ROLLBACK")
            if isinstance(error, duckdb.Error):
                raise StoreError(f"writing to {self.path} failed, nothing was written: {error}") from error
            raise

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only: open the Store without read_only to write")

    def _insert_rows(self, table: str, rows: Sequence[tuple[Any, ...]], *, ignore_duplicates: bool = False) -> None:
        """Insert rows in chunks, one list parameter per column (columnar, much faster than executemany)."""
        sql = bulk_insert_sql(table, ignore_duplicates=ignore_duplicates)
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = rows[start : start + CHUNK_ROWS]
            self._con.execute(sql, [list(column) for column in zip(*chunk, strict=True)])

    # --- writing -------------------------------------------------------------------------------------------

    def write_results(self, results: Sequence[ArticleResult], run_id: str) -> int:
        """Store a batch of articles in one transaction; returns how many were new (stored ones are skipped).

        An event id already stored (or repeated in the batch) is kept once. In the same transaction, the new
        events are linked to world events (their counts recomputed) and the new articles put into stories.
        """
        self._require_writable()
        fresh = self._new_results(results)
        if not fresh:
            return 0
        now = _utcnow()
        rows = batch_rows(fresh, run_id, now)
        with self._transaction():
            for table, table_rows in rows.items():
                if table_rows:
                    self._insert_rows(table, table_rows, ignore_duplicates=table == "events")
            started = time.perf_counter()
            linking.link_batch(self._con, fresh, now, self._insert_rows, self.link_options)
            stories.assign_stories(self._con, fresh, now, self._insert_rows, self.story_options)
            self.link_seconds += time.perf_counter() - started
        return len(fresh)

    def write_duplicates(self, run_id: str, duplicates: Sequence[Duplicate]) -> None:
        """Record re-posts (exact or near copies of stored articles) and recompute the counts of the world
        events their articles mention: a re-post never adds an article, a source or mentions to an event."""
        self._require_writable()
        if not duplicates:
            return
        ids = [i for d in duplicates for i in (d.article_id, d.duplicate_article_id) if i]
        with self._transaction():
            self._insert_rows("duplicates", linking.duplicate_rows(run_id, duplicates, _utcnow()))
            linking.recompute_counts(self._con, linking.world_events_of_articles(self._con, ids))

    def _new_results(self, results: Sequence[ArticleResult]) -> list[ArticleResult]:
        """Results whose article is neither stored nor earlier in the batch."""
        ids = [r.article.article_id for r in results]
        stored = {
            aid
            for (aid,) in self._con.execute(
                "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            ).fetchall()
        }
        fresh: list[ArticleResult] = []
        for result in results:
            if result.article.article_id not in stored:
                stored.add(result.article.article_id)
                fresh.append(result)
        return fresh

    def write_skipped(self, run_id: str, skipped: Sequence[Skipped]) -> None:
        """Record inputs that could not be processed."""
        self._require_writable()
        now = _utcnow()
        rows = [(run_id, s.origin, s.doc_id, s.reason, s.detail, now) for s in skipped]
        if rows:
            with self._transaction():
                self._insert_rows("skipped", rows)

    def start_run(self, command: str, inputs: list[str]) -> str:
        """Record the start of a run; returns its id (sortable: UTC time plus a random suffix)."""
        self._require_writable()
        now = _utcnow()
        run_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        self._con.execute(
            "INSERT INTO runs (run_id, started_at, command, inputs, whodid_version) VALUES (?, ?, ?, ?, ?)",
            [run_id, now, command, list(inputs), __version__],
        )
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        """Record the end of a run and its summary (any JSON-able dict; other values become strings)."""
        self._require_writable()
        updated = self._con.execute(
            "UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
            [_utcnow(), json.dumps(summary, ensure_ascii=False, default=str), run_id],
        ).fetchone()
        if not updated or updated[0] == 0:
            raise StoreError(f"no run {run_id!r} in {self.path}: use the id returned by start_run")

    # --- reading -------------------------------------------------------------------------------------------

    def known_article_ids(self) -> set[str]:
        """Ids of all stored articles."""
        return {aid for (aid,) in self._con.execute("SELECT article_id FROM articles").fetchall()}

    def article_texts(self) -> Iterator[tuple[str, str]]:
        """(article id, text) of every stored article, oldest first (to seed near-duplicate detection)."""
        cursor = self._con.execute("SELECT article_id, text FROM articles ORDER BY processed_at, article_id")
        while rows := cursor.fetchmany(1000):
            yield from rows

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (content hash) is stored."""
        row = self._con.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return row is not None

    def iter_events(
        self,
        *,
        code: str | None = None,
        root: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        linked: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Stored events as DESIGN.md event records, ordered by article date, article, sentence.

        `code` matches that CAMEO code and the codes under it ("025" gives 025 and 0251-0256); `root` the
        two-digit root; `country` (ISO3) the source, target or location country; `since`/`until`
        (YYYY-MM-DD, inclusive) the event date, leaving out undated events. With `linked`, each record also
        has "article" (its article's metadata and story), "mention" and "world_event" (the real-world event
        it reports, with counts over all articles): what the GDELT, POLECAT and PLOVER exports need.
        """
        where, params = _event_filters(code, root, country, since, until)
        extra, joins = (linking.LINKED_SELECT, linking.LINKED_JOINS) if linked else ("", "")
        sql = f"SELECT e.*{extra} FROM events e JOIN articles a ON a.article_id = e.article_id{joins}"
        sql += f"{where} ORDER BY a.date NULLS LAST, e.article_id, e.sentence, e.seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(limit, 0))
        cursor = self._con.cursor()  # own cursor: the caller may write while iterating
        try:
            cursor.execute(sql, params)
            names = [d[0] for d in cursor.description]
            while batch := cursor.fetchmany(1000):
                for row in batch:
                    record = dict(zip(names, row, strict=True))
                    if linked:
                        parts = linking.split_linked(record)
                        yield {**event_record(record), **parts}
                    else:
                        yield event_record(record)
        finally:
            cursor.close()

    def world_events(self, *, min_articles: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
        """World events (one per real-world event) with their counts, the most reported first."""
        return linking.world_events(self._con, min_articles=min_articles, limit=limit)

    def mentions_of(self, world_event_id: int) -> list[dict[str, Any]]:
        """The mentions of one world event (article, sentence, offsets, confidence, tone), oldest first."""
        return linking.mentions_of(self._con, world_event_id)

    def stories(self, *, min_articles: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
        """Stories (id, title, first/last date, articles, sources), the largest first."""
        return stories.list_stories(self._con, min_articles=min_articles, limit=limit)

    def story(self, story_id: int, *, top: int = 10) -> dict[str, Any] | None:
        """One story with its articles, timeline of world events, main actors and places."""
        return stories.story_detail(self._con, story_id, top=top)

    def story_of(self, article_id: str) -> int | None:
        """The story an article belongs to."""
        return stories.story_of(self._con, article_id)

    def counts(self) -> dict[str, int]:
        """Row counts: articles, sentences, events, places, quotes, skipped."""
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in _COUNTED)
        found = dict(self._con.execute(sql).fetchall())
        return {table: int(found[table]) for table in _COUNTED}

    def skipped_summary(self, run_id: str | None = None) -> list[tuple[str, int]]:
        """(reason, count) of skipped inputs, most frequent first; one run's or all."""
        where = " WHERE run_id = ?" if run_id else ""
        rows = self._con.execute(
            f"SELECT reason, count(*) AS n FROM skipped{where} GROUP BY reason ORDER BY n DESC, reason",
            [run_id] if run_id else [],
        ).fetchall()
        return [(reason, int(n)) for reason, n in rows]

    def run_info(self, run_id: str) -> dict[str, Any] | None:
        """A run's record (times, command, inputs, summary as a dict), or None when unknown."""
        cursor = self._con.execute("SELECT * FROM runs WHERE run_id = ?", [run_id])
        row = cursor.fetchone()
        if row is None:
            return None
        info = dict(zip([d[0] for d in cursor.description], row, strict=True))
        info["summary"] = json.loads(info["summary"]) if info["summary"] else None
        return info

    def skipped_inputs(self, run_id: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Skipped inputs (origin, doc_id, reason, detail, run_id), newest first; one run's or all."""
        where = " WHERE run_id = ?" if run_id else ""
        sql = f"SELECT run_id, origin, doc_id, reason, detail FROM skipped{where} ORDER BY skipped_at DESC, origin"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cursor = self._con.execute(sql, [run_id] if run_id else [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
