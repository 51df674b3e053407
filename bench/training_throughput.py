"""Training throughput in real (non-pad) tokens/s: our token-budget batches against pad-to-max-length.

    python bench/training_throughput.py --config configs/quickstart.yaml [--epochs 1 | --max-steps N]
        [--batch-tokens N] [--threads N] [--out r.json]

Three arms fine-tune the config's model on the same windows (its train files tokenized by
training.preprocessing.tokenize_and_align, as training/trainer.py does), from the same initial weights (same seed),
with training.trainer.EventTrainer (no evaluation, no saving, no logging), for one epoch by default so that every
arm trains on exactly the same windows:
  budget  - token-budget batches (training.sampling.TokenBudgetBatchSampler), padded to their longest window;
  grouped - transformers' group_by_length, batches of per_device_train_batch_size windows padded to their longest;
  naive   - random order, batches of per_device_train_batch_size windows, every window padded to max_length.
The default budget is per_device_train_batch_size x max_length, the naive arm's computed tokens per step. A
wrapper around each collator counts the tokens of every batch it builds: non-pad tokens from the attention mask
(special tokens included) and computed tokens (rows x width); only the batches trained on are summed (the data
loader builds one batch ahead). Time is the training loop only (on_train_begin to on_train_end, after an untimed
2-step warm-up run). When the config's train files do not exist, the authored articles in data/raw are compiled
into a temporary corpus (the split `conflict-events compile` makes) and used.
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


ARMS = {
    "naive": "random order, every window padded to max_length",
    "grouped": "group_by_length, batches of per_device_train_batch_size padded to their longest",
    "budget": "token-budget batches (training.sampling) of train_batch_tokens, padded to their longest",
}


def train_arm(config_path: Path, overrides: dict[str, Any], features: Any, arm: str, seed: int,
              batch_tokens: int) -> dict[str, Any]:
    from transformers import DataCollatorForTokenClassification, PrinterCallback, set_seed

    from training.arguments import load_config
    from training.trainer import EventTrainer, build_model

    sampling = {"naive": "random", "grouped": "group_by_length", "budget": "token budget"}[arm]
    config = load_config(config_path, {**overrides, "train_sampling_strategy":
                                       "random" if arm == "naive" else "group_by_length"})
    set_seed(seed)
    model, tokenizer = build_model(config)
    if arm == "naive":
        inner = DataCollatorForTokenClassification(tokenizer, padding="max_length",
                                                   max_length=config.model.max_length)
    else:
        inner = DataCollatorForTokenClassification(tokenizer)
    collator = CountingCollator(inner)
    timer = _loop_timer()
    trainer = EventTrainer(model=model, args=config.training, train_dataset=features, processing_class=tokenizer,
                           data_collator=collator, callbacks=[timer],
                           head_learning_rate=config.model.head_learning_rate,
                           batch_tokens=batch_tokens if arm == "budget" else None)
    trainer.remove_callback(PrinterCallback)  # with disable_tqdm it prints the run summary
    result = trainer.train()
    steps = trainer.state.global_step
    real, computed, windows = collator.totals(steps * config.training.gradient_accumulation_steps)
    batch = f"{batch_tokens} tokens" if arm == "budget" else f"{config.training.per_device_train_batch_size} windows"
    return {"arm": arm, "what": ARMS[arm], "sampling": sampling, "batch": batch,
            "padding": f"max_length={config.model.max_length}" if arm == "naive" else "longest in batch",
            "steps": steps, "batches_collated": len(collator.counts), "windows": windows,
            "real_tokens": real, "computed_tokens": computed, "pad_share": 1 - real / computed,
            "seconds": timer.seconds, "seconds_per_step": timer.seconds / max(1, steps),
            "real_tokens_per_s": real / timer.seconds, "computed_tokens_per_s": computed / timer.seconds,
            "train_loss": float(result.training_loss)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--config", required=True, type=Path, help="run config YAML (configs/quickstart.yaml)")
    parser.add_argument("--epochs", type=float, default=1.0,
                        help="train each arm this many epochs (default 1: every arm sees every window once)")
    parser.add_argument("--max-steps", type=int, help="train each arm this many steps instead of --epochs")
    parser.add_argument("--batch-tokens", type=int,
                        help="token budget of the budget arm (default: the config's train_batch_tokens, else "
                             "per_device_train_batch_size x max_length, the naive arm's computed tokens per step)")
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
        overrides: dict[str, Any] = {"output_dir": tmp, "max_steps": args.max_steps or -1,
                                     "num_train_epochs": args.epochs, "eval_strategy": "no",
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
              f"(mean {sum(lengths) / len(lengths):.0f}); "
              f"{f'{args.max_steps} steps' if args.max_steps else f'{args.epochs:g} epoch(s)'} per arm.\n")
        seed = config.training.seed
        batch_tokens = args.batch_tokens or config.data.train_batch_tokens or (
            config.training.per_device_train_batch_size * settings.max_length)
        warm = {**overrides, "max_steps": 2}
        train_arm(args.config, warm, features, "naive", seed, batch_tokens)
        results = [train_arm(args.config, overrides, features, arm, seed, batch_tokens)
                   for arm in ("budget", "grouped", "naive")]
    naive = results[-1]["real_tokens_per_s"]
    for r in results:
        r["x_naive"] = r["real_tokens_per_s"] / naive
    ratio = results[0]["x_naive"]
    print(table(["arm", "sampling", "batch", "padding", "steps", "windows", "real tokens", "computed tokens",
                 "padding share", "loop s", "s/step", "real tokens/s", "x naive", "train loss"],
                [[r["arm"], r["sampling"], r["batch"], r["padding"], r["steps"], r["windows"], r["real_tokens"],
                  r["computed_tokens"], f"{r['pad_share']:.1%}", r["seconds"], r["seconds_per_step"],
                  r["real_tokens_per_s"], f"{r['x_naive']:.2f}", r["train_loss"]] for r in results]))
    print(f"\nReal tokens/s, token budget / naive: {ratio:.2f}x; group_by_length / naive: "
          f"{results[1]['x_naive']:.2f}x. Peak RSS of this process: {peak_rss_mib():,.0f} MiB.")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"machine": info, "config": str(args.config), "data": data_note,
                                        "max_steps": args.max_steps, "epochs": args.epochs,
                                        "batch_tokens": batch_tokens, "results": results, "ratio": ratio}, indent=2),
                            encoding="utf-8")
        print(f"\nJSON -> {args.out}")


if __name__ == "__main__":
    main()
