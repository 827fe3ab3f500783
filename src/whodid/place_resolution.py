"""Place resolution: each place name found in an article to one gazetteer entry, with the article's other place
names as context (the document's countries and regions, "Town, Region" pairs)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from whodid.gazetteer import Candidate, GazEntry
from whodid.records import Place

TOWN = 15_000  # a town smaller than this is a candidate only inside a place entity (GPE, LOC, FAC)
REGION_LIST = 3  # a name among this many other regions of a country is one of them ("Utah, Washington, Ohio")
MEGACITY = 5_000_000  # a city this big outranks a same-named US state ("New York")
SMALL_TOWN = 50_000  # below this, a town gains from a mention of its country only against other small towns
BIG_CITY = 500_000  # a city this big is not outranked by a namesake village of a region the document names
REGIONS = frozenset({"admin1", "admin2"})


class PlaceMatch(NamedTuple):
    """A stretch of text that may name a place, with the gazetteer entries it can name."""

    start: int  # character offsets into doc.text
    end: int
    key: str
    candidates: tuple[Candidate, ...]
    vetted: bool = False  # a person-labelled entity that its context shows to be a place ("Mali, Niger and ...")
    directed: bool = False  # named after a capitalised direction word that is no part of the name ("West Midlands")


def resolve_places(text: str, matches: Sequence[PlaceMatch]) -> list[Place]:
    """One Place per match, each name resolved with the other names as context (see `_resolve`)."""
    paired = _paired(text, matches)
    narrowed = frozenset(i for i, (m, p) in enumerate(zip(matches, paired, strict=True)) if m is not p)
    return [_to_place(text, m, entry) for m, entry in zip(matches, _resolve(paired, narrowed), strict=True)]


def _paired(text: str, matches: Sequence[PlaceMatch]) -> list[PlaceMatch]:
    """ "Brooklyn, New York", "Paris, Texas", "Aleppo, Syria": when a place name that is not first of all a country
    is followed by a comma and the name of a first-level region or country that can hold it, outside a longer list
    ("Niger, Nigeria and Togo"), both keep only the candidates that fit together."""
    out = list(matches)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if text[first.end : second.start] != ", " or _in_a_list(text, out, i):
            continue
        if max(first.candidates, key=_Ranker(first.candidates)).entry.feature in ("country", "continent"):
            continue
        pairs = [(a, b) for a in first.candidates for b in second.candidates if holds(b.entry, a.entry)]
        if pairs:
            out[i] = first._replace(candidates=tuple(dict.fromkeys(a for a, _ in pairs)))
            out[i + 1] = second._replace(candidates=tuple(dict.fromkeys(b for _, b in pairs)))
    return out


def _in_a_list(text: str, matches: Sequence[PlaceMatch], i: int) -> bool:
    """Whether matches i and i + 1 are part of a longer list of places ("Niger, Nigeria and Togo")."""
    before = i > 0 and text[matches[i - 1].end : matches[i].start] in (", ", " and ", ", and ")
    after = i + 2 < len(matches) and text[matches[i + 1].end : matches[i + 2].start] in (", ", " and ", ", and ")
    return before or after


def holds(area: GazEntry, place: GazEntry) -> bool:
    """Whether `area` (a country, first-level region or a lower one) holds `place` (a town, a lower region or a
    region); a lower region, as coarsely as the gazetteer knows it: any town of its first-level region."""
    if area.feature == "country":
        return place.feature not in ("country", "continent") and place.country == area.country
    if area.feature == "admin1" and area.admin1:
        return place.feature in ("city", "admin2") and (place.country, place.admin1) == (area.country, area.admin1)
    if area.feature == "admin2" and area.admin1:
        return place.feature == "city" and (place.country, place.admin1) == (area.country, area.admin1)
    return False


def _resolve(matches: Sequence[PlaceMatch], narrowed: frozenset[int] = frozenset()) -> list[GazEntry]:
    """One entry per match, chosen with the document's other places as context (see `_Ranker`): first each
    name on its own, then again knowing the countries and US states that the other names resolved to. Each name
    takes one entry throughout: that of its first mention narrowed by `_paired` ("Brooklyn, New York" ...
    "Brooklyn"), else of its first mention."""
    first_choice = [max(m.candidates, key=_Ranker(m.candidates)).entry for m in matches]
    countries: Counter[str] = Counter()
    states: Counter[tuple[str | None, str | None]] = Counter()
    own: dict[str, tuple[Counter[str], Counter[tuple[str | None, str | None]]]] = {}
    for match, entry in zip(matches, first_choice, strict=True):
        own_countries, own_states = own.setdefault(match.key, (Counter(), Counter()))
        if entry.country:
            countries[entry.country] += 1
            own_countries[entry.country] += 1
        if entry.feature in REGIONS and entry.admin1:
            states[(entry.country, entry.admin1)] += 1
            own_states[(entry.country, entry.admin1)] += 1
    chosen: dict[str, GazEntry] = {}
    for _, match in sorted(enumerate(matches), key=lambda im: im[0] not in narrowed):  # `narrowed` ones first
        if match.key not in chosen:
            own_countries, own_states = own[match.key]  # the same name elsewhere is no context for itself
            country_counts = countries - own_countries
            other_countries = frozenset(country_counts.keys())
            other_states = frozenset((states - own_states).keys())
            regions_by_country = Counter(country for country, _ in other_states)
            # A region's own name means the region ("Oregon" even next to "Ohio").
            if _names_a_region(match.candidates):
                other_states = frozenset()
            ranker = _Ranker(match.candidates, other_countries, other_states, regions_by_country, country_counts)
            chosen[match.key] = max(match.candidates, key=ranker).entry
    return [chosen[m.key] for m in matches]


def _names_a_region(candidates: Sequence[Candidate]) -> bool:
    """Whether a name is the own name of one region only, which outnumbers every city of that name (Oregon,
    Ontario; not Uruguay's San José department against San Jose, California; not "Scott County", a county in
    eleven states), other than one named after a city in it."""
    towns = {(c.entry.country, c.entry.admin1) for c in candidates if c.entry.feature == "city"}
    biggest = max((c.entry.population for c in candidates if c.entry.feature == "city"), default=0)
    regions = [c for c in candidates if c.primary and c.entry.feature in REGIONS]
    return len(regions) == 1 and any(
        c.entry.population > biggest and (c.entry.country, c.entry.admin1) not in towns for c in regions
    )


class _Ranker:
    """Sort key for the candidates of one name, best last. In order:
    0. it has a point (some ISO 3166-2 regions have none here);
    1. a city or lower region named by its own name and in a region the document names ("Paris" near "Texas"),
    unless it is a village of under 15,000 people and a namesake city has 500,000 or more ("Boston" near "New
    York" is still Massachusetts') or a country has the name ("China" near "TX" is no Texan village);
    2. a region of a country three of whose other regions the document names ("Washington" among US states),
    or two against a country of the same name ("Georgia" next to "Alabama" and "Florida");
    3. a country or continent ("Georgia", "Lebanon");
    4. its country is named elsewhere in the document (a town under 50,000 people gains from this only
       against other small towns: "Geneva" stays Swiss in a text about the US), or it is a national capital
       named by its own name (as good as a mention: "Washington"); then, between countries of one name ("Congo"),
       how often the document's other places lie in it;
    5. such a capital, unless it lies in a country not named elsewhere while a region of that name lies in one
    that is (the Australian state "Victoria" next to "Queensland", not the capital of the Seychelles; a town does
    not beat a capital so: "Athens" in a story about the US is still Greece's); 6. a city of 5 million or more
    ("New York"); 7. a region ("Florida" the state, not the Cuban town), unless a candidate town of 15,000 people
    or more of that name lies in it (8. then the town: "Aleppo", not its governorate; but "Guerrero" the state,
    not its village); 9. named by its own name rather than an alternate ("Berea" in Ohio, not Aleppo's old
    name); 10. population."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        countries: frozenset[str] = frozenset(),
        states: frozenset[tuple[str | None, str | None]] = frozenset(),
        regions_by_country: Counter[str | None] | None = None,
        country_counts: Counter[str] | None = None,
    ) -> None:
        self.countries, self.states = countries, states
        self.country_counts = country_counts or Counter()
        sizes = (c.entry.population if c.entry.feature == "city" else SMALL_TOWN for c in candidates)
        self.small = min(SMALL_TOWN, max(sizes))
        self.biggest = max((c.entry.population for c in candidates if c.entry.feature == "city"), default=0)
        self.country_named = any(c.entry.feature == "country" for c in candidates)
        self.namesakes = {
            (c.entry.country, c.entry.admin1)
            for c in candidates
            if c.entry.feature == "city" and c.entry.population >= TOWN and c.primary
        }  # by its own name: not "Maryland City" against the state of Maryland
        # Countries whose regions the document names: two others against a country's name, three otherwise.
        least = 2 if any(c.entry.feature == "country" for c in candidates) else REGION_LIST
        self.region_rich = {k for k, n in (regions_by_country or {}).items() if n >= least}
        self.region_named = any(c.entry.feature in REGIONS and c.entry.country in countries for c in candidates)

    def __call__(
        self, candidate: Candidate
    ) -> tuple[bool, bool, bool, bool, bool, int, bool, bool, bool, bool, bool, int]:
        e, primary = candidate
        capital = e.capital and primary
        mentioned = e.country in self.countries and (e.feature != "city" or e.population >= self.small)
        named_after_city = e.feature in REGIONS and (e.country, e.admin1) in self.namesakes
        dwarfed = e.feature == "city" and e.population < TOWN and (self.biggest >= BIG_CITY or self.country_named)
        return (
            e.lat is not None,
            primary and (e.country, e.admin1) in self.states and e.feature in ("city", "admin2") and not dwarfed,
            e.feature in REGIONS and e.country in self.region_rich,
            e.feature in ("country", "continent"),
            capital or mentioned,
            self.country_counts[e.country] if e.feature == "country" and e.country else 0,
            capital and (e.country in self.countries or not self.region_named),
            e.feature == "city" and e.population >= MEGACITY,
            e.feature in REGIONS and not named_after_city,
            not named_after_city,
            primary,
            e.population,
        )


def _to_place(text: str, match: PlaceMatch, entry: GazEntry) -> Place:
    return Place(
        text=text[match.start : match.end],
        start=match.start,
        end=match.end,
        name=entry.name,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        feature=entry.feature,
        admin1=entry.admin1,
    )
