"""Geo benchmark: gazetteer load time and memory, and place resolution speed apart from spaCy parsing."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Sequence
from typing import Any

MIN_SECONDS = 1.0  # each speed is timed over at least this long (the corpus is resolved again and again)
TARGET_MENTIONS_PER_S = 5000
TARGET_LOAD_S, TARGET_LOAD_MB = 3.0, 500.0


def _rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc; 0.0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _load_in_child(queue: mp.Queue) -> None:
    import whodid.gazetteer as gazetteer  # imported before the clock starts: the load is what is timed

    before = _rss_mb()
    started = time.perf_counter()
    gaz = gazetteer.load_gazetteer()
    seconds = time.perf_counter() - started
    queue.put({"load_s": seconds, "load_mb": _rss_mb() - before, "entries": len(gaz)})


def measure_load() -> dict[str, Any]:
    """Gazetteer load time and the resident memory it adds, measured in a fresh (spawned) process so that no
    cache or earlier allocation hides the cost."""
    from whodid.benchmark import in_child

    return in_child(_load_in_child, timeout=120)


def _resolution_in_child(texts: Sequence[str], queue: mp.Queue) -> None:
    queue.put(measure_resolution(texts))


def benchmark_texts() -> list[str]:
    """The bundled sample articles (plain-text ones), the same corpus `make bench` uses."""
    from whodid.benchmark import sample_texts

    return [text for name, text in sample_texts() if name.endswith(".txt")]


def measure_resolution(texts: Sequence[str]) -> dict[str, Any]:
    """Mentions per second on one core: parsing is done first and not timed; then (a) finding names and
    candidates in the parsed documents plus resolving them, and (b) resolving alone, given the names and their
    candidates, are each repeated for at least MIN_SECONDS."""
    from whodid.nlp import load_nlp
    from whodid.options import DEFAULT_MODEL
    from whodid.places import find_places, load_gazetteer, place_matches, resolve_places

    gaz = load_gazetteer()
    docs = list(load_nlp(DEFAULT_MODEL).pipe(texts))
    matches = [place_matches(doc, gaz) for doc in docs]
    mentions = sum(len(m) for m in matches)
    pairs = [(doc.text, m) for doc, m in zip(docs, matches, strict=True)]

    def resolve_only() -> None:
        for text, found in pairs:
            resolve_places(text, found)

    def find_and_resolve() -> None:  # all of find_places: also the places the gazetteer lacks, located by context
        for doc in docs:
            find_places(doc, gaz)

    return {
        "articles": len(docs),
        "mentions": mentions,
        "resolve_per_s": mentions / _seconds_per_round(resolve_only) if mentions else 0.0,
        "find_resolve_per_s": mentions / _seconds_per_round(find_and_resolve) if mentions else 0.0,
    }


def _seconds_per_round(work) -> float:
    """Seconds per call of `work`, after one untimed call (what is built on first use, once per process, is not
    the steady speed) and then as many calls as fill MIN_SECONDS."""
    work()
    rounds, started = 0, time.perf_counter()
    while True:
        work()
        rounds += 1
        elapsed = time.perf_counter() - started
        if elapsed >= MIN_SECONDS:
            return elapsed / rounds


def run_geo_benchmark(texts: Sequence[str] | None = None) -> dict[str, Any]:
    """Load and resolution figures, each in a fresh process (one core), for `render_geo_section_bench`: what ran
    before in the calling process (its objects, its memory) does not slow the measure."""
    from whodid.benchmark import in_child

    texts = list(benchmark_texts() if texts is None else texts)
    return measure_load() | in_child(_resolution_in_child, texts, timeout=600)


def render_geo_section_bench(d: dict[str, Any]) -> str:
    """The BENCHMARKS.md section for the gazetteer and place resolution."""
    rows = [
        ("gazetteer load (fresh process)", f"{d['load_s']:.2f} s", f"< {TARGET_LOAD_S:.0f} s"),
        ("memory it adds (resident set)", f"{d['load_mb']:.0f} MB", f"< {TARGET_LOAD_MB:.0f} MB"),
        ("place resolution alone (names and candidates given)", f"{d['resolve_per_s']:,.0f} mentions/s", ""),
        ("finding names in parsed text + resolution", f"{d['find_resolve_per_s']:,.0f} mentions/s", ""),
    ]
    lines = [
        "## Places: gazetteer and resolution",
        "",
        f"{d['entries']:,} gazetteer entries; {d['mentions']} place mentions in {d['articles']} sample articles.",
        "",
        "| what | measured | target |",
        "|---|---:|---:|",
        *(f"| {name} | {value} | {target} |" for name, value, target in rows),
        "",
        "How: the load is timed in a freshly spawned process (the module imported first, then `load_gazetteer()`), "
        "and its memory is the growth of that process's resident set (VmRSS) across the load. Speeds are per core "
        "(one fresh process): the articles are parsed by spaCy first, untimed; *resolution alone* then resolves the "
        "already found names and their candidates once untimed (what is built on first use, once per process), "
        "then again and again for at least a second; the second speed also "
        f"includes finding the names in the parsed documents. Target: >= {TARGET_MENTIONS_PER_S:,} mentions/s.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - manual entry point: python -m whodid.geo_bench
    print(render_geo_section_bench(run_geo_benchmark()))
