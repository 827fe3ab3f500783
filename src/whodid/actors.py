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
# Sectors of a state's own institutions (a government, parliament, court, army, police, intelligence service).
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
# Shortest word checked for a swapped pair of letters (shorter words are too often another word).
MIN_MISSPELT = 5
# spaCy entity types that may name an actor the dictionaries do not know.
ACTOR_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Prepositions that say where something is: their object is a place, not a participant.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# Modifiers that make a named person or official a former one ("former President Trump", "ex-minister").
FORMER_WORDS = frozenset({"former", "ex", "erstwhile"})


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

    def __contains__(self, first: str) -> bool:
        """Some phrase starts with the word `first`."""
        return first in self._index

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


def code_on(spells: Sequence[Spell], date: str | None) -> str | None:
    """The code valid on `date` (ISO); undated codes are the fallback; without a date, the current role
    (an open-ended one), else the undated default, else the last role known.
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
    best: DictMatch | None = None

    def longer(end: int) -> bool:
        return best is None or tokens[end - 1].i + 1 - tokens[i].i > best.end - best.start

    firsts = [f for f in forms[i] if f in dictionary.named or f in dictionary.agents]
    seconds = _second_words(tokens, forms, i) if firsts else set()
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
    if best is None and len(tokens[i].lower_) > 5:
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
    stack = [(head, top)]
    while stack:
        token, is_top = stack.pop()
        for child in token.children:
            dep = child.dep_
            if dep in CLAUSE_DEPS and (is_top or dep not in ("conj", "cc")):
                continue
            if dep == "prep" and child.lower_ not in PHRASE_PREPS:
                continue
            keep.append(child)
            stack.append((child, False))
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
    tokens = phrase_tokens(head)
    ids = {t.i for t in tokens}
    inside = [m for m in matches if m.start in ids and m.kind != "null"]
    if inside and all(m.kind == "agent" for m in inside):  # "activists in Arnor", "police in Cairo"
        ids |= {t.i for t in _located_in(head)}
        inside = [m for m in matches if m.start in ids and m.kind != "null"]
    if (led := _led_body(head, inside, matches, dictionary, date)) is not None:
        return led  # "the president of the Chadian Human Rights League" speaks for the league
    agents = [m for m in inside if m.kind == "agent"]
    named = [m for m in inside if m.kind == "named"]
    agents = _describing(agents, head)
    if not named:
        sectors = "".join(dict.fromkeys(_chunks("".join(a.sectors for a in agents))))
        return [_mention(head.doc, agents, sectors, None, dictionary)] if agents else []
    former = any(t.lower_ in FORMER_WORDS for t in tokens)
    heads = [m for m in named if m.start <= head.i < m.end]
    if heads:  # the phrase is the named actor itself: "Russian Foreign Minister Lavrov", "the United Nations"
        chosen, parts, titles = heads[:1], [], [a for a in agents if a.end <= heads[0].start]
    else:  # named modifiers of a sector noun: "Syrian army", "Hungarian and Romanian officials"
        chosen, parts, titles = _modifiers(named, head), agents, []
    out: list[ActorMention] = []
    for m in chosen:
        code = code_on(m.spells, date)
        if code is None:
            continue
        code = _with_sectors(code, parts, titles, former, dictionary)
        if heads:
            code = _other_state(code, [n for n in named if n.end <= m.start], date, dictionary)
        mention = _mention(head.doc, [m, *parts], code, m, dictionary)
        if all(x.actor.code != mention.actor.code for x in out):
            out.append(mention)
    return out


def _with_sectors(
    code: str, parts: Sequence[DictMatch], titles: Sequence[DictMatch], former: bool, dictionary: ActorDictionary
) -> str:
    """A named actor's code with what the phrase adds: sector nouns of a bare country or an international
    body ("Syrian army" SYRMIL, "EU legislators" IGOEUREECLEG); a title written before a person's name, which
    the text states and so wins over the dictionary's dated role ("Foreign Minister Park Jin" KORGOV); and
    "former", which makes a person or official an elite (USAELI)."""
    country, own = dictionary.split_code(code)
    if parts and ((country and not own) or own[:1] == ("IGO",)):
        code += "".join(c for c in dict.fromkeys(_chunks("".join(a.sectors for a in parts))) if c not in own)
    prefix = code[:3] if country else None
    if prefix and titles and own:
        code = prefix + "".join(dict.fromkeys(_chunks("".join(a.sectors for a in titles))))
    if prefix and former:
        code = prefix + "ELI"
    return code


def _other_state(code: str, before: Sequence[DictMatch], date: str | None, dictionary: ActorDictionary) -> str:
    """A state institution that the dictionary files under one country, named with another country's adjective
    ("the French Senate": the Senate is American in the dictionary): that country's institution (FRAGOVLEG)."""
    country, own = dictionary.split_code(code)
    if not country or not own or not set(own) <= STATE_SECTORS:
        return code
    for m in reversed(before):
        other = code_on(m.spells, date) or ""
        if len(other) == 3 and other in dictionary.countries and other != code[:3]:
            return other + code[3:]
    return code


