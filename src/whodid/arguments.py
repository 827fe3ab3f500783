"""Arguments of an event verb in the dependency parse: who acts (subjects, passive agents, the subject a clause
inherits) and who is acted upon (objects, prepositional objects, purpose clauses, places named as locations)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from whodid.records import Place

OBJECT_DEPS = ("dobj", "dative", "iobj", "attr", "oprd")
TARGET_PREPS = frozenset(
    {"with", "to", "against", "on", "from", "for", "into", "toward", "towards", "upon", "over", "at", "of"}
)
ENCLAVES = frozenset({"embassy", "consulate", "legation", "base"})  # one state's ground inside another
# Prepositions that place an event ("in Aleppo", "near the border"); places elsewhere are participants.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "off", "within"})
PURPOSE_NOUNS = frozenset({"protest", "support", "solidarity", "opposition", "response", "retaliation"})
# Nouns of attacks whose actor a passive verb's victims suffered ("killed in an Israeli air strike").
ATTACK_NOUNS = frozenset(
    {"attack", "strike", "airstrike", "raid", "shelling", "bombing", "bombardment", "offensive", "fire", "ambush",
     "assault", "operation", "crackdown", "clash", "fighting"}
)  # fmt: skip
# Prepositions under an object noun that lead to the one acted upon ("ties with X", "attack on X", "talks among X";
# "condemned an attack by X": X is the one condemned).
NOUN_TARGET_PREPS = TARGET_PREPS | {"between", "among", "amongst", "by"}
NESTED_DEPTH = 3
# Modifiers that tie people to the group or state they belong to ("loyal to X", "affiliated with X").
# "Allied with" and "linked to" tell cross-border sponsorship ("rebels allied with Turkey" are still Syrian), not kin.
AFFILIATION_WORDS = frozenset({"loyal", "affiliate", "affiliated", "faithful"})
RECIPROCAL_MARKERS = frozenset({"their", "mutual", "bilateral", "one another"})
REFERRING_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
# Passives that describe the subject's own stance ("Israel is opposed to ..."), not something done to it.
STATIVE_PASSIVES = frozenset(
    {"oppose", "commit", "determine", "prepare", "dispose", "resolve", "concern", "engage", "involve"}
)
CLAUSE_LINKS = ("xcomp", "ccomp")
# Blasts that name no one behind them ("a roadside bombing near Samarra killed ..."): event data code them to the
# country they happen in.
BLAST_NOUNS = frozenset(
    {"bomb", "bombing", "explosion", "blast", "device", "mine", "landmine", "minefield", "explosive", "ied"}
)
# Documents and acts: a participle on one names its maker or its target ("a resolution condemning X", "the proposal
# made by X"); on people or goods it only describes them ("protesters waving Turkish flags", "a convoy carrying
# Iranian weapons").
MADE_THINGS = ATTACK_NOUNS | BLAST_NOUNS | frozenset(
    {"resolution", "report", "statement", "declaration", "letter", "memo", "message", "note", "proposal", "plan",
     "bill", "law", "decree", "order", "motion", "draft", "document", "agreement", "deal", "accord", "treaty",
     "charter", "initiative", "decision", "ruling", "verdict", "study", "video", "appeal", "demand", "request",
     "petition", "measure", "policy", "programme", "program", "sanction", "ultimatum", "campaign", "crime", "atrocity",
     "abuse", "violation", "massacre", "killing", "parade", "rally", "march", "protest", "demonstration", "move",
     "effort", "action", "step", "threat", "warning", "accusation", "charge", "claim", "allegation"}
)  # fmt: skip
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Prepositions whose gerund is done by the governing verb's object ("warned X against interfering", "stopped X
# from entering", "thanked X for helping"); "by", "after", "without" ... keep the subject.
CONTROL_PREPS = frozenset({"against", "from", "for", "of", "into"})
NAME_ENTITIES = frozenset({"GPE", "ORG", "PERSON", "NORP"})
PERSONAL_RELATIVES = frozenset({"who", "whom", "whose"})  # "X, who was appointed by Y": X is a person
CONDITION_MARKS = frozenset({"if", "unless"})


def by_agents(verb: Token) -> list[Token]:
    """The "by" agents of a passive verb."""
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def subject_heads(verb: Token, passive: bool) -> list[Token]:
    """Who acts: the subject, the "by" agent of a passive, or the subject the verb inherits from its clause."""
    if passive:
        agents = by_agents(verb)
        if not _stative(verb):
            return agents or attack_heads(verb)
        stative = [c for c in verb.children if c.dep_ == "nsubjpass"]  # "Israel is opposed to ..."
        if stative and all(s.lower_ in REFERRING_PRONOUNS for s in stative):
            return _reported_speaker(verb) or stative  # "the army said it is engaged in a battle"
        return stative
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        if all(s.lower_ in REFERRING_PRONOUNS for s in subjects):
            return _reported_speaker(verb) or subjects  # "Japan said it had halted aid"
        return subjects + [a for s in subjects for a in _makers(s)]  # "the attack, claimed by X, killed ..."
    head = verb.head
    if verb.dep_ == "xcomp":  # "urged Russia to withdraw" (object control), "agreed to", "is expected to"
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        return objects or subject_heads(head, False) or raised
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_heads(head, any(c.dep_ == "nsubjpass" for c in head.children))
    if verb.dep_ in ("relcl", "acl"):  # "a declaration demanding ...": the declaration's issuer, if it is no actor
        return [head]
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or _infinitive(verb)):
        return subject_heads(head, False)  # "..., saying ...", "met in Zurich to discuss ..."
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):  # "... by demanding that ..."
        controllers = [c for c in head.head.children if c.dep_ == "dobj"] if head.lower_ in CONTROL_PREPS else []
        if any(c.ent_type_ in NAME_ENTITIES or c.pos_ == "PRON" for c in controllers):
            return controllers  # "warned the US against interfering": the US
        return controllers + subject_heads(head.head, False)  # "spent millions for arming X": the object names
        # no one, so the subject acts ("warned protesters against ..." still resolves to the protesters first)
    if verb.dep_ in ("acomp", "attr") and head.pos_ in ("VERB", "AUX"):  # "X is about/ready/willing to ..."
        return subject_heads(head, False)
    return []


def reduced_passive(verb: Token) -> bool:
    """A past participle that modifies the noun it acts upon ("two Australians arrested in Bali", "an alumnus
    killed in Iraq"): a passive whose subject is that noun."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
        and not any(c.dep_ == "dobj" for v in (verb, *verb.conjuncts) for c in v.children)
    )  # with an object it is a misparsed active verb ("doctors from X donated and delivered goods")


