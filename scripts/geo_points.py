"""Points for scripts/build_gazetteer.py: countries (countryinfo outlines and reference points), regions (the middle
of their land, or of their towns). Build-time only."""

from __future__ import annotations

import math
import statistics

import numpy as np

from whodid.geo_eval import distance_km

try:  # build-time only (MIT): reference points of countries; without it, points derived from towns are used
    from countryinfo import CountryInfo
except ImportError:  # pragma: no cover
    CountryInfo = None

COUNTRY_CELL = REGION_CELL = 1.0  # central_point: grid cell size in degrees ...
STRAY_SPREAD, KM_PER_DEGREE = 3.0, 111.0  # ... and strays dropped (see _without_strays)
MIN_CELLS, FINE_CELL = 4, 0.1  # ... halved while an area's towns fill fewer cells than this, down to this size
AREA_CELLS, MIN_AREA_CELLS = 20_000, 50  # region_areas: grid cells over a country; a region needs this many
AREA_STRAY_KM = 1500.0  # ... and a region's towns this far from the others may be strays (see _without_stray_towns)
MAINLAND_SHARE = 2 / 3  # a country's largest polygon is its mainland when it holds this share of its area


def central_point(cities: list[dict], cell: float) -> tuple[float, float] | None:
    """A point for an area from the towns in it (GeoNames places of 500 people or more): the mean of the
    centres of the grid cells (`cell` degrees) that hold a town, so that the inhabited area counts and not the
    number of towns (a crowded coast does not pull the point). A small area whose towns fill fewer than MIN_CELLS
    cells takes halved cells, down to FINE_CELL (a one-cell municipality is not put at its cell's centre).
    Longitudes are unwrapped across 180 degrees."""
    if not cities:
        return None
    cells = {(math.floor(float(c["latitude"]) / cell), math.floor(float(c["longitude"]) / cell)) for c in cities}
    if len(cells) < MIN_CELLS and cell / 2 >= FINE_CELL:
        return central_point(cities, cell / 2)
    lats = [(i + 0.5) * cell for i, _ in cells]
    lons = [(j + 0.5) * cell for _, j in cells]
    if max(lons) - min(lons) > 180:  # Fiji, Kiribati, Russia's far east: take the western half round the globe
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lats, lons = _without_strays(lats, lons, cell)
    lon = sum(lons) / len(lons)
    return sum(lats) / len(lats), lon - 360 if lon > 180 else lon


def _without_strays(lats: list[float], lons: list[float], cell: float) -> tuple[list[float], list[float]]:
    """The cells left after dropping strays: those farther from the median cell than STRAY_SPREAD times the
    median distance plus one cell (a GeoNames town given the wrong admin1 code, 3,000 km from its region)."""
    middle = statistics.median(lats), statistics.median(lons)
    far = [distance_km(lat, lon, *middle) for lat, lon in zip(lats, lons, strict=True)]
    limit = STRAY_SPREAD * statistics.median(far) + cell * KM_PER_DEGREE
    kept = [(lat, lon) for lat, lon, km in zip(lats, lons, far, strict=True) if km <= limit]
    return [lat for lat, _ in kept], [lon for _, lon in kept]


def country_points() -> dict[str, tuple[float, float]]:
    """ISO2 code -> a reference point for each country from the countryinfo package (MIT; data mostly from
    Wikipedia, outlines from world.geo.json): the centroid of the country's mainland (see `_mainland_centroid`),
    else the package's own latitude and longitude for it (whole degrees for most countries, the World Factbook
    convention). Empty when countryinfo is not installed."""
    if CountryInfo is None:
        return {}
    points: dict[str, tuple[float, float]] = {}
    for info in CountryInfo.all().values():
        iso2 = (info.get("ISO") or {}).get("alpha2")
        given = info.get("latlng")
        point = _mainland_centroid(info.get("geoJSON")) or (tuple(map(float, given)) if len(given or ()) == 2 else None)
        if iso2 and point:
            points[iso2] = point
    return points


