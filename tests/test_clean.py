"""Tests for whodid.clean: hard-wrap repair, boilerplate removal, title/date/source, HTML, hostile input."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from whodid.clean import (
    clean_document,
    date_line,
    detect_layout,
    is_headline,
    repair_hard_wraps,
    strip_boilerplate,
    strip_boilerplate_paragraphs,
)
from whodid.options import Options
from whodid.records import Article, RawDocument, Skipped

OPTIONS = Options()
PARAGRAPHS = [
    "The United Nations Security Council met on Monday to discuss the crisis in the region, and several "
    "members called for an immediate ceasefire between the warring parties in the north of the country, "
    "where the fighting has displaced thousands.",
    "Russia's ambassador said his government would not support any resolution that placed the blame on "
    "Damascus. The United States accused Moscow of shielding its ally from scrutiny.",
    "Talks are expected to continue next week in Geneva, diplomats said.",
]
BODY = "\n\n".join(PARAGRAPHS)


def text_doc(content: str, **fields: str) -> RawDocument:
    return RawDocument(doc_id="d1", origin="test.txt", content=content, media_type="text", **fields)


def html_doc(content: str, url: str | None = None) -> RawDocument:
    return RawDocument(doc_id="h1", origin="test.html", content=content, media_type="html", url=url)


def clean_article(doc: RawDocument, options: Options = OPTIONS) -> Article:
    article = clean_document(doc, options)
    assert isinstance(article, Article), article
    return article


def removed_by(article: Article, reason: str) -> list[str]:
    return [r.text for r in article.removed if r.reason == reason]


def seed(shared_dir: Path, prefix: str) -> str:
    [path] = sorted((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the two real seeds


def test_seed_000_lone_first_word_layout(shared_dir: Path) -> None:
    raw = seed(shared_dir, "000")
    assert "called Kerry's bluff by\ndemanding" in raw  # the sentence is hard-wrapped in the input
    article = clean_article(text_doc(raw))
    paragraphs = article.text.split("\n\n")
    assert "\n" not in "".join(paragraphs)
    sentence = (
        "However Russian Foreign Minister Lavrov called Kerry's bluff by demanding that the US come up with "
        "concrete proposals"
    )
    assert sentence in article.text
    assert any(p.startswith("As news filters in of the Syrian army’s capture") for p in paragraphs)
    assert article.title == (
        "Kerry asks for ceasefire in Aleppo, agrees to withdraw Jihadis; Lavrov calls Kerry’s bluff, "
        "demands concrete proposals"
    )
    assert (article.date, article.date_source) == ("2016-12-03", "text")
    assert article.text.startswith("US Secretary of State Kerry's latest offer")
    assert removed_by(article, "date_line") == ["3 December, 2016"]
    assert removed_by(article, "title") == [article.title]
    assert removed_by(article, "before_header")[0].endswith("Central Asian republic of Tajikistan")
    assert removed_by(article, "comments") == [
        "No comments:",
        "Post a Comment",
        "Note: only a member of this blog may post a comment.",
    ]
    assert "Ahmadinejad" not in article.text and "Post a Comment" not in article.text


def test_seed_001_blank_line_paragraphs(shared_dir: Path) -> None:
    article = clean_article(text_doc(seed(shared_dir, "001")))
    paragraphs = article.text.split("\n\n")
    assert article.title == "Russia furious, U.S. refuses to withdraw Jihadis from Aleppo"
    assert article.date is None and article.date_source == "none"
    assert paragraphs[0].startswith("To the utter bemusement of the Russians")
    assert "Question: Yes." in paragraphs and "Sergey Lavrov: Me too." in paragraphs
    assert len(removed_by(article, "disclaimer")) == 2
    assert "solely those of the author" not in article.text
    assert removed_by(article, "crumb") == ["in ,"]
    assert {"What do you think?", "Notify of", "Inline Feedbacks", "View all comments"} <= set(
        removed_by(article, "comments")
    )
    assert removed_by(article, "after_comments") == [
        "Moscow: Russia’s capital and symbol",
        "Russia’s moral struggle in Syria: civilisation against Jihadist barbarism",
    ]
    assert paragraphs[-1].endswith("prolonging the fighting in Aleppo and the deaths it causes.")


def test_seed_cleaning_is_fast(shared_dir: Path) -> None:
    doc = text_doc(seed(shared_dir, "000"))
    clean_document(doc, OPTIONS)
    start = time.perf_counter()
    for _ in range(20):
        clean_document(doc, OPTIONS)
    assert (time.perf_counter() - start) / 20 < 0.05  # about 2.5 ms measured; generous for slow CI


# ---------------------------------------------------------------- hard-wrap repair on synthetic text


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join(textwrap.fill(p, 70) for p in PARAGRAPHS),
        "\n".join(textwrap.fill(p, 70) for p in PARAGRAPHS),
        "\n".join(PARAGRAPHS),
        "\r\n\r\n".join(textwrap.fill(p, 60).replace("\n", "\r\n") for p in PARAGRAPHS),
    ],
    ids=["wrapped-blank-lines", "wrapped-no-blank-lines", "one-per-line", "crlf-wrapped-60"],
)
def test_repair_hard_wraps(text: str) -> None:
    assert repair_hard_wraps(text).split("\n\n") == PARAGRAPHS


def test_lone_first_word_layout_synthetic() -> None:
    lines: list[str] = []
    for paragraph in PARAGRAPHS:
        first, rest = paragraph.split(" ", 1)
        lines += [first, *textwrap.wrap(rest, 55)]
    text = "\n".join(lines)
    assert detect_layout([lines]) == "lone_word"
    assert repair_hard_wraps(text).split("\n\n") == PARAGRAPHS


def test_hyphenated_line_end_and_bullets() -> None:
    text = "The talks were a well-\nknown failure for everyone.\n- first point here\n- second point"
    assert repair_hard_wraps(text).split("\n\n") == [
        "The talks were a well-known failure for everyone.",
        "- first point here",
        "- second point",
    ]


# ---------------------------------------------------------------- boilerplate


def test_strip_boilerplate_lines_with_reasons() -> None:
    lines = [
        "Officials said the talks would resume.",
        "Share this article",
        "Facebook | Twitter | Email",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Related Posts",
        "Click here to subscribe to our newsletter!",
        "Leave a comment",
        "»",
        "Filed under: ,",
    ]
    kept, removed = strip_boilerplate(lines)
    assert [r.reason for r in removed] == [
        "share",
        "share",
        "cookies",
        "related",
        "subscribe",
        "comments",
        "crumb",
        "crumb",
    ]
    assert kept == ["Officials said the talks would resume.", *[""] * 8]


def test_comment_section_ends_the_article() -> None:
    lines = [*PARAGRAPHS, "3 Comments", "Great article, thanks!", "I disagree with the author."]
    kept, removed = strip_boilerplate(lines)
    assert kept == [*PARAGRAPHS, "", "", ""]
    assert [r.reason for r in removed] == ["comments", "after_comments", "after_comments"]


def test_repeated_paragraphs_keep_the_first() -> None:
    promo = "Support independent journalism by becoming a member today"
    kept, removed = strip_boilerplate_paragraphs([promo, *PARAGRAPHS, promo])
    assert kept == [promo, *PARAGRAPHS]
    assert [(r.text, r.reason) for r in removed] == [(promo, "repeated")]


def test_many_repeats_are_structure_and_stay() -> None:
    questions = [f"What did the minister say about question {i}?" for i in range(5)]
    paragraphs = [q for q in questions for _ in range(2)]  # each question twice, like a repeated template
    kept, removed = strip_boilerplate_paragraphs(paragraphs)
    assert kept == paragraphs and removed == []


def test_editorial_note_and_disclaimer_paragraphs() -> None:
    text = (
        BODY + "\n\n(emphasis added)\n\nThe views expressed in this article are those of the author and do not "
        "necessarily reflect the official policy of this site."
    )
    article = clean_article(text_doc(text))
    assert article.text == BODY
    assert [r.reason for r in article.removed] == ["editorial_note", "disclaimer"]


# ---------------------------------------------------------------- title, date, source


def test_title_date_and_byline_from_plain_text_header() -> None:
    text = "Council Calls For Ceasefire In The North\nBy Jane Smith\nPosted on May 2, 2016 at 9:00 am\n\n" + BODY
    article = clean_article(text_doc(text))
    assert article.title == "Council Calls For Ceasefire In The North"
    assert (article.date, article.date_source) == ("2016-05-02", "text")
    assert article.text == BODY
    assert {r.reason for r in article.removed} == {"title", "byline", "date_line"}


def test_given_title_and_date_win() -> None:
    text = "Talks in Geneva\n\n3 December 2016\n\n" + BODY
    article = clean_article(text_doc(text, title="Talks in Geneva", date="2016-12-04", url="https://www.ex.org/a"))
    assert (article.title, article.date, article.date_source) == ("Talks in Geneva", "2016-12-04", "input")
    assert article.text == BODY
    assert article.source == "ex.org"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"crawl_date": "2020-01-02"}, ("2020-01-02", "crawl")),
        ({"crawl_date": "2020-01-02", "date": "2016-12-04"}, ("2016-12-04", "input")),
        ({}, (None, "none")),
    ],
)
def test_crawl_date_is_the_last_fallback(fields: dict[str, str], expected: tuple[str | None, str]) -> None:
    article = clean_article(text_doc(BODY, **fields))
    assert (article.date, article.date_source) == expected
    dated = clean_article(text_doc(f"3 December, 2016\n\n{BODY}", crawl_date="2020-01-02"))
    assert (dated.date, dated.date_source) == ("2016-12-03", "text")  # a date line in the text wins


def test_single_headline_like_line_stays_the_text() -> None:
    article = clean_article(text_doc("Kerry meets Lavrov in Geneva for talks"))
    assert article.text == "Kerry meets Lavrov in Geneva for talks" and article.removed == ()


def test_no_header_means_no_title_and_nothing_removed() -> None:
    article = clean_article(text_doc(BODY))
    assert (article.title, article.date, article.removed, article.text) == (None, None, (), BODY)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3 December, 2016", "2016-12-03"),
        ("Published: 10 September 2016", "2016-09-10"),
        ("December 3, 2016 | 10:15", "2016-12-03"),
        ("Talks resumed in 2016 after a long pause", None),
        ("May we all be patient", None),
    ],
)
def test_date_line(line: str, expected: str | None) -> None:
    assert date_line(line) == expected


def test_is_headline() -> None:
    assert is_headline("Russia furious, U.S. refuses to withdraw Jihadis from Aleppo")
    assert not is_headline("Officials said the talks would resume next week.")
    assert not is_headline("“NATO and the United States should change their policy”")
    assert not is_headline("Aleppo")


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><title>Council calls for ceasefire | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2016-12-03T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Council calls for ceasefire</h1>{paragraphs}<p>Share on Facebook</p></article>
<footer>Copyright 2016 Daily Planet. <a href="/privacy">Privacy</a></footer></body></html>"""


