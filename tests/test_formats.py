"""Tests for the exchange formats: GDELT 2.0 Events and Mentions, POLECAT and PLOVER, from a linked store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from whodid.cli import app
from whodid.export import write_events
from whodid.formats import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    POLECAT_COLUMNS,
    country_name,
    fips_code,
)
from whodid.records import Actor, ActorMention, Article, ArticleResult, Event, Evidence, Place, Sentence, Tone
from whodid.store import Store

RUSGOV = Actor("RUSGOV", "Sergey Lavrov", "RUS", ("GOV",))
USAGOV = Actor("USAGOV", "John Kerry", "USA", ("GOV",))
UN = Actor("IGOUNO", "United Nations", None, ("IGO", "UNO"))
GENEVA = Place("Geneva", 30, 36, "Geneva", 2660646, 46.20222, 6.14569, "CHE", "city", "GE")
SENTENCE = "Lavrov met Kerry for talks in Geneva on Friday."


def event(aid: str, n: int, code: str, source: Actor, target: Actor | None, plover: str | None) -> Event:
    return Event(
        event_id=f"{aid}{n:02d}",
        article_id=aid,
        sentence=1,
        date="2016-12-02",
        date_basis="explicit",
        code=code,
        base_code=code[:3],
        root_code=code[:2],
        quad_class=1,
        goldstein=1.0,
        plover_event=plover,
        plover_mode=None,
        source=ActorMention("Lavrov", 20, 26, source, "d"),
        target=ActorMention("Kerry", 31, 36, target, "d") if target else None,
        evidence=Evidence(SENTENCE, (7, 10), (0, 6), (11, 16) if target else None, "r"),
        location=GENEVA,
        confidence=0.62,
    )


def result(aid: str, host: str, tone: float) -> ArticleResult:
    text = "Talks in Geneva.\n" + SENTENCE
    article = Article(aid, aid, f"in:{aid}", text, "Talks", "2016-12-02", "input", host, f"https://{host}/{aid}")
    sentences = [Sentence(0, 0, 16, "Talks in Geneva."), Sentence(1, 17, 17 + len(SENTENCE), SENTENCE)]
    events = [
        event(aid, 0, "036", RUSGOV, USAGOV, "CONSULT"),
        event(aid, 1, "010", UN, None, None),  # a statement: no PLOVER category
    ]
    return ArticleResult(article, sentences, [], events, [GENEVA], tone=Tone(tone, 3.0, 1.0, 4.0, 9))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "db.duckdb"
    with Store(path) as st:
        st.write_results([result("aaaa", "reuters.com", 2.0)], "r1")
        st.write_results([result("bbbb", "bbc.co.uk", -1.0)], "r2")
    return path


def export(db: Path, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    with Store(db, read_only=True) as st:
        n = write_events(st.iter_events(linked=True), fmt, out)
    return n, out.getvalue()


def tsv(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_gdelt_events_one_row_per_world_event(db: Path) -> None:
    n, text = export(db, "gdelt")
    rows = [dict(zip(GDELT_EVENT_COLUMNS, r, strict=True)) for r in tsv(text)]
    assert n == len(rows) == 2 and len(GDELT_EVENT_COLUMNS) == 61
    talks = next(r for r in rows if r["EventCode"] == "036")
    assert (talks["EventBaseCode"], talks["EventRootCode"], talks["QuadClass"]) == ("036", "03", "1")
    assert (talks["SQLDATE"], talks["MonthYear"], talks["Year"], talks["FractionDate"]) == (
        "20161202", "201612", "2016", "2016.9918"
    )  # fmt: skip
    assert (talks["Actor1Code"], talks["Actor1CountryCode"], talks["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert (talks["Actor2Name"], talks["Actor2Type2Code"]) == ("John Kerry", "")
    assert (talks["NumMentions"], talks["NumSources"], talks["NumArticles"], talks["AvgTone"]) == ("2", "2", "2", "0.5")
    assert (talks["ActionGeo_Type"], talks["ActionGeo_CountryCode"], talks["ActionGeo_ADM1Code"]) == ("4", "SZ", "SZGE")
    assert talks["ActionGeo_FullName"] == "Geneva, Switzerland" and talks["ActionGeo_FeatureID"] == "2660646"
    assert talks["IsRootEvent"] == "1" and int(talks["GLOBALEVENTID"]) > 0
    assert len(talks["DATEADDED"]) == 14 and talks["SOURCEURL"] == "https://reuters.com/aaaa"
    statement = next(r for r in rows if r["EventCode"] == "010")
    assert (statement["Actor1Code"], statement["Actor1KnownGroupCode"], statement["Actor1Type1Code"]) == (
        "IGOUNO", "UNO", "IGO"
    )  # fmt: skip
    assert statement["Actor2Code"] == "" and statement["Actor1CountryCode"] == ""


def test_gdelt_mentions_one_row_per_coded_event(db: Path) -> None:
    n, text = export(db, "gdelt-mentions")
    rows = [dict(zip(GDELT_MENTION_COLUMNS, r, strict=True)) for r in tsv(text)]
    assert n == len(rows) == 4 and len(GDELT_MENTION_COLUMNS) == 16
    _, events_text = export(db, "gdelt")
    assert {r["GLOBALEVENTID"] for r in rows} == {r[0] for r in tsv(events_text)}
    first = rows[0]
    assert first["MentionType"] == "1" and first["MentionSourceName"] in ("reuters.com", "bbc.co.uk")
    assert first["MentionIdentifier"].startswith("https://") and first["SentenceID"] == "2"
    assert (first["Actor1CharOffset"], first["ActionCharOffset"]) == ("17", "24")  # sentence start 17 + span
    assert first["Confidence"] == "62" and first["InRawText"] == "1" and first["MentionDocLen"] == "64"
    assert {r["MentionDocTone"] for r in rows} == {"2.0", "-1.0"}
    assert len(first["EventTimeDate"]) == len(first["MentionTimeDate"]) == 14
    statement = next(r for r in rows if r["Actor2CharOffset"] == "-1")
    assert statement["ActionCharOffset"] == "24"


def test_polecat_columns_and_plover_only(db: Path) -> None:
    n, text = export(db, "polecat")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert tuple(rows[0]) == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    assert n == len(rows) - 1 == 2  # the two statements have no PLOVER category
    row = dict(zip(POLECAT_COLUMNS, rows[1], strict=True))
    assert (row["Event Type"], row["Event Date"], row["Quad Code"]) == ("CONSULT", "2016-12-02", "1")
    assert (row["Actor Name"], row["Actor Country"], row["Primary Actor Sector"]) == ("Sergey Lavrov", "Russia", "GOV")
    assert (row["Recipient Country"], row["Recipient Name Raw"]) == ("United States", "Kerry")
    assert (row["Placename"], row["City"], row["Country"], row["GeoNames ID"]) == (
        "Geneva", "Geneva", "Switzerland", "2660646"
    )  # fmt: skip
    assert row["Source"] in ("reuters.com", "bbc.co.uk") and row["Version"].startswith("whodid-")


def test_plover_json_lines(db: Path) -> None:
    n, text = export(db, "plover")
    records = [json.loads(line) for line in text.splitlines()]
    assert n == len(records) == 2
    first = records[0]
    assert {"id", "date", "actor", "event"} <= set(first)
    assert first["event"] == ["CONSULT"] and first["date"] == "2016-12-02" and first["quad_code"] == 1
    assert first["actor"] == [{"code": "RUS", "sector": "GOV", "entity_text": "Lavrov",
                               "identifier_text": "Sergey Lavrov"}]  # fmt: skip
    assert first["recipient"][0]["code"] == "USA" and first["event_text"] == ["met"]
    assert first["event_loc"]["geonameid"] == 2660646 and first["event_loc"]["resolution"] == 4
    assert first["link"] == records[1]["link"]  # both articles report one world event
    assert first["cite_info"]["url"].startswith("https://")


def test_country_codes() -> None:
    assert fips_code("CHE") == "SZ" and fips_code("SYR") == "SY" and fips_code("XYZ") is None
    assert country_name("RUS") == "Russia" and country_name("IGO") == "IGO" and country_name(None) is None


def test_cli_exports_gdelt(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.tsv"
    result = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "gdelt", "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = tsv(target.read_text(encoding="utf-8"))
    assert rows and all(len(r) == 61 for r in rows)
    assert {r[GDELT_EVENT_COLUMNS.index("EventCode")] for r in rows} == {"036", "010"}
