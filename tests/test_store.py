"""Tests for the DuckDB store: round trip, idempotency, transactions, filters, runs and helpful errors."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from whodid import __version__, store
from whodid.records import (
    Actor,
    ActorMention,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Place,
    Quote,
    Sentence,
    Skipped,
    stable_id,
)
from whodid.store import Store, StoreError

KERRY = Actor("USAGOV", "John Kerry", "USA", ("GOV",))
RUSSIA = Actor("RUS", "Russia", "RUS", ())
UN = Actor("IGOUNO", "United Nations", None, ("IGO", "UNO"))
ALEPPO = Place("Aleppo", 40, 46, "Aleppo", 170063, 36.20278, 37.15861, "SYR", "city", "Aleppo Governorate")


def make_event(article_id: str, sentence: int, text: str, code: str, **changes: object) -> Event:
    """An event in `text`: source is the first word, the trigger the second, target the third."""
    words = text.split()
    src_end = len(words[0])
    trig_start = src_end + 1
    trig_end = trig_start + len(words[1])
    tgt_start = trig_end + 1
    event = Event(
        event_id=stable_id(article_id, sentence, code, text),
        article_id=article_id,
        sentence=sentence,
        date="2016-12-02",
        date_basis="explicit",
        code=code,
        base_code=code[:3],
        root_code=code[:2],
        quad_class=1,
        goldstein=3.4,
        plover_event="REQUEST",
        plover_mode=None,
        source=ActorMention(words[0], 0, src_end, KERRY, "dict:kerry"),
        target=ActorMention(words[2], tgt_start, tgt_start + len(words[2]), RUSSIA, "dict:russia"),
        evidence=Evidence(text, (trig_start, trig_end), (0, src_end), (tgt_start, tgt_start + len(words[2])), "r1"),
        location=ALEPPO,
        confidence=0.8,
    )
    return replace(event, **changes)


def make_result(text: str, date: str | None = "2016-12-02", n_events: int = 2) -> ArticleResult:
    """An ArticleResult with one sentence per line of `text`, events, a place and two quotes."""
    aid = stable_id(text)
    article = Article(aid, f"doc-{aid[:4]}", f"in.jsonl#{aid[:4]}", text, "A title", date, "input", "Reuters")
    sentences, start = [], 0
    for i, line in enumerate(text.split("\n")):
        sentences.append(Sentence(i, start, start + len(line), line))
        start += len(line) + 1
    events = [make_event(aid, i % len(sentences), sentences[i % len(sentences)].text, "0256") for i in range(n_events)]
    events = [replace(e, event_id=f"{e.event_id}{i}") for i, e in enumerate(events)]
    quotes = [
        Quote("we will talk", 5, 17, ActorMention("Kerry", 0, 5, KERRY, "dict:kerry")),
        Quote("no comment", 20, 30, None, speaker_text="a spokesman"),
    ]
    return ArticleResult(article, sentences, [], events, [ALEPPO], quotes)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "whodid.duckdb"


def test_round_trip_gives_event_to_dict_exactly(db: Path) -> None:
    later = make_result("Kerry urged Russians to talk.\nKerry asked Moscow again.", date="2017-01-05")
    earlier = make_result("Pútin rejected Kerry's plan in Алеппо.", date="2016-03-01", n_events=1)
    bare = replace(
        earlier.events[0],
        event_id="bare",
        code="043",
        base_code="043",
        root_code="04",
        goldstein=-2.0,
        plover_event=None,
        source=None,
        target=None,
        location=None,
        date=None,
        date_basis="unknown",
        negated=True,
        modality="intent",
        quoted=True,
        evidence=Evidence("Pútin rejected", (6, 14), None, None, "r2"),
    )
    un_event = replace(earlier.events[0], event_id="un", source=ActorMention("UN", 0, 2, UN, "d"))
    earlier.events = [*earlier.events, bare, un_event]
    with Store(db) as st:
        assert st.write_results([later, earlier], "run1") == 2
        got = list(st.iter_events())
    expected = [e.to_dict() for e in earlier.events + later.events]  # ordered by article date
    assert got == expected
    assert [list(g) for g in got] == [list(e) for e in expected]  # same key order, for identical JSON
    assert got[1]["code"] == "043" and got[0]["code"] == "0256"
    assert got[2]["source"]["sectors"] == ["IGO", "UNO"] and got[2]["source"]["country"] is None


def test_writing_twice_adds_nothing(db: Path) -> None:
    results = [make_result("Kerry urged Russians to talk."), make_result("Kerry asked Moscow again.")]
    with Store(db) as st:
        assert st.write_results(results, "r") == 2
        before = st.counts()
        assert st.write_results(results, "r") == 0
        assert st.write_results([results[0], results[0]], "r") == 0
        assert st.counts() == before
    assert before == {"articles": 2, "sentences": 2, "events": 4, "places": 2, "quotes": 4, "skipped": 0}


def test_duplicate_article_in_one_batch_is_written_once(db: Path) -> None:
    result = make_result("Kerry urged Russians to talk.")
    with Store(db) as st:
        assert st.write_results([result, result], "r") == 1
        assert st.counts()["events"] == 2
        assert st.has_article(result.article.article_id)
        assert not st.has_article("nope")
        assert st.known_article_ids() == {result.article.article_id}


def test_repeated_event_id_is_kept_once_without_failing_the_batch(db: Path) -> None:
    first = make_result("Kerry urged Russians to talk.")
    second = make_result("Kerry asked Moscow again.")
    second.events = [replace(second.events[0], event_id=first.events[0].event_id)]
    with Store(db) as st:
        st.write_results([first], "r")
        assert st.write_results([second], "r") == 1
        assert st.counts()["events"] == 2


def test_failure_mid_batch_writes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Store._insert_rows

    def fail_on_events(self: Store, table: str, rows: list, **kwargs: object) -> None:
        if table == "events":
            raise RuntimeError("disk on fire")
        original(self, table, rows, **kwargs)

    results = [make_result("Kerry urged Russians to talk."), make_result("Kerry asked Moscow again.")]
    with Store(db) as st:
        monkeypatch.setattr(Store, "_insert_rows", fail_on_events)
        with pytest.raises(RuntimeError, match="disk on fire"):
            st.write_results(results, "r")
        assert set(st.counts().values()) == {0}
        monkeypatch.setattr(Store, "_insert_rows", original)
        assert st.write_results(results, "r") == 2  # still usable after the rollback


def test_database_error_mid_batch_becomes_store_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Store, table: str, rows: list, **kwargs: object) -> None:
        raise duckdb.ConversionException("bad value")

    with Store(db) as st:
        monkeypatch.setattr(Store, "_insert_rows", broken)
        with pytest.raises(StoreError, match="nothing was written"):
            st.write_results([make_result("Kerry urged Russians to talk.")], "r")


def test_bulk_insert_in_many_chunks_keeps_rows_aligned(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "CHUNK_ROWS", 7)
    text = "\n".join(f"Kerry urged Russians{i} to talk." for i in range(30))
    result = make_result(text, n_events=50)
    with Store(db) as st:
        st.write_results([result], "r")
        assert list(st.iter_events()) == [e.to_dict() for e in sorted(result.events, key=lambda e: e.sentence)]
        assert st.counts()["sentences"] == 30


def test_places_quotes_and_articles_columns(db: Path) -> None:
    result = make_result("Kerry urged Russians to talk.")
    with Store(db) as st:
        st.write_results([result], "run-x")
    con = duckdb.connect(str(db), read_only=True)
    try:
        quotes = con.execute(
            "SELECT text, speaker_text, speaker_code, speaker_sectors FROM quotes ORDER BY 1"
        ).fetchall()
        place = con.execute("SELECT name, geonameid, lat, country, feature, admin1, basis FROM places").fetchone()
        article = con.execute("SELECT date, n_sentences, run_id, typeof(date) FROM articles").fetchone()
        code_type = con.execute("SELECT typeof(code), typeof(goldstein), typeof(evidence) FROM events").fetchone()
    finally:
        con.close()
    assert quotes == [("no comment", "a spokesman", None, []), ("we will talk", "Kerry", "USAGOV", ["GOV"])]
    assert place == ("Aleppo", 170063, 36.20278, "SYR", "city", "Aleppo Governorate", "gazetteer")
    assert str(article[0]) == "2016-12-02" and article[1:] == (1, "run-x", "DATE")
    assert code_type == ("VARCHAR", "DOUBLE", "JSON")


def test_filters(db: Path) -> None:
    a = make_result("Kerry urged Russians to talk.", date="2016-01-01", n_events=1)
    b = make_result("Kerry asked Moscow again.", date="2016-06-01", n_events=1)
    a.events = [replace(a.events[0], code="0256", base_code="025", date="2016-01-01")]
    b.events = [replace(b.events[0], code="190", base_code="190", root_code="19", date="2016-06-01", location=None)]
    with Store(db) as st:
        st.write_results([a, b], "r")
        codes = lambda **kw: [e["code"] for e in st.iter_events(**kw)]  # noqa: E731
        assert codes() == ["0256", "190"]
        assert codes(code="025") == ["0256"]
        assert codes(code="0256") == ["0256"]
        assert codes(root="19") == ["190"]
        assert codes(country="SYR") == ["0256"]  # location country
        assert codes(country="RUS") == ["0256", "190"]  # target country
        assert codes(country="FRA") == []
        assert codes(since="2016-03-01") == ["190"]
        assert codes(until="2016-03-01") == ["0256"]
        assert codes(limit=1) == ["0256"]
        assert codes(limit=0) == []
        with pytest.raises(StoreError, match="YYYY-MM-DD"):
            list(st.iter_events(since="last week"))


def test_runs_and_skipped(db: Path) -> None:
    with Store(db) as st:
        run = st.start_run("run", ["a.jsonl", "dir/"])
        st.write_skipped(run, [Skipped("a#1", "empty", "no text"), Skipped("a#2", "empty", "no text", "d2")])
        st.write_skipped(run, [Skipped("b.bin", "binary", "not text: give .txt")])
        st.write_skipped("other", [Skipped("c", "decode", "bad bytes")])
        st.finish_run(run, {"articles": 3, "path": Path("x")})
        assert st.skipped_summary(run) == [("empty", 2), ("binary", 1)]
        assert st.skipped_summary() == [("empty", 2), ("binary", 1), ("decode", 1)]
        assert st.counts()["skipped"] == 4
        info = st.run_info(run)
        with pytest.raises(StoreError, match="no run"):
            st.finish_run("missing", {})
    assert info is not None
    assert info["summary"] == {"articles": 3, "path": "x"}
    assert info["inputs"] == ["a.jsonl", "dir/"] and info["command"] == "run"
    assert info["finished_at"] >= info["started_at"] and info["whodid_version"] == __version__


def test_reopen_keeps_data_and_schema_version(db: Path) -> None:
    with Store(db) as st:
        st.write_results([make_result("Kerry urged Russians to talk.")], "r")
    with Store(db) as st:
        assert st.counts()["articles"] == 1
    with Store(db, read_only=True) as st:
        assert len(list(st.iter_events())) == 2
        with pytest.raises(StoreError, match="read-only"):
            st.write_results([make_result("Kerry asked Moscow again.")], "r")
    con = duckdb.connect(str(db), read_only=True)
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    con.close()
    assert meta == {"schema_version": str(store.SCHEMA_VERSION), "whodid_version": __version__}


def test_read_only_open_of_missing_file_is_store_error(db: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(db, read_only=True)
    assert not db.exists()


def test_non_duckdb_file_is_store_error(db: Path) -> None:
    db.write_text("just some text, not a database\n")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(db)
    with pytest.raises(StoreError, match="is a directory"):
        Store(db.parent)


def test_other_duckdb_database_is_not_taken_over(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE mine (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a whodid store"):
        Store(db)


def test_newer_schema_is_refused(db: Path) -> None:
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="schema 99"):
        Store(db)


def test_file_locked_by_another_process_is_store_error(db: Path) -> None:
    Store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(db)!r}); print('ok', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use by another process"):
            Store(db)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


def test_event_outside_the_cameo_table_round_trips_without_scale(db: Path) -> None:
    """A user's own verb dictionary may code outside CAMEO: no QuadClass, no Goldstein, no PLOVER."""
    result = make_result("Arnor restored ties with Gondor.", n_events=1)
    odd = replace(result.events[0], code="212", base_code="212", root_code="21", quad_class=None, goldstein=None,
                  plover_event=None)  # fmt: skip
    result.events[:] = [odd]
    with Store(db) as s:
        s.write_results([result], s.start_run("test", []))
        (back,) = list(s.iter_events())
    assert back == odd.to_dict()


