"""Tests for quotations and their speakers, found by the real pipeline on short texts of our own."""

from __future__ import annotations

import pytest

from whodid.actors import find_matches
from whodid.clean import clean_document
from whodid.options import Options
from whodid.pipeline import analyse
from whodid.quotes import find_quotes, quote_at
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
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["Our troops will stay in the region,", "nothing has been decided yet"]
    assert all(article_text[q.start : q.end] == q.text for q in quotes)
    assert direct[0].speaker_text == "the general"
    (reported,) = [q for q in quotes if q.kind == "reported"]  # "added that ..." is reported speech too
    assert reported.text == "“nothing has been decided yet” about the withdrawal"
    assert reported.speaker_text == "Officials"


def uncleaned_quotes(text: str, res: Resources) -> list[Quote]:
    """Quotes of a text taken as already clean (layout tests: the cleaner may drop short lines as titles)."""
    article = Article("a1", "q", "mem:q", text, date="2016-12-09")
    return analyse(article, res.nlp(text), res).quotes


def direct_and_block(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind in ("direct", "block")]


def test_speaker_before_the_quote_with_a_colon(res):
    text, quotes = quotes_of('Lavrov said on Friday: "We are ready to send our experts to Geneva."', res)
    (quote,) = direct_and_block(quotes)
    assert quote.kind == "direct"
    assert quote.text == "We are ready to send our experts to Geneva."
    assert quote.speaker is not None and quote.speaker.actor.name == "Sergey Lavrov"
    assert text[quote.speaker.start : quote.speaker.end] == "Lavrov"


def test_pronoun_speaker_resolves_to_the_person_named_before(res):
    text = "Sergey Lavrov met Kerry's aides in Geneva on Friday. “We are ready to send our experts,” he said."
    _, quotes = quotes_of(text, res)
    (quote,) = quotes
    assert quote.speaker is not None and quote.speaker.actor.code == "RUSGOV"
    assert quote.speaker_text == "Sergey Lavrov"


def test_pronoun_speaker_without_an_actor_keeps_the_name(res):
    text = "Mr Blorvik arrived late for the talks. “The terms are not acceptable to us,” she said."
    _, quotes = quotes_of(text, res)
    (quote,) = quotes
    assert quote.speaker is None
    assert quote.speaker_text == "Mr Blorvik"


def test_speech_verbs_inside_quotes_are_not_the_reporters(res):
    _, quotes = quotes_of("“They said we must leave the city by noon,” the mayor of Aleppo told reporters.", res)
    (quote,) = direct_and_block(quotes)
    assert quote.speaker_text == "the mayor of Aleppo"


def test_block_quote_introduced_by_told_reporters(res):
    text = (
        "The Turkish foreign minister told reporters:\n\n"
        "“The ceasefire in Aleppo must hold, and the evacuation must start today.”\n\n"
        "The talks resume on Monday."
    )
    article_text, quotes = quotes_of(text, res)
    (quote,) = direct_and_block(quotes)
    assert quote.kind == "block"
    assert quote.text == "The ceasefire in Aleppo must hold, and the evacuation must start today."
    assert article_text[quote.start : quote.end] == quote.text
    assert quote.speaker is not None and quote.speaker.actor.country == "TUR"


def test_block_quote_of_a_speakers_comments(res):
    text = "Lavrov’s comments were blunt\n\n“The Americans have withdrawn their document and have a new one.”"
    quotes = uncleaned_quotes(text, res)
    (quote,) = quotes
    assert quote.kind == "block"
    assert quote.speaker is not None and quote.speaker.actor.name == "Sergey Lavrov"
    assert quote.speaker_text == "Lavrov"


def test_quote_that_spans_paragraphs(res):
    text = (
        "“We will not sign the deal this week,” the minister said. “There is no rush at all.\n\n"
        "“Our partners must first withdraw their troops from the border.”\n\n"
        "The talks resume on Monday."
    )
    article_text, quotes = quotes_of(text, res)
    first, second = direct_and_block(quotes)
    assert first.text == "We will not sign the deal this week,"
    assert second.text.startswith("There is no rush at all.")
    assert second.text.endswith("withdraw their troops from the border.")
    assert "\n\n“Our partners" in second.text
    assert article_text[second.start : second.end] == second.text


def test_unclosed_quote_does_not_run_into_a_plain_paragraph(res):
    text = (
        "The minister said “we will not sign the deal this week.\n\nThe talks resume on “Monday or Tuesday” in Geneva."
    )
    _, quotes = quotes_of(text, res)
    assert [q.text for q in direct_and_block(quotes)] == ["Monday or Tuesday"]


def test_interview_transcript_lines(res):
    text = (
        "Lavrov spoke to reporters after the talks.\n\n"
        "Sergey Lavrov: We are ready to meet next week.\n\n"
        "Question: When will the talks start?\n\n"
        "Sergey Lavrov: Next week, I hope."
    )
    article_text, quotes = quotes_of(text, res)
    assert [q.kind for q in quotes] == ["transcript"] * 3
    assert [q.text for q in quotes] == [
        "We are ready to meet next week.",
        "When will the talks start?",
        "Next week, I hope.",
    ]
    assert all(article_text[q.start : q.end] == q.text for q in quotes)
    lavrov, question, again = quotes
    assert lavrov.speaker is not None and lavrov.speaker.actor.code == "RUSGOV"
    assert again.speaker == lavrov.speaker
    assert question.speaker_text == "Question"
    assert question.speaker is not None and question.speaker.actor.sectors == ("MED",)
    assert question.to_dict()["speaker"]["code"] == "MED"


