"""Shared fixtures: a tiny random BERT (2 layers, hidden 32) with a team-written cased vocab, and tiny data."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

TESTS = Path(__file__).parent
REPO = TESTS.parent
CORPORA = REPO.parent / "shared" / "corpora"

_WORDS = """
the a an of in on at to and or but was were is are by for with from that this said killed dead wounded hurt
at least more than up to about nearly some dozens several two three five twelve fifteen dozen hundred
Gunmen gunmen Soldiers soldiers rebels villagers police army fighters militants protesters students
attacked attack clashed clash killed killing exploded explosion bomb roadside airstrike drone shelling
abducted kidnapped arrested protest protested rioted looted seized captured withdrew signed ceasefire
Tera Goma Beni Niamey NIAMEY Kabul KABUL Lagos Herat Borno Kano Tillaberi governor group local toll put
Wednesday Thursday Saturday Sunday Monday Tuesday Friday overnight yesterday week month Last last March May
June July put left nobody near strikers launched wave after visitors fired shots distance derby ended
goalless Test Wire Herald report reported officials official spokesman town village district province
""".split()


def _vocab() -> list[str]:
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = [chr(c) for c in range(33, 127)]
    pieces = ["##" + c for c in chars if c.isalnum()]
    words = sorted(set(_WORDS))
    return specials + chars + pieces + [w for w in words if w not in chars]


@pytest.fixture(scope="session")
def tiny_base_model(tmp_path_factory) -> Path:
    """A randomly initialised 2-layer BERT encoder and its cased tokenizer, saved to a folder."""
    from transformers import BertConfig, BertModel, BertTokenizer

    folder = tmp_path_factory.mktemp("tiny-bert")
    vocab = _vocab()
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizer(vocab={t: i for i, t in enumerate(vocab)}, do_lower_case=False)
    import torch

    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
    )
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory) -> Path:
    """tests/data/tiny.yaml compiled into train/validation/test JSONL (the same articles in each)."""
    from inference.schema import write_jsonl
    from training.markup import compile_paths

    folder = tmp_path_factory.mktemp("tiny-corpus")
    docs = compile_paths([TESTS / "data" / "tiny.yaml"])
    for split in ("train", "validation", "test"):
        write_jsonl(folder / f"{split}.jsonl", docs)
    return folder


def tiny_config(tmp_path: Path, base_model: Path, corpus: Path, **extra) -> Path:
    """Write a run config for the tiny model; extra keys override."""
    import yaml

    config = {
        "model_name_or_path": str(base_model),
        "max_length": 32,
        "stride": 8,
        "train_files": [str(corpus / "train.jsonl")],
        "validation_files": [str(corpus / "validation.jsonl")],
        "test_files": [str(corpus / "test.jsonl")],
        "num_train_epochs": 2,
        "learning_rate": 5.0e-3,
        "per_device_train_batch_size": 4,
        "per_device_eval_batch_size": 8,
        "train_sampling_strategy": "group_by_length",
        "eval_strategy": "epoch",
        "save_strategy": "epoch",
        "load_best_model_at_end": True,
        "metric_for_best_model": "f1",
        "use_cpu": True,
        "report_to": "none",
        "seed": 1,
        "disable_tqdm": True,
    }
    config.update(extra)
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def pytest_collection_modifyitems(config, items):
    import torch

    skip_corpora = pytest.mark.skip(reason=f"public corpora not found at {CORPORA}")
    skip_gpu = pytest.mark.skip(reason="no CUDA GPU on this machine")
    for item in items:
        if "corpora" in item.keywords and not CORPORA.is_dir():
            item.add_marker(skip_corpora)
        if "gpu" in item.keywords and not torch.cuda.is_available():
            item.add_marker(skip_gpu)


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.fixture(scope="session")
def tiny_trained(tmp_path_factory, tiny_base_model, tiny_corpus):
    """The tiny BERT fine-tuned for two epochs on the tiny corpus: (model folder, metrics)."""
    from training.trainer import train

    folder = tmp_path_factory.mktemp("run")
    config = tiny_config(folder, tiny_base_model, tiny_corpus)
    metrics = train(config, folder / "model")
    return folder / "model", metrics
