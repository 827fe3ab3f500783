"""Coreference within an article: later mentions ("Lavrov", "the minister", "he") of an actor already named."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from whodid.actor_phrases import code_on, covers, resolve_phrase
from whodid.actors import ActorDictionary, DictMatch

# Person titles that, after "the", refer back to a person already named ("the foreign minister").
ROLE_NOUNS = frozenset(
    {
        "minister",
        "president",
        "premier",
        "chancellor",
        "secretary",
        "king",
        "queen",
        "emir",
        "prince",
        "envoy",
        "ambassador",
        "diplomat",
        "spokesman",
        "spokeswoman",
        "general",
        "commander",
        "leader",
        "senator",
    }
)
# Group nouns that, after "the", refer back to a group or body already named ("the rebels", "the regime").
GROUP_NOUNS = frozenset(
    {"rebels", "militants", "insurgents", "jihadists", "regime", "government", "army", "military", "troops", "group"}
)
# Nouns that, after "the", refer back to a country already named ("the wealthy Gulf state", "the kingdom").
STATE_NOUNS = frozenset({"state", "country", "nation", "kingdom", "emirate", "republic"})
# Words that make a state noun another country than the subject's ("the neighbouring country", "the host nation").
OTHER_STATE_WORDS = frozenset(
    {"neighbouring", "neighboring", "other", "another", "host", "third", "member", "fellow", "home", "same"}
)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
SUBJECT_PRONOUNS = frozenset({"he", "she"})
PRONOUN_WINDOW = 2  # sentences back that a pronoun may reach
ROLE_WINDOW = 5  # sentences back that a role or group noun may reach
MIN_SURNAME = 3  # shorter capitalised words are too often something else


def resolve_coreferences(
    doc: Doc, matches: Sequence[DictMatch], dictionary: ActorDictionary, date: str | None
) -> list[DictMatch]:
    """Matches for later mentions of actors named earlier in `doc`, to merge with `matches`: surnames
    ("coref:surname"), a title before a surname the dictionary knows once ("coref:title-surname"), "the"
    + role noun ("coref:role"), "the" + group noun ("coref:group") and a subject "he"/"she"
    ("coref:pronoun"). Each copies the antecedent's codes; precision first: no match when unsure."""
    taken = {i for m in matches if m.kind != "null" for i in range(m.start, m.end)}
    found: list[DictMatch] = []
    for token in doc:
        if token.i in taken or not (token.lower_ in SUBJECT_PRONOUNS or _name_like(token)):
            continue
        earlier = [m for m in (*matches, *found) if m.end <= token.i and m.kind == "named"]
        match = (
            _surname(token, earlier, doc)
            or _title_surname(token, matches, dictionary)
            or _pronoun(token, earlier, (matches, dictionary), date)
        )
        if match is not None:
            found.append(match)
            taken.add(token.i)
    found.extend(_definite_references(doc, matches, found, date))
    found.extend(_state_references(doc, [*matches, *found], taken, dictionary))
    return sorted(found, key=lambda m: m.start)


def _copy(antecedent: DictMatch, start: int, end: int, rule: str) -> DictMatch:
    entry = antecedent.entry_id.split(":", 2)[-1] if antecedent.entry_id.startswith("coref:") else antecedent.entry_id
    return DictMatch(start, end, "named", f"coref:{rule}:{entry}", antecedent.name, antecedent.spells)


def is_person(match: DictMatch, doc: Doc) -> bool:
    """A named match for a person: tagged PERSON by the parser, or a dictionary entry with dated roles."""
    if match.entry_id.startswith(("coref:", "whodid-person:")):
        return True
    if any(doc[i].ent_type_ == "PERSON" for i in range(match.start, match.end)):
        return True
    return any(lo or hi for code, lo, hi in match.spells if len(code) >= 6)


def _surname(token: Token, earlier: Sequence[DictMatch], doc: Doc) -> DictMatch | None:
    """ "Lavrov" after "Sergey Lavrov": a capitalised word that ends an earlier person's match."""
    if not _name_like(token):
        return None
    for m in reversed(earlier):
        if m.end - m.start > 1 and doc[m.end - 1].text == token.text and is_person(m, doc):
            return _copy(m, token.i, token.i + 1, "surname")
    return None


