"""Tests for whodid.actor_bench: the actor benchmark's measures and its BENCHMARKS.md section."""

from __future__ import annotations

from whodid.actor_bench import measure_load, measure_lookup, mention_texts, render_actor_section

FIGURES = {
    "load": {
        "load_s": 0.5,
        "traced_mib": 110.0,
        "traced_peak_mib": 130.0,
        "rss_growth_mib": 120.0,
        "entries": 28000,
        "countries": 208,
    },
    "lookup": {"mentions": 2000, "resolved": 1900, "seconds": 0.05, "per_s": 40000.0, "coref_per_s": 200000.0},
    "articles": {"articles": 10, "mentions": 3000, "resolved": 900, "seconds": 0.1, "per_s": 30000.0},
    "targets": {"load_s": 2.0, "memory_mib": 300.0, "lookup_per_s": 20000},
}


def test_mention_texts_are_fixed_and_varied() -> None:
    texts = mention_texts(300)
    assert texts == mention_texts(300)
    assert len(texts) == 300 and len(set(texts)) > 200
    assert "the weather" in texts  # some name no actor


def test_lookup_measure_counts_every_mention() -> None:
    result = measure_lookup(["the Syrian army", "Sergey Lavrov", "the weather"], repeat=1)
    assert result["mentions"] == 3 and result["resolved"] == 2
    assert result["per_s"] > 0 and result["coref_per_s"] > 0


def test_article_lookup_counts_noun_phrases() -> None:
    from whodid.actor_bench import measure_article_lookup

    result = measure_article_lookup(repeat=1)
    assert result["articles"] >= 5 and result["mentions"] > 100
    assert 0 < result["resolved"] < result["mentions"] and result["per_s"] > 0


def test_load_is_measured_in_a_fresh_process() -> None:
    load = measure_load()
    assert load["entries"] > 20000 and load["countries"] > 200
    assert 0 < load["load_s"] < 30 and load["traced_mib"] > 10


def test_section_reports_values_and_targets() -> None:
    text = render_actor_section(FIGURES)
    assert text.startswith("## Actor lookup")
    assert "| actor data load time | 0.50 s | < 2 s | met |" in text
    assert "| actor data memory | 120 MiB | < 300 MiB | met |" in text
    assert (
        "| mentions resolved per second, one core: in articles, as the pipeline does | 30,000 | >= 20,000 | met |"
        in text
    )
    assert "| mentions resolved per second, one core: one short text each (`whodid actors`) | 40,000 |" in text


def test_section_flags_a_missed_target() -> None:
    slow = {**FIGURES, "articles": {**FIGURES["articles"], "per_s": 5000.0}}
    assert "| 5,000 | >= 20,000 | **missed** |" in render_actor_section(slow)
