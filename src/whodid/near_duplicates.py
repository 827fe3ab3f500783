"""Repetition across articles: near-duplicate stories (MinHash LSH over word shingles), and a site's boilerplate."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from whodid.clean import article_id as content_id
from whodid.clean import domain_of
from whodid.records import Article, RemovedLine

DEFAULT_THRESHOLD = 0.8  # estimated Jaccard similarity of word-shingle sets from which two texts are one story
DEFAULT_NUM_PERM = 128  # MinHash permutations: more is more exact and slower
SHINGLE_WORDS = 5  # words per shingle
SEED = 1  # fixed: the same texts always give the same signatures, on every machine
_WORD = re.compile(r"\w+")


def word_shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word windows of a text's lowercase words (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _crc32(data: bytes) -> int:
    """A fast 32-bit hash that is the same in every process (Python's own `hash` of str is salted)."""
    return zlib.crc32(data)


class NearDuplicateIndex:
    """Articles seen so far, indexed so that a near-copy of one of them is found in about constant time.

    `add` returns the id of the earliest indexed article whose estimated Jaccard similarity (of word
    shingles) is at least `threshold`, and then leaves the new text out of the index; otherwise it indexes
    the text and returns None. Deterministic: a fixed seed and hash function, and the earliest match wins."""

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        shingle_words: int = SHINGLE_WORDS,
    ) -> None:
        from datasketch import MinHash, MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.shingle_words = shingle_words
        self._template = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_crc32)
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, Any] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def signature(self, text: str) -> Any | None:
        """The MinHash of a text's word shingles, or None for a text without words."""
        shingles = word_shingles(text, self.shingle_words)
        if not shingles:
            return None
        minhash = self._template.copy()
        minhash.update_batch(sorted(shingles))
        return minhash

    def find(self, text: str) -> str | None:
        """The earliest indexed article that `text` nearly duplicates, or None (the index is not changed)."""
        minhash = self.signature(text)
        return None if minhash is None else self._earliest_match(minhash)

    def add(self, article_id: str, text: str) -> str | None:
        """The id of an earlier near-duplicate of `text` (the text is then not indexed), else None after
        indexing it. An id already in the index returns itself."""
        if article_id in self._signatures:
            return article_id
        minhash = self.signature(text)
        if minhash is None:
            return None
        match = self._earliest_match(minhash)
        if match is None:
            self._insert(article_id, minhash)
        return match

    def seed(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Index already-stored articles, given as (article_id, text) pairs, without checking them against
        each other (they are stored already); returns how many were added."""
        added = 0
        for article_id, text in pairs:
            if article_id in self._signatures:
                continue
            minhash = self.signature(text)
            if minhash is not None:
                self._insert(article_id, minhash)
                added += 1
        return added

    def remove(self, article_id: str) -> bool:
        """Take an article out of the index (e.g. its analysis failed, so it was not stored); False if absent."""
        if article_id not in self._signatures:
            return False
        self._lsh.remove(article_id)
        del self._signatures[article_id], self._order[article_id]
        return True

    def _insert(self, article_id: str, minhash: Any) -> None:
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._order[article_id] = len(self._order)

    def _earliest_match(self, minhash: Any) -> str | None:
        """LSH candidates confirmed by their estimated Jaccard similarity; the earliest indexed one."""
        confirmed = [
            key for key in self._lsh.query(minhash) if self._signatures[key].jaccard(minhash) >= self.threshold
        ]
        return min(confirmed, key=self._order.__getitem__) if confirmed else None


class SiteBoilerplate:
    """Paragraphs that recur verbatim across articles of one site (a standing disclaimer, a newsletter prompt,
    an author's contact line) are boilerplate: learned as a run goes, and taken out of later articles.

    A short paragraph (at most `max_chars`) that `min_articles` earlier articles of the same site (`source`, or
    the URL's domain) already held is removed from an article, and recorded with the reason "site_repeated".
    Articles without a known site are left alone. The article id is recomputed from the remaining text."""

    def __init__(self, min_articles: int = 3, max_chars: int = 300) -> None:
        self.min_articles = min_articles
        self.max_chars = max_chars
        self._seen: dict[tuple[str, str], int] = {}

    def process(self, article: Article) -> Article:
        """The article without its site's known boilerplate; its paragraphs are then counted for later ones."""
        site = article.source or domain_of(article.url)
        if not site:
            return article
        paragraphs = article.text.split("\n\n")
        keys = [self._key(site, p) for p in paragraphs]
        for key in set(filter(None, keys)):
            self._seen[key] = self._seen.get(key, 0) + 1
        drop = [key is not None and self._seen[key] > self.min_articles for key in keys]
        kept = [p for p, gone in zip(paragraphs, drop, strict=True) if not gone]
        if not any(drop) or not kept:
            return article
        removed = [RemovedLine(p, "site_repeated") for p, gone in zip(paragraphs, drop, strict=True) if gone]
        text = "\n\n".join(kept)
        return replace(article, text=text, article_id=content_id(text), removed=(*article.removed, *removed))

    def _key(self, site: str, paragraph: str) -> tuple[str, str] | None:
        return (site, " ".join(paragraph.casefold().split())) if len(paragraph) <= self.max_chars else None
