#!/usr/bin/env bash
# Install into .venv/ and start everything with embedded defaults: no key, no internet, no Redis needed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
# torch first: its CPU build lies on disk; left to the resolver, pip would fetch a multi-GB CUDA build.
.venv/bin/pip install -q --disable-pip-version-check torch==2.13.0
.venv/bin/pip install -q --disable-pip-version-check -e .
exec .venv/bin/recruiter up
