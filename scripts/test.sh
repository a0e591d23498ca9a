#!/usr/bin/env bash
# Install everything into .venv/ and run the whole test suite (integration tests included).
# Needs Redis on 127.0.0.1:6379, PostgreSQL on 127.0.0.1:5432 and Debian's /usr/bin/chromium for the browser
# tests (.ci/run starts and installs them when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
# torch first: its CPU build lies on disk; left to the resolver, pip would fetch a multi-GB CUDA build.
.venv/bin/pip install -q --disable-pip-version-check torch==2.13.0
# llama-cpp-python (the local model server of the LLM tests) compiles: portable flags, and pip caches the wheel.
CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF}" \
  .venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest "$@"
