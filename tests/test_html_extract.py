"""Tests for whodid.html_extract: main text and metadata of a page, the cheap renderer, titles, domains."""

from __future__ import annotations

import time

import pytest

from whodid.html_extract import (
    _SCRIPT_STYLE,
    MAX_HTML_TAGS,
    THIN_EXTRACTION_WORDS,
    Extracted,
    _drop_big_block,
    _filed_as_opinion,
    _fuller_extraction,
    _html_title,
    _sections,
    domain_of,
    extract_html,
    page_metadata,
    render_html_text,
)

PARAGRAPHS = [
    "The United Nations Security Council met on Monday to discuss the crisis in the region, and several "
    "members called for an immediate ceasefire between the warring parties in the north of the country, "
    "where the fighting has displaced thousands.",
    "Russia's ambassador said his government would not support any resolution that placed the blame on "
    "Damascus. The United States accused Moscow of shielding its ally from scrutiny.",
    "Talks are expected to continue next week in Geneva, diplomats said.",
]
PAGE = """<!DOCTYPE html><html><head><title>Council calls for ceasefire | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">{head}
<meta property="article:published_time" content="2016-12-03T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Council calls for ceasefire</h1>{paragraphs}<p>Share on Facebook</p></article>
<footer>Copyright 2016 Daily Planet. <a href="/privacy">Privacy</a></footer></body></html>"""


def page(head: str = "") -> str:
    return PAGE.format(head=head, paragraphs="".join(f"<p>{p}</p>" for p in PARAGRAPHS))


# ---------------------------------------------------------------- extract_html


def test_main_text_and_metadata() -> None:
    extracted = extract_html(page('<meta name="author" content="Jane Doe">'), "https://www.dailyplanet.com/world/1")
    lines = extracted.text.split("\n")
    assert all(p in lines for p in PARAGRAPHS)
    assert "Home" not in lines and not any("Privacy" in line for line in lines)  # navigation and footer left out
    assert (extracted.title, extracted.date, extracted.sitename, extracted.author, extracted.opinion) == (
        "Council calls for ceasefire",
        "2016-12-03",
        "Daily Planet",
        "Jane Doe",
        False,
    )


def test_opinion_section_in_page_metadata() -> None:
    assert extract_html(page('<meta property="article:section" content="Opinion">')).opinion
    assert not extract_html(page('<meta property="article:section" content="World">')).opinion


def test_tag_flood_is_rendered_cheaply_with_the_title_tag() -> None:
    flood = "<html><head><title>Flood &amp; page</title></head><body><p>" + "<span>x</span> word " * 30_000
    assert flood.count("<") > MAX_HTML_TAGS
    start = time.perf_counter()
    extracted = extract_html(flood + "</p></body></html>")
    assert time.perf_counter() - start < 5
    assert extracted.title == "Flood & page" and extracted.date is None
    assert extracted.text.strip().startswith("x word x word")


def test_page_without_metadata_keeps_its_text() -> None:
    extracted = extract_html("<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>")
    assert isinstance(extracted, Extracted) and PARAGRAPHS[1] in extracted.text
    assert (extracted.date, extracted.sitename, extracted.opinion) == (None, None, False)


def test_fuller_extraction_replaces_a_thin_fragment() -> None:
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2) + "</article></body></html>"
    fuller = _fuller_extraction(html, None, "Subscribe to read")
    assert PARAGRAPHS[0] in fuller
    long_enough = " ".join(["word"] * THIN_EXTRACTION_WORDS)
    assert _fuller_extraction("<html><body><p>Short.</p></body></html>", None, long_enough) == long_enough


def test_byline_in_markup_gives_the_author_without_outlet_or_date() -> None:
    byline = (
        '<div class="byline-block"><span class="author">Jane Doe and John Roe</span> Daily Planet '
        "<time>Published 10:02 AM Dec 3, 2016</time></div>"
        '<div class="comments"><span class="author">Troll Person</span></div>'
    )
    html = PAGE.format(head="", paragraphs=byline + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    assert extract_html(html).author == "Jane Doe; John Roe"


def test_opinion_from_a_section_link_or_the_section_meta_tag() -> None:
    def tree(html: str) -> object:
        from trafilatura.utils import load_html

        return load_html(html)

    links = '<div class="entry-meta"><a href="/category/opinion/">Opinion</a> <a href="/tag/un/">UN</a></div>'
    filed = tree(PAGE.format(head="", paragraphs=links + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)))
    assert page_metadata(filed).opinion
    news = tree(PAGE.format(head="", paragraphs=links.replace("pinion", "World")))
    assert not page_metadata(news).opinion
    section = tree(page('<meta property="article:section" content="Commentary">'))
    assert _sections(None, None, section) == (["Commentary"], None)
    assert _sections(["World"], ["UN"], section) == (["World"], ["UN"])  # the page metadata's own come first


def test_metadata_leaves_the_parsed_page_as_it_was() -> None:
    from lxml.html import tostring
    from trafilatura.utils import load_html

    tree = load_html(page('<meta name="author" content="Jane Doe">'))
    before = tostring(tree)
    meta = page_metadata(tree, "https://www.dailyplanet.com/world/1")
    assert (meta.title, meta.date, meta.sitename, meta.author) == (
        "Council calls for ceasefire",
        "2016-12-03",
        "Daily Planet",
        "Jane Doe",
    )
    assert tostring(tree) == before


# ---------------------------------------------------------------- helpers


def test_render_html_text_blocks_become_lines() -> None:
    html = "<html><head><title>x</title></head><body><p>One &amp; two</p><script>var a=1;</script><!-- c -->"
    html += "<div>Three</div></body></html>"
    assert render_html_text(html).split() == ["One", "&", "two", "Three"]
    assert render_html_text(html).count("\n") >= 2
    assert render_html_text("<body>{}[]();;;===</body>") == ""  # not words


def test_big_scripts_go_but_json_ld_stays() -> None:
    big = "<script>" + "var a = 1;" * 10_000 + "</script>"
    ld = '<script type="application/ld+json">' + '{"a": 1}' * 10_000 + "</script>"
    small = "<script>var b = 2;</script>"
    assert _SCRIPT_STYLE.sub(_drop_big_block, big + ld + small) == " " + ld + small


def test_html_title_is_unescaped_and_tidied() -> None:
    assert _html_title("<title> A\n  &quot;quoted&quot;\u200b title </title>") == 'A "quoted" title'
    assert _html_title("<p>no title</p>") is None


@pytest.mark.parametrize(
    ("categories", "tags", "expected"),
    [
        (["Opinion"], None, True),
        (None, ["news, Commentary"], True),
        (["World", "Politics"], ["Geneva"], False),
        ("Opinion", None, False),  # not a list: trafilatura gave nothing usable
    ],
)
def test_filed_as_opinion(categories: object, tags: object, expected: bool) -> None:
    assert _filed_as_opinion(categories, tags) is expected


def test_domain_of() -> None:
    assert domain_of("https://www.example.com/a/b?c=1") == "example.com"
    assert domain_of("news.example.org/story") == "news.example.org"
    assert domain_of(None) is None
