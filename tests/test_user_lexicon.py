"""Tests for the user's own lexicon files (`--lexicon FILE`): parsing, errors, merging and coding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from whodid.cli import app
from whodid.extract import extract_lines
from whodid.lexicon import load_lexicon
from whodid.nominals import load_noun_lexicon
from whodid.options import Options
from whodid.resources import Resources
from whodid.user_lexicon import (
    USER_BLOCK,
    LexiconFileError,
    load_user_entries,
    load_verb_lexicon,
    read_entries,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "whodid" / "data" / "lexicon_example.tsv"
INVENTED = "Rebels glorbed the village."  # "glorb" is in no dictionary: only a user entry can code it


def write(tmp_path: Path, text: str, name: str = "mine.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def events(text: str, files: tuple[str, ...] = (), **options: object) -> list[dict]:
    (record,) = extract_lines([json.dumps({"id": "1", "text": text})], Options(lexicon_files=files, **options))
    return record["events"]


@pytest.fixture(scope="module")
def glorb(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("lexicon") / "glorb.tsv"
    path.write_text(
        "kind\tphrase\tcode\texample\n"
        "verb\tglorb\t190\tRebels glorbed the village.\n"
        "verb\trebuff\t111\tThe minister rebuffed the opposition.\n"
        "verb+noun\tslap | embargo\t163\tWashington slapped an embargo on Iran.\n"
        "noun\tpogrom\t202\tGunmen carried out a pogrom.\n"
        "light\tperpetrate\t-\tGunmen perpetrated a pogrom.\n",
        encoding="utf-8",
    )
    return str(path)


# Parsing


def test_each_kind_with_comments_blank_lines_and_header(tmp_path):
    path = write(
        tmp_path,
        "# my additions\n\nkind\tphrase\tcode\texample\n"
        "verb\tCall_for\t020\tThe UN called for calm.\n"
        "noun\tdrone  strike\t195\n"
        "verb+noun\timpose|curfew\t1723\tThe army imposed a curfew.\n"
        "light\tcarry out\t-\n",
    )
    entries = read_entries(path)
    assert [(e.kind, e.phrase, e.code) for e in entries] == [
        ("verb", "call for", "020"),
        ("noun", "drone strike", "195"),
        ("verb+noun", "impose | curfew", "1723"),
        ("light", "carry out", None),
    ]
    assert entries[0].example == "The UN called for calm." and entries[0].where == f"{path}:4"
    user = load_user_entries((str(path),))
    assert user.verbs == {"call for": "020"} and user.nouns == {"drone strike": "195"}
    assert user.verb_nouns == {"impose": {"curfew": "1723"}} and user.light_verbs == ["carry out"]


def test_the_shipped_example_file_reads_and_its_examples_code_as_it_says():
    entries = read_entries(EXAMPLE)
    assert {e.kind for e in entries} == {"verb", "noun", "verb+noun", "light"}
    lines = [json.dumps({"id": str(n), "text": e.example}) for n, e in enumerate(entries)]
    for entry, record in zip(entries, extract_lines(lines, Options(lexicon_files=(str(EXAMPLE),))), strict=True):
        codes = [event["code"] for event in record["events"]]
        assert codes if entry.code is None else entry.code in codes, (entry, codes)


@pytest.mark.parametrize(
    ("line", "advice"),
    [
        ("verb\tglorb\t999\tx", "999 is not a CAMEO code"),
        ("verb\tglorb\tattack", "'attack' is not an event code"),
        ("vreb\tglorb\t190", "unknown kind 'vreb'"),
        ("verb\tglorb", "expected tab-separated columns kind, phrase, code"),
        ("verb glorb 190", "not spaces"),
        ("verb+noun\timpose curfew\t1723", "'verb | noun'"),
        ("noun\timpose | curfew\t1723", "'|' belongs in verb+noun phrases only"),
        ("light\tcarry out\t190", "use '-'"),
        ("verb\t\t190", "phrase (second column) is empty"),
        ("verb\tglorb!\t190", "'glorb!' is not a word"),
    ],
)
def test_a_bad_line_is_named_with_its_file_and_line(tmp_path, line, advice):
    path = write(tmp_path, f"# comment\nverb\tshell\t190\n{line}\n")
    with pytest.raises(LexiconFileError, match=r"^.*mine\.tsv:3: .*") as raised:
        read_entries(path)
    assert advice in str(raised.value)


def test_a_spreadsheet_s_byte_order_mark_and_trailing_tabs_are_no_problem(tmp_path):
    path = tmp_path / "sheet.tsv"
    path.write_bytes("kind\tphrase\tcode\texample\r\nverb\tglorb\t190\t\t\r\n".encode("utf-8-sig"))
    assert [(e.phrase, e.code, e.example) for e in read_entries(path)] == [("glorb", "190", "")]


def test_later_entries_win(tmp_path):
    first = write(tmp_path, "verb\tglorb\t190\nnoun\tpogrom\t202\n", "first.tsv")
    second = write(tmp_path, "verb\tglorb\t195\n", "second.tsv")
    user = load_user_entries((str(first), str(second)))
    assert user.verbs == {"glorb": "195"} and user.nouns == {"pogrom": "202"}


def test_codes_of_another_scheme_pass_when_the_codes_are_not_cameo(tmp_path):
    path = write(tmp_path, "verb\tglorb\t999\n")
    assert read_entries(path, cameo=False)[0].code == "999"


def test_json_lines_and_json_files(tmp_path):
    item = {"kind": "verb", "phrase": "glorb", "code": "190", "example": INVENTED}
    jsonl = write(tmp_path, json.dumps(item) + "\n", "mine.jsonl")
    listed = write(tmp_path, json.dumps([item]), "mine.json")
    assert read_entries(jsonl)[0].code == "190"
    assert read_entries(listed)[0].phrase == "glorb"
    broken = write(tmp_path, json.dumps({"kind": "verb", "code": "190"}) + "\n", "broken.jsonl")
    with pytest.raises(LexiconFileError, match=r"broken\.jsonl:1: missing key\(s\) phrase"):
        read_entries(broken)


# Merging and coding


def test_no_files_is_the_packaged_lexicon_unchanged():
    res = Resources(Options())
    assert res.lexicon is load_lexicon()
    assert res.tools.nouns is load_noun_lexicon()


def test_a_user_verb_the_dictionary_lacks_is_coded(glorb):
    assert not events(INVENTED)
    (event,) = events(INVENTED, (glorb,))
    assert event["code"] == "190" and event["source"]["text"] == "Rebels"
    assert event["evidence"]["rule"] == f"verb:{USER_BLOCK}/glorb"


def test_a_user_code_becomes_the_default_of_a_packaged_verb(glorb):
    text = "The minister rebuffed the opposition."
    assert [e["code"] for e in events(text)] == ["110"]
    assert [e["code"] for e in events(text, (glorb,))] == ["111"]


def test_a_new_phrase_of_a_packaged_verb_keeps_that_verb_s_patterns(tmp_path):
    path = write(tmp_path, "verb\tcall for\t020\n")
    lexicon = load_verb_lexicon((str(path),))
    phrases = {s.phrase: lexicon.blocks[s.block][0] for s in lexicon._senses["call"]}
    assert phrases["call for"] == phrases["call"] == "CALL"
    assert [e["code"] for e in events("The UN called for a ceasefire in Syria.", (str(path),))] == ["0256"]


def test_user_event_nouns_verb_noun_pairs_and_light_verbs(glorb):
    assert [e["code"] for e in events("Washington slapped an embargo on Iran.", (glorb,))] == ["163"]
    pogrom = "Gunmen perpetrated a pogrom in the Nigerian village."
    assert not events(pogrom)
    assert [e["code"] for e in events(pogrom, (glorb,))] == ["202"]


@pytest.mark.parametrize("text", [INVENTED, "Gunmen perpetrated a pogrom."])
def test_the_prefilter_lets_user_verbs_and_nouns_through(glorb, text):
    packaged, mine = Resources(Options()), Resources(Options(lexicon_files=(glorb,)))
    sentence = mine.nlp.make_doc(text)[:]
    assert not packaged.event_filter(sentence)
    assert mine.event_filter(sentence)


def test_with_a_petrarch_verb_file_the_user_entries_add_to_it(glorb, shared_dir):
    verbs = shared_dir / "gold" / "validation_dictionaries" / "PETR.Validate.verbs.txt"
    assert not events(INVENTED, verb_file=str(verbs))
    (event,) = events(INVENTED, (glorb,), verb_file=str(verbs))
    assert event["code"] == "190"


# Command line

runner = CliRunner()


def test_extract_with_a_lexicon_file(glorb):
    line = json.dumps({"id": "a", "text": INVENTED})
    result = runner.invoke(app, ["extract", "-", "--lexicon", glorb], input=line + "\n")
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert [e["code"] for e in record["events"]] == ["190"]


def test_a_bad_lexicon_file_stops_the_command_with_its_line(tmp_path):
    path = write(tmp_path, "verb\tglorb\t999\n")
    result = runner.invoke(app, ["extract", "-", "--lexicon", str(path)], input="")
    message = " ".join(result.output.split())  # rich wraps long lines
    assert result.exit_code == 2
    assert f"{path}:1: 999 is not a CAMEO code" in message
    missing = runner.invoke(app, ["run", str(tmp_path), "--lexicon", str(tmp_path / "absent.tsv")])
    assert missing.exit_code == 2 and "absent.tsv not found" in " ".join(missing.output.split())
