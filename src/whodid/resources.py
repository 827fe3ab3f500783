"""Resources (spaCy pipeline, dictionaries, lexicon, code table, gazetteer), loaded once per process."""

from __future__ import annotations

import atexit
import gc
from dataclasses import dataclass
from functools import cached_property

from spacy.language import Language

from whodid.actors import ActorDictionary, load_actor_dictionary, load_user_actor_dictionary
from whodid.clean import clean_document
from whodid.events import CodingTools
from whodid.lexicon import VerbLexicon
from whodid.nlp import load_nlp
from whodid.ontology import Ontology, load_ontology
from whodid.options import Options
from whodid.places import Gazetteer, load_gazetteer
from whodid.prefilter import EventFilter, event_filter
from whodid.records import RawDocument
from whodid.relevance import load_discards
from whodid.user_lexicon import load_noun_lexicon_with, load_verb_lexicon


@dataclass(frozen=True)
class Resources:
    """Everything the stages need besides their input. Each piece loads on first use, once per process
    (the loaders are cached), so a worker process pays the cost once and a command that needs only part
    of it (e.g. `whodid clean`) pays nothing for the rest."""

    options: Options

    @cached_property
    def nlp(self) -> Language:
        return load_nlp(self.options.model)

    @cached_property
    def dictionary(self) -> ActorDictionary:
        o = self.options
        if o.actor_files or o.agent_files or o.own_dictionaries_only:
            return load_user_actor_dictionary(o.actor_files, o.agent_files, not o.own_dictionaries_only)
        return load_actor_dictionary()

    @cached_property
    def lexicon(self) -> VerbLexicon:
        o = self.options  # the packaged lexicon, or the user's --verbs file, plus the user's lexicon files
        return load_verb_lexicon(o.lexicon_files, o.cameo_verb_codes, o.verb_file)

    @cached_property
    def ontology(self) -> Ontology:
        return load_ontology()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer()

    @cached_property
    def tools(self) -> CodingTools:
        o = self.options
        # a user's verb dictionary stands alone: no packaged event nouns, only those of the user's lexicon files
        nouns = load_noun_lexicon_with(o.lexicon_files, o.cameo_verb_codes, packaged=not o.verb_file)
        discards = None if o.own_dictionaries_only else load_discards()
        return CodingTools(self.lexicon, self.ontology, self.dictionary, o.cameo_verb_codes, nouns, discards)

    @cached_property
    def event_filter(self) -> EventFilter | None:
        """The pre-parse filter (None when every sentence is to be parsed)."""
        return event_filter(self.tools, self.nlp) if self.options.prefilter else None

    def warm_up(self) -> None:
        """Load everything now (before a timed run, or before forking workers). The garbage collector runs
        rarely meanwhile: loading makes about 600,000 objects that last, and collections triggered while they
        are made would walk them again and again (a third of the loading time). (Thresholds, not gc.disable:
        loading spaCy turns the collector back on.)"""
        thresholds = gc.get_threshold()
        gc.set_threshold(LOADING_GC_THRESHOLD, *thresholds[1:])
        try:
            for name in ("nlp", "dictionary", "lexicon", "ontology", "gazetteer", "tools", "event_filter"):
                getattr(self, name)
            page = f"<html><body><article><p>{WARM_UP_TEXT}</p></article></body></html>"
            clean_document(RawDocument("warm-up", "warm-up", page, "html"), self.options)  # HTML extractor, langid
        finally:
            gc.set_threshold(*thresholds)


def settle_loaded() -> None:
    """Move every object alive now (after `Resources.warm_up`: the gazetteer, dictionaries, lexicons and model,
    about 600,000 objects) out of the garbage collector's reach. They live as long as the process, and each full
    collection would walk them all again: about 5 % of a run's time. Undone at exit, so the interpreter still
    frees them. For long runs (the `whodid run` command, the benchmark); forked workers inherit it."""
    gc.collect()
    if not gc.get_freeze_count():
        atexit.register(gc.unfreeze)
    gc.freeze()


LOADING_GC_THRESHOLD = 200_000  # allocations between young-generation collections while loading (Python: 700)
WARM_UP_TEXT = "The ministers met in Geneva on Monday and agreed to hold further talks on the ceasefire next week."
