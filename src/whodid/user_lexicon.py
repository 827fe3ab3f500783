"""The user's own lexicon files: verbs, event nouns and verb-noun pairs added on top of the packaged lexicon.

A lexicon file is UTF-8 text, one entry a line, tab-separated columns `kind`, `phrase`, `code`, `example` (the
example is optional but keeps the file readable and checkable). Lines starting with '#' and blank lines are
ignored; a first line naming the columns is a header. Files ending in `.jsonl` hold one JSON object a line with
the same keys, files ending in `.json` a list of them.

    kind       phrase            code  example
    verb       shell             190   Troops shelled the town.
    verb       call for          020   The UN called for calm.
    noun       drone strike      195   The army carried out a drone strike.
    verb+noun  impose | curfew   1723  The army imposed a curfew on the city.
    light      carry out         -     The army carried out a drone strike.

- `verb`: a verb lemma, with the particles or prepositions that must follow it ("call for"). A verb the packaged
  dictionary lacks becomes codable with this code; a verb it has gets this code as its default (the
  dictionary's own patterns for the verb still refine it, "called for a ceasefire" -> 0256).
- `noun`: an event noun (lemma, singular, with its modifiers: "drone strike") whose code a light verb carries
  ("carried out a drone strike", "launched an offensive") or that is an event by itself ("the army's drone
  strike on X").
- `verb+noun`: `verb | noun`, a verb whose code its object noun decides ("impose | curfew" -> 1723).
- `light`: a verb that only carries an event noun ("carry out", "stage"), no code (`-` or empty).

Codes must be codes of the CAMEO table (whodid.ontology) unless the options say the codes are another scheme
(`Options.cameo_verb_codes` False). User entries win over packaged ones; of two user entries for the same
phrase the later one (later line, later file) wins. A line that cannot be read raises `LexiconFileError`
naming the file, the line and what to fix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from whodid.lexicon import VerbLexicon, load_lexicon, load_user_lexicon, package_json
from whodid.nominals import NounLexicon, load_noun_lexicon
from whodid.ontology import load_ontology
from whodid.prefilter import verb_forms

KINDS = ("verb", "noun", "verb+noun", "light")
COLUMNS = ("kind", "phrase", "code", "example")
USER_BLOCK = "USER"  # the verb block of user verbs the dictionary lacks (rule "verb:USER/glorb")
WORD = re.compile(r"^[a-z][a-z'-]*$")  # a lower-case word: letters, hyphens, apostrophes ("sit-in")
CODE = re.compile(r"^\d{2,4}$")
NO_CODE = ("", "-")


class LexiconFileError(ValueError):
    """A lexicon file that cannot be used: the message names the file, the line and what to fix."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a lexicon file."""

    kind: str
    phrase: str  # lower case, single spaces; "impose | curfew" for verb+noun
    code: str | None  # None for a light verb
    example: str
    where: str  # "file:line", for messages


@dataclass
class UserLexicon:
    """The entries of the user's files, in the shapes the verb and noun lexicons take."""

    verbs: dict[str, str] = field(default_factory=dict)  # verb phrase -> code
    nouns: dict[str, str] = field(default_factory=dict)  # noun phrase -> code
    verb_nouns: dict[str, dict[str, str]] = field(default_factory=dict)  # verb lemma -> noun phrase -> code
    light_verbs: list[str] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        if entry.kind == "verb":
            self.verbs[entry.phrase] = entry.code or ""
        elif entry.kind == "noun":
            self.nouns[entry.phrase] = entry.code or ""
        elif entry.kind == "verb+noun":
            verb, _, noun = entry.phrase.partition(" | ")
            self.verb_nouns.setdefault(verb, {})[noun] = entry.code or ""
        elif entry.phrase not in self.light_verbs:
            self.light_verbs.append(entry.phrase)

    @property
    def has_nouns(self) -> bool:
        return bool(self.nouns or self.verb_nouns or self.light_verbs)


# Reading files


