"""Tests for whodid.actor_phrases: resolving noun phrases and spans to actors, and date-bounded roles."""

from __future__ import annotations

import pytest

from whodid.actor_phrases import (
    code_on,
    named_mentions,
    phrase_tokens,
    resolve_phrase,
    resolve_span_actor,
    unknown_mentions,
)
from whodid.actors import ActorDictionary, find_matches


def head_of(doc, word: str):
    return next(t for t in doc if t.text == word)


def resolve(nlp, dictionary: ActorDictionary, text: str, head: str, date: str | None = None):
    doc = nlp(text)
    return resolve_phrase(head_of(doc, head), find_matches(doc, dictionary), dictionary, date)


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


# --- phrases resolved with the packaged dictionary -------------------------------------------------------


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


def test_sector_nouns_alone_name_no_country(nlp, dictionary: ActorDictionary) -> None:
    """MUS (Muslim) and MUSREB look like Mauritius when read as a code: an agent alone has no country."""
    (imam,) = resolve(nlp, dictionary, "The imam condemned the attack.", "imam")
    assert imam.actor.country is None
    assert "MUS" in imam.actor.sectors


# --- titles, "former", leaders of bodies, locations ---------------------------------------------------------


def test_written_title_wins_over_the_dated_role(nlp, dictionary: ActorDictionary) -> None:
    """Without a date Le Drian's last role is foreign minister; the text says defence minister: the text wins."""
    (mention,) = resolve(nlp, dictionary, "Defence Minister Jean-Yves Le Drian visited Mali.", "Drian", "2015-05-10")
    assert mention.actor.country == "FRA" and "GOV" in mention.actor.sectors
    (plain,) = resolve(nlp, dictionary, "Jean-Yves Le Drian visited Mali.", "Drian", "2019-05-10")
    assert plain.actor.code == "FRAGOV"


def test_former_makes_an_elite(nlp, dictionary: ActorDictionary) -> None:
    (mention,) = resolve(nlp, dictionary, "A former White House official spoke to reporters.", "official")
    assert mention.actor.code == "USAELI"


def test_leader_of_a_named_body_is_the_body(nlp, dictionary: ActorDictionary) -> None:
    (speaker,) = resolve(nlp, dictionary, "The president of the Riigikogu opened the session.", "president")
    assert speaker.actor.code == "ESTLEG"
    (head_of_state,) = resolve(nlp, dictionary, "The president of Russia opened the session.", "president")
    assert head_of_state.actor.code == "RUSGOV"  # a country has no sector of its own: the title's sector


def test_international_body_keeps_its_sector_noun(nlp, dictionary: ActorDictionary) -> None:
    (mention,) = resolve(nlp, dictionary, "European Union legislators voted on Monday.", "legislators")
    assert mention.actor.sectors[:1] == ("IGO",) and mention.actor.sectors[-1] == "LEG"


