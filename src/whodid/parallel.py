"""Parallel runs: the main process reads, cleans and sorts out duplicates in input order; worker processes parse
and analyse batches of articles; outcomes come back in input order. Same results as one process, except that a
copy of an article whose analysis fails is skipped with its reason rather than analysed again."""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from whodid.options import Options
from whodid.pipeline import Outcome, RunMemory, analyse_articles, merge, stage
from whodid.records import Article, RawDocument, Skipped
from whodid.resources import Resources

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker, so that none waits while the main process cleans

_worker_resources: Resources | None = None  # a worker's resources (a forked one inherits the parent's, loaded)


def _start_worker(options: Options) -> None:
    global _worker_resources
    if _worker_resources is None or _worker_resources.options != options:
        _worker_resources = Resources(options)
        _worker_resources.warm_up()


def _analyse_in_worker(articles: list[Article]) -> list[Outcome]:
    assert _worker_resources is not None, "worker started without resources"
    return analyse_articles(articles, _worker_resources)


def process_in_workers(
    batches: Iterable[list[RawDocument | Skipped]], res: Resources, memory: RunMemory | None
) -> Iterator[Outcome]:
    """`pipeline.process` with `res.options.workers` processes doing the parsing and analysis."""
    global _worker_resources
    _worker_resources = res  # inherited by forked workers: no second load
    methods = mp.get_all_start_methods()
    context = mp.get_context("fork" if "fork" in methods else "spawn")
    workers = res.options.workers
    queue: deque[tuple[list[Outcome | Article], AsyncResult]] = deque()
    in_flight: set[str] = set()  # ids of articles being analysed: their copies are duplicates already
    failed: dict[str, Skipped] = {}
    with context.Pool(workers, initializer=_start_worker, initargs=(res.options,)) as pool:
        for batch in batches:
            staged = stage(batch, res, memory, in_flight)
            articles = [a for a in staged if isinstance(a, Article)]
            in_flight.update(a.article_id for a in articles)
            queue.append((staged, pool.apply_async(_analyse_in_worker, (articles,))))
            while len(queue) > IN_FLIGHT_PER_WORKER * workers:
                yield from _finish(queue.popleft(), memory, failed, in_flight)
        while queue:
            yield from _finish(queue.popleft(), memory, failed, in_flight)


def _finish(
    item: tuple[list[Outcome | Article], AsyncResult],
    memory: RunMemory | None,
    failed: dict[str, Skipped],
    in_flight: set[str],
) -> Iterator[Outcome]:
    staged, pending = item
    outcomes = pending.get()
    in_flight.difference_update(a.article_id for a in staged if isinstance(a, Article))
    yield from merge(staged, outcomes, memory, failed)
