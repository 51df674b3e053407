"""The command line: help, one-line errors, exit codes."""

import contextlib
import subprocess
import sys

import pytest

from training.cli import build_parser, main

COMMANDS = ["train", "evaluate", "extract", "validate", "compile", "stats", "convert", "score", "quickstart"]


def test_help_lists_every_subcommand_with_a_description():
    text = build_parser().format_help()
    for command in COMMANDS:
        assert command in text
    proc = subprocess.run([sys.executable, "-m", "training.cli", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "extract events from articles" in proc.stdout


@pytest.mark.parametrize(
    "argv, message",
    [
        (["extract", "in.jsonl", "-o", "o.jsonl", "--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice"),
        (["train", "--config", "nope.yaml", "--output-dir", "x"], "config file not found: nope.yaml"),
        (["validate", "missing.jsonl"], "no such file or folder: missing.jsonl"),
        (["evaluate", "--model", "/nonexistent/model", "--data", "data/test.jsonl"], "no such model folder"),
        (["extract", "nothing-here.jsonl", "-o", "o.jsonl", "--model", "/nonexistent/model"], "no such model folder"),
    ],
)
def test_user_errors_are_one_line_and_non_zero(argv, message, capsys):
    parse_error = argv[0] == "frobnicate" or "--bogus" in argv
    with pytest.raises(SystemExit) if parse_error else contextlib.nullcontext():
        code = main(argv)
        assert code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err

