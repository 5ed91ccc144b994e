#!/usr/bin/env bash
# Fuzzes bcf-check with cargo-fuzz (libFuzzer). Usage: scripts/fuzz.sh [TARGET] [SECONDS]
#   TARGET: check (default: the whole check, the product's guarantee) or workbook (the reader
#   alone, without the panic isolation: finds calamine's own panics).
# Seeds are the sample plans; crashes land in fuzz/artifacts/TARGET/. Keep each one as a
# regression case in tests/fixtures/fuzz/, named after what it broke.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
target="${1:-check}"
seconds="${2:-600}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cd "$ROOT/fuzz"
mkdir -p "corpus/$target"
cp -n "$ROOT"/tests/fixtures/*.xls? "$ROOT"/tests/fixtures/libreoffice/* "corpus/$target/" 2>/dev/null || true
# cargo-fuzz passes nightly-only flags (-Z); RUSTC_BOOTSTRAP lets the stable toolchain take them.
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20
