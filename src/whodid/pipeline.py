"""The pipeline: raw documents -> cleaned articles -> parsed -> actors, events, places, quotes (one result each)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc, Span

from whodid.actor_phrases import named_mentions
from whodid.actors import DictMatch, find_matches, merge_matches, place_matches
from whodid.clean import clean_document
from whodid.coref import headline_references, resolve_coreferences
from whodid.events import ArticleContext, code_sentence
from whodid.near_duplicates import NearDuplicateIndex, SiteBoilerplate
from whodid.nlp import parse_articles, sentences
from whodid.options import Options
from whodid.places import article_location, find_places
from whodid.quotes import find_quotes
from whodid.records import TITLE_SENTENCE, Article, ArticleResult, Event, Place, RawDocument, Sentence, Skipped
from whodid.relevance import without_chatter
from whodid.resources import Resources
from whodid.tone import article_tone, with_sentence_tone

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input document: a result, a skip (with the reason), or a duplicate."""

    doc_id: str | None
    origin: str
    result: ArticleResult | None = None
    skipped: Skipped | None = None
    duplicate_of: str | None = None  # article id already stored or seen earlier in this run
    near: bool = False  # the duplicate is a near copy (same story re-posted with other boilerplate), not exact


def analyse(article: Article, doc: Doc, res: Resources, title_doc: Doc | None = None) -> ArticleResult:
    """Every stage after parsing, for one article (pure: same article and resources, same result). With the
    parsed headline (`title_doc`), its events are coded too, as sentence TITLE_SENTENCE."""
    ctx, sents = article_context(article, doc, res)
    discards = res.tools.discards
    discarded = discards is not None and discards.story_reason(article.text)  # a sports or entertainment story
    events = [] if discarded else [e for s, span in sents for e in code_sentence(s, span, ctx, res.tools, res.options)]
    headline: list[Sentence] = []
    if title_doc is not None and not discarded and _codes_title(article, title_doc):
        headline = [Sentence(TITLE_SENTENCE, 0, len(title_doc.text), article.title or title_doc.text)]
        events = [*_title_events(article, headline[0], title_doc, (doc, ctx), res), *events]
    mentions = named_mentions(doc, ctx.matches, res.dictionary, article.date)
    records = [s for s, _ in sents]
    events = with_sentence_tone(without_chatter(events, records, ctx.quotes), [*headline, *records])
    return ArticleResult(article, records, mentions, events, ctx.places, ctx.quotes, article_tone(article.text))


def headline_for_parsing(title: str) -> str:
    """The headline as the parser should read it: a semicolon joins two headlines in one ("Kerry asks for
    ceasefire; Lavrov demands proposals"), so it becomes a full stop (same length: offsets stay valid)."""
    return title.replace("; ", ". ")


def _codes_title(article: Article, title_doc: Doc) -> bool:
    """A headline is coded unless it is empty or repeated as the text's first line (a sports or entertainment
    headline gives no event: `code_sentence` applies the discard phrases to it as to any sentence)."""
    title = title_doc.text.strip()
    return bool(title) and not article.text.lstrip().startswith(title)


def _title_events(
    article: Article, headline: Sentence, title_doc: Doc, body: tuple[Doc, ArticleContext], res: Resources
) -> list[Event]:
    """Events of the headline ("Kerry asks for ceasefire in Aleppo"), coded like a sentence of its own with its
    own actors and places; people it names by surname take the body's reading of them, and a headline that
    names no place takes the article's own place."""
    body_doc, body_ctx = body
    places = find_places(title_doc, res.gazetteer)
    matches = _actor_matches(title_doc, places, res)
    people = headline_references(title_doc, matches, (body_doc, body_ctx.matches), res.dictionary, article.date)
    matches = merge_matches(matches, people)
    ctx = ArticleContext(article.article_id, article.date, matches, places, (), body_ctx.fallback_location)
    return [e for part in title_doc.sents for e in code_sentence(headline, part, ctx, res.tools, res.options)]


def article_context(article: Article, doc: Doc, res: Resources) -> tuple[ArticleContext, list[tuple[Sentence, Span]]]:
    """What the coder needs to know about a parsed article (actor matches with coreference, places, quotes, the
    article's own place), and its sentences."""
    sents = sentences(doc)
    places = find_places(doc, res.gazetteer)
    matches = _actor_matches(doc, places, res)
    matches = merge_matches(matches, resolve_coreferences(doc, matches, res.dictionary, article.date))
    quotes = find_quotes(doc, [span for _, span in sents], matches, res.dictionary, article.date)
    own_place = article_location(places, article.text)  # for events whose sentence names no place
    return ArticleContext(article.article_id, article.date, matches, places, quotes, own_place), sents


def _actor_matches(doc: Doc, places: list[Place], res: Resources) -> list[DictMatch]:
    """The dictionary's actor matches in `doc`, plus the places it names that the dictionary does not know (as
    actors of their country)."""
    found = find_matches(doc, res.dictionary)
    return merge_matches(found, place_matches(places, doc, found, res.dictionary))


@dataclass(slots=True)
class RunMemory:
    """What a run remembers across batches: content hashes seen, near-duplicate signatures, site boilerplate."""

    known: set[str]
    near: NearDuplicateIndex | None = None
    sites: SiteBoilerplate | None = None


def run_memory(options: Options, known: set[str] | None = None) -> RunMemory:
    """A fresh memory for a run, with near-duplicate detection and site boilerplate as `options` say."""
    threshold = options.near_duplicate_threshold
    near = NearDuplicateIndex(threshold) if threshold > 0 else None
    sites = SiteBoilerplate(options.site_boilerplate_min) if options.site_boilerplate_min > 0 else None
    return RunMemory(known if known is not None else set(), near, sites)


