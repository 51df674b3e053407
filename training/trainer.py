"""Fine-tuning: corpus -> windows -> HF Trainer (accelerate underneath) -> a self-describing saved model."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from functools import partial
from pathlib import Path
from typing import Any

import evaluate
import numpy as np
from torch.utils.data import DataLoader
from transformers import (
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForTokenClassification,
    EarlyStoppingCallback,
    Trainer,
)
from transformers.trainer_utils import get_last_checkpoint, seed_worker

from inference.labels import build_label_list
from inference.schema import SCHEMA_VERSION
from inference.version import __version__
from inference.windows import WindowSettings
from training.arguments import RunConfig, load_config, resolve_model_path
from training.corpus import load_corpus
from training.preprocessing import IGNORE_INDEX, tokenize_and_align
from training.sampling import TokenBudgetBatchSampler

logger = logging.getLogger(__name__)
METRIC_PATH = str(Path(__file__).parent / "metrics" / "seqeval_spans")


def window_metrics(id2label: dict[int, str]):
    """compute_metrics for the Trainer: span F1 over windows (cheap; the doc-level scores come after)."""
    metric = evaluate.load(METRIC_PATH)

    def compute(eval_pred: Any) -> dict[str, float]:
        logits, labels = eval_pred
        predictions = np.argmax(logits, axis=-1)
        preds, refs = [], []
        for pred_row, label_row in zip(predictions, labels):
            keep = label_row != IGNORE_INDEX
            preds.append([id2label[int(p)] for p in pred_row[keep]])
            refs.append([id2label[int(t)] for t in label_row[keep]])
        scores = metric.compute(predictions=preds, references=refs)
        return {
            "precision": scores["overall_precision"],
            "recall": scores["overall_recall"],
            "f1": scores["overall_f1"],
            "macro_f1": scores["macro_f1"],
        }

    return compute


class EventTrainer(Trainer):
    """The HF Trainer with its own learning rate for the (randomly initialised) classification head and, when
    `batch_tokens` is set, token-budget training batches (training.sampling)."""

    def __init__(
        self, *args: Any, head_learning_rate: float | None = None, batch_tokens: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.head_learning_rate = head_learning_rate
        self.batch_tokens = batch_tokens

    def get_train_dataloader(self) -> DataLoader:
        if self.batch_tokens is None:
            return super().get_train_dataloader()
        dataset = self._remove_unused_columns(self.train_dataset, description="Training")
        sampler = TokenBudgetBatchSampler(self.train_dataset["length"], self.batch_tokens, seed=self.args.seed)
        workers = self.args.dataloader_num_workers
        loader = DataLoader(
            dataset,
            batch_sampler=sampler,
            collate_fn=self.data_collator,
            num_workers=workers,
            pin_memory=self.args.dataloader_pin_memory,
            persistent_workers=self.args.dataloader_persistent_workers and workers > 0,
            prefetch_factor=self.args.dataloader_prefetch_factor if workers > 0 else None,
            # the same per-worker seeds as the Trainer's own loader, so runs with workers repeat
            worker_init_fn=partial(seed_worker, num_workers=workers, rank=self.args.process_index),
        )
        # accelerate deals the batches out to the processes (BatchSamplerShard) when there are several
        return self.accelerator.prepare(loader)

    def create_optimizer(self, model: Any = None):
        optimizer = super().create_optimizer(model)
        if self.head_learning_rate is None or getattr(self, "_head_group_added", False):
            return optimizer
        model = self.model if model is None else model
        prefix = model.base_model_prefix + "."
        head = {id(p) for n, p in model.named_parameters() if not n.startswith(prefix)}
        for group in list(optimizer.param_groups):
            moved = [p for p in group["params"] if id(p) in head]
            if moved:
                group["params"] = [p for p in group["params"] if id(p) not in head]
                extra = {k: v for k, v in group.items() if k not in ("params", "lr", "initial_lr")}
                optimizer.add_param_group({**extra, "params": moved, "lr": self.head_learning_rate})
        self._head_group_added = True
        return optimizer


def build_model(config: RunConfig):
    path = resolve_model_path(config.model.model_name_or_path)
    labels = build_label_list()
    tokenizer = AutoTokenizer.from_pretrained(path)
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError(f"{path}: a fast tokenizer is needed for char offsets")
    model = AutoModelForTokenClassification.from_pretrained(
        path,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    return model, tokenizer


def describe_model(model: Any, config: RunConfig, settings: WindowSettings) -> None:
    """Record in config.json everything inference needs: label scheme, windows, versions."""
    model.config.conflict_events = {
        "schema_version": SCHEMA_VERSION,
        "package_version": __version__,
        "label_scheme": "bio-typed-triggers",
        "base_model": config.model.model_name_or_path,
        "max_length": settings.max_length,
        "stride": settings.stride,
        "trained_on": config.data.train_files + [f"corpus:{c}" for c in config.data.corpora],
        "trained_at": dt.date.today().isoformat(),
    }


def train(
    config_path: str | Path,
    output_dir: str | Path,
    *,
    overrides: dict[str, Any] | None = None,
    resume: bool = False,
) -> dict[str, Any]:
    """Fine-tune a model as a run config says; save it to `output_dir` and return the metrics.

    >>> metrics = train("configs/quickstart.yaml", "runs/quickstart")  # doctest: +SKIP
    >>> sorted(metrics)  # doctest: +SKIP
    ['test', 'train', 'validation']
    """
    output_dir = Path(output_dir)
    config = load_config(config_path, {**(overrides or {}), "output_dir": str(output_dir)})
    settings = WindowSettings(config.model.max_length, config.model.stride)
    corpus = load_corpus(
        config.data.train_files,
        config.data.validation_files,
        config.data.test_files,
        corpora=config.data.corpora,
        corpora_dir=config.data.corpora_dir,
    )
    if config.data.max_train_documents:
        corpus["train"] = corpus["train"].select(range(min(config.data.max_train_documents, corpus["train"].num_rows)))
    model, tokenizer = build_model(config)
    describe_model(model, config, settings)
    label2id = model.config.label2id
    features = corpus.map(
        tokenize_and_align,
        batched=True,
        remove_columns=corpus["train"].column_names,
        fn_kwargs={"tokenizer": tokenizer, "label2id": label2id, "settings": settings},
        desc="Tokenizing",
    )
    args = config.training
    has_eval = "validation" in features
    if not has_eval:
        # no dev set: nothing to select the best model on
        args.eval_strategy = "no"
        args.load_best_model_at_end = False
    trainer = EventTrainer(
        model=model,
        head_learning_rate=config.model.head_learning_rate,
        batch_tokens=config.data.train_batch_tokens,
        args=args,
        train_dataset=features["train"],
        eval_dataset=features["validation"] if has_eval else None,
        processing_class=tokenizer,
        data_collator=DataCollatorForTokenClassification(tokenizer),
        compute_metrics=window_metrics(model.config.id2label),
        callbacks=[EarlyStoppingCallback(config.data.early_stopping_patience)] if has_eval else [],
    )
    checkpoint = get_last_checkpoint(str(output_dir)) if resume and output_dir.is_dir() else None
    if resume and checkpoint is None:
        logger.warning("--resume: no checkpoint in %s, training from the start", output_dir)
    train_result = trainer.train(resume_from_checkpoint=checkpoint)
    trainer.save_model(str(output_dir))  # safetensors, config.json with labels and conflict_events settings
    # The saved model holds no pickles: the run config is kept as YAML instead of training_args.bin.
    (output_dir / "training_args.bin").unlink(missing_ok=True)
    shutil.copyfile(config_path, output_dir / "run_config.yaml")
    metrics: dict[str, Any] = {"train": {k: float(v) for k, v in train_result.metrics.items()}}
    if trainer.is_world_process_zero():
        from training.evaluation import evaluate_model

        for split in ("validation", "test"):
            if split in corpus:
                metrics[split] = evaluate_model(output_dir, corpus[split], show_progress=False)
        (output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
        from training.modelcard import write_model_card

        write_model_card(output_dir, config, metrics)
    return metrics
