"""Tests for whodid.actors: loading the dictionaries and matching them over spaCy Docs."""

from __future__ import annotations

import pytest

from test_actor_phrases import head_of, resolve  # the phrase-resolution helpers, shared
from whodid.actor_phrases import resolve_phrase
from whodid.actors import ActorDictionary, DictMatch, find_matches, load_actor_dictionary, merge_matches, place_matches
from whodid.records import Place

# --- a small inline dictionary ------------------------------------------------------------------------------


def entry(i: int, name: str, phrases: list[str], codes: list[list], null: bool = False) -> dict:
    return {"id": f"t:{i}", "name": name, "phrases": phrases, "codes": codes, "null": null}


@pytest.fixture(scope="module")
def tiny() -> ActorDictionary:
    countries = {
        "USA": {"iso3": "USA", "name": "United States"},
        "TUR": {"iso3": "TUR", "name": "Turkey"},
        "RUS": {"iso3": "RUS", "name": "Russia"},
        "IND": {"iso3": "IND", "name": "India"},
        "KSV": {"iso3": "XKX", "name": "Kosovo"},
    }
    entries = [
        entry(0, "United States", ["us", "united states"], [["USA", None, None]]),
        entry(1, "United States Senate", ["united states senate"], [["USALEG", None, None]]),
        entry(2, "Turkey", ["turkey"], [["TUR", None, None]]),
        entry(3, "Russia", ["russian", "russia"], [["RUS", None, None]]),
        entry(4, "India", ["indian", "india"], [["IND", None, None]]),
        entry(5, "Indian Ocean", ["indian ocean"], [], null=True),
        entry(6, "Kosovo", ["kosovo"], [["KSV", None, None]]),
    ]
    agents = [
        {"phrase": "minist", "code": "GOV"},
        {"phrase": "army", "code": "MIL"},
        {"phrase": "foreign minist", "code": "GOVFRM"},
    ]
    return ActorDictionary({"countries": countries, "entries": entries}, agents)


def found(doc, matches: list[DictMatch]) -> list[tuple[str, str, str]]:
    return [(doc[m.start : m.end].text, m.kind, m.entry_id) for m in matches]


