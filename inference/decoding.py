"""From token probabilities to char spans: merging overlapping windows and BIO decoding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from inference.actors import ABBREVIATION_END
from inference.labels import split_entity
from inference.numbers import is_count_phrase


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


# Characters that join the parts of one name ("Port-au-Prince", "Bu'ale", "al-Shabaab").
_CONNECTORS = frozenset("-'\u2019")


def _words(offsets: Sequence[tuple[int, int]], text: str) -> list[list[int]]:
    """Token indices grouped into words: a token glued to the previous one with a letter or digit on both sides
    of the join is a piece of the same word ("Fa" + "sher"); punctuation and connectors stay on their own."""
    words: list[list[int]] = []
    previous_end = -1
    for index, (start, end) in enumerate(offsets):
        if words and start == previous_end and 0 < start < len(text) and text[start - 1].isalnum() \
                and text[start].isalnum():
            words[-1].append(index)
        else:
            words.append([index])
        previous_end = end
    return words


def _join_connectors(units: list[tuple[list[int], str | None, str]], offsets: Sequence[tuple[int, int]],
                     text: str) -> None:
    """A connector glued between two words belongs to the name it sits in: an unlabelled one between two words of
    one label joins them, and a labelled one pulls in the unlabelled word it is glued to ("-au-" is
    Port-au-Prince)."""

    def bounds(k: int) -> tuple[int, int]:
        return offsets[units[k][0][0]][0], offsets[units[k][0][-1]][1]

    for k in range(1, len(units) - 1):
        start, end = bounds(k)
        if text[start:end] not in _CONNECTORS or bounds(k - 1)[1] != start or bounds(k + 1)[0] != end \
                or not (text[start - 1].isalnum() and text[end].isalnum()):
            continue
        (before, left, _), (tokens, label, _), (after, right, _) = units[k - 1], units[k], units[k + 1]
        if label is None and left is not None and left == right:
            units[k], units[k + 1] = (tokens, left, "I"), (after, right, "I")
        elif label is not None:
            if left is None:
                units[k - 1], units[k] = (before, label, "B"), (tokens, label, "I")
            if right is None:
                units[k + 1] = (after, label, "I")
    # A labelled word with a connector glued on each side is the inside of a name: "e" in "Dasht-e-Barchi" alone
    # would be no place at all, so the name is taken whole.
    for k in range(2, len(units) - 2):
        tokens, label, prefix = units[k]
        if label is None or any(units[j][1] is not None for j in (k - 2, k - 1, k + 1, k + 2)):
            continue
        inner = [bounds(j) for j in range(k - 2, k + 3)]
        glued = all(inner[j][1] == inner[j + 1][0] for j in range(4))
        if glued and text[slice(*inner[1])] in _CONNECTORS and text[slice(*inner[3])] in _CONNECTORS:
            units[k - 2] = (units[k - 2][0], label, prefix)
            for j in (k - 1, k, k + 1, k + 2):
                units[j] = (units[j][0], label, "I")


def decode_bio(scores: TokenScores, id2label: dict[int, str], text: str) -> list[SpanPrediction]:
    """Word-level lenient BIO decoding.

    A word's label is the argmax of its pieces' mean probabilities and its B-/I- prefix that of its first piece,
    so a span never starts or ends inside a word. I- after O opens a span; a word glued to the previous one, or
    with only spaces between, never starts a new span of the same label (our annotation never puts two spans of
    one label side by side); a connector ("-", "'") inside a name joins its parts. A
    trigger's type is the sub-type with the most probability mass over its tokens, so a span whose tokens disagree
    on the type stays one span.

    >>> probs = np.array([[0.1, 0.9, 0.0], [0.2, 0.0, 0.8], [0.9, 0.05, 0.05]], dtype=np.float32)
    >>> spans = decode_bio(TokenScores(((0, 3), (4, 9), (10, 12)), probs), {0: "O", 1: "B-ACTOR", 2: "I-ACTOR"},
    ...                    "Abu Sayaf on")
    >>> [(s.start, s.end, s.label, round(s.score, 2)) for s in spans]
    [(0, 9, 'ACTOR', 0.85)]
    """
    labels = [id2label[i] for i in range(len(id2label))]
    parsed = [(lab[0], *split_entity(lab[2:])) if lab != "O" else ("O", None, None) for lab in labels]
    trigger_columns: dict[str, list[int]] = {}
    b_columns: dict[str, list[int]] = {}
    i_columns: dict[str, list[int]] = {}
    for column, (prefix, label, sub) in enumerate(parsed):
        if label == "TRIGGER" and sub:
            trigger_columns.setdefault(sub, []).append(column)
        if prefix in ("B", "I"):
            (b_columns if prefix == "B" else i_columns).setdefault(label, []).append(column)

    # One unit per word: (token indices, label or None, prefix)
    units: list[tuple[list[int], str | None, str]] = []
    for tokens in _words(scores.offsets, text):
        mean = scores.probs[tokens[0]] if len(tokens) == 1 else scores.probs[tokens].mean(axis=0)
        prefix, label, _ = parsed[int(mean.argmax())]
        if prefix != "O" and len(tokens) > 1:
            first = scores.probs[tokens[0]]
            prefix = "B" if first[b_columns[label]].sum() >= first[i_columns[label]].sum() else "I"
        units.append((tokens, label, prefix))
    _join_connectors(units, scores.offsets, text)

    raw: list[tuple[list[int], str]] = []  # (token indices, label) of each span
    current: list[int] = []  # token indices of the open span
    current_label: str | None = None

    def close() -> None:
        if current:
            raw.append((current, current_label or ""))

    previous_end = -1
    for tokens, label, prefix in units:
        start = scores.offsets[tokens[0]][0]
        # Glued to the previous word, or only spaces between: our annotation never puts two spans of one
        # label side by side ("North Waziristan" is one place even when the model starts it twice).
        joined = start == previous_end or (previous_end >= 0 and text[previous_end:start].strip(" ") == "")
        previous_end = scores.offsets[tokens[-1]][1]
        if prefix == "O":
            close()
            current, current_label = [], None
        elif current and label == current_label and (prefix == "I" or joined):
            current.extend(tokens)
        else:
            close()
            current, current_label = list(tokens), label
    close()
    raw = _join_split_counts(raw, scores, text, b_columns, i_columns)
    raw = _trim_names(raw, scores.offsets, text)

    spans: list[SpanPrediction] = []
    for tokens, label in raw:
        token_probs = scores.probs[tokens]
        score = float(token_probs.max(axis=1).mean())
        sub = None
        if label == "TRIGGER":
            mass = {s: float(token_probs[:, cols].sum()) for s, cols in trigger_columns.items()}
            sub = max(mass, key=mass.get)
        spans.append(SpanPrediction(scores.offsets[tokens[0]][0], scores.offsets[tokens[-1]][1], label, sub, score))
    return spans


_COUNT_LABELS = ("FATALITIES", "WOUNDED")


def _join_split_counts(raw: list[tuple[list[int], str]], scores: TokenScores, text: str,
                       b_columns: dict[str, list[int]], i_columns: dict[str, list[int]]) -> list[tuple[list[int], str]]:
    """One count phrase split between the two count labels ("between 15 and" | "20", "up" | "to" | "eight") is
    one span, labelled by the count label with more probability mass over its tokens."""

    def start(tokens: list[int]) -> int:
        return scores.offsets[tokens[0]][0]

    def end(tokens: list[int]) -> int:
        return scores.offsets[tokens[-1]][1]

    # runs of count spans with at most a space or a hyphen between them
    runs: list[list[tuple[list[int], str]]] = []
    for tokens, label in raw:
        run = runs[-1] if runs else None
        if run and label in _COUNT_LABELS and run[-1][1] in _COUNT_LABELS and \
                len(gap := text[end(run[-1][0]) : start(tokens)]) <= 1 and gap.strip(" -") == "":
            run.append((tokens, label))
        else:
            runs.append([(tokens, label)])
    out: list[tuple[list[int], str]] = []
    for run in runs:
        joined = [t for tokens, _ in run for t in tokens]
        if len(run) > 1 and is_count_phrase(text[start(joined) : end(joined)]):
            probs = scores.probs[joined]
            mass = {lab: float(probs[:, b_columns[lab] + i_columns[lab]].sum()) for lab in _COUNT_LABELS}
            out.append((joined, max(mass, key=mass.get)))
        else:
            out.extend(run)
    return out


# Spans that name something (not counts, dates or triggers) never start or end on a function word: "a" alone,
# "drivers and", "of mourners", "a hand grenade that" are pieces of a name the model cut in the wrong place.
_NAME_LABELS = frozenset({"ACTOR", "TARGET", "WEAPON", "LOCATION", "SOURCE"})
_DETERMINERS = frozenset({"a", "an", "the"})
_JOINERS = frozenset({"of", "and", "or", "with", "to", "by", "for", "from", "at", "in", "on", "as", "that", "who",
                      "whom", "whose", "which", ",", ";", ":"})
_TRAILING = _JOINERS | _DETERMINERS | frozenset({"its", "their", "his", "her"})
_TRIGGER_TRAILING = frozenset({"and", "or", "&", ",", ";"})
# an article alone is a piece of a name in any language
_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "az", "la", "le", "les", "los", "las", "the"})


def _trim_names(raw: list[tuple[list[int], str]], offsets: Sequence[tuple[int, int]],
                text: str) -> list[tuple[list[int], str]]:
    """Name spans cut at a function word are mended: a lone determiner joins the span of its label one or two
    plain words later ("a" | "barrage" | "of rockets" is one weapon), then leading joiners and trailing joiners
    or determiners are dropped ("a well-known defender and a" -> "a well-known defender"), and a span with
    no letter or digit left, or a single letter, is no span. A trigger loses a trailing conjunction ("shot and")."""

    def words(tokens: list[int]) -> list[list[int]]:
        return [[tokens[i] for i in group] for group in _words([offsets[t] for t in tokens], text)]

    def word(tokens: list[int]) -> str:
        # joiners only in lower case: "WHO" and "OR" (Oregon) are names; determiners in either ("A" | "barangay")
        found = text[offsets[tokens[0]][0] : offsets[tokens[-1]][1]]
        return found.lower() if found.lower() in _DETERMINERS else found

    joined: list[tuple[list[int], str]] = []
    for tokens, label in raw:
        if joined and label in _NAME_LABELS and joined[-1][1] == label and word(joined[-1][0]) in _DETERMINERS:
            gap = list(range(joined[-1][0][-1] + 1, tokens[0]))
            gap_text = text[offsets[joined[-1][0][-1]][1] : offsets[tokens[0]][0]]
            if len(gap_text.split()) <= 2 and all(c.isalpha() or c in " -" for c in gap_text):
                joined[-1] = (joined[-1][0] + gap + tokens, label)
                continue
        joined.append((tokens, label))
    out: list[tuple[list[int], str]] = []
    for tokens, label in joined:
        if label == "TRIGGER":
            # "shot and" | "killed": the trigger is "shot", and the words after it tell the outcome
            parts = words(tokens)
            while len(parts) > 1 and word(parts[-1]) in _TRIGGER_TRAILING:
                parts.pop()
            tokens = [t for part in parts for t in part]
        elif label in _NAME_LABELS:
            parts = words(tokens)
            # "at least 15 people" and "as many as 30 people" are whole phrases (a count marks whom it counts)
            counted = any(is_count_phrase(word(parts[0] + [t for p in parts[1:k] for t in p]))
                          for k in range(2, min(len(parts), 4) + 1))
            while parts and not counted and word(parts[0]) in _JOINERS:
                parts.pop(0)
            # a word glued to the one before it ends a name: "a" of "Jama'a"
            while parts and word(parts[-1]) in _TRAILING and (len(parts) == 1 or
                                                             text[offsets[parts[-1][0]][0] - 1].isspace()):
                parts.pop()
            tokens = [t for part in parts for t in part]
            # "U.S" + "." is "U.S.": the dot after an abbreviation's last letter belongs to it
            following = tokens[-1] + 1 if tokens else len(offsets)
            if following < len(offsets) and text[slice(*offsets[following])] == "." and \
                    offsets[following][0] == offsets[tokens[-1]][1] and \
                    ABBREVIATION_END.search(text[offsets[tokens[0]][0] : offsets[tokens[-1]][1]]):
                tokens.append(following)
            core = [c for c in text[offsets[tokens[0]][0] : offsets[tokens[-1]][1]] if c.isalnum()] if tokens else []
            if not core or (len(core) == 1 and core[0].isalpha()) or "".join(core).lower() in _ARTICLES:
                continue  # nothing left, an apostrophe, the "s" of "U.S." or "Henderson's", the "Al" of "Al Qaeda"
        out.append((tokens, label))
    return out
