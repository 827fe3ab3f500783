"""Quotes: quoted passages, block quotes, interview transcripts and reported speech, each with its speaker."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from whodid.actor_phrases import phrase_tokens, resolve_phrase, resolve_span_actor
from whodid.actors import ActorDictionary, DictMatch
from whodid.records import Actor, ActorMention, Quote

MIN_QUOTE_WORDS = 3
MAX_QUOTE_CHARS = 10_000
# Opening mark -> closing mark. Single quotes are left out: they double as apostrophes ("Kerry's").
QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"'}
QUOTE_MARKS_RE = re.compile(r"[“”«»\"]")
PARAGRAPH_RE = re.compile(r"[^\s](?:[^\n]*[^\s])?")  # a line, without the spaces around it
# Verbs whose "that" clause is reported speech ("Lavrov said that ..."); "make ... clear" counts too.
REPORTING_VERBS = frozenset(
    {
        "say", "tell", "add", "state", "declare", "announce", "insist", "warn", "write", "note", "argue",
        "claim", "explain", "stress", "reply", "respond", "urge", "conclude", "acknowledge", "admit", "complain",
        "remark", "demand", "confirm", "deny", "tweet", "reiterate", "emphasise", "emphasize", "assert", "vow",
        "pledge", "promise", "suggest", "report", "allege", "concede", "maintain", "predict", "threaten",
        "signal", "assure", "indicate",
    }
)  # fmt: skip
# Verbs that name who speaks a quote ("..., he said"; "quote", "describe", "call" take no "that" clause).
SPEECH_VERBS = REPORTING_VERBS | {"quote", "describe", "call", "ask", "continue", "comment"}
# Nouns whose owner is the speaker: "Lavrov's comments", "the remarks of the minister".
SPEECH_NOUNS = frozenset(
    {"comment", "remark", "word", "statement", "message", "reply", "response", "answer", "speech", "warning"}
)
OWNER_PREPS = frozenset({"of", "by", "from"})
PERSON_PRONOUNS = frozenset({"he", "she"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
NO_SPEAKER_SUBJECTS = frozenset({"it", "there", "this", "what"})
# Deps through which a verb without its own subject shares the subject of its head ("... and said").
SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acl"})

# Interview transcripts: "Sergey Lavrov: How are you?" / "Question: Yes." at the start of a paragraph.
LABEL_RE = re.compile(r"[“\"«]?\s*([^\W\d_][\w.’'\- ]{0,40}?)\s?:\s+(?=\S)")
INTERVIEWER_LABELS = frozenset(
    {"question", "q", "interviewer", "journalist", "reporter", "host", "moderator", "anchor", "presenter"}
)
INTERVIEWEE_LABELS = frozenset({"a", "answer"})
NOT_SPEAKER_LABELS = frozenset(
    {
        "note", "nb", "n.b", "update", "updated", "source", "sources", "photo", "image", "picture", "video",
        "read more", "related", "see also", "editor's note", "editor’s note", "tags", "share", "posted", "by",
        "credit", "caption", "warning", "disclaimer", "also", "watch", "follow", "email", "tel", "phone", "fax",
        "date", "time", "location", "address", "subject", "re", "ps", "p.s", "from", "to", "cc", "title",
    }
)  # fmt: skip
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "del", "la", "le"})
MAX_LABEL_WORDS = 5
JOURNALIST = Actor(code="MED", name="journalist", country=None, sectors=("MED",))


@dataclass(frozen=True, slots=True)
class _Passage:
    """A quoted passage: content offsets (inside the marks) and whether it fills its paragraph(s)."""

    start: int
    end: int
    whole_paragraph: bool
    paragraph: int  # index of the paragraph where it opens
    last_paragraph: int  # and where it closes


class _Line(NamedTuple):
    """An interview line "Label: text" (offsets into the article)."""

    label: str
    label_start: int
    start: int
    end: int
    interview_start: int  # where the interview's first line starts


@dataclass(slots=True)
class _Person:
    """A person "he"/"she" may refer to; the actor is looked up on first use."""

    start: int
    end: int
    head: int  # token index of the phrase's head
    text: str
    mention: ActorMention | None = None
    resolved: bool = False


@dataclass(slots=True)
class _Context:
    """What every speaker look-up needs, computed once per document."""

    doc: Doc
    text: str
    spans: Sequence[Span]
    span_starts: list[int]
    matches: Sequence[DictMatch]
    dictionary: ActorDictionary
    date: str | None
    quoted: list[tuple[int, int]]  # sorted char ranges of quotes: speech verbs there are not the reporter's
    quoted_starts: list[int]
    speakers: list[_Person]  # speakers found so far that "he"/"she" can refer to
    persons: list[_Person] | None = None  # named persons, found on first need
    last_direct: tuple[int, str | None, ActorMention | None] | None = None  # paragraph, speaker of the last quote


def find_quotes(
    doc: Doc, sentence_spans: Sequence[Span], matches: Sequence[DictMatch], dictionary: ActorDictionary,
    date: str | None,
) -> list[Quote]:  # fmt: skip
    """Every quote in the article, in text order: direct quotes (kind "direct", also across paragraphs), block
    quotes introduced by the paragraph before ("block"), interview lines ("transcript") and "that" clauses of
    speech verbs ("reported"); each with its speaker when one is found (pronouns "he"/"she" resolved to the
    last person named before)."""
    text = doc.text  # built from the tokens on each access: read it once
    paragraphs = paragraph_spans(text)
    transcript = transcript_lines(text, paragraphs)
    passages = [p for p in quoted_passages(text, paragraphs) if not any(t.start <= p.start < t.end for t in transcript)]
    quoted = sorted([(p.start, p.end) for p in passages] + [(t.start, t.end) for t in transcript])
    ctx = _Context(
        doc, text, sentence_spans, [s.start_char for s in sentence_spans], matches, dictionary, date, quoted,
        [s for s, _ in quoted], [],
    )  # fmt: skip
    label_cache: dict[str, tuple[str, ActorMention | None]] = {}
    out: list[Quote] = []
    for item in sorted([*passages, *transcript], key=lambda x: x.start):  # text order: pronouns look back
        if isinstance(item, _Passage):
            out.append(_passage_quote(item, paragraphs, ctx))
        else:
            out.append(_transcript_quote(item, label_cache, ctx))
    out.extend(reported_speech(ctx))
    return sorted(out, key=lambda q: (q.start, q.end))


# ---------------------------------------------------------------- layout: paragraphs, passages, transcripts


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding spaces."""
    return [m.span() for m in PARAGRAPH_RE.finditer(text)]