def test_case_rules_us_versus_us(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("The US said it would help us.")
    assert found(doc, find_matches(doc, tiny)) == [("US", "named", "t:0")]


def test_case_rules_turkey_versus_turkey(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("Turkey bought a turkey for the feast.")
    assert found(doc, find_matches(doc, tiny)) == [("Turkey", "named", "t:2")]


def test_short_title_case_word_is_not_an_acronym(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("Us against them, he said.")
    assert find_matches(doc, tiny) == []


def test_longest_match_wins(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("The United States Senate voted, and the United States objected.")
    matches = find_matches(doc, tiny)
    assert found(doc, matches) == [("United States Senate", "named", "t:1"), ("United States", "named", "t:0")]
    assert matches[0].spells == (("USALEG", None, None),)


def test_null_entry_blocks_a_shorter_match(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("Ships crossed the Indian Ocean to reach India.")
    assert found(doc, find_matches(doc, tiny)) == [("Indian Ocean", "null", "t:5"), ("India", "named", "t:4")]


def test_plural_proper_noun_matches_its_singular(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("The Russians attacked the town.")
    assert doc[1].tag_ == "NNPS"
    assert found(doc, find_matches(doc, tiny)) == [("Russians", "named", "t:3")]


def test_agent_stem_matches_inflected_forms(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("The ministers met at the ministry, not at the ministerial residence.")
    matches = find_matches(doc, tiny)
    assert found(doc, matches) == [("ministers", "agent", "agent:0"), ("ministry", "agent", "agent:0")]
    assert {m.sectors for m in matches} == {"GOV"}


def test_longer_agent_phrase_wins_over_its_last_word(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("The foreign ministers of both countries met.")
    matches = find_matches(doc, tiny)
    assert found(doc, matches) == [("foreign ministers", "agent", "agent:2")]
    assert matches[0].sectors == "GOVFRM"


def test_matches_over_a_span_use_doc_offsets(nlp, tiny: ActorDictionary) -> None:
    doc = nlp("Officials said the Turkey deal was signed.")
    matches = find_matches(doc[2:], tiny)
    assert [(m.start, m.end) for m in matches] == [(3, 4)]
    assert doc[3].text == "Turkey"


def test_split_code(tiny: ActorDictionary) -> None:
    assert tiny.split_code("USAGOVLEG") == ("USA", ("GOV", "LEG"))
    assert tiny.split_code("IGOUNO") == (None, ("IGO", "UNO"))
    assert tiny.split_code("KSVGOV") == ("XKX", ("GOV",))
    assert tiny.split_code("REB") == (None, ("REB",))
    assert tiny.split_code("USA") == ("USA", ())
    assert tiny.country_name("KSV") == "Kosovo"
    assert tiny.country_name("ZZZ") == "ZZZ"


# --- the packaged dictionary ------------------------------------------------------------------------------


def test_packaged_dictionary_loads_once(dictionary: ActorDictionary) -> None:
    assert load_actor_dictionary() is dictionary
    assert dictionary.split_code("USAGOVLEG") == ("USA", ("GOV", "LEG"))
    assert dictionary.split_code("IGOUNO") == (None, ("IGO", "UNO"))
    assert dictionary.split_code("KSVGOV") == ("XKX", ("GOV",))


def test_packaged_case_rules(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Turkey told the US it would not help us buy a turkey.")
    names = [(doc[m.start : m.end].text, m.name) for m in find_matches(doc, dictionary) if m.kind == "named"]
    assert names == [("Turkey", "Turkey"), ("the US", "United States")]


def test_packaged_plural_demonym(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("The Russians shelled the town.")
    (match,) = [m for m in find_matches(doc, dictionary) if m.kind == "named"]
    assert doc[match.start : match.end].text == "Russians"
    assert match.spells == (("RUS", None, None),)


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("Police in Northern Ireland arrested two men.", "Northern Ireland", "GBR"),  # not Ireland's
        ("Kampuchean forces crossed the border.", "Kampuchean", "KHM"),
    ],
)
def test_packaged_additions_name_the_right_country(nlp, dictionary, text: str, phrase: str, country: str) -> None:
    doc = nlp(text)
    (match,) = [m for m in find_matches(doc, dictionary) if m.kind == "named"]
    assert doc[match.start : match.end].text == phrase
    assert {code[:3] for code, _, _ in match.spells} == {country}


def test_yugoslavia_is_coded_by_date(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Yugoslavia lodged a protest.")
    (match,) = [m for m in find_matches(doc, dictionary) if m.kind == "named"]
    assert sorted(match.spells) == [("SCG", "1992-04-28", "2006-06-05"), ("YUG", None, "1992-04-27")]


@pytest.mark.parametrize(
    ("code", "religion"),
    [("IMGMUSALQ", "MUS"), ("IMGSEAMUSJMA", "MUS"), ("CHRMAR", "MAR")],
)
def test_religion_code_is_not_a_country(dictionary: ActorDictionary, code: str, religion: str) -> None:
    country, sectors = dictionary.split_code(code)
    assert country is None
    assert religion in sectors


# --- places the dictionaries do not know --------------------------------------------------------------------


def place(doc, text: str, name: str, country: str, feature: str = "city") -> Place:
    start = doc.text.index(text)
    return Place(text, start, start + len(text), name, 1, 0.0, 0.0, country, feature)


@pytest.fixture(scope="module")
def shelling(nlp, dictionary: ActorDictionary):
    doc = nlp("Shelling hit Mariupol and Kiev on Sunday.")
    places = [
        place(doc, "Mariupol", "Mariupol", "UKR"),
        place(doc, "Kiev", "Kyiv", "UKR"),  # the dictionary knows Kiev: left to it
        place(doc, "Sunday", "Sunday", "UKR", feature="continent"),
        place(doc, "Shelling", "Shelling", None),  # no country: no actor
    ]
    matches = find_matches(doc, dictionary)
    return doc, matches, place_matches(places, doc, matches, dictionary)


def test_place_matches_add_unknown_places_as_their_country(shelling) -> None:
    doc, matches, from_places = shelling
    assert [(doc[m.start : m.end].text, m.kind, m.spells) for m in from_places] == [
        ("Mariupol", "named", (("UKR", None, None),))
    ]
    merged = merge_matches(matches, from_places)
    assert [doc[m.start : m.end].text for m in merged] == ["Mariupol", "Kiev"]


def test_place_match_resolves_to_its_country(shelling, dictionary: ActorDictionary) -> None:
    doc, matches, from_places = shelling
    (mention,) = resolve_phrase(head_of(doc, "Mariupol"), merge_matches(matches, from_places), dictionary, None)
    assert mention.actor.code == "UKR" and mention.actor.country == "UKR"
    assert mention.text == "Mariupol"


def test_place_match_actor_has_the_country_name(shelling, dictionary: ActorDictionary) -> None:
    doc, matches, from_places = shelling
    merged = merge_matches(matches, from_places)
    (city,) = resolve_phrase(head_of(doc, "Mariupol"), merged, dictionary, None)
    (capital,) = resolve_phrase(head_of(doc, "Kiev"), merged, dictionary, None)
    assert city.actor == capital.actor


def test_hyphenated_dictionary_phrase_matches(nlp, dictionary: ActorDictionary) -> None:
    (mention,) = resolve(nlp, dictionary, "They took the heat off Al-Nusra on Monday.", "Nusra")
    assert mention.actor.code == "SYRREB"


# --- the seeds: every actor the issue names resolves ---------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(nlp, dictionary: ActorDictionary, shared_dir) -> list:
    from whodid.coref import resolve_coreferences

    out = []
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        matches = find_matches(doc, dictionary)
        out.append((doc, merge_matches(matches, resolve_coreferences(doc, matches, dictionary, "2016-12-03"))))
    return out


def seed_codes(seeds: list, dictionary: ActorDictionary, word: str) -> set[str | None]:
    codes = set()
    for doc, matches in seeds:
        for token in (t for t in doc if t.text == word):
            found_ = resolve_phrase(token, matches, dictionary, "2016-12-03")
            codes.add(found_[0].actor.code if found_ else None)
    return codes


@pytest.mark.parametrize(
    ("word", "codes"),
    [
        ("Lavrov", {"RUSGOV"}),
        ("NATO", {"IGOWSTNAT"}),
        ("Russia", {"RUS"}),
        ("Russians", {"RUS"}),
        ("Washington", {"USAGOV"}),
        ("Nusra", {"SYRREB"}),
        ("Qaeda", {"IMGMUSALQ"}),
        ("ISIS", {"IMGMUSISI"}),
        ("Carter", {"USAGOVMIL"}),  # "US Defence Secretary Ashton Carter"
    ],
)
def test_seed_actors_resolve(seeds, dictionary: ActorDictionary, word: str, codes: set[str]) -> None:
    assert seed_codes(seeds, dictionary, word) == codes


def test_seed_kerry_obama_un_and_the_syrian_army(seeds, dictionary: ActorDictionary) -> None:
    kerry = seed_codes(seeds, dictionary, "Kerry")
    assert "USAGOV" in kerry and kerry <= {"USAGOV", None}  # a headline "Kerry" before any full name stays open
    assert "USAGOV" in seed_codes(seeds, dictionary, "Obama")
    assert "IGOUNO" in seed_codes(seeds, dictionary, "UN")
    assert seed_codes(seeds, dictionary, "army") == {"SYRMIL"}
    assert seed_codes(seeds, dictionary, "US") - {None} <= {"USA", "USAGOV", "USAGOVMIL"}


# --- the user's own dictionaries ----------------------------------------------------------------------------


def test_user_csv_dictionaries_extend_and_override(nlp, tmp_path) -> None:
    from whodid.actors import load_user_actor_dictionary

    actors = tmp_path / "mine.csv"
    actors.write_text(
        "name,aliases,code,from,to\n"
        "Ana Ferreira,Ferreira|Minister Ferreira,ZRGGOV,2020-01-01,\n"
        "Ana Ferreira,,ZRGELI,,\n"
        "Zorgonia,Zorgonian|Zorgonians,ZRG,,\n"
        "Moscow,,RUS,,\n",
        encoding="utf-8",
    )
    agents = tmp_path / "mine.agents.csv"
    agents.write_text("phrase,code\nspace marine|space marines,MIL\n", encoding="utf-8")
    mine = load_user_actor_dictionary((str(actors),), (str(agents),), True)
    assert mine.countries["ZRG"]["iso3"] == "ZRG" and "USA" in mine.countries  # packaged data still there
    (ferreira,) = resolve(nlp, mine, "Ana Ferreira spoke on Monday.", "Ferreira", "2021-05-01")
    assert ferreira.actor.code == "ZRGGOV" and ferreira.actor.country == "ZRG"
    (marines,) = resolve(nlp, mine, "Zorgonian space marines landed.", "marines")
    assert marines.actor.code == "ZRGMIL"
    (moscow,) = resolve(nlp, mine, "Moscow rejected the plan.", "Moscow")
    assert moscow.actor.code == "RUS"  # the user's entry wins over the packaged seat of government
    alone = load_user_actor_dictionary((str(actors),), (), False)
    assert resolve(nlp, alone, "Russia rejected the plan.", "Russia") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [("Kazahks protested.", "KAZ"), ("Dehli police arrested him.", "IND"), ("Rsusia attacked.", "RUS")],
)
def test_swapped_letters_in_a_country_or_city_name(nlp, dictionary: ActorDictionary, text: str, code: str) -> None:
    doc = nlp(text)
    (match,) = [m for m in find_matches(doc, dictionary) if m.kind == "named"]
    assert match.entry_id.startswith("misspelt:") and match.spells == ((code, None, None),)


@pytest.mark.parametrize("text", ["Simon Bolivar spoke.", "Bolivar spoke.", "Jose Marti wrote.", "Peru Smith came."])
def test_names_that_merely_resemble_a_country_are_not_one(nlp, dictionary: ActorDictionary, text: str) -> None:
    doc = nlp(text)
    assert not [m for m in find_matches(doc, dictionary) if m.entry_id.startswith("misspelt:")]
