"""Events: code each sentence's event verbs in CAMEO/PLOVER, with source and target from the dependency parse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from spacy.tokens import Doc, Span, Token

from whodid.actor_phrases import (
    as_country,
    compatriots,
    conjuncts,
    own_state,
    resolve_phrase,
    sector_only,
    unknown_actor,
    with_country,
)
from whodid.actors import ActorDictionary, DictMatch
from whodid.arguments import (
    CLAUSE_LINKS,
    affiliation_heads,
    blast_places,
    condition_heads,
    elaboration,
    existential,
    home_places,
    locative_heads,
    object_heads,
    planned_objects,
    purpose_heads,
    reciprocal,
    reduced_passive,
    struck_places,
    subject_heads,
)
from whodid.dates import event_date
from whodid.event_filters import (
    FORCE_ROOTS,
    apolitical,
    characterizes,
    generic_doer,
    one_sided,
    outside_background,
    outside_conditions,
    unattributed_passive,
    unreal_without_doer,
    without_stateless_targets,
)
from whodid.lexicon import Coding, VerbLexicon, compose
from whodid.locatives import locative_places
from whodid.nominals import NounLexicon, nominal_arguments, nominal_places
from whodid.ontology import Ontology
from whodid.options import Options
from whodid.places import event_location
from whodid.quotes import quote_at
from whodid.records import ActorMention, Event, Evidence, Modality, Place, Quote, Sentence, stable_id
from whodid.relevance import Discards

INTENT_AUX = frozenset({"will", "shall", "wo", "'ll"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "may", "might", "should", "can", "must", "'d"})
INTENT_GOVERNORS = frozenset(
    {"plan", "intend", "want", "seek", "hope", "aim", "prepare", "decide", "try", "attempt", "expect", "wish"}
)
# Adjectives that announce an intended action ("ready to talk", "willing to withdraw").
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "determined", "eager", "keen", "committed"})
CONTENT_PREPS = frozenset({"of", "for", "with", "over"})  # "accused of", "blamed for", "charged with"
# Event families whose target, when none is named, is where they happen (CAMEO/PLOVER practice: a protest in
# Serbia is aimed at Serbia, a meeting in Zurich involves Switzerland, troops deployed in the West Bank face it).
PLACE_AS_TARGET = ("04", "14", "15", "17", "132")  # code prefixes; a curfew in Cizre is imposed on Turkey too
# Other actions (not statements or appeals) with a known actor and no one named as acted upon: aimed at where
# they happen too ("Sudan lifted a state of emergency in Darfur", "police arrested 12 in Cairo").
PLACED_ACTION_ROOTS = frozenset(f"{root:02d}" for root in range(3, 21))
# Protests are aimed at whoever their purpose names ("on hunger strike to demand the resignation of X"); force too,
# through FORCE_ROOTS in _events_for ("opened fire to disperse X").
PURPOSE_AS_TARGET = frozenset({"14"})
THREAT_ROOT = "13"  # threats are aimed at whoever their condition names
FIRST_PERSON = frozenset({"i", "we"})
# Entity types that name an actor even when no dictionary knows it.
UNKNOWN_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Event families that are mutual between coordinated subjects ("the US and Russia met"; "X and Y cooperate").
MUTUAL_ROOTS = frozenset({"04", "05", "06"})
MAIN_EVENT_MARGIN = 0.1  # side events without both actors, less confident than the best by more, are dropped
STRUCK_PLACE_ROOTS = frozenset({"15", "18", "19", "20"})  # force: a place as its object is where it happened
TRIGGER_POS = frozenset({"VERB", "NOUN"})  # the verb lexicon reads verbs, the noun lexicon verbs and nouns
NEGATING_NOUNS = frozenset({"inability", "failure", "unwillingness", "reluctance"})  # "X's failure to act"
PEOPLE_SUFFIXES = ("er", "ist", "ian", "ite", "ee")  # hardliner, loyalist, politician, elite, appointee
PEOPLE_NOUNS = frozenset({"official", "hawk", "dove", "people", "man", "woman", "insider"})
SPEECH_LEMMAS = frozenset({"say", "tell", "state", "report", "add", "note", "declare", "write"})


@dataclass(frozen=True, slots=True)
class CodingTools:
    """The loaded resources event coding needs."""

    lexicon: VerbLexicon
    ontology: Ontology
    dictionary: ActorDictionary
    cameo: bool = True  # the verb codes are CAMEO codes (False for a user dictionary in another scheme)
    nouns: NounLexicon | None = None  # event nouns ("staged a hunger strike"); None with a user's verb dictionary
    discards: Discards | None = None  # sports, entertainment, history: no events (None with own dictionaries)

    def code(self, verb: Token) -> Coding | None:
        """The verb's coding: the verb dictionary's, unless its object noun decides the event."""
        if verb.pos_ not in TRIGGER_POS:  # what neither dictionary reads: most tokens
            return None
        coding = self.lexicon.code(verb)
        if self.nouns is None or (coding and coding.rule.startswith("naming:")):  # "called the attack a crime"
            return coding
        return self.nouns.code(verb, coding) or coding


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What event coding needs to know about the article a sentence comes from."""

    article_id: str
    date: str | None
    matches: Sequence[DictMatch]
    places: Sequence[Place] = ()
    quotes: Sequence[Quote] = ()
    fallback_location: tuple[Place | None, str | None] = (None, None)  # dateline or main place, and its rule


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What all events of a sentence share, worked out once: the sentence, its date, its locative places."""

    sentence: Sentence
    date: str | None
    date_basis: str
    places: Sequence[Place]


def code_sentence(
    sentence: Sentence, span: Span, ctx: ArticleContext, tools: CodingTools, options: Options
) -> list[Event]:
    """All events of one sentence, at most one per (code, source, target), the most confident first."""
    if tools.discards is not None and tools.discards.sentence_reason(sentence.text):
        return []
    doc = span.doc
    coded = {v.i: c for v in span if (c := tools.code(v)) is not None and not characterizes(v, c)}
    coded = outside_conditions(coded, doc)  # a condition is no event beside another verb
    foreground = outside_background(coded, doc)  # nor an event told as a time, nor an aside
    events = _coded_events(sentence, doc, foreground, ctx, tools, options)
    if not events and len(foreground) < len(coded):  # "calm returned after police arrested 30": the only event
        events = _coded_events(sentence, doc, coded, ctx, tools, options)
    return without_stateless_targets(events)


def _coded_events(
    sentence: Sentence, doc: Doc, coded: dict[int, Coding], ctx: ArticleContext, tools: CodingTools, options: Options
) -> list[Event]:
    """The events of a sentence's coded verbs, at most one per (code, source, target), the most confident first."""
    governors = {i: gov for i in coded if (gov := _governor(doc[i], coded)) is not None}
    statements = {i for i, c in coded.items() if _is_statement(c, doc[i], tools.cameo)}
    final = _cameo_codings(doc, coded, governors, statements, tools.lexicon) if tools.cameo else dict(coded)
    if not final:
        return []
    date, basis = event_date(sentence.text, ctx.date)
    facts = SentenceFacts(sentence, date, basis, locative_places(ctx.places, doc, sentence))
    events: dict[tuple, Event] = {}
    bare_statements: list[int] = []
    reported: list[int] = []
    for i, coding in final.items():
        governor = governors.get(i)
        if governor is not None and governor not in statements:
            continue  # the governing appeal/demand/threat/... already codes this embedded action
        if i in statements and any(gov == i and j not in statements for j, gov in governors.items()):
            reported.append(i)  # "X said Y attacked Z": the attack is the event, not the saying
            continue
        if tools.cameo and i in statements and coding.code in ("010", "01"):
            bare_statements.append(i)  # "X said ...": an event only when the sentence holds no other
            continue
        _add_events(events, _events_for(doc[i], coding, facts, ctx, tools, options))
    if options.keep_statements and all(e.negated for e in events.values()):
        fallback = bare_statements if not events else bare_statements + reported  # "X says Y is not ..."
        for i in fallback:
            _add_events(events, _events_for(doc[i], final[i], facts, ctx, tools, options))
    return _main_events(sorted(events.values(), key=lambda e: -e.confidence))  # the most likely event first