def test_html_extraction_with_metadata() -> None:
    page = PAGE.format(paragraphs="".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = clean_article(html_doc(page, url="https://www.dailyplanet.com/world/1"))
    assert article.text == BODY
    assert article.title == "Council calls for ceasefire"
    assert (article.date, article.date_source) == ("2016-12-03", "html-metadata")
    assert article.source == "Daily Planet"
    assert "Share on Facebook" in removed_by(article, "share")


def test_html_without_sitename_uses_url_domain() -> None:
    page = "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>"
    article = clean_article(html_doc(page, url="https://www.example.com/story"))
    assert article.source == "example.com"
    assert PARAGRAPHS[1] in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 20_000 + "<p>Deep text that is long enough to keep.</p>" + "</div>" * 20_000,
        "<html><body><p>" + PARAGRAPHS[0] + "</p><script>" + "var a = 1;" * 200_000 + "</script></body></html>",
        "<<<>>><p<div>></a></b>&&&#xZZZ;" * 10_000,
        "<script>" * 50_000,
        "<html><body><p>" + "<span>x</span> word " * 60_000 + "</p></body></html>",
        "",
    ],
    ids=["nested-divs", "2mb-script", "garbage", "unclosed-scripts", "tag-flood", "empty"],
)
def test_hostile_html_never_raises(page: str) -> None:
    start = time.perf_counter()
    result = clean_document(html_doc(page), OPTIONS)
    assert isinstance(result, Article | Skipped)
    assert time.perf_counter() - start < 10
    if isinstance(result, Skipped):
        assert result.reason in {"empty", "too_long", "extract_failed"} and result.detail