def read_entries(path: Path, cameo: bool = True) -> list[Entry]:
    """The entries of one lexicon file (TSV, or JSON lines / JSON by its name); codes checked against the CAMEO
    table when `cameo`."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet's byte-order mark is no part of the text
    except UnicodeDecodeError as exc:
        raise LexiconFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise LexiconFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    known = frozenset(load_ontology().names()) if cameo else None
    if path.suffix.lower() == ".jsonl":
        rows = _jsonl_rows(path, text)
    elif path.suffix.lower() == ".json":
        rows = _json_rows(path, text)
    else:
        rows = _tsv_rows(path, text)
    return [_entry(values, where, known) for values, where in rows]


def _tsv_rows(path: Path, text: str) -> list[tuple[list[str], str]]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        values = [v.strip() for v in line.split("\t")]
        while len(values) > 3 and not values[-1]:  # empty trailing cells, as spreadsheets write them
            values.pop()
        if not rows and [v.lower() for v in values] in (list(COLUMNS), list(COLUMNS[:3])):
            continue  # header
        if len(values) < 3:
            raise LexiconFileError(
                f"{path}:{n}: expected tab-separated columns kind, phrase, code[, example], found {len(values)} "
                f"column(s) in {line.strip()!r} (columns are separated by a tab, not spaces)"
            )
        if len(values) > 4:
            raise LexiconFileError(f"{path}:{n}: {len(values)} columns, at most 4 (kind, phrase, code, example)")
        rows.append((values, f"{path}:{n}"))
    return rows


def _jsonl_rows(path: Path, text: str) -> list[tuple[list[str], str]]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LexiconFileError(f"{path}:{n}: not a JSON object ({exc.msg})") from exc
        rows.append((_object_values(item, f"{path}:{n}"), f"{path}:{n}"))
    return rows


def _json_rows(path: Path, text: str) -> list[tuple[list[str], str]]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconFileError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    if isinstance(items, dict):
        items = items.get("entries")
    if not isinstance(items, list):
        raise LexiconFileError(f'{path}: expected a JSON list of entries (or {{"entries": [...]}})')
    return [(_object_values(item, f"{path} entry {n}"), f"{path} entry {n}") for n, item in enumerate(items, 1)]


def _object_values(item: object, where: str) -> list[str]:
    if not isinstance(item, dict):
        raise LexiconFileError(f"{where}: expected an object with keys kind, phrase, code, example")
    missing = [key for key in COLUMNS[:3] if key not in item]
    if missing:
        raise LexiconFileError(f"{where}: missing key(s) {', '.join(missing)}")
    return [str(item.get(key) or "").strip() for key in COLUMNS]


def _entry(values: list[str], where: str, known: frozenset[str] | None) -> Entry:
    kind, raw_phrase, code = (v.strip() for v in values[:3])
    kind = kind.lower()
    if kind not in KINDS:
        raise LexiconFileError(f"{where}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    phrase = _phrase(kind, raw_phrase, where)
    return Entry(kind, phrase, _code(kind, code, where, known), values[3] if len(values) > 3 else "", where)


def _phrase(kind: str, raw: str, where: str) -> str:
    """The phrase in lower case with single spaces ("Call_for" -> "call for"), checked for its kind."""
    parts = [" ".join(part.replace("_", " ").lower().split()) for part in raw.split("|")]
    if kind == "verb+noun":
        if len(parts) != 2 or not all(parts):
            raise LexiconFileError(
                f"{where}: a verb+noun phrase is 'verb | noun' (e.g. 'impose | curfew'), not {raw!r}"
            )
        if " " in parts[0]:
            raise LexiconFileError(f"{where}: the verb of a verb+noun pair is one word (its lemma), not {parts[0]!r}")
    elif len(parts) != 1:
        raise LexiconFileError(f"{where}: '|' belongs in verb+noun phrases only; this line's kind is {kind}")
    words = [w for part in parts for w in part.split()]
    if not words:
        raise LexiconFileError(f"{where}: the phrase (second column) is empty")
    bad = [w for w in words if not WORD.match(w)]
    if bad:
        raise LexiconFileError(f"{where}: {bad[0]!r} is not a word; a phrase holds words of letters ('call for')")
    return " | ".join(parts)


def _code(kind: str, code: str, where: str, known: frozenset[str] | None) -> str | None:
    if kind == "light":
        if code not in NO_CODE:
            raise LexiconFileError(f"{where}: a light verb carries its noun's code and has none of its own: use '-'")
        return None
    if not CODE.match(code):
        raise LexiconFileError(f"{where}: code {code!r} is not an event code (2 to 4 digits, e.g. 190 or 0256)")
    if known is not None and code not in known:
        raise LexiconFileError(
            f"{where}: {code} is not a CAMEO code; use a code of the CAMEO table (e.g. 190, 0256), or "
            "--verb-codes-not-cameo if your codes are another scheme"
        )
    return code


@lru_cache(maxsize=8)
def load_user_entries(files: tuple[str, ...], cameo: bool = True) -> UserLexicon:
    """The entries of the user's files, later ones winning (loaded once per process and file list)."""
    lexicon = UserLexicon()
    for name in files:
        for entry in read_entries(Path(name), cameo):
            lexicon.add(entry)
    return lexicon


# Merging with the packaged lexicons


