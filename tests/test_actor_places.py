"""Places as actors: a longer place name of another country wins over a name inside it; generic words name none."""

from __future__ import annotations

import pytest

from whodid.actor_lookup import resolve_text
from whodid.actors import ActorDictionary, load_actor_dictionary
from whodid.places import load_gazetteer


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_actor_dictionary()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def country(nlp, dictionary: ActorDictionary, gazetteer, text: str, context: str) -> str | None:
    found = resolve_text(text, context, None, nlp, dictionary, gazetteer)
    return found.actor.country if found else None


def test_county_named_after_a_foreign_capital_is_its_own_place(nlp, dictionary: ActorDictionary, gazetteer) -> None:
    context = "Nassau County police said the road to the beach was closed."
    assert country(nlp, dictionary, gazetteer, "Nassau County police", context) == "USA"


def test_capital_alone_keeps_its_country(nlp, dictionary: ActorDictionary, gazetteer) -> None:
    assert country(nlp, dictionary, gazetteer, "Nassau", "Officials in Nassau said the port was closed.") == "BHS"


def test_generic_region_word_names_no_country(nlp, dictionary: ActorDictionary, gazetteer) -> None:
    assert country(nlp, dictionary, gazetteer, "Gulf states", "Gulf states raised oil output.") is None
