"""Parsing the raw MUC-3/4 files: message texts and the 25-slot answer-key templates.

Texts: a line holding only a message id (`DEV-MUCn-NNNN (NOSC)`) starts a message; the first paragraph opens with a
dateline (`SAN SALVADOR, 3 JAN 90 -- [TEXT] ...`). Keys: templates separated by blank lines, each slot written
`N.  SLOT NAME    value` with more fillers on indented continuation lines; `*` means not applicable, `-` empty,
`"..."` a string from the text (`/` between alternatives), `TYPE: "..."` a set fill for a string, `?` uncertain,
`;;;` a comment. All upper case, while GRIT's processed text is lower case: every comparison ignores case.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

_MESSAGE_ID = re.compile(r"^((?:DEV|TST\d+)-MUC\d-\d{4})(?:\s+\(.*\))?\s*$")
_SLOT = re.compile(r"^(\d{1,2})\.\s+(.*)$")
SLOT_NAMES = (
    "MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION", "INCIDENT: TYPE",
    "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID", "INCIDENT: INSTRUMENT TYPE", "PERP: INCIDENT CATEGORY",
    "PERP: INDIVIDUAL ID", "PERP: ORGANIZATION ID", "PERP: ORGANIZATION CONFIDENCE", "PHYS TGT: ID", "PHYS TGT: TYPE",
    "PHYS TGT: NUMBER", "PHYS TGT: FOREIGN NATION", "PHYS TGT: EFFECT OF INCIDENT", "PHYS TGT: TOTAL NUMBER",
    "HUM TGT: NAME", "HUM TGT: DESCRIPTION", "HUM TGT: TYPE", "HUM TGT: NUMBER", "HUM TGT: FOREIGN NATION",
    "HUM TGT: EFFECT OF INCIDENT", "HUM TGT: TOTAL NUMBER",
)
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_DATE = re.compile(r"\b(\d{1,2}) ([A-Z]{3})[A-Z]* (\d{2})\b")
_DATE_US = re.compile(r"\b([A-Z]{3})[A-Z]* (\d{1,2}),? (\d{2})\b")

Template = dict[int, list[str]]


def read_texts(path: Path) -> dict[str, tuple[str, str | None]]:
    """Message id -> (body text with paragraphs reflowed, published ISO date from the dateline or None)."""
    messages: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="latin-1").splitlines():
        match = _MESSAGE_ID.match(line)
        if match:
            current = messages.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    out: dict[str, tuple[str, str | None]] = {}
    for msg_id, lines in messages.items():
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "\n".join(lines)) if p.strip()]
        body = "\n\n".join(paragraphs)
        published = None
        dash = body.find("--", 0, 200)
        if dash >= 0:
            published = parse_date(body[:dash])
            # The dateline and bracketed tags ([REPORT] [SOURCE] [TEXT]) are not the story.
            tagged = body.find("[TEXT]", 0, 400)
            body = body[tagged + len("[TEXT]") :] if tagged >= 0 else body[dash + 2 :]
            body = re.sub(r"^(\s*\[[^\]]*\])+\s*", "", body).strip()
        out[msg_id] = (body, published)
    return out


def read_keys(path: Path) -> list[Template]:
    """Templates of a key file: slot number -> the value lines of that slot (continuations included)."""
    templates: list[Template] = []
    current: Template | None = None
    last = -1
    for lineno, line in enumerate(path.read_text(encoding="latin-1").splitlines(), start=1):
        if line.startswith(";"):
            continue
        if not line.strip():
            current = None
            continue
        match = _SLOT.match(line.rstrip())
        slot = int(match.group(1)) if match else -1
        if match and slot < len(SLOT_NAMES) and match.group(2).startswith(SLOT_NAMES[slot]):
            if slot == 0 or current is None:
                current = {}
                templates.append(current)
            last = slot
            current.setdefault(slot, []).append(match.group(2)[len(SLOT_NAMES[slot]) :].strip())
        elif current is not None and line[:1].isspace():
            current.setdefault(last, []).append(line.strip())
        else:
            raise ValueError(f"{path}:{lineno}: not a template slot: {line!r}")
    return templates


def message_id(template: Template) -> str:
    return (template.get(0) or [""])[0].split()[0] if template.get(0) else ""


def first_value(template: Template, slot: int) -> str:
    """The slot's first line, uncertainty mark removed; '' for empty (`-`) or not applicable (`*`)."""
    value = (template.get(slot) or [""])[0].strip().lstrip("?").strip()
    return "" if value in ("*", "-") else value


