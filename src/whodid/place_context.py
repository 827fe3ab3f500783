"""Place names that the words around or inside an entity reveal, whatever spaCy labelled it: a town followed by the
region that holds it ("Warwick in Queensland"), a name before a facility noun ("the Pirbright laboratory"), a
country's name ending an organisation's ("ABC Australia") or opening an event's ("the Vietnam war")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import ENT_TYPE, POS
from spacy.symbols import PROPN

from whodid.gazetteer import Candidate, Gazetteer, name_key
from whodid.place_resolution import REGIONS, TOWN, PlaceMatch, holds
from whodid.place_tokens import MODIFIERS, capitalised, entity_parts, is_proper_name, lookup_tokens
from whodid.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MAX_HOLDER_TOKENS = 4  # "Davao del Sur", "Scott County"
AREA_FEATURES = frozenset({"country", "admin1", "admin2"})
# Nouns after a name that make it a place's: "the Pirbright laboratory", "Desaguadero hospital", "Mabini Vice-Mayor".
FACILITY_NOUNS = frozenset(
    {"hospital", "laboratory", "lab", "airport", "racecourse", "prison", "market", "camp", "harbour", "harbor"}
    | {"mayor", "vice-mayor", "governor", "council", "councillor", "police", "municipality", "township"}
)
OWN_NAME_FEATURES = frozenset({"country", "continent"})
# US postal codes of the states, as local news writes them after a town ("Springfield, IL"); GeoNames' admin1 codes.
US_STATE_CODES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky",
    "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
# A word after a name, or "the ... of" before it, that says which kind of place it is.
REGION_WORDS = frozenset({"state", "governor", "province", "prefecture", "governorate", "oblast", "county"})
TOWN_WORDS = frozenset({"mayor", "city", "town", "village"})
_KIND_BEFORE = re.compile(r"\b(\w+) of\s*$")
HOLDER_FEATURES = frozenset({"city", "admin1", "admin2"})  # places that locate an unknown place named before them
HOLDER_GAPS = (", ", " in ")
UNKNOWN_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_UNKNOWN_TOKENS = 4
MAX_NOUNS_BEFORE_IN = 2  # "Abu Shok refugee camp in Al-Fashir"
# "Mabvuku, a suburb located east of Harare", "Lujhu is a rural township in northwestern Taoyuan".
APPOSITION_NOUNS = frozenset(
    {"suburb", "town", "village", "city", "township", "community", "district", "neighbourhood", "neighborhood"}
    | {"hamlet", "municipality", "borough", "settlement"}
)
APPOSITION_LINKS = frozenset({"of", "in", "near"})
COMPASS_WORDS = (  # the direction words a place entity may carry, and the in-between points
    MODIFIERS
    | {"northeast", "northwest", "southeast", "southwest"}
    | {"northeastern", "northwestern", "southeastern", "southwestern"}
)
_STATE_CODE = re.compile(r", ([A-Z]{2})(?!\w|\.\w)")  # "Springfield, IL." may end a sentence


def held_by_next(ent: Span, gaz: Gazetteer) -> PlaceMatch | None:
    """The entity as a town of the area named right after it ("Warwick in Queensland", "Austin, in Scott County",
    "Sukoharjo, Central Java"): only its candidates that the area holds; None if none is."""
    doc, i = ent.doc, ent.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ == "in":
        i += 1
    if i == ent.end or i >= len(doc) or not capitalised(doc[i]):
        return None
    match = lookup_tokens(doc, ent.start, ent.end, gaz, alternates=True, common_ok=False, towns=True)
    if match is None or not is_proper_name(doc, match):
        return None
    for end in range(min(len(doc), i + MAX_HOLDER_TOKENS), i, -1):
        if not capitalised(doc[end - 1]):
            continue
        area = lookup_tokens(doc, i, end, gaz, alternates=False, common_ok=False)
        areas = [c.entry for c in area.candidates if c.entry.feature in AREA_FEATURES] if area else []
        inside = tuple(c for c in match.candidates if any(holds(a, c.entry) for a in areas))
        if inside:
            return match._replace(candidates=inside, vetted=True)
    return None


def before_facility_noun(ent: Span, gaz: Gazetteer) -> PlaceMatch | None:
    """The entity, or all of it but a last facility noun, when that noun follows a place's name ("the Pirbright
    laboratory", "Desaguadero hospital", "Randwick Racecourse", "Mabini Vice-Mayor"); small towns too, and names
    spaCy took for people's (the noun shows they are not)."""
    doc = ent.doc
    end = ent.end
    if len(ent) > 1 and ent[-1].lower_ in FACILITY_NOUNS:
        end -= 1
    elif not (ent.end < len(doc) and _facility_noun_at(ent, ent.end)):
        return None
    match = lookup_tokens(doc, ent.start, end, gaz, alternates=False, common_ok=False, towns=True)
    return match._replace(vetted=True) if match and is_proper_name(doc, match) else None


