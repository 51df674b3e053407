"""CoNLL/BIO token files: `token [tab or space] ... label` per line, a blank line between sentences.

Text is rebuilt with single spaces between tokens. A file with `-DOCSTART-` lines gives one document per section
(sentences joined by a newline); a file without gives one document per sentence. Carriage returns are stripped
(ConfliBERT's re3d files use CRLF). Labels may be BIO, IOB1 or BIOES; types are mapped by the mapping's `labels`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from training.converters.common import ConversionLog, SpanSet, expand, join_tokens, lookup_label, make_document
from training.converters.mapping import CorpusMapping

Sentence = list[tuple[str, str]]


def read_sentences(path: Path) -> Iterator[list[Sentence]]:
    """Yield documents (lists of sentences of (token, label)) from one CoNLL file; see the module docstring."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = [line.rstrip("\r\n").rstrip("\r") for line in handle]
    has_docstart = any(line.split()[:1] == ["-DOCSTART-"] for line in lines)
    doc: list[Sentence] = []
    sentence: Sentence = []
    for lineno, line in enumerate(lines, start=1):
        columns = line.split("\t") if "\t" in line else line.split()
        columns = [c.strip() for c in columns if c.strip()]
        if columns[:1] == ["-DOCSTART-"]:
            if sentence:
                doc.append(sentence)
            if doc:
                yield doc
            doc, sentence = [], []
            continue
        if not columns:
            if sentence:
                if has_docstart:
                    doc.append(sentence)
                else:
                    yield [sentence]
            sentence = []
            continue
        if len(columns) < 2:
            raise ValueError(f"{path}:{lineno}: expected 'token ... label', got {line!r}")
        sentence.append((columns[0], columns[-1]))
    if sentence:
        if has_docstart:
            doc.append(sentence)
        else:
            yield [sentence]
    if doc:
        yield doc


def chunks(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first token, end token exclusive, type) for each labelled chunk, tolerant of IOB1 and BIOES.

    >>> chunks(["B-Person", "I-Person", "O", "I-Location", "S-Weapon"])
    [(0, 2, 'Person'), (3, 4, 'Location'), (4, 5, 'Weapon')]
    """
    found: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for index, label in enumerate([*labels, "O"]):
        prefix, _, name = label.partition("-") if "-" in label else ("O" if label == "O" else "I", "", label)
        continues = prefix in ("I", "E", "L") and name == kind and start >= 0
        if start >= 0 and not continues:
            found.append((start, index, kind))
            start, kind = -1, ""
        if prefix in ("B", "S", "U") or (prefix in ("I", "E", "L") and not continues):
            start, kind = index, name
        if prefix in ("E", "L", "S", "U") and start >= 0:
            found.append((start, index + 1, kind))
            start, kind = -1, ""
    return found


def read_conll(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one corpus document per CoNLL document (or sentence, without -DOCSTART-); spans only, no events."""
    log = log or ConversionLog()
    files = expand(paths)
    stems = Counter(f.stem for f in files)
    for path in files:
        # Files from different folders may share a name (train.txt): keep their documents' ids apart.
        stem = path.stem if stems[path.stem] == 1 else f"{path.parent.name}-{path.stem}"
        for number, sentences in enumerate(read_sentences(path), start=1):
            text, offsets = join_tokens([[tok for tok, _ in s] for s in sentences], sentence_sep="\n")
            labels = [label for s in sentences for _, label in s]
            spans = SpanSet(text, log, mapping.name)
            for first, end, kind in chunks(labels):
                label = lookup_label(mapping, kind, log)
                if label is not None:
                    spans.add(offsets[first][0], offsets[end - 1][1], label)
            yield make_document(f"{stem}-{number:05d}", mapping, text, spans)
