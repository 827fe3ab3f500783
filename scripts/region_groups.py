"""Gazetteer rows for scripts/region_groups.json (former and statistical regions made of current parts) and for
ISO 3166-3 former country names (pycountry.historic_countries). Build-time only, used by build_gazetteer.py."""

from __future__ import annotations

import json
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pycountry

from whodid.gazetteer import name_key

GROUPS = Path(__file__).with_name("region_groups.json")
Point = tuple[float, float]
Row = Callable[..., str]  # build_gazetteer.row
# ISO 3166-3 four-letter codes end in the successor's alpha-2 code, or in one of these when there is no single one;
# Antarctica's former claims have no point of their own there.
NO_SUCCESSOR = {"HH", "XX", "AA", "AQ"}


@dataclass
class Parts:
    """Where the parts of region groups lie: current regions by ISO 3166-2 code, else by name (rows of regions that
    GeoNames names, for ISO regions without a point), counties (lists of towns), towns."""

    regions: dict[str, tuple[Point | None, int]]  # ISO 3166-2 code -> point, population
    named_regions: dict[tuple[str, str], tuple[Point, int]]  # (ISO2, squashed key) -> point, population
    counties: dict[tuple[str, str], list[dict]]  # (ISO2, county_key(name)) -> towns
    county_key: Callable[[str], str]
    towns: dict[tuple[str, str], list[dict]]  # (ISO2, name key) -> towns

    def options(self, country: str, part: str) -> list[tuple[Point, int]]:
        """The (point, population) a part may have: one for a region or county, one per town of that name."""
        if part.startswith(f"{country}-"):
            point, population = self.regions.get(part, (None, 0))
            sub = pycountry.subdivisions.get(code=part)
            named = self.named_regions.get((country, _squashed(sub.name))) if sub and point is None else None
            return [(point, population)] if point else [named] if named else []
        if county := self.counties.get((country, self.county_key(part))):
            lat = statistics.mean(float(t["latitude"]) for t in county)
            lon = statistics.mean(float(t["longitude"]) for t in county)
            return [((lat, lon), sum(t["population"] for t in county))]
        return [
            ((float(t["latitude"]), float(t["longitude"])), t["population"])
            for t in self.towns.get((country, name_key(part)), [])
        ]


def region_parts(
    lines: list[str],
    iso2: dict[str, str],
    points: dict[str, Point | None],
    populations: dict[str, int],
    counties: dict[tuple[str, str], list[dict]],
    county_key: Callable[[str], str],
    towns: dict,
) -> Parts:
    """The `Parts` index from the gazetteer rows so far (`lines`; `iso2`: ISO3 -> ISO2), the ISO regions' points
    and populations, the counties and the towns (GeoNames places of 500 people or more)."""
    named: dict[tuple[str, str], tuple[Point, int]] = {}
    for line in lines:
        fields = line.split("\t")
        if fields[1] == "admin1" and fields[3] and fields[5] in iso2:
            for key in fields[9].split("|"):
                named[(iso2[fields[5]], _squashed(key))] = ((float(fields[3]), float(fields[4])), int(fields[7]))
    by_name: dict[tuple[str, str], list[dict]] = {}
    for town in towns.values():
        by_name.setdefault((town["countrycode"], name_key(town["name"])), []).append(town)
    regions = {code: (point, populations.get(code, 0)) for code, point in points.items()}
    return Parts(regions, named, counties, county_key, by_name)


def group_rows(row: Row, iso3: dict[str, str], parts: Parts, country_keys: dict[str, set[str]]) -> list[str]:
    """One "admin1" row per region of region_groups.json, at the mean of its parts' points (see `Parts`; a town
    name that several towns of the country have is the one nearest the median of the other parts). Names that
    the country already has for another region (`country_keys`, ISO2 -> keys) are left out; a group none of whose
    parts is found is skipped."""
    lines = []
    for group in json.loads(GROUPS.read_text(encoding="utf-8"))["regions"]:
        country = group["country"]
        found = _placed([parts.options(country, p) for p in group["parts"]])
        keys = [k for n in group["names"] if (k := name_key(n)) not in country_keys.get(country, set())]
        if not found or not keys:
            continue
        point = (statistics.mean(p[0] for p, _ in found), statistics.mean(p[1] for p, _ in found))
        population = sum(n for _, n in found)
        lines.append(row(None, "admin1", group["names"][0], point, iso3[country], "", population, False, keys, [], []))
    return lines


def _placed(options: list[list[tuple[Point, int]]]) -> list[tuple[Point, int]]:
    """One (point, population) per part that has any: the only one, else the one nearest the median point of the
    parts that have only one (the most populous when none has)."""
    sure = [o[0] for o in options if len(o) == 1]
    if not sure:
        return [max(o, key=lambda pp: pp[1]) for o in options if o]
    mid = (statistics.median(p[0] for p, _ in sure), statistics.median(p[1] for p, _ in sure))
    return [min(o, key=lambda pp: (pp[0][0] - mid[0]) ** 2 + (pp[0][1] - mid[1]) ** 2) for o in options if o]


def _squashed(name: str) -> str:
    return name_key(name).translate(str.maketrans("", "", " -'"))


def former_country_names(current: set[str]) -> dict[str, list[str]]:
    """ISO2 of a current country -> its former names from ISO 3166-3 ("Zaire" -> CD, "Dahomey" -> BJ, "Upper
    Volta" -> BF): the part before a comma ("Upper Volta, Republic of"), for countries with one successor only,
    leaving out keys some entry has already (`current`: "Yemen", "France") and islands now part of a scattered
    island country ("Wake Island")."""
    names: dict[str, list[str]] = {}
    for old in pycountry.historic_countries:
        successor = old.alpha_4[2:]
        name = old.name.split(",")[0].strip()
        if successor in NO_SUCCESSOR or pycountry.countries.get(alpha_2=successor) is None or "(" in name:
            continue
        islands = name.split()[-1] in ("Island", "Islands")
        if name_key(name) not in current and _is_plain(name) and not islands:
            names.setdefault(successor, []).append(name)
    return names


def _is_plain(name: str) -> bool:
    """Latin letters, spaces and hyphens only."""
    return all(c in " -" or unicodedata.name(c, "").startswith("LATIN") for c in name)


def keys_by_country(lines: list[str], iso2: dict[str, str]) -> dict[str, set[str]]:
    """ISO2 -> the own keys of the country's regions (admin1, admin2) in `lines`."""
    keys: dict[str, set[str]] = {}
    for line in lines:
        fields = line.split("\t")
        if fields[1] in ("admin1", "admin2") and fields[5] in iso2:
            keys.setdefault(iso2[fields[5]], set()).update(fields[9].split("|"))
    return keys


def own_keys(lines: list[str]) -> set[str]:
    """Every own key of the entries in `lines`."""
    return {key for line in lines for key in line.split("\t")[9].split("|")}


def add_country_keys(lines: list[str], names: dict[str, list[str]], iso2: dict[str, str]) -> None:
    """Adds `names` (ISO2 -> names) to the own keys of those countries' rows in `lines`, in place."""
    for i, line in enumerate(lines):
        fields = line.split("\t")
        if fields[1] == "country" and iso2.get(fields[5]) in names:
            extra = [name_key(n) for n in names[iso2[fields[5]]]]
            fields[9] = "|".join(dict.fromkeys([*fields[9].split("|"), *extra]))
            lines[i] = "\t".join(fields)