def fillers(template: Template, slot: int) -> list[list[str]]:
    """The string fillers of a slot: one list of alternatives per filler (the first quoted part of each line)."""
    out = []
    for line in template.get(slot) or []:
        strings = [s.replace('\\"', '"') for s in _QUOTED.findall(line.split('":', 1)[0] + '"')] if '":' in line \
            else [s.replace('\\"', '"') for s in _QUOTED.findall(line)]
        strings = [s for s in strings if s and s != "-"]
        if strings:
            out.append(strings)
    return out


def set_fills(template: Template, slot: int) -> list[tuple[str, str]]:
    """(set fill, string it qualifies) for `FILL: "STRING"` lines; the string is '' when the fill stands alone."""
    out = []
    for line in template.get(slot) or []:
        fill, sep, rest = line.partition(":")
        fill = fill.strip().lstrip("?").strip()
        if fill.startswith('"') or fill in ("", "*", "-"):
            continue
        strings = _QUOTED.findall(rest) if sep else []
        out.append((fill, strings[0] if strings else ""))
    return out


def parse_date(value: str) -> str | None:
    """ISO date of the first `3 JAN 90`, `18 APRIL 89` or `JUNE 11 89` in a value; None without a year."""
    found = _DATE.search(value)
    parts = found.groups() if found else None
    if parts is None and (found := _DATE_US.search(value)):
        parts = (found.group(2), found.group(1), found.group(3))
    if parts is None:
        return None
    try:
        day = dt.datetime.strptime(" ".join(parts), "%d %b %y").date()
    except ValueError:
        return None
    # MUC messages are from 1988-1990; a two-digit year read as 2011 is a misparse, not a date.
    return day.isoformat() if 1980 <= day.year <= 1999 else None


def incident_date(value: str) -> tuple[str | None, int | None]:
    """ISO date and time precision of an INCIDENT: DATE value.

    `30 DEC 89` is that day (precision 1); `- 08 JAN 90` (on or before) and `31 MAR 90 - 01 APR 90` (a range) take
    the first date written with precision 2, as data/GUIDELINES.md codes ranges; alternatives take the first.
    """
    value = value.split("/")[0].strip().strip("()").lstrip("?").strip()
    date = parse_date(value)
    if date is None:
        return None, None
    return date, 2 if "-" in value else 1


def incident_place(value: str) -> list[tuple[str, str]]:
    """(NAME, TYPE) from the country down for an INCIDENT: LOCATION value (first alternative, first of a range).

    >>> incident_place("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)")
    [('EL SALVADOR', 'COUNTRY'), ('SAN MIGUEL', 'DEPARTMENT'), ('SAN LUIS DE LA REINA', 'TOWN')]
    """
    value = value.lstrip("?").strip()
    if value.startswith("("):
        depth = 0
        for index, char in enumerate(value):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0:
                value = value[1:index]
                break
    parts: list[tuple[str, str]] = []
    for number, part in enumerate(value.split(":")):
        part = part.split(" - ")[0].strip()
        found = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", part)
        name, kind = (found.group(1), found.group(2)) if found else (part, "COUNTRY" if number == 0 else "PLACE")
        # `COLOMBIA / VENEZUELA`, `(REGION / CITY)`: alternatives, the first is taken.
        name, kind = name.split("/")[0].strip(), kind.split("/")[0].strip()
        if name:
            parts.append((name, kind))
    return parts


def count_of(value: str) -> dict[str, Any] | None:
    """A MUC number set fill as our count: `7`, `7 - 10` (a range) or `PLURAL` (vague, GUIDELINES' several = 3)."""
    # `-26` (up to), `5-` (at least), `~100` (about) keep their figure; `10 / 10- / PLURAL` are alternatives, and
    # low/high take the figures of all of them.
    value = value.lstrip("?").strip()
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if numbers:
        return {"best": min(numbers), "low": min(numbers), "high": max(numbers), "vague": False}
    if value.split("/")[0].strip() == "PLURAL":
        return {"best": 3, "low": 3, "high": 3, "vague": True}
    return None