def _facility_noun_at(ent: Span, i: int) -> bool:
    """Whether a facility noun starts at token i ("laboratory", "Vice-Mayor" as three tokens)."""
    doc = ent.doc
    if doc[i].lower_ in FACILITY_NOUNS:
        return True
    return i + 2 < len(doc) and doc[i + 1].text == "-" and f"{doc[i].lower_}-{doc[i + 2].lower_}" in FACILITY_NOUNS


def trailing_country(part: Span, gaz: Gazetteer) -> PlaceMatch | None:
    """A country's or continent's name (see `_own_name`) that ends a longer name ("SOS Children's Villages Sudan", "ABC
    Australia", "the Ministry of Health of the People's Republic of China", "Sub-Saharan Africa")."""
    doc = part.doc
    for first in range(part.start + 1, part.end):
        if not capitalised(doc[first]):
            continue
        match = lookup_tokens(doc, first, part.end, gaz, alternates=False, common_ok=False)
        own = tuple(c for c in match.candidates if _own_name(c, match.key)) if match else ()
        if own and is_proper_name(doc, match):
            return match._replace(candidates=own)
    return None


def _own_name(candidate: Candidate, key: str) -> bool:
    """A continent's or ocean's name ("Asia-Pacific"), or a country's: its own, or one of several words ("People's
    Republic of China"); not a one-word alias ("America": "the Peanut Corporation of America")."""
    entry = candidate.entry
    if not candidate.primary or entry.feature not in OWN_NAME_FEATURES:
        return False
    return entry.feature == "continent" or " " in key or name_key(entry.name) == key


def leading_country(ent: Span, gaz: Gazetteer) -> PlaceMatch | None:
    """A country's own name that opens an event's ("the Vietnam war", "the Iraq War")."""
    doc = ent.doc
    first = ent.start + (ent[0].lower_ == "the")
    for end in range(ent.end - 1, first, -1):
        match = lookup_tokens(doc, first, end, gaz, alternates=False, common_ok=False)
        own = tuple(c for c in match.candidates if c.primary and c.entry.feature == "country") if match else ()
        if own and capitalised(doc[end - 1]):
            return match._replace(candidates=own)
    return None


def with_state_codes(text: str, matches: Sequence[PlaceMatch], gaz: Gazetteer) -> list[PlaceMatch]:
    """ "Springfield, IL", "Austin, TX": a US state's postal code after a place name keeps only the name's towns and
    counties in that state, and is itself a mention of the state (only there: "IN", "OK" alone are words)."""
    out: list[PlaceMatch] = []
    for match in matches:
        out.append(match)
        code = _STATE_CODE.match(text, match.end)
        if code is None or code.group(1) not in US_STATE_CODES:
            continue
        state_code = code.group(1)
        inside = tuple(
            c for c in match.candidates if c.entry.country == "USA" and c.entry.admin1 == state_code
            and c.entry.feature in ("city", "admin2")
        )  # fmt: skip
        name = US_STATE_CODES[state_code]
        state = tuple(c for c in gaz.lookup(name) if c.entry.feature == "admin1" and c.entry.country == "USA")
        if inside and state:
            out[-1] = match._replace(candidates=inside, vetted=True)
            out.append(PlaceMatch(code.start(1), code.end(1), name_key(name), state, vetted=True))
    return out


def by_unit_word(text: str, match: PlaceMatch) -> PlaceMatch:
    """Only the regions of a name that a region word follows or opens ("New York state", "New York Governor", "the
    state of Washington"), only the towns of one that a lowercase town word does ("Kuwait city", "the town of
    Hebron"), when it has any."""
    after = text[match.end : match.end + 12].split(maxsplit=1)[:1]
    before = _KIND_BEFORE.search(text, max(0, match.start - 16), match.start)
    words = {w.strip(".,;:") for w in (after + ([before.group(1)] if before else []))}
    if {w.lower() for w in words} & REGION_WORDS:
        kept = tuple(c for c in match.candidates if c.entry.feature in REGIONS)
    elif words & TOWN_WORDS:  # lowercase only: not "Westminster City Council"
        kept = tuple(c for c in match.candidates if c.entry.feature == "city")
    else:
        return match
    return match._replace(candidates=kept) if kept else match