def _title_surname(token: Token, matches: Sequence[DictMatch], dictionary: ActorDictionary) -> DictMatch | None:
    """ "Deputy Secretary Hicks": a surname right after a title, when only one person in the dictionary has it."""
    doc = token.doc
    if not _name_like(token) or token.i == 0 or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
        return None
    titled = doc[token.i - 1].lower_ in ROLE_NOUNS or any(m.kind == "agent" and m.end == token.i for m in matches)
    if not titled:
        return None
    people = surname_index(dictionary).get(token.lower_, ())
    if len(people) != 1:
        return None
    m = dictionary.named_match(people[0], token.i, token.i + 1)
    return DictMatch(m.start, m.end, "named", f"coref:title-surname:{m.entry_id}", m.name, m.spells)


def _name_like(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and len(token.text) >= MIN_SURNAME and token.is_alpha


def _pronoun(
    token: Token,
    earlier: Sequence[DictMatch],
    known_actors: tuple[Sequence[DictMatch], ActorDictionary],
    date: str | None,
) -> DictMatch | None:
    """A subject "he"/"she": the most recent person who was a subject within the last two sentences; none
    when that subject is coordinated with another person ("Kerry and Lavrov met. He said") or when a person
    the dictionary does not know was the subject since (it could be them). The pronoun takes the actor its
    antecedent's phrase resolved to ("King Hassan of Morocco ... he": Morocco's), not only the name's entry."""
    if token.lower_ not in SUBJECT_PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    doc = token.doc
    window = _window_start(token, PRONOUN_WINDOW)
    known = {i: m for m in earlier if m.start >= window and is_person(m, doc) for i in range(m.start, m.end)}
    subjects = [
        t
        for t in doc[window : token.i]
        if t.dep_ in ("nsubj", "nsubjpass") and (t.i in known or t.ent_type_ == "PERSON")
    ]
    if not subjects:
        return None
    last = subjects[-1]
    if last.i not in known or any(c.i in known or c.ent_type_ == "PERSON" for c in last.conjuncts):
        return None
    antecedent = known[last.i]
    if not code_on(antecedent.spells, date):
        return None
    resolved = resolve_phrase(last, *known_actors, date)
    if resolved and resolved[0].actor.code and resolved[0].start == doc[antecedent.start].idx:
        antecedent = replace(antecedent, spells=((resolved[0].actor.code, None, None),))
    return _copy(antecedent, token.i, token.i + 1, "pronoun")


def _definite_references(
    doc: Doc, matches: Sequence[DictMatch], found: Sequence[DictMatch], date: str | None
) -> list[DictMatch]:
    """ "the minister" -> the latest person whose code has the title's sectors; "the rebels" -> the latest
    group whose code has the noun's sectors. Only bare "the" + noun phrases (no name inside)."""
    out = []
    named = sorted((m for m in (*matches, *found) if m.kind == "named"), key=lambda m: m.start)
    for agent in (m for m in matches if m.kind == "agent"):
        head = doc[agent.end - 1]
        kind = "role" if head.lemma_.lower() in ROLE_NOUNS and head.tag_ == "NN" else None
        if kind is None and head.lower_ in GROUP_NOUNS:
            kind = "group"
        if kind is None or not _bare_definite(doc, agent, named):
            continue
        window = _window_start(head, ROLE_WINDOW)
        candidates = [
            m for m in named if window <= m.start and m.end <= agent.start and _fits(m, agent, kind, doc, date)
        ]
        if candidates:
            out.append(_copy(candidates[-1], agent.start, agent.end, kind))
    return out


def _state_references(
    doc: Doc, matches: Sequence[DictMatch], taken: set[int], dictionary: ActorDictionary
) -> list[DictMatch]:
    """ "the (wealthy Gulf) state" -> the latest country named as a clause's subject a few sentences back
    ("Qatar has pledged ... an agreement forced on the wealthy Gulf state"): a journalist's epithet, "the", a
    describing word or more, and a state noun, with no name of its own ("the country" alone is often any
    country; "the Islamic State" is a name, tagged NNP)."""
    countries = [
        m
        for m in matches
        if m.kind == "named"
        and m.spells
        and all(c in dictionary.countries for c, _, _ in m.spells)
        and doc[m.end - 1].dep_ in SUBJECTS
    ]
    out = []
    for token in doc:
        if token.lower_ not in STATE_NOUNS or token.tag_ != "NN" or token.i in taken or not countries:
            continue
        left = list(token.lefts)
        if len(left) < 2 or left[0].lower_ != "the" or not _epithet(token, left, taken):
            continue
        window = _window_start(token, ROLE_WINDOW)
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        earlier = [
            m for m in countries if window <= m.start and m.end <= left[0].i and doc[m.end - 1].head != verb
        ]  # not the subject of its own clause ("Sweden praised the Nordic country" is not Sweden)
        if len({frozenset(c for c, _, _ in m.spells) for m in earlier}) == 1:  # two countries: either may be meant
            out.append(_copy(earlier[-1], token.i, token.i + 1, "state"))
    return out


def _epithet(noun: Token, left: list[Token], taken: set[int]) -> bool:
    """A state noun that describes a country: no name among its words, no modifier that points to another
    country than the one named ("the neighbouring country", "a fellow member state"), and no "of" phrase
    ("the northern state of Jammu" is part of a country)."""
    if any(t.i in taken or t.lower_ in OTHER_STATE_WORDS for t in left):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.rights)