def _mainland_centroid(geojson: object) -> tuple[float, float] | None:
    """The area centroid of the largest polygon of a country's GeoJSON outline when that polygon holds at least
    MAINLAND_SHARE of the country's area (the contiguous US, not Alaska; none for archipelagos such as Indonesia
    or the Philippines, where the largest island says little). Areas in square degrees times cos(latitude)."""
    if not isinstance(geojson, dict):
        return None
    rings = []
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = [geometry.get("coordinates")] if geometry.get("type") == "Polygon" else geometry.get("coordinates")
        rings += [polygon[0] for polygon in polygons or () if polygon]
    parts = [part for part in map(_ring_centroid, rings) if part[1] is not None]
    if not parts:
        return None
    area, point = max(parts, key=lambda part: part[0])
    return point if area >= MAINLAND_SHARE * sum(part[0] for part in parts) else None


def _ring_centroid(ring: list[list[float]]) -> tuple[float, tuple[float, float] | None]:
    """(area, centroid) of a closed ring of [lon, lat] points (shoelace formula in degrees, the area scaled by
    the cosine of the centroid's latitude); longitudes unwrapped across 180 degrees."""
    lons = [p[0] for p in ring]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    points = list(zip(lons, (p[1] for p in ring), strict=True))
    area = x = y = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area, x, y = area + cross, x + (x1 + x2) * cross, y + (y1 + y2) * cross
    if not area:
        return 0.0, None
    lat, lon = y / (3 * area), x / (3 * area)
    return abs(area) / 2 * math.cos(math.radians(lat)), (lat, lon - 360 if lon > 180 else lon)


