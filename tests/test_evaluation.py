"""Tests for scoring (multiset PRF, actor countries), the gold-set readers and the evaluation report."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from whodid.evaluation import (
    ANY_TARGET,
    PRF,
    country_of,
    matched_events,
    predict,
    render_report,
    run_evaluation,
    score_set,
)
from whodid.goldsets import (
    GoldEvent,
    GoldItem,
    GoldSet,
    iso_date,
    load_conflibert,
    load_gold_sets,
    load_petr2_gsr,
    load_plover,
)
from whodid.options import Options
from whodid.resources import Resources

COUNTRIES = {
    "USA": {"iso3": "USA", "name": "United States"},
    "RUS": {"iso3": "RUS", "name": "Russia"},
    "KSV": {"iso3": "XKX", "name": "Kosovo"},
}


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(Options())


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------- PRF


def test_matched_events_one_to_one_with_any_target_for_gold_without_target():
    gold = [("ASSAULT", "SYR", ANY_TARGET), ("ASSAULT", "SYR", "TUR")]
    predicted = [("ASSAULT", "SYR", "TUR"), ("ASSAULT", "SYR", "IRQ"), ("ASSAULT", "SYR", "TUR")]
    assert matched_events(predicted, gold) == 2  # the exact one is taken first; the wildcard takes IRQ
    assert matched_events([("ASSAULT", "SYR", "TUR")], gold) == 1  # one prediction matches one gold event
    assert matched_events([("ASSAULT", "RUS", "TUR")], gold) == 0  # the source must agree
    assert matched_events([("ASSAULT", "SYR", None)], [("ASSAULT", "SYR", None)]) == 1  # non-country targets


def test_conflibert_items_carry_relevance_and_every_annotators_roots(tmp_path):
    row = {
        "id": "c1",
        "text": "Police fired on protesters in the capital.",
        "date": None,
        "events": [{"code": "18", "source": "Police", "target": "protesters"}],
        "relevant_majority": True,
        "annotations": [
            {"annotator": 1, "actions": [{"root_code": "18"}]},
            {"annotator": 2, "actions": [{"root_code": "19"}, {"root_code": ""}]},
        ],
    }
    item = load_conflibert(write_jsonl(tmp_path / "confliBERT_cameo_annotations.jsonl", [row])).items[0]
    assert item.relevant is True
    assert item.any_codes == {"18", "19"}


def test_prf_counts_multisets():
    m = PRF()
    m.add(["a", "a", "b"], ["a", "c"])
    assert (m.tp, m.predicted, m.gold) == (1, 3, 2)
    assert m.precision == pytest.approx(1 / 3)
    assert m.recall == pytest.approx(1 / 2)
    assert m.f1 == pytest.approx(0.4)


def test_prf_repeated_labels_match_up_to_their_count():
    m = PRF()
    m.add(["x", "x"], ["x", "x", "x"])
    assert (m.tp, m.predicted, m.gold) == (2, 2, 3)
    assert m.precision == 1.0


def test_prf_sums_over_items():
    m = PRF()
    m.add(["a"], ["a"])
    m.add([], ["b"])
    m.add(["c"], [])
    assert (m.tp, m.predicted, m.gold) == (1, 2, 2)
    assert m.f1 == pytest.approx(0.5)


def test_prf_with_nothing_is_zero_not_an_error():
    m = PRF()
    assert (m.precision, m.recall, m.f1) == (0.0, 0.0, 0.0)
    m.add(["a"], ["b"])
    assert (m.tp, m.f1) == (0, 0.0)


def test_prf_tuples_are_labels():
    m = PRF()
    m.add([("ACCUSE", "RUS", "USA")], [("ACCUSE", "RUS", "USA"), ("ACCUSE", "RUS", None)])
    assert (m.tp, m.predicted, m.gold) == (1, 1, 2)


# ---------------------------------------------------------------- country_of


def test_country_of():
    assert country_of("USAGOV", COUNTRIES) == "USA"
    assert country_of("RUS", COUNTRIES) == "RUS"
    assert country_of("rusmil", COUNTRIES) == "RUS"
    assert country_of("KSVGOV", COUNTRIES) == "XKX"
    assert country_of("IGOUNO", COUNTRIES) is None
    assert country_of("GOV", COUNTRIES) is None
    assert country_of(None, COUNTRIES) is None
    assert country_of("", COUNTRIES) is None


def test_country_of_with_the_packaged_dictionary(res):
    countries = res.dictionary.countries
    assert country_of("SYRREB", countries) == "SYR"
    assert country_of("NGOHRI", countries) is None


# ---------------------------------------------------------------- gold sets


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("20080806", "2008-08-06"),
        ("121108", "2012-11-08"),
        ("991231", "1999-12-31"),
        ("2016-12-02", "2016-12-02"),
        (" 20080806 ", "2008-08-06"),
        (None, None),
        ("", None),
        ("   ", None),
        ("Dec 2 2016", None),
        ("2016120", None),
        (20080806, None),
    ],
)
def test_iso_date(raw, iso):
    assert iso_date(raw) == iso


def test_plover_05_types_are_mapped_to_current_names(tmp_path):
    row = {
        "id": 1,
        "text": "A sentence of ours.",
        "date": "20080806",
        "events": [
            {"code": "DEMAND", "source": "USAGOV", "target": "RUS"},
            {"code": "DISAPPROVE", "source": "RUS", "target": None},
            {"code": "INVESTIGATE"},
            {"code": "FIGHT"},
            {"code": "CONSULT"},
            {"code": None},
        ],
    }
    gold = load_plover(write_jsonl(tmp_path / "plover_gsr_cameo.jsonl", [row]))
    assert gold.kind == "plover" and gold.actors is True
    (item,) = gold.items
    assert (item.id, item.date) == ("1", "2008-08-06")
    assert [e.code for e in item.events] == ["REQUEST", "ACCUSE", "ACCUSE", "ASSAULT", "CONSULT"]
    assert item.events[0] == GoldEvent("REQUEST", "USAGOV", "RUS")


def test_petr2_rows_marked_not_to_evaluate_are_left_out(tmp_path):
    rows = [
        {"id": "keep", "text": "One.", "date": "121108", "events": [{"code": "042", "source": "USA"}]},
        {"id": "drop", "text": "Two.", "date": None, "events": [], "evaluate": False},
    ]
    gold = load_petr2_gsr(write_jsonl(tmp_path / "petr2_gsr_validation.jsonl", rows))
    assert [i.id for i in gold.items] == ["keep"]
    assert gold.items[0].events == [GoldEvent("042", "USA", None)]


def test_load_gold_sets_reads_known_files_in_a_fixed_order(tmp_path):
    row = {"id": "1", "text": "Text.", "date": None, "events": [{"code": "010"}]}
    for name in ("confliBERT_cameo_annotations.jsonl", "cameo_manual_examples.jsonl", "notes.jsonl"):
        write_jsonl(tmp_path / name, [row])
    assert [g.file for g in load_gold_sets(tmp_path)] == [
        "cameo_manual_examples.jsonl",
        "confliBERT_cameo_annotations.jsonl",
    ]
    assert load_gold_sets(tmp_path / "absent") == []


# ---------------------------------------------------------------- scoring with our own sentences


def test_score_set_on_our_own_items(res):
    items = [
        GoldItem("1", "Russia condemned Turkey on Wednesday.", "2016-12-09", [GoldEvent("ACCUSE", "RUSGOV", "TUR")]),
        GoldItem("2", "China did not attack Japan yesterday.", "2016-12-09", [GoldEvent("ASSAULT", "CHN", "JPN")]),
    ]
    gold = GoldSet("ours", "ours.jsonl", "plover", "PLOVER type", items, True)
    score = score_set(gold, res)
    assert (score.items, score.gold_events) == (2, 2)
    types = score.metrics["event type (PLOVER)"]
    assert (types.tp, types.predicted, types.gold) == (1, 1, 2)  # the negated attack is not counted
    assert score.metrics["source country"].tp == 1
    full = score.metrics["full event (type, source, target country)"]
    assert full.tp == 1


def test_predict_drops_negated_events(res):
    items = [GoldItem("n", "China did not attack Japan yesterday.", "2016-12-09", [])]
    assert predict(GoldSet("ours", "ours.jsonl", "cameo-root", "", items, False), res.options) == [[]]


def test_render_report_has_a_table_per_set(res):
    items = [GoldItem("1", "Russia condemned Turkey on Wednesday.", "2016-12-09", [GoldEvent("111")])]
    score = score_set(GoldSet("Ours", "ours.jsonl", "cameo", "CAMEO code", items, False), res)
    report = render_report([score], None, Path("gold"))
    assert "## Ours (`ours.jsonl`)" in report
    assert "| event type (CAMEO root) | 100.0 | 100.0 | 100.0 | 1 / 1 / 1 |" in report
    assert "| event code (CAMEO full) | 100.0 | 100.0 | 100.0 | 1 / 1 / 1 |" in report
    assert "Actor resolution" not in report


def test_run_evaluation_on_three_gold_lines(shared_dir, tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    with (shared_dir / "gold" / "plover_gsr_cameo.jsonl").open(encoding="utf-8") as fh:
        (gold_dir / "plover_gsr_cameo.jsonl").write_text("".join(islice(fh, 3)), encoding="utf-8")
    out = tmp_path / "EVALUATION.md"
    scores = run_evaluation(gold_dir, out)
    assert len(scores) == 1 and scores[0].items == 3
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# whodid evaluation")
    assert "(`plover_gsr_cameo.jsonl`)" in report
    assert "| measure | precision % | recall % | F1 % | matched / predicted / gold |" in report
    assert "| event type (PLOVER) |" in report
    assert "3 items" in report
