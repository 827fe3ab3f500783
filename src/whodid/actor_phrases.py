"""Actor phrases: resolve a parsed noun phrase or span to actor codes, using the dictionary matches found in it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from whodid.actors import ActorDictionary, DictMatch, Spell
from whodid.phrase_extent import after_credit, conjuncts, credit_bar, located_in, phrase_tokens  # noqa: F401 (re-export)
from whodid.records import Actor, ActorMention

# Sectors of a state's own institutions (a government, parliament, court, army, police, intelligence service).
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
# spaCy entity types that may name an actor the dictionaries do not know.
ACTOR_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Prepositions that say where something is: their object is a place, not a participant.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# Modifiers that make a named person or official a former one ("former President Trump", "ex-minister").
FORMER_WORDS = frozenset({"former", "ex", "erstwhile"})
TRANSNATIONAL = frozenset({"IGO", "NGO", "MNC"})  # sectors of bodies that belong to no one country
ELITE = "ELI"  # the sector of someone known only in roles that do not cover the date (a former office holder)
LIST_WORDS = frozenset({"and", "or", ","})  # what may stand between the names of a list
# Participles of a compound modifier that name a group's backer ("Russian-backed separatists").
SPONSOR_VERBS = frozenset({"back", "sponsor", "support", "fund", "finance", "arm", "train", "equip", "bankroll"})
ETHNIC_WORD = "ethnic"  # "ethnic Albanians": a people, wherever they live
# Former unions whose dated codes file a member state under them (SCGSRB: Serbia in Serbia and Montenegro,
# USRUKR: Soviet Ukraine): the member is the country the text names.
FORMER_UNIONS = frozenset({"SCG", "YUG", "USR", "SUN", "CSK"})


def covers(start: str | None, end: str | None, date: str) -> bool:
    """Whether a spell from `start` to `end` (ISO dates, None: open) includes `date`."""
    return (start is None or start <= date) and (end is None or date <= end)


def code_on(spells: Sequence[Spell], date: str | None) -> str | None:
    """The code valid on `date` (ISO); undated codes are the fallback; without a date, the current role
    (an open-ended one), else the undated default, else the last role known.
    Someone known only by roles that do not cover the date is coded as an elite of that country (XXXELI),
    the convention for former (or future) office holders."""
    undated = [c for c, lo, hi in spells if lo is None and hi is None]
    dated = [(c, lo, hi) for c, lo, hi in spells if lo is not None or hi is not None]
    if not spells:
        return None
    if date:
        valid = [c for c, lo, hi in dated if covers(lo, hi, date)]
        if valid:
            return valid[-1]
        if undated:
            return undated[0] or None  # "" is an explicit "no actor" outside the dated roles
        nearest = max(dated, key=lambda s: (s[2] or s[1] or "") if (s[2] or s[1] or "") < date else "")
        return nearest[0][:3] + "ELI" if len(nearest[0]) >= 6 else nearest[0]
    if undated and not dated:
        return undated[0] or None
    open_ended = [c for c, lo, hi in dated if hi is None]
    if open_ended:
        return open_ended[-1]
    return (undated[0] or None) if undated else dated[-1][0]


def resolve_phrase(
    head: Token, matches: Sequence[DictMatch], dictionary: ActorDictionary, date: str | None
) -> list[ActorMention]:
    """Actors named by the noun phrase headed by `head`: one per coordinated name ("Hungarian and Romanian
    officials" gives HUNGOV and ROUGOV). Empty when the phrase names no known actor."""
    if (bar := credit_bar(head)) is not None:
        if head.right_edge.i <= bar.i:  # "Photo: Fethi Belaid / AFP |" parsed as a subject of its own
            return []
        if (after := after_credit(head, bar)) is not None:
            return resolve_phrase(after, matches, dictionary, date)
    tokens = phrase_tokens(head)
    phrase_ids = frozenset(t.i for t in tokens)
    ids = set(phrase_ids)  # widened below to where sector-only people are located
    matches = _ethnic_as_people(matches, head.doc)
    inside = [m for m in matches if m.start in ids and m.kind != "null"]
    if inside and all(m.kind == "agent" for m in inside):  # "activists in Arnor", "police in Cairo"
        ids |= {t.i for t in located_in(head)}
        inside = [m for m in matches if m.start in ids and m.kind != "null"]
    if (led := _led_body(head, inside, matches, dictionary, date)) is not None:
        return led  # "the president of the Chadian Human Rights League" speaks for the league
    agents = [m for m in inside if m.kind == "agent"]
    named = [m for m in inside if m.kind == "named" and not _sponsor(head.doc[m.end - 1])]
    agents = _describing(agents, head)
    if not named:
        sectors = "".join(dict.fromkeys(_chunks("".join(a.sectors for a in agents))))
        return [_mention(head.doc, agents, sectors, None, dictionary)] if agents else []
    former = any(t.lower_ in FORMER_WORDS for t in tokens)
    heads = [m for m in named if m.start <= head.i < m.end]
    if heads:  # the phrase is the named actor itself: "Russian Foreign Minister Lavrov", "the United Nations"
        chosen, parts, titles = heads[:1], [], [a for a in agents if a.end <= heads[0].start]
    else:  # named modifiers of a sector noun: "Syrian army", "Hungarian and Romanian officials"
        chosen, parts, titles = _modifiers(named, head), agents, []
    out: list[ActorMention] = []
    for m in chosen:
        code = code_on(m.spells, date)
        if code is None:
            continue
        if m.start not in phrase_ids:  # "protesters in Moscow": the city is where they are, not its government
            code = _place_country(code, dictionary)
        code = _with_sectors(code, parts, titles, former, dictionary)
        if heads:
            code = _other_state(code, [n for n in named if n.end <= m.start], date, dictionary)
            code = _stated_country(code, head, named, date, dictionary)
        mention = _mention(head.doc, [m, *parts], code, m, dictionary)
        if all(x.actor.code != mention.actor.code for x in out):
            out.append(mention)
    if heads and [m.actor.sectors for m in out] == [(ELITE,)]:  # no role of theirs covers the date
        return _stated_role(head, matches, dictionary, date) or out
    return out


def _stated_role(head: Token, matches: Sequence[DictMatch], dictionary: ActorDictionary, date: str | None) -> list:
    """The role an apposition gives a person ("Kenzo Oshima, the United Nations Emergency Relief Coordinator"):
    the text's word for what they are now, when the dictionary knows them only in other roles."""
    for appos in (c for c in head.children if c.dep_ == "appos"):
        if found := resolve_phrase(appos, matches, dictionary, date):
            return found
    return []


def _place_country(code: str, dictionary: ActorDictionary) -> str:
    """The country of a place whose dictionary code is its state's institution (a capital: "Moscow" RUSGOV)."""
    country, own = dictionary.split_code(code)
    if not (country and own and set(own) <= STATE_SECTORS):
        return code
    return dictionary.iso_to_cameo.get(country, country)  # Kosovo's ISO XKX is CAMEO's KSV


def _sponsor(token: Token) -> bool:
    """A name in a sponsor compound ("Iranian-backed militia", "US-funded rebels"): the backer, not the group's
    own country ("Vietnamese-led forces" are Vietnam's own)."""
    verb = token.head
    return token.dep_ == "npadvmod" and verb.tag_ == "VBN" and verb.lemma_.lower() in SPONSOR_VERBS


def _ethnic_as_people(matches: Sequence[DictMatch], doc: Doc) -> list[DictMatch]:
    """A nationality after "ethnic" names a people, not a state ("ethnic Albanians in Serbia"): it becomes a
    sector noun (CVL), so that the country comes from where they are, as for "students" or "villagers". Worked
    out once per list of matches (the coder asks for every phrase of an article with the same list)."""
    cached = _ETHNIC_CACHE.get(id(matches))
    if cached is not None and cached[0] is matches:
        return cached[1]
    out = [
        DictMatch(m.start, m.end, "agent", m.entry_id + "+ethnic", m.name, (), "CVL")
        if m.kind == "named" and m.start > 0 and doc[m.start - 1].lower_ == ETHNIC_WORD
        else m
        for m in matches
    ]
    _ETHNIC_CACHE.clear()  # one article's list at a time; the list is held, so its id is not reused
    _ETHNIC_CACHE[id(matches)] = (matches, out)
    return out


_ETHNIC_CACHE: dict[int, tuple[Sequence[DictMatch], list[DictMatch]]] = {}


def _with_sectors(
    code: str, parts: Sequence[DictMatch], titles: Sequence[DictMatch], former: bool, dictionary: ActorDictionary
) -> str:
    """A named actor's code with what the phrase adds: sector nouns of a bare country or an international
    body ("Syrian army" SYRMIL, "EU legislators" IGOEUREECLEG); a title written before a person's name, which
    the text states and so wins over the dictionary's dated role ("Foreign Minister Park Jin" KORGOV); and
    "former", which makes a person or official an elite (USAELI)."""
    country, own = dictionary.split_code(code)
    if parts and ((country and not own) or own[:1] == ("IGO",)):
        code += "".join(c for c in dict.fromkeys(_chunks("".join(a.sectors for a in parts))) if c not in own)
    prefix = code[:3] if country else None
    if prefix and titles and own:
        code = prefix + "".join(dict.fromkeys(_chunks("".join(a.sectors for a in titles))))
    if prefix and former:
        code = prefix + "ELI"
    return code


def _other_state(code: str, before: Sequence[DictMatch], date: str | None, dictionary: ActorDictionary) -> str:
    """A state institution that the dictionary files under one country, named with another country's adjective
    ("the French Senate": the Senate is American in the dictionary): that country's institution (FRAGOVLEG)."""
    country, own = dictionary.split_code(code)
    if not country or not own or not set(own) <= STATE_SECTORS:
        return code
    for m in reversed(before):
        other = code_on(m.spells, date) or ""
        if len(other) == 3 and other in dictionary.countries and other != code[:3]:
            return other + code[3:]
    return code


def _stated_country(
    code: str, head: Token, named: Sequence[DictMatch], date: str | None, dictionary: ActorDictionary
) -> str:
    """A person or body "of" a country ("King Hassan of Morocco", "Prince Faisal of Saudi Arabia"): the text
    states the country, which wins over the dictionary's guess for the name."""
    country, _ = dictionary.split_code(code)
    pobjs = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children]
    for pobj in (p for p in pobjs if p.dep_ == "pobj"):
        for m in (n for n in named if n.start <= pobj.i < n.end):
            stated = code_on(m.spells, date) or ""
            if country and len(stated) == 3 and stated in dictionary.countries and stated != code[:3]:
                return stated + code[3:]
    return code


