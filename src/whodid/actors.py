"""Actors: load the actor dictionaries and find dictionary actors and sector nouns in parsed text."""

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

from whodid.place_tokens import generic_place_word
from whodid.records import Place

MatchKind = Literal["named", "agent", "null"]
Spell = tuple[str, str | None, str | None]  # code, valid from, valid to (ISO dates, open when None)

# Codes that put the country second (a multinational company or an NGO based in that country).
COUNTRY_SECOND = frozenset({"MNC", "NGO"})
# Shortest word checked for a swapped pair of letters (shorter words are too often another word).
MIN_MISSPELT = 5


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

    def firsts(self) -> set[str]:
        """The words some phrase starts with."""
        return set(self._index)

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
        found = [c for second in seconds if second in level for c in level[second]]
        if not found:
            return level.get("", [])
        found.extend(level.get("", ()))
        return sorted(found, key=lambda c: -len(c[0]))


class ActorDictionary:
    """Named actors (countries, capitals, leaders, organisations, groups) and agents (sector nouns)."""

    def __init__(self, actors: dict, agents: list[dict]) -> None:
        self.countries: dict[str, dict[str, str]] = actors["countries"]
        self.iso_to_cameo = {v["iso3"]: code for code, v in self.countries.items()}
        self._split_cache: dict[str, tuple[str | None, tuple[str, ...]]] = {}
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
        self.first_words = frozenset(self.named.firsts() | self.agents.firsts())  # words some phrase starts with

    @property
    def entries(self) -> list[dict]:
        """The named entries (read only): {"id", "name", "phrases", "codes", "null"}."""
        return self._entries

    @property
    def agent_entries(self) -> list[dict]:
        """The agents (read only): {"phrase", "code"}."""
        return self._agents

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
        if (known := self._split_cache.get(code)) is None:
            known = self._split_cache[code] = self._split(code)
        return known

    def _split(self, code: str) -> tuple[str | None, tuple[str, ...]]:
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
    """An actor dictionary from the user's own files (PETRARCH format, or CSV: see `whodid.convert`), before the
    packaged one (so the user's entries win a tie: they override) or alone."""
    from whodid.convert import PhraseTokenizer, user_actor_data, user_agent_data

    tokenize = PhraseTokenizer()
    actors = user_actor_data([Path(p) for p in actor_files], tokenize)
    agents = user_agent_data([Path(p) for p in agent_files], tokenize)
    if with_packaged:
        base = load_actor_dictionary()
        countries = {**base.countries, **actors["countries"]}
        actors = {"countries": countries, "entries": [*actors["entries"], *base.entries]}
        agents = [*agents, *base.agent_entries]
    return ActorDictionary(actors, agents)


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


AGENT_STEM_MIN = 5  # agent words this long also match as stems ("minist" -> "ministers")


def _agent_form_ok(token: Token, word: str) -> bool:
    """The last word of an agent phrase also matches as a stem ("minist" -> "ministers", "ministry"), when
    the word is a noun ("diplomatic" is not a "diplomat")."""
    lower = token.lower_
    stem = len(word) >= AGENT_STEM_MIN and lower.startswith(word) and len(lower) - len(word) <= 4
    return token.pos_ in ("NOUN", "PROPN") and stem


def _match_end(
    tokens: Sequence[Token], forms: Sequence[tuple[str, ...]], i: int, phrase: tuple[str, ...], agent: bool
) -> int | None:
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
        elif word not in forms[j] and not (agent and _agent_form_ok(token, word)):
            return None
        j += 1
    return j


def _second_words(tokens: Sequence[Token], forms: Sequence[tuple[str, ...]], i: int) -> set[str]:
    """Forms the word after position i may take as a phrase's second word (hyphens skipped, stems included;
    a hyphen itself too, for phrases written with one: "al - nusra")."""
    j = i + 1
    while j < len(tokens) and tokens[j].text == "-" and not tokens[j - 1].whitespace_:
        j += 1
    if j >= len(tokens):
        return set()
    found = set(forms[j])
    if j > i + 1:
        found.add("-")
    lower = tokens[j].lower_
    found.update(lower[:-cut] for cut in range(1, 5) if len(lower) - cut >= 5)
    return found


def _best_at(
    tokens: Sequence[Token], forms: Sequence[tuple[str, ...]], i: int, dictionary: ActorDictionary
) -> DictMatch | None:
    """The longest dictionary match starting at position i (a named actor wins a tie with an agent); `forms`
    holds each token's variants."""
    firsts = [f for f in forms[i] if f in dictionary.first_words]
    if not firsts:  # most words: only a stem of an agent may start here
        return _stem_agent(tokens, i, dictionary) if len(forms[i][0]) > 5 else None
    best: DictMatch | None = None

    def longer(end: int) -> bool:
        return best is None or tokens[end - 1].i + 1 - tokens[i].i > best.end - best.start

    seconds = _second_words(tokens, forms, i)
    for form in firsts:
        for phrase, idx in dictionary.named.candidates(form, seconds):
            end = _match_end(tokens, forms, i, phrase, False)
            if end is not None and longer(end) and _named_ok(tokens[i:end], phrase):
                best = dictionary.named_match(idx, tokens[i].i, tokens[end - 1].i + 1)
                break
        for phrase, idx in dictionary.agents.candidates(form, seconds):
            end = _match_end(tokens, forms, i, phrase, True)
            if end is not None and longer(end):
                best = dictionary.agent_match(idx, tokens[i].i, tokens[end - 1].i + 1)
                break
    if best is None and len(forms[i][0]) > 5:
        best = _stem_agent(tokens, i, dictionary)
    return best