def _led_body(
    head: Token,
    inside: Sequence[DictMatch],
    matches: Sequence[DictMatch],
    dictionary: ActorDictionary,
    date: str | None,
) -> list[ActorMention] | None:
    """A leading title ("president", "spokesman", "head") of a named body with its own sector: the body's
    actor ("president of the Riigikogu" ESTLEG). None when the phrase is not of that shape ("president of
    Russia" is RUSGOV, as usual)."""
    if not head.n_rights:
        return None
    own = [m for m in inside if m.start <= head.i < m.end]
    if len(own) != 1 or own[0].kind != "agent":
        return None
    bodies = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children]
    for body in (b for b in bodies if b.dep_ == "pobj"):
        body_ids = {t.i for t in phrase_tokens(body)}
        if not any(m.kind == "named" and m.start in body_ids for m in matches):
            continue  # "Minister of Defence": a title, not a body's leader
        found = resolve_phrase(body, matches, dictionary, date)
        if found and found[0].actor.sectors:
            return found[:1]
    return None


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
    span = doc[start:end]  # not doc.text: that joins the whole document's tokens on every call
    start_char, end_char, text = span.start_char, span.end_char, span.text
    # sector nouns alone name no country, though some sector codes look like one (MUS: Muslim, Mauritius)
    country, sectors = dictionary.split_code(code) if named is not None else (None, tuple(_chunks(code)))
    name = named.name if named is not None else text
    if named is not None and len(code) > 3 and named.spells and all(len(c) == 3 for c, _, _ in named.spells):
        name = f"{named.name} ({' '.join(sectors)})"
    actor = Actor(code=code, name=name, country=country, sectors=sectors)
    rule = "+".join(p.entry_id for p in parts)
    return ActorMention(text, start_char, end_char, actor, rule)


def named_mentions(
    doc: Doc, matches: Iterable[DictMatch], dictionary: ActorDictionary, date: str | None
) -> list[ActorMention]:
    """Every named actor found in the document, coded as of `date` (the article's actor mentions)."""
    return [
        _mention(doc, [m], code, m, dictionary)
        for m in matches
        if m.kind == "named" and (code := code_on(m.spells, date)) is not None
    ]


def unknown_mentions(doc: Doc, known: Sequence[ActorMention]) -> list[ActorMention]:
    """Named entities that may be actors (people, organisations, nationalities, countries, cities) but resolve
    to nothing known, kept with their text and entity type: code "", rule "unknown:PERSON"."""
    taken = [(m.start, m.end) for m in known]
    out = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_ENTITY_TYPES or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        actor = Actor(code="", name=ent.text, country=None, sectors=())
        out.append(ActorMention(ent.text, ent.start_char, ent.end_char, actor, f"unknown:{ent.label_}"))
    return out


def resolve_span_actor(
    span: Span, matches: Iterable[DictMatch], dictionary: ActorDictionary, date: str | None
) -> ActorMention | None:
    """The actor named by a whole span (its syntactic root), for the `whodid actors` command."""
    inside = [m for m in matches if m.start < span.end and m.end > span.start]
    found = resolve_phrase(span.root, inside, dictionary, date)
    if found:
        return found[0]
    named = [m for m in inside if m.kind == "named"]
    if not named:
        return None
    # "an amusement park in Kabul": the root names nothing, a name inside the span does; a place where the
    # thing is stands for the people there (AFGCVL), any other name for itself
    head = span.doc[named[0].end - 1]
    found = resolve_phrase(head, inside, dictionary, date)
    if not found:
        return None
    actor = found[0].actor
    if not _is_location(head):
        m = found[0]
        return ActorMention(m.text, m.start, m.end, m.actor, m.rule + "+inside")
    if actor.country:
        code = dictionary.iso_to_cameo.get(actor.country, actor.country) + "CVL"
        actor = Actor(code, dictionary.country_name(code[:3]), actor.country, ("CVL",))
        return ActorMention(found[0].text, found[0].start, found[0].end, actor, found[0].rule + "+located")
    return found[0]


def _is_location(token: Token) -> bool:
    """The token is the object of a locative preposition ("in Kabul", "near Aleppo")."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
