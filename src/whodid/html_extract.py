"""HTML extraction: a web page's main text and metadata (title, date, site, author, opinion section)."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from whodid.decode import normalise_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_HTML_TAGS = 50_000  # above this, trafilatura is slow (superlinear): render the page text cheaply instead
BIG_HTML = 1_000_000  # pages larger than this lose their huge script and style blocks before extraction
THIN_EXTRACTION_WORDS = 100  # a precise extraction this short is checked against trafilatura's default mode

# Opinion/commentary labels, shared with the cleaner's header, title and URL checks.
OPINION_WORDS = r"opinions?|commentary|commentaries|op-?eds?|editorials?|columns?|columnists?|viewpoints?"
OPINION_MARKER = re.compile(
    rf"(?:{OPINION_WORDS}|guest (?:column|essay|opinion))(?:\s*[|/>»]\s*[\w ,&]{{1,40}})?", re.I
)

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCRIPT_STYLE = re.compile(r"<(script|style|noscript|template)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_BLOCKS = r"p|div|br|li|h[1-6]|tr|article|section|blockquote|header|footer|ul|ol"
_BLOCK_TAG = re.compile(rf"<\s*/?\s*(?:{_BLOCKS})\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")
_TITLE_TAG = re.compile(r"<title\b[^<>]*>([^<]{1,300})</title", re.I)
_BODY_TAG = re.compile(r"<body\b", re.I)
# Links into a site's sections: the only links trafilatura reads categories and tags from.
_SECTION_LINKS = "//a[contains(@href, '/categor') or contains(@href, '/tag')]"
_SITE_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
# Bylines marked up as such (attribute tests only: trafilatura's own author search is most of its metadata time).
_BYLINE_XPATH = (
    "//*[@class or @rel or @itemprop or @id or @data-component]"
    "[self::a or self::address or self::div or self::p or self::span]"
    "[@rel='author' or contains(@itemprop, 'author') or contains(@class, 'author') or contains(@class, 'byline')"
    " or contains(@class, 'writer') or contains(@id, 'author') or contains(@data-component, 'Byline')]"
    "[not(contains(@class, 'comment'))]"
    "[not(ancestor::*[starts-with(@class, 'comment') or starts-with(@id, 'comment')"
    " or starts-with(@class, 'sidebar') or starts-with(@id, 'sidebar')])]"
)


@dataclass(frozen=True, slots=True)
class Extracted:
    """Main text and metadata taken out of an HTML page."""

    text: str
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    author: str | None = None
    opinion: bool = False  # the page's metadata files it under opinion/commentary


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Main text (paragraphs one per line) and metadata with trafilatura, or a plain rendering as fallback. The
    page is parsed once; the metadata whodid keeps is read from that tree, the text extracted from a copy."""
    if html.count("<") > MAX_HTML_TAGS:
        return Extracted(text=render_html_text(html), title=_html_title(html))
    if len(html) > BIG_HTML:
        html = _SCRIPT_STYLE.sub(_drop_big_block, html)
    import trafilatura

    tree = _parse(html)
    meta = _metadata_or_none(tree, url)
    source = tree if tree is not None else html  # trafilatura copies a tree before it changes it
    result = trafilatura.bare_extraction(source, url=url, favor_precision=True, fast=True, include_comments=False)
    text = getattr(result, "text", None) or ""
    if len(text.split()) < THIN_EXTRACTION_WORDS:
        text = _fuller_extraction(source, url, text)
    if not text.strip():
        text = trafilatura.html2txt(html) or render_html_text(html)
    if result is None or meta is None:
        return Extracted(text=text, title=_html_title(html))
    return Extracted(
        text=text,
        title=meta.title or _html_title(html),
        date=meta.date,
        sitename=meta.sitename,
        author=meta.author,
        opinion=meta.opinion,
    )


def _parse(html: str) -> HtmlElement | None:
    """The page's tree as trafilatura parses it (encoding, repairs), or None when it is not HTML."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (TypeError, ValueError):  # trafilatura's own extraction treats these as "no page"
        return None


def _metadata_or_none(tree: HtmlElement | None, url: str | None) -> PageMetadata | None:
    if tree is None:
        return None
    try:
        return page_metadata(tree, url)
    except (TypeError, ValueError):  # as in trafilatura, a failing metadata step means the plain fallback
        return None


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """The metadata whodid keeps from a page's markup."""

    title: str | None
    date: str | None
    sitename: str | None
    author: str | None
    opinion: bool


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Title, publication date, site name, author and opinion filing of a parsed page, read as trafilatura's
    metadata step reads them (meta tags, JSON-LD, <title>/<h1>, htmldate) but without its costly parts whodid
    does not use or can get more cheaply: licence, a regex-driven author search, the section-link search on
    pages whose section links name no opinion label. Leaves the tree as it was."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    with suppress(Exception):  # a broken JSON-LD block only loses its own metadata
        meta = extract_meta_json(tree, meta)
    page_url = meta.url or extract_url(tree, url)
    today = dt.date.today().isoformat()
    found = find_date(tree, url=page_url, original_date=True, extensive_search=True, max_date=today)
    return PageMetadata(
        title=_meta_text(meta.title or extract_title(tree)),
        date=found if isinstance(found, str) and _ISO.fullmatch(found) else None,
        sitename=_meta_text(_sitename(meta.sitename or extract_sitename(tree), page_url)),
        author=_meta_text(meta.author or _byline_author(tree)),
        opinion=_filed_as_opinion(*_sections(meta.categories, meta.tags, tree)),
    )


