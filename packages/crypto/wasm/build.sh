#!/usr/bin/env bash
# Builds sr25519Batch.wasm and hash.wasm from the C sources beside this script (Debian: apt-get
# install clang lld) into OUTDIR (default ../src). The built modules are committed, so the node and
# CI need no C toolchain; run this after changing a source and commit both (sr25519Batch.test.ts and
# wasmHash.test.ts check the modules against independent implementations, and that they are what
# these sources build).
set -euo pipefail
cd "$(dirname "$0")"
OUT="${1:-../src}"
build() {
  local out="$1"
  shift
  clang --target=wasm32 -O3 -flto -nostdlib -mbulk-memory -fno-builtin -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--lto-O3 -Wl,-z,stack-size=65536 -Wl,--strip-all -o "$OUT/$out" "$@"
  ls -l "$OUT/$out"
}
build sr25519Batch.wasm fe.c point.c scalar.c merlin.c msm.c batch.c
build hash.wasm hash.c
