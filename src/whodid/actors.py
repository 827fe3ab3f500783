"""Actors: find dictionary actors and sector nouns in parsed text, and resolve noun phrases to actor codes."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from spacy.tokens import Doc, Span, Token

from whodid.records import Actor, ActorMention, Place

MatchKind = Literal["named", "agent", "null"]
Spell = tuple[str, str | None, str | None]  # code, valid from, valid to (ISO dates, open when None)

# Dependents that start a new clause or a separate participant: an actor phrase never extends into them.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "parataxis", "mark"})
# Codes that put the country second (a multinational company or an NGO based in that country).
COUNTRY_SECOND = frozenset({"MNC", "NGO"})
# Prepositions whose object still describes the same actor ("the mayor of Nablus", "troops from Syria").
PHRASE_PREPS = frozenset({"of", "from"})


@dataclass(frozen=True, slots=True)
class DictMatch:
    """A dictionary phrase found in a Doc (token offsets, end exclusive)."""

    start: int
    end: int
    kind: MatchKind
    entry_id: str
    name: str
    spells: tuple[Spell, ...] = ()  # named actors: codes with validity dates
    sectors: str = ""  # agents: concatenated sector codes, e.g. "GOVMIL"


class PhraseIndex:
    """Phrases (tuples of lower-cased tokens) indexed by their first and second token."""

    def __init__(self) -> None:
        self._index: dict[str, dict[str, list[tuple[tuple[str, ...], int]]]] = {}

    def add(self, tokens: tuple[str, ...], payload: int) -> None:
        second = tokens[1] if len(tokens) > 1 else ""
        self._index.setdefault(tokens[0], {}).setdefault(second, []).append((tokens, payload))

    def freeze(self) -> None:
        for level in self._index.values():
            for candidates in level.values():
                candidates.sort(key=lambda c: -len(c[0]))

    def candidates(self, first: str, seconds: Iterable[str] = ()) -> list[tuple[tuple[str, ...], int]]:
        """Phrases starting with `first` whose second word is one of `seconds`, and one-word phrases;
        longest first."""
        level = self._index.get(first)
        if not level:
            return []
        found = [c for second in set(seconds) for c in level.get(second, ())]
        found.extend(level.get("", ()))
        return sorted(found, key=lambda c: -len(c[0]))


class ActorDictionary:
    """Named actors (countries, capitals, leaders, organisations, groups) and agents (sector nouns)."""

    def __init__(self, actors: dict, agents: list[dict]) -> None:
        self.countries: dict[str, dict[str, str]] = actors["countries"]
        self.iso_to_cameo = {v["iso3"]: code for code, v in self.countries.items()}
        self._entries: list[dict] = actors["entries"]
        self._agents: list[dict] = agents
        self.named = PhraseIndex()
        for i, entry in enumerate(self._entries):
            for phrase in entry["phrases"]:
                self.named.add(tuple(phrase.split()), i)
        self.agents = PhraseIndex()
        for i, agent in enumerate(agents):
            self.agents.add(tuple(agent["phrase"].split()), i)
        self.named.freeze()
        self.agents.freeze()

    def named_match(self, i: int, start: int, end: int) -> DictMatch:
        entry = self._entries[i]
        kind: MatchKind = "null" if entry["null"] else "named"
        spells = tuple((c[0], c[1], c[2]) for c in entry["codes"])
        return DictMatch(start, end, kind, entry["id"], entry["name"], spells)

    def agent_match(self, i: int, start: int, end: int) -> DictMatch:
        agent = self._agents[i]
        return DictMatch(start, end, "agent", f"agent:{i}", agent["phrase"], sectors=agent["code"])

    def split_code(self, code: str) -> tuple[str | None, tuple[str, ...]]:
        """A CAMEO actor code split into (ISO3 country or None, sector codes): USAGOVLEG -> (USA, (GOV, LEG))."""
        chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
        at = 0 if chunks and chunks[0] in self.countries else None
        if at is None and len(chunks) > 1 and chunks[0] in COUNTRY_SECOND and chunks[1] in self.countries:
            at = 1  # MNCUSA: a multinational based in the USA
        if at is None:  # international or non-state (IGOUNO, IMGMUSALQ): MUS there is a religion, not Mauritius
            return None, tuple(chunks)
        country = chunks[at]
        return self.countries[country]["iso3"], tuple(c for i, c in enumerate(chunks) if i != at)

    def country_name(self, cameo_code: str) -> str:
        return self.countries.get(cameo_code, {}).get("name", cameo_code)


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    """The packaged Phoenix actor and agent dictionaries (converted by scripts/build_data.py)."""
    data = resources.files("whodid").joinpath("data")
    with data.joinpath("actors.json.gz").open("rb") as fh:
        actors = json.loads(gzip.decompress(fh.read()))
    agents = json.loads(data.joinpath("agents.json").read_text(encoding="utf-8"))
    return ActorDictionary(actors, agents)


@lru_cache(maxsize=4)
def load_user_actor_dictionary(
    actor_files: tuple[str, ...], agent_files: tuple[str, ...], with_packaged: bool
) -> ActorDictionary:
    """An actor dictionary from the user's own PETRARCH-format files, added to the packaged one or alone.
    Every three-letter code in the user's actor files counts as a country code."""
    from whodid.convert import PhraseTokenizer, actor_data, agent_data

    tokenize = PhraseTokenizer()
    paths = [Path(p) for p in actor_files]
    actors = actor_data([(p, f"user{i}") for i, p in enumerate(paths)], tokenize, country_files=paths)
    agents = agent_data([Path(p) for p in agent_files], tokenize)
    if with_packaged:
        base = load_actor_dictionary()
        actors = {
            "countries": {**base.countries, **actors["countries"]},
            "entries": [*base._entries, *actors["entries"]],
        }
        agents = [*base._agents, *agents]
    return ActorDictionary(actors, agents)


