"""Sentence boundaries by rule: enough to group a trigger with its arguments."""

from __future__ import annotations

import bisect
import re

# A sentence ends at . ! ? (optionally followed by a closing quote) before whitespace and an upper-case letter,
# digit or quote, or at a blank line. Abbreviations like "Oct." or "Gen." are kept inside.
_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Gov|Sen|Rep|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"U\.S|U\.N|a\.m|p\.m|approx|etc|vs)\.|\b[A-Z]\.)$"
)


def sentence_starts(text: str) -> list[int]:
    """Char offsets where sentences start.

    >>> sentence_starts("Gen. Ali spoke. Gunmen attacked Tera on Oct. 3. Twelve died.")
    [0, 16, 48]
    """
    starts = [0]
    for match in _END.finditer(text):
        if _ABBREV.search(text[max(0, match.start() - 8) : match.start()]):
            continue
        starts.append(match.end())
    return starts


def sentence_index(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def sentence_text(text: str, starts: list[int], index: int) -> tuple[str, int]:
    """The sentence at `index` (stripped) and its start offset."""
    start = starts[index]
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    return raw.strip(), start + lead
