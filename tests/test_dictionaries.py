"""Tests for whodid.dictionaries: readers for PETRARCH-format actor, agent and verb dictionaries."""

from __future__ import annotations

import pytest

from whodid.dictionaries import (
    ActorEntry,
    CodedSpell,
    parse_code_block,
    parse_date,
    phrase_words,
    read_actor_entries,
    read_agent_entries,
    read_synsets,
    read_verb_blocks,
)


def lines(text: str) -> list[str]:
    return text.splitlines()


# --- dates and code blocks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("850103", "1985-01-03"),
        ("130201", "2013-02-01"),
        ("291231", "2029-12-31"),  # two-digit years below 30 are 20xx
        ("300101", "1930-01-01"),
        ("20040309", "2004-03-09"),
        ("19940922", "1994-09-22"),
    ],
)
def test_parse_date_reads_six_and_eight_digit_dates(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


@pytest.mark.parametrize("raw", ["", "1234", "2004017", "851303", "850100", "850132", "200413011"])
def test_parse_date_rejects_wrong_length_month_or_day(raw: str) -> None:
    assert parse_date(raw) is None


def test_parse_date_non_digits_give_none() -> None:
    assert parse_date("abcdef") is None


def test_parse_date_impossible_calendar_date_gives_none() -> None:
    assert parse_date("850231") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("RUSGOV >20040309", CodedSpell("RUSGOV", "2004-03-09", None)),
        ("AFGGOV 791227-861124", CodedSpell("AFGGOV", "1979-12-27", "1986-11-24")),
        ("HTIOPPMED <061231", CodedSpell("HTIOPPMED", None, "2006-12-31")),
        ("USAELI 19770103-19850103", CodedSpell("USAELI", "1977-01-03", "1985-01-03")),
        ("USA 791227-", CodedSpell("USA", "1979-12-27", None)),
        ("USA -861124", CodedSpell("USA", None, "1986-11-24")),
        ("USA 791227 - 861124", CodedSpell("USA", "1979-12-27", "1986-11-24")),
        ("ELI", CodedSpell("ELI")),
        ("~GOV", CodedSpell("GOV")),
        ("  IGOUNO  ", CodedSpell("IGOUNO")),
    ],
)
def test_parse_code_block(raw: str, expected: CodedSpell) -> None:
    assert parse_code_block(raw) == expected


@pytest.mark.parametrize("raw", ["---", "--- ", "---GOV", "", "   "])
def test_parse_code_block_null_or_empty_is_none(raw: str) -> None:
    assert parse_code_block(raw) is None


def test_parse_code_block_with_garbage_date_does_not_raise() -> None:
    spell = parse_code_block("USA >AB0101")
    assert spell is not None and spell.code == "USA" and spell.start is None


def test_phrase_words_turns_underscores_into_single_spaces() -> None:
    assert phrase_words("RUSSIAN_FOREIGN_MINISTER_LAVROV_") == "RUSSIAN FOREIGN MINISTER LAVROV"
    assert phrase_words("  FOR_ YOUTH__AND ") == "FOR YOUTH AND"


# --- actor entries -----------------------------------------------------------------------------------------


def test_read_actor_entries_primary_synonyms_and_indented_codes() -> None:
    text = (
        "AFGHANISTAN_  [AFG]\n"
        "+AFGHAN_\n"
        "+ISLAMIC_REPUBLIC_OF_AFGHANISTAN\n"
        "\n"
        "SERGEY_LAVROV_  # CountryInfo.txt\n"
        "+LAVROV\n"
        "+RUSSIAN_FOREIGN_MINISTER_LAVROV\n"
        "\t[RUSGOV 19940922-20040712] # Amb. to UN\n"
        "\t[RUSGOV >20040309]  # Foreign Minister\n"
    )
    afg, lavrov = read_actor_entries(lines(text))
    assert afg == ActorEntry("AFGHANISTAN", ["AFGHAN", "ISLAMIC REPUBLIC OF AFGHANISTAN"], [CodedSpell("AFG")])
    assert lavrov.name == "SERGEY LAVROV"
    assert lavrov.synonyms == ["LAVROV", "RUSSIAN FOREIGN MINISTER LAVROV"]
    assert lavrov.codes == [
        CodedSpell("RUSGOV", "1994-09-22", "2004-07-12"),
        CodedSpell("RUSGOV", "2004-03-09", None),
    ]
    assert not lavrov.null


def test_read_actor_entries_several_codes_on_the_name_line() -> None:
    text = "HAMID_KARZAI_  [AFGMIL] [AFGGOV 791227-861124] # comment [not a code]\n"
    (entry,) = read_actor_entries(lines(text))
    assert entry.name == "HAMID KARZAI"
    assert entry.codes == [CodedSpell("AFGMIL"), CodedSpell("AFGGOV", "1979-12-27", "1986-11-24")]