def quoted_passages(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[_Passage]:
    """Passages between matching quote marks within a paragraph, or across paragraphs when an unclosed quote
    goes on in the next paragraph that opens with the same mark (the convention for long quotations)."""
    out: list[_Passage] = []
    opened: tuple[int, str, int] | None = None  # (content start, opening mark, paragraph index)
    for i, (ps, pe) in enumerate(paragraphs):
        pos = ps
        if opened is not None:
            if text[ps] == opened[1]:
                pos = ps + 1
            else:
                opened = None
        for m in QUOTE_MARKS_RE.finditer(text, pos, pe):
            mark = m.group()
            if opened is not None and mark == QUOTE_PAIRS[opened[1]]:
                start, end = opened[0], m.start()
                if len(text[start:end].split()) >= MIN_QUOTE_WORDS and end - start <= MAX_QUOTE_CHARS:
                    first = paragraphs[opened[2]][0]
                    whole = start - 1 == first and not text[m.end() : pe].strip(" .,;:!?)]")
                    out.append(_Passage(start, end, whole, opened[2], i))
                opened = None
            elif mark in QUOTE_PAIRS:
                opened = (m.end(), mark, i)  # a second opening mark restarts the quote: marks never nest here
        if opened is not None and not (i + 1 < len(paragraphs) and text[paragraphs[i + 1][0]] == opened[1]):
            opened = None
    return out


def transcript_lines(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[_Line]:
    """Interview lines "Speaker: words", kept only in runs of two or more consecutive labelled paragraphs with
    two different labels or an interviewer label."""
    labelled: list[tuple[int, str, int, int, int] | None] = []
    for i, (ps, pe) in enumerate(paragraphs):
        m = LABEL_RE.match(text, ps, pe)
        labelled.append((i, m.group(1), m.start(1), m.end(), pe) if m and _speaker_label(m.group(1)) else None)
    out: list[_Line] = []
    run: list[tuple[int, str, int, int, int]] = []
    for item in [*labelled, None]:
        if item is not None:
            run.append(item)
            continue
        labels = {r[1].lower() for r in run}
        if len(run) >= 2 and (len(labels) >= 2 or labels & INTERVIEWER_LABELS):
            first = paragraphs[run[0][0]][0]
            out.extend(_Line(label, ls, bs, _trim_body(text, bs, be), first) for _, label, ls, bs, be in run)
        run = []
    return out


def _speaker_label(label: str) -> bool:
    """A label that names a speaker: an interviewer word, or a short capitalised name."""
    low = label.lower().rstrip(".")
    if low in INTERVIEWER_LABELS or low in INTERVIEWEE_LABELS:
        return True
    words = label.split()
    if low in NOT_SPEAKER_LABELS or not 1 <= len(words) <= MAX_LABEL_WORDS:
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _trim_body(text: str, start: int, end: int) -> int:
    """End of a transcript line without a closing quote mark that belongs to a quote around the transcript."""
    body = text[start:end]
    while body and (
        (body[-1] == "”" and body.count("”") > body.count("“"))
        or (body[-1] == "»" and body.count("»") > body.count("«"))
        or (body[-1] == '"' and body.count('"') % 2 == 1)
    ):
        body = body[:-1].rstrip()
    return start + len(body)


# ---------------------------------------------------------------- quotes of each kind


def _passage_quote(p: _Passage, paragraphs: Sequence[tuple[int, int]], ctx: _Context) -> Quote:
    """A quoted passage as a block quote (fills its paragraph, introduced by the one before) or a direct one."""
    if p.whole_paragraph and p.paragraph > 0:
        intro_start, intro_end = paragraphs[p.paragraph - 1]
        intro = ctx.text[intro_start:intro_end]
        if intro.endswith(":") or intro[-1] not in ".!?…\"”’')]":
            speaker_text, speaker = _intro_speaker(intro_end - 1, ctx)
            ctx.last_direct = (p.last_paragraph, speaker_text, speaker)
            return Quote(ctx.text[p.start : p.end], p.start, p.end, speaker, speaker_text, "block")
    speaker_text, speaker = _direct_speaker(p, ctx)
    ctx.last_direct = (p.last_paragraph, speaker_text, speaker)
    return Quote(ctx.text[p.start : p.end], p.start, p.end, speaker, speaker_text, "direct")


def _transcript_quote(line: _Line, cache: dict[str, tuple[str, ActorMention | None]], ctx: _Context) -> Quote:
    """One interview line; interviewers become a journalist, named speakers resolve through the dictionary."""
    label, label_start, start, end, interview_start = line
    low = label.lower().rstrip(".")
    if low in INTERVIEWER_LABELS:
        speaker = ActorMention(label, label_start, label_start + len(label), JOURNALIST, "transcript:interviewer")
        found: tuple[str, ActorMention | None] = (label, speaker)
    elif low in INTERVIEWEE_LABELS:  # "A:" answers: the person named last before the interview
        found = (label, _antecedent(interview_start, ctx)[1])
    elif label in cache:
        found = cache[label]
    else:
        span = ctx.doc.char_span(label_start, label_start + len(label), alignment_mode="expand")
        mention = resolve_span_actor(span, ctx.matches, ctx.dictionary, ctx.date) if span is not None else None
        found = cache[label] = (label, mention)
    return Quote(ctx.text[start:end], start, end, found[1], found[0], "transcript")


def reported_speech(ctx: _Context) -> list[Quote]:
    """Reported speech ("X said that ..."): the clause after "that", for speech verbs outside quotes."""
    out: list[Quote] = []
    for span in ctx.spans:
        for token in span:
            if token.pos_ != "VERB" or _in_quote(token.idx, ctx):
                continue
            clauses = _that_clauses(token)
            if not clauses:
                continue
            subject = _subject_of(token)
            if subject is None or subject.lower_ in NO_SPEAKER_SUBJECTS:
                continue
            speaker_text, speaker = _subject_speaker(subject, ctx)
            for first, last in clauses:
                start, end = first.idx, last.idx + len(last.text)
                if len(ctx.text[start:end].split()) >= MIN_QUOTE_WORDS:
                    out.append(Quote(ctx.text[start:end], start, end, speaker, speaker_text, "reported"))
    return out


def _that_clauses(verb: Token) -> list[tuple[Token, Token]]:
    """(first, last) tokens of the "that" clauses a reporting verb governs ("made it clear that ..." too)."""
    heads: list[Token] = []
    if verb.lemma_ in REPORTING_VERBS:
        heads = [c for c in verb.children if c.dep_ == "ccomp"]
    elif verb.lemma_ == "make":
        for clear in verb.children:
            if clear.lower_ == "clear" and clear.dep_ in ("oprd", "ccomp", "acomp", "dobj"):
                heads = [c for c in clear.children if c.dep_ in ("ccomp", "advcl")]
    out: list[tuple[Token, Token]] = []
    for head in heads:
        mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is None or mark.i + 1 > head.right_edge.i:
            continue
        first, last = mark.nbor(1), head.right_edge
        while first.i < last.i and (first.is_space or (first.is_punct and first.text not in QUOTE_PAIRS)):
            first = first.nbor(1)
        while last.i > first.i and (last.is_punct or last.is_space or last.dep_ == "cc"):
            last = last.nbor(-1)
        if _opens_a_quote(verb.doc[first.i : last.i + 1].text):  # keep the closing mark: 'said that X "...."'
            after = verb.doc[last.i + 1 : min(len(verb.doc), last.i + 3)]
            last = next((t for t in after if t.text in ("”", '"', "»")), last)
        out.append((first, last))
    return out


def _opens_a_quote(text: str) -> bool:
    """Whether a quotation opened in `text` is still open at its end."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1 or text.count("«") > text.count("»")


# ---------------------------------------------------------------- speakers


def _direct_speaker(p: _Passage, ctx: _Context) -> tuple[str | None, ActorMention | None]:
    """The speaker cue nearest the quote in the sentences it touches: a speech verb's subject, "according to
    X", or the owner of a speech noun ("Lavrov's comment about ..."); else the speaker of the quote just before
    (same paragraph, or the paragraph before when this quote fills its own); else a bare "he said." right after."""
    touched = _touched(p.start, p.end, ctx)
    if not touched:
        return None, None
    cue = _nearest_cue(touched, p.start, p.end, ctx)
    if cue is not None:
        return _subject_speaker(cue, ctx)
    last = ctx.last_direct
    if last is not None and last[1] and (last[0] == p.paragraph or (p.whole_paragraph and last[0] == p.paragraph - 1)):
        return last[1], last[2]
    if touched[-1] + 1 < len(ctx.spans):
        cue = _nearest_cue([touched[-1] + 1], p.start, p.end, ctx, bare=True)
    return _subject_speaker(cue, ctx) if cue is not None else (None, None)


def _nearest_cue(
    sentences: Sequence[int], q_start: int, q_end: int, ctx: _Context, *, bare: bool = False
) -> Token | None:
    """The speaker token of the speaker cue nearest the quote, outside quotes, in the given sentences; with
    `bare`, only speech verbs that say nothing else ("he said.", not "he said the talks failed")."""
    best: tuple[int, Token] | None = None
    for i in sentences:
        for token in ctx.spans[i]:
            if _in_quote(token.idx, ctx):
                continue
            speaker = _cue_speaker(token)
            if speaker is None or (bare and not _bare_speech_verb(token)):
                continue
            distance = q_start - token.idx if token.idx < q_start else token.idx - q_end
            if best is None or distance < best[0]:
                best = (distance, speaker)
    return best[1] if best else None


def _cue_speaker(token: Token) -> Token | None:
    """Who speaks, when `token` is a speech cue: a speech verb, "according" (to X), or a speech noun's owner."""
    if _is_speech_verb(token):
        subject = _subject_of(token)
        return subject if subject is not None and subject.lower_ not in NO_SPEAKER_SUBJECTS else None
    if token.lower_ == "according":
        return next((g for c in token.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
    if token.lemma_ in SPEECH_NOUNS and token.pos_ == "NOUN":
        return _owner(token)
    return None


def _bare_speech_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and not any(
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and token.lemma_ != "tell") for c in token.children
    )


def _intro_speaker(pos: int, ctx: _Context) -> tuple[str | None, ActorMention | None]:
    """Speaker named by the sentence that introduces a block quote: its speech cue nearest the end ("as Lavrov
    today also said", "he made it clear", "Lavrov's comments could not be more scathing")."""
    i = bisect_right(ctx.span_starts, pos) - 1
    cue = _nearest_cue([i], pos + 1, pos + 1, ctx) if i >= 0 else None
    return _subject_speaker(cue, ctx) if cue is not None else (None, None)


def _is_speech_verb(token: Token) -> bool:
    """A speech verb, or "make" with "clear" ("he made it clear")."""
    return token.pos_ == "VERB" and (
        token.lemma_ in SPEECH_VERBS or (token.lemma_ == "make" and any(c.lower_ == "clear" for c in token.children))
    )


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or its head's for "... and said", "by demanding that"; the noun a relative clause
    hangs on ("Lavrov, who said"); the name after an inverted verb ("said Mr Blorvik")."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return current.head
            return subject
        inverted = next(
            (c for c in current.children if c.i > current.i and c.dep_ in ("dobj", "attr", "npadvmod")
             and c.pos_ == "PROPN"), None,
        )  # fmt: skip
        if inverted is not None:
            return inverted
        if current.dep_ not in SHARED_SUBJECT_DEPS or current.head is current:
            return None
        current = current.head
    return None


def _subject_speaker(subject: Token, ctx: _Context) -> tuple[str | None, ActorMention | None]:
    """Speaker text and actor for a subject: pronouns by antecedent, speech nouns by owner, names by lookup."""
    if subject.lower_ in PERSON_PRONOUNS:
        return _antecedent(subject.idx, ctx)
    if subject.lemma_ in SPEECH_NOUNS and (owner := _owner(subject)) is not None:
        return _subject_speaker(owner, ctx)
    tokens = [t for t in phrase_tokens(subject) if t.dep_ != "case"]  # "Lavrov's" -> "Lavrov"
    speaker_text = ctx.doc[tokens[0].i : tokens[-1].i + 1].text
    found = resolve_phrase(subject, ctx.matches, ctx.dictionary, ctx.date)
    mention = found[0] if found else None
    if _is_person(subject):
        end = tokens[-1].idx + len(tokens[-1].text)
        ctx.speakers.append(_Person(tokens[0].idx, end, subject.i, speaker_text, mention, resolved=True))
    return speaker_text, mention


def _owner(noun: Token) -> Token | None:
    """Who a speech noun belongs to: "Lavrov's comments", "the remarks of the minister"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _antecedent(pos: int, ctx: _Context) -> tuple[str | None, ActorMention | None]:
    """The person a pronoun at `pos` refers to: in the nearest sentence before it that names a person (or the
    part of its own sentence before it), the last person who is a subject there, else the last person."""
    before = [c for c in [*_persons(ctx), *ctx.speakers] if c.start < pos and not _in_quote(c.start, ctx)]
    if not before:
        return None, None
    last = max(before, key=lambda c: c.start)
    k = bisect_right(ctx.span_starts, last.start) - 1
    sentence_start = ctx.span_starts[k] if k >= 0 else 0
    same = sorted((c for c in before if c.start >= sentence_start), key=lambda c: c.start)
    subjects = [c for c in same if ctx.doc[c.head].dep_ in ("nsubj", "nsubjpass")]
    chosen = (subjects or same)[-1]
    if not chosen.resolved:
        span = ctx.doc.char_span(chosen.start, chosen.end, alignment_mode="expand")
        chosen.mention = resolve_span_actor(span, ctx.matches, ctx.dictionary, ctx.date) if span else None
        chosen.resolved = True
    return chosen.text, chosen.mention


def _is_person(token: Token) -> bool:
    """A subject "he"/"she" can later refer to: a person's name or a singular noun ("the minister")."""
    return token.ent_type_ == "PERSON" or token.tag_ == "NN" or (token.tag_ == "NNP" and not token.ent_type_)


def _persons(ctx: _Context) -> list[_Person]:
    """Named persons outside quotes: dictionary entries with dated roles (office holders), spaCy PERSON
    entities, and names that say something ("Sasse said ..."), each with its titles ("Mr Blorvik")."""
    if ctx.persons is None:
        doc, found = ctx.doc, {}  # head token -> person
        heads = [m.end - 1 for m in ctx.matches if m.kind == "named" and any(f or t for _, f, t in m.spells)]
        heads += [ent.root.i for ent in doc.ents if ent.label_ == "PERSON"]
        heads += [
            subject.i
            for token in doc
            if _is_speech_verb(token) and (subject := _subject_of(token)) is not None
            and subject.pos_ == "PROPN" and subject.ent_type_ not in ("GPE", "NORP", "LOC", "FAC")
        ]  # fmt: skip
        for head in heads:
            first = head
            while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].pos_ == "PROPN":
                first -= 1
            span = doc[first : head + 1]
            if head not in found and not _in_quote(span.start_char, ctx):
                found[head] = _Person(span.start_char, span.end_char, head, span.text)
        ctx.persons = list(found.values())
    return ctx.persons


def _touched(q_start: int, q_end: int, ctx: _Context) -> list[int]:
    """Indexes of the sentences that overlap the quote."""
    first = max(0, bisect_right(ctx.span_starts, q_start) - 1)
    last = bisect_right(ctx.span_starts, max(q_start, q_end - 1)) - 1
    return [i for i in range(first, last + 1) if ctx.spans[i].end_char > q_start and ctx.spans[i].start_char < q_end]


def _in_quote(pos: int, ctx: _Context) -> bool:
    """Whether `pos` lies inside a quote (the quoted ranges are sorted and never overlap)."""
    i = bisect_right(ctx.quoted_starts, pos) - 1
    return i >= 0 and pos < ctx.quoted[i][1]


def quote_at(quotes: Sequence[Quote], offset: int) -> Quote | None:
    """The quote that holds a character offset (the innermost, so a direct quote inside reported speech wins):
    for events, whose trigger inside a quote makes the quote's speaker the one who states it."""
    holding = [q for q in quotes if q.start <= offset < q.end]
    return min(holding, key=lambda q: q.end - q.start) if holding else None
