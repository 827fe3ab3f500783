"""Token-level helpers of place finding: entity parts, gazetteer look-ups of token ranges, name shape tests."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from whodid.gazetteer import Gazetteer, name_key
from whodid.place_resolution import REGIONS, TOWN, PlaceMatch

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LIST_WORDS = frozenset({"and", "or", "&"})
MAX_NAME_TOKENS = 8  # "Saint Vincent and the Grenadines" is 5 tokens, "Stratford-upon-Avon" 5
# Capitalised words after a region's name that say what kind of unit it is ("Akita Prefecture", "Nyanza Province").
UNIT_WORDS = frozenset(
    {"province", "prefecture", "state", "region", "district", "county", "governorate", "oblast", "department"}
)
# Capitalised nouns after a place's name that make an event's name of it ("South Asia Earthquake").
EVENT_NOUNS = frozenset({"earthquake", "tsunami", "floods", "flood", "cyclone", "hurricane", "outbreak", "war"})
VALLEY_WORDS = frozenset({"valley"})  # a valley named after the town or region in it
MODIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"})
# Ordinary geographic words that a gazetteer also lists as some country's region ("Gulf" in Papua New Guinea,
# "Central", "Western", "Coast"): alone they name no particular place.
GENERIC_PLACE_WORDS = MODIFIERS | frozenset(
    {
        "gulf", "coast", "capital", "interior", "islands", "island", "lakes", "highlands", "lowlands", "upper",
        "lower", "border", "frontier", "delta", "valley", "mountains", "plateau", "region", "centre", "center",
    }
)  # fmt: skip


def generic_place_word(name: str) -> bool:
    """Whether `name` ("Gulf", "the Gulf", "Central") is one generic geographic word."""
    words = name.lower().split()
    return len(words) - (words[:1] == ["the"]) == 1 and words[-1] in GENERIC_PLACE_WORDS


def entity_parts(ent: Span) -> list[Span]:
    """An entity cut at free-standing punctuation, slashes and "and"/"or" ("Central Africa - Nigeria", "Texas,
    US", "Zaire/Congo"); "Guinea-Bissau" stays whole."""
    doc, parts, first = ent.doc, [], ent.start
    for token in ent:
        free = token.is_punct and (token.whitespace_ or (token.i > 0 and doc[token.i - 1].whitespace_))
        free = free or token.text == "/"
        if free or token.lower_ in LIST_WORDS:
            if first < token.i:
                parts.append(doc[first : token.i])
            first = token.i + 1
    if first < ent.end:
        parts.append(doc[first : ent.end])
    return parts


def longest_inside(
    ent: Span, gaz: Gazetteer, *, alternates: bool, common_ok: bool, towns: bool = False
) -> PlaceMatch | None:
    """The longest gazetteer name in an entity whose other tokens are only modifiers ("eastern Aleppo") or a
    unit word right after it ("Akita Prefecture": then its regions only, if it names any) or an event noun ("South
    Asia Earthquake") or "Valley" ("Salinas Valley": then its regions and towns of TOWN people or more). After a
    capitalised direction word ("Eastern Aleppo"), only areas and towns of TOWN people or more, by their names."""
    doc = ent.doc
    for length in range(min(len(ent), MAX_NAME_TOKENS), 0, -1):
        for first in range(ent.start, ent.end - length + 1):
            last = first + length - 1
            if not (capitalised(doc[first]) and capitalised(doc[last])):
                continue
            rest = [t for t in ent if not first <= t.i <= last]
            unit = last + 1 < ent.end and doc[last + 1].lower_ in UNIT_WORDS
            event = last + 1 < ent.end and doc[last + 1].lower_ in EVENT_NOUNS
            valley = last + 1 < ent.end and doc[last + 1].lower_ in VALLEY_WORDS
            if not all(is_modifier(t) or ((unit or event or valley) and t.i == last + 1) for t in rest):
                continue
            match = lookup_tokens(doc, first, last + 1, gaz, alternates=alternates, common_ok=common_ok, towns=towns)
            if match and valley:  # "Salinas Valley": a town's or region's valley; not a country's ("Jordan Valley")
                country = any(c.entry.feature == "country" for c in match.candidates)
                match = None if country else _sizeable(match)
            if match and any(capitalised(t) and t.lower_ in MODIFIERS for t in rest):
                match = _sizeable(match)  # "Eastern Creek" is no part of a village Creek
                match = match._replace(directed=True) if match else None
            if match and unit:  # "Akita Prefecture": the region, not its city
                regions = tuple(c for c in match.candidates if c.entry.feature in REGIONS)
                match = match._replace(candidates=regions) if regions else match
            if match:
                return match
    return None


def _sizeable(match: PlaceMatch) -> PlaceMatch | None:
    """The match with only the areas and towns of TOWN people or more that it names by their own name; None if
    none is left."""
    big = tuple(c for c in match.candidates if c.primary and (c.entry.feature != "city" or c.entry.population >= TOWN))
    return match._replace(candidates=big) if big else None


def lookup_tokens(
    doc: Doc, first: int, end: int, gaz: Gazetteer, *, alternates: bool, common_ok: bool, towns: bool = False
) -> PlaceMatch | None:
    """The candidates of tokens [first, end): alternate names only if `alternates`, towns of under 15,000 people
    only if `towns` (inside a place entity), common words only if `common_ok`."""
    span = doc[first:end]  # (Doc.text would join the whole document on every call)
    start_char, end_char, surface = span.start_char, span.end_char, span.text
    candidates = gaz.lookup(surface)
    if not alternates or not towns:
        candidates = tuple(
            c
            for c in candidates
            if (alternates or c.primary) and (towns or c.entry.feature != "city" or c.entry.population >= TOWN)
        )
    if not candidates or (not common_ok and not gaz.is_alias(surface) and gaz.is_common(surface)):
        return None
    return PlaceMatch(start_char, end_char, name_key(surface), candidates)


def capitalised(token: Token) -> bool:
    """Capitalised, or capitalised after an elision ("d'Ivoire")."""
    text = token.text
    return text[:1].isupper() or (text[1:2] in ("'", "\u2019") and text[2:3].isupper())


def is_modifier(token: Token) -> bool:
    """Tokens an entity may carry around a place name: lowercase words, punctuation, a direction word
    ("Eastern Aleppo", "North-Western Sydney") or a sentence-initial "The"; never another capitalised word
    ("Latin America")."""
    if not capitalised(token) or token.lower_ in MODIFIERS:
        return True
    return token.is_sent_start and token.lower_ == "the"


def is_proper_name(doc: Doc, match: PlaceMatch) -> bool:
    """Not a demonym or adjective: "Russian", "Syrian" are tagged JJ, a city name NNP."""
    last = doc.char_span(match.start, match.end, alignment_mode="expand")[-1]
    return last.tag_ != "JJ"


def continues_a_name(doc: Doc, i: int, *, skip_sentence_start: bool = False) -> bool:
    """Whether token i is a capitalised proper noun, so that a match next to it is part of a longer name."""
    if not 0 <= i < len(doc):
        return False
    token = doc[i]
    if skip_sentence_start and token.is_sent_start:
        return False
    return capitalised(token) and token.pos_ == "PROPN"


def hyphen_parts(part: Span) -> list[Span]:
    """A name cut at hyphens between capitalised words ("Asia-Pacific" -> "Asia", "Pacific"); [] if it has none."""
    doc = part.doc
    cuts = [t.i for t in part if t.text == "-" and part.start < t.i < part.end - 1 and capitalised(doc[t.i + 1])]
    bounds = [part.start - 1, *cuts, part.end]
    return [doc[a + 1 : b] for a, b in itertools.pairwise(bounds) if b > a + 1] if cuts else []
