"""The batch engine: windows sorted by length, packed into batches by a token budget, merged per article."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Sequence

import torch

from inference.decoding import TokenScores, WindowMerger
from inference.windows import WindowSettings, tokenize_windows


def pick_device(device: str | torch.device | None = None) -> torch.device:
    """The given device, else cuda, then mps, then cpu."""
    if device is not None:
        return torch.device(device)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


@dataclass(frozen=True)
class EncodedBatch:
    """Tokenized windows of a chunk of articles, ready for the model."""

    input_ids: list[list[int]]
    offsets: list[list[tuple[int, int]]]
    owner: list[int]  # window -> article index within the chunk
    num_articles: int

    @property
    def num_tokens(self) -> int:
        return sum(len(ids) for ids in self.input_ids)


def encode(tokenizer: Any, texts: Sequence[str], settings: WindowSettings) -> EncodedBatch:
    """Tokenize a chunk of articles into windows (CPU work that can overlap model compute)."""
    if not texts:
        return EncodedBatch([], [], [], 0)
    batch = tokenize_windows(tokenizer, texts, settings)
    return EncodedBatch(
        input_ids=batch["input_ids"],
        offsets=[[tuple(o) for o in offs] for offs in batch["offset_mapping"]],
        owner=list(batch["overflow_to_sample_mapping"]),
        num_articles=len(texts),
    )


def pack_by_budget(
    lengths: Sequence[int], batch_tokens: int, order: Sequence[int] | None = None
) -> list[list[int]]:
    """Group window indices, sorted by length, so that each padded batch holds at most `batch_tokens` tokens.

    `order` (a permutation of the indices) breaks ties between equal lengths, index order by default; the batch
    boundaries depend only on the lengths, so the number of batches does not change with it. A window longer than
    the budget gets a batch of its own.

    >>> pack_by_budget([5, 100, 7, 98], batch_tokens=200)
    [[0, 2], [3, 1]]
    """
    if batch_tokens < 1:
        raise ValueError("batch_tokens must be at least 1")
    rank = list(range(len(lengths)))
    if order is not None:
        for position, index in enumerate(order):
            rank[index] = position
    batches: list[list[int]] = []
    current: list[int] = []
    for index in sorted(range(len(lengths)), key=lambda i: (lengths[i], rank[i])):
        # sorted ascending, so the newest window is the longest: padded size = its length x batch size
        if current and lengths[index] * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


class BatchEngine:
    """Runs a token-classification model over encoded windows and returns merged per-article scores."""

    def __init__(
        self,
        model: torch.nn.Module,
        *,
        pad_token_id: int,
        batch_tokens: int = 4096,
        device: str | torch.device | None = None,
        dtype: torch.dtype | None = None,
    ) -> None:
        self.device = pick_device(device)
        self.model = model.to(self.device).eval()
        self.pad_token_id = pad_token_id
        self.batch_tokens = batch_tokens
        # bf16 autocast on CUDA where supported; fp32 elsewhere (CPU autocast gives no speed-up here).
        if dtype is None and self.device.type == "cuda":
            dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        self.dtype = dtype
        self.num_labels = int(model.config.num_labels)

    def _autocast(self) -> contextlib.AbstractContextManager:
        if self.dtype is None or self.device.type != "cuda":
            return contextlib.nullcontext()
        return torch.autocast(device_type="cuda", dtype=self.dtype)

    def _to_device(self, tensor: torch.Tensor) -> torch.Tensor:
        if self.device.type == "cuda":
            return tensor.pin_memory().to(self.device, non_blocking=True)
        return tensor.to(self.device)

    def run(self, encoded: EncodedBatch) -> list[TokenScores]:
        mergers = [WindowMerger() for _ in range(encoded.num_articles)]
        lengths = [len(ids) for ids in encoded.input_ids]
        with torch.inference_mode():
            for batch in pack_by_budget(lengths, self.batch_tokens):
                width = max(lengths[i] for i in batch)
                ids = torch.full((len(batch), width), self.pad_token_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, index in enumerate(batch):
                    ids[row, : lengths[index]] = torch.tensor(encoded.input_ids[index])
                    mask[row, : lengths[index]] = 1
                with self._autocast():
                    logits = self.model(input_ids=self._to_device(ids), attention_mask=self._to_device(mask)).logits
                probs = torch.softmax(logits.float(), dim=-1).cpu().numpy()
                for row, index in enumerate(batch):
                    mergers[encoded.owner[index]].add(encoded.offsets[index], probs[row, : lengths[index]])
        return [merger.result(self.num_labels) for merger in mergers]


def real_token_count(encoded: EncodedBatch) -> int:
    """Tokens that cover text, counted once even where windows overlap."""
    seen = set()
    for owner, offsets in zip(encoded.owner, encoded.offsets):
        seen.update((owner, s, e) for s, e in offsets if e > s)
    return len(seen)