def test_hostile_html_keeps_what_text_there_is() -> None:
    nested = "<html><body>" + "<div>" * 20_000 + "<p>Deep text that is long enough to keep.</p>" + "</div>" * 20_000
    assert clean_article(html_doc(nested)).text == "Deep text that is long enough to keep."
    script = "<html><body><p>" + PARAGRAPHS[0] + "</p><script>" + "var a = 1;" * 200_000 + "</script></body></html>"
    assert clean_article(html_doc(script)).text == PARAGRAPHS[0]


# ---------------------------------------------------------------- ids and limits


def test_article_id_is_stable_and_content_based() -> None:
    first = clean_article(text_doc(BODY))
    again = clean_article(RawDocument("other", "elsewhere.txt", BODY.replace("\n\n", "\n"), "text"))
    wrapped = clean_article(text_doc("\n\n".join(textwrap.fill(p, 70) for p in PARAGRAPHS)))
    different = clean_article(text_doc(BODY + "\n\nOne more paragraph with news."))
    assert first.article_id == again.article_id == wrapped.article_id
    assert different.article_id != first.article_id
    assert len(first.article_id) == 16


def test_length_limits() -> None:
    short = clean_document(text_doc("Share this\n\nHi."), OPTIONS)
    assert isinstance(short, Skipped) and short.reason == "empty"
    long = clean_document(text_doc(BODY), Options(max_chars=100))
    assert isinstance(long, Skipped) and long.reason == "too_long" and "--max-chars" in long.detail