def process(
    docs: Iterable[RawDocument | Skipped],
    res: Resources,
    *,
    known: set[str] | None = None,
    dedupe: bool = True,
    memory: RunMemory | None = None,
) -> Iterator[Outcome]:
    """One Outcome per input document, in input order. With `dedupe`, articles whose content hash is in
    `known` (or seen earlier in this run), or near copies of them, are reported as duplicates and not coded
    again; without it, every document is coded (what `whodid extract` needs: one full result per input line).
    With `Options.workers` above 1, parsing and analysis run in that many worker processes (parallel.py)."""
    if dedupe:
        memory = memory or run_memory(res.options, known)
    batches = _batches(docs, res.options.batch_size)
    if res.options.workers > 1:
        from whodid.parallel import process_in_workers

        yield from process_in_workers(batches, res, memory if dedupe else None)
        return
    for batch in batches:
        staged = stage(batch, res, memory if dedupe else None)
        outcomes = analyse_articles([a for a in staged if isinstance(a, Article)], res)
        yield from merge(staged, outcomes, memory if dedupe else None, {})


def _batches(docs: Iterable[RawDocument | Skipped], size: int) -> Iterator[list[RawDocument | Skipped]]:
    it = iter(docs)
    while batch := list(islice(it, max(1, size))):
        yield batch


def stage(
    batch: list[RawDocument | Skipped], res: Resources, memory: RunMemory | None, in_flight: Set[str] = frozenset()
) -> list[Outcome | Article]:
    """Clean a batch and sort out its duplicates (of stored articles, of earlier ones in the run, of those in
    `in_flight` being analysed elsewhere, or near copies): an Outcome for each of those, the Article to analyse
    for the others, in input order."""
    staged: list[Outcome | Article] = []
    first_copy: dict[str, str] = {}  # article id -> origin of its first copy in this batch
    known = memory.known if memory is not None else None
    for item in batch:
        if isinstance(item, Skipped):
            staged.append(Outcome(item.doc_id, item.origin, skipped=item))
            continue
        cleaned = _clean(item, res)
        if isinstance(cleaned, Article) and memory is not None and memory.sites is not None:
            cleaned = memory.sites.process(cleaned)  # before the hash check: it changes the article id
        if isinstance(cleaned, Skipped):
            staged.append(Outcome(item.doc_id, item.origin, skipped=cleaned))
        elif known is not None and any(cleaned.article_id in ids for ids in (known, first_copy, in_flight)):
            staged.append(Outcome(item.doc_id, item.origin, duplicate_of=cleaned.article_id))
        elif (
            memory is not None
            and memory.near is not None
            and (first := memory.near.add(cleaned.article_id, cleaned.text))
        ):
            staged.append(Outcome(item.doc_id, item.origin, duplicate_of=first, near=True))
        else:
            first_copy.setdefault(cleaned.article_id, item.origin)
            staged.append(cleaned)
    return staged


def analyse_articles(articles: list[Article], res: Resources) -> list[Outcome]:
    """Parse the articles (bodies and headlines together, sentence by sentence) and analyse each: one Outcome
    per article, in order; an article whose analysis fails becomes a Skipped, the others go on."""
    titles = [headline_for_parsing(a.title or "") for a in articles]
    parsed = parse_articles([a.text for a in articles] + titles, res.nlp, res.event_filter)
    pairs = zip(parsed[: len(articles)], parsed[len(articles) :], strict=True)
    return [
        _analyse_safely(article, doc, title_doc, res) for article, (doc, title_doc) in zip(articles, pairs, strict=True)
    ]


def merge(
    staged: list[Outcome | Article], outcomes: Iterable[Outcome], memory: RunMemory | None, failed: dict[str, Skipped]
) -> Iterator[Outcome]:
    """The batch's outcomes in input order: the staged ones and, for each Article, its analysis outcome. A copy
    of an article that failed (recorded in `failed`) is not stored either; a failed article is not remembered,
    so that a later copy gets its own chance."""
    results = iter(outcomes)
    known = memory.known if memory is not None else None
    for item in staged:
        if isinstance(item, Outcome):
            if item.duplicate_of in failed:  # its first copy failed: this copy is not stored either
                first = failed[item.duplicate_of]
                detail = f"same content as {first.origin}, which failed: {first.detail}"
                item = Outcome(
                    item.doc_id, item.origin, skipped=Skipped(item.origin, first.reason, detail, item.doc_id)
                )
            yield item
            continue
        outcome = next(results)
        if outcome.skipped is not None:
            failed[item.article_id] = outcome.skipped
            if memory is not None and memory.near is not None:
                memory.near.remove(item.article_id)  # a later copy gets its own chance
        elif known is not None:
            known.add(item.article_id)
        yield outcome


def _analyse_safely(article: Article, doc: Doc, title_doc: Doc, res: Resources) -> Outcome:
    try:
        return Outcome(article.doc_id, article.origin, result=analyse(article, doc, res, title_doc))
    except Exception as exc:  # a bug on one article must not stop the run: record it and go on
        log.exception("analysis failed for %s", article.origin)
        detail = f"{type(exc).__name__}: {exc}. Please report this input with the whodid version."
        return Outcome(
            article.doc_id, article.origin, skipped=Skipped(article.origin, "internal_error", detail, article.doc_id)
        )


def _clean(doc: RawDocument, res: Resources) -> Article | Skipped:
    try:
        return clean_document(doc, res.options)
    except Exception as exc:  # the cleaner must never take the run down
        log.exception("cleaning failed for %s", doc.origin)
        return Skipped(doc.origin, "clean_failed", f"{type(exc).__name__}: {exc}", doc.doc_id)
