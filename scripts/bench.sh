#!/usr/bin/env bash
# Sets up whatever is missing, builds everything in release mode and prints the benchmark
# figures: native and wasm check times, SheetJS's parse time on the same files, the page in
# headless Chromium, the CLI on 150 plans, and the site's download size. Nothing is asserted.
# Usage: scripts/bench.sh [--json]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" >/dev/null
cd "$ROOT"
out="$ROOT/target/bench"

say "building (release)"
cargo build --release --quiet --bin bcf-check --bin bcf-check-bench
# The core for Node three times: as the site's checking worker ships it (opt-level "s", wasm-opt
# -Os with index.html's wasm-opt parameters), the smallest build (opt-level "z", -Oz, as the marked
# copy's worker ships) and optimised for speed (opt-level 3, -O3), to show what size costs in time.
for build in "web-checking:-Os -ocimfs 50 --low-memory-unused --converge" web:-Oz web-speed:-O3; do
  profile="${build%%:*}"
  opt="${build##*:}"
  wasm cargo build --quiet --target wasm32-unknown-unknown --profile "$profile" --bin bcf-check-node
  wasm_dir="$ROOT/target/wasm32-unknown-unknown/$profile"
  [ -f "$TOOLS/wasm-route-b" ] && wasm_dir="$ROOT/target/debian/wasm32-unknown-unknown/$profile"
  wasm-bindgen --target nodejs --out-dir "$out/node-$profile" "$wasm_dir/bcf-check-node.wasm"
  # wasm-bindgen writes CommonJS for Node; the project root says "type": "module".
  echo '{ "type": "commonjs" }' > "$out/node-$profile/package.json"
  # shellcheck disable=SC2086 # $opt is the level and any parameters, as words.
  wasm-opt $opt --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types \
    "$out/node-$profile/bcf-check-node_bg.wasm" -o "$out/node-$profile/bcf-check-node_bg.wasm"
done
wasm trunk build --release >/dev/null 2>&1

say "benchmarks ($(nproc) cores; figures vary with load)"
"$ROOT/target/release/bcf-check-bench" "$out" | tee "$out/native.txt"
# --json: also write target/bench/figures.json (the README's table comes from it).
node scripts/bench.mjs "$out" "$@"

say "size of the site's code (what a visitor downloads)"
node scripts/size.mjs dist
