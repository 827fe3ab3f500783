"""Phrase extent: which tokens of a parse belong to the noun phrase an actor is named by, and which heads are
coordinated with it; credits and section names cut off by a bar ("Name / AFP | ...") are no part of it."""

from __future__ import annotations

from spacy.tokens import Token

# Dependents that start a new clause or a separate participant: an actor phrase never extends into them.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "parataxis", "mark"})
SEGMENT_BARS = frozenset({"|", "||", "¦"})  # marks that part a credit or a section name from a sentence
MAX_CREDIT = 8  # tokens a credit before a bar may take ("Photo: Fethi Belaid / AFP |")
# Prepositions whose object still describes the same actor ("the mayor of Nablus", "troops from Syria").
PHRASE_PREPS = frozenset({"of", "from"})


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
    return _own_segment(sorted(keep, key=lambda t: t.i), head)


def credit_bar(head: Token) -> Token | None:
    """For a head inside a credit that opens the sentence ("Fethi Belaid / AFP | A member of the security forces
    aims ..."), the bar that ends the credit. None otherwise."""
    doc = head.doc
    if not any(t.text in SEGMENT_BARS for t in doc[head.i + 1 : head.i + MAX_CREDIT + 1]):
        return None  # checked first: most heads have no bar near them, and head.sent costs
    sent_start = head.sent.start
    if head.i - sent_start > MAX_CREDIT:
        return None
    bar = next((t for t in doc[head.i + 1 : sent_start + MAX_CREDIT + 1] if t.text in SEGMENT_BARS), None)
    if bar is None or any(t.text in SEGMENT_BARS for t in doc[sent_start : head.i]):
        return None
    return bar


def after_credit(head: Token, bar: Token) -> Token | None:
    """The head of the phrase after the credit's bar that `head`'s subtree reaches: the one the sentence is about."""
    doc = head.doc
    subtree = {t.i for t in head.subtree}
    after = [t for t in doc[bar.i + 1 : head.sent.end] if t.i in subtree and t.head.i not in subtree - {head.i}]
    after = [t for t in after if t.head.i == head.i or t.head.i < bar.i]
    return next((t for t in after if t.pos_ in ("NOUN", "PROPN")), None)


def _own_segment(tokens: list[Token], head: Token) -> list[Token]:
    """The tokens on the head's side of any bar ("|") in the phrase: a bar parts a credit or a section name from
    the text ("Fethi Belaid / AFP | A member of the security forces": AFP took the photo, it is no actor here)."""
    doc = head.doc
    bars = [t.i for t in doc[tokens[0].i : tokens[-1].i + 1] if t.text in SEGMENT_BARS]
    if not bars:
        return tokens
    lo = max((b for b in bars if b < head.i), default=-1)
    hi = min((b for b in bars if b > head.i), default=len(doc))
    return [t for t in tokens if lo < t.i < hi]


def located_in(head: Token) -> list[Token]:
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
    """`head` and the heads it is coordinated with ("Brazil and the United States"), including a list of names
    parsed as an apposition ("The US, Russia, and Switzerland met": Russia and Switzerland hang off the US)."""
    out = [head, *[c for c in head.conjuncts if c.i != head.i]]
    for listed in (a for a in head.children if a.dep_ == "appos" and _names_a_list(head, a)):
        out += [listed, *[c for c in listed.conjuncts if c.i != listed.i]]
    return out


def _names_a_list(head: Token, appos: Token) -> bool:
    """A proper-name apposition that goes on with "and"/"or": the rest of a list, not a description."""
    return head.pos_ == appos.pos_ == "PROPN" and any(c.dep_ == "cc" for c in appos.children)
