"""Event filters: codings and events that are no political event, whatever their verb ("what he described as a
proposal", "doctors prescribe", "two pedestrians were killed" with no one named behind it)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from whodid.actor_phrases import sector_only
from whodid.arguments import ATTACK_NOUNS, BLAST_NOUNS, CONDITION_MARKS, attack_heads, by_agents
from whodid.lexicon import Coding
from whodid.records import ActorMention, Event

# Sectors of people who are no political actor by themselves (doctors, firms, farmers): an event between them
# alone, with no country, is business, health or farming news.
NONPOLITICAL_SECTORS = frozenset({"HLH", "BUS", "MNC", "AGR"})
COMPANY = "MNC"  # multinational corporations: an event between them alone is business news
PLAIN_PEOPLE = frozenset({"CVL", "PPL"})  # "pedestrians", "people", "residents"
ORDINARY_PEOPLE = PLAIN_PEOPLE | {"EDU"}  # and pupils, students, teachers
PRIVATE_WORD_ROOTS = frozenset({"01", "03", "04"})  # statements, intents, meetings
HARM_ROOTS = frozenset({"17", "18", "19", "20"})  # coercion and violence: with no doer and no political victim, a
# crime or an accident ("two pedestrians were killed", "a man was arrested")
CHARACTERIZING_BLOCKS = ("EXPLAIN_VERBAL",)  # verbs of saying and describing
WH_OBJECTS = frozenset({"WP", "WDT"})
TIME_MARKS = frozenset({"after", "before", "since"})  # events told as the time of another
PERSONAL_WH = frozenset({"who", "whom", "whose"})
# "two weeks after rebels kidnapped": the small model parses some marks as adverbs; "since" only as a mark that opens
# its clause ("having since withdrawn" is the adverb, whatever the parse)
MARKS_ONLY = frozenset({"since"})


def outside_conditions(coded: dict[int, Coding], doc: Doc) -> dict[int, Coding]:
    """The coded verbs outside "if"/"unless" clauses: a condition that may never happen is no event beside the
    verbs the sentence reports ("will withdraw unless the president arranges a ceasefire", "threatened to secede
    unless the Kremlin withdrew its troops"). When every coded verb is in one, they are kept: the sentence has
    nothing else to tell."""
    actual = {i: c for i, c in coded.items() if not in_clause(doc[i], CONDITION_MARKS)}
    return actual or coded


def outside_background(coded: dict[int, Coding], doc: Doc) -> dict[int, Coding]:
    """The coded verbs outside background clauses: an earlier or later event told as the time of the reported one
    ("demanded elections after a court cleared him", "two weeks after rebels kidnapped peacekeepers") or an aside
    on one of its actors ("opened its borders to UN peacekeepers, who are deployed to oversee a ceasefire between
    X and Y") is no event beside it (the caller falls back on them when the others code no event)."""
    return {i: c for i, c in coded.items() if not in_clause(doc[i], TIME_MARKS) and not in_aside(doc[i])}


def in_aside(verb: Token) -> bool:
    """A verb inside a relative clause on people set off by a comma (", who are deployed to ..."), or in a phrase
    within one: a description of its antecedent, not what the sentence reports. (One on an event tells more of it:
    "the attack, which was claimed by X".)"""
    token = verb
    while token.head.i != token.i:
        left = token.left_edge
        if token.dep_ == "relcl" and left.i > 0 and token.doc[left.i - 1].text == "," and left.lower_ in PERSONAL_WH:
            return True
        token = token.head
    return False


def in_clause(verb: Token, marks: frozenset[str]) -> bool:
    """A verb inside an adverbial clause that one of `marks` introduces, or in a phrase within one ("unless the
    president arranges a ceasefire with rebels fighting him")."""
    token = verb
    while token.head.i != token.i:
        if token.dep_ == "advcl" and any(m.lower_ in marks and _marks(m, token) for m in token.children):
            return True
        token = token.head
    return False


def _marks(word: Token, clause: Token) -> bool:
    """A word that introduces the clause: parsed as its mark, or as an adverb that opens it ("two weeks after");
    "since" only as a mark that opens it, adverbs aside ("ever since rebels attacked", not "having since withdrawn")."""
    if word.lower_ in MARKS_ONLY:
        return word.dep_ == "mark" and all(t.pos_ == "ADV" for t in word.doc[clause.left_edge.i : word.i])
    return word.dep_ == "mark" or (word.dep_ == "advmod" and word.left_edge.i == clause.left_edge.i)


def characterizes(verb: Token, coding: Coding) -> bool:
    """A verb of saying in a relative clause that only characterizes its antecedent ("offered what he described
    as a proposal", "the plan, which he called a first step"): no event of its own."""
    if verb.dep_ != "relcl" or not any(block in coding.rule for block in CHARACTERIZING_BLOCKS):
        return False
    wh_object = any(c.dep_ in ("dobj", "nsubjpass") and c.tag_ in WH_OBJECTS for c in verb.children)
    as_complement = any((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd" for c in verb.children)
    return wh_object and as_complement


def unattributed_passive(verb: Token, passive: bool) -> bool:
    """A passive that ties its act to no one and to no attack: no doer named, or one that is a thing ("were killed
    by a falling tree"), and no attack or blast it happened in ("killed in an air strike", "killed by a bomb")."""
    if not passive or attack_heads(verb):
        return False
    return not any(a.lemma_.lower() in ATTACK_NOUNS | BLAST_NOUNS for a in by_agents(verb))


# Quantifiers and indefinite pronouns: a doer named as no one in particular ("was dismissed by many").
GENERIC_DOERS = frozenset(
    {"many", "some", "others", "most", "few", "all", "several", "everyone", "everybody", "someone", "somebody"}
    | {"anyone", "anybody", "one", "both"}
)


def generic_doer(verb: Token) -> bool:
    """A passive whose "by" agent is a quantifier or an indefinite pronoun ("was dismissed by many as a no-hoper",
    "is seen by some as a threat"): the doer is named, and is no actor; the victim alone makes no event. One that
    picks from a group it names ("by one of the attackers", "by some of the rebels") is that group, an actor."""
    agents = by_agents(verb)
    return bool(agents) and all(a.lower_ in GENERIC_DOERS and not _of_group(a) for a in agents)


def _of_group(quantifier: Token) -> bool:
    """A quantifier with an "of" phrase naming whom it picks from ("one of the attackers")."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in quantifier.children)


def apolitical(code: str, source: ActorMention | None, target: ActorMention | None, *, unattributed: bool) -> bool:
    """An event with no political actor at all: between companies only, or, when no actor has a country, either
    every actor is of a non-political sector ("doctors prescribe drugs") or, in a harmful act told in a passive
    that names no doer, the only actor is plain people ("two pedestrians were killed" in a road accident,
    "fourteen people were killed in floods")."""
    if private_word(code, source, target):
        return True
    mentions = [m for m in (source, target) if m is not None]
    if mentions and all(COMPANY in m.actor.sectors for m in mentions):
        return True  # companies alone, wherever they are from ("Toyota struck a deal with Ford")
    if not mentions or any(m.actor.country for m in mentions):
        return False
    sectors = [set(m.actor.sectors) for m in mentions]
    if all(s and s <= NONPOLITICAL_SECTORS for s in sectors):
        return True
    harm = code[:2] in HARM_ROOTS and unattributed
    return harm and source is None and bool(sectors[0]) and sectors[0] <= PLAIN_PEOPLE


def private_word(code: str, source: ActorMention | None, target: ActorMention | None) -> bool:
    """What ordinary people or pupils say, intend or do together, aimed at no one ("voters will weigh in on the
    debate", "first-graders took a field trip"): talk, not a political event, even with a country."""
    if source is None or target is not None or code[:2] not in PRIVATE_WORD_ROOTS:
        return False
    sectors = set(source.actor.sectors)
    return bool(sectors) and sectors <= ORDINARY_PEOPLE


# Sectors of people and bodies who do not fight back: a violent act "between" them and an attacker is one-sided.
NONCOMBATANT_SECTORS = frozenset(
    {"CVL", "PPL", "EDU", "HLH", "MED", "REL", "LAB", "AGR", "BUS", "MNC", "REF", "HRI", "NGO", "JRN", "ELI"}
)
FORCE_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence


# Codes for giving something: the receiver gives nothing back ("shared evidence with the US" is not the US sharing).
GIVING_CODES = frozenset({"064"})
UNILATERAL_WORDS = frozenset({"unilateral", "unilaterally", "one-sided"})


def one_sided(coding: Coding, targets: list[ActorMention], verb: Token) -> bool:
    """A code the dictionary gives both ways that holds one way only here: fighting where those hit are only
    people or bodies who do not fight back ("a missile hit a school": 193 and 193), giving ("shared evidence with
    X"), or an act said to be unilateral ("declared a unilateral ceasefire")."""
    symmetric = coding.code is not None and coding.code == coding.reverse
    if symmetric and (coding.code in GIVING_CODES or _unilateral(verb)):
        return True
    return (
        symmetric
        and (coding.code or "")[:2] in FORCE_ROOTS
        and bool(targets)
        and all(t.actor.sectors and set(t.actor.sectors) <= NONCOMBATANT_SECTORS for t in targets)
    )


def _unilateral(verb: Token) -> bool:
    """The verb or its object is said to be unilateral."""
    return any(t.lower_ in UNILATERAL_WORDS for c in verb.children for t in (c, *c.children))


UNREAL_MODALITIES = frozenset({"hypothetical"})
# Shows of force (mobilizing, deploying, parading): what a passive of them has as subject is the force shown or the
# people put on show, not an actor acted upon ("two clubbers were paraded before the media", "troops were deployed").
DOER_ONLY_ROOTS = frozenset({"15"})


def unreal_without_doer(event: Event) -> bool:
    """An event with no source, active or passive, that tells what would or may happen ("hoped the officials would
    be indicted"), or a show of force by no one named: no one acts. A reported act on a victim ("was arrested on
    Friday") is kept. (The event does not record whether its verb was passive; a check needs events.py.)"""
    return event.source is None and (event.modality in UNREAL_MODALITIES or event.root_code in DOER_ONLY_ROOTS)


def without_stateless_targets(events: list[Event]) -> list[Event]:
    """Drop the events whose target names only sectors ("civilian", "police") while an event of the same trigger,
    code and source has a target with a country in its place: of coordinated objects, one with no country beside
    one with a country adds no party of its own ("demolished Palestinian homes and civilian buildings")."""
    return [e for e in events if not _stateless_beside(e, events)]


def _stateless_beside(event: Event, events: list[Event]) -> bool:
    if event.target is None or not _bare_sectors(event.target):
        return False
    source = event.source.actor.code if event.source else None
    return any(
        e is not event
        and e.evidence.trigger == event.evidence.trigger
        and e.code == event.code
        and (e.source.actor.code if e.source else None) == source
        and e.target is not None
        and e.target.actor.country
        for e in events
    )


def _bare_sectors(mention: ActorMention) -> bool:
    """An actor that is nothing but sectors, of no country and no named group ("civilian" CVL, "police" COP)."""
    sectors = mention.actor.sectors
    return bool(sectors) and sector_only([mention]) and mention.actor.code == "".join(sectors)
