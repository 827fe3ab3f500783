"""Tests for whodid.places: the gazetteer, place mentions with offsets, disambiguation, event location."""

from __future__ import annotations

import itertools

import pytest

from whodid.places import (
    Gazetteer,
    dateline_place,
    event_location,
    find_places,
    load_gazetteer,
    locate_event,
    main_place,
)
from whodid.records import Place

ALEPPO = 170063
WASHINGTON_DC = 4140963
PARIS_FRANCE = 2988507
PARIS_TEXAS = 4717560


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def places_in(nlp, gaz):
    def run(text: str) -> list[Place]:
        return find_places(nlp(text), gaz)

    return run


def by_text(places: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in places}


# --- find_places --------------------------------------------------------------------------------------------


def test_aleppo_labelled_norp_after_a_direction_word(nlp, gaz):
    text = "The army announced the withdrawal from eastern Aleppo on Saturday."
    places = find_places(nlp(text), gaz)
    aleppo = by_text(places)["Aleppo"]
    assert (aleppo.geonameid, aleppo.country, aleppo.feature) == (ALEPPO, "SYR", "city")
    assert aleppo.lat == pytest.approx(36.20, abs=0.01) and aleppo.lon == pytest.approx(37.16, abs=0.01)
    assert text[aleppo.start : aleppo.end] == "Aleppo"


def test_paris_follows_the_document_context(places_in):
    french = by_text(places_in("Protesters gathered in Paris as France mourned the victims."))
    texan = by_text(places_in("A tornado hit Paris, Texas, on Monday, officials said."))
    assert french["Paris"].geonameid == PARIS_FRANCE and french["Paris"].country == "FRA"
    assert texan["Paris"].geonameid == PARIS_TEXAS and texan["Paris"].admin1 == "TX"
    assert texan["Texas"].feature == "admin1" and texan["Texas"].country == "USA"


def test_washington_is_the_capital_city(places_in):
    place = by_text(places_in("Officials in Washington said the talks would continue."))["Washington"]
    assert (place.geonameid, place.feature, place.country, place.admin1) == (
        WASHINGTON_DC,
        "city",
        "USA",
        "DC",
    )


def test_a_big_city_is_not_taken_for_a_small_town_in_a_mentioned_country(places_in):
    places = by_text(places_in("Kerry and Lavrov met in Geneva. The US and Russia disagree about Syria."))
    assert places["Geneva"].country == "CHE"
    assert places["US"].feature == "country" and places["US"].country == "USA"


def test_a_state_name_means_the_state(places_in):
    places = places_in("Police said the protest in Portland, Oregon, was peaceful.")
    assert [(p.text, p.feature, p.admin1) for p in places] == [
        ("Portland", "city", "OR"),
        ("Oregon", "admin1", "OR"),
    ]


def test_a_county_in_many_states_is_the_one_in_the_state_named(places_in):
    places = by_text(places_in("The outbreak hit Scott County, a rural area of Indiana, hardest."))
    county = places["Scott County"]
    assert (county.feature, county.country, county.admin1) == ("admin2", "USA", "IN")


def test_multi_word_names(places_in):
    places = by_text(places_in("Talks between Russia and the US in Abu Dhabi and New York stalled."))
    assert places["Abu Dhabi"].country == "ARE" and places["Abu Dhabi"].feature == "city"
    assert places["New York"].name == "New York City"


def test_no_place_for_demonyms_or_people(places_in):
    assert places_in("Georgia Brown told Russian reporters that the Russian army would stay.") == []
    assert [p.text for p in places_in("Sydney Smith met Lavrov in Moscow on Tuesday.")] == ["Moscow"]


def test_no_place_for_common_words_without_a_gpe_label(places_in):
    text = "Reading the report, officials said Mobile phones were banned. Nice work, he said."
    assert places_in(text) == []
    assert [p.name for p in places_in("He traveled to Mobile, Alabama, last year.")] == ["Mobile", "Alabama"]


def test_offsets_slice_back_sorted_and_not_overlapping(nlp, gaz):
    text = (
        "Russian Foreign Minister Sergei Lavrov said in Moscow that\nthe talks with the U.S. over eastern\n"
        "Aleppo would go on in Geneva, while Turkey hosted rebels in Ankara."
    )
    places = find_places(nlp(text), gaz)
    assert [p.name for p in places] == ["Moscow", "United States", "Aleppo", "Geneva", "Turkey", "Ankara"]
    for p in places:
        assert text[p.start : p.end] == p.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(places))


