"""Tests for whodid.dates: explicit and relative dates, year inference, false-date traps, event dates."""

from __future__ import annotations

import pytest

from whodid.dates import DateMention, event_date, find_dates, parse_date, reference_date

REF = "2016-12-03"  # a Saturday


def found(text: str, reference: str | None = REF) -> list[tuple[str, str, str]]:
    return [(m.text, m.date, m.basis) for m in find_dates(text, reference)]


# --- parse_date (used by the cleaner and actor lookups) -----------------------------------------------------


def test_parse_date_full_dates_only():
    assert parse_date("3 December, 2016") == "2016-12-03"
    assert parse_date("10th September 2016") == "2016-09-10"
    assert parse_date("December 2016") is None
    assert parse_date("we may meet") is None


# --- explicit dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("Talks began on 3 December 2016 in Geneva.", "3 December 2016", "2016-12-03"),
        ("Talks began on December 3, 2016 in Geneva.", "December 3, 2016", "2016-12-03"),
        ("Kerry came to Geneva on 2nd December 2016.", "2nd December 2016", "2016-12-02"),
        ("The 10th September 2016 agreement collapsed.", "10th September 2016", "2016-09-10"),
        ("The record is dated 2016-12-03.", "2016-12-03", "2016-12-03"),
        ("It happened on the 1st of December, 2016.", "the 1st of December, 2016", "2016-12-01"),
        ("Posted 3\nDecember, 2016 by the editor.", "3\nDecember, 2016", "2016-12-03"),
        ("On Wednesday, November 30, 2016 the army advanced.", "Wednesday, November 30, 2016", "2016-11-30"),
    ],
)
def test_explicit_full_dates(text, mention, iso):
    assert found(text) == [(mention, iso, "explicit")]
    assert found(text, None) == [(mention, iso, "explicit")]  # a full date needs no reference


def test_dates_without_a_year_take_the_year_of_the_reference():
    assert found("The deal of September 9 collapsed.") == [("September 9", "2016-09-09", "explicit")]
    assert found("They met on Dec. 3 and again on 1 Dec.") == [
        ("Dec. 3", "2016-12-03", "explicit"),
        ("1 Dec.", "2016-12-01", "explicit"),
    ]


def test_year_inference_stays_within_about_two_months_after_the_reference():
    assert found("The vote is set for January 5.") == [("January 5", "2017-01-05", "explicit")]
    assert found("The truce of December 28 held.", "2017-01-05") == [("December 28", "2016-12-28", "explicit")]
    assert found("The truce of March 2 held.", "2017-01-05") == [("March 2", "2017-03-02", "explicit")]
    assert found("The truce of March 20 held.", "2017-01-05") == [("March 20", "2016-03-20", "explicit")]


def test_dates_without_a_year_need_a_reference():
    assert found("The deal of September 9 collapsed.", None) == []


def test_impossible_dates_are_skipped():
    assert found("On 31 February 2016 and 2016-13-45 nothing happened.") == []


def test_offsets_index_the_text():
    text = "Lavrov said on Wednesday that Kerry came to Geneva on 2nd December 2016."
    mentions = find_dates(text, REF)
    assert [text[m.start : m.end] for m in mentions] == ["Wednesday", "2nd December 2016"]
    assert all(isinstance(m, DateMention) for m in mentions)


# --- false-date traps ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We may meet again soon, he said.",
        "Troops march on the city while the rebels march out.",
        "May God protect them, he said.",
        "The war began in 2014 and 3,000 people fled.",
        "Good Friday prayers were held, the Sunday Times reported.",
        "In May 3,000 people fled the city.",
    ],
)
def test_false_date_traps(text):
    assert found(text) == []


# --- relative dates -----------------------------------------------------------------------------------------


def test_weekday_is_the_latest_such_day_on_or_before_the_reference():
    assert found("Lavrov said on Wednesday that talks would go on.") == [("Wednesday", "2016-11-30", "relative")]
    assert found("Kerry spoke Saturday.") == [("Saturday", "2016-12-03", "relative")]
    assert found("Talks collapsed on Monday night.") == [("Monday night", "2016-11-28", "relative")]


def test_last_and_next_weekday():
    assert found("He left last Saturday.") == [("last Saturday", "2016-11-26", "relative")]
    assert found("They meet next Monday.") == [("next Monday", "2016-12-05", "relative")]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Shelling resumed yesterday.", "2016-12-02"),
        ("Shelling resumed today.", "2016-12-03"),
        ("Shelling resumed last night.", "2016-12-02"),
        ("Shelling resumed this morning.", "2016-12-03"),
        ("Shelling resumed two days ago.", "2016-12-01"),
        ("Shelling resumed 3 days ago.", "2016-11-30"),
        ("Shelling resumed a week ago.", "2016-11-26"),
        ("Shelling resumed last week.", "2016-11-26"),  # documented choice: reference minus 7 days
        ("Shelling resumed the day before yesterday.", "2016-12-01"),
    ],
)
def test_relative_words(text, iso):
    ((_, date, basis),) = found(text)
    assert (date, basis) == (iso, "relative")


