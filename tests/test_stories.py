"""Tests for stories: articles on one storyline are linked incrementally; unrelated ones are not."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from whodid.ingest import iter_documents
from whodid.options import Options
from whodid.pipeline import process
from whodid.records import Actor, ActorMention, Article, ArticleResult, Event, Evidence, Place, stable_id
from whodid.resources import Resources
from whodid.store import Store
from whodid.stories import StoryOptions, cosine, term_counts, tfidf_vector, words

RUSGOV = Actor("RUSGOV", "Sergey Lavrov", "RUS", ("GOV",))
USAGOV = Actor("USAGOV", "John Kerry", "USA", ("GOV",))
ALEPPO = Place("Aleppo", 0, 6, "Aleppo", 170063, 36.2, 37.16, "SYR", "city")

ALEPPO_1 = (
    "Kerry and Lavrov talks on Aleppo ceasefire",
    "John Kerry met Sergey Lavrov in Geneva to discuss a ceasefire in eastern Aleppo. The Russian foreign "
    "minister demanded a timetable for the withdrawal of the militants from Aleppo before any ceasefire.",
)
ALEPPO_2 = (
    "Lavrov accuses Washington of backtracking on Aleppo",
    "Sergey Lavrov said the Americans withdrew their Aleppo proposal. Kerry had offered a withdrawal of the "
    "militants from eastern Aleppo, but the new document only buys time, the Russian minister said.",
)
FARES = (
    "Lyon commuters march against fare rise",
    "Thousands of commuters marched through Lyon against the transport fare increase. The unions said the "
    "metro and tram tickets had become too expensive for workers and students.",
)
CHIPS = (
    "Beijing condemns new chip export curbs",
    "China condemned the export controls on advanced semiconductors and promised countermeasures. The commerce "
    "ministry said the chip restrictions hurt global supply chains and trade.",
)


def result(key: str, story: tuple[str, str], day: str | None, with_actors: bool = False) -> ArticleResult:
    title, text = story
    aid = stable_id(key, text)
    article = Article(aid, key, f"gen:{key}", text, title, day, "input", f"{key}.example")
    res = ArticleResult(article)
    if with_actors:
        src = ActorMention("Lavrov", 0, 6, RUSGOV, "d")
        tgt = ActorMention("Kerry", 10, 15, USAGOV, "d")
        evidence = Evidence(text[:40], (7, 9), (0, 6), (10, 15), "r")
        res.events = [
            Event(
                stable_id(aid, "e"),
                aid,
                0,
                day,
                "published",
                "111",
                "111",
                "11",
                3,
                -2.0,
                "ACCUSE",
                None,
                src,
                tgt,
                evidence,
                ALEPPO,
            )
        ]
        res.places = [ALEPPO]
    return res


def stories_of(store: Store, results: list[ArticleResult]) -> list[int | None]:
    return [store.story_of(r.article.article_id) for r in results]


def test_words_and_terms() -> None:
    assert words("Lavrov’s comments, and the U.S. said: Aleppo's 2016 siege") == ["lavrov", "comments", "aleppo",
                                                                               "siege"]  # fmt: skip
    counts = term_counts(result("k", ALEPPO_1, "2016-12-02", with_actors=True), title_weight=3)
    assert counts["@RUSGOV"] == 1 and counts["@USAGOV"] == 1 and counts["#170063"] == 1
    assert counts["ceasefire"] == 2 + 3  # twice in the text, once in the title
    vector = tfidf_vector(Counter({"a": 3, "b": 1, "c": 1}), {"a": 9, "b": 1}, 10, max_terms=2)
    assert list(vector) == ["c", "b"]  # "a" is common, dropped; "c" is unseen, heaviest
    assert math.isclose(sum(w * w for w in vector.values()), 1.0)
    assert math.isclose(cosine(vector, vector), 1.0) and cosine(vector, {"z": 1.0}) == 0.0


def test_same_storyline_is_one_story_and_others_are_not(tmp_path: Path) -> None:
    arts = [
        result("a", ALEPPO_1, "2016-12-02", with_actors=True),
        result("b", FARES, "2016-12-03"),
        result("c", ALEPPO_2, "2016-12-06", with_actors=True),
        result("d", CHIPS, "2016-12-04"),
    ]
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results(arts, "r")
        a, b, c, d = stories_of(st, arts)
        assert a == c and len({a, b, d}) == 3
        listed = st.stories(min_articles=2)
    assert [(s["story_id"], s["num_articles"], s["num_sources"]) for s in listed] == [(a, 2, 2)]
    assert listed[0]["title"] == ALEPPO_1[0]


def test_stories_grow_across_batches_and_keep_the_first_title(tmp_path: Path) -> None:
    later = result("later", ALEPPO_2, "2016-12-04", with_actors=True)
    earlier = result("earlier", ALEPPO_1, "2016-12-02", with_actors=True)  # arrives second, happened first
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results([later], "r1")
        st.write_results([result("x", FARES, "2016-12-05")], "r2")
        st.write_results([earlier], "r3")
        story = st.story(st.story_of(later.article.article_id))
    assert story is not None
    assert story["title"] == ALEPPO_1[0] and story["num_articles"] == 2
    assert [a["article_id"] for a in story["articles"]] == [earlier.article.article_id, later.article.article_id]
    assert str(story["first_date"]) == "2016-12-02" and str(story["last_date"]) == "2016-12-04"
    assert [t["code"] for t in story["timeline"]] == ["111"] and story["timeline"][0]["mentions_in_story"] == 2
    assert story["actors"][0]["code"] in ("RUSGOV", "USAGOV") and story["actors"][0]["mentions"] == 2
    assert story["places"] == [{"name": "Aleppo", "geonameid": 170063, "country": "SYR", "mentions": 2}]


def test_the_time_window_splits_a_storyline_and_undated_articles_join_any(tmp_path: Path) -> None:
    arts = [
        result("a", ALEPPO_1, "2016-12-02", with_actors=True),
        result("b", ALEPPO_2, "2017-02-20", with_actors=True),  # months later: a new story
        result("c", ALEPPO_2, None, with_actors=True),  # no date: joins the most similar story of any date
    ]
    with Store(tmp_path / "db.duckdb", story_options=StoryOptions(window_days=7)) as st:
        st.write_results(arts, "r")
        a, b, c = stories_of(st, arts)
        assert a != b and c == b
        assert st.story_of("unknown") is None and st.story(999) is None


def test_seeds_are_one_story_and_samples_mostly_not(shared_dir: Path, tmp_path: Path) -> None:
    res = Resources(Options())
    seeds = [o.result for o in process(iter_documents([str(shared_dir / "seeds")], res.options), res) if o.result]
    samples_dir = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data" / "samples"
    samples = [o.result for o in process(iter_documents([str(samples_dir)], res.options), res) if o.result]
    assert len(seeds) == 2 and len(samples) >= 10
    with Store(tmp_path / "db.duckdb") as st:
        st.write_results(samples[:6], "r1")
        st.write_results([seeds[0]], "r2")  # the seeds arrive in different runs, among other articles
        st.write_results([*samples[6:], seeds[1]], "r3")
        seed_stories = set(stories_of(st, seeds))
        sample_stories = set(stories_of(st, samples))
        (story,) = st.stories(min_articles=2)
    assert len(seed_stories) == 1 and not seed_stories & sample_stories
    assert len(sample_stories) >= len(samples) - 1
    assert "Aleppo" in story["title"]


@pytest.mark.parametrize("threshold", [0.0, 1.01])
def test_threshold_bounds(tmp_path: Path, threshold: float) -> None:
    arts = [result("a", FARES, "2016-12-02"), result("b", CHIPS, "2016-12-02")]
    with Store(tmp_path / "db.duckdb", story_options=StoryOptions(threshold=threshold)) as st:
        st.write_results(arts, "r")
        n_stories = len(set(stories_of(st, arts)))
    assert n_stories == (1 if threshold == 0.0 else 2)


def test_an_undated_article_joins_only_recently_stored_stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from whodid import store as store_module

    old = result("old", ALEPPO_1, None, with_actors=True)
    new = result("new", ALEPPO_2, None, with_actors=True)
    with Store(tmp_path / "db.duckdb", story_options=StoryOptions(undated_days=30)) as st:
        monkeypatch.setattr(store_module, "_utcnow", lambda: datetime(2020, 1, 1))
        st.write_results([old], "r1")  # stored years ago
        monkeypatch.undo()
        st.write_results([new], "r2")
        assert st.story_of(old.article.article_id) != st.story_of(new.article.article_id)
