"""The verb lexicon: CAMEO verb blocks and their patterns, and the code a verb gets in its parsed context."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from whodid.arguments import BLAST_NOUNS

Slot = tuple[tuple[str, ...], ...]  # alternative word sequences; a pattern is a list of slots matched in order
MARKERS = frozenset({"$", "+", "^", "%", "|"})
POST_WINDOW = 14  # tokens after the verb that patterns may look at
PRE_WINDOW = 6  # tokens before the verb
# Dependents that are clauses of their own: a verb's patterns never look inside them.
OTHER_CLAUSES = frozenset({"conj", "cc", "advcl", "relcl", "parataxis", "punct", "appos", "dep"})
COMPLEMENTS = frozenset({"ccomp", "xcomp"})
FORCE_ROOTS = frozenset({"18", "19"})  # assault, fight
BOMBING_CODE = "183"  # conduct suicide, car, or other non-military bombing
NAMING_VERBS = frozenset({"call", "label", "brand", "term", "dub", "name"})
STATEMENT_CODE = "010"
MAX_SEQUENCES = 4000  # word sequences a joined synset item may stand for
INFINITIVE_TAG = "TO"  # the infinitive marker "to" (the preposition is tagged IN)


def split_codes(raw: str | None) -> tuple[str | None, str | None]:
    """ "042:043" -> ("042", "043"), ":173" -> (None, "173"), "---" or None -> (None, None)."""
    if not raw:
        return None, None
    first, _, second = raw.partition(":")
    first, second = first.strip(), second.strip()
    clean = lambda c: c if c and c[0].isdigit() else None  # noqa: E731
    return clean(first), clean(second)


def _words(raw: str) -> tuple[str, ...]:
    """A dictionary word as a word sequence: "human_rights" -> ("human", "rights"), "cash_" stays exact."""
    parts = [p for p in raw.split("_") if p]
    if raw.endswith("_") and parts:
        parts[-1] += "_"
    return tuple(parts)


@dataclass(frozen=True)
class Pattern:
    """A verb pattern: slots before and after the verb, and the codes it gives."""

    pre: tuple[Slot, ...]
    post: tuple[Slot, ...]
    code: str | None
    reverse: str | None
    origin: str
    verbs: frozenset[str] = frozenset()  # the only block verbs it applies to (function-word patterns); empty: all
    mutual_for: frozenset[str] = frozenset()  # a mutual pattern's own verbs ("battle"): others code one way

    @property
    def size(self) -> int:
        return sum(max(len(alt) for alt in slot) for slot in (*self.pre, *self.post))

    @cached_property
    def anchors(self) -> tuple[frozenset[str], ...]:
        """For each slot, the words one of which must occur in the context (a cheap test before matching)."""
        return tuple(frozenset(alt[0].rstrip("_") for alt in slot) for slot in (*self.pre, *self.post))


@dataclass(frozen=True, slots=True)
class VerbSense:
    """One dictionary verb: its block, its own default code, and words that must follow it ("ask for")."""

    block: int
    phrase: str
    code: str | None
    reverse: str | None
    particles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Coding:
    """The outcome of coding a verb in context."""

    code: str | None
    reverse: str | None
    rule: str  # "verb:ASK/ask" or "pattern:ASK#12"
    from_pattern: bool
    particle_ids: tuple[int, ...] = ()


class VerbLexicon:
    """Verb blocks from the CAMEO verb dictionary, indexed by the verb's first word."""

    def __init__(self, data: dict, overrides: dict | None = None, compositions: dict | None = None) -> None:
        self._candidate_cache: dict[tuple[int, str], _PatternIndex] = {}
        self._families: dict[str, str] = (compositions or {}).get("families", {})
        self._compose_rules: dict[str, dict[str, str]] = (compositions or {}).get("rules", {})
        defaults = {verb: entry["code"] for verb, entry in (overrides or {}).get("defaults", {}).items()}
        dropped = {(d["block"], d["pattern"]) for d in (overrides or {}).get("drop_patterns", [])}
        pattern_only = set((overrides or {}).get("pattern_only", {}).get("verbs", []))
        added: dict[str, list[tuple[str, dict]]] = {}
        for verb, entry in (overrides or {}).get("add_verbs", {}).items():
            added.setdefault(entry["block"], []).append((verb, entry))
        self._synsets = {name.lower(): [tuple(w.split()) for w in words] for name, words in data["synsets"].items()}
        self.blocks: list[tuple[str, list[Pattern]]] = []
        self._senses: dict[str, list[VerbSense]] = {}
        for b, block in enumerate(data["blocks"]):
            verbs = dict(block["verbs"])
            for verb, entry in added.get(block["name"], []):
                verbs.setdefault(verb, [entry["code"], entry.get("forms", [])])
            heads = _verb_heads(verbs)
            roots = _default_roots(verbs, defaults, block["code"])
            patterns = [
                self._pattern(*p, heads=heads, roots=roots)
                for p in block["patterns"]
                if (block["name"], " ".join([*p[0], "*", *p[1]])) not in dropped
            ]
            self.blocks.append((block["name"], [p for p in patterns if p is not None]))
            block_code = split_codes(block["code"])
            for phrase, (raw_code, forms) in verbs.items():
                raw_code = defaults.get(phrase, raw_code)
                own = split_codes(raw_code)
                code, reverse = own if raw_code else block_code
                if phrase in pattern_only:
                    code, reverse = None, None
                words = phrase.split()
                for head in {words[0], *(f.split()[0] for f in forms)}:
                    sense = VerbSense(b, phrase, code, reverse, tuple(words[1:]))
                    self._senses.setdefault(head, []).append(sense)
        for senses in self._senses.values():
            senses.sort(key=lambda s: -len(s.particles))

    def _slot(self, item: str) -> Slot | None:
        item = item.strip("()")
        if item.startswith("{") and item.endswith("}"):
            words = tuple(w for w in item[1:-1].split() if w not in MARKERS)
            if any(w.startswith("&") for w in words):  # "{&weapon attack}": gun attack, rocket attack ...
                return tuple(self._joined("_".join(words))) or None
            return (words,) if words else None
        if "&" in item:
            return self._joined(item) or None
        return tuple(_words(alt) for alt in item.split("/") if alt and alt not in MARKERS) or None

    def _synset(self, name: str) -> list[tuple[str, ...]] | None:
        name = name.lower()
        return self._synsets.get(name) or self._synsets.get(name + "_")

    def _joined(self, item: str) -> list[tuple[str, ...]]:
        """A synset, alone or joined with words and synsets by "_" ("&TIETYPES_MEMOS", "MEMOS_ON_&TIETYPES"): every
        word sequence it stands for; empty when it names a synset the dictionary lacks."""
        parts = [p for p in item.rstrip("_").split("_") if p]
        sequences: list[tuple[str, ...]] = [()]
        i = 0
        while i < len(parts):
            if not parts[i].startswith("&"):
                alternatives, i = [(parts[i],)], i + 1
            else:  # the longest run of parts that names a synset ("&FIGHT_OF_WORDS" before "&FIGHT")
                end = next((j for j in range(len(parts), i, -1) if self._synset("_".join(parts[i:j]))), None)
                if end is None:
                    return []
                alternatives, i = self._synset("_".join(parts[i:end])) or [], end
            sequences = [s + a for s in sequences for a in alternatives][:MAX_SEQUENCES]
        return sequences

    def _pattern(
        self,
        pre: list[str],
        post: list[str],
        code: str | None,
        reverse: str | None,
        origin: str,
        *,
        heads: dict[str, str],
        roots: dict[str, str | None],
    ) -> Pattern | None:
        if any(not self._joined(word) for item in (*pre, *post) for word in re.findall(r"[^\s(){}]*&[^\s(){}]+", item)):
            return None  # "(in &weather)" without its synset would be "(in)": any place would match it
        slots_pre = tuple(s for s in (self._slot_items(pre)) if s)
        slots_post = tuple(s for s in (self._slot_items(post)) if s)
        if not slots_pre and not slots_post:
            return None
        words = [w.lower().replace("_", " ").split()[0] for w in re.split(r"[\s,]+", origin) if w.strip("_ ")]
        verbs = frozenset(heads[w] for w in words if w in heads)
        if words and not verbs:
            return None  # written for a verb this block does not have: it would code unrelated verbs
        mutual_for = verbs if reverse is not None and reverse == code else frozenset()
        if verbs and _has_content_word((*slots_pre, *slots_post)):
            # "* RESTRICTION" (written for REVOKE) serves its synonyms too (cancel, annul ...), but not a synonym
            # of another family: URGE's appeal patterns must not turn "demand" into an appeal
            origin_roots = {roots.get(v) for v in verbs}
            verbs = frozenset(h for h, r in roots.items() if r is None or None in origin_roots or r in origin_roots)
        return Pattern(slots_pre, slots_post, code, reverse, origin, verbs, mutual_for)

    def _slot_items(self, items: list[str]) -> list[Slot]:
        slots: list[Slot] = []
        for item in items:
            if item.startswith("("):  # a prepositional group: its items are slots of their own, in order
                inner = re.findall(r"\{[^}]*\}|[^\s{}]+", item[1:-1] if item.endswith(")") else item[1:])
                slots.extend(s for w in inner if (s := self._slot(w)))
            elif (slot := self._slot(item)) is not None:
                slots.append(slot)
        return slots

    def heads(self) -> frozenset[str]:
        """Words one of which a sentence must hold for some verb phrase of the dictionary to match: each
        phrase's head (lemma or surface form), or its next word when the head is an auxiliary ("is
        determined" -> "determined")."""
        words: set[str] = set()
        for head, senses in self._senses.items():
            if head in AUXILIARIES or not head.isalpha():
                words.update(s.phrase.split()[1] for s in senses if len(s.phrase.split()) > 1)
            else:
                words.add(head)
        return frozenset(w for w in words if w.isalpha())

    def senses(self, token: Token) -> list[VerbSense]:
        """Dictionary senses for a verb token, by lemma or surface form."""
        if token.pos_ != "VERB":
            return []
        return self._senses.get(token.lemma_.lower()) or self._senses.get(token.lower_) or []

    def _candidates(self, block: int, head: str, words: set[str]) -> list[tuple[int, Pattern, Anchors]]:
        """The block's patterns that apply to the verb `head` and whose first slot has a word in `words` (the
        context), largest first (the first of equal size first): the first one that matches is the one to use."""
        key = (block, head)
        found = self._candidate_cache.get(key)
        if found is None:
            found = self._candidate_cache[key] = _PatternIndex(self.blocks[block][1], head)
        return found.for_words(words)

    def code(self, verb: Token) -> Coding | None:
        """The CAMEO code for `verb` in its sentence, or None when the verb is not an event verb."""
        senses = self.senses(verb)
        if not senses:
            return None
        if naming := _naming(verb):  # "called the attack a crime": a comment on the attack, not an attack
            return naming
        phrase = _phrase(verb)  # read once: the context after and before the verb both come from it
        post = [t for t in phrase if t.i > verb.i][:POST_WINDOW]
        sense, particle_ids = _choose_sense(senses, verb, post)
        if sense is None:
            return None
        if _is_statement(sense.code):  # "said the sanctions would stay": the clause is what was said
            post = _post_context(verb, with_clauses=False)
        name = self.blocks[sense.block][0]
        pre = [t for t in phrase if t.i < verb.i][-PRE_WINDOW:]
        words = _context_words((*post, *pre))
        head = sense.phrase.split()[0]
        for n, pattern, anchors in self._candidates(sense.block, head, words):
            if not all(anchor & words for anchor in anchors):
                continue
            if _matches(pattern.post, post) and _matches(pattern.pre, pre):
                one_way = pattern.mutual_for and head not in pattern.mutual_for  # "battle with" is mutual, "attack" not
                reverse = None if one_way else pattern.reverse
                return _by_bombing(verb, Coding(pattern.code, reverse, f"pattern:{name}#{n}", True, particle_ids))
        if sense.code is None and sense.reverse is None:
            return None
        return _by_bombing(verb, Coding(sense.code, sense.reverse, f"verb:{name}/{sense.phrase}", False, particle_ids))


