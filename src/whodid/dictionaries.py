"""Readers for PETRARCH/TABARI-format dictionaries (actors, agents, verbs), turned into plain whodid records."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE_RANGE = re.compile(r"^(?P<lo>\d{6,8})?-(?P<hi>\d{6,8})?$")


@dataclass(slots=True)
class CodedSpell:
    """One code of an actor, valid between two ISO dates (either end open)."""

    code: str
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class ActorEntry:
    """An actor dictionary entry: a primary name, its synonyms and its (date-bounded) codes."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodedSpell] = field(default_factory=list)
    null: bool = False  # coded "[---]": the phrase is known and means no actor (it blocks shorter matches)


@dataclass(slots=True)
class AgentEntry:
    """An agent (sector noun) entry: a phrase, explicit plurals, and the sector codes it adds."""

    phrase: str
    plurals: list[str]
    code: str  # e.g. "GOV", "GOVMIL" (without the leading "~")


@dataclass(slots=True)
class VerbPattern:
    """A verb pattern: words before and after the verb (groups kept), and the codes it yields."""

    pre: list[str]
    post: list[str]
    code: str | None  # source acts on target; None for "---" (explicitly not an event)
    reverse_code: str | None  # target acts on source ("[a:b]" gives b)
    origin: str  # the verb the pattern came from (dictionary comment)


@dataclass(slots=True)
class VerbBlock:
    """A block of synonymous verbs sharing one default code and one pattern list."""

    name: str
    code: str | None
    verbs: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)  # phrase -> (code, forms)
    patterns: list[VerbPattern] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def without_xml_comments(lines: Iterable[str]) -> Iterator[str]:
    """Lines with "<!-- ... -->" comments (which may span lines, as in PETRARCH's validation files) removed."""
    inside = False
    for line in lines:
        out = ""
        while line:
            if inside:
                end = line.find("-->")
                if end < 0:
                    line = ""
                else:
                    inside, line = False, line[end + 3 :]
            else:
                start = line.find("<!--")
                if start < 0:
                    out, line = out + line, ""
                else:
                    out, line, inside = out + line[:start], line[start + 4 :], True
        yield out


def phrase_words(raw: str) -> str:
    """A dictionary phrase ("RUSSIAN_FOREIGN_MINISTER_LAVROV_") as plain words ("RUSSIAN FOREIGN MINISTER LAVROV")."""
    return " ".join(raw.replace("_", " ").split())


def parse_date(raw: str) -> str | None:
    """A TABARI date (YYMMDD or YYYYMMDD) as ISO; two-digit years below 30 are 20xx; None when invalid."""
    if not raw.isdigit() or len(raw) not in (6, 8):
        return None
    if len(raw) == 6:
        year = int(raw[:2])
        year += 2000 if year < 30 else 1900
    else:
        year = int(raw[:4])
    try:
        return dt.date(year, int(raw[-4:-2]), int(raw[-2:])).isoformat()
    except ValueError:
        return None


def parse_code_block(raw: str) -> CodedSpell | None:
    """One bracketed code, e.g. "RUSGOV >20040309", "AFGGOV 791227-861124", "ELI"; None for "---"."""
    parts = raw.split()
    if not parts or parts[0].startswith("---"):
        return None
    code = parts[0].lstrip("~")
    spell = CodedSpell(code)
    if len(parts) > 1:
        when = "".join(parts[1:])
        if when.startswith(">"):
            spell.start = parse_date(when[1:])
        elif when.startswith("<"):
            spell.end = parse_date(when[1:])
        elif m := _DATE_RANGE.match(when):
            spell.start = parse_date(m["lo"]) if m["lo"] else None
            spell.end = parse_date(m["hi"]) if m["hi"] else None
    return spell


def _codes_in(text: str) -> list[CodedSpell]:
    return [s for raw in _CODE_BLOCK.findall(text) if (s := parse_code_block(raw))]


def _has_null_code(text: str) -> bool:
    return any(raw.strip().startswith("---") for raw in _CODE_BLOCK.findall(text))


def read_actor_entries(lines: Iterable[str]) -> Iterator[ActorEntry]:
    """Actor entries from a PETRARCH .actors file (primary line, "+synonym" lines, indented "[CODE dates]" lines)."""
    entry: ActorEntry | None = None
    for line in without_xml_comments(lines):
        body = _strip_comment(line)
        if not body.strip():
            continue
        stripped = body.strip()
        name = phrase_words(_CODE_BLOCK.sub("", stripped.lstrip("+")))
        codes, null = _codes_in(stripped), _has_null_code(stripped)
        if entry is not None and (stripped.startswith(("[", "+")) or _continues(entry, stripped, codes, null)):
            if name:
                entry.synonyms.append(name)
            entry.codes.extend(codes)
            entry.null = entry.null or null
        elif not line[:1].isspace() and name:
            if entry is not None:
                yield _settle_null(entry)
            entry = ActorEntry(name, [], codes, null)
    if entry is not None:
        yield _settle_null(entry)


