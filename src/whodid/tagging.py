"""Fast attribute rules: the same rules as the spaCy pipeline's own `attribute_ruler` (coarse part of speech and
morphology from the fine tag, plus word-specific exceptions), applied by index lookups on each token instead of a
general pattern matcher. The output is the same token for token; it only saves the matcher's time."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMNS = (TAG, LOWER, DEP, IS_SPACE)

Check = Callable[[tuple[int, int, int, int], str], bool]  # (tag, lower, dep, is_space hashes), the lower string


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
    indexed by their first token's exact tag or form when they name one, the rest are tried on every token."""

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
        self._cache: dict[tuple[int, ...], list[Rule]] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = [tuple(int(v) for v in row) for row in doc.to_array(list(COLUMNS))]
        lowers = [t.lower_ for t in doc]
        hits: list[tuple[int, int, Rule]] = []
        for i, row in enumerate(rows):
            hits.extend((rule.order, i, rule) for rule in self._singles_for(row, lowers[i]))
            pairs = [*self.pairs_by_key.get((TAG, row[0]), ()), *self.pairs_by_key.get((LOWER, row[1]), ())]
            hits.extend((rule.order, i, rule) for rule in (*pairs, *self.pairs) if _matches(rule, i, rows, lowers))
        hits.sort(key=lambda hit: (hit[0], hit[1]))
        for _, start, rule in hits:
            set_token_attrs(doc[start + rule.index], rule.attrs)
        return doc

    def _singles_for(self, row: tuple[int, ...], lower: str) -> list[Rule]:
        found = self._cache.get(row)
        if found is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            found = [r for r in self.singles if all(check(row, lower) for check in r.checks[0])]
            self._cache[row] = found
        return found


def _matches(rule: Rule, start: int, rows: Sequence[tuple[int, ...]], lowers: Sequence[str]) -> bool:
    if start + len(rule.checks) > len(rows):
        return False
    return all(check(rows[start + k], lowers[start + k]) for k, checks in enumerate(rule.checks) for check in checks)


def _index_key(token_pattern: dict, strings) -> tuple[int, int] | None:
    for name, attr in (("TAG", TAG), ("LOWER", LOWER)):
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
        return lambda row, lower: row[column] == wanted
    if isinstance(value, str):
        target = strings[value]
        return lambda row, lower: row[column] == target
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN":
            targets = frozenset(strings[v] for v in arg)
            return lambda row, lower: row[column] in targets
        if op == "NOT_IN":
            targets = frozenset(strings[v] for v in arg)
            return lambda row, lower: row[column] not in targets
        if op == "REGEX" and name == "LOWER":
            pattern = re.compile(arg)
            return lambda row, lower: pattern.search(lower) is not None
    raise UnsupportedRule(f"{name}: {value!r}")


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


class _Slot:
    """The pipeline component: calls the FastAttributes set on it (none: leaves the Doc alone)."""

    def __init__(self) -> None:
        self.apply: Callable[[Doc], Doc] | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.apply(doc) if self.apply is not None else doc


@Language.factory("whodid_attributes")
def _make_slot(nlp: Language, name: str) -> _Slot:
    return _Slot()
