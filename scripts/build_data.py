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
    verb_data,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
# PLOVER's REQUEST covers appeals (CAMEO 02) as well as demands (CAMEO 10); the CAMEO2PLOVER table gives no
# mapping for 02x, so whodid maps each 02x code like its parallel 10x code (0256 like 1056, 021 like 101).
APPEAL_PARALLEL_ROOT = ("02", "10")


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
    """The Phoenix actor dictionaries plus whodid's own additions (scripts/actor_additions.json)."""
    folder = shared / "dictionaries"
    files = [(folder / name, name.split(".")[1][:4].lower()) for name in ACTOR_FILES]
    data = actor_data(files, tokenize, country_files=[folder / "Phoenix.Countries.actors.txt"])
    additions = json.loads((Path(__file__).with_name("actor_additions.json")).read_text(encoding="utf-8"))
    for n, added in enumerate(additions["entries"]):
        data["entries"].append(
            {
                "id": f"whodid:{n}",
                "name": added["name"],
                "phrases": sorted({tokenize(p) for p in added["phrases"]}),
                "codes": added["codes"],
                "null": False,
            }
        )
    return data


def build_agents(shared: Path, tokenize: PhraseTokenizer) -> list[dict]:
    return agent_data([shared / "dictionaries" / "Phoenix.agents.txt"], tokenize)


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
