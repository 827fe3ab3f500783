"""Where a sentence says its events happen: the places it names under a locative preposition ("in Aleppo", "near
the Syrian town of Tal Rifaat") or as the destination of a journey ("came to Geneva")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from whodid.arguments import LOCATIVE_PREPS
from whodid.records import Place, Sentence

# Verbs of travel whose destination ("to Geneva") is where the event happens.
MOTION_VERBS = frozenset({"come", "go", "travel", "fly", "arrive", "return", "head", "move", "send", "dispatch"})


def locative_places(places: Sequence[Place], doc: Doc, sentence: Sentence) -> list[Place]:
    """The sentence's places that are named as locations ("in Aleppo", "near the Syrian town of Tal Rifaat"),
    not as participants ("Moscow criticised Washington")."""
    out = []
    for place in places:
        if not (sentence.start <= place.start and place.end <= sentence.end):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and _under_locative_prep(span.root):
            out.append(place)
    return out


def _under_locative_prep(token: Token) -> bool:
    """Whether the noun phrase holding `token` is the object of a locative preposition."""
    for _ in range(6):
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            return True
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lemma_ in MOTION_VERBS:
            return True  # "came to Geneva", "travelled to Ankara": where the meeting or visit happens
        if token.dep_ not in ("compound", "amod", "pobj", "prep", "appos", "nmod", "poss", "conj", "npadvmod"):
            return False
        token = token.head
    return False
