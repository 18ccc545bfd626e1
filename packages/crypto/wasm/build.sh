#!/usr/bin/env bash
# Builds sr25519Batch.wasm from the C sources beside this script (Debian: apt-get install clang lld).
# The built module is committed, so the node and CI need no C toolchain; run this after changing a
# source and commit both (sr25519Batch.test.ts checks the module against independent implementations, and that it is what these sources build).
set -euo pipefail
cd "$(dirname "$0")"
OUT="${1:-../src/sr25519Batch.wasm}"
clang --target=wasm32 -O3 -flto -nostdlib -mbulk-memory -fno-builtin -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--lto-O3 -Wl,-z,stack-size=65536 -Wl,--strip-all \
  -o "$OUT" fe.c point.c scalar.c merlin.c msm.c batch.c
ls -l "$OUT"