def test_empty_document_has_no_places(nlp, gaz):
    assert find_places(nlp(""), gaz) == []


# --- event_location -----------------------------------------------------------------------------------------


def _place(text: str, start: int, feature: str) -> Place:
    return Place(text, start, start + len(text), text, 1, None, None, "SYR", feature)


def test_event_location_prefers_a_city_then_the_nearest():
    syria, aleppo, homs = (
        _place("Syria", 0, "country"),
        _place("Aleppo", 20, "city"),
        _place("Homs", 60, "city"),
    )
    places = [syria, aleppo, homs]
    assert event_location(places, 0, 80, trigger_start=2) is aleppo
    assert event_location(places, 0, 80, trigger_start=55) is homs
    assert event_location([syria], 0, 80, trigger_start=40) is syria


def test_event_location_is_none_without_a_place_in_the_sentence():
    places = [_place("Aleppo", 20, "city")]
    assert event_location(places, 30, 90, trigger_start=40) is None
    assert event_location([], 0, 90, trigger_start=40) is None


def test_event_location_prefers_a_county_over_its_state():
    county = _place("Bulacan", 0, "admin2")
    region = _place("Central Luzon", 20, "admin1")
    assert event_location([region, county], 0, 80, trigger_start=30) is county


# --- regions, names inside other entities, names that are not places ---------------------------------------


def test_regions_and_a_region_before_the_word_state(places_in):
    places = by_text(places_in("Officials in Alberta and Ontario said New York state would help."))
    assert (places["Alberta"].feature, places["Alberta"].country) == ("admin1", "CAN")
    assert places["Ontario"].country == "CAN"
    assert (places["New York"].feature, places["New York"].admin1) == ("admin1", "NY")


def test_a_city_wins_over_its_namesake_region(places_in):
    (place,) = places_in("Shelling hit Homs on Monday.")
    assert (place.feature, place.country) == ("city", "SYR")


def test_a_place_opening_an_organisation_name(places_in):
    places = by_text(places_in("Samples went to the U.S. Centers for Disease Control and Prevention."))
    assert places["U.S."].country == "USA"


def test_places_in_a_list_and_after_in_even_when_tagged_as_people(nlp, gaz):
    doc = nlp("Cholera spread to Mali, Niger, and Senegal. He was infected in Nottingham by a friend.")
    names = {p.name: p for p in find_places(doc, gaz)}
    assert names["Niger"].feature == "country" and names["Nottingham"].country == "GBR"


def test_a_name_the_article_uses_for_a_person_is_no_place(places_in):
    text = "John Kerry spoke to Lavrov. The Kerry plan failed, as reported by The Duran, a blog."
    assert places_in(text) == []


def test_small_towns_only_inside_place_entities(places_in):
    assert places_in("Vestfold Talks resumed.") == []  # no entity: a town under 15,000 people is left out
    place = by_text(places_in("Swans were found in Weiswampach, Luxembourg, yesterday."))["Weiswampach"]
    assert place.country == "LUX"


# --- locate_event -------------------------------------------------------------------------------------------


def test_locate_event_rules_sentence_dateline_article_none():
    text = "GENEVA (Reuters) - Kerry met Lavrov. They spoke about Aleppo and Aleppo again. Nothing else."
    geneva = Place("GENEVA", 0, 6, "Geneva", 2660646, 46.2, 6.1, "CHE", "city")
    aleppo1 = Place("Aleppo", 54, 60, "Aleppo", ALEPPO, 36.2, 37.2, "SYR", "city")
    aleppo2 = Place("Aleppo", 65, 71, "Aleppo", ALEPPO, 36.2, 37.2, "SYR", "city")
    every = [geneva, aleppo1, aleppo2]
    assert locate_event([aleppo1], 38, 80, 43, every, text) == (aleppo1, "sentence")
    assert locate_event([], 20, 37, 26, every, text) == (geneva, "dateline")
    assert locate_event([], 20, 37, 26, every[1:], text) == (aleppo1, "article")
    assert locate_event([], 20, 37, 26, every[1:2], text) == (None, None)  # named once: no main place
    assert locate_event([], 20, 37, 26) == (None, None)


