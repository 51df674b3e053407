import json

import pytest

from conftest import tiny_config
from inference.engine import pack_by_budget
from training.sampling import TokenBudgetBatchSampler


def test_batches_stay_within_the_budget_and_cover_every_window():
    lengths = [10, 250, 30, 30, 120, 64, 64, 64, 200, 12]
    batches = pack_by_budget(lengths, 256)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) * max(lengths[i] for i in batch) <= 256


def test_short_windows_go_many_to_a_batch_and_long_ones_alone():
    lengths = [8] * 10 + [200, 220]
    batches = pack_by_budget(lengths, 256)
    assert [len(b) for b in batches] == [10, 1, 1]


def test_a_window_longer_than_the_budget_gets_its_own_batch():
    assert pack_by_budget([300, 10], 256) == [[1], [0]]


def test_tie_order_changes_members_but_not_batch_count():
    lengths = [50] * 9 + [100] * 5
    a = pack_by_budget(lengths, 200)
    b = pack_by_budget(lengths, 200, order=list(reversed(range(len(lengths)))))
    assert [len(x) for x in a] == [len(x) for x in b]
    assert a != b


def test_bad_budget_is_refused():
    with pytest.raises(ValueError, match="batch_tokens"):
        pack_by_budget([3], 0)


def test_sampler_reshuffles_per_epoch_with_a_fixed_length():
    lengths = [(i * 37) % 120 + 5 for i in range(200)]
    sampler = TokenBudgetBatchSampler(lengths, 512, seed=3)
    first = list(sampler)
    assert len(first) == len(sampler)
    assert list(sampler) == first, "same epoch, same batches"
    sampler.set_epoch(1)
    second = list(sampler)
    assert len(second) == len(sampler) and second != first
    assert sorted(i for b in second for i in b) == list(range(200))


def test_training_with_a_token_budget(tmp_path, tiny_base_model, tiny_corpus):
    from training.trainer import train

    config = tiny_config(tmp_path, tiny_base_model, tiny_corpus, num_train_epochs=1, load_best_model_at_end=False,
                         train_batch_tokens=96)
    out = tmp_path / "model"
    metrics = train(config, out)
    windows = sum(1 for _ in open(tiny_corpus / "train.jsonl"))
    state = json.loads((sorted(out.glob("checkpoint-*"))[-1] / "trainer_state.json").read_text())
    # 32-token windows, 96-token budget: at most 3 windows per step, so at least windows / 3 steps
    assert state["global_step"] >= windows / 3
    assert metrics["train"]["epoch"] == pytest.approx(1.0)


def _draw_in_worker(rows):
    import numpy as np
    import torch

    return {"length": torch.tensor([len(rows)]), "draw": torch.tensor([np.random.random()])}


def test_token_budget_loader_seeds_workers_by_rank_as_the_trainer_does(tmp_path, tiny_base_model, monkeypatch):
    from datasets import Dataset
    from transformers import AutoModelForTokenClassification, TrainingArguments

    from training.trainer import EventTrainer

    model = AutoModelForTokenClassification.from_pretrained(tiny_base_model, num_labels=3)
    dataset = Dataset.from_dict({"input_ids": [[1] * n for n in range(1, 41)], "length": list(range(1, 41))})
    args = TrainingArguments(output_dir=str(tmp_path), dataloader_num_workers=2, seed=11, report_to=[],
                             remove_unused_columns=False, use_cpu=True)

    def draws():
        trainer = EventTrainer(model=model, args=args, train_dataset=dataset, data_collator=_draw_in_worker,
                               batch_tokens=64)
        return [float(batch["draw"]) for batch in trainer.get_train_dataloader()]

    first = draws()
    assert first[0] != first[1], "each worker draws its own numbers"
    assert draws() == first, "same seed, same draws"
    # every process of a multi-process run seeds its workers alike: the rank must tell them apart, or all
    # processes would draw the same random numbers (augmentation, dropout in a collator)
    monkeypatch.setattr(TrainingArguments, "process_index", property(lambda self: 1))
    assert draws() != first