def _main_events(events: list[Event]) -> list[Event]:
    """The sentence's main events: those with both actors, and those coded about as confidently as its best one.
    A side event that lacks an actor and was coded less surely ("..., killing one person and arresting 12") is
    more often a misreading than a second event."""
    if not events:
        return events
    floor = events[0].confidence - MAIN_EVENT_MARGIN - 1e-9
    return [e for e in events if _both_named(e.source, e.target) or e.confidence >= floor]


def _both_named(source: ActorMention | None, target: ActorMention | None) -> bool:
    """Both actors found in the text (an implied one, like a protest's own state, does not count)."""
    return bool(source and target and target.text)


def _add_events(events: dict[tuple, Event], new: list[Event]) -> None:
    """Add events, at most one per (code, source, target): the first one found."""
    for event in new:
        if not unreal_without_doer(event):
            events.setdefault((event.code, _code(event.source), _code(event.target)), event)


def _cameo_codings(
    doc: Doc, coded: dict[int, Coding], governors: dict[int, int], statements: set[int], lexicon: VerbLexicon
) -> dict[int, Coding]:
    """CAMEO's readings of stance: what is said to be required, intended, refused or asked for takes its code
    from the action concerned. `statements` loses the statements that turn out to be demands or appeals."""
    final = dict(coded)
    for i in sorted(statements):  # "X said Y must withdraw": X demands that Y withdraw
        if (demand := _reported_obligation(doc[i], coded, lexicon)) is not None:
            final[i] = demand
            statements.discard(i)
    for i, coding in coded.items():  # "X is willing to withdraw": an intent to withdraw
        head = doc[i].head
        if doc[i].dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_ in INTENT_ADJECTIVES:
            intent = Coding("030", None, f"intent:{head.lemma_}", False, coding.particle_ids)
            final[i] = compose(lexicon, intent, coding) or coding
    for i, coding in coded.items():  # "X will meet Y": an intent; "will not accept": a refusal
        if (stance := _announced_stance(doc[i], statements)) is not None:
            announced = Coding(stance, None, f"{'refusal' if stance == '120' else 'intent'}:future", False, ())
            if composed := compose(lexicon, announced, final[i]):
                final[i] = Coding(composed.code, None, composed.rule, True, coding.particle_ids)
    for i, gov in governors.items():  # "urged X to withdraw": the appeal takes its code from what it asks for
        if gov not in statements and (composed := compose(lexicon, final[gov], coded[i])):
            final[gov] = composed
    return final