def test_dateline_needs_the_start_of_a_line_and_a_separator():
    geneva = Place("Geneva", 0, 6, "Geneva", 2660646, 46.2, 6.1, "CHE", "city")
    assert dateline_place([geneva], "Geneva, Dec 3 - Talks began.") is geneva
    assert dateline_place([geneva], "Geneva is calm. Talks began.") is None
    later = Place("Geneva", 10, 16, "Geneva", 2660646, 46.2, 6.1, "CHE", "city")
    assert dateline_place([later], "Talks in Geneva, then more.") is None


def test_main_place_prefers_a_city_named_twice_over_countries():
    syria = [_place("Syria", i * 10, "country") for i in range(3)]
    homs = [_place("Homs", 40 + i * 10, "city") for i in range(2)]
    assert main_place([*syria, *homs]) is homs[0]
    assert main_place(syria) is syria[0]
    assert main_place(syria[:1]) is None


# --- the seeds ----------------------------------------------------------------------------------------------

SEED_PLACES = {  # name as written -> (ISO3, feature, lat, lon) of the real place
    "Aleppo": ("SYR", "city", 36.20, 37.16),
    "Geneva": ("CHE", "city", 46.20, 6.15),
    "Ankara": ("TUR", "city", 39.92, 32.85),
    "Deir Ezzor": ("SYR", "city", 35.34, 40.14),
    "Dushanbe": ("TJK", "city", 38.54, 68.78),
    "Tajikistan": ("TJK", "country", 38.9, 71.0),
    "Syria": ("SYR", "country", 35.0, 38.5),
}


@pytest.fixture(scope="module")
def seed_places(shared_dir, nlp, gaz) -> list[Place]:
    from whodid.clean import clean_document
    from whodid.options import Options
    from whodid.records import RawDocument

    found: list[Place] = []
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        article = clean_document(RawDocument(path.stem, str(path), raw, "text"), Options())
        found += find_places(nlp(article.text), gaz)
        # The cleaner drops the fragment of another story at the top (Dushanbe, Tajikistan): parse it as well.
        dropped = "\n".join(r.text for r in article.removed if r.reason == "before_header")
        found += find_places(nlp(dropped), gaz)
    return found


@pytest.mark.parametrize("written", sorted(SEED_PLACES))
def test_seed_places_resolve_to_the_right_country_and_point(seed_places, written):
    from whodid.geo_eval import distance_km

    country, feature, lat, lon = SEED_PLACES[written]
    mentions = [p for p in seed_places if p.text == written]
    assert mentions, f"{written} not found in the seeds"
    limit = 300 if feature == "country" else 25  # a country's point is derived from its towns
    for place in mentions:
        assert (place.country, place.feature) == (country, feature)
        assert distance_km(place.lat, place.lon, lat, lon) < limit


def test_seed_people_are_not_places(seed_places):
    assert not {p.text for p in seed_places} & {"Kerry", "Lavrov", "Obama", "Duran"}


def test_names_cut_by_the_model_or_the_tokenizer(places_in):
    places = by_text(places_in("Cholera hit Ghana and Guinea-Bissau; aid reached Abidjan in Cote d'Ivoire."))
    assert places["Guinea-Bissau"].country == "GNB" and places["Cote d'Ivoire"].country == "CIV"


def test_a_state_among_its_neighbours_beats_the_country_of_that_name(places_in):
    us = by_text(places_in("Storms hit Alabama, Florida and Georgia on Monday."))
    assert (us["Georgia"].feature, us["Georgia"].country) == ("admin1", "USA")
    caucasus = by_text(places_in("Russia and Georgia traded accusations in Tbilisi."))
    assert caucasus["Georgia"].country == "GEO"


def test_diseases_and_publications_named_after_places_are_no_places(places_in):
    text = "The Marburg virus spread, the Los Angeles Times reported. Doctors in Marburg, Germany, agreed."
    assert [(p.text, p.country) for p in places_in(text)] == [("Marburg", "DEU"), ("Germany", "DEU")]


def test_a_name_among_regions_is_a_region_and_a_city_follows_its_state(places_in):
    listed = by_text(places_in("Cases were found in Utah, Washington, Oregon and Ohio."))
    assert (listed["Washington"].feature, listed["Washington"].admin1) == ("admin1", "WA")
    (san_jose, california) = places_in("A woman in San Jose, California, fell ill.")
    assert (san_jose.country, san_jose.admin1, california.feature) == ("USA", "CA", "admin1")


