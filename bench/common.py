"""Helpers shared by the benchmark scripts: the machine header, Markdown tables, peak memory, span F1."""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import shlex
import statistics
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # the package is normally installed editable; this keeps a bare checkout working
    sys.path.insert(0, str(REPO))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info(device: str = "cpu") -> dict[str, Any]:
    """What a result needs to be pasted into BENCHMARKS.md: command, machine, versions, date."""
    import torch
    import transformers

    info: dict[str, Any] = {
        "command": "python " + " ".join(shlex.quote(a) for a in sys.argv),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "python": platform.python_version(),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "device": device,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    if device.startswith("cuda") and torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
    return info


def print_header(info: dict[str, Any]) -> None:
    print(f"`{info['command']}`\n")
    gpu = f", GPU {info['gpu']}" if "gpu" in info else ""
    print(f"Machine: {info['cpu']}, {info['cores']} cores ({info['torch_threads']} torch threads){gpu}; "
          f"torch {info['torch']}, transformers {info['transformers']}, Python {info['python']}; {info['date']}\n")
    if info["load_average_1min"] > 0.5:
        print(f"**Warning**: load average {info['load_average_1min']} before the benchmark started: other work on "
              "this machine slows and skews the timings.\n")


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports ru_maxrss in KiB)."""
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


Span = tuple[int, int, str]


def span_f1(reference: Sequence[Iterable[Span]], other: Sequence[Iterable[Span]]) -> float:
    """Micro F1 of exact (start, end, label) matches, summed over articles; symmetric; 1.0 when both are empty."""
    if len(reference) != len(other):
        raise ValueError("span lists of different lengths")
    matched = total = 0
    for ref, oth in zip(reference, other):
        a, b = set(map(tuple, ref)), set(map(tuple, oth))
        matched += len(a & b)
        total += len(a) + len(b)
    return 1.0 if total == 0 else 2 * matched / total
