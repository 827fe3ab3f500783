"""Tests for scripts/build_data.py: the committed package data is what the script builds from ../shared."""

from __future__ import annotations

import gzip
import importlib.util
import json
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_data.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("whodid_build_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tokenize(build: ModuleType):
    return build.PhraseTokenizer()


def committed(name: str) -> object:
    raw = resources.files("whodid").joinpath("data", name).read_bytes()
    return json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)


@pytest.fixture(scope="module")
def cameo_table() -> dict:
    return committed("cameo.json")


# --- committed data equals a fresh build -------------------------------------------------------------------


def test_committed_cameo_is_the_build_output(build: ModuleType, shared_dir: Path) -> None:
    assert build.build_cameo(shared_dir) == committed("cameo.json")


def test_committed_actors_are_the_build_output(build: ModuleType, tokenize, shared_dir: Path) -> None:
    built = build.build_actors(shared_dir, tokenize)
    data = committed("actors.json.gz")
    assert built["countries"] == data["countries"]
    assert len(built["entries"]) == len(data["entries"])
    assert built == data


def test_committed_agents_are_the_build_output(build: ModuleType, tokenize, shared_dir: Path) -> None:
    assert build.build_agents(shared_dir, tokenize) == committed("agents.json")


def test_committed_verbs_are_the_build_output(build: ModuleType, shared_dir: Path) -> None:
    assert build.build_verbs(shared_dir) == committed("verbs.json.gz")


# --- properties of the committed data ---------------------------------------------------------------------


def test_appeals_are_mapped_to_plover_like_their_demand_parallel(cameo_table: dict) -> None:
    appeals = {code: row for code, row in cameo_table.items() if row["root"] == "02"}
    assert len(appeals) > 20
    for code, row in appeals.items():
        parallel = "10" + code[2:]
        assert row["plover_basis"] == f"whodid: as {parallel}", code
        assert row["plover_event"] == cameo_table[parallel]["plover_event"] == "REQUEST"
        assert row["plover_mode"] == cameo_table[parallel]["plover_mode"]
    assert cameo_table["0256"]["plover_basis"] == "whodid: as 1056"


def test_codes_from_cameo2plover_keep_their_basis(cameo_table: dict) -> None:
    assert cameo_table["1056"]["plover_basis"] == "CAMEO2PLOVER"
    assert cameo_table["190"]["plover_event"] == "ASSAULT"
    assert cameo_table["010"]["plover_event"] is None and cameo_table["010"]["plover_basis"] is None


def test_every_code_has_a_quad_class(cameo_table: dict) -> None:
    assert {row["quad_class"] for row in cameo_table.values()} == {1, 2, 3, 4}
    assert all(row["level"] == len(code) - 2 for code, row in cameo_table.items())


def test_every_code_has_a_goldstein_score(cameo_table: dict) -> None:
    missing = sorted(code for code, row in cameo_table.items() if not isinstance(row["goldstein"], float))
    assert missing == []


