"""Tests for the `whodid` command line, in process with typer's CliRunner and temporary DuckDB files."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from whodid.cli import app
from whodid.export import CSV_COLUMNS
from whodid.store import Store

COMMANDS = ("run", "demo", "events", "skipped", "extract", "clean", "actors", "eval", "bench")
EVENT_KEYS = {
    "event_id", "article_id", "sentence", "date", "date_basis", "code", "base_code", "root_code", "quad_class",
    "goldstein", "plover", "source", "target", "location", "negated", "modality", "quoted", "evidence",
    "confidence", "location_rule", "tone",
}  # fmt: skip
EVIDENCE_KEYS = {"sentence", "source", "trigger", "target", "rule"}
ARTICLE_A = "Russia condemned Turkey on Wednesday after the border incident.\n\nOfficials in Ankara rejected it.\n"
ARTICLE_B = "China and Japan held talks in Tokyo on Monday.\n\nJapan accused China of spying on its navy.\n"
WIDE = {"COLUMNS": "250"}  # keep rich tables from wrapping long temporary paths

runner = CliRunner()


def invoke(args: list[str], *, input: str | None = None, env: dict | None = None) -> Result:
    result = runner.invoke(app, args, input=input, env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def summary_count(stderr: str, label: str) -> int:
    """A number from the `whodid run` summary table."""
    match = re.search(rf"{re.escape(label)}\W+(\d+)", stderr)
    assert match, stderr
    return int(match.group(1))


@dataclass
class StoredRun:
    db: Path
    folder: Path
    first: Result
    second: Result


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> StoredRun:
    """Two small articles and a binary file, run twice into one database."""
    root = tmp_path_factory.mktemp("cli")
    folder = root / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 40)
    db = root / "news.duckdb"
    first = invoke(["run", str(folder), "--db", str(db), "--quiet"])
    second = invoke(["run", str(folder), "--db", str(db), "--quiet"])
    return StoredRun(db, folder, first, second)


# ---------------------------------------------------------------- run, events, skipped


def test_run_stores_articles_and_prints_a_summary(stored):
    out = stored.first.stderr
    assert summary_count(out, "documents read") == 3
    assert summary_count(out, "articles stored (new)") == 2
    assert summary_count(out, "already stored (same content)") == 0
    assert re.search(r"skipped\W+1 \(binary: 1\)", out)
    assert "whodid skipped --db" in out


def test_second_run_adds_nothing(stored):
    out = stored.second.stderr
    assert summary_count(out, "articles stored (new)") == 0
    assert summary_count(out, "already stored (same content)") == 2
    assert re.search(r"events / places / quotes\W+0 / 0 / 0", out)
    with Store(stored.db, read_only=True) as store:
        assert store.counts()["articles"] == 2
        assert len(store.known_article_ids()) == 2


def test_events_jsonl(stored):
    lines = invoke(["events", "--db", str(stored.db), "--format", "jsonl"]).stdout.splitlines()
    events = [json.loads(line) for line in lines]
    assert events
    assert all(set(e) >= EVENT_KEYS for e in events)
    with Store(stored.db, read_only=True) as store:
        assert {e["article_id"] for e in events} <= store.known_article_ids()
    condemn = [e for e in events if e["root_code"] == "11" and e["source"]["code"] == "RUS"]
    assert condemn and condemn[0]["target"]["code"] == "TUR"
    assert len({e["event_id"] for e in events}) == len(events)


def test_events_limit_and_code_filter(stored):
    one = invoke(["events", "--db", str(stored.db), "--format", "jsonl", "--limit", "1"]).stdout.splitlines()
    assert len(one) == 1
    only_11 = invoke(["events", "--db", str(stored.db), "--format", "jsonl", "--code", "11"]).stdout.splitlines()
    assert only_11 and all(json.loads(line)["code"].startswith("11") for line in only_11)


def test_events_csv(stored):
    text = invoke(["events", "--db", str(stored.db), "--format", "csv"]).stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    jsonl = invoke(["events", "--db", str(stored.db), "--format", "jsonl"]).stdout.splitlines()
    assert len(rows) - 1 == len(jsonl)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)


def test_events_table(stored):
    out = invoke(["events", "--db", str(stored.db), "--format", "table"]).stdout
    assert "condemned" in out
    assert "RUS" in out and "TUR" in out
    assert re.search(r"\d+ events", out)


def test_events_to_a_file(stored, tmp_path):
    target = tmp_path / "events.jsonl"
    result = invoke(["events", "--db", str(stored.db), "--format", "jsonl", "-o", str(target)])
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8").splitlines()
    assert written and f"wrote {len(written)} events" in result.stderr


def test_events_unknown_format_fails_clearly(stored):
    result = runner.invoke(app, ["events", "--db", str(stored.db), "--format", "yaml"])
    assert result.exit_code == 2
    assert "unknown format 'yaml'" in " ".join(result.stderr.split())


def test_skipped_lists_the_binary_file(stored):
    out = invoke(["skipped", "--db", str(stored.db)], env=WIDE).stdout
    assert "scan.txt" in out
    assert "binary" in out
    assert "a.txt" not in out


# ---------------------------------------------------------------- extract, clean, actors


def test_extract_one_output_line_per_input_line():
    good = json.dumps({"id": "g1", "text": "Russia condemned Turkey on Wednesday.", "date": "2016-12-09"})
    no_text = json.dumps({"id": "n1", "title": "A headline without a body"})
    stdin = "\n".join([good, "", "{this is not json", no_text]) + "\n"
    lines = invoke(["extract", "-"], input=stdin).stdout.splitlines()
    assert len(lines) == 4
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["g1", None, None, "n1"]
    assert "error" not in records[0]
    assert records[0]["article"]["date"] == "2016-12-09"
    assert [e["root_code"] for e in records[0]["events"]] == ["11"]
    assert [r["error"]["reason"] for r in records[1:]] == ["empty_line", "bad_json", "no_text"]
    assert all(r["error"]["detail"] and r["events"] == [] and r["article"] is None for r in records[1:])


def test_extract_repeated_text_codes_every_line():
    line = json.dumps({"id": "r", "text": "Russia condemned Turkey on Wednesday.", "date": "2016-12-09"})
    records = [json.loads(x) for x in invoke(["extract", "-"], input=f"{line}\n{line}\n").stdout.splitlines()]
    assert len(records) == 2
    assert all("error" not in r and r["events"] for r in records)
    assert records[0]["events"] == records[1]["events"]


def test_extract_writes_to_a_file(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 7, "text": "China accused Japan of spying on its navy."}) + "\n")
    target = tmp_path / "out.jsonl"
    invoke(["extract", str(source), "-o", str(target)])
    (record,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "7"
    assert record["events"]


def test_extract_missing_file_fails_clearly(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2
    assert "is not a file" in " ".join(result.stderr.split())


def test_clean_html_file(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Border talks resume | Daily Example</title>"
        '<meta property="article:published_time" content="2016-12-09T10:00:00Z"></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        "<article><h1>Border talks resume</h1>"
        "<p>Officials from Armenia and Azerbaijan met in Vienna on Thursday to discuss the border dispute.</p>"
        "<p>The ministers agreed to meet again in January and asked observers to watch the ceasefire line.</p>"
        "</article><footer>Copyright 2016 Daily Example. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    (line,) = invoke(["clean", str(page)]).stdout.splitlines()
    record = json.loads(line)
    assert record["title"] == "Border talks resume"
    assert record["date"] == "2016-12-09"
    assert record["text"].startswith("Officials from Armenia and Azerbaijan met in Vienna")
    assert "\n\nThe ministers agreed" in record["text"]
    for junk in ("Home", "Sport", "Copyright", "<p>"):
        assert junk not in record["text"]
    assert isinstance(record["removed"], list)


def test_clean_reports_an_unusable_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    (line,) = invoke(["clean", str(empty)]).stdout.splitlines()
    assert json.loads(line)["error"]["reason"] == "empty"


def test_actors_on_stdin():
    stdin = "\n".join(
        [
            json.dumps({"id": "1", "text": "Russian troops"}),
            json.dumps({"id": "2", "text": "Mr Blorvik"}),
            "",
            json.dumps({"id": "3", "text": "Lavrov", "date": "2016-12-09"}),
        ]
    )
    records = [json.loads(line) for line in invoke(["actors", "-"], input=stdin + "\n").stdout.splitlines()]
    assert len(records) == 4
    assert (records[0]["country"], records[0]["sectors"]) == ("RUS", ["MIL"])
    assert records[1]["code"] is None and records[1]["id"] == "2"
    assert records[2]["error"]["reason"] == "empty_line"
    assert records[3]["code"] == "RUSGOV"


# ---------------------------------------------------------------- help, version, demo, eval


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    out = invoke([command, "--help"], env=WIDE).stdout
    assert "Usage" in out and command in out


def test_top_level_help_lists_every_command():
    out = invoke(["--help"], env=WIDE).stdout
    assert all(command in out for command in COMMANDS)


def test_version():
    assert re.fullmatch(r"whodid \d+\.\d+\.\d+\S*\n", invoke(["--version"]).stdout)


def test_demo_prints_events(tmp_path):
    db = tmp_path / "demo.duckdb"
    result = invoke(["demo", "--db", str(db), "--limit", "5"])
    assert summary_count(result.stderr, "articles stored (new)") > 0
    assert "5 events" in result.stdout
    with Store(db, read_only=True) as store:
        counts = store.counts()
    assert counts["articles"] > 0 and counts["events"] >= 5


def test_eval_without_gold_folder_skips(tmp_path):
    result = invoke(["eval", "--gold", str(tmp_path / "nowhere"), "--out", str(tmp_path / "E.md")])
    assert "skipped" in result.stderr
    assert not (tmp_path / "E.md").exists()


# ---------------------------------------------------------------- seeds and gold, end to end


def test_run_seeds_twice(shared_dir, tmp_path):
    db = tmp_path / "seeds.duckdb"
    seeds = str(shared_dir / "seeds")
    first = invoke(["run", seeds, "--db", str(db), "--quiet"])
    assert summary_count(first.stderr, "articles stored (new)") == 2
    second = invoke(["run", seeds, "--db", str(db), "--quiet"])
    assert summary_count(second.stderr, "articles stored (new)") == 0
    assert summary_count(second.stderr, "already stored (same content)") == 2
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2
        assert store.counts()["events"] > 0


def test_extract_gold_lines_have_the_design_shape(shared_dir):
    with (shared_dir / "gold" / "plover_gsr_cameo.jsonl").open(encoding="utf-8") as fh:
        head = list(islice(fh, 30))
    ids = [json.loads(line)["id"] for line in head]
    lines = invoke(["extract", "-"], input="".join(head)).stdout.splitlines()
    assert len(lines) == 30
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ids
    events = [e for r in records for e in r["events"]]
    assert events
    for event in events:
        assert set(event) == EVENT_KEYS
        assert set(event["plover"]) == {"event", "mode"}
        assert set(event["evidence"]) == EVIDENCE_KEYS
        assert event["code"].startswith(event["base_code"]) and event["base_code"].startswith(event["root_code"])
        assert event["date_basis"] in ("explicit", "relative", "published", "unknown")
        assert event["modality"] in ("actual", "intent", "appeal", "hypothetical")
        trigger = event["evidence"]["trigger"]
        assert 0 <= trigger[0] < trigger[1] <= len(event["evidence"]["sentence"])


# --- the user's own dictionaries ------------------------------------------------------------------------------


def write_own_dictionaries(folder: Path) -> list[str]:
    """A tiny PETRARCH-format dictionary set with made-up countries and a made-up verb code."""
    (folder / "my.actors.txt").write_text("<!-- test actors -->\nFREEDONIA_ [FRD]\n+FREEDONIAN\nSYLVANIA_ [SYL]\n")
    (folder / "my.agents.txt").write_text("SOLDIER [~MIL]\n")
    (folder / "my.verbs.txt").write_text(
        "&TREATY\n+TREATY\n+PACT\n\n---  BLOCKADE   [191]  ---\nBLOCKADE\n\n---  SIGN   [---]  ---\nSIGN\n"
        "- * &TREATY [057] # SIGN\n"
    )
    return [
        "--actors", str(folder / "my.actors.txt"),
        "--agents", str(folder / "my.agents.txt"),
        "--verbs", str(folder / "my.verbs.txt"),
        "--only-own-dictionaries",
    ]  # fmt: skip


def test_extract_with_own_dictionaries(tmp_path: Path) -> None:
    flags = write_own_dictionaries(tmp_path)
    lines = [
        {"id": "a", "text": "Freedonian soldiers blockaded Sylvania on Monday.", "date": "1933-11-17"},
        {"id": "b", "text": "Sylvania signed a pact with Freedonia.", "date": "1933-11-17"},
        {"id": "c", "text": "Russia condemned Ukraine.", "date": "1933-11-17"},  # Phoenix is not loaded
    ]
    result = invoke(["extract", *flags], input="".join(json.dumps(x) + "\n" for x in lines))
    assert result.exit_code == 0, result.output
    out = {r["id"]: r["events"] for r in map(json.loads, result.stdout.splitlines())}
    assert [(e["code"], e["source"]["code"], e["target"]["code"]) for e in out["a"]] == [("191", "FRDMIL", "SYL")]
    assert [(e["code"], e["source"]["code"], e["target"]["code"]) for e in out["b"]] == [("057", "SYL", "FRD")]
    assert out["c"] == []


def test_own_dictionaries_must_exist(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--verbs", str(tmp_path / "missing.txt")], input="")
    assert result.exit_code == 2
    assert "not found" in " ".join(result.output.split())


# ---------------------------------------------------------------- near copies and languages

STORY = (
    "Turkish and Russian officials met in Ankara on Tuesday to discuss the ceasefire in northern Syria. "
    "The talks lasted four hours and ended without a joint statement, diplomats said. "
    "Russia condemned the shelling of a convoy near Aleppo and urged Turkey to withdraw its troops. "
    "Turkey rejected the demand and said its forces would stay until the border was secure.\n\n"
    "The meeting followed a week of clashes between Syrian government forces and rebel groups backed by Ankara. "
    "Aid agencies warned that thousands of civilians had fled the fighting toward the Turkish frontier, "
    "where camps were already crowded. The United Nations called on all sides to allow humanitarian access.\n\n"
    "A second round of talks is planned in Moscow next month, according to officials familiar with the plans. "
    "Analysts said neither government was ready to give ground before elections in the spring, and that the "
    "ceasefire would remain fragile as long as the border question stayed open."
)


def test_a_near_copy_is_stored_once_in_the_same_run_and_in_later_runs(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "first.txt").write_text(STORY + "\n\nShare this story with your friends.\n", encoding="utf-8")
    (tmp_path / "a" / "repost.txt").write_text(STORY + "\n\nFollow us for more news.\n", encoding="utf-8")
    db = tmp_path / "n.duckdb"
    first = invoke(["run", str(tmp_path / "a"), "--db", str(db), "--quiet"])
    assert summary_count(first.stderr, "articles stored (new)") == 1
    assert summary_count(first.stderr, "near copies of stored articles") == 1
    (tmp_path / "later.txt").write_text("Editor's note: updated.\n\n" + STORY, encoding="utf-8")
    later = invoke(["run", str(tmp_path / "later.txt"), "--db", str(db), "--quiet"])
    assert summary_count(later.stderr, "articles stored (new)") == 0
    assert summary_count(later.stderr, "near copies of stored articles") == 1
    off = invoke(["run", str(tmp_path / "later.txt"), "--db", str(db), "--quiet", "--near-threshold", "0"])
    assert summary_count(off.stderr, "articles stored (new)") == 1


def test_language_check_can_be_widened_or_turned_off(tmp_path):
    text = (
        "Le ministre russe des Affaires étrangères a condamné mardi les frappes aériennes près d'Alep "
        "et a demandé à la Turquie de retirer ses troupes du nord de la Syrie, selon un communiqué officiel."
    )
    (tmp_path / "fr.txt").write_text(text, encoding="utf-8")
    skipped = invoke(["run", str(tmp_path / "fr.txt"), "--db", str(tmp_path / "a.duckdb"), "--quiet"])
    assert "not_english" in skipped.stderr
    kept = invoke(["run", str(tmp_path / "fr.txt"), "--db", str(tmp_path / "b.duckdb"), "--quiet", "--any-language"])
    assert summary_count(kept.stderr, "articles stored (new)") == 1


def test_stories_and_story_commands(shared_dir, tmp_path):
    db = tmp_path / "s.duckdb"
    invoke(["run", str(shared_dir / "seeds"), "--db", str(db), "--quiet"])
    listed = [json.loads(line) for line in invoke(["stories", "--db", str(db), "--json"]).stdout.splitlines()]
    assert len(listed) == 1 and listed[0]["num_articles"] == 2  # the two seed articles are one story
    detail = json.loads(invoke(["story", str(listed[0]["story_id"]), "--db", str(db)]).stdout)
    assert len(detail["articles"]) == 2
    assert detail["timeline"] and detail["actors"]
    missing = runner.invoke(app, ["story", "999", "--db", str(db)])
    assert missing.exit_code == 2 and "whodid stories" in missing.output


def test_extract_parse_all_codes_the_same_events(tmp_path):
    line = '{"id": "a", "text": "Russia attacked Ukraine on Monday. It was sunny in Kyiv all week."}\n'
    source = tmp_path / "in.jsonl"
    source.write_text(line, encoding="utf-8")
    filtered = CliRunner().invoke(app, ["extract", str(source)])
    everything = CliRunner().invoke(app, ["extract", str(source), "--parse-all"])
    assert filtered.exit_code == everything.exit_code == 0
    events = [[e["code"] for e in json.loads(r.stdout)["events"]] for r in (filtered, everything)]
    assert events[0] == events[1] and events[0]
    places = [[p["name"] for p in json.loads(r.stdout)["places"]] for r in (filtered, everything)]
    assert places[0] == places[1] == ["Russia", "Ukraine", "Kyiv"]