def _bare_definite(doc: Doc, agent: DictMatch, named: Sequence[DictMatch]) -> bool:
    """ "the minister" alone: "the" right before the noun, and no name attached to it."""
    if agent.start == 0 or doc[agent.start - 1].lower_ != "the":
        return False
    head = doc[agent.end - 1]
    attached = {t.i for t in head.subtree}
    return not any(m.start in attached for m in named)


def _fits(candidate: DictMatch, agent: DictMatch, kind: str, doc: Doc, date: str | None) -> bool:
    code = code_on(candidate.spells, date)
    if not code or is_person(candidate, doc) != (kind == "role"):
        return False
    sectors = {code[i : i + 3] for i in range(3, len(code), 3)} | {code[:3]}
    wanted = {agent.sectors[i : i + 3] for i in range(0, len(agent.sectors), 3)}
    return bool(sectors & wanted)


def _window_start(token: Token, sentences: int) -> int:
    """The first token of the sentence `sentences` before the token's own."""
    sent = token.sent
    for _ in range(sentences):
        if sent.start == 0:
            break
        sent = token.doc[sent.start - 1].sent
    return sent.start


@lru_cache(maxsize=4)
def surname_index(dictionary: ActorDictionary) -> dict[str, tuple[int, ...]]:
    """Surname -> the dictionary's people entries with that surname (people: dated roles, two words or more)."""
    index: dict[str, list[int]] = {}
    for i, entry in enumerate(dictionary.entries):
        words = entry["name"].split()
        roles = [c for c in entry["codes"] if len(c[0]) >= 6 and (c[1] or c[2])]
        if len(words) >= 2 and roles and len(words[-1]) >= MIN_SURNAME and words[-1][:1].isupper():
            index.setdefault(words[-1].lower(), []).append(i)
    return {k: tuple(v) for k, v in index.items()}


def headline_references(
    title_doc: Doc,
    title_matches: Sequence[DictMatch],
    body: tuple[Doc, Sequence[DictMatch]],
    dictionary: ActorDictionary,
    date: str | None,
) -> list[DictMatch]:
    """Matches for surnames in a headline ("Kerry asks for ceasefire"): the person of the article's body whose
    match ends with that word ("coref:headline"), else the one person of the dictionary with that surname who
    held a role at the article's date ("coref:dated-surname")."""
    body_doc, body_matches = body
    taken = {i for m in title_matches if m.kind != "null" for i in range(m.start, m.end)}
    people: dict[str, DictMatch] = {}
    for m in body_matches:
        if m.kind == "named" and is_person(m, body_doc):
            people.setdefault(body_doc[m.end - 1].text, m)  # the first mention in the body
    found: list[DictMatch] = []
    for token in title_doc:
        if token.i in taken or not _name_like(token):
            continue
        if token.text in people:
            found.append(_copy(people[token.text], token.i, token.i + 1, "headline"))
        elif (match := dated_surname(token, dictionary, date)) is not None:
            found.append(match)
    return found


def dated_surname(token: Token, dictionary: ActorDictionary, date: str | None) -> DictMatch | None:
    """The dictionary's only person with this surname who held a role at `date` ("Kerry" in December 2016 ->
    John Kerry, USAGOV), or None when there is no date, no such person or more than one."""
    if date is None:
        return None
    people = [
        m
        for i in surname_index(dictionary).get(token.lower_, ())
        if _in_role(m := dictionary.named_match(i, token.i, token.i + 1), date)
    ]
    if len(people) != 1:
        return None
    m = people[0]
    return DictMatch(m.start, m.end, "named", f"coref:dated-surname:{m.entry_id}", m.name, m.spells)


def _in_role(match: DictMatch, date: str) -> bool:
    return any(len(code) >= 6 and (lo or hi) and covers(lo, hi, date) for code, lo, hi in match.spells)