def code_on(spells: Sequence[Spell], date: str | None) -> str | None:
    """The code valid on `date` (ISO); undated codes are the fallback; without a date, the current role.
    Someone known only by roles that do not cover the date is coded as an elite of that country (XXXELI),
    the convention for former (or future) office holders."""
    undated = [c for c, lo, hi in spells if lo is None and hi is None]
    dated = [(c, lo, hi) for c, lo, hi in spells if lo is not None or hi is not None]
    if not spells:
        return None
    if date:
        valid = [c for c, lo, hi in dated if (lo is None or lo <= date) and (hi is None or date <= hi)]
        if valid:
            return valid[-1]
        if undated:
            return undated[0] or None  # "" is an explicit "no actor" outside the dated roles
        nearest = max(dated, key=lambda s: (s[2] or s[1] or "") if (s[2] or s[1] or "") < date else "")
        return nearest[0][:3] + "ELI" if len(nearest[0]) >= 6 else nearest[0]
    if undated and not dated:
        return undated[0] or None
    open_ended = [c for c, lo, hi in dated if hi is None]
    if open_ended:
        return open_ended[-1]
    return (undated[0] or None) if undated else dated[-1][0]


def _variants(token: Token) -> tuple[str, ...]:
    """Forms a token may take in a dictionary: as written, its lemma, and a de-pluralised proper noun."""
    lower = token.lower_
    forms = [lower]
    lemma = token.lemma_.lower()
    if lemma != lower:
        forms.append(lemma)
    if lower.endswith("s") and (token.tag_ == "NNPS" or token.text[:1].isupper()):
        forms.append(lower[:-1])  # "Russians", "Kazakhs"
    return tuple(forms)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _named_ok(tokens: Sequence[Token], phrase: tuple[str, ...]) -> bool:
    """Case rules: a named actor must look like a name ("US", not "us"; "Turkey", not "turkey")."""
    if not any(_capitalised(t) for t in tokens):
        return False
    if len(phrase) == 1:
        token = tokens[0]
        if not _capitalised(token):
            return False
        if len(token.text) <= 3 and token.text.isalpha() and not token.is_upper:
            return False
    return True


def _agent_form_ok(token: Token, word: str) -> bool:
    """The last word of an agent phrase also matches as a stem ("minist" -> "ministers", "ministry"), when
    the word is a noun ("diplomatic" is not a "diplomat")."""
    lower = token.lower_
    return token.pos_ in ("NOUN", "PROPN") and len(word) >= 5 and lower.startswith(word) and len(lower) - len(word) <= 4


def _match_end(tokens: Sequence[Token], i: int, phrase: tuple[str, ...], agent: bool) -> int | None:
    """Where `phrase` ends when it matches at position i (exclusive, in `tokens`), else None. Hyphens in the
    text that the phrase lacks are skipped ("Jean-Marie Guehenno" matches "jean marie guehenno")."""
    j, n = i, len(phrase)
    for k, word in enumerate(phrase):
        while k > 0 and j < len(tokens) and tokens[j].text == "-" and word != "-" and not tokens[j - 1].whitespace_:
            j += 1
        if j >= len(tokens):
            return None
        token = tokens[j]
        if k < n - 1:
            if token.lower_ != word:
                return None
        elif word not in _variants(token) and not (agent and _agent_form_ok(token, word)):
            return None
        j += 1
    return j


