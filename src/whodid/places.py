"""Places: find place mentions in a parsed article (resolved by `whodid.place_resolution`); event places are in
`whodid.event_places` (re-exported here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from whodid.event_places import (  # noqa: F401 (re-export)
    article_location,
    dateline_place,
    event_location,
    locate_event,
    main_place,
)
from whodid.gazetteer import Candidate, GazEntry, Gazetteer, load_gazetteer, name_key, parse_gazetteer  # noqa: F401 (re-export)
from whodid.nlp import dateline_end, paragraph_starts
from whodid.place_context import (
    before_facility_noun,
    by_unit_word,
    held_by_next,
    leading_country,
    located_by_apposition,
    located_by_holder,
    trailing_country,
    with_state_codes,
    within_named_countries,
)
from whodid.place_resolution import REGIONS, PlaceMatch, resolve_places
from whodid.place_tokens import (
    LIST_WORDS,
    MAX_NAME_TOKENS,
    capitalised,
    continues_a_name,
    entity_parts,
    generic_place_word,
    hyphen_parts,
    is_proper_name,
    longest_inside,
    lookup_tokens,
)
from whodid.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"NORP", "ORG"})  # the small model labels some cities so ("eastern Aleppo": NORP)
MISLABELLED = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART"})  # a place name the small model took for a name
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "through", "across", "around", "throughout", "into", "inside"}
)
EPONYM_NOUNS = frozenset(
    {"virus", "ebolavirus", "disease", "fever", "strain", "syndrome", "flu", "haemorrhagic", "hemorrhagic"}
)
PUBLICATION_WORDS = frozenset(
    {"Times", "Herald", "Post", "Tribune", "Journal", "Telegraph", "Gazette", "Chronicle", "Daily", "Star"}
)
PLACE_NOUNS = frozenset(
    {"village", "town", "city", "island", "province", "state", "region", "district", "county", "mayor", "governor"}
    | {"villages", "towns", "cities", "islands", "provinces", "states", "regions", "districts", "counties"}
)
MISLABELLED_REGION = 100_000  # a region this populous may be named by an entity labelled PERSON ("Gauteng")
MIN_ALTERNATE_CHARS = 5  # a shorter alternate name (an old name, a code) counts only inside a place entity
CURRENCY_SIGNS = frozenset({"$", "A$", "C$", "NZ$", "HK$"})
LIST_ENDS = frozenset({",", ";", ".", ")", ":"})
LIST_ROUNDS = 4  # a list of places is followed this many names away from a known place


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """Place mentions in `doc`, resolved to gazetteer entries; sorted by start, never overlapping.

    Candidates come from spaCy entities (GPE, LOC, FAC, split at commas, slashes and "and", a unit word allowed
    after a region: "Akita Prefecture"; NORP and ORG when a part is a place's own name or the name opens with
    one: "the U.S. Centers for Disease Control"; PERSON and PRODUCT after "in", "at", "near", "mayor of", in a
    list of places or after a country's possessive: "Kenya's Dadaab camps", or when the whole name is a
    country's or a sizeable region's: "Chad", "Gauteng") and from capitalised token runs outside any entity (own
    names only, not common words; a country's may end such a run: "SOS Children's Villages Sudan"). Lists are
    followed from name to name ("Suba, Migori, Homa Bay"); the words around an entity may show it to be a place
    whatever its label (`whodid.place_context`: "Warwick in Queensland", "the Pirbright laboratory", "ABC
    Australia", "the Vietnam war", "Springfield, MO", "the state of Washington"). Names the document uses for
    people ("John Kerry" ... "Kerry"), names of publications ("China Daily") and city names after a capitalised
    "The" ("The Duran") are left out.
    """
    ents, text = doc.ents, doc.text  # each built anew from the tokens on each access: read once
    places = without_lone_generic_regions(resolve_places(text, place_matches(doc, gazetteer, ents, text)))
    places += located_by_holder(doc, places, gazetteer, ents)
    return sorted(places + located_by_apposition(doc, places, gazetteer, ents), key=lambda p: p.start)


def without_lone_generic_regions(places: list[Place]) -> list[Place]:
    """`places` less the regions named by a generic geographic word alone ("the Gulf", PNG's "Gulf" province, in
    "the Gulf states"; "Central"), unless another place of the article lies in the same country."""
    countries = Counter(p.country for p in places)
    return [p for p in places if not (p.feature in REGIONS and generic_place_word(p.text) and countries[p.country] < 2)]


def place_matches(
    doc: Doc, gazetteer: Gazetteer, ents: Sequence[Span] | None = None, text: str | None = None
) -> list[PlaceMatch]:
    """The place names of `doc` with their candidate entries, by start offset (see `find_places`); `ents` and
    `text`: the Doc's entities and text, when the caller has them already."""
    ents = doc.ents if ents is None else ents  # built anew from the tokens on each access: read once
    people = _person_words(ents, gazetteer)
    free = list(_free_matches(doc, ents, gazetteer))
    matches = [*_listed_entity_matches(doc, ents, gazetteer, people, free), *free]
    datelines = _datelines(doc)
    matches += _dateline_matches(doc, gazetteer, datelines)
    agencies = [(doc[a].idx, doc[b - 1].idx) for start, end in datelines for a, b in _bracketed(doc, start, end)]
    matches = [m for m in matches if not any(a <= m.start < b for a, b in agencies)]  # "(Xinhua)": the source
    matches = [m for m in matches if m.vetted or not _names_something_else(doc, m, people)]
    text = doc.text if text is None else text  # joined from the tokens on each access: read once
    matches = sorted((by_unit_word(text, _across_hyphen(doc, m, gazetteer)) for m in matches), key=_order)
    kept: list[PlaceMatch] = []
    for match in matches:  # an entity cut short ("Guinea" of "Guinea-Bissau") may now hold a free match
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return with_state_codes(text, within_named_countries(kept), gazetteer)


def _order(match: PlaceMatch) -> tuple[int, int]:
    return match.start, match.start - match.end


def _across_hyphen(doc: Doc, match: PlaceMatch, gaz: Gazetteer) -> PlaceMatch:
    """The longer name when the entity stopped at a hyphen: "Guinea" + "-Bissau"."""
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc) or span[-1].whitespace_:
        return match
    hyphen, nxt = doc[span.end], doc[span.end + 1]
    if hyphen.text != "-" or hyphen.whitespace_ or not capitalised(nxt):
        return match
    longer = lookup_tokens(doc, span.start, span.end + 2, gaz, alternates=False, common_ok=False)
    return longer._replace(vetted=match.vetted) if longer else match


def _listed_entity_matches(
    doc: Doc, ents: Sequence[Span], gaz: Gazetteer, people: frozenset[str], free: Sequence[PlaceMatch]
) -> list[PlaceMatch]:
    """The entity matches (see `_matches_of`), found again while a name listed next to a place found so far
    (a place entity, a `free` match, an entity match) becomes one ("Suba, Migori, Homa Bay, Rongo, Kisumu": each
    a place once its neighbour is). An entity's matches depend on the places found only through whether it is
    listed next to one, so each round redoes only the entities for which that changed."""
    placed = frozenset(t.i for ent in ents if ent.label_ in PLACE_LABELS for t in ent) | _tokens(doc, free)
    surnames = frozenset(name_key(e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) > 1)
    listed = [_listed_with_places(ent, placed) for ent in ents]
    found = [list(_matches_of(ent, gaz, people, surnames, flag)) for ent, flag in zip(ents, listed, strict=True)]
    for _ in range(LIST_ROUNDS - 1):
        grown = placed | _tokens(doc, [m for matches in found for m in matches])
        if grown == placed:
            break
        placed = grown
        for k, ent in enumerate(ents):
            if not listed[k] and _listed_with_places(ent, placed):
                listed[k] = True
                found[k] = list(_matches_of(ent, gaz, people, surnames, True))
    return [m for matches in found for m in matches]


def _tokens(doc: Doc, matches: Sequence[PlaceMatch]) -> frozenset[int]:
    spans = (doc.char_span(m.start, m.end, alignment_mode="expand") for m in matches)
    return frozenset(t.i for span in spans if span is not None for t in span)


def _matches_of(
    ent: Span, gaz: Gazetteer, people: frozenset[str], surnames: frozenset[str], listed: bool
) -> Iterator[PlaceMatch]:
    """The place matches of one entity; `listed`: it stands in a list next to a place."""
    doc = ent.doc
    if ent.label_ in PLACE_LABELS:
        common_ok = ent.label_ == "GPE"
        found = []
        for part in entity_parts(ent):  # else its parts ("Asia-Pacific"), a country ending it ("SOS
            match = longest_inside(part, gaz, alternates=True, common_ok=common_ok, towns=True)  # Villages Sudan")
            halves = (
                [] if match else [longest_inside(h, gaz, alternates=False, common_ok=False) for h in hyphen_parts(part)]
            )
            if any(halves):
                found.extend(h for h in halves if h)
            elif match := match or trailing_country(part, gaz):
                found.append(match)
        if not found and listed:  # "Rift Valley, North Eastern and Western"
            found = list(_in_context(ent, gaz, listed=True, after_place_word=False, surnames=surnames))
        yield from found
        return
    named = ent.label_ in (NAME_LABELS | MISLABELLED)
    listed = named and listed
    after_place_word = named and _after_place_word(ent)
    if listed or after_place_word:  # "officials in Dogubayazit", "Mali, Niger, and Senegal"
        found = list(_in_context(ent, gaz, listed, after_place_word, surnames))
        found = found or list(filter(None, [held_by_next(ent, gaz) or before_facility_noun(ent, gaz)]))
        yield from found
        if found or after_place_word:
            return  # not "Michigan" of "at Michigan State University"; a listed name may open with a place's
    if ent.label_ in (NAME_LABELS | MISLABELLED):  # "Warwick in Queensland", "the Pirbright laboratory"
        match = held_by_next(ent, gaz) or before_facility_noun(ent, gaz)
        if match:
            yield match
            return
    if ent.label_ == "EVENT" and (match := leading_country(ent, gaz)):  # "the Vietnam war"
        yield match
        return
    owner = _possessive_country(ent, gaz) if ent.label_ in (NAME_LABELS | MISLABELLED) else None
    if owner:  # "Kenya's overcrowded Dadaab camps": a town of that country, small ones too
        match = lookup_tokens(doc, ent.start, ent.end, gaz, alternates=True, common_ok=False, towns=True)
        inside = tuple(c for c in match.candidates if c.entry.country == owner) if match else ()
        if inside and is_proper_name(doc, match):
            yield match._replace(candidates=inside, vetted=True)
            return
    if ent.label_ in MISLABELLED:  # "Chad, which shares ...", "Gauteng": a country's or region's own name
        areas = (_area_name(part, gaz) for part in entity_parts(ent))
        yield from (m for m in areas if m and m.key not in people)  # not "Jordan" after "Michael Jordan"
        return
    elif ent.label_ in NAME_LABELS:
        parts_ = entity_parts(ent)
        parts = (longest_inside(part, gaz, alternates=False, common_ok=False) for part in parts_)
        found = [m for m in parts if m and is_proper_name(doc, m)]
        if found:
            yield from found
            return
        match = _leading_place(ent, gaz) or next(filter(None, (trailing_country(p, gaz) for p in parts_)), None)
    else:
        return
    if match and is_proper_name(doc, match):
        yield match


def _in_context(
    ent: Span, gaz: Gazetteer, listed: bool, after_place_word: bool, surnames: frozenset[str]
) -> Iterator[PlaceMatch]:
    """The parts of an entity that context shows to be places ("at Pandi, Bulacan"), small towns too; in a list of
    places also names that are common words or tagged as adjectives ("Parkes, Berry and Wyong", "Nueva Ecija
    and Bulacan farms"), unless the list opens the sentence, and a leading "the" is no part of the name ("the
    Pacific Northwest", but not "in the White House"). A name only listed must not end a person's name elsewhere
    (`surnames`: "Tom Harper" ... "Harper and Buckley")."""
    doc = ent.doc
    loose = listed and not ent[0].is_sent_start
    for part in entity_parts(ent):
        first = part.start + (loose and len(part) > 1 and part[0].lower_ == "the")
        alternates = len(part.text) >= MIN_ALTERNATE_CHARS  # not "Tor", an old name of Sloviansk
        match = lookup_tokens(doc, first, part.end, gaz, alternates=alternates, common_ok=loose, towns=True)
        if not match or (not after_place_word and match.key in surnames):
            continue
        if is_proper_name(doc, match) or (loose and any(c.primary for c in match.candidates)):
            yield match._replace(vetted=True)


def _datelines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs' datelines ("LYON, France — ", "BAGHDAD, April 9 (Xinhua) -- ")."""
    out = []
    for start in paragraph_starts(doc):
        end = dateline_end(doc, start)
        if end is not None:
            out.append((start, end))
    return out


def _bracketed(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the brackets in doc[start:end], brackets included."""
    opened = [t.i for t in doc[start:end] if t.text == "("]
    closed = [t.i for t in doc[start:end] if t.text == ")"]
    return [(a, b + 1) for a, b in zip(opened, closed, strict=False) if a < b]


def _dateline_matches(doc: Doc, gaz: Gazetteer, datelines: Sequence[tuple[int, int]]) -> list[PlaceMatch]:
    """The towns of datelines ("LYON, France — ...", "BAGHDAD, April 9 (Xinhua) -- "): the words in capitals
    that open a paragraph before its dateline separator, whatever the model labelled them; a town of the
    country the dateline names next, when it names one."""
    found: list[PlaceMatch] = []
    for start, end in datelines:
        stop = start
        while stop < end and doc[stop].is_alpha and doc[stop].is_upper:
            stop += 1
        name = doc[start:stop]
        candidates = gaz.lookup(name.text.title()) if stop > start else ()  # "LYON" is no acronym here
        if not candidates or gaz.is_common(name.text):
            continue
        countries = {c.entry.country for c in gaz.lookup(doc[stop + 1 : end - 1].text) if c.entry.feature == "country"}
        inside = tuple(c for c in candidates if c.entry.country in countries)
        key = name_key(name.text)
        found.append(PlaceMatch(name.start_char, name.end_char, key, inside or candidates, vetted=True))
    return found


def _area_name(part: Span, gaz: Gazetteer) -> PlaceMatch | None:
    """A whole entity (part) that is the own name of a country, continent or sizeable region (see `_is_area`),
    written as a proper noun: the small model often takes these for people ("Chad", "Gauteng", "Jefferson
    Parish"). All the name's candidates stay: "Aleppo" is still the city rather than its governorate."""
    match = lookup_tokens(part.doc, part.start, part.end, gaz, alternates=False, common_ok=False)
    if match is None or not is_proper_name(part.doc, match):
        return None
    several_words = " " in part.text  # "Jefferson Parish", not "Devon"
    return (
        match if any(c.entry.lat is not None and _is_area(c.entry, several_words) for c in match.candidates) else None
    )


def _is_area(entry: GazEntry, several_words: bool) -> bool:
    """A country or continent, or a region of MISLABELLED_REGION people or more (not the Isle of Man's parish of
    "Michael"): first-level, or lower when named in several words."""
    if entry.feature in ("country", "continent"):
        return True
    region = entry.feature == "admin1" or (several_words and entry.feature == "admin2")
    return region and entry.population >= MISLABELLED_REGION


def _person_words(ents: Sequence[Span], gaz: Gazetteer) -> frozenset[str]:
    """Name keys the document uses for people more often than for places: PERSON entities, whole and their last
    words ("John Kerry" ... "Kerry"), against the words of GPE, LOC and FAC entities. A PERSON entity that
    `_area_name` takes for a country or region ("Gauteng", "Jefferson Parish") does not count."""
    people: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for ent in ents:
        if ent.label_ == "PERSON" and _area_name(ent, gaz) is None:
            people.update({name_key(ent.text), name_key(ent[-1].text)})
        elif ent.label_ in PLACE_LABELS:
            places.update({name_key(ent.text), *(name_key(t.text) for t in ent)})
    return frozenset(k for k, n in people.items() if n > places[k])


def _names_something_else(doc: Doc, match: PlaceMatch, people: frozenset[str]) -> bool:
    """A name that opens a publication's ("the Los Angeles Times", "China Daily"), or, unless a country or
    continent has that name, is a person's in this document, names a disease ("Marburg virus"), or is a city
    name after a capitalised "The" mid-sentence ("The Duran")."""
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    after = doc[span.end].text if span is not None and span.end < len(doc) else ""
    if after in PUBLICATION_WORDS:
        return True
    if any(c.entry.feature in ("country", "continent") for c in match.candidates):
        return False
    if match.key in people or after.lower() in EPONYM_NOUNS:
        return True
    before = doc[span.start - 1] if span is not None and span.start > 0 else None
    cities_only = all(c.entry.feature == "city" for c in match.candidates)
    return cities_only and before is not None and before.text == "The" and not before.is_sent_start


def _leading_place(ent: Span, gaz: Gazetteer) -> PlaceMatch | None:
    """A country's or city's own name opening an organisation's name ("the U.S. Centers for Disease Control",
    "Seoul City Hall"): the place that the name is built on."""
    doc = ent.doc
    first = ent.start + (ent[0].lower_ == "the")
    for end in range(min(ent.end - 1, first + MAX_NAME_TOKENS), first, -1):
        if capitalised(doc[end]) and capitalised(doc[end - 1]):
            match = lookup_tokens(doc, first, end, gaz, alternates=False, common_ok=False)
            if match and any(c.entry.feature in ("country", "city", *REGIONS) for c in match.candidates):
                return match
    return None


def _possessive_country(ent: Span, gaz: Gazetteer) -> str | None:
    """The ISO3 code of the country whose possessive comes before the entity, across at most two lowercase
    words ("Kenya's overcrowded Dadaab camps" -> KEN); None if there is none."""
    doc, i = ent.doc, ent.start - 1
    while i >= ent.start - 2 and i > 0 and doc[i].is_lower and doc[i].is_alpha:
        i -= 1
    if i < 1 or doc[i].text not in ("'s", "\u2019s"):
        return None
    owner = gaz.lookup(doc[i - 1].text)  # one-word country names only: "Kenya", not "South Africa"
    return next((c.entry.country for c in owner if c.primary and c.entry.feature == "country"), None)


def _after_place_word(ent: Span) -> bool:
    """Whether a preposition of place comes right before the entity ("infected in Nottingham", "the island of
    Java")."""
    doc, i = ent.doc, ent.start - 1
    if i >= 1 and doc[i].lower_ == "of":
        return doc[i - 1].lower_ in PLACE_NOUNS
    return i >= 0 and doc[i].lower_ in PLACE_PREPOSITIONS


def _listed_with_places(ent: Span, placed: frozenset[int]) -> bool:
    """Whether the entity stands in a list next to a place (`placed`: token indices of place entities and of the
    places found so far): "Mali, Niger, and Senegal"; a list item ends at a comma, "and", "or" or the sentence's
    end, or is the last one, after "and" or "or"."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    ends_an_item = after is None or after.text in LIST_ENDS or after.lower_ in LIST_WORDS
    if not ends_an_item and not (ent.start > 0 and doc[ent.start - 1].lower_ in LIST_WORDS):
        return False  # "Earth, Cook said": "Cook" ends no list item
    for step, i in ((-1, ent.start - 1), (1, ent.end)):
        skipped = 0
        while 0 <= i < len(doc) and doc[i].lower_ in {",", *LIST_WORDS} and skipped < 2:
            i, skipped = i + step, skipped + 1
        if skipped and i in placed:
            return True
    return False


def _free_matches(doc: Doc, ents: Sequence[Span], gaz: Gazetteer) -> Iterator[PlaceMatch]:
    """Gazetteer names in capitalised token runs outside every spaCy entity (longest match first)."""
    in_entity = {t.i for ent in ents for t in ent}
    # A run may take in a place entity that ends it ("Goz" + "Beida"), after a preposition of place also a
    # name-labelled one ("in Mission" + "Viejo").
    names = {t.i: ent.end for ent in ents if ent.label_ in NAME_LABELS | MISLABELLED for t in ent}
    places = {t.i: ent.end for ent in ents if ent.label_ in PLACE_LABELS for t in ent}
    i = 0
    while i < len(doc):
        match = None
        if i not in in_entity and capitalised(doc[i]):
            after_place_word = i > 0 and doc[i - 1].lower_ in PLACE_PREPOSITIONS
            taken = places | names if after_place_word else places
            match = _free_match_at(doc, i, gaz, in_entity, taken)
        if match:
            yield match
            i = doc.char_span(match.start, match.end, alignment_mode="expand").end
        else:
            i += 1


def _free_match_at(doc: Doc, i: int, gaz: Gazetteer, in_entity: set[int], taken: dict[int, int]) -> PlaceMatch | None:
    """The longest own name of a place starting at token i: proper nouns (any capitalised word before a place noun:
    "Heze city"), not part of a longer name; tokens of an entity only if `taken` (token -> the entity's end) holds
    them and the entity ends inside the name."""
    for end in range(min(len(doc), i + MAX_NAME_TOKENS), i, -1):
        if not capitalised(doc[end - 1]):  # the cheapest test first
            continue
        tokens = doc[i:end]
        inside = (t.i not in in_entity or taken.get(t.i, len(doc) + 1) <= end for t in tokens)
        if not all(inside) or any(t.i > i and t.is_sent_start for t in tokens):
            continue
        match = lookup_tokens(doc, i, end, gaz, alternates=False, common_ok=False)
        if match is None:
            continue
        exact = gaz.is_alias(tokens.text)
        if exact and i > 0 and doc[i - 1].text in CURRENCY_SIGNS:  # "$US 1.5 billion"
            continue
        proper = all(t.pos_ in ("PROPN", "") for t in tokens if capitalised(t))  # "": not parsed
        if not exact and not proper and not (end < len(doc) and doc[end].text in PLACE_NOUNS):
            continue
        if not exact and not is_proper_name(doc, match):
            continue
        country = any(c.entry.feature == "country" for c in match.candidates)
        if (not country and continues_a_name(doc, i - 1, skip_sentence_start=True)) or (
            not exact and continues_a_name(doc, end)
        ):
            continue  # an abbreviation may open a longer name ("the NSW Primary Industries Minister"), a country
            # end one ("SOS Children's Villages Sudan")
        return match
    return None