def _led_body(
    head: Token,
    inside: Sequence[DictMatch],
    matches: Sequence[DictMatch],
    dictionary: ActorDictionary,
    date: str | None,
) -> list[ActorMention] | None:
    """A leading title ("president", "spokesman", "head") of a named body with its own sector: the body's
    actor ("president of the Riigikogu" ESTLEG). None when the phrase is not of that shape ("president of
    Russia" is RUSGOV, as usual)."""
    if not head.n_rights:
        return None
    own = [m for m in inside if m.start <= head.i < m.end]
    if len(own) != 1 or own[0].kind != "agent":
        return None
    bodies = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children]
    for body in (b for b in bodies if b.dep_ == "pobj"):
        body_ids = {t.i for t in phrase_tokens(body)}
        if not any(m.kind == "named" and m.start in body_ids for m in matches):
            continue  # "Minister of Defence": a title, not a body's leader
        found = resolve_phrase(body, matches, dictionary, date)
        if found and found[0].actor.sectors:
            return found[:1]
    return None


def _nearest(found: Sequence[DictMatch], head: Token) -> list[DictMatch]:
    """The match covering the head, else the nearest one before it, else the first one after it."""
    if not found:
        return []
    covering = [m for m in found if m.start <= head.i < m.end]
    before = [m for m in found if m.end <= head.i]
    if covering:
        return covering[:1]
    return [max(before, key=lambda m: m.start)] if before else [min(found, key=lambda m: m.start)]


