"""From token probabilities to char spans: merging overlapping windows and BIO decoding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from inference.labels import split_entity


@dataclass(frozen=True)
class TokenScores:
    """Per-token label probabilities of one article, windows merged, tokens in text order."""

    offsets: tuple[tuple[int, int], ...]
    probs: np.ndarray  # (tokens, labels), float32


class WindowMerger:
    """Accumulates the probabilities of one article's windows; overlapping tokens are averaged."""

    def __init__(self) -> None:
        self._sum: dict[tuple[int, int], np.ndarray] = {}
        self._count: dict[tuple[int, int], int] = {}

    def add(self, offsets: Sequence[tuple[int, int]], probs: np.ndarray) -> None:
        for (start, end), row in zip(offsets, probs):
            if end <= start:
                continue  # special tokens and padding
            key = (int(start), int(end))
            if key in self._sum:
                self._sum[key] += row
                self._count[key] += 1
            else:
                self._sum[key] = row.astype(np.float32, copy=True)
                self._count[key] = 1

    def result(self, num_labels: int) -> TokenScores:
        keys = sorted(self._sum)
        if not keys:
            return TokenScores((), np.zeros((0, num_labels), dtype=np.float32))
        probs = np.stack([self._sum[k] / self._count[k] for k in keys])
        return TokenScores(tuple(keys), probs)


@dataclass(frozen=True)
class SpanPrediction:
    start: int
    end: int
    label: str  # span label, e.g. TRIGGER, ACTOR
    sub_event_type: str | None  # triggers only
    score: float


def decode_bio(scores: TokenScores, id2label: dict[int, str]) -> list[SpanPrediction]:
    """Lenient BIO decoding: I- after O opens a span; a trigger's type is the sub-type with the most
    probability mass over its tokens, so a span whose tokens disagree on the type stays one span.

    >>> probs = np.array([[0.1, 0.9, 0.0], [0.2, 0.0, 0.8], [0.9, 0.05, 0.05]], dtype=np.float32)
    >>> spans = decode_bio(TokenScores(((0, 3), (4, 9), (10, 12)), probs), {0: "O", 1: "B-ACTOR", 2: "I-ACTOR"})
    >>> [(s.start, s.end, s.label, round(s.score, 2)) for s in spans]
    [(0, 9, 'ACTOR', 0.85)]
    """
    labels = [id2label[i] for i in range(len(id2label))]
    parsed = [(lab[0], *split_entity(lab[2:])) if lab != "O" else ("O", None, None) for lab in labels]
    trigger_columns: dict[str, list[int]] = {}
    for column, (_, label, sub) in enumerate(parsed):
        if label == "TRIGGER" and sub:
            trigger_columns.setdefault(sub, []).append(column)
    best = scores.probs.argmax(axis=1) if len(scores.offsets) else np.zeros(0, dtype=int)
    spans: list[SpanPrediction] = []
    current: list[int] = []  # token indices of the open span
    current_label: str | None = None

    def close() -> None:
        if not current:
            return
        token_probs = scores.probs[current]
        score = float(token_probs.max(axis=1).mean())
        sub = None
        if current_label == "TRIGGER":
            mass = {s: float(token_probs[:, cols].sum()) for s, cols in trigger_columns.items()}
            sub = max(mass, key=mass.get)
        start, end = scores.offsets[current[0]][0], scores.offsets[current[-1]][1]
        spans.append(SpanPrediction(start, end, current_label or "", sub, score))

    previous_end = -1
    for index, column in enumerate(best):
        prefix, label, _ = parsed[int(column)]
        start = scores.offsets[index][0]
        # A token glued to the previous one (a word piece) never starts a new span of the same label.
        glued = start == previous_end
        previous_end = scores.offsets[index][1]
        if prefix == "O":
            close()
            current, current_label = [], None
        elif current and label == current_label and (prefix == "I" or glued):
            current.append(index)
        else:
            close()
            current, current_label = [index], label
    close()
    return spans
