"""Windowing of long articles: overlapping token windows with a stride, so nothing is silently truncated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence


@dataclass(frozen=True)
class WindowSettings:
    """How articles are cut into model inputs; saved with the model."""

    max_length: int = 256
    stride: int = 32

    def __post_init__(self) -> None:
        if not isinstance(self.max_length, int) or self.max_length < 8:
            raise ValueError(f"max_length must be an integer >= 8, got {self.max_length!r}")
        if not isinstance(self.stride, int) or not 0 <= self.stride < self.max_length // 2:
            raise ValueError(f"stride must be an integer in [0, max_length/2), got {self.stride!r}")


def tokenize_windows(tokenizer: Any, texts: Sequence[str], settings: WindowSettings) -> dict[str, Any]:
    """Tokenize texts into overlapping windows with char offsets.

    Returns the tokenizer's batch with `offset_mapping` and `overflow_to_sample_mapping` (window -> text index);
    `stride` tokens are shared between consecutive windows of one text.
    """
    return tokenizer(
        list(texts),
        max_length=settings.max_length,
        stride=settings.stride,
        truncation=True,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
        padding=False,
    )


def content_token_mask(offsets: Sequence[tuple[int, int]]) -> list[bool]:
    """True for tokens that cover text; special tokens and padding have empty (0, 0) offsets."""
    return [end > start for start, end in offsets]
