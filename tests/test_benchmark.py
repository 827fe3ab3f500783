"""Tests for the benchmark corpus and report (the timed benchmark itself is not run here)."""

from __future__ import annotations

import re

from whodid.benchmark import corpus, render_report, sample_texts

FIGURES = {
    "whodid": {"load_s": 1.5, "run_s": 10.0, "articles": 30, "events": 120, "rss_mib": 512.4},
    "spacy": {"load_s": 0.5, "run_s": 4.0, "tokens": 20000, "rss_mib": 300.2},
    "spacy_tuned": {"load_s": 0.5, "run_s": 2.0, "tokens": 20000, "rss_mib": 310.0},
    "n_articles": 30,
}


def test_samples_are_bundled():
    samples = sample_texts()
    assert len(samples) == 12
    assert sum(name.endswith(".html") for name, _ in samples) == 2
    assert [name for name, _ in samples] == sorted(name for name, _ in samples)
    assert all(text.strip() for _, text in samples)


def test_corpus_gives_distinct_texts():
    items = corpus(30)
    assert len(items) == 30
    assert len({text for _, text in items}) == 30
    assert len({name for name, _ in items}) == 30
    for i, (name, text) in enumerate(items):
        assert name.startswith(f"{i:05d}-")
        assert f"Benchmark copy number {i}." in text


def test_corpus_marks_html_copies_inside_the_article():
    html = [text for name, text in corpus(24) if name.endswith(".html")]
    assert html
    for text in html:
        assert re.search(r"<p>Benchmark copy number \d+\.</p></article>", text)


def test_report_has_rates_memory_and_overhead():
    report = render_report(FIGURES)
    assert "| articles/s | 3.00 | 7.50 | 15.00 |" in report
    assert "| tokens/s | 2,000 | 5,000 | 10,000 |" in report
    assert "| peak RSS (MiB) | 512 | 300 | 310 |" in report
    assert "| wall time (s) | 10.0 | 4.0 | 2.0 |" in report
    assert "**2.50x**" in report
    assert "**0.40** (not met)" in report  # throughput against bare spaCy
    assert "whodid's throughput is **0.20**" in report  # against spaCy with whodid's settings
    assert "30 articles stored, 120 events, 20,000 tokens" in report
    assert "--articles 30" in report


def test_a_report_without_the_reference_run_compares_with_bare_spacy():
    figures = {key: value for key, value in FIGURES.items() if key != "spacy_tuned"}
    assert "| articles/s | 3.00 | 7.50 | 7.50 |" in render_report(figures)


def test_report_survives_a_zero_time():
    figures = {**FIGURES, "spacy": {**FIGURES["spacy"], "run_s": 0.0}}
    assert "| articles/s | 3.00 |" in render_report(figures)


def test_coder_benchmark_counts_sentences_and_the_filter():
    from whodid.coder_bench import render_coder_section, run_coder_benchmark

    figures = run_coder_benchmark()
    assert figures["sentences"] > 100 and figures["events"] > 50 and figures["sentences_per_s"] > 0
    kept, total = figures["filter_sentences"]
    assert 0 < kept <= total
    text = render_coder_section(figures)
    assert "parsed sentences coded per second" in text and f"{kept} of {total} sentences" in text
