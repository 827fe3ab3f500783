"""Quotes in the two real seed articles: Lavrov's quotes, the interview transcript and its journalist."""

from __future__ import annotations

from pathlib import Path

import pytest

from whodid.actors import find_matches, merge_matches, place_matches
from whodid.clean import clean_document
from whodid.nlp import sentences
from whodid.options import Options
from whodid.places import find_places
from whodid.quotes import find_quotes
from whodid.records import Article, Quote, RawDocument
from whodid.resources import Resources

LAVROV = "Sergey Lavrov"


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(Options())


@pytest.fixture(scope="module")
def seeds(shared_dir: Path, res: Resources) -> dict[str, tuple[str, list[Quote]]]:
    """Seed file stem -> (cleaned text, quotes), found the way the pipeline finds them."""
    out: dict[str, tuple[str, list[Quote]]] = {}
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        raw = RawDocument(path.stem, str(path), path.read_text(encoding="utf-8"), "text", date="2016-12-09")
        article = clean_document(raw, res.options)
        assert isinstance(article, Article), article
        doc = res.nlp(article.text)
        spans = [span for _, span in sentences(doc)]
        places = find_places(doc, res.gazetteer)
        found = find_matches(doc, res.dictionary)
        matches = merge_matches(found, place_matches(places, doc, found, res.dictionary))
        out[path.stem] = (article.text, find_quotes(doc, spans, matches, res.dictionary, article.date))
    assert len(out) == 2
    return out


def quote_with(quotes: list[Quote], words: str, kind: str | None = None) -> Quote:
    (quote,) = [q for q in quotes if words in q.text and (kind is None or q.kind == kind)]
    return quote


def speaker_name(quote: Quote) -> str | None:
    return quote.speaker.actor.name if quote.speaker is not None else None


def test_offsets_index_the_cleaned_text(seeds):
    for text, quotes in seeds.values():
        assert quotes
        assert all(text[q.start : q.end] == q.text for q in quotes)
        assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_lavrov_quotes_in_the_first_article(seeds):
    _, quotes = seeds["000_5dcbb4331de3c04f"]
    inline = quote_with(quotes, "finally presented proposals on Aleppo", "direct")
    assert speaker_name(inline) == LAVROV
    demands = quote_with(quotes, "Moscow is ready to immediately send our military experts")
    assert demands.kind == "block"  # "Lavrov has made absolutely clear what the Russian demands are"
    assert speaker_name(demands) == LAVROV
    heat = quote_with(quotes, "take the heat off Al-Nusra")
    assert heat.kind == "block"  # "as Lavrov today also said"
    assert speaker_name(heat) == LAVROV
    meeting = quote_with(quotes, "It must not be a meeting for the sake of a meeting.")
    assert meeting.kind == "block"  # "he made it clear ...": "he" is Lavrov
    assert speaker_name(meeting) == LAVROV
    assert meeting.speaker is not None and meeting.speaker.actor.code == "RUSGOV"


def test_reported_speech_in_the_first_article(seeds):
    text, quotes = seeds["000_5dcbb4331de3c04f"]
    geneva = quote_with(quotes, "Kerry came to Geneva", "reported")  # "Lavrov is saying that Kerry came ..."
    assert geneva.text.startswith("Kerry came to Geneva on 2nd December 2016")
    assert speaker_name(geneva) == LAVROV
    sake = quote_with(quotes, "any meeting must not be a meeting", "reported")
    assert speaker_name(sake) == LAVROV
    assert text[sake.start - len("that ") : sake.start] == "that "


def test_lavrov_block_quote_in_the_second_article(seeds):
    _, quotes = seeds["001_1c93d699f6890528"]
    document = quote_with(quotes, "They have withdrawn their document and have a new one.")
    assert document.kind == "block"  # "Foreign Minister Lavrov's comments could not be more scathing"
    assert speaker_name(document) == LAVROV
    assert document.text.endswith("practical steps by John Kerry.")


def test_interview_transcript_in_the_second_article(seeds):
    text, quotes = seeds["001_1c93d699f6890528"]
    lines = [q for q in quotes if q.kind == "transcript"]
    labelled = [p for p in text.split("\n") if p.startswith(("Sergey Lavrov: ", "Question: "))]
    assert len(lines) == len(labelled) >= 20
    for quote in lines:
        assert quote.speaker is not None
        if quote.speaker_text == "Sergey Lavrov":
            assert quote.speaker.actor.name == LAVROV
            assert quote.speaker.actor.code == "RUSGOV"
        else:
            assert quote.speaker_text == "Question"
            assert quote.speaker.actor.code == "MED"  # the journalist asking
    first, last = lines[0], lines[-1]
    assert first.text == "How are you? Exhausted?"
    assert last.text == "Same with me."  # the closing mark of the quote around the interview is not its text
    assert quote_with(lines, "Is it worth it?").speaker_text == "Sergey Lavrov"
    assert quote_with(lines, "But heartened?").speaker_text == "Question"


def test_lavrovs_comment_about_a_phrase(seeds):
    _, quotes = seeds["001_1c93d699f6890528"]
    first = next(q for q in quotes if q.text == "vertical of power")  # "Lavrov's comment about the “vertical ...”"
    assert speaker_name(first) == LAVROV
