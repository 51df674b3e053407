"""Converters from public corpora: team-written fixtures (invented ids and sentences) in tests/data/converters/,
one per format with the traps of the real files, and a `corpora` test on the real corpora when they are present."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from training.converters import CONVERTERS, convert, load_mapping, load_public_corpus, mapping_path, partition_of
from training.converters.conll import chunks
from training.converters.mapping import CONFIG_DIR, hash_split, parse_mapping
from training.converters.muc4_keys import count_of, incident_date, incident_place
from training.converters.re3d import documents_with_sentences
from training.converters.rules import EventView, classify, compile_rules
from training.validation import validate_paths

DATA = Path(__file__).parent / "data" / "converters"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
RE3D_MAPPING = CONFIG_DIR / "re3d.yaml"


def run(tmp_path: Path, fmt: str, mapping: Path | None = None, folder: str | None = None):
    out = tmp_path / f"{fmt}.jsonl"
    report = convert(fmt, [DATA / (folder or fmt)], out, mapping)
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return report, {d["id"]: d for d in docs}


def surface(doc: dict[str, Any], span_id: str | None) -> str | None:
    span = next((s for s in doc["spans"] if s["id"] == span_id), None)
    return None if span is None else doc["text"][span["start"] : span["end"]]


def args(doc: dict[str, Any], event: dict[str, Any]) -> dict[str, list[str]]:
    return {role: [surface(doc, i) for i in ids] for role, ids in event["arguments"].items()}


# Every converter's fixture output passes the validator, with the expected counts.
@pytest.mark.parametrize(
    "fmt, mapping, documents, events, typed",
    [
        ("conll", RE3D_MAPPING, 5, 0, 0),
        ("brat", None, 1, 1, 1),
        ("m2e2", None, 4, 6, 4),
        ("muc4", None, 3, 4, 3),
        ("gvdb", None, 2, 2, 0),
        ("wikievents", None, 1, 3, 1),
        ("rams", None, 2, 2, 2),
        ("re3d", None, 1, 0, 0),
    ],
)
def test_fixture_converts_and_validates(tmp_path, fmt, mapping, documents, events, typed):
    report, _ = run(tmp_path, fmt, mapping)
    assert validate_paths([report.output]) == []
    assert (report.documents, report.events, report.typed_events) == (documents, events, typed)
    assert not any("not in the mapping file" in reason for reason in report.reasons)


def test_registry_covers_every_format():
    assert set(CONVERTERS) == {"conll", "brat", "m2e2", "muc4", "gvdb", "wikievents", "rams", "re3d"}
    with pytest.raises(ValueError, match="unknown corpus format"):
        convert("acled", [DATA], Path("unused.jsonl"))
    with pytest.raises(ValueError, match="no mapping file"):
        convert("conll", [DATA / "conll"], Path("unused.jsonl"))


def test_conll_strips_crlf_and_rebuilds_text_with_offsets(tmp_path):
    report, docs = run(tmp_path, "conll", RE3D_MAPPING)
    doc = docs["re3d/test-00001"]
    assert "\r" not in doc["text"]
    assert doc["text"] == "The Korva Defence Brigade shelled Tamsel on 12 May ."
    assert [(surface(doc, s["id"]), s["label"]) for s in doc["spans"]] == [
        ("The Korva Defence Brigade", "ACTOR"),
        ("Tamsel", "LOCATION"),
        ("12 May", "DATE"),
    ]
    # Person and Quantity are unmapped: dropped by design, so noted rather than skipped.
    assert [s["label"] for s in docs["re3d/test-00002"]["spans"]] == ["WEAPON", "WEAPON"]
    assert report.notes["re3d: label 'Person' unmapped (span dropped)"] == 1
    assert partition_of(doc, load_mapping(RE3D_MAPPING)) == "evaluation"


def test_conll_docstart_sections_are_documents(tmp_path):
    _, docs = run(tmp_path, "conll", RE3D_MAPPING)
    first = docs["re3d/docstart-00001"]
    assert first["text"] == "Orlan militia withdrew .\nThey left Bekta ."
    # `I-Location` opening a chunk (IOB1) still makes a span; space-separated columns take the last as label.
    assert [surface(first, s["id"]) for s in first["spans"]] == ["Orlan", "militia", "Bekta"]
    assert docs["re3d/docstart-00002"]["text"] == "Calm returned ."


def test_chunks_reads_bio_iob1_and_bioes():
    assert chunks(["B-A", "I-A", "B-A", "O", "I-B", "I-B", "S-C", "B-D", "E-D"]) == [
        (0, 2, "A"), (2, 3, "A"), (4, 6, "B"), (6, 7, "C"), (7, 9, "D"),
    ]


def test_brat_first_fragment_roles_and_skipped_lines(tmp_path):
    report, docs = run(tmp_path, "brat")
    doc = docs["brat/eval-ambush"]
    (event,) = doc["events"]
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")
    assert surface(doc, event["trigger"]) == "ambushed"
    assert args(doc, event) == {
        "actor1": ["Armed raiders"],
        "actor2": ["army convoy"],
        "location": ["North"],  # discontinuous "North ... Dalsen": first fragment
        "date": ["on Monday"],
        "source": ["the district office"],  # `source2`: BRAT's repeated-role suffix
    }
    assert report.notes["brat: discontinuous BRAT span: first fragment kept"] == 1
    assert all(report.notes[f"brat: BRAT {kind} line skipped"] == 1 for kind in "AR#N")
    assert report.reasons["brat: .txt without .ann (document skipped)"] == 1


def test_m2e2_merges_repeated_sentence_ids_before_anything_else(tmp_path):
    report, docs = run(tmp_path, "m2e2")
    assert len(docs) == 4 and report.notes["m2e2: repeated sentence id merged"] == 1
    doc = docs["m2e2/INV_EN_NW_2031.05.02.0000001_0"]
    kinds = sorted((e["source_event_type"], e["sub_event_type"]) for e in doc["events"])
    assert kinds == [("Conflict:Attack", "Shelling/artillery/missile attack"), ("Life:Die", None)]
    attack = next(e for e in doc["events"] if e["source_event_type"] == "Conflict:Attack")
    assert args(doc, attack)["weapon"] == ["mortar shells"]
    assert doc["published"] == "2031-05-02" and doc["origin"] == "m2e2"


@pytest.mark.parametrize(
    "sentence_id, sub_event_type",
    [
        ("m2e2/INV_EN_NW_2031.06.11.0000002_0", "Air/drone strike"),  # keyword in the trigger
        ("m2e2/INV_EN_NW_2031.06.11.0000002_3", "Attack"),  # civilians as target
        ("m2e2/INV_EN_NW_2031.05.02.0000001_1", "Arrests"),
    ],
)
def test_m2e2_event_types_follow_the_mapping_rules(tmp_path, sentence_id, sub_event_type):
    _, docs = run(tmp_path, "m2e2")
    assert docs[sentence_id]["events"][0]["sub_event_type"] == sub_event_type


def test_m2e2_unmapped_roles_are_dropped_and_unmapped_types_kept(tmp_path):
    _, docs = run(tmp_path, "m2e2")
    doc = docs["m2e2/INV_EN_NW_2031.05.02.0000001_1"]
    move = next(e for e in doc["events"] if e["source_event_type"] == "Movement:Transport")
    assert move["event_type"] is None and args(doc, move) == {"actor1": ["Police"]}


def test_muc4_grit_text_templates_and_raw_fallback(tmp_path):
    _, docs = run(tmp_path, "muc4")
    grit = docs["muc4/DEV-MUC9-9001"]
    assert grit["text"] == grit["text"].lower()  # GRIT's lower-cased text, with GRIT's own offsets
    assert grit["published"] == "1989-03-14"  # from the raw dateline
    attack, bombing, threat = grit["events"]
    assert attack["sub_event_type"] == "Attack"
    # MUC-4 marks no trigger: the incident type's word nearest to the first argument is taken
    surface = {sp["id"]: grit["text"][sp["start"] : sp["end"]] for sp in grit["spans"]}
    assert surface[attack["trigger"]] == "killed"
    assert surface[bombing["trigger"]] == "blow up"  # not "dynamite": that is already the weapon span
    assert threat["trigger"] is None  # a threat has no ACLED type: no trigger is looked for
    # Upper-case template strings are found in lower-case text.
    assert args(grit, attack)["actor1"] == ["gunmen", "people's liberation vanguard"]
    assert attack["fatalities"] == {"best": 3, "low": 3, "high": 3, "vague": False}
    assert (attack["event_date"], attack["time_precision"], attack["country"]) == ("1989-03-13", 1, "SV")
    assert (attack["admin1"], attack["location"], attack["geo_precision"]) == ("Morazan", "San Jacinto", 1)
    assert bombing["sub_event_type"] == "Disrupted weapons use" and bombing["time_precision"] == 2
    assert threat["event_type"] is None and threat["source_event_type"] == "KIDNAPPING"
    raw = docs["muc4/TST1-MUC9-9101"]
    assert raw["text"].startswith("UNIDENTIFIED MEN SET FIRE")  # no GRIT record: the raw upper-case text
    assert args(raw, raw["events"][0])["actor2"] == ["PASSENGER BUS"]
    assert raw["events"][0]["event_date"] == "1989-03-20"
    trigger = next(sp for sp in raw["spans"] if sp["id"] == raw["events"][0]["trigger"])
    assert raw["text"][trigger["start"] : trigger["end"]] == "SET FIRE"
    mapping = load_mapping(mapping_path("muc4"))
    assert [partition_of(d, mapping) for d in docs.values()] == ["train", "train", "evaluation"]


def test_muc4_slot_values():
    assert incident_date("- 08 JAN 90") == ("1990-01-08", 2)
    assert incident_date("(31 MAR 90 - 01 APR 90) / (01 APR 90)") == ("1990-03-31", 2)
    assert incident_place("(COLOMBIA: BOGOTA (CITY)) / (COLOMBIA)") == [("COLOMBIA", "COUNTRY"), ("BOGOTA", "CITY")]
    assert count_of("7 - 10") == {"best": 7, "low": 7, "high": 10, "vague": False}
    assert count_of("PLURAL")["vague"] is True


def test_gvdb_json_lines_one_document_level_event(tmp_path):
    _, docs = run(tmp_path, "gvdb")
    doc = docs["gvdb/9001"]
    assert doc["published"] == "2031-03-07"  # `2031-3-7` in the source
    (event,) = doc["events"]
    assert event["event_type"] is None and event["source_event_type"] == "shooting"
    assert args(doc, event) == {
        "location": ["Elmford", "Linden Street"],
        "date": ["late Friday"],
        "actor1": ["Carl Benning"],
        "weapon": ["rifle"],
    }


def test_wikievents_text_is_rebuilt_so_offsets_hold(tmp_path):
    _, docs = run(tmp_path, "wikievents")
    doc = docs["wikievents/invented_bomb_1"]
    assert "Orlan A car bomb" in doc["text"]  # the glued source text had "OrlanA car bomb"
    bomb = doc["events"][0]
    assert surface(doc, bomb["trigger"]) == "exploded"
    assert bomb["sub_event_type"] == "Remote explosive/landmine/IED"
    assert args(doc, bomb) == {"weapon": ["car bomb"], "location": ["Orlan courthouse"], "actor1": ["Dune Front"]}


def test_rams_roles_and_types(tmp_path):
    _, docs = run(tmp_path, "rams")
    rockets = docs["rams/inv_rams_1"]["events"][0]
    assert rockets["sub_event_type"] == "Shelling/artillery/missile attack"
    arrest = docs["rams/inv_rams_2"]
    assert args(arrest, arrest["events"][0]) == {
        "actor1": ["Border guards"],
        "actor2": ["two smugglers"],
        "location": ["Bekta"],
    }
    assert arrest["url"] == "http://news.invalid/inv_rams_2"


def test_re3d_confidence_and_overlaps(tmp_path):
    report, docs = run(tmp_path, "re3d")
    doc = docs["re3d/ABCDEF0123456789ABCDEF0123456789"]
    assert [(surface(doc, s["id"]), s["label"]) for s in doc["spans"]] == [
        ("The Members of the Northern Council", "ACTOR"),  # the nested "Northern Council" is dropped
        ("Dune Front", "ACTOR"),
        ("tanks", "WEAPON"),
    ]
    assert doc["events"] == [] and doc["source"] == "Invented Wire"
    assert report.reasons["re3d: entity below min_confidence (dropped)"] == 2
    assert partition_of(doc, load_mapping(RE3D_MAPPING)) == "evaluation"


def test_rule_engine_conditions():
    rules = compile_rules(
        [
            {"when": {"field": {"name": "stage", "pattern": "^THREATENED"}}, "unmapped": "a threat"},
            {"when": {"text": {"roles": ["trigger", "weapon"], "pattern": "drone|air ?strike"}},
             "sub_event_type": "Air/drone strike"},
            {"when": {"all": [{"has_role": "actor2"}, {"not": {"text": {"roles": ["actor2"], "pattern": "troops"}}}]},
             "sub_event_type": "Attack"},
            {"sub_event_type": "Armed clash"},
        ],
        "test",
    )
    assert classify(rules, EventView({"trigger": ("airstrike",)})) == ("Explosions/Remote violence", "Air/drone strike")
    assert classify(rules, EventView({"trigger": ("hit",), "actor2": ("farmers",)})) == (
        "Violence against civilians",
        "Attack",
    )
    assert classify(rules, EventView({"trigger": ("hit",), "actor2": ("troops",)})) == ("Battles", "Armed clash")
    assert classify(rules, EventView({}, {"stage": ("THREATENED",)})) == (None, None)
    assert classify(compile_rules(None, "test"), EventView()) == (None, None)


@pytest.mark.parametrize(
    "spec, message",
    [
        ("Airstrike", "not an ACLED sub-event type"),
        ([{"when": {"text": {"roles": ["victim"], "pattern": "x"}}, "sub_event_type": "Attack"}], "our roles"),
        ([{"when": {"text": {"roles": ["trigger"], "pattern": "("}}, "sub_event_type": "Attack"}], "bad pattern"),
        ([{"when": {"keyword": "x"}, "sub_event_type": "Attack"}], "unknown condition"),
        ([{"when": {"has_role": "actor2"}}], "exactly one of"),
    ],
)
def test_rule_engine_rejects_bad_rules(spec, message):
    with pytest.raises(ValueError, match=message):
        compile_rules(spec, "test")


def test_every_shipped_mapping_loads_and_declares_a_partition():
    files = sorted(CONFIG_DIR.glob("*.yaml"))
    assert {f.stem for f in files} >= {"m2e2", "muc4", "gvdb", "wikievents", "rams", "re3d", "brat"}
    for path in files:
        mapping = load_mapping(path)
        assert any(mapping.partition.values()), path
        assert mapping.inputs.get("format", "conll") in CONVERTERS, path


def test_evaluation_hash_splits_by_article():
    raw = {"name": "x", "origin": "x", "id_prefix": "x/",
           "partition": {"evaluation_hash": {"salt": "x", "percent": 30}, "train": ["x/*"]}}
    mapping = parse_mapping(raw)
    articles = [f"story{i}" for i in range(40)]
    chosen = hash_split(articles, "x", 30)
    assert 0 < len(chosen) < len(articles)
    for article in articles:
        parts = {partition_of({"id": f"x/{article}_{n}"}, mapping) for n in range(3)}
        assert parts == {"evaluation" if article in chosen else "train"}
    with pytest.raises(ValueError, match="evaluation_hash"):
        parse_mapping({**raw, "partition": {"evaluation_hash": {"salt": "x", "percent": "30"}}})


def test_partition_of_rejects_undeclared_documents():
    mapping = parse_mapping({"name": "x", "origin": "x", "partition": {"evaluation": ["x/eval-*"]}})
    assert partition_of({"id": "x/eval-1"}, mapping) == "evaluation"
    with pytest.raises(ValueError, match="neither partition"):
        partition_of({"id": "x/other"}, mapping)


def test_mapping_files_are_checked():
    with pytest.raises(ValueError, match="unknown keys"):
        parse_mapping({"name": "x", "origin": "x", "label": {}})
    with pytest.raises(ValueError, match="not one of"):
        parse_mapping({"name": "x", "origin": "x", "labels": {"PER": "PERSON"}})
    with pytest.raises(ValueError, match="needs a one-line reason"):
        parse_mapping({"name": "x", "origin": "x", "unmapped": {"PER": ""}})


# --- the real corpora (../shared/corpora), skipped when absent --------------------------------------------------

_REAL = ["m2e2", "muc4", "gvdb", "wikievents", "rams", "re3d"]


@pytest.mark.corpora
@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"public corpora not found at {CORPORA}")
@pytest.mark.parametrize("name", _REAL)
def test_real_corpus_converts_and_validates(tmp_path, name):
    mapping = load_mapping(mapping_path(name))
    inputs = [CORPORA / p for p in mapping.inputs["paths"]]
    report = convert(mapping.inputs["format"], inputs, tmp_path / f"{name}.jsonl", mapping.path)
    assert report.documents > 0
    assert validate_paths([report.output]) == []
    # Every source label, role and event type met is either mapped or listed under `unmapped`.
    assert not [r for r in report.reasons if "not in the mapping file" in r]
    assert set(report.partitions) <= {"train", "evaluation"}


@pytest.mark.corpora
@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"public corpora not found at {CORPORA}")
def test_real_re3d_json_and_m2e2_split(tmp_path):
    report = convert("re3d", [CORPORA / "re3d"], tmp_path / "re3d-json.jsonl")
    assert report.documents == 98 and validate_paths([report.output]) == []
    assert report.partitions == {"evaluation": 98}
    # The M2E2 hash rule splits by article: 50 of 229 articles, 1,437 sentences, no article on both sides.
    m2e2 = load_mapping(mapping_path("m2e2"))
    parts: dict[str, set[str]] = {}
    for doc in load_public_corpus("m2e2", CORPORA):
        parts.setdefault(doc["id"].rsplit("_", 1)[0], set()).add(partition_of(doc, m2e2))
    evaluation = [a for a, p in parts.items() if p == {"evaluation"}]
    assert all(len(p) == 1 for p in parts.values()) and (len(evaluation), len(parts)) == (50, 229)
    # ConfliBERT split re3d by sentence: its test sentences lie in most documents, so no document split holds them out.
    test_file = CORPORA / "conflibert-sets" / "re3d" / "test.txt"
    holding_test, missing = documents_with_sentences(test_file, [CORPORA / "re3d"])
    assert len(holding_test) > 70 and missing == 0
    # The re3d partition's evaluation part is exactly ConfliBERT's test split.
    evaluation = load_public_corpus("re3d", CORPORA, partition="evaluation")
    assert len(evaluation) == 200 and all(d["id"].startswith("re3d/test-") for d in evaluation)
