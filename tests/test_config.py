from pathlib import Path

import pytest
import torch

from training.arguments import load_config

CONFIGS = sorted((Path(__file__).parents[1] / "configs").glob("*.yaml"))


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_every_config_loads(path):
    import yaml

    raw = yaml.safe_load(path.read_text())
    if raw.get("bf16") and not torch.cuda.is_available():
        # bf16 runs need a GPU: the types and keys are checked, then TrainingArguments refuses the hardware.
        with pytest.raises(ValueError, match="bf16"):
            load_config(path)
        return
    config = load_config(path)
    assert config.data.train_files or config.data.corpora
    assert config.model.max_length > config.model.stride


def test_there_are_the_two_required_configs():
    names = {p.name for p in CONFIGS}
    assert {"quickstart.yaml", "gpu-base.yaml"} <= names


def test_quickstart_uses_the_offline_model_on_cpu():
    config = load_config("configs/quickstart.yaml")
    assert config.model.model_name_or_path == "minilm"
    assert config.training.train_sampling_strategy == "group_by_length"


@pytest.mark.parametrize(
    "override, message",
    [
        ({"learning_rate": "1e-5"}, "learning_rate"),  # PyYAML reads 1e-5 as a string
        ({"lerning_rate": 1.0e-5}, "unknown config key"),
        ({"max_length": "256"}, "max_length"),
        ({"num_train_epochs": True}, "num_train_epochs"),
        ({"train_files": "data/train.jsonl"}, "train_files"),
        ({"stride": 200}, "stride"),
    ],
)
def test_bad_config_fails_with_the_key_named(override, message):
    with pytest.raises(ValueError, match=message):
        load_config("configs/quickstart.yaml", override)


def test_missing_config_file():
    with pytest.raises(FileNotFoundError, match="config file not found"):
        load_config("configs/nope.yaml")
