"""Nominal event triggers: events a noun names and its verb only carries ("staged a hunger strike" -> 142,
"imposed a curfew" -> 1723, "lifted the curfew" -> 0813). Table: data/event_nouns.json."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from whodid.arguments import TARGET_PREPS
from whodid.lexicon import Coding, package_json
from whodid.records import Place

MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "punct"})  # "hunger strike", "cease-fire", "martial law"
# A noun in one of these relations is read through its verb ("held talks", "the attack killed 20"); elsewhere an
# event noun with actors of its own is an event by itself ("news of talks between X and Y").
VERB_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "appos"})
# Prepositions that name a nominal event's doer ("the capture of the town by the army") or its parties.
AGENT_PREPS = frozenset({"by"})
PARTY_PREPS = frozenset({"between", "among", "amongst"})
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
CIRCUMSTANCE_PREPS = frozenset({"in", "during", "by", "amid", "through"})
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})  # "talks on Yemen": not where they are
RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "which", "that", "who"
FORCE_ROOTS = frozenset({"17", "18", "19", "20"})  # coercion and force: "an attack on X" is where X is


class NounLexicon:
    """Event nouns, the light verbs that carry them, and verb-noun pairs whose code the noun decides."""

    def __init__(self, data: dict) -> None:
        self.nouns: dict[str, str] = data.get("nouns", {})
        self.verb_nouns: dict[str, dict[str, str]] = data.get("verb_nouns", {})
        self.light: dict[str, str | None] = {}  # verb lemma -> the particle it needs ("carry out"), or None
        self.prep_nouns: dict[str, set[str]] = {p: set(v) for p, v in data.get("prep_nouns", {}).items()}
        self.figurative: dict[str, set[str]] = {v: set(n) for v, n in data.get("figurative", {}).items()}
        for phrase in data.get("light_verbs", []):
            verb, _, particle = phrase.partition(" ")
            self.light[verb] = particle or None

    def code(self, verb: Token, current: Coding | None) -> Coding | None:
        """The verb's coding once its object noun is read, or None when the noun changes nothing.

        A verb-noun pair ("impose" + "curfew") overrides the verb's own code unless a dictionary pattern already
        gave a code of the same family or a more specific one; a light verb ("stage") takes its noun's code unless
        a pattern matched that the noun does not refine ("launched an air attack": 195, not the pattern's 190). A
        pair listed as figurative ("came as a surprise", "dug tunnels") gives a coding without a code: no event.
        A noun, not a verb, is coded when it names an event with actors of its own (`standalone`)."""
        if verb.pos_ == "NOUN":
            return self.standalone(verb)
        if verb.pos_ != "VERB":
            return None
        lemma = self._listed_lemma(verb)
        if lemma is None:
            return None
        specific = self.verb_nouns.get(lemma, {})
        figurative = self.figurative.get(lemma, set())
        light = lemma in self.light and self._particle_ok(verb, self.light[lemma])
        if not specific and not light and not figurative:
            return None
        for noun in _object_nouns(verb, self._prepositions(lemma)):
            for phrase in noun_phrases(noun):
                if phrase in figurative:
                    return Coding(None, None, f"figurative:{lemma}+{phrase}", False)
                if (code := specific.get(phrase)) is not None:
                    if current is not None and current.from_pattern and _root(current) == code[:2]:
                        return _refined(code, lemma, phrase, current)  # the pattern already names this event
                    return _coding(code, lemma, phrase, current)
                if light and (code := self.nouns.get(phrase)) is not None:
                    if current is not None and current.from_pattern:
                        return _refined(code, lemma, phrase, current)
                    return _coding(code, lemma, phrase, current)
        return None

    def standalone(self, noun: Token) -> Coding | None:
        """The event a noun names by itself, with its own actors: a possessor ("the army's capture of the
        district"), a "by" agent ("an attack on the town by rebels") or parties ("talks between X and Y"). A noun
        that is a verb's subject or object is left to the verb ("held talks", "the attack killed 20")."""
        if noun.dep_ in VERB_ARGUMENT_DEPS or _circumstance_of_verb(noun) or not nominal_arguments(noun)[0]:
            return None
        for phrase in noun_phrases(noun, objects=False):  # "the army's capture of ...": the capture
            if (code := self.nouns.get(phrase)) is not None:
                return Coding(code, None, f"noun:{phrase}", True)
        return None

    def _listed_lemma(self, verb: Token) -> str | None:
        """The verb's lemma as the table lists it; the word's form is tried too, since the statistical
        lemmatizer slips on some verbs ("staged" -> "stag")."""
        for key in _lemma_candidates(verb):
            if key in self.light or key in self.verb_nouns or key in self.figurative:
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


def _refined(code: str, verb: str, noun: str, pattern: Coding) -> Coding | None:
    """The noun's code where it refines the dictionary pattern's generic one of the same family ("launched an
    air attack": the pattern's 190, the noun's 195); None where the pattern's code stands."""
    known = pattern.code or pattern.reverse or ""
    if _root(pattern) == code[:2] and len(known) == 3 and known.endswith("0") and code != known:
        return _coding(code, verb, noun, pattern)
    return None


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
    nouns = [verb.head if n.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl" else n for n in nouns]  # "the attack,
    return [n for n in nouns if n.pos_ in ("NOUN", "PROPN")]  # which was claimed by X": the attack


def _circumstance_of_verb(noun: Token) -> bool:
    """A noun that tells how a verb's event came about ("were killed in an air strike by X", "agreed during
    talks between X and Y"): the verb's coding reads it."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in CIRCUMSTANCE_PREPS and prep.head.pos_ in ("VERB", "AUX")


def nominal_arguments(noun: Token) -> tuple[list[Token], list[Token]]:
    """Who does what an event noun names and whom it is done to: the possessor or "by" agent and the objects
    of the noun's other prepositions ("the army's capture of the district", "an attack on X by Y"), or the
    parties of "talks between X and Y" (no one acted upon: they act on each other)."""
    doers: list[Token] = []
    objects: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            doers.append(child)
        elif child.dep_ == "prep":
            pobjs = [p for p in child.children if p.dep_ == "pobj"]
            if child.lower_ in PARTY_PREPS:
                return [h for p in pobjs for h in _party_heads(p)], []
            if child.lower_ in AGENT_PREPS:
                doers += pobjs
            elif child.lower_ in TARGET_PREPS:
                objects += pobjs
    if not doers and noun.dep_ == "ROOT":  # a caption's "Trump talks with Ryan": the name is the noun's doer
        doers = [c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in NAME_TYPES]
    return doers, objects


def nominal_places(trigger: Token, places: Sequence[Place], lexicon: NounLexicon | None = None) -> list[Place]:
    """The places inside the phrase of the event noun a trigger stands for (the noun itself, or the object of a
    light verb), outside its doers, parties and topic: "talks between X and Y in Ankara" (not "on Yemen"), "an
    air attack on troops defending the city of Deir Ezzor", "the army's capture of a district of Aleppo".
    `lexicon` (default: the packaged one) tells which nouns are acts of force, whose place may follow "on"."""
    nouns = [trigger] if trigger.pos_ == "NOUN" else [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    named = (lexicon or load_noun_lexicon()).nouns
    out = []
    for noun in nouns:
        left_out = {t.i for h in nominal_arguments(noun)[0] for t in h.subtree}
        code = next((named[p] for p in noun_phrases(noun, objects=False) if p in named), "")
        if code[:2] not in FORCE_ROOTS:
            left_out |= {t.i for c in noun.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS for t in c.subtree}
        spans = [(t.idx, t.idx + len(t.text)) for t in noun.subtree if t.i not in left_out]
        out += [p for p in places if any(s <= p.start < e for s, e in spans)]
    return out


def _party_heads(pobj: Token) -> list[Token]:
    """The heads naming the parties: coordinated modifiers first ("the Russians and Jihadi representatives"
    reads as [Russians and Jihadi] representatives), then the object itself."""
    return [c for c in pobj.children if c.dep_ in ("nmod", "compound") and c.conjuncts] + [pobj]


def noun_phrases(noun: Token, *, objects: bool = True) -> list[str]:
    """Lemma phrases a noun may be listed under, longest first: its modifiers plus head ("joint military
    exercise", "military exercise", "exercise"), then with `objects` "head of object" ("state of emergency"),
    and last the phrases of that object ("a wave of air strikes" -> "air strike")."""
    left = [c for c in noun.lefts if c.dep_ in MODIFIER_DEPS and c.i >= _contiguous_start(noun)]
    phrases = []
    for start in [t.i for t in left] + [noun.i]:
        tokens = noun.doc[start : noun.i + 1]
        phrases.append("".join(t.lemma_.lower() + t.whitespace_ for t in tokens).strip())
    for prep in noun.rights if objects else ():
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
    return NounLexicon(package_json("event_nouns.json"))
