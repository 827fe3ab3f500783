"""Tests for whodid.geo_bench: the load is measured in a fresh process, speeds are counted, the section renders."""

from __future__ import annotations

import whodid.geo_bench as geo_bench
from whodid.geo_bench import measure_load, measure_resolution, render_geo_section_bench


def test_measure_load_in_a_fresh_process_meets_the_targets():
    d = measure_load()
    assert d["entries"] > 100_000
    assert 0 < d["load_s"] < geo_bench.TARGET_LOAD_S
    assert 0 < d["load_mb"] < geo_bench.TARGET_LOAD_MB


def test_measure_resolution_counts_mentions_and_rates(monkeypatch):
    monkeypatch.setattr(geo_bench, "MIN_SECONDS", 0.01)
    texts = ["Kerry and Lavrov met in Geneva to discuss Aleppo and Syria.", "Nothing here."]
    d = measure_resolution(texts)
    assert (d["articles"], d["mentions"]) == (2, 3)
    assert d["resolve_per_s"] > d["find_resolve_per_s"] > 0


def test_benchmark_texts_are_the_bundled_plain_text_samples():
    texts = geo_bench.benchmark_texts()
    assert len(texts) >= 5 and all("<html" not in t.lower() for t in texts)


def test_render_geo_section_bench():
    d = {"entries": 175_000, "mentions": 125, "articles": 10, "load_s": 1.234, "load_mb": 97.4}
    d |= {"resolve_per_s": 34_352.2, "find_resolve_per_s": 8_305.5}
    text = render_geo_section_bench(d)
    assert text.startswith("## Places: gazetteer and resolution")
    assert "| gazetteer load (fresh process) | 1.23 s | < 3 s |" in text
    assert "| memory it adds (resident set) | 97 MB | < 500 MB |" in text
    assert "34,352 mentions/s" in text and "VmRSS" in text
