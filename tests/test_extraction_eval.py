"""Tests for whodid.extraction_eval: token F1 of the stored article text of HTML pages against gold bodies."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from whodid.extraction_eval import (
    BENCHMARK_FILE,
    TRAFILATURA_MEASURED_F1,
    render_extraction_section,
    score_extraction,
    stored_text,
    token_scores,
    word_tokens,
)

BODY = [
    "China and Japan held talks in Tokyo on Monday about the disputed islands in the East China Sea, the "
    "foreign ministry said, after weeks of rising tension between the two governments.",
    "Japan accused China of sending coast guard ships into its waters, and China rejected the charge, saying "
    "the islands had always been its territory and that its ships would keep patrolling them.",
]
PAGE = (
    "<html><head><title>Talks in Tokyo | Example News</title></head><body><nav><a href='/'>Home</a>"
    "<a href='/world'>World</a></nav><article><h1>Talks in Tokyo</h1>"
    + "".join(f"<p>{p}</p>" for p in BODY)
    + "</article><footer>Share this article. Subscribe to our newsletter.</footer></body></html>"
)


def test_word_tokens_are_lowercase_words() -> None:
    assert word_tokens("The UN, the U.N. and 2016's vote") == {
        "the": 2,
        "un": 1,
        "u": 1,
        "n": 1,
        "and": 1,
        "2016": 1,
        "s": 1,
        "vote": 1,
    }


def test_token_scores() -> None:
    assert token_scores("a b c d", "a b c d") == (1.0, 1.0, 1.0)
    precision, recall, f1 = token_scores("a b x y", "a b c d")
    assert (precision, recall) == (0.5, 0.5) and f1 == pytest.approx(0.5)
    assert token_scores("a a a", "a b") == (pytest.approx(1 / 3), 0.5, pytest.approx(0.4))  # counts are clipped
    assert token_scores("", "a b") == (0.0, 0.0, 0.0)


def test_stored_text_is_the_body_without_headline_or_navigation() -> None:
    text = stored_text(PAGE, "https://news.example.com/world/tokyo-talks")
    assert text == "\n\n".join(BODY)
    assert token_scores(text, "\n\n".join(BODY))[2] == 1.0


def test_score_extraction_on_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "bench.jsonl.gz"
    records = [
        {"id": "p1", "url": "https://e.com/a", "html": PAGE, "article_body": "\n".join(BODY)},
        {"id": "p2", "url": "https://e.com/b", "html": "<html><body></body></html>", "article_body": BODY[0]},
    ]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r) for r in records) + "\n")
    score = score_extraction(path)
    assert score.pages == 2 and score.pages_per_second > 0
    assert score.f1 == pytest.approx(0.5) and score.recall == pytest.approx(0.5)
    assert [p.page_id for p in score.worst] == ["p2", "p1"]
    section = render_extraction_section(score, path)
    assert (
        section.startswith("## HTML extraction") and "0.500" in section and f"{TRAFILATURA_MEASURED_F1:.3f}" in section
    )
    assert "not above" in section


def test_dev_file_beats_trafilatura_alone(shared_dir: Path) -> None:
    score = score_extraction(shared_dir / BENCHMARK_FILE, limit=50)
    assert score.pages == 50
    assert score.f1 >= 0.95 and score.f1 > TRAFILATURA_MEASURED_F1
