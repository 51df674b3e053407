"""Event dates: read an article's dateline and resolve date expressions against a reference date.

The rules are data/GUIDELINES.md section 5. ACLED time_precision: 1 = the day, 2 = within a week or a named
range of days, 3 = only the month. Weeks start on Monday (ISO), as the guidelines' "Monday of the week".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["EventDate", "parse_dateline", "reference_date", "resolve_date", "find_dates", "SAME_DAY_AS_BEFORE",
           "MONTH_NAMES"]


@dataclass(frozen=True)
class EventDate:
    """A resolved event date.

    Attributes:
        date: the coded day (for a week or a month, the first day the guidelines name).
        precision: ACLED time_precision, 1 day, 2 week or range of days, 3 month.
        text: the expression as given.
    """

    date: dt.date
    precision: int
    text: str


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3, "few": 3}

# Month names and abbreviations as a regex alternation (lower case; also read by inference.numbers), longest
# first so "September" wins over "Sep".
MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted((w for w in _WEEKDAYS if len(w) > 3 or w in ("mon", "wed", "fri", "sat", "sun")),
                              key=len, reverse=True))
_FULL_WEEKDAY_RE = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_DAY = re.compile(rf"\b({MONTH_NAMES})\.?\s+{_DAY}\b(?:,?\s+(\d{{4}}))?")
_DAY_MONTH = re.compile(rf"\b{_DAY}(?:\s+of)?\s+({MONTH_NAMES})\b\.?(?:,?\s+(\d{{4}}))?")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NTH = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b")

# The dateline: "KABUL, May 3 (Reuters) -", "MAIDUGURI, Nigeria, Oct. 21 (Sahel Wire) -", "Goma (DR Congo),
# 12 June -", "BAMAKO -". Words may hold hyphens and apostrophes ("PORT-AU-PRINCE", "N'DJAMENA").
_WORD = r"[^\W\d_][\w'\u2019.]*(?:-[\w'\u2019.]+)*"
_PLACE = rf"{_WORD}(?: {_WORD}){{0,3}}"
_DATELINE_DATE = (rf"(?:(?:{_FULL_WEEKDAY_RE}),?\s+)?(?:(?:{MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|"
                  rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAMES})\.?)(?:,?\s+\d{{4}})?")
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})(?:\s*\((?P<paren1>[^()\n]{{1,40}})\))?"
    rf"(?:\s*,\s*(?P<region>{_PLACE})(?:\s*\([^()\n]{{1,40}}\))?)?"
    rf"(?:\s*,\s*(?P<date>{_DATELINE_DATE}))?"
    rf"(?:\s*\((?P<agency>[^()\n]{{1,40}})\))?"
    r"\s*(?:-{1,2}|\u2013|\u2014)\s*",
    re.IGNORECASE,
)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest_on_or_before(month: int, day: int, reference: dt.date) -> dt.date | None:
    # Step back year by year so "Feb 29" finds the last leap year before the reference.
    for year in range(reference.year, reference.year - 8, -1):
        found = _safe_date(year, month, day)
        if found is not None and found <= reference:
            return found
    return None


def parse_dateline(text: str, published: dt.date | None) -> tuple[dt.date | None, str | None, int]:
    """Read the dateline at the start of an article.

    Args:
        text: the article text.
        published: the publication date; it gives the dateline its year. A dateline day that would fall after
            the publication date belongs to the previous year.

    Returns:
        (date or None, place name as written or None, char offset just past the dateline's dash), or
        (None, None, 0) when the text has no dateline.

    Example:
        >>> parse_dateline("KABUL, May 3 (Reuters) - A bomb exploded.", dt.date(2024, 5, 4))
        (datetime.date(2024, 5, 3), 'KABUL', 25)
    """
    m = _DATELINE.match(text)
    if m is None:
        return None, None, 0
    place = m.group("place")
    words = place.replace("-", " ").split()
    upper = place.upper() == place and any(c.isalpha() for c in place)
    titled = all(w[0].isupper() or w.lower() in ("de", "du", "des", "la", "le", "el", "al", "es", "of") for w in words)
    # A title-case place with nothing else could be a sentence ("Boko Haram - the group - said"): need more.
    if not titled or not (upper or m.group("date") or m.group("agency") or m.group("paren1") or m.group("region")):
        return None, None, 0
    day = None
    if m.group("date") and published is not None:
        day = _date_from_text(m.group("date"), published)
    return day, place, m.end()


def _date_from_text(text: str, reference: dt.date) -> dt.date | None:
    low = text.lower()
    m = _MONTH_DAY.search(low)
    if m:
        month, day, year = _MONTHS[m.group(1)], int(m.group(2)), m.group(3)
    else:
        m = _DAY_MONTH.search(low)
        if not m:
            return None
        day, month, year = int(m.group(1)), _MONTHS[m.group(2)], m.group(3)
    if year:
        return _safe_date(int(year), month, day)
    return _latest_on_or_before(month, day, reference)


def reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date relative expressions are resolved against: the dateline's, else the publication date.

    Example:
        >>> reference_date("GOMA, 12 June - Rebels attacked.", dt.date(2024, 6, 13))
        datetime.date(2024, 6, 12)
    """
    day, _, _ = parse_dateline(text, published)
    return day if day is not None else published


def _normalize(expression: str) -> str:
    text = expression.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:!?\"'()")
    return text


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _weekday_on_or_before(weekday: int, reference: dt.date) -> dt.date:
    return reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)


