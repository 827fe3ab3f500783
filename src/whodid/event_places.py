"""Event places: where an event happened, from the places of its sentence, the article's dateline or its main place."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from whodid.place_resolution import REGIONS
from whodid.records import Place

DATELINE_CHARS = 200  # a dateline place opens the article or its second line, within this many characters
MAIN_PLACE_MENTIONS = 2  # an article's main place is named at least this often
FEATURE_ORDER = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "continent": 4}  # most specific first


def event_location(places: Sequence[Place], sent_start: int, sent_end: int, trigger_start: int) -> Place | None:
    """The place of an event: among the places inside the sentence [sent_start, sent_end), the most specific
    (city, then lower region, first-level region, country, continent), and of those the nearest to the trigger;
    None if none."""
    inside = [p for p in places if p.start >= sent_start and p.end <= sent_end]
    if not inside:
        return None
    return min(inside, key=lambda p: (FEATURE_ORDER.get(p.feature, len(FEATURE_ORDER)), _distance(p, trigger_start)))


def _distance(place: Place, offset: int) -> int:
    if place.start <= offset < place.end:
        return 0
    return place.start - offset if place.start > offset else offset - place.end + 1


def locate_event(
    places: Sequence[Place],
    sent_start: int,
    sent_end: int,
    trigger_start: int,
    article_places: Sequence[Place] = (),
    text: str | None = None,
) -> tuple[Place | None, str | None]:
    """Where an event happened, and the rule that said so:

    - "sentence": among `places` (the sentence's places named as locations) inside [sent_start, sent_end),
      the most specific and, of those, the nearest to the trigger (see `event_location`);
    - "dateline": else the place that opens the article ("GENEVA (Reuters) -", "Aleppo, Dec 3 -"), given `text`;
    - "article": else the article's main place: its most often named city or region when one is named twice or
      more, else its most often named country when named twice or more (continents never);
    - (None, None) when none of these exists."""
    place = event_location(places, sent_start, sent_end, trigger_start)
    return (place, "sentence") if place is not None else article_location(article_places, text)


def article_location(places: Sequence[Place], text: str | None) -> tuple[Place | None, str | None]:
    """The article's own place, for events with none of their own: its dateline's, else its main place."""
    if text is not None and (place := dateline_place(places, text)) is not None:
        return place, "dateline"
    if (place := main_place(places)) is not None:
        return place, "article"
    return None, None


_DATELINE_END = re.compile(r"\s*(?:\(|,|\s[-\u2013\u2014]|:|[-\u2013\u2014]\s)")


def dateline_place(places: Sequence[Place], text: str) -> Place | None:
    """The place of a dateline: the first place, alone at the start of the article or of its second line
    (after a headline), followed by a comma, a bracket or a dash."""
    if not places:
        return None
    first = min(places, key=lambda p: p.start)
    line_start = text.rfind("\n", 0, first.start) + 1
    if first.start > DATELINE_CHARS or text[line_start : first.start].strip():
        return None
    return first if _DATELINE_END.match(text, first.end) else None


def main_place(places: Sequence[Place]) -> Place | None:
    """The place an article names most often: a city or region named twice or more, else a country named twice
    or more (its first mention); None otherwise."""
    for features in (("city", *REGIONS), ("country",)):
        counts = Counter(_place_key(p) for p in places if p.feature in features)
        if counts:
            key, count = max(counts.items(), key=lambda kv: (kv[1], -_first_start(places, kv[0])))
            if count >= MAIN_PLACE_MENTIONS:
                return next(p for p in places if _place_key(p) == key)
    return None


def _place_key(place: Place) -> tuple[str, str | None]:
    return place.name, place.country


def _first_start(places: Sequence[Place], key: tuple[str, str | None]) -> int:
    return min(p.start for p in places if _place_key(p) == key)