def merged_verb_data(data: dict, overrides: dict | None, user: UserLexicon) -> tuple[dict, dict]:
    """Dictionary data and overrides for `VerbLexicon` with the user's verbs added. A verb phrase the dictionary
    has gets the user's code as its default (and is no longer pattern-only); a new phrase of a verb the
    dictionary has ("call for" beside "call") joins that verb's block, so the block's patterns for the verb
    still refine it; a verb the dictionary lacks goes in a block of its own, listed with its regular
    inflections so that a word the lemmatizer does not know is still found."""
    overrides = dict(overrides or {})
    added = dict(overrides.get("add_verbs", {}))
    block_of = _head_blocks(data["blocks"], added)
    known = {phrase for block in data["blocks"] for phrase in block["verbs"]} | set(added)
    defaults = dict(overrides.get("defaults", {}))
    new: dict[str, list] = {}
    for phrase, code in user.verbs.items():
        if phrase in known:
            defaults[phrase] = {"code": code, "why": "user lexicon"}
        elif (block := block_of.get(phrase.split()[0])) is not None:
            added[phrase] = {"block": block, "code": code, "why": "user lexicon"}
        else:
            new[phrase] = [code, _inflections(phrase)]
    pattern_only = dict(overrides.get("pattern_only", {}))
    pattern_only["verbs"] = [v for v in pattern_only.get("verbs", []) if v not in user.verbs]
    overrides |= {"defaults": defaults, "add_verbs": added, "pattern_only": pattern_only}
    if new:
        data = {**data, "blocks": [*data["blocks"], {"name": USER_BLOCK, "code": None, "verbs": new, "patterns": []}]}
    return data, overrides


def _head_blocks(blocks: list[dict], added: dict[str, dict]) -> dict[str, str]:
    """Verb head -> the block of its bare phrase ("call" -> CALL), else of its first phrase ("call off")."""
    phrases = [(p, b["name"]) for b in blocks for p in b["verbs"]] + [(p, e["block"]) for p, e in added.items()]
    bare = {p: name for p, name in reversed(phrases) if " " not in p}
    return {p.split()[0]: name for p, name in reversed(phrases)} | bare


def _inflections(phrase: str) -> list[str]:
    """ "call for" -> ["called for", "calling for", "calls for", ...]: the head's regular forms."""
    head, _, rest = phrase.partition(" ")
    return sorted(f"{form} {rest}".strip() for form in verb_forms(head) - {head})


def merged_noun_data(data: dict, user: UserLexicon) -> dict:
    """Event noun data with the user's nouns, verb-noun pairs and light verbs added (a user pair is no longer
    figurative)."""
    verb_nouns = {verb: dict(nouns) for verb, nouns in data.get("verb_nouns", {}).items()}
    figurative = {verb: list(nouns) for verb, nouns in data.get("figurative", {}).items()}
    for verb, nouns in user.verb_nouns.items():
        verb_nouns.setdefault(verb, {}).update(nouns)
        figurative[verb] = [n for n in figurative.get(verb, []) if n not in nouns]
    light = list(dict.fromkeys([*data.get("light_verbs", []), *user.light_verbs]))
    nouns = {**data.get("nouns", {}), **user.nouns}
    return {**data, "nouns": nouns, "verb_nouns": verb_nouns, "figurative": figurative, "light_verbs": light}


@lru_cache(maxsize=4)
def load_verb_lexicon(files: tuple[str, ...], cameo: bool = True, verb_file: str | None = None) -> VerbLexicon:
    """The packaged verb lexicon (or the user's PETRARCH-format `verb_file`, taken as it is) with the verbs of
    the user's lexicon `files` added (loaded once per process)."""
    user = load_user_entries(files, cameo)
    if not user.verbs:
        return load_user_lexicon(verb_file) if verb_file else load_lexicon()
    if verb_file:
        from whodid.convert import verb_data

        data, overrides = verb_data(Path(verb_file)), None
    else:
        data, overrides = package_json("verbs.json.gz"), package_json("verb_overrides.json")
    data, overrides = merged_verb_data(data, overrides, user)
    return VerbLexicon(data, overrides, package_json("compositions.json"))


@lru_cache(maxsize=4)
def load_noun_lexicon_with(files: tuple[str, ...], cameo: bool = True, packaged: bool = True) -> NounLexicon | None:
    """The packaged event nouns with those of the user's `files` added. Without the packaged table (a user's
    PETRARCH verb dictionary stands alone) only the user's nouns, carried by the packaged light verbs; None when
    the files hold no nouns."""
    user = load_user_entries(files, cameo)
    if not packaged:
        if not user.has_nouns:
            return None
        base = {"light_verbs": package_json("event_nouns.json").get("light_verbs", [])}
        return NounLexicon(merged_noun_data(base, user))
    if not user.has_nouns:
        return load_noun_lexicon()
    return NounLexicon(merged_noun_data(package_json("event_nouns.json"), user))