def test_an_island_outranks_a_small_namesake_town(places_in):
    java = by_text(places_in("Floods hit the island of Java, and rescuers reached villages in Sumatra."))
    assert java["Java"].country == "IDN" and java["Java"].feature == "admin1"
    assert java["Sumatra"].country == "IDN"


def test_an_ocean_is_a_place_without_a_country(places_in):
    place = by_text(places_in("The ship sank in the Indian Ocean on Monday."))["Indian Ocean"]
    assert place.country is None and place.lat is not None


def _with_entity(nlp, text: str, name: str, label: str):
    """`text` parsed, with `name` relabelled as the small model sometimes labels it."""
    from spacy.tokens import Span

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [
        Span(doc, span.start, span.end, label)
    ]
    return doc


def test_country_or_region_name_labelled_person_is_a_place(nlp, gaz):
    doc = _with_entity(nlp, "Officials said Mali would close the border next week.", "Mali", "PERSON")
    (mali,) = find_places(doc, gaz)
    assert (mali.text, mali.feature, mali.country) == ("Mali", "country", "MLI")
    doc = _with_entity(nlp, "Heavy rain fell across Saxony-Anhalt on Monday.", "Saxony-Anhalt", "PERSON")
    (region,) = find_places(doc, gaz)
    assert (region.feature, region.country) == ("admin1", "DEU")


def test_town_name_labelled_person_is_no_place_without_context(nlp, gaz):
    doc = _with_entity(nlp, "Reporters asked Warwick about the decision.", "Warwick", "PERSON")
    assert find_places(doc, gaz) == []


def test_town_comma_region_takes_the_town_in_that_region(places_in):
    brooklyn, state = places_in("Police searched a warehouse in Brooklyn, New York on Monday.")
    assert (brooklyn.country, brooklyn.admin1, brooklyn.feature) == ("USA", "NY", "city")
    assert state.feature == "admin1" and state.admin1 == "NY"


def test_a_list_of_countries_is_not_read_as_town_comma_region(places_in):
    places = places_in("Cases were reported in Benin, Niger, Nigeria and Togo.")
    assert [p.feature for p in places] == ["country"] * 4


def test_region_of_a_country_named_elsewhere_beats_a_foreign_capital(places_in):
    places = by_text(places_in("Horses were moved from Queensland and New South Wales to Victoria last week."))
    assert (places["Victoria"].feature, places["Victoria"].country) == ("admin1", "AUS")


def test_region_name_before_a_unit_word_is_the_region(nlp, gaz):
    doc = _with_entity(nlp, "Birds died in the Akita Prefecture last week.", "Akita Prefecture", "LOC")
    (akita,) = find_places(doc, gaz)
    assert (akita.text, akita.feature, akita.country) == ("Akita", "admin1", "JPN")


def test_slash_separates_place_names(nlp, gaz):
    doc = _with_entity(nlp, "Zaire/Congo reported most of the cases.", "Zaire/Congo", "ORG")
    assert [(p.text, p.country) for p in find_places(doc, gaz)] == [("Zaire", "COD"), ("Congo", "COD")]


def test_town_comma_region_labelled_org_after_a_preposition(nlp, gaz):
    doc = _with_entity(nlp, "Pigs died at Tarlac, Pampanga on Monday.", "Tarlac, Pampanga", "ORG")
    assert [p.text for p in find_places(doc, gaz)] == ["Tarlac", "Pampanga"]


def test_currency_and_newspaper_names_are_no_places(places_in):
    assert places_in("The crop is worth $US 15 billion a year.") == []
    assert [p.text for p in places_in("He told the China Daily that the farm was closed.")] == []


def test_first_name_that_is_only_a_small_region_stays_a_person(nlp, gaz):
    doc = _with_entity(nlp, "Later, Michael said the vote would be held in May.", "Michael", "PERSON")
    assert find_places(doc, gaz) == []  # the Isle of Man's parish of Michael has no 100,000 people


def test_country_name_ending_a_run_of_capitalised_words(nlp, gaz):
    doc = nlp("Staff of Children's Villages Kenya said the camp was full.")
    doc.ents = []  # as when the small model labels nothing there
    assert [(p.text, p.country) for p in find_places(doc, gaz)] == [("Kenya", "KEN")]