def _naming(verb: Token) -> Coding | None:
    """A verb of naming with an object and what it is called ("called the attack a crime", "branded them
    terrorists"): a statement about the object (CAMEO 010), whatever the object noun names."""
    if verb.lemma_.lower() in NAMING_VERBS and any(c.dep_ == "oprd" for c in verb.children):
        return Coding(STATEMENT_CODE, None, f"naming:{verb.lemma_.lower()}", False)
    return None


def _by_bombing(verb: Token, coding: Coding) -> Coding:
    """Violence done by a bomb ("a roadside bombing killed ...", "wounded in a bomb attack"): CAMEO 183, "conduct
    suicide, car, or other non-military bombing", whatever the verb's own code of force."""
    code = coding.code or ""
    if code[:2] not in FORCE_ROOTS or code.startswith(BOMBING_CODE) or not any(map(_is_blast, _instruments(verb))):
        return coding
    return replace(coding, code=BOMBING_CODE, rule=coding.rule + "+bombing")


def _instruments(verb: Token) -> list[Token]:
    """What does the deed: the subject, a passive's "by" agent, or the attack it was done "in"/"by"."""
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    for prep in (c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")):
        found += [p for p in prep.children if p.dep_ == "pobj"]
    return found


def _is_blast(noun: Token) -> bool:
    """A bomb or bombing, or an attack by one ("bomb attack")."""
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    return any(w.lemma_.lower() in BLAST_NOUNS for w in words)


Anchors = tuple[frozenset[str], ...]


class _PatternIndex:
    """A block's patterns for one verb, ranked largest first, indexed by the words of their first slot."""

    def __init__(self, patterns: Sequence[Pattern], head: str) -> None:
        ranked = sorted(range(len(patterns)), key=lambda n: (-patterns[n].size, n))
        self.ranked = [(n, patterns[n], tuple(patterns[n].anchors)) for n in ranked if _applies(patterns[n], head)]
        self.by_word: dict[str, list[int]] = {}
        self.always: list[int] = []  # patterns without slots
        for rank, (_, _, anchors) in enumerate(self.ranked):
            if not anchors:
                self.always.append(rank)
            for word in anchors[0] if anchors else ():
                self.by_word.setdefault(word, []).append(rank)

    def for_words(self, words: set[str]) -> list[tuple[int, Pattern, Anchors]]:
        ranks = set(self.always)
        for word in words:
            ranks.update(self.by_word.get(word, ()))
        return [self.ranked[rank] for rank in sorted(ranks)]


def _applies(pattern: Pattern, head: str) -> bool:
    return not pattern.verbs or head in pattern.verbs


def compose(lexicon: VerbLexicon, governor: Coding, action: Coding) -> Coding | None:
    """The code of an appeal/intent/demand/refusal/threat whose complement is `action` ("urged X to withdraw"
    -> 0256), or None when no composition applies or the governor already has a specific code."""
    code = governor.code or ""
    family = lexicon._families.get(code[:2])
    if family is None or (governor.from_pattern and not _generic(code)):
        return None
    target = action.code or action.reverse or ""
    for n in (4, 3, 2):
        rule = lexicon._compose_rules.get(target[:n], {}) if len(target) >= n else {}
        if family in rule:
            return Coding(rule[family], None, f"{governor.rule}+{action.rule}", True, governor.particle_ids)
    return None


def _generic(code: str) -> bool:
    """A root code or an unspecified level-1 code ("020", "130")."""
    return len(code) == 2 or (len(code) == 3 and code.endswith("0"))


AUXILIARIES = frozenset({"be", "is", "are", "was", "were", "have", "has", "had", "do", "does", "did"})
FUNCTION_WORDS = frozenset(
    {"to", "for", "with", "from", "in", "on", "at", "by", "of", "into", "against", "over", "about", "up", "down",
     "out", "off", "back", "away", "as", "the", "a", "an", "and"}
)  # fmt: skip


def _has_content_word(slots: Sequence[Slot]) -> bool:
    """Whether a pattern names more than prepositions and particles ("* (TO)" is only good for its own verb)."""
    return any(word.rstrip("_") not in FUNCTION_WORDS for slot in slots for alt in slot for word in alt)


def _default_roots(verbs: dict[str, list], defaults: dict[str, str], block_code: str | None) -> dict[str, str | None]:
    """Each verb head's default CAMEO root (its own code, else the block's), None when it has none."""
    roots: dict[str, str | None] = {}
    for phrase, (raw_code, _forms) in verbs.items():
        code, reverse = split_codes(defaults.get(phrase, raw_code) or block_code)
        roots.setdefault(phrase.split()[0], (code or reverse or "")[:2] or None)
    return roots


def _verb_heads(verbs: dict[str, list]) -> dict[str, str]:
    """Every word form of a block's verbs (phrase heads and listed forms) -> the verb's head word."""
    heads: dict[str, str] = {}
    for phrase, (_code, forms) in verbs.items():
        head = phrase.split()[0]
        heads.setdefault(head, head)
        for form in forms:
            heads.setdefault(form.split()[0], head)
    return heads


def _choose_sense(senses: Sequence[VerbSense], verb: Token, post: Sequence[Token]) -> tuple[VerbSense | None, tuple]:
    """The most specific sense whose particles follow the verb ("ask for" before "ask")."""
    for sense in senses:
        if not sense.particles:
            return sense, ()
        ids = _find_sequence(sense.particles, post[:4])
        if ids is not None:
            return sense, ids
    return None, ()


def _context_words(tokens: Sequence[Token]) -> set[str]:
    """Every form under which `_word_ok` can match a context token."""
    words: set[str] = set()
    for token in tokens:
        lower = token.lower_
        words.update((lower, token.lemma_.lower()))
        if lower.endswith("s"):
            words.add(lower[:-1])
            if lower.endswith("es"):
                words.add(lower[:-2])
    return words


def _word_ok(word: str, token: Token) -> bool:
    if word.endswith("_"):
        return token.lower_ == word[:-1]
    lower = token.lower_
    return lower == word or token.lemma_.lower() == word or lower in (word + "s", word + "es")


def _find_sequence(words: Sequence[str], tokens: Sequence[Token]) -> tuple[int, ...] | None:
    for i in range(len(tokens) - len(words) + 1):
        if all(_word_ok(w, tokens[i + k]) for k, w in enumerate(words)):
            return tuple(t.i for t in tokens[i : i + len(words)])
    return None


def _matches(slots: Sequence[Slot], tokens: Sequence[Token]) -> bool:
    """Every slot matches, in order, somewhere in `tokens` (gaps allowed), except right after an infinitive
    marker: its slot is its own verb ("agree (to sanctions)" is not "agreed to lift the sanctions")."""
    pos = 0
    pinned = False
    for slot in slots:
        found = None
        for i in range(pos, min(pos + 1, len(tokens)) if pinned else len(tokens)):
            for alt in slot:
                if i + len(alt) <= len(tokens) and all(_word_ok(w, tokens[i + k]) for k, w in enumerate(alt)):
                    found = i + len(alt)
                    break
            if found is not None:
                break
        if found is None:
            return False
        pos = found
        pinned = tokens[found - 1].tag_ == INFINITIVE_TAG
    return True


def _phrase(verb: Token, skip: frozenset[str] = frozenset()) -> list[Token]:
    """The verb's own phrase: its dependents, recursively, but not coordinated or adjoined clauses."""
    out: list[Token] = []
    stack = [c for c in verb.children if c.dep_ not in OTHER_CLAUSES and c.dep_ not in skip]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in OTHER_CLAUSES)
    return sorted(out, key=lambda t: t.i)