def test_linking_tables_are_written_in_the_same_transaction(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whodid import stories

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("stories failed")

    results = [make_result("Kerry urged Russians to talk."), make_result("Kerry asked Moscow again.")]
    with Store(db) as st:
        monkeypatch.setattr(stories, "assign_stories", broken)
        with pytest.raises(RuntimeError, match="stories failed"):
            st.write_results(results, "r")
        assert st.counts()["articles"] == 0 and st.world_events() == [] and st.stories() == []
        monkeypatch.undo()
        assert st.write_results(results, "r") == 2
        (world,) = st.world_events()  # four 0256 Kerry -> Russia reports in Aleppo on one day: one event
        assert (world["num_mentions"], world["num_articles"], world["num_sources"]) == (4, 2, 1)
        assert len(st.mentions_of(world["world_event_id"])) == 4 and len(st.stories()) == 1


def test_write_duplicates(db: Path) -> None:
    from whodid.linking import Duplicate

    original = make_result("Kerry urged Russians to talk.")
    with Store(db) as st:
        st.write_results([original], "r")
        st.write_duplicates("r", [Duplicate("copy.txt", original.article.article_id, "exact", doc_id="c")])
        st.write_duplicates("r", [])
        (world,) = st.world_events()
        rows = st._con.execute("SELECT origin, doc_id, kind, similarity, duplicate_article_id FROM duplicates")
        assert rows.fetchall() == [("copy.txt", "c", "exact", 1.0, None)]
    assert (world["num_articles"], world["num_reposts"]) == (1, 1)
    with Store(db, read_only=True) as st, pytest.raises(StoreError, match="read-only"):
        st.write_duplicates("r", [Duplicate("x", "y")])


def test_schema_has_the_cross_article_tables(db: Path) -> None:
    Store(db).close()
    con = duckdb.connect(str(db), read_only=True)
    tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    con.close()
    assert {"world_events", "mentions", "duplicates", "stories", "story_articles", "article_terms", "term_df"} <= tables
    assert store.SCHEMA_VERSION == 4  # 4: places.basis


def _threads() -> int:
    return len(list(Path("/proc/self/task").iterdir()))


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc (Linux)")
def test_a_parked_store_ends_the_database_threads_and_opens_again_when_used(db: Path) -> None:
    import numpy  # noqa: F401 (loaded by writing, if not before: its BLAS threads are not the store's)

    before = _threads()
    with Store(db) as st:
        assert st.write_results([make_result("Kerry urged Russians to talk.")], "r") == 1
        assert _threads() > before  # DuckDB's own threads
        st.park()
        st.park()  # parking twice is harmless
        assert _threads() == before
        assert st.write_results([make_result("Kerry asked Moscow again.")], "r") == 1
        assert st.counts()["articles"] == 2
    with Store(db, read_only=True) as st:
        assert st.counts()["articles"] == 2