def _reported_obligation(verb: Token, coded: dict[int, Coding], lexicon: VerbLexicon) -> Coding | None:
    """A statement whose reported clause says someone must (a demand) or should (an appeal) act."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if auxes & {"must", "should"} and not any(c.dep_ == "neg" for c in clause.children):
            kind = "demand" if "must" in auxes else "appeal"
            base = Coding("100" if kind == "demand" else "020", None, f"{kind}:reported", False, ())
            return (compose(lexicon, base, coded[clause.i]) if clause.i in coded else None) or base
    return None


def _announced_stance(verb: Token, statements: set[int]) -> str | None:
    """ "030" for an announced future action ("Ethiopia will supply power", "said it would open a corridor"),
    "120" for an announced refusal ("will not accept refugees"), None otherwise."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    reported = verb.dep_ == "ccomp" and verb.head.i in statements
    if not (auxes & INTENT_AUX or (reported and "would" in auxes)):
        return None
    return "120" if any(c.dep_ == "neg" for c in verb.children) else "030"


def _code(mention: ActorMention | None) -> str | None:
    return mention.actor.code if mention else None


def _is_statement(coding: Coding, verb: Token, cameo: bool) -> bool:
    """A verb of saying: CAMEO 01x, or (for other code schemes) a speech verb."""
    if cameo:
        return (coding.code or coding.reverse or "").startswith("01")
    return verb.lemma_ in SPEECH_LEMMAS


