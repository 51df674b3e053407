"""Span-level precision, recall and F1 per entity type over BIO sequences (seqeval, default mode).

A local `evaluate` module: `evaluate.load("training/metrics/seqeval_spans")` works offline, unlike
`evaluate.load("seqeval")`, which fetches a hub script. seqeval's default (lenient IOB) mode is used: a
sequence starting with I- opens an entity, which matters for windows that cut a span.
"""

import datasets
import evaluate
from seqeval.metrics import accuracy_score, classification_report

_DESCRIPTION = "Span-level P/R/F1 per entity type (seqeval default mode), plus micro and macro averages."
_KWARGS = """
Args:
    predictions: list of lists of BIO tags.
    references: list of lists of BIO tags.
Returns:
    overall_precision, overall_recall, overall_f1, macro_f1, accuracy, and per-type dicts
    {precision, recall, f1, number}.
"""


class SeqevalSpans(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="seqeval: https://github.com/chakki-works/seqeval",
            inputs_description=_KWARGS,
            features=datasets.Features(
                {
                    "predictions": datasets.Sequence(datasets.Value("string")),
                    "references": datasets.Sequence(datasets.Value("string")),
                }
            ),
        )

    def _compute(self, predictions, references):
        report = classification_report(references, predictions, output_dict=True, zero_division=0)
        out = {}
        for name, scores in report.items():
            if name in ("micro avg", "macro avg", "weighted avg"):
                continue
            out[name] = {
                "precision": float(scores["precision"]),
                "recall": float(scores["recall"]),
                "f1": float(scores["f1-score"]),
                "number": int(scores["support"]),
            }
        micro = report.get("micro avg", {"precision": 0.0, "recall": 0.0, "f1-score": 0.0})
        out["overall_precision"] = float(micro["precision"])
        out["overall_recall"] = float(micro["recall"])
        out["overall_f1"] = float(micro["f1-score"])
        out["macro_f1"] = float(report.get("macro avg", {}).get("f1-score", 0.0))
        out["accuracy"] = float(accuracy_score(references, predictions))
        return out