def _describing(agents: Sequence[DictMatch], head: Token) -> list[DictMatch]:
    """The sector nouns that describe the head: the one covering it (or nearest) and those before it, in text
    order ("Danish Islamist media" -> MUS, MED)."""
    nearest = _nearest(agents, head)
    if not nearest:
        return []
    return [a for a in agents if a.start <= nearest[0].start]


def _modifiers(named: Sequence[DictMatch], head: Token) -> list[DictMatch]:
    """The named modifiers that describe the head: all coordinated ones, else the one nearest the head."""
    doc = head.doc
    last_tokens = {m.end - 1 for m in named}
    coordinated = [m for m in named if any(c.i in last_tokens and c.i != m.end - 1 for c in doc[m.end - 1].conjuncts)]
    return coordinated or _listed(named, doc) or _nearest(named, head)


def _listed(named: Sequence[DictMatch], doc: Doc) -> list[DictMatch]:
    """The last run of names written as a list, only "and", "or" and commas between them, whatever the parse made
    of it ("Sierra Leonean and Liberian refugees"); empty when no two names are listed so."""
    ordered = sorted(named, key=lambda m: m.start)
    runs: list[list[DictMatch]] = []
    for m in ordered:
        between = doc[runs[-1][-1].end : m.start] if runs else doc[0:0]
        if runs and len(between) and all(t.lower_ in LIST_WORDS for t in between):
            runs[-1].append(m)
        else:
            runs.append([m])
    listed = [run for run in runs if len(run) > 1]
    return listed[-1] if listed else []


