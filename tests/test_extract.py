"""The extract command: input formats, output formats, bad input, resume, sharding."""

import csv
import json
import subprocess
import sys

import pytest

from inference.schema import OUTPUT_COLUMNS
from training.cli import main

GOOD = {"id": "g1", "text": "NIAMEY, March 14 - Gunmen killed two villagers in Tera on Wednesday.",
        "published": "2024-03-14"}


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def model_dir(tiny_trained):
    return str(tiny_trained[0])


def write_bad_input(path):
    """One line per bad-input case, plus good articles."""
    lines = [
        json.dumps(GOOD).encode(),
        json.dumps({"id": "empty", "text": "   \n "}).encode(),
        b'{"id": "broken", "text": "unterminated',
        json.dumps({"id": "utf", "text": "x"}).encode().replace(b"x", b"\xff\xfe"),
        json.dumps({"text": "Soldiers clashed with rebels near Goma overnight."}).encode(),  # missing id
        json.dumps({"id": "g1", "text": "Rebels attacked a village near Beni."}).encode(),  # duplicated id
        json.dumps({"id": "html", "text": "<p>Gunmen <b>killed</b> two police officers in Kano.</p>"}).encode(),
        json.dumps({"id": "fr", "text": "Des hommes armés ont tué au moins douze villageois mercredi dans la "
                                        "ville de Tera, selon le gouverneur de la région."}).encode(),
        json.dumps({"id": "notext", "title": "no text here"}).encode(),
        json.dumps({"id": "huge", "text": "Gunmen killed two villagers in Tera. " * 30000}).encode(),  # ~1.1 MB
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return len(lines)


def test_bad_input_never_kills_the_batch(tmp_path, model_dir, capsys):
    source = tmp_path / "in.jsonl"
    n = write_bad_input(source)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(out), "--model", model_dir, "--quiet"]) == 0
    records = _lines(out)
    assert len(records) == n and [r["index"] for r in records] == list(range(n))
    kinds = {r.get("article_id"): r.get("error_kind") for r in records}
    assert kinds["empty"] == "empty-text"
    assert records[2]["error_kind"] == "bad-json"
    assert records[3]["error_kind"] == "invalid-utf8"
    assert records[4]["article_id"] == "item-4" and "missing-id" in records[4]["warnings"]
    assert any(w.startswith("duplicate-id") for w in records[5]["warnings"])
    assert "html-stripped" in records[6]["warnings"] and "events" in records[6]
    assert kinds["fr"] == "not-english"
    assert kinds["notext"] == "missing-text"
    assert "events" in records[9], "a megabyte-long article is processed in windows, not dropped"
    summary = capsys.readouterr().out
    assert "error bad-json: 1" in summary and "error empty-text: 1" in summary


def test_unusable_input_is_one_error_line(tmp_path, model_dir, capsys):
    assert main(["extract", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--model", model_dir]) == 2
    assert "no such file" in capsys.readouterr().err
    only_bad = tmp_path / "bad.jsonl"
    only_bad.write_text("{nope\n{nope\n")
    assert main(["extract", str(only_bad), "-o", str(tmp_path / "o.jsonl"), "--model", model_dir, "--quiet"]) == 1


def test_csv_and_parquet_have_one_row_per_event_and_an_errors_sidecar(tmp_path, model_dir):
    import pyarrow.parquet as pq

    source = tmp_path / "in.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "published"])
        writer.writerow(["c1", GOOD["text"], "2024-03-14"])
        writer.writerow(["c2", "", "2024-03-14"])
    out_csv = tmp_path / "events.csv"
    assert main(["extract", str(source), "-o", str(out_csv), "--model", model_dir, "--quiet"]) == 0
    with out_csv.open() as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == OUTPUT_COLUMNS
        rows = list(reader)
    canonical = _lines(tmp_path / "events.csv.jsonl")
    assert len(rows) == sum(len(r.get("events", [])) for r in canonical)
    errors = (tmp_path / "events.csv.errors.csv").read_text().splitlines()
    assert len(errors) == 2 and "empty-text" in errors[1]
    out_pq = tmp_path / "events.parquet"
    assert main(["extract", str(source), "-o", str(out_pq), "--model", model_dir, "--quiet"]) == 0
    assert tuple(pq.read_table(out_pq).column_names) == OUTPUT_COLUMNS


def test_txt_file_and_folder_inputs(tmp_path, model_dir):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("2024-03-14\nNIAMEY, March 14 - Gunmen killed two villagers in Tera.")
    (folder / "b.txt").write_text("Soldiers clashed with rebels near Goma.")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--model", model_dir, "--quiet"]) == 0
    records = _lines(out)
    assert [r["article_id"] for r in records] == ["a", "b"]
    assert records[0]["published"] == "2024-03-14"
    assert main(["extract", str(folder / "b.txt"), "-o", str(out), "--model", model_dir, "--quiet"]) == 0
    assert len(_lines(out)) == 1


def test_resume_after_an_interrupted_run(tmp_path, model_dir):
    source = tmp_path / "in.jsonl"
    items = [{"id": f"a{i}", "text": f"Gunmen killed {i + 2} villagers in Tera.", "published": "2024-03-14"}
             for i in range(40)]
    source.write_text("".join(json.dumps(x) + "\n" for x in items))
    full = tmp_path / "full.jsonl"
    assert main(["extract", str(source), "-o", str(full), "--model", model_dir, "--quiet"]) == 0
    # Interrupt a real run: kill the process once it has written some lines.
    out = tmp_path / "out.jsonl"
    code = (
        "import sys, json; import inference.batch as b\n"
        "orig = b.article_line\n"
        "def slow(i, r):\n"
        "    if i == 25: raise KeyboardInterrupt\n"
        "    return orig(i, r)\n"
        "b.article_line = slow\n"
        "from training.cli import main\n"
        f"sys.exit(main(['extract', {str(source)!r}, '-o', {str(out)!r}, '--model', {model_dir!r}, '--quiet']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 130, proc.stderr
    with out.open("a") as handle:
        handle.write('{"index": 25, "partial')  # a torn last line, as a kill mid-write leaves
    done = len(out.read_text().splitlines()) - 1
    assert 0 < done < 40
    assert main(["extract", str(source), "-o", str(out), "--model", model_dir, "--quiet", "--resume"]) == 0
    assert _lines(out) == _lines(full), "no article lost or duplicated"


def test_two_process_sharding_matches_one_process(tmp_path, model_dir):
    source = tmp_path / "in.jsonl"
    items = [{"id": f"s{i}", "text": f"Soldiers clashed with rebels near Goma, killing {i} fighters."}
             for i in range(9)]
    source.write_text("".join(json.dumps(x) + "\n" for x in items))
    one = tmp_path / "one.jsonl"
    assert main(["extract", str(source), "-o", str(one), "--model", model_dir, "--quiet"]) == 0
    two = tmp_path / "two.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "accelerate.commands.launch", "--cpu", "--num_processes", "2", "--num_machines", "1",
         "--mixed_precision", "no", "--dynamo_backend", "no", "-m", "training.cli", "extract", str(source),
         "-o", str(two), "--model", model_dir, "--quiet", "--device", "cpu"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    a, b = _lines(one), _lines(two)
    assert [r["index"] for r in b] == list(range(9))
    strip = lambda rs: [{k: v for k, v in r.items() if k != "provenance"} for r in rs]
    assert strip(a) == strip(b)
