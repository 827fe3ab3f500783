"""Tests for whodid.lexicon: CAMEO verb blocks and patterns, and the code of a verb token in its sentence."""

from __future__ import annotations

import pytest

from whodid.lexicon import Coding, VerbLexicon, compose, load_lexicon, split_codes


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("042:043", ("042", "043")),
        (":173", (None, "173")),
        ("020", ("020", None)),
        ("062:062", ("062", "062")),
        ("---", (None, None)),
        ("---:043", (None, "043")),
        (" 154 ", ("154", None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_split_codes(raw: str | None, codes: tuple) -> None:
    assert split_codes(raw) == codes


def token(doc, word: str):
    return next(t for t in doc if t.text == word)


# --- a small inline lexicon -------------------------------------------------------------------------------

TINY = {
    "synsets": {"&FOOD": ["food", "rice", "medical supplies"]},
    "blocks": [
        {
            "name": "RUSH",
            "code": "042:043",
            "verbs": {"rush": [None, []], "hurry": [None, ["hurries", "hurried"]]},
            "patterns": [
                [[], ["(to border)"], "154", None, "RUSH"],
                [[], ["&food"], "073", None, "RUSH"],
                [[], ["{mock attack}"], "062", None, "STAGE"],  # for a verb this block lacks: dropped
                [[], ["(to)"], "043", None, "RUSH"],  # function words only: RUSH's own
            ],
        },
        {
            "name": "ASK",
            "code": None,
            "verbs": {
                "ask for": ["020", ["asked for", "asking for", "asks for"]],
                "ask": [None, []],
                "inquire": [None, []],
            },
            "patterns": [[[], ["permission"], "0211", None, "ASK"]],
        },
    ],
}
OVERRIDES = {"defaults": {"inquire": {"code": "090"}}}


@pytest.fixture(scope="module")
def tiny() -> VerbLexicon:
    return VerbLexicon(TINY, OVERRIDES)


def test_block_default_code_for_a_bare_verb(nlp, tiny: VerbLexicon) -> None:
    doc = nlp("The delegation rushed home on Monday.")
    coding = tiny.code(token(doc, "rushed"))
    assert coding == Coding("042", "043", "verb:RUSH/rush", False, ())


def test_pattern_with_a_prepositional_group(nlp, tiny: VerbLexicon) -> None:
    doc = nlp("Troops rushed to the border.")
    coding = tiny.code(token(doc, "rushed"))
    assert (coding.code, coding.reverse, coding.rule, coding.from_pattern) == ("154", None, "pattern:RUSH#0", True)


def test_pattern_with_a_synset(nlp, tiny: VerbLexicon) -> None:
    doc = nlp("Volunteers rushed medical supplies to the region.")
    assert tiny.code(token(doc, "rushed")).code == "073"


def test_pattern_written_for_another_verb_is_dropped(nlp, tiny: VerbLexicon) -> None:
    assert [len(patterns) for _, patterns in tiny.blocks] == [3, 1]
    doc = nlp("The troops rushed a mock attack.")
    assert tiny.code(token(doc, "rushed")).code == "042"


def test_irregular_form_finds_its_verb(nlp, tiny: VerbLexicon) -> None:
    coding = tiny.code(token(nlp("The envoy hurried home."), "hurried"))
    assert (coding.code, coding.rule) == ("042", "verb:RUSH/hurry")


def test_content_patterns_serve_synonyms_function_word_patterns_only_their_verb(nlp, tiny: VerbLexicon) -> None:
    assert tiny.code(token(nlp("Troops rushed to the border."), "rushed")).code == "154"
    assert tiny.code(token(nlp("Troops hurried to the border."), "hurried")).code == "154"  # shared: "border"
    assert tiny.code(token(nlp("The envoy rushed to Paris."), "rushed")).code == "043"
    assert tiny.code(token(nlp("The envoy hurried to Paris."), "hurried")).code == "042"  # "(to)": RUSH only


def test_content_patterns_are_not_shared_across_code_families(nlp) -> None:
    """URGE's appeal patterns in the DEMAND block must not make "demanded the release" an appeal."""
    lexicon = VerbLexicon(
        {
            "synsets": {},
            "blocks": [
                {
                    "name": "DEMAND",
                    "code": "100",
                    "verbs": {"demand": [None, []], "urge": ["020", []]},
                    "patterns": [[[], ["release"], "0253", None, "URGE"]],
                }
            ],
        }
    )
    assert lexicon.code(token(nlp("France urged the release of the hostages."), "urged")).code == "0253"
    assert lexicon.code(token(nlp("France demanded the release of the hostages."), "demanded")).code == "100"


def test_multiword_verb_needs_its_particle(nlp, tiny: VerbLexicon) -> None:
    doc = nlp("Kenya asked for calm.")
    coding = tiny.code(token(doc, "asked"))
    assert coding.code == "020"
    assert coding.rule == "verb:ASK/ask for"
    assert coding.particle_ids == (token(doc, "for").i,)
    assert tiny.code(token(nlp("Kenya asked the envoy a question."), "asked")) is None  # bare "ask": no code


def test_pattern_beats_the_verb_default(nlp, tiny: VerbLexicon) -> None:
    doc = nlp("Kenya asked for permission.")
    coding = tiny.code(token(doc, "asked"))
    assert (coding.code, coding.from_pattern) == ("0211", True)
    assert coding.particle_ids == (token(doc, "for").i,)


def test_override_replaces_a_default_code(nlp, tiny: VerbLexicon) -> None:
    doc = nlp("The commission inquired into the killings.")
    assert tiny.code(token(doc, "inquired")).code == "090"
    assert VerbLexicon(TINY).code(token(doc, "inquired")) is None


def test_only_verb_tokens_are_coded(nlp, tiny: VerbLexicon) -> None:
    doc = nlp("The rush to the border was chaotic.")
    assert token(doc, "rush").pos_ != "VERB"
    assert tiny.senses(token(doc, "rush")) == []
    assert tiny.code(token(doc, "rush")) is None


def test_verb_not_in_the_lexicon(nlp, tiny: VerbLexicon) -> None:
    assert tiny.code(token(nlp("He walked home."), "walked")) is None


# --- the packaged lexicon ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lexicon() -> VerbLexicon:
    return load_lexicon()


def code_of(nlp, lexicon: VerbLexicon, text: str, word: str) -> Coding | None:
    return lexicon.code(token(nlp(text), word))


@pytest.mark.parametrize(
    ("text", "verb", "root"),
    [
        ("The government demanded an apology from Japan.", "demanded", "10"),
        ("Protesters demanded the release of prisoners.", "demanded", "10"),
        ("Egypt condemned the bombing of the embassy.", "condemned", "11"),
        ("The president met the Chinese premier in Beijing.", "met", "04"),
        ("Police arrested three protesters on Friday.", "arrested", "17"),
        ("The UN urged both sides to stop fighting.", "urged", "02"),
        ("Germany appealed for calm.", "appealed", "02"),
        ("Japan praised the agreement.", "praised", "05"),
        ("Iran threatened to impose sanctions.", "threatened", "13"),
    ],
)
def test_clear_event_verbs(nlp, lexicon: VerbLexicon, text: str, verb: str, root: str) -> None:
    coding = code_of(nlp, lexicon, text, verb)
    assert coding is not None and coding.code is not None
    assert coding.code[:2] == root


def test_attack_is_force(nlp, lexicon: VerbLexicon) -> None:
    coding = code_of(nlp, lexicon, "Rebels attacked a police station.", "attacked")
    assert coding is not None and coding.code[:2] in {"18", "19"}


def test_noun_attack_is_not_coded(nlp, lexicon: VerbLexicon) -> None:
    doc = nlp("They launched an attack on the village.")
    assert token(doc, "attack").pos_ == "NOUN"
    assert lexicon.code(token(doc, "attack")) is None


def test_asked_for_is_the_multiword_verb(nlp, lexicon: VerbLexicon) -> None:
    doc = nlp("Kenya asked for more time.")
    coding = lexicon.code(token(doc, "asked"))
    assert coding is not None and coding.code[:2] == "02"
    assert "ask for" in coding.rule
    assert coding.particle_ids == (token(doc, "for").i,)


def test_statement_verb_does_not_take_patterns_from_the_reported_clause(nlp, lexicon: VerbLexicon) -> None:
    coding = code_of(nlp, lexicon, "The minister said the talks would continue.", "said")
    assert coding is not None and coding.code == "010" and not coding.from_pattern


def test_non_event_verb(nlp, lexicon: VerbLexicon) -> None:
    assert code_of(nlp, lexicon, "He walked home after dinner.", "walked") is None


def test_refused_is_a_rejection(nlp, lexicon: VerbLexicon) -> None:
    coding = code_of(nlp, lexicon, "Iran refused to meet the envoy.", "refused")
    assert coding is not None and coding.code[:2] == "12"


# --- composition of a governing verb with the action it governs -------------------------------------------


def test_compose_appeal_with_the_action_asked_for(lexicon: VerbLexicon) -> None:
    appeal = Coding("020", None, "verb:APPEAL/appeal", False)
    withdraw = Coding("0874", None, "pattern:RETREAT#5", True)
    composed = compose(lexicon, appeal, withdraw)
    assert composed is not None and composed.code == "0256"
    assert composed.rule == "verb:APPEAL/appeal+pattern:RETREAT#5"


def test_compose_threat_uses_the_longest_prefix(lexicon: VerbLexicon) -> None:
    threat = Coding("130", None, "verb:THREATEN/threaten", False)
    assert compose(lexicon, threat, Coding("163", None, "pattern:IMPOSE#7", True)).code == "1312"
    assert compose(lexicon, threat, Coding("16", None, "verb:X/x", False)).code == "131"


def test_compose_does_not_apply(lexicon: VerbLexicon) -> None:
    say = Coding("010", None, "verb:EXPLAIN_VERBAL/say", False)
    meet = Coding("040", None, "verb:MEET_PEOPLE/meet", False)
    assert compose(lexicon, say, meet) is None  # statements are not a family
    specific = Coding("0243", None, "pattern:DEMAND#19", True)
    assert compose(lexicon, specific, meet) is None  # a specific pattern code stays
    assert compose(lexicon, Coding("020", None, "verb:APPEAL/appeal", False), say) is None  # 01 is no action


@pytest.mark.parametrize(
    ("text", "verb", "code"),
    [
        ("The ministry admitted that soldiers had fired on the crowd.", "admitted", "015"),
        ("The ministry revealed that soldiers had fired on the crowd.", "revealed", "010"),
    ],
)
def test_admitting_is_acknowledging_and_revealing_a_statement(nlp, lexicon: VerbLexicon, text, verb, code) -> None:
    coding = code_of(nlp, lexicon, text, verb)
    assert coding is not None and coding.code == code


@pytest.mark.parametrize(
    ("text", "verb", "code"),
    [
        ("A roadside bomb killed three policemen near Kandahar.", "killed", "183"),
        ("Two soldiers were wounded in a bomb attack on Monday.", "wounded", "183"),
        ("Troops killed three rebels near Kandahar.", "killed", "190"),
    ],
)
def test_violence_done_by_a_bomb_is_a_bombing(nlp, lexicon: VerbLexicon, text: str, verb: str, code: str) -> None:
    coding = code_of(nlp, lexicon, text, verb)
    assert coding is not None and coding.code == code


def test_naming_something_is_a_statement_about_it(nlp, lexicon: VerbLexicon) -> None:
    coding = code_of(nlp, lexicon, "Kenya called the attack a crime.", "called")
    assert coding is not None and (coding.code, coding.rule) == ("010", "naming:call")
    coding = code_of(nlp, lexicon, "Kenya called for talks with Somalia.", "called")
    assert coding is not None and coding.code != "010"


def test_synsets_joined_with_words_and_patterns_with_an_unknown_synset(nlp) -> None:
    lexicon = VerbLexicon(
        {
            "synsets": {"&TIE": ["economic", "cultural"]},
            "blocks": [
                {
                    "name": "WELCOME",
                    "code": "041",
                    "verbs": {"welcome": [None, []]},
                    "patterns": [
                        [[], ["&tie_memos"], "911", None, "WELCOME"],
                        [[], ["{&tie talks}"], "912", None, "WELCOME"],
                        [[], ["(in &weather)"], None, None, "WELCOME"],  # no such synset: not "(in)"
                    ],
                }
            ],
        }
    )
    assert lexicon.code(token(nlp("Arnor welcomed cultural memos from Gondor."), "welcomed")).code == "911"
    assert lexicon.code(token(nlp("Arnor welcomed economic talks."), "welcomed")).code == "912"
    assert lexicon.code(token(nlp("Arnor welcomed the envoy in Gondor."), "welcomed")).code == "041"