def _month_start(year: int, month: int, back: int = 0) -> dt.date:
    index = year * 12 + (month - 1) - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _explicit(text: str, reference: dt.date) -> dt.date | None:
    m = _ISO.search(text)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    found = _date_from_text(text, reference)
    if found is not None:
        return found
    m = _NTH.search(text)
    if m:
        day = int(m.group(1))
        for back in range(0, 12):
            start = _month_start(reference.year, reference.month, back)
            candidate = _safe_date(start.year, start.month, day)
            if candidate is not None and candidate <= reference:
                return candidate
    return None


def _weekday(text: str, reference: dt.date) -> dt.date | None:
    m = re.search(rf"\b(last|this|past|previous)?\s*({_WEEKDAY_RE})\b\.?(\s+(?:of\s+)?(?:last|the previous|the past)"
                  rf"\s+week)?", text)
    if not m:
        return None
    weekday = _WEEKDAYS[m.group(2)]
    if m.group(3):  # "Wednesday of last week": that weekday in the previous Monday-to-Sunday week.
        return _monday(reference) - dt.timedelta(days=7) + dt.timedelta(days=weekday)
    found = _weekday_on_or_before(weekday, reference)
    if m.group(1) in ("last", "past", "previous") and found == reference:
        found -= dt.timedelta(days=7)
    return found


_SAME_DAY = re.compile(
    r"^(?:today|this (?:morning|afternoon|evening)|tonight|earlier today|later today|today (?:morning|"
    r"afternoon|evening)|earlier in the day|this day|the same day|that day|hours? (?:earlier|ago)|"
    r"a few hours (?:earlier|ago)|(?:at |before )?(?:dawn|daybreak|noon|midday|sunrise|sunset)(?: today)?|"
    r"in the (?:morning|afternoon|evening)|(?:this|the) (?:past|last) few hours|just after midnight|"
    r"after midnight|shortly after midnight|in the early hours(?: of)?(?: today| this morning)?|"
    r"early hours(?: of)?(?: today)?|the early hours)$"
)
_DAY_BEFORE = re.compile(
    r"^(?:yesterday(?: (?:morning|afternoon|evening|night))?|overnight|last night|late last night|"
    r"the (?:previous|preceding) (?:day|night|evening|morning|afternoon)|the night before|the day before|"
    r"the evening before|a day (?:earlier|before|ago)|one day (?:earlier|before|ago)|"
    r"on the day before|the night of|the previous night|overnight (?:into|to) (?:today|this morning))$"
)
_PART_OF_DAY = (r"(?:\s+(?:morning|afternoon|evening|night|nights|overnight|midday|noon|dawn|at dawn|at night|"
                r"in the morning|in the evening|in the afternoon))+$")
_LEADING = re.compile(
    r"^(?:(?:in the early hours of|in the early morning of|in the small hours of|the early hours of|"
    r"early hours of|in the (?:morning|evening|night|afternoon) of|on the (?:morning|evening|night|afternoon) of|"
    r"the (?:morning|evening|night|afternoon) of|at dawn on|before dawn on|at dawn|before dawn|overnight on|"
    r"around midnight on|midnight on|shortly before|shortly after|just after|just before|at around|some time|"
    r"sometime|as of|late on|early on|on|late|early|since|by|from|at|during|around|about|in|until|till|"
    r"before|after|starting|beginning)\s+)+"
)


