"""Tests for whodid.geo_eval: gold reading, the distance, the counts behind each metric, the report section."""

from __future__ import annotations

import json

import pytest

from whodid.geo_eval import GeoScore, distance_km, read_gold, render_geo_section, score_geovirus
from whodid.places import load_gazetteer

TEXT = "Protesters gathered in Paris as France mourned. Aid reached Darfur. Officials in Georgia spoke."


def _gold(name: str, lat: float, lon: float, title: str, shift: int = 1) -> dict:
    start = TEXT.index(name) + shift  # GeoVirus offsets are one character late
    return {"name": name, "start": start, "end": start + len(name), "lat": lat, "lon": lon, "wikipedia": title}


@pytest.fixture
def gold_file(tmp_path):
    record = {
        "id": "t1",
        "text": TEXT,
        "places": [
            _gold("Paris", 48.86, 2.35, "https://en.wikipedia.org/wiki/Paris"),
            _gold("France", 47.0, 2.0, "https://en.wikipedia.org/wiki/France", shift=0),
            _gold("Darfur", 13.0, 25.0, "https://en.wikipedia.org/wiki/Darfur"),
            _gold("Georgia", 33.0, -83.5, "https://en.wikipedia.org/wiki/Georgia_(U.S._state)"),
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n{not json\n\n", encoding="utf-8")
    return path


def test_distance_km():
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)  # Paris - London
    assert distance_km(10, 20, 10, 20) == 0


def test_read_gold_realigns_offsets_and_reports_bad_lines(gold_file):
    items = list(read_gold(gold_file))
    assert items[1] == "line 2: JSONDecodeError"
    text, golds = items[0]
    assert [text[g.start : g.end] for g in golds] == ["Paris", "France", "Darfur", "Georgia"]
    assert golds[3].title == "Georgia (U.S. state)"


def test_score_counts_found_within_km_country_and_precision(gold_file, nlp):
    score = score_geovirus(gold_file, nlp, load_gazetteer())
    assert (score.articles, score.skipped, score.gold) == (1, 1, 4)
    assert score.found == 4  # Darfur: the region that North, South, East, West and Central Darfur make up
    assert score.within_km == 3  # Paris, France (its reference point) and Darfur
    # Georgia (the country: nothing here says US state) is found but in the wrong country and place.
    assert score.resolved == 3 and score.country_known == 4 and score.right_country == 3
    assert (score.predicted, score.predicted_in_gold) == (4, 4) and score.precision_pct == 100.0
    assert any("Georgia" in m for m in score.misses)
    assert score.by_kind["city"] == [1, 1] and score.by_kind["admin1"] == [1, 1]  # Paris; Darfur
    assert score.by_kind["country"] == [2, 1]  # France within 161 km, Georgia not


def test_render_geo_section_leads_with_the_strict_figure_and_says_how_each_is_counted():
    score = GeoScore(articles=2, gold=10, found=9, within_km=5, resolved=8, country_known=9, right_country=9)
    score.predicted, score.predicted_in_gold = 10, 9
    score.by_kind = {"city": [4, 3], "country": [5, 2]}
    text = render_geo_section(score)
    assert "city 4 (75 %); country 5 (40 %)." in text
    assert text.startswith("## Places (geoparsing)")
    table = [line for line in text.splitlines() if line.startswith("| ") and "%" in line]
    assert (
        table[0]
        == "| **found and resolved within 161 km of the gold point** (the acceptance figure) | 50.0 % | >= 85 % |"
    )
    assert "| of those found, in the right country | 100.0 % | >= 95 % |" in text
    assert "| found, and within 161 km or an area holding the gold point (looser) | 80.0 % |  |" in text
    assert "Strict" in text and "Loose" in text
    assert "Mordecai3" in text and "one character late" in text
    assert GeoScore().to_dict()["precision_pct"] == 0.0


def test_geovirus_dev_sample(shared_dir, nlp):
    score = score_geovirus(shared_dir / "geo" / "geovirus.jsonl", nlp, load_gazetteer(), limit=12)
    assert score.articles == 12 and score.gold > 50
    assert score.pct(score.found, score.gold) > 75
    assert score.right_country_pct > 90 and score.precision_pct > 85
