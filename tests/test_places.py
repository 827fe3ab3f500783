"""Tests for whodid.places: the gazetteer, place mentions with offsets, disambiguation, event location."""

from __future__ import annotations

import itertools

import pytest

from whodid.places import (
    Gazetteer,
    event_location,
    find_places,
    load_gazetteer,
    name_key,
    parse_gazetteer,
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


# --- the gazetteer ------------------------------------------------------------------------------------------


def test_load_gazetteer_is_cached_and_holds_cities_countries_states(gaz):
    assert load_gazetteer() is gaz
    features = {e.feature for e in gaz.entries}
    assert features == {"city", "country", "admin1", "continent"}
    assert len(gaz) > 30000


def test_aleppo_entry_has_geonames_id_coordinates_and_iso3(gaz):
    (candidate,) = gaz.lookup("Aleppo")
    entry = candidate.entry
    assert (entry.geonameid, entry.country, entry.feature, entry.admin1) == (ALEPPO, "SYR", "city", "09")
    assert entry.lat == pytest.approx(36.20, abs=0.01) and entry.lon == pytest.approx(37.16, abs=0.01)


def test_countries_have_iso3_and_no_invented_coordinates(gaz):
    syria = next(c.entry for c in gaz.lookup("Syria") if c.entry.feature == "country")
    assert (syria.geonameid, syria.country, syria.lat, syria.lon) == (163843, "SYR", None, None)


def test_alternate_names_and_spellings_without_separators(gaz):
    assert any(c.entry.name == "Kyiv" and not c.primary for c in gaz.lookup("Kiev"))
    assert {c.entry.geonameid for c in gaz.lookup("Deir Ezzor")} == {170794}  # GeoNames: "Deir ez-Zor"


def test_acronyms_match_only_case_sensitive_aliases(gaz):
    assert [c.entry.country for c in gaz.lookup("U.S.")] == ["USA"]
    assert [c.entry.country for c in gaz.lookup("UK")] == ["GBR"]
    assert gaz.lookup("UN") == () and gaz.lookup("us") == ()


def test_common_english_words_are_flagged_but_big_cities_are_not(gaz):
    assert gaz.is_common("Mobile") and gaz.is_common("Nice") and gaz.is_common("Reading")
    assert not gaz.is_common("Shanghai") and not gaz.is_common("Aleppo") and not gaz.is_common("Turkey")


def test_name_key_folds_case_accents_spacing_and_quotes():
    assert name_key("São  Paulo") == "sao paulo"
    assert name_key("N\u2019Djamena") == "n'djamena"


def test_parse_gazetteer_reads_the_tsv_format():
    tsv = (
        "#common\tmobile\n"
        "1\tcity\tMobile\t30.69\t-88.04\tUSA\tAL\t183289\t0\tmobile\tla mobile\t\n"
        "2\tcountry\tUnited States\t\t\tUSA\t\t327167434\t0\tunited states\t\tUS|U.S.\n"
    )
    gaz = parse_gazetteer(tsv)
    assert len(gaz) == 2 and gaz.is_common("Mobile")
    (alt,) = gaz.lookup("La Mobile")
    assert (alt.entry.geonameid, alt.primary, alt.entry.lat) == (1, False, 30.69)
    assert gaz.lookup("US")[0].entry.name == "United States"


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
