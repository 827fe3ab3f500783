"""Pre-filter: before parsing, a cheap test on a sentence's tokens says whether it can hold an event (a trigger
word of the verb or noun lexicon, and a word that can name an actor). Only such sentences get the full parse;
the others get names and places only (see `nlp.parse_articles`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Span

from whodid.actors import AGENT_STEM_MIN
from whodid.events import CodingTools

PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "who"})
VOWELS = frozenset("aeiou")


def verb_forms(lemma: str) -> set[str]:
    """The regular inflections of an English verb or noun (generous: a form too many only makes the filter
    let one more sentence through): attack -> attacks, attacked, attacking; stop -> stopped, stopping;
    deny -> denies, denied; agree -> agreed, agreeing."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in VOWELS and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # stop -> stopped, ban -> banning
    return forms


def irregular_forms(nlp: Language) -> dict[str, set[str]]:
    """Lemma -> irregular forms, from the spaCy lemmatizer's exception table (went -> go, struck -> strike)."""
    out: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.component_names:  # disabled when whodid applies its lemmas (tagging.py)
        return out
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return out
    table = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        for form, lemmas in (table.get(pos) or {}).items():
            for lemma in lemmas:
                out.setdefault(lemma, set()).add(form)
    return out


def trigger_words(tools: CodingTools, irregular: Mapping[str, set[str]]) -> frozenset[str]:
    """Every lower-case word form that can trigger an event: verb heads of the verb lexicon, event nouns and
    the verbs that carry them, all in their inflected forms."""
    lemmas: set[str] = set(tools.lexicon.heads())
    nouns = tools.nouns
    if nouns is not None:
        lemmas |= {phrase.split()[-1] for phrase in nouns.nouns}
        lemmas |= set(nouns.light) | set(nouns.verb_nouns)  # the verbs that carry an event noun
        lemmas |= {verb for verbs in nouns.prep_nouns.values() for verb in verbs}
    words: set[str] = set()
    for lemma in lemmas:
        words |= verb_forms(lemma.lower())
        words |= irregular.get(lemma.lower(), set())
    return frozenset(words)


class EventFilter:
    """Whether a sentence, still unparsed, can hold an event: a trigger word and a possible actor (a capitalised
    word that is not a function word, a personal pronoun, or a word of the agent dictionary)."""

    def __init__(self, triggers: Iterable[str], agent_words: Iterable[str]) -> None:
        self.triggers = frozenset(triggers)
        self.agent_words = frozenset(agent_words)

    def __call__(self, sentence: Span) -> bool:
        trigger = actor = False
        for token in sentence:
            lower = token.lower_
            if lower in self.triggers:
                trigger = True  # a trigger word is not also the actor ("Attacked again.")
            else:
                actor = actor or self._actor(token.text, lower, token.is_stop)
            if trigger and actor:
                return True
        return False

    def _actor(self, text: str, lower: str, is_stop: bool) -> bool:
        if text[:1].isupper() and not is_stop:
            return True
        if lower in PRONOUNS or lower in self.agent_words:
            return True
        return any(lower[:n] in self.agent_words for n in range(AGENT_STEM_MIN, len(lower)))


def event_filter(tools: CodingTools, nlp: Language) -> EventFilter:
    """The pre-filter for the loaded lexicons and actor dictionary."""
    agent_words = {entry["phrase"].split()[0] for entry in tools.dictionary.agent_entries}
    return EventFilter(trigger_words(tools, irregular_forms(nlp)), agent_words)
