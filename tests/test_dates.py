"""Event dates: datelines, the reference date and GUIDELINES section 5's table of relative expressions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from inference.dates import EventDate, find_dates, parse_dateline, reference_date, resolve_date

THU = dt.date(2024, 3, 14)  # the GUIDELINES example's reference date
SUN = dt.date(2024, 3, 10)


def test_reference_weekdays_are_what_the_tests_assume():
    # GUIDELINES: "weekday arithmetic must be checked, not guessed".
    assert THU.strftime("%A") == "Thursday"
    assert SUN.strftime("%A") == "Sunday"


def resolved(expression: str, reference: dt.date = THU) -> tuple[str, int]:
    result = resolve_date(expression, reference)
    assert result is not None, expression
    assert result.date <= reference or expression[:1].isdigit(), "an event cannot follow its report"
    return result.date.isoformat(), result.precision


@pytest.mark.parametrize(
    "expression, expected",
    [
        # weekdays: the latest such day on or before the reference, precision 1
        ("on Wednesday", ("2024-03-13", 1)),
        ("late on Wednesday", ("2024-03-13", 1)),
        ("Wednesday night", ("2024-03-13", 1)),
        ("late Wednesday", ("2024-03-13", 1)),
        ("early Sunday", ("2024-03-10", 1)),
        ("on Sunday morning", ("2024-03-10", 1)),
        ("in the early hours of Sunday", ("2024-03-10", 1)),
        ("at dawn on Friday", ("2024-03-08", 1)),
        ("Tuesday evening", ("2024-03-12", 1)),
        ("on Thursday", ("2024-03-14", 1)),
        ("on Friday", ("2024-03-08", 1)),
        ("Wednesday's", ("2024-03-13", 1)),
        ("last Thursday", ("2024-03-07", 1)),
        ("Wednesday of last week", ("2024-03-06", 1)),
        # the reference day itself
        ("today", ("2024-03-14", 1)),
        ("this morning", ("2024-03-14", 1)),
        ("tonight", ("2024-03-14", 1)),
        ("earlier today", ("2024-03-14", 1)),
        ("earlier in the day", ("2024-03-14", 1)),
        ("at dawn", ("2024-03-14", 1)),
        # the day before
        ("yesterday", ("2024-03-13", 1)),
        ("overnight", ("2024-03-13", 1)),
        ("last night", ("2024-03-13", 1)),
        ("late last night", ("2024-03-13", 1)),
        ("the night before", ("2024-03-13", 1)),
        ("early on the day before", ("2024-03-13", 1)),
        ("yesterday morning", ("2024-03-13", 1)),
        ("the previous day", ("2024-03-13", 1)),
        ("the day before yesterday", ("2024-03-12", 1)),
        ("two days ago", ("2024-03-12", 1)),
        ("three days earlier", ("2024-03-11", 1)),
        ("the night of Tuesday to Wednesday", ("2024-03-12", 1)),
        # explicit dates: that day, the latest on or before the reference when no year is given
        ("March 3", ("2024-03-03", 1)),
        ("3 March", ("2024-03-03", 1)),
        ("on March 3rd", ("2024-03-03", 1)),
        ("the 3rd of March", ("2024-03-03", 1)),
        ("May 3", ("2023-05-03", 1)),
        ("3 May", ("2023-05-03", 1)),
        ("Dec. 30", ("2023-12-30", 1)),
        ("Sept. 5", ("2023-09-05", 1)),
        ("May 3, 2023", ("2023-05-03", 1)),
        ("3 May 2022", ("2022-05-03", 1)),
        ("2024-03-01", ("2024-03-01", 1)),
        ("on the 3rd", ("2024-03-03", 1)),
        ("on the 20th", ("2024-02-20", 1)),
        ("Sunday, March 10", ("2024-03-10", 1)),
        ("Feb 29", ("2024-02-29", 1)),
        # weeks: precision 2
        ("last week", ("2024-03-04", 2)),
        ("late last week", ("2024-03-04", 2)),
        ("last weekend", ("2024-03-09", 2)),
        ("over the weekend", ("2024-03-09", 2)),
        ("earlier this week", ("2024-03-11", 2)),
        ("this week", ("2024-03-11", 2)),
        ("a week ago", ("2024-03-04", 2)),
        ("two weeks ago", ("2024-02-26", 2)),
        ("between Monday and Wednesday", ("2024-03-11", 2)),
        ("from Monday to Wednesday", ("2024-03-11", 2)),
        ("between March 1 and March 5", ("2024-03-01", 2)),
        ("3-5 March", ("2024-03-03", 2)),
        ("March 3-5", ("2024-03-03", 2)),
        ("several days ago", ("2024-03-11", 2)),
        # months: precision 3
        ("earlier this month", ("2024-03-01", 3)),
        ("this month", ("2024-03-01", 3)),
        ("early this month", ("2024-03-01", 3)),
        ("last month", ("2024-02-01", 3)),
        ("in March", ("2024-03-01", 3)),
        ("in April", ("2023-04-01", 3)),
        ("in December", ("2023-12-01", 3)),
        ("March 2023", ("2023-03-01", 3)),
        ("mid-February", ("2024-02-01", 3)),
        ("late January", ("2024-01-01", 3)),
        ("in June last year", ("2023-06-01", 3)),
        ("two months ago", ("2024-01-01", 3)),
    ],
)
def test_guidelines_table(expression, expected):
    assert resolved(expression) == expected


@pytest.mark.parametrize("expression", ["On Wednesday,", "WEDNESDAY", "on Wednesday.", "  on   wednesday ",
                                        "late on Wednesday\u2019s", "(on Wednesday)"])
def test_case_spacing_and_punctuation(expression):
    assert resolved(expression) == ("2024-03-13", 1)


def test_weekday_on_the_reference_day_is_the_reference():
    assert resolved("on Sunday", SUN) == ("2024-03-10", 1)
    assert resolved("last Sunday", SUN) == ("2024-03-03", 1)


def test_year_boundaries():
    new_year = dt.date(2024, 1, 2)
    assert resolved("Dec 30", new_year) == ("2023-12-30", 1)
    assert resolved("last month", new_year) == ("2023-12-01", 3)
    assert resolved("last week", new_year) == ("2023-12-25", 2)
    assert resolved("in November", new_year) == ("2023-11-01", 3)
    assert resolved("yesterday", new_year) == ("2024-01-01", 1)


@pytest.mark.parametrize("expression", ["", "the attack", "last year", "in 2023", "soon", "recently ok?"])
def test_unparseable_or_year_only_is_none(expression):
    assert resolve_date(expression, THU) is None


def test_event_date_is_frozen_and_keeps_text():
    result = resolve_date("late on Wednesday", THU)
    assert result == EventDate(dt.date(2024, 3, 13), 1, "late on Wednesday")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.precision = 2  # type: ignore[misc]


PUBLISHED = dt.date(2024, 6, 13)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KABUL, May 3 - A bomb exploded.", (dt.date(2024, 5, 3), "KABUL", "A bomb")),
        ("KABUL, May 3 (Reuters) - A bomb exploded.", (dt.date(2024, 5, 3), "KABUL", "A bomb")),
        ("MAIDUGURI, Nigeria, Oct. 21 (Sahel Wire) - Gunmen", (dt.date(2023, 10, 21), "MAIDUGURI", "Gunmen")),
        ("GOMA, 12 June - Rebels", (dt.date(2024, 6, 12), "GOMA", "Rebels")),
        ("Goma (DR Congo), 12 June \u2014 Rebels", (dt.date(2024, 6, 12), "Goma", "Rebels")),
        ("BAMAKO - Soldiers", (None, "BAMAKO", "Soldiers")),
        ("BAMAKO \u2013 Soldiers", (None, "BAMAKO", "Soldiers")),
        ("Kabul (Reuters) - Gunmen", (None, "Kabul", "Gunmen")),
        ("KYIV, Ukraine (AP) \u2014 Drones", (None, "KYIV", "Drones")),
        ("NEW YORK, Dec 30 (AP) \u2014 The UN", (dt.date(2023, 12, 30), "NEW YORK", "The UN")),
        ("PORT-AU-PRINCE, Haiti, Jan. 5 -- Gangs", (dt.date(2024, 1, 5), "PORT-AU-PRINCE", "Gangs")),
        ("N'DJAMENA, Sept. 5 \u2014 Troops", (dt.date(2023, 9, 5), "N'DJAMENA", "Troops")),
        ("NIAMEY, March 14 - Gunmen", (dt.date(2024, 3, 14), "NIAMEY", "Gunmen")),
        ("KHARTOUM, June 13, 2023 - Fighting", (dt.date(2023, 6, 13), "KHARTOUM", "Fighting")),
        ("  GAO, 1 June - Jihadists", (dt.date(2024, 6, 1), "GAO", "Jihadists")),
    ],
)
def test_dateline(text, expected):
    day, place, end = parse_dateline(text, PUBLISHED)
    assert (day, place, text[end:end + len(expected[2])]) == expected


@pytest.mark.parametrize("text", ["Gunmen killed 12 villagers - the governor said.", "Boko Haram - the group - said",
                                  "The army said on May 3 - after", "", "BREAKING: gunmen"])
def test_no_dateline(text):
    assert parse_dateline(text, PUBLISHED) == (None, None, 0)


def test_dateline_without_published_has_no_date():
    assert parse_dateline("KABUL, May 3 - x", None) == (None, "KABUL", 15)


def test_dateline_day_after_publication_is_last_year():
    assert parse_dateline("GAO, Dec 31 - x", dt.date(2024, 1, 2))[0] == dt.date(2023, 12, 31)


def test_reference_date():
    assert reference_date("GOMA, 12 June - Rebels attacked.", PUBLISHED) == dt.date(2024, 6, 12)
    assert reference_date("Rebels attacked on Monday.", PUBLISHED) == PUBLISHED
    assert reference_date("BAMAKO - Soldiers", PUBLISHED) == PUBLISHED
    assert reference_date("Rebels attacked.", None) is None


def test_guidelines_example_end_to_end():
    text = "NIAMEY, March 14 - Gunmen killed at least 12 villagers in Tera on Wednesday."
    reference = reference_date(text, dt.date(2024, 3, 14))
    assert resolve_date("on Wednesday", reference) == EventDate(dt.date(2024, 3, 13), 1, "on Wednesday")


@pytest.mark.parametrize("sentence,found", [
    ("Two days ago, gunmen attacked a post in Djibo, security sources said on Monday.", ["Two days ago", "on Monday"]),
    # a statement's day comes after the event's own
    ("Security sources said on Monday that gunmen attacked a post on Saturday.", ["on Saturday", "on Monday"]),
    ("Before dawn on 31 July, officers went house to house.", ["Before dawn on 31 July"]),
    ("Five villagers were shot on the evening of 9 March.", ["the evening of 9 March"]),
    ("Militants attacked an army post in the early hours of Tuesday.", ["in the early hours of Tuesday"]),
    ("Jihadists killed 20 civilians on the night of Oct. 30.", ["the night of Oct. 30"]),
    ("Rebels and troops fought at the weekend near Kitshanga.", ["at the weekend"]),
    ("A bomb exploded late on Thursday night in Kabul.", ["late on Thursday night"]),
    ("Gunmen attacked the village overnight.", ["overnight"]),
    ("The May Day rally passed off peacefully.", []),
    ("The army said it would hold talks.", []),
])
def test_find_dates(sentence, found):
    assert [sentence[s:e] for s, e in find_dates(sentence)] == found