def _chunks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _mention(
    doc: Doc, parts: Sequence[DictMatch], code: str, named: DictMatch | None, dictionary: ActorDictionary
) -> ActorMention:
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    span = doc[start:end]  # not doc.text: that joins the whole document's tokens on every call
    start_char, end_char, text = span.start_char, span.end_char, span.text
    # sector nouns alone name no country, though some sector codes look like one (MUS: Muslim, Mauritius)
    country, sectors = dictionary.split_code(code) if named is not None else (None, tuple(_chunks(code)))
    if code[:3] in FORMER_UNIONS and sectors and sectors[0] in dictionary.countries:
        country, sectors = dictionary.countries[sectors[0]]["iso3"], sectors[1:]
    name = named.name if named is not None else text
    if named is not None and len(code) > 3 and named.spells and all(len(c) == 3 for c, _, _ in named.spells):
        name = f"{named.name} ({' '.join(sectors)})"
    actor = Actor(code=code, name=name, country=country, sectors=sectors)
    rule = "+".join(p.entry_id for p in parts)
    return ActorMention(text, start_char, end_char, actor, rule)


def named_mentions(
    doc: Doc, matches: Iterable[DictMatch], dictionary: ActorDictionary, date: str | None
) -> list[ActorMention]:
    """Every named actor found in the document, coded as of `date` (the article's actor mentions)."""
    return [
        _mention(doc, [m], code, m, dictionary)
        for m in matches
        if m.kind == "named" and (code := code_on(m.spells, date)) is not None
    ]


def unknown_mentions(doc: Doc, known: Sequence[ActorMention]) -> list[ActorMention]:
    """Named entities that may be actors (people, organisations, nationalities, countries, cities) but resolve
    to nothing known, kept with their text and entity type: code "", rule "unknown:PERSON"."""
    taken = [(m.start, m.end) for m in known]
    out = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_ENTITY_TYPES or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        actor = Actor(code="", name=ent.text, country=None, sectors=())
        out.append(ActorMention(ent.text, ent.start_char, ent.end_char, actor, f"unknown:{ent.label_}"))
    return out


def resolve_span_actor(
    span: Span, matches: Iterable[DictMatch], dictionary: ActorDictionary, date: str | None
) -> ActorMention | None:
    """The actor named by a whole span (its syntactic root), for the `whodid actors` command."""
    inside = [m for m in matches if m.start < span.end and m.end > span.start]
    found = resolve_phrase(span.root, inside, dictionary, date)
    if found:
        return found[0]
    named = [m for m in inside if m.kind == "named"]
    if not named:
        return None
    # "an amusement park in Kabul": the root names nothing, a name inside the span does; a place where the
    # thing is stands for the people there (AFGCVL), any other name for itself
    head = span.doc[named[0].end - 1]
    found = resolve_phrase(head, inside, dictionary, date)
    if not found:
        return None
    actor = found[0].actor
    if not _is_location(head):
        m = found[0]
        return ActorMention(m.text, m.start, m.end, m.actor, m.rule + "+inside")
    if actor.country:
        code = dictionary.iso_to_cameo.get(actor.country, actor.country) + "CVL"
        actor = Actor(code, dictionary.country_name(code[:3]), actor.country, ("CVL",))
        return ActorMention(found[0].text, found[0].start, found[0].end, actor, found[0].rule + "+located")
    return found[0]


