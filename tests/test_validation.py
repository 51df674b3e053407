import json
from pathlib import Path

import pytest

from inference.schema import SchemaVersionError, read_jsonl
from training.cli import main
from training.validation import validate_paths

BROKEN = Path(__file__).parent / "data" / "broken"


def test_every_kind_of_breakage_is_reported_with_file_line_and_id():
    problems = validate_paths([BROKEN / "broken.jsonl"])
    expected = json.loads((BROKEN / "expected_kinds.json").read_text())
    assert sorted({p.kind for p in problems}) == sorted(expected)
    by_kind = {p.kind: p for p in problems}
    assert by_kind["offset-out-of-range"].line == 2 and by_kind["offset-out-of-range"].doc_id == "bad-0"
    assert by_kind["duplicate-id"].doc_id == "ok-1" and by_kind["duplicate-id"].line == 8
    assert by_kind["parse-error"].line == 9
    assert str(by_kind["bad-date"]).startswith(f"{BROKEN / 'broken.jsonl'}:7: [bad-5] bad-date")


def test_clean_files_pass(tiny_corpus):
    assert validate_paths([tiny_corpus / "train.jsonl"]) == []


def test_validate_command_exit_codes(tiny_corpus, capsys):
    assert main(["validate", str(BROKEN / "broken.jsonl")]) == 1
    assert "problem(s)" in capsys.readouterr().out
    assert main(["validate", str(tiny_corpus / "train.jsonl")]) == 0


def test_unknown_schema_version_is_refused(tmp_path):
    path = tmp_path / "future.jsonl"
    path.write_text(json.dumps({"schema_version": "9.0", "id": "x", "text": "t", "spans": [], "events": []}) + "\n")
    with pytest.raises(SchemaVersionError, match="unknown schema_version '9.0'"):
        list(read_jsonl(path))
    assert any(p.kind == "schema-version" for p in validate_paths([path]))


def test_orphan_trigger_in_team_corpus(tmp_path):
    path = tmp_path / "orphan.jsonl"
    doc = {"id": "o", "text": "they attacked", "spans": [{"id": "t", "start": 5, "end": 13, "label": "TRIGGER"}],
           "events": []}
    path.write_text(json.dumps(doc) + "\n")
    assert [p.kind for p in validate_paths([path])] == ["orphan-trigger"]