def test_ap_state_abbreviation_after_a_town(places_in):
    athens, georgia = places_in("The plant in Athens, Ga., closed last week.")
    assert (athens.country, athens.admin1, georgia.name) == ("USA", "GA", "Georgia")


def test_foreign_capital_beats_a_town_of_a_country_named_elsewhere(places_in):
    athens = by_text(places_in("US officials said the envoy flew to Athens on Monday."))["Athens"]
    assert athens.country == "GRC"


def test_country_name_used_for_a_person_elsewhere_stays_a_person(nlp, gaz):
    from spacy.tokens import Span

    text = "Michael Jordan scored 30 points. Later, Jordan said he was tired."
    doc = nlp(text)
    full, short = doc.char_span(0, 14), doc.char_span(text.rindex("Jordan"), text.rindex("Jordan") + 6)
    doc.ents = [Span(doc, full.start, full.end, "PERSON"), Span(doc, short.start, short.end, "PERSON")]
    assert find_places(doc, gaz) == []


def test_town_after_a_country_possessive_is_a_town_of_that_country(nlp, gaz):
    doc = _with_entity(nlp, "Refugees crowd into Kenya's remote Dadaab camps.", "Dadaab", "PERSON")
    (kenya, dadaab) = find_places(doc, gaz)
    assert (kenya.country, dadaab.text, dadaab.country) == ("KEN", "Dadaab", "KEN")
    doc = _with_entity(nlp, "Britain's Johnson said the talks would go on.", "Johnson", "PERSON")
    assert [p.text for p in find_places(doc, gaz)] == ["Britain"]  # no town named Johnson in Britain


def test_small_town_after_a_plural_place_noun(nlp, gaz):
    doc = _with_entity(nlp, "Flooding hit the villages of Tobermory on Saturday.", "Tobermory", "PERSON")
    (town,) = find_places(doc, gaz)
    assert (town.text, town.country) == ("Tobermory", "CAN")


def test_city_named_like_its_region_stays_the_city_when_labelled_person(nlp, gaz):
    doc = _with_entity(nlp, "Food ran short as Aleppo waited for the convoy.", "Aleppo", "PERSON")
    (aleppo,) = find_places(doc, gaz)
    assert (aleppo.geonameid, aleppo.feature) == (ALEPPO, "city")


def test_one_word_person_entities_still_make_person_words(nlp, gaz):
    from spacy.tokens import Span

    text = "Kerry met Lavrov in Geneva. Kerry said Kerry would go on."
    doc = nlp(text)
    spans = [(0, 5, "PERSON"), (10, 16, "PERSON"), (20, 26, "GPE"), (28, 33, "PERSON"), (39, 44, "GPE")]
    doc.ents = [Span(doc, (c := doc.char_span(a, b)).start, c.end, label) for a, b, label in spans]
    assert [p.text for p in find_places(doc, gaz)] == ["Geneva"]  # "Kerry" is a person here, not County Kerry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LYON, France — Thousands of people marched on Saturday.", ("LYON", "Lyon", "FRA")),
        ("BAGHDAD, April 9 (Xinhua) -- Iraqi forces attacked a village.", ("BAGHDAD", "Baghdad", "IRQ")),
        ("PARIS, Texas — The mayor spoke on Monday.", ("PARIS", "Paris", "USA")),
    ],
)
def test_the_town_of_a_dateline_in_capitals_is_a_place(text, expected, places_in):
    places = places_in(text)
    assert (places[0].text, places[0].name, places[0].country) == expected


def test_the_news_agency_in_a_dateline_is_no_place(places_in):
    places = places_in("BAGHDAD, April 9 (Xinhua) -- Iraqi forces attacked a village.")
    assert [p.text for p in places] == ["BAGHDAD"]


def test_a_town_after_a_preposition_of_movement_is_a_place_whatever_its_label(places_in):
    places = places_in("Thousands of people marched through Lyon on Saturday.")
    assert [(p.text, p.country) for p in places] == [("Lyon", "FRA")]


def test_a_name_listed_next_to_a_place_found_so_far_is_a_place(places_in):
    # "Cornwall" (NORP) is found by its own name; "Devon" (PERSON) stands in a list with it.
    places = by_text(places_in("Police said Devon and Cornwall police were alerted."))
    assert places["Devon"].country == "GBR" and places["Cornwall"].country == "GBR"


