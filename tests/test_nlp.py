"""Tests for the spaCy loader, the paragraph/dateline sentence splitter and sentence records."""

from __future__ import annotations

import pytest

from whodid.nlp import ModelNotFound, load_nlp, parse, parse_articles, rough_sentences, sentences
from whodid.options import DEFAULT_MODEL


@pytest.fixture(scope="module")
def whodid_nlp():
    return load_nlp(DEFAULT_MODEL)


def sentence_texts(text: str, nlp) -> list[str]:
    return [s.text for s, _ in sentences(nlp(text))]


def test_load_nlp_is_cached_and_adds_the_splitter_before_the_parser(whodid_nlp):
    assert load_nlp(DEFAULT_MODEL) is whodid_nlp
    names = whodid_nlp.pipe_names
    assert names.count("whodid_paragraphs") == 1
    assert names.index("whodid_paragraphs") < names.index("parser")


def test_missing_model_says_what_to_do():
    with pytest.raises(ModelNotFound, match="not installed"):
        load_nlp("en_no_such_pipeline_xyz")


def test_paragraph_break_always_starts_a_sentence(whodid_nlp):
    text = "The talks ended without a deal\n\nofficials in Geneva said more meetings are planned"
    assert sentence_texts(text, whodid_nlp) == [
        "The talks ended without a deal",
        "officials in Geneva said more meetings are planned",
    ]


def test_single_newline_does_not_force_a_split(whodid_nlp):
    text = "The ministers met in Geneva\nand agreed to meet again in March."
    assert len(sentence_texts(text, whodid_nlp)) == 1


def test_dateline_is_split_after_the_dash(whodid_nlp):
    texts = sentence_texts("GENEVA — Russia and the United States agreed on Friday to resume talks.", whodid_nlp)
    assert texts == ["GENEVA —", "Russia and the United States agreed on Friday to resume talks."]


def test_dateline_with_country_and_double_hyphen_in_a_later_paragraph(whodid_nlp):
    text = (
        "GENEVA, Switzerland — Russia and the United States agreed to talk.\n\n"
        "PORT SUDAN -- The United Nations appealed for aid."
    )
    assert sentence_texts(text, whodid_nlp) == [
        "GENEVA, Switzerland —",
        "Russia and the United States agreed to talk.",
        "PORT SUDAN --",
        "The United Nations appealed for aid.",
    ]


def test_dash_inside_a_sentence_is_not_a_dateline(whodid_nlp):
    text = "The rebels said -- without evidence -- that the army attacked first."
    assert sentence_texts(text, whodid_nlp) == [text]


def test_title_case_opening_is_not_a_dateline(whodid_nlp):
    text = "Earlier — before the vote — the delegates met behind closed doors."
    assert sentence_texts(text, whodid_nlp) == [text]


def test_sentence_offsets_slice_the_text_and_indexes_count_up(whodid_nlp):
    text = "  Leading spaces here.  \n\n  And a second paragraph here. A third one follows.  \n\n\n"
    found = sentences(whodid_nlp(text))
    assert [s.text for s, _ in found] == [
        "Leading spaces here.",
        "And a second paragraph here.",
        "A third one follows.",
    ]
    assert [s.index for s, _ in found] == [0, 1, 2]
    for sentence, span in found:
        assert text[sentence.start : sentence.end] == sentence.text
        assert span.text.strip() == sentence.text


def test_parse_keeps_order(whodid_nlp):
    texts = ["First text about Russia.", "Second text about China.", "Third text about Japan."]
    docs = list(parse(texts, whodid_nlp, batch_size=2))
    assert [d.text for d in docs] == texts


def test_empty_text_has_no_sentences(whodid_nlp):
    assert sentences(whodid_nlp("")) == []
    assert sentences(whodid_nlp("\n\n   \n")) == []


# parse_articles: sentence by sentence, joined back into one Doc per article


def test_parse_articles_keeps_each_text_and_parses_every_sentence(whodid_nlp):
    texts = ["Russia attacked Ukraine on Monday. Putin met Biden in Geneva.", "Officials met.\n\nThey talked."]
    docs = parse_articles(texts, whodid_nlp)
    assert [d.text for d in docs] == texts
    assert [s.text for s in docs[0].sents] == ["Russia attacked Ukraine on Monday.", "Putin met Biden in Geneva."]
    assert {t.dep_ for t in docs[0]} >= {"nsubj", "dobj", "ROOT"}
    assert [e.text for e in docs[0].ents if e.label_ == "GPE"] == ["Russia", "Ukraine", "Geneva"]
    assert [s.text.strip() for s in docs[1].sents if s.text.strip()] == ["Officials met.", "They talked."]


def test_sentences_the_filter_rejects_get_names_but_no_parse(whodid_nlp):
    text = "It was sunny in Paris today. Putin met Biden in Geneva."
    doc = parse_articles([text], whodid_nlp, wanted=lambda span: "met" in span.text)[0]
    first, second = list(doc.sents)
    assert first.text == "It was sunny in Paris today."
    assert all(t.dep_ == "" and t.pos_ == "" for t in first)
    assert [e.text for e in first.ents] == ["Paris", "today"]
    assert any(t.dep_ == "nsubj" for t in second)


def test_rough_sentences_keep_closing_quotes_and_leave_opening_ones(whodid_nlp):
    doc = whodid_nlp.make_doc('Talks ended. "We will return." Lavrov said (on Monday.) Then he left!')
    assert [s.text.strip() for s in rough_sentences(doc)] == [
        "Talks ended.",
        '"We will return."',
        "Lavrov said (on Monday.)",
        "Then he left!",
    ]


def test_parse_articles_of_no_text_gives_an_empty_doc(whodid_nlp):
    assert [len(d) for d in parse_articles(["", "   "], whodid_nlp)] == [0, 1]


def test_text_without_end_punctuation_is_cut_into_bounded_sentences(whodid_nlp):
    from whodid.nlp import MAX_SENTENCE_TOKENS

    text = "officials said the talks went on " * 200
    doc = parse_articles([text], whodid_nlp)[0]
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    assert max(len(s) for s in rough_sentences(whodid_nlp.make_doc(text))) <= MAX_SENTENCE_TOKENS
