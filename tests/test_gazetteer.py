"""Tests for whodid.gazetteer: names and entries, the TSV format, and the points of the shipped gazetteer."""

from __future__ import annotations

import pytest

import whodid.places
from whodid.gazetteer import Gazetteer, load_gazetteer, name_key, parse_gazetteer
from whodid.geo_eval import distance_km

ALEPPO = 170063


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _entry(gaz: Gazetteer, name: str, feature: str):
    return next(c.entry for c in gaz.lookup(name) if c.entry.feature == feature)


def test_places_re_exports_the_gazetteer():
    assert whodid.places.load_gazetteer is load_gazetteer and whodid.places.Gazetteer is Gazetteer
    assert whodid.places.name_key is name_key and whodid.places.parse_gazetteer is parse_gazetteer


def test_load_gazetteer_is_cached_and_holds_cities_countries_regions(gaz):
    assert load_gazetteer() is gaz
    features = {e.feature for e in gaz.entries}
    assert features == {"city", "country", "admin1", "admin2", "continent"}
    assert len(gaz) > 100_000


def test_aleppo_entry_has_geonames_id_coordinates_and_iso3(gaz):
    by_feature = {c.entry.feature: c.entry for c in gaz.lookup("Aleppo")}
    assert sorted(by_feature) == ["admin1", "city"]  # the city and, by its GeoNames name, its governorate
    assert (by_feature["admin1"].country, by_feature["admin1"].admin1) == ("SYR", "09")
    entry = by_feature["city"]
    assert (entry.geonameid, entry.country, entry.feature, entry.admin1) == (ALEPPO, "SYR", "city", "09")
    assert entry.lat == pytest.approx(36.20, abs=0.01) and entry.lon == pytest.approx(37.16, abs=0.01)


def test_countries_have_iso3_continent_and_a_point_inside(gaz):
    syria = next(c.entry for c in gaz.lookup("Syria") if c.entry.feature == "country")
    assert (syria.geonameid, syria.country, syria.continent) == (163843, "SYR", "AS")
    assert 32.3 < syria.lat < 37.3 and 35.7 < syria.lon < 42.4  # Syria's bounding box


def test_regions_from_iso_3166_2_with_geonames_admin1_codes_and_points(gaz):
    texas = next(c.entry for c in gaz.lookup("Texas") if c.entry.feature == "admin1")
    assert (texas.country, texas.admin1, texas.geonameid) == ("USA", "TX", 4736286)
    assert 26 < texas.lat < 36.5 and -106.6 < texas.lon < -93.5
    (nsw,) = gaz.lookup("NSW")  # a case-sensitive alias
    assert (nsw.entry.name, nsw.entry.country, nsw.entry.admin1) == ("New South Wales", "AUS", "02")
    england = next(c.entry for c in gaz.lookup("England") if c.entry.feature == "admin1")
    assert (england.country, england.admin1) == ("GBR", "ENG")
    assert 50 < england.lat < 55.8 and -5.7 < england.lon < 1.8
    anhui = next(c.entry for c in gaz.lookup("Anhui") if c.entry.feature == "admin1")  # "Anhui Sheng"
    assert anhui.country == "CHN"


def test_alternate_names_and_spellings_without_separators(gaz):
    assert any(c.entry.name == "Kyiv" and not c.primary for c in gaz.lookup("Kiev"))
    deir_ezzor = {c.entry.feature: c.entry.geonameid for c in gaz.lookup("Deir Ezzor")}  # GeoNames: "Deir ez-Zor"
    assert deir_ezzor == {"city": 170794, "admin1": None}  # the city and its governorate


def test_acronyms_match_only_case_sensitive_aliases(gaz):
    assert [c.entry.country for c in gaz.lookup("U.S.")] == ["USA"]
    assert [c.entry.country for c in gaz.lookup("UK")] == ["GBR"]
    assert gaz.lookup("UN") == ()
    assert all(c.entry.feature == "city" for c in gaz.lookup("us")) and gaz.is_common("us")  # Us, a French village


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


# --- points of the shipped gazetteer (scripts/build_gazetteer.py) --------------------------------------------


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("United States", 39.8, -98.6), ("Australia", -25.6, 134.4), ("Indonesia", -5.0, 120.0), ("France", 46.6, 2.4)],
)  # the geographic centre of the mainland; for an archipelago the conventional reference point
def test_country_points_are_mainland_centres_or_reference_points(gaz, name, lat, lon):
    entry = _entry(gaz, name, "country")
    assert distance_km(entry.lat, entry.lon, lat, lon) < 150


def test_large_regions_take_the_middle_of_their_land_not_their_biggest_city(gaz):
    texas = _entry(gaz, "Texas", "admin1")
    assert distance_km(texas.lat, texas.lon, 31.5, -99.3) < 160  # the middle of Texas, not Houston
    nsw = _entry(gaz, "New South Wales", "admin1")
    assert distance_km(nsw.lat, nsw.lon, -33.87, 151.21) > 200  # not Sydney
    heilongjiang = _entry(gaz, "Heilongjiang", "admin1")  # a stray GeoNames town 3,000 km west is left out
    assert distance_km(heilongjiang.lat, heilongjiang.lon, 47.9, 127.7) < 160


def test_regions_tied_to_geonames_by_their_admin1_names(gaz):
    for name, country in (("KwaZulu-Natal", "ZAF"), ("Uttar Pradesh", "IND"), ("Zamfara", "NGA")):
        entry = _entry(gaz, name, "admin1")
        assert entry.country == country and entry.admin1 and entry.lat is not None