def test_common_word_or_adjective_names_count_inside_a_list_of_places(places_in):
    places = by_text(places_in("Storms damaged roofs in Orange, Parkes, Berry and Dubbo overnight."))
    assert places["Berry"].country == "AUS"  # "berry" is also a verb
    places = by_text(places_in("Pigs in Pampanga and Bulacan farms were infected."))
    assert places["Bulacan"].country == "PHL"  # tagged JJ


def test_a_person_entity_that_names_a_sizeable_county_is_no_person(places_in):
    places = by_text(places_in("Jefferson Parish officials ordered an evacuation on Monday."))
    assert (places["Jefferson Parish"].feature, places["Jefferson Parish"].admin1) == ("admin2", "LA")


def test_a_name_followed_by_the_area_that_holds_it_is_a_town_there(places_in):
    places = by_text(places_in("The horses were moved to Warwick in Queensland last week."))
    assert places["Warwick"].country == "AUS"  # PERSON to spaCy; not Warwick, England
    places = by_text(places_in("Senator Kerry in Massachusetts said nothing."))
    assert "Kerry" not in places  # no town Kerry in Massachusetts


def test_a_name_before_a_facility_noun_or_a_mayor_is_a_place(places_in):
    places = by_text(places_in("Samples were sent to the Pirbright laboratory for testing."))
    assert places["Pirbright"].country == "GBR"
    assert by_text(places_in("Officials said Stroud Mayor John Smith would resign."))["Stroud"].feature == "city"


def test_a_country_ending_an_organisation_or_opening_an_event_is_a_place(places_in):
    assert by_text(places_in("The fund was set up by ABC Australia and others."))["Australia"].country == "AUS"
    assert by_text(places_in("He served during the Vietnam war as a medic."))["Vietnam"].country == "VNM"
    places = by_text(places_in("It is unclear what the Peanut Corporation of America will do."))
    assert "America" not in places  # a one-word alias of a country, not its name


def test_a_capitalised_direction_word_keeps_only_sizeable_places_named_by_their_own_name(places_in):
    places = by_text(places_in("Horses were held at the quarantine station at Eastern Creek and Centennial Park."))
    assert "Creek" not in places  # not a village "Creek" (Cayman Islands) nor an old name of Baytown, Texas
    assert by_text(places_in("Shelling hit Eastern Aleppo again."))["Aleppo"].country == "SYR"


def test_a_name_run_after_a_place_preposition_takes_in_a_person_entity_that_ends_it(nlp, places_in):
    doc = nlp("Teppan Grill in Mission Viejo closed.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Teppan Grill", "Viejo"]  # the model's cut
    assert by_text(places_in("Teppan Grill in Mission Viejo closed."))["Mission Viejo"].admin1 == "CA"


def test_any_capitalised_word_before_a_place_noun_may_be_a_place(nlp, places_in):
    doc = nlp("Jining city alone has 300 cases.")
    assert doc[0].pos_ == "VERB" and "Jining" not in {e.text for e in doc.ents}
    assert by_text(places_in("Jining city alone has 300 cases."))["Jining"].country == "CHN"
    assert "Reading" not in by_text(places_in("Reading town centre was closed."))  # a common word still is not


def test_a_us_state_postal_code_after_a_town_places_it_in_that_state(places_in):
    places = places_in("A plant in Springfield, MO closed. Residents of Paris, TX were told to boil water.")
    assert [(p.text, p.feature, p.admin1) for p in places] == [
        ("Springfield", "city", "MO"), ("MO", "admin1", "MO"), ("Paris", "city", "TX"), ("TX", "admin1", "TX")
    ]  # fmt: skip
    assert [p.text for p in places_in("It is OK, IN the end.")] == []  # codes alone are words
    assert by_text(places_in("The plant is in Springfield, IL. It closed."))["IL"].feature == "admin1"


def test_a_place_entity_of_a_common_word_counts_in_a_list_of_places(places_in):
    places = by_text(places_in("In Kenya, cases rose in the provinces of Coast, Rift Valley, Nyanza and Western."))
    assert places["Coast"].name == "Coast Province" and places["Coast"].country == "KEN"  # LOC; "coast" is a verb
    assert places["Western"].name == "Western Province" and places["Western"].country == "KEN"


