"""The `conflict-events` command: a thin wrapper over the library's functions."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

DESCRIPTION = "Turn news reports about armed conflict into ACLED-style event records."


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        sys.stderr.write(f"conflict-events: error: {message} (see --help)\n")
        sys.exit(2)


def _table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_train(args: argparse.Namespace) -> int:
    from training.trainer import train

    metrics = train(args.config, args.output_dir, resume=args.resume)
    _print_metrics(metrics)
    print(f"model saved to {args.output_dir}")
    return 0


def _print_metrics(metrics: dict) -> None:
    rows = []
    for split in ("validation", "test"):
        m = metrics.get(split)
        if m:
            rows.append([split, m["documents"], f"{m['span_precision']:.3f}", f"{m['span_recall']:.3f}",
                         f"{m['span_f1']:.3f}", _f(m["event_type_accuracy"]), _f(m["event_type_macro_f1"]),
                         _f(m["sub_event_type_accuracy"])])
    if rows:
        print(_table(["split", "docs", "span P", "span R", "span F1", "type acc", "type macro-F1", "sub-type acc"], rows))


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def cmd_evaluate(args: argparse.Namespace) -> int:
    from training.corpus import read_documents
    from training.evaluation import evaluate_model

    docs = read_documents(args.data)
    metrics = evaluate_model(args.model, docs)
    _print_metrics({"test": metrics})
    per_label = sorted((k, v) for k, v in metrics["per_label"].items())
    print(_table(["label", "P", "R", "F1", "n"],
                 [[k, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", v["number"]] for k, v in per_label]))
    if args.output:
        Path(args.output).write_text(json.dumps(metrics, indent=2), encoding="utf-8")
        print(f"metrics written to {args.output}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from inference.batch import run_extraction
    from inference.extractor import EventExtractor

    fmt = args.format or _format_of(args.output)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the weight-loading bar; extraction has its own
    extractor = EventExtractor.from_pretrained(
        args.model, device=args.device, batch_tokens=args.batch_tokens, num_threads=args.threads
    )
    summary = run_extraction(extractor, args.input, args.output, fmt=fmt, resume=args.resume, progress=not args.quiet)
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    print(f"{summary.articles} article(s), {summary.events} event(s), {summary.failed} failed, "
          f"{summary.skipped_resumed} already done; {rate:.1f} articles/s -> {summary.table_path or summary.jsonl_path}")
    for kind, count in sorted(summary.errors.items()):
        print(f"  error {kind}: {count}")
    for kind, count in sorted(summary.warnings.items()):
        print(f"  warning {kind}: {count}")
    if args.show:
        print(events_table(Path(summary.jsonl_path)))
    # Non-zero only when the input as a whole was unusable: nothing at all could be processed.
    return 1 if summary.articles and summary.failed == summary.articles else 0


def _format_of(output: str) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    return suffix if suffix in ("csv", "parquet") else "jsonl"


def events_table(jsonl_path: Path) -> str:
    """A readable table of the events in an extraction JSONL."""
    from inference.writers import iter_records

    rows = []
    for record in iter_records(jsonl_path):
        for event in record.get("events") or []:
            place, date = event["place"], event["date"]
            fat, wnd = event["fatalities"], event["wounded"]
            rows.append([
                record.get("article_id"), event["sub_event_type"], date.get("date"),
                (event.get("actor1") or {}).get("name"), (event.get("actor2") or {}).get("name"),
                ", ".join(x for x in (place.get("location"), place.get("admin1"), place.get("iso2")) if x),
                f"{fat['best']} [{fat['low']}-{fat['high']}]", f"{wnd['best']} [{wnd['low']}-{wnd['high']}]",
                f"{event['confidence']:.2f}",
            ])
        if "error" in record:
            rows.append([record.get("article_id"), f"error: {record['error_kind']}"] + [""] * 7)
    return _table(["article", "sub_event_type", "date", "actor1", "actor2", "place", "killed", "wounded", "conf"],
                  [[_clip(c) for c in row] for row in rows])


def _clip(value: object, width: int = 28) -> object:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_validate(args: argparse.Namespace) -> int:
    from training.validation import validate_paths

    problems = validate_paths(args.paths)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def cmd_compile(args: argparse.Namespace) -> int:
    from training.corpus import compile_corpus

    counts = compile_corpus(args.paths, args.output_dir)
    print(", ".join(f"{split}: {n}" for split, n in counts.items()) + f" document(s) -> {args.output_dir}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from training.stats import corpus_stats, format_stats

    stats = corpus_stats(args.paths)
    print(json.dumps(stats, indent=2) if args.json else format_stats(stats))
    return 0 if stats["checks_passed"] else 1


def cmd_convert(args: argparse.Namespace) -> int:
    from training.converters import convert

    report = convert(args.source_format, [Path(p) for p in args.inputs], Path(args.output),
                     mapping_path=Path(args.mapping) if args.mapping else None)
    print(report)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from training.scoring import format_scores, score_files

    scores = score_files(args.gold, args.pred)
    print(format_scores(scores, errors=args.errors))
    if args.output:
        Path(args.output).write_text(json.dumps(scores, indent=2, default=str), encoding="utf-8")
    return 0


def cmd_quickstart(args: argparse.Namespace) -> int:
    """Train the quickstart model on data/, then extract events from data/examples/ and show them."""
    from training.trainer import train

    model_dir = Path(args.output_dir)
    if (model_dir / "model.safetensors").is_file() and not args.retrain:
        print(f"using the trained model in {model_dir} (--retrain to train again)")
    else:
        metrics = train(args.config, model_dir)
        _print_metrics(metrics)
    ns = argparse.Namespace(model=str(model_dir), input=args.examples, output=str(model_dir / "examples.jsonl"),
                            format="jsonl", batch_tokens=4096, device=None, threads=None, resume=False,
                            quiet=True, show=True)
    return cmd_extract(ns)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="conflict-events", description=DESCRIPTION)
    parser.add_argument("--verbose", action="store_true", help="show library logging")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("train", help="fine-tune a model as a YAML run config says")
    p.add_argument("--config", required=True)
    p.add_argument("--output-dir", required=True)
    p.add_argument("--resume", action="store_true", help="continue from the last checkpoint in --output-dir")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="score a saved model on labelled corpus files (spans, event types)")
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True, nargs="+")
    p.add_argument("-o", "--output", help="write the metrics as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("extract", help="extract events from articles (JSONL, CSV, Parquet, .txt, folder)")
    p.add_argument("input")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--model", default="runs/quickstart")
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], help="default: from the output suffix")
    p.add_argument("--batch-tokens", type=int, default=4096,
                   help="padded tokens per model batch (4096 was fastest on a 2-core CPU; raise it on a GPU)")
    p.add_argument("--device", help="cuda, mps or cpu (default: the best available)")
    p.add_argument("--threads", type=int, help="CPU threads for torch")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--show", action="store_true", help="print the events as a table")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("validate", help="check corpus files (JSONL or authored YAML) and report every problem")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("compile", help="compile authored markup (data/raw) into the split JSONL corpus")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output-dir", default="data")
    p.set_defaults(func=cmd_compile)

    p = sub.add_parser("stats", help="coverage and originality statistics of a corpus")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("convert", help="convert a public corpus or a generic format into the corpus JSONL")
    p.add_argument("--from", dest="source_format", required=True)
    p.add_argument("inputs", nargs="+")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--mapping", help="label mapping YAML (default: configs/corpora/<format>.yaml)")
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("score", help="compare predicted events with gold events (event-level metrics)")
    p.add_argument("--gold", required=True)
    p.add_argument("--pred", required=True)
    p.add_argument("--errors", action="store_true", help="list the mismatches per article")
    p.add_argument("-o", "--output", help="write the scores as JSON")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("quickstart", help="train the quickstart model on data/ and extract the example articles")
    p.add_argument("--config", default="configs/quickstart.yaml")
    p.add_argument("--output-dir", default="runs/quickstart")
    p.add_argument("--examples", default="data/examples")
    p.add_argument("--retrain", action="store_true")
    p.set_defaults(func=cmd_quickstart)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.verbose:
        logging.basicConfig(level=logging.WARNING)
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        return args.func(args)
    except (OSError, ValueError, KeyError) as err:
        if args.verbose:
            raise
        message = str(err.args[0] if err.args else err).splitlines()[0]
        sys.stderr.write(f"conflict-events: error: {message}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("conflict-events: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
