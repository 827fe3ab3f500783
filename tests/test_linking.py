"""Tests for linking events across articles: world events, mentions, counts that survive re-posts and late arrivals."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from whodid.cli import app
from whodid.linking import (
    Duplicate,
    LinkOptions,
    dates_compatible,
    link_key,
    mention_offsets,
    places_compatible,
    sectors_compatible,
    source_name,
)
from whodid.records import (
    Actor,
    ActorMention,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Place,
    Sentence,
    Tone,
    stable_id,
)
from whodid.store import Store

RUSGOV = Actor("RUSGOV", "Sergey Lavrov", "RUS", ("GOV",))
USAGOV = Actor("USAGOV", "John Kerry", "USA", ("GOV",))
USA = Actor("USA", "United States", "USA", ())
SYRMIL = Actor("SYRMIL", "Syrian army", "SYR", ("MIL",))
SYRREB = Actor("SYRREB", "Syrian rebels", "SYR", ("REB",))
SYRGOV = Actor("SYRGOV", "Syria", "SYR", ("GOV",))
GENEVA = Place("Geneva", 0, 6, "Geneva", 2660646, 46.2, 6.14, "CHE", "city", "GE")
MOSCOW = Place("Moscow", 0, 6, "Moscow", 524901, 55.75, 37.62, "RUS", "city", "48")
ALEPPO = Place("Aleppo", 0, 6, "Aleppo", 170063, 36.2, 37.16, "SYR", "city", "09")
SYRIA = Place("Syria", 0, 5, "Syria", 163843, 35.0, 38.0, "SYR", "country")


@dataclass(frozen=True)
class Report:
    """One coded event in a generated article: who, code, whom, where, in which sentence, dated when."""

    source: Actor | None
    code: str
    target: Actor | None
    place: Place | None = None
    sentence: int = 0
    date: str | None = None
    negated: bool = False


def coded(article_id: str, sentences: list[Sentence], report: Report, n: int) -> Event:
    text = sentences[report.sentence].text
    src = ActorMention("Src", sentences[report.sentence].start, sentences[report.sentence].start + 3, report.source,
                       "d") if report.source else None  # fmt: skip
    tgt = ActorMention("Tgt", 0, 3, report.target, "d") if report.target else None
    return Event(
        event_id=stable_id(article_id, n),
        article_id=article_id,
        sentence=report.sentence,
        date=report.date,
        date_basis="explicit" if report.date else "published",
        code=report.code,
        base_code=report.code[:3],
        root_code=report.code[:2],
        quad_class=1,
        goldstein=1.0,
        plover_event="CONSULT",
        plover_mode=None,
        source=src,
        target=tgt,
        evidence=Evidence(text, (4, 9), (0, 3) if src else None, (10, 13) if tgt else None, "r"),
        location=report.place,
        negated=report.negated,
        confidence=0.7,
        tone=-1.0,
    )


def article(
    key: str, source: str | None, day: str | None, reports: list[Report], tone: float | None = None, words: str = ""
) -> ArticleResult:
    """A generated article from `source` with one sentence per line, worded differently per `key`."""
    lines = [f"Line {i} of {key} {words} about the talks and the fighting." for i in range(6)]
    text = "\n".join(lines)
    aid = stable_id(key, text)
    sentences, start = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(i, start, start + len(line), line))
        start += len(line) + 1
    url = f"https://{source}/{key}" if source else None
    art = Article(aid, key, f"gen:{key}", text, f"Title {key}", day, "input", source, url)
    events = [coded(aid, sentences, r, n) for n, r in enumerate(reports)]
    result = ArticleResult(art, sentences, [], events, [])
    if tone is not None:
        result.tone = Tone(tone, 1.0, 1.0, 2.0, 60)
    return result


TALKS = Report(RUSGOV, "040", USAGOV, GENEVA)  # Russia and the US hold talks in Geneva on 2 December
FIGHT = Report(SYRMIL, "190", SYRREB, ALEPPO)  # the Syrian army fights rebels in Aleppo on 3 December


def stream() -> dict[str, ArticleResult]:
    """The same two real-world events reported by several sources, worded and coded a little differently."""
    return {
        "a1": article("a1", "reuters.com", "2016-12-02", [TALKS, replace(TALKS, code="043", sentence=3)], tone=-2.0),
        "a2": article("a2", "bbc.co.uk", "2016-12-03", [replace(TALKS, code="042", date="2016-12-02"), FIGHT], 1.0),
        "a3": article("a3", "reuters.com", "2016-12-03", [replace(TALKS, place=None, sentence=2)], tone=4.0),
        "a4": article("a4", "aljazeera.com", "2016-12-05", [replace(FIGHT, date="2016-12-04", place=SYRIA)]),
        # a near copy of a1 on another site (stored, flagged as a copy of a1): it must add nothing
        "a1near": article("a1near", "copycat.example", "2016-12-02", [TALKS, TALKS], tone=10.0, words="also"),
    }


def counts(store: Store) -> dict[tuple[str | None, str | None, str], tuple[int, ...]]:
    """(source, target, root) -> (mentions, sources, articles, re-posts) of every world event."""
    return {
        (w["source_code"], w["target_code"], w["root_code"]): (
            w["num_mentions"], w["num_sources"], w["num_articles"], w["num_reposts"]
        )
        for w in store.world_events()
    }  # fmt: skip


def reposts(arts: dict[str, ArticleResult]) -> list[Duplicate]:
    return [
        Duplicate("mirror.example/a2", arts["a2"].article.article_id, "exact", source="mirror.example"),
        Duplicate("gen:a1near", arts["a1"].article.article_id, "near", 0.9,
                  duplicate_article_id=arts["a1near"].article.article_id),
    ]  # fmt: skip


EXPECTED = {
    ("RUSGOV", "USAGOV", "04"): (4, 2, 3, 2),  # a1 twice, a2, a3; reuters and bbc; copies of a1 and a2
    ("SYRMIL", "SYRREB", "19"): (2, 2, 2, 1),  # a2, a4; the exact copy of a2
}


def test_stream_gives_right_counts_in_one_batch(tmp_path: Path) -> None:
    arts = stream()
    with Store(tmp_path / "db.duckdb") as st:
        st.write_duplicates("r", reposts(arts))
        st.write_results(list(arts.values()), "r")
        assert counts(st) == EXPECTED
        talks = next(w for w in st.world_events() if w["root_code"] == "04")
        assert talks["avg_tone"] == pytest.approx(1.0)  # a1 -2, a2 1, a3 4; the copy's 10 is left out
        assert talks["code"] == "040" and talks["date"] == date(2016, 12, 2) and talks["location_name"] == "Geneva"
        assert len(st.mentions_of(talks["world_event_id"])) == 6  # every mention is kept, copies too


def test_counts_stay_right_when_articles_arrive_in_several_runs(tmp_path: Path) -> None:
    arts = stream()
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results([arts["a1"]], "r1")
        assert counts(st) == {("RUSGOV", "USAGOV", "04"): (2, 1, 1, 0)}
        st.write_results([arts["a1near"], arts["a3"]], "r2")  # the copy arrives before it is known as one
        assert counts(st)[("RUSGOV", "USAGOV", "04")] == (5, 2, 3, 0)
        st.write_duplicates("r2", reposts(arts)[1:])  # now it is: counts fall back
        assert counts(st)[("RUSGOV", "USAGOV", "04")] == (3, 1, 2, 1)
        st.write_results([arts["a2"]], "r3")
        st.write_duplicates("r3", reposts(arts)[:1])
        st.write_results([arts["a4"]], "r4")
        st.write_results(list(arts.values()), "r5")  # all again: nothing changes
        assert counts(st) == EXPECTED


def test_a_copy_that_alone_reports_an_event_still_counts_once(tmp_path: Path) -> None:
    original = article("o", "reuters.com", "2016-12-02", [TALKS])
    copy = article("c", "copy.example", "2016-12-02", [TALKS, FIGHT], words="updated")
    dup = Duplicate("gen:c", original.article.article_id, "near", 0.85, duplicate_article_id=copy.article.article_id)
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results([original, copy], "r")
        st.write_duplicates("r", [dup])
        assert counts(st) == {("RUSGOV", "USAGOV", "04"): (1, 1, 1, 1), ("SYRMIL", "SYRREB", "19"): (1, 1, 1, 0)}


def test_events_that_differ_are_not_merged(tmp_path: Path) -> None:
    base = article("base", "reuters.com", "2016-12-02", [TALKS])
    others = [
        article("late", "bbc.co.uk", "2016-12-15", [TALKS]),  # outside the two-day window
        article("moscow", "bbc.co.uk", "2016-12-02", [replace(TALKS, place=MOSCOW)]),  # another city
        article("reverse", "bbc.co.uk", "2016-12-02", [Report(USAGOV, "040", RUSGOV, GENEVA)]),  # other direction
        article("denied", "bbc.co.uk", "2016-12-02", [replace(TALKS, negated=True)]),  # "did not meet"
        article("threat", "bbc.co.uk", "2016-12-02", [replace(TALKS, code="138")]),  # another family
        article("rebels", "bbc.co.uk", "2016-12-02", [Report(SYRREB, "190", SYRMIL, ALEPPO)]),
        article("army", "bbc.co.uk", "2016-12-02", [Report(SYRGOV, "190", SYRREB, ALEPPO)]),  # other sectors
    ]
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results([base, *others], "r")
        rows = st.world_events()
    assert len(rows) == 1 + len(others)
    assert all(w["num_articles"] == 1 for w in rows)


def test_loose_matches_link(tmp_path: Path) -> None:
    base = article("base", "reuters.com", "2016-12-02", [TALKS])
    loose = [
        article("country", "bbc.co.uk", "2016-12-03", [Report(RUSGOV, "046", USA, GENEVA)]),  # USA vs USAGOV
        article("unplaced", "ap.org", "2016-12-04", [replace(TALKS, place=None)]),  # no place: compatible
        article("earlier", "afp.com", "2016-12-01", [TALKS]),  # an event without a date: its article's date
    ]
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results([base, *loose], "r")
        (only,) = st.world_events()
        rules = sorted(m["link_rule"] for m in st.mentions_of(only["world_event_id"]))
    assert (only["num_articles"], only["num_sources"]) == (4, 4)
    assert rules == ["code", "code", "family", "new"]


def test_a_place_learnt_later_is_kept(tmp_path: Path) -> None:
    first = article("first", "reuters.com", "2016-12-02", [replace(TALKS, place=None)])
    later = article("later", "bbc.co.uk", "2016-12-02", [TALKS])
    other = article("other", "ap.org", "2016-12-02", [replace(TALKS, place=MOSCOW)])
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results([first], "r")
        st.write_results([later], "r")
        st.write_results([other], "r")
        rows = {w["location_name"]: w["num_articles"] for w in st.world_events()}
    assert rows == {"Geneva": 2, "Moscow": 1}


def test_sources_without_a_name_fall_back_to_the_url_then_the_article() -> None:
    a = article("x", None, "2016-12-02", [TALKS]).article
    assert source_name(a) == f"article:{a.article_id}"
    assert source_name(replace(a, url="https://www.Example.com/p")) == "example.com"
    assert source_name(replace(a, source="Reuters ")) == "reuters"


def test_pure_rules() -> None:
    d = date(2016, 12, 2)
    assert dates_compatible(d, date(2016, 12, 4), 2) and not dates_compatible(d, date(2016, 12, 5), 2)
    assert dates_compatible(None, None, 2) and not dates_compatible(d, None, 2)
    assert places_compatible((170063, "SYR", "city"), (163843, "SYR", "country"))
    assert not places_compatible((170063, "SYR", "city"), (524901, "RUS", "city"))
    assert places_compatible((None, None, None), (524901, "RUS", "city"))
    assert sectors_compatible((), ("GOV",)) and not sectors_compatible(("GOV",), ("REB",))
    event = coded("a", [Sentence(0, 100, 140, "Src met Tgt in Geneva on Friday morning.")], TALKS, 0)
    assert link_key(event) == "04|RUS|USA|" and link_key(event, "base") == "040|RUS|USA|"
    assert mention_offsets(event, 100) == (100, 110, 104, True)
    assert LinkOptions().date_window_days == 2


def test_wider_window_and_base_family_options(tmp_path: Path) -> None:
    arts = [
        article("p", "reuters.com", "2016-12-02", [TALKS]),
        article("q", "bbc.co.uk", "2016-12-06", [replace(TALKS, code="043")]),
    ]
    with Store(tmp_path / "a.duckdb", link_options=LinkOptions(date_window_days=5)) as st:
        st.write_results(arts, "r")
        assert len(st.world_events()) == 1
    with Store(tmp_path / "b.duckdb", link_options=LinkOptions(date_window_days=5, family="base")) as st:
        st.write_results(arts, "r")
        assert len(st.world_events()) == 2


def test_linked_events_carry_article_mention_and_world_event(tmp_path: Path) -> None:
    arts = stream()
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results(list(arts.values()), "r")
        plain = list(st.iter_events())
        linked = list(st.iter_events(linked=True))
    assert [{k: e[k] for k in plain[0]} for e in linked] == plain
    first = next(e for e in linked if e["article_id"] == arts["a1"].article.article_id)
    assert first["article"]["source"] == "reuters.com" and first["article"]["story_id"] is not None
    assert first["mention"]["url"] == "https://reuters.com/a1" and first["mention"]["confidence"] == 0.7
    assert first["world_event"]["num_articles"] >= 1 and "link_key" not in first["world_event"]


def test_linking_a_batch_is_fast(tmp_path: Path) -> None:
    """64 articles of 8 events each, into a store that already holds 6 batches of them: well under a second."""
    codes = ["040", "042", "043", "111", "112", "190", "138", "036"]
    actors = [RUSGOV, USAGOV, SYRMIL, SYRREB, USA]

    def batch(b: int) -> list[ArticleResult]:
        out = []
        for i in range(64):
            reports = [
                Report(actors[(i + k) % 5], codes[(i * k) % 8], actors[(i + 2 * k + 1) % 5], sentence=k % 6)
                for k in range(8)
            ]
            out.append(article(f"b{b}-{i}", f"site{i % 9}.com", f"2016-12-{1 + (b % 28):02d}", reports))
        return out

    with Store(tmp_path / "db.duckdb") as st:
        for b in range(6):
            st.write_results(batch(b), "r")
        started = time.perf_counter()
        st.write_results(batch(6), "r")
        elapsed = time.perf_counter() - started
        n_mentions = st._con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert n_mentions == 7 * 64 * 8
    assert elapsed < 2.0  # the whole write (measured about 0.3 s); linking and stories are a part of it


# ---------------------------------------------------------------- end to end through `whodid run`

NEWS = [
    ("r1", "https://www.reuters.com/a1", "2024-03-06",
     "Russia condemned Turkey on Wednesday after the border clash near Kilis.\n\n"
     "The foreign ministry in Moscow said the shelling was unacceptable."),
    ("b1", "https://www.bbc.co.uk/news/b1", "2024-03-06",
     "Russia sharply condemned Turkey on Wednesday over the clash on the border.\n\n"
     "Diplomats expect further talks next week."),
    ("a1", "https://www.aljazeera.com/x", "2024-03-07",
     "On Wednesday Russia condemned Turkey for the border incident, officials said.\n\n"
     "The statement was read out on state television."),
]  # fmt: skip


def test_whodid_run_links_reports_from_several_sources(tmp_path: Path) -> None:
    """Three sources report one condemnation in their own words; a fourth site re-posts Reuters' text."""
    lines = [{"id": i, "url": u, "date": d, "text": t} for i, u, d, t in NEWS]
    lines.append({**lines[0], "id": "mirror", "url": "https://mirror.example.com/a1"})
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text("".join(json.dumps(x) + "\n" for x in lines[:2]), encoding="utf-8")
    second.write_text("".join(json.dumps(x) + "\n" for x in lines[2:]), encoding="utf-8")
    db = tmp_path / "news.duckdb"
    for path in (first, second):  # two runs: counts are updated, not frozen after the first
        result = CliRunner().invoke(app, ["run", str(path), "--db", str(db), "--quiet"])
        assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT num_sources, num_articles FROM world_events WHERE source_code = 'RUS' AND target_code = 'TUR' "
            "AND root_code = '11'"
        ).fetchall()
    finally:
        con.close()
    assert rows == [(3, 3)]