def _second_words(tokens: Sequence[Token], i: int) -> set[str]:
    """Forms the word after position i may take as a phrase's second word (hyphens skipped, stems included)."""
    j = i + 1
    while j < len(tokens) and tokens[j].text == "-" and not tokens[j - 1].whitespace_:
        j += 1
    if j >= len(tokens):
        return set()
    forms = set(_variants(tokens[j]))
    lower = tokens[j].lower_
    forms.update(lower[:-cut] for cut in range(1, 5) if len(lower) - cut >= 5)
    return forms


def _best_at(tokens: Sequence[Token], i: int, dictionary: ActorDictionary) -> DictMatch | None:
    """The longest dictionary match starting at position i (a named actor wins a tie with an agent)."""
    best: DictMatch | None = None

    def longer(end: int) -> bool:
        return best is None or tokens[end - 1].i + 1 - tokens[i].i > best.end - best.start

    seconds = _second_words(tokens, i)
    for form in _variants(tokens[i]):
        for phrase, idx in dictionary.named.candidates(form, seconds):
            end = _match_end(tokens, i, phrase, False)
            if end is not None and longer(end) and _named_ok(tokens[i:end], phrase):
                best = dictionary.named_match(idx, tokens[i].i, tokens[end - 1].i + 1)
                break
        for phrase, idx in dictionary.agents.candidates(form, seconds):
            end = _match_end(tokens, i, phrase, True)
            if end is not None and longer(end):
                best = dictionary.agent_match(idx, tokens[i].i, tokens[end - 1].i + 1)
                break
    if best is None and len(tokens[i].lower_) > 5:
        best = _stem_agent(tokens, i, dictionary)
    return best


def find_matches(tokens: Sequence[Token] | Doc | Span, dictionary: ActorDictionary) -> list[DictMatch]:
    """Dictionary matches over a token sequence (token offsets are Doc indices): the longest match at each
    position, then the longest ones first without overlaps ("The United States Supreme Court" is the court,
    not "The United States" followed by "Supreme Court")."""
    tokens = list(tokens)
    found = [m for i in range(len(tokens)) if (m := _best_at(tokens, i, dictionary)) is not None]
    chosen: list[DictMatch] = []
    used: set[int] = set()
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not used.intersection(range(m.start, m.end)):
            chosen.append(m)
            used.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def place_matches(
    places: Sequence[Place], doc: Doc, taken: Sequence[DictMatch], dictionary: ActorDictionary
) -> list[DictMatch]:
    """Places the dictionaries do not know ("Mariupol"), as actors of their country, like the capitals and
    cities the country dictionary lists; places overlapping a dictionary match are left to it."""
    used = {i for m in taken for i in range(m.start, m.end)}
    out = []
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        code = dictionary.iso_to_cameo.get(place.country or "")
        if span is None or code is None or place.feature == "continent" or used & set(range(span.start, span.end)):
            continue
        name = dictionary.country_name(code)
        out.append(DictMatch(span.start, span.end, "named", f"place:{place.geonameid}", name, ((code, None, None),)))
    return out


def merge_matches(*groups: Sequence[DictMatch]) -> list[DictMatch]:
    """Matches from several sources in document order."""
    return sorted((m for g in groups for m in g), key=lambda m: m.start)


def _stem_agent(tokens: Sequence[Token], i: int, dictionary: ActorDictionary) -> DictMatch | None:
    """A one-word agent matched as a stem ("ministers" for "minist")."""
    lower = tokens[i].lower_
    for cut in range(1, 5):
        for phrase, idx in dictionary.agents.candidates(lower[:-cut]):
            if len(phrase) == 1 and _agent_form_ok(tokens[i], phrase[0]):
                return dictionary.agent_match(idx, tokens[i].i, tokens[i].i + 1)
    return None


def phrase_tokens(head: Token, *, top: bool = True) -> list[Token]:
    """The tokens of the noun phrase headed by `head`: no clauses, no prepositions but "of"/"from", and no
    conjuncts of the head itself (those are separate participants), though conjoined modifiers stay in."""
    keep = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS and not (not top and child.dep_ in ("conj", "cc")):
            continue
        if child.dep_ == "prep" and child.lower_ not in PHRASE_PREPS:
            continue
        keep.extend(phrase_tokens(child, top=False))
    return sorted(keep, key=lambda t: t.i)


def _located_in(head: Token) -> list[Token]:
    """The noun phrases of an "in" attached to a sector noun: where the people it names belong."""
    return [
        t
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for h in conjuncts(pobj)
        for t in phrase_tokens(h)
    ]


def conjuncts(head: Token) -> list[Token]:
    """`head` and the heads it is coordinated with ("Brazil and the United States")."""
    return [head, *[c for c in head.conjuncts if c.i != head.i]]


