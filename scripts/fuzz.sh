#!/usr/bin/env bash
# Fuzzes bcf-check with cargo-fuzz (libFuzzer). Usage: scripts/fuzz.sh [TARGET] [SECONDS]
#   TARGET: check (default: the whole check, the product's guarantee), workbook (the reader
#   alone, without the panic isolation: finds calamine's own panics), definition (template
#   definitions from arbitrary bytes) or marked_copy (mark, read the copy back, mark again).
# Seeds are the sample plans; crashes land in fuzz/artifacts/TARGET/. Keep each one as a
# regression case in tests/fixtures/fuzz/, named after what it broke.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
target="${1:-check}"
seconds="${2:-600}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cd "$ROOT/fuzz"
mkdir -p "corpus/$target"
if [ "$target" = definition ]; then
  cp -n "$ROOT"/src/profile/profiles/*.json "$ROOT"/tests/fixtures/profile-variant/*.json "corpus/$target/" 2>/dev/null || true
else
  cp -n "$ROOT"/tests/fixtures/*.xls? "$ROOT"/tests/fixtures/libreoffice/* "$ROOT"/tests/fixtures/hostile/*.ods \
    "$ROOT"/tests/fixtures/sniffing/* "corpus/$target/" 2>/dev/null || true
fi
# cargo-fuzz passes nightly-only flags (-Z); RUSTC_BOOTSTRAP lets the stable toolchain take them.
# The limits are the product's own promises, so that a fuzz input that breaks one is a crash:
# no single allocation over 256 MB (the memory budget) and no input slower than 10 seconds. The
# resident limit is wider, 2 GB: libFuzzer keeps its whole corpus in memory and the address
# sanitizer keeps freed memory in quarantine, which a 512 MB limit mistook for our use (an input
# flagged so read in 16 MB natively).
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$seconds" \
  -malloc_limit_mb=256 -rss_limit_mb=2048 -timeout=10