# ---------------------------------------------------------------- author, opinion, language, fast dates

TOKYO_BODY = (
    "<p>China and Japan held talks in Tokyo on Monday about the disputed islands in the East China Sea, the "
    "foreign ministry said, after weeks of rising tension between the two governments.</p>"
    "<p>Japan accused China of sending coast guard ships into its waters, and China rejected the charge.</p>"
)


def tokyo_page(head: str = "") -> str:
    article = f"<article><h1>Talks in Tokyo</h1>{TOKYO_BODY}</article>"
    return f"<html><head><title>Talks in Tokyo</title>{head}</head><body>{article}</body></html>"


def test_html_author_and_opinion_from_page_metadata() -> None:
    news = clean_article(html_doc(tokyo_page('<meta name="author" content="Jane Doe">'), "https://e.com/world/tokyo"))
    assert (news.author, news.opinion, news.title) == ("Jane Doe", False, "Talks in Tokyo")
    section = '<meta property="article:section" content="Opinion">'
    assert clean_article(html_doc(tokyo_page(section), "https://e.com/world/tokyo")).opinion
    assert clean_article(html_doc(tokyo_page(), "https://e.com/opinion/2019/tokyo")).opinion
    assert clean_article(html_doc(tokyo_page(), "https://e.com/columnist-news/tokyo")).opinion is False