def test_a_name_of_two_countries_takes_the_one_the_other_places_lie_in_more_often(places_in):
    text = "Ebola broke out in Etoumbi. The Republic of Congo asked for help, as Zaire once did. Congo said more."
    places = places_in(text)
    assert [p.country for p in places if p.text == "Congo"] == ["COG"]  # COG named twice elsewhere, COD once


def test_a_region_or_town_word_around_a_name_picks_that_kind_of_place(places_in):
    assert (
        by_text(places_in("The first case was found in the state of Washington last year."))["Washington"].feature
        == "admin1"
    )
    places = by_text(places_in("New York Governor Andrew Cuomo later met officials in Boston."))
    assert places["New York"].feature == "admin1"
    assert places["Boston"].admin1 == "MA"  # not the village of Boston, New York
    assert by_text(places_in("Protesters gathered in Kuwait city on Friday."))["Kuwait"].feature == "city"


def test_a_place_entity_may_end_in_an_event_noun_or_join_two_names_by_a_hyphen(nlp, gaz):
    from whodid.place_tokens import hyphen_parts, longest_inside

    doc = nlp("Aid for the South Asia Earthquake victims and Asia-Pacific nations arrived.")
    start = doc.text.index("South")
    quake = doc.char_span(start, start + len("South Asia Earthquake"))  # as the model labels it LOC
    match = longest_inside(quake, gaz, alternates=False, common_ok=False)
    assert match is not None and doc.text[match.start : match.end] == "South Asia"
    region = doc.char_span(doc.text.index("Asia-Pacific"), doc.text.index(" nations"))
    assert [p.text for p in hyphen_parts(region)] == ["Asia", "Pacific"]
    assert hyphen_parts(quake) == []  # no hyphen


def test_a_leading_the_is_no_part_of_a_listed_name(nlp, places_in):
    text = "Birds fly over Alaska and the Pacific Northwest each year."
    assert ("the Pacific Northwest", "ORG") in [(e.text, e.label_) for e in nlp(text).ents]
    assert by_text(places_in(text))["Pacific Northwest"].country == "USA"


def test_a_name_after_a_capitalised_direction_word_stays_in_the_countries_the_document_names(places_in):
    assert "Midlands" not in by_text(places_in("Officials in Britain said the outbreak reached the North Midlands."))
    # (Zimbabwe's Midlands province lies in no country the text names); with no country named it may stand
    assert by_text(places_in("The outbreak reached the North Midlands."))["Midlands"].feature == "admin1"
    assert (
        by_text(places_in("Officials in Britain said the virus reached the West Midlands."))["West Midlands"].country
        == "GBR"
    )  # its own name (scripts/region_groups.json)


def test_a_name_made_a_place_by_context_only_is_no_foreign_village(gaz):
    from whodid.place_context import within_named_countries
    from whodid.place_resolution import PlaceMatch

    kenya = PlaceMatch(0, 5, "kenya", gaz.lookup("Kenya"))
    suba = PlaceMatch(20, 24, "suba", gaz.lookup("Suba"), vetted=True)  # a village in the Philippines only
    assert {c.entry.country for c in suba.candidates} == {"PHL"}
    assert within_named_countries([kenya, suba]) == [kenya]
    assert within_named_countries([suba]) == [suba]  # no country named: kept
    assert within_named_countries([kenya, suba._replace(vetted=False)])[1].key == "suba"  # a GPE: kept


def test_a_capitalised_word_before_a_place_entity_may_open_its_name(nlp, places_in):
    text = "Aid reached Goz Beida on Monday."
    assert [e.text for e in nlp(text).ents if e.label_ == "GPE"] == ["Beida"]  # the model's cut
    assert by_text(places_in(text))["Goz Beida"].country == "TCD"  # not "Beida", an old name of Al Bayda, Libya


def test_no_list_without_list_shape_and_no_listed_surname(places_in):
    assert "Cook" not in by_text(places_in("Another is stewardship of the Earth, Cook said."))  # "Cook" ends no item
    text = "The film brought Tom Harper to Leeds. Harper and Buckley wrote the song in London and Leeds."
    assert "Harper" not in by_text(places_in(text))  # a surname of the text's "Tom Harper"