def test_read_actor_entries_null_entry_does_not_swallow_the_next_entry() -> None:
    text = (
        "AHMED_DARWISH_  # the soccer player\n"
        "\t[---]\n"
        "AHMED_EL_AMAWY_  # CountryInfo.txt\n"
        "\t[EGYGOVLAB 030101-060131]\n"
        "INDIAN_OCEAN  [---]\n"
        "PACIFIC_ISLANDS_FORUM\n"
        "\t[IGOPAC]\n"
    )
    entries = list(read_actor_entries(lines(text)))
    assert [e.name for e in entries] == ["AHMED DARWISH", "AHMED EL AMAWY", "INDIAN OCEAN", "PACIFIC ISLANDS FORUM"]
    darwish, amawy, ocean, forum = entries
    assert darwish.null and darwish.codes == [] and darwish.synonyms == []
    assert not amawy.null and amawy.codes == [CodedSpell("EGYGOVLAB", "2003-01-01", "2006-01-31")]
    assert ocean.null and ocean.synonyms == []
    assert not forum.null and forum.codes == [CodedSpell("IGOPAC")]


def test_read_actor_entries_bare_name_after_codeless_name_is_a_synonym() -> None:
    text = "JOHN_DOE_\nJOHNNY_DOE_\n\t[USAGOV]\nNEXT_ACTOR_ [ABC]\nOTHER_ACTOR_\n\t[DEF]\n"
    entries = list(read_actor_entries(lines(text)))
    assert [(e.name, e.synonyms, [c.code for c in e.codes]) for e in entries] == [
        ("JOHN DOE", ["JOHNNY DOE"], ["USAGOV"]),
        ("NEXT ACTOR", [], ["ABC"]),  # has a code already: the bare line after it starts a new entry
        ("OTHER ACTOR", [], ["DEF"]),
    ]


def test_read_actor_entries_skips_comments_and_blank_lines() -> None:
    text = "# header comment\n\n   \nFRANCE_ [FRA]  # inline\n# between\n+FRENCH_\n"
    (entry,) = read_actor_entries(lines(text))
    assert entry.name == "FRANCE" and entry.synonyms == ["FRENCH"] and entry.codes == [CodedSpell("FRA")]


def test_read_actor_entries_codes_on_a_synonym_line_belong_to_the_entry() -> None:
    text = "CONDOLEEZZA_RICE_\n+SECRETARY_RICE [USAGOV 050126-090120]\n\t[USAELI]\n"
    (entry,) = read_actor_entries(lines(text))
    assert entry.synonyms == ["SECRETARY RICE"]
    assert entry.codes == [CodedSpell("USAGOV", "2005-01-26", "2009-01-20"), CodedSpell("USAELI")]


def test_read_actor_entries_empty_input() -> None:
    assert list(read_actor_entries([])) == []
    assert list(read_actor_entries(["# only a comment", ""])) == []


# --- agent entries -----------------------------------------------------------------------------------------


def test_read_agent_entries_expands_substitution_sets() -> None:
    text = "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\nPOLICE!PERSON!  [~COP]\n"
    entries = list(read_agent_entries(lines(text)))
    assert [e.phrase for e in entries] == ["POLICEMAN", "POLICEMEN", "POLICEWOMAN", "POLICEWOMEN", "POLICEPERSON"]
    assert {e.code for e in entries} == {"COP"}
    assert all(e.plurals == [] for e in entries)


def test_read_agent_entries_substitution_with_following_words() -> None:
    text = "!MINIST! = MINISTER, MINISTRY\n!MINIST! FOR_AGRICULTURE [~GOVAGR]\n!MINIST!  [~GOV]\n"
    entries = [(e.phrase, e.code) for e in read_agent_entries(lines(text))]
    assert entries == [
        ("MINISTER FOR AGRICULTURE", "GOVAGR"),
        ("MINISTRY FOR AGRICULTURE", "GOVAGR"),
        ("MINISTER", "GOV"),
        ("MINISTRY", "GOV"),
    ]


def test_read_agent_entries_plural_forms_in_braces() -> None:
    text = (
        "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\n"
        "GENDARMERY {GENDARMERIE GENDARMES} [~COP]\n"
        "ANTI_RIOT_POLICE {} [~COP]  # no plural\n"
    )
    entries = list(read_agent_entries(lines(text)))
    assert [(e.phrase, e.plurals, e.code) for e in entries] == [
        ("CHAMBER OF COMMERCE", ["CHAMBERS OF COMMERCE"], "BUS"),
        ("GENDARMERY", ["GENDARMERIE", "GENDARMES"], "COP"),
        ("ANTI RIOT POLICE", [], "COP"),
    ]