def test_question_and_answer_lines(res):
    text = (
        "Sergey Lavrov spoke to reporters in Moscow.\n\nQ: Will you meet Kerry again?\n\nA: Yes, next week in Geneva."
    )
    quotes = uncleaned_quotes(text, res)
    question, answer = quotes
    assert question.speaker is not None and question.speaker.actor.code == "MED"
    assert answer.speaker_text == "A"
    assert answer.speaker is not None and answer.speaker.actor.name == "Sergey Lavrov"


def test_labelled_lines_that_are_not_an_interview(res):
    text = "Update: The talks resumed on Monday in Geneva.\n\nNote: All prices are in US dollars.\n\nSource: Reuters"
    _, quotes = quotes_of(text, res)
    assert quotes == []


def test_reported_speech_with_offsets_and_speaker(res):
    text, quotes = quotes_of("Lavrov said on Friday that the talks in Geneva had failed.", res)
    (quote,) = quotes
    assert quote.kind == "reported"
    assert quote.text == "the talks in Geneva had failed"
    assert text[quote.start : quote.end] == quote.text
    assert quote.speaker is not None and quote.speaker.actor.name == "Sergey Lavrov"


def test_made_it_clear_that_with_a_pronoun(res):
    text = "Lavrov met Kerry in Geneva. He made it clear that any meeting must lead to a detailed timeline."
    _, quotes = quotes_of(text, res)
    (quote,) = quotes
    assert quote.kind == "reported"
    assert quote.text == "any meeting must lead to a detailed timeline"
    assert quote.speaker is not None and quote.speaker.actor.name == "Sergey Lavrov"


def test_reported_speech_needs_that(res):
    _, quotes = quotes_of("Lavrov said the talks in Geneva had failed. It is clear that the talks failed.", res)
    assert quotes == []


def test_according_to(res):
    _, quotes = quotes_of("According to the Turkish foreign minister, “the ceasefire has collapsed completely.”", res)
    (quote,) = quotes
    assert quote.speaker is not None and quote.speaker.actor.country == "TUR"


def test_reported_clause_keeps_its_quotation_marks_balanced(res):
    text = 'Richardson said that, in his view, Rudolph "cannot start a fight and then claim bullying."'
    article_text, quotes = quotes_of(text, res)
    (reported,) = [q for q in quotes if q.kind == "reported"]
    assert reported.text == 'in his view, Rudolph "cannot start a fight and then claim bullying."'
    assert article_text[reported.start : reported.end] == reported.text


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "“",
        "”\n\n“",
        "“ “ “\n\n“",
        "A: \n\nB: x",
        ":\n:\n:",
        "Question: \n\nQuestion: ?",
        '"a b c" said',
        "He said:\n\n“",
        "she said that",
        "« Nous refusons ces conditions », a dit le ministre.",
        "“One two three”“four five six”",
    ],
)
def test_odd_layouts_never_crash(res, text):
    quotes = uncleaned_quotes(text, res)
    assert all(text[q.start : q.end] == q.text and q.start <= q.end for q in quotes)


def test_find_quotes_without_sentences(res):
    text = "Sergey Lavrov arrived. “We are ready to send our experts,” he said."
    doc = res.nlp(text)
    matches = find_matches(doc, res.dictionary)
    quotes = find_quotes(doc, [], matches, res.dictionary, "2016-12-09")
    assert [q.text for q in quotes] == ["We are ready to send our experts,"]


def test_pronoun_after_an_unnamed_speaker(res):
    text = "“The border stays closed,” the Turkish minister said. “We have no other choice at all,” he added."
    _, quotes = quotes_of(text, res)
    first, second = quotes
    assert second.speaker_text == "the Turkish minister"
    assert second.speaker == first.speaker
    assert second.speaker is not None and second.speaker.actor.country == "TUR"


def test_quote_at_prefers_the_innermost_quote(res):
    text = "Lavrov said that Kerry “finally presented proposals on Aleppo” in Geneva."
    article_text, quotes = quotes_of(text, res)
    assert sorted(q.kind for q in quotes) == ["direct", "reported"]
    assert quote_at(quotes, article_text.index("presented")).kind == "direct"
    assert quote_at(quotes, article_text.index("Kerry")).kind == "reported"
    assert quote_at(quotes, article_text.index("Lavrov")) is None


def test_a_quote_right_after_another_keeps_its_speaker(res):
    text = (
        "“We pray for the full recovery of both men,” said the Turkish foreign minister. "
        "“We thank the Afghan government for its actions.” Officials met in Kabul on Monday."
    )
    _, quotes = quotes_of(text, res)
    first, second = direct_and_block(quotes)
    assert second.speaker_text == first.speaker_text == "the Turkish foreign minister"
    assert second.speaker is not None and second.speaker.actor.country == "TUR"


def test_a_following_sentence_names_the_speaker_only_when_it_says_nothing_else(res):
    text = (
        "Sasse said the charges against the two staffers were overdue.\n\n"
        '"Heads needed to roll the day Jeffrey Epstein died," he said.\n\n'
        "Prosecutors alleged that the guards had slept.\n\n"
        '"The system failed him completely." Blorvik said the review would take months.'
    )
    quotes = direct_and_block(uncleaned_quotes(text, res))
    assert [q.speaker_text for q in quotes] == ["Sasse", None]  # never a name inside the quote itself