def _governor(verb: Token, coded: dict[int, Coding]) -> int | None:
    """The coded verb whose complement clause holds `verb` ("urged X to withdraw": urged governs withdraw), or
    that `verb` elaborates as a participle without a subject of its own ("shelled the city, killing 20")."""
    token = verb
    if elaboration(verb) and verb.head.i in coded and not _escalates(coded[verb.i], coded[verb.head.i]):
        return verb.head.i
    if verb.dep_ == "pcomp" and verb.head.lower_ in CONTENT_PREPS and verb.head.head.i in coded:
        return verb.head.head.i  # "accused Turkey of attacking": what is alleged, not an act of the accuser
    while token.dep_ in CLAUSE_LINKS or (token.dep_ == "conj" and token.head.dep_ in CLAUSE_LINKS):
        token = token.head
        if token.i in coded:
            return token.i
    return None


def _escalates(action: Coding, governor: Coding) -> bool:
    """An act of force elaborating a lesser one is an event of its own ("undermined the deal, launching an air
    attack on X": the attack is coded, not folded into the undermining)."""
    return (action.code or "")[:2] in FORCE_ROOTS and (governor.code or governor.reverse or "")[:2] not in FORCE_ROOTS


def _events_for(
    verb: Token, coding: Coding, facts: SentenceFacts, ctx: ArticleContext, tools: CodingTools, options: Options
) -> list[Event]:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or reduced_passive(verb)
    nominal = coding.rule.startswith("noun:")  # the object names the event ("held talks with X"): last resort
    if verb.pos_ == "NOUN":  # an event noun with its own actors ("the army's capture of X", "talks between X and Y")
        subjects, object_tokens = nominal_arguments(verb)
    else:
        subjects, object_tokens = subject_heads(verb, passive), object_heads(verb, passive, objects_first=not nominal)
    sources = _actors(subjects, ctx, tools) or _quote_speaker(verb, subjects, ctx) or _unknown_actors(subjects)
    sources = sources or _located_people(subjects, ctx, tools)  # "the hardliners in Washington"
    if not sources:  # "a roadside bombing near Samarra killed ...": the country it happened in
        places = [m for m in _actors(blast_places(subjects, verb), ctx, tools) if m.actor.country][:1]
        sources = [as_country(m, tools.dictionary) for m in places]  # the country, not "police station" AFGCOP
    targets = _actors(object_tokens, ctx, tools, prefer_country=True)
    planned = [] if targets else _actors(planned_objects(verb), ctx, tools)  # "a deal to supply X": X is no party
    targets = targets or planned
    clauses = [c for c in verb.children if c.dep_ == "advcl"]  # "..., when they blew themselves up in Tel Aviv"
    places = home_places([*locative_heads(verb), *(h for c in clauses for h in locative_heads(c))])
    # sector-only actors ("militants loyal to X", "students demonstrated in Serbia") take the country of their side
    targets = _placed(targets, [*affiliation_heads(object_tokens), *places], ctx, tools)
    sources = _placed(sources, [*affiliation_heads(subjects), *places], ctx, tools)
    root = (coding.code or coding.reverse or "")[:2]
    if not targets and (root in PURPOSE_AS_TARGET or root in FORCE_ROOTS):  # "opened fire to disperse X"
        targets = _actors(purpose_heads(verb), ctx, tools)
    if not targets and root == THREAT_ROOT:  # "threatened to stop the talks if the United States goes ahead"
        targets = _actors(condition_heads(verb), ctx, tools)
    mutual = len(sources) > 1 and (root in MUTUAL_ROOTS or reciprocal(verb))
    placed = (coding.code or "").startswith(PLACE_AS_TARGET) or (sources and root in PLACED_ACTION_ROOTS)
    if not targets and not mutual and placed:  # "rallied in Serbia"
        objects = [c for c in verb.children if c.dep_ == "dobj"]  # "imposed a curfew in Cizre"
        targets = _actors([*locative_heads(verb), *(h for o in objects for h in locative_heads(o))], ctx, tools)
    if root in PURPOSE_AS_TARGET:  # "fundamentalists on hunger strike against the Algerian president": Algerians
        sources = compatriots(sources, targets)
        if not (targets or mutual or coding.reverse):  # "Egyptian demonstrators rioted": at Egypt
            targets = own_state(sources, tools.dictionary)
    if not targets and mutual:  # "X and Y met", "X and Y delayed their meeting"
        code = coding.code or coding.reverse
        return [
            _event(verb, coding, code, s, t, facts, ctx, tools)
            for s, t in product(sources, sources)
            if code and s.actor.code != t.actor.code
        ]
    directed: list[tuple[str, list, list]] = []
    if coding.code:
        directed.append((coding.code, sources, targets))
    one_way = planned or one_sided(coding, targets, verb)
    if coding.reverse and (coding.code is None or (sources and targets)) and not one_way:
        directed.append((coding.reverse, targets, sources))
    out = []
    unattributed = unattributed_passive(verb, passive)
    told = not reduced_passive(verb) or existential(verb.head)  # "the curfew imposed in Sudan": background
    told = told and not generic_doer(verb)  # "was dismissed by many": a doer that is no one in particular
    for code, srcs, tgts in directed:
        for source, target in product(srcs or [None], tgts or [None]):
            if source is None and options.require_source and not (passive and target is not None and told):
                continue  # a passive names its victim even when it hides the doer ("was arrested on Friday")
            if target is None and options.require_target:
                continue
            if source and target and source.actor.code == target.actor.code and source.start == target.start:
                continue
            if apolitical(code, source, target, unattributed=unattributed):
                continue
            out.append(_event(verb, coding, code, source, target, facts, ctx, tools))
    return out