def existential(noun: Token) -> bool:
    """A noun that a "there is/are" clause introduces ("there were ten soldiers killed")."""
    return noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)


def _makers(noun: Token) -> list[Token]:
    """Who a thing was done or made by, as its passive modifier says ("the attack, which was claimed by X",
    "a report written by X"): the one behind it when the thing itself names no actor. A person is no such thing:
    "Tom Jenkins, who was kidnapped by X" is still the one who acts."""
    if noun.ent_type_ == "PERSON":
        return []
    clauses = [c for c in noun.children if (c.dep_ == "acl" and c.tag_ == "VBN") or c.dep_ == "relcl"]
    clauses = [c for c in clauses if not any(r.lower_ in PERSONAL_RELATIVES for r in c.children)]
    return [p for c in clauses if c.dep_ == "acl" or any(a.dep_ == "auxpass" for a in c.children) for p in by_agents(c)]


def _stative(verb: Token) -> bool:
    """A passive that describes its subject's own stance ("Israel is opposed to ...", "is committed to ..."), with
    no "by" agent."""
    return verb.lemma_ in STATIVE_PASSIVES and not any(c.dep_ == "agent" for c in verb.children)


def attack_heads(verb: Token) -> list[Token]:
    """For a passive without its agent, the attack it happened in: "were killed in Israeli tank shelling"."""
    return [
        p
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "by")
        for p in prep.children
        if p.dep_ == "pobj" and p.lemma_.lower() in ATTACK_NOUNS
    ]


def _reported_speaker(verb: Token) -> list[Token]:
    """For a pronoun subject inside a reported clause, the subject of the reporting verb."""
    token = verb
    while token.dep_ in ("ccomp", "conj") and token.head is not token:
        token = token.head
        subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in REFERRING_PRONOUNS]
        if subjects:
            return subjects
    return []