def test_a_region_split_into_parts_by_direction_is_an_entry(gaz):
    darfur = _entry(gaz, "Darfur", "admin1")  # North, South, East, West and Central Darfur
    assert darfur.country == "SDN" and 10 < darfur.lat < 16.5 and 22 < darfur.lon < 27.5
    assert not any(c.entry.feature == "admin1" for c in gaz.lookup("Region"))  # Malawi's Central/Northern Region


def test_lower_regions_take_a_point_from_their_towns(gaz):
    cornwall = _entry(gaz, "Cornwall", "admin2")
    assert distance_km(cornwall.lat, cornwall.lon, 50.4, -4.9) < 100  # not England's middle


def test_us_counties_one_row_per_state(gaz):
    scott = [c.entry for c in gaz.lookup("Scott County")]
    assert len(scott) >= 10 and {e.feature for e in scott} == {"admin2"} and {e.country for e in scott} == {"USA"}
    assert len({e.admin1 for e in scott}) == len(scott) and all(e.lat is not None for e in scott)


def test_oceans_seas_and_cross_border_regions_have_no_country(gaz):
    for name in ("Pacific Ocean", "Mediterranean Sea", "Black Sea", "Kashmir", "Middle East"):
        entry = _entry(gaz, name, "continent")
        assert entry.country is None and entry.lat is not None


def test_major_islands_are_regions_of_their_country(gaz):
    java = _entry(gaz, "Java", "admin1")
    assert java.country == "IDN" and java.population > 100_000_000
    assert _entry(gaz, "Sumatra", "admin1").country == "IDN"
    assert _entry(gaz, "Mindanao", "admin1").country == "PHL"


def test_regions_also_keyed_by_their_geonames_names(gaz):
    """ISO 3166-2 names are local ("Thüringen", "Jawa Tengah"); GeoNames' English names are keys too, and regions
    that ISO 3166-2 has since merged keep a row of their own ("Vestfold")."""
    for name, iso3 in (("Thuringia", "DEU"), ("Saxony-Anhalt", "DEU"), ("Central Java", "IDN"), ("Vestfold", "NOR")):
        region = next(c.entry for c in gaz.lookup(name) if c.entry.feature == "admin1")
        assert region.country == iso3 and region.admin1 and region.lat is not None
    assert not any(c.entry.country == "TWN" and c.entry.feature == "admin1" for c in gaz.lookup("Taiwan"))
    assert not gaz.lookup("Northern District")  # Israel's, in GeoNames; in news, a US court district


def test_lakes_and_former_country_names(gaz):
    (titicaca,) = gaz.lookup("Lake Titicaca")
    assert titicaca.entry.country == "PER" and -17 < titicaca.entry.lat < -15
    assert any(c.entry.feature == "country" and c.entry.country == "COD" for c in gaz.lookup("Zaire"))


def test_large_region_point_is_the_middle_of_its_land_not_of_its_towns(gaz):
    """Ontario's towns crowd its southern edge; the middle of its land lies far to the north (about 50 N)."""
    ontario = next(c.entry for c in gaz.lookup("Ontario") if c.entry.feature == "admin1")
    assert ontario.country == "CAN" and 48.5 < ontario.lat < 52.0 and -90 < ontario.lon < -80


def test_french_direction_words_in_region_names_also_in_english(gaz):
    kivu = _entry(gaz, "North Kivu", "admin1")  # ISO 3166-2: "Nord-Kivu"
    assert kivu.country == "COD" and kivu.lat is not None


def test_letters_without_a_decomposition_are_folded():
    assert name_key("Doğubayazıt") == "dogubayazit" and name_key("Østfold") == "ostfold" and name_key("Łódź") == "lodz"


def test_former_and_statistical_regions_lie_among_their_parts(gaz):
    """region_groups.json: Kenya's provinces before 2013, Norway's counties before 2020, England's regions."""
    nyanza = _entry(gaz, "Nyanza Province", "admin1")
    kisumu = _entry(gaz, "Kisumu", "city")
    assert nyanza.country == "KEN" and distance_km(nyanza.lat, nyanza.lon, kisumu.lat, kisumu.lon) < 100
    rift = _entry(gaz, "Rift Valley", "admin1")
    assert rift.country == "KEN" and -2.5 < rift.lat < 3.5 and 34.5 < rift.lon < 37.5
    hedmark = _entry(gaz, "Hedmark", "admin1")
    hamar = _entry(gaz, "Hamar", "city")
    assert hedmark.country == "NOR" and distance_km(hedmark.lat, hedmark.lon, hamar.lat, hamar.lon) < 150
    midlands = _entry(gaz, "West Midlands", "admin1")
    assert midlands.country == "GBR" and 51.8 < midlands.lat < 53.3 and -3.2 < midlands.lon < -1.2
    assert {c.entry.country for c in gaz.lookup("Western Province")} >= {"KEN", "LKA"}  # the current ones stay
    midwest = _entry(gaz, "Midwest", "admin1")  # US census regions, Canada's Maritimes, Prairies
    assert midwest.country == "USA" and 38 < midwest.lat < 46 and -97 < midwest.lon < -85


def test_former_country_names_from_iso_3166_3(gaz):
    assert [c.entry.country for c in gaz.lookup("Dahomey") if c.entry.feature == "country"] == ["BEN"]
    assert [c.entry.country for c in gaz.lookup("Upper Volta") if c.entry.feature == "country"] == ["BFA"]
    assert [c.entry.country for c in gaz.lookup("Zaire") if c.entry.feature == "country"] == ["COD"]
    assert not [c for c in gaz.lookup("Wake Island") if c.entry.feature == "country"]  # one of scattered islands
