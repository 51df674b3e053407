import json

from inference.labels import build_label_list, split_entity
from inference.windows import WindowSettings, tokenize_windows
from training.preprocessing import IGNORE_INDEX, align_labels, char_entities, tokenize_and_align

LABELS = build_label_list()
L2ID = {label: i for i, label in enumerate(LABELS)}
ID2L = dict(enumerate(LABELS))


def test_label_list_is_bio_over_typed_triggers_and_plain_labels():
    assert LABELS[0] == "O"
    assert "B-TRIGGER|Armed clash" in LABELS and "I-TRIGGER|Remote explosive/landmine/IED" in LABELS
    assert "B-FATALITIES" in LABELS and "B-TRIGGER" not in LABELS
    assert len(LABELS) == 1 + 2 * (25 + 8)
    assert split_entity("TRIGGER|Air/drone strike") == ("TRIGGER", "Air/drone strike")


def test_alignment_on_hand_built_offsets():
    # [CLS] Gun ##men killed 12 [SEP]
    offsets = [(0, 0), (0, 3), (3, 6), (7, 13), (14, 16), (0, 0)]
    entities = [(0, 6, "ACTOR"), (7, 13, "TRIGGER|Attack"), (14, 16, "FATALITIES")]
    labels = [ID2L.get(i, i) for i in align_labels(offsets, entities, L2ID)]
    assert labels == [IGNORE_INDEX, "B-ACTOR", "I-ACTOR", "B-TRIGGER|Attack", "B-FATALITIES", IGNORE_INDEX]


def test_adjacent_spans_of_one_label_stay_apart():
    offsets = [(0, 3), (4, 7)]
    labels = [ID2L[i] for i in align_labels(offsets, [(0, 3, "ACTOR"), (4, 7, "ACTOR")], L2ID)]
    assert labels == ["B-ACTOR", "B-ACTOR"]


def test_untyped_trigger_tokens_are_ignored_not_taught_as_o():
    doc = {"spans": [{"id": "t", "start": 0, "end": 4, "label": "TRIGGER"}], "events": []}
    entities = char_entities(doc)
    assert entities == [(0, 4, None)]
    assert align_labels([(0, 4)], entities, L2ID) == [IGNORE_INDEX]


def test_span_crossing_a_window_boundary_is_labelled_in_both_windows(tiny_base_model):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_base_model)
    text = "the the the the the Gunmen Soldiers police army fighters killed two"
    start = text.index("Gunmen")
    end = text.index(" killed")
    settings = WindowSettings(max_length=10, stride=2)
    batch = tokenize_windows(tokenizer, [text], settings)
    assert len(batch["input_ids"]) > 1, "the text must need several windows"
    seen_b = 0
    for offsets in batch["offset_mapping"]:
        labels = align_labels(offsets, [(start, end, "ACTOR")], L2ID)
        inside = [ID2L[l] for l, (s, e) in zip(labels, offsets) if e > s and start <= s < end]
        if inside:
            assert inside[0] == "B-ACTOR" and set(inside[1:]) <= {"I-ACTOR"}
            seen_b += 1
    assert seen_b >= 2, "the span should appear, opened with B-, in two windows"


def test_tokenize_and_align_keeps_every_token(tiny_base_model):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_base_model)
    text = " ".join(["Gunmen killed two villagers in Tera on Wednesday ."] * 6)
    examples = {"text": [text], "spans": [[]], "events_json": [json.dumps([])]}
    out = tokenize_and_align(examples, tokenizer=tokenizer, label2id=L2ID, settings=WindowSettings(24, 4))
    full = tokenizer(text, add_special_tokens=False)["input_ids"]
    windows = out["input_ids"]
    assert all(len(w) <= 24 for w in windows)
    covered = sum(len(w) - 2 for w in windows) - 4 * (len(windows) - 1)
    assert covered == len(full), "windows overlap by the stride and drop nothing"
    assert out["length"] == [len(w) for w in windows]
