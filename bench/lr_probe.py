"""Short training probes of the quickstart config: dev span F1 after N steps for a given head / encoder rate.

    python bench/lr_probe.py --head-lr 2.0e-2 --lr 3.0e-4 [--steps 60]

Trains configs/quickstart.yaml for --steps steps (no checkpoints, no early stopping) and prints the dev span F1
and sub-event type accuracy of the result, scored on whole articles as `conflict-events evaluate` does.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from common import REPO  # noqa: F401  (puts the repository on sys.path for a bare checkout)
from training.trainer import train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/quickstart.yaml")
    parser.add_argument("--head-lr", type=float, default=None, help="omit for the encoder's rate")
    parser.add_argument("--lr", type=float, default=3.0e-4)
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        metrics = train(
            args.config,
            out,
            overrides={
                "head_learning_rate": args.head_lr,
                "learning_rate": args.lr,
                "max_steps": args.steps,
                "eval_strategy": "steps",
                "eval_steps": 10 * args.steps,  # no evaluation during the probe
                "save_strategy": "steps",
                "save_steps": 10 * args.steps,
                "load_best_model_at_end": False,
                "test_files": [],
                "disable_tqdm": True,
            },
        )
    dev = metrics["validation"]
    print(f"head_lr={args.head_lr} lr={args.lr} steps={args.steps}: dev span F1 {dev['span_f1']:.3f}, "
          f"sub-type accuracy {dev['sub_event_type_accuracy']:.3f}, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