def region_areas(towns: dict) -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO2, GeoNames admin1 code) -> the centroid of the region's land, approximated: a grid over the country's
    outline (countryinfo; at most AREA_CELLS cells, none finer than FINE_CELL), each cell given to the region of
    its nearest town of 500 people or more, and the cos(latitude)-weighted mean of a region's cells. Unlike
    `central_point` this counts empty land (northern Ontario, the Outback), so a large region's point is the
    middle of its area, as atlases and encyclopedias give it. Regions of fewer than MIN_AREA_CELLS cells are
    left out (their towns place them well enough). Empty without countryinfo."""
    if CountryInfo is None:
        return {}
    by_country: dict[str, list[dict]] = {}
    for town in towns.values():
        if town["admin1code"]:
            by_country.setdefault(town["countrycode"], []).append(town)
    points: dict[tuple[str, str], tuple[float, float]] = {}
    for info in CountryInfo.all().values():
        iso2 = (info.get("ISO") or {}).get("alpha2")
        rings = _outer_rings(info.get("geoJSON"))
        if not iso2 or not rings or len({t["admin1code"] for t in by_country.get(iso2, [])}) < 2:
            continue
        cells = _land_cells(rings)
        if len(cells) == 0:
            continue
        group = _without_stray_towns(by_country[iso2])
        town_points = np.array([(t["latitude"], t["longitude"]) for t in group], dtype=float)
        nearest = _nearest(cells, town_points)
        codes = np.array([t["admin1code"] for t in group])[nearest]
        for code in set(codes.tolist()):
            mine = cells[codes == code]
            if len(mine) >= MIN_AREA_CELLS:
                points[(iso2, code)] = _weighted_centre(mine)
    return points


def _without_stray_towns(towns: list[dict]) -> list[dict]:
    """The towns left after dropping each region's strays, as in `_without_strays` but never within AREA_STRAY_KM
    of the region's middle town (a region's remote towns stay: they hold its empty land; a GeoNames town given the
    wrong admin1 code, 3,000 km away, goes)."""
    regions: dict[str, list[dict]] = {}
    for town in towns:
        regions.setdefault(town["admin1code"], []).append(town)
    kept = []
    for group in regions.values():
        middle = statistics.median(t["latitude"] for t in group), statistics.median(t["longitude"] for t in group)
        far = [distance_km(t["latitude"], t["longitude"], *middle) for t in group]
        limit = max(STRAY_SPREAD * statistics.median(far) + REGION_CELL * KM_PER_DEGREE, AREA_STRAY_KM)
        kept += [t for t, km in zip(group, far, strict=True) if km <= limit]
    return kept


def _outer_rings(geojson: object) -> list[np.ndarray]:
    """The outer rings of a GeoJSON outline as arrays of (lon, lat), longitudes unwrapped across 180 degrees."""
    if not isinstance(geojson, dict):
        return []
    rings = []
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = [geometry.get("coordinates")] if geometry.get("type") == "Polygon" else geometry.get("coordinates")
        rings += [np.array(polygon[0], dtype=float)[:, :2] for polygon in polygons or () if polygon]
    if rings and max(r[:, 0].max() for r in rings) - min(r[:, 0].min() for r in rings) > 180:
        for ring in rings:
            ring[:, 0] = np.where(ring[:, 0] < 0, ring[:, 0] + 360, ring[:, 0])
    return rings


def _land_cells(rings: list[np.ndarray]) -> np.ndarray:
    """Centres (lat, lon) of the grid cells inside the rings (even-odd rule), on a grid fine enough to give the
    country about AREA_CELLS cells."""
    lon0, lat0 = min(r[:, 0].min() for r in rings), min(r[:, 1].min() for r in rings)
    lon1, lat1 = max(r[:, 0].max() for r in rings), max(r[:, 1].max() for r in rings)
    cell = max(FINE_CELL, math.sqrt((lon1 - lon0) * (lat1 - lat0) / AREA_CELLS))
    lats, lons = np.meshgrid(np.arange(lat0 + cell / 2, lat1, cell), np.arange(lon0 + cell / 2, lon1, cell))
    lats, lons = lats.ravel(), lons.ravel()
    inside = np.zeros(len(lats), dtype=bool)
    for ring in rings:
        box = (
            (lons >= ring[:, 0].min())
            & (lons <= ring[:, 0].max())
            & (lats >= ring[:, 1].min())
            & (lats <= ring[:, 1].max())
        )
        idx = np.flatnonzero(box)
        if len(idx) == 0:
            continue
        x, y = lons[idx], lats[idx]
        crossings = np.zeros(len(idx), dtype=bool)
        for (x1, y1), (x2, y2) in zip(ring, np.roll(ring, -1, axis=0), strict=True):
            if y1 == y2:
                continue
            spans = (y1 > y) != (y2 > y)
            crossings ^= spans & (x < x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        inside[idx] |= crossings
    return np.column_stack([lats[inside], lons[inside]])


def _nearest(cells: np.ndarray, towns: np.ndarray, chunk: int = 2000) -> np.ndarray:
    """Index of the nearest town for each cell (equirectangular distance; town longitudes unwrapped like the cells)."""
    town_lons = towns[:, 1].copy()
    if cells[:, 1].max() > 180:
        town_lons = np.where(town_lons < 0, town_lons + 360, town_lons)
    out = np.empty(len(cells), dtype=int)
    for start in range(0, len(cells), chunk):
        part = cells[start : start + chunk]
        scale = np.cos(np.radians(part[:, :1]))
        d = (part[:, :1] - towns[None, :, 0]) ** 2 + ((part[:, 1:] - town_lons[None, :]) * scale) ** 2
        out[start : start + chunk] = d.argmin(axis=1)
    return out


def _weighted_centre(cells: np.ndarray) -> tuple[float, float]:
    weights = np.cos(np.radians(cells[:, 0]))
    lat = float((cells[:, 0] * weights).sum() / weights.sum())
    lon = float((cells[:, 1] * weights).sum() / weights.sum())
    return lat, lon - 360 if lon > 180 else lon
