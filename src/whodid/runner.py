"""Runs: feed documents through the pipeline into a store, counting what happened to each input."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from whodid.linking import Duplicate
from whodid.pipeline import Outcome, process, run_memory
from whodid.records import ArticleResult, RawDocument, Skipped
from whodid.resources import Resources
from whodid.store import Store, StoreError

WRITE_BATCH = 256  # articles per store transaction: each costs linking queries and a checkpoint when the store parks
# (64 articles a time: 1.0 CPU s to store the 240 bench articles; 256: 0.5 s); an interrupted run redoes at most these


@dataclass(slots=True)
class RunSummary:
    """Counts for one run: what was read, stored, skipped (and why), and what was found."""

    run_id: str = ""
    documents: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0  # of the duplicates, those that are near copies (re-posts with other boilerplate)
    skipped: Counter[str] = field(default_factory=Counter)
    events: int = 0
    places: int = 0
    quotes: int = 0
    sentences: int = 0
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        if outcome.skipped is not None:
            self.skipped[outcome.skipped.reason] += 1
        elif outcome.duplicate_of is not None:
            self.duplicates += 1
            self.near_duplicates += int(outcome.near)
        elif outcome.result is not None:
            result = outcome.result
            self.events += len(result.events)
            self.places += len(result.places)
            self.quotes += len(result.quotes)
            self.sentences += len(result.sentences)

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "documents": self.documents,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "skipped": dict(self.skipped),
            "events": self.events,
            "places": self.places,
            "quotes": self.quotes,
            "sentences": self.sentences,
            "seconds": round(self.seconds, 3),
        }


def run_into_store(
    docs: Iterable[RawDocument | Skipped],
    store: Store,
    res: Resources,
    *,
    command: str = "run",
    inputs: list[str] | None = None,
    on_outcome: Callable[[Outcome, RunSummary], None] | None = None,
) -> RunSummary:
    """Process `docs` into `store`: new articles are written in transactions of WRITE_BATCH, skipped inputs
    are recorded with their reasons, articles already stored are not coded again."""
    summary = RunSummary(run_id=store.start_run(command, inputs or []))
    started = time.perf_counter()
    pending: list[ArticleResult] = []
    skipped: list[Skipped] = []
    reposts: list[Duplicate] = []  # exact and near copies, linked to the article they repeat
    memory = run_memory(res.options, store.known_article_ids())
    if memory.near is not None:
        memory.near.seed(store.article_texts())  # re-posts of articles stored by earlier runs are found too
    store.park()  # no database threads while parsing (store.park says why); each write opens it again
    for outcome in process(docs, res, memory=memory):
        summary.add(outcome)
        if outcome.result is not None:
            pending.append(outcome.result)
        if outcome.skipped is not None:
            skipped.append(outcome.skipped)
        if outcome.duplicate_of is not None:
            kind = "near" if outcome.near else "exact"
            reposts.append(Duplicate(outcome.origin, outcome.duplicate_of, kind, doc_id=outcome.doc_id))
        if len(pending) >= WRITE_BATCH:
            summary.stored += _write(store, pending, summary, skipped)
            pending.clear()
            _write_reposts(store, summary.run_id, reposts)
            store.park()
        if on_outcome is not None:
            on_outcome(outcome, summary)
    if pending:
        summary.stored += _write(store, pending, summary, skipped)
    _write_reposts(store, summary.run_id, reposts)
    if skipped:
        store.write_skipped(summary.run_id, skipped)
    summary.seconds = time.perf_counter() - started
    store.finish_run(summary.run_id, summary.as_dict())
    return summary


def _write_reposts(store: Store, run_id: str, reposts: list[Duplicate]) -> None:
    """Record the copies seen so far (after their originals are written), so that they never inflate counts."""
    if reposts:
        store.write_duplicates(run_id, reposts)
        reposts.clear()


def _write(store: Store, results: list[ArticleResult], summary: RunSummary, skipped: list[Skipped]) -> int:
    """Write a batch in one transaction; if it fails on a bad record (not on the database itself), write the
    articles one by one so that only the bad one is skipped, with the reason recorded."""
    try:
        return store.write_results(results, summary.run_id)
    except StoreError:
        raise
    except Exception:  # retried one by one below, where each failure is recorded
        pass
    written = 0
    for result in results:
        try:
            written += store.write_results([result], summary.run_id)
        except StoreError:
            raise
        except Exception as exc:  # a record the store cannot take: say which and why, go on
            article = result.article
            detail = f"could not store the results ({type(exc).__name__}: {exc}); please report this input"
            skipped.append(Skipped(article.origin, "store_failed", detail, article.doc_id))
            summary.skipped["store_failed"] += 1
    return written