def object_heads(verb: Token, passive: bool, *, objects_first: bool = True) -> list[Token]:
    """Who is acted upon, most direct first: object, prepositional object, then a complement's subject.
    Without `objects_first`, an object that names the event itself comes after what hangs off it ("launched a
    mediation effort between X and Y": X and Y; "rejected a Senegalese peace plan": Senegal)."""
    heads: list[Token] = []
    children = list(verb.children)
    if passive and not _stative(verb):  # "Israel is opposed to X": Israel is who opposes, not who is acted upon
        heads += [c for c in children if c.dep_ == "nsubjpass"]
        heads += [verb.head] if reduced_passive(verb) else []  # "two Australians arrested in Bali"
    objects = [c for c in children if c.dep_ in OBJECT_DEPS or _misparsed_object(verb, c)]
    for obj in objects:  # "held talks with X", "launched an attack on X", "resumption of ties with X"
        nested = [n for o in (obj, *obj.conjuncts) for n in _nested_objects(o, NESTED_DEPTH)]  # "launched
        # artillery, mortar and rocket fire against X": the preposition hangs off the last of the objects
        heads += [obj, *nested] if objects_first else [*nested, *([obj] if _names_someone(obj) else [])]
    pobjs = [p for prep in _preps(verb) for p in prep.children if p.dep_ == "pobj"]
    heads += pobjs
    for clause in (c for c in children if c.dep_ in CLAUSE_LINKS):
        heads += [s for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")]
        clause_objects = [o for o in clause.children if o.dep_ in ("dobj", "dative")]
        heads += clause_objects
        heads += [p for prep in _preps(clause) for p in prep.children if p.dep_ == "pobj"]
        if clause.dep_ == "xcomp":  # the governor's own action ("agreed to lift sanctions on X"), not a report
            heads += [n for o in clause_objects for n in _nested_objects(o, 1)]
    heads += [n for p in pobjs for n in _nested_objects(p, NESTED_DEPTH - 1)]  # "for a war against X": last
    if not objects:  # "donated and delivered goods to X": a shared object is written once, after the last verb
        heads += [h for conj in children if _shares_subject(conj) for h in object_heads(conj, False)]
    return heads


def planned_objects(verb: Token) -> list[Token]:
    """The objects of the action that the verb's object announces in an infinitive ("signed an accord to supply X
    with wheat", "rejected a plan to attack X"): a last resort for the target."""
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    clauses = [c for n in nouns for c in n.children if c.dep_ in ("acl", "relcl") and _infinitive(c)]
    heads = [o for c in clauses for o in c.children if o.dep_ in ("dobj", "dative")]
    return heads + [p for c in clauses for prep in _preps(c) for p in prep.children if p.dep_ == "pobj"]


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def elaboration(verb: Token) -> bool:
    """A subjectless participle or purpose clause: "..., killing 20", "... to demand reforms"."""
    if verb.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return _infinitive(verb) or (verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in verb.children))


def _named_modifier(noun: Token) -> bool:
    """An event noun with an owner or a name ("the government's plan", "a Senegalese peace plan"), not one with
    a bare sector word ("joint military exercises" name no one)."""
    return any(
        c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in NAME_ENTITIES)
        for c in noun.lefts
    )


def _names_someone(noun: Token) -> bool:
    """An event noun whose phrase may name who it is done to: a named modifier, or a phrase after it ("took the
    step of recalling its ambassador from Turkey"); a bare "joint military exercises" (in the Yellow Sea) names no
    one."""
    return _named_modifier(noun) or any(c.dep_ == "prep" and c.lower_ not in LOCATIVE_PREPS for c in noun.rights)


def _misparsed_object(verb: Token, child: Token) -> bool:
    """A name after the verb that the small model takes for an adverbial noun ("criticized Turkey" parsed like
    "criticized Tuesday"): its object."""
    return child.dep_ == "npadvmod" and child.i > verb.i and child.ent_type_ in NAME_ENTITIES


def _shares_subject(verb: Token) -> bool:
    """A verb coordinated with its head that has no subject of its own ("donated and delivered")."""
    return verb.dep_ == "conj" and verb.pos_ == "VERB" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _nested_objects(noun: Token, depth: int) -> list[Token]:
    """Objects of the prepositions hanging off a noun, breadth first, `depth` levels down."""
    found = [
        p
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    if _made_thing(noun):  # "the proposal made by X", not "a militant wanted by X" (who is still the target)
        found += [p for acl in noun.children if acl.dep_ == "acl" and acl.tag_ == "VBN" for p in by_agents(acl)]
        found += [
            o
            for acl in noun.children
            if acl.dep_ == "acl" and acl.tag_ == "VBG"
            for o in acl.children
            if o.dep_ == "dobj"
        ]  # "a resolution condemning Israel", "an attack targeting civilians"
    if depth > 1:
        found += [q for p in list(found) for q in _nested_objects(p, depth - 1)]
    return found


def _made_thing(noun: Token) -> bool:
    """A document or an act that someone made or did ("a resolution condemning X", "crimes committed by X"),
    not under a locative preposition ("at a lunch hosted by X" is a setting)."""
    return noun.lemma_.lower() in MADE_THINGS and not (noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE_PREPS)


def affiliation_heads(nouns: Sequence[Token]) -> list[Token]:
    """Whom people are said to belong to ("militants loyal to X", "workers affiliated with X"): the objects of an
    affiliation modifier's preposition. Sponsors and allies ("rebels backed by / allied with Iran") are not kin."""
    return [
        p
        for noun in nouns
        for mod in noun.children
        if mod.dep_ in ("amod", "acl") and mod.lemma_.lower() in AFFILIATION_WORDS
        for prep in mod.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "with")
        for p in prep.children
        if p.dep_ == "pobj"
    ]