def _village_elsewhere(candidate: Candidate, countries: set[str | None]) -> bool:
    entry = candidate.entry
    return entry.feature == "city" and entry.population < TOWN and entry.country not in countries


def within_named_countries(matches: Sequence[PlaceMatch]) -> list[PlaceMatch]:
    """A name after a capitalised direction word that is no part of it ("North Eastern Province" -> "Eastern
    Province", "West Midlands" -> "Midlands") only in a country the document names by a country's name (or a
    country or continent itself: "Eastern Ukraine", "Northern Europe"); left
    out when it has no candidate there (Sri Lanka's Eastern Province is not Kenya's North Eastern one). A name
    that only its context made a place (a list, a preposition), all of whose candidates are villages of under
    15,000 people in other countries, is left out too ("Suba" among Kenya's districts is no Philippine village).
    Matches stay as they are when the document names no country."""
    named = {c.entry.country for m in matches if not m.directed for c in m.candidates if c.entry.feature == "country"}
    out = []
    for match in matches:
        if match.vetted and named and all(_village_elsewhere(c, named) for c in match.candidates):
            continue
        if match.directed and named:
            inside = tuple(
                c for c in match.candidates if c.entry.country in named or c.entry.feature in OWN_NAME_FEATURES
            )  # a country is named by this very name ("Eastern Ukraine")
            if not inside:
                continue
            match = match._replace(candidates=inside)
        out.append(match)
    return out


def located_by_holder(doc: Doc, places: Sequence[Place], gaz: Gazetteer, ents: Sequence[Span]) -> list[Place]:
    """Places the gazetteer lacks, located by the town or region named right after them ("Greenlane, Auckland",
    "Abu Shok refugee camp in Al-Fashir") or after the next item of their list ("Cattai and Wilberforce in
    North-Western Sydney"): parts of GPE and LOC entities (of FAC ones only in such a list: a building is no place
    of its own) and proper-noun runs after "the village of" ("the village of Cellardyke in Fife"), capitalised
    proper nouns that overlap no place, each at its holder's point, as a town of its country with no GeoNames id."""
    by_start = {p.start: p for p in places}
    named = [(p, e.label_) for e in ents if e.label_ in UNKNOWN_LABELS for p in _entity_parts(e)]
    named += [(run, "GPE") for run in _free_runs(doc) if _after_place_noun(run)]  # "the village of Cellardyke"
    found = []
    for span, label in named:
        if len(span) > MAX_UNKNOWN_TOKENS or not _unknown_name(span, gaz):
            continue
        if _overlaps_any(span, places):
            continue
        direct = _holder(doc, span, by_start) if label != "FAC" else None  # not "Ryman Auditorium, Nashville"
        holder = direct or _holder_of_next_item(doc, span, by_start)
        if holder is not None:
            found.append(_located(span, holder))
    return found


def _overlaps_any(span: Span, places: Sequence[Place]) -> bool:
    return any(p.start < span.end_char and span.start_char < p.end for p in places)


def _located(span: Span, holder: Place) -> Place:
    """The span as a town at its holder's point, in its holder's country and region, with no GeoNames id (basis
    "context")."""
    return Place(span.text, span.start_char, span.end_char, span.text, None, holder.lat, holder.lon, holder.country,
                 "city", holder.admin1, basis="context")  # fmt: skip