def _sitename(name: str | None, page_url: str | None) -> str | None:
    """The site's name as trafilatura gives it: without a Twitter "@", capitalised, else the URL's host."""
    if name:
        name = name.lstrip("@")
        return name.title() if name and "." not in name and not name[0].isupper() else name
    match = _SITE_FROM_URL.match(page_url) if page_url else None
    return match[1] if match else None


def _byline_author(tree: HtmlElement) -> str | None:
    """The first innermost byline-marked element whose text reads as author names (outside comments and
    sidebars): a byline block holding the author's name, outlet and date gives way to the name inside it."""
    from trafilatura.json_metadata import normalize_authors

    bylines = tree.xpath(_BYLINE_XPATH)
    marked = set(bylines)
    outer = {parent for element in bylines for parent in element.iterancestors() if parent in marked}
    for element in bylines:
        text = " ".join(" ".join(element.itertext()).split())
        if element not in outer and 2 < len(text) < 120 and (author := normalize_authors(None, text)):
            return author
    return None


def _sections(categories: object, tags: object, tree: HtmlElement) -> tuple[object, object]:
    """The page's categories and tags, for the opinion flag: from its metadata, else its article:section meta
    tag, and trafilatura's section-link search only where some section link reads as an opinion label."""
    if categories and tags:
        return categories, tags
    if not _section_links_name_opinion(tree):
        return categories or _meta_sections(tree), tags
    from trafilatura.metadata import extract_catstags

    return categories or extract_catstags("category", tree), tags or extract_catstags("tag", tree)


def _section_links_name_opinion(tree: HtmlElement) -> bool:
    labels = [" ".join(" ".join(link.itertext()).split()) for link in tree.xpath(_SECTION_LINKS)]
    return _filed_as_opinion(labels, None)


def _meta_sections(tree: HtmlElement) -> list[str]:
    found = tree.xpath("//head//meta[@property='article:section' or contains(@name, 'subject')]/@content")
    return [value for value in found if value.strip()]


def _meta_text(value: object) -> str | None:
    """A metadata string as trafilatura trims it (entities, control characters, spaces), then tidied."""
    if not isinstance(value, str):
        return None
    from trafilatura.utils import line_processing

    return _clean_inline(line_processing(html_lib.unescape(value[:10_000])))


def _fuller_extraction(html: str | HtmlElement, url: str | None, quick: str) -> str:
    """When the quick extraction (trafilatura's precise mode without its fallback extractors) returns little,
    the same with fallbacks, then the default (less strict) mode: a thin result is often only a fragment (a
    paywall notice, a caption), and a default-mode result three times longer is then the article. That last
    try skips the fallback extractors (on every dev-file page that gets there, the same text, at less cost).
    Takes the page as text or as a parsed tree (trafilatura copies a tree before changing it)."""
    import trafilatura

    checked = trafilatura.extract(html, url=url, favor_precision=True, include_comments=False) or ""
    best = checked if len(checked.split()) > len(quick.split()) else quick
    if len(best.split()) >= THIN_EXTRACTION_WORDS:
        return best
    default = trafilatura.extract(html, url=url, include_comments=False, fast=True) or ""
    return default if len(default.split()) > 3 * len(best.split()) else best


def _filed_as_opinion(categories: object, tags: object) -> bool:
    """A page whose section (category) or one of whose tags is an opinion/commentary label."""
    labels = [label for group in (categories, tags) if isinstance(group, list) for label in group]
    split = [part.strip() for label in labels if isinstance(label, str) for part in label.split(",")]
    return any(OPINION_MARKER.fullmatch(label) and len(label) <= 30 for label in split)


def render_html_text(html: str) -> str:
    """Plain text of an HTML body in linear time (block tags become line breaks), "" if it is not words."""
    body = _BODY_TAG.search(html)
    text = html[body.start() :] if body else html
    text = _HTML_COMMENT.sub(" ", _SCRIPT_STYLE.sub(" ", text))
    text = html_lib.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", text)))
    letters = sum(1 for c in text if c.isalpha())
    return text if letters >= 0.5 * len("".join(text.split())) else ""


def _drop_big_block(match: re.Match[str]) -> str:
    """Huge scripts and styles go before extraction (they only slow it down); JSON-LD metadata stays."""
    block = match.group(0)
    return " " if len(block) > 50_000 and "ld+json" not in block[:200] else block


def _html_title(html: str) -> str | None:
    match = _TITLE_TAG.search(html[:200_000])
    return _clean_inline(html_lib.unescape(match.group(1))) if match else None


def _clean_inline(value: object) -> str | None:
    return (" ".join(normalise_whitespace(value).split()) or None) if isinstance(value, str) else None


def domain_of(url: str | None) -> str | None:
    """The host of a URL without "www." ("https://www.example.com/a" -> "example.com"), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
