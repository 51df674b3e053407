"""Convert every public corpus into a temporary folder and print a Markdown table of what came out.

    python bench/count_converted.py [--corpora-dir ../shared/corpora]

Rows follow each mapping file's declared `inputs` (configs/corpora/<source>.yaml); re3d also gets a row for its
original JSON documents, which the ConfliBERT CoNLL split replaces as the re3d partition (see re3d.yaml).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from training.converters import ConversionReport, convert, load_mapping, mapping_path  # noqa: E402
from training.validation import validate_paths  # noqa: E402

SOURCES = ("m2e2", "muc4", "gvdb", "wikievents", "rams", "re3d")


def _row(label: str, report: ConversionReport, problems: int) -> str:
    parts = report.partitions
    cells = [label, report.documents, report.events, report.typed_events, report.spans,
             parts.get("train", 0), parts.get("evaluation", 0)]
    flag = "" if problems == 0 else f" ({problems} validation problems)"
    return "| " + " | ".join(f"{c:,}" if isinstance(c, int) else str(c) for c in cells) + f" |{flag}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora-dir", type=Path, default=REPO.parent / "shared" / "corpora")
    args = parser.parse_args(argv)
    if not args.corpora_dir.is_dir():
        print(f"public corpora not found at {args.corpora_dir}", file=sys.stderr)
        return 1
    lines = [
        "| source | documents | events | events with an ACLED type | spans | train docs | evaluation docs |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for name in SOURCES:
            mapping = load_mapping(mapping_path(name))
            fmt = mapping.inputs["format"]
            files = ", ".join(Path(p).name for p in mapping.inputs["paths"])
            label = name if fmt == name else f"{name} ({fmt}: {files})"
            jobs.append((label, fmt, [args.corpora_dir / p for p in mapping.inputs["paths"]], mapping.path))
        jobs.append(("re3d (original JSON documents)", "re3d", [args.corpora_dir / "re3d"], mapping_path("re3d")))
        for number, (label, fmt, inputs, mapping_file) in enumerate(jobs):
            report = convert(fmt, inputs, Path(tmp) / f"{number}.jsonl", mapping_file)
            lines.append(_row(label, report, len(validate_paths([report.output]))))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
