"""Quotes: quoted passages in an article and, where the parse shows it, who said them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from whodid.actors import ActorDictionary, DictMatch, resolve_phrase
from whodid.records import Quote

# Double quotes only: single quotes double as apostrophes ("Kerry's") and would pair up wrongly.
QUOTE_RE = re.compile(r"“([^”“]{2,2000})”|\"([^\"\n]{2,2000})\"|«([^»«]{2,2000})»")
MIN_QUOTE_WORDS = 3
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "state", "declare", "announce", "insist", "warn", "write", "note", "argue",
        "claim", "explain", "stress", "comment", "reply", "respond", "ask", "urge", "continue", "conclude",
        "acknowledge", "admit", "complain", "remark", "quote", "describe", "call",
    }
)  # fmt: skip


def find_quotes(
    doc: Doc, sentence_spans: Sequence[Span], matches: Sequence[DictMatch], dictionary: ActorDictionary,
    date: str | None,
) -> list[Quote]:  # fmt: skip
    """Quoted passages of at least three words, each with its speaker when a speech verb names one."""
    out: list[Quote] = []
    text = doc.text  # built from the tokens on each access: read it once
    for m in QUOTE_RE.finditer(text):
        group = next(g for g in range(1, 4) if m.group(g) is not None)
        start, end = m.start(group), m.end(group)
        if len(m.group(group).split()) < MIN_QUOTE_WORDS:
            continue
        verb = _speech_verb(doc, sentence_spans, m.start(), m.end())
        speaker_text, speaker = None, None
        if verb is not None:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                speaker_text = doc[subject.left_edge.i : subject.right_edge.i + 1].text
                found = resolve_phrase(subject, matches, dictionary, date)
                speaker = found[0] if found else None
        out.append(Quote(text[start:end], start, end, speaker, speaker_text))
    return out


def _speech_verb(doc: Doc, spans: Sequence[Span], q_start: int, q_end: int) -> Token | None:
    """A speech verb outside the quote, in the sentences the quote touches or the one right after it."""
    touched = [i for i, s in enumerate(spans) if s.start_char < q_end and s.end_char > q_start]
    if not touched:
        return None
    candidates = touched + ([touched[-1] + 1] if touched[-1] + 1 < len(spans) else [])
    for i in candidates:
        for token in spans[i]:
            if token.lemma_ in SPEECH_VERBS and token.pos_ == "VERB" and not q_start <= token.idx < q_end:
                return token
    return None