def _settle_null(entry: ActorEntry) -> ActorEntry:
    """ "[---]" alone means the phrase names no actor; beside dated codes it is the undated fallback, i.e.
    no actor outside those dates (an undated spell with an empty code)."""
    if entry.null and entry.codes:
        entry.codes.append(CodedSpell(""))
        entry.null = False
    return entry


def _continues(entry: ActorEntry, line: str, codes: list[CodedSpell], null: bool) -> bool:
    """A bare name line right after a name line with no codes yet is a synonym (a missing "+" in the file)."""
    return not entry.codes and not entry.null and not codes and not null and not line.startswith("[")


_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[~?(?P<code>[A-Z]+)~?\]")


def read_agent_entries(lines: Iterable[str]) -> Iterator[AgentEntry]:
    """Agent entries from a PETRARCH .agents file, with "!SET!" substitutions expanded."""
    substitutions: dict[str, list[str]] = {}
    for line in without_xml_comments(lines):
        body = _strip_comment(line).strip()
        if not body:
            continue
        if m := _SUBST.match(body):
            substitutions[m[1]] = [w.strip() for w in m[2].split(",") if w.strip()]
            continue
        m = _AGENT.match(body)
        if not m:
            continue
        plurals = [phrase_words(p) for p in (m["plurals"] or "").split()]
        for phrase in _expand_substitutions(m["phrase"].strip(), substitutions):
            yield AgentEntry(phrase_words(phrase), plurals, m["code"])


def _expand_substitutions(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!(\w+)!", phrase)
    if not m or m[1] not in substitutions:
        return [phrase.replace("!", "")]
    out: list[str] = []
    for word in substitutions[m[1]]:
        out.extend(_expand_substitutions(phrase[: m.start()] + word + phrase[m.end() :], substitutions))
    return out


_VERB_HEADER = re.compile(r"^---\s+(?P<name>[^\s\[]+)\s*\[(?P<code>[^\]]*)\]")
_VERB_LINE = re.compile(r"^(?P<phrase>\+?[A-Z][A-Z0-9_'\-.]*)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?")
_PATTERN_CODE = re.compile(r"\[(?P<code>[^\]]*)\]\s*$")


def _pattern_codes(raw: str) -> tuple[str | None, str | None]:
    first, _, second = raw.partition(":")
    first, second = first.strip(), second.strip()
    return (first if first and not first.startswith("-") else None), (second or None)


def read_synsets(lines: Iterable[str]) -> dict[str, list[str]]:
    """Synonym sets ("&NAME" followed by "+WORD" lines) from a verb dictionary."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in without_xml_comments(lines):
        body = _strip_comment(line).strip()
        if body.startswith("####### VERB PATTERNS") or _VERB_HEADER.match(body):
            break
        if body.startswith("&"):
            current = body.split()[0]
            sets[current] = []
        elif body.startswith("+") and current:
            sets[current].append(phrase_words(body[1:]))
        elif not body:
            continue
        else:
            current = None
    return sets


def read_verb_blocks(lines: Iterable[str]) -> Iterator[VerbBlock]:
    """Verb blocks from a PETRARCH CAMEO verb dictionary ("--- NAME [code] ---", verb lines, "- ..." patterns)."""
    block: VerbBlock | None = None
    in_patterns = False
    for line in without_xml_comments(lines):
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        header = _VERB_HEADER.match(line)
        in_patterns = in_patterns or header is not None  # PETRARCH-1 files have no "VERB PATTERNS" marker
        if not in_patterns:
            continue
        if m := header:
            if block is not None:
                yield block
            code = m["code"].strip()
            block = VerbBlock(m["name"], None if code.startswith("-") else code)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            pattern = _parse_pattern(line)
            if pattern is not None:
                block.patterns.append(pattern)
            continue
        body = _strip_comment(line).strip()
        if body and (m := _VERB_LINE.match(body)):
            code = (m["code"] or "").strip()
            forms = [phrase_words(f.lstrip("+")) for f in (m["forms"] or "").split()]
            verb_code = None if not code or code.startswith("-") else code
            block.verbs[phrase_words(m["phrase"].lstrip("+"))] = (verb_code, forms)
    if block is not None:
        yield block


def _parse_pattern(line: str) -> VerbPattern | None:
    text, _, comment = line[1:].partition("#")
    m = _PATTERN_CODE.search(text.strip())
    if not m:
        return None
    code, reverse = _pattern_codes(m["code"])
    body = text.strip()[: m.start()].strip()
    if "*" not in body:
        return None
    pre_raw, _, post_raw = body.partition("*")
    return VerbPattern(_pattern_tokens(pre_raw), _pattern_tokens(post_raw), code, reverse, comment.strip())


def _pattern_tokens(raw: str) -> list[str]:
    """Pattern words, keeping "(...)" and "{...}" groups as one item each, e.g. "(TO BORDER)"."""
    items: list[str] = []
    for m in re.finditer(r"\([^)]*\)|\{[^}]*\}|\S+", raw):
        items.append(m.group(0))
    return items
