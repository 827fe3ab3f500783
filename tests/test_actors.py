"""Tests for whodid.actors: dictionary matching over spaCy Docs, phrase resolution and date-bounded roles."""

from __future__ import annotations

import pytest

from whodid.actors import (
    ActorDictionary,
    DictMatch,
    code_on,
    find_matches,
    load_actor_dictionary,
    merge_matches,
    phrase_tokens,
    place_matches,
    resolve_phrase,
    resolve_span_actor,
)
from whodid.records import Place

# --- code_on -----------------------------------------------------------------------------------------------

TARAKI = [("AFGELI", "1962-01-01", "1978-04-27"), ("AFGGOV", "1978-04-27", "1978-04-30"), ("AFGELI", None, None)]
GORE = [
    ("USAELI", "1977-01-03", "1985-01-03"),
    ("USALEG", "1985-01-03", "1993-01-20"),
    ("USAGOV", "1993-01-20", "2001-01-20"),
]
LAVROV = [("RUSGOV", "1994-09-22", "2004-07-12"), ("RUSGOV", "2004-03-09", None)]


@pytest.mark.parametrize(
    ("spells", "date", "code"),
    [
        (TARAKI, "1970-06-01", "AFGELI"),
        (TARAKI, "1978-04-28", "AFGGOV"),
        (TARAKI, "1990-01-01", "AFGELI"),  # outside every spell: the undated code is the default
        (GORE, "1990-05-05", "USALEG"),
        (GORE, "1993-01-20", "USAGOV"),  # bounds are inclusive; the later spell wins on the boundary
        (GORE, "2001-01-20", "USAGOV"),
        (LAVROV, "2016-03-01", "RUSGOV"),
        ([("USA", None, None)], "1850-01-01", "USA"),
        ([("HTIOPPMED", None, "2006-12-31"), ("IGOUNOMED", None, None)], "2005-01-01", "HTIOPPMED"),
        ([("HTIOPPMED", None, "2006-12-31"), ("IGOUNOMED", None, None)], "2008-01-01", "IGOUNOMED"),
    ],
)
def test_code_on_with_a_date(spells, date: str, code: str) -> None:
    assert code_on(spells, date) == code


@pytest.mark.parametrize(
    ("spells", "date", "code"),
    [
        (GORE, "1960-01-01", "USAELI"),  # before every role: a (future) elite of the country
        (GORE, "2010-01-01", "USAELI"),  # after every role: a former office holder
        (LAVROV, "1990-03-01", "RUSELI"),
        ([("KSV", "2008-02-17", None)], "2000-01-01", "KSV"),  # a bare country code stays as it is
    ],
)
def test_code_on_outside_every_role_without_default_is_an_elite(spells, date: str, code: str) -> None:
    assert code_on(spells, date) == code


@pytest.mark.parametrize(
    ("spells", "code"),
    [
        ([("USA", None, None)], "USA"),
        (LAVROV, "RUSGOV"),  # open-ended spell: the current role
        ([("USAELI", "1977-01-03", "1985-01-03"), ("USAGOV", "2009-01-20", None), ("USAELI", None, None)], "USAGOV"),
        (TARAKI, "AFGELI"),  # no open-ended spell: the undated default
        (GORE, "USAGOV"),  # only closed spells: the last one
    ],
)
def test_code_on_without_a_date_gives_the_current_role(spells, code: str) -> None:
    assert code_on(spells, None) == code
    assert code_on(spells, "") == code


@pytest.mark.parametrize("date", ["2008-01-01", None])
def test_code_on_no_spells_is_none(date: str | None) -> None:
    assert code_on([], date) is None


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


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_actor_dictionary()


def head_of(doc, word: str):
    return next(t for t in doc if t.text == word)


def resolve(nlp, dictionary: ActorDictionary, text: str, head: str, date: str | None = None):
    doc = nlp(text)
    return resolve_phrase(head_of(doc, head), find_matches(doc, dictionary), dictionary, date)


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


def test_country_adjective_and_sector_noun(nlp, dictionary: ActorDictionary) -> None:
    (mention,) = resolve(nlp, dictionary, "The Syrian army shelled the town on Monday.", "army")
    assert mention.actor.code == "SYRMIL"
    assert mention.actor.country == "SYR" and mention.actor.sectors == ("MIL",)
    assert mention.text == "Syrian army"


