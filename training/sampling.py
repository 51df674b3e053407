"""Token-budget batches for training: windows of similar length packed until rows x longest reaches a budget.

The packing is the inference engine's (inference.engine.pack_by_budget); training adds per-epoch shuffling.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from torch.utils.data import Sampler

from inference.engine import pack_by_budget


class TokenBudgetBatchSampler(Sampler[list[int]]):
    """Batches of similar-length windows holding at most `budget` padded tokens; shuffled anew each epoch.

    Short windows go many to a batch and long ones few, so each optimizer step computes about the same number of
    tokens and almost none of them is padding. Ties in length are broken at random per epoch (so batches change
    between epochs) and the batch order is shuffled per epoch; `set_epoch` is called by the Trainer.
    """

    def __init__(self, lengths: Sequence[int], budget: int, seed: int = 0) -> None:
        self.lengths = list(lengths)
        self.budget = budget
        self.seed = seed
        self.epoch = 0
        self._count = len(pack_by_budget(self.lengths, budget))

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[list[int]]:
        rng = np.random.default_rng([self.seed, self.epoch])
        batches = pack_by_budget(self.lengths, self.budget, order=rng.permutation(len(self.lengths)).tolist())
        for position in rng.permutation(len(batches)):
            yield batches[position]