def test_plain_text_opinion_markers_and_byline_author() -> None:
    text = f"Opinion\n\nWhy the talks in Geneva will fail\n\nBy Jane Doe\n\n{BODY}"
    article = clean_article(text_doc(text))
    assert article.opinion and article.author == "Jane Doe"
    assert removed_by(article, "opinion_marker") == ["Opinion"] and removed_by(article, "byline") == ["By Jane Doe"]
    assert article.text == BODY
    disclaimer = "The views expressed in this article are solely those of the author and not of this site."
    assert clean_article(text_doc(f"{BODY}\n\n{disclaimer}")).opinion
    assert clean_article(text_doc(f"Opinion: the talks will fail\n\n{BODY}")).opinion
    assert not clean_article(text_doc(BODY)).opinion


def test_seeds_are_flagged_as_commentary(shared_dir: Path) -> None:
    assert clean_article(text_doc(seed(shared_dir, "000"))).opinion  # "only a member of this blog may post"
    assert clean_article(text_doc(seed(shared_dir, "001"))).opinion  # "views ... solely those of the author"


def test_non_english_article_is_skipped_with_the_language() -> None:
    french = (
        "Le gouvernement français a annoncé jeudi de nouvelles sanctions contre la Russie, a déclaré le ministre "
        "des affaires étrangères, qui a ajouté que les négociations se poursuivraient la semaine prochaine."
    )
    skipped = clean_document(text_doc(french), OPTIONS)
    assert isinstance(skipped, Skipped) and skipped.reason == "not_english" and "French (fr" in skipped.detail
    assert clean_article(text_doc(BODY)).language == "en"


@pytest.mark.parametrize(
    "line",
    [
        "3 December, 2016",
        "March 5, 2024",
        "Monday, March 5, 2024",
        "5th of June 2019",
        "Sept. 9, 2016",
        "Posted on May 2, 2016 at 9:00",
        "12/03/2016",
        "2016-12-03",
        "31 February 2016",
        "Mayor 5, 2016",
        "in 2016",
    ],
)
def test_fast_date_lines_agree_with_dateparser(line: str) -> None:
    from whodid.clean import _DATE_PREFIX, _DATE_SUFFIX
    from whodid.dates import parse_date

    core = _DATE_SUFFIX.sub("", _DATE_PREFIX.sub("", line)).strip(" ,.|-–—")
    assert date_line(line) == parse_date(core)


def test_newsletter_prompts_and_author_contact_taglines_are_removed() -> None:
    tail = [
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "Have a tip? Jane Doe may be reached at jdoe@example.com. Follow her on Twitter @janedoe.",
    ]
    article = clean_article(text_doc("\n\n".join([BODY, *tail])))
    assert article.text == BODY
    assert removed_by(article, "subscribe") == tail[:1] and removed_by(article, "contact") == tail[1:]
    kept = "The spokesman could not be reached at the ministry on Friday, and the newsletter he edits was silent."
    assert kept in clean_article(text_doc(f"{BODY}\n\n{kept}")).text


def test_title_variants_reading_time_and_button_lists() -> None:
    page = (
        "<html><head><title>NASA adds five companies to lunar lander program - SpaceNews.com</title></head><body>"
        "<article><h1>NASA adds five companies to lunar lander program</h1><p>5 min read</p>"
        "<ul><li>Order Reprints</li><li>Print Article</li></ul>"
        f"{TOKYO_BODY}</article></body></html>"
    )
    article = clean_article(html_doc(page, "https://spacenews.com/nasa-landers"))
    assert article.text.startswith("China and Japan held talks")
    assert removed_by(article, "title") == ["NASA adds five companies to lunar lander program"]
    assert removed_by(article, "reading_time") == ["5 min read"]
    text = f"Updates on the Geneva talks\n\n{BODY}"
    other = clean_article(text_doc(text, title="Live updates: the Geneva talks"))
    assert other.text.startswith("Updates on the Geneva talks")  # too few shared words: not the title
    high_school = clean_article(
        text_doc(
            f"High School Roundup: Viera defeats Rockledge to remain undefeated\n\n{BODY}",
            title="HS Roundup: Viera defeats Rockledge to remain undefeated",
        )
    )
    assert high_school.text == BODY