def test_coordinated_country_adjectives_give_two_actors(nlp, dictionary: ActorDictionary) -> None:
    found_ = resolve(nlp, dictionary, "Senior Hungarian and Romanian officials met in Vienna.", "officials")
    assert [m.actor.country for m in found_] == ["HUN", "ROU"]
    assert found_[0].actor.code.startswith("HUN") and found_[1].actor.code.startswith("ROU")


def test_coordinated_adjectives_share_the_sector_noun(nlp, dictionary: ActorDictionary) -> None:
    found_ = resolve(nlp, dictionary, "Turkish and Greek ministers met in Athens.", "ministers")
    assert [m.actor.code for m in found_] == ["TURGOV", "GRCGOV"]


def test_named_person_with_a_dated_role(nlp, dictionary: ActorDictionary) -> None:
    text = "Russian Foreign Minister Lavrov arrived in Ankara."
    (mention,) = resolve(nlp, dictionary, text, "Lavrov", "2016-05-01")
    assert mention.actor.code == "RUSGOV" and mention.actor.country == "RUS"
    assert mention.text == "Russian Foreign Minister Lavrov"
    (before,) = resolve(nlp, dictionary, text, "Lavrov", "1985-05-01")  # no role yet: an elite
    assert before.actor.code == "RUSELI"


def test_sector_noun_with_a_place_of_phrase(nlp, dictionary: ActorDictionary) -> None:
    (mention,) = resolve(nlp, dictionary, "The mayor of Nablus condemned the raid.", "mayor")
    assert mention.actor.code == "PSEGOV"
    assert mention.text == "mayor of Nablus"


def test_sector_noun_alone_has_no_country(nlp, dictionary: ActorDictionary) -> None:
    (mention,) = resolve(nlp, dictionary, "The militants fled into the hills.", "militants")
    assert mention.actor.country is None
    assert mention.actor.sectors and mention.actor.code == "".join(mention.actor.sectors)
    assert mention.rule.startswith("agent:")


def test_organisation_is_the_phrase_itself(nlp, dictionary: ActorDictionary) -> None:
    (mention,) = resolve(nlp, dictionary, "The United Nations sent observers to the border.", "Nations")
    assert mention.actor.code == "IGOUNO" and mention.actor.country is None
    assert mention.actor.sectors == ("IGO", "UNO")


def test_conjoined_heads_are_separate_participants(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Brazil and Argentina signed a trade deal.")
    head = head_of(doc, "Brazil")
    assert [t.text for t in phrase_tokens(head)] == ["Brazil"]
    (mention,) = resolve_phrase(head, find_matches(doc, dictionary), dictionary, None)
    assert mention.actor.code == "BRA"


def test_phrase_without_actor_is_empty(nlp, dictionary: ActorDictionary) -> None:
    assert resolve(nlp, dictionary, "The weather was cold on Tuesday.", "weather") == []


def test_resolve_span_actor_uses_the_span_root(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Rebels fought the Syrian army near Aleppo.")
    mention = resolve_span_actor(doc[2:5], find_matches(doc, dictionary), dictionary, None)
    assert mention is not None and mention.actor.code == "SYRMIL"
    assert mention.start == doc[3].idx and mention.end == doc[4].idx + len("army")


def test_null_entry_outside_its_dates_is_no_actor(nlp, dictionary: ActorDictionary) -> None:
    assert resolve(nlp, dictionary, "Jean Marie Guehenno visited Darfur.", "Guehenno", "2012-01-01") == []


def test_dated_code_with_a_null_default_resolves_inside_its_dates(nlp, dictionary: ActorDictionary) -> None:
    found_ = resolve(nlp, dictionary, "Jean Marie Guehenno visited Darfur.", "Guehenno", "2005-06-01")
    assert [m.actor.code for m in found_] == ["IGOUNO"]


@pytest.mark.parametrize(
    ("code", "religion"),
    [("IMGMUSALQ", "MUS"), ("IMGSEAMUSJMA", "MUS"), ("CHRMAR", "MAR")],
)
def test_religion_code_is_not_a_country(dictionary: ActorDictionary, code: str, religion: str) -> None:
    country, sectors = dictionary.split_code(code)
    assert country is None
    assert religion in sectors


def test_sector_nouns_alone_name_no_country(nlp, dictionary: ActorDictionary) -> None:
    """MUS (Muslim) and MUSREB look like Mauritius when read as a code: an agent alone has no country."""
    (imam,) = resolve(nlp, dictionary, "The imam condemned the attack.", "imam")
    assert imam.actor.country is None
    assert "MUS" in imam.actor.sectors


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
