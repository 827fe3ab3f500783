"""Fast attribute rules and lemmas: the same rules as the spaCy pipeline's own `attribute_ruler` (coarse part of
speech and morphology from the fine tag, plus word-specific exceptions), applied by index lookups on each token
instead of a general pattern matcher, and the lemmatizer's own lemmas, worked out once per distinct token. Both
write a Doc's tokens all at once. The output is the same token for token; only time is saved."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMNS = (TAG, LOWER, DEP, IS_SPACE)

Check = Callable[[tuple[int, int, int, int], "_Lowers", int], bool]  # (tag, lower, dep, is_space hashes), lowers, index


class UnsupportedRule(ValueError):
    """A rule the fast version cannot apply (the pipeline then keeps spaCy's own component)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One alternative of one attribute rule: checks for each token of the span, and what to set where."""

    order: int  # the rule's position in the ruler: later rules overwrite earlier ones
    checks: tuple[tuple[Check, ...], ...]
    attrs: dict
    index: int


CACHE_LIMIT = 200_000  # distinct (tag, word, dependency, space) combinations remembered


class FastAttributes:
    """Applies an AttributeRuler's rules. The one-token rules that hold for a token depend only on its tag, lower-
    case form, dependency and space flag, so they are worked out once per combination; rules of two tokens are
    indexed by their first token's exact tag, form or dependency when they name one, the rest tried on every token."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.singles: list[Rule] = []
        self.pairs_by_key: dict[tuple[int, int], list[Rule]] = {}
        self.pairs: list[Rule] = []
        for order, entry in enumerate(ruler.patterns):
            for alternative in entry["patterns"]:
                rule = Rule(order, tuple(_checks(t, strings) for t in alternative), ruler.attrs[order], entry["index"])
                key = _index_key(alternative[0], strings)
                if len(alternative) == 1:
                    self.singles.append(rule)
                elif key is None:
                    self.pairs.append(rule)
                else:
                    self.pairs_by_key.setdefault(key, []).append(rule)
        self._cache: dict[tuple[int, ...], tuple[list[Rule], dict[int, int]]] = {}  # row -> its rules, what they set

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        rows = [tuple(row) for row in doc.to_array(list(COLUMNS)).tolist()]
        lowers = _Lowers(rows, strings)
        hits: dict[int, list[tuple[int, int, dict]]] = {}  # token -> (order, start, attrs) of each rule that hits it
        by_key = self.pairs_by_key
        for i, row in enumerate(rows):
            pairs = [*by_key.get((TAG, row[0]), ()), *by_key.get((LOWER, row[1]), ()), *by_key.get((DEP, row[2]), ())]
            for rule in (*pairs, *self.pairs):
                if _matches(rule, i, rows, lowers):
                    hits.setdefault(i + rule.index, []).append((rule.order, i, rule.attrs))
        merged = [self._singles_for(row, lowers, i)[1] for i, row in enumerate(rows)]
        for i, extra in hits.items():  # rare: a two-token rule; apply all of the token's rules in the ruler's order
            own = [(rule.order, i, rule.attrs) for rule in self._singles_for(rows[i], lowers, i)[0]]
            merged[i] = {k: v for _, _, attrs in sorted([*own, *extra], key=lambda h: h[:2]) for k, v in attrs.items()}
        _write(doc, merged)
        return doc

    def _singles_for(self, row: tuple[int, ...], lowers: _Lowers, i: int) -> tuple[list[Rule], dict[int, int]]:
        """The one-token rules that hold for a token of this row, and what they set (later rules overriding
        earlier ones)."""
        found = self._cache.get(row)
        if found is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            rules = [r for r in self.singles if all(check(row, lowers, i) for check in r.checks[0])]
            found = self._cache[row] = (rules, {k: v for rule in rules for k, v in rule.attrs.items()})
        return found


class _Lowers:
    """Tokens' lower-case strings, looked up only when a rule's regular expression needs one."""

    def __init__(self, rows: Sequence[tuple[int, ...]], strings) -> None:
        self.rows = rows
        self.strings = strings

    def __getitem__(self, i: int) -> str:
        return self.strings[self.rows[i][1]]


def _write(doc: Doc, merged: Sequence[dict[int, int]]) -> None:
    """Set the attributes the rules chose, all tokens at once; tokens no rule hits keep their values."""
    columns = sorted({attr for attrs in merged for attr in attrs})
    if not columns:
        return
    table = doc.to_array(columns)
    if table.ndim == 1:
        table = table.reshape(-1, 1)
    position = {attr: k for k, attr in enumerate(columns)}
    for i, attrs in enumerate(merged):
        for attr, value in attrs.items():
            table[i, position[attr]] = value
    doc.from_array(columns, table)


def _matches(rule: Rule, start: int, rows: Sequence[tuple[int, ...]], lowers: _Lowers) -> bool:
    if start + len(rule.checks) > len(rows):
        return False
    return all(check(rows[start + k], lowers, start + k) for k, checks in enumerate(rule.checks) for check in checks)


def _index_key(token_pattern: dict, strings) -> tuple[int, int] | None:
    for name, attr in (("TAG", TAG), ("LOWER", LOWER), ("DEP", DEP)):
        value = token_pattern.get(name)
        if isinstance(value, str):
            return attr, strings[value]
    return None


def _checks(token_pattern: dict, strings) -> tuple[Check, ...]:
    return tuple(_check(name, value, strings) for name, value in token_pattern.items())


def _check(name: str, value: Any, strings) -> Check:
    if name not in KEYS:
        raise UnsupportedRule(f"attribute {name!r}")
    column = COLUMNS.index(KEYS[name])
    if name == "IS_SPACE":
        wanted = int(bool(value))
        return lambda row, lowers, i: row[column] == wanted
    if isinstance(value, str):
        target = strings[value]
        return lambda row, lowers, i: row[column] == target
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN":
            targets = frozenset(strings[v] for v in arg)
            return lambda row, lowers, i: row[column] in targets
        if op == "NOT_IN":
            targets = frozenset(strings[v] for v in arg)
            return lambda row, lowers, i: row[column] not in targets
        if op == "REGEX" and name == "LOWER":
            return _regex_check(re.compile(arg))
    raise UnsupportedRule(f"{name}: {value!r}")


def _regex_check(pattern: re.Pattern) -> Check:
    """A check of the lower-case form against `pattern`, remembered per form."""
    seen: dict[int, bool] = {}

    def check(row: tuple[int, ...], lowers: _Lowers, i: int) -> bool:
        found = seen.get(row[1])
        if found is None:
            if len(seen) >= CACHE_LIMIT:
                seen.clear()
            found = seen[row[1]] = pattern.search(lowers[i]) is not None
        return found

    return check


def use_fast_attributes(nlp: Language) -> bool:
    """Swap the pipeline's attribute_ruler for the fast version of the same rules; False (nothing changed)
    when the pipeline has none or uses a rule the fast version does not support."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        fast = FastAttributes(nlp.get_pipe("attribute_ruler"))
    except UnsupportedRule:
        return False
    nlp.add_pipe("whodid_attributes", after="attribute_ruler", config={})
    nlp.get_pipe("whodid_attributes").apply = fast  # type: ignore[attr-defined]
    nlp.disable_pipe("attribute_ruler")
    return True


LEMMA_MODES = frozenset({"rule", "lookup"})  # a lemma that depends only on the word, its part of speech and morphology
LEMMA_COLUMNS = [ORTH, POS, MORPH, LEMMA]


class FastLemmas:
    """The pipeline lemmatizer's own lemmas, worked out once per (word, part of speech, morphology) and written to
    all tokens of a Doc at once; tokens that already have a lemma keep it, as with the lemmatizer itself."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array(LEMMA_COLUMNS)
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma == 0 or self.lemmatizer.overwrite:
                lemmas[i] = self._lemma(doc, i, (orth, pos, morph))
        doc.from_array([LEMMA], lemmas)
        return doc

    def _lemma(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            found = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            self._cache[key] = found
        return found


def use_fast_lemmas(nlp: Language) -> bool:
    """Swap the pipeline's lemmatizer for FastLemmas over it (False: nothing changed, when there is none or its
    lemmas depend on more than the word, its part of speech and morphology)."""
    if "lemmatizer" not in nlp.pipe_names or getattr(nlp.get_pipe("lemmatizer"), "mode", None) not in LEMMA_MODES:
        return False
    nlp.add_pipe("whodid_lemmas", after="lemmatizer", config={})
    nlp.get_pipe("whodid_lemmas").apply = FastLemmas(nlp.get_pipe("lemmatizer"))  # type: ignore[attr-defined]
    nlp.disable_pipe("lemmatizer")
    return True


class _Slot:
    """A pipeline component: calls the FastAttributes or FastLemmas set on it (none: leaves the Doc alone)."""

    def __init__(self) -> None:
        self.apply: Callable[[Doc], Doc] | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.apply(doc) if self.apply is not None else doc


@Language.factory("whodid_attributes")
def _make_slot(nlp: Language, name: str) -> _Slot:
    return _Slot()


@Language.factory("whodid_lemmas")
def _make_lemma_slot(nlp: Language, name: str) -> _Slot:
    return _Slot()