def test_relative_dates_need_a_reference():
    assert found("Shelling resumed yesterday and on Wednesday.", None) == []
    assert found("Shelling resumed yesterday.", "not a date") == []


def test_reference_date_accepts_timestamps():
    assert reference_date("2016-12-03T10:15:00Z").isoformat() == "2016-12-03"
    assert reference_date(None) is None


# --- event_date ---------------------------------------------------------------------------------------------


def test_event_date_prefers_an_explicit_date():
    assert event_date("On Wednesday Lavrov said Kerry came on 2nd December 2016.", REF) == (
        "2016-12-02",
        "explicit",
    )


def test_event_date_relative_then_published_then_unknown():
    assert event_date("Lavrov said on Wednesday that talks would go on.", REF) == ("2016-11-30", "relative")
    assert event_date("Lavrov said talks would go on.", REF) == ("2016-12-03", "published")
    assert event_date("Lavrov said talks would go on.", None) == (None, "unknown")


def test_event_date_ignores_since_until_born_and_bare_years():
    assert event_date("Fighting has gone on since 3 December 2016.", "2016-12-10") == (
        "2016-12-10",
        "published",
    )
    assert event_date("The siege will last until Wednesday.", REF) == ("2016-12-03", "published")
    assert event_date("Assad, born on 11 September 1965, spoke.", REF) == ("2016-12-03", "published")
    assert event_date("In 2014 the rebels took the district.", REF) == ("2016-12-03", "published")
    assert event_date("Since Monday the army has advanced; it took the hill on Friday.", REF) == (
        "2016-12-02",
        "relative",
    )


# --- months: "this September", "last month", "two months ago" ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("Fighting resumed this September.", "this September", "2016-09-01"),
        ("The truce of last September failed.", "last September", "2016-09-01"),
        ("The truce of last December failed.", "last December", "2015-12-01"),
        ("Talks resume next March.", "next March", "2017-03-01"),
        ("Talks stalled last month.", "last month", "2016-11-01"),
        ("Talks stalled this month.", "this month", "2016-12-01"),
        ("Talks resume next month.", "next month", "2017-01-01"),
        ("Two months ago the siege began.", "Two months ago", "2016-10-03"),
    ],
)
def test_month_level_relative_dates_are_the_first_day_of_the_month(text, mention, iso):
    assert found(text) == [(mention, iso, "relative")]


def test_months_ago_clamps_to_the_end_of_a_shorter_month():
    assert found("The siege began a month ago.", "2016-03-31") == [("a month ago", "2016-02-29", "relative")]


def test_month_words_that_are_not_dates():
    assert found("The Women's March filled the streets; this may change.") == []
    assert found("This September 5 deal held.") == [("September 5", "2016-09-05", "explicit")]
    assert found("Fighting resumed this September.", None) == []


def test_event_date_for_each_issue_form():
    cases = {
        "Kerry met Lavrov on 10th September 2016.": ("2016-09-10", "explicit"),
        "The talks of 2nd December 2016 failed.": ("2016-12-02", "explicit"),
        "Rebels left four days ago.": ("2016-11-29", "relative"),
        "Rebels left on Wednesday.": ("2016-11-30", "relative"),
        "Rebels left this September.": ("2016-09-01", "relative"),
        "Rebels left last month.": ("2016-11-01", "relative"),
        "We may see rebels leave.": ("2016-12-03", "published"),
    }
    for text, expected in cases.items():
        assert event_date(text, REF) == expected, text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They met in March.", "2016-03-01"),  # told in December: this year's March
        ("Fighting flared in early September.", "2016-09-01"),
        ("In May, rebels seized the town.", "2016-05-01"),
        ("Elections will be held in March.", "2017-03-01"),  # what is to come: the next March
    ],
)
def test_a_month_named_alone_after_in_is_the_latest_such_month(sentence, expected):
    assert event_date(sentence, "2016-12-03") == (expected, "relative")


@pytest.mark.parametrize("sentence", ["We may meet soon.", "The May agreement held.", "They met in Marchmont."])
def test_month_words_that_are_no_dates(sentence):
    assert event_date(sentence, "2016-12-03") == ("2016-12-03", "published")