def _strip(text: str) -> str:
    # Keep "early on the day before" working: remove leading words only while something remains.
    stripped = _LEADING.sub("", text)
    return stripped or text


def _range(text: str, reference: dt.date) -> dt.date | None:
    m = (re.match(r"^(?:between|from) (.+?) (?:and|to|until|till|through|-) (.+)$", text)
         or re.match(r"^(.+?)(?: to | through | until | till |\s*-\s*)(.+)$", text))
    if not m:
        return None
    left, right = m.group(1), m.group(2)
    # "May 3-5", "3-5 May": the month sits on one side only.
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left) and _DAY_MONTH.search(right):
        left = re.sub(r"^\d{1,2}(?:st|nd|rd|th)?", left, right, count=1)
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", right) and _MONTH_DAY.search(left):
        right = re.sub(r"\d{1,2}(?:st|nd|rd|th)?\b", right, left, count=1)
    end = _resolve_day(_strip(right), reference)
    start = _resolve_day(_strip(left), end or reference)
    if start is None or end is None:
        return None
    return start


def _resolve_day(text: str, reference: dt.date) -> dt.date | None:
    found = _resolve(text, reference)
    return found[0] if found else None


def _resolve(text: str, reference: dt.date) -> tuple[dt.date, int] | None:
    original, text = text, _strip(text)
    night_re = r"^(?:overnight|(?:the |during the )?night)(?: of| from| between)? (.+?) (?:to|into|and|-) (.+)$"
    night = re.match(night_re, original) or re.match(night_re, text)
    if night:  # "the night of Tuesday to Wednesday": one night, coded to its first day.
        start = _resolve_day(night.group(1), reference)
        if start is not None:
            return start, 1
    if re.search(r"\b(?:between|from)\b|\b(?:to|through|until|till)\b|\d\s*-\s*\d|[a-z]\s+-\s+[a-z0-9]", text):
        start = _range(text, reference)
        if start is not None:
            return start, 2
    found = _explicit(text, reference)
    if found is not None:
        return found, 1
    weekday = _weekday(text, reference)
    if weekday is not None:
        return weekday, 1
    for candidate in (original, text, re.sub(_PART_OF_DAY, "", text)):
        if _SAME_DAY.match(candidate):
            return reference, 1
        if _DAY_BEFORE.match(candidate):
            return reference - dt.timedelta(days=1), 1
    text = re.sub(_PART_OF_DAY, "", text) or text
    if re.fullmatch(r"(?:the )?day before yesterday|two days (?:ago|earlier|before)", text):
        return reference - dt.timedelta(days=2), 1
    m = re.fullmatch(r"(\w+|a few) days? (?:ago|earlier|before|prior)", text)
    if m and m.group(1) in _SMALL:  # "several days ago" is a guess of 3 days: a week's precision
        vague = m.group(1) in ("several", "few", "a few")
        return reference - dt.timedelta(days=_SMALL[m.group(1)]), 2 if vague else 1
    return _week_or_month(text, reference)