def _is_location(token: Token) -> bool:
    """The token is the object of a locative preposition ("in Kabul", "near Aleppo")."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def unknown_actor(head: Token, labels: frozenset[str]) -> ActorMention | None:
    """A named entity of one of `labels` that the dictionaries do not know, for the phrase headed by `head`: the
    entity covering the head, else the first organisation inside the phrase ("members of the Association of
    African Jurists", "the APEC forum"); code "", no country. None when the phrase names none."""
    ents = _entities_over(head.doc, sorted(t.i for t in phrase_tokens(head)), labels)
    inside = [e for e in ents if e.label_ == "ORG"]  # an organisation the head belongs to, not a nationality
    ent = next((e for e in ents if e.start <= head.i < e.end), inside[0] if inside else None)
    if ent is None:
        return None
    actor = Actor(code="", name=ent.text, country=None, sectors=())
    return ActorMention(ent.text, ent.start_char, ent.end_char, actor, f"unknown:{ent.label_}")


def _entities_over(doc: Doc, ids: Sequence[int], labels: frozenset[str]) -> list[Span]:
    """The named entities of `labels` that hold some of the tokens `ids` (sorted), in text order; read from the
    tokens' entity tags, since `doc.ents` rebuilds every entity of the document on each access."""
    out: list[Span] = []
    for i in ids:
        token = doc[i]
        if token.ent_type_ not in labels or (out and out[-1].start <= i < out[-1].end):
            continue
        start = i
        while doc[start].ent_iob_ == "I" and start > 0:
            start -= 1
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        out.append(Span(doc, start, end, label=token.ent_type_))
    return out


def sector_only(mentions: list[ActorMention]) -> bool:
    """Actors that name only sectors ("students", "the army"), none of them a body of no one country."""
    return bool(mentions) and not any(
        m.actor.country or not m.actor.code or TRANSNATIONAL & set(m.actor.sectors) for m in mentions
    )


def with_country(mentions: list[ActorMention], country: str) -> list[ActorMention]:
    """The sector-only actors as actors of `country` ("students" -> EGYEDU)."""
    return [replace(m, actor=replace(m.actor, code=country + m.actor.code, country=country)) for m in mentions]


def as_country(mention: ActorMention, dictionary: ActorDictionary) -> ActorMention:
    """The mention's country as a bare state actor (a blast "in Kabul" or "near a police station in Kabul" is
    coded to Afghanistan, not to its government or police)."""
    country = mention.actor.country or ""
    code = dictionary.iso_to_cameo.get(country, country)
    return replace(mention, actor=Actor(code, dictionary.country_name(code), country, ()))


def compatriots(mentions: list[ActorMention], others: list[ActorMention]) -> list[ActorMention]:
    """Sector-only actors that no place locates ("refugees", "fundamentalists") take the country of the other
    side when it names exactly one (protesters mostly protest against their own state)."""
    countries = {m.actor.country for m in others if m.actor.country}
    return with_country(mentions, countries.pop()) if sector_only(mentions) and len(countries) == 1 else mentions


def own_state(sources: list[ActorMention], dictionary: ActorDictionary) -> list[ActorMention]:
    """The state of the protesters, when they are all people of one country (not the state itself) and no one
    else is named: protests are aimed at the protesters' own state (an implied actor, empty span at the source)."""
    countries = {m.actor.country for m in sources}
    if len(countries) != 1 or None in countries or not all(m.actor.sectors for m in sources):
        return []
    (country,) = countries
    code = dictionary.iso_to_cameo.get(country, country)
    actor = Actor(code, dictionary.country_name(code), country, ())
    return [ActorMention("", sources[0].start, sources[0].start, actor, "implied:own-state")]