def test_actor_entries_are_well_formed() -> None:
    data = committed("actors.json.gz")
    assert data["countries"]["KSV"] == {"iso3": "XKX", "name": "Kosovo"}
    assert data["countries"]["USA"]["name"] == "United States"
    for entry in data["entries"][:: max(1, len(data["entries"]) // 500)]:
        assert entry["phrases"] == sorted(set(entry["phrases"]))
        assert all(p == p.lower() and p.strip() for p in entry["phrases"])
        assert entry["codes"] or entry["null"]


# --- the script's helpers on small inline inputs ----------------------------------------------------------


def test_phrase_tokenizer_splits_like_spacy_on_news_text(tokenize) -> None:
    assert tokenize("RUSSIAN FOREIGN MINISTER SERGEY V. LAVROV") == "russian foreign minister sergey v. lavrov"
    assert tokenize("AL-QAEDA") == "al - qaeda"
    assert tokenize("U.S.") == "u.s."
    assert tokenize("") == ""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def cameo_row(code: str, plover: dict | None, goldstein: float = 1.0) -> str:
    row = {"code": code, "name": f"name {code}", "level": len(code) - 2, "root": code[:2]}
    row |= {"quad_class": 1 if code < "06" else 3, "goldstein": goldstein, "plover": plover}
    return json.dumps(row)


def test_build_cameo_maps_appeals_from_an_inline_table(build: ModuleType, tmp_path: Path) -> None:
    rows = [
        cameo_row("02", None),
        cameo_row("021", None),
        cameo_row("023", None),  # no parallel 103 in this table: stays unmapped
        cameo_row("10", {"event": "REQUEST", "mode": None, "context": None}),
        cameo_row("101", {"event": "REQUEST", "mode": "cooperate", "context": "economic"}),
        cameo_row("01", None),
    ]
    write(tmp_path / "ontology" / "cameo_codes.jsonl", "\n".join(rows) + "\n")
    table = build.build_cameo(tmp_path)
    assert table["021"]["plover_event"] == "REQUEST"
    assert table["021"]["plover_mode"] == "cooperate"
    assert table["021"]["plover_basis"] == "whodid: as 101"
    assert table["02"]["plover_basis"] == "whodid: as 10"
    assert table["023"]["plover_event"] is None and table["023"]["plover_basis"] is None
    assert table["01"]["plover_event"] is None  # only appeals are borrowed
    assert table["101"]["plover_context"] == "economic" and table["101"]["plover_basis"] == "CAMEO2PLOVER"


def test_build_agents_and_verbs_from_inline_files(build: ModuleType, tokenize, tmp_path: Path) -> None:
    write(
        tmp_path / "dictionaries" / "Phoenix.agents.txt",
        "!PERSON! = MAN, MEN\nPOLICE!PERSON! [~COP]\n"
        "AIR_FORCE {} [~MIL]\nAIR_FORCE [~MIL]\nSPOKESMAN {SPOKESMEN} [~GOV]\n",
    )
    write(
        tmp_path / "dictionaries" / "CAMEO.2.0.txt",
        "&FOOD\n+RICE\n\n####### VERB PATTERNS #######\n\n---  RUSH   [042:043]  ---\n"
        "RUSH\nSPEED {SPED}\n- * (TO BORDER)   [154]   # RUSH\n",
    )
    agents = build.build_agents(tmp_path, tokenize)
    own = [a for line in build.load_additions()["agents"] for a in line.rpartition(": ")[0].split("|")]
    assert [a["phrase"] for a in agents[: len(own)]] == [tokenize(a) for a in own]  # whodid's own come first
    assert agents[len(own) :] == [
        {"phrase": "policeman", "code": "COP"},
        {"phrase": "policemen", "code": "COP"},
        {"phrase": "air force", "code": "MIL"},  # the duplicate line is dropped
        {"phrase": "spokesman", "code": "GOV"},
        {"phrase": "spokesmen", "code": "GOV"},
    ]
    verbs = build.build_verbs(tmp_path)
    assert verbs["synsets"] == {"&FOOD": ["rice"]}
    (block,) = verbs["blocks"]
    assert block["name"] == "RUSH" and block["code"] == "042:043"
    assert block["verbs"] == {"rush": [None, []], "speed": [None, ["sped"]]}
    assert block["patterns"] == [[[], ["(to border)"], "154", None, "RUSH"]]


def test_build_actors_from_inline_files(build: ModuleType, tokenize, tmp_path: Path) -> None:
    dictionaries = tmp_path / "dictionaries"
    write(
        dictionaries / "Phoenix.Countries.actors.txt",
        "KOSOVO_ [KSV]\n+PRISTINA_\nSERGEY_LAVROV_\n+LAVROV\n\t[RUSGOV >20040309]\nNO_CODE_AT_ALL\n",
    )
    write(dictionaries / "Phoenix.International.actors.txt", "UNITED_NATIONS_ [IGOUNO]\nINDIAN_OCEAN [---]\n")
    write(dictionaries / "Phoenix.MilNonState.actors.txt", "AL_QAEDA [IMGMUSALQ]\n")
    data = build.build_actors(tmp_path, tokenize)
    assert data["countries"] == {"KSV": {"iso3": "XKX", "name": "Kosovo"}}
    phoenix = ("coun:", "inte:", "miln:")
    by_name = {e["name"]: e for e in data["entries"] if e["id"].startswith(phoenix)}
    assert set(by_name) == {"Kosovo", "Sergey Lavrov", "United Nations", "Indian Ocean", "Al Qaeda"}
    added = {e["name"]: e for e in data["entries"] if e["id"].startswith("whodid")}
    assert "eu" in added["European Union"]["phrases"]  # whodid's own additions ride along
    assert "pristina" not in {p for e in added.values() for p in e["phrases"]}
    assert not data["entries"][-1]["id"].startswith("whodid")  # own additions come first: they win ties
    assert by_name["Kosovo"]["phrases"] == ["kosovo", "pristina"]
    assert by_name["Sergey Lavrov"]["codes"] == [["RUSGOV", "2004-03-09", None]]
    assert by_name["Indian Ocean"]["null"] is True and by_name["Indian Ocean"]["codes"] == []
    assert by_name["Al Qaeda"]["id"].startswith("miln:")
    assert by_name["United Nations"]["id"].startswith("inte:")


def test_people_records_replace_the_codes_of_a_phoenix_entry_of_the_same_name(
    build: ModuleType, tokenize, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionaries = tmp_path / "dictionaries"
    write(
        dictionaries / "Phoenix.Countries.actors.txt",
        "RUSSIA_ [RUS]\n+MOSCOW_\nKAZAKHSTAN_ [KAZ]\nVLADIMIR_PUTIN_\n+PRESIDENT_PUTIN_\n\t[RUSGOV >20000507]\n",
    )
    write(dictionaries / "Phoenix.International.actors.txt", "UNITED_NATIONS_ [IGOUNO]\n")
    write(dictionaries / "Phoenix.MilNonState.actors.txt", "AL_QAEDA [IMGMUSALQ]\n")
    additions = {
        "entries": [],
        "organisations": ["Kremlin Guard: RUSMIL"],
        "people": ["Vladimir Putin|Putin: RUSGOV 1999-08-09 *", "Kassym-Jomart Tokayev: KAZGOV 2019-03-20 *"],
        "agents": [],
    }
    monkeypatch.setattr(build, "load_additions", lambda: additions)
    data = build.build_actors(tmp_path, tokenize)
    by_id = {e["id"]: e for e in data["entries"]}
    putin = next(e for e in data["entries"] if "president putin" in e["phrases"])
    assert putin["id"].startswith("coun:") and putin["codes"] == [["RUSGOV", "1999-08-09", None]]
    assert {"vladimir putin", "putin"} <= set(putin["phrases"])
    assert by_id["whodid-person:1"]["phrases"] == ["kassym - jomart tokayev"]
    assert by_id["whodid-org:0"]["codes"] == [["RUSMIL", None, None]]
    assert by_id["capital:RUS"]["codes"] == [["RUSGOV", None, None]]  # Moscow: the seat of government
    assert "republic of kazakhstan" in by_id["pycountry:KAZ"]["phrases"]


@pytest.mark.parametrize(
    ("line", "names", "codes"),
    [
        ("Kremlin Guard: RUSMIL", ["Kremlin Guard"], [["RUSMIL", None, None]]),
        (
            "A|B: usagov 2009-01-20 2017-01-20, USAELI",
            ["A", "B"],
            [["USAGOV", "2009-01-20", "2017-01-20"], ["USAELI", None, None]],
        ),
        ("Who: KAZGOV 2019-03-20 *", ["Who"], [["KAZGOV", "2019-03-20", None]]),
        ("People's Republic of China: CHN", ["People's Republic of China"], [["CHN", None, None]]),
    ],
)
def test_compact_records(line: str, names: list[str], codes: list) -> None:
    from whodid.convert import compact_record

    assert compact_record(line) == (names, codes)


@pytest.mark.parametrize("line", ["no codes here", "Name: ", ": USA"])
def test_compact_record_rejects_malformed_lines(line: str) -> None:
    from whodid.convert import compact_record

    with pytest.raises(ValueError):
        compact_record(line)


def test_every_additions_record_parses(build: ModuleType) -> None:
    from whodid.convert import compact_record

    additions = build.load_additions()
    for line in [*additions["organisations"], *additions["people"], *additions["agents"]]:
        _, codes = compact_record(line)
        assert all(len(c[0]) % 3 == 0 and c[0].isalpha() for c in codes), line
        assert all(lo is None or hi is None or lo <= hi for _, lo, hi in codes), line
