"""Tests for quotations and their speakers, found by the real pipeline on short texts of our own."""

from __future__ import annotations

import pytest

from whodid.clean import clean_document
from whodid.options import Options
from whodid.pipeline import analyse
from whodid.records import Article, Quote, RawDocument
from whodid.resources import Resources


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(Options())


def quotes_of(text: str, res: Resources) -> tuple[str, list[Quote]]:
    """The cleaned article text and the quotes the pipeline finds in it."""
    article = clean_document(RawDocument("q", "mem:q", text, "text", date="2016-12-09"), res.options)
    assert isinstance(article, Article), article
    result = analyse(article, res.nlp(article.text), res)
    return article.text, result.quotes


def test_speaker_after_the_quote_is_found(res):
    text, quotes = quotes_of('"We will not accept these terms," the minister said.', res)
    (quote,) = quotes
    assert quote.text == "We will not accept these terms,"
    assert text[quote.start : quote.end] == quote.text
    assert quote.speaker_text == "the minister"
    assert quote.speaker is not None
    assert "GOV" in quote.speaker.actor.sectors


def test_named_speaker_resolves_to_an_actor(res):
    _, quotes = quotes_of('"The ceasefire must hold," said the Turkish foreign minister.', res)
    (quote,) = quotes
    assert quote.speaker is not None
    assert quote.speaker.actor.country == "TUR"
    assert quote.to_dict()["speaker"]["country"] == "TUR"


def test_unresolved_speaker_keeps_the_text(res):
    _, quotes = quotes_of('"We will not accept these terms," said Mr Blorvik.', res)
    (quote,) = quotes
    assert quote.speaker is None
    assert quote.speaker_text == "Mr Blorvik"
    speaker = quote.to_dict()["speaker"]
    assert speaker["text"] == "Mr Blorvik"
    assert speaker["code"] is None


def test_quote_without_speech_verb_has_no_speaker(res):
    _, quotes = quotes_of('The banner on the bridge read "down with the new fare rules" in red paint.', res)
    (quote,) = quotes
    assert quote.text == "down with the new fare rules"
    assert quote.speaker is None
    assert quote.speaker_text is None
    assert quote.to_dict()["speaker"] is None


def test_short_quotes_are_ignored(res):
    _, quotes = quotes_of('"Never," the minister said after the long meeting ended.', res)
    assert quotes == []


def test_apostrophes_are_not_quotes(res):
    _, quotes = quotes_of("Kerry's aides met Lavrov's team in Geneva on Friday.", res)
    assert quotes == []


def test_curly_quotes_and_several_quotes_in_order(res):
    text = (
        "“Our troops will stay in the region,” the general said. "
        "Officials later added that “nothing has been decided yet” about the withdrawal."
    )
    article_text, quotes = quotes_of(text, res)
    assert [q.text for q in quotes] == ["Our troops will stay in the region,", "nothing has been decided yet"]
    assert all(article_text[q.start : q.end] == q.text for q in quotes)
    assert quotes[0].speaker_text == "the general"