def _quote_speaker(verb: Token, subjects: Sequence[Token], ctx: ArticleContext) -> list[ActorMention]:
    """ "We will not allow it," Lavrov said: inside a quote, "I" and "we" are the speaker."""
    if not subjects or any(s.lower_ not in FIRST_PERSON for s in subjects):
        return []
    quote = quote_at(ctx.quotes, verb.idx)
    return [quote.speaker] if quote is not None and quote.speaker is not None else []


def _unknown_actors(heads: Sequence[Token]) -> list[ActorMention]:
    """Named sources the dictionaries do not know ("Kellyanne Conway says"): kept with their text and entity
    type (code "", no country), so that the event is not lost; the first named head wins."""
    for head in heads:
        if (mention := unknown_actor(head, UNKNOWN_ACTOR_LABELS)) is not None:
            return [mention]
    return []


def _located_people(heads: Sequence[Token], ctx: ArticleContext, tools: CodingTools) -> list[ActorMention]:
    """People the dictionaries do not know, named by where they belong ("the hardliners in Washington", "hawks in
    Tehran"): the actor of that place. Only plural nouns: "the fighting in Aleppo" is no one."""
    for head in heads:
        if head.tag_ != "NNS" or head.ent_type_ or not _names_people(head):
            continue
        places = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children]
        found = [m for m in _actors([p for p in places if p.dep_ == "pobj"], ctx, tools) if m.actor.country]
        if found:
            return found
    return []


def _names_people(noun: Token) -> bool:
    """A plural noun for people by what they do or are ("hardliners", "loyalists", "officials"), not for events
    or things ("clashes in the city")."""
    lemma = noun.lemma_.lower()
    return lemma.endswith(PEOPLE_SUFFIXES) or lemma in PEOPLE_NOUNS


def _actors(
    heads: Sequence[Token], ctx: ArticleContext, tools: CodingTools, *, prefer_country: bool = False
) -> list[ActorMention]:
    """Actors for argument heads, each head expanded to its conjuncts; the first head that names one wins.
    With `prefer_country`, a sector-only first find ("withdraw its troops from Lebanon": MIL) gives way to a
    later head that names a country."""
    first: list[ActorMention] = []
    for head in heads:
        found = [m for h in conjuncts(head) for m in resolve_phrase(h, ctx.matches, tools.dictionary, ctx.date)]
        if found and (not prefer_country or any(m.actor.country for m in found)):
            return found
        first = first or found
    return first


