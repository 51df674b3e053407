"""Training throughput in real (non-pad) tokens/s: our length-grouped dynamic padding against pad-to-max-length.

    python bench/training_throughput.py --config configs/quickstart.yaml [--max-steps 30] [--threads N] [--out r.json]

Both arms fine-tune the config's model on the same windows (its train files tokenized by
training.preprocessing.tokenize_and_align, as training/trainer.py does), from the same initial weights (same seed),
for the same --max-steps at the config's batch size, with transformers' Trainer (no evaluation, no saving, no
logging). Ours: the config's `train_sampling_strategy` (group_by_length) and DataCollatorForTokenClassification
padding each batch to its longest window. Naive: random order and every window padded to max_length. A wrapper
around each collator counts the tokens of every batch it builds: non-pad tokens from the attention mask (special
tokens included) and computed tokens (rows x width); only the batches trained on are summed (the data loader
builds one batch ahead). Time is the training loop only (on_train_begin to
on_train_end, after an untimed 2-step warm-up run). When the config's train files do not exist, the authored
articles in data/raw are compiled into a temporary corpus (the split `conflict-events compile` makes) and used.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import REPO, machine_info, peak_rss_mib, print_header, table


@dataclass
class CountingCollator:
    """Wraps a collator; records the non-pad and computed tokens and the rows of each batch it builds."""

    inner: Any
    counts: list[tuple[int, int, int]] = field(default_factory=list)

    def __call__(self, features: list[dict[str, Any]]) -> dict[str, Any]:
        batch = self.inner(features)
        mask = batch["attention_mask"]
        self.counts.append((int(mask.sum()), mask.numel(), mask.shape[0]))
        return batch

    def totals(self, batches: int) -> tuple[int, int, int]:
        """Sums over the first `batches` batches: the data loader builds one batch ahead that is never trained on."""
        used = self.counts[:batches]
        return sum(c[0] for c in used), sum(c[1] for c in used), sum(c[2] for c in used)


def _loop_timer() -> Any:
    """A callback timing the training loop alone (transformers is imported late to keep --help fast)."""
    from transformers import TrainerCallback

    class LoopTimer(TrainerCallback):
        begin = seconds = 0.0

        def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            self.begin = time.perf_counter()

        def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            self.seconds = time.perf_counter() - self.begin

    return LoopTimer()


def train_arm(config_path: Path, overrides: dict[str, Any], features: Any, naive: bool, seed: int) -> dict[str, Any]:
    from transformers import DataCollatorForTokenClassification, PrinterCallback, Trainer, set_seed

    from training.arguments import load_config
    from training.trainer import build_model

    config = load_config(config_path, {**overrides, **({"train_sampling_strategy": "random"} if naive else {})})
    set_seed(seed)
    model, tokenizer = build_model(config)
    if naive:
        inner = DataCollatorForTokenClassification(tokenizer, padding="max_length",
                                                   max_length=config.model.max_length)
    else:
        inner = DataCollatorForTokenClassification(tokenizer)
    collator = CountingCollator(inner)
    timer = _loop_timer()
    trainer = Trainer(model=model, args=config.training, train_dataset=features, processing_class=tokenizer,
                      data_collator=collator, callbacks=[timer])
    trainer.remove_callback(PrinterCallback)  # with disable_tqdm it prints the run summary
    result = trainer.train()
    steps = trainer.state.global_step
    real, computed, windows = collator.totals(steps * config.training.gradient_accumulation_steps)
    return {"arm": "naive" if naive else "ours", "sampling": config.training.train_sampling_strategy,
            "padding": f"max_length={config.model.max_length}" if naive else "longest in batch",
            "steps": steps, "batches_collated": len(collator.counts), "windows": windows,
            "real_tokens": real, "computed_tokens": computed, "pad_share": 1 - real / computed,
            "seconds": timer.seconds, "seconds_per_step": timer.seconds / max(1, steps),
            "real_tokens_per_s": real / timer.seconds, "computed_tokens_per_s": computed / timer.seconds,
            "train_loss": float(result.training_loss), "batch_size": config.training.per_device_train_batch_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--config", required=True, type=Path, help="run config YAML (configs/quickstart.yaml)")
    parser.add_argument("--max-steps", type=int, default=30)
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's, one per core)")
    parser.add_argument("--out", type=Path, help="write the results as JSON")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["TRANSFORMERS_VERBOSITY"] = "error"
    import torch
    from transformers.utils import logging

    logging.disable_progress_bar()
    import datasets

    datasets.disable_progress_bars()
    if args.threads:
        torch.set_num_threads(args.threads)
    from inference.windows import WindowSettings
    from training.arguments import load_config
    from training.corpus import compile_corpus, load_corpus
    from training.preprocessing import tokenize_and_align
    from training.trainer import build_model

    info = machine_info("cuda" if torch.cuda.is_available() else "cpu")
    print_header(info)
    with tempfile.TemporaryDirectory(prefix="bench-training-") as tmp:
        overrides: dict[str, Any] = {"output_dir": tmp, "max_steps": args.max_steps, "eval_strategy": "no",
                                     "save_strategy": "no", "load_best_model_at_end": False,
                                     "logging_strategy": "no", "report_to": "none", "disable_tqdm": True}
        config = load_config(args.config, overrides)
        train_files = config.data.train_files
        data_note = f"train files {', '.join(train_files)}"
        if not all(Path(f).is_file() for f in train_files) and not config.data.corpora:
            counts = compile_corpus([REPO / "data" / "raw"], Path(tmp) / "data")
            train_files = [str(Path(tmp) / "data" / "train.jsonl")]
            overrides.update(train_files=train_files, validation_files=[], test_files=[])
            data_note = (f"NOTE: {', '.join(config.data.train_files)} not found; a temporary corpus compiled from "
                         f"data/raw was used ({counts['train']} train documents)")
        config = load_config(args.config, overrides)
        corpus = load_corpus(train_files, corpora=config.data.corpora, corpora_dir=config.data.corpora_dir)
        train = corpus["train"]
        if config.data.max_train_documents:
            train = train.select(range(min(config.data.max_train_documents, train.num_rows)))
        settings = WindowSettings(config.model.max_length, config.model.stride)
        model, tokenizer = build_model(config)
        features = train.map(tokenize_and_align, batched=True, remove_columns=train.column_names,
                             fn_kwargs={"tokenizer": tokenizer, "label2id": model.config.label2id,
                                        "settings": settings})
        del model
        lengths = features["length"]
        print(f"Config {args.config} (model {config.model.model_name_or_path}); {data_note}; "
              f"{train.num_rows} documents -> {len(lengths)} windows of at most {settings.max_length} tokens "
              f"(mean {sum(lengths) / len(lengths):.0f}); {args.max_steps} steps x batch "
              f"{config.training.per_device_train_batch_size}.\n")
        seed = config.training.seed
        train_arm(args.config, {**overrides, "max_steps": 2}, features, naive=True, seed=seed)  # warm-up
        results = [train_arm(args.config, overrides, features, naive=naive, seed=seed) for naive in (False, True)]
    ratio = results[0]["real_tokens_per_s"] / results[1]["real_tokens_per_s"]
    print(table(["arm", "sampling", "padding", "steps", "windows", "real tokens", "computed tokens", "padding share",
                 "loop s", "s/step", "real tokens/s", "train loss"],
                [[r["arm"], r["sampling"], r["padding"], r["steps"], r["windows"], r["real_tokens"],
                  r["computed_tokens"], f"{r['pad_share']:.1%}", r["seconds"], r["seconds_per_step"],
                  r["real_tokens_per_s"], r["train_loss"]] for r in results]))
    print(f"\nReal tokens/s, ours / naive: {ratio:.2f}x. Peak RSS of this process: {peak_rss_mib():,.0f} MiB.")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"machine": info, "config": str(args.config), "data": data_note,
                                        "max_steps": args.max_steps, "results": results, "ratio": ratio}, indent=2),
                            encoding="utf-8")
        print(f"\nJSON -> {args.out}")


if __name__ == "__main__":
    main()
