"""Nominal event triggers: events a noun names and its verb only carries ("staged a hunger strike" -> 142,
"imposed a curfew" -> 1723, "lifted the curfew" -> 0813). Table: data/event_nouns.json."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from whodid.lexicon import Coding

MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "punct"})  # "hunger strike", "cease-fire", "martial law"


class NounLexicon:
    """Event nouns, the light verbs that carry them, and verb-noun pairs whose code the noun decides."""

    def __init__(self, data: dict) -> None:
        self.nouns: dict[str, str] = data.get("nouns", {})
        self.verb_nouns: dict[str, dict[str, str]] = data.get("verb_nouns", {})
        self.light: dict[str, str | None] = {}  # verb lemma -> the particle it needs ("carry out"), or None
        self.prep_nouns: dict[str, set[str]] = {p: set(v) for p, v in data.get("prep_nouns", {}).items()}
        for phrase in data.get("light_verbs", []):
            verb, _, particle = phrase.partition(" ")
            self.light[verb] = particle or None

    def code(self, verb: Token, current: Coding | None) -> Coding | None:
        """The verb's coding once its object noun is read, or None when the noun changes nothing.

        A verb-noun pair ("impose" + "curfew") overrides the verb's own code unless a dictionary pattern already
        gave a code of the same family; a light verb ("stage") takes its noun's code unless a pattern matched."""
        if verb.pos_ != "VERB":
            return None
        lemma = self._listed_lemma(verb)
        if lemma is None:
            return None
        specific = self.verb_nouns.get(lemma, {})
        light = lemma in self.light and self._particle_ok(verb, self.light[lemma])
        if not specific and not light:
            return None
        for noun in _object_nouns(verb, self._prepositions(lemma)):
            for phrase in noun_phrases(noun):
                if (code := specific.get(phrase)) is not None:
                    if current is not None and current.from_pattern and _root(current) == code[:2]:
                        return None  # the dictionary pattern already names this kind of event
                    return _coding(code, lemma, phrase, current)
                if light and (code := self.nouns.get(phrase)) is not None:
                    if current is not None and current.from_pattern:
                        return None
                    return _coding(code, lemma, phrase, current)
        return None

    def _listed_lemma(self, verb: Token) -> str | None:
        """The verb's lemma as the table lists it; the word's form is tried too, since the statistical
        lemmatizer slips on some verbs ("staged" -> "stag")."""
        for key in _lemma_candidates(verb):
            if key in self.light or key in self.verb_nouns:
                return key
        return None

    def _prepositions(self, lemma: str) -> set[str]:
        """Prepositions whose object names this verb's event ("engaged in a battle")."""
        return {prep for prep, verbs in self.prep_nouns.items() if lemma in verbs}

    @staticmethod
    def _particle_ok(verb: Token, particle: str | None) -> bool:
        return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children)


def _lemma_candidates(verb: Token) -> list[str]:
    word = verb.lower_
    out = [verb.lemma_.lower(), word]
    if word.endswith("ing"):
        out += [word[:-3] + "e", word[:-3]]
    elif word.endswith(("ed", "es")):
        out += [word[:-1], word[:-2]]
    elif word.endswith("s"):
        out.append(word[:-1])
    return out


def _root(coding: Coding) -> str:
    return (coding.code or coding.reverse or "")[:2]


def _coding(code: str, verb: str, noun: str, current: Coding | None) -> Coding:
    return Coding(code, None, f"noun:{verb}+{noun}", True, current.particle_ids if current else ())


def _object_nouns(verb: Token, prepositions: set[str] = frozenset()) -> list[Token]:
    """The nouns the verb acts on: its direct object, the subject of its passive ("a curfew was imposed"), or
    the object of one of `prepositions` ("engaged in a battle")."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    deps = ("dobj", "nsubjpass") if passive else ("dobj",)
    nouns = [c for c in verb.children if c.dep_ in deps]
    nouns += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in prepositions
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return [n for n in nouns if n.pos_ in ("NOUN", "PROPN")]


def noun_phrases(noun: Token) -> list[str]:
    """Lemma phrases a noun may be listed under, longest first: its modifiers plus head ("joint military
    exercise", "military exercise", "exercise"), "head of object" ("state of emergency"), and last the
    phrases of that object ("a wave of air strikes" -> "air strike")."""
    left = [c for c in noun.lefts if c.dep_ in MODIFIER_DEPS and c.i >= _contiguous_start(noun)]
    phrases = []
    for start in [t.i for t in left] + [noun.i]:
        tokens = noun.doc[start : noun.i + 1]
        phrases.append("".join(t.lemma_.lower() + t.whitespace_ for t in tokens).strip())
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [p for p in prep.children if p.dep_ == "pobj"]
            phrases[-1:-1] = [f"{noun.lemma_.lower()} of {p.lemma_.lower()}" for p in objects]
            phrases += [phrase for p in objects for phrase in noun_phrases(p)]  # "ten days of war games"
            break
    return list(dict.fromkeys(phrases))


def _contiguous_start(noun: Token) -> int:
    """The first token of the unbroken run of modifiers just before the noun."""
    i = noun.i
    while i > 0 and noun.doc[i - 1].head.i in range(i, noun.i + 1) and noun.doc[i - 1].dep_ in MODIFIER_DEPS:
        i -= 1
    return i


@lru_cache(maxsize=1)
def load_noun_lexicon() -> NounLexicon:
    """The packaged table of event nouns (loaded once per process)."""
    text = resources.files("whodid").joinpath("data", "event_nouns.json").read_text(encoding="utf-8")
    return NounLexicon(json.loads(text))
