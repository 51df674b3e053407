"""Input hygiene: HTML stripping and the checks that decide whether an article can be processed at all."""

from __future__ import annotations

import html
import re

MAX_CHARS = 2_000_000

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,500}>", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"</?(p|br|div|li|h[1-6]|tr)\b[^>]*>", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    "the a an of in on at to and or but was were is are by for with from that this said killed after as "
    "it its he she they their has have had been be not no".split()
)


class InputError(ValueError):
    """An article that cannot be processed; `kind` names the reason for the summary."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|br|span|a|html|body|script|h[1-6])\b[^>]*>", text, re.IGNORECASE))


def strip_html(text: str) -> str:
    """Remove tags (block tags become line breaks) and unescape entities.

    >>> strip_html("<p>Gunmen <b>killed</b> 3 &amp; wounded 2.</p>")
    'Gunmen killed 3 & wounded 2.'
    """
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Function words of the commonest other languages of conflict news (French, Spanish, Portuguese, German, Italian,
# Indonesian); a text is refused only when these clearly outnumber English ones, so short English headlines and
# lists of names pass.
_OTHER = frozenset(
    "le la les des du une et est sont dans pour par sur avec qui que il ils ont été au aux el los las del y en con "
    "por para una fue son se su o da do dos das em um uma não foi der die das und ist sind mit von zu den dem "
    "nicht ein eine wurde il lo gli della di che per non sono è yang dan di ke dari ini itu dengan untuk".split()
)


def english_score(text: str) -> float:
    """Share of words that are among the commonest English function words (about 0.3-0.5 for English news)."""
    words = _WORD.findall(text[:5000].lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH for w in words) / len(words)


def looks_english(text: str) -> bool:
    """False for text that is clearly in another language or script; short or ambiguous text passes.

    >>> looks_english("Gunmen killed at least 12 villagers in the town of Tera on Wednesday, the governor said.")
    True
    >>> looks_english("Des hommes armés ont tué au moins douze villageois mercredi dans la ville de Tera.")
    False
    """
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 40 and sum(c.isascii() for c in letters) / len(letters) < 0.5:
        return False  # mostly non-Latin script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return True
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER for w in words)
    return not (other >= 3 and other > 2 * english)


def check_text(text: object) -> tuple[str, tuple[str, ...]]:
    """Return the text to process and warnings, or raise InputError with the reason it cannot be processed."""
    if not isinstance(text, str):
        raise InputError("missing-text", "the article has no text field")
    warnings: list[str] = []
    if looks_like_html(text):
        text = strip_html(text)
        warnings.append("html-stripped")
    if not text.strip():
        raise InputError("empty-text", "the article text is empty or whitespace")
    if len(text) > MAX_CHARS:
        raise InputError("too-long", f"the article has {len(text):,} characters; the limit is {MAX_CHARS:,}")
    if not looks_english(text):
        raise InputError("not-english", "the text does not look like English; the model reads English only")
    return text, tuple(warnings)