def find_matches(tokens: Sequence[Token] | Doc | Span, dictionary: ActorDictionary) -> list[DictMatch]:
    """Dictionary matches over a token sequence (token offsets are Doc indices): the longest match at each
    position, then the longest ones first without overlaps ("The United States Supreme Court" is the court,
    not "The United States" followed by "Supreme Court")."""
    tokens = list(tokens)
    forms = [_variants(t) for t in tokens]
    found = [m for i in range(len(tokens)) if (m := _best_at(tokens, forms, i, dictionary)) is not None]
    found.extend(_misspelt_places(tokens, found, dictionary))
    chosen: list[DictMatch] = []
    used: set[int] = set()
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not used.intersection(range(m.start, m.end)):
            chosen.append(m)
            used.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def _misspelt_places(
    tokens: Sequence[Token], found: Sequence[DictMatch], dictionary: ActorDictionary
) -> list[DictMatch]:
    """Capitalised words no phrase matches that are a country, demonym or city name with two adjacent letters
    swapped, the commonest typing slip ("Kazahks", "Dehli"); only names of a bare country code."""
    used = {i for m in found for i in range(m.start, m.end)}
    out = []
    for token in tokens:
        word = token.lower_
        if token.i in used or len(word) < MIN_MISSPELT or not token.is_alpha or not token.text[:1].isupper():
            continue
        for k in range(len(word) - 1):
            swapped = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
            hit = next((idx for phrase, idx in dictionary.named.candidates(swapped) if len(phrase) == 1), None)
            if swapped != word and hit is not None:
                m = dictionary.named_match(hit, token.i, token.i + 1)
                if m.kind == "named" and all(len(c) == 3 and c in dictionary.countries for c, _, _ in m.spells):
                    out.append(DictMatch(m.start, m.end, m.kind, f"misspelt:{m.entry_id}", m.name, m.spells))
                    break
    return out


def place_matches(
    places: Sequence[Place], doc: Doc, taken: Sequence[DictMatch], dictionary: ActorDictionary
) -> list[DictMatch]:
    """Places the dictionaries do not know ("Mariupol"), as actors of their country, like the capitals and
    cities the country dictionary lists; places overlapping a dictionary match are left to it, unless the place
    is a longer name of another country's place that holds it ("Nassau County" is in New York, not the
    Bahamas' capital "Nassau"). A place named by a generic word ("Gulf", a region of Papua New Guinea, in
    "Gulf states") names no actor."""
    out = []
    at = _by_token(taken)
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        code = dictionary.iso_to_cameo.get(place.country or "")
        if span is None or code is None or place.feature == "continent" or generic_place_word(place.text):
            continue
        overlapping = list({id(m): m for i in range(span.start, span.end) for m in at.get(i, ())}.values())
        if overlapping and not _holds_foreign_places(span, code, overlapping, dictionary):
            continue
        name = dictionary.country_name(code)
        out.append(DictMatch(span.start, span.end, "named", f"place:{place.geonameid}", name, ((code, None, None),)))
    return out


def _holds_foreign_places(span: Span, code: str, inside: Sequence[DictMatch], dictionary: ActorDictionary) -> bool:
    """Whether the place `span` (of country `code`) strictly holds every one of the dictionary matches `inside`,
    all of them places of other countries (a country, or a capital coded as its government)."""
    for m in inside:
        if not (span.start <= m.start and m.end <= span.end and m.end - m.start < len(span)) or m.kind != "named":
            return False
        for spell, _, _ in m.spells:
            country, own = dictionary.split_code(spell)
            if spell[:3] == code or country is None or not set(own) <= {"GOV"}:
                return False
    return True


def merge_matches(*groups: Sequence[DictMatch]) -> list[DictMatch]:
    """Matches from several sources in document order; a match inside a longer place name is dropped (the place
    holds it: "Nassau" in "Nassau County")."""
    found = [m for g in groups for m in g]
    covering = _by_token([m for m in found if m.entry_id.startswith("place:")])
    if covering:
        found = [
            m
            for m in found
            if m.entry_id.startswith("place:") or not any(_inside(m, p) for p in covering.get(m.start, ()))
        ]
    return sorted(found, key=lambda m: m.start)


def _by_token(matches: Sequence[DictMatch]) -> dict[int, list[DictMatch]]:
    """Token index -> the matches that cover it."""
    out: dict[int, list[DictMatch]] = {}
    for m in matches:
        for i in range(m.start, m.end):
            out.setdefault(i, []).append(m)
    return out


def _inside(m: DictMatch, outer: DictMatch) -> bool:
    """`m` lies within `outer` and is shorter."""
    return outer.start <= m.start and m.end <= outer.end and m.end - m.start < outer.end - outer.start


def _stem_agent(tokens: Sequence[Token], i: int, dictionary: ActorDictionary) -> DictMatch | None:
    """A one-word agent matched as a stem ("ministers" for "minist")."""
    lower = tokens[i].lower_
    for cut in range(1, 5):
        if lower[:-cut] not in dictionary.first_words:  # no phrase at all starts so (the quick test)
            continue
        for phrase, idx in dictionary.agents.candidates(lower[:-cut]):
            if len(phrase) == 1 and _agent_form_ok(tokens[i], phrase[0]):
                return dictionary.agent_match(idx, tokens[i].i, tokens[i].i + 1)
    return None