def _placed(
    mentions: list[ActorMention], heads: Sequence[Token], ctx: ArticleContext, tools: CodingTools
) -> list[ActorMention]:
    """Sector-only actors ("23 people", "students") take the country of the place the event is located in:
    "killed 23 people in Tel Aviv" are Israeli civilians."""
    if not sector_only(mentions):
        return mentions
    country = next((m.actor.country for m in _actors(heads, ctx, tools, prefer_country=True) if m.actor.country), None)
    return with_country(mentions, country) if country else mentions


def _modality(verb: Token, coding: Coding) -> tuple[Modality, bool]:
    """Modality and negation from auxiliaries, negation and the governing verb."""
    chain = [verb]
    if verb.dep_ in CLAUSE_LINKS:
        chain.append(verb.head)
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    negated = negated or (verb.dep_ == "acl" and verb.head.lemma_.lower() in NEGATING_NOUNS)  # "inability to agree"
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if verb.dep_ == "xcomp" and verb.head.lemma_ in INTENT_GOVERNORS:
        return "intent", negated
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical", negated
    if auxes & INTENT_AUX:
        return "intent", negated
    return "actual", negated


def _event(
    verb: Token,
    coding: Coding,
    code: str,
    source: ActorMention | None,
    target: ActorMention | None,
    facts: SentenceFacts,
    ctx: ArticleContext,
    tools: CodingTools,
) -> Event:
    sentence = facts.sentence
    entry = tools.ontology.get(code) if tools.cameo else None
    doc = verb.doc
    trigger_tokens = [verb, *(doc[i] for i in coding.particle_ids)]
    t_start = min(t.idx for t in trigger_tokens)
    t_end = max(t.idx + len(t.text) for t in trigger_tokens)
    modality, negated = _modality(verb, coding)
    negated = negated and not coding.rule.startswith("refusal:")  # "will not accept" is coded as a refusal
    quoted = any(q.start <= t_start < q.end for q in ctx.quotes)
    nominal = coding.rule.startswith("noun:")
    places = nominal_places(verb, ctx.places, tools.nouns) if nominal else []  # "talks in Ankara"
    if not places and code[:2] in STRUCK_PLACE_ROOTS:  # "shelled Aleppo": where it happened
        places = struck_places(verb, ctx.places)
    location, location_rule = event_location(places or facts.places, sentence.start, sentence.end, t_start), "sentence"
    if location is None:
        location, location_rule = ctx.fallback_location

    def rel(m: ActorMention | None) -> tuple[int, int] | None:  # None for an actor outside the sentence
        inside = m is not None and sentence.start <= m.start and m.end <= sentence.end
        return (m.start - sentence.start, m.end - sentence.start) if inside else None

    evidence = Evidence(
        sentence=sentence.text,
        trigger=(t_start - sentence.start, t_end - sentence.start),
        source=rel(source),
        target=rel(target),
        rule=coding.rule,
    )
    confidence = 0.45 + (0.2 if coding.from_pattern else 0.0) + (0.15 if _both_named(source, target) else 0.0)
    confidence -= 0.2 if negated or modality == "hypothetical" else 0.0
    event_id = stable_id(ctx.article_id, sentence.index, t_start, code, _code(source), _code(target))
    return Event(
        event_id=event_id,
        article_id=ctx.article_id,
        sentence=sentence.index,
        date=facts.date,
        date_basis=facts.date_basis,  # type: ignore[arg-type]
        code=entry.code if entry and len(entry.code) >= len(code) else code,
        base_code=entry.base if entry else code[:3],
        root_code=entry.root if entry else code[:2],
        quad_class=entry.quad_class if entry else None,  # a code outside the CAMEO table: no scale known
        goldstein=entry.goldstein if entry else None,
        plover_event=entry.plover_event if entry else None,
        plover_mode=entry.plover_mode if entry else None,
        source=source,
        target=target,
        evidence=evidence,
        location=location,
        location_rule=location_rule,
        negated=negated,
        modality="appeal" if entry and entry.root == "02" and modality == "actual" else modality,
        quoted=quoted,
        confidence=round(max(0.05, min(0.95, confidence)), 2),
    )
