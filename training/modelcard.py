"""The model card (README.md) written next to a saved model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from inference.schema import SCHEMA_VERSION
from inference.version import __version__


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def write_model_card(output_dir: Path, config: Any, metrics: dict[str, Any]) -> Path:
    rows = []
    for split in ("validation", "test"):
        m = metrics.get(split)
        if m:
            rows.append(
                f"| {split} | {m['documents']} | {_fmt(m['span_precision'])} | {_fmt(m['span_recall'])} | "
                f"{_fmt(m['span_f1'])} | {_fmt(m['event_type_accuracy'])} | {_fmt(m['event_type_macro_f1'])} | "
                f"{_fmt(m['sub_event_type_accuracy'])} |"
            )
    labels = ", ".join(sorted({l[2:] for l in config_labels(output_dir) if l != "O"}))
    text = f"""---
library_name: transformers
pipeline_tag: token-classification
tags: [conflict-events, acled, event-extraction]
---
# conflict-events model

Fine-tuned by conflict-events {__version__} on {dt.date.today().isoformat()} (schema {SCHEMA_VERSION}).

- Base model: `{config.model.model_name_or_path}`
- Training data: {", ".join(config.data.train_files + [f"public corpus {c}" for c in config.data.corpora])}
- Windows: {config.model.max_length} tokens, stride {config.model.stride}
- Config: learning rate {config.training.learning_rate}, {config.training.num_train_epochs} epochs max,
  batch {config.training.per_device_train_batch_size}, seed {config.training.seed}, early stopping on dev span F1

## Metrics (whole articles, seqeval default mode)

| split | docs | span P | span R | span F1 | event type acc | event type macro-F1 | sub-type acc |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

## Labels

BIO over: {labels}

## Use

```python
from inference import EventExtractor
events = EventExtractor.from_pretrained("{output_dir}").extract({{"text": "...", "published": "2024-05-03"}})
```
"""
    path = output_dir / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def config_labels(output_dir: Path) -> list[str]:
    import json

    config = json.loads((output_dir / "config.json").read_text(encoding="utf-8"))
    return list(config.get("id2label", {}).values())