def resolve_phrase(
    head: Token, matches: Sequence[DictMatch], dictionary: ActorDictionary, date: str | None
) -> list[ActorMention]:
    """Actors named by the noun phrase headed by `head`: one per coordinated name ("Hungarian and Romanian
    officials" gives HUNGOV and ROUGOV). Empty when the phrase names no known actor."""
    ids = {t.i for t in phrase_tokens(head)}
    inside = [m for m in matches if m.start in ids and m.kind != "null"]
    if inside and all(m.kind == "agent" for m in inside):  # "activists in Arnor", "police in Cairo"
        ids |= {t.i for t in _located_in(head)}
        inside = [m for m in matches if m.start in ids and m.kind != "null"]
    agents = [m for m in inside if m.kind == "agent"]
    named = [m for m in inside if m.kind == "named"]
    agents = _describing(agents, head)
    if not named:
        sectors = "".join(dict.fromkeys(_chunks("".join(a.sectors for a in agents))))
        return [_mention(head.doc, agents, sectors, None, dictionary)] if agents else []
    heads = [m for m in named if m.start <= head.i < m.end]
    if heads:  # the phrase is the named actor itself: "Russian Foreign Minister Lavrov", "the United Nations"
        chosen, parts = heads[:1], []
    else:  # named modifiers of a sector noun: "Syrian army", "Hungarian and Romanian officials"
        chosen, parts = _modifiers(named, head), agents
    out: list[ActorMention] = []
    for m in chosen:
        code = code_on(m.spells, date)
        if code is None:
            continue
        country, own = dictionary.split_code(code)
        if parts and country and not own:
            code += "".join(dict.fromkeys(_chunks("".join(a.sectors for a in parts))))
        mention = _mention(head.doc, [m, *parts], code, m, dictionary)
        if all(x.actor.code != mention.actor.code for x in out):
            out.append(mention)
    return out


def _nearest(found: Sequence[DictMatch], head: Token) -> list[DictMatch]:
    """The match covering the head, else the nearest one before it, else the first one after it."""
    if not found:
        return []
    covering = [m for m in found if m.start <= head.i < m.end]
    before = [m for m in found if m.end <= head.i]
    if covering:
        return covering[:1]
    return [max(before, key=lambda m: m.start)] if before else [min(found, key=lambda m: m.start)]


def _describing(agents: Sequence[DictMatch], head: Token) -> list[DictMatch]:
    """The sector nouns that describe the head: the one covering it (or nearest) and those before it, in text
    order ("Danish Islamist media" -> MUS, MED)."""
    nearest = _nearest(agents, head)
    if not nearest:
        return []
    return [a for a in agents if a.start <= nearest[0].start]


def _modifiers(named: Sequence[DictMatch], head: Token) -> list[DictMatch]:
    """The named modifiers that describe the head: all coordinated ones, else the one nearest the head."""
    doc = head.doc
    last_tokens = {m.end - 1 for m in named}
    coordinated = [m for m in named if any(c.i in last_tokens and c.i != m.end - 1 for c in doc[m.end - 1].conjuncts)]
    return coordinated or _nearest(named, head)


def _chunks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _mention(
    doc: Doc, parts: Sequence[DictMatch], code: str, named: DictMatch | None, dictionary: ActorDictionary
) -> ActorMention:
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    span = doc[start:end]
    # sector nouns alone name no country, though some sector codes look like one (MUS: Muslim, Mauritius)
    country, sectors = dictionary.split_code(code) if named is not None else (None, tuple(_chunks(code)))
    name = named.name if named is not None else span.text
    if named is not None and len(code) > 3 and named.spells and all(len(c) == 3 for c, _, _ in named.spells):
        name = f"{named.name} ({' '.join(sectors)})"
    actor = Actor(code=code, name=name, country=country, sectors=sectors)
    rule = "+".join(p.entry_id for p in parts)
    return ActorMention(span.text, span.start_char, span.end_char, actor, rule)


def named_mentions(
    doc: Doc, matches: Iterable[DictMatch], dictionary: ActorDictionary, date: str | None
) -> list[ActorMention]:
    """Every named actor found in the document, coded as of `date` (the article's actor mentions)."""
    return [
        _mention(doc, [m], code, m, dictionary)
        for m in matches
        if m.kind == "named" and (code := code_on(m.spells, date)) is not None
    ]


def resolve_span_actor(
    span: Span, matches: Iterable[DictMatch], dictionary: ActorDictionary, date: str | None
) -> ActorMention | None:
    """The actor named by a whole span (its syntactic root), for the `whodid actors` command."""
    inside = [m for m in matches if m.start < span.end and m.end > span.start]
    found = resolve_phrase(span.root, inside, dictionary, date)
    if not found:  # "an amusement park in Kabul": the root names nothing, a name inside the span does
        named = [m for m in inside if m.kind == "named"]
        found = resolve_phrase(span.doc[named[0].end - 1], inside, dictionary, date) if named else []
    return found[0] if found else None
