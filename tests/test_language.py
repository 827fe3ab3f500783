"""Tests for whodid.language: language detection, and which texts are kept for English coding."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from whodid.clean import accepted_languages, clean_document
from whodid.language import SAMPLE_CHARS, _identifier, detect_language, judge_language, language_sample
from whodid.options import Options
from whodid.records import Article, RawDocument, Skipped

ENGLISH = (
    "Russia and Turkey agreed a ceasefire in northern Syria on Thursday after talks in Moscow, and both "
    "governments said monitors would be deployed along the border next week."
)
FOREIGN = {
    "fr": "Le gouvernement français a annoncé jeudi de nouvelles sanctions contre la Russie, a déclaré le ministre "
    "des affaires étrangères, qui a ajouté que les négociations se poursuivraient la semaine prochaine.",
    "de": "Die Bundesregierung hat am Donnerstag neue Sanktionen gegen Russland beschlossen. Der Außenminister "
    "sagte, man werde die Gespräche mit Moskau in der kommenden Woche fortsetzen.",
    "es": "El gobierno español anunció el jueves nuevas sanciones contra Rusia, dijo el ministro de Asuntos "
    "Exteriores, que añadió que las negociaciones continuarán la próxima semana en Ginebra.",
    "ru": "Министр иностранных дел России Сергей Лавров заявил в четверг, что переговоры с США по Сирии будут "
    "продолжены на следующей неделе в Женеве.",
}


def test_detects_english_and_other_languages() -> None:
    assert detect_language(ENGLISH)[0] == "en"
    for code, text in FOREIGN.items():
        language, probability = detect_language(text)
        assert language == code and probability > 0.9


def test_text_without_words_is_undetermined() -> None:
    assert detect_language("12345 --- !!!") == ("und", 0.0)


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_foreign_articles_are_not_kept(code: str) -> None:
    verdict = judge_language(FOREIGN[code])
    assert not verdict.keep and verdict.language == code
    assert "translate it" in verdict.skip_detail()


@pytest.mark.parametrize(
    "text",
    [
        "Troops killed three civilians.",
        "Russia and Turkey agreed a ceasefire on Thursday.",
        "BREAKING: PRESIDENT SIGNS PEACE AGREEMENT WITH REBELS IN THE CAPITAL ON FRIDAY AFTERNOON",
        "Sergey Lavrov met Jean-Marc Ayrault and Frank-Walter Steinmeier in Berlin, where Herr Steinmeier said "
        "Wir schaffen das.",
        ENGLISH + ' The French minister said: "Nous ne céderons pas." ' + ENGLISH,
    ],
)
def test_short_english_and_english_with_foreign_words_are_kept(text: str) -> None:
    verdict = judge_language(text)
    assert verdict.keep and verdict.language == "en"


def test_other_accepted_languages() -> None:
    assert judge_language(FOREIGN["de"], accepted=("en", "de")).keep
    assert not judge_language(ENGLISH * 2, accepted=("de",)).keep


def test_long_texts_are_sampled_and_the_model_loads_once() -> None:
    long_text = (ENGLISH + " ") * 500 + FOREIGN["fr"]
    assert len(language_sample(long_text)) <= SAMPLE_CHARS + 2
    assert judge_language(long_text).keep
    assert _identifier() is _identifier()


def test_clean_document_skips_a_foreign_article_and_sets_the_language() -> None:
    doc = RawDocument("fr1", "fr.txt", FOREIGN["fr"], "text")
    skipped = clean_document(doc, Options())
    assert isinstance(skipped, Skipped) and skipped.reason == "not_english"
    assert "French" in skipped.detail and skipped.doc_id == "fr1"
    kept = clean_document(doc, Options(), check_language=False)
    assert isinstance(kept, Article)
    english = clean_document(RawDocument("en1", "en.txt", ENGLISH, "text"), Options())
    assert isinstance(english, Article) and english.language == "en"


@dataclass(frozen=True)
class OptionsWithLanguages(Options):
    """Options as they will be once the run options carry a `languages` field."""

    languages: tuple[str, ...] = ("en",)


def test_accepted_languages_come_from_the_options() -> None:
    doc = RawDocument("fr1", "fr.txt", FOREIGN["fr"], "text")
    assert accepted_languages(Options()) == ("en",)
    french = clean_document(doc, OptionsWithLanguages(languages=("en", "fr")))
    assert isinstance(french, Article) and french.language == "fr"
    assert isinstance(clean_document(doc, OptionsWithLanguages(languages=())), Article)  # check off
    assert isinstance(clean_document(doc, OptionsWithLanguages()), Skipped)


def test_odd_texts_never_raise() -> None:
    odd = ["-" * 600 + " " + ENGLISH * 3, "12 34 56 " * 200, "@user #tag https://t.co/x " * 50, "Ω" * 500, ""]
    for text in odd:
        assert judge_language(text).keep
    assert judge_language(FOREIGN["fr"], ()).keep  # no accepted languages: the check is off