def test_read_agent_entries_compound_sector_code_and_unparsable_lines() -> None:
    text = "SOLDIER [~GOVMIL]  # jap\nthis line has no code\n# comment [~XXX]\n\nHUSBAND!PERSON![~AGR]\n"
    entries = [(e.phrase, e.code) for e in read_agent_entries(lines(text))]
    assert entries == [("SOLDIER", "GOVMIL"), ("HUSBANDPERSON", "AGR")]  # unknown !SET! markers are dropped


def test_read_agent_entries_prefix_code_form() -> None:
    entries = list(read_agent_entries(["PEACEKEEPING_TROOPS {} [IGO~]"]))
    assert [(e.phrase, e.code) for e in entries] == [("PEACEKEEPING TROOPS", "IGO")]


# --- verb dictionary ---------------------------------------------------------------------------------------

VERBS = """\
####### SYNONYM SETS #######

&AIRCRAFT
+JET
+WAR_PLANE
# a comment inside a set

+HELICOPTER

&AUXVERB3_
+HAVE
+HAS

####### VERB PATTERNS #######

---  RUSH   [042:043]  ---
RUSH
HURRY {HURRIES HURRYING HURRIED }
- * (TO)                                              [042:043]     # RUSH
- * POLICE (TO BORDER)                                [153]         # RUSH
- * {MOCK ATTACK}                                     [062:062]     # STAGE
- &AIRCRAFT * ATTACKS                                 [195]         # STAGE
- * (BEFORE COURT)                                    [:173]        # APPEAR
- * NOTHING                                           [---]         # RUSH
- no verb marker here                                 [010]         # RUSH
- * NO CODE AT ALL                                                  # RUSH

---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
ASK     [020]
ENQUIRE   # OY 25 Jul 2003
GRILL [110]
DISMISS [---]
- * AUTHORISATION                                     [020]         # REQUEST
"""


def test_read_synsets() -> None:
    sets = read_synsets(lines(VERBS))
    assert sets == {"&AIRCRAFT": ["JET", "WAR PLANE", "HELICOPTER"], "&AUXVERB3_": ["HAVE", "HAS"]}


def test_read_verb_blocks_headers_and_verb_lines() -> None:
    rush, ask = read_verb_blocks(lines(VERBS))
    assert (rush.name, rush.code) == ("RUSH", "042:043")  # header code kept raw
    assert rush.verbs == {"RUSH": (None, []), "HURRY": (None, ["HURRIES", "HURRYING", "HURRIED"])}
    assert (ask.name, ask.code) == ("ASK", None)  # "[---]" header: isolated verbs give no event
    assert ask.verbs["ASK FOR"] == ("020", ["ASKED FOR", "ASKING FOR", "ASKS FOR"])
    assert ask.verbs["ASK"] == ("020", [])
    assert ask.verbs["ENQUIRE"] == (None, [])
    assert ask.verbs["GRILL"] == ("110", [])
    assert ask.verbs["DISMISS"] == (None, [])


def test_read_verb_blocks_patterns() -> None:
    rush, ask = read_verb_blocks(lines(VERBS))
    got = [(p.pre, p.post, p.code, p.reverse_code, p.origin) for p in rush.patterns]
    assert got == [
        ([], ["(TO)"], "042", "043", "RUSH"),
        ([], ["POLICE", "(TO BORDER)"], "153", None, "RUSH"),
        ([], ["{MOCK ATTACK}"], "062", "062", "STAGE"),
        (["&AIRCRAFT"], ["ATTACKS"], "195", None, "STAGE"),
        ([], ["(BEFORE COURT)"], None, "173", "APPEAR"),
        ([], ["NOTHING"], None, None, "RUSH"),
    ]  # the line without "*" and the line without a code are skipped
    assert [(p.post, p.code, p.origin) for p in ask.patterns] == [(["AUTHORISATION"], "020", "REQUEST")]


def test_read_verb_blocks_without_the_patterns_marker_start_at_the_first_block() -> None:
    """PETRARCH-1 verb files (the validation suite's) have no "####### VERB PATTERNS" line."""
    text = (
        "<!-- a comment\nspanning lines -->\n&THINGS\n+THING\n---  FAKE   [010]  ---\nFAKE\n- * &THINGS [011] # FAKE\n"
    )
    (block,) = read_verb_blocks(lines(text))
    assert (block.name, block.code, list(block.verbs)) == ("FAKE", "010", ["FAKE"])
    assert block.patterns[0].post == ["&THINGS"] and block.patterns[0].code == "011"
    assert read_synsets(lines(text)) == {"&THINGS": ["THING"]}