def reciprocal(verb: Token) -> bool:
    """The action is between the coordinated subjects themselves ("delayed their meeting", "each other")."""
    return any(t.lower_ in RECIPROCAL_MARKERS for t in verb.subtree if t.i > verb.i) or any(
        t.lower_ == "each" and t.nbor(1).lower_ == "other" for t in verb.subtree if t.i + 1 < len(t.doc)
    )


def purpose_heads(verb: Token) -> list[Token]:
    """Whom a protest or an attack is aimed at: the objects of its purpose clause or participle ("to demand the
    resignation of X", "..., demanding reforms", "exploded in Baghdad, killing five soldiers") or of "in protest
    against/of X"."""
    heads: list[Token] = []
    for child in verb.children:
        if elaboration(child):
            heads += object_heads(child, False)
        elif child.dep_ == "prep" and child.lower_ in ("in", "as"):
            nouns = [p for p in child.children if p.dep_ == "pobj" and p.lemma_ in PURPOSE_NOUNS]
            heads += [h for noun in nouns for h in _nested_objects(noun, NESTED_DEPTH)]
    return heads


def locative_heads(verb: Token, depth: int = NESTED_DEPTH) -> list[Token]:
    """Objects of the verb's locative prepositions, and of theirs in turn ("met in Zurich", "rioted at a jail
    in Dili": the jail, then Dili)."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
    heads = [p for prep in preps for p in prep.children if p.dep_ == "pobj"]
    if depth > 1:
        heads += [q for p in list(heads) for q in locative_heads(p, depth - 1)]
    return heads


def home_places(heads: Sequence[Token]) -> list[Token]:
    """Where people are, as a clue to their country: an embassy or a foreign base is another state's ground
    ("protesters outside the US embassy in Baghdad" are in Iraq)."""
    return [h for h in heads if h.lemma_.lower() not in ENCLAVES]


def _preps(verb: Token) -> list[Token]:
    """Prepositions attached to the verb or its particle ("come up with"), in sentence order."""
    out = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            out.append(child)
        elif child.dep_ == "prt":
            out += [p for p in child.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS]
    return out


def _is_doer(noun: Token) -> bool:
    """The subject of its verb or the "by" agent of a passive."""
    return noun.dep_ in ("nsubj", "csubj") or (noun.dep_ == "pobj" and noun.head.dep_ == "agent")


def blast_places(doers: list[Token], verb: Token) -> list[Token]:
    """Where an unattributed blast happened, when it is the doer ("a roadside bombing near Samarra killed ...",
    "were killed by a device outside of Basra"): the objects under the blast's and the verb's locative
    prepositions, nearest first. Empty when a doer is anything but a blast."""
    if not doers or any(d.lemma_.lower() not in BLAST_NOUNS or not _is_doer(d) for d in doers):
        return []  # "killed in a bombing in Baghdad" names the attack, not its doer: left uncoded
    hosts = [d.head for d in doers if d.head.i != verb.i and d.head.pos_ == "VERB"]  # "exploded in X, killing"
    preps = [c for h in (*doers, verb, *hosts) for c in h.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
    return [t for prep in preps for t in prep.subtree if t.dep_ == "pobj"]


def condition_heads(verb: Token) -> list[Token]:
    """Who a threat is aimed at: the subjects of its "if"/"unless" clauses, on the verb or on the action it
    threatens ("threatened to stop the talks if the United States goes ahead": the United States)."""
    clauses = [verb, *(c for c in verb.children if c.dep_ in CLAUSE_LINKS)]
    conditions = [
        a
        for clause in clauses
        for a in clause.children
        if a.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in a.children)
    ]
    return [s for a in conditions for s in a.children if s.dep_ in ("nsubj", "nsubjpass")]


def struck_places(verb: Token, places: Sequence[Place]) -> list[Place]:
    """The towns and regions an act is done to, named as its object ("shelled Aleppo", "captured the town of Tal
    Rifaat", "defending the city of Deir Ezzor", "Idlib was bombed"): where the event happened. A country as the
    object is the actor acted upon ("attacked Ukraine"), not a location."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "npadvmod")]  # the small model
    # takes some place objects for adverbial nouns ("shelled Aleppo on Monday"); only places count here
    spans = [(t.idx, t.idx + len(t.text)) for o in objects for t in o.subtree]
    return [p for p in places if p.feature not in STATES and any(s <= p.start < e for s, e in spans)]


STATES = frozenset({"country", "continent"})
