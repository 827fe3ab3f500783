"""Shared fixtures: the ../shared data folder (skipped when absent), one spaCy pipeline and the packaged actor
dictionary per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder; tests that need it skip with a reason on a fresh clone."""
    if not (SHARED / "README.md").is_file():
        pytest.skip(f"{SHARED} is absent (a fresh clone has no ../shared): gold/seed tests skipped")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once for the whole test session."""
    import spacy

    from whodid.options import DEFAULT_MODEL

    return spacy.load(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def dictionary():
    """The packaged actor dictionary (Phoenix plus our additions), loaded once."""
    from whodid.actors import load_actor_dictionary

    return load_actor_dictionary()