def _after_place_noun(span: Span) -> bool:
    """Whether "a village of", "the town of" ... comes right before the span."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in APPOSITION_NOUNS


def _holder(doc: Doc, span: Span, by_start: dict[int, Place]) -> Place | None:
    """The town or region named in the gap after `span` (see `_holder_start`), or inside the entity that opens there
    ("North-Western Sydney")."""
    start = _holder_start(doc, span)
    return _place_at(doc, start, by_start) if start >= 0 else None


def _holder_of_next_item(doc: Doc, span: Span, by_start: dict[int, Place]) -> Place | None:
    """The holder of the place that follows `span` after "and" or "or" ("Eastern Creek and Centennial Park in
    Sydney")."""
    i = span.end
    while i < min(len(doc), span.end + 2) and doc[i].lower_ in (",", "and", "or"):
        i += 1
    joined = any(doc[k].lower_ in ("and", "or") for k in range(span.end, i))  # not "Bridgestone Arena, Nashville"
    if not joined or i >= len(doc) or (after := by_start.get(doc[i].idx)) is None:
        return None
    item = doc.char_span(after.start, after.end, alignment_mode="expand")
    return _holder(doc, item, by_start) if item is not None else None


def _holder_start(doc: Doc, ent: Span) -> int:
    """Where a holder of the entity would start: after ", " or " in ", or after one or two nouns and "in" ("Abu
    Shok refugee camp in Al-Fashir"); -1 if there is no such gap."""
    gap = next((g for g in HOLDER_GAPS if doc.text.startswith(g, ent.end_char)), None)
    if gap:
        return ent.end_char + len(gap)
    i = ent.end
    while i < min(len(doc), ent.end + MAX_NOUNS_BEFORE_IN) and doc[i].is_lower and doc[i].pos_ == "NOUN":
        i += 1
    return doc[i + 1].idx if ent.end < i < len(doc) - 1 and doc[i].lower_ == "in" else -1


def _unknown_name(span: Span, gaz: Gazetteer) -> bool:
    """Capitalised proper nouns (lowercase particles inside: "Bab el-Oued"), not a common word."""
    words = [t for t in span if t.is_alpha]
    if not words or not capitalised(span[0]) or not capitalised(span[-1]) or gaz.is_common(span.text):
        return False
    return all(t.pos_ == "PROPN" or not capitalised(t) for t in words)


def located_by_apposition(doc: Doc, places: Sequence[Place], gaz: Gazetteer, ents: Sequence[Span]) -> list[Place]:
    """Places the gazetteer lacks that an apposition or a copula places in a town or region ("Mabvuku, a suburb
    located east of Harare", "Lujhu is a rural township in northwestern Taoyuan", "Fraser Valley, a farming
    community near Vancouver"): entity parts and capitalised proper-noun runs outside entities, at the holder's
    point, as a town of its country with no GeoNames id."""
    by_start = {p.start: p for p in places}
    found = []
    for span in _name_spans(doc, ents):
        if not _unknown_name(span, gaz) or _overlaps_any(span, places):
            continue
        start = _apposition_end(doc, span.end)
        holder = _place_at(doc, start, by_start) if start >= 0 else None
        if holder is not None:
            found.append(_located(span, holder))
    return found


def _name_spans(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """Entity parts and runs of capitalised proper nouns outside entities."""
    spans = [p for e in ents for p in _entity_parts(e)] + _free_runs(doc)
    return [s for s in spans if 0 < len(s) <= MAX_UNKNOWN_TOKENS]


def _entity_parts(ent: Span) -> list[Span]:
    """The parts of an entity (see `entity_parts`), a leading "the" left out."""
    return [p[1:] if len(p) > 1 and p[0].lower_ == "the" else p for p in entity_parts(ent)]


def _free_runs(doc: Doc) -> list[Span]:
    """Runs of capitalised proper nouns outside entities."""
    table = doc.to_array([ENT_TYPE, POS])
    proper = numpy.flatnonzero((table[:, 0] == 0) & (table[:, 1] == PROPN)).tolist() if len(doc) else []
    runs: list[list[int]] = []
    for i in (i for i in proper if capitalised(doc[i])):
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [doc[start:end] for start, end in runs]


def _apposition_end(doc: Doc, i: int) -> int:
    """The character offset where the holder starts in ", a [modifiers] suburb [located east] of|in|near [north-
    western] ..." or " is|was a ..." from token i on; -1 if the words there are not so."""
    if i + 2 >= len(doc) or doc[i].lower_ not in (",", "is", "was") or doc[i + 1].lower_ not in ("a", "an"):
        return -1
    k = i + 2
    while k < min(len(doc), i + 5) and doc[k].lower_ not in APPOSITION_NOUNS:
        if not (doc[k].is_lower and doc[k].pos_ in ("ADJ", "NOUN")):
            return -1
        k += 1
    if k >= len(doc) or doc[k].lower_ not in APPOSITION_NOUNS:
        return -1
    m = k + 1
    while m < min(len(doc), k + 4) and doc[m].lower_ not in APPOSITION_LINKS:
        if doc[m].pos_ in ("NOUN", "PROPN") and doc[m].lower_ not in COMPASS_WORDS:
            return -1  # "a community leader in Ohio"
        m += 1
    if m >= len(doc) - 1 or doc[m].lower_ not in APPOSITION_LINKS:
        return -1
    m += 1
    while m < len(doc) - 1 and doc[m].lower_ in COMPASS_WORDS:
        m += 1
    return doc[m].idx


def _place_at(doc: Doc, start: int, by_start: dict[int, Place]) -> Place | None:
    """The town or region that starts at `start`, or inside the entity that opens there."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    ents = [e for e in doc.ents if token is not None and e.start <= token.start < e.end]
    stop = ents[0].end_char if ents else start + 1
    holder = next((p for s, p in sorted(by_start.items()) if start <= s < stop), None)
    return holder if holder and holder.feature in HOLDER_FEATURES and holder.lat is not None else None