def _post_context(verb: Token, *, with_clauses: bool) -> list[Token]:
    """Tokens of the verb phrase after the verb: objects, particles, prepositional phrases and, with
    `with_clauses`, complement clauses."""
    tokens = _phrase(verb) if with_clauses else _phrase(verb, skip=COMPLEMENTS)
    return [t for t in tokens if t.i > verb.i][:POST_WINDOW]


def _is_statement(code: str | None) -> bool:
    return bool(code) and code.startswith("01")


def package_json(name: str) -> dict:
    """A JSON data file of the package (gzip-compressed when its name ends in .gz)."""
    raw = resources.files("whodid").joinpath("data", name).read_bytes()
    return json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)


@lru_cache(maxsize=1)
def load_lexicon() -> VerbLexicon:
    """The packaged CAMEO verb dictionary (converted by scripts/build_data.py) with whodid's own corrections
    of verb default codes (data/verb_overrides.json) and its composition table (data/compositions.json)."""
    verbs, overrides = package_json("verbs.json.gz"), package_json("verb_overrides.json")
    return VerbLexicon(verbs, overrides, package_json("compositions.json"))


@lru_cache(maxsize=4)
def load_user_lexicon(verb_file: str) -> VerbLexicon:
    """A lexicon from the user's own PETRARCH-format verb dictionary, taken as it is (whodid's corrections of
    CAMEO.2.0 do not apply to it; its composition table does, since it follows the CAMEO code structure)."""
    from whodid.convert import verb_data

    return VerbLexicon(verb_data(Path(verb_file)), None, package_json("compositions.json"))