def test_a_listed_organisation_may_still_open_with_a_place(places_in):
    text = "The firm owns the Orange County Register, Denver Post, San Jose Mercury News and more."
    assert by_text(places_in(text))["Orange County"].admin1 == "CA"


def test_a_village_does_not_outrank_a_country_of_its_name_because_its_state_is_named(places_in):
    places = places_in("Tour dates: Austin, TX and Dallas, TX. He also sold records in China.")
    assert [p.country for p in places if p.text == "China"] == ["CHN"]  # not China, Texas


def test_a_valley_named_after_a_town_or_region_is_placed_there(places_in):
    assert by_text(places_in("Wildfires spread through the Napa Valley and Silicon Valley."))["Napa"].admin1 == "CA"
    places = by_text(places_in("Settlers moved into the Jordan Valley and the Hunter Valley."))
    assert "Jordan" not in places and "Hunter" not in places  # a country's; only villages named Hunter


def test_a_place_the_gazetteer_lacks_is_located_by_the_town_or_region_after_it(places_in):
    places = by_text(places_in("Police were called to a house in Greenlane, Auckland on Friday."))
    greenlane, auckland = places["Greenlane"], places["Auckland"]
    assert (greenlane.geonameid, greenlane.country, greenlane.feature) == (None, "NZL", "city")
    assert (greenlane.lat, greenlane.lon) == (auckland.lat, auckland.lon)
    places = by_text(places_in("He worked in Fort Detrick, Maryland for years."))
    assert places["Maryland"].feature == "admin1" and places["Fort Detrick"].admin1 == "MD"
    places = by_text(places_in("Aid resumed in the Dagahaley refugee camp in Garissa."))
    assert places["Dagahaley"].geonameid is None and places["Dagahaley"].lat == places["Garissa"].lat
    assert (places["Dagahaley"].basis, places["Garissa"].basis) == ("context", "gazetteer")


def test_a_region_is_not_taken_for_named_after_a_town_by_that_towns_alternate_name(gaz):
    from whodid.place_resolution import _resolve
    from whodid.places import PlaceMatch

    (entry,) = _resolve([PlaceMatch(0, 8, "maryland", gaz.lookup("Maryland"))])
    assert (entry.feature, entry.country) == ("admin1", "USA")  # not Maryland, NSW, for "Maryland City"


def test_an_unknown_list_item_is_located_by_the_holder_of_the_next_item(places_in):
    places = by_text(places_in("The virus was found at Marsden Park and Wilberforce in Western Sydney."))
    assert places["Marsden Park"].geonameid is None  # FAC to the model, missing from the gazetteer
    assert places["Marsden Park"].lat == places["Sydney"].lat and places["Wilberforce"].geonameid is not None
    assert "Bridgestone Arena" not in by_text(places_in("Concerts: June 17 -- Bridgestone Arena, Nashville, TN."))


def test_an_apposition_or_copula_locates_a_place_the_gazetteer_lacks(places_in):
    places = by_text(places_in("Residents of Kuwinga, a village near Blantyre, said the well was dry."))
    assert places["Kuwinga"].geonameid is None and places["Kuwinga"].lat == places["Blantyre"].lat
    assert "Smith" not in by_text(places_in("Smith, a community leader in Ohio, said nothing."))  # no place noun ends


def test_a_proper_noun_run_after_the_village_of_is_located_by_its_holder(nlp, gaz):
    from whodid.place_context import located_by_holder
    from whodid.places import find_places

    doc = nlp("Police closed a road near the village of Kingsbarns in Fife on Friday.")
    doc.ents = [e for e in doc.ents if e.text != "Kingsbarns"]  # as if the model had not labelled it
    places = find_places(doc, gaz)
    fife = next(p for p in places if p.text == "Fife")
    (kingsbarns,) = located_by_holder(doc, [fife], gaz, doc.ents)
    assert (kingsbarns.text, kingsbarns.geonameid, kingsbarns.lat) == ("Kingsbarns", None, fife.lat)


def test_a_generic_word_alone_is_no_region_unless_the_article_places_it(places_in):
    assert "Gulf" not in by_text(places_in("Ministers from the Gulf states met in Riyadh."))  # not PNG's province
    places = by_text(places_in("Floods hit Gulf province near Port Moresby, Papua New Guinea."))
    assert places["Gulf"].country == "PNG"
