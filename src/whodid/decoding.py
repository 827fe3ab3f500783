"""Greedy decoding of spaCy's transition-based components (parser, NER) driven step by step from Python.

spaCy's own greedy loop (`Parser.greedy_parse`) releases the GIL and then, in the CPython 3.11 wheels (built
with Cython's profiling hooks on), takes it back inside every small state function it calls: 70 to 100 times
per token for the NER's move checks. Driving the same loop from Python, with spaCy's own `transition_states`
and step model, keeps the GIL held, so those hooks cost next to nothing. Same model, same moves, same
choices: the output is identical (tests/test_decoding.py), in about half the time (BENCHMARKS.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.pipeline.transition_parser import Parser
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import NumpyOps

SUBBATCH = 32  # documents decoded together, sorted by length: the state machines advance in lockstep


def decodes_held(component: object) -> bool:
    """Whether `component` is a greedy transition-based component on CPU, which decode_held can run."""
    if not isinstance(component, Parser) or not hasattr(component, "transition_states"):
        return False  # another spaCy might not have the step-wise API: its own loop then runs
    return component.cfg.get("beam_width", 1) == 1 and isinstance(component.model.ops, NumpyOps)


def decode_held(component: Parser, docs: list[Doc]) -> list:
    """The final parse states of `docs`, as `component.predict(docs)` gives them, decoded from Python."""
    batch = component.moves.init_batch(docs)
    if not any(len(doc) for doc in docs):
        return batch
    step_model = component.model.predict(docs)
    states = [state for state in batch if not state.is_final()]
    while states:
        states = component.transition_states(states, step_model.predict(states))
    step_model.clear_memory()
    return batch


def component_stream(component: object, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """`docs` annotated by one pipeline component, lazily, in batches of `batch_size`: greedy transition-based
    components through pipe_held, others through their own `pipe` (or one call per Doc when they have none)."""
    if decodes_held(component):
        return pipe_held(component, docs, batch_size)
    if hasattr(component, "pipe"):
        return component.pipe(docs, batch_size=batch_size)
    return map(component, docs)


def parse_held(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """What `nlp.pipe(texts, batch_size=...)` gives, with the parser and NER decoded from Python."""
    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for _, component in nlp.pipeline:
        docs = component_stream(component, docs, batch_size)
    yield from docs


def pipe_held(component: Parser, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """`component.pipe(docs, batch_size=...)` with decode_held: batches of `batch_size` documents, decoded
    SUBBATCH at a time in order of length, yielded in their original order. A failing batch goes to the
    component's error handler, as in spaCy's own pipe."""
    handle_error = component.get_error_handler()
    for batch in minibatch(docs, size=batch_size):
        try:
            for part in minibatch(sorted(batch, key=len), size=SUBBATCH):
                component.set_annotations(part, decode_held(component, part))
            yield from batch
        except Exception as exc:  # spaCy's default handler raises it again
            handle_error(component.name, component, batch, exc)