def test_a_place_inside_the_span_stands_for_its_people(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Rockets hit an amusement park in Kabul.")
    mention = resolve_span_actor(doc[2:7], find_matches(doc, dictionary), dictionary, None)
    assert mention is not None and mention.actor.code == "AFGCVL" and mention.rule.endswith("+located")


def test_capital_as_metonym_is_the_government(nlp, dictionary: ActorDictionary) -> None:
    (moscow,) = resolve(nlp, dictionary, "Moscow rejected the proposal.", "Moscow")
    assert moscow.actor.code == "RUSGOV" and moscow.actor.country == "RUS"
    (kremlin,) = resolve(nlp, dictionary, "The Kremlin rejected the proposal.", "Kremlin")
    assert kremlin.actor.country == "RUS" and "GOV" in kremlin.actor.sectors


@pytest.mark.parametrize(
    ("text", "head", "code"),
    [
        ("The Republic of China protested.", "Republic", "TWN"),
        ("The People's Republic of China protested.", "Republic", "CHN"),
        ("The Lao People's Democratic Republic protested.", "Republic", "LAO"),  # pycountry's official name
        ("Ordinary Kazakhs protested.", "Kazakhs", "KAZ"),
        ("British MPs protested.", "MPs", "GBRLEG"),
        ("The House of Commons voted.", "House", "GBRLEG"),
        ("Whitehall protested.", "Whitehall", "GBRGOV"),
        ("The paramedics arrived.", "paramedics", "HLH"),
        ("Mujahideen attacked the post.", "Mujahideen", "REB"),
        ("Abkhazia protested.", "Abkhazia", "GEOSEP"),
        ("The FSB arrested him.", "FSB", "RUSSPY"),
    ],
)
def test_names_and_sector_nouns_of_whodid_s_own_additions(
    nlp, dictionary: ActorDictionary, text: str, head: str, code: str
) -> None:
    found_ = resolve(nlp, dictionary, text, head, "2016-12-03")
    assert [m.actor.code for m in found_] == [code]


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Kassym-Jomart Tokayev", "2022-01-10", "KAZGOV"),
        ("Kassym-Jomart Tokayev", "2009-01-10", "KAZLEG"),
        ("Barack Obama", "2016-12-03", "USAGOV"),
        ("Barack Obama", "2019-01-01", "USAELI"),
        ("Alexander Lukashenko", "2020-08-10", "BLRGOV"),
        ("Viktor Orban", "2018-04-08", "HUNGOV"),  # Phoenix stops in 2002; whodid's record goes on
    ],
)
def test_people_with_date_bounded_roles(nlp, dictionary: ActorDictionary, name: str, date: str, code: str) -> None:
    doc = nlp(f"{name} spoke on Monday.")
    head = doc[[t.text for t in doc].index(name.split()[-1])]
    (mention,) = resolve_phrase(head, find_matches(doc, dictionary), dictionary, date)
    assert mention.actor.code == code


# --- named and unknown mentions, spans ---------------------------------------------------------------------


def test_unknown_actors_are_kept_with_their_entity_type(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Joseph Monka met Sergey Lavrov in Moscow on Tuesday.")
    known = named_mentions(doc, find_matches(doc, dictionary), dictionary, "2016-12-03")
    unknown = unknown_mentions(doc, known)
    assert [(m.text, m.actor.code, m.rule) for m in unknown] == [("Joseph Monka", "", "unknown:PERSON")]
    assert unknown[0].actor.name == "Joseph Monka" and unknown[0].actor.country is None


def test_state_institution_takes_the_country_its_adjective_names(nlp, dictionary: ActorDictionary) -> None:
    (senate,) = resolve(nlp, dictionary, "The French Senate voted on Monday.", "Senate")
    assert senate.actor.code == "FRAGOVLEG"
    (rebels,) = resolve(nlp, dictionary, "Iranian-backed Houthi rebels fired missiles.", "rebels")
    assert rebels.actor.country == "YEM"  # a group keeps its own country


def test_a_country_inside_a_phrase_that_names_no_actor(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Floods hit regions across Indonesia.")
    mention = resolve_span_actor(doc[2:5], find_matches(doc, dictionary), dictionary, None)
    assert mention is not None and mention.actor.code == "IDN" and mention.rule.endswith("+inside")


def test_photo_credit_before_a_bar_is_no_actor(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Amine Landoulsi, AFP | A member of the Egyptian police guards the square in Cairo.")
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.dep_ == "ROOT")
    assert subject.text == "Landoulsi"  # the parse makes the credit the subject, the rest its apposition
    (mention,) = resolve_phrase(subject, find_matches(doc, dictionary), dictionary, None)
    assert mention.actor.country == "EGY" and "MED" not in mention.actor.sectors


def test_a_credit_parsed_as_a_subject_of_its_own_names_no_actor(nlp, dictionary: ActorDictionary) -> None:
    doc = nlp("Photo: Sami Karim / AFP | A member of the Tunisian security forces attacked protesters.")
    photo = doc[0]
    assert photo.dep_ == "nsubj" and photo.right_edge.text == "|"  # the parse: "Photo" a subject beside "member"
    assert resolve_phrase(photo, find_matches(doc, dictionary), dictionary, None) == []


def test_a_capitals_country_is_a_cameo_code(dictionary: ActorDictionary) -> None:
    from whodid.actor_phrases import _place_country

    assert _place_country("KSVGOV", dictionary) == "KSV"  # not Kosovo's ISO code XKX
    assert _place_country("TMPGOV", dictionary) == "TMP"  # not East Timor's ISO code TLS
    assert _place_country("RUSGOV", dictionary) == "RUS"
