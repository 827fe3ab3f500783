"""Typed records that flow one way through the pipeline: document -> article -> mentions -> events -> store."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MediaType = Literal["text", "html"]
DateBasis = Literal["explicit", "relative", "published", "unknown"]
Modality = Literal["actual", "intent", "appeal", "hypothetical"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, stable hex id hashed from the given parts (same parts, same id, on every machine)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read from disk or stdin, before cleaning."""

    doc_id: str  # id given by the input (JSONL "id", WARC record id) or derived from the path
    origin: str  # where it came from: path, path#line, path#record
    content: str  # decoded text or HTML
    media_type: MediaType
    title: str | None = None  # supplied by the input (JSONL field), if any
    date: str | None = None  # ISO date supplied by the input, if any
    url: str | None = None
    crawl_date: str | None = None  # ISO date the page was fetched (WARC-Date): the last resort for the date


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be processed, and why: nothing is dropped silently."""

    origin: str
    reason: str  # short machine-readable reason: empty, binary, decode, too_large, bad_json, ...
    detail: str  # human-readable explanation, saying what to do next where possible
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner dropped, with the rule that dropped it (shown by `whodid clean`)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: main text plus metadata. Offsets elsewhere index `text`."""

    article_id: str  # content hash of the cleaned text: the same article twice gets the same id
    doc_id: str
    origin: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO publication date
    date_source: str = "none"  # input | html-metadata | text | crawl | none
    source: str | None = None  # publisher / site name or domain
    url: str | None = None
    language: str = "en"
    removed: tuple[RemovedLine, ...] = ()
    author: str | None = None
    opinion: bool = False  # the page says it is opinion/commentary (e.g. "views ... solely those of the author")

    def to_dict(self, *, with_removed: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "article_id": self.article_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "date_source": self.date_source,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "author": self.author,
            "opinion": self.opinion,
            "text": self.text,
        }
        if with_removed:
            out["removed"] = [asdict(r) for r in self.removed]
        return out


@dataclass(frozen=True, slots=True)
class Tone:
    """GDELT-style tone of a text: shares (in % of words) of positive and negative words, and their balance."""

    tone: float  # positive - negative, from -100 to +100
    positive: float
    negative: float
    polarity: float  # positive + negative: how emotive the text is, whatever the direction
    word_count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


TITLE_SENTENCE = -1  # the sentence index of events coded from the article's headline


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, by character offsets into `Article.text` (the headline, coded too, is the
    sentence TITLE_SENTENCE, with offsets into `Article.title`)."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded actor: CAMEO/Phoenix code split into country and sectors."""

    code: str  # e.g. USAGOV, SYRREB, IGOUNO, REB; "" for a named actor no dictionary knows
    name: str  # canonical name: "Russia", "John Kerry", "United Nations"
    country: str | None  # ISO3 (CAMEO country code), None for international or unknown
    sectors: tuple[str, ...] = ()  # e.g. ("GOV",), ("MIL",), ("IGO", "UNO")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code or None, "name": self.name, "country": self.country, "sectors": list(self.sectors)}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A stretch of text resolved to an actor; offsets index `Article.text`."""

    text: str
    start: int
    end: int
    actor: Actor
    rule: str  # which dictionary entry or rule resolved it, for transparency

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, **self.actor.to_dict()}


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention resolved to a gazetteer (GeoNames) entry; offsets index `Article.text`."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    feature: str  # city | country | admin1 | admin2 | continent
    admin1: str | None = None
    basis: str = "gazetteer"  # gazetteer: its own entry; context: not in it, placed at the place named with it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def as_location(self) -> dict[str, Any]:
        """The shape used in an event record's `location` field."""
        return {
            "text": self.text,
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and, when found, who said it; offsets index `Article.text`."""

    text: str
    start: int
    end: int
    speaker: ActorMention | None = None
    speaker_text: str | None = None  # the speaker as written, even when it resolves to no actor
    kind: str = "direct"  # direct | block | transcript | reported

    def to_dict(self) -> dict[str, Any]:
        speaker = self.speaker.to_dict() if self.speaker else None
        if speaker is None and self.speaker_text:
            speaker = {"text": self.speaker_text, "code": None, "name": None, "country": None, "sectors": []}
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind, "speaker": speaker}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event was coded: the sentence, spans (offsets into `sentence`) and the rule that fired."""

    sentence: str
    trigger: tuple[int, int]
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "source": list(self.source) if self.source else None,
            "trigger": list(self.trigger),
            "target": list(self.target) if self.target else None,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event (the DESIGN.md event record)."""

    event_id: str
    article_id: str
    sentence: int
    date: str | None
    date_basis: DateBasis
    code: str
    base_code: str
    root_code: str
    quad_class: int | None  # None for a code outside the CAMEO table (a user's own verb dictionary)
    goldstein: float | None
    plover_event: str | None
    plover_mode: str | None
    source: ActorMention | None
    target: ActorMention | None
    evidence: Evidence
    location: Place | None = None
    negated: bool = False
    modality: Modality = "actual"
    quoted: bool = False
    confidence: float = 0.5
    location_rule: str | None = None  # how the location was chosen: sentence, article, ... (None: no location)
    tone: float | None = None  # tone of the event's sentence (Tone.tone)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "date": self.date,
            "date_basis": self.date_basis,
            "code": self.code,
            "base_code": self.base_code,
            "root_code": self.root_code,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"event": self.plover_event, "mode": self.plover_mode},
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "location": self.location.as_location() if self.location else None,
            "location_rule": self.location_rule,
            "negated": self.negated,
            "modality": self.modality,
            "quoted": self.quoted,
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
            "tone": self.tone,
        }


@dataclass(slots=True)
class ArticleResult:
    """Everything the pipeline produced for one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    tone: Tone | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `whodid extract` output shape (without the input id)."""
        art = self.article
        return {
            "article": {
                "article_id": art.article_id,
                "title": art.title,
                "date": art.date,
                "source": art.source,
                "language": art.language,
                "author": art.author,
                "opinion": art.opinion,
                "tone": self.tone.to_dict() if self.tone else None,
                "text": art.text,
            },
            "events": [e.to_dict() for e in self.events],
            "places": [p.to_dict() for p in self.places],
            "quotes": [q.to_dict() for q in self.quotes],
        }