def _week_or_month(text: str, reference: dt.date) -> tuple[dt.date, int] | None:
    monday = _monday(reference)
    if re.fullmatch(r"(?:last|past|previous) weekend|the previous weekend|the weekend before", text):
        return monday - dt.timedelta(days=2), 2
    if re.fullmatch(r"(?:over |at |during )?(?:the|this) weekend|weekend", text):
        return _weekday_on_or_before(5, reference), 2
    if re.fullmatch(r"(?:last|past|previous) week|the (?:previous|preceding) week|a week (?:ago|earlier)|"
                    r"one week (?:ago|earlier)|(?:early|late|earlier) last week", text):
        return monday - dt.timedelta(days=7), 2
    m = re.fullmatch(r"(\w+) weeks (?:ago|earlier)", text)
    if m and m.group(1) in _SMALL:
        return monday - dt.timedelta(days=7 * _SMALL[m.group(1)]), 2
    if re.fullmatch(r"(?:earlier |early |late |later )?(?:this|in the|the current) week|earlier in the week|"
                    r"this past week|the past few days|(?:in )?recent days|the last few days|the past days|"
                    r"(?:the )?past week", text):
        return monday, 2  # recent days are coded like "earlier this week"
    if re.fullmatch(r"(?:earlier |early |late |later )?(?:this|in the|the current) month|earlier in the month|"
                    r"(?:the )?past month|this past month", text):
        return dt.date(reference.year, reference.month, 1), 3
    if re.fullmatch(r"(?:early |late |earlier )?(?:last|the previous|the preceding) month|a month (?:ago|earlier)|"
                    r"one month (?:ago|earlier)", text):
        return _month_start(reference.year, reference.month, 1), 3
    m = re.fullmatch(r"(\w+) months (?:ago|earlier)", text)
    if m and m.group(1) in _SMALL:
        return _month_start(reference.year, reference.month, _SMALL[m.group(1)]), 3
    m = re.fullmatch(rf"(?:early|late|mid|the middle of|the end of|the start of|the beginning of|end of|"
                     rf"start of|beginning of)?[\s-]*(?:{MONTH_NAMES})\.?(?:,?\s+(\d{{4}})|\s+(last|this) year)?", text)
    if m:
        month = _MONTHS[re.search(rf"\b({MONTH_NAMES})\b", text).group(1)]
        if m.group(1):
            return dt.date(int(m.group(1)), month, 1), 3
        if m.group(2) == "last":
            return dt.date(reference.year - 1, month, 1), 3
        year = reference.year if month <= reference.month else reference.year - 1
        return dt.date(year, month, 1), 3
    return None


def resolve_date(expression: str, reference: dt.date) -> EventDate | None:
    """Resolve a DATE span against the reference date (GUIDELINES section 5).

    Weekdays give the latest such day on or before the reference; "yesterday", "overnight" and "last
    night" the day before it; "last week" the previous week's Monday (Saturday for "last weekend"), precision
    2; "this month"/"last month"/"in March" the first of that month, precision 3. A year alone ("last year",
    "in 2023") returns None: ACLED has no precision for it.

    Args:
        expression: the date expression, e.g. "late on Wednesday", "May 3", "earlier this week".
        reference: the dateline date, else the publication date.

    Returns:
        The date and ACLED time_precision, or None when nothing parses.

    Example:
        >>> resolve_date("late on Wednesday", dt.date(2024, 3, 14))
        EventDate(date=datetime.date(2024, 3, 13), precision=1, text='late on Wednesday')
    """
    text = _normalize(expression)
    if not text:
        return None
    found = _resolve(text, reference)
    if found is None:
        return None
    return EventDate(found[0], found[1], expression)


_PART = r"(?:morning|afternoon|evening|night)"
_FOUND = re.compile(
    rf"\b(?:(?:late|early) (?:on )?|on |(?:in )?the (?:early hours|{_PART}) of |before dawn on |(?:last|this past) )?"
    rf"(?:(?:{_FULL_WEEKDAY_RE})(?: {_PART})?|(?:{MONTH_NAMES})\.? \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{MONTH_NAMES})\b(?:,? \d{{4}})?)|"
    r"\b(?:yesterday(?: (?:morning|afternoon|evening))?|overnight|last night|earlier today|this morning|"
    r"(?:two|three|four|five|six|a few|several) days ago|(?:at|over) the weekend|last (?:week|weekend|month)|"
    r"earlier this (?:week|month))\b",
    re.IGNORECASE,
)
# "police said on Monday": the day of a statement, not of the event
_REPORTED = re.compile(r"\b(?:said|says|told|reported|announced|confirmed|added|stated|claimed)(?: \w+){0,2} $",
                       re.IGNORECASE)
# "the same day", "that afternoon": the day of the event told just before
SAME_DAY_AS_BEFORE = re.compile(rf"\b(?:the same|that) (?:day|{_PART})\b", re.IGNORECASE)


def find_dates(sentence: str) -> list[tuple[int, int]]:
    """Date expressions in a sentence that a DATE span may have missed, the event's own before a statement's
    ("security sources said on Monday" comes last).

    Example:
        >>> text = "Two days ago, gunmen attacked a post in Djibo, security sources said on Monday."
        >>> [text[s:e] for s, e in find_dates(text)]
        ['Two days ago', 'on Monday']
    """
    found = [(m.start(), m.end()) for m in _FOUND.finditer(sentence)]
    return sorted(found, key=lambda f: bool(_REPORTED.search(sentence[max(0, f[0] - 30) : f[0]])))

