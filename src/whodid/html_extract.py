"""HTML extraction: a web page's main text and metadata (title, date, site, author, opinion section)."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from whodid.decode import normalise_whitespace

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
    """Main text (paragraphs one per line) and metadata with trafilatura, or a plain rendering as fallback."""
    if html.count("<") > MAX_HTML_TAGS:
        return Extracted(text=render_html_text(html), title=_html_title(html))
    if len(html) > BIG_HTML:
        html = _SCRIPT_STYLE.sub(_drop_big_block, html)
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, favor_precision=True, fast=True, include_comments=False, with_metadata=True
    )
    text = getattr(result, "text", None) or ""
    if len(text.split()) < THIN_EXTRACTION_WORDS:
        text = _fuller_extraction(html, url, text)
    if not text.strip():
        text = trafilatura.html2txt(html) or render_html_text(html)
    if result is None:
        return Extracted(text=text, title=_html_title(html))
    date = getattr(result, "date", None)
    return Extracted(
        text=text,
        title=_clean_inline(getattr(result, "title", None)) or _html_title(html),
        date=date if isinstance(date, str) and _ISO.fullmatch(date) else None,
        sitename=_clean_inline(getattr(result, "sitename", None)),
        author=_clean_inline(getattr(result, "author", None)),
        opinion=_filed_as_opinion(getattr(result, "categories", None), getattr(result, "tags", None)),
    )


def _fuller_extraction(html: str, url: str | None, quick: str) -> str:
    """When the quick extraction (trafilatura's precise mode without its fallback extractors) returns little,
    the same with fallbacks, then the default (less strict) mode: a thin result is often only a fragment (a
    paywall notice, a caption), and a default-mode result three times longer is then the article."""
    import trafilatura

    checked = trafilatura.extract(html, url=url, favor_precision=True, include_comments=False) or ""
    best = checked if len(checked.split()) > len(quick.split()) else quick
    if len(best.split()) >= THIN_EXTRACTION_WORDS:
        return best
    default = trafilatura.extract(html, url=url, include_comments=False) or ""
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
