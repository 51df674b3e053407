"""train -> save -> load -> extract with the tiny random BERT, in seconds."""

import json

import pytest
from safetensors.torch import load_file

from conftest import tiny_config
from training.trainer import train


@pytest.fixture
def trained(tiny_trained):
    return tiny_trained


def test_training_saves_a_self_describing_model(trained):
    model_dir, metrics = trained
    assert (model_dir / "model.safetensors").is_file()
    assert not list(model_dir.glob("*.bin")), "safetensors only"
    config = json.loads((model_dir / "config.json").read_text())
    settings = config["conflict_events"]
    assert settings["schema_version"] == "1.0" and settings["max_length"] == 32 and settings["stride"] == 8
    assert config["id2label"]["0"] == "O" and "B-TRIGGER|Armed clash" in config["label2id"]
    assert load_file(model_dir / "model.safetensors")
    saved = json.loads((model_dir / "metrics.json").read_text())
    assert {"train", "validation", "test"} <= set(saved)
    assert 0.0 <= saved["test"]["span_f1"] <= 1.0 and saved["test"]["gold_events"] == 3
    card = (model_dir / "README.md").read_text()
    assert "Base model" in card and "span F1" in card


def test_saved_model_extracts_events(trained):
    from inference import EventExtractor

    model_dir, _ = trained
    extractor = EventExtractor.from_pretrained(model_dir, device="cpu")
    one = extractor.extract({"id": "a", "text": "Gunmen killed two villagers in Tera on Wednesday.",
                             "published": "2024-03-14"})
    assert one.article_id == "a" and one.error is None
    assert one.provenance.schema_version == "1.0" and one.provenance.package_version
    many = extractor.extract(["Soldiers clashed with rebels near Goma.", "The derby ended goalless."])
    assert isinstance(many, list) and len(many) == 2
    stream = extractor.extract(iter(["x y z"] * 3))
    assert not isinstance(stream, list) and len(list(stream)) == 3
    for span in one.spans:
        assert one.to_dict()["spans"] is not None
        assert 0 <= span.start < span.end <= len("Gunmen killed two villagers in Tera on Wednesday.")


def test_resume_continues_from_a_checkpoint(tmp_path, tiny_base_model, tiny_corpus):
    config = tiny_config(tmp_path, tiny_base_model, tiny_corpus, num_train_epochs=1, load_best_model_at_end=False)
    out = tmp_path / "model"
    train(config, out)
    checkpoints = sorted(out.glob("checkpoint-*"))
    assert checkpoints, "an epoch checkpoint is saved"
    first_step = int(checkpoints[-1].name.split("-")[1])
    config2 = tiny_config(tmp_path, tiny_base_model, tiny_corpus, num_train_epochs=2, load_best_model_at_end=False)
    metrics = train(config2, out, resume=True)
    state = json.loads((sorted(out.glob("checkpoint-*"))[-1] / "trainer_state.json").read_text())
    assert state["global_step"] == 2 * first_step, "the second run continued, it did not start over"
    assert metrics["train"]["epoch"] == pytest.approx(2.0)


def test_pipeline_task_is_registered(trained):
    from transformers import pipeline

    import inference.pipeline  # noqa: F401  registers the task

    model_dir, _ = trained
    pipe = pipeline("conflict-event-extraction", model=str(model_dir), device="cpu")
    out = pipe({"text": "Gunmen killed two villagers in Tera.", "id": "p1"})
    assert out["article_id"] == "p1" and "events" in out


def test_head_gets_its_own_learning_rate(tiny_base_model, tmp_path):
    from transformers import AutoModelForTokenClassification, TrainingArguments

    from training.trainer import EventTrainer

    model = AutoModelForTokenClassification.from_pretrained(tiny_base_model, num_labels=3)
    args = TrainingArguments(output_dir=str(tmp_path), learning_rate=1.0e-4, use_cpu=True, report_to="none")
    optimizer = EventTrainer(model=model, args=args, head_learning_rate=1.0e-2).create_optimizer()
    head = {id(model.classifier.weight), id(model.classifier.bias)}
    rates = {id(p): g["lr"] for g in optimizer.param_groups for p in g["params"]}
    assert {rates[i] for i in head} == {1.0e-2}
    assert {r for i, r in rates.items() if i not in head} == {1.0e-4}
    assert sum(len(g["params"]) for g in optimizer.param_groups) == len(list(model.parameters()))
